package landscape

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Diff is what changed between two landscapes. An item that was renamed or
// moved is one change, not a removal and an addition: items are matched by
// name and place, then by name, then by repository or homepage. Each item
// is under one kind of change, the first of renamed, moved, maturity and
// changed that applies; its other changes are in its Values.
type Diff struct {
	Added    []Entry  `json:"added"`
	Removed  []Entry  `json:"removed"`
	Moved    []Change `json:"moved"`    // From/To are "Category/Subcategory"
	Renamed  []Change `json:"renamed"`  // From/To are names
	Maturity []Change `json:"maturity"` // From/To are maturities, "" for none
	Changed  []Change `json:"changed"`  // Fields lists what else changed
	// WhitespaceOnly counts the fields whose values differ only in
	// spaces and line breaks (a YAML file re-wrapped): not changes.
	WhitespaceOnly int `json:"whitespace_only"`
}

// Entry names an item and its place.
type Entry struct {
	Name string `json:"name"`
	Path string `json:"path"`
	Kind string `json:"kind"` // project, product or member (see Kinds)
	// Listings are the places where an item of the same name is listed
	// in the newer landscape: a removed entry with listings was a second
	// listing of an item that stays; an added one is a new listing of an
	// item that was there.
	Listings []string `json:"listings,omitempty"`
}

// Change is one change to an item that exists on both sides.
type Change struct {
	Name   string        `json:"name"` // the item's name now
	Kind   string        `json:"kind"` // project, product or member, now
	From   string        `json:"from,omitempty"`
	To     string        `json:"to,omitempty"`
	Fields []string      `json:"fields,omitempty"`
	Values []FieldChange `json:"values,omitempty"` // each other field, old and new ("place", "maturity" among them)
}

// FieldChange is one field's old and new value.
type FieldChange struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Empty reports whether nothing changed.
func (d *Diff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Moved)+len(d.Renamed)+len(d.Maturity)+len(d.Changed) == 0
}

// Changes returns what changed from old to new.
func Changes(old, new *Index) Diff {
	pairs, gone, came := match(old, new)
	d := Diff{Added: []Entry{}, Removed: []Entry{}, Moved: []Change{}, Renamed: []Change{}, Maturity: []Change{}, Changed: []Change{}}
	// Where each name is listed in the newer landscape.
	places := map[string][]string{}
	for j := range new.Len() {
		s := new.Summary(j)
		k := strings.ToLower(s.Name)
		places[k] = append(places[k], s.Category+"/"+s.Subcategory)
	}
	others := func(name, path string) []string {
		var out []string
		for _, p := range places[strings.ToLower(name)] {
			if p != path {
				out = append(out, p)
			}
		}
		return out
	}
	for _, i := range gone {
		it := old.Item(i)
		d.Removed = append(d.Removed, Entry{it.Name, it.Path(), old.Kind(i), others(it.Name, "")})
	}
	for _, j := range came {
		it := new.Item(j)
		d.Added = append(d.Added, Entry{it.Name, it.Path(), new.Kind(j), others(it.Name, it.Path())})
	}
	for _, p := range pairs {
		a, b := old.Item(p[0]), new.Item(p[1])
		var vs []FieldChange
		if a.Name != b.Name {
			vs = append(vs, FieldChange{"name", a.Name, b.Name})
		}
		if a.Path() != b.Path() {
			vs = append(vs, FieldChange{"place", a.Path(), b.Path()})
		}
		if a.Maturity != b.Maturity {
			vs = append(vs, FieldChange{"maturity", a.Maturity, b.Maturity})
		}
		fields, blank := changedFields(a, b)
		d.WhitespaceOnly += blank
		vs = append(vs, fields...)
		if len(vs) == 0 {
			continue
		}
		c := Change{Name: b.Name, Kind: new.Kind(p[1])}
		list := &d.Changed
		switch vs[0].Field {
		case "name":
			list = &d.Renamed
		case "place":
			list = &d.Moved
		case "maturity":
			list = &d.Maturity
		}
		if list != &d.Changed {
			c.From, c.To, vs = vs[0].From, vs[0].To, vs[1:]
		}
		for _, v := range vs {
			c.Fields = append(c.Fields, v.Field)
		}
		c.Values = vs
		*list = append(*list, c)
	}
	byName := func(a, b Change) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) }
	for _, cs := range [][]Change{d.Moved, d.Maturity, d.Changed} {
		slices.SortStableFunc(cs, byName)
	}
	// Renames read "old → new": in order of the old name.
	slices.SortStableFunc(d.Renamed, func(a, b Change) int { return cmp.Compare(strings.ToLower(a.From), strings.ToLower(b.From)) })
	for _, es := range [][]Entry{d.Added, d.Removed} {
		slices.SortStableFunc(es, func(a, b Entry) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	}
	return d
}

// match pairs old and new items, returning the pairs and what is left on
// each side.
func match(old, new *Index) (pairs [][2]int, gone, came []int) {
	usedOld := make([]bool, old.Len())
	usedNew := make([]bool, new.Len())
	pair := func(i, j int) {
		usedOld[i], usedNew[j] = true, true
		pairs = append(pairs, [2]int{i, j})
	}
	// Each pass keys the items still unmatched; a key held by more than one
	// item on either side is not evidence of anything and is skipped.
	pass := func(key func(x *Index, i int) string) {
		index := func(x *Index, used []bool) map[string][]int {
			m := map[string][]int{}
			for i := range x.Len() {
				if !used[i] {
					if k := key(x, i); k != "" {
						m[k] = append(m[k], i)
					}
				}
			}
			return m
		}
		a, b := index(old, usedOld), index(new, usedNew)
		for k, is := range a {
			if js, ok := b[k]; ok && len(is) == 1 && len(js) == 1 {
				pair(is[0], js[0])
			}
		}
	}
	pass(func(x *Index, i int) string {
		s := x.Summary(i)
		return s.Name + "\x00" + s.Category + "/" + s.Subcategory
	})
	pass(func(x *Index, i int) string { return strings.ToLower(x.Summary(i).Name) })
	pass(func(x *Index, i int) string { return NormalizeURL(x.Item(i).RepoURL) })
	pass(func(x *Index, i int) string { return NormalizeURL(x.Item(i).HomepageURL) })
	for i, u := range usedOld {
		if !u {
			gone = append(gone, i)
		}
	}
	for j, u := range usedNew {
		if !u {
			came = append(came, j)
		}
	}
	slices.SortFunc(pairs, func(a, b [2]int) int { return cmp.Compare(a[1], b[1]) })
	return pairs, gone, came
}

// NormalizeURL makes URLs that name the same place compare equal: scheme,
// "www.", case, a trailing slash and ".git" do not matter.
func NormalizeURL(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	for _, p := range []string{"https://", "http://", "www."} {
		u = strings.TrimPrefix(u, p)
	}
	u = strings.TrimSuffix(strings.TrimSuffix(u, "/"), ".git")
	return strings.TrimSuffix(u, "/")
}

// changedFields lists the data fields, besides name, place and maturity,
// whose values differ, with both values, and counts those that differ only
// in white space.
func changedFields(a, b *Item) (out []FieldChange, blank int) {
	ea, eb := a.Extras(), b.Extras()
	for _, f := range []struct {
		name string
		a, b string
	}{
		{"description", a.Description, b.Description},
		{"homepage_url", a.HomepageURL, b.HomepageURL},
		{"repo_url", a.RepoURL, b.RepoURL},
		{"license", a.License, b.License},
		{"crunchbase", a.Crunchbase, b.Crunchbase},
		{"twitter", a.Twitter, b.Twitter},
		{"second_path", strings.Join(a.SecondPath, "; "), strings.Join(b.SecondPath, "; ")},
		{"accepted", ea.Accepted, eb.Accepted},
		{"incubating", ea.Incubating, eb.Incubating},
		{"graduated", ea.Graduated, eb.Graduated},
		{"archived", ea.Archived, eb.Archived},
		{"audits", strconv.Itoa(len(ea.Audits)), strconv.Itoa(len(eb.Audits))},
	} {
		switch {
		case f.a == f.b:
		case lexicon.Squash(f.a) == lexicon.Squash(f.b):
			blank++
		default:
			out = append(out, FieldChange{f.name, f.a, f.b})
		}
	}
	return out, blank
}
