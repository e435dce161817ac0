package cache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/cnl-dev/cnl/cache/snapshot"
	"github.com/cnl-dev/cnl/landscape"
)

// LoadOrFetch returns the landscape to answer from: the cached one; with
// an empty cache, it fetches it (first use, without GitHub facts, so the
// first answer does not wait on the site's much larger full.json); and when
// that fails, for the CNCF landscape, it installs the snapshot built into
// cnl. It writes one line to log saying which, when it is not the cache.
// After first use no command but update touches the network.
func LoadOrFetch(ctx context.Context, c Config, log io.Writer) (*landscape.Index, Meta, error) {
	s := Open(c)
	x, m, err := s.Load()
	if !errors.Is(err, ErrNoData) {
		return x, m, err
	}
	fmt.Fprintf(log, "cnl: no %s landscape data yet; fetching %s\n", c.Landscape.Foundation, Redact(c.DataSources()[0]))
	res, err := s.Update(ctx, c, UpdateOptions{NoFacts: true})
	if err == nil {
		fmt.Fprintf(log, "cnl: saved %d items from %s; cnl update adds GitHub facts (stars, licenses, activity)\n", res.Meta.Items, res.Meta.Source)
		return s.Load()
	}
	if errors.Is(err, context.Canceled) || ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, m, err
	}
	info, ok := snapshot.Info()
	builtIn := ok && info.Landscape == c.Landscape.Key && c.DataURL == ""
	var unwritable *WriteError
	if errors.As(err, &unwritable) {
		// The cache cannot be written (full, read-only): the network is
		// not to blame, and the landscape built into cnl still answers,
		// from memory.
		if builtIn {
			if x, serr := SnapshotIndex(); serr == nil {
				fmt.Fprintf(log, "cnl: cannot write the cache (%v); answering from the landscape built into cnl, from %s\n", oneLineErr(err), info.Date)
				return x, Meta{Landscape: c.Landscape.Key, Items: x.Len(), Categories: len(x.Categories)}, nil
			}
		}
		return nil, m, fmt.Errorf("no landscape data in %s, and it cannot be written: %w", s.Dir, err)
	}
	if builtIn {
		serr := InstallSnapshot(ctx, s, c)
		if serr == nil {
			fmt.Fprintf(log, "cnl: offline; answering from the landscape built into cnl, from %s (cnl update replaces it when online)\n", info.Date)
			return s.Load()
		}
		if errors.As(serr, &unwritable) {
			if x, xerr := SnapshotIndex(); xerr == nil {
				fmt.Fprintf(log, "cnl: offline, and the cache cannot be written (%v); answering from the landscape built into cnl, from %s\n", oneLineErr(serr), info.Date)
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

// SnapshotIndex is the landscape built into cnl, parsed in memory, once
// per process: what shell completion and the glossary answer from before
// the first update (they never write). The snapshot carries no compiled
// index (0.3 MB in every binary for a path this rare); parsing takes about
// 0.3 s.
var SnapshotIndex = sync.OnceValues(parseSnapshot)

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
	return x.With(siteOptions(facts, guide, settings)), nil
}

// oneLineErr keeps a joined error on one line.
func oneLineErr(err error) string {
	var b []byte
	for _, c := range err.Error() {
		if c == '\n' {
			b = append(b, "; "...)
			continue
		}
		b = append(b, string(c)...)
	}
	return string(b)
}

// NoDataError is an empty cache whose first download failed, with no
// snapshot to answer from.
type NoDataError struct {
	Dir string
	Err error // why the download failed
}

func (e *NoDataError) Error() string {
	return fmt.Sprintf("no landscape data in %s and the download failed (%v)", e.Dir, oneLineErr(e.Err))
}

func (e *NoDataError) Unwrap() error { return e.Err }
