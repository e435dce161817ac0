package cmd

import (
	"errors"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/landscape"
)

// hint is what a person can do about err on the command line. The lower
// layers return typed errors in their own terms; the command's words (its
// commands and flags) are added here, and only here, so that the MCP
// server, which has no command line, never tells a model to run one.
func hint(err error) string {
	var (
		name    *landscape.NotANameError
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
		h := "see cnl search " + landscape.ShellQuote(name.Name)
		if name.Place != "" && name.Maker == "" {
			h += " or cnl list " + landscape.ShellQuote(name.Place)
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
	case errors.As(err, &damaged):
		return "run the command again"
	}
	return ""
}
