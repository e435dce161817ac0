package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
)

type updateOptions struct {
	*globalOptions
	status bool
	force  bool
}

func newUpdateCmd(g *globalOptions) *cobra.Command {
	o := &updateOptions{globalOptions: g}
	c := &cobra.Command{
		Use:   "update",
		Short: "fetch the latest landscape into the cache",
		Long: `Fetch the landscape and cache it for offline use: its data file, the GitHub
facts of the site's full.json, its guide and its settings, each with a
conditional GET. Everything is checked by parsing it before anything is
replaced, and the cache switches to the new files in one step: a failed, cut
short or invalid download leaves the cache as it was. An update that would
lose more than half of the items, or a whole category, is refused unless
--force is given.

Sources, in order: --url or $CNL_URL alone when set; otherwise the site's
sources/data.yml (for CNCF, https://landscape.cncf.io/sources/data.yml), then
the landscape.yml of its GitHub repository as a mirror. GitHub facts come
from the site's data/full.json (--full-url or $CNL_FULL_URL to change it).
With --file PATH, a local landscape.yml is loaded into the cache instead.`,
		Example: `  cnl update
  cnl update --status
  cnl update --file ./landscape.yml
  cnl update --landscape lfai
  CNL_URL=http://127.0.0.1:8765/sources/data.yml cnl update`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.status {
				return runStatus(o.globalOptions)
			}
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			return runUpdate(ctx, o)
		},
	}
	c.Flags().BoolVar(&o.status, "status", false, "show what the cache holds and exit")
	c.Flags().BoolVar(&o.force, "force", false, "download even if the server says nothing changed, and accept data that loses much of the landscape")
	c.Flags().BoolVar(&g.flags.NoGitHub, "no-github", false, "do not fetch GitHub facts (stars, license, activity) (env CNL_NO_GITHUB=1)")
	c.Flags().StringVar(&g.flags.FullURL, "full-url", "", "URL of full.json with GitHub facts (env CNL_FULL_URL; default the site's data/full.json)")
	return c
}

func runUpdate(ctx context.Context, o *updateOptions) error {
	s := o.streams
	res, err := o.Store().Update(ctx, o.Config, cache.UpdateOptions{Force: o.force, File: o.File})
	o.endProgress()
	for _, w := range res.Warnings {
		fmt.Fprintf(s.ErrOut, "cnl: warning: %s\n", errorLine(fmt.Errorf("%s", w)))
	}
	if err != nil {
		return err
	}
	m := res.Meta
	switch {
	case !res.DataChanged && res.NotModified:
		fprintf(s.Out, "already up to date: %d items, fetched %s\n", m.Items, ui.Ago(m.FetchedAt, o.Now()))
	case !res.DataChanged:
		fprintf(s.Out, "no changes to the data: %d items from %s\n", m.Items, ui.Clean(m.Source))
	case o.File != "":
		fprintf(s.Out, "loaded %d items in %d categories from %s\n", m.Items, m.Categories, ui.Clean(m.Source))
	default:
		fprintf(s.Out, "updated: %d items in %d categories from %s\n", m.Items, m.Categories, ui.Clean(m.Source))
	}
	if res.Replaced != "" {
		fmt.Fprintf(s.ErrOut, "cnl: --force: %s\n", res.Replaced)
	}
	if res.DataChanged && res.Old != nil {
		if err := answer.WriteDiff(s.Out, landscape.Changes(res.Old, res.New), true, s.TableWidth(), s.Styles()); err != nil {
			return err
		}
	}
	switch g := m.GitHub; {
	case res.Facts.Updated && g != nil:
		fprintf(s.Out, "GitHub facts: %d repositories for %d items, %s\n", g.Repositories, g.Joined, ui.FactsAge(g.GeneratedAt, o.Now()))
	case res.Facts.NotModified && g != nil:
		fprintf(s.Out, "GitHub facts already up to date: %d repositories, %s\n", g.Repositories, ui.FactsAge(g.GeneratedAt, o.Now()))
	case res.Facts.Skipped != cache.SkipNone:
		fmt.Fprintf(s.ErrOut, "cnl: no GitHub facts fetched: %s\n", factsSkipped(res.Facts.Skipped))
	}
	return nil
}

// noArgs rejects arguments as wrong usage (exit 2).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return answer.UsageErrorf("%s takes no arguments, got %s", cmd.Name(), landscape.Quote(args[0]))
	}
	return nil
}
