package cmd

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// column describes one column of a table view: how narrow it may get, how
// it is cut, and in which order it gives way when the screen is narrow.
type column struct {
	header string
	min    int // narrowest useful width; 0 means never narrower than its text
	max    int // widest it grows; 0 for no limit
	// giveWay orders shrinking: the column with the highest number is
	// cut first, down to min, then the next. Columns with 0 never shrink.
	giveWay int
	// optional columns are dropped when even their min does not fit.
	optional bool
	// cut fits a row's cell in w cells; truncate (cut at the end) by
	// default.
	cut func(row int, s string, w int) string
	// style colours a cell after it is cut; nil for none.
	style func(row int, cell string) string
}

// tableGap is the space between columns, as in kubectl.
const tableGap = 3

// renderTable draws rows under a ruled header so that no line is wider
// than width: columns give way in their order, optional ones go, and
// every cell is cut to its column. Cells hold plain (cleaned) text; the
// columns' styles colour them afterwards, so widths are of the text.
func renderTable(st *styles, width int, cols []column, rows [][]string) string {
	widths := make([]int, len(cols))
	for c, col := range cols {
		widths[c] = lipgloss.Width(col.header)
		for _, r := range rows {
			widths[c] = max(widths[c], lipgloss.Width(r[c]))
		}
		if col.max > 0 {
			widths[c] = min(widths[c], max(col.max, lipgloss.Width(col.header)))
		}
	}
	shown := make([]bool, len(cols))
	for c := range shown {
		shown[c] = true
	}
	total := func() int {
		t, n := 0, 0
		for c, w := range widths {
			if shown[c] {
				t += w
				n++
			}
		}
		return t + tableGap*max(0, n-1)
	}
	// Shrink in giveWay order, each column down to its min.
	for level := maxGiveWay(cols); level > 0 && total() > width; level-- {
		for c, col := range cols {
			if col.giveWay == level && shown[c] {
				floor := col.min
				if floor == 0 {
					floor = widths[c]
				}
				widths[c] = max(min(floor, widths[c]), widths[c]-(total()-width))
			}
		}
	}
	// Still too wide: drop optional columns, those that give way first.
	for level := maxGiveWay(cols); level >= 0 && total() > width; level-- {
		for c, col := range cols {
			if col.optional && col.giveWay == level && shown[c] && total() > width {
				shown[c] = false
			}
		}
	}
	// Last resort on a very narrow screen: cut the widest column.
	for total() > width {
		widest := -1
		for c := range widths {
			if shown[c] && widths[c] > 1 && (widest < 0 || widths[c] > widths[widest]) {
				widest = c
			}
		}
		if widest < 0 {
			break
		}
		widths[widest] -= min(widths[widest]-1, total()-width)
	}

	last := -1
	for c := range cols {
		if shown[c] {
			last = c
		}
	}
	var b strings.Builder
	var l strings.Builder
	line := func(row int, cells []string, style func(c int, s string) string) {
		l.Reset()
		for c, col := range cols {
			if !shown[c] {
				continue
			}
			s := truncate(cells[c], widths[c])
			if col.cut != nil && row >= 0 {
				s = col.cut(row, cells[c], widths[c])
			}
			pad := widths[c] - lipgloss.Width(s)
			l.WriteString(style(c, s))
			if c != last {
				l.WriteString(strings.Repeat(" ", pad+tableGap))
			}
		}
		// No trailing spaces when the last cells are empty.
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	headers := make([]string, len(cols))
	for c, col := range cols {
		headers[c] = col.header
	}
	line(-1, headers, func(_ int, s string) string { return st.header.Render(s) })
	var rule []string
	for c := range cols {
		if shown[c] {
			rule = append(rule, strings.Repeat("─", widths[c]))
		}
	}
	b.WriteString(st.border.Render(strings.Join(rule, strings.Repeat("─", tableGap))) + "\n")
	for i, r := range rows {
		line(i, r, func(c int, s string) string {
			if cols[c].style != nil {
				return cols[c].style(i, s)
			}
			return s
		})
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func maxGiveWay(cols []column) int {
	m := 0
	for _, c := range cols {
		m = max(m, c.giveWay)
	}
	return m
}

// dropColumn removes column c from a table before it is drawn.
func dropColumn(cols []column, rows [][]string, c int) ([]column, [][]string) {
	cols = append(cols[:c:c], cols[c+1:]...)
	for i, r := range rows {
		rows[i] = append(r[:c:c], r[c+1:]...)
	}
	return cols, rows
}

// flatten joins a text's lines and runs of spaces into single spaces, for
// a table cell.
func flatten(s string) string { return strings.Join(strings.Fields(s), " ") }
