package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

func itemsJSON(items []*landscape.Item) []answer.ItemJSON {
	out := make([]answer.ItemJSON, len(items))
	for i, it := range items {
		out[i] = answer.NewItemJSON(it)
	}
	return out
}

// writeItems writes a listing of the items at positions idx in the chosen
// format. match, when set, gives the byte offsets of the name to highlight on
// a terminal. Tables and plain rows need only summaries; whole items are
// read only for JSON and YAML.
func writeItems(s *ui.Streams, format ui.Format, x *landscape.Index, idx []int, match func(i int) []int) error {
	sums := make([]landscape.Summary, len(idx))
	if !format.Data() {
		for i, n := range idx {
			sums[i] = x.Summary(n)
		}
	}
	return s.Show(format, ui.View{
		Data: func() any {
			items := make([]*landscape.Item, len(idx))
			for i, n := range idx {
				items[i] = x.Item(n)
			}
			return itemsJSON(items)
		},
		Markdown: func(w io.Writer) error {
			var b strings.Builder
			b.WriteString("| Name | Category/Subcategory | Maturity | Description |\n|---|---|---|---|\n")
			for _, it := range sums {
				fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", ui.MDCell(it.Name), ui.MDCell(it.Category+"/"+it.Subcategory), ui.MDCell(it.Maturity), ui.MDCell(it.Description))
			}
			_, err := fmt.Fprint(w, b.String())
			return err
		},
		Plain: func(w io.Writer) error {
			for _, it := range sums {
				fprintf(w, "%s\t%s/%s\t%s\t%s\n", ui.Clean(it.Name), ui.Clean(it.Category), ui.Clean(it.Subcategory), ui.Clean(it.Maturity), ui.Clean(it.Description))
			}
			return nil
		},
		Table: func(s *ui.Streams) error { return writeItemsTable(s, sums, match) },
	})
}

// writeItemsTable draws items for a terminal, the query's words in their
// names marked.
func writeItemsTable(s *ui.Streams, sums []landscape.Summary, match func(i int) []int) error {
	if len(sums) == 0 {
		return nil
	}
	st := s.Styles()
	rows := make([][]string, len(sums))
	hasStars := slices.ContainsFunc(sums, func(it landscape.Summary) bool { return it.Stars > 0 })
	for i, it := range sums {
		stars := ""
		if it.Stars > 0 {
			stars = ui.Count(it.Stars)
		}
		rows[i] = []string{ui.Clean(it.Name), ui.Clean(it.Category + "/" + it.Subcategory), ui.MaturityWord(it.Maturity), stars, lexicon.Squash(ui.Clean(it.Description))}
	}
	// The description gives way first, then the place (to its
	// subcategory), then the name; maturity and stars stay whole.
	cols := []ui.Column{
		{Header: "NAME", Min: 10, Max: 32, GiveWay: 1, Style: func(i int, cell string) string {
			if match != nil && cell == ui.Clean(sums[i].Name) {
				return ui.Highlight(st, sums[i].Name, match(i))
			}
			return cell
		}},
		{Header: "CATEGORY/SUBCATEGORY", Short: "PLACE", Min: 8, Max: 48, GiveWay: 2, Cut: func(i int, _ string, w int) string {
			return shortPath(ui.Clean(sums[i].Category), ui.Clean(sums[i].Subcategory), w)
		}},
		{Header: "MATURITY", Style: func(i int, cell string) string { return st.MaturityCell(sums[i].Maturity, cell) }},
		{Header: "STARS", Optional: true},
		{Header: "DESCRIPTION", Min: 16, GiveWay: 3, Words: true, Optional: true},
	}
	if !hasStars {
		cols, rows = ui.DropColumn(cols, rows, 3)
	}
	// One place for all (a subcategory's list): the column says nothing.
	// One category, its subcategories in runs (a category's list): a
	// heading row for each says it once.
	oneCategory := !slices.ContainsFunc(sums, func(it landscape.Summary) bool { return it.Category != sums[0].Category })
	onePlace := oneCategory && !slices.ContainsFunc(sums, func(it landscape.Summary) bool { return it.Subcategory != sums[0].Subcategory })
	headings := oneCategory && !onePlace && inRuns(len(sums), func(i int) string { return sums[i].Subcategory })
	if len(sums) > 1 && onePlace || headings {
		cols, rows = ui.DropColumn(cols, rows, 1)
	}
	table := ui.RenderTable(st, s.Width, cols, rows)
	if headings {
		table = ui.WithHeadings(st, table, s.Width, len(sums), func(i int) string { return ui.Clean(sums[i].Subcategory) })
	}
	_, err := fmt.Fprintln(s.Out, table)
	return err
}

// inRuns reports whether the n keys come in runs: no key comes back after
// another one.
func inRuns(n int, key func(i int) string) bool {
	seen := map[string]bool{}
	for i := range n {
		if k := key(i); i == 0 || k != key(i-1) {
			if seen[k] {
				return false
			}
			seen[k] = true
		}
	}
	return true
}

// shortPath fits "Category/Subcategory" in width cells, cutting the
// category first: the subcategory says more ("App Def…/Database").
func shortPath(cat, sub string, width int) string {
	full := cat + "/" + sub
	if lipgloss.Width(full) <= width {
		return full
	}
	if room := width - lipgloss.Width(sub) - 1; room >= 4 {
		return ui.Truncate(cat, room) + "/" + sub
	}
	if lipgloss.Width(sub)+2 <= width {
		return "…/" + sub
	}
	return cutKeepingLastWord(sub, width)
}

// cutKeepingLastWord fits a name in width cells keeping its last word,
// which tells similar names apart: "Clo… Storage", "Clo… Network", where
// a plain cut shows "Cloud Nativ…" for both.
func cutKeepingLastWord(s string, width int) string {
	if lipgloss.Width(s) <= width {
		return s
	}
	at := strings.LastIndexByte(s, ' ')
	if at <= 0 {
		return ui.Truncate(s, width)
	}
	last := s[at+1:]
	room := width - lipgloss.Width(last) - 1
	if room < 3 {
		return ui.Truncate(s, width)
	}
	return ui.Truncate(s[:at], room) + " " + last
}

// moreNote tells on stderr that a listing was cut, and how to see it all.
func moreNote(w io.Writer, shown, total int) {
	if shown < total {
		fmt.Fprintf(w, "showing %d of %d matches; use --limit N or --all for more\n", shown, total)
	}
}
