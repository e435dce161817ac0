package landscape

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Index is a landscape with fast lookups: its items, by position, the
// category tree, whose subcategories hold item positions (second_path
// entries included), and the search index over them.
//
// Items come from a Source: the items of a parsed file in memory, or a
// compiled index on disk that builds an item only when it is asked for.
//
// An Index does not change once made (With makes another), and is safe for
// concurrent use: what it builds on first use (the search index of a
// parsed file, which also settles what each item says it is) is built
// once.
type Index struct {
	Categories []Category

	opts Options
	src  Source

	stored []byte // the search index's bytes as a compiled source keeps them (see Stored)

	derivedMu sync.Mutex
	derived   map[any]*derived // see Derived
}

// derived is one thing made of an index, once.
type derived struct {
	once sync.Once
	v    any
}

// Derived is what make makes of x for key, made once and kept with x: the
// name model, the scanner's phrases and the search index, which are built
// from the items on first use. It is safe for concurrent use; make must
// not ask for its own key.
func (x *Index) Derived(key any, make func() any) any {
	x.derivedMu.Lock()
	if x.derived == nil {
		x.derived = map[any]*derived{}
	}
	d := x.derived[key]
	if d == nil {
		d = &derived{}
		x.derived[key] = d
	}
	x.derivedMu.Unlock()
	d.once.Do(func() { d.v = make() })
	return d.v
}

// Stored is the search index's bytes as a compiled source keeps them (see
// NewIndex), or nil when they are built from the items.
func (x *Index) Stored() []byte { return x.stored }

// Source is where x's items come from.
func (x *Index) Source() Source { return x.src }

// Options are what x was made with.
func (x *Index) Options() Options { return x.opts }

// Options are what an index is made with besides its data. They shape its
// search index, so they are given when it is made (see With).
type Options struct {
	// MembersCategory names the category that lists the foundation's
	// members (the members_category of the landscape's settings); when it
	// is empty, a category named "… Members" is taken for it.
	MembersCategory string
	// Guide is the landscape's guide, when it has one: search takes what
	// it says about items as evidence (see package search).
	Guide *Guide
	// Facts are joined to the items (see joinFacts).
	Facts *Facts
}

// With returns an index of x's items made with o: x is left as it was.
// The items are copied (a compiled index's are built) so that the facts
// and the guide can settle what each says it is; the guide's part is
// settled when the search index is built (search.Prepare), which whoever
// shares the index calls first.
func (x *Index) With(o Options) *Index {
	items := make(memSource, x.Len())
	for i := range items {
		items[i] = *x.Item(i)
	}
	y := &Index{Categories: x.Categories, opts: o, src: items}
	y.joinFacts(o.Facts)
	y.SettleAbout(nil, nil) // what x's guide said is not y's
	return y
}

// Guide is the landscape's guide the index was made with, or nil.
func (x *Index) Guide() *Guide { return x.opts.Guide }

// Summary is what listings read of an item: its name and where it is, its
// maturity, its texts, and the facts that sort and filter.
type Summary struct {
	Name        string
	Slug        string
	Maturity    string // as Item.Maturity
	Description string // what the item says it is (see Item.About)
	// DescriptionSource says where Description comes from (AboutData,
	// AboutGitHub, …); "" when there is none.
	DescriptionSource string
	Tags              string // extra.summary_tags, and GitHub topics
	Category          string
	Subcategory       string

	// For sorting and filtering; zero when unknown.
	Accepted      string // extra.accepted, YYYY-MM-DD
	License       string // the data's license, else GitHub's
	Languages     string // GitHub's top languages, comma-separated
	Stars         int64
	Contributors  int64
	LatestCommit  int64 // Unix seconds
	LatestRelease int64 // Unix seconds
}

// Source supplies the items of an Index: all of them as summaries, and each
// whole item when it is asked for. Item returns the same pointer for the
// same position for as long as the source lives.
type Source interface {
	Len() int
	Summary(i int) Summary
	Item(i int) *Item
}

// A NamedSource gives an item's name and slug without the rest of its
// summary: what completion and lookups by name read of every item.
type NamedSource interface {
	Source
	NameSlug(i int) (name, slug string)
}

// NameSlug is item i's name and slug, read as cheaply as the source allows.
func (x *Index) NameSlug(i int) (name, slug string) {
	if n, ok := x.src.(NamedSource); ok {
		return n.NameSlug(i)
	}
	s := x.src.Summary(i)
	return s.Name, s.Slug
}

// memSource is the items of a parsed file.
type memSource []Item

func (s memSource) Len() int              { return len(s) }
func (s memSource) Item(i int) *Item      { return &s[i] }
func (s memSource) Summary(i int) Summary { return s[i].Summary() }

// NewIndex returns an index over items supplied by src, with the given
// category tree. searchData, when not nil, is the search index that
// SearchData built for these items; otherwise it is built on first search.
func NewIndex(categories []Category, src Source, searchData []byte) *Index {
	return &Index{Categories: categories, src: src, stored: searchData}
}

// Len is the number of items.
func (x *Index) Len() int { return x.src.Len() }

// Item returns the item at position i (0 <= i < Len()).
func (x *Index) Item(i int) *Item { return x.src.Item(i) }

// Summary returns what listings need of item i, without building the whole
// item when it comes from a compiled index.
func (x *Index) Summary(i int) Summary { return x.src.Summary(i) }

// Summary returns the item's summary: its About text for a description,
// and GitHub topics after its tags.
func (it *Item) Summary() Summary {
	about := it.About()
	s := Summary{
		Name: it.Name, Slug: it.Slug, Maturity: it.Maturity, Description: about.Text, DescriptionSource: about.Source,
		Tags: it.Tags(), Category: it.Category, Subcategory: it.Subcategory, Accepted: it.Extras().Accepted, License: it.License,
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

// Tags are the data's summary_tags, then GitHub's topics.
func (it *Item) Tags() string {
	tags := it.Extras().SummaryTags
	if g := it.GitHub; g != nil && len(g.Topics) > 0 {
		tags = strings.Trim(tags+", "+strings.Join(g.Topics, ", "), ", ")
	}
	return tags
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// assignSlugs gives freshly parsed items their slugs.
func assignSlugs(items []Item) {
	seen := make(map[string]bool, len(items))
	for i := range items {
		it := &items[i]
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

// BySlug returns the item with this slug. Lookups scan names and slugs
// rather than keep maps: a scan of a few thousand takes microseconds, and
// building a map on every load costs more.
func (x *Index) BySlug(slug string) (*Item, bool) {
	for i := range x.Len() {
		if _, s := x.NameSlug(i); s == slug {
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
		if n, _ := x.NameSlug(i); strings.EqualFold(n, name) {
			out = append(out, x.Item(i))
		}
	}
	return out
}

// Paths returns every place the item is listed: its own subcategory first,
// then its resolved second paths, as "Category/Subcategory", in the tree's
// order.
//
// The places come from the category tree, where the parser put each second
// path once. Only the item's own subcategory and the subcategories its
// second paths name are read, so a card costs the same on a landscape of
// any size; a second path written other than as the tree spells it sends
// the search through the whole tree.
func (x *Index) Paths(it *Item) []string {
	paths := []string{it.Path()}
	i, ok := x.position(it)
	if !ok {
		return paths
	}
	listed := func(ci, si int) {
		s := &x.Categories[ci].Subcategories[si]
		if slices.Contains(s.Items, i) {
			if p := x.Categories[ci].Name + "/" + s.Name; !slices.Contains(paths, p) {
				paths = append(paths, p)
			}
		}
	}
	type place struct{ c, s int }
	var named []place
	for _, sp := range it.SecondPath {
		c, s, ok := x.spelledPlace(sp)
		if !ok {
			for ci, c := range x.Categories {
				for si := range c.Subcategories {
					listed(ci, si)
				}
			}
			return paths
		}
		named = append(named, place{c, s})
	}
	slices.SortFunc(named, func(a, b place) int { return cmp.Or(cmp.Compare(a.c, b.c), cmp.Compare(a.s, b.s)) })
	for _, p := range named {
		listed(p.c, p.s)
	}
	return paths
}

// spelledPlace finds the subcategory a second path names when it is
// written as the tree spells it ("Category / Subcategory", any case and
// spaces around the slash), without normalising every name of the tree.
func (x *Index) spelledPlace(sp string) (int, int, bool) {
	for ci, c := range x.Categories {
		if len(sp) < len(c.Name) || !strings.EqualFold(sp[:len(c.Name)], c.Name) {
			continue
		}
		rest := strings.TrimSpace(sp[len(c.Name):])
		if !strings.HasPrefix(rest, "/") {
			continue
		}
		rest = strings.TrimSpace(rest[1:])
		for si, s := range c.Subcategories {
			if strings.EqualFold(rest, s.Name) {
				return ci, si, true
			}
		}
	}
	return 0, 0, false
}

// position finds an item's position: it is listed in its own subcategory,
// so only that subcategory's items are compared, by slug.
func (x *Index) position(it *Item) (int, bool) {
	for _, c := range x.Categories {
		if c.Name != it.Category {
			continue
		}
		for _, s := range c.Subcategories {
			if s.Name != it.Subcategory {
				continue
			}
			for _, i := range s.Items {
				if i < 0 || i >= x.Len() {
					continue
				}
				if _, slug := x.NameSlug(i); slug == it.Slug {
					return i, true
				}
			}
		}
	}
	return 0, false
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
