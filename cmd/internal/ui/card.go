package ui

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/cnl-dev/cnl/landscape"
)

// A card is an item as typed fields: a stable key (what scripts read in
// plain output), a label for people, a kind, and values as lists. Cards,
// plain output, comparisons and the browser all render these fields, each
// with its own renderer, and all read a Value through text and url, which
// sanitise the untrusted data: a renderer cannot reach the raw string.

// Form says how a field's values read.
type Form int

const (
	FormText     Form = iota
	FormLink          // a URL, with a name when the item gives one
	FormDate          // a date, or a time with how long ago
	FormCount         // a number
	FormActivity      // weekly commit counts, as a sparkline
)

// Value is one value of a field: untrusted text, and for links a URL.
type Value struct {
	raw, rawURL string
}

// Text is the value, safe for a terminal on one line.
func (v Value) Text() string { return Clean(v.raw) }

// URL is the value's link when it is http(s), else "".
func (v Value) URL() string { return SafeURL(v.rawURL) }

// Target is where a terminal hyperlink may point: the raw URL when it is
// plain http(s) in printable ASCII, else "" (no link; the text still shows).
func (v Value) Target() string {
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

// Field is one line of a card.
type Field struct {
	Key, Label string
	Form       Form
	Values     []Value
	// short is what a comparison shows when it differs from the values
	// joined: a count of audits, the names of links.
	short string
	// Source says, for a description, where the text comes from when it
	// is not the data's own (see aboutSource); "" otherwise.
	Source string
}

// Empty reports whether the Field has nothing to show.
func (f Field) Empty() bool {
	for _, v := range f.Values {
		if v.Text() != "" || v.URL() != "" {
			return false
		}
	}
	return true
}

// Joined is the field's values on one line, links as "name URL".
func (f Field) Joined(sep string) string {
	var parts []string
	for _, v := range f.Values {
		t, u := v.Text(), v.URL()
		switch {
		case f.Form == FormLink && u == "" && v.rawURL != "":
			continue // a link that is not http(s) is not shown
		case f.Form == FormLink && u == "":
			if t != "" {
				parts = append(parts, t) // a name without a link
			}
		case f.Form == FormLink && t != "" && t != u:
			parts = append(parts, t+" "+u)
		case f.Form == FormLink:
			parts = append(parts, u)
		case t != "":
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, sep)
}

// HasShort reports whether a comparison shows the field as its short
// form (a count, names) rather than its values.
func (f Field) HasShort() bool { return f.short != "" }

// CompareText is what a comparison shows of the field.
func (f Field) CompareText() string {
	if f.short != "" {
		return Clean(f.short)
	}
	if t := f.Joined(", "); t != "" && f.Source != "" {
		return t + " (" + f.Source + ")"
	}
	return f.Joined(", ")
}

// AboutSource names where an item's description comes from, for people:
// nothing for the data's own.
func AboutSource(source string) string {
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

func TextValues(s string) []Value {
	if s == "" {
		return nil
	}
	return []Value{{raw: s}}
}

func Link(name, u string) Value { return Value{raw: name, rawURL: u} }

// Card lists an item's fields, in the order a card shows them. Empty
// fields are kept: plain output has the same lines for every item.
func Card(x *landscape.Index, it *landscape.Item, now time.Time) []Field {
	e := it.Extras()
	g := it.GitHub
	if g == nil {
		g = &landscape.GitHub{}
	}
	paths := x.Paths(it)
	var also []Value
	for _, p := range paths[1:] {
		also = append(also, Value{raw: p})
	}
	about := it.About()
	license := it.License
	if license == "" {
		license = g.License
	}
	var repos []Value
	if it.RepoURL != "" {
		repos = append(repos, Link("", it.RepoURL))
	}
	for _, r := range it.AdditionalRepos {
		repos = append(repos, Link("", r.RepoURL))
	}
	var audits []Value
	for _, a := range e.Audits {
		audits = append(audits, Link(strings.TrimSpace(a.Date+" "+a.Type+" by "+a.Vendor), a.URL))
	}
	var links []Value
	var linkNames []string
	for _, l := range e.CommunityLinks() {
		links = append(links, Link(l.Name, l.URL))
		if SafeURL(l.URL) != "" {
			linkNames = append(linkNames, l.Name)
		}
	}
	if it.Twitter != "" {
		links = append(links, Link("Twitter", it.Twitter))
		if SafeURL(it.Twitter) != "" {
			linkNames = append(linkNames, "Twitter")
		}
	}
	var org []Value
	orgShort := it.OrganizationName()
	switch {
	case it.Crunchbase != "":
		if orgShort == "" {
			orgShort = orgName(it.Crunchbase)
		}
		org = []Value{Link(orgShort, it.Crunchbase)}
	case orgShort != "":
		org = TextValues(orgShort)
	}
	auditCount := ""
	if n := len(e.Audits); n > 0 {
		auditCount = strconv.Itoa(n)
	}
	return []Field{
		{Key: "category", Label: "Category", Values: TextValues(it.Category)},
		{Key: "subcategory", Label: "Subcategory", Values: TextValues(it.Subcategory)},
		{Key: "also_in", Label: "Also in", Values: also},
		{Key: "description", Label: "Description", Values: TextValues(about.Text), Source: AboutSource(about.Source)},
		{Key: "learn_more", Label: "Learn more", Values: TextValues(learnMore(x, it, about))},
		{Key: "homepage", Label: "Homepage", Form: FormLink, Values: []Value{Link("", it.HomepageURL)}},
		{Key: "repository", Label: "Repository", Form: FormLink, Values: repos},
		{Key: "license", Label: "License", Values: TextValues(license)},
		{Key: "stars", Label: "Stars", Form: FormCount, Values: TextValues(Count(g.Stars))},
		{Key: "contributors", Label: "Contributors", Form: FormCount, Values: TextValues(Count(g.Contributors))},
		{Key: "latest_release", Label: "Latest release", Form: FormDate, Values: TextValues(AgoDate(g.LatestRelease, now))},
		{Key: "latest_commit", Label: "Latest commit", Form: FormDate, Values: TextValues(AgoDate(g.LatestCommit, now))},
		{Key: "languages", Label: "Languages", Values: TextValues(strings.Join(g.TopLanguages(3), ", "))},
		{Key: "topics", Label: "Topics", Values: TextValues(strings.Join(g.Topics, ", "))},
		{Key: "activity", Label: "Activity", Form: FormActivity, Values: TextValues(Sparkline(g.Participation))},
		{Key: "github_facts", Label: "GitHub facts", Form: FormDate, Values: TextValues(FactsAge(g.GeneratedAt, now))},
		{Key: "organization", Label: "Organization", Form: FormLink, Values: org, short: orgShort},
		{Key: "joined", Label: "Joined", Form: FormDate, Values: TextValues(it.Joined)},
		{Key: "accepted", Label: "Accepted", Form: FormDate, Values: TextValues(e.Accepted)},
		{Key: "incubating", Label: "Incubating", Form: FormDate, Values: TextValues(e.Incubating)},
		{Key: "graduated", Label: "Graduated", Form: FormDate, Values: TextValues(e.Graduated)},
		{Key: "archived", Label: "Archived", Form: FormDate, Values: TextValues(e.Archived)},
		{Key: "parent", Label: "Parent", Values: TextValues(e.ParentProject)},
		{Key: "audits", Label: "Audits", Form: FormLink, Values: audits, short: auditCount},
		{Key: "use_case", Label: "Use case", Values: TextValues(e.SummaryUseCase)},
		{Key: "business", Label: "Business", Values: TextValues(e.SummaryBusinessUseCase)},
		{Key: "personas", Label: "Personas", Values: TextValues(e.SummaryPersonas)},
		{Key: "integrations", Label: "Integrations", Values: TextValues(e.Integrations())},
		{Key: "release_rate", Label: "Release rate", Values: TextValues(e.SummaryReleaseRate)},
		{Key: "tags", Label: "Tags", Values: TextValues(e.SummaryTags)},
		{Key: "best_practices", Label: "Best practices", Form: FormLink, Values: []Value{Link("", it.URLForBestPractices)}},
		{Key: "links", Label: "Links", Form: FormLink, Values: links, short: strings.Join(linkNames, ", ")},
	}
}

// orgName reads the organization from a Crunchbase URL's last segment:
// "https://www.crunchbase.com/organization/sidero-labs" → "sidero-labs".
func orgName(u string) string {
	u = strings.TrimRight(SafeURL(u), "/")
	if u == "" {
		return ""
	}
	return u[strings.LastIndex(u, "/")+1:]
}

// Count writes a number with thousands separators, or "" for none.
func Count(n int64) string {
	if n <= 0 {
		return ""
	}
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// AgoDate is "3 days ago (2026-07-29)", or "" for an unknown time.
func AgoDate(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strings.Replace(Ago(t, now), t.UTC().Format(" (2006-01-02 15:04 UTC)"), t.UTC().Format(" (2006-01-02)"), 1)
}

// FactsAge tells how old the GitHub facts are.
func FactsAge(generated, now time.Time) string {
	if generated.IsZero() {
		return ""
	}
	return "as of " + AgoDate(generated, now)
}

// Sparkline draws weekly commit counts, oldest first, as bars: a year of
// activity in 52 cells. Counts come from downloaded data: any number, huge
// or negative, draws a bar in range.
func Sparkline(weeks []int64) string {
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

// learnMore says, for an item with no summary, where to learn what it is:
// what the guide says of its place, and its repository or homepage.
func learnMore(x *landscape.Index, it *landscape.Item, about landscape.About) string {
	if about.Text != "" {
		return ""
	}
	var where []string
	if g := x.Guide(); g != nil {
		if _, ok := g.Section(it.Category, it.Subcategory); ok {
			where = append(where, "the guide on "+it.Category+" › "+it.Subcategory+" says what this kind of tool is for")
		} else if _, ok := g.Section(it.Category, ""); ok {
			where = append(where, "the guide on "+it.Category+" says what this kind of tool is for")
		}
	}
	switch {
	case it.RepoURL != "":
		where = append(where, "its repository's README says what it is")
	case it.HomepageURL != "":
		where = append(where, "its homepage says what it is")
	}
	if len(where) == 0 {
		return ""
	}
	return "No summary: " + strings.Join(where, "; ") + "."
}

// RenderCard draws the item as a bordered card that fits width. Links are
// never split across lines, so they stay whole to click or copy.
func RenderCard(st *Styles, x *landscape.Index, it *landscape.Item, width int, now time.Time) string {
	// Below 40 columns the card has no border and its labels stand above
	// their values: a label column would leave the values no room.
	boxed := width >= 40
	inner := min(width, 100) - 4 // border and padding take 4 cells
	const labelW = 15            // "Latest release" and a space
	valueW := inner - labelW
	if !boxed {
		inner = max(1, width)
		valueW = max(1, inner-2)
	}
	var b strings.Builder
	head := st.Title.Render(Clean(it.Name))
	if badge := st.Badge(it.Maturity); badge != "" {
		head += "  " + badge
	}
	b.WriteString(st.Plain().Width(inner).Render(head) + "\n")
	b.WriteString(st.Plain().Width(inner).Render(st.Dim.Render(Clean(it.Category)+" › "+Clean(it.Subcategory))) + "\n")
	for _, f := range Card(x, it, now) {
		if f.Empty() || f.Key == "category" || f.Key == "subcategory" {
			continue
		}
		if f.Key == "description" || f.Key == "learn_more" {
			text := f.Joined(" ")
			if f.Source != "" {
				text += " " + st.Dim.Render("("+f.Source+")")
			}
			b.WriteString("\n" + st.Plain().Width(inner).Render(text) + "\n\n")
			continue
		}
		var lines []string
		switch f.Form {
		case FormLink:
			for _, v := range f.Values {
				if u := v.URL(); u != "" {
					lines = append(lines, linkLine(st, v.Text(), u, v.Target(), valueW))
				} else if v.rawURL == "" && v.Text() != "" {
					lines = append(lines, Truncate(v.Text(), valueW))
				}
			}
		default:
			for _, v := range f.Values {
				if t := v.Text(); t != "" {
					lines = append(lines, st.Plain().Width(valueW).Render(t))
				}
			}
		}
		for i, l := range lines {
			switch {
			case !boxed && i == 0:
				b.WriteString(st.Key.Render(Truncate(f.Label, inner)) + "\n" + Indent(l, "  ") + "\n")
			case !boxed:
				b.WriteString(Indent(l, "  ") + "\n")
			case i == 0:
				b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, st.Key.Width(labelW).Render(f.Label), l) + "\n")
			default:
				b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, st.Key.Width(labelW).Render(""), l) + "\n")
			}
		}
	}
	if !boxed {
		return strings.TrimRight(b.String(), "\n")
	}
	return st.Card.Width(inner + 4).Render(strings.TrimRight(b.String(), "\n"))
}

// linkLine puts a link's name and URL in width cells: the name first, and
// the URL whole on its own line when both do not fit. A URL longer than
// the width is cut at the end, never broken across lines; on a terminal
// with colour it is a hyperlink to the whole URL (OSC 8).
func linkLine(st *Styles, name, u, target string, width int) string {
	if name == "" || name == u {
		return st.Hyperlink(Truncate(u, width), target)
	}
	if lipgloss.Width(name)+1+lipgloss.Width(u) <= width {
		return name + " " + st.Hyperlink(u, target)
	}
	return Truncate(name, width) + "\n" + st.Hyperlink(Truncate(u, width), target)
}

// Indent puts prefix before every line of s.
func Indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// Ago renders a time as "3 hours ago (2026-11-25 10:15 UTC)", seen at now
// (the command's clock).
func Ago(t, now time.Time) string {
	if t.IsZero() {
		return "at an unknown time"
	}
	d := now.Sub(t)
	var rel string
	switch {
	case d < -time.Minute:
		// A clock behind the source's, or a date from nowhere: said,
		// not hidden as "just now".
		rel = "in the future"
	case d < time.Minute:
		rel = "just now"
	case d < time.Hour:
		rel = fmt.Sprintf("%d minutes ago", int(d.Minutes()))
	case d < 48*time.Hour:
		rel = fmt.Sprintf("%d hours ago", int(d.Hours()))
	default:
		rel = fmt.Sprintf("%d days ago", int(d.Hours()/24))
	}
	return rel + " (" + t.UTC().Format("2006-01-02 15:04 UTC") + ")"
}
