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
	"github.com/cnl-dev/cnl/landscape/search"
)

func parseFull(t *testing.T, name string) (landscape.GitHubData, error) {
	t.Helper()
	f, err := parseFacts(t, name, nil)
	if err != nil {
		return nil, err
	}
	return f.Repositories, nil
}

func parseFacts(t *testing.T, name string, want func(string) bool) (*landscape.Facts, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "github", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return landscape.ParseFullJSON(f, want)
}

func joinFile(t *testing.T, x *landscape.Index, name string) *landscape.Index {
	t.Helper()
	f, err := parseFacts(t, name, x.Wanted())
	if err != nil {
		t.Fatal(err)
	}
	return x.With(landscape.Options{Facts: f})
}

func TestParseFullJSON(t *testing.T) {
	gh, err := parseFull(t, "full.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(gh) != 3 {
		t.Fatalf("%d entries, want 3 (items are not kept)", len(gh))
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
	x = joinFile(t, x, "full.json")
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

// The primary repository's GitHub description fills in for an item without
// one and is searched; additional_repos give facts when repo_url has none,
// but not a description (a plugin's or a chart's would mislead), as on the
// website.
func TestGitHubDescriptionAndAdditionalRepos(t *testing.T) {
	for _, tc := range []struct {
		name, fields, about, source string
	}{
		{"primary", "            repo_url: https://github.com/kata-containers/kata-containers\n",
			"Lightweight virtual machines that feel and perform like containers", landscape.AboutGitHub},
		{"additional", "            additional_repos:\n              - repo_url: https://github.com/kata-containers/kata-containers\n", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := landscape.Parse(strings.NewReader(item(tc.fields)))
			if err != nil {
				t.Fatal(err)
			}
			x = joinFile(t, x, "full.json")
			if it := x.Item(0); it.GitHub == nil || it.GitHub.Stars != 6000 || it.Description != "" {
				t.Fatalf("joined: %+v / %q", it.GitHub, it.Description)
			}
			if s := x.Summary(0); s.Description != tc.about || s.DescriptionSource != tc.source {
				t.Errorf("summary description = %q from %q", s.Description, s.DescriptionSource)
			}
			if rs, _ := search.Search(x, search.Query{Text: "lightweight virtual machines"}); (len(rs) == 1) != (tc.about != "") {
				t.Errorf("search of the GitHub description: %v", rs)
			}
		})
	}
}

// Only the repositories and organisations the data refers to are kept: a
// full.json of millions of other entries costs no memory.
func TestParseFullJSONKeepsWhatIsWanted(t *testing.T) {
	want := func(u string) bool { return u == landscape.NormalizeURL("https://github.com/containerd/containerd") }
	f, err := parseFacts(t, "full.json", want)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Repositories) != 1 || f.Repositories[want0] == nil || len(f.Organizations) != 0 {
		t.Errorf("kept %d repositories, %d organisations", len(f.Repositories), len(f.Organizations))
	}
	all, _ := parseFacts(t, "full.json", nil)
	if d := all.Organizations[landscape.NormalizeURL("https://www.crunchbase.com/organization/Cloud-Native-Computing-Foundation")]; d != "The Cloud Native Computing Foundation builds sustainable ecosystems for cloud native software." {
		t.Errorf("organisation description = %q", d)
	}
	if len(all.Organizations) != 1 {
		t.Errorf("organisations without a description kept: %v", all.Organizations)
	}
}

var want0 = landscape.NormalizeURL("https://github.com/containerd/containerd")

// A time that a zone offset carries past year 9999 drops the field, not
// the file (no encoder writes it).
func TestParseFullJSONFarFuture(t *testing.T) {
	doc := `{"github_data": {"https://github.com/a/b": {"url": "https://github.com/a/b", "stars": 3,
		"latest_commit": {"ts": "9999-12-31T23:59:59-23:59"}, "generated_at": "9999-12-31T23:00:00-10:00"}}}`
	f, err := landscape.ParseFullJSON(strings.NewReader(doc), nil)
	if err != nil {
		t.Fatal(err)
	}
	g := f.Repositories["github.com/a/b"]
	if g == nil || g.Stars != 3 || !g.LatestCommit.IsZero() || !g.GeneratedAt.IsZero() {
		t.Errorf("entry = %+v", g)
	}
}

// Skipping what cnl does not keep stops at a bounded depth: a body of
// brackets fails at once instead of being read to its end.
func TestParseFullJSONBoundsNesting(t *testing.T) {
	r := &countingReader{r: strings.NewReader(`{"items": ` + strings.Repeat("[", 50<<20))}
	_, err := landscape.ParseFullJSON(r, nil)
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
