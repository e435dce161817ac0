package cmd

import (
	"context"
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

type searchOptions struct {
	*globalOptions
	query   search.Query
	facts   answer.FactFilters
	limit   int
	all     bool
	explain bool
}

func newSearchCmd(g *globalOptions) *cobra.Command {
	o := &searchOptions{globalOptions: g}
	c := &cobra.Command{
		Annotations: markdownOK,
		Use:         "search [QUERY...]",
		Short:       "find projects by name, category or text",
		Long: `Search the landscape. Results are ranked by what you most likely mean.

Items the query names (their name, slug, acronym or a common alias such as
k8s or otel) come first. The rest are ranked by evidence added up across
fields: a word in the name weighs most, then in the subcategory, the tags,
the category and the description; rare words weigh more than common ones,
and items that hold more of the query's words, side by side, rank higher.
Words match whole, by their stem (logs, logging), as the start of a longer
word (kube), or with a typo (promethus). Among items that match as well,
CNCF graduated, incubating and sandbox projects come first, then open
source projects, then products, and organisations' entries (members,
service providers) last. --explain shows why each result matched.

With only filters and no query, it lists everything the filters keep.`,
		Example: `  cnl search runtime
  cnl search promethus                  # typos still find the project
  cnl search registry --maturity graduated --maturity incubating
  cnl search --subcategory "Container Runtime" --all
  cnl search mesh -o json | jq -r '.[].name'
  cnl search "service mesh" --explain
  cnl search storage --kind project
  cnl search runtime --sort stars
  cnl search --category Provisioning --license Apache-2.0 --language Go --active-since 90d`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.query.Text = strings.Join(args, " ")
			if err := o.facts.Apply(&o.query, o.Now()); err != nil {
				return err
			}
			if strings.TrimSpace(o.query.Text) == "" && o.query.Category == "" && o.query.Subcategory == "" && len(o.query.Maturity) == 0 && !o.facts.Set() {
				return answer.UsageErrorf("search needs a query or a filter (see cnl search --help)")
			}
			if cmd.Flags().Changed("limit") && o.limit < 1 {
				return answer.UsageErrorf("--limit must be 1 or more, not %d (--all shows everything)", o.limit)
			}
			if err := answer.CheckMaturities(o.query.Maturity); err != nil {
				return err
			}
			if err := answer.CheckKinds(o.query.Kind); err != nil {
				return err
			}
			return g.streams.Paged(g.noPager, func(*ui.Streams) error { return runSearch(cmd.Context(), o) })
		},
	}
	f := c.Flags()
	f.StringVar(&o.query.Category, "category", "", "only items in this category")
	f.StringVar(&o.query.Subcategory, "subcategory", "", `only items in this subcategory ("Container Runtime" or "Runtime/Container Runtime")`)
	f.StringSliceVar(&o.query.Maturity, "maturity", nil, "only items of this maturity: graduated, incubating, sandbox or archived (repeatable)")
	f.IntVar(&o.limit, "limit", 0, "show at most this many results (default: what fits the screen, or 20)")
	f.StringSliceVar(&o.query.Kind, "kind", nil, "only entries of this kind: project (open source), product, or member (organisations) (repeatable)")
	f.BoolVar(&o.all, "all", false, "show every result")
	f.BoolVar(&o.explain, "explain", false, "show why each result matched: its score and the words and fields that matched")
	o.facts.Register(f)
	return c
}

func runSearch(ctx context.Context, o *searchOptions) error {
	x, err := o.index(ctx)
	if err != nil {
		return err
	}
	if err := o.NeedFacts(x, o.query, answer.AtCommandLine, o.streams.ErrOut); err != nil {
		return err
	}
	// A question about concepts is searched as the concepts it names: its
	// question words rank no project. On a terminal the concepts come
	// first, and two of them get the command that compares them.
	asked := o.query.Text
	q, isQuestion := readQuestion(asked)
	if isQuestion {
		o.query.Text = q.rest
	}
	results, err := search.Search(x, o.query)
	if err != nil {
		return err
	}
	limit := o.limit
	if limit == 0 {
		limit = screenRows(o.streams)
	}
	shown := results
	if !o.all && len(shown) > limit {
		shown = shown[:limit]
	}
	idx := make([]int, len(shown))
	for i, r := range shown {
		idx[i] = r.Index
	}
	if o.format() == ui.Table && !o.explain && o.query.Text != "" {
		st := o.streams.Styles()
		switch {
		case isQuestion:
			var names []string
			for _, c := range q.concepts {
				if line, ok := conceptLine(st, c.Title, o.streams.Width); ok {
					fprintf(o.streams.Out, "%s\n", line)
				}
				names = append(names, answer.ShellQuote(c.Slug))
			}
			if len(q.concepts) > 1 {
				fprintf(o.streams.Out, "%s\n", st.Dim.Render(ui.Truncate("side by side: cnl compare "+strings.Join(names, " "), o.streams.Width)))
			}
		default:
			if line, ok := conceptLine(st, o.query.Text, o.streams.Width); ok {
				fprintf(o.streams.Out, "%s\n", line)
			}
		}
	}
	var err2 error
	switch f := o.format(); {
	case f.Data():
		err2 = o.streams.Show(f, ui.View{Data: func() any { return searchJSON(x, shown) }})
	case o.explain:
		err2 = writeExplain(o.streams, f, x, shown)
	default:
		err2 = writeItems(o.streams, f, x, idx, func(i int) []int { return search.NameHighlights(shown[i].Name, o.query.Text) })
	}
	if err2 != nil {
		return err2
	}
	if len(results) == 0 && !o.format().Data() {
		if o.query.Text == "" {
			fprintf(o.streams.ErrOut, "nothing passes these filters\n")
		} else {
			fprintf(o.streams.ErrOut, "no matches for %s; try fewer words or cnl list\n", ui.Clean(landscape.Quote(o.query.Text)))
		}
	}
	moreNote(o.streams.ErrOut, len(shown), len(results))
	return nil
}

// screenRows is how many result rows fit the terminal below a header and
// above a note, or 20 when the height is unknown (piped).
func screenRows(s *ui.Streams) int {
	if s.Height > 0 {
		return max(5, s.Height-4)
	}
	return 20
}

// searchResult is a search hit as -o json/yaml show it: the item, with its
// score and why it matched.
type searchResult struct {
	answer.ItemJSON
	Score float64      `json:"score"`
	Match search.Match `json:"match"`
}

func searchJSON(x *landscape.Index, rs []search.Result) []searchResult {
	out := make([]searchResult, len(rs))
	for i, r := range rs {
		it := x.Item(r.Index)
		m := r.Match()
		out[i] = searchResult{ItemJSON: answer.NewItemJSON(it), Score: answer.Round3(r.Score), Match: m}
		out[i].Match.Score, out[i].Match.Text, out[i].Match.Prior = answer.Round3(m.Score), answer.Round3(m.Text), answer.Round3(m.Prior)
		for k := range out[i].Match.Terms {
			out[i].Match.Terms[k].Score = answer.Round3(m.Terms[k].Score)
		}
	}
	return out
}

// writeExplain lists the results with why each matched: on a terminal and
// piped alike, one block per result.
func writeExplain(s *ui.Streams, format ui.Format, x *landscape.Index, rs []search.Result) error {
	st := s.Styles()
	fit := func(l string) string {
		if w := s.TableWidth(); w > 0 {
			return ui.Truncate(l, w)
		}
		return l
	}
	for i, r := range rs {
		m := r.Match()
		head := fit(fmt.Sprintf("%d. %s", i+1, ui.Clean(r.Name)))
		if format == ui.Table {
			head = st.Title.Render(head)
		}
		line := fmt.Sprintf("  score %.2f = text %.2f × prior %.2f", m.Score, m.Text, m.Prior)
		if m.Tier != "" {
			line += fmt.Sprintf("  (named: %s)", m.Tier)
		}
		if w := s.TableWidth(); w > 0 && lipgloss.Width(head+line) > w {
			line = "\n" + fit("   "+strings.TrimSpace(line))
		}
		fprintf(s.Out, "%s%s\n", head, line)
		for _, t := range m.Terms {
			if t.How == "" {
				fprintf(s.Out, "%s\n", fit(fmt.Sprintf("   %-14s no match", ui.Clean(t.Query))))
				continue
			}
			fprintf(s.Out, "%s\n", fit(fmt.Sprintf("   %-14s %s %q in %s (%.2f)", ui.Clean(t.Query), t.How, ui.Clean(t.Term), strings.Join(t.Fields, ", "), t.Score)))
		}
		var notes []string
		if m.Coverage < 1 {
			notes = append(notes, fmt.Sprintf("covers %.0f%% of the query's words", 100*m.Coverage))
		}
		if m.Phrase {
			notes = append(notes, "words side by side")
		}
		if len(notes) > 0 {
			fprintf(s.Out, "%s\n", fit("   "+strings.Join(notes, "; ")))
		}
	}
	return nil
}
