package cmd

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
)

func newCacheCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "cache",
		Short:   "show where the cache is and what it holds",
		Long:    `Show the cache directory and the data in it: source, fetch time, ETag, checksum and counts. Same as cnl update --status.`,
		Example: "  cnl cache\n  cnl cache -o json",
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
	st, err := g.store()
	if err != nil {
		return err
	}
	s := g.streams
	meta, err := st.Meta()
	if errors.Is(err, cache.ErrNoData) {
		return fmt.Errorf("the cache in %s is empty; run cnl update", st.Dir)
	}
	if err != nil {
		return err
	}
	if f := g.format(); f == formatJSON || f == formatYAML {
		return writeData(s.Out, f, statusJSON{Dir: st.Dir, Meta: meta})
	}
	fprintf(s.Out, "cache:         %s\n", clean(st.Dir))
	fprintf(s.Out, "source:        %s\n", clean(meta.Source))
	fprintf(s.Out, "fetched:       %s\n", ago(meta.FetchedAt))
	fprintf(s.Out, "etag:          %s\n", clean(meta.ETag))
	fprintf(s.Out, "last-modified: %s\n", clean(meta.LastModified))
	fprintf(s.Out, "sha256:        %s\n", meta.SHA256)
	fprintf(s.Out, "size:          %d bytes\n", meta.Size)
	_, err = fmt.Fprintf(s.Out, "items:         %d in %d categories\n", meta.Items, meta.Categories)
	if g := meta.GitHub; g != nil {
		fprintf(s.Out, "github facts:  %d repositories for %d items, %s\n", g.Repositories, g.Joined, factsAge(g.GeneratedAt))
		fprintf(s.Out, "github source: %s (fetched %s)\n", clean(g.Source), ago(g.FetchedAt))
	} else {
		fprintf(s.Out, "github facts:  none (cnl update fetches them)\n")
	}
	return err
}
