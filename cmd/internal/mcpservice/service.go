// Package mcpservice is the landscape as cnl mcp serves it to AI
// assistants: the tools, declared in one table with their titles, schema
// hints and handlers, and the guide's and glossary's pages, each answer a
// typed value with its data's date and a short text. It speaks no protocol
// (cmd/internal/mcpserver does) and answers from an answer.Session.
package mcpservice

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cache/snapshot"
	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
)

// Service is the landscape as cnl mcp serves it: the tools' answers,
// without the protocol (cmd/internal/mcpserver speaks it). Every answer is
// a typed value, whose strings are sanitised as a terminal shows them,
// and a short text rendering.
type Service struct{ s *server }

// NewFromEnv is the service of the landscape the environment chooses
// (CNL_LANDSCAPE, CNL_CACHE_DIR…), as cnl mcp would serve it, on clock
// now: for tests and benchmarks of the protocol side.
func NewFromEnv(now func() time.Time) (*Service, error) {
	cfg, err := cache.Resolve(cache.Flags{}, os.Getenv)
	if err != nil {
		return nil, err
	}
	cfg.Now, cfg.InMemory = now, true
	return New(&answer.Session{Now: now, Config: cfg}, false, "(devel)"), nil
}

// New is the service of the landscape s answers from; the update
// tool is offered when allowUpdate is set; version is cnl's.
func New(s *answer.Session, allowUpdate bool, version string) *Service {
	srv := newServer(s, allowUpdate)
	srv.version = version
	return &Service{s: srv}
}

// Places are the landscape's categories and subcategories, as paths
// ("Runtime/Container Runtime"); none when it cannot be loaded.
func (m *Service) Places(ctx context.Context) []string {
	var places []string
	serve(m.s, "complete", true, func(ctx context.Context, x *landscape.Index, _ NoIn) (NoIn, string, error) {
		places = x.AllPlaces()
		return NoIn{}, "", nil
	})(ctx, NoIn{})
	return places
}

// AllowUpdate reports whether the update tool is offered.
func (m *Service) AllowUpdate() bool { return m.s.allowUpdate }

// Title names the landscape ("CNCF Landscape").
func (m *Service) Title() string { return m.s.g.LandscapeTitle() }

// Version is cnl's version.
func (m *Service) Version() string { return m.s.version }

// Data is what an answer comes from: the landscape, where its data came
// from, and how old it is.
type Data struct {
	Landscape string `json:"landscape"`
	Source    string `json:"source" jsonschema:"where the data came from: a URL, a file, or the snapshot built into cnl"`
	Date      string `json:"date" jsonschema:"when it was fetched, YYYY-MM-DD"`
	AgeDays   int    `json:"age_days" jsonschema:"days since then"`
}

// Line says it in a sentence.
func (d Data) Line() string {
	age := fmt.Sprintf("%d days ago", d.AgeDays)
	switch d.AgeDays {
	case 0:
		age = "today"
	case 1:
		age = "yesterday"
	}
	return fmt.Sprintf("Data: the %s landscape from %s, fetched %s (%s).", d.Landscape, d.Source, d.Date, age)
}

// Stale is data older than a month: worth an update.
func (d Data) Stale() bool { return d.AgeDays > 30 }

// Dated is in every tool's answer: the data it comes from.
type Dated struct {
	Data *Data `json:"data,omitempty" jsonschema:"the data this answer comes from, and how old it is"`
}

func (d *Dated) setData(m Data) { d.Data = &m }

// Data is the data the tools answer from: the cache's manifest, or the
// landscape built into cnl when the cache holds none (as the tools then
// install it). It reads no landscape. Once the tools have loaded the
// landscape, what it says of where the data came from is kept with it (an
// update replaces both); only the age is worked out again.
func (m *Service) Data() Data {
	s := m.s
	s.dataMu.Lock()
	d, at, known := s.data, s.dataAt, s.x != nil && s.data.Landscape != ""
	s.dataMu.Unlock()
	if !known {
		d, at = m.readData()
		if s.x != nil {
			s.dataMu.Lock()
			s.data, s.dataAt = d, at
			s.dataMu.Unlock()
		}
	}
	if !at.IsZero() {
		d.AgeDays = max(0, int(s.g.Now().Sub(at).Hours()/24))
	}
	return d
}

func (m *Service) readData() (Data, time.Time) {
	g := m.s.g
	d := Data{Landscape: g.Config.Landscape.Key}
	var at time.Time
	switch meta, err := g.Store().Meta(); {
	case g.File != "":
		d.Source = g.File
		if fi, err := os.Stat(g.File); err == nil {
			at = fi.ModTime()
		}
	case err == nil:
		d.Source, at = meta.Source, meta.FetchedAt
	default:
		if info, ok := snapshot.Info(); ok && info.Landscape == d.Landscape {
			d.Source = "built-in snapshot of " + info.Source
			at, _ = time.Parse("2006-01-02", info.Date)
		}
	}
	if d.Source == "" {
		d.Source = "nowhere yet"
	}
	if !at.IsZero() {
		d.Date = at.UTC().Format("2006-01-02")
	}
	return d, at
}

// server answers the tools from one landscape, loaded on first use
// and kept: a session asks many questions, each in milliseconds. Calls are
// served one at a time (the index fills caches as it answers).
type server struct {
	g           *answer.Session
	allowUpdate bool
	version     string
	turn        chan struct{} // held by the call being served; a cancelled call stops waiting
	x           *landscape.Index

	dataMu sync.Mutex // Data is asked outside a turn too (instructions, warnings)
	data   Data       // where x came from, once known
	dataAt time.Time
}

func newServer(g *answer.Session, allowUpdate bool) *server {
	return &server{g: g, allowUpdate: allowUpdate, turn: make(chan struct{}, 1)}
}

// index is the landscape the tools answer from: the cache, else (for the
// CNCF landscape) the one built into cnl. Never the network.
func (s *server) index(ctx context.Context) (*landscape.Index, error) {
	if s.x != nil {
		return s.x, nil
	}
	g := s.g
	if g.File == "" && g.Config.Landscape.Key != cache.DefaultLandscape {
		x, _, err := g.Store().Load()
		if err != nil {
			return nil, fmt.Errorf("the %s landscape is not cached yet: the update tool fetches it where the server offers it", g.Config.Landscape.Key)
		}
		s.x = x
		return x, nil
	}
	if g.File == "" {
		// First use: the landscape built into cnl goes into the cache, as
		// the command line's first use offline does, so that the guide
		// and, after updates, changes answer from it too.
		st := g.Store()
		if _, err := st.Meta(); errors.Is(err, cache.ErrNoData) {
			cache.InstallSnapshot(ctx, st, g.Config)
		}
	}
	x, err := g.QuietIndex(ctx)
	if err != nil {
		return nil, err
	}
	s.x = x
	return x, nil
}

// serve runs one answer: alone, on the landscape (unless the tool makes
// its own), a panic turned into an error rather than the end of the
// server, and every string of the answer sanitised.
func serve[In, Out any](s *server, name string, needIndex bool, h func(ctx context.Context, x *landscape.Index, in In) (Out, string, error)) func(context.Context, In) (Out, string, error) {
	return func(ctx context.Context, in In) (out Out, text string, err error) {
		select {
		case s.turn <- struct{}{}:
		case <-ctx.Done():
			return out, "", ctx.Err()
		}
		defer func() { <-s.turn }()
		defer func() {
			if r := recover(); r != nil {
				fmt.Fprintf(os.Stderr, "cnl mcp: %s failed: %v\n%s", name, r, debug.Stack())
				var zero Out
				out, text, err = zero, "", fmt.Errorf("%s failed inside cnl; the server goes on", name)
			}
		}()
		var x *landscape.Index
		if needIndex {
			if x, err = s.index(ctx); err != nil {
				return out, "", errors.New(cleanLines(err.Error()))
			}
		}
		out, text, err = h(ctx, x, in)
		if err != nil {
			// Said in a line or a few, whatever it quotes.
			return out, "", errors.New(ui.Truncate(cleanLines(err.Error()), answer.MaxErrorLine))
		}
		if d, ok := any(&out).(interface{ setData(Data) }); ok {
			data := (&Service{s: s}).Data()
			d.setData(data)
			text = strings.TrimRight(text, "\n") + "\n" + data.Line() + "\n"
		}
		sanitize(&out)
		return out, cleanLines(text), nil
	}
}

// cleanLines is clean for text of several lines (a guide's Markdown, an
// error): each line cleaned, its indentation and the line breaks kept.
func cleanLines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		body := strings.TrimLeft(l, " ")
		lines[i] = l[:len(l)-len(body)] + ui.Clean(body)
	}
	return strings.Join(lines, "\n")
}

// sanitize cleans every string a tool's output holds, in place, as the
// terminal would show it: downloaded text never reaches an assistant with
// its control characters. A nil list becomes an empty one.
func sanitize(v any) { sanitizeValue(reflect.ValueOf(v)) }

func sanitizeValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			sanitizeValue(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			sanitizeValue(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() && v.CanSet() {
			// An empty list, never null: the schemas say "array".
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		}
		for i := range v.Len() {
			sanitizeValue(v.Index(i))
		}
	case reflect.Map:
		if !v.CanSet() {
			return
		}
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			sanitizeValue(e)
			v.SetMapIndex(k, e)
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(cleanLines(v.String()))
		}
	}
}
