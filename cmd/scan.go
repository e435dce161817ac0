package cmd

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/mcpservice"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/glossary"
	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/scan"
)

type scanOptions struct {
	*globalOptions
	files   []string
	group   bool
	compare bool
	text    bool
}

func newScanCmd(g *globalOptions) *cobra.Command {
	o := &scanOptions{globalOptions: g}
	c := &cobra.Command{
		Annotations: markdownOK,
		Use:         "scan FILE... (or - for standard input)",
		Short:       "find the landscape projects a text mentions",
		Long: `Read plain text or Markdown (notes, a README) and list what it mentions, as
a study sheet: the landscape's projects, each with where (file:line; on a
terminal, the line alone for one file, and for several each file below the
directory they share) and the line, its category and maturity; then the concepts it discusses, from the CNCF Cloud Native
Glossary ("VMs vs containers", "immutable infrastructure", "k8s") and the
Kubernetes glossary ("labels", "admission controller"), each with its
definition.

Names match as whole words, never inside another word. A name of several
words written whole ("Talos Linux", "Open Policy Agent") is the project.
Names that are ordinary words ("Harbor", "Flux", "Helm") count only when
written as a name: in ` + "`code`" + ` or a [link], capitalised among cloud-native
words, or next to one ("helm install"). Acronyms must be upper case ("OPA").
Aliases help: "k8s", "otel", names in parentheses and repository names; an
alias that is also a word ("talos") counts beside a cloud-native word, as
such names do. A concept matches in its own word forms ("containers", not
"contained"). A false match is worse than a miss.`,
		Example: `  cnl scan notes.md
  cnl scan --group README.md docs/*.md
  cnl scan --compare notes.md
  pbpaste | cnl scan - -o json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return answer.UsageErrorf("scan needs a file, or - for standard input")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.files = args
			return g.streams.Paged(g.noPager, func(*ui.Streams) error { return runScan(cmd.Context(), o) })
		},
	}
	c.Flags().BoolVar(&o.group, "group", false, "group the mentions by subcategory")
	c.Flags().BoolVar(&o.compare, "compare", false, "compare the items of each subcategory the text mentions two or more of")
	c.Flags().BoolVar(&o.text, "text", false, "read a file as text even when it looks binary (a NUL byte in its first 8 KB)")
	return c
}

// scanResult is what -o json/yaml show of a scan: the projects, then the
// concepts of the glossary.
type scanResult struct {
	mcpservice.Dated
	Projects []answer.ScanJSON    `json:"projects"`
	Concepts []answer.ConceptJSON `json:"concepts"`
}

func runScan(ctx context.Context, o *scanOptions) error {
	x, err := o.index(ctx)
	if err != nil {
		return err
	}
	sc := scan.NewScanner(x)
	concepts := glossary.NewConceptFinder()
	sc.FindConcepts(concepts)
	for _, f := range o.files {
		if err := scanFile(sc, f, o.streams.In, o.text, o.streams.ErrOut); err != nil {
			return err
		}
	}
	found := sc.Found()
	if o.group || o.compare {
		found = groupBySubcategory(x, found)
	}
	s := o.streams
	format := o.format()
	terms := answer.ConceptsJSON(concepts.Found())
	where := shownWhere{oneFile: len(o.files) == 1, dir: sharedDir(o.files)}
	if format.Data() {
		return s.Show(format, ui.View{Data: func() any {
			out := scanResult{Projects: make([]answer.ScanJSON, len(found)), Concepts: terms}
			for i, f := range found {
				it := x.Item(f.Index)
				out.Projects[i] = answer.ScanJSON{Name: it.Name, Slug: it.Slug, Category: it.Category, Subcategory: it.Subcategory, Maturity: it.Maturity,
					Summary: answer.NewItemJSON(it).Summary, Mentions: f.Mentions, Count: f.Count}
			}
			return out
		}})
	}
	if len(found) == 0 {
		fprintf(s.ErrOut, "no landscape projects mentioned\n")
		return writeConcepts(s, format, terms, where)
	}
	if o.group && format == ui.Markdown {
		for _, grp := range splitByPlace(x, found) {
			fmt.Fprintf(s.Out, "\n### %s\n\n", ui.Clean(x.Item(grp[0].Index).Path()))
			if err := writeFound(s, format, x, grp, false, where); err != nil {
				return err
			}
		}
	} else if err := writeFound(s, format, x, found, o.group, where); err != nil {
		return err
	}
	if err := writeConcepts(s, format, terms, where); err != nil {
		return err
	}
	if o.compare {
		return o.writeComparisons(x, found, format)
	}
	return nil
}

// writeConcepts lists the glossary's terms a text discusses, apart from
// the projects: a study sheet, each with its first sentence and where to
// read more.
func writeConcepts(s *ui.Streams, format ui.Format, cs []answer.ConceptJSON, where shownWhere) error {
	if len(cs) == 0 {
		return nil
	}
	return s.Show(format, ui.View{
		Data: func() any { return cs },
		Plain: func(w io.Writer) error {
			// Apart from the project rows, which scripts read by field,
			// each concept row starts with "concept".
			for _, c := range cs {
				fprintf(w, "concept\t%s\t%s\t%s\t%s\n", ui.Clean(c.Slug), ui.Clean(c.Title), conceptWhere(c), ui.Clean(c.Summary))
			}
			return nil
		},
		Markdown: func(w io.Writer) error {
			fprintf(w, "\n### Concepts\n\n| Concept | What it is | Where | More |\n|---|---|---|---|\n")
			for _, c := range cs {
				fprintf(w, "| %s | %s | %s | `cnl glossary %s` |\n", ui.MDCell(c.Title), ui.MDCell(c.Summary), ui.MDCell(conceptWhere(c)), ui.MDCell(c.Slug))
			}
			return nil
		},
		// A study sheet: each concept's definition whole, wrapped to the
		// screen, under its name and where the text mentions it.
		Table: func(s *ui.Streams) error {
			st := s.Styles()
			var b strings.Builder
			b.WriteString("\n" + st.Title.Render("Concepts") + st.Dim.Render(ui.Truncate(" — cnl glossary CONCEPT explains one", s.Width-8)) + "\n")
			for _, c := range cs {
				b.WriteString("\n" + ui.Truncate(st.Header.Render(ui.Clean(c.Slug))+"  "+st.Dim.Render(ui.TruncateLeft(where.of(scan.Found{Mentions: c.Mentions, Count: c.Count}), max(10, s.Width/2))), s.Width) + "\n")
				for _, l := range ui.WrapStyled(ui.Clean(c.Summary), s.Width, "  ", "  ") {
					b.WriteString(l + "\n")
				}
			}
			_, err := fmt.Fprint(s.Out, b.String())
			return err
		},
	})
}

func conceptWhere(c answer.ConceptJSON) string {
	return answer.Where(scan.Found{Mentions: c.Mentions, Count: c.Count})
}

// scanFile scans one file, or standard input for "-". A binary file (a NUL
// byte in its first 8 KB, as grep and ripgrep tell) is skipped with a note
// on errOut, unless text asks to read it anyway.
func scanFile(sc *scan.Scanner, name string, stdin io.Reader, text bool, errOut io.Writer) error {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, 8<<10)
	if head, _ := br.Peek(8 << 10); !text && bytes.IndexByte(head, 0) >= 0 {
		fprintf(errOut, "cnl: %s: binary file skipped (--text reads it anyway)\n", ui.Clean(name))
		return nil
	}
	if err := sc.Scan(name, br); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// splitByPlace groups found items by subcategory, places in the order
// first mentioned and items in that order within each.
func splitByPlace(x *landscape.Index, found []scan.Found) [][]scan.Found {
	var groups [][]scan.Found
	at := map[string]int{}
	for _, f := range found {
		p := x.Item(f.Index).Path()
		i, ok := at[p]
		if !ok {
			i = len(groups)
			at[p] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], f)
	}
	return groups
}

// groupBySubcategory orders found items by their place (see splitByPlace).
func groupBySubcategory(x *landscape.Index, found []scan.Found) []scan.Found {
	var out []scan.Found
	for _, g := range splitByPlace(x, found) {
		out = append(out, g...)
	}
	return out
}

// shownWhere says where a mention is on a terminal, in few cells so that
// the place and the line keep room at 80 columns: of one file, the line
// alone ("line 3 (+1)"); of several, each file as named below the
// directory they share ("a.md:1", "notes/b.md:4").
type shownWhere struct {
	oneFile bool
	dir     string // with its separator; "" when they share none
}

func (sw shownWhere) of(f scan.Found) string {
	if !sw.oneFile {
		return strings.TrimPrefix(answer.Where(f), ui.Clean(sw.dir))
	}
	w := fmt.Sprintf("line %d", f.Mentions[0].Line)
	if n := f.Count - 1; n > 0 {
		w += fmt.Sprintf(" (+%d)", n)
	}
	return w
}

// writeFound lists the items found. On a terminal the line is shown around
// the matched words, which are marked (in colour, or [like this]);
// grouped, one table has a heading row for each place.
func writeFound(s *ui.Streams, format ui.Format, x *landscape.Index, found []scan.Found, grouped bool, where shownWhere) error {
	return s.Show(format, ui.View{
		Data: func() any { return found },
		Plain: func(w io.Writer) error {
			for _, f := range found {
				it := x.Item(f.Index)
				fprintf(w, "%s\t%s\t%s\t%s\t%s\n", ui.Clean(it.Name), ui.Clean(it.Path()), ui.Clean(it.Maturity), answer.Where(f), ui.Clean(f.Mentions[0].Text))
			}
			return nil
		},
		Markdown: func(w io.Writer) error {
			var b strings.Builder
			b.WriteString("| Project | Category/Subcategory | Maturity | Where | Line |\n|---|---|---|---|---|\n")
			esc := ui.MDCell
			for _, f := range found {
				it := x.Item(f.Index)
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", esc(it.Name), esc(it.Path()), esc(it.Maturity), esc(answer.Where(f)), esc(f.Mentions[0].Text))
			}
			_, err := fmt.Fprint(w, b.String())
			return err
		},
		Table: func(s *ui.Streams) error { return writeFoundTable(s, x, found, grouped, where) },
	})
}

// writeFoundTable draws the items found for a terminal.
func writeFoundTable(s *ui.Streams, x *landscape.Index, found []scan.Found, grouped bool, where shownWhere) error {
	st := s.Styles()
	rows := make([][]string, len(found))
	items := make([]*landscape.Item, len(found))
	for i, f := range found {
		items[i] = x.Item(f.Index)
		rows[i] = []string{ui.Clean(items[i].Name), ui.Clean(items[i].Path()), ui.MaturityWord(items[i].Maturity), where.of(f), lexicon.Squash(ui.Clean(f.Mentions[0].Text))}
	}
	// The line gives way first, then the place, then where (cut from
	// the left: the line number matters more than the directory).
	whereMin := 12
	if where.oneFile {
		whereMin = len("line 99")
	}
	cols := []ui.Column{
		{Header: "PROJECT", Min: 10, Max: 28, GiveWay: 1},
		{Header: "CATEGORY/SUBCATEGORY", Short: "PLACE", Min: 8, Max: 40, GiveWay: 3, Cut: func(i int, _ string, w int) string {
			return shortPath(ui.Clean(items[i].Category), ui.Clean(items[i].Subcategory), w)
		}},
		{Header: "MATURITY", Style: func(i int, cell string) string { return st.MaturityCell(items[i].Maturity, cell) }},
		{Header: "WHERE", Min: whereMin, Max: 26, GiveWay: 2, Cut: func(_ int, s string, w int) string { return ui.TruncateLeft(s, w) }},
		{Header: "LINE", Min: 16, GiveWay: 4, Words: true, Room: 30, Optional: true,
			Cut: func(i int, line string, w int) string {
				return aroundMatch(line, ui.Clean(found[i].Mentions[0].Matched), w, !s.Color)
			},
			Style: func(i int, cell string) string {
				if m := ui.Clean(found[i].Mentions[0].Matched); s.Color && m != "" {
					return strings.Replace(cell, m, st.Match.Render(m), 1)
				}
				return cell
			}},
	}
	if grouped {
		cols = slices.Delete(cols, 1, 2) // the heading rows say the place
		for i := range rows {
			rows[i] = slices.Delete(rows[i], 1, 2)
		}
	}
	table := ui.RenderTable(st, s.Width, cols, rows)
	if grouped {
		table = ui.WithHeadings(st, table, s.Width, len(found), func(i int) string {
			return ui.Clean(items[i].Category) + " › " + ui.Clean(items[i].Subcategory)
		})
	}
	_, err := fmt.Fprintln(s.Out, table)
	return err
}

// aroundMatch fits a line in width cells around its first match: the
// match whole (or cut) with what comes before and after it, and "…" where
// the line was cut. marks puts [brackets] around the match, for a screen
// without colour.
func aroundMatch(line, match string, width int, marks bool) string {
	line = strings.TrimLeft(line, " -*#>")
	at := strings.Index(line, match)
	if match == "" || at < 0 {
		return ui.Truncate(line, width)
	}
	before, after := []rune(line[:at]), []rune(line[at+len(match):])
	m := match
	if marks {
		m = "[" + match + "]"
	}
	room := width - lipgloss.Width(m)
	if room < 2 {
		return ui.Truncate(m, width)
	}
	// Before the match gets up to a third of the room; after, the rest.
	keep := max(1, min(len(before), max(room/3, room-len(after))))
	head := ""
	if keep < len(before) {
		head = "…" + string(before[len(before)-keep+1:])
	} else {
		head = string(before)
	}
	tail := ui.Truncate(string(after), width-lipgloss.Width(head)-lipgloss.Width(m))
	return ui.Truncate(head+m+tail, width) // wide characters before the match

}

// writeComparisons prints, for each subcategory with two or more mentioned
// items, the comparison of them.
func (o *scanOptions) writeComparisons(x *landscape.Index, found []scan.Found, format ui.Format) error {
	s := o.streams
	var places []string
	byPlace := map[string][]*landscape.Item{}
	for _, f := range found {
		it := x.Item(f.Index)
		if _, ok := byPlace[it.Path()]; !ok {
			places = append(places, it.Path())
		}
		byPlace[it.Path()] = append(byPlace[it.Path()], it)
	}
	compared := 0
	defer func() {
		if compared == 0 {
			fprintf(s.ErrOut, "cnl: nothing to compare: the text names no two projects of one subcategory\n")
		}
	}()
	for _, p := range places {
		items := byPlace[p]
		if len(items) < 2 {
			continue
		}
		compared++
		names := make([]string, len(items))
		for i, it := range items {
			names[i] = ui.Clean(it.Name)
		}
		_, sub, _ := strings.Cut(p, "/")
		fmt.Fprintf(s.Out, "\nyour text mentions %d items in %s: %s\n", len(items), ui.Clean(sub), strings.Join(names, ", "))
		rows := ui.CompareRows(x, items, o.Now())
		err := s.Show(format, ui.View{
			Data:     func() any { return rows },
			Markdown: func(w io.Writer) error { return writeMarkdown(w, items, rows) },
			Plain: func(w io.Writer) error {
				for _, r := range rows {
					fprintf(w, "%s\t%s\n", r.Label, strings.Join(r.Values, "\t"))
				}
				return nil
			},
			Table: func(s *ui.Streams) error {
				_, err := fmt.Fprintln(s.Out, ui.RenderCompare(s.Styles(), items, rows, s.Width))
				return err
			},
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// sharedDir is the directory several files share, with its separator
// ("notes/" for notes/a.md and notes/b/c.md); "" for one file, standard
// input, or files that share none.
func sharedDir(files []string) string {
	if len(files) < 2 || slices.Contains(files, "-") {
		return ""
	}
	dir := filepath.Dir(files[0])
	for _, f := range files[1:] {
		for dir != "." && dir != string(filepath.Separator) && !strings.HasPrefix(f, dir+string(filepath.Separator)) {
			dir = filepath.Dir(dir)
		}
	}
	if dir == "." || dir == string(filepath.Separator) {
		return ""
	}
	return dir + string(filepath.Separator)
}
