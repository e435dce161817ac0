package landscape

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnl-dev/cnl/landscape/search"
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

// Stem reduces a lower-case word to the key its plural and common
// suffixed forms share (see search.Stem): logging, logs and log meet.
func Stem(w string) string { return search.Stem(w) }

var qualifiers = listed("qualifiers") // see words.txt

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
