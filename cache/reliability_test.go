package cache

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/cnl-dev/cnl/landscape/search"
)

// fullDisk is a writer that fails as a full disk does once limit bytes
// have been written, or on the file named failOn.
type fullDisk struct {
	mu      sync.Mutex
	limit   int
	written int
	failOn  string
}

func (d *fullDisk) WriteFile(name string, data []byte) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.failOn != "" && strings.Contains(filepath.Base(name), d.failOn) || d.written+len(data) > d.limit {
		// A real full disk leaves a partial file behind: so does this.
		os.WriteFile(name, data[:len(data)/2], 0o600)
		return &os.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
	}
	d.written += len(data)
	return osWriter{}.WriteFile(name, data)
}

// answers is what the store answers with: the manifest's generation, the
// first item, the item count, and the previous copy's first item.
func answers(t *testing.T, s *Store) string {
	t.Helper()
	m, err := s.Meta()
	if err != nil {
		t.Fatalf("the cache does not answer: %v", err)
	}
	x, _, err := s.Load()
	if err != nil {
		t.Fatalf("the cache does not load: %v", err)
	}
	prev := "-"
	if p, err := s.Previous(); err == nil {
		prev = p.Item(0).Name
	}
	return fmt.Sprintf("%s %s %d prev=%s", m.Generation, x.Item(0).Name, x.Len(), prev)
}

// A full disk at any point of an update leaves the cache answering exactly
// as before, says what failed and where, and leaves no half-written files.
func TestFullDiskChangesNothing(t *testing.T) {
	for _, failOn := range []string{DataFile, IndexFile, "current.json", ""} {
		t.Run(fmt.Sprintf("fail on %q", failOn), func(t *testing.T) {
			s := newStore(t)
			mustSave(t, s, validYAML)
			mustSave(t, s, otherYAML)
			before := answers(t, s)
			s.w = &fullDisk{limit: 1 << 30, failOn: failOn}
			if failOn == "" {
				s.w = &fullDisk{limit: 100} // nothing fits
			}
			_, err := save(s, validYAML+"            description: new\n")
			var we *WriteError
			if !errors.As(err, &we) || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), "cannot write the cache") {
				t.Errorf("err = %v, want a write error that says what failed", err)
			}
			s.w = osWriter{}
			if after := answers(t, s); after != before {
				t.Errorf("the cache changed: %s, then %s", before, after)
			}
			entries, _ := os.ReadDir(s.Dir)
			if len(entries) != 4 { // .lock, current.json, and two generations
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("left behind: %v", names)
			}
		})
	}
}

// An update reads what it decides on under the writers' lock: a facts
// update that waits on a slow server cannot undo a data update that lands
// meanwhile, and the later update wins whole.
func TestRacingUpdatesLoseNothing(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("/data.yml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, yamlWithRepo) })
	mux.HandleFunc("/full.json", func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-release
		fmt.Fprint(w, fullJSON(7))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s, c := testStore(t, srv.URL)
	c.DataURL, c.NoGitHub = srv.URL+"/data.yml", true
	if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	c.NoGitHub, c.FullURL = false, srv.URL+"/full.json"
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		if _, err := s.Update(context.Background(), c, UpdateOptions{Force: true}); err != nil {
			t.Error(err)
		}
	}()
	<-started // the facts update holds the lock, waiting on full.json
	go func() {
		defer wg.Done()
		fileCfg := c
		fileCfg.FullURL = ""
		if _, err := s.Update(context.Background(), fileCfg, UpdateOptions{Data: []byte(otherYAML + "            repo_url: " + githubURL + "\n"), Source: "B"}); err != nil {
			t.Error(err)
		}
	}()
	time.Sleep(50 * time.Millisecond) // the data update is now waiting on the lock
	close(release)
	wg.Wait()
	if got := firstName(t, s); got != "CRI-O" {
		t.Errorf("the data update was undone: the cache answers %q", got)
	}
	if x, m, _ := s.Load(); m.GitHub == nil || x.Item(0).GitHub == nil || x.Item(0).GitHub.Stars != 7 {
		t.Errorf("the facts were lost: %+v", m.GitHub)
	}
}

// --timeout bounds all the network time of a command, retries and the
// waits a server asks for included.
func TestTimeoutBoundsRetries(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "29")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	s, c := testStore(t, srv.URL)
	c.DataURL, c.Timeout = srv.URL, 300*time.Millisecond
	start := time.Now()
	_, err := s.Update(context.Background(), c, UpdateOptions{})
	var limit *TimeLimitError
	if !errors.As(err, &limit) {
		t.Errorf("err = %v, want a TimeLimitError", err)
	}
	// The server asked for 29 s: the command gave up instead of waiting.
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("the update waited %s", d)
	}
}

// A write error names the cache, not the input: a read-only or dangling
// cache directory is the cache's problem.
func TestWriteErrorsNameTheCache(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "cache")
	os.Symlink(filepath.Join(dir, "gone", "deeper"), link)
	os.WriteFile(filepath.Join(dir, "gone"), []byte("a file, not a directory"), 0o600)
	s := NewStore(filepath.Join(link, "cncf"))
	_, err := save(s, validYAML)
	var we *WriteError
	if !errors.As(err, &we) || !strings.HasPrefix(err.Error(), "cannot write the cache (") || strings.Contains(err.Error(), "not a valid landscape") {
		t.Errorf("err = %v", err)
	}
}

// A 304 to an empty cache is not success: first use then falls back to the
// snapshot built into cnl.
func TestFirstUseAfterA304FallsBackToTheSnapshot(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) }))
	defer srv.Close()
	cncf, _ := FindLandscape("cncf")
	cncf.BaseURL, cncf.Mirror = srv.URL, srv.URL+"/mirror"
	c := Config{Root: t.TempDir(), Landscape: cncf, Timeout: 5 * time.Second, NoGitHub: true}
	var notes []LoadNoteKind
	x, m, err := LoadOrFetch(context.Background(), c, func(n LoadNote) { notes = append(notes, n.Kind) })
	if err != nil || x.Len() < 2000 || !strings.Contains(m.Source, "built-in snapshot") || !slices.Equal(notes, []LoadNoteKind{NoteFetching, NoteSnapshot}) {
		t.Errorf("first use: %v, %+v, notes %v", err, m.FileMeta, notes)
	}
}

// A site's guide and settings: a 404 or an HTML page means the landscape
// has none, and the update succeeds; a broken file is refused with a
// warning and the cached one kept.
func TestGuideAndSettingsFromTheSite(t *testing.T) {
	var guide atomic.Value
	guide.Store("categories:\n  - category: Runtime\n    content: Runtimes run containers.\n")
	mux := http.NewServeMux()
	mux.HandleFunc("/sources/data.yml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, validYAML) })
	mux.HandleFunc("/sources/guide.yml", func(w http.ResponseWriter, r *http.Request) {
		switch g := guide.Load().(string); g {
		case "404":
			http.NotFound(w, r)
		default:
			fmt.Fprint(w, g)
		}
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<!DOCTYPE html><html></html>") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s, c := testStore(t, srv.URL)
	c.NoGitHub = true
	res, err := s.Update(context.Background(), c, UpdateOptions{})
	if err != nil || res.Meta.Guide == nil || res.Meta.Settings != nil {
		t.Fatalf("first update: %v, guide %v, settings %v (the site answers HTML for them)", err, res.Meta.Guide, res.Meta.Settings)
	}
	if g, ok, err := s.Guide(); !ok || err != nil || g.Categories[0].Name != "Runtime" {
		t.Errorf("guide: %v %v", ok, err)
	}
	guide.Store("categories: [broken")
	res, err = s.Update(context.Background(), c, UpdateOptions{Force: true})
	if err != nil || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "guide not updated") {
		t.Errorf("a broken guide: %v, %q", err, res.Warnings)
	}
	if _, ok, _ := s.Guide(); !ok {
		t.Error("a broken guide replaced the good one")
	}
	guide.Store("404")
	if res, err := s.Update(context.Background(), c, UpdateOptions{Force: true}); err != nil || res.Meta.Guide != nil {
		t.Errorf("a 404 guide: %v, %v", err, res.Meta.Guide)
	}
}

// What the guide says is searched from the cache: after an update, after
// one that changed only the guide, after one that changed only the data
// (the guide carried over), and after the index is rebuilt.
func TestTheGuideIsSearchedFromTheCache(t *testing.T) {
	var guide, data atomic.Value
	say := func(word string) {
		guide.Store("categories:\n  - category: Runtime\n    subcategories:\n      - subcategory: Container Runtime\n        keywords: [" + word + "]\n")
	}
	say("sandboxing")
	data.Store(validYAML)
	mux := http.NewServeMux()
	mux.HandleFunc("/sources/data.yml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, data.Load()) })
	mux.HandleFunc("/sources/guide.yml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, guide.Load()) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s, c := testStore(t, srv.URL)
	c.NoGitHub = true
	// found lists what word finds through the guide alone.
	found := func(word string) []string {
		t.Helper()
		x, _, err := s.Load()
		if err != nil {
			t.Fatal(err)
		}
		rs, err := search.Search(x, search.Query{Text: word})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rs {
			if slices.Equal(r.Match().Fields, []string{"guide keywords"}) {
				out = append(out, r.Name)
			}
		}
		slices.Sort(out)
		return out
	}
	update := func(what string) {
		t.Helper()
		if _, err := s.Update(context.Background(), c, UpdateOptions{}); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	update("first update")
	if got := found("sandboxing"); !slices.Equal(got, []string{"containerd"}) {
		t.Errorf("the guide's keyword finds %v, want containerd", got)
	}
	say("microvm")
	update("guide-only update")
	if got, old := found("microvm"), found("sandboxing"); !slices.Equal(got, []string{"containerd"}) || old != nil {
		t.Errorf("after a guide-only update: microvm finds %v, sandboxing %v", got, old)
	}
	data.Store(validYAML + "          - item:\n            name: CRI-O\n            homepage_url: https://cri-o.io/\n            logo: crio.svg\n")
	update("data-only update")
	want := []string{"CRI-O", "containerd"}
	if got := found("microvm"); !slices.Equal(got, want) {
		t.Errorf("after a data-only update, microvm finds %v, want %v", got, want)
	}
	if err := os.Remove(generationFile(t, s, IndexFile)); err != nil {
		t.Fatal(err)
	}
	if got := found("microvm"); !slices.Equal(got, want) {
		t.Errorf("the rebuilt index: microvm finds %v, want %v", got, want)
	}
}
