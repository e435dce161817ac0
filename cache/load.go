package cache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/cnl-dev/cnl/cache/snapshot"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

// LoadOrFetch returns the landscape to answer from: the cached one; with
// an empty cache, it fetches it (first use, without GitHub facts, so the
// first answer does not wait on the site's much larger full.json); and when
// that fails, for the CNCF landscape, it installs the snapshot built into
// cnl. It calls note to say which, when it is not the cache.
// After first use no command but update touches the network.
func LoadOrFetch(ctx context.Context, c Config, note func(LoadNote)) (*landscape.Index, Meta, error) {
	s := Open(c)
	x, m, err := s.Load()
	if !errors.Is(err, ErrNoData) {
		return x, m, err
	}
	info, ok := snapshot.Info()
	builtIn := ok && info.Landscape == c.Landscape.Key && c.DataURL == ""
	if c.NoDir != nil {
		// Nowhere to keep a download: the landscape built into cnl
		// answers, from memory, without the network.
		if builtIn {
			if x, serr := SnapshotIndex(); serr == nil {
				note(LoadNote{Kind: NoteSnapshotInMemory, Date: info.Date, Err: c.NoDir})
				return x, Meta{Landscape: c.Landscape.Key, Items: x.Len(), Categories: len(x.Categories)}, nil
			}
		}
		return nil, m, &NoDataError{Dir: "(none)", Err: c.NoDir}
	}
	note(LoadNote{Kind: NoteFetching, Landscape: c.Landscape.Foundation, Source: Redact(c.DataSources()[0])})
	res, err := s.Update(ctx, c, UpdateOptions{NoFacts: true})
	if err == nil {
		note(LoadNote{Kind: NoteSaved, Items: res.Meta.Items, Source: res.Meta.Source})
		return s.Load()
	}
	if errors.Is(err, context.Canceled) || ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, m, err
	}
	var unwritable *WriteError
	if errors.As(err, &unwritable) {
		// The cache cannot be written (full, read-only): the network is
		// not to blame, and the landscape built into cnl still answers,
		// from memory.
		if builtIn {
			if x, serr := SnapshotIndex(); serr == nil {
				note(LoadNote{Kind: NoteSnapshotInMemory, Date: info.Date, Err: err})
				return x, Meta{Landscape: c.Landscape.Key, Items: x.Len(), Categories: len(x.Categories)}, nil
			}
		}
		return nil, m, fmt.Errorf("no landscape data in %s, and it cannot be written: %w", s.Dir, err)
	}
	if builtIn {
		serr := InstallSnapshot(ctx, s, c)
		if serr == nil {
			note(LoadNote{Kind: NoteSnapshot, Date: info.Date})
			return s.Load()
		}
		if errors.As(serr, &unwritable) {
			if x, xerr := SnapshotIndex(); xerr == nil {
				note(LoadNote{Kind: NoteSnapshotInMemory, Offline: true, Date: info.Date, Err: serr})
				return x, Meta{Landscape: c.Landscape.Key, Items: x.Len(), Categories: len(x.Categories)}, nil
			}
		}
	}
	return nil, m, &NoDataError{Dir: s.Dir, Err: err}
}

// InstallSnapshot puts the snapshot built into cnl into an empty store.
func InstallSnapshot(ctx context.Context, s *Store, c Config) error {
	info, ok := snapshot.Info()
	data, guide, settings, ok2 := snapshot.Files()
	if !ok || !ok2 {
		return errors.New("this build carries no snapshot")
	}
	facts, _ := snapshot.Facts()
	date, _ := time.Parse("2006-01-02", info.Date)
	_, err := s.Update(ctx, c, UpdateOptions{Data: data, Guide: guide, Settings: settings, Facts: facts,
		Source: "built-in snapshot of " + info.Source, FetchedAt: date})
	return err
}

// builtInSiteFile is the guide or settings (by its cache file name) built
// into cnl, when the configured landscape is the built-in one.
func builtInSiteFile(c Config, name string) ([]byte, FileMeta, bool) {
	info, ok := snapshot.Info()
	_, guide, settings, ok2 := snapshot.Files()
	if !ok || !ok2 || info.Landscape != c.Landscape.Key || c.DataURL != "" {
		return nil, FileMeta{}, false
	}
	b := guide
	if name == SettingsFile {
		b = settings
	}
	if b == nil {
		return nil, FileMeta{}, false
	}
	date, _ := time.Parse("2006-01-02", info.Date)
	return b, fileMeta("built-in snapshot of "+info.Source, b, "", "", date), true
}

// Guide is the configured landscape's guide: the cached one, or, while the
// cache holds nothing (read-only, no cache directory, before first use),
// the one built into cnl for its landscape; ok is false when there is none.
func Guide(c Config) (g *landscape.Guide, ok bool, err error) {
	g, ok, err = Open(c).Guide()
	if !errors.Is(err, ErrNoData) {
		return g, ok, err
	}
	info, has := snapshot.Info()
	if !has || info.Landscape != c.Landscape.Key || c.DataURL != "" {
		return nil, false, nil
	}
	x, err := SnapshotIndex()
	if err != nil {
		return nil, false, err
	}
	return x.Guide(), x.Guide() != nil, nil
}

// SnapshotIndex is the landscape built into cnl, parsed in memory, once
// per process: what shell completion and the glossary answer from before
// the first update (they never write). The snapshot carries no compiled
// index (0.3 MB in every binary for a path this rare); parsing takes about
// 0.3 s.
func SnapshotIndex() (*landscape.Index, error) { return snapshotIndex() }

var snapshotIndex = sync.OnceValues(parseSnapshot)

func parseSnapshot() (*landscape.Index, error) {
	data, guide, settings, ok := snapshot.Files()
	if !ok {
		return nil, errors.New("this build carries no snapshot")
	}
	x, err := landscape.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var facts *landscape.Facts
	if f, ok := snapshot.Facts(); ok {
		facts, _ = decodeFacts(f)
	}
	y := x.With(siteOptions(facts, guide, settings))
	search.Prepare(y)
	return y, nil
}

// NoDataError is an empty cache whose first download failed, with no
// snapshot to answer from.
type NoDataError struct {
	Dir string
	Err error // why the download failed
}

func (e *NoDataError) Error() string {
	return fmt.Sprintf("no landscape data in %s and the download failed (%v)", e.Dir, e.Err)
}

func (e *NoDataError) Unwrap() error { return e.Err }

// A LoadNote is something LoadOrFetch did that the person waiting should be
// told, in the caller's words.
type LoadNote struct {
	Kind      LoadNoteKind
	Landscape string // the foundation whose data is fetched
	Source    string // where the data is fetched from, or came from
	Items     int
	Date      string // the built-in snapshot's
	Offline   bool   // the download failed too
	Err       error  // why the cache cannot be written
}

// LoadNoteKind says what a LoadNote tells.
type LoadNoteKind int

const (
	NoteFetching         LoadNoteKind = iota // first use: the data is being fetched
	NoteSaved                                // fetched and saved, without GitHub facts
	NoteSnapshot                             // offline: the built-in snapshot was installed
	NoteSnapshotInMemory                     // the cache cannot be written: the snapshot answers from memory
)
