package glossary

import (
	"cmp"
	"slices"
	"strings"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Glossary is the terms of the glossary that name lookups read: per term,
// its slug, its title and the ways people write it.
type Glossary struct {
	Terms []landscape.GlossaryEntry
}

// Keys are the ways people write a term: its title, its title
// without the acronym in parentheses and the acronym ("Infrastructure as
// Code (IaC)" → "infrastructure as code", "iac"), its slug's words, and an
// acronym its definition gives ("A virtual machine (VM) is …" → "vm").
func Keys(t Page) []string {
	var keys []string
	add := func(s string) {
		if k := lexicon.NormName(s); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	// Acronyms keep their case ("VM", "mTLS"): lookups ignore it, and
	// the scanner of texts wants it (see ConceptFinder).
	asWritten := func(s string) {
		if k := strings.TrimSpace(s); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	base, paren, _ := lexicon.SplitName(t.Title)
	add(t.Title)
	add(base)
	if lexicon.IsAcronymish(paren) {
		asWritten(paren)
	}
	// The slug's words; a Kubernetes term's without its "k8s-" (Lookup
	// knows slugs as they are).
	add(strings.ReplaceAll(strings.TrimPrefix(t.Slug, kubernetesSlugPrefix), "-", " "))
	// "Bare metal refers to …" under "Bare Metal Machine": the shorter
	// name the definition opens with.
	if tw := lexicon.Words(base); len(tw) > 2 {
		dw := lexicon.Words(t.Definition())
		for k := len(tw) - 1; k >= 2; k-- {
			if len(dw) > k && slices.Equal(dw[:k], tw[:k]) && definingVerbs.Has(dw[k]) {
				add(strings.Join(tw[:k], " "))
				break
			}
		}
	}
	// "A virtual machine (VM) is", "Kubernetes (often abbreviated K8s)":
	// an acronym right after the title's words in the definition.
	def := t.Definition()
	low := strings.ToLower(def)
	for _, name := range []string{base, strings.TrimSuffix(base, "s")} {
		at := strings.Index(low, strings.ToLower(name)+" (")
		if at < 0 {
			continue
		}
		rest := def[at+len(name)+2:]
		if end := strings.IndexByte(rest, ')'); end > 0 && lexicon.IsAcronymish(rest[:end]) {
			asWritten(rest[:end])
		}
	}
	return keys
}

var definingVerbs = lexicon.Listed("definingVerbs")

// Match is how a query found a term.
type Match struct {
	Slug  string
	Exact bool // the query is one of the term's names, not a typo of one
}

// Lookup finds the term a query names: one of its names, in any case,
// singular or plural; a jargon word for one (k8s); or a typo of one. It
// returns the terms it could be, best first: one when it is sure, else
// the suggestions (nothing when nothing is close).
func (g *Glossary) Lookup(query string) (Match, []string, bool) {
	if len(query) > landscape.MaxName {
		return Match{}, nil, false // no term is that long, nor near it
	}
	q := lexicon.StemKey(query)
	if q == "" {
		return Match{}, nil, false
	}
	for _, t := range g.Terms {
		if strings.EqualFold(t.Slug, strings.TrimSpace(query)) {
			return Match{Slug: t.Slug, Exact: true}, nil, true // as cnl's own lines name it
		}
	}
	alts := []string{q}
	// Jargon: "k8s" is Kubernetes, "iac" infrastructure as code.
	if ws := lexicon.Words(query); len(ws) == 1 {
		for _, phrase := range lexicon.FieldJargon().Meanings(ws[0]) {
			alts = append(alts, lexicon.StemKey(strings.Join(phrase, " ")))
		}
	}
	// The words as written first, then what they stand for.
	for _, alt := range alts {
		for _, t := range g.Terms {
			for _, k := range t.Keys {
				if lexicon.StemKey(k) == alt {
					return Match{Slug: t.Slug, Exact: true}, nil, true
				}
			}
		}
	}
	// "k8s label", "kubernetes label": a Kubernetes term, named with its
	// glossary.
	for _, qualifier := range []string{"k8s ", lexicon.Stem("kubernetes") + " "} {
		if rest, ok := strings.CutPrefix(q, qualifier); ok {
			for _, t := range g.Terms {
				if strings.HasPrefix(t.Slug, kubernetesSlugPrefix) && slices.ContainsFunc(t.Keys, func(k string) bool { return lexicon.StemKey(k) == rest }) {
					return Match{Slug: t.Slug, Exact: true}, nil, true
				}
			}
		}
	}
	// Typos: the closest name within the typo limit of its length.
	type near struct {
		slug string
		d    int
	}
	var close []near
	for _, t := range g.Terms {
		best := -1
		for _, k := range t.Keys {
			key := lexicon.StemKey(k)
			limit := lexicon.TypoLimit(key)
			if limit == 0 {
				continue
			}
			if d := lexicon.EditDistance(q, key, limit); d <= limit && (best < 0 || d < best) {
				best = d
			}
		}
		if best >= 0 {
			close = append(close, near{t.Slug, best})
		}
	}
	slices.SortStableFunc(close, func(a, b near) int { return cmp.Compare(a.d, b.d) })
	if len(close) == 1 || len(close) > 1 && close[0].d < close[1].d {
		return Match{Slug: close[0].slug}, nil, true
	}
	var sugg []string
	for _, c := range close {
		sugg = append(sugg, c.slug)
	}
	// Terms whose names hold every word of the query ("mesh" → service
	// mesh).
	if len(sugg) == 0 {
		for _, t := range g.Terms {
			if slices.ContainsFunc(t.Keys, func(k string) bool { return lexicon.HoldsAll(k, lexicon.Words(query)) }) {
				sugg = append(sugg, t.Slug)
			}
		}
	}
	return Match{}, sugg[:min(len(sugg), 5)], false
}

// Entry returns the term of this slug.
func (g *Glossary) Entry(slug string) (landscape.GlossaryEntry, bool) {
	for _, t := range g.Terms {
		if t.Slug == slug {
			return t, true
		}
	}
	return landscape.GlossaryEntry{}, false
}

// TermsOfPlace lists the glossary's terms for a place of the landscape
// ("Category" or "Category/Subcategory"): the terms whose places (see
// GlossaryPlaces) include it.
func TermsOfPlace(x *landscape.Index, g *Glossary, place string) []landscape.GlossaryEntry {
	var out []landscape.GlossaryEntry
	for _, t := range g.Terms {
		if slices.ContainsFunc(x.GlossaryPlaces(t), func(p string) bool { return strings.EqualFold(p, place) }) {
			out = append(out, t)
		}
	}
	return out
}

// Mentions lists the terms whose text uses a word or phrase that
// is no term of its own ("OCI" in the pages on container images and
// runtimes), by slug.
func Mentions(terms []Page, phrase string) []string {
	want := " " + lexicon.NormName(phrase) + " "
	if strings.TrimSpace(want) == "" {
		return nil
	}
	var out []string
	for _, t := range terms {
		if strings.Contains(" "+lexicon.NormName(lexicon.LinkText(t.Body))+" ", want) {
			out = append(out, t.Slug)
		}
	}
	return out
}
