package cache

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
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

func newStore(t *testing.T) *Store {
	t.Helper()
	return &Store{Dir: filepath.Join(t.TempDir(), "cache")}
}

func mustSave(t *testing.T, s *Store, raw string) {
	t.Helper()
	if _, _, err := s.Save([]byte(raw), Meta{Source: "test", FetchedAt: time.Now()}); err != nil {
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

func TestEmptyCache(t *testing.T) {
	if _, _, err := newStore(t).Load(); !errors.Is(err, ErrNoData) {
		t.Errorf("err = %v, want ErrNoData", err)
	}
}

func TestSaveRefusesInvalidData(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	// A billion laughs: each level holds nine of the level before.
	bomb := "landscape:\n  - name: A\n    subcategories:\n      - name: B\n        items:\n          - name: x\n            a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
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
		if _, _, err := s.Save([]byte(bad), Meta{}); err == nil {
			t.Errorf("saved %q", bad)
		}
		if got := firstName(t, s); got != "containerd" {
			t.Errorf("after a refused save the cache answers %q", got)
		}
	}
}

func TestDamagedIndexIsRebuilt(t *testing.T) {
	for name, damage := range map[string]func(string){
		"missing":   func(p string) { os.Remove(p) },
		"truncated": func(p string) { b, _ := os.ReadFile(p); os.WriteFile(p, b[:len(b)/2], 0o600) },
		"garbage":   func(p string) { os.WriteFile(p, []byte("garbage"), 0o600) },
		"old version": func(p string) {
			b, _ := os.ReadFile(p)
			b[6] = 0
			os.WriteFile(p, b, 0o600)
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := newStore(t)
			mustSave(t, s, validYAML)
			damage(filepath.Join(s.Dir, IndexFile))
			if got := firstName(t, s); got != "containerd" {
				t.Errorf("got %q", got)
			}
			// The rebuilt index was written back and decodes on its own.
			b, _ := os.ReadFile(filepath.Join(s.Dir, IndexFile))
			if _, _, err := DecodeIndex(b); err != nil {
				t.Errorf("rebuilt index: %v", err)
			}
		})
	}
}

func TestDamagedRawWithoutIndexSaysUpdate(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	os.Remove(filepath.Join(s.Dir, IndexFile))
	os.WriteFile(filepath.Join(s.Dir, RawFile), []byte("landscape: [\n"), 0o600)
	_, _, err := s.Load()
	if err == nil || !strings.Contains(err.Error(), "run cnl update") {
		t.Errorf("err = %v", err)
	}
}

// A symlink planted in the cache is replaced by the save, never written
// through: cnl writes nothing outside its cache directory.
func TestSymlinkInCacheIsNotFollowed(t *testing.T) {
	s := newStore(t)
	os.MkdirAll(s.Dir, 0o700)
	outside := filepath.Join(t.TempDir(), "precious.txt")
	os.WriteFile(outside, []byte("keep me"), 0o600)
	for _, name := range []string{RawFile, IndexFile, PrevFile} {
		os.Symlink(outside, filepath.Join(s.Dir, name))
	}
	mustSave(t, s, validYAML)
	mustSave(t, s, otherYAML)
	if b, _ := os.ReadFile(outside); string(b) != "keep me" {
		t.Errorf("a save wrote through a symlink: %q", b)
	}
	for _, name := range []string{RawFile, IndexFile} {
		if fi, err := os.Lstat(filepath.Join(s.Dir, name)); err != nil || fi.Mode()&os.ModeSymlink != 0 {
			t.Errorf("%s is still a symlink", name)
		}
	}
}

func TestPermissions(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	fi, err := os.Stat(s.Dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("cache dir mode = %v, %v; want 0700", fi.Mode().Perm(), err)
	}
	for _, f := range []string{RawFile, IndexFile, lockFile} {
		fi, err := os.Stat(filepath.Join(s.Dir, f))
		if err != nil || fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s mode = %v, %v; want private", f, fi.Mode().Perm(), err)
		}
	}
}

// server serves body with an ETag and answers If-None-Match with 304.
func server(t *testing.T, body *atomic.Value, hits *atomic.Int32) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
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
	return srv
}

func TestUpdateConditionalGet(t *testing.T) {
	var body atomic.Value
	var hits atomic.Int32
	body.Store(validYAML)
	srv := server(t, &body, &hits)
	s := newStore(t)
	f := &Fetcher{}
	res, err := s.Update(context.Background(), f, []string{srv.URL}, false)
	if err != nil || res.NotModified || res.Meta.Items != 1 || res.Meta.ETag == "" {
		t.Fatalf("first update: %+v, %v", res, err)
	}
	res, err = s.Update(context.Background(), f, []string{srv.URL}, false)
	if err != nil || !res.NotModified {
		t.Errorf("second update should be 304: %+v, %v", res, err)
	}
	body.Store(otherYAML)
	if _, err = s.Update(context.Background(), f, []string{srv.URL}, false); err != nil {
		t.Fatal(err)
	}
	if got := firstName(t, s); got != "CRI-O" {
		t.Errorf("after a change the cache answers %q", got)
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
		for range 200 { // 2 MB against a 1 MB limit, no Content-Length
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	s := newStore(t)
	f := &Fetcher{MaxSize: 1 << 20, Backoff: time.Millisecond}
	if _, err := s.Update(context.Background(), f, []string{srv.URL + "/ok"}, false); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(s.Dir, IndexFile))
	for path, want := range map[string]string{
		"/500":        "500",
		"/garbage":    "not a valid landscape file",
		"/html":       "got an HTML page",
		"/truncated":  "cut short",
		"/big-header": "limit",
		"/big-stream": "limit",
	} {
		_, err := s.Update(context.Background(), f, []string{srv.URL + path}, true)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), srv.URL+path) {
			t.Errorf("%s: err = %v, want it to name the URL and %q", path, err, want)
		}
		after, _ := os.ReadFile(filepath.Join(s.Dir, IndexFile))
		if string(after) != string(before) {
			t.Errorf("%s: the index changed", path)
		}
		if got := firstName(t, s); got != "containerd" {
			t.Errorf("%s: cache answers %q", path, got)
		}
	}
}

func TestUpdateFallsBackToMirror(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/primary", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 503) })
	mux.HandleFunc("/mirror", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, validYAML) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s := newStore(t)
	res, err := s.Update(context.Background(), &Fetcher{Backoff: time.Millisecond}, []string{srv.URL + "/primary", srv.URL + "/mirror"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Meta.Source != srv.URL+"/mirror" || len(res.Failed) != 1 {
		t.Errorf("res = %+v", res)
	}
}

func TestSources(t *testing.T) {
	if got := Sources(""); len(got) != 2 || got[0] != DefaultURL || got[1] != MirrorURL {
		t.Errorf("default sources = %v", got)
	}
	if got := Sources("http://127.0.0.1/x.yml"); len(got) != 1 {
		t.Errorf("an explicit URL is used alone: %v", got)
	}
}

func TestDirFromEnv(t *testing.T) {
	t.Setenv("CNL_CACHE_DIR", "/tmp/a")
	t.Setenv("XDG_CACHE_HOME", "/tmp/xdg")
	if d, _ := DirFromEnv(); d != "/tmp/a" {
		t.Errorf("CNL_CACHE_DIR first: %s", d)
	}
	t.Setenv("CNL_CACHE_DIR", "")
	if d, _ := DirFromEnv(); d != filepath.Join("/tmp/xdg", "cnl") {
		t.Errorf("then XDG_CACHE_HOME: %s", d)
	}
}

// A damaged item record is caught by its own checksum when the item is
// read, and the item comes from the raw file instead, whole.
func TestDamagedRecordIsRebuilt(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, validYAML)
	p := filepath.Join(s.Dir, IndexFile)
	b, _ := os.ReadFile(p)
	b[len(b)-2] ^= 0xff // the last bytes are the last item's record
	os.WriteFile(p, b, 0o600)
	x, _, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if it := x.Item(0); it.Name != "containerd" || it.HomepageURL != "https://containerd.io/" || it.Logo != "containerd.svg" {
		t.Errorf("item from a damaged record: %+v", it)
	}
	b, _ = os.ReadFile(p)
	if _, _, err := DecodeIndex(b); err != nil {
		t.Errorf("the index was not rebuilt: %v", err)
	}
}
