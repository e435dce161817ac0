package cmd

import (
	"errors"
	"slices"
	"strings"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/glossary"
	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/scan"
	"github.com/cnl-dev/cnl/landscape/search"
)

// Concepts: where a query, a place or a dead end meets the glossary, cnl
// says so, so that a learner who asks for a concept ("service mesh",
// "vm", "oci") is pointed at what explains it.

// glossaryTerm is the term a query names exactly (any case, singular or
// plural, an acronym), if any: a typo of a term is not a concept asked for.
func glossaryTerm(query string) (landscape.GlossaryEntry, bool) {
	g := glossary.CNCF()
	m, _, ok := g.Lookup(query)
	if !ok || !m.Exact {
		return landscape.GlossaryEntry{}, false
	}
	return g.Entry(m.Slug)
}

// conceptLine is the line above search results for a query that is a
// concept: "service mesh — glossary: A service mesh is … (cnl glossary
// service-mesh)", cut to width.
func conceptLine(st *ui.Styles, query string, width int) (string, bool) {
	e, ok := glossaryTerm(query)
	if !ok {
		return "", false
	}
	cmd := " (cnl glossary " + e.Slug + ")"
	head := ui.Clean(lexicon.Squash(query)) + " — glossary: "
	room := width - ui.Width(head) - ui.Width(cmd)
	if room < 10 {
		return st.Dim.Render(ui.Truncate(head+"cnl glossary "+e.Slug, width)), true
	}
	return st.Dim.Render(head + ui.Truncate(ui.Clean(answer.GlossarySummary(e.Slug)), room) + cmd), true
}

// conceptHint is what a dead end adds for a concept: the term that
// explains it, or the terms that use the word ("oci").
func conceptHint(query string) string {
	if e, ok := glossaryTerm(query); ok {
		return "what it is: cnl glossary " + e.Slug
	}
	if m := answer.GlossaryMentions(query); len(m) > 0 {
		return "the glossary mentions it: " + answer.AtCommandLine.Glossary(m...)
	}
	return ""
}

// withDirections adds to a failed lookup of a name what would help: the
// guide to the place the query is about, and the glossary.
func (g *globalOptions) withDirections(err error, query string) error {
	msg := err.Error()
	if h := hint(err); h != "" {
		msg += " (" + h + ")"
	}
	var hints []string
	var topic *search.NotANameError
	if errors.As(err, &topic) && topic.Place != "" {
		if guide, gerr := g.Guide(answer.AtCommandLine); gerr == nil {
			cat, sub, _ := strings.Cut(topic.Place, "/")
			if _, ok := guide.Section(cat, sub); ok {
				hints = append(hints, "its guide: cnl guide "+answer.ShellQuote(ui.Clean(sub)))
			}
		}
	}
	if h := conceptHint(query); h != "" {
		hints = append(hints, h)
	}
	return &directedError{err: err, msg: strings.Join(append([]string{msg}, hints...), "; ")}
}

// directedError is an error that already says what to do about it.
type directedError struct {
	err error
	msg string
}

func (e *directedError) Error() string { return e.msg }
func (e *directedError) Unwrap() error { return e.err }

// placeTerms is the line naming the glossary's terms for a place, or "":
// those named like it, and those its guide text discusses (text is the
// guide's section, or "").
func placeTerms(x *landscape.Index, place, text string) string {
	var slugs []string
	for _, t := range glossary.TermsOfPlace(x, glossary.CNCF(), place) {
		slugs = append(slugs, t.Slug)
	}
	for _, s := range conceptsIn(text) {
		if !slices.Contains(slugs, s) {
			slugs = append(slugs, s)
		}
	}
	if len(slugs) == 0 {
		return ""
	}
	return "glossary: " + answer.AtCommandLine.Glossary(slugs[:min(len(slugs), maxPlaceTerms)]...)
}

// maxPlaceTerms bounds the terms a place or a card names.
const maxPlaceTerms = 6

// conceptsIn are the glossary's terms a text about software discusses,
// most mentioned first: the study sheet's finder.
func conceptsIn(text string) []string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	cf := glossary.NewConceptFinder()
	cf.AboutSoftware("text", text)
	found := cf.Found()
	slices.SortStableFunc(found, func(a, b scan.Concept) int { return b.Count - a.Count })
	var out []string
	for _, c := range found {
		out = append(out, c.Slug)
	}
	return out
}
