// Package answer is what cnl answers, whoever asks: the landscape a
// session answers from (the cache, a file, the built-in snapshot), and the
// answers that the command line prints and the MCP service returns alike:
// glossary pages, guide sections, changes, filters, cards and the shapes
// of -o json. It words where to look next for its Asker: a command for a
// person, a tool or a resource for an assistant.
package answer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
)

// Session is the landscape a run answers from, whoever asks: the
// configuration, a file given instead of the cache (--file), and the one
// clock every answer reads.
type Session struct {
	Now    func() time.Time
	File   string
	Config cache.Config

	guideOnce *landscape.Guide // see CachedGuide
	guideRead bool
}

// Store is the configured landscape's cache.
func (s *Session) Store() *cache.Store { return cache.Open(s.Config) }

// CachedGuide is the landscape's guide, read from the cache once per run:
// the browser asks for it on every frame.
func (s *Session) CachedGuide() (*landscape.Guide, bool) {
	if !s.guideRead {
		s.guideRead = true
		guide, ok, err := cache.Guide(s.Config)
		if err == nil && ok {
			s.guideOnce = guide
		}
	}
	return s.guideOnce, s.guideOnce != nil
}

// LandscapeTitle names the landscape in headers: "CNCF Landscape", from
// its settings when cached, else from the known list or its address.
func (s *Session) LandscapeTitle() string {
	if s.File == "" {
		if set, ok, err := s.Store().Settings(); err == nil && ok && set.Foundation != "" {
			return ui.Clean(set.Foundation) + " Landscape"
		}
	}
	if f := s.Config.Landscape.Foundation; f != "" {
		return ui.Clean(f) + " Landscape"
	}
	return "Landscape"
}

// QuietIndex is the landscape to link terms with, when one is at hand
// without a word on stderr or the network: the cache, else the built-in
// snapshot.
func (s *Session) QuietIndex(ctx context.Context) (*landscape.Index, error) {
	if s.File != "" {
		return ParseFile(s.File)
	}
	if x, _, err := s.Store().Load(); err == nil {
		return x, nil
	}
	return cache.SnapshotIndex()
}

// Guide is the landscape's cached guide, or an error saying there is none
// (and, to a person, where to see which landscapes have one).
func (s *Session) Guide(a Asker) (*landscape.Guide, error) {
	if s.File != "" {
		return nil, errors.New("the guide comes from the cache; --file has none (run cnl guide without --file)")
	}
	guide, ok, err := cache.Guide(s.Config)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		msg := fmt.Sprintf("the %s landscape has no guide", s.Config.Landscape.Key)
		if a == AtCommandLine {
			msg += " (see cnl landscapes)"
		}
		return nil, errors.New(msg)
	}
	return guide, nil
}

func DiffSides(g *Session, args []string) (old, new *landscape.Index, err error) {
	if len(args) == 2 {
		if old, err = ParseFile(args[0]); err == nil {
			new, err = ParseFile(args[1])
		}
		return old, new, err
	}
	st := g.Store()
	if old, err = st.Previous(); err != nil {
		return nil, nil, err
	}
	new, err = st.Current()
	if errors.Is(err, cache.ErrNoData) {
		err = fmt.Errorf("the cache in %s is empty; run cnl update", st.Dir)
	}
	return old, new, err
}

func ParseFile(path string) (*landscape.Index, error) {
	raw, err := cache.ReadFileLimited(path, 0)
	if err != nil {
		return nil, err
	}
	x, err := landscape.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return x, nil
}
