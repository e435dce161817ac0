package ui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// minColumn is the narrowest useful column; below it, items are stacked.
const minColumn = 18

// CompareRow is one line of a comparison.
type CompareRow struct {
	Key    string   `json:"key"`
	Label  string   `json:"label"`
	Values []string `json:"values"`
	Differ bool     `json:"differ"`
	link   bool     // values are URLs: cut, never wrapped
}

// CompareRows lines the items' card fields up, with a maturity row first,
// leaving out rows empty for all. Long fields are shortened to what tells
// items apart: audits counted, links named.
func CompareRows(x *landscape.Index, items []*landscape.Item, now time.Time) []CompareRow {
	cards := make([][]Field, len(items))
	for i, it := range items {
		cards[i] = append([]Field{{Key: "maturity", Label: "Maturity", Values: TextValues(it.Maturity)}}, Card(x, it, now)...)
	}
	var rows []CompareRow
	for f := range cards[0] {
		f0 := cards[0][f]
		r := CompareRow{Key: f0.Key, Label: f0.Label, link: f0.Form == FormLink && !f0.HasShort()}
		empty := true
		for i := range items {
			v := cards[i][f].CompareText()
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

// RenderCompare draws a comparison that fits width: the rows that are the
// same for every item said once above, then the rows that differ side by
// side (stacked when the columns would be too narrow). Links are cut,
// never wrapped, so they stay whole to click or copy when they fit.
func RenderCompare(st *Styles, items []*landscape.Item, rows []CompareRow, width int) string {
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
			b.WriteString(PackLine(st.Header.Render("Same for all:"), same, st.Dim.Render(" · "), width) + "\n\n")
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
	colW := (width - labelW - TableGap*len(items)) / len(items)
	cell := func(r CompareRow, v string, w int) string {
		if r.Key == "maturity" {
			return st.Maturity(Truncate(v, w))
		}
		if r.link {
			return ShortURL(v, w)
		}
		return st.Plain().Width(w).Render(v)
	}
	if colW < minColumn {
		// Too narrow for columns: each row, then each item's value.
		nameW := 0
		for _, it := range items {
			nameW = max(nameW, min(24, lipgloss.Width(Clean(it.Name))))
		}
		valueW := max(10, width-nameW-4)
		for _, r := range differ {
			b.WriteString(st.Title.Render(Truncate(r.Label, width)) + "\n")
			for i, it := range items {
				name := st.Header.Width(nameW + 2).Render(Truncate(Clean(it.Name), nameW))
				b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, "  ", name, cell(r, r.Values[i], valueW)) + "\n")
			}
		}
		return strings.TrimRight(b.String(), "\n")
	}
	var out []string
	header := strings.Repeat(" ", labelW)
	for _, it := range items {
		name := Truncate(Clean(it.Name), colW)
		header += strings.Repeat(" ", TableGap) + st.Header.Render(name) + strings.Repeat(" ", colW-lipgloss.Width(name))
	}
	out = append(out, strings.TrimRight(header, " "), st.Border.Render(strings.Repeat("─", labelW+len(items)*(colW+TableGap))))
	for _, r := range differ {
		parts := []string{st.Dim.Render(r.Label) + strings.Repeat(" ", labelW-lipgloss.Width(r.Label))}
		for i := range items {
			parts = append(parts, st.Plain().Width(colW).Render(cell(r, r.Values[i], colW)))
		}
		gap := strings.Repeat(" ", TableGap)
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

// PackLine writes head and the parts after it, separated by sep, starting
// a new indented line rather than splitting a part.
func PackLine(head string, parts []string, sep string, width int) string {
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
			lines[i] = Truncate(ansi.Strip(l), width)
		}
	}
	return strings.Join(lines, "\n")
}

// RenderCompact compares many items in one row each: name, maturity,
// stars, license, latest release and as much description as fits.
// Columns empty for every item are left out.
func RenderCompact(st *Styles, items []*landscape.Item, rows []CompareRow, width int) string {
	byKey := map[string][]string{}
	for _, r := range rows {
		byKey[r.Key] = r.Values
	}
	value := func(key string, i int) string {
		if v := byKey[key]; v != nil {
			return lexicon.Squash(v[i])
		}
		return ""
	}
	cols := []Column{
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
		table[i] = []string{Clean(it.Name), MaturityWord(it.Maturity)}
		for _, k := range keys[2:] {
			table[i] = append(table[i], value(k, i))
		}
	}
	for c := len(cols) - 1; c >= 2; c-- {
		if byKey[keys[c]] == nil {
			cols, table = DropColumn(cols, table, c)
		}
	}
	return RenderTable(st, width, cols, table)
}
