package cache

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Config is what the cache needs to know: where it lives, which landscape,
// and where the landscape's files come from. It is resolved once, from the
// flags and the environment, by Resolve.
type Config struct {
	Root string // the cache root; each landscape has a directory below it
	// NoDir, when set, is why there is no cache root (no HOME, no
	// XDG_CACHE_HOME, no CNL_CACHE_DIR): nothing is read or written, and
	// the landscape built into cnl answers.
	NoDir     error
	Landscape Landscape // which landscape

	// DataURL, when set (--url, $CNL_URL), is the only source of the data
	// file: someone who points cnl at their own server does not want it to
	// fall back to the internet. Facts then come only from FullURL.
	DataURL  string
	FullURL  string // full.json (--full-url, $CNL_FULL_URL)
	NoGitHub bool   // fetch no GitHub facts (--no-github, $CNL_NO_GITHUB=1)

	// Timeout bounds all the network time of one command, retries and
	// waits included.
	Timeout   time.Duration
	UserAgent string
	// Progress, when set, is told about downloads as bytes arrive.
	Progress func(read, total int64)
	// InMemory reads the index into memory instead of mapping it: for a
	// long-lived program that reads it from several goroutines (see Guard).
	InMemory bool

	// Fetcher, when set, is used instead of one made from the fields
	// above: tests set its retries and waits.
	Fetcher *Fetcher
	// Now is the clock that dates what an update records; nil is the
	// system's. Tests set it, so no output depends on the day they run.
	Now func() time.Time
}

// now reads the configured clock.
func (c Config) now() time.Time {
	if c.Now != nil {
		return c.Now().UTC()
	}
	return time.Now().UTC()
}

// Flags are the command line's settings; empty ones fall back to the
// environment.
type Flags struct {
	CacheDir  string
	Landscape string
	URL       string
	FullURL   string
	NoGitHub  bool
	Timeout   time.Duration
}

// DefaultTimeout bounds a command's network time when no --timeout is given.
const DefaultTimeout = 60 * time.Second

// Resolve makes the configuration from flags, then the environment
// (CNL_CACHE_DIR, CNL_LANDSCAPE, CNL_URL, CNL_FULL_URL, CNL_NO_GITHUB,
// XDG_CACHE_HOME), then defaults. getenv is os.Getenv outside tests. It is
// the one place that reads them.
func Resolve(f Flags, getenv func(string) string) (Config, error) {
	var c Config
	c.Root, c.NoDir = rootDir(f.CacheDir, getenv)
	var err error
	if c.Landscape, err = FindLandscape(cmp.Or(f.Landscape, getenv("CNL_LANDSCAPE"))); err != nil {
		return c, err
	}
	c.DataURL = cmp.Or(f.URL, getenv("CNL_URL"))
	c.FullURL = cmp.Or(f.FullURL, getenv("CNL_FULL_URL"))
	c.NoGitHub = f.NoGitHub || getenv("CNL_NO_GITHUB") == "1"
	if f.Timeout < 0 {
		return c, fmt.Errorf("the network time limit must be positive, not %s", f.Timeout)
	}
	c.Timeout = cmp.Or(f.Timeout, DefaultTimeout)
	c.UserAgent = "cnl (+https://github.com/cnl-dev/cnl)"
	return c, nil
}

// rootDir is --cache-dir, else $CNL_CACHE_DIR, else $XDG_CACHE_HOME/cnl,
// else the OS cache directory + /cnl. XDG_CACHE_HOME is honoured on every
// OS, as CLI users expect.
func rootDir(flag string, getenv func(string) string) (string, error) {
	if d := cmp.Or(flag, getenv("CNL_CACHE_DIR")); d != "" {
		return d, nil
	}
	if d := getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "cnl"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", &NoCacheDirError{Err: err}
	}
	return filepath.Join(d, "cnl"), nil
}

// NoCacheDirError is a machine where no cache directory can be found.
type NoCacheDirError struct{ Err error }

func (e *NoCacheDirError) Error() string {
	return "no cache directory: " + e.Err.Error()
}

func (e *NoCacheDirError) Unwrap() error { return e.Err }

// Dir is the landscape's own cache directory, or "" when there is none.
func (c Config) Dir() string {
	if c.NoDir != nil {
		return ""
	}
	return filepath.Join(c.Root, c.Landscape.Key)
}

// DataSources are the URLs of the data file, in the order they are tried.
func (c Config) DataSources() []string {
	if c.DataURL != "" {
		return []string{c.DataURL}
	}
	if m := c.Landscape.MirrorURL(); m != "" {
		return []string{c.Landscape.DataURL(), m}
	}
	return []string{c.Landscape.DataURL()}
}

// FactsURL is where GitHub facts come from, or "" with why there are none.
func (c Config) FactsURL() (url string, why FactsSkip) {
	switch {
	case c.NoGitHub:
		return "", SkipAsked
	case c.FullURL != "":
		return c.FullURL, SkipNone
	case c.DataURL != "":
		return "", SkipDataURL
	}
	return c.Landscape.FullURL(), SkipNone
}

// FactsSkip is why an update fetched no GitHub facts.
type FactsSkip int

const (
	SkipNone      FactsSkip = iota
	SkipAsked               // Config.NoGitHub: the person's own choice
	SkipDataURL             // the data came from Config.DataURL, which names no facts
	SkipLocalFile           // a local file is an offline load
	SkipFirstUse            // first use answers before fetching them
)

// SiteURLs are the guide and settings of the landscape's site, or "" when
// the data comes from elsewhere (--url).
func (c Config) SiteURLs() (guide, settings string) {
	if c.DataURL != "" {
		return "", ""
	}
	return c.Landscape.GuideURL(), c.Landscape.SettingsURL()
}
