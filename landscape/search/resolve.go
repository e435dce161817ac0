package search

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/scan"
)

// NotFoundError reports a name that matches no item.
type NotFoundError struct {
	Name        string
	Suggestions []string
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no project matches %s", landscape.Quote(e.Name))
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + landscape.QuoteList(e.Suggestions) + "?"
	}
	return msg
}

// NotANameError reports a query that names no one item: a topic ("registry"),
// a category or subcategory ("Container Runtime"), or a name part that many
// items share ("kube"). Candidates are the items most likely meant; Place,
// when set, is the category path the query names or is about.
type NotANameError struct {
	Name       string
	Candidates []string
	Place      string
	Topic      bool // a word of the landscape's categories, not a name
	// Maker is set when the query names the organisation that makes the
	// candidates ("oci": the Open Container Initiative, maker of runc).
	Maker string
}

func (e *NotANameError) Error() string {
	var b strings.Builder
	switch {
	case e.Maker != "":
		fmt.Fprintf(&b, "%s is the %s, an organisation, not a project", landscape.Quote(e.Name), e.Maker)
		if len(e.Candidates) > 0 {
			b.WriteString("; it makes " + landscape.QuoteList(e.Candidates))
		}
		return b.String()
	case e.Topic:
		fmt.Fprintf(&b, "%s is a topic, not a project", landscape.Quote(e.Name))
	default:
		fmt.Fprintf(&b, "%s names more than one project", landscape.Quote(e.Name))
	}
	if len(e.Candidates) > 0 {
		b.WriteString("; it could be " + landscape.QuoteList(e.Candidates))
	}
	return b.String()
}

// Resolution is the outcome of Resolve: the item meant, and the other close
// candidates a person may have meant instead.
type Resolution struct {
	Item *landscape.Item
	// Others are other candidates, when the name was not exact; for an
	// exact name, only other items of that very name.
	Others []*landscape.Item
	// Exact is true when the query is the item's name, slug, acronym or
	// alias (ignoring case).
	Exact bool
}

// maxOthers bounds the candidates listed below a card; ambiguousNames is
// how many items may share a loose name before it names none of them.
const (
	maxOthers      = 5
	ambiguousNames = 4
)

// Resolve turns a loose name into one item, only when it is confident: an
// exact name, slug, acronym or alias; else a name the query's words match
// (whole, by prefix or by a typo) that few items share. A topic word, a
// category or subcategory, or a name part many items share gives a
// NotANameError with the candidates; a name that matches nothing gives a
// NotFoundError with suggestions.
func Resolve(x *landscape.Index, name string) (Resolution, error) {
	if err := landscape.CheckLength("name", name, landscape.MaxName); err != nil {
		return Resolution{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return Resolution{}, &NotFoundError{Name: name}
	}
	// An exact name, slug, acronym or alias needs no search.
	tiers := map[int]uint8{}
	s := searchIdx(x)
	for _, key := range []string{lexicon.NormName(name), scan.Compact(name)} {
		s.LookupKey(key, func(item int, tier uint8) {
			if tier >= scan.TierExact {
				tiers[item] = max(tiers[item], tier)
			}
		})
	}
	if len(tiers) > 0 {
		// An alias first, then the first listing of a name; the others
		// of that very name are listed.
		exact := slices.Collect(maps.Keys(tiers))
		slices.SortFunc(exact, func(a, b int) int { return cmp.Or(cmp.Compare(tiers[b], tiers[a]), cmp.Compare(a, b)) })
		res := Resolution{Item: x.Item(exact[0]), Exact: true}
		for _, i := range exact[1:] {
			if it := x.Item(i); strings.EqualFold(it.Name, res.Item.Name) && len(res.Others) < maxOthers {
				res.Others = append(res.Others, it)
			}
		}
		return res, nil
	}
	results, err := Search(x, Query{Text: name})
	if err != nil {
		return Resolution{}, err
	}
	if len(results) > 0 && results[0].Tier == scan.TierMadeBy {
		e := &NotANameError{Name: name, Maker: titleCase(x.Item(results[0].Index).Organization())}
		for _, r := range results {
			if r.Tier == scan.TierMadeBy && len(e.Candidates) < 3 {
				e.Candidates = append(e.Candidates, r.Name)
			}
		}
		return Resolution{}, e
	}
	if len(results) > 0 && results[0].Tier > 0 {
		top := results[0]
		res := Resolution{Item: x.Item(top.Index), Exact: top.Tier >= scan.TierExact}
		for _, r := range results[1:] {
			if len(res.Others) == maxOthers {
				break
			}
			if r.Tier == 0 && res.Exact {
				break
			}
			if !res.Exact || r.Tier >= scan.TierExact && strings.EqualFold(r.Name, top.Name) {
				res.Others = append(res.Others, x.Item(r.Index))
			}
		}
		return res, nil
	}
	// Items whose name holds every word of the query.
	var named []Result
	for _, r := range results {
		if r.namesAll() {
			named = append(named, r)
		}
	}
	if place, topic := topic(x, name); topic || len(named) >= ambiguousNames {
		e := &NotANameError{Name: name, Place: place, Topic: topic}
		for _, r := range candidates(results) {
			e.Candidates = append(e.Candidates, r.Name)
		}
		return Resolution{}, e
	}
	if len(named) == 0 {
		nf := &NotFoundError{Name: name}
		for _, r := range candidates(results) {
			nf.Suggestions = append(nf.Suggestions, r.Name)
		}
		return Resolution{}, nf
	}
	res := Resolution{Item: x.Item(named[0].Index)}
	for _, r := range named[1:min(len(named), maxOthers+1)] {
		res.Others = append(res.Others, x.Item(r.Index))
	}
	return res, nil
}

// candidates are the best three results that match all of the query's
// words, or the best three that match at all.
func candidates(rs []Result) []Result {
	var full []Result
	for _, r := range rs {
		if r.coverage == 1 {
			full = append(full, r)
		}
	}
	if len(full) == 0 {
		full = rs
	}
	return full[:min(3, len(full))]
}

// namesAll reports whether every word of the query was found in the item's
// name field.
func (r Result) namesAll() bool {
	for _, h := range r.hits {
		if h.alt < 0 || h.fields&(1<<FieldName) == 0 || r.plan.alts[h.alt].how == howSynonym {
			return false
		}
	}
	return len(r.hits) > 0
}

// topic reports whether the query is about a place of the landscape rather
// than a name: a category or subcategory, or words of one ("registry" of
// "Container Registry"). place is the path to list, the most populated when
// several fit.
func topic(x *landscape.Index, query string) (place string, ok bool) {
	if p, err := x.FindPlace(query); err == nil {
		return p.String(), true
	}
	words := queryWords(query)
	if len(words) == 0 {
		return "", false
	}
	best := -1
	for _, c := range x.Categories {
		for si := range c.Subcategories {
			s := &c.Subcategories[si]
			if !lexicon.HoldsAll(c.Name+" "+s.Name, words) {
				continue
			}
			if len(s.Items) > best {
				best, place = len(s.Items), c.Name+"/"+s.Name
			}
		}
	}
	return place, best >= 0
}

// Completion is a word that names an item, for shell completion.
type Completion struct {
	Word  string // a slug, or an alias or acronym written as one word
	Index int    // the item
}

// Complete returns the words that start with prefix (ignoring case) and
// name an item: every item's slug, and the one-word names of the name model
// (acronyms such as "opa", aliases such as "k8s" or "argocd"). Each word is
// listed once, slugs first, then in order.
func Complete(x *landscape.Index, prefix string) []Completion {
	prefix = strings.ToLower(prefix)
	var out []Completion
	seen := map[string]bool{}
	for i := range x.Len() {
		name, slug := x.NameSlug(i)
		if strings.HasPrefix(slug, prefix) || strings.HasPrefix(strings.ToLower(name), prefix) {
			out = append(out, Completion{slug, i})
			seen[slug] = true
		}
	}
	s := searchIdx(x)
	for k := firstNotLess(s.NKeys(), s.Key, prefix); k < s.NKeys() && strings.HasPrefix(s.Key(k), prefix); k++ {
		key := s.Key(k)
		item, tier := s.KeyEntry(k)
		if tier < scan.TierExact || seen[key] || strings.Contains(key, " ") || key == scan.Compact(itemName(x, item)) {
			continue // a slug says that already
		}
		seen[key] = true
		out = append(out, Completion{key, item})
	}
	return out
}

// titleCase capitalises the words of a name read from a URL ("open
// container initiative" → "Open Container Initiative"), leaving short
// joining words alone.
func titleCase(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		if i > 0 && (w == "of" || w == "and" || w == "for" || w == "the") {
			continue
		}
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

// itemName is item i's name.
func itemName(x *landscape.Index, i int) string {
	n, _ := x.NameSlug(i)
	return n
}
