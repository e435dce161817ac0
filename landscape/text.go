package landscape

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

// qualifiers are parenthesised suffixes that mark another listing of the
// same organisation or project ("Docker (member)", "Istio (Wasm)"), not
// another name for it.
var qualifiers = setOf("member", "members", "supporter", "contributor", "kcsp", "kcntp", "wasm", "ktp",
	"end user", "end user supporter", "end user contributor", "certified cnf", "cnf", "partner")

// SplitName splits "Open Policy Agent (OPA)" into its base name and the
// parenthesised part, and tells whether that part is a qualifier ("Docker
// (member)") rather than another name for the item.
func SplitName(name string) (base, paren string, qualifier bool) {
	name = strings.TrimSpace(name)
	if strings.HasSuffix(name, ")") {
		if open := strings.LastIndex(name, "("); open > 0 {
			base, paren = strings.TrimSpace(name[:open]), strings.TrimSpace(name[open+1:len(name)-1])
			return base, paren, qualifiers.has(strings.ToLower(paren))
		}
	}
	return name, "", false
}

// normName is a name as queries are compared with it: lower-case words
// joined by single spaces ("Cert-Manager" → "cert manager").
func normName(s string) string { return strings.Join(Words(s), " ") }

// compact is a name with nothing between its words ("cert-manager",
// "Cert Manager" and "certmanager" all give "certmanager").
func compact(s string) string { return strings.Join(Words(s), "") }
