// Package cache is cnl's local store: where each landscape's data lives, how
// it is fetched, validated and saved without ever breaking what worked, and
// how queries load it fast.
//
// Each landscape has a directory. Its files (the data, GitHub facts, guide,
// settings and the compiled index) live together in a generation directory,
// and a small manifest (current.json) names the generation in use with its
// metadata. An update writes a whole new generation beside the old one and
// switches to it by renaming one new manifest over the old: a reader, a
// crash, a kill or a full disk sees the old set of files or the new set,
// never a mix. Writers hold a lock; readers take none.
package cache

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/lockedfile"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

// Files of a landscape's directory and of a generation.
const (
	manifestFile = "current.json"
	lockFile     = ".lock"
	genPrefix    = "gen-"

	DataFile     = "data.yml"     // the data file as fetched, validated
	GitHubFile   = "github.json"  // what cnl keeps of full.json (see EncodeFacts)
	GuideFile    = "guide.yml"    // the landscape's guide, when it has one
	SettingsFile = "settings.yml" // the landscape's settings
	IndexFile    = "index.bin"    // the compiled index, derived from the others
)

// Limits on what the cache reads back: the files it wrote itself, bounded
// as downloads are, so that a file swapped in by something else cannot make
// a command read for ever.
const (
	maxManifest = 1 << 20
	maxFacts    = DefaultFullMaxSize
	maxSiteFile = 4 << 20 // guide and settings
)

// ErrNoData means the cache holds no landscape yet.
var ErrNoData = errors.New("no landscape data in the cache")

// FileMeta describes one file of the cache: where it came from and what it
// holds.
type FileMeta struct {
	Source       string    `json:"source"` // URL or file path it came from
	FetchedAt    time.Time `json:"fetched_at"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	SHA256       string    `json:"sha256"`
	Size         int64     `json:"size"`
}

// Meta is the manifest: what the cache holds, per file, and which
// generation holds it.
type Meta struct {
	Landscape  string `json:"landscape"`
	FileMeta          // the data file
	Items      int    `json:"items"`
	Categories int    `json:"categories"`

	GitHub   *GitHubMeta `json:"github,omitempty"`
	Guide    *FileMeta   `json:"guide,omitempty"`
	Settings *FileMeta   `json:"settings,omitempty"`

	// Generation is the directory holding the files; Previous, when set,
	// holds the data the last change replaced (for cnl diff).
	Generation string `json:"generation"`
	Previous   string `json:"previous,omitempty"`
}

// GitHubMeta describes the GitHub facts in the cache.
type GitHubMeta struct {
	FileMeta
	GeneratedAt  time.Time `json:"generated_at"` // newest generated_at in the data
	Repositories int       `json:"repositories"`
	Joined       int       `json:"joined"` // items that got facts
}

// derivation is what an index of this generation must be derived from:
// the checksums of the files that make it.
func (m Meta) derivation() string {
	from := "data:" + m.SHA256
	if m.GitHub != nil {
		from += " github:" + m.GitHub.SHA256
	}
	if m.Settings != nil {
		from += " settings:" + m.Settings.SHA256
	}
	if m.Guide != nil {
		from += " guide:" + m.Guide.SHA256
	}
	return from
}

// Store is one landscape's cache directory.
type Store struct {
	Dir      string
	w        writer
	inMemory bool  // read the index, do not map it
	noDir    error // there is no directory: the store holds nothing and takes nothing
}

// Open returns the store of the configured landscape.
func Open(c Config) *Store {
	return &Store{Dir: c.Dir(), w: osWriter{}, inMemory: c.InMemory, noDir: c.NoDir}
}

// NewStore returns the store in dir.
func NewStore(dir string) *Store { return &Store{Dir: dir, w: osWriter{}} }

func (s *Store) path(parts ...string) string {
	return filepath.Join(append([]string{s.Dir}, parts...)...)
}

// validGeneration keeps a manifest from naming anything but a generation
// directory of this store: "gen-" and letters or digits.
func validGeneration(name string) bool {
	rest, ok := strings.CutPrefix(name, genPrefix)
	if !ok || rest == "" {
		return false
	}
	for _, c := range rest {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Meta reads the manifest. It never parses the data and never writes:
// commands that only report (version, cache, completion) use it.
func (s *Store) Meta() (Meta, error) {
	var m Meta
	if s.noDir != nil {
		return m, ErrNoData
	}
	b, err := readCacheFile(s.path(manifestFile), maxManifest)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return m, ErrNoData // nothing cached: a path through a file holds nothing either
	}
	if err != nil {
		return m, fmt.Errorf("cannot read the cache's manifest: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil || !validGeneration(m.Generation) || m.Previous != "" && !validGeneration(m.Previous) {
		// The files outlive a damaged manifest: the newest generation
		// that holds data answers, offline, and the next update writes
		// a manifest again.
		if r, ok := s.recoverMeta(); ok {
			return r, nil
		}
		return Meta{}, &DamagedError{Path: s.path(manifestFile)}
	}
	return m, nil
}

// DamagedError is a manifest that cannot be read, with no generation to
// recover from.
type DamagedError struct{ Path string }

func (e *DamagedError) Error() string { return "the cache's manifest " + e.Path + " is damaged" }

// recoverMeta describes the newest generation that holds data, from its
// files: their checksums and sizes, the source unknown. Nothing is written.
func (s *Store) recoverMeta() (Meta, bool) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return Meta{}, false
	}
	var best string
	var bestTime time.Time
	for _, e := range entries {
		if !e.IsDir() || !validGeneration(e.Name()) {
			continue
		}
		info, err := os.Lstat(s.path(e.Name(), DataFile))
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if best == "" || info.ModTime().After(bestTime) {
			best, bestTime = e.Name(), info.ModTime()
		}
	}
	if best == "" {
		return Meta{}, false
	}
	describe := func(name string, limit int64) *FileMeta {
		b, err := readCacheFile(s.path(best, name), limit)
		if err != nil {
			return nil
		}
		fm := fileMeta("recovered from "+best, b, "", "", bestTime)
		return &fm
	}
	data := describe(DataFile, DefaultMaxSize)
	if data == nil {
		return Meta{}, false
	}
	m := Meta{Landscape: filepath.Base(s.Dir), FileMeta: *data, Generation: best,
		Guide: describe(GuideFile, maxSiteFile), Settings: describe(SettingsFile, maxSiteFile)}
	if f := describe(GitHubFile, maxFacts); f != nil {
		m.GitHub = &GitHubMeta{FileMeta: *f}
	}
	if b, err := readCacheFile(s.path(best, IndexFile), maxIndexSize); err == nil {
		if src, _, err := openIndex(b); err == nil {
			m.Items, m.Categories = src.n, len(src.cats)
		}
	}
	return m, true
}

// Load returns the cached index and the metadata. A compiled index that is
// missing, of another format, damaged or derived from other files is a
// miss, not an error: it is rebuilt from the generation's files, and the
// metadata is kept. Without data it returns ErrNoData.
//
// The index file is mapped, not read: items are decoded from it as they are
// asked for, and a damaged item record is rebuilt from the data too.
func (s *Store) Load() (*landscape.Index, Meta, error) {
	for attempt := 0; ; attempt++ {
		m, err := s.Meta()
		if err != nil {
			return nil, m, err
		}
		x, err := s.open(m)
		// A writer may have replaced the generation between reading
		// the manifest and opening its files: read the new manifest.
		if errors.Is(err, fs.ErrNotExist) && attempt < 3 {
			continue
		}
		return x, m, err
	}
}

// LoadCompiled is Load for commands that must stay cheap and read-only
// (shell completion): it answers only from a usable compiled index and
// never parses the data or writes; otherwise it returns ErrBadIndex.
func (s *Store) LoadCompiled() (*landscape.Index, error) {
	m, err := s.Meta()
	if err != nil {
		return nil, err
	}
	path := s.path(m.Generation, IndexFile)
	file, err := readIndexFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadIndex, err)
	}
	src, from, err := openIndex(file)
	if err != nil {
		return nil, err
	}
	if from != m.derivation() {
		return nil, badIndex("derived from other files")
	}
	src.path = path
	return landscape.NewIndex(src.cats, src, src.search), nil
}

// open loads a generation's index, or rebuilds it.
func (s *Store) open(m Meta) (*landscape.Index, error) {
	gen := s.path(m.Generation)
	read := readIndexFile
	if s.inMemory {
		read = func(p string) ([]byte, error) { return readCacheFile(p, maxIndexSize) }
	}
	path := filepath.Join(gen, IndexFile)
	file, err := read(path)
	if err == nil {
		src, from, err := openIndex(file)
		// Read into memory, the index is checked whole now: its readers
		// (the browser's goroutines, the MCP server) must not meet a
		// damaged block later. Mapped, each block is checked when first
		// read, and a damaged one sets the file aside (see Guard).
		if err == nil && s.inMemory {
			err = src.checkAll()
		}
		if err == nil && from == m.derivation() {
			src.path = path
			src.fallback = s.fallback(m)
			x := landscape.NewIndex(src.cats, src, src.search)
			return x, nil
		}
	}
	if _, err := os.Stat(filepath.Join(gen, DataFile)); err != nil {
		return nil, err
	}
	return s.rebuild(m)
}

// fallback serves items whose record is damaged from the data file, parsed
// once, matched by slug; the summary is all that is left if that fails too.
func (s *Store) fallback(m Meta) func(int, landscape.Summary) landscape.Item {
	rebuilt := sync.OnceValue(func() *landscape.Index {
		x, err := s.parseGeneration(m)
		if err != nil {
			return nil
		}
		return x
	})
	return func(i int, sum landscape.Summary) landscape.Item {
		if x := rebuilt(); x != nil {
			if it, ok := x.BySlug(sum.Slug); ok {
				return *it
			}
		}
		return itemFromSummary(sum)
	}
}

// parseGeneration builds the index of a generation from its files: the data
// joined with the facts, and the settings' members category.
func (s *Store) parseGeneration(m Meta) (*landscape.Index, error) {
	gen := s.path(m.Generation)
	raw, err := readCacheFile(filepath.Join(gen, DataFile), DefaultMaxSize)
	if err != nil {
		return nil, &CachedDataError{Err: err}
	}
	x, err := landscape.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, &CachedDataError{Err: err, Damaged: true}
	}
	var facts *landscape.Facts
	if m.GitHub != nil {
		facts, _ = readFacts(filepath.Join(gen, GitHubFile))
	}
	var guide, settings []byte
	if m.Guide != nil {
		guide, _ = readCacheFile(filepath.Join(gen, GuideFile), maxSiteFile)
	}
	if m.Settings != nil {
		settings, _ = readCacheFile(filepath.Join(gen, SettingsFile), maxSiteFile)
	}
	y := x.With(siteOptions(facts, guide, settings))
	search.Prepare(y)
	return y, nil
}

// siteOptions are what a site's files add to its data: the facts, the
// settings' members category, and the guide, which search takes as
// evidence. A file that is missing or does not parse adds nothing.
func siteOptions(facts *landscape.Facts, guide, settings []byte) landscape.Options {
	o := landscape.Options{Facts: facts}
	if settings != nil {
		if st, err := landscape.ParseSettings(bytes.NewReader(settings)); err == nil {
			o.MembersCategory = st.MembersCategory
		}
	}
	if guide != nil {
		if g, err := landscape.ParseGuide(bytes.NewReader(guide)); err == nil {
			o.Guide = g
		}
	}
	return o
}

// rebuild parses a generation's files and writes its index again. The
// metadata is untouched: it lives in the manifest.
func (s *Store) rebuild(m Meta) (*landscape.Index, error) {
	x, err := s.parseGeneration(m)
	if err != nil {
		return nil, err
	}
	if b, err := EncodeIndex(x, m.derivation()); err == nil {
		s.saveRebuilt(m, b)
	}
	return x, nil
}

// saveRebuilt writes a rebuilt index, best effort: a reader that cannot
// write still gets its answer. It takes the writers' lock when it is free
// and writes only if the manifest still names the generation.
func (s *Store) saveRebuilt(m Meta, index []byte) {
	// A reader does not wait on an update: when the lock is held, the
	// rebuilt index answers this once and the update writes its own.
	if os.MkdirAll(s.Dir, 0o700) != nil {
		return
	}
	unlock, ok := tryLock(s.path(lockFile))
	if !ok {
		return
	}
	defer unlock()
	// Only into a generation that is a directory of the cache: a
	// symlink would take the write elsewhere.
	if info, err := os.Lstat(s.path(m.Generation)); err != nil || !info.IsDir() {
		return
	}
	if now, err := s.Meta(); err == nil && now.Generation == m.Generation {
		_ = s.writeAtomic(s.path(m.Generation, IndexFile), index)
	}
}

// Previous parses the data that the last change replaced.
func (s *Store) Previous() (*landscape.Index, error) {
	m, err := s.Meta()
	if err != nil && !errors.Is(err, ErrNoData) {
		return nil, err
	}
	if m.Previous == "" {
		return nil, errors.New("no previous copy yet: the cache keeps one from the next update that brings new data")
	}
	raw, err := readCacheFile(s.path(m.Previous, DataFile), DefaultMaxSize)
	if err != nil {
		return nil, fmt.Errorf("the previous copy is unreadable: %w", err)
	}
	return landscape.Parse(bytes.NewReader(raw))
}

// Current parses the cached data file itself (not the compiled index), for
// comparisons that read every item anyway.
func (s *Store) Current() (*landscape.Index, error) {
	m, err := s.Meta()
	if err != nil {
		return nil, err
	}
	return s.parseGeneration(m)
}

// Guide parses the cached guide; ok is false when the landscape has none.
func (s *Store) Guide() (g *landscape.Guide, ok bool, err error) {
	m, err := s.Meta()
	if err != nil {
		return nil, false, err
	}
	if m.Guide == nil {
		return nil, false, nil
	}
	b, err := readCacheFile(s.path(m.Generation, GuideFile), maxSiteFile)
	if err != nil {
		return nil, false, fmt.Errorf("the cached guide is unreadable: %w", err)
	}
	g, err = landscape.ParseGuide(bytes.NewReader(b))
	return g, err == nil, err
}

// Settings parses the cached settings; ok is false when there are none.
func (s *Store) Settings() (st landscape.Settings, ok bool, err error) {
	m, err := s.Meta()
	if err != nil || m.Settings == nil {
		return st, false, err
	}
	b, err := readCacheFile(s.path(m.Generation, SettingsFile), maxSiteFile)
	if err != nil {
		return st, false, err
	}
	st, err = landscape.ParseSettings(bytes.NewReader(b))
	return st, err == nil, err
}

// lock takes the writers' lock of the directory, creating it (0700) if
// needed. Readers never take it: they rely on the manifest's rename.
func (s *Store) lock(ctx context.Context) (unlock func(), err error) {
	if s.noDir != nil {
		return nil, &WriteError{Path: "the cache", Err: s.noDir}
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return nil, &WriteError{Path: s.Dir, Err: err}
	}
	// lockedfile creates the file 0666 (less umask); create it private first.
	if f, err := os.OpenFile(s.path(lockFile), os.O_RDWR|os.O_CREATE, 0o600); err == nil {
		f.Close()
	}
	// The lock is waited for in a goroutine, so that the wait ends with
	// the context (a time limit, Ctrl-C): a lock taken after that is let
	// go at once.
	type locked struct {
		unlock func()
		err    error
	}
	got := make(chan locked, 1)
	go func() {
		u, err := lockedfile.MutexAt(s.path(lockFile)).Lock()
		got <- locked{u, err}
	}()
	select {
	case l := <-got:
		if l.err != nil {
			return nil, &WriteError{Path: s.path(lockFile), Err: l.err}
		}
		return l.unlock, nil
	case <-ctx.Done():
		go func() {
			if l := <-got; l.err == nil {
				l.unlock()
			}
		}()
		return nil, &LockedError{Path: s.path(lockFile), Err: ctx.Err()}
	}
}

// LockedError is a wait for the writers' lock that ended before another
// update let it go.
type LockedError struct {
	Path string
	Err  error // why the wait ended: the time limit, or a cancel
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("another update holds the cache's lock (%s); gave up waiting: %v", e.Path, e.Err)
}

func (e *LockedError) Unwrap() error { return e.Err }

// generation is a set of files being written as a new generation.
type generation struct {
	s    *Store
	name string
	dir  string
}

// newGeneration makes an empty generation directory.
func (s *Store) newGeneration() (*generation, error) {
	dir, err := os.MkdirTemp(s.Dir, genPrefix)
	if err != nil {
		return nil, &WriteError{Path: s.Dir, Err: err}
	}
	return &generation{s: s, name: filepath.Base(dir), dir: dir}, nil
}

// write writes a new file of the generation.
func (g *generation) write(name string, data []byte) error {
	if err := g.s.w.WriteFile(filepath.Join(g.dir, name), data); err != nil {
		return &WriteError{Path: filepath.Join(g.dir, name), Err: err}
	}
	return nil
}

// keep carries a file over from another generation: a hard link (files are
// never changed in place), or a copy where links are not possible.
func (g *generation) keep(from, name string) error {
	src := g.s.path(from, name)
	dst := filepath.Join(g.dir, name)
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	b, err := readCacheFile(src, DefaultFullMaxSize)
	if err != nil {
		return fmt.Errorf("cannot carry %s over: %w", name, err)
	}
	return g.write(name, b)
}

// commit switches the store to the generation: its directory is synced,
// then one new manifest is renamed over the old one.
func (g *generation) commit(m Meta) error {
	syncDir(g.dir)
	m.Generation = g.name
	return g.s.writeManifest(m)
}

// writeManifest replaces the manifest atomically.
func (s *Store) writeManifest(m Meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return s.writeAtomic(s.path(manifestFile), append(b, '\n'))
}

// discard removes a generation that was not committed.
func (g *generation) discard() { os.RemoveAll(g.dir) }

// removeStale deletes what is neither the current generation nor the
// previous one: generations an update replaced, or left half-written when
// it was killed, and temporary files. Only a writer holding the lock calls
// it, so nothing removed is being written.
func (s *Store) removeStale(m Meta) {
	entries, _ := os.ReadDir(s.Dir)
	for _, e := range entries {
		name := e.Name()
		switch {
		case name == m.Generation || name == m.Previous:
		case strings.HasPrefix(name, genPrefix) && e.IsDir():
			os.RemoveAll(s.path(name))
		case strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp"):
			os.Remove(s.path(name))
		}
	}
}

// fileMeta describes bytes fetched or read from source at a time.
func fileMeta(source string, b []byte, etag, lastModified string, at time.Time) FileMeta {
	sum := sha256.Sum256(b)
	return FileMeta{Source: Redact(source), FetchedAt: at.UTC(), ETag: etag, LastModified: lastModified,
		SHA256: hex.EncodeToString(sum[:]), Size: int64(len(b))}
}

// CachedDataError is a cached data file that cannot be read, or no longer
// parses: only a new download mends it.
type CachedDataError struct {
	Err     error
	Damaged bool // it reads, but does not parse
}

func (e *CachedDataError) Error() string {
	if e.Damaged {
		return fmt.Sprintf("the cached %s is damaged (%v)", DataFile, e.Err)
	}
	return fmt.Sprintf("the cached data is unreadable (%v)", e.Err)
}

func (e *CachedDataError) Unwrap() error { return e.Err }
