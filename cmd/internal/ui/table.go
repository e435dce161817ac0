package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
)

// Column describes one Column of a table view: how narrow it may get, how
// it is cut, and in which order it gives way when the screen is narrow.
type Column struct {
	Header string
	// Short replaces the header when the Column is narrower than it
	// ("PLACE" for "CATEGORY/SUBCATEGORY"): a header is never cut.
	Short string
	Min   int // narrowest useful width; 0 means never narrower than its text
	Max   int // widest it grows; 0 for no limit
	// GiveWay orders shrinking: the Column with the highest number is
	// Cut first, down to min, then the next. Columns with 0 never shrink.
	GiveWay int
	// Words marks the Column of running text (a description, a line):
	// the one that takes the room the others leave. It keeps wordsRoom
	// cells (or its whole text) while the other columns shrink to their
	// min, and gives way below that only after them.
	Words bool
	// Room overrides wordsRoom for this words column.
	Room int
	// Optional columns are dropped when even their min does not fit.
	Optional bool
	// Cut fits a row's cell in w cells; truncate (cut at the end) by
	// default.
	Cut func(row int, s string, w int) string
	// Style colours a cell after it is cut; nil for none.
	Style func(row int, cell string) string
}

// TableGap is the space between columns, as in gh: two cells leave the
// room to the words.
const TableGap = 2

// wordsRoom is what the running text keeps while the other columns give
// way: at 80 columns a search row reads 40 cells of its description.
const wordsRoom = 40

// typicalShare is the share of rows a shrinking Column shows whole: a
// Column is first cut to its typical width, so one long name ("Cloud
// Foundry Application Runtime") is cut rather than every description.
const typicalShare = 0.9

// RenderTable draws rows under a ruled header so that no line is wider
// than width. Where the natural widths do not fit, the shrinking columns
// are cut to their typical width, the words column to wordsRoom, then
// the others toward their min; then the words column to its min; then
// optional columns go; the words take whatever room is left. Cells hold plain (cleaned) text; the
// columns' styles colour them afterwards, so widths are of the text.
func RenderTable(st *Styles, width int, cols []Column, rows [][]string) string {
	widths := make([]int, len(cols))
	typical := make([]int, len(cols))
	cells := make([]int, len(rows))
	for c, col := range cols {
		for i, r := range rows {
			cells[i] = lipgloss.Width(r[c])
		}
		widths[c] = lipgloss.Width(col.Header)
		if len(rows) > 0 {
			sorted := slices.Clone(cells)
			slices.Sort(sorted)
			widths[c] = max(widths[c], sorted[len(sorted)-1])
			typical[c] = sorted[min(len(sorted)-1, int(typicalShare*float64(len(sorted))))]
		}
		if col.Max > 0 {
			widths[c] = min(widths[c], max(col.Max, lipgloss.Width(col.Header)))
		}
		typical[c] = max(typical[c], lipgloss.Width(headerFor(col, 0)), col.Min)
	}
	natural := slices.Clone(widths)
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
		return t + TableGap*max(0, n-1)
	}
	// shrink cuts column c toward floor, no more than the excess.
	shrink := func(c, floor int) {
		if over := total() - width; over > 0 && widths[c] > floor {
			widths[c] = max(floor, widths[c]-over)
		}
	}
	// Where the words will be cut, the typical widths are all the others
	// get; otherwise they give only what is needed.
	wordsCut := slices.ContainsFunc(cols, func(col Column) bool { return col.Words }) && total() > width
	for c, col := range cols {
		if col.Words && widths[c] <= max(col.Min, col.wordsRoom()) {
			wordsCut = false
		}
	}
	for level := maxGiveWay(cols); level > 0 && total() > width; level-- {
		for c, col := range cols {
			if col.GiveWay == level && !col.Words && col.Min > 0 {
				if wordsCut {
					widths[c] = min(widths[c], typical[c])
				} else {
					shrink(c, typical[c])
				}
			}
		}
	}
	for c, col := range cols {
		if col.Words {
			shrink(c, max(col.Min, min(widths[c], col.wordsRoom())))
		}
	}
	// Then toward their mins together, a cell at a time from the Column
	// with the most room left above its min (the first to give way on a
	// tie), so that a name and a place share the cut.
	floor := func(c int) int { return max(1, cols[c].Min, lipgloss.Width(headerFor(cols[c], 0))) }
	for total() > width {
		pick := -1
		for c, col := range cols {
			if col.GiveWay == 0 || col.Words || col.Min == 0 || widths[c] <= floor(c) {
				continue
			}
			if pick < 0 || widths[c]-floor(c) > widths[pick]-floor(pick) ||
				widths[c]-floor(c) == widths[pick]-floor(pick) && col.GiveWay > cols[pick].GiveWay {
				pick = c
			}
		}
		if pick < 0 {
			break
		}
		widths[pick]--
	}
	for c, col := range cols {
		if col.Words {
			shrink(c, max(1, col.Min))
		}
	}
	// Still too wide: drop optional columns, those that give way first.
	for level := maxGiveWay(cols); level >= 0 && total() > width; level-- {
		for c, col := range cols {
			if col.Optional && col.GiveWay == level && shown[c] && total() > width {
				shown[c] = false
			}
		}
	}
	// The words take back what the others did not need.
	for c, col := range cols {
		if col.Words && shown[c] && total() < width {
			widths[c] = min(natural[c], widths[c]+width-total())
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
			s := Truncate(cells[c], widths[c])
			if col.Cut != nil && row >= 0 {
				s = col.Cut(row, cells[c], widths[c])
			}
			pad := widths[c] - lipgloss.Width(s)
			l.WriteString(style(c, s))
			if c != last {
				l.WriteString(strings.Repeat(" ", pad+TableGap))
			}
		}
		// No trailing spaces when the last cells are empty.
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	headers := make([]string, len(cols))
	for c, col := range cols {
		headers[c] = headerFor(col, widths[c])
	}
	line(-1, headers, func(_ int, s string) string { return st.Header.Render(s) })
	var rule []string
	for c := range cols {
		if shown[c] {
			rule = append(rule, strings.Repeat("─", widths[c]))
		}
	}
	b.WriteString(st.Border.Render(strings.Join(rule, strings.Repeat("─", TableGap))) + "\n")
	for i, r := range rows {
		line(i, r, func(c int, s string) string {
			if cols[c].Style != nil {
				return cols[c].Style(i, s)
			}
			return s
		})
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (col Column) wordsRoom() int {
	if col.Room > 0 {
		return col.Room
	}
	return wordsRoom
}

// headerFor is the column's header in w cells: its short form when the
// whole does not fit (w 0 asks for the narrowest).
func headerFor(col Column, w int) string {
	if col.Short != "" && lipgloss.Width(col.Header) > w {
		return col.Short
	}
	return col.Header
}

func maxGiveWay(cols []Column) int {
	m := 0
	for _, c := range cols {
		m = max(m, c.GiveWay)
	}
	return m
}

// DropColumn removes column c from a table before it is drawn.
func DropColumn(cols []Column, rows [][]string, c int) ([]Column, [][]string) {
	cols = append(cols[:c:c], cols[c+1:]...)
	for i, r := range rows {
		rows[i] = append(r[:c:c], r[c+1:]...)
	}
	return cols, rows
}

// WithHeadings puts a heading row, with its count, before each run of a
// table's n rows that share a group (a place): one table, its columns
// aligned across the groups.
func WithHeadings(st *Styles, table string, width, n int, group func(i int) string) string {
	lines := strings.Split(table, "\n")
	if len(lines) < 2+n {
		return table
	}
	out := append(make([]string, 0, len(lines)+n), lines[:2]...)
	for i := 0; i < n; {
		g, j := group(i), i+1
		for j < n && group(j) == g {
			j++
		}
		out = append(out, st.Title.Render(Truncate(fmt.Sprintf("%s (%d)", g, j-i), width)))
		out = append(out, lines[2+i:2+j]...)
		i = j
	}
	return strings.Join(append(out, lines[2+n:]...), "\n")
}

// ShortURL fits a URL in width cells as people read one: no scheme, no
// "www.", the host whole and the end of the path ("github.com/…/containerd"),
// cut at the end only when even that does not fit.
func ShortURL(u string, width int) string {
	s := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	s = strings.TrimSuffix(strings.TrimPrefix(s, "www."), "/")
	if lipgloss.Width(s) <= width {
		return s
	}
	host, path, ok := strings.Cut(s, "/")
	if ok {
		tail := path[strings.LastIndexByte(path, '/')+1:]
		if c := host + "/…/" + tail; tail != path && lipgloss.Width(c) <= width {
			return c
		}
		if c := host + "/…"; lipgloss.Width(c) <= width {
			return c
		}
	}
	return Truncate(s, width)
}
