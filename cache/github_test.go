package cache

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
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
	mux.HandleFunc("/null", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{"github_data": null}`) })
	mux.HandleFunc("/null-urls", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"github_data": {"a": {"url": null}, "b": {"url": null}}}`)
	})
	mux.HandleFunc("/data.yml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, yamlWithRepo) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	s, c := testStore(t, srv.URL)
	c.DataURL, c.FullURL = srv.URL+"/data.yml", srv.URL+"/full.json"
	res, err := s.Update(context.Background(), c, UpdateOptions{})
	if err != nil || !res.Facts.Updated || res.Meta.GitHub == nil || res.Meta.GitHub.Repositories != 1 || res.Meta.GitHub.Joined != 1 || res.Meta.GitHub.GeneratedAt.IsZero() {
		t.Fatalf("first fetch: %+v %v", res, err)
	}
	x, m, _ := s.Load()
	if g := x.Item(0).GitHub; g == nil || g.Stars != 100 || x.Summary(0).Stars != 100 || m.GitHub == nil {
		t.Fatalf("facts not in the index: %+v %+v", g, m.GitHub)
	}
	if b, _ := os.ReadFile(generationFile(t, s, GitHubFile)); bytes.Contains(b, []byte("crunchbase")) || bytes.Contains(b, []byte("funding")) {
		t.Errorf("crunchbase data was stored: %s", b)
	}
	if res, _ := s.Update(context.Background(), c, UpdateOptions{}); !res.Facts.NotModified || conditional.Load() != 1 {
		t.Errorf("a second fetch should be a conditional 304: %+v", res.Facts)
	}
	// A new landscape keeps the facts.
	if _, err := save(s, yamlWithRepo+"            description: changed\n"); err != nil {
		t.Fatal(err)
	}
	if x, _, _ := s.Load(); x.Item(0).GitHub == nil {
		t.Error("saving a new landscape dropped the GitHub facts")
	}
	before, _ := s.Meta()
	for path, want := range map[string]string{"/html": "HTML page", "/truncated-gzip": "cut short", "/wrong-json": "no github_data",
		"/null": "holds no GitHub facts", "/null-urls": "holds no GitHub facts"} {
		c.FullURL = srv.URL + path
		res, err := s.Update(context.Background(), c, UpdateOptions{Force: true})
		if err != nil || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], want) || !strings.Contains(res.Warnings[0], srv.URL+path) {
			t.Errorf("%s: %v, warnings %q; want one naming the URL and %q", path, err, res.Warnings, want)
		}
		if m, _ := s.Meta(); m.GitHub == nil || m.GitHub.SHA256 != before.GitHub.SHA256 || m.GitHub.Repositories != 1 {
			t.Errorf("%s: the facts changed: %+v", path, m.GitHub)
		}
		if x, _, _ := s.Load(); x.Item(0).GitHub == nil {
			t.Errorf("%s: the facts are gone", path)
		}
	}
	// A rebuilt index joins the cached facts again.
	os.Remove(generationFile(t, s, IndexFile))
	if x, m, _ := s.Load(); x.Item(0).GitHub == nil || m.GitHub == nil || m.GitHub.Repositories != 1 {
		t.Error("a rebuilt index lost the GitHub facts")
	}
}
