package ui

import (
	"charm.land/lipgloss/v2"

	"github.com/cnl-dev/cnl/landscape"
)

// Styles are cnl's lipgloss styles. With colour off every style is plain
// text: lipgloss v2 writes what a style asks for, so the decision is made
// here, once, from cnl's own reading of NO_COLOR and the terminal.
type Styles struct {
	Color  bool
	Title  lipgloss.Style
	Key    lipgloss.Style
	Dim    lipgloss.Style
	Header lipgloss.Style
	Match  lipgloss.Style
	Italic lipgloss.Style
	Card   lipgloss.Style
	Border lipgloss.Style
	// Selected is the browser's cursor row; without colour a marker
	// beside the row shows it instead.
	Selected lipgloss.Style
	badges   map[string]lipgloss.Style
	noBadge  lipgloss.Style
}

func NewStyles(color bool) *Styles {
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
	return &Styles{
		Color:    color,
		Title:    on(plain.Bold(true).Foreground(lipgloss.Color("12"))),
		Key:      on(plain.Foreground(lipgloss.Color("8"))),
		Dim:      on(plain.Foreground(lipgloss.Color("8"))),
		Header:   on(plain.Bold(true)),
		Match:    on(plain.Bold(true).Underline(true)),
		Italic:   on(plain.Italic(true)),
		Card:     cardBorder,
		Border:   on(plain.Foreground(lipgloss.Color("8"))),
		Selected: on(plain.Reverse(true)),
		badges: map[string]lipgloss.Style{
			landscape.Graduated:  badge("10"),
			landscape.Incubating: badge("14"),
			landscape.Sandbox:    badge("11"),
			landscape.Archived:   badge("7"),
		},
		noBadge: on(plain.Foreground(lipgloss.Color("8"))),
	}
}

// Maturity renders a maturity as a coloured word for tables.
func (st *Styles) Maturity(m string) string {
	if m == "" {
		return st.Dim.Render("-")
	}
	if b, ok := st.badges[m]; ok {
		return st.Plain().Foreground(b.GetBackground()).Render(m)
	}
	return Clean(m)
}

// MaturityWord is a maturity as a table shows it: "-" for none.
func MaturityWord(m string) string {
	if m == "" {
		return "-"
	}
	return Clean(m)
}

// MaturityCell colours a table's maturity cell when it holds the whole
// word; a cut word stays plain.
func (st *Styles) MaturityCell(m, cell string) string {
	if cell != MaturityWord(m) {
		return cell
	}
	return st.Maturity(m)
}

// Badge renders a maturity as a badge for cards.
func (st *Styles) Badge(m string) string {
	if m == "" {
		return ""
	}
	if b, ok := st.badges[m]; ok {
		return b.Render(m)
	}
	return st.noBadge.Render(Clean(m))
}

// Plain is a style with no colour or attributes, for layout (width,
// padding) alone.
func (st *Styles) Plain() lipgloss.Style { return lipgloss.NewStyle() }

// Hyperlink makes text a terminal hyperlink (OSC 8) to target, when
// styles are on and target is a checked http(s) URL (see value.target);
// otherwise the text is returned as it is. Terminals without hyperlinks
// show the text alone.
func (st *Styles) Hyperlink(text, target string) string {
	if !st.Color || target == "" {
		return text
	}
	return "\x1b]8;;" + target + "\x1b\\" + text + "\x1b]8;;\x1b\\"
}

// Marked is the browser's style for rows marked to compare: bold, in the
// colour of the graduated badge.
func (st *Styles) Marked() lipgloss.Style {
	return st.Plain().Bold(true).Foreground(st.badges[landscape.Graduated].GetBackground())
}
