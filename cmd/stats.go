package cmd

import (
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
)

func newStatsCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "count the landscape by category, maturity, year",
		Long: `Count the landscape: items by category and subcategory (an item the data
also lists in a second place counts there too, once per category), CNCF
projects by maturity and by the year they were accepted, and items with and
without a repository.`,
		Example: "  cnl stats\n  cnl stats -o json | jq '.maturity'",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			x, err := g.index(cmd.Context())
			if err != nil {
				return err
			}
			st := x.Stats()
			return g.streams.Show(g.format(), ui.View{
				Data:  func() any { return st },
				Plain: func(w io.Writer) error { answer.WritePlainStats(w, st); return nil },
				Table: func(s *ui.Streams) error {
					return s.Paged(g.noPager, func(s *ui.Streams) error {
						_, err := fmt.Fprint(s.Out, renderStats(s.Styles(), st, s.Width))
						return err
					})
				},
			})
		},
	}
}

// renderStats draws each section as aligned bars scaled to the width.
func renderStats(st *ui.Styles, s landscape.Stats, width int) string {
	var b strings.Builder
	// sub marks rows drawn indented and dim, under the row before.
	section := func(title string, rows []landscape.Count, sub []bool) {
		b.WriteString(st.Title.Render(ui.Truncate(title, width)) + "\n")
		labelW, most := 0, 1
		for i, r := range rows {
			labelW = max(labelW, lipgloss.Width(ui.Clean(r.Name))+2*answer.BoolInt(sub[i]))
			most = max(most, r.Count)
		}
		labelW = max(min(labelW, width/2), 3)
		barW := max(5, min(width, 120)-labelW-8) // long bars say no more
		if labelW+8+barW > width {
			barW = max(1, width-labelW-8)
		}
		for i, r := range rows {
			pad, style := "", st.Title
			if sub[i] {
				pad, style = "  ", st.Dim
			}
			label := pad + ui.Truncate(ui.Clean(r.Name), labelW-len(pad))
			bar := style.Render(strings.Repeat("█", max(0, (r.Count*barW+most-1)/most)))
			fmt.Fprintf(&b, "%s%s %5d %s\n", label, ui.Spaces(labelW-lipgloss.Width(label)), r.Count, bar)
		}
		b.WriteString("\n")
	}
	var rows []landscape.Count
	var sub []bool
	for _, c := range s.Categories {
		rows = append(rows, landscape.Count{Name: c.Name, Count: c.Count})
		sub = append(sub, false)
		for _, sc := range c.Subcategories {
			rows = append(rows, sc)
			sub = append(sub, true)
		}
	}
	section(fmt.Sprintf("%d items by category", s.Items), rows, sub)
	section("By maturity", s.Maturity, make([]bool, len(s.Maturity)))
	section("CNCF projects accepted per year", s.Accepted, make([]bool, len(s.Accepted)))
	section("Repository", []landscape.Count{{Name: "with repo_url", Count: s.WithRepo}, {Name: "without", Count: s.WithoutRepo}}, make([]bool, 2))
	return strings.TrimRight(b.String(), "\n") + "\n"
}
