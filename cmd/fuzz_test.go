package cmd

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClean: whatever the data holds, clean returns one line of valid UTF-8
// with no control characters and no bidi overrides.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"plain", "\x1b[31mred\x1b[0m", "\x1b]52;c;Y2xpcA==\a", "\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\",
		"a\rb\nc\td", "\u202eevil\u202c", "\x9b31m", "\xff\xfe", "Ænix", "\x00", "\u2066iso\u2069",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := clean(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8: %q", out)
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c {
				t.Fatalf("clean(%q) = %q keeps %U", s, out, r)
			}
		}
		if strings.ContainsAny(out, "\n\r") {
			t.Fatalf("not one line: %q", out)
		}
		if u := safeURL(s); u != "" && !strings.HasPrefix(strings.ToLower(u), "http") {
			t.Fatalf("safeURL(%q) = %q", s, u)
		}
	})
}
