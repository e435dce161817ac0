package landscape

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// GitHub holds the facts landscape.cncf.io publishes about a repository
// (the github_data of its full.json, built by cncf/landscape2).
type GitHub struct {
	URL           string     `json:"url"`
	Description   string     `json:"description,omitempty"`
	Stars         int64      `json:"stars"`
	License       string     `json:"license,omitempty"` // SPDX
	Topics        []string   `json:"topics,omitempty"`
	Contributors  int64      `json:"contributors,omitempty"`
	FirstCommit   time.Time  `json:"first_commit,omitzero"`
	LatestCommit  time.Time  `json:"latest_commit,omitzero"`
	LatestRelease time.Time  `json:"latest_release,omitzero"`
	Languages     []Language `json:"languages,omitempty"` // by size, largest first
	Participation []int64    `json:"participation_stats,omitempty"`
	GeneratedAt   time.Time  `json:"generated_at,omitzero"`
}

// Language is a programming language of a repository and its size in bytes.
type Language struct {
	Name  string `json:"name"`
	Bytes int64  `json:"bytes"`
}

// TopLanguages names the largest languages, at most n.
func (g *GitHub) TopLanguages(n int) []string {
	var out []string
	for _, l := range g.Languages[:min(n, len(g.Languages))] {
		out = append(out, l.Name)
	}
	return out
}

// GitHubData maps normalised repository URLs (see NormalizeURL) to facts.
type GitHubData map[string]*GitHub

// GeneratedAt is the newest generated_at in the data: how fresh it is.
func (d GitHubData) GeneratedAt() time.Time {
	var t time.Time
	for _, g := range d {
		if g.GeneratedAt.After(t) {
			t = g.GeneratedAt
		}
	}
	return t
}

// ErrNotFullJSON means the input is not the landscape site's full.json: an
// HTML page served with 200, or JSON without github_data.
var ErrNotFullJSON = errors.New("not the landscape's full.json")

// ParseFullJSON reads full.json and keeps only github_data; items and
// crunchbase_data are read past without being stored (crunchbase data must
// not be kept: its licence limits reuse). Entries are read leniently: a
// field of the wrong type or out of range is dropped, an entry without a URL
// is skipped, and the file as a whole fails only when it is not full.json.
func ParseFullJSON(r io.Reader) (GitHubData, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotFullJSON, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("%w: not a JSON object", ErrNotFullJSON)
	}
	var data GitHubData
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotFullJSON, err)
		}
		key, _ := tok.(string)
		if key != "github_data" {
			if err := skipValue(dec); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrNotFullJSON, err)
			}
			continue
		}
		var raw map[string]map[string]json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("%w: github_data: %v", ErrNotFullJSON, err)
		}
		data = GitHubData{}
		for url, fields := range raw {
			// A URL that normalises to nothing ("https://") names no
			// repository (found by fuzzing).
			if key := NormalizeURL(url); key != "" {
				if g := githubEntry(url, fields); g != nil {
					data[key] = g
				}
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotFullJSON, err)
	}
	if data == nil {
		return nil, fmt.Errorf("%w: it has no github_data", ErrNotFullJSON)
	}
	return data, nil
}

// maxJSONDepth bounds the nesting skipValue reads past: full.json nests a
// few levels; 120 MiB of "[" would otherwise be read to the end, token by
// token, before failing.
const maxJSONDepth = 64

// skipValue reads past one JSON value without keeping it.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if depth++; depth > maxJSONDepth {
				return fmt.Errorf("nested deeper than %d", maxJSONDepth)
			}
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// githubEntry reads one github_data entry, dropping what does not fit.
func githubEntry(url string, f map[string]json.RawMessage) *GitHub {
	if strings.TrimSpace(url) == "" || f == nil {
		return nil
	}
	g := &GitHub{URL: url}
	str := func(raw json.RawMessage) string {
		var s string
		json.Unmarshal(raw, &s)
		return s
	}
	num := func(raw json.RawMessage) int64 {
		var n json.Number
		if json.Unmarshal(raw, &n) != nil {
			return 0
		}
		i, err := n.Int64()
		if err != nil || i < 0 {
			if fl, err := n.Float64(); err == nil && fl >= 0 && fl < math.MaxInt64/2 {
				return int64(fl)
			}
			return 0
		}
		return i
	}
	ts := func(raw json.RawMessage) time.Time {
		var v struct {
			TS string `json:"ts"`
		}
		if json.Unmarshal(raw, &v) != nil {
			return time.Time{}
		}
		return parseTime(v.TS)
	}
	// An entry is a repository's facts: its key, or its url when it has
	// one, is the repository's http(s) URL. {"url": null} names nothing.
	isHTTP := func(u string) bool {
		low := strings.ToLower(u)
		return strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "http://")
	}
	if raw, ok := f["url"]; ok {
		if u := str(raw); isHTTP(u) {
			g.URL = u
		} else {
			return nil
		}
	} else if !isHTTP(url) {
		return nil
	}
	g.Description = str(f["description"])
	g.Stars = num(f["stars"])
	g.License = str(f["license"])
	json.Unmarshal(f["topics"], &g.Topics)
	var contributors struct {
		Count json.RawMessage `json:"count"`
	}
	if json.Unmarshal(f["contributors"], &contributors) == nil {
		g.Contributors = num(contributors.Count)
	}
	g.FirstCommit = ts(f["first_commit"])
	g.LatestCommit = ts(f["latest_commit"])
	g.LatestRelease = ts(f["latest_release"])
	var langs map[string]json.RawMessage
	if json.Unmarshal(f["languages"], &langs) == nil {
		for name, b := range langs {
			if n := num(b); n > 0 && name != "" {
				g.Languages = append(g.Languages, Language{name, n})
			}
		}
		slices.SortFunc(g.Languages, func(a, b Language) int {
			if a.Bytes != b.Bytes {
				return int(min(max(b.Bytes-a.Bytes, -1), 1))
			}
			return strings.Compare(a.Name, b.Name)
		})
	}
	var weeks []json.RawMessage
	if json.Unmarshal(f["participation_stats"], &weeks) == nil {
		for _, w := range weeks[:min(len(weeks), 52)] {
			g.Participation = append(g.Participation, num(w))
		}
	}
	g.GeneratedAt = parseTime(str(f["generated_at"]))
	return g
}

func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// JoinGitHub attaches the facts to the items whose repo_url, or failing
// that one of whose additional_repos, they describe. Items without data
// simply have none. It works on any index; on a compiled one it builds
// every item.
func (x *Index) JoinGitHub(data GitHubData) {
	if len(data) == 0 {
		return
	}
	find := func(url string) *GitHub {
		if key := NormalizeURL(url); key != "" {
			return data[key]
		}
		return nil
	}
	x.search = nil // the facts change what search reads
	x.searchData = nil
	for i := range x.Len() {
		it := x.Item(i)
		if it.GitHub = find(it.RepoURL); it.GitHub != nil {
			continue
		}
		for _, r := range it.AdditionalRepos {
			if it.GitHub = find(r.RepoURL); it.GitHub != nil {
				break
			}
		}
	}
}
