package landscape

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sahilm/fuzzy"

	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Place is where a category path points: a whole category (Sub is nil) or
// one subcategory.
type Place struct {
	Category *Category
	Sub      *Subcategory
}

// SubName is the subcategory's name, or "" for a whole category.
func (p Place) SubName() string {
	if p.Sub == nil {
		return ""
	}
	return p.Sub.Name
}

// String is the place written as "Category" or "Category/Subcategory".
func (p Place) String() string {
	if p.Sub == nil {
		return p.Category.Name
	}
	return p.Category.Name + "/" + p.Sub.Name
}

// Items returns the indexes of the items at the place, each once, in the
// order they are listed.
func (p Place) Items() []int {
	if p.Sub != nil {
		return p.Sub.Items
	}
	var out []int
	seen := map[int]bool{}
	for _, s := range p.Category.Subcategories {
		for _, i := range s.Items {
			if !seen[i] {
				seen[i] = true
				out = append(out, i)
			}
		}
	}
	return out
}

// PathError reports a category path that matches nothing, or more than one
// place.
type PathError struct {
	Query      string
	Candidates []string // "did you mean" suggestions, or the ambiguous matches
	Ambiguous  bool
}

func (e *PathError) Error() string {
	if e.Ambiguous {
		return fmt.Sprintf("%s is ambiguous: it names %s; give the category too", Quote(e.Query), QuoteList(e.Candidates))
	}
	msg := fmt.Sprintf("no category or subcategory matches %s", Quote(e.Query))
	if len(e.Candidates) > 0 {
		msg += "; did you mean " + QuoteList(e.Candidates) + "?"
	}
	return msg
}

// QuoteList quotes words for a message: "a", "b" or "c" (each cut as
// Quote cuts it).
func QuoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = Quote(v)
	}
	return JoinList(q, "or")
}

// JoinList joins phrases as a sentence does: "a, b and c" (conjunction
// "and"), "a, b or c".
func JoinList(s []string, conjunction string) string {
	if len(s) > 1 {
		return strings.Join(s[:len(s)-1], ", ") + " " + conjunction + " " + s[len(s)-1]
	}
	return strings.Join(s, "")
}

// Quote quotes what someone typed for a message, cut to 60 characters: a
// 100 KB query is not echoed whole.
func Quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return strconv.Quote(s)
}

// FindPlace resolves a category path: "Category", "Category/Subcategory" or
// a subcategory alone. Matching ignores case and spaces around slashes, and
// compares whole strings, so names that contain a slash themselves
// ("PaaS/Container Service", "Edge/Bare metal") resolve whatever the split.
// A category wins over a subcategory of the same name.
func (x *Index) FindPlace(query string) (Place, error) {
	if err := CheckLength("place", query, MaxName); err != nil {
		return Place{}, err
	}
	for _, norm := range []func(string) string{normPath, LoosePath} {
		q := norm(query)
		if q == "" {
			break
		}
		var subs []Place
		for ci := range x.Categories {
			c := &x.Categories[ci]
			if norm(c.Name) == q {
				return Place{Category: c}, nil
			}
			for si := range c.Subcategories {
				s := &c.Subcategories[si]
				if norm(c.Name+"/"+s.Name) == q {
					return Place{Category: c, Sub: s}, nil
				}
				if norm(s.Name) == q {
					subs = append(subs, Place{Category: c, Sub: s})
				}
			}
		}
		switch len(subs) {
		case 0:
		case 1:
			return subs[0], nil
		default:
			names := make([]string, len(subs))
			for i, p := range subs {
				names[i] = p.String()
			}
			return Place{}, &PathError{Query: query, Candidates: names, Ambiguous: true}
		}
	}
	return Place{}, &PathError{Query: query, Candidates: x.suggestPlaces(query)}
}

// AllPlaces lists every category and subcategory path, in file order.
func (x *Index) AllPlaces() []string {
	var out []string
	for _, c := range x.Categories {
		out = append(out, c.Name)
		for _, s := range c.Subcategories {
			out = append(out, c.Name+"/"+s.Name)
		}
	}
	return out
}

func (x *Index) suggestPlaces(query string) []string {
	all := x.AllPlaces()
	q := normPath(query)
	var out []string
	for _, p := range all {
		if q != "" && strings.Contains(normPath(p), q) {
			out = append(out, p)
		}
	}
	if len(out) == 0 && q != "" {
		// Typos, nearest first, then abbreviations ("cntnr"), tightest
		// first; a place is compared whole, by its own name, and by the
		// start of that name as long as the query.
		type near struct {
			place string
			d     int
		}
		var nears []near
		var far, owns []string // the places no typo is near, by their own names
		limit := max(1, len(q)/3)
		for _, p := range all {
			whole := normPath(p)
			own := whole[strings.LastIndex(whole, "/")+1:]
			d := min(lexicon.EditDistance(q, whole, limit), lexicon.EditDistance(q, own, limit), lexicon.EditDistance(q, own[:min(len(own), len(q))], limit))
			if d <= limit {
				nears = append(nears, near{p, d})
			} else {
				far, owns = append(far, p), append(owns, own)
			}
		}
		// Abbreviations: the query's letters in order, as fuzzy finders
		// match them, best match first.
		for rank, m := range fuzzy.Find(strings.ReplaceAll(q, " ", ""), owns) {
			nears = append(nears, near{far[m.Index], limit + 1 + rank})
		}
		slices.SortStableFunc(nears, func(a, b near) int { return cmp.Compare(a.d, b.d) })
		for _, n := range nears {
			out = append(out, n.place)
		}
	}
	return out[:min(3, len(out))]
}

// findSubcategory resolves a second_path entry ("Category / Subcategory").
// The real data has small slips ("&" for "and", a stray plural), so it
// falls back to a loose comparison; whole categories do not count.
func (x *Index) findSubcategory(path string) (*Category, *Subcategory, bool) {
	p, err := x.FindPlace(path)
	if err != nil || p.Sub == nil {
		return nil, nil, false
	}
	return p.Category, p.Sub, true
}

func (b *builder) resolveSecondPaths() {
	x := b.idx
	for i := range b.items {
		for _, sp := range b.items[i].SecondPath {
			// Only "Category/Subcategory" counts: a bare subcategory
			// name could land in the wrong category.
			if !strings.Contains(sp, "/") {
				continue
			}
			_, s, ok := x.findSubcategory(sp)
			if ok && !slices.Contains(s.Items, i) {
				s.Items = append(s.Items, i)
			}
		}
	}
}

// normPath lower-cases, collapses runs of spaces and drops the spaces around
// slashes: "Platform / PaaS/Container Service" → "platform/paas/container service".
func normPath(s string) string {
	// A card's breadcrumb ("Runtime › Container Runtime") and the
	// "A > B" people write are paths too.
	s = strings.NewReplacer("›", "/", " > ", "/").Replace(s)
	parts := strings.Split(strings.ToLower(s), "/")
	for i, p := range parts {
		parts[i] = lexicon.Squash(p)
	}
	return strings.Trim(strings.Join(parts, "/"), "/")
}

// LoosePath is normPath that also reads "&" as "and" and ignores a plural "s".
func LoosePath(s string) string {
	s = strings.ReplaceAll(normPath(s), "&", " and ")
	parts := strings.Split(s, "/")
	for i, p := range parts {
		words := strings.Fields(p)
		for j, w := range words {
			if len(w) > 3 && strings.HasSuffix(w, "s") {
				words[j] = strings.TrimSuffix(w, "s")
			}
		}
		parts[i] = strings.Join(words, " ")
	}
	return strings.Join(parts, "/")
}
