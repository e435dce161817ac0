package mcpservice

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/glossary"
	"github.com/cnl-dev/cnl/landscape/scan"
	"github.com/cnl-dev/cnl/landscape/search"
)

// Link is a cnl:// resource an answer points to, for the host to offer
// or read (a resource_link).
type Link struct {
	URI, Name, Title string
}

func guideLink(place string) Link {
	return Link{URI: "cnl://guide/" + url.PathEscape(place), Name: "guide/" + place, Title: "The guide on " + place}
}

// ResourceLinks are the resources a glossary answer points to: the term's
// page, and those of its related terms.
func (o GlossaryOut) ResourceLinks() []Link {
	if o.Term == nil {
		return []Link{{URI: "cnl://glossary", Name: "glossary", Title: "The glossary's terms"}}
	}
	links := []Link{{URI: "cnl://glossary/" + o.Term.Slug, Name: "glossary/" + o.Term.Slug, Title: o.Term.Title}}
	for _, s := range o.Term.SeeAlso {
		links = append(links, Link{URI: "cnl://glossary/" + s, Name: "glossary/" + s, Title: s})
	}
	for _, p := range o.Term.Places {
		links = append(links, guideLink(p))
	}
	return links
}

// ResourceLinks are the guide's text for each section given.
func (o GuideOut) ResourceLinks() []Link {
	var links []Link
	for _, s := range o.Sections {
		p := s.Category
		if s.Subcategory != "" {
			p += "/" + s.Subcategory
		}
		links = append(links, guideLink(p))
	}
	return links
}

// ResourceLinks are what the guide says of the item's place.
func (o ItemOut) ResourceLinks() []Link {
	if o.Item == nil {
		return nil
	}
	return []Link{guideLink(o.Item.Category + "/" + o.Item.Subcategory)}
}

// ResourceLinks are what the guide says of the place.
func (o ListOut) ResourceLinks() []Link { return []Link{guideLink(o.Place)} }

// Bounds on what a tool takes and gives: an assistant's call is not
// trusted to be small.
const (
	maxResults = 100
	maxText    = 1 << 20 // scan_text
	maxCompare = 10
)

// Item is an item as the tools give it: what it is and where it sits.
// (Exported, as every type a tool's output embeds: sanitize reaches only
// what reflection may set.)
type Item struct {
	Name          string `json:"name"`
	Slug          string `json:"slug" jsonschema:"the item's key: get_item takes it"`
	Category      string `json:"category"`
	Subcategory   string `json:"subcategory"`
	Maturity      string `json:"maturity,omitempty" jsonschema:"CNCF maturity: graduated, incubating, sandbox or archived; empty for items outside the CNCF"`
	Kind          string `json:"kind" jsonschema:"project, product or member"`
	Summary       string `json:"summary,omitempty" jsonschema:"what the item says it is"`
	SummarySource string `json:"summary_source,omitempty" jsonschema:"where the summary comes from: data, github, crunchbase, guide or use_case"`
}

func newItem(x *landscape.Index, i int) Item {
	s := x.Summary(i)
	return Item{Name: s.Name, Slug: s.Slug, Category: s.Category, Subcategory: s.Subcategory, Maturity: s.Maturity,
		Kind: x.Kind(i), Summary: s.Description, SummarySource: s.DescriptionSource}
}

func (it Item) line() string {
	l := fmt.Sprintf("%s (%s/%s", it.Name, it.Category, it.Subcategory)
	if it.Maturity != "" {
		l += ", " + it.Maturity
	}
	l += ")"
	if it.Summary != "" {
		l += ": " + ui.Truncate(it.Summary, 200)
	}
	return l
}

// SearchIn is what the search tool takes.
type SearchIn struct {
	Query       string   `json:"query,omitempty" jsonschema:"what to look for: a name, a need (container runtime), jargon (k8s, otel), typos are forgiven"`
	Category    string   `json:"category,omitempty" jsonschema:"only this category (list_places names them)"`
	Subcategory string   `json:"subcategory,omitempty" jsonschema:"only this subcategory, e.g. Container Runtime"`
	Maturity    []string `json:"maturity,omitempty" jsonschema:"only these CNCF maturities: graduated, incubating, sandbox, archived"`
	Kind        []string `json:"kind,omitempty" jsonschema:"only these kinds: project, product, member"`
	License     []string `json:"license,omitempty" jsonschema:"only these SPDX licenses, e.g. Apache-2.0"`
	Language    string   `json:"language,omitempty" jsonschema:"only items whose repository is mostly in this language (needs GitHub facts)"`
	MinStars    int64    `json:"min_stars,omitempty" jsonschema:"only items with at least this many GitHub stars (needs GitHub facts)"`
	ActiveSince string   `json:"active_since,omitempty" jsonschema:"only items with a commit since then: a date (2026-01-31) or a span (90d, 6m, 1y)"`
	Limit       int      `json:"limit,omitempty" jsonschema:"how many results, 1 to 100 (default 10)"`
	Offset      int      `json:"offset,omitempty" jsonschema:"results to pass over: the next_offset of the answer before, for the next page"`
}

// SearchHit is one search result: the item, its score and why it matched.
type SearchHit struct {
	Item
	Score float64  `json:"score" jsonschema:"relevance; higher is better"`
	Why   []string `json:"why" jsonschema:"how the query matched: which words, in which fields"`
}

// SearchOut is what search gives.
type SearchOut struct {
	Dated
	Total      int         `json:"total" jsonschema:"how many items match in all"`
	Results    []SearchHit `json:"results"`
	NextOffset int         `json:"next_offset,omitempty" jsonschema:"the offset of the next page; absent on the last"`
}

// NameIn names one item.
type NameIn struct {
	Name string `json:"name" jsonschema:"a project's name, slug, acronym or a loose name (talos, opa, k8s)"`
}

// CardField is one field of an item's card, as text.
type CardField struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// ItemOut is what get_item gives: the item, or the candidates a name could mean.
type ItemOut struct {
	Dated
	Found      bool        `json:"found"`
	Item       *Item       `json:"item,omitempty"`
	Fields     []CardField `json:"fields,omitempty" jsonschema:"the item's card: links, dates, license, audits, use case…"`
	Others     []string    `json:"others,omitempty" jsonschema:"other close candidates"`
	Candidates []string    `json:"candidates,omitempty" jsonschema:"when the name is ambiguous or a topic: the items it could mean"`
	Message    string      `json:"message,omitempty"`
}

// CompareIn is what compare takes: names, or a place.
type CompareIn struct {
	Names []string `json:"names,omitempty" jsonschema:"two to ten names to compare"`
	Place string   `json:"place,omitempty" jsonschema:"or a category or subcategory: compare every item there"`
}

// CompareOut is what compare gives.
type CompareOut struct {
	Dated
	Items []Item          `json:"items"`
	Rows  []ui.CompareRow `json:"rows" jsonschema:"one field each, a value per item; differ marks rows where they differ"`
}

// NoIn is the input of a tool that takes none.
type NoIn struct{}

// PlacesOut is the category tree.
type PlacesOut struct {
	Dated
	Categories []answer.CategoryJSON `json:"categories"`
}

// ListIn is what list_items takes.
type ListIn struct {
	Place    string   `json:"place" jsonschema:"a category, Category/Subcategory, or a subcategory alone"`
	Maturity []string `json:"maturity,omitempty" jsonschema:"only these maturities"`
	Kind     []string `json:"kind,omitempty" jsonschema:"only these kinds: project, product, member"`
	Limit    int      `json:"limit,omitempty" jsonschema:"at most this many, 1 to 100 (default 100)"`
	Offset   int      `json:"offset,omitempty" jsonschema:"items to pass over: the next_offset of the answer before, for the next page"`
}

// ListOut is what list_items gives.
type ListOut struct {
	Dated
	Place      string `json:"place"`
	Total      int    `json:"total" jsonschema:"how many items the place has (with the filters)"`
	Items      []Item `json:"items"`
	NextOffset int    `json:"next_offset,omitempty" jsonschema:"the offset of the next page; absent on the last"`
}

// GuideIn is what the guide tool takes.
type GuideIn struct {
	Place string `json:"place,omitempty" jsonschema:"a category or subcategory, or a project (its place's text); empty for the contents"`
}

// GuideSection is one section of the guide.
type GuideSection struct {
	Category    string `json:"category"`
	Subcategory string `json:"subcategory,omitempty"`
	Text        string `json:"text" jsonschema:"the guide's text, Markdown"`
}

// GuideOut is what the guide tool gives: sections, or the contents.
type GuideOut struct {
	Dated
	Place    string              `json:"place,omitempty"`
	Sections []GuideSection      `json:"sections,omitempty"`
	Contents []answer.GuideEntry `json:"contents,omitempty" jsonschema:"without a place: every place, and whether the guide explains it"`
}

// GlossaryIn is what the glossary tool takes.
type GlossaryIn struct {
	Term string `json:"term,omitempty" jsonschema:"a concept: vm, container, service mesh, oci, iac…; empty for the list of terms"`
	Lang string `json:"lang,omitempty" jsonschema:"a translation where one exists (de, es, fr, ja, ko, zh-cn…); default English"`
}

// GlossaryOut is a glossary term, or the list of them.
type GlossaryOut struct {
	Dated
	Term  *answer.GlossaryPage      `json:"term,omitempty"`
	Terms []answer.GlossaryTermList `json:"terms,omitempty"`
}

// ChangesIn is what the changes tool takes.
type ChangesIn struct {
	Only []string `json:"only,omitempty" jsonschema:"only these kinds of change: added, removed, moved, renamed, maturity, changed"`
	Kind []string `json:"kind,omitempty" jsonschema:"only entries of these kinds: project, product, member"`
	From string   `json:"from,omitempty" jsonschema:"with to: the CNCF projects that reached a level between two dates (2025, 2025-06 or 2025-06-30), from the data's own dates, instead of the cache's last update"`
	To   string   `json:"to,omitempty" jsonschema:"the end of that span, inclusive (default: from's year, month or day)"`
	// Level is for the dated moves only.
	Level []string `json:"level,omitempty" jsonschema:"with from: only moves to these levels (graduated in 2025: level graduated, from 2025)"`
}

// levels are the levels a CNCF project reaches, as changes names them.
var levels = []string{"accepted", "incubating", "graduated", "archived"}

// LevelMove is a CNCF project reaching a level on a date.
type LevelMove struct {
	Name  string `json:"name"`
	Level string `json:"level" jsonschema:"accepted (into the sandbox or straight to incubation), incubating, graduated or archived"`
	Date  string `json:"date"`
}

// ChangesOut is what changes gives: the diff of the cache's two landscapes, or the level moves between two dates.
type ChangesOut struct {
	Dated
	Fetched string          `json:"fetched,omitempty" jsonschema:"when the newer landscape was fetched; the older is the one that update replaced"`
	Diff    *landscape.Diff `json:"diff,omitempty"`
	Moves   []LevelMove     `json:"moves,omitempty" jsonschema:"with from and to: each level a project reached in that span, by date"`
}

// ScanIn is the text scan_text reads.
type ScanIn struct {
	Text string `json:"text" jsonschema:"notes, a README, a chat: the projects and concepts it mentions are listed"`
}

// MembersIn is what the members tool takes.
type MembersIn struct {
	Tier string `json:"tier,omitempty" jsonschema:"only this tier (Platinum, Gold, Silver, End User Supporter…)"`
}

// Tier is one membership tier and its members.
type Tier struct {
	Tier    string   `json:"tier"`
	Count   int      `json:"count"`
	Members []string `json:"members"`
}

// MembersOut is what members gives.
type MembersOut struct {
	Dated
	Tiers []Tier `json:"tiers"`
}

// ScanOut is what scan_text gives: as cnl scan -o json.
type ScanOut struct {
	Dated
	Projects      []answer.ScanJSON    `json:"projects" jsonschema:"at most 100 projects, in the order first mentioned, each with its first 3 mentions and its count of them"`
	Concepts      []answer.ConceptJSON `json:"concepts" jsonschema:"at most 50 glossary concepts, in the order first mentioned, each with its first 3 mentions and its count"`
	TotalProjects int                  `json:"total_projects" jsonschema:"how many projects the text mentions in all"`
	TotalConcepts int                  `json:"total_concepts" jsonschema:"how many concepts the text mentions in all"`
}

// What scan_text gives at most, whatever the text: an answer a model can
// read (40 kB of notes gave 74 KB, 900 kB up to 3.6 MB).
const (
	scanProjects = 100
	scanConcepts = 50
	scanMentions = 3
)

// Tool is one tool: its name and title, what it does for the
// assistant, and what its schema says of its arguments beyond their types.
type Tool struct {
	Name        string
	Title       string
	Description string
	ReadOnly    bool // reads the local landscape only; else it fetches (update)
	Args        map[string]Arg
}

// ToolOf is a tool with its handler, of the tool's own input and output
// types (Out's strings sanitised; the string is the text rendering): the
// protocol side takes its schemas from them.
type ToolOf[In, Out any] struct {
	Tool
	Handle func(context.Context, In) (Out, string, error)
}

// Arg narrows an argument in its tool's schema: the closed set it is
// taken from (for a list, its items'), its default, its bounds (of a
// number, or of a list's length; 0 for none).
type Arg struct {
	Enum     []string
	Default  any
	Min, Max int
}

// Tools are the tools cnl mcp offers, each with its types, in the order
// it lists them.
type Tools struct {
	Search     ToolOf[SearchIn, SearchOut]
	GetItem    ToolOf[NameIn, ItemOut]
	Compare    ToolOf[CompareIn, CompareOut]
	ListPlaces ToolOf[NoIn, PlacesOut]
	ListItems  ToolOf[ListIn, ListOut]
	Guide      ToolOf[GuideIn, GuideOut]
	Glossary   ToolOf[GlossaryIn, GlossaryOut]
	Stats      ToolOf[NoIn, StatsOut]
	Changes    ToolOf[ChangesIn, ChangesOut]
	ScanText   ToolOf[ScanIn, ScanOut]
	Members    ToolOf[MembersIn, MembersOut]
	Update     *ToolOf[NoIn, UpdateOut] // with --allow-update only
}

// tool is a read-only tool answered by h.
func tool[In, Out any](s *server, name, title, description string, args map[string]Arg, h func(context.Context, *landscape.Index, In) (Out, string, error)) ToolOf[In, Out] {
	return ToolOf[In, Out]{Tool{Name: name, Title: title, Description: description, ReadOnly: true, Args: args}, serve(s, name, true, h)}
}

// Tools are the tools cnl mcp offers. The closed sets are the ones the
// command line checks its flags against.
func (m *Service) Tools() Tools {
	s := m.s
	maturity := Arg{Enum: landscape.Maturities}
	kind := Arg{Enum: landscape.Kinds}
	limit := func(def int) Arg { return Arg{Default: def, Min: 1, Max: maxResults} }
	offset := Arg{Default: 0, Min: 0}
	t := Tools{
		Search: tool(s, "search", "Search the landscape",
			"Search the landscape, ranked so the projects that define a topic come first. "+
				"Give a query, filters, or both. Each result says what the item is and why it matched.",
			map[string]Arg{"maturity": maturity, "kind": kind, "limit": limit(10), "offset": offset, "min_stars": {}}, s.search),
		GetItem: tool(s, "get_item", "One item's card",
			"One item's card: what it is, where it sits, its links, CNCF dates, license, audits and use case. "+
				"Loose names resolve (talos → Talos Linux); an ambiguous name or a topic returns the candidates.", nil, s.getItem),
		Compare: tool(s, "compare", "Compare items side by side",
			"Compare two to ten items side by side, or every item of a place, field by field.",
			map[string]Arg{"names": {Min: 2, Max: maxCompare}}, s.compare),
		ListPlaces: tool(s, "list_places", "Categories and subcategories",
			"The landscape's categories and subcategories, with item counts.", nil, s.listPlaces),
		ListItems: tool(s, "list_items", "Items of a place",
			"The items of a category or subcategory, by name.",
			map[string]Arg{"maturity": maturity, "kind": kind, "limit": limit(maxResults), "offset": offset}, s.listItems),
		Guide: tool(s, "guide", "What a category is for",
			"What the landscape's guide says a category or subcategory is for (Markdown), or its contents.", nil, s.guide),
		Glossary: tool(s, "glossary", "A cloud native concept explained",
			"A concept explained by the CNCF Cloud Native Glossary (virtual machine, container, service mesh, "+
				"infrastructure as code…) and Kubernetes' own words from the Kubernetes glossary (label, annotation, "+
				"admission controller, PVC), with the landscape's places for it; or the list of terms.",
			map[string]Arg{"lang": {Enum: answer.GlossaryLanguages(), Default: "en"}}, s.glossary),
		Stats: tool(s, "stats", "Landscape statistics",
			"Counts: items by category and subcategory, CNCF projects by maturity and by year accepted.", nil, s.stats),
		Changes: tool(s, "changes", "What changed",
			"What changed between the two landscapes in the cache (the last update and the one before): "+
				"added, removed, moved, renamed, maturity changes (which projects graduated), changed fields.",
			map[string]Arg{"only": {Enum: answer.ChangeTypes}, "kind": kind, "level": {Enum: levels}}, s.changes),
		ScanText: tool(s, "scan_text", "Projects and concepts in a text",
			"The landscape projects and the glossary concepts a text mentions, with where. "+
				"Everyday words are not taken for projects.", nil, s.scanText),
		Members: tool(s, "members", "Members by tier",
			"The foundation's members and end users, by tier.", nil, s.members),
	}
	if s.allowUpdate {
		t.Update = &ToolOf[NoIn, UpdateOut]{Tool{Name: "update", Title: "Update the landscape data",
			Description: "Fetch the newest landscape data over the network into the cache, then answer from it."},
			serve(s, "update", false, s.update)}
	}
	return t
}

// Glossary is the glossary's page for term as Markdown, or the list of
// terms for "" (the cnl://glossary resources).
func (m *Service) Glossary(ctx context.Context, term string) (string, error) {
	_, text, err := serve(m.s, "glossary", true, m.s.glossary)(ctx, GlossaryIn{Term: term})
	return text, err
}

// Guide is the guide's text for place as Markdown, or its contents for ""
// (the cnl://guide resources).
func (m *Service) Guide(ctx context.Context, place string) (string, error) {
	_, text, err := serve(m.s, "guide", true, m.s.guide)(ctx, GuideIn{Place: place})
	return text, err
}

// GlossaryTerms are the glossary's terms: slug, title and summary.
func (m *Service) GlossaryTerms() [][3]string {
	var out [][3]string
	for _, g := range []*glossary.Glossary{glossary.CNCF(), glossary.Kubernetes()} {
		for _, t := range g.Terms {
			out = append(out, [3]string{t.Slug, t.Title, t.Summary})
		}
	}
	return out
}

func (s *server) search(ctx context.Context, x *landscape.Index, in SearchIn) (SearchOut, string, error) {
	q := search.Query{Text: in.Query, Category: in.Category, Subcategory: in.Subcategory, Maturity: in.Maturity, Kind: in.Kind}
	if err := errors.Join(answer.CheckMaturities(q.Maturity), answer.CheckKinds(q.Kind)); err != nil {
		return SearchOut{}, "", err
	}
	f := answer.FactFilters{License: in.License, Language: in.Language, MinStars: in.MinStars, ActiveSince: in.ActiveSince}
	if err := f.Apply(&q, s.g.Now()); err != nil {
		return SearchOut{}, "", err
	}
	if strings.TrimSpace(q.Text) == "" && q.Category == "" && q.Subcategory == "" && len(q.Maturity) == 0 && len(q.Kind) == 0 && !f.Set() {
		return SearchOut{}, "", errors.New("search needs a query or a filter")
	}
	if err := s.g.NeedFacts(x, q, answer.OverMCP, io.Discard); err != nil {
		return SearchOut{}, "", err
	}
	rs, err := search.Search(x, q)
	if err != nil {
		return SearchOut{}, "", err
	}
	out := SearchOut{Total: len(rs), Results: []SearchHit{}}
	var b strings.Builder
	from, to, next := page(len(rs), in.Offset, limitOf(in.Limit, 10))
	for i, r := range rs[from:to] {
		h := SearchHit{Item: newItem(x, r.Index), Score: answer.Round3(r.Score), Why: why(r.Match())}
		out.Results = append(out.Results, h)
		fmt.Fprintf(&b, "%d. %s\n", from+i+1, h.line())
	}
	out.NextOffset = next
	switch {
	case len(rs) == 0:
		b.WriteString("no matches; try fewer words, or list_places\n")
	case from >= len(rs):
		fmt.Fprintf(&b, "no results past %d: there are %d\n", len(rs), len(rs))
	default:
		b.WriteString(pageNote(from, to, len(rs), next))
	}
	return out, b.String(), nil
}

// page is the part of n results a call shows: [from, to), and the offset
// of the next page, 0 on the last.
func page(n, offset, limit int) (from, to, next int) {
	from = min(max(offset, 0), n)
	to = min(from+limit, n)
	if to < n {
		next = to
	}
	return from, to, next
}

// pageNote says which page this is and how to get the next.
func pageNote(from, to, total, next int) string {
	if next == 0 && from == 0 {
		return ""
	}
	note := fmt.Sprintf("(%d to %d of %d", from+1, to, total)
	if next > 0 {
		note += fmt.Sprintf("; the same call with offset %d gives the next", next)
	}
	return note + ")\n"
}

// limitOf bounds a requested count: def when unset, at most maxResults.
func limitOf(n, def int) int {
	if n <= 0 {
		return def
	}
	return min(n, maxResults)
}

// why says how a result matched, one phrase per query word, as --explain.
func why(m search.Match) []string {
	out := []string{}
	if m.Tier != "" {
		out = append(out, "the query names it ("+m.Tier+")")
	}
	for _, t := range m.Terms {
		if t.How == "" {
			out = append(out, fmt.Sprintf("%q: no match", t.Query))
			continue
		}
		out = append(out, fmt.Sprintf("%q: %s %q in %s", t.Query, t.How, t.Term, strings.Join(t.Fields, ", ")))
	}
	if m.Phrase {
		out = append(out, "the words side by side")
	}
	return out
}

func (s *server) getItem(ctx context.Context, x *landscape.Index, in NameIn) (ItemOut, string, error) {
	if strings.TrimSpace(in.Name) == "" {
		return ItemOut{}, "", errors.New("get_item needs a name")
	}
	res, err := search.Resolve(x, in.Name)
	if err != nil {
		var notName *search.NotANameError
		var notFound *search.NotFoundError
		switch {
		case errors.As(err, &notName):
			return ItemOut{Candidates: notName.Candidates, Message: err.Error()}, err.Error(), nil
		case errors.As(err, &notFound):
			return ItemOut{Candidates: notFound.Suggestions, Message: err.Error()}, err.Error(), nil
		}
		return ItemOut{}, "", err
	}
	it := res.Item
	item := Item{Name: it.Name, Slug: it.Slug, Category: it.Category, Subcategory: it.Subcategory, Maturity: it.Maturity,
		Summary: it.About().Text, SummarySource: it.About().Source}
	for i := range x.Len() {
		if x.Summary(i).Slug == it.Slug {
			item = newItem(x, i)
			break
		}
	}
	out := ItemOut{Found: true, Item: &item}
	for _, f := range ui.Card(x, it, s.g.Now()) {
		if v := f.Joined("; "); v != "" && f.Key != "category" && f.Key != "subcategory" {
			out.Fields = append(out.Fields, CardField{Key: f.Key, Label: f.Label, Value: v})
		}
	}
	for _, o := range res.Others {
		out.Others = append(out.Others, o.Name)
	}
	var b bytes.Buffer
	if err := answer.WritePlainCard(&b, x, res, s.g.Now()); err != nil {
		return ItemOut{}, "", err
	}
	return out, b.String(), nil
}

func (s *server) compare(ctx context.Context, x *landscape.Index, in CompareIn) (CompareOut, string, error) {
	var q search.Query
	switch {
	case in.Place != "" && len(in.Names) > 0:
		return CompareOut{}, "", errors.New("give names or a place, not both")
	case in.Place != "":
		place, err := x.FindPlace(in.Place)
		if err != nil {
			return CompareOut{}, "", err
		}
		q.Category = place.String()
	case len(in.Names) < 2 || len(in.Names) > maxCompare:
		return CompareOut{}, "", fmt.Errorf("compare takes 2 to %d names, or a place", maxCompare)
	}
	items, err := answer.PickItems(x, in.Names, q)
	if err != nil {
		return CompareOut{}, "", err
	}
	if len(items) > maxResults {
		items = items[:maxResults]
	}
	rows := ui.CompareRows(x, items, s.g.Now())
	out := CompareOut{Rows: rows}
	var b strings.Builder
	at := make(map[string]int, x.Len()) // slug → position, for each item's kind
	for i := range x.Len() {
		at[x.Summary(i).Slug] = i
	}
	for _, it := range items {
		out.Items = append(out.Items, newItem(x, at[it.Slug]))
		b.WriteString("\t" + it.Name)
	}
	b.WriteString("\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\n", r.Label, strings.Join(r.Values, "\t"))
	}
	return out, b.String(), nil
}

func (s *server) listPlaces(ctx context.Context, x *landscape.Index, _ NoIn) (PlacesOut, string, error) {
	var out PlacesOut
	var b strings.Builder
	for _, c := range x.Categories {
		cj := answer.CategoryJSON{Name: c.Name, Count: c.Count(), Subcategories: []answer.SubcategoryJSON{}}
		fmt.Fprintf(&b, "%s (%d)\n", c.Name, c.Count())
		for _, sc := range c.Subcategories {
			cj.Subcategories = append(cj.Subcategories, answer.SubcategoryJSON{Name: sc.Name, Path: c.Name + "/" + sc.Name, Count: len(sc.Items)})
			fmt.Fprintf(&b, "  %s (%d)\n", sc.Name, len(sc.Items))
		}
		out.Categories = append(out.Categories, cj)
	}
	return out, b.String(), nil
}

func (s *server) listItems(ctx context.Context, x *landscape.Index, in ListIn) (ListOut, string, error) {
	place, err := x.FindPlace(in.Place)
	if err != nil {
		return ListOut{}, "", err
	}
	if err := errors.Join(answer.CheckMaturities(in.Maturity), answer.CheckKinds(in.Kind)); err != nil {
		return ListOut{}, "", err
	}
	rs, err := search.Search(x, search.Query{Category: place.String(), Maturity: in.Maturity, Kind: in.Kind, Sort: "name"})
	if err != nil {
		return ListOut{}, "", err
	}
	out := ListOut{Place: place.String(), Total: len(rs), Items: []Item{}}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d items\n", place.String(), len(rs))
	from, to, next := page(len(rs), in.Offset, limitOf(in.Limit, maxResults))
	for _, r := range rs[from:to] {
		it := newItem(x, r.Index)
		out.Items = append(out.Items, it)
		b.WriteString("- " + it.line() + "\n")
	}
	out.NextOffset = next
	b.WriteString(pageNote(from, to, len(rs), next))
	return out, b.String(), nil
}

func (s *server) guide(ctx context.Context, x *landscape.Index, in GuideIn) (GuideOut, string, error) {
	guide, err := s.g.Guide(answer.OverMCP)
	if err != nil {
		return GuideOut{}, "", err
	}
	if strings.TrimSpace(in.Place) == "" {
		var out GuideOut
		var b strings.Builder
		for _, c := range x.Categories {
			_, ok := guide.Section(c.Name, "")
			out.Contents = append(out.Contents, answer.GuideEntry{Path: c.Name, Guide: ok, Items: c.Count()})
			fmt.Fprintf(&b, "%s\n", c.Name)
			for _, sc := range c.Subcategories {
				_, ok := guide.Section(c.Name, sc.Name)
				out.Contents = append(out.Contents, answer.GuideEntry{Path: c.Name + "/" + sc.Name, Guide: ok, Items: len(sc.Items)})
				fmt.Fprintf(&b, "  %s\n", sc.Name)
			}
		}
		return out, b.String(), nil
	}
	sections, err := answer.GuideSections(x, guide, in.Place)
	if err != nil {
		// A project's name reads its place's text, as cnl guide does.
		if res, rerr := search.Resolve(x, in.Place); rerr == nil && res.Exact {
			sections, err = answer.GuideSections(x, guide, res.Item.Path())
		}
		var ng *answer.NoGuideError
		if errors.As(err, &ng) {
			sections, err = []landscape.GuideSection{ng.Fallback}, nil
		}
		if err != nil {
			return GuideOut{}, "", err
		}
	}
	out := GuideOut{Place: answer.SectionPlace(x, sections[0])}
	var b strings.Builder
	for _, sec := range sections {
		out.Sections = append(out.Sections, GuideSection{Category: sec.Category, Subcategory: sec.Subcategory, Text: sec.Content})
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", answer.SectionTitle(sec), strings.TrimSpace(sec.Content))
	}
	return out, b.String(), nil
}

func (s *server) glossary(ctx context.Context, x *landscape.Index, in GlossaryIn) (GlossaryOut, string, error) {
	lang := "en"
	if in.Lang != "" {
		l, err := answer.GlossaryLang(in.Lang, true)
		if err != nil {
			return GlossaryOut{}, "", err
		}
		lang = l
	}
	g := glossary.CNCF()
	if strings.TrimSpace(in.Term) == "" {
		var out GlossaryOut
		var b strings.Builder
		for _, t := range g.Terms {
			out.Terms = append(out.Terms, answer.GlossaryTermList{Slug: t.Slug, Title: t.Title, Lang: "en", Summary: t.Summary})
			fmt.Fprintf(&b, "%s: %s\n", t.Title, t.Summary)
		}
		return out, b.String(), nil
	}
	slug, err := answer.FindGlossaryTerm(ctx, s.g, g, in.Term, lang, answer.OverMCP)
	if err != nil {
		return GlossaryOut{}, "", err
	}
	page, ok := answer.GlossaryPageOf(slug, lang)
	if !ok {
		return GlossaryOut{}, "", fmt.Errorf("the glossary's page for %q is missing from this build", slug)
	}
	if e, ok := answer.GlossaryEntry(slug); ok {
		page.Places = x.GlossaryPlaces(e)
		page.Projects = answer.ConceptProjects(x, e)
	}
	var b bytes.Buffer
	if err := answer.WriteGlossaryPage(&ui.Streams{Out: &b}, ui.Markdown, page, true, answer.OverMCP); err != nil {
		return GlossaryOut{}, "", err
	}
	return GlossaryOut{Term: &page}, b.String(), nil
}

// StatsOut is what stats gives.
type StatsOut struct {
	Dated
	landscape.Stats
}

func (s *server) stats(ctx context.Context, x *landscape.Index, _ NoIn) (StatsOut, string, error) {
	st := x.Stats()
	var b bytes.Buffer
	answer.WritePlainStats(&b, st)
	return StatsOut{Stats: st}, b.String(), nil
}

func (s *server) changes(ctx context.Context, x *landscape.Index, in ChangesIn) (ChangesOut, string, error) {
	if err := errors.Join(answer.ChooseAll("only", in.Only, answer.ChangeTypes), answer.CheckKinds(in.Kind)); err != nil {
		return ChangesOut{}, "", err
	}
	if in.From != "" || in.To != "" {
		// Dated, the changes are level moves: "maturity" changes.
		if len(in.Only) > 0 && !slices.Contains(in.Only, "maturity") {
			return ChangesOut{}, "", fmt.Errorf("with from and to, changes lists the CNCF projects' level moves (maturity changes); only %s leaves none", strings.Join(in.Only, ", "))
		}
		if err := answer.ChooseAll("level", in.Level, levels); err != nil {
			return ChangesOut{}, "", err
		}
		return levelMoves(x, in.From, in.To, in.Level)
	}
	if len(in.Level) > 0 {
		return ChangesOut{}, "", errors.New("level picks among the dated moves: give from (and to) with it")
	}
	old, new, err := answer.DiffSides(s.g, nil)
	if err != nil {
		return ChangesOut{}, "", fmt.Errorf("%w (the cache keeps the landscape before the last update; changes needs two updates, or give from and to for the CNCF projects' own dates)", err)
	}
	d := answer.FilterDiff(landscape.Changes(old, new), in.Only, in.Kind)
	out := ChangesOut{Diff: &d}
	if m, err := s.g.Store().Meta(); err == nil {
		out.Fetched = answer.DateOrEmpty(m.FetchedAt)
	}
	var b bytes.Buffer
	if err := answer.WriteDiff(&b, d, false, 0, ui.NewStyles(false)); err != nil {
		return ChangesOut{}, "", err
	}
	return out, b.String(), nil
}

// levelMoves answers "which projects moved levels in 2025?" from the
// dates the data keeps for each CNCF project.
func levelMoves(x *landscape.Index, from, to string, only []string) (ChangesOut, string, error) {
	if from == "" {
		from = to
	}
	if to == "" {
		to = from
	}
	for _, d := range []string{from, to} {
		if !validDatePrefix(d) {
			return ChangesOut{}, "", fmt.Errorf("%s is not a date: give 2025, 2025-06 or 2025-06-30", landscape.Quote(d))
		}
	}
	if to < from[:min(len(from), len(to))] {
		return ChangesOut{}, "", fmt.Errorf("to (%s) is before from (%s)", to, from)
	}
	// "2025" to "2025" covers the year: to is compared up to its length.
	in := func(date string) bool {
		return date != "" && date >= from && date[:min(len(date), len(to))] <= to
	}
	out := ChangesOut{Moves: []LevelMove{}}
	for i := range x.Len() {
		if x.Summary(i).Maturity == "" {
			continue
		}
		it := x.Item(i)
		e := it.Extras()
		for _, m := range []LevelMove{{it.Name, "accepted", e.Accepted}, {it.Name, "incubating", e.Incubating}, {it.Name, "graduated", e.Graduated}, {it.Name, "archived", e.Archived}} {
			if in(m.Date) && (len(only) == 0 || slices.Contains(only, m.Level)) {
				out.Moves = append(out.Moves, m)
			}
		}
	}
	slices.SortStableFunc(out.Moves, func(a, b LevelMove) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Name, b.Name)) })
	var b strings.Builder
	for _, m := range out.Moves {
		fmt.Fprintf(&b, "%s  %s %s\n", m.Date, m.Name, m.Level)
	}
	if len(out.Moves) == 0 {
		fmt.Fprintf(&b, "no CNCF project changed level from %s to %s\n", from, to)
	}
	return out, b.String(), nil
}

// validDatePrefix accepts 2025, 2025-06 and 2025-06-30.
func validDatePrefix(d string) bool {
	for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if _, err := time.Parse(layout, d); err == nil {
			return true
		}
	}
	return false
}

// ctxReader reads r, of total bytes, until ctx ends, telling progress as
// it goes.
type ctxReader struct {
	ctx      context.Context
	r        io.Reader
	read     int
	total    int
	progress func(done, total int)
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p[:min(len(p), 16<<10)])
	c.read += n
	if c.progress != nil && n > 0 {
		c.progress(c.read, c.total)
	}
	return n, err
}

type progressKey struct{}

// WithProgress gives the tools called with ctx a way to tell how far
// they are (done of total), for a caller that asked: the MCP server's
// notifications/progress.
func WithProgress(ctx context.Context, f func(done, total int)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

func progressOf(ctx context.Context) func(done, total int) {
	f, _ := ctx.Value(progressKey{}).(func(done, total int))
	return f
}

func (s *server) scanText(ctx context.Context, x *landscape.Index, in ScanIn) (ScanOut, string, error) {
	if len(in.Text) > maxText {
		return ScanOut{}, "", fmt.Errorf("the text is %d bytes; scan_text reads at most %d", len(in.Text), maxText)
	}
	sc := scan.NewScanner(x)
	concepts := glossary.NewConceptFinder()
	sc.FindConcepts(concepts)
	// A cancelled call stops at the next piece of text the scanner asks
	// for (at most 16 KB of work); a caller that asked is told how far
	// it is.
	r := &ctxReader{ctx: ctx, r: strings.NewReader(in.Text), total: len(in.Text), progress: progressOf(ctx)}
	if err := sc.Scan("text", r); err != nil {
		return ScanOut{}, "", err
	}
	found, cs := sc.Found(), answer.ConceptsJSON(concepts.Found())
	out := ScanOut{TotalProjects: len(found), TotalConcepts: len(cs)}
	var b strings.Builder
	for _, f := range found[:min(len(found), scanProjects)] {
		it := x.Item(f.Index)
		out.Projects = append(out.Projects, answer.ScanJSON{Name: it.Name, Slug: it.Slug, Category: it.Category, Subcategory: it.Subcategory,
			Maturity: it.Maturity, Summary: answer.NewItemJSON(it).Summary, Mentions: f.Mentions[:min(len(f.Mentions), scanMentions)], Count: f.Count})
		fmt.Fprintf(&b, "%s (%s) at %s\n", it.Name, it.Path(), answer.Where(f))
	}
	if n := len(found) - len(out.Projects); n > 0 {
		fmt.Fprintf(&b, "(and %d more projects)\n", n)
	}
	for _, c := range cs[:min(len(cs), scanConcepts)] {
		c.Mentions = c.Mentions[:min(len(c.Mentions), scanMentions)]
		out.Concepts = append(out.Concepts, c)
		fmt.Fprintf(&b, "concept %s: %s\n", c.Title, c.Summary)
	}
	if n := len(cs) - len(out.Concepts); n > 0 {
		fmt.Fprintf(&b, "(and %d more concepts)\n", n)
	}
	if b.Len() == 0 {
		b.WriteString("no landscape projects or glossary concepts mentioned\n")
	}
	return out, b.String(), nil
}

func (s *server) members(ctx context.Context, x *landscape.Index, in MembersIn) (MembersOut, string, error) {
	var out MembersOut
	at := map[string]int{}
	for i := range x.Len() {
		if x.Kind(i) != "member" {
			continue
		}
		sum := x.Summary(i)
		tier := sum.Subcategory
		if in.Tier != "" && !strings.EqualFold(tier, in.Tier) && !strings.EqualFold(strings.TrimSuffix(tier, "s"), strings.TrimSuffix(in.Tier, "s")) {
			continue
		}
		k, ok := at[tier]
		if !ok {
			k = len(out.Tiers)
			at[tier] = k
			out.Tiers = append(out.Tiers, Tier{Tier: tier, Members: []string{}})
		}
		out.Tiers[k].Members = append(out.Tiers[k].Members, sum.Name)
		out.Tiers[k].Count++
	}
	if in.Tier != "" && len(out.Tiers) == 0 {
		return out, "", fmt.Errorf("no members in a tier named %s", landscape.Quote(in.Tier))
	}
	var b strings.Builder
	for _, t := range out.Tiers {
		fmt.Fprintf(&b, "%s (%d): %s\n", t.Tier, t.Count, ui.Truncate(strings.Join(t.Members, ", "), 2000))
	}
	return out, b.String(), nil
}

// UpdateOut is what the update tool gives.
type UpdateOut struct {
	Dated
	Items   int    `json:"items"`
	Source  string `json:"source"`
	Changed bool   `json:"changed"`
}

func (s *server) update(ctx context.Context, _ *landscape.Index, _ NoIn) (UpdateOut, string, error) {
	res, err := s.g.Store().Update(ctx, s.g.Config, cache.UpdateOptions{})
	if err != nil {
		return UpdateOut{}, "", err
	}
	s.x = res.New
	s.dataMu.Lock()
	s.data = Data{} // read again from the new manifest
	s.dataMu.Unlock()
	m := res.Meta
	text := fmt.Sprintf("updated: %d items from %s", m.Items, m.Source)
	if !res.DataChanged {
		text = fmt.Sprintf("up to date: %d items from %s", m.Items, m.Source)
	}
	return UpdateOut{Items: m.Items, Source: m.Source, Changed: res.DataChanged}, text, nil
}
