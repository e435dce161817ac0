package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cache/snapshot"
	"github.com/cnl-dev/cnl/landscape"
)

// globalOptions are the flags every command has, and what they lead to.
type globalOptions struct {
	streams  *Streams
	cacheDir string
	url      string
	file     string
	noColor  bool
	output   string
	timeout  time.Duration
}

func newRootCmd(s *Streams) *cobra.Command {
	g := &globalOptions{streams: s}
	var showVersion bool
	root := &cobra.Command{
		Use:   "cnl",
		Short: "explore the CNCF Cloud Native Landscape",
		Long: `cnl explores the CNCF Cloud Native Landscape (landscape.cncf.io) from the terminal.

It keeps a local copy of the landscape data: the first command fetches it,
then every search, show and list works offline. Run "cnl update" to refresh.`,
		Example: `  cnl search runtime
  cnl show talos
  cnl list "Runtime/Container Runtime"
  cnl update`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if showVersion {
				return runVersion(g)
			}
			return cmd.Help()
		},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if g.noColor {
				s.Color = false
			}
			if g.url == "" {
				g.url = os.Getenv("CNL_URL")
			}
			f, err := outputFormat(g.output, s)
			if err == nil && f == formatMarkdown && cmd.Annotations["output"] != "markdown" {
				err = usageErrorf("-o markdown is for compare and scan; %s writes table, plain, json or yaml", cmd.Name())
			}
			return err
		},
	}
	root.SetOut(s.Out)
	root.SetErr(s.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{msg: err.Error() + " (see cnl " + c.Name() + " --help)"}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.cacheDir, "cache-dir", "", "cache directory (env CNL_CACHE_DIR; default $XDG_CACHE_HOME/cnl)")
	pf.StringVar(&g.url, "url", "", "URL of landscape.yml to fetch (env CNL_URL)")
	pf.StringVar(&g.file, "file", "", "read this local landscape.yml instead of the cache")
	pf.BoolVar(&g.noColor, "no-color", false, "disable colour (also NO_COLOR)")
	pf.StringVarP(&g.output, "output", "o", "", "output format: table, plain, json, yaml, or markdown for compare and scan (default table on a terminal, plain when piped)")
	pf.DurationVar(&g.timeout, "timeout", 60*time.Second, "give up a download after this long")
	root.Flags().BoolVar(&showVersion, "version", false, "print the version and exit")

	show, compare, list := newShowCmd(g), newCompareCmd(g), newListCmd(g)
	browseCmd := newBrowseCmd(g)
	show.ValidArgsFunction = completeProjects(g)
	browseCmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		places, _ := completePlaces(g, true, true)(cmd, args, toComplete)
		items, _ := completeProjects(g)(cmd, args, toComplete)
		return append(places, items...), cobra.ShellCompDirectiveNoFileComp
	}
	compare.ValidArgsFunction = completeProjects(g)
	list.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return completePlaces(g, true, true)(cmd, args, toComplete)
	}
	root.AddCommand(
		newUpdateCmd(g),
		newSearchCmd(g),
		show,
		list,
		compare,
		newStatsCmd(g),
		newDiffCmd(g),
		newScanCmd(g),
		browseCmd,
		newVersionCmd(g),
		newEnvironmentTopic(),
		newCacheCmd(g),
	)
	for _, c := range root.Commands() {
		registerFilterCompletion(g, c)
	}
	return root
}

// snapshotTime reads the snapshot's date; zero when it cannot.
func snapshotTime(date string) time.Time {
	t, _ := time.Parse("2006-01-02", date)
	return t
}

// format is the resolved -o value.
func (g *globalOptions) format() string {
	f, _ := outputFormat(g.output, g.streams)
	return f
}

func (g *globalOptions) store() (*cache.Store, error) {
	dir := g.cacheDir
	if dir == "" {
		var err error
		if dir, err = cache.DirFromEnv(); err != nil {
			return nil, err
		}
	}
	return &cache.Store{Dir: dir}, nil
}

func (g *globalOptions) fetcher() *cache.Fetcher {
	f := &cache.Fetcher{
		Client:    cache.NewClient(g.timeout),
		UserAgent: "cnl (+https://github.com/cnl-dev/cnl)",
	}
	if g.streams.ErrTTY {
		f.Progress = func(read, total int64) { progress(g.streams.ErrOut, read, total) }
	}
	return f
}

// progress draws a one-line download counter on stderr (a terminal).
func progress(w interface{ Write([]byte) (int, error) }, read, total int64) {
	if total > 0 {
		fmt.Fprintf(w, "\r\x1b[Kdownloading… %d%% of %.1f MB", read*100/total, float64(total)/1e6)
	} else {
		fmt.Fprintf(w, "\r\x1b[Kdownloading… %.1f MB", float64(read)/1e6)
	}
}

func (g *globalOptions) endProgress() {
	if g.streams.ErrTTY {
		fmt.Fprint(g.streams.ErrOut, "\r\x1b[K")
	}
}

// loadIndex returns the landscape to answer from: --file when given (the
// cache is not touched), else the cache. An empty cache is filled on first
// use; after that, no command but update touches the network.
func (g *globalOptions) loadIndex(ctx context.Context) (*landscape.Index, error) {
	if g.file != "" {
		return parseFile(g.file)
	}
	st, err := g.store()
	if err != nil {
		return nil, err
	}
	x, _, err := st.Load()
	if !errors.Is(err, cache.ErrNoData) {
		return x, err
	}
	sources := cache.Sources(g.url)
	fmt.Fprintf(g.streams.ErrOut, "cnl: no landscape data yet; fetching %s\n", sources[0])
	ctx, stop := interruptible(ctx)
	defer stop()
	res, err := st.Update(ctx, g.fetcher(), sources, false)
	g.endProgress()
	if err != nil {
		// A release build carries a snapshot for exactly this: first use
		// with no network.
		if raw, ok := snapshot.Data(); ok {
			info, _ := snapshot.Info()
			if _, _, serr := st.Save(raw, cache.Meta{Source: "embedded snapshot (" + info.Source + ")", FetchedAt: snapshotTime(info.Date)}); serr == nil {
				fmt.Fprintf(g.streams.ErrOut, "cnl: offline; using the landscape built into cnl, from %s (run cnl update when online)\n", info.Date)
				x, _, err := st.Load()
				return x, err
			}
		}
		return nil, fmt.Errorf("no landscape data in %s and the download failed (%v); run cnl update when online, or use --file PATH", st.Dir, err)
	}
	fmt.Fprintf(g.streams.ErrOut, "cnl: saved %d items from %s\n", res.Meta.Items, res.Meta.Source)
	// The first answer should not wait on the site's much larger full.json:
	// cnl update adds the GitHub facts.
	if g.githubURL("") != "" {
		fmt.Fprintln(g.streams.ErrOut, "cnl: run cnl update to add GitHub facts (stars, licenses, activity)")
	}
	x, _, err = st.Load()
	return x, err
}
