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

	search []searchKey // per item, built on the first Search
	places []place     // per subcategory, built with search
}

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
}

// Lookups scan the items rather than keep maps: a scan of a few thousand
// names takes microseconds, and building maps on every load costs more.

// BySlug returns the item with this slug.
func (x *Index) BySlug(slug string) (*Item, bool) {
	for i := range x.Items {
		if x.Items[i].Slug == slug {
			return &x.Items[i], true
		}
	}
	return nil, false
}

// ByName returns the items whose name equals name, ignoring case.
func (x *Index) ByName(name string) []*Item {
	name = strings.TrimSpace(name)
	var out []*Item
	for i := range x.Items {
		if strings.EqualFold(x.Items[i].Name, name) {
			out = append(out, &x.Items[i])
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
