package cmd

import (
	"charm.land/lipgloss/v2"

	"github.com/cnl-dev/cnl/landscape"
)

// styles are cnl's lipgloss styles. With colour off every style is plain
// text: lipgloss v2 writes what a style asks for, so the decision is made
// here, once, from cnl's own reading of NO_COLOR and the terminal.
type styles struct {
	color  bool
	title  lipgloss.Style
	key    lipgloss.Style
	dim    lipgloss.Style
	header lipgloss.Style
	match  lipgloss.Style
	italic lipgloss.Style
	card   lipgloss.Style
	border lipgloss.Style
	// selected is the browser's cursor row; without colour a marker
	// beside the row shows it instead.
	selected lipgloss.Style
	badges   map[string]lipgloss.Style
	noBadge  lipgloss.Style
}

func newStyles(color bool) *styles {
	plain := lipgloss.NewStyle()
	// on is the style when colour is on, else plain text.
	on := func(s lipgloss.Style) lipgloss.Style {
		if color {
			return s
		}
		return plain
	}
	badge := func(bg string) lipgloss.Style {
		if !color {
			return plain.Padding(0, 1)
		}
		return plain.Bold(true).Foreground(lipgloss.Color("0")).Background(lipgloss.Color(bg)).Padding(0, 1)
	}
	cardBorder := plain.Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if color {
		cardBorder = cardBorder.BorderForeground(lipgloss.Color("8"))
	}
	return &styles{
		color:    color,
		title:    on(plain.Bold(true).Foreground(lipgloss.Color("12"))),
		key:      on(plain.Foreground(lipgloss.Color("8"))),
		dim:      on(plain.Foreground(lipgloss.Color("8"))),
		header:   on(plain.Bold(true)),
		match:    on(plain.Bold(true).Underline(true)),
		italic:   on(plain.Italic(true)),
		card:     cardBorder,
		border:   on(plain.Foreground(lipgloss.Color("8"))),
		selected: on(plain.Reverse(true)),
		badges: map[string]lipgloss.Style{
			landscape.Graduated:  badge("10"),
			landscape.Incubating: badge("14"),
			landscape.Sandbox:    badge("11"),
			landscape.Archived:   badge("7"),
		},
		noBadge: on(plain.Foreground(lipgloss.Color("8"))),
	}
}

// maturity renders a maturity as a coloured word for tables.
func (st *styles) maturity(m string) string {
	if m == "" {
		return st.dim.Render("-")
	}
	if b, ok := st.badges[m]; ok {
		return st.plain().Foreground(b.GetBackground()).Render(m)
	}
	return clean(m)
}

// maturityWord is a maturity as a table shows it: "-" for none.
func maturityWord(m string) string {
	if m == "" {
		return "-"
	}
	return clean(m)
}

// maturityCell colours a table's maturity cell when it holds the whole
// word; a cut word stays plain.
func (st *styles) maturityCell(m, cell string) string {
	if cell != maturityWord(m) {
		return cell
	}
	return st.maturity(m)
}

// badge renders a maturity as a badge for cards.
func (st *styles) badge(m string) string {
	if m == "" {
		return ""
	}
	if b, ok := st.badges[m]; ok {
		return b.Render(m)
	}
	return st.noBadge.Render(clean(m))
}

// plain is a style with no colour or attributes, for layout (width,
// padding) alone.
func (st *styles) plain() lipgloss.Style { return lipgloss.NewStyle() }

// hyperlink makes text a terminal hyperlink (OSC 8) to target, when
// styles are on and target is a checked http(s) URL (see value.target);
// otherwise the text is returned as it is. Terminals without hyperlinks
// show the text alone.
func (st *styles) hyperlink(text, target string) string {
	if !st.color || target == "" {
		return text
	}
	return "\x1b]8;;" + target + "\x1b\\" + text + "\x1b]8;;\x1b\\"
}
