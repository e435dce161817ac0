package cmd

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

type listOptions struct {
	*globalOptions
	path     string
	maturity []string
	kind     []string
	facts    answer.FactFilters
}

func newListCmd(g *globalOptions) *cobra.Command {
	o := &listOptions{globalOptions: g}
	c := &cobra.Command{
		Annotations: markdownOK,
		Use:         "list [CATEGORY[/SUBCATEGORY]]",
		Short:       "browse categories, or list one's items",
		Long: `Without an argument, list the category tree with item counts. With a
category or subcategory, list its items, including those the data also lists
there as a second place. Paths ignore case; a subcategory name alone works when it is
unique ("Container Runtime"), and names with a slash of their own work
("Platform/PaaS/Container Service").

Items are listed by name, A to Z (ignoring case), as in cnl browse; --sort
orders them otherwise. --maturity and --kind filter as in cnl search.`,
		Example: `  cnl list
  cnl list Runtime
  cnl list "Runtime/Container Runtime"
  cnl list "Container Registry" -o json
  cnl list "Container Runtime" --maturity graduated --maturity incubating
  cnl list "Container Runtime" --sort stars --min-stars 1000`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return answer.UsageErrorf("list takes one path; quote names with spaces: cnl list %s", landscape.Quote(strings.Join(args, " ")))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.path = args[0]
			}
			if (o.facts.Set() || len(o.maturity) > 0 || len(o.kind) > 0) && o.path == "" {
				return answer.UsageErrorf("sorting and filters need a category or subcategory: cnl list PATH --sort stars")
			}
			if err := answer.CheckMaturities(o.maturity); err != nil {
				return err
			}
			if err := answer.CheckKinds(o.kind); err != nil {
				return err
			}
			return runList(cmd.Context(), o)
		},
	}
	c.Flags().StringSliceVar(&o.maturity, "maturity", nil, "only items of this maturity: "+strings.Join(landscape.Maturities, ", ")+" (repeatable)")
	c.Flags().StringSliceVar(&o.kind, "kind", nil, "only entries of this kind: "+strings.Join(landscape.Kinds, ", ")+" (repeatable)")
	o.facts.Register(c.Flags())
	return c
}

func runList(ctx context.Context, o *listOptions) error {
	x, err := o.index(ctx)
	if err != nil {
		return err
	}
	if o.path == "" {
		return o.streams.Paged(o.noPager || o.format() != ui.Table, func(s *ui.Streams) error { return writeTree(s, o.format(), x) })
	}
	place, err := x.FindPlace(o.path)
	if err != nil {
		return err
	}
	idx := sortedByName(x, place.Items())
	if o.facts.Set() || len(o.maturity) > 0 || len(o.kind) > 0 {
		// Filters and sorting go through search, over this place only.
		q := search.Query{Category: o.path, Maturity: o.maturity, Kind: o.kind}
		if err := o.facts.Apply(&q, o.Now()); err != nil {
			return err
		}
		if q.Sort == "" {
			q.Sort = "name"
		}
		if err := o.NeedFacts(x, q, answer.AtCommandLine, o.streams.ErrOut); err != nil {
			return err
		}
		rs, err := search.Search(x, q)
		if err != nil {
			return err
		}
		idx = idx[:0:0]
		for _, r := range rs {
			idx = append(idx, r.Index)
		}
	}
	if o.format() != ui.Table {
		return writeItems(o.streams, o.format(), x, idx, nil)
	}
	if place.Sub == nil {
		// On a terminal a category's items come by subcategory, each
		// under its heading, in the landscape's order.
		order := map[string]int{}
		for i, sub := range place.Category.Subcategories {
			order[sub.Name] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			return order[x.Summary(a).Subcategory] - order[x.Summary(b).Subcategory]
		})
	}
	return o.streams.Paged(o.noPager, func(s *ui.Streams) error {
		st := s.Styles()
		fmt.Fprintln(s.Out, st.Plain().Width(s.Width).Render(st.Title.Render(ui.Clean(place.String()))+st.Dim.Render(fmt.Sprintf("  %d items", len(idx)))))
		if intro := o.guideIntro(place.Category.Name, place.SubName(), min(s.Width, 100)); intro != "" {
			fmt.Fprintln(s.Out, intro)
		}
		if terms := placeTerms(x, place.String(), ""); terms != "" {
			fmt.Fprintln(s.Out, st.Dim.Render(ui.Truncate(terms, s.Width)))
		}
		if len(idx) == 0 {
			fmt.Fprintln(s.Out, st.Dim.Render("(no items)"))
		}
		return writeItems(s, ui.Table, x, idx, nil)
	})
}

func writeTree(s *ui.Streams, format ui.Format, x *landscape.Index) error {
	return s.Show(format, ui.View{
		Data: func() any {
			tree := make([]answer.CategoryJSON, len(x.Categories))
			for i, c := range x.Categories {
				tree[i] = answer.CategoryJSON{Name: c.Name, Count: c.Count(), Subcategories: []answer.SubcategoryJSON{}}
				for _, sc := range c.Subcategories {
					tree[i].Subcategories = append(tree[i].Subcategories, answer.SubcategoryJSON{Name: sc.Name, Path: c.Name + "/" + sc.Name, Count: len(sc.Items)})
				}
			}
			return tree
		},
		Plain: func(w io.Writer) error {
			for _, c := range x.Categories {
				fprintf(w, "%s\t%d\n", ui.Clean(c.Name), c.Count())
				for _, sc := range c.Subcategories {
					fprintf(w, "%s/%s\t%d\n", ui.Clean(c.Name), ui.Clean(sc.Name), len(sc.Items))
				}
			}
			return nil
		},
		Table: func(s *ui.Streams) error { return writeTreeTable(s, x) },
	})
}

// writeTreeTable draws the category tree for a terminal.
func writeTreeTable(s *ui.Streams, x *landscape.Index) error {
	st := s.Styles()
	nameW := 0
	for _, c := range x.Categories {
		nameW = max(nameW, lipgloss.Width(ui.Clean(c.Name)))
		for _, sc := range c.Subcategories {
			nameW = max(nameW, 2+lipgloss.Width(ui.Clean(sc.Name)))
		}
	}
	nameW = max(min(nameW, s.Width-8), 3) // a very narrow screen gets cut names, not a panic
	var b strings.Builder
	for _, c := range x.Categories {
		name := ui.Truncate(ui.Clean(c.Name), nameW)
		fmt.Fprintf(&b, "%s%s %5d\n", st.Title.Render(name), ui.Spaces(nameW-lipgloss.Width(name)), c.Count())
		for _, sc := range c.Subcategories {
			name := ui.Truncate(ui.Clean(sc.Name), nameW-2)
			fmt.Fprintf(&b, "  %s%s %s\n", name, ui.Spaces(nameW-2-lipgloss.Width(name)), st.Dim.Render(fmt.Sprintf("%5d", len(sc.Items))))
		}
	}
	fmt.Fprintf(&b, "%s\n", st.Plain().Width(s.Width).Render(st.Dim.Render(fmt.Sprintf("%d items in %d categories; cnl list PATH shows one", x.Len(), len(x.Categories)))))
	_, err := fmt.Fprint(s.Out, b.String())
	return err
}

// sortedByName orders items by name, A to Z ignoring case: the order of
// every listing (cnl list, cnl browse).
func sortedByName(x *landscape.Index, idx []int) []int {
	out := slices.Clone(idx)
	slices.SortStableFunc(out, func(a, b int) int {
		return strings.Compare(strings.ToLower(x.Summary(a).Name), strings.ToLower(x.Summary(b).Name))
	})
	return out
}

// guideIntro is the first paragraph the guide has for a place, wrapped to
// the width, with where to read on; "" when there is none.
func (g *globalOptions) guideIntro(cat, sub string, width int) string {
	if g.File != "" {
		return ""
	}
	guide, ok := g.CachedGuide()
	if !ok {
		return ""
	}
	sec, ok := guide.Section(cat, sub)
	if !ok {
		return ""
	}
	first := landscape.FirstParagraph(sec.Content)
	if first == "" {
		return ""
	}
	st := g.streams.Styles()
	lines := ui.WrapStyled(ui.InlineLinks(st, first, true), width, "", "")
	name := cat
	if sub != "" {
		name = sub
	}
	more := st.Dim.Render(ui.Truncate("more: cnl guide "+answer.ShellQuote(ui.Clean(name)), width))
	return strings.Join(lines, "\n") + "\n" + more + "\n"
}
