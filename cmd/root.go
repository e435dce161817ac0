package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
)

// globalOptions are the flags every command has, and what they resolve to:
// the configuration, made once before any command runs, and the loader
// that commands get their landscape from.
type globalOptions struct {
	answer.Session
	streams *ui.Streams
	flags   cache.Flags
	noColor bool
	noPager bool
	output  string
}

// newRootCmd is the command line on streams s, with clock now; serveMCP
// serves cnl mcp in the program that links the MCP server (see MCPServe).
func newRootCmd(s *ui.Streams, now func() time.Time, serveMCP MCPServe) *cobra.Command {
	g := &globalOptions{streams: s, Session: answer.Session{Now: now}}
	var showVersion bool
	root := &cobra.Command{
		Use:   "cnl",
		Short: "explore the CNCF Cloud Native Landscape",
		Long: `cnl explores the CNCF Cloud Native Landscape (landscape.cncf.io), and any
other landscape built with landscape2, from the terminal.

It keeps a local copy of the landscape data: the first command fetches it
(or, offline, answers from the copy built into cnl), then every search,
show and list works offline. Run "cnl update" to refresh.`,
		Example: `  cnl search runtime
  cnl show talos
  cnl list "Runtime/Container Runtime"
  cnl update`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// A word that is no command gets the nearest commands, as gh and
		// kubectl give (cobra skips them when the root command runs).
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			return unknownCommand(cmd, args[0])
		},
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
			f, err := outputFormat(g.output, s)
			if err == nil && f == ui.Markdown && cmd.Annotations["output"] != "markdown" {
				err = answer.UsageErrorf("-o markdown is for %s; %s writes table, plain, json or yaml", markdownCommands(cmd.Root()), cmd.Name())
			}
			if err != nil {
				return err
			}
			return g.resolve()
		},
	}
	root.SetOut(s.Out)
	root.SetErr(s.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &answer.UsageError{Msg: flagError(c, err) + " (see " + c.CommandPath() + " --help)"}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.flags.CacheDir, "cache-dir", "", "cache directory (env CNL_CACHE_DIR; default $XDG_CACHE_HOME/cnl)")
	pf.StringVarP(&g.flags.Landscape, "landscape", "l", "", "landscape to answer from: a key (cnl landscapes) or a landscape2 site's URL (env CNL_LANDSCAPE; default cncf)")
	pf.StringVar(&g.flags.URL, "url", "", "URL of the landscape data file to fetch, alone (env CNL_URL)")
	pf.StringVar(&g.Session.File, "file", "", "read this local landscape.yml instead of the cache")
	pf.BoolVar(&g.noColor, "no-color", false, "disable colour (also NO_COLOR)")
	pf.BoolVar(&g.noPager, "no-pager", false, "never page long output on a terminal (also CNL_PAGER=cat)")
	pf.StringVarP(&g.output, "output", "o", "", "output format: table, plain, json, yaml, or markdown for compare, diff, glossary, list, scan, search and show (default table on a terminal, plain when piped)")
	pf.DurationVar(&g.flags.Timeout, "timeout", cache.DefaultTimeout, "give up the network after this long, retries included")
	root.Flags().BoolVar(&showVersion, "version", false, "print the version and exit")
	// --url and --timeout matter to cnl update and to a first use that
	// fetches: they work everywhere but are shown by update alone, so
	// every other command's help stays short.
	for _, name := range []string{"url", "timeout"} {
		pf.Lookup(name).Hidden = true
	}

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
	guide := newGuideCmd(g)
	guide.ValidArgsFunction = list.ValidArgsFunction
	update := newUpdateCmd(g)
	showFlags(update, pf, "url", "timeout")
	root.AddCommand(
		update,
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
		newLandscapesCmd(g),
		guide,
		newGlossaryCmd(g),
		newMCPCmd(g, serveMCP),
	)
	root.SuggestionsMinimumDistance = 2
	root.SetUsageFunc(usage)
	root.SetHelpCommand(newHelpCmd(root))
	root.InitDefaultCompletionCmd()
	registerGlobalCompletion(root)
	for _, c := range root.Commands() {
		registerFilterCompletion(g, c)
		if c.Name() == "completion" {
			strictCompletion(c)
		}
	}
	return root
}

// resolve makes the configuration from the flags and the environment, once.
func (g *globalOptions) resolve() error {
	if g.flags.Timeout < 0 {
		return answer.UsageErrorf("--timeout must be a positive duration, not %s", g.flags.Timeout)
	}
	cfg, err := cache.Resolve(g.flags, os.Getenv)
	if err != nil {
		return answer.UsageErrorf("%w", err)
	}
	cfg.Now = g.Now
	if g.streams.ErrTTY {
		cfg.Progress = func(read, total int64) { progress(g.streams.ErrOut, read, total) }
	}
	g.Config = cfg
	return nil
}

// format is the resolved -o value.
func (g *globalOptions) format() ui.Format {
	f, _ := outputFormat(g.output, g.streams)
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

// index returns the landscape to answer from: --file when given (the
// cache is not touched), else the cache, filled on first use (from the
// network, else the snapshot built in).
func (g *globalOptions) index(ctx context.Context) (*landscape.Index, error) {
	if g.File != "" {
		return answer.ParseFile(g.File)
	}
	// A warm cache answers without arming signals (see interruptible):
	// only a first download is interruptible.
	if x, _, err := g.Store().Load(); !errors.Is(err, cache.ErrNoData) {
		return x, err
	}
	ctx, stop := interruptible(ctx)
	defer stop()
	x, _, err := cache.LoadOrFetch(ctx, g.Config, func(n cache.LoadNote) { fmt.Fprintln(g.streams.ErrOut, "cnl: "+loadNote(n)) })
	g.endProgress()
	return x, err
}

// showFlags lists hidden global flags in c's own help, where they matter:
// the same flags (one definition, one value), shown there alone.
func showFlags(c *cobra.Command, global *pflag.FlagSet, names ...string) {
	for _, name := range names {
		f := *global.Lookup(name)
		f.Hidden = false
		c.Flags().AddFlag(&f)
	}
}
