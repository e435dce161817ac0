package cmd

import (
	"errors"
	"fmt"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape/search"
)

// hint is what a person can do about err on the command line. The lower
// layers return typed errors in their own terms; the command's words (its
// commands and flags) are added here, and only here, so that the MCP
// server, which has no command line, never tells a model to run one.
func hint(err error) string {
	var (
		name    *search.NotANameError
		refused *cache.RefusedError
		limit   *cache.TimeLimitError
		noData  *cache.NoDataError
		data    *cache.CachedDataError
		unknown *cache.UnknownLandscapeError
		damaged *cache.DamagedIndexError
	)
	var directed *directedError
	switch {
	case errors.As(err, &directed):
		return "" // said already
	case errors.As(err, &name):
		h := "see cnl search " + answer.ShellQuote(name.Name)
		if name.Place != "" && name.Maker == "" {
			h += " or cnl list " + answer.ShellQuote(name.Place)
		}
		return h
	case errors.As(err, &refused):
		return "cnl update --force accepts it"
	case errors.As(err, &limit):
		return "see --timeout"
	case errors.As(err, &noData):
		return "run cnl update when online, or cnl update --file PATH"
	case errors.As(err, &data):
		return "cnl update --force downloads it again"
	case errors.As(err, &unknown):
		return "see cnl landscapes"
	case errors.As(err, &damaged), errors.Is(err, cache.ErrChanged):
		return "run the command again"
	}
	return ""
}

// factsSkipped says why an update fetched no GitHub facts, in the command
// line's words.
func factsSkipped(why cache.FactsSkip) string {
	switch why {
	case cache.SkipAsked:
		return "--no-github or CNL_NO_GITHUB=1"
	case cache.SkipDataURL:
		return "the data comes from --url; give --full-url for facts"
	case cache.SkipLocalFile:
		return "a local file is an offline load; give --full-url for facts"
	case cache.SkipFirstUse:
		return "first use answers before fetching them"
	}
	return ""
}

// loadNote is what a first use did, for stderr.
func loadNote(n cache.LoadNote) string {
	switch n.Kind {
	case cache.NoteFetching:
		return fmt.Sprintf("no %s landscape data yet; fetching %s", ui.Clean(n.Landscape), ui.Clean(n.Source))
	case cache.NoteSaved:
		return fmt.Sprintf("saved %d items from %s; cnl update adds GitHub facts (stars, licenses, activity)", n.Items, ui.Clean(n.Source))
	case cache.NoteSnapshot:
		return fmt.Sprintf("offline; answering from the landscape built into cnl, from %s (cnl update replaces it when online)", n.Date)
	case cache.NoteSnapshotInMemory:
		why := "cannot write the cache"
		if n.Offline {
			why = "offline, and the cache cannot be written"
		}
		return fmt.Sprintf("%s (%s); answering from the landscape built into cnl, from %s", why, errorLine(n.Err), n.Date)
	}
	return ""
}
