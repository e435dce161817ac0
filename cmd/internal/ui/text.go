// Package ui is how cnl draws for people: untrusted text made safe,
// widths in display cells, colours, tables that fit the terminal, and
// Markdown rendering. It knows nothing of commands.
package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Clean makes untrusted text safe for a terminal on one line: escape
// sequences and other C0/C1 controls become visible symbols, bidi overrides
// and invalid UTF-8 are dropped, and newlines and tabs become spaces.
func Clean(s string) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20:
			b.WriteRune(0x2400 + r) // U+2400 block: ␛ for ESC, ␇ for BEL
		case r == 0x7f:
			b.WriteRune('␡')
		case r >= 0x80 && r <= 0x9f, r == '\uFFFD':
			b.WriteRune('\uFFFD')
		case r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff, r == 0x180e, r >= 0x2061 && r <= 0x2064:
			// Zero-width characters would let "Kube\u200brnetes" pass for
			// Kubernetes: shown, not hidden.
			b.WriteRune('\uFFFD')
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			// bidi controls could reorder what the terminal shows
		default:
			b.WriteRune(r)
		}
	}
	return lexicon.Squash(b.String())
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// SafeURL returns u cleaned when it is an http(s) URL, else "" so that no
// other scheme (javascript:, file:, mailto:, a terminal escape) is ever shown
// as a link.
func SafeURL(u string) string {
	u = strings.TrimSpace(u)
	low := strings.ToLower(u)
	if strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "http://") {
		return Clean(u)
	}
	return ""
}

// Spaces is n spaces, or none for n below one.
func Spaces(n int) string { return strings.Repeat(" ", max(0, n)) }

// Truncate shortens s to width display cells, ending in "…".
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	// x/ansi cuts between grapheme clusters ("👨‍👩‍👧" stays whole or goes
	// whole) and never inside an escape sequence of styled text.
	return ansi.Truncate(s, width, "…")
}

// TruncateLeft shortens s to width cells keeping its end: "…/notes.md:12".
func TruncateLeft(s string, width int) string {
	if lipgloss.Width(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > width {
		r = r[1:]
	}
	return "…" + string(r)
}

// MDCell is untrusted text as a cell of a Markdown table: one line, its
// pipes escaped.
func MDCell(v string) string { return strings.ReplaceAll(lexicon.Squash(Clean(v)), "|", `\|`) }
