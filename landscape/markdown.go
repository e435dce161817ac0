package landscape

import "strings"

// The guide and the glossary are Markdown in a plain subset: headings,
// paragraphs, lists, block quotes, fenced code, links, emphasis and inline
// code. MarkdownBlocks reads its blocks once, the same way for everything
// that reads it: the terminal renderer, the guide's sentences taken as
// search evidence, and first paragraphs. (goldmark, measured against it:
// +0.44 MB of binary and +1.6 M instructions of package initialisation on
// every command, for a subset this small.)

// BlockKind says what a Markdown block is.
type BlockKind int

const (
	ParagraphBlock BlockKind = iota
	HeadingBlock
	ListItemBlock
	QuoteBlock
	CodeBlock
)

// A MarkdownBlock is one block of a Markdown text.
type MarkdownBlock struct {
	Kind BlockKind
	// Level is a heading's level (1 for "#"), or a list item's indent in
	// spaces.
	Level int
	// Marker is a list item's bullet or number ("-", "*", "+", "1.", "2)").
	Marker string
	// Lines are the block's lines, trimmed: a paragraph's, a heading's
	// text, a list item's first line and its indented continuation lines,
	// a quote's lines without their first ">" (to be read as Markdown in
	// turn), or a code block's lines as written, between its fences.
	Lines []string
}

// Text is the block's lines joined onto one line.
func (b MarkdownBlock) Text() string { return strings.Join(b.Lines, " ") }

// MarkdownBlocks splits md into its blocks. A fence left open runs to the
// end; quotes are one level deep here (their lines are Markdown again), so
// that a reader decides how deep it goes.
func MarkdownBlocks(md string) []MarkdownBlock {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	var out []MarkdownBlock
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, MarkdownBlock{Kind: ParagraphBlock, Lines: para})
			para = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		raw := lines[i]
		t := strings.TrimSpace(raw)
		switch {
		case strings.HasPrefix(t, "```"):
			flush()
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i++ {
				code = append(code, strings.TrimRight(lines[i], " \t"))
			}
			out = append(out, MarkdownBlock{Kind: CodeBlock, Lines: code})
		case t == "":
			flush()
		case strings.HasPrefix(t, "#"):
			flush()
			level := len(t) - len(strings.TrimLeft(t, "#"))
			out = append(out, MarkdownBlock{Kind: HeadingBlock, Level: level, Lines: []string{strings.TrimSpace(t[level:])}})
		case strings.HasPrefix(t, ">"):
			flush()
			var quote []string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), ">"); i++ {
				quote = append(quote, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[i]), ">")))
			}
			i--
			out = append(out, MarkdownBlock{Kind: QuoteBlock, Lines: quote})
		default:
			marker, text, ok := listItem(t)
			if !ok {
				para = append(para, t)
				continue
			}
			flush()
			item := []string{text}
			// Continuation lines of the item are indented.
			for i+1 < len(lines) && strings.HasPrefix(lines[i+1], " ") {
				next := strings.TrimSpace(lines[i+1])
				if next == "" {
					break
				}
				if _, _, ok := listItem(next); ok {
					break
				}
				i++
				item = append(item, next)
			}
			indent := len(raw) - len(strings.TrimLeft(raw, " "))
			out = append(out, MarkdownBlock{Kind: ListItemBlock, Level: indent, Marker: marker, Lines: item})
		}
	}
	flush()
	return out
}

// listItem splits a trimmed line that starts a list item ("- text",
// "* text", "+ text", "1. text", "2) text") into its marker and text.
func listItem(t string) (marker, text string, ok bool) {
	n := 0
	switch {
	case t != "" && strings.IndexByte("-*+", t[0]) >= 0:
		n = 1
	default:
		for n < len(t) && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(t) || (t[n] != '.' && t[n] != ')') {
			return "", "", false
		}
		n++
	}
	if n >= len(t) || (t[n] != ' ' && t[n] != '\t') {
		return "", "", false
	}
	return t[:n], strings.TrimSpace(t[n:]), true
}

// FirstParagraph is a Markdown text's first paragraph of prose, on one
// line: headings, quotes, lists, code and tables are passed over.
func FirstParagraph(markdown string) string {
	for _, b := range MarkdownBlocks(markdown) {
		if b.Kind == ParagraphBlock && !strings.HasPrefix(b.Lines[0], "|") {
			return b.Text()
		}
	}
	return ""
}
