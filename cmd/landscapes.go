package cmd

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

func newLandscapesCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "landscapes",
		Short: "list the landscapes cnl knows",
		Long: `List the landscapes built with landscape2 that cnl knows: their key (what
--landscape and CNL_LANDSCAPE take), foundation and site, whether the site
has a guide, and, for each one in the cache, its item count and when it was
fetched. Any other landscape2 site works too: cnl --landscape https://SITE.`,
		Example: "  cnl landscapes\n  cnl landscapes -o json\n  cnl search runtime --landscape lfai",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.streams.Paged(g.noPager, func(*ui.Streams) error { return runLandscapes(g) })
		},
	}
}

// landscapeJSON is a landscape as cnl landscapes -o json shows it.
type landscapeJSON struct {
	cache.Landscape
	Cached    bool      `json:"cached"`
	Items     int       `json:"items,omitempty"`
	FetchedAt time.Time `json:"fetched_at,omitzero"`
	Current   bool      `json:"current"` // the one commands answer from
}

func runLandscapes(g *globalOptions) error {
	all := cache.Known
	if !knownKey(g.Config.Landscape.Key) {
		all = append(all, g.Config.Landscape)
	}
	var rows []landscapeJSON
	for _, l := range all {
		cfg := g.Config
		cfg.Landscape = l
		r := landscapeJSON{Landscape: l, Current: l.Key == g.Config.Landscape.Key}
		// A cache that cannot be read is listed as not cached: this
		// command reports, and one broken directory hides no other.
		if m, err := cache.Open(cfg).Meta(); err == nil {
			r.Cached, r.Items, r.FetchedAt = true, m.Items, m.FetchedAt
		}
		rows = append(rows, r)
	}
	return g.streams.Show(g.format(), ui.View{
		Data: func() any { return rows },
		Plain: func(w io.Writer) error {
			for _, r := range rows {
				fprintf(w, "%s\t%s\t%s\t%v\t%d\t%s\n", ui.Clean(r.Key), ui.Clean(r.Foundation), ui.Clean(r.BaseURL), r.Guide, r.Items, answer.DateOrEmpty(r.FetchedAt))
			}
			return nil
		},
		Table: func(s *ui.Streams) error { return writeLandscapesTable(s, rows) },
	})
}

// writeLandscapesTable draws the known landscapes for a terminal.
func writeLandscapesTable(s *ui.Streams, rows []landscapeJSON) error {
	st := s.Styles()
	table := make([][]string, len(rows))
	for i, r := range rows {
		key := ui.Clean(r.Key)
		if r.Current {
			key = "* " + key
		} else {
			key = "  " + key
		}
		cached := "not cached"
		if r.Cached {
			cached = fmt.Sprintf("%d items, %s", r.Items, answer.DateOrEmpty(r.FetchedAt))
		}
		guide := ""
		if r.Guide {
			guide = "guide"
		}
		table[i] = []string{key, ui.Clean(r.Foundation), ui.ShortURL(ui.Clean(r.BaseURL), 1<<10), guide, cached}
	}
	// The site gives way first: the key is what the user types.
	cols := []ui.Column{
		{Header: "  KEY"},
		{Header: "FOUNDATION", Min: 10, GiveWay: 2},
		{Header: "SITE", Min: 12, GiveWay: 3, Optional: true, Cut: func(_ int, s string, w int) string { return ui.ShortURL(s, w) }},
		{Header: "GUIDE", Optional: true, GiveWay: 1},
		{Header: "CACHE", Min: 10, Words: true, Style: func(i int, cell string) string {
			if !rows[i].Cached {
				return st.Dim.Render(cell)
			}
			return cell
		}},
	}
	_, err := fmt.Fprintln(s.Out, ui.RenderTable(st, s.Width, cols, table))
	return err
}

func knownKey(key string) bool {
	for _, l := range cache.Known {
		if l.Key == key {
			return true
		}
	}
	return false
}
