package landscape

import (
	"slices"
	"strings"

	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Concepts meet the landscape, computed from the data, the guide and the
// glossary's own words, never from a hand-written list: a term that names a
// kind of tool leads to the projects that are one. (The way back, from a
// project or a place to its concepts, is the study sheet's finder reading
// what the project says it is and the guide's text: see cmd.)

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
func ConceptProjects(x *Index, e GlossaryEntry) []int {
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
	for _, maturity := range [][]string{{Graduated, Incubating, Sandbox}, nil} {
		if out := rankedProjects(x, e, maturity); len(out) > 0 {
			return with(out)
		}
	}
	return named
}

// namedProjects are the CNCF projects a word of the term's title names
// exactly ("Helm chart": Helm; "etcd"), in order of the words.
func namedProjects(x *Index, e GlossaryEntry) []int {
	var out []int
	for _, w := range lexicon.Words(e.Title) {
		if len(w) < 3 || stopWords.Has(w) {
			continue
		}
		var named []int
		for i, tier := range nameTiers(x, w, []string{w}) {
			m := x.Summary(i).Maturity
			if tier >= tierExact && (m == Graduated || m == Incubating || m == Sandbox) && x.Kind(i) == KindProject && !slices.Contains(out, i) {
				named = append(named, i)
			}
		}
		slices.Sort(named)
		out = append(out, named...)
	}
	return out[:min(len(out), maxConceptProjects)]
}

// wordsAsWritten reports whether every query word matched as itself (or
// what it stands for), not as the start of a longer word or a typo:
// kubeadm is not KubeAdmiral.
func (r Result) wordsAsWritten() bool {
	for _, h := range r.hits {
		if h.alt < 0 {
			continue
		}
		if how := r.plan.alts[h.alt].how; how == howPrefix || how == howTypo {
			return false
		}
	}
	return true
}

// placeProjects are the CNCF projects of places, graduated first.
func placeProjects(x *Index, places []string) []int {
	rank := map[string]int{Graduated: 0, Incubating: 1, Sandbox: 2}
	var out []int
	for _, p := range places {
		place, err := x.FindPlace(p)
		if err != nil || place.Sub == nil {
			continue // a whole category is many kinds of tool
		}
		for _, i := range place.Items() {
			if _, cncf := rank[x.Summary(i).Maturity]; cncf && x.Kind(i) == KindProject && !slices.Contains(out, i) {
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
func rankedProjects(x *Index, e GlossaryEntry, maturity []string) []int {
	var out []int
	seen := map[int]bool{}
	for _, key := range e.Keys {
		words := lexicon.Words(key)
		if len(words) == 0 || len(words) == 1 && len(words[0]) < 3 {
			continue
		}
		rs, err := Search(x, Query{Text: key, Kind: []string{KindProject}, Maturity: maturity})
		if err != nil || len(rs) == 0 {
			continue
		}
		top := rs[0].Score
		for _, r := range rs {
			if len(out) >= maxConceptProjects || r.Score < top/2 {
				break
			}
			if r.coverage < 1 || len(words) > 1 && !r.phrase || seen[r.Index] || !r.wordsAsWritten() {
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

// GlossaryEntry is what lookups know of a term.
type GlossaryEntry struct {
	Slug    string
	Title   string
	Keys    []string // names: "virtual machine", "VM"
	Summary string   // the first sentence
	// Sort says what a Kubernetes term is when it is no kind of tool:
	// TermPeople, TermVerb or TermPart; "" for the others and the CNCF's.
	Sort string
}

// GlossaryPlaces lists the places of the landscape that implement a term:
// the categories and subcategories named as the term is ("Service Mesh";
// "Observability" in "Observability and Analysis"). A one-word term names
// only a place of that one word, so "Service" names no "Service Proxy".
func (x *Index) GlossaryPlaces(e GlossaryEntry) []string {
	var out []string
	for _, key := range e.Keys {
		k := lexicon.StemKey(key)
		words := strings.Fields(k)
		if len(words) == 0 || slices.ContainsFunc(words, func(w string) bool { return len(w) < 2 }) {
			continue
		}
		match := func(name string) bool {
			n := lexicon.StemKey(name)
			if n == k {
				return true
			}
			// "Observability and Analysis" for observability; never a
			// single short word inside a longer name.
			return len(words) >= 2 && lexicon.HoldsAll(name, words) || len(words) == 1 && strings.HasPrefix(n, k+" and ")
		}
		for _, c := range x.Categories {
			if match(c.Name) && !slices.Contains(out, c.Name) {
				out = append(out, c.Name)
			}
			for _, s := range c.Subcategories {
				p := c.Name + "/" + s.Name
				if match(s.Name) && !slices.Contains(out, p) && len(s.Items) > 0 {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// The sorts of Kubernetes terms that name no kind of tool, from their tags
// (see KubernetesSort).
const (
	TermPeople = "people" // the project's people and groups: approver, SIG (community, user-type)
	TermVerb   = "verb"   // an API verb: watch
	TermPart   = "part"   // a part of Kubernetes itself: label, Pod, Secret (core-object, or fundamental alone)
)
