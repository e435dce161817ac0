package cmd

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/cnl-dev/cnl/landscape"
)

// styles are cnl's lipgloss styles for one renderer. With colour off they
// render as plain text.
type styles struct {
	r       *lipgloss.Renderer
	title   lipgloss.Style
	key     lipgloss.Style
	dim     lipgloss.Style
	header  lipgloss.Style
	match   lipgloss.Style
	italic  lipgloss.Style
	card    lipgloss.Style
	border  lipgloss.Style
	badges  map[string]lipgloss.Style
	noBadge lipgloss.Style
}

func newStyles(r *lipgloss.Renderer) *styles {
	badge := func(bg string) lipgloss.Style {
		return r.NewStyle().Bold(true).Foreground(lipgloss.Color("0")).Background(lipgloss.Color(bg)).Padding(0, 1)
	}
	return &styles{
		r:      r,
		title:  r.NewStyle().Bold(true).Foreground(lipgloss.Color("12")),
		key:    r.NewStyle().Foreground(lipgloss.Color("8")),
		dim:    r.NewStyle().Foreground(lipgloss.Color("8")),
		header: r.NewStyle().Bold(true),
		match:  r.NewStyle().Bold(true).Underline(true),
		italic: r.NewStyle().Italic(true),
		card:   r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(lipgloss.Color("8")).Padding(0, 1),
		border: r.NewStyle().Foreground(lipgloss.Color("8")),
		badges: map[string]lipgloss.Style{
			landscape.Graduated:  badge("10"),
			landscape.Incubating: badge("14"),
			landscape.Sandbox:    badge("11"),
			landscape.Archived:   badge("7"),
		},
		noBadge: r.NewStyle().Foreground(lipgloss.Color("8")),
	}
}

// maturity renders a maturity as a coloured word for tables.
func (st *styles) maturity(m string) string {
	if m == "" {
		return st.dim.Render("-")
	}
	if b, ok := st.badges[m]; ok {
		return st.r.NewStyle().Foreground(b.GetBackground()).Render(m)
	}
	return clean(m)
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
