package cache

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cnl-dev/cnl/cache/snapshot"
)

const validYAML = `landscape:
  - category:
    name: Runtime
    subcategories:
      - subcategory:
        name: Container Runtime
        items:
          - item:
            name: containerd
            homepage_url: https://containerd.io/
            logo: containerd.svg
            project: graduated
`

const otherYAML = `landscape:
  - category:
    name: Runtime
    subcategories:
      - subcategory:
        name: Container Runtime
        items:
          - item:
            name: CRI-O
            homepage_url: https://cri-o.io/
            logo: crio.svg
`

// manyYAML is a landscape of n items in two categories.
func manyYAML(n int) string {
	var b strings.Builder
	b.WriteString("landscape:\n")
	for c := range 2 {
		fmt.Fprintf(&b, "  - category:\n    name: Cat%d\n    subcategories:\n      - subcategory:\n        name: Sub\n        items:\n", c)
		for i := range n / 2 {
			fmt.Fprintf(&b, "          - item:\n            name: item-%d-%d\n            homepage_url: https://example.org/%d/%d\n            logo: x.svg\n", c, i, c, i)
		}
	}
	return b.String()
}

// testStore is an empty store and the configuration that names it; the
// landscape's site is base (which may be unreachable).
func testStore(t *testing.T, base string) (*Store, Config) {
	t.Helper()
	c := Config{Root: filepath.Join(t.TempDir(), "cache"), Landscape: Landscape{Key: "test", Foundation: "Test", BaseURL: base},
		Timeout: 10 * time.Second, UserAgent: "cnl-test"}
	// Retries wait a millisecond, not the real second: the tests check
	// what is retried, not the clock.
	c.Fetcher = &Fetcher{Client: NewClient(c.Timeout), UserAgent: c.UserAgent, Backoff: time.Millisecond}
	return Open(c), c
}

func newStore(t *testing.T) *Store {
	s, _ := testStore(t, "http://127.0.0.1:1")
	return s
}

// save puts raw into the store as data at hand.
func save(s *Store, raw string) (UpdateResult, error) {
	c := Config{Root: filepath.Dir(s.Dir), Landscape: Landscape{Key: filepath.Base(s.Dir)}, Timeout: time.Second}
	return s.Update(context.Background(), c, UpdateOptions{Data: []byte(raw), Source: "test", FetchedAt: time.Now()})
}

func mustSave(t *testing.T, s *Store, raw string) {
	t.Helper()
	if _, err := save(s, raw); err != nil {
		t.Fatal(err)
	}
}

func firstName(t *testing.T, s *Store) string {
	t.Helper()
	x, _, err := s.Load()
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return x.Item(0).Name
}

// generationFile is a file of the store's current generation.
func generationFile(t *testing.T, s *Store, name string) string {
	t.Helper()
	m, err := s.Meta()
	if err != nil {
		t.Fatal(err)
	}
	return s.path(m.Generation, name)
}

func TestEmptyCache(t *testing.T) {
	if _, _, err := newStore(t).Load(); !errors.Is(err, ErrNoData) {
		t.Errorf("err = %v, want ErrNoData", err)
	}
}

func TestSaveRefusesInvalidData(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	// A billion laughs: each level holds nine of the level before.
	bomb := "landscape:\n  - name: A\n    subcategories:\n      - name: B\n        items:\n          - name: x\n            homepage_url: h\n            logo: l\n            a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i < 10; i++ {
		prev := fmt.Sprintf("*a%d", i-1)
		bomb += fmt.Sprintf("            a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(prev+", ", 9), ", "))
	}
	hostile := []string{
		bomb,
		"landscape:\n  - name: A\n    subcategories:\n      - name: B\n        items:\n          - name: x\n            deep: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n",
		"landscape:\n  - name: A\n    subcategories:\n      - name: B\n        items:\n          - name: x\n            name: y\n",
		"landscape:\n  - name: \"caf\xe9\"\n",
	}
	for _, bad := range append([]string{"", "not: [yaml", "<html>error</html>", "landscape: []"}, hostile...) {
		if _, err := save(s, bad); err == nil {
			t.Errorf("saved %q", bad)
		}
		if got := firstName(t, s); got != "containerd" {
			t.Errorf("after a refused save the cache answers %q", got)
		}
	}
}

// An update is refused when the data lacks what the reference requires,
// naming the line, or would lose most of the landscape or a category; the
// cache answers as before, and --force takes it anyway.
func TestUpdateRefusesWhatWouldEmptyTheLandscape(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, manyYAML(40))
	noLogo := strings.Replace(manyYAML(40), "            logo: x.svg\n", "", 1)
	for name, tc := range map[string]struct{ raw, want string }{
		"missing logo":     {noLogo, `line 8: item "item-0-0" has no logo`},
		"one item":         {validYAML, "the new data has 1 items where the cache holds 40"},
		"cut at an item":   {manyYAML(40)[:strings.Index(manyYAML(40), "          - item:\n            name: item-0-10\n")], "the new data has 10 items where the cache holds 40"},
		"category dropped": {strings.Replace(strings.ReplaceAll(manyYAML(40), "item-1-", "other-"), "name: Cat1", "name: Other", 1), `it drops the categories "Cat1" (20 of its 20 items)`},
	} {
		_, err := save(s, tc.raw)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
		if m, _ := s.Meta(); m.Items != 40 {
			t.Errorf("%s: the cache now holds %d items", name, m.Items)
		}
	}
	c := Config{Root: filepath.Dir(s.Dir), Landscape: Landscape{Key: "test"}, Timeout: time.Second}
	res, err := s.Update(context.Background(), c, UpdateOptions{Data: []byte(validYAML), Source: "forced", Force: true})
	if err != nil || res.Replaced != "40 items in 2 categories replaced by 1 items in 1 categories" || firstName(t, s) != "containerd" {
		t.Errorf("--force: %q, %v", res.Replaced, err)
	}
	// A reorganisation moves items to new categories: that is no loss.
	if _, err := s.Update(context.Background(), c, UpdateOptions{Data: []byte(manyYAML(40)), Source: "forced", Force: true}); err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(manyYAML(40), "name: Cat1", "name: Renamed", 1)
	if _, err := save(s, moved); err != nil {
		t.Errorf("--force: %q, %v", res.Replaced, err)
	}
}

func TestDamagedIndexIsRebuiltKeepingTheMetadata(t *testing.T) {
	for name, damage := range map[string]func(string){
		"missing":   func(p string) { os.Remove(p) },
		"truncated": func(p string) { b, _ := os.ReadFile(p); os.Remove(p); os.WriteFile(p, b[:len(b)/2], 0o600) },
		"garbage":   func(p string) { os.Remove(p); os.WriteFile(p, []byte("garbage"), 0o600) },
		"old version": func(p string) {
			b, _ := os.ReadFile(p)
			b[6] = 0
			os.Remove(p)
			os.WriteFile(p, b, 0o600)
		},
		"a directory": func(p string) { os.Remove(p); os.Mkdir(p, 0o700) },
	} {
		t.Run(name, func(t *testing.T) {
			s, c, _ := servedStore(t)
			if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
				t.Fatal(err)
			}
			before, _ := s.Meta()
			damage(generationFile(t, s, IndexFile))
			if got := firstName(t, s); got != "containerd" {
				t.Errorf("got %q", got)
			}
			after, _ := s.Meta()
			if after.ETag == "" || after.ETag != before.ETag || after.Source != before.Source {
				t.Errorf("the rebuild lost the metadata: %+v", after)
			}
			if name != "a directory" {
				b, _ := os.ReadFile(generationFile(t, s, IndexFile))
				if _, _, err := DecodeIndex(b); err != nil {
					t.Errorf("rebuilt index: %v", err)
				}
			}
			// And the next update is still conditional.
			if res, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil || !res.NotModified {
				t.Errorf("after a rebuild the update is not conditional: %+v, %v", res.NotModified, err)
			}
		})
	}
}

// A bit flipped in the body of a mapped index is found by the first read
// of its block, not at open (which checks only the head): the read ends the
// command through Guard with an error, the file is set aside, and the next
// load rebuilds it. Read into memory, the index is checked whole at once.
func TestDamagedBlockIsFoundWhereItIsRead(t *testing.T) {
	flip := func(t *testing.T, s *Store) {
		p := generationFile(t, s, IndexFile)
		b, _ := os.ReadFile(p)
		body := headerSize + binary.LittleEndian.Uint64(b[16:])
		b[body+fName*8] ^= 0x40 // the first row's name offset
		os.Remove(p)
		os.WriteFile(p, b, 0o600)
	}
	s, c, _ := servedStore(t)
	if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	flip(t, s)
	x, _, err := s.Load()
	if err != nil {
		t.Fatalf("open checks the head only: %v", err)
	}
	var name string
	err = Guard(func() error { name = x.Summary(0).Name; return nil })
	var damaged *DamagedIndexError
	if !errors.As(err, &damaged) || !errors.Is(err, ErrBadIndex) || name != "" {
		t.Fatalf("reading a damaged block: %q, %v", name, err)
	}
	if _, err := os.Stat(damaged.Path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the damaged index is still there: %v", err)
	}
	if got := firstName(t, s); got != "containerd" {
		t.Errorf("after the rebuild: %q", got)
	}

	flip(t, s)
	s.inMemory = true
	if got := firstName(t, s); got != "containerd" {
		t.Errorf("in memory: %q", got)
	}
}

func TestDamagedDataWithoutIndexSaysUpdate(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	os.Remove(generationFile(t, s, IndexFile))
	p := generationFile(t, s, DataFile)
	os.Remove(p)
	os.WriteFile(p, []byte("landscape: [\n"), 0o600)
	_, _, err := s.Load()
	var data *CachedDataError
	if !errors.As(err, &data) || !data.Damaged {
		t.Errorf("err = %v, want a damaged CachedDataError", err)
	}
}

// Reading the metadata (cnl version, cnl cache, completion) never parses
// the data and never writes, even with a damaged index.
func TestMetaReadsOnlyTheManifest(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	idx := generationFile(t, s, IndexFile)
	os.WriteFile(idx, []byte("garbage"), 0o600)
	fi, _ := os.Stat(idx)
	m, err := s.Meta()
	if err != nil || m.Items != 1 || m.Source != "test" {
		t.Fatalf("meta = %+v, %v", m, err)
	}
	if after, _ := os.Stat(idx); after.Size() != fi.Size() || !after.ModTime().Equal(fi.ModTime()) {
		t.Error("reading the metadata wrote the index")
	}
}

// A symlink planted in the cache is never read through and never written
// through: cnl writes nothing outside its cache directory.
func TestSymlinksInTheCache(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	outside := filepath.Join(t.TempDir(), "precious.txt")
	os.WriteFile(outside, []byte("keep me"), 0o600)
	manifest := s.path(manifestFile)
	saved, _ := os.ReadFile(manifest)
	os.Remove(manifest)
	os.Symlink(outside, manifest)
	if _, _, err := s.Load(); err == nil {
		t.Error("a manifest that is a symlink was read")
	}
	os.Remove(manifest)
	os.WriteFile(manifest, saved, 0o600)
	data := generationFile(t, s, DataFile)
	os.Remove(data)
	os.Symlink("/etc/passwd", data)
	if _, err := s.Current(); err == nil {
		t.Error("a data file that is a symlink was read")
	}
	os.Remove(manifest)
	os.Symlink(outside, manifest)
	mustSave(t, s, otherYAML)
	if b, _ := os.ReadFile(outside); string(b) != "keep me" {
		t.Errorf("a save wrote through a symlink: %q", b)
	}
	if fi, err := os.Lstat(manifest); err != nil || fi.Mode()&os.ModeSymlink != 0 {
		t.Error("the manifest is still a symlink")
	}
}

func TestPermissions(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	for _, d := range []string{s.Dir, filepath.Dir(generationFile(t, s, DataFile))} {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s mode = %v, %v; want 0700", d, fi.Mode().Perm(), err)
		}
	}
	for _, f := range []string{generationFile(t, s, DataFile), generationFile(t, s, IndexFile), s.path(lockFile), s.path(manifestFile)} {
		fi, err := os.Stat(f)
		if err != nil || fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s mode = %v, %v; want private", f, fi.Mode().Perm(), err)
		}
	}
}

// servedStore is a store whose data comes from a server that serves body
// (validYAML until the test stores another) with an ETag, and answers
// If-None-Match with 304.
func servedStore(t *testing.T) (*Store, Config, *atomic.Value) {
	t.Helper()
	body := new(atomic.Value)
	body.Store(validYAML)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := body.Load().(string)
		etag := fmt.Sprintf(`"%x"`, len(b))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		fmt.Fprint(w, b)
	}))
	t.Cleanup(srv.Close)
	s, c := testStore(t, srv.URL)
	c.DataURL = srv.URL
	return s, c, body
}

func TestUpdateConditionalGet(t *testing.T) {
	s, c, body := servedStore(t)
	res, err := s.Update(context.Background(), c, UpdateOptions{})
	if err != nil || res.NotModified || res.Meta.Items != 1 || res.Meta.ETag == "" || res.Old != nil {
		t.Fatalf("first update: %+v, %v", res, err)
	}
	res, err = s.Update(context.Background(), c, UpdateOptions{})
	if err != nil || !res.NotModified || res.DataChanged {
		t.Errorf("second update should be 304: %+v, %v", res, err)
	}
	body.Store(otherYAML)
	res, err = s.Update(context.Background(), c, UpdateOptions{})
	if err != nil || !res.DataChanged || res.Old.Item(0).Name != "containerd" || res.New.Item(0).Name != "CRI-O" {
		t.Fatalf("a change: %+v, %v", res, err)
	}
	if got := firstName(t, s); got != "CRI-O" {
		t.Errorf("after a change the cache answers %q", got)
	}
	if prev, err := s.Previous(); err != nil || prev.Item(0).Name != "containerd" {
		t.Errorf("previous = %v, %v", prev, err)
	}
}

// A 304 is success only when the cache holds the copy it refers to.
func TestNotModifiedToAnEmptyCacheIsAFailure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) }))
	defer srv.Close()
	s, c := testStore(t, srv.URL)
	c.DataURL = srv.URL
	_, err := s.Update(context.Background(), c, UpdateOptions{})
	if err == nil || !strings.Contains(err.Error(), "the cache holds nothing") {
		t.Errorf("err = %v", err)
	}
	if _, err := s.Meta(); !errors.Is(err, ErrNoData) {
		t.Errorf("the cache is not empty: %v", err)
	}
}

func TestUpdateFailuresKeepTheCache(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, validYAML) })
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) })
	mux.HandleFunc("/garbage", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "\x00\x01 not yaml {{{") })
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<!DOCTYPE html><html>landing page</html>")
	})
	mux.HandleFunc("/truncated", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(otherYAML)))
		fmt.Fprint(w, otherYAML[:len(otherYAML)/2])
	})
	mux.HandleFunc("/big-header", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(1<<30))
		w.WriteHeader(200)
	})
	mux.HandleFunc("/big-stream", func(w http.ResponseWriter, r *http.Request) {
		chunk := strings.Repeat("# padding\n", 1000)
		for range 4000 { // 40 MB against a 32 MiB limit, no Content-Length
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	s, c := testStore(t, srv.URL)
	c.DataURL = srv.URL + "/ok"
	if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Meta()
	for path, want := range map[string]string{
		"/500":        "500",
		"/garbage":    "not a valid landscape file",
		"/html":       "got an HTML page",
		"/truncated":  "cut short",
		"/big-header": "limit",
		"/big-stream": "limit",
	} {
		c.DataURL = srv.URL + path
		_, err := s.Update(context.Background(), c, UpdateOptions{Force: true})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), srv.URL+path) {
			t.Errorf("%s: err = %v, want it to name the URL and %q", path, err, want)
		}
		if after, _ := s.Meta(); after.Generation != before.Generation {
			t.Errorf("%s: the cache changed", path)
		}
		if got := firstName(t, s); got != "containerd" {
			t.Errorf("%s: cache answers %q", path, got)
		}
	}
}

func TestUpdateFallsBackToMirror(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/site/sources/data.yml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) })
	mux.HandleFunc("/mirror", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, validYAML) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s, c := testStore(t, srv.URL+"/site")
	c.Landscape.Mirror = srv.URL + "/mirror"
	c.NoGitHub = true
	res, err := s.Update(context.Background(), c, UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Meta.Source != srv.URL+"/mirror" || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "503") {
		t.Errorf("res = %+v", res)
	}
}

func TestSources(t *testing.T) {
	c, err := Resolve(Flags{}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	got := c.DataSources()
	if len(got) != 2 || got[0] != "https://landscape.cncf.io/sources/data.yml" || got[1] != "https://raw.githubusercontent.com/cncf/landscape/HEAD/landscape.yml" {
		t.Errorf("default sources = %v", got)
	}
	if u, _ := c.FactsURL(); u != "https://landscape.cncf.io/data/full.json" {
		t.Errorf("facts from %q", u)
	}
	c.DataURL = "http://127.0.0.1/x.yml"
	if got := c.DataSources(); len(got) != 1 {
		t.Errorf("an explicit URL is used alone: %v", got)
	}
	if u, why := c.FactsURL(); u != "" || why != SkipDataURL {
		t.Errorf("facts with --url: %q (%v)", u, why)
	}
}

func TestResolve(t *testing.T) {
	env := map[string]string{"CNL_CACHE_DIR": "/tmp/a", "XDG_CACHE_HOME": "/tmp/xdg", "CNL_LANDSCAPE": "lfai"}
	getenv := func(k string) string { return env[k] }
	c, err := Resolve(Flags{}, getenv)
	if err != nil || c.Root != "/tmp/a" || c.Landscape.Key != "lfai" || c.Dir() != filepath.Join("/tmp/a", "lfai") {
		t.Errorf("from the environment: %+v, %v", c, err)
	}
	c, _ = Resolve(Flags{CacheDir: "/tmp/flag", Landscape: "https://landscape.example.org/"}, getenv)
	if c.Root != "/tmp/flag" || !strings.HasPrefix(c.Landscape.Key, "landscape.example.org-") || c.Landscape.DataURL() != "https://landscape.example.org/sources/data.yml" {
		t.Errorf("flags first: %+v", c)
	}
	delete(env, "CNL_CACHE_DIR")
	if c, _ := Resolve(Flags{}, getenv); c.Root != filepath.Join("/tmp/xdg", "cnl") {
		t.Errorf("then XDG_CACHE_HOME: %s", c.Root)
	}
	if _, err := Resolve(Flags{Landscape: "nosuch"}, getenv); err == nil || !strings.Contains(err.Error(), "cncf") {
		t.Errorf("an unknown landscape: %v", err)
	}
}

// A damaged item record is caught by its own checksum when the item is
// read, and the item comes from the data file instead, whole.
func TestDamagedRecordIsRebuilt(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	p := generationFile(t, s, IndexFile)
	b, _ := os.ReadFile(p)
	b[len(b)-2] ^= 0xff // the last bytes are the last item's record
	os.Remove(p)
	os.WriteFile(p, b, 0o600)
	x, _, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if it := x.Item(0); it.Name != "containerd" || it.HomepageURL != "https://containerd.io/" || it.Logo != "containerd.svg" {
		t.Errorf("item from a damaged record: %+v", it)
	}
}

// Generations: an update writes a new one and keeps the previous data for
// diff; older ones, and what a killed writer left, are removed.
func TestGenerations(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	os.Mkdir(s.path("gen-leftover"), 0o700)
	os.WriteFile(s.path(".current.json.123.tmp"), []byte("x"), 0o600)
	mustSave(t, s, otherYAML)
	mustSave(t, s, validYAML+"            description: a third\n")
	m, _ := s.Meta()
	entries, _ := os.ReadDir(s.Dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(entries) != 4 { // .lock, current.json, the current and the previous generation
		t.Errorf("the directory holds %v", names)
	}
	if prev, err := s.Previous(); err != nil || prev.Item(0).Name != "CRI-O" || m.Previous == "" {
		t.Errorf("previous = %v, %v", prev, err)
	}
	var fromJSON Meta
	b, _ := os.ReadFile(s.path(manifestFile))
	if err := json.Unmarshal(b, &fromJSON); err != nil || fromJSON.Generation != m.Generation {
		t.Errorf("manifest: %s", b)
	}
}

// Why an update fetched no facts names what the user asked for first:
// --no-github with a local file says --no-github, not "a local file".
func TestFactsSkippedSaysWhy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "landscape.yml")
	if err := os.WriteFile(path, []byte(validYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		noGitHub bool
		want     FactsSkip
	}{{true, SkipAsked}, {false, SkipLocalFile}} {
		s, c := testStore(t, "http://127.0.0.1:1")
		c.NoGitHub = tc.noGitHub
		res, err := s.Update(context.Background(), c, UpdateOptions{File: path})
		if err != nil || res.Facts.Skipped != tc.want {
			t.Errorf("--no-github %v: %v, skipped %v, want %v", tc.noGitHub, err, res.Facts.Skipped, tc.want)
		}
	}
}

// A 304 with nothing else changed parses nothing and writes nothing (the
// cached data file is not even read: garbage there goes unnoticed), and
// removes what a killed update left behind.
func TestNotModifiedParsesAndWritesNothing(t *testing.T) {
	s, c, _ := servedStore(t)
	if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	m, _ := s.Meta()
	manifest := s.path(manifestFile)
	before, _ := os.Stat(manifest)
	// What a killed update leaves: a half-written generation.
	leftover := s.path(genPrefix + "killed")
	if err := os.MkdirAll(leftover, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.path(m.Generation, DataFile), []byte("{{{ not yaml"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := s.Update(context.Background(), c, UpdateOptions{})
	if err != nil || !res.NotModified || res.DataChanged {
		t.Fatalf("304: %+v, %v", res, err)
	}
	if after, _ := os.Stat(manifest); !after.ModTime().Equal(before.ModTime()) {
		t.Error("a 304 rewrote the manifest")
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Error("a killed update's generation survived a 304")
	}
	if m2, _ := s.Meta(); m2.Generation != m.Generation {
		t.Errorf("a 304 made a generation: %s → %s", m.Generation, m2.Generation)
	}
}

// When the server's ETag changes but the bytes do not, the new ETag is
// kept (the manifest alone changes), so the next update is a 304 again.
func TestNewETagSameBytesIsKept(t *testing.T) {
	var etag atomic.Value
	etag.Store(`"one"`)
	var conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e := etag.Load().(string)
		if r.Header.Get("If-None-Match") == e {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", e)
		fmt.Fprint(w, validYAML)
	}))
	defer srv.Close()
	s, c := testStore(t, srv.URL)
	c.DataURL = srv.URL
	if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	gen := func() string { m, _ := s.Meta(); return m.Generation }
	first := gen()
	etag.Store(`"two"`)
	if res, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil || res.DataChanged {
		t.Fatalf("same bytes, new ETag: %+v %v", res, err)
	}
	if m, _ := s.Meta(); m.ETag != `"two"` || m.Generation != first {
		t.Errorf("manifest: ETag %s, generation %s (was %s)", m.ETag, m.Generation, first)
	}
	if res, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil || !res.NotModified || conditional.Load() != 1 {
		t.Errorf("the next update is not a 304: %+v %v (%d conditional hits)", res, err, conditional.Load())
	}
}

// A second update waits for the lock only as long as its time limit, and
// a reader that must rebuild an index never waits on it.
func TestLockWaitIsBounded(t *testing.T) {
	s, c, _ := servedStore(t)
	if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	unlock, err := s.lock(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	c.Timeout = 150 * time.Millisecond
	start := time.Now()
	_, err = s.Update(context.Background(), c, UpdateOptions{})
	var locked *LockedError
	if !errors.As(err, &locked) || time.Since(start) > 5*time.Second {
		t.Errorf("update under a held lock: %v after %v", err, time.Since(start))
	}
	// A missing index is rebuilt for the reader, without the lock.
	m, _ := s.Meta()
	os.Remove(s.path(m.Generation, IndexFile))
	start = time.Now()
	if x, _, err := s.Load(); err != nil || x.Len() != 1 || time.Since(start) > 5*time.Second {
		t.Errorf("a reader under a held lock: %v after %v", err, time.Since(start))
	}
}

// An update cancelled while it works commits nothing, even when all it
// fetched had arrived.
func TestCancelledUpdateCommitsNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, otherYAML)
		w.(http.Flusher).Flush()
		cancel() // Ctrl-C, once the data is in
	}))
	defer srv.Close()
	s, c := testStore(t, srv.URL)
	mustSave(t, s, validYAML)
	before, _ := s.Meta()
	c.DataURL = srv.URL
	if _, err := s.Update(ctx, c, UpdateOptions{}); err == nil {
		t.Fatal("a cancelled update succeeded")
	}
	if after, _ := s.Meta(); after.Generation != before.Generation || firstName(t, s) != "containerd" {
		t.Errorf("a cancelled update changed the cache: %s → %s", before.Generation, after.Generation)
	}
}

// Cache keys of sites are one per URL: URLs that a plain slug would merge
// get directories of their own, none is a known landscape's or the root,
// and the same site written otherwise (case, a trailing slash) is the same.
func TestSiteKeysAreInjective(t *testing.T) {
	seen := map[string]string{}
	for _, raw := range []string{"http://cncf", "http://a/b", "http://a-b", "http://a:8080", "http://a/8080", "http://-/",
		"https://landscape.example.org", "http://landscape.example.org", "https://landscape.example.org/x", "http://.", "http://a.b/c.d"} {
		l, err := FindLandscape(raw)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if prev, dup := seen[l.Key]; dup {
			t.Errorf("%s and %s share the key %q", prev, raw, l.Key)
		}
		seen[l.Key] = raw
		if slices.ContainsFunc(Known, func(k Landscape) bool { return k.Key == l.Key }) || l.Key == "" || strings.ContainsAny(l.Key, "/\\") || strings.Trim(l.Key, ".") == "" {
			t.Errorf("%s: key %q", raw, l.Key)
		}
	}
	a, _ := FindLandscape("https://Landscape.Example.org/")
	b, _ := FindLandscape("https://landscape.example.org")
	if a.Key != b.Key {
		t.Errorf("the same site: %q and %q", a.Key, b.Key)
	}
}

// Credentials in a URL are shown and stored as ***.
func TestCredentialsAreRedacted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			http.Error(w, "nope", http.StatusNotFound)
			return
		}
		fmt.Fprint(w, validYAML)
	}))
	defer srv.Close()
	s, c := testStore(t, srv.URL)
	secret := strings.Replace(srv.URL, "http://", "http://user:s3cret-token@", 1)
	c.DataURL = secret + "/data.yml"
	res, err := s.Update(context.Background(), c, UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	manifest, _ := os.ReadFile(s.path(manifestFile))
	if strings.Contains(string(manifest), "s3cret") || strings.Contains(res.Meta.Source, "s3cret") || !strings.Contains(res.Meta.Source, "***@") {
		t.Errorf("stored: %s\n%s", res.Meta.Source, manifest)
	}
	c.DataURL = secret + "/bad"
	if _, err := s.Update(context.Background(), c, UpdateOptions{Force: true}); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error: %v", err)
	}
	if got := Redact("https://tok@h/x"); got != "https://***@h/x" {
		t.Errorf("Redact: %s", got)
	}
}

// The cached guide survives a site that answers its path with an HTML page
// (only a 404 says it is gone), and a guide cut to less than half its
// sections, unless --force.
func TestGuideIsKeptOnHTMLAndShrink(t *testing.T) {
	full := "categories:\n  - category: Runtime\n    content: one\n    subcategories:\n" +
		"      - subcategory: A\n        content: two\n      - subcategory: B\n        content: three\n      - subcategory: C\n        content: four\n"
	short := "categories:\n  - category: Runtime\n    content: one\n"
	var guide atomic.Value
	guide.Store(full)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/sources/data.yml":
			fmt.Fprint(w, validYAML)
		case "/sources/guide.yml":
			g := guide.Load().(string)
			if g == "404" {
				http.NotFound(w, r)
				return
			}
			fmt.Fprint(w, g)
		default:
			fmt.Fprint(w, "<!DOCTYPE html><html><body>home</body></html>")
		}
	}))
	defer srv.Close()
	s, c := testStore(t, srv.URL)
	c.NoGitHub = true
	sections := func() int {
		g, ok, err := s.Guide()
		if err != nil || !ok {
			return 0
		}
		return g.Sections()
	}
	if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil || sections() != 4 {
		t.Fatalf("first update: %v, %d sections", err, sections())
	}
	guide.Store("<!DOCTYPE html><html><body>home</body></html>")
	res, err := s.Update(context.Background(), c, UpdateOptions{Force: true})
	if err != nil || sections() != 4 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "HTML page") {
		t.Errorf("HTML for the guide: %v, %d sections, warnings %q", err, sections(), res.Warnings)
	}
	guide.Store(short)
	res, err = s.Update(context.Background(), c, UpdateOptions{})
	if err != nil || sections() != 4 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "explains 1 sections where the cached guide explains 4") {
		t.Errorf("a shrunken guide: %v, %d sections, warnings %q", err, sections(), res.Warnings)
	}
	if _, err := s.Update(context.Background(), c, UpdateOptions{Force: true}); err != nil || sections() != 1 {
		t.Errorf("--force takes the shrunken guide: %v, %d sections", err, sections())
	}
	guide.Store("404")
	if _, err := s.Update(context.Background(), c, UpdateOptions{Force: true}); err != nil || sections() != 0 {
		t.Errorf("a 404 says the guide is gone: %v, %d sections", err, sections())
	}
}

// A damaged manifest costs nothing: the newest generation answers,
// offline, and the next update writes a manifest again without deleting
// what the cache held.
func TestDamagedManifestIsRecovered(t *testing.T) {
	s, c, body := servedStore(t)
	if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	body.Store(otherYAML)
	if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	m, _ := s.Meta()
	if err := os.WriteFile(s.path(manifestFile), []byte("{\"generation\": 42"), 0o600); err != nil {
		t.Fatal(err)
	}
	x, got, err := s.Load()
	if err != nil || got.Generation != m.Generation || x.Item(0).Name != "CRI-O" || got.Items != 1 {
		t.Fatalf("a damaged manifest: %+v %v", got, err)
	}
	if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	after, err := s.Meta()
	if err != nil || after.Generation == "" {
		t.Fatalf("no manifest after an update: %v", err)
	}
	if _, err := os.Stat(s.path(m.Generation, DataFile)); err != nil {
		t.Errorf("the update deleted the generation it recovered: %v", err)
	}
	if x, _, err := s.Load(); err != nil || x.Item(0).Name != "CRI-O" {
		t.Errorf("after the update: %v", err)
	}
}

// A generation directory that is a symlink never takes a rebuilt index
// outside the cache.
func TestSymlinkedGenerationIsNotWrittenThrough(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	m, _ := s.Meta()
	elsewhere := t.TempDir()
	gen := s.path(m.Generation)
	for _, f := range []string{DataFile} {
		b, _ := os.ReadFile(filepath.Join(gen, f))
		os.WriteFile(filepath.Join(elsewhere, f), b, 0o600)
	}
	os.RemoveAll(gen)
	if err := os.Symlink(elsewhere, gen); err != nil {
		t.Skip("no symlinks here:", err)
	}
	s.Load()
	if _, err := os.Stat(filepath.Join(elsewhere, IndexFile)); err == nil {
		t.Error("a reader wrote index.bin through a symlinked generation, outside the cache")
	}
}

// The first update after the built-in snapshot, fetching the same bytes
// (a release ships the day's data), records where and when it got them
// and the server's validators: the next update is a 304, and the cache no
// longer says it holds "the built-in snapshot" of months ago.
func TestSameBytesAsTheSnapshotAreRecordedAsFetched(t *testing.T) {
	data, _, _, ok := snapshot.Files()
	if !ok {
		t.Fatal("this build carries no snapshot")
	}
	var conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(data)
	}))
	defer srv.Close()
	s := newStore(t)
	now := time.Date(2031, 3, 1, 12, 0, 0, 0, time.UTC)
	c := fetchConfig(s, srv.URL+"/landscape.yml", &Fetcher{Backoff: time.Millisecond})
	c.Now = func() time.Time { return now }
	if err := InstallSnapshot(context.Background(), s, c); err != nil {
		t.Fatal(err)
	}
	res, err := s.Update(context.Background(), c, UpdateOptions{})
	if err != nil || res.DataChanged {
		t.Fatalf("update: changed %v, %v", res.DataChanged, err)
	}
	m, _ := s.Meta()
	if m.Source != srv.URL+"/landscape.yml" || m.ETag != `"v1"` || !m.FetchedAt.Equal(now) {
		t.Errorf("after fetching the same bytes the cache says %s, %s, %s", m.Source, m.ETag, m.FetchedAt)
	}
	res, err = s.Update(context.Background(), c, UpdateOptions{})
	if err != nil || !res.NotModified || conditional.Load() != 1 {
		t.Errorf("the next update: not modified %v (%d conditional requests), %v", res.NotModified, conditional.Load(), err)
	}
}
