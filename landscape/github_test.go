package landscape_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cnl-dev/cnl/landscape"
)

func parseFull(t *testing.T, name string) (landscape.GitHubData, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "github", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return landscape.ParseFullJSON(f)
}

func TestParseFullJSON(t *testing.T) {
	gh, err := parseFull(t, "full.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(gh) != 2 {
		t.Fatalf("%d entries, want 2 (items and crunchbase_data are not kept)", len(gh))
	}
	c := gh[landscape.NormalizeURL("https://github.com/containerd/containerd")]
	if c == nil {
		t.Fatalf("containerd missing: %v", gh)
	}
	if c.Stars != 19234 || c.License != "Apache-2.0" || c.Contributors != 587 || len(c.Topics) != 4 || len(c.Participation) != 52 {
		t.Errorf("containerd = %+v", c)
	}
	if got := c.TopLanguages(2); len(got) != 2 || got[0] != "Go" || got[1] != "Shell" {
		t.Errorf("top languages = %v", got)
	}
	if !c.LatestRelease.Equal(time.Date(2026, 7, 29, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("latest release = %v", c.LatestRelease)
	}
	if got := gh.GeneratedAt(); !got.Equal(time.Date(2026, 8, 7, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("generated at = %v", got)
	}
	// Keys are normalised: case, trailing slash.
	if gh[landscape.NormalizeURL("https://github.com/kata-containers/kata-containers.git")] == nil {
		t.Errorf("kata entry not found by its normalised URL")
	}
}

// Broken entries lose the broken fields, not the whole file.
func TestParseFullJSONBroken(t *testing.T) {
	gh, err := parseFull(t, "broken.json")
	if err != nil {
		t.Fatal(err)
	}
	w := gh[landscape.NormalizeURL("https://github.com/wrong/types")]
	if w == nil || w.Stars != 0 || w.License != "" || w.Topics != nil || w.Contributors != 0 || !w.LatestCommit.IsZero() || w.Languages != nil || w.Participation != nil {
		t.Errorf("wrong types kept: %+v", w)
	}
	h := gh[landscape.NormalizeURL("https://github.com/huge/numbers")]
	if h == nil || h.Stars != 0 || h.Contributors != 0 || len(h.Languages) != 1 || h.Languages[0].Name != "Rust" {
		t.Errorf("huge or negative numbers kept: %+v", h)
	}
	if gh[landscape.NormalizeURL("https://github.com/missing/keys")] == nil {
		t.Error("an entry with no fields is still a repository")
	}
	if _, ok := gh[""]; ok {
		t.Error("an entry without a URL is kept")
	}
}

func TestParseFullJSONRejects(t *testing.T) {
	for _, name := range []string{"html.html", "no-github.json", "truncated.json"} {
		if _, err := parseFull(t, name); !errors.Is(err, landscape.ErrNotFullJSON) {
			t.Errorf("%s: err = %v, want ErrNotFullJSON", name, err)
		}
	}
}

func TestJoinGitHub(t *testing.T) {
	x := small(t)
	gh, err := parseFull(t, "full.json")
	if err != nil {
		t.Fatal(err)
	}
	x.JoinGitHub(gh)
	c := x.ByName("containerd")[0]
	if c.GitHub == nil || c.GitHub.Stars != 19234 {
		t.Fatalf("containerd not joined: %+v", c.GitHub)
	}
	if x.ByName("CRI-O")[0].GitHub != nil {
		t.Error("CRI-O has no repository here and must have no facts")
	}
	s := c.Summary()
	if s.Stars != 19234 || s.License != "Apache-2.0" || s.Languages != "Go, Shell, Makefile" || s.LatestRelease == 0 {
		t.Errorf("summary = %+v", s)
	}
	if s.Tags != "runtime, oci, containers, oci, kubernetes, cri" {
		t.Errorf("topics are searched like tags: %q", s.Tags)
	}
}

// The GitHub description fills in for an item without one and is searched;
// additional_repos join when repo_url has no facts.
func TestGitHubDescriptionAndAdditionalRepos(t *testing.T) {
	doc := item("            additional_repos:\n              - repo_url: https://github.com/kata-containers/kata-containers\n")
	x, err := landscape.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	gh, _ := parseFull(t, "full.json")
	x.JoinGitHub(gh)
	if it := x.Item(0); it.GitHub == nil || it.Description != "" {
		t.Fatalf("joined through additional_repos: %+v / %q", it.GitHub, it.Description)
	}
	if d := x.Summary(0).Description; d != "Lightweight virtual machines that feel and perform like containers" {
		t.Errorf("summary description = %q", d)
	}
	if rs, _ := x.Search(landscape.Query{Text: "lightweight virtual machines"}); len(rs) != 1 {
		t.Errorf("the GitHub description is not searched: %v", rs)
	}
}

// Skipping what cnl does not keep stops at a bounded depth: a body of
// brackets fails at once instead of being read to its end.
func TestParseFullJSONBoundsNesting(t *testing.T) {
	r := &countingReader{r: strings.NewReader(`{"items": ` + strings.Repeat("[", 50<<20))}
	_, err := landscape.ParseFullJSON(r)
	if err == nil || !strings.Contains(err.Error(), "nested deeper than") {
		t.Errorf("err = %v", err)
	}
	if r.n > 1<<20 {
		t.Errorf("read %d bytes of brackets before failing", r.n)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
