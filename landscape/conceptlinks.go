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
