package landscape

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Index is a landscape with fast lookups: its items, by position, and the
// category tree, whose subcategories hold item positions (second_path
// entries included).
//
// Items come from memory (a parsed file) or from a Source (a compiled index
// on disk) that builds an item only when it is asked for: a search reads
// every item's Summary but builds only the items it shows.
type Index struct {
	Categories []Category

	items  []Item // in memory, or filled from src on demand
	loaded []bool // with src: which items are filled in
	src    Source

	lowerNames []string // in memory: each item's name in lower case, on first use
	places     []place  // per subcategory, in tree order, built on the first search
}

// Summary is what listings and search read of an item: its name and
// where it is, its maturity, and the texts that are searched.
type Summary struct {
	Name        string
	Slug        string
	Project     string
	Description string
	DescWords   WordSet // of Description; zero when not known
	Tags        string  // extra.summary_tags
	Category    string
	Subcategory string

	// For sorting and filtering; zero when unknown.
	Accepted      string // extra.accepted, YYYY-MM-DD
	License       string // the data's license, else GitHub's
	Languages     string // GitHub's top languages, comma-separated
	Stars         int64
	Contributors  int64
	LatestCommit  int64 // Unix seconds
	LatestRelease int64 // Unix seconds
}

// Source supplies items to an Index without holding them all in memory.
type Source interface {
	Len() int
	Summary(i int) Summary
	Item(i int) Item
	// Key is item i's name in lower case, as search compares it.
	Key(i int) string
	// SearchText is what a search reads of every item, again without
	// the whole summary.
	SearchText(i int) SearchText
}

// SearchText is the part of a Summary that search reads of every item.
type SearchText struct {
	Name, Slug, Project, Tags, Description string
	DescWords                              WordSet
}

// NewIndex returns an index over items supplied by src, with the given
// category tree.
func NewIndex(categories []Category, src Source) *Index {
	return &Index{Categories: categories, src: src}
}

// Len is the number of items.
func (x *Index) Len() int {
	if x.src != nil {
		return x.src.Len()
	}
	return len(x.items)
}

// Item returns the item at position i (0 <= i < Len()).
func (x *Index) Item(i int) *Item {
	if x.src != nil {
		if x.items == nil {
			// Pages of this slice that are never written are never
			// touched: a query that shows 20 items pays for 20.
			x.items = make([]Item, x.src.Len())
			x.loaded = make([]bool, x.src.Len())
		}
		if !x.loaded[i] {
			x.items[i] = x.src.Item(i)
			x.loaded[i] = true
		}
	}
	return &x.items[i]
}

// key is item i's lower-case name.
func (x *Index) key(i int) string {
	if x.src != nil {
		return x.src.Key(i)
	}
	if x.lowerNames == nil {
		x.lowerNames = make([]string, len(x.items))
		for j := range x.items {
			x.lowerNames[j] = strings.ToLower(x.items[j].Name)
		}
	}
	return x.lowerNames[i]
}

// searchText is what search reads of item i.
func (x *Index) searchText(i int) SearchText {
	if x.src != nil {
		return x.src.SearchText(i)
	}
	return x.items[i].searchText()
}

// Summary returns what search and listings need of item i, without
// building the whole item when it comes from a Source.
func (x *Index) Summary(i int) Summary {
	if x.src != nil {
		return x.src.Summary(i)
	}
	return x.items[i].Summary()
}

// Summary returns the item's summary. Where the data has no description,
// GitHub's stands in, and GitHub topics are searched like summary_tags.
// DescWords is left unknown: a source that keeps summaries (the compiled
// index) works it out once.
func (it *Item) Summary() Summary {
	st := it.searchText()
	s := Summary{
		Name: st.Name, Slug: st.Slug, Project: st.Project, Description: st.Description, Tags: st.Tags,
		Category: it.Category, Subcategory: it.Subcategory, Accepted: it.Extras().Accepted, License: it.License,
	}
	if g := it.GitHub; g != nil {
		if s.License == "" {
			s.License = g.License
		}
		s.Languages = strings.Join(g.TopLanguages(3), ", ")
		s.Stars, s.Contributors = g.Stars, g.Contributors
		s.LatestCommit, s.LatestRelease = unix(g.LatestCommit), unix(g.LatestRelease)
	}
	return s
}

// searchText is the part of the summary that search reads.
func (it *Item) searchText() SearchText {
	st := SearchText{Name: it.Name, Slug: it.Slug, Project: it.Project, Description: it.Description, Tags: it.Extras().SummaryTags}
	if g := it.GitHub; g != nil {
		if st.Description == "" {
			st.Description = g.Description
		}
		if len(g.Topics) > 0 {
			st.Tags = strings.Trim(st.Tags+", "+strings.Join(g.Topics, ", "), ", ")
		}
	}
	return st
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// build assigns slugs to a freshly parsed index.
func (x *Index) build() {
	seen := make(map[string]bool, len(x.items))
	for i := range x.items {
		it := &x.items[i]
		s := Slugify(it.Name)
		if s == "" {
			s = "item"
		}
		if seen[s] {
			// Names repeat across categories: later ones get their
			// subcategory, then a number, so every slug stays unique.
			s = s + "-" + Slugify(it.Subcategory)
			for n := 2; seen[s]; n++ {
				s = strings.TrimSuffix(s, "-"+strconv.Itoa(n-1)) + "-" + strconv.Itoa(n)
			}
		}
		seen[s] = true
		it.Slug = s
	}
}

// Lookups scan the summaries rather than keep maps: a scan of a few
// thousand names takes microseconds, and building maps on every load costs
// more.

// BySlug returns the item with this slug.
func (x *Index) BySlug(slug string) (*Item, bool) {
	for i := range x.Len() {
		if x.Summary(i).Slug == slug {
			return x.Item(i), true
		}
	}
	return nil, false
}

// ByName returns the items whose name equals name, ignoring case.
func (x *Index) ByName(name string) []*Item {
	name = strings.TrimSpace(name)
	var out []*Item
	for i := range x.Len() {
		if strings.EqualFold(x.Summary(i).Name, name) {
			out = append(out, x.Item(i))
		}
	}
	return out
}

// Paths returns every place the item is listed: its own subcategory first,
// then its resolved second paths, as "Category/Subcategory".
func (x *Index) Paths(it *Item) []string {
	paths := []string{it.Path()}
	for _, sp := range it.SecondPath {
		if c, s, ok := x.findSubcategory(sp); ok {
			p := c.Name + "/" + s.Name
			if p != paths[0] {
				paths = append(paths, p)
			}
		}
	}
	return paths
}

// Count returns the number of distinct items listed in the category.
func (c *Category) Count() int {
	seen := map[int]bool{}
	for _, s := range c.Subcategories {
		for _, i := range s.Items {
			seen[i] = true
		}
	}
	return len(seen)
}

// Slugify turns a name into a stable, URL-safe identifier:
// "Talos Linux" → "talos-linux", "Ænix (member)" → "ænix-member".
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
