package cmd

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/landscape"
)

type searchOptions struct {
	*globalOptions
	query landscape.Query
	facts factFilters
	limit int
	all   bool
}

func newSearchCmd(g *globalOptions) *cobra.Command {
	o := &searchOptions{globalOptions: g}
	c := &cobra.Command{
		Use:   "search [QUERY...]",
		Short: "find projects by name, category or text",
		Long: `Search the landscape. Results are ranked by what you most likely mean: the
exact name, then names that start with or contain the query, then close
spellings, then category and subcategory names and tags, then descriptions.

With only filters and no query, it lists everything the filters keep.`,
		Example: `  cnl search runtime
  cnl search promethus                  # typos still find the project
  cnl search registry --maturity graduated --maturity incubating
  cnl search --subcategory "Container Runtime" --all
  cnl search mesh -o json | jq -r '.[].name'
  cnl search runtime --sort stars
  cnl search --category Provisioning --license Apache-2.0 --language Go --active-since 90d`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.query.Text = strings.Join(args, " ")
			if err := o.facts.apply(&o.query, time.Now()); err != nil {
				return err
			}
			if strings.TrimSpace(o.query.Text) == "" && o.query.Category == "" && o.query.Subcategory == "" && len(o.query.Maturity) == 0 && !o.facts.set() {
				return usageErrorf("search needs a query or a filter (see cnl search --help)")
			}
			if o.limit < 0 {
				return usageErrorf("--limit must be positive")
			}
			if err := checkMaturities(o.query.Maturity); err != nil {
				return err
			}
			return runSearch(cmd, o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.query.Category, "category", "", "only items in this category")
	f.StringVar(&o.query.Subcategory, "subcategory", "", `only items in this subcategory ("Container Runtime" or "Runtime/Container Runtime")`)
	f.StringSliceVar(&o.query.Maturity, "maturity", nil, "only items of this maturity: graduated, incubating, sandbox or archived (repeatable)")
	f.IntVar(&o.limit, "limit", 0, "show at most this many results (default: what fits the screen, or 20)")
	f.BoolVar(&o.all, "all", false, "show every result")
	o.facts.register(f)
	return c
}

func runSearch(cmd *cobra.Command, o *searchOptions) error {
	x, err := o.loadIndex(cmd.Context())
	if err != nil {
		return err
	}
	results, err := x.Search(o.query)
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
	if err := writeItems(o.streams, o.format(), x, idx, func(i int) []int { return shown[i].NameMatch }); err != nil {
		return err
	}
	if len(results) == 0 && o.format() != formatJSON && o.format() != formatYAML {
		fprintf(o.streams.ErrOut, "no matches for %q; try fewer words or cnl list\n", clean(o.query.Text))
	}
	moreNote(o.streams.ErrOut, len(shown), len(results))
	return nil
}

// screenRows is how many result rows fit the terminal below a header and
// above a note, or 20 when the height is unknown (piped).
func screenRows(s *Streams) int {
	if s.Height > 0 {
		return max(5, s.Height-4)
	}
	return 20
}
