package ui

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"go.yaml.in/yaml/v3"
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
		out := Clean(s)
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
		if u := SafeURL(s); u != "" && !strings.HasPrefix(strings.ToLower(u), "http") {
			t.Fatalf("safeURL(%q) = %q", s, u)
		}
	})
}

// FuzzMarkdown: any guide or glossary text renders without a panic, within
// the width, with nothing raw that drives a terminal but the styles cnl
// writes itself.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# T\n\ntext *em* **strong** `code` [l](https://x.example)\n\n> q\n> > qq\n\n- a\n  b\n1. c\n\n```\nx\n```\n",
		strings.Repeat(">", 2000) + " deep", "- item\n" + strings.Repeat("  more\n", 500), strings.Repeat("[a](b", 300),
		"\x1b]52;c;Y2xpcA==\a [x](javascript:alert(1)) \u202e", "**a *b `c _d __e",
	} {
		f.Add(s)
	}
	st := NewStyles(false)
	f.Fuzz(func(t *testing.T, md string) {
		out := RenderMarkdown(st, md, 60)
		for _, l := range strings.Split(out, "\n") {
			if w := Width(l); w > 60 {
				t.Fatalf("a line of %d cells: %q", w, l)
			}
		}
		if strings.ContainsAny(out, "\x1b\a\r\u202e\u009b") {
			t.Fatalf("raw control in %q", out)
		}
	})
}

// A cut never splits a grapheme cluster or an escape sequence.
func TestTruncateKeepsGraphemesAndEscapes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"👨‍👩‍👧 family", 4, "👨‍👩‍👧 …"},
		{"👨‍👩‍👧 family", 3, "👨‍👩‍👧…"},
		{"👨‍👩‍👧 family", 2, "…"},
		{"e\u0301te\u0301!", 3, "e\u0301t…"},
		{"containerd", 5, "cont…"},
		{"short", 10, "short"},
	} {
		if got := Truncate(tc.in, tc.w); got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
	styled := "\x1b[1mcontainerd\x1b[m runtime"
	if got := Truncate(styled, 6); ansi.Strip(got) != "conta…" || !strings.HasPrefix(got, "\x1b[1mconta") {
		t.Errorf("styled: %q", got)
	}
}

// Guide text is untrusted: what would drive a terminal is cleaned, and
// links are kept only when http(s).
func TestMarkdownIsSanitised(t *testing.T) {
	st := NewStyles(false)
	out := RenderMarkdown(st, "# Evil \x1b[31mred\n\nA [link](javascript:alert(1)) and [ok](https://ok.example) \u202e.\n\n> quote \x1b]8;;x\a\n\n```\ncode \x1b[2J\n```\n", 60)
	for _, bad := range []string{"\x1b", "\a", "\u202e", "javascript:"} {
		if strings.Contains(out, bad) {
			t.Errorf("%q reached the terminal:\n%q", bad, out)
		}
	}
	if !strings.Contains(out, "ok (https://ok.example)") {
		t.Errorf("an http link was dropped:\n%s", out)
	}
}

// Hostile guide text renders in time linear in its size: a line of a
// million ">" (which overflowed the stack, uncatchably), a list item of
// 440,000 continuation lines (quadratic), a line of links.
func TestMarkdownHostileShapes(t *testing.T) {
	st := NewStyles(false)
	for name, md := range map[string]string{
		"quotes":       strings.Repeat(">", 1_000_000) + " deep",
		"quote lines":  strings.Repeat("> > > > > > > > x\n", 50_000),
		"continuation": "- item\n" + strings.Repeat("  more\n", 440_000),
		"links":        strings.Repeat("[a](https://b.example)", 200_000),
		"emphasis":     strings.Repeat("**a *b `c", 200_000),
	} {
		out := RenderMarkdown(st, md, 80)
		if out == "" {
			t.Errorf("%s: nothing rendered", name)
		}
		for _, l := range strings.Split(out, "\n") {
			if Width(l) > 80 {
				t.Errorf("%s: a line of %d cells", name, Width(l))
				break
			}
		}
	}
}

// Any string the data can hold goes out as YAML: DEL, C1 controls and the
// rest are escaped by the encoder, and read back exactly.
func TestYAMLOutputEncodesAnyString(t *testing.T) {
	for _, s := range []string{"del\x7f", "c1\u0085\u009b", "esc\x1b[31m", "nul\x00", "\ufffe\uffff", "bidi\u202e", "plain"} {
		var out bytes.Buffer
		if err := WriteData(&out, "yaml", map[string]string{"name": s}); err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		var back map[string]string
		if err := yaml.Unmarshal(out.Bytes(), &back); err != nil || back["name"] != s {
			t.Errorf("%q: read back %q (%v) from %q", s, back["name"], err, out.String())
		}
	}
}

// Zero-width characters are shown, not hidden: "Kube\u200brnetes" must not
// pass for Kubernetes on a terminal.
func TestZeroWidthCharactersAreShown(t *testing.T) {
	for _, s := range []string{"Kube\u200brnetes", "Kube\u200drnetes", "Kube\u2060rnetes", "Kube\ufeffrnetes"} {
		if got := Clean(s); got == "Kubernetes" || !strings.Contains(got, "\ufffd") {
			t.Errorf("clean(%q) = %q", s, got)
		}
	}
}

func TestColorWanted(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		tty  bool
		want bool
	}{
		{map[string]string{}, true, true},
		{map[string]string{}, false, false},
		{map[string]string{"NO_COLOR": "1"}, true, false},
		{map[string]string{"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, true, false},
		{map[string]string{"CLICOLOR_FORCE": "1"}, false, true},
		{map[string]string{"TERM": "dumb"}, true, false},
	} {
		for _, k := range []string{"NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "TERM"} {
			t.Setenv(k, tc.env[k])
		}
		if got := ColorWanted(tc.tty); got != tc.want {
			t.Errorf("env %v tty %v: colour %v, want %v", tc.env, tc.tty, got, tc.want)
		}
	}
}
