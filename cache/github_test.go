package cache

import (
	"bytes"
	"compress/gzip"
	"context"
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

const githubURL = "https://github.com/containerd/containerd"

// yamlWithRepo is validYAML with containerd's repository.
var yamlWithRepo = strings.Replace(validYAML, "logo: containerd.svg", "logo: containerd.svg\n            repo_url: "+githubURL, 1)

func fullJSON(stars int) string {
	return fmt.Sprintf(`{"items": [], "github_data": {%q: {"url": %q, "stars": %d, "license": "Apache-2.0",
		"contributors": {"count": 5}, "latest_release": {"ts": "2026-07-29T16:00:00Z"}, "generated_at": "2026-08-07T06:00:00Z"}},
		"crunchbase_data": {"https://www.crunchbase.com/organization/x": {"funding": 1}}}`, githubURL, githubURL, stars)
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestUpdateGitHub(t *testing.T) {
	var stars atomic.Int32
	stars.Store(100)
	var conditional atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/full.json", func(w http.ResponseWriter, r *http.Request) {
		etag := fmt.Sprintf(`"%d"`, stars.Load())
		if r.Header.Get("If-None-Match") == etag {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Encoding", "gzip") // the site serves it compressed
		w.Write(gzipped(fullJSON(int(stars.Load()))))
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<!DOCTYPE html><html><body>landscape</body></html>")
	})
	mux.HandleFunc("/truncated-gzip", func(w http.ResponseWriter, r *http.Request) {
		b := gzipped(fullJSON(1))
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(b[:len(b)/2])
	})
	mux.HandleFunc("/wrong-json", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{"items": []}`) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	s := newStore(t)
	mustSave(t, s, yamlWithRepo)
	f := &Fetcher{Backoff: time.Millisecond}
	meta, notModified, err := s.UpdateGitHub(context.Background(), f, srv.URL+"/full.json", false)
	if err != nil || notModified || meta.Repositories != 1 || meta.Joined != 1 || meta.GeneratedAt.IsZero() {
		t.Fatalf("first fetch: %+v %v %v", meta, notModified, err)
	}
	x, m, _ := s.Load()
	if g := x.Item(0).GitHub; g == nil || g.Stars != 100 || x.Summary(0).Stars != 100 || m.GitHub == nil {
		t.Fatalf("facts not in the index: %+v %+v", g, m.GitHub)
	}
	if b, _ := os.ReadFile(filepath.Join(s.Dir, GitHubFile)); bytes.Contains(b, []byte("crunchbase")) || bytes.Contains(b, []byte("funding")) {
		t.Errorf("crunchbase data was stored: %s", b)
	}
	if _, notModified, _ := s.UpdateGitHub(context.Background(), f, srv.URL+"/full.json", false); !notModified || conditional.Load() != 1 {
		t.Errorf("a second fetch should be a conditional 304")
	}
	// A new landscape keeps the facts.
	if _, _, err := s.Save([]byte(yamlWithRepo+"            description: changed\n"), Meta{Source: "test"}); err != nil {
		t.Fatal(err)
	}
	if x, _, _ := s.Load(); x.Item(0).GitHub == nil {
		t.Error("saving a new landscape dropped the GitHub facts")
	}
	before, _ := os.ReadFile(filepath.Join(s.Dir, IndexFile))
	for path, want := range map[string]string{"/html": "HTML page", "/truncated-gzip": "cut short", "/wrong-json": "no github_data"} {
		_, _, err := s.UpdateGitHub(context.Background(), f, srv.URL+path, true)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), srv.URL+path) {
			t.Errorf("%s: err = %v, want %q and the URL", path, err, want)
		}
		if after, _ := os.ReadFile(filepath.Join(s.Dir, IndexFile)); !bytes.Equal(after, before) {
			t.Errorf("%s: the cache changed", path)
		}
	}
	// A rebuilt index joins the cached facts again.
	os.Remove(filepath.Join(s.Dir, IndexFile))
	if x, m, _ := s.Load(); x.Item(0).GitHub == nil || m.GitHub == nil || m.GitHub.Repositories != 1 {
		t.Error("a rebuilt index lost the GitHub facts")
	}
}
