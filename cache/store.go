// Package cache is cnl's local store: where the landscape data lives, how it
// is fetched, validated and saved without ever breaking what worked, and how
// queries load it fast.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/lockedfile"

	"github.com/cnl-dev/cnl/landscape"
)

// File names inside the cache directory.
const (
	RawFile    = "landscape.yml"      // the data file as downloaded, validated
	PrevFile   = "landscape.prev.yml" // the one before it, for cnl diff
	GitHubFile = "github.json"        // github_data from full.json, normalised
	IndexFile  = "index.bin"          // the compiled index with the metadata
	lockFile   = ".lock"              // held by writers only
)

// ErrNoData means the cache holds no landscape yet.
var ErrNoData = errors.New("no landscape data in the cache")

// Meta describes the cached data.
type Meta struct {
	Source       string    `json:"source" yaml:"source"` // URL or file path it came from
	FetchedAt    time.Time `json:"fetched_at" yaml:"fetched_at"`
	ETag         string    `json:"etag,omitempty" yaml:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty" yaml:"last_modified,omitempty"`
	SHA256       string    `json:"sha256" yaml:"sha256"` // of the raw file
	Size         int64     `json:"size" yaml:"size"`
	Items        int       `json:"items" yaml:"items"`
	Categories   int       `json:"categories" yaml:"categories"`

	// The GitHub facts joined into the index, when there are any.
	GitHub *GitHubMeta `json:"github,omitempty" yaml:"github,omitempty"`
}

// GitHubMeta describes the GitHub facts in the cache.
type GitHubMeta struct {
	Source       string    `json:"source"`
	FetchedAt    time.Time `json:"fetched_at"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	GeneratedAt  time.Time `json:"generated_at"` // newest generated_at in the data
	Repositories int       `json:"repositories"`
	Joined       int       `json:"joined"` // items that got facts
}

// Store is a cache directory.
type Store struct {
	Dir string
}

// DirFromEnv returns the cache directory when no --cache-dir flag is given:
// $CNL_CACHE_DIR, else $XDG_CACHE_HOME/cnl, else the OS cache directory + /cnl.
// XDG_CACHE_HOME is honoured on every OS, as CLI users expect.
func DirFromEnv() (string, error) {
	if d := os.Getenv("CNL_CACHE_DIR"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "cnl"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a cache directory (set CNL_CACHE_DIR): %w", err)
	}
	return filepath.Join(d, "cnl"), nil
}

func (s *Store) path(name string) string { return filepath.Join(s.Dir, name) }

// Load returns the cached index. A compiled index that is missing, of another
// format or damaged is a miss, not an error: it is rebuilt from the raw file
// (and saved again when possible). Without raw data it returns ErrNoData.
//
// The index file is mapped, not read: items are decoded from it as they are
// asked for. A damaged item record is rebuilt from the raw file too.
func (s *Store) Load() (*landscape.Index, Meta, error) {
	if file, err := readIndexFile(s.path(IndexFile)); err == nil {
		if src, meta, err := openIndex(file); err == nil {
			src.fallback = s.fallback()
			return landscape.NewIndex(src.cats, src, src.search), meta, nil
		}
	}
	return s.rebuild()
}

// fallback serves items whose record is damaged from the raw file, parsed
// once, matched by slug; the summary is all that is left if that fails too.
func (s *Store) fallback() func(int, landscape.Summary) landscape.Item {
	rebuilt := sync.OnceValue(func() *landscape.Index {
		x, _, err := s.rebuild()
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

// Previous parses the copy of the data that the last change replaced.
func (s *Store) Previous() (*landscape.Index, error) {
	raw, err := ReadFileLimited(s.path(PrevFile), 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("no previous copy yet: the cache keeps one from the next update that brings new data")
	}
	if err != nil {
		return nil, err
	}
	return landscape.Parse(bytes.NewReader(raw))
}

// Current parses the cached data file itself (not the compiled index), for
// comparisons that read every item anyway.
func (s *Store) Current() (*landscape.Index, error) {
	raw, err := ReadFileLimited(s.path(RawFile), 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoData
	}
	if err != nil {
		return nil, err
	}
	return landscape.Parse(bytes.NewReader(raw))
}

// Meta returns the metadata of the cached data.
func (s *Store) Meta() (Meta, error) {
	_, meta, err := s.Load()
	return meta, err
}

// rebuild parses the raw file and writes a fresh compiled index. The
// metadata kept in the old index is lost with it; what can be recomputed
// from the raw file is.
func (s *Store) rebuild() (*landscape.Index, Meta, error) {
	raw, err := os.ReadFile(s.path(RawFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Meta{}, ErrNoData
	}
	if err != nil {
		return nil, Meta{}, err
	}
	x, err := landscape.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, Meta{}, fmt.Errorf("cached %s is damaged (%v); run cnl update", RawFile, err)
	}
	meta := Meta{Source: s.path(RawFile) + " (index rebuilt)"}
	if fi, err := os.Stat(s.path(RawFile)); err == nil {
		meta.FetchedAt = fi.ModTime().UTC()
	}
	if gh, ok := s.readGitHub(); ok {
		x.JoinGitHub(gh)
		meta.GitHub = &GitHubMeta{Source: s.path(GitHubFile) + " (index rebuilt)", GeneratedAt: gh.GeneratedAt(), Repositories: len(gh), Joined: joined(x)}
	}
	meta.fill(raw, x)
	if b, err := EncodeIndex(x, meta); err == nil {
		s.saveRebuilt(raw, b)
	}
	return x, meta, nil
}

// saveRebuilt writes a rebuilt index, best effort: a reader that cannot
// write still gets its answer. It takes the writers' lock (held for a fraction
// of a second by an update) and writes only if the raw file is still the one
// parsed, so it never puts an index of old data over a newer update.
func (s *Store) saveRebuilt(raw, index []byte) {
	unlock, err := s.Lock()
	if err != nil {
		return
	}
	defer unlock()
	if now, err := os.ReadFile(s.path(RawFile)); err == nil && bytes.Equal(now, raw) {
		_ = writeFileAtomic(s.path(IndexFile), index)
	}
}

func (m *Meta) fill(raw []byte, x *landscape.Index) {
	sum := sha256.Sum256(raw)
	m.SHA256 = hex.EncodeToString(sum[:])
	m.Size = int64(len(raw))
	m.Items = x.Len()
	m.Categories = len(x.Categories)
}

// readGitHub reads the cached GitHub facts; a missing or damaged file is
// no facts, never an error.
func (s *Store) readGitHub() (landscape.GitHubData, bool) {
	b, err := os.ReadFile(s.path(GitHubFile))
	if err != nil {
		return nil, false
	}
	var gh landscape.GitHubData
	if json.Unmarshal(b, &gh) != nil {
		return nil, false
	}
	return gh, true
}

func joined(x *landscape.Index) int {
	n := 0
	for i := range x.Len() {
		if x.Item(i).GitHub != nil {
			n++
		}
	}
	return n
}

// Save validates raw by parsing it, then replaces the cached data with it,
// joined with the GitHub facts the cache holds. Files are written to
// temporary files, synced and renamed into place, raw file first: a reader
// sees the old index or the new one, never a mix, and a crash at any point
// leaves a cache that loads.
func (s *Store) Save(raw []byte, meta Meta) (*landscape.Index, Meta, error) {
	return s.save(raw, nil, meta)
}

// SaveGitHub replaces the cached GitHub facts and recompiles the index of
// the cached landscape with them.
func (s *Store) SaveGitHub(gh landscape.GitHubData, ghMeta GitHubMeta) (Meta, error) {
	raw, err := os.ReadFile(s.path(RawFile))
	if err != nil {
		return Meta{}, ErrNoData
	}
	_, old, err := s.Load()
	if err != nil {
		return Meta{}, err
	}
	old.GitHub = &ghMeta
	_, meta, err := s.save(raw, gh, old)
	return meta, err
}

// save is Save with, when gh is not nil, new GitHub facts to keep.
func (s *Store) save(raw []byte, gh landscape.GitHubData, meta Meta) (*landscape.Index, Meta, error) {
	x, err := landscape.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, meta, err
	}
	var ghJSON []byte
	if gh != nil {
		if ghJSON, err = json.Marshal(gh); err != nil {
			return nil, meta, err
		}
	} else if cached, ok := s.readGitHub(); ok {
		gh = cached
		if meta.GitHub == nil {
			if _, old, err := s.Load(); err == nil {
				meta.GitHub = old.GitHub
			}
		}
	}
	x.JoinGitHub(gh)
	if meta.GitHub != nil {
		meta.GitHub.Repositories, meta.GitHub.Joined = len(gh), joined(x)
		if meta.GitHub.GeneratedAt.IsZero() {
			meta.GitHub.GeneratedAt = gh.GeneratedAt()
		}
	}
	meta.fill(raw, x)
	b, err := EncodeIndex(x, meta)
	if err != nil {
		return nil, meta, err
	}
	unlock, err := s.Lock()
	if err != nil {
		return nil, meta, err
	}
	defer unlock()
	s.removeTemporaries()
	// Keep the data being replaced, when it differs, for cnl diff.
	if old, err := os.ReadFile(s.path(RawFile)); err == nil && !bytes.Equal(old, raw) {
		if err := writeFileAtomic(s.path(PrevFile), old); err != nil {
			return nil, meta, err
		}
	}
	if err := writeFileAtomic(s.path(RawFile), raw); err != nil {
		return nil, meta, err
	}
	if ghJSON != nil {
		if err := writeFileAtomic(s.path(GitHubFile), ghJSON); err != nil {
			return nil, meta, err
		}
	}
	if err := writeFileAtomic(s.path(IndexFile), b); err != nil {
		return nil, meta, err
	}
	return x, meta, nil
}

// removeTemporaries deletes what writers killed mid-save left behind. Only
// a writer holding the lock calls it, so no temporary file is in use.
func (s *Store) removeTemporaries() {
	leftovers, _ := filepath.Glob(filepath.Join(s.Dir, ".*.tmp"))
	for _, f := range leftovers {
		os.Remove(f)
	}
}

// Lock takes the writers' lock of the cache directory, creating the
// directory (0700) if needed. Readers never take it: they rely on renames.
func (s *Store) Lock() (unlock func(), err error) {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create cache directory: %w", err)
	}
	// lockedfile creates the file 0666 (less umask); create it private first.
	if f, err := os.OpenFile(s.path(lockFile), os.O_RDWR|os.O_CREATE, 0o600); err == nil {
		f.Close()
	}
	mu := lockedfile.MutexAt(s.path(lockFile))
	return mu.Lock()
}

// writeFileAtomic writes data to a temporary file beside name, syncs it and
// renames it over name, so name holds either the old bytes or the new ones.
func writeFileAtomic(name string, data []byte) (err error) {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), name); err != nil {
		return err
	}
	// Sync the directory so the rename itself survives a power cut.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
