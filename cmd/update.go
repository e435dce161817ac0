package cmd

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/landscape"
)

type updateOptions struct {
	*globalOptions
	status   bool
	force    bool
	noGitHub bool
	fullURL  string
}

func newUpdateCmd(g *globalOptions) *cobra.Command {
	o := &updateOptions{globalOptions: g}
	c := &cobra.Command{
		Use:   "update",
		Short: "fetch the latest landscape into the cache",
		Long: `Fetch landscape.yml and cache it for offline use. The download is checked
by parsing it before anything is replaced: a failed, cut short or invalid
download leaves the cache as it was. An unchanged file is not downloaded again.

Sources, in order: --url or $CNL_URL alone when set; otherwise ` + cache.DefaultURL + `,
then the mirror ` + cache.MirrorURL + `.
With --file PATH, a local landscape.yml is loaded into the cache instead.`,
		Example: `  cnl update
  cnl update --status
  cnl update --file ./landscape.yml
  CNL_URL=http://127.0.0.1:8765/landscape.yml cnl update`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.status {
				return runStatus(o.globalOptions)
			}
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			cmd.SetContext(ctx)
			return runUpdate(cmd, o)
		},
	}
	c.Flags().BoolVar(&o.status, "status", false, "show what the cache holds and exit")
	c.Flags().BoolVar(&o.force, "force", false, "download even if the server says nothing changed")
	c.Flags().BoolVar(&o.noGitHub, "no-github", false, "do not fetch GitHub facts (stars, license, activity) (env CNL_NO_GITHUB=1)")
	c.Flags().StringVar(&o.fullURL, "full-url", "", "URL of full.json with GitHub facts (env CNL_FULL_URL; default "+cache.DefaultFullURL+" when --url is not set)")
	return c
}

func runUpdate(cmd *cobra.Command, o *updateOptions) error {
	st, err := o.store()
	if err != nil {
		return err
	}
	s := o.streams
	// What the cache held before, to tell what the update changed. The
	// index reads from the file it opened, which a save renames over but
	// does not change.
	old, oldMeta, oldErr := st.Load()
	if o.file != "" {
		meta, err := st.UpdateFromFile(o.file, 0)
		if err != nil {
			return err
		}
		fmt.Fprintf(s.Out, "loaded %d items in %d categories from %s\n", meta.Items, meta.Categories, clean(meta.Source))
		if err := o.summarize(st, old, oldErr == nil && oldMeta.SHA256 != meta.SHA256); err != nil {
			return err
		}
		// A local file is an offline load: GitHub facts only when asked.
		if o.fullURL != "" || os.Getenv("CNL_FULL_URL") != "" {
			o.updateGitHub(cmd, st)
		}
		return nil
	}
	res, err := st.Update(cmd.Context(), o.fetcher(), cache.Sources(o.url), o.force)
	o.endProgress()
	for _, f := range res.Failed {
		if err == nil { // a mirror answered: say what failed first
			fmt.Fprintf(s.ErrOut, "cnl: warning: %s\n", oneLine(f))
		}
	}
	if err != nil {
		return fmt.Errorf("update failed, cache unchanged: %w", err)
	}
	m := res.Meta
	if res.NotModified {
		fmt.Fprintf(s.Out, "already up to date: %d items, fetched %s\n", m.Items, ago(m.FetchedAt))
	} else {
		fmt.Fprintf(s.Out, "updated: %d items in %d categories from %s\n", m.Items, m.Categories, clean(m.Source))
		if err := o.summarize(st, old, oldErr == nil && oldMeta.SHA256 != m.SHA256); err != nil {
			return err
		}
	}
	o.updateGitHub(cmd, st)
	return nil
}

// updateGitHub refreshes the GitHub facts. Its failure never fails the
// update: the landscape is saved, and one warning line says what is missing.
func (o *updateOptions) updateGitHub(cmd *cobra.Command, st *cache.Store) {
	if o.noGitHub {
		return
	}
	o.globalOptions.updateGitHub(cmd.Context(), st, o.fullURL, o.force)
}

// githubURL is where GitHub facts come from: --full-url, $CNL_FULL_URL, or
// the landscape site's full.json when the landscape itself comes from the
// site. Someone who points cnl at their own landscape server does not want
// it to reach out to the internet for facts: "" then, and none are fetched.
func (g *globalOptions) githubURL(flag string) string {
	if os.Getenv("CNL_NO_GITHUB") == "1" {
		return ""
	}
	if u := cmp.Or(flag, os.Getenv("CNL_FULL_URL")); u != "" {
		return u
	}
	if g.url == "" {
		return cache.DefaultFullURL
	}
	return ""
}

func (g *globalOptions) updateGitHub(ctx context.Context, st *cache.Store, flag string, force bool) {
	url := g.githubURL(flag)
	if url == "" {
		return
	}
	s := g.streams
	meta, notModified, err := st.UpdateGitHub(ctx, g.fetcher(), url, force)
	g.endProgress()
	switch {
	case err != nil:
		fmt.Fprintf(s.ErrOut, "cnl: warning: GitHub facts (stars, license, activity) not updated: %s\n", oneLine(err))
	case notModified:
		fmt.Fprintf(s.Out, "GitHub facts already up to date: %d repositories, %s\n", meta.Repositories, factsAge(meta.GeneratedAt))
	default:
		fmt.Fprintf(s.Out, "GitHub facts: %d repositories for %d items, %s\n", meta.Repositories, meta.Joined, factsAge(meta.GeneratedAt))
	}
}

// summarize prints what an update changed, when it brought new data.
func (o *updateOptions) summarize(st *cache.Store, old *landscape.Index, changed bool) error {
	if !changed {
		return nil
	}
	x, _, err := st.Load()
	if err != nil {
		return err
	}
	return writeDiff(o.streams.Out, landscape.Compare(old, x), true)
}

// noArgs rejects arguments as wrong usage (exit 2).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.Name(), args[0])
	}
	return nil
}

// ago renders a time as "3 hours ago (2026-11-25 10:15 UTC)".
func ago(t time.Time) string {
	if t.IsZero() {
		return "at an unknown time"
	}
	d := time.Since(t)
	var rel string
	switch {
	case d < time.Minute:
		rel = "just now"
	case d < time.Hour:
		rel = fmt.Sprintf("%d minutes ago", int(d.Minutes()))
	case d < 48*time.Hour:
		rel = fmt.Sprintf("%d hours ago", int(d.Hours()))
	default:
		rel = fmt.Sprintf("%d days ago", int(d.Hours()/24))
	}
	return rel + " (" + t.UTC().Format("2006-01-02 15:04 UTC") + ")"
}
