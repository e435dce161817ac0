package cmd

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

func newCacheCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "cache",
		Short: "show where the cache is and what it holds",
		Long: `Show the landscape's cache directory and what it holds: for the data, the
GitHub facts, the guide and the settings, where each came from, when, its
ETag and checksum; and the counts. Same as cnl update --status. It reads
only the cache's small manifest.`,
		Example: "  cnl cache\n  cnl cache -o json\n  cnl cache --landscape lfai",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStatus(g)
		},
	}
}

// statusJSON is the cache status as -o json/yaml show it.
type statusJSON struct {
	Dir string `json:"dir"`
	cache.Meta
}

func runStatus(g *globalOptions) error {
	st := g.Store()
	s := g.streams
	meta, err := st.Meta()
	if g.Config.NoDir != nil {
		return fmt.Errorf("%w (set CNL_CACHE_DIR)", g.Config.NoDir)
	}
	if errors.Is(err, cache.ErrNoData) {
		return fmt.Errorf("the cache in %s holds no %s landscape yet; run cnl update", st.Dir, g.Config.Landscape.Key)
	}
	if err != nil {
		return err
	}
	return s.Show(g.format(), ui.View{
		Data: func() any { return statusJSON{Dir: st.Dir, Meta: meta} },
		// The same lines for people and for scripts.
		Table: func(s *ui.Streams) error {
			fprintf(s.Out, "landscape:     %s (%s)\n", ui.Clean(g.Config.Landscape.Key), ui.Clean(g.Config.Landscape.Foundation))
			fprintf(s.Out, "cache:         %s\n", ui.Clean(st.Dir))
			fprintf(s.Out, "source:        %s\n", ui.Clean(meta.Source))
			fprintf(s.Out, "fetched:       %s\n", ui.Ago(meta.FetchedAt, g.Now()))
			fprintf(s.Out, "etag:          %s\n", ui.Clean(meta.ETag))
			fprintf(s.Out, "last-modified: %s\n", ui.Clean(meta.LastModified))
			fprintf(s.Out, "sha256:        %s\n", meta.SHA256)
			fprintf(s.Out, "size:          %d bytes\n", meta.Size)
			fprintf(s.Out, "items:         %d in %d categories\n", meta.Items, meta.Categories)
			if gh := meta.GitHub; gh != nil {
				fprintf(s.Out, "github facts:  %d repositories for %d items, %s\n", gh.Repositories, gh.Joined, ui.FactsAge(gh.GeneratedAt, g.Now()))
				fprintf(s.Out, "github source: %s (fetched %s)\n", ui.Clean(gh.Source), ui.Ago(gh.FetchedAt, g.Now()))
			} else {
				fprintf(s.Out, "github facts:  none (cnl update fetches them)\n")
			}
			for _, f := range []struct {
				name string
				meta *cache.FileMeta
			}{{"guide", meta.Guide}, {"settings", meta.Settings}} {
				if f.meta == nil {
					fprintf(s.Out, "%-14s none\n", f.name+":")
					continue
				}
				fprintf(s.Out, "%-14s %s (fetched %s)\n", f.name+":", ui.Clean(f.meta.Source), ui.Ago(f.meta.FetchedAt, g.Now()))
			}
			_, err = fmt.Fprintf(s.Out, "generation:    %s\n", ui.Clean(meta.Generation))
			return err
		},
	})
}
