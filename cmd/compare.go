package cmd

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
)

type compareOptions struct {
	*globalOptions
	names       []string
	category    string
	subcategory string
	maturity    []string
	full        bool
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

Rows that are the same for every item are said once, above the table.

With --category or --subcategory, every item there is compared, most mature
first, one row each (name, maturity, stars, license, latest release,
description); so are more than four names. --full shows every field side
by side instead. Output: a table on a terminal (stacked when too narrow),
tab-separated rows when piped, or -o json, yaml or markdown (a GitHub
table).`,
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
			if !placed && len(o.maturity) > 0 {
				return usageErrorf("--maturity chooses among a place's items (--category/--subcategory); named items are compared whatever their maturity")
			}
			if err := checkMaturities(o.maturity); err != nil {
				return err
			}
			return g.pagedRun(func() error { return runCompare(cmd.Context(), o) })
		},
	}
	f := c.Flags()
	f.StringVar(&o.category, "category", "", "compare every item of this category")
	f.StringVar(&o.subcategory, "subcategory", "", "compare every item of this subcategory")
	f.StringSliceVar(&o.maturity, "maturity", nil, "with --category/--subcategory, only items of this maturity (repeatable)")
	f.BoolVar(&o.full, "full", false, "every field side by side, even for a whole place or many items")
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
	case ui.JSON, ui.YAML:
		return ui.WriteData(s.Out, format, compareJSON{Items: itemsJSON(items), Rows: rows})
	case ui.Markdown:
		return writeMarkdown(s, items, rows)
	case ui.Plain:
		header := []string{""}
		for _, it := range items {
			header = append(header, ui.Clean(it.Name))
		}
		fprintf(s.Out, "%s\n", strings.Join(header, "\t"))
		for _, r := range rows {
			fprintf(s.Out, "%s\t%s\n", r.Label, strings.Join(r.Values, "\t"))
		}
		return nil
	}
	st := ui.NewStyles(s.Color)
	if !o.full && (o.category != "" || o.subcategory != "" || len(items) > compactAfter) {
		_, err = fmt.Fprintln(s.Out, renderCompact(st, items, rows, s.Width)+"\n"+st.Dim.Render(ui.Truncate("cnl compare --full shows every field side by side", s.Width)))
		return err
	}
	_, err = fmt.Fprintln(s.Out, renderCompare(st, items, rows, s.Width))
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
		return cmp.Or(cmp.Compare(maturityRank(a.Maturity), maturityRank(b.Maturity)), cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)))
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
	link   bool     // values are URLs: cut, never wrapped
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
		cards[i] = append([]field{{key: "maturity", label: "Maturity", values: text(it.Maturity)}}, card(x, it)...)
	}
	var rows []compareRow
	for f := range cards[0] {
		f0 := cards[0][f]
		r := compareRow{Key: f0.key, Label: f0.label, link: f0.form == formLink && f0.short == ""}
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

// compactAfter is how many items still compare side by side by default;
// more get one row each.
const compactAfter = 4

// renderCompare draws a comparison that fits width: the rows that are the
// same for every item said once above, then the rows that differ side by
// side (stacked when the columns would be too narrow). Links are cut,
// never wrapped, so they stay whole to click or copy when they fit.
func renderCompare(st *ui.Styles, items []*landscape.Item, rows []compareRow, width int) string {
	var b strings.Builder
	differ := rows
	if len(items) > 1 {
		differ = nil
		var same []string
		for _, r := range rows {
			if r.Differ {
				differ = append(differ, r)
				continue
			}
			v := r.Values[0]
			if r.Key == "maturity" {
				v = st.Maturity(v)
			}
			same = append(same, st.Dim.Render(r.Label)+" "+v)
		}
		if len(same) > 0 {
			b.WriteString(packLine(st.Header.Render("Same for all:"), same, st.Dim.Render(" · "), width) + "\n\n")
		}
		if len(differ) == 0 {
			b.WriteString(st.Dim.Render("Nothing else to tell them apart.") + "\n")
			return strings.TrimRight(b.String(), "\n")
		}
	}
	labelW := 0
	for _, r := range differ {
		labelW = max(labelW, lipgloss.Width(r.Label))
	}
	colW := (width - labelW - ui.TableGap*len(items)) / len(items)
	cell := func(r compareRow, v string, w int) string {
		if r.Key == "maturity" {
			return st.Maturity(ui.Truncate(v, w))
		}
		if r.link {
			return ui.ShortURL(v, w)
		}
		return st.Plain().Width(w).Render(v)
	}
	if colW < minColumn {
		// Too narrow for columns: each row, then each item's value.
		nameW := 0
		for _, it := range items {
			nameW = max(nameW, min(24, lipgloss.Width(ui.Clean(it.Name))))
		}
		valueW := max(10, width-nameW-4)
		for _, r := range differ {
			b.WriteString(st.Title.Render(ui.Truncate(r.Label, width)) + "\n")
			for i, it := range items {
				name := st.Header.Width(nameW + 2).Render(ui.Truncate(ui.Clean(it.Name), nameW))
				b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, "  ", name, cell(r, r.Values[i], valueW)) + "\n")
			}
		}
		return strings.TrimRight(b.String(), "\n")
	}
	var out []string
	header := strings.Repeat(" ", labelW)
	for _, it := range items {
		name := ui.Truncate(ui.Clean(it.Name), colW)
		header += strings.Repeat(" ", ui.TableGap) + st.Header.Render(name) + strings.Repeat(" ", colW-lipgloss.Width(name))
	}
	out = append(out, strings.TrimRight(header, " "), st.Border.Render(strings.Repeat("─", labelW+len(items)*(colW+ui.TableGap))))
	for _, r := range differ {
		parts := []string{st.Dim.Render(r.Label) + strings.Repeat(" ", labelW-lipgloss.Width(r.Label))}
		for i := range items {
			parts = append(parts, st.Plain().Width(colW).Render(cell(r, r.Values[i], colW)))
		}
		gap := strings.Repeat(" ", ui.TableGap)
		var joined []string
		for k, p := range parts {
			if k > 0 {
				joined = append(joined, gap)
			}
			joined = append(joined, p)
		}
		for _, l := range strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, joined...), "\n") {
			out = append(out, strings.TrimRight(l, " "))
		}
	}
	b.WriteString(strings.Join(out, "\n"))
	return b.String()
}

// packLine writes head and the parts after it, separated by sep, starting
// a new indented line rather than splitting a part.
func packLine(head string, parts []string, sep string, width int) string {
	var lines []string
	line := head
	for _, p := range parts {
		switch {
		case line == "":
			line = p
		case line == head:
			line += " " + p
		case lipgloss.Width(line+sep+p) <= width:
			line += sep + p
		default:
			lines = append(lines, line)
			line = "  " + p
		}
	}
	lines = append(lines, line)
	for i, l := range lines {
		if lipgloss.Width(l) > width {
			lines[i] = ui.Truncate(ansi.Strip(l), width)
		}
	}
	return strings.Join(lines, "\n")
}

// renderCompact compares many items in one row each: name, maturity,
// stars, license, latest release and as much description as fits.
// Columns empty for every item are left out.
func renderCompact(st *ui.Styles, items []*landscape.Item, rows []compareRow, width int) string {
	byKey := map[string][]string{}
	for _, r := range rows {
		byKey[r.Key] = r.Values
	}
	value := func(key string, i int) string {
		if v := byKey[key]; v != nil {
			return landscape.Squash(v[i])
		}
		return ""
	}
	cols := []ui.Column{
		{Header: "NAME", Min: 12, Max: 32, GiveWay: 1},
		{Header: "MATURITY", Style: func(i int, cell string) string { return st.MaturityCell(items[i].Maturity, cell) }},
		{Header: "STARS", Optional: true, GiveWay: 2},
		{Header: "LICENSE", Min: 8, Max: 16, Optional: true, GiveWay: 3},
		{Header: "RELEASE", Optional: true, GiveWay: 2},
		{Header: "DESCRIPTION", Min: 16, Optional: true, GiveWay: 4, Words: true},
	}
	keys := []string{"", "maturity", "stars", "license", "latest_release", "description"}
	table := make([][]string, len(items))
	for i, it := range items {
		table[i] = []string{ui.Clean(it.Name), ui.MaturityWord(it.Maturity)}
		for _, k := range keys[2:] {
			table[i] = append(table[i], value(k, i))
		}
	}
	for c := len(cols) - 1; c >= 2; c-- {
		if byKey[keys[c]] == nil {
			cols, table = ui.DropColumn(cols, table, c)
		}
	}
	return ui.RenderTable(st, width, cols, table)
}

// writeMarkdown writes a GitHub table, ready to paste.
func writeMarkdown(s *ui.Streams, items []*landscape.Item, rows []compareRow) error {
	esc := ui.MDCell
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
