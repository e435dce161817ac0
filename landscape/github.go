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
	Stars         int64      `json:"stars,omitempty"`
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

// Facts is what cnl keeps of a landscape site's full.json: the GitHub
// facts of repositories, and the descriptions of organisations on
// Crunchbase (nothing else of its Crunchbase data: what an organisation
// says it does stands in for an item without a description, as on the
// website).
type Facts struct {
	Repositories GitHubData `json:"repositories"`
	// Organizations maps normalised Crunchbase URLs (see NormalizeURL) to
	// the organisation's description.
	Organizations map[string]string `json:"organizations,omitempty"`
}

// ErrNotFullJSON means the input is not the landscape site's full.json: an
// HTML page served with 200, or JSON without github_data.
var ErrNotFullJSON = errors.New("not the landscape's full.json")

// ParseFullJSON reads full.json, entry by entry, and keeps the facts of the
// repositories and organisations that want accepts (by normalised URL;
// nil keeps all): memory follows what is kept, not the file's size. Items
// are read past without being stored. Entries are read leniently: a field
// of the wrong type or out of range is dropped, an entry without a URL is
// skipped, and the file as a whole fails only when it is not full.json.
func ParseFullJSON(r io.Reader, want func(url string) bool) (*Facts, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := expectDelim(dec, '{'); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotFullJSON, err)
	}
	keep := func(url string) (string, bool) {
		// A URL that normalises to nothing ("https://") names no
		// repository (found by fuzzing).
		key := NormalizeURL(url)
		return key, key != "" && (want == nil || want(key))
	}
	wanted := func(url string) bool { _, ok := keep(url); return ok }
	facts := &Facts{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotFullJSON, err)
		}
		key, _ := tok.(string)
		switch key {
		case "github_data":
			facts.Repositories = GitHubData{}
			err = eachEntry(dec, wanted, func(url string, fields map[string]json.RawMessage) {
				k, _ := keep(url)
				if g := githubEntry(url, fields); g != nil {
					facts.Repositories[k] = g
				}
			})
		case "crunchbase_data":
			err = eachEntry(dec, wanted, func(url string, fields map[string]json.RawMessage) {
				var d string
				if k, _ := keep(url); json.Unmarshal(fields["description"], &d) == nil && strings.TrimSpace(d) != "" {
					if facts.Organizations == nil {
						facts.Organizations = map[string]string{}
					}
					facts.Organizations[k] = strings.TrimSpace(d)
				}
			})
		default:
			err = skipValue(dec)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrNotFullJSON, key, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotFullJSON, err)
	}
	if facts.Repositories == nil {
		return nil, fmt.Errorf("%w: it has no github_data", ErrNotFullJSON)
	}
	return facts, nil
}

// expectDelim reads one token, which must be the delimiter d.
func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if got, ok := tok.(json.Delim); !ok || got != d {
		return fmt.Errorf("expected %q", string(d))
	}
	return nil
}

// eachEntry reads an object of objects one entry at a time, calling f with
// each key that want accepts and its fields; an entry that is not an
// object is passed over, and one not wanted is read past undecoded.
func eachEntry(dec *json.Decoder, want func(key string) bool, f func(key string, fields map[string]json.RawMessage)) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil // null: no entries
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return errors.New(`expected "{"`)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		if !want(key) {
			continue
		}
		var fields map[string]json.RawMessage
		if json.Unmarshal(raw, &fields) == nil && fields != nil {
			f(key, fields)
		}
	}
	_, err = dec.Token() // the closing brace
	return err
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
			// A zone offset can carry 9999-12-31 into year 10000, which
			// no JSON or YAML encoder writes: the field is dropped, not
			// the file.
			if t = t.UTC(); t.Year() < 1 || t.Year() > 9999 {
				return time.Time{}
			}
			return t
		}
	}
	return time.Time{}
}

// Wanted reports, for a normalised URL, whether an item of the index
// refers to it: a repository (repo_url, additional_repos) or a Crunchbase
// organisation. ParseFullJSON keeps the facts of these alone.
func (x *Index) Wanted() func(url string) bool {
	urls := map[string]bool{}
	for i := range x.Len() {
		it := x.Item(i)
		for _, u := range append([]string{it.RepoURL, it.Crunchbase}, repoURLs(it.AdditionalRepos)...) {
			if k := NormalizeURL(u); k != "" {
				urls[k] = true
			}
		}
	}
	return func(url string) bool { return urls[url] }
}

func repoURLs(rs []Repo) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.RepoURL
	}
	return out
}

// joinFacts attaches the facts to the items, as With makes an index:
// GitHub facts to the items whose repo_url, or failing that one of whose
// additional_repos, they describe; an organisation's description to the
// items of its Crunchbase URL. Items without facts simply have none.
func (x *Index) joinFacts(f *Facts) {
	if f == nil || len(f.Repositories) == 0 && len(f.Organizations) == 0 {
		return
	}
	find := func(url string) *GitHub {
		if key := NormalizeURL(url); key != "" {
			return f.Repositories[key]
		}
		return nil
	}
	_, parsed := x.src.(memSource)
	for i := range x.Len() {
		it := x.Item(i)
		if parsed {
			it.Overview = nil // settled again with the facts (see SettleAbout)
		}
		if k := NormalizeURL(it.Crunchbase); k != "" {
			it.orgDescription = f.Organizations[k]
		}
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

// HasGitHubFacts reports whether any item carries GitHub facts (stars,
// contributors or commit dates), which some sorts and filters need.
func (x *Index) HasGitHubFacts() bool {
	for i := range x.Len() {
		if s := x.Summary(i); s.Stars > 0 || s.Contributors > 0 || s.LatestCommit > 0 || s.LatestRelease > 0 {
			return true
		}
	}
	return false
}
