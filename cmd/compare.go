package cmd

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
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
				return answer.UsageErrorf("give names or --category/--subcategory, not both")
			}
			if !placed && len(args) < 2 {
				return answer.UsageErrorf("compare needs two names or more, or --subcategory (see cnl compare --help)")
			}
			if !placed && len(o.maturity) > 0 {
				return answer.UsageErrorf("--maturity chooses among a place's items (--category/--subcategory); named items are compared whatever their maturity")
			}
			if err := answer.CheckMaturities(o.maturity); err != nil {
				return err
			}
			return g.streams.Paged(g.noPager, func(*ui.Streams) error { return runCompare(cmd.Context(), o) })
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
	// Concepts ("vm", "container") are compared as concepts; a concept
	// beside a project is explained, and the projects compared.
	var concepts, projects []string
	for _, n := range o.names {
		if namesProject(x, n) {
			projects = append(projects, n)
		} else if e, ok := conceptNamed(n); ok {
			concepts = append(concepts, e.Slug)
		} else {
			projects = append(projects, n)
		}
	}
	switch {
	case len(concepts) >= 2 && len(projects) == 0:
		c, err := compareConcepts(ctx, o.globalOptions, concepts)
		if err != nil {
			return err
		}
		return writeConceptComparison(o.streams, format, c)
	case len(concepts) > 0:
		for _, slug := range concepts {
			if e, ok := answer.GlossaryEntry(slug); ok {
				fmt.Fprintf(o.streams.ErrOut, "cnl: %s is a concept, not a project: %s (%s)\n", ui.Clean(e.Title), ui.Clean(e.Summary), answer.AtCommandLine.Glossary(slug))
			}
		}
		if len(projects) < 2 {
			if len(projects) == 1 {
				res, err := search.Resolve(x, projects[0])
				if err != nil {
					return err
				}
				a := res.Item.About()
				fmt.Fprintf(o.streams.Out, "%s (%s): %s\n", ui.Clean(res.Item.Name), ui.Clean(res.Item.Path()), ui.Clean(a.Text))
			}
			return nil
		}
		o.names = projects
	}
	items, err := o.pick(x)
	if err != nil {
		return err
	}
	rows := ui.CompareRows(x, items, o.Now())
	return o.streams.Show(format, ui.View{
		Data:     func() any { return compareJSON{Items: itemsJSON(items), Rows: rows} },
		Markdown: func(w io.Writer) error { return writeMarkdown(w, items, rows) },
		Plain: func(w io.Writer) error {
			header := []string{""}
			for _, it := range items {
				header = append(header, ui.Clean(it.Name))
			}
			fprintf(w, "%s\n", strings.Join(header, "\t"))
			for _, r := range rows {
				fprintf(w, "%s\t%s\n", r.Label, strings.Join(r.Values, "\t"))
			}
			return nil
		},
		Table: func(s *ui.Streams) error {
			st := s.Styles()
			if !o.full && (o.category != "" || o.subcategory != "" || len(items) > compactAfter) {
				_, err := fmt.Fprintln(s.Out, ui.RenderCompact(st, items, rows, s.Width)+"\n"+st.Dim.Render(ui.Truncate("cnl compare --full shows every field side by side", s.Width)))
				return err
			}
			_, err := fmt.Fprintln(s.Out, ui.RenderCompare(st, items, rows, s.Width))
			return err
		},
	})
}

// namesProject reports whether a name names a project exactly (its name,
// slug or acronym): such a name is the project, even when a concept shares
// it ("kubernetes").
func namesProject(x *landscape.Index, name string) bool {
	res, err := search.Resolve(x, name)
	return err == nil && res.Exact
}

// pick resolves the names, or lists the place, into the items to compare.
func (o *compareOptions) pick(x *landscape.Index) ([]*landscape.Item, error) {
	return answer.PickItems(x, o.names, search.Query{Category: o.category, Subcategory: o.subcategory, Maturity: o.maturity})
}

type compareJSON struct {
	Items []answer.ItemJSON `json:"items"`
	Rows  []ui.CompareRow   `json:"rows"`
}

// compactAfter is how many items still compare side by side by default;
// more get one row each.
const compactAfter = 4

// writeMarkdown writes a GitHub table, ready to paste.
func writeMarkdown(w io.Writer, items []*landscape.Item, rows []ui.CompareRow) error {
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
	_, err := fmt.Fprint(w, b.String())
	return err
}
