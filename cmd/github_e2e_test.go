package cmd

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// End to end: a loopback server with the fixture landscape and a full.json
// covering five of its repositories; compare shows stars and licenses, and
// search sorts by stars.
func TestGitHubFactsEndToEnd(t *testing.T) {
	real, err := os.ReadFile(filepath.Join("testdata", "landscape.yml"))
	if err != nil {
		t.Fatal(err)
	}
	full, err := os.ReadFile(filepath.Join("testdata", "full-five.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(full)
	zw.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/landscape.yml", func(w http.ResponseWriter, r *http.Request) { w.Write(real) })
	mux.HandleFunc("/data/full.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz.Bytes())
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { // the site's answer to unknown paths
		w.Write([]byte("<!DOCTYPE html><html><body>CNCF Landscape</body></html>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	p := &proc{t: t, bin: cnlBinary(t), env: []string{
		"CNL_CACHE_DIR=" + filepath.Join(t.TempDir(), "cache"),
		"CNL_URL=" + srv.URL + "/landscape.yml",
		"CNL_FULL_URL=" + srv.URL + "/data/full.json",
	}}
	out, errOut, code := p.run("update")
	if code != 0 || !strings.Contains(out, "GitHub facts: 5 repositories for 5 items") {
		t.Fatalf("update: exit %d\n%s\n%s", code, out, errOut)
	}

	out, _, _ = p.run("compare", "containerd", "cri-o")
	for _, want := range []string{"Stars\t18,500\t25,000", "License\tApache-2.0\tApache-2.0", "Contributors\t590\t290", "Languages\tGo, Shell\tGo, Shell"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = p.run("compare", "containerd", "cri-o", "-o", "markdown")
	if !strings.Contains(out, "| **Stars** | 18,500 | 25,000 |") {
		t.Errorf("markdown compare:\n%s", out)
	}

	// By stars CRI-O (25,000) leads containerd (18,500).
	rows := strings.Split(strings.TrimSpace(p.mustRun("search", "runtime", "--sort", "stars", "--limit", "4")), "\n")
	if !strings.HasPrefix(rows[0], "CRI-O\t") || !strings.HasPrefix(rows[1], "containerd\t") {
		t.Errorf("search runtime --sort stars:\n%s", strings.Join(rows, "\n"))
	}
	rows = strings.Split(strings.TrimSpace(p.mustRun("search", "--min-stars", "10000", "--all")), "\n")
	if len(rows) != 3 {
		t.Errorf("--min-stars 10000 should keep Harbor, CRI-O and containerd:\n%s", strings.Join(rows, "\n"))
	}
	if out := p.mustRun("search", "--license", "MPL-2.0", "--all"); !strings.HasPrefix(out, "Sidero Talos Linux\t") {
		t.Errorf("--license MPL-2.0:\n%s", out)
	}
	if out := p.mustRun("list", "Container Registry", "--sort", "stars", "--language", "TypeScript"); !strings.HasPrefix(out, "Harbor\t") || strings.Count(out, "\n") != 1 {
		t.Errorf("list --language TypeScript:\n%s", out)
	}
	// The GitHub description fills in for Harbor, which has none in the data, and is searched.
	if out := p.mustRun("search", "trusted cloud native registry"); !strings.HasPrefix(out, "Harbor\t") {
		t.Errorf("search on the GitHub description:\n%s", out)
	}

	// The card says where Harbor's description comes from; JSON keeps
	// the data's (none) apart from the summary.
	if card := p.mustRun("show", "harbor"); !strings.Contains(card, "description: An open source trusted cloud native registry project") ||
		!strings.Contains(card, "description_source: github\n") {
		t.Errorf("harbor's card:\n%s", card)
	}
	var harbor struct {
		Description *string
		Summary     struct{ Text, Source string }
	}
	if err := json.Unmarshal([]byte(p.mustRun("show", "harbor", "-o", "json")), &harbor); err != nil || harbor.Description != nil ||
		harbor.Summary.Text != "An open source trusted cloud native registry project that stores, signs, and scans content." || harbor.Summary.Source != "github" {
		t.Errorf("harbor as JSON: %+v %v", harbor, err)
	}
	if tty := p.mustRun("show", "harbor", "-o", "table"); !strings.Contains(tty, "(from GitHub)") {
		t.Errorf("harbor's card on a terminal does not say where its description comes from:\n%s", tty)
	}

	card := p.mustRun("show", "containerd")
	for _, want := range []string{"stars: 18,500", "license: ", "contributors: 590", "latest_release: ", "(2026-07-29)", "activity: ▁", "github_facts: as of "} {
		if !strings.Contains(card, want) {
			t.Errorf("card lacks %q:\n%s", want, card)
		}
	}
	if status := p.mustRun("update", "--status"); !strings.Contains(status, "github facts:  5 repositories for 5 items, as of ") {
		t.Errorf("status:\n%s", status)
	}

	// The site answers a wrong path with HTML and 200: a warning, and the
	// landscape update still succeeds with the facts it had.
	_, errOut, code = p.run("update", "--force", "--full-url", srv.URL+"/wrong/full.json")
	if code != 0 || !strings.Contains(errOut, "warning: GitHub facts") || !strings.Contains(errOut, "HTML page") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("HTML for full.json: exit %d, stderr %q", code, errOut)
	}
	if !strings.HasPrefix(p.mustRun("search", "runtime", "--sort", "stars"), "CRI-O\t") {
		t.Error("a failed facts update lost the facts")
	}
	out, _, _ = p.run("update", "--no-github")
	if strings.Contains(out, "GitHub") {
		t.Errorf("--no-github still fetched: %s", out)
	}
}

func (p *proc) mustRun(args ...string) string {
	p.t.Helper()
	out, errOut, code := p.run(args...)
	if code != 0 {
		p.t.Fatalf("cnl %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}
