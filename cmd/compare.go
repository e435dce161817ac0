package cmd

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/landscape"
)

type compareOptions struct {
	*globalOptions
	names       []string
	category    string
	subcategory string
	maturity    []string
}

func newCompareCmd(g *globalOptions) *cobra.Command {
	o := &compareOptions{globalOptions: g}
	c := &cobra.Command{
		Annotations: markdownOK,
		Use:         "compare NAME NAME [NAME...]",
		Short:       "compare projects side by side",
		Long: `Compare items side by side: where they sit, maturity and CNCF dates, links,
license, audits and summary fields. Names resolve as in cnl show; an unknown
or ambiguous name fails with its candidates before anything is printed.
Rows where the items differ are marked; rows empty for all are left out.

With --category or --subcategory, every item there is compared, most mature
first. Output: a table on a terminal (stacked when too narrow), tab-separated
rows when piped, or -o json, yaml or markdown (a GitHub table).`,
		Example: `  cnl compare containerd cri-o
  cnl compare talos k3s
  cnl compare --subcategory "Container Registry" --maturity graduated --maturity incubating
  cnl compare harbor zot -o markdown`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.names = args
			placed := o.category != "" || o.subcategory != ""
			if placed && len(args) > 0 {
				return usageErrorf("give names or --category/--subcategory, not both")
			}
			if !placed && len(args) < 2 {
				return usageErrorf("compare needs two names or more, or --subcategory (see cnl compare --help)")
			}
			if err := checkMaturities(o.maturity); err != nil {
				return err
			}
			return runCompare(cmd.Context(), o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.category, "category", "", "compare every item of this category")
	f.StringVar(&o.subcategory, "subcategory", "", "compare every item of this subcategory")
	f.StringSliceVar(&o.maturity, "maturity", nil, "with --category/--subcategory, only items of this maturity (repeatable)")
	return c
}

func runCompare(ctx context.Context, o *compareOptions) error {
	format := o.format()
	x, err := o.index(ctx)
	if err != nil {
		return err
	}
	items, err := o.pick(x)
	if err != nil {
		return err
	}
	rows := compareRows(x, items)
	s := o.streams
	switch format {
	case formatJSON, formatYAML:
		return writeData(s.Out, format, compareJSON{Items: itemsJSON(items), Rows: rows})
	case formatMarkdown:
		return writeMarkdown(s, items, rows)
	case formatPlain:
		header := []string{""}
		for _, it := range items {
			header = append(header, clean(it.Name))
		}
		fprintf(s.Out, "%s\n", strings.Join(header, "\t"))
		for _, r := range rows {
			fprintf(s.Out, "%s\t%s\n", r.Label, strings.Join(r.Values, "\t"))
		}
		return nil
	}
	_, err = fmt.Fprintln(s.Out, renderCompare(newStyles(s.Color), items, rows, s.Width))
	return err
}

// pick resolves the names, or lists the place, into the items to compare.
func (o *compareOptions) pick(x *landscape.Index) ([]*landscape.Item, error) {
	if len(o.names) > 0 {
		var items []*landscape.Item
		for _, n := range o.names {
			res, err := x.Resolve(n)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(items, res.Item) {
				items = append(items, res.Item)
			}
		}
		return items, nil
	}
	rs, err := x.Search(landscape.Query{Category: o.category, Subcategory: o.subcategory, Maturity: o.maturity})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("nothing to compare there")
	}
	items := make([]*landscape.Item, len(rs))
	for i, r := range rs {
		items[i] = x.Item(r.Index)
	}
	slices.SortStableFunc(items, func(a, b *landscape.Item) int {
		return cmp.Or(cmp.Compare(maturityRank(a.Project), maturityRank(b.Project)), cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)))
	})
	return items, nil
}

// maturityRank orders most mature first; items outside the CNCF come last.
func maturityRank(m string) int {
	if i := slices.Index(landscape.Maturities, m); i >= 0 {
		return i
	}
	return len(landscape.Maturities)
}

// compareRow is one line of a comparison.
type compareRow struct {
	Key    string   `json:"key"`
	Label  string   `json:"label"`
	Values []string `json:"values"`
	Differ bool     `json:"differ"`
}

type compareJSON struct {
	Items []itemJSON   `json:"items"`
	Rows  []compareRow `json:"rows"`
}

// compareRows lines the items' card fields up, with a maturity row first,
// leaving out rows empty for all. Long fields are shortened to what tells
// items apart: audits counted, links named.
func compareRows(x *landscape.Index, items []*landscape.Item) []compareRow {
	cards := make([][]field, len(items))
	for i, it := range items {
		cards[i] = append([]field{{key: "maturity", label: "Maturity", values: text(it.Project)}}, card(x, it)...)
	}
	var rows []compareRow
	for f := range cards[0] {
		r := compareRow{Key: cards[0][f].key, Label: cards[0][f].label}
		empty := true
		for i := range items {
			v := cards[i][f].compareText()
			r.Values = append(r.Values, v)
			empty = empty && v == ""
			r.Differ = r.Differ || v != r.Values[0]
		}
		if !empty {
			rows = append(rows, r)
		}
	}
	return rows
}

// minColumn is the narrowest useful column; below it, items are stacked.
const minColumn = 18

func renderCompare(st *styles, items []*landscape.Item, rows []compareRow, width int) string {
	labelW := 0
	for _, r := range rows {
		labelW = max(labelW, lipgloss.Width(r.Label)+2)
	}
	colW := (width - labelW - 3*len(items)) / len(items)
	mark := func(r compareRow) string {
		if r.Differ {
			return st.title.Render(r.Label + " ≠")
		}
		return st.dim.Render(r.Label)
	}
	if colW < minColumn {
		// Too narrow for columns: each row, then each item's value.
		var b strings.Builder
		nameW := 0
		for _, it := range items {
			nameW = max(nameW, min(24, lipgloss.Width(clean(it.Name))))
		}
		for _, r := range rows {
			b.WriteString(mark(r) + "\n")
			for i, it := range items {
				v := st.plain().Width(max(10, width-nameW-4)).Render(r.Values[i])
				b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, "  ", st.header.Width(nameW+2).Render(truncate(clean(it.Name), nameW)), v) + "\n")
			}
		}
		return strings.TrimRight(b.String(), "\n")
	}
	headers := []string{""}
	for _, it := range items {
		headers = append(headers, truncate(clean(it.Name), colW))
	}
	cells := make([][]string, len(rows))
	for i, r := range rows {
		cells[i] = []string{mark(r)}
		for _, v := range r.Values {
			if r.Key == "maturity" {
				v = st.maturity(v)
			}
			cells[i] = append(cells[i], st.plain().Width(colW).Render(v))
		}
	}
	return renderTable(st, headers, cells)
}

// writeMarkdown writes a GitHub table, ready to paste.
func writeMarkdown(s *Streams, items []*landscape.Item, rows []compareRow) error {
	esc := func(v string) string { return strings.ReplaceAll(clean(v), "|", `\|`) }
	var b strings.Builder
	b.WriteString("| |")
	for _, it := range items {
		b.WriteString(" " + esc(it.Name) + " |")
	}
	b.WriteString("\n|---|" + strings.Repeat("---|", len(items)) + "\n")
	for _, r := range rows {
		label := r.Label
		if r.Differ {
			label = "**" + label + "**"
		}
		b.WriteString("| " + label + " |")
		for _, v := range r.Values {
			b.WriteString(" " + esc(v) + " |")
		}
		b.WriteString("\n")
	}
	_, err := fmt.Fprint(s.Out, b.String())
	return err
}
