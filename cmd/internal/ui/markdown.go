package ui

import (
	"regexp"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cnl-dev/cnl/landscape"
)

// A small Markdown renderer for the guide, which is written in a plain
// subset: headings, paragraphs, lists, block quotes, code blocks, links,
// emphasis and inline code. A library (glamour) would bring a syntax
// highlighter whose package initialisation every cnl command would pay
// for; this is what the guide needs and no more. Text is untrusted: every
// piece goes through clean, and links are kept only when http(s).

// maxQuoteDepth bounds nested block quotes: deeper levels are drawn at
// this one, so a line of a million ">" costs a line, not a million
// recursions (which overflowed the stack).
const maxQuoteDepth = 4

// RenderMarkdown draws md for a terminal of the given width.
func RenderMarkdown(st *Styles, md string, width int) string {
	return renderMarkdownAt(st, md, width, 0)
}

func renderMarkdownAt(st *Styles, md string, width, depth int) string {
	width = max(20, width)
	var out []string
	blocks := landscape.MarkdownBlocks(md)
	for k, b := range blocks {
		switch b.Kind {
		case landscape.CodeBlock:
			for _, l := range b.Lines {
				out = append(out, st.Dim.Render("    "+Truncate(Clean(l), width-4)))
			}
			out = append(out, "")
		case landscape.HeadingBlock:
			title := Clean(b.Lines[0])
			if b.Level <= 3 {
				title = strings.ToUpper(title)
			}
			out = append(out, WrapStyled(st.Title.Render(title), width, "", "")...)
			out = append(out, "")
		case landscape.QuoteBlock:
			quote := b.Lines
			if depth+1 >= maxQuoteDepth {
				quote = make([]string, len(b.Lines))
				for i, l := range b.Lines {
					quote[i] = strings.TrimLeft(l, "> ") // deeper quotes flattened
				}
			}
			inner := renderMarkdownAt(st, strings.Join(quote, "\n"), width-2, depth+1)
			for _, l := range strings.Split(strings.TrimRight(inner, "\n"), "\n") {
				out = append(out, st.Dim.Render("│ ")+l)
			}
			out = append(out, "")
		case landscape.ListItemBlock:
			bullet := "• "
			if m := b.Marker; m != "-" && m != "*" && m != "+" {
				bullet = m + " "
			}
			indent := strings.Repeat(" ", min(4, b.Level/2*2))
			out = append(out, WrapStyled(Inline(st, b.Text()), width, indent+bullet, indent+strings.Repeat(" ", lipgloss.Width(bullet)))...)
			if k+1 == len(blocks) || blocks[k+1].Kind != landscape.ListItemBlock {
				out = append(out, "")
			}
		default:
			out = append(out, WrapStyled(Inline(st, b.Text()), width, "", "")...)
			out = append(out, "")
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

// The patterns are compiled on first use: no other command pays for them.
var mdPatterns = sync.OnceValue(func() struct{ code, link, strong, emphasis *regexp.Regexp } {
	return struct{ code, link, strong, emphasis *regexp.Regexp }{
		code:     regexp.MustCompile("`([^`]+)`"),
		link:     regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`),
		strong:   regexp.MustCompile(`\*\*([^*]+)\*\*|__([^_]+)__`),
		emphasis: regexp.MustCompile(`\*([^*\s][^*]*)\*|\b_([^_]+)_\b`),
	}
})

// Inline renders the inline Markdown of one paragraph: links as "text
// (URL)" (http and https only), code, strong and emphasis, each cleaned.
// It returns words that wrapping keeps whole.
func Inline(st *Styles, s string) string { return InlineLinks(st, s, false) }

// InlineLinks is Inline with, when short is set, each link's address as
// its host and path tail ("(cncf.landscape2.io)"): an introduction above a
// list is read, not clicked, and its whole URLs would fill it.
func InlineLinks(st *Styles, s string, short bool) string {
	p := mdPatterns()
	link, inlineCode, strong, emphasis := p.link, p.code, p.strong, p.emphasis
	s = Clean(s)
	s = link.ReplaceAllStringFunc(s, func(m string) string {
		p := link.FindStringSubmatch(m)
		if u := SafeURL(p[2]); u != "" {
			if short {
				u = ShortURL(u, 32)
			}
			return p[1] + " " + st.Dim.Render("("+u+")")
		}
		return p[1]
	})
	s = inlineCode.ReplaceAllStringFunc(s, func(m string) string { return st.Key.Render(strings.Trim(m, "`")) })
	s = strong.ReplaceAllStringFunc(s, func(m string) string { return st.Title.Render(strings.Trim(m, "*_")) })
	s = emphasis.ReplaceAllStringFunc(s, func(m string) string { return st.Italic.Render(strings.Trim(m, "*_")) })
	return s
}

// WrapStyled wraps styled text to width cells, first line after first and
// the rest after rest. Words are never split, and a word longer than the
// width (a URL) is cut at the width rather than broken across lines.
func WrapStyled(s string, width int, first, rest string) []string {
	var lines []string
	line, prefix := "", first
	for _, w := range strings.Fields(s) {
		room := width - lipgloss.Width(prefix)
		if lipgloss.Width(w) > room {
			w = ansi.Truncate(w, room, "…")
		}
		switch {
		case line == "":
			line = w
		case lipgloss.Width(line)+1+lipgloss.Width(w) <= room:
			line += " " + w
		default:
			lines = append(lines, prefix+line)
			line, prefix = w, rest
		}
	}
	if line != "" {
		lines = append(lines, prefix+line)
	}
	return lines
}

func Width(s string) int { return lipgloss.Width(s) }

// Highlight styles the bytes of name at the given offsets (byte offsets,
// as landscape.NameHighlights and fuzzy matches give them), so multi-byte
// names stay intact. Text with control characters is only cleaned.
func Highlight(st *Styles, name string, at []int) string {
	if len(at) == 0 || Clean(name) != name {
		return Clean(name)
	}
	on := make(map[int]bool, len(at))
	for _, i := range at {
		on[i] = true
	}
	var b strings.Builder
	for i, r := range name {
		if on[i] {
			b.WriteString(st.Match.Render(string(r)))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
