package glossary

import (
	"slices"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/search"
)

// maxConceptProjects is how many projects a concept names: the leading
// ones, not a listing.
const maxConceptProjects = 5

// ConceptProjects are the leading projects of the kind of tool a term
// names, best first, as positions: none when no project says it is one,
// or the term is a part of Kubernetes, one of its verbs or its people.
// A term that names a place of the landscape leads to that place's CNCF
// projects, most mature first; another to the ranker's first CNCF projects
// for the term's names (every word found, as a phrase), else its first
// open source projects.
func ConceptProjects(x *landscape.Index, e landscape.GlossaryEntry) []int {
	if e.Sort != "" {
		return nil // a label, a Pod, an approver: no kind of tool
	}
	named := namedProjects(x, e)
	with := func(out []int) []int {
		for _, i := range out {
			if len(named) < maxConceptProjects && !slices.Contains(named, i) {
				named = append(named, i)
			}
		}
		return named
	}
	if places := x.GlossaryPlaces(e); len(places) > 0 {
		if out := placeProjects(x, places); len(out) > 0 {
			return with(out)
		}
	}
	for _, maturity := range [][]string{{landscape.Graduated, landscape.Incubating, landscape.Sandbox}, nil} {
		if out := rankedProjects(x, e, maturity); len(out) > 0 {
			return with(out)
		}
	}
	return named
}

// namedProjects are the CNCF projects a word of the term's title names
// exactly ("Helm chart": Helm; "etcd"), in order of the words.
func namedProjects(x *landscape.Index, e landscape.GlossaryEntry) []int {
	var out []int
	for _, w := range lexicon.Words(e.Title) {
		if len(w) < 3 || lexicon.Listed("stopWords").Has(w) {
			continue
		}
		for _, i := range search.NamedExactly(x, w) {
			m := x.Summary(i).Maturity
			if (m == landscape.Graduated || m == landscape.Incubating || m == landscape.Sandbox) && x.Kind(i) == landscape.KindProject && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	return out[:min(len(out), maxConceptProjects)]
}

// placeProjects are the CNCF projects of places, graduated first.
func placeProjects(x *landscape.Index, places []string) []int {
	rank := map[string]int{landscape.Graduated: 0, landscape.Incubating: 1, landscape.Sandbox: 2}
	var out []int
	for _, p := range places {
		place, err := x.FindPlace(p)
		if err != nil || place.Sub == nil {
			continue // a whole category is many kinds of tool
		}
		for _, i := range place.Items() {
			if _, cncf := rank[x.Summary(i).Maturity]; cncf && x.Kind(i) == landscape.KindProject && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return rank[x.Summary(a).Maturity] - rank[x.Summary(b).Maturity] })
	return out[:min(len(out), maxConceptProjects)]
}

// rankedProjects are the ranker's first projects for a term's names (of
// these maturities, when given) that hold every word of a name, as a
// phrase when it has several.
func rankedProjects(x *landscape.Index, e landscape.GlossaryEntry, maturity []string) []int {
	var out []int
	seen := map[int]bool{}
	for _, key := range e.Keys {
		words := lexicon.Words(key)
		if len(words) == 0 || len(words) == 1 && len(words[0]) < 3 {
			continue
		}
		rs, err := search.Search(x, search.Query{Text: key, Kind: []string{landscape.KindProject}, Maturity: maturity})
		if err != nil || len(rs) == 0 {
			continue
		}
		top := rs[0].Score
		for _, r := range rs {
			if len(out) >= maxConceptProjects || r.Score < top/2 {
				break
			}
			if !r.CoversAll() || len(words) > 1 && !r.AsPhrase() || seen[r.Index] || !r.WordsAsWritten() {
				continue
			}
			seen[r.Index] = true
			out = append(out, r.Index)
		}
		if len(out) > 0 {
			break // the term's first name that finds projects says it
		}
	}
	return out
}
