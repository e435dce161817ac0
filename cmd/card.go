package cmd

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
)

// A card is an item as typed fields: a stable key (what scripts read in
// plain output), a label for people, a kind, and values as lists. Cards,
// plain output, comparisons and the browser all render these fields, each
// with its own renderer, and all read a value through text and url, which
// sanitise the untrusted data: a renderer cannot reach the raw string.

// valueForm says how a field's values read.
type valueForm int

const (
	formText     valueForm = iota
	formLink               // a URL, with a name when the item gives one
	formDate               // a date, or a time with how long ago
	formCount              // a number
	formActivity           // weekly commit counts, as a sparkline
)

// value is one value of a field: untrusted text, and for links a URL.
type value struct {
	raw, rawURL string
}

// text is the value, safe for a terminal on one line.
func (v value) text() string { return ui.Clean(v.raw) }

// url is the value's link when it is http(s), else "".
func (v value) url() string { return ui.SafeURL(v.rawURL) }

// target is where a terminal hyperlink may point: the raw URL when it is
// plain http(s) in printable ASCII, else "" (no link; the text still shows).
func (v value) target() string {
	u := strings.TrimSpace(v.rawURL)
	low := strings.ToLower(u)
	if !strings.HasPrefix(low, "https://") && !strings.HasPrefix(low, "http://") {
		return ""
	}
	for i := 0; i < len(u); i++ {
		if u[i] <= ' ' || u[i] >= 0x7f {
			return ""
		}
	}
	if _, err := url.Parse(u); err != nil {
		return ""
	}
	return u
}

// field is one line of a card.
type field struct {
	key, label string
	form       valueForm
	values     []value
	// short is what a comparison shows when it differs from the values
	// joined: a count of audits, the names of links.
	short string
	// source says, for a description, where the text comes from when it
	// is not the data's own (see aboutSource); "" otherwise.
	source string
}

// empty reports whether the field has nothing to show.
func (f field) empty() bool {
	for _, v := range f.values {
		if v.text() != "" || v.url() != "" {
			return false
		}
	}
	return true
}

// joined is the field's values on one line, links as "name URL".
func (f field) joined(sep string) string {
	var parts []string
	for _, v := range f.values {
		t, u := v.text(), v.url()
		switch {
		case f.form == formLink && u == "" && v.rawURL != "":
			continue // a link that is not http(s) is not shown
		case f.form == formLink && u == "":
			if t != "" {
				parts = append(parts, t) // a name without a link
			}
		case f.form == formLink && t != "" && t != u:
			parts = append(parts, t+" "+u)
		case f.form == formLink:
			parts = append(parts, u)
		case t != "":
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, sep)
}

// compareText is what a comparison shows of the field.
func (f field) compareText() string {
	if f.short != "" {
		return ui.Clean(f.short)
	}
	if t := f.joined(", "); t != "" && f.source != "" {
		return t + " (" + f.source + ")"
	}
	return f.joined(", ")
}

// aboutSource names where an item's description comes from, for people:
// nothing for the data's own.
func aboutSource(source string) string {
	switch source {
	case landscape.AboutGitHub:
		return "from GitHub"
	case landscape.AboutCrunchbase:
		return "from Crunchbase"
	case landscape.AboutGuide:
		return "from the guide"
	case landscape.AboutUseCase:
		return "from its use case"
	}
	return ""
}

func text(s string) []value {
	if s == "" {
		return nil
	}
	return []value{{raw: s}}
}

func link(name, u string) value { return value{raw: name, rawURL: u} }

// card lists an item's fields, in the order a card shows them. Empty
// fields are kept: plain output has the same lines for every item.
func card(x *landscape.Index, it *landscape.Item) []field {
	e := it.Extras()
	g := it.GitHub
	if g == nil {
		g = &landscape.GitHub{}
	}
	paths := x.Paths(it)
	var also []value
	for _, p := range paths[1:] {
		also = append(also, value{raw: p})
	}
	about := it.About()
	license := it.License
	if license == "" {
		license = g.License
	}
	var repos []value
	if it.RepoURL != "" {
		repos = append(repos, link("", it.RepoURL))
	}
	for _, r := range it.AdditionalRepos {
		repos = append(repos, link("", r.RepoURL))
	}
	var audits []value
	for _, a := range e.Audits {
		audits = append(audits, link(strings.TrimSpace(a.Date+" "+a.Type+" by "+a.Vendor), a.URL))
	}
	var links []value
	var linkNames []string
	for _, l := range e.CommunityLinks() {
		links = append(links, link(l.Name, l.URL))
		if ui.SafeURL(l.URL) != "" {
			linkNames = append(linkNames, l.Name)
		}
	}
	if it.Twitter != "" {
		links = append(links, link("Twitter", it.Twitter))
		if ui.SafeURL(it.Twitter) != "" {
			linkNames = append(linkNames, "Twitter")
		}
	}
	var org []value
	orgShort := it.OrganizationName()
	switch {
	case it.Crunchbase != "":
		if orgShort == "" {
			orgShort = orgName(it.Crunchbase)
		}
		org = []value{link(orgShort, it.Crunchbase)}
	case orgShort != "":
		org = text(orgShort)
	}
	auditCount := ""
	if n := len(e.Audits); n > 0 {
		auditCount = strconv.Itoa(n)
	}
	return []field{
		{key: "category", label: "Category", values: text(it.Category)},
		{key: "subcategory", label: "Subcategory", values: text(it.Subcategory)},
		{key: "also_in", label: "Also in", values: also},
		{key: "description", label: "Description", values: text(about.Text), source: aboutSource(about.Source)},
		{key: "homepage", label: "Homepage", form: formLink, values: []value{link("", it.HomepageURL)}},
		{key: "repository", label: "Repository", form: formLink, values: repos},
		{key: "license", label: "License", values: text(license)},
		{key: "stars", label: "Stars", form: formCount, values: text(count(g.Stars))},
		{key: "contributors", label: "Contributors", form: formCount, values: text(count(g.Contributors))},
		{key: "latest_release", label: "Latest release", form: formDate, values: text(agoDate(g.LatestRelease))},
		{key: "latest_commit", label: "Latest commit", form: formDate, values: text(agoDate(g.LatestCommit))},
		{key: "languages", label: "Languages", values: text(strings.Join(g.TopLanguages(3), ", "))},
		{key: "topics", label: "Topics", values: text(strings.Join(g.Topics, ", "))},
		{key: "activity", label: "Activity", form: formActivity, values: text(sparkline(g.Participation))},
		{key: "github_facts", label: "GitHub facts", form: formDate, values: text(factsAge(g.GeneratedAt))},
		{key: "organization", label: "Organization", form: formLink, values: org, short: orgShort},
		{key: "joined", label: "Joined", form: formDate, values: text(it.Joined)},
		{key: "accepted", label: "Accepted", form: formDate, values: text(e.Accepted)},
		{key: "incubating", label: "Incubating", form: formDate, values: text(e.Incubating)},
		{key: "graduated", label: "Graduated", form: formDate, values: text(e.Graduated)},
		{key: "archived", label: "Archived", form: formDate, values: text(e.Archived)},
		{key: "parent", label: "Parent", values: text(e.ParentProject)},
		{key: "audits", label: "Audits", form: formLink, values: audits, short: auditCount},
		{key: "use_case", label: "Use case", values: text(e.SummaryUseCase)},
		{key: "business", label: "Business", values: text(e.SummaryBusinessUseCase)},
		{key: "personas", label: "Personas", values: text(e.SummaryPersonas)},
		{key: "integrations", label: "Integrations", values: text(e.Integrations())},
		{key: "release_rate", label: "Release rate", values: text(e.SummaryReleaseRate)},
		{key: "tags", label: "Tags", values: text(e.SummaryTags)},
		{key: "best_practices", label: "Best practices", form: formLink, values: []value{link("", it.URLForBestPractices)}},
		{key: "links", label: "Links", form: formLink, values: links, short: strings.Join(linkNames, ", ")},
	}
}

// orgName reads the organization from a Crunchbase URL's last segment:
// "https://www.crunchbase.com/organization/sidero-labs" → "sidero-labs".
func orgName(u string) string {
	u = strings.TrimRight(ui.SafeURL(u), "/")
	if u == "" {
		return ""
	}
	return u[strings.LastIndex(u, "/")+1:]
}

// count writes a number with thousands separators, or "" for none.
func count(n int64) string {
	if n <= 0 {
		return ""
	}
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// agoDate is "3 days ago (2026-07-29)", or "" for an unknown time.
func agoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strings.Replace(ago(t), t.UTC().Format(" (2006-01-02 15:04 UTC)"), t.UTC().Format(" (2006-01-02)"), 1)
}

// factsAge tells how old the GitHub facts are.
func factsAge(generated time.Time) string {
	if generated.IsZero() {
		return ""
	}
	return "as of " + agoDate(generated)
}

// sparkline draws weekly commit counts, oldest first, as bars: a year of
// activity in 52 cells. Counts come from downloaded data: any number, huge
// or negative, draws a bar in range.
func sparkline(weeks []int64) string {
	var most int64
	for _, w := range weeks {
		most = max(most, w)
	}
	if most <= 0 {
		return ""
	}
	bars := []rune("▁▂▃▄▅▆▇█")
	var b strings.Builder
	for _, w := range weeks[:min(len(weeks), 52)] {
		i := int(float64(max(w, 0)) / float64(most) * float64(len(bars)-1))
		b.WriteRune(bars[min(max(i, 0), len(bars)-1)])
	}
	return b.String()
}
