package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

func gunzipFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A site with a data/full.json gives the snapshot what full.json says the
// items are (descriptions and topics, never stars), and its compiled index
// shows them; without one the snapshot has no facts.
func TestSnapshotTakesTextFromFullJSON(t *testing.T) {
	out := t.TempDir()
	if err := run(filepath.Join("testdata", "site"), out, "2026-08-07", ""); err != nil {
		t.Fatal(err)
	}
	facts := string(gunzipFile(t, filepath.Join(out, "facts.json.gz")))
	for _, want := range []string{"CLI tool for spawning and running containers", `"oci"`, "Quiet makes quiet runtimes."} {
		if !strings.Contains(facts, want) {
			t.Errorf("facts lack %q: %s", want, facts)
		}
	}
	for _, unwanted := range []string{"12000", "stars", "no item refers", "funding"} {
		if strings.Contains(facts, unwanted) {
			t.Errorf("facts hold %q: %s", unwanted, facts)
		}
	}
	// What the cache compiles from the snapshot's files says what the
	// items are.
	x, err := landscape.Parse(bytes.NewReader(gunzipFile(t, filepath.Join(out, "data.yml.gz"))))
	if err != nil {
		t.Fatal(err)
	}
	var f landscape.Facts
	if err := json.Unmarshal([]byte(facts), &f); err != nil {
		t.Fatal(err)
	}
	x = x.With(landscape.Options{Facts: &f})
	if _, err := os.Stat(filepath.Join(out, "index.bin.gz")); err == nil {
		t.Error("the snapshot carries a compiled index: it is derived from its files")
	}
	for name, want := range map[string]landscape.About{
		"runc":       {Text: "CLI tool for spawning and running containers according to the OCI specification", Source: landscape.AboutGitHub},
		"Quiet":      {Text: "Quiet makes quiet runtimes.", Source: landscape.AboutCrunchbase},
		"containerd": {Text: "An open and reliable container runtime", Source: landscape.AboutData},
	} {
		found := false
		for i := range x.Len() {
			if s := x.Summary(i); s.Name == name {
				found = true
				if s.Description != want.Text || s.DescriptionSource != want.Source {
					t.Errorf("%s: %q (%s)", name, s.Description, s.DescriptionSource)
				}
			}
		}
		if !found {
			t.Errorf("%s is not in the index", name)
		}
	}
	if rs, _ := search.Search(x, search.Query{Text: "spawning containers"}); len(rs) == 0 || rs[0].Name != "runc" {
		t.Errorf("the GitHub description is not searched: %v", rs)
	}

	// Without full.json, no facts.
	bare := t.TempDir()
	site := t.TempDir()
	os.MkdirAll(filepath.Join(site, "sources"), 0o755)
	for _, f := range []string{"data.yml", "guide.yml", "settings.yml"} {
		b, _ := os.ReadFile(filepath.Join("testdata", "site", "sources", f))
		os.WriteFile(filepath.Join(site, "sources", f), b, 0o644)
	}
	if err := run(site, bare, "2026-08-07", ""); err != nil {
		t.Fatal(err)
	}
	if f := strings.TrimSpace(string(gunzipFile(t, filepath.Join(bare, "facts.json.gz")))); f != `{"repositories":{}}` {
		t.Errorf("facts without full.json: %s", f)
	}
}
