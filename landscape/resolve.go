package landscape

import (
	"fmt"
	"strings"
)

// NotFoundError reports a name that matches no item.
type NotFoundError struct {
	Name        string
	Suggestions []string
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no project matches %q", e.Name)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + quoteList(e.Suggestions) + "?"
	}
	return msg
}

// Resolution is the outcome of Resolve: the item meant, and the other close
// candidates a person may have meant instead.
type Resolution struct {
	Item   *Item
	Others []*Item
	// Exact is true when the name or slug matched exactly (ignoring case).
	Exact bool
	// Ambiguous is true when a loose name fits another item as well as it
	// fits Item (same kind of match).
	Ambiguous bool
}

// maxOthers bounds the candidates listed below a card.
const maxOthers = 5

// Resolve turns a loose name into one item: an exact name or slug (ignoring
// case) first, then the best match on the name (prefix, word, fuzzy, typo).
// A name that only matches descriptions or categories is not a match: it
// gets a NotFoundError with suggestions.
func (x *Index) Resolve(name string) (Resolution, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Resolution{}, &NotFoundError{Name: name}
	}
	if exact, ok := x.exact(name); ok {
		return x.exactResolution(exact, name), nil
	}
	results, err := x.Search(Query{Text: name})
	if err != nil {
		return Resolution{}, err
	}
	// Candidates are name matches; once the best one holds the query as
	// written, fuzzy and typo matches are noise, not alternatives.
	var named []Result
	band := func(r Result) int { s := x.searchText(r.Index); return r.Score - bonus(s.Project, s.Name) }
	floor := minNameMatchBand
	if len(results) > 0 {
		floor = max(floor, min(band(results[0]), ScoreNamePart))
	}
	for _, r := range results {
		if band(r) >= floor {
			named = append(named, r)
		}
	}
	if len(named) == 0 {
		nf := &NotFoundError{Name: name}
		for _, r := range results[:min(3, len(results))] {
			nf.Suggestions = append(nf.Suggestions, r.Name)
		}
		return Resolution{}, nf
	}
	res := Resolution{Item: x.Item(named[0].Index)}
	best := band(named[0])
	for _, r := range named[1:] {
		if band(r) == best && !strings.EqualFold(r.Name, res.Item.Name) {
			res.Ambiguous = true
		}
		if len(res.Others) < maxOthers {
			res.Others = append(res.Others, x.Item(r.Index))
		}
	}
	return res, nil
}

// exactResolution lists, besides an exact match, the items whose names
// contain the name as written: fuzzy matches of a name that exists are noise.
func (x *Index) exactResolution(exact int, name string) Resolution {
	res := Resolution{Item: x.Item(exact), Exact: true}
	nq := nameQuery{text: strings.Join(strings.Fields(strings.ToLower(name)), " ")}
	// Every name match holds the text in the lower-case name, except a slug
	// match, and a slug without a dash is a run of the lower-case name
	// too: most items are ruled out without reading their texts.
	slugLike := strings.Contains(nq.text, "-")
	var rs []Result
	for i := range x.Len() {
		if i == exact || shortcuts && !slugLike && !strings.Contains(x.key(i), nq.text) {
			continue
		}
		st := x.searchText(i)
		if score, _ := x.nameScore(i, &st, &nq); score > 0 {
			rs = append(rs, Result{Index: i, Name: st.Name, Score: score + bonus(st.Project, st.Name)})
		}
	}
	x.sortResults(rs)
	for _, r := range rs[:min(maxOthers, len(rs))] {
		res.Others = append(res.Others, x.Item(r.Index))
	}
	return res
}

// exact returns the position of the item whose name or slug equals name,
// ignoring case. When a name is listed more than once, the first listing wins.
func (x *Index) exact(name string) (int, bool) {
	slug := strings.ToLower(name)
	bySlug := -1
	for i := range x.Len() {
		s := x.Summary(i)
		if strings.EqualFold(s.Name, name) {
			return i, true
		}
		if bySlug < 0 && s.Slug == slug {
			bySlug = i
		}
	}
	return bySlug, bySlug >= 0
}
