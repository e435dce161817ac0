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
	if exact := x.exact(name); exact != nil {
		return x.exactResolution(exact, name), nil
	}
	results, err := x.Search(Query{Text: name})
	if err != nil {
		return Resolution{}, err
	}
	// Candidates are name matches; once the best one holds the query as
	// written, fuzzy and typo matches are noise, not alternatives.
	var named []Result
	floor := minNameMatchBand
	if len(results) > 0 {
		floor = max(floor, min(results[0].Score-bonus(results[0].Item), ScoreNamePart))
	}
	for _, r := range results {
		if r.Score-bonus(r.Item) >= floor {
			named = append(named, r)
		}
	}
	if len(named) == 0 {
		nf := &NotFoundError{Name: name}
		for _, r := range results[:min(3, len(results))] {
			nf.Suggestions = append(nf.Suggestions, r.Item.Name)
		}
		return Resolution{}, nf
	}
	res := Resolution{Item: named[0].Item}
	band := named[0].Score - bonus(named[0].Item)
	for _, r := range named[1:] {
		if r.Score-bonus(r.Item) == band && !strings.EqualFold(r.Item.Name, res.Item.Name) {
			res.Ambiguous = true
		}
		if len(res.Others) < maxOthers {
			res.Others = append(res.Others, r.Item)
		}
	}
	return res, nil
}

// exactResolution lists, besides an exact match, the items whose names
// contain the name as written: fuzzy matches of a name that exists are noise.
func (x *Index) exactResolution(exact *Item, name string) Resolution {
	res := Resolution{Item: exact, Exact: true}
	x.ensureSearchKeys()
	text := strings.Join(strings.Fields(strings.ToLower(name)), " ")
	var rs []Result
	for i := range x.Items {
		if &x.Items[i] == exact {
			continue
		}
		if score, _ := x.nameScore(i, text, nil, false); score > 0 {
			rs = append(rs, Result{Index: i, Item: &x.Items[i], Score: score + bonus(&x.Items[i])})
		}
	}
	x.sortResults(rs)
	for _, r := range rs[:min(maxOthers, len(rs))] {
		res.Others = append(res.Others, r.Item)
	}
	return res
}

// exact returns the item whose slug or name equals name, ignoring case. When
// a name is listed more than once, the first listing wins.
func (x *Index) exact(name string) *Item {
	if its := x.ByName(name); len(its) > 0 {
		return its[0]
	}
	if it, ok := x.BySlug(strings.ToLower(name)); ok {
		return it
	}
	return nil
}
