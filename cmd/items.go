package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"

	"github.com/cnl-dev/cnl/landscape"
)

// itemJSON is an item as -o json/yaml show it: the data file's own field
// names plus category, subcategory, slug and maturity.
type itemJSON struct {
	*landscape.Item
	Maturity string `json:"maturity,omitempty"`
}

func itemsJSON(items []*landscape.Item) []itemJSON {
	out := make([]itemJSON, len(items))
	for i, it := range items {
		out[i] = itemJSON{Item: it, Maturity: it.Project}
	}
	return out
}

// writeItems writes a listing of the items at positions idx in the chosen
// format. match, when set, gives the byte offsets of the name to highlight on
// a terminal. Tables and plain rows need only summaries; whole items are
// read only for JSON and YAML.
func writeItems(s *Streams, format string, x *landscape.Index, idx []int, match func(i int) []int) error {
	if format == formatJSON || format == formatYAML {
		items := make([]*landscape.Item, len(idx))
		for i, n := range idx {
			items[i] = x.Item(n)
		}
		return writeData(s.Out, format, itemsJSON(items))
	}
	sums := make([]landscape.Summary, len(idx))
	for i, n := range idx {
		sums[i] = x.Summary(n)
	}
	if format == formatPlain {
		for _, it := range sums {
			fprintf(s.Out, "%s\t%s/%s\t%s\t%s\n", clean(it.Name), clean(it.Category), clean(it.Subcategory), clean(it.Project), clean(it.Description))
		}
		return nil
	}
	if len(sums) == 0 {
		return nil
	}
	st := newStyles(s.Color)
	const matW = 10
	nameW, pathW := 4, 8
	for _, it := range sums {
		nameW = max(nameW, lipgloss.Width(clean(it.Name)))
		pathW = max(pathW, lipgloss.Width(clean(it.Category+"/"+it.Subcategory)))
	}
	// Columns share the width: name and path first, the description
	// gets what is left, and nothing wraps.
	avail := s.Width - matW - 3*3
	nameW = min(nameW, max(12, avail/4))
	pathW = min(pathW, max(12, avail*3/10))
	descW := avail - nameW - pathW
	rows := make([][]string, len(sums))
	for i, it := range sums {
		name := truncate(clean(it.Name), nameW)
		if match != nil && name == clean(it.Name) {
			name = highlight(st, it.Name, match(i))
		}
		rows[i] = []string{name, shortPath(clean(it.Category), clean(it.Subcategory), pathW), st.maturity(it.Project), truncate(clean(it.Description), descW)}
	}
	headers := []string{"NAME", "CATEGORY/SUBCATEGORY", "MATURITY", "DESCRIPTION"}
	if descW < 8 {
		headers = headers[:3]
		for i := range rows {
			rows[i] = rows[i][:3]
		}
	}
	// Stars, when the cache has GitHub facts for what is shown.
	if slices.ContainsFunc(sums, func(it landscape.Summary) bool { return it.Stars > 0 }) {
		headers = slices.Insert(headers, 3, "STARS")
		for i, it := range sums {
			stars := count(it.Stars)
			if last := len(rows[i]) - 1; len(rows[i]) == 4 {
				rows[i][last] = truncate(rows[i][last], max(0, descW-10))
			}
			rows[i] = slices.Insert(rows[i], 3, stars)
		}
	}
	_, err := fmt.Fprintln(s.Out, renderTable(st, headers, rows))
	return err
}

// shortPath fits "Category/Subcategory" in width cells, cutting the
// category first: the subcategory says more ("App Def…/Database").
func shortPath(cat, sub string, width int) string {
	full := cat + "/" + sub
	if lipgloss.Width(full) <= width {
		return full
	}
	if room := width - lipgloss.Width(sub) - 1; room >= 4 {
		return truncate(cat, room) + "/" + sub
	}
	return truncate(full, width)
}

// renderTable draws a borderless table with a ruled header, kubectl-style.
func renderTable(st *styles, headers []string, rows [][]string) string {
	t := table.New().
		Border(lipgloss.NormalBorder()).
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		BorderColumn(false).BorderRow(false).BorderHeader(true).
		BorderStyle(st.border).
		Headers(headers...).
		Rows(rows...).
		StyleFunc(func(row, col int) lipgloss.Style {
			base := st.plain().PaddingRight(3)
			if col == len(headers)-1 {
				base = base.PaddingRight(0)
			}
			if row == table.HeaderRow {
				return base.Inherit(st.header)
			}
			return base
		})
	return t.Render()
}

// highlight styles the bytes of name at the given offsets. Offsets are bytes
// (sahilm/fuzzy's MatchedIndexes are), so multi-byte names stay intact.
func highlight(st *styles, name string, at []int) string {
	if len(at) == 0 || clean(name) != name {
		return clean(name)
	}
	on := make(map[int]bool, len(at))
	for _, i := range at {
		on[i] = true
	}
	var b strings.Builder
	for i, r := range name {
		if on[i] {
			b.WriteString(st.match.Render(string(r)))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// moreNote tells on stderr that a listing was cut, and how to see it all.
func moreNote(w io.Writer, shown, total int) {
	if shown < total {
		fmt.Fprintf(w, "showing %d of %d matches; use --limit N or --all for more\n", shown, total)
	}
}
