package landscape

import (
	"strconv"
	"strings"
	"unicode"
)

// Index is a parsed landscape with fast lookups. Items are in file order;
// Categories hold the category tree with each subcategory's item indexes,
// second_path entries included.
type Index struct {
	Items      []Item
	Categories []Category

	bySlug map[string]int
	byName map[string][]int // lower-case name → items
	search []searchKey      // per item, built on the first Search
}

// Rebuild restores lookups after Items and Categories were filled in
// directly (as a decoder of a compiled index does). Slugs must already be set.
func (x *Index) Rebuild() { x.buildLookups() }

// build assigns slugs and builds the lookups of a freshly parsed index.
func (x *Index) build() {
	seen := make(map[string]bool, len(x.Items))
	for i := range x.Items {
		it := &x.Items[i]
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
	x.buildLookups()
}

func (x *Index) buildLookups() {
	x.bySlug = make(map[string]int, len(x.Items))
	x.byName = make(map[string][]int, len(x.Items))
	for i := range x.Items {
		it := &x.Items[i]
		x.bySlug[it.Slug] = i
		low := strings.ToLower(it.Name)
		x.byName[low] = append(x.byName[low], i)
	}
}

// BySlug returns the item with this slug.
func (x *Index) BySlug(slug string) (*Item, bool) {
	i, ok := x.bySlug[slug]
	if !ok {
		return nil, false
	}
	return &x.Items[i], true
}

// ByName returns the items whose name equals name, ignoring case.
func (x *Index) ByName(name string) []*Item {
	var out []*Item
	for _, i := range x.byName[strings.ToLower(strings.TrimSpace(name))] {
		out = append(out, &x.Items[i])
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
