// Package lexicon is how cnl reads English text about software: its words
// and stems, names and their qualifiers, sentences and acronyms, the word
// lists the finders and the ranker share (words.txt), and the field's
// jargon (jargon.txt: k8s is Kubernetes, a VM a virtual machine), the
// stemmer, and the edit distance that measures a typo.
package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words splits s into lower-case words: runs of letters and digits. Any
// other rune separates words, fullwidth punctuation ("，") and symbols
// included, so "Filesystem，Object Storage" is three words.
func Words(s string) []string {
	var out []string
	forEachWord(s, func(w string) { out = append(out, w) })
	return out
}

// forEachWord calls f with each lower-case word of s, in order.
func forEachWord(s string, f func(string)) {
	var buf []byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII fast path: most of the data is ASCII.
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				buf = append(buf, c)
				i++
				continue
			}
			if 'A' <= c && c <= 'Z' {
				buf = append(buf, c+'a'-'A')
				i++
				continue
			}
			if len(buf) > 0 {
				f(string(buf))
				buf = buf[:0]
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) && len(buf) > 0 {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			continue
		}
		if len(buf) > 0 {
			f(string(buf))
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		f(string(buf))
	}
}

// Stem reduces a lower-case word to a key that its plural and common
// suffixed forms share, so that logging, logs and log meet, and registries
// and registry, policies and policy, runtimes and runtime. It is a light,
// conservative stemmer: the key is for matching only and is never shown.
// Short words and words with digits are left alone: "k8s" is a name.
func Stem(w string) string {
	if len(w) <= 3 || !isLowerASCIIWord(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y" // policies → policy
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2] // addresses → address
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1] // runtimes → runtime, logs → log
	}
	for _, suf := range []string{"ing", "ment", "ion", "ed", "er"} {
		if stem := strings.TrimSuffix(w, suf); stem != w && len(stem) >= 4 && hasVowel(stem) {
			w = stem
			// logging → logg → log; but keep "ll" (install), "ss", "zz".
			if n := len(w); suf != "ment" && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", rune(w[n-1])) && !strings.ContainsRune("aeiou", rune(w[n-1])) {
				w = w[:n-1]
			}
			break
		}
	}
	if len(w) > 4 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1] // trace and tracing, runtime, service
	}
	if stem, ok := strings.CutSuffix(w, "isat"); ok && len(stem) >= 3 {
		w = stem + "izat" // virtualisation is virtualization
	}
	return w
}

func isLowerASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }

var Qualifiers = Listed("qualifiers")

// SplitName splits "Open Policy Agent (OPA)" into its base name and the
// parenthesised part, and tells whether that part is a qualifier ("Docker
// (member)") rather than another name for the item.
func SplitName(name string) (base, paren string, qualifier bool) {
	name = strings.TrimSpace(name)
	if strings.HasSuffix(name, ")") {
		if open := strings.LastIndex(name, "("); open > 0 {
			base, paren = strings.TrimSpace(name[:open]), strings.TrimSpace(name[open+1:len(name)-1])
			return base, paren, Qualifiers.Has(strings.ToLower(paren))
		}
	}
	return name, "", false
}

// NormName is a name as queries are compared with it: lower-case words
// joined by single spaces ("Cert-Manager" → "cert manager").
func NormName(s string) string { return strings.Join(Words(s), " ") }

// Squash folds every run of white space (line breaks included) into one
// space and trims both ends: text meant for one line.
func Squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// Distinct is words without repeats, in first-seen order: a word said
// twice is one word to rank.
func Distinct(words []string) []string {
	seen := make(map[string]bool, len(words))
	out := words[:0]
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// HoldsAll reports whether text has every one of words, by stem.
func HoldsAll(text string, words []string) bool {
	have := map[string]bool{}
	for _, w := range Words(text) {
		have[Stem(w)] = true
	}
	for _, w := range words {
		if !have[Stem(w)] {
			return false
		}
	}
	return true
}

// IsAcronymish reports whether s reads as an acronym: 2 to 6 letters or
// digits with at least two capitals ("VM", "IaC", "mTLS", "K8s").
func IsAcronymish(s string) bool {
	if n := utf8.RuneCountInString(s); n < 2 || n > 6 {
		return false
	}
	caps := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			caps++
		case unicode.IsLetter(r), unicode.IsDigit(r):
		default:
			return false
		}
	}
	return caps >= 2
}

// maxAboutLen bounds a text taken from a longer one (a use case, a guide
// sentence): a summary is read in a table row.
const maxAboutLen = 320

// Shorten cuts a text on one line to maxAboutLen bytes at a word, ending
// in "…".
func Shorten(s string) string {
	s = Squash(s)
	if len(s) <= maxAboutLen {
		return s
	}
	cut := strings.LastIndexByte(s[:maxAboutLen], ' ')
	if cut < maxAboutLen/2 {
		cut = maxAboutLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

func StripMarks(s string) string {
	s = strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		// A single * or _ that opens or closes emphasis: next to a letter
		// on one side and not the other. Inside words (snake_case) it
		// stays.
		if c := s[i]; c == '*' || c == '_' {
			before := i > 0 && isWordByte(s[i-1])
			after := i+1 < len(s) && isWordByte(s[i+1])
			if before != after {
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

// Acronym is the initials of a name of three words or more ("open
// container initiative" → "oci"), or "".
func Acronym(name string) string {
	ws := Words(name)
	if len(ws) < 3 {
		return ""
	}
	var b strings.Builder
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(r)
	}
	return b.String()
}

// SplitSentences cuts prose after ".", "!" or "?" followed by a space,
// but not after an abbreviation ("e.g. CoreDNS", "etc. and") or an
// initial.
func SplitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(p); i++ {
		if strings.IndexByte(".!?", p[i]) >= 0 && p[i+1] == ' ' && !abbreviation(p[start:i+1]) {
			out = append(out, p[start:i+1])
			start = i + 2
		}
	}
	return append(out, p[start:])
}

// abbreviation reports whether text ends in an abbreviation's full stop.
func abbreviation(text string) bool {
	w := text[strings.LastIndexAny(text, " (")+1:]
	switch strings.ToLower(w) {
	case "e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "incl.":
		return true
	}
	// An initial: "J. Doe".
	return len(w) == 2 && w[0] >= 'A' && w[0] <= 'Z'
}

// LinkText replaces Markdown links by their text: "[Harbor](https://…)"
// reads "Harbor". One pass, each byte moved at most once: a line of a
// million links costs a line (cutting them out one by one was quadratic).
func LinkText(s string) string {
	if !strings.Contains(s, "](") {
		return s
	}
	out := make([]byte, 0, len(s))
	open := -1   // where the pending "[" is in out
	closing := 0 // the next ")" at or after i+2, once looked for; len(s) for none
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '[':
			open = len(out)
			out = append(out, c)
		case c == ']' && open >= 0 && i+1 < len(s) && s[i+1] == '(':
			if closing < i+2 {
				closing = len(s)
				if end := strings.IndexByte(s[i+2:], ')'); end >= 0 {
					closing = i + 2 + end
				}
			}
			if closing == len(s) {
				out = append(out, c)
				continue
			}
			out = append(out[:open], out[open+1:]...) // the text stays, the "[" goes
			i = closing                               // past "(target)"
			open = -1
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

// StemKey is a name as lookups compare it: words stemmed, so plurals
// and singulars meet ("virtual machines", "containers").
func StemKey(s string) string {
	ws := Words(s)
	for i, w := range ws {
		ws[i] = Stem(w)
	}
	return strings.Join(ws, " ")
}

// PlainSentence is a guide sentence as prose: Markdown's emphasis and code
// marks dropped (links lost their targets already, see LinkText).
func PlainSentence(s string) string { return Shorten(StripMarks(s)) }
