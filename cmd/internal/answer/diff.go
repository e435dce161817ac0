package answer

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// ChangeTypes are the types of change --only picks from ("kind" is an
// entry's: project, product or member).
var ChangeTypes = []string{"added", "removed", "moved", "renamed", "maturity", "changed"}

// FilterDiff keeps the kinds of change in only and the entries of the
// kinds in kinds; empty keeps all.
func FilterDiff(d landscape.Diff, only, kinds []string) landscape.Diff {
	return landscape.Diff{
		Added:    keepChanges(d.Added, "added", only, kinds, func(e landscape.Entry) string { return e.Kind }),
		Removed:  keepChanges(d.Removed, "removed", only, kinds, func(e landscape.Entry) string { return e.Kind }),
		Moved:    keepChanges(d.Moved, "moved", only, kinds, entryKindOf),
		Renamed:  keepChanges(d.Renamed, "renamed", only, kinds, entryKindOf),
		Maturity: keepChanges(d.Maturity, "maturity", only, kinds, entryKindOf),
		Changed:  keepChanges(d.Changed, "changed", only, kinds, entryKindOf),
		// A count of all kinds: said only when changes are shown.
		WhitespaceOnly: d.WhitespaceOnly * BoolInt(len(only) == 0 || slices.Contains(only, "changed")),
	}
}

func entryKindOf(c landscape.Change) string { return c.Kind }

// keepChanges is xs when what is among only (or only is empty), less the
// entries whose kind is not among kinds (when kinds is set).
func keepChanges[T any](xs []T, what string, only, kinds []string, kind func(T) string) []T {
	out := []T{}
	if len(only) > 0 && !slices.Contains(only, what) {
		return out
	}
	for _, x := range xs {
		if len(kinds) == 0 || slices.Contains(kinds, kind(x)) {
			out = append(out, x)
		}
	}
	return out
}

// WriteDiff prints a diff: the counts, then each kind of change. On a
// terminal (width > 0) a changed value too long for one line is shown
// whole, as "- old" and "+ new" lines wrapped to the width, with the
// changed words marked (in colour, or [-…-] and {+…+} without); piped,
// each field is one "field: old → new" line.
func WriteDiff(w io.Writer, d landscape.Diff, short bool, width int, st *ui.Styles) error {
	fit := func(l string) string {
		if width > 0 {
			return ui.Truncate(l, width)
		}
		return l
	}
	if d.Empty() {
		_, err := fmt.Fprintln(w, "no changes")
		return err
	}
	var counts []string
	for _, c := range []struct {
		n    int
		what string
	}{
		{len(d.Added), "added"}, {len(d.Removed), "removed"}, {len(d.Moved), "moved"},
		{len(d.Renamed), "renamed"}, {len(d.Maturity), Plural(len(d.Maturity), "maturity change", "maturity changes")}, {len(d.Changed), "changed"},
	} {
		if c.n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	if d.WhitespaceOnly > 0 && !short {
		note := fmt.Sprintf("(%d %s changed in white space only, not shown)", d.WhitespaceOnly, Plural(d.WhitespaceOnly, "field", "fields"))
		if n := len(counts); n > 0 && len(d.Changed) > 0 {
			counts[n-1] += " " + note
		} else {
			counts = append(counts, note)
		}
	}
	if width > 0 {
		fmt.Fprintln(w, ui.PackLine("", counts, ", ", width))
	} else {
		fmt.Fprintln(w, strings.Join(counts, ", "))
	}
	entry := func(sign string) func(e landscape.Entry) []string {
		return func(e landscape.Entry) []string {
			l := fmt.Sprintf("%s %s (%s)", sign, ui.Clean(e.Name), ui.Clean(e.Path))
			if len(e.Listings) == 0 {
				return []string{l}
			}
			what := "another listing; also in "
			if sign == "-" {
				what = "a second listing; still in "
			}
			return []string{l, "    " + what + ui.Clean(strings.Join(e.Listings, ", "))}
		}
	}
	change := func(head func(c landscape.Change) string) func(c landscape.Change) []string {
		return func(c landscape.Change) []string {
			out := []string{head(c)}
			for _, v := range c.Values {
				out = append(out, fieldLines(st, v, width)...)
			}
			return out
		}
	}
	sections := []struct {
		title string
		lines [][]string
	}{
		{"Maturity", mapLines(d.Maturity, change(func(c landscape.Change) string {
			return fmt.Sprintf("%s: %s → %s", ui.Clean(c.Name), OrNone(c.From), OrNone(c.To))
		}))},
		{"Added", mapLines(d.Added, entry("+"))},
		{"Removed", mapLines(d.Removed, entry("-"))},
		{"Renamed", mapLines(d.Renamed, change(func(c landscape.Change) string { return fmt.Sprintf("%s → %s", ui.Clean(c.From), ui.Clean(c.To)) }))},
		{"Moved", mapLines(d.Moved, change(func(c landscape.Change) string {
			return fmt.Sprintf("%s: %s → %s", ui.Clean(c.Name), ui.Clean(c.From), ui.Clean(c.To))
		}))},
		{"Changed", mapLines(d.Changed, change(func(c landscape.Change) string { return ui.Clean(c.Name) }))},
	}
	for i, sec := range sections {
		if len(sec.lines) > 0 {
			fmt.Fprintln(w, st.Header.Render(sec.title+":"))
			for _, ls := range sec.lines {
				for k, l := range ls {
					switch {
					case width == 0:
						l = "  " + l
					case k == 0 && width >= 16:
						// The item's line whole, wrapped under itself.
						l = "  " + strings.Join(wrapLines(st, l, width-4), "\n    ")
					case k == 0:
						l = fit("  " + l)
					case lipgloss.Width(l) > width && width >= 16:
						lead := len(l) - len(strings.TrimLeft(l, " "))
						l = l[:lead] + strings.Join(wrapLines(st, l[lead:], width-lead-2), "\n"+strings.Repeat(" ", lead+2))
					default:
						l = fit(l)
					}
					fmt.Fprintln(w, l)
				}
			}
		}
		if short && i == 0 { // the summary after an update: maturity only
			_, err := fmt.Fprintln(w, "cnl diff shows every change")
			return err
		}
	}
	return nil
}

// wrapLines wraps text to width cells, each line without trailing spaces
// and never wider (a word longer than the line is cut).
func wrapLines(st *ui.Styles, text string, width int) []string {
	ls := strings.Split(st.Plain().Width(width).Render(text), "\n")
	for i, l := range ls {
		ls[i] = ui.Truncate(strings.TrimRight(l, " "), width)
	}
	return ls
}

func OrNone(v string) string {
	if v = lexicon.Squash(ui.Clean(v)); v == "" {
		return "none"
	}
	return v
}

func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// fieldLines shows one field's change under its item, indented. Piped
// (width 0), or when it fits, it is one line, "field: old → new"; else the
// old and new values each whole, wrapped, their changed words marked.
func fieldLines(st *ui.Styles, v landscape.FieldChange, width int) []string {
	from, to := OrNone(v.From), OrNone(v.To)
	one := fmt.Sprintf("    %s: %s → %s", v.Field, from, to)
	if width == 0 || lipgloss.Width(one) <= width {
		return []string{one}
	}
	if width < 16 {
		return []string{ui.Truncate(one, width)}
	}
	old, new := wordDiff(from, to, st)
	wrap := func(sign, text string) []string {
		ls := wrapLines(st, text, width-8)
		for i, l := range ls {
			lead := "        "
			if i == 0 {
				lead = "      " + sign + " "
			}
			ls[i] = strings.TrimRight(lead+l, " ")
		}
		return ls
	}
	out := []string{ui.Truncate("    "+v.Field+":", width)}
	out = append(out, wrap("-", old)...)
	return append(out, wrap("+", new)...)
}

// wordDiff marks the words of a that b does not keep, and the words b adds:
// in colour (red and green), or as [-…-] and {+…+} without it.
func wordDiff(a, b string, st *ui.Styles) (string, string) {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa)*len(wb) > 1<<20 { // too long to align: mark each whole
		wa, wb = []string{a}, []string{b}
	}
	// lcs[i][j] is the longest common run of wa[i:] and wb[j:].
	lcs := make([][]int, len(wa)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(wb)+1)
	}
	for i := len(wa) - 1; i >= 0; i-- {
		for j := len(wb) - 1; j >= 0; j-- {
			if wa[i] == wb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	keepA, keepB := make([]bool, len(wa)), make([]bool, len(wb))
	for i, j := 0, 0; i < len(wa) && j < len(wb); {
		switch {
		case wa[i] == wb[j]:
			keepA[i], keepB[j] = true, true
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	removed := st.Plain().Foreground(lipgloss.Color("9")).Strikethrough(true)
	added := st.Plain().Foreground(lipgloss.Color("10")).Underline(true)
	mark := func(words []string, kept []bool, open, close string, style lipgloss.Style) string {
		var b strings.Builder
		for i := 0; i < len(words); {
			if i > 0 {
				b.WriteByte(' ')
			}
			if kept[i] {
				b.WriteString(words[i])
				i++
				continue
			}
			j := i
			for j < len(words) && !kept[j] {
				j++
			}
			run := strings.Join(words[i:j], " ")
			if st.Color {
				b.WriteString(style.Render(run))
			} else {
				b.WriteString(open + run + close)
			}
			i = j
		}
		return b.String()
	}
	return mark(wa, keepA, "[-", "-]", removed), mark(wb, keepB, "{+", "+}", added)
}

// mapLines renders each element as its lines.
func mapLines[T any](xs []T, line func(T) []string) [][]string {
	out := make([][]string, len(xs))
	for i, x := range xs {
		out[i] = line(x)
	}
	return out
}
