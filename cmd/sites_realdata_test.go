//go:build realdata

package cmd

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// siteServer serves ../shared/landscape/sites/NAME under /NAME as a
// landscape2 site does: its files where they are, and index.html with 200
// for every other path. It records what was asked.
func siteServer(t *testing.T) (*httptest.Server, func() []string) {
	t.Helper()
	root := filepath.Join(filepath.Dir(sharedLandscape(t)), "sites")
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		p := filepath.Join(root, filepath.FromSlash(filepath.Clean("/"+r.URL.Path)))
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			http.ServeFile(w, r, p)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!DOCTYPE html><html><head><title>Landscape</title></head><body></body></html>"))
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), asked...)
	}
}

// Every landscape, from its site: update, then answer offline; each keeps
// its own cache; a landscape without a guide says so; a missing guide or an
// HTML page for it leaves the update successful.
func TestLandscapeSitesEndToEnd(t *testing.T) {
	srv, asked := siteServer(t)
	cacheDir := filepath.Join(t.TempDir(), "cache")
	p := &proc{t: t, bin: cnlBinary(t), env: []string{"CNL_CACHE_DIR=" + cacheDir, "CNL_URL=", "CNL_FULL_URL=", "NO_COLOR=1"}}
	sites := map[string]struct {
		items        string
		search, show string
		list         string
		guide        string // a place with guide text, or "" for none
	}{
		"cncf":    {"2413", "runtime", "containerd", "Container Runtime", "Container Runtime"},
		"lfai":    {"472", "pytorch", "PyTorch", "", ""},
		"openssf": {"172", "cosign", "Cosign", "", "x"},
	}
	dirs := map[string]string{}
	for name, site := range sites {
		url := srv.URL + "/" + name
		out, errOut, code := p.run("update", "--landscape", url)
		if code != 0 || !strings.Contains(out, "updated: "+site.items+" items") {
			t.Fatalf("%s: update: %d\n%s\n%s", name, code, out, errOut)
		}
		// full.json is not in the shared sites: the site's HTML answer
		// is a warning, not a failure.
		if !strings.Contains(errOut, "HTML page") {
			t.Errorf("%s: no warning about full.json: %q", name, errOut)
		}
		entries, _ := os.ReadDir(cacheDir)
		for _, e := range entries {
			if _, ok := dirs[e.Name()]; !ok && e.Name() != "" {
				dirs[e.Name()] = name
			}
		}
	}
	if len(dirs) != 3 {
		t.Errorf("cache directories: %v", dirs)
	}
	for _, a := range asked() {
		if strings.HasSuffix(a, "/landscape.yml") {
			t.Errorf("the site was asked for %s", a)
		}
	}
	before := snapshotDir(t, cacheDir)
	srv.Close() // offline from here on
	for name, site := range sites {
		l := []string{"--landscape", srv.URL + "/" + name}
		if out, errOut, code := p.run(append([]string{"search", site.search}, l...)...); code != 0 || !strings.Contains(out, site.show) {
			t.Errorf("%s: search %s: %d\n%s%s", name, site.search, code, out, errOut)
		}
		if out, _, code := p.run(append([]string{"show", site.show}, l...)...); code != 0 || !strings.HasPrefix(out, "name: "+site.show+"\n") {
			t.Errorf("%s: show %s: %d\n%s", name, site.show, code, out)
		}
		if out, _, code := p.run(append([]string{"list"}, l...)...); code != 0 || out == "" {
			t.Errorf("%s: list: %d", name, code)
		}
		if out, _, code := p.run(append([]string{"cache"}, l...)...); code != 0 || !strings.Contains(out, "items:         "+site.items+" ") {
			t.Errorf("%s: cache: %d\n%s", name, code, out)
		}
		out, errOut, code := p.run(append([]string{"guide"}, l...)...)
		switch site.guide {
		case "":
			if code != 1 || !strings.Contains(errOut, "has no guide") {
				t.Errorf("%s: a landscape without a guide: %d %q", name, code, errOut)
			}
		default:
			if code != 0 || out == "" {
				t.Errorf("%s: guide: %d %q", name, code, errOut)
			}
		}
	}
	if out, _, _ := p.run("guide", "Container Runtime", "--landscape", srv.URL+"/cncf"); !strings.Contains(out, "### What it is") {
		t.Errorf("cncf guide:\n%s", out)
	}
	// Reading the landscapes changed none of their caches.
	if after := snapshotDir(t, cacheDir); !equalMaps(before, after) {
		t.Error("answering from one landscape changed a cache")
	}
}

func snapshotDir(t *testing.T, dir string) map[string]int64 {
	m := map[string]int64{}
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			m[p] = fi.ModTime().UnixNano() ^ fi.Size()
		}
		return nil
	})
	return m
}

func equalMaps(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
