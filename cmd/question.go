package cmd

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/glossary"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// A learner types questions, not keywords: "what is a vm", "vm vs
// container", "difference between vm and container", "how does a service
// mesh work". A question about concepts is read as the concepts it names,
// so that its question words rank no project.

// question is what a query asks.
type question struct {
	concepts []landscape.GlossaryEntry // the terms it names, one or two
	rest     string                    // the query without its question words
}

var questionForms = sync.OnceValue(func() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, f := range []string{
		`^(?:what|whats|what's)\s+(?:is|are)\s+(?:an?\s+|the\s+)?(.+?)\??$`,
		`^how\s+(?:does|do)\s+(?:an?\s+|the\s+)?(.+?)\s+work\??$`,
		`^(?:what(?:'s| is)\s+the\s+)?difference\s+between\s+(?:an?\s+|the\s+)?(.+?)\s+and\s+(?:an?\s+|the\s+)?(.+?)\??$`,
		`^(?:an?\s+)?(.+?)\s+(?:vs\.?|versus|or|compared\s+to|against)\s+(?:an?\s+)?(.+?)\??$`,
	} {
		out = append(out, regexp.MustCompile(`(?i)`+f))
	}
	return out
})

// readQuestion reads a query as a question about concepts of either
// glossary; ok is false when it is not one (then the query is searched as
// typed).
func readQuestion(query string) (q question, ok bool) {
	query = strings.TrimSpace(lexicon.Squash(query))
	if len(query) > landscape.MaxName || !mayAsk(query) {
		return q, false
	}
	for _, re := range questionForms() {
		m := re.FindStringSubmatch(query)
		if m == nil {
			continue
		}
		for _, part := range m[1:] {
			e, found := conceptNamed(part)
			if !found {
				return question{}, false
			}
			q.concepts = append(q.concepts, e)
		}
		q.rest = strings.Join(m[1:], " ")
		return q, true
	}
	return q, false
}

// mayAsk is a cheap test of whether a query can be a question at all: a
// search or a show that is none (most) compiles no pattern and looks up
// no glossary.
func mayAsk(query string) bool {
	q := " " + strings.ToLower(query) + " "
	for _, w := range []string{" what", " how ", " difference ", " vs ", " vs. ", " versus ", " or ", " compared ", " against "} {
		if strings.Contains(q, w) {
			return true
		}
	}
	return false
}

// conceptNamed is the term of either glossary a phrase names exactly, the
// CNCF glossary's first.
func conceptNamed(phrase string) (landscape.GlossaryEntry, bool) {
	for _, g := range []*glossary.Glossary{glossary.CNCF(), glossary.Kubernetes()} {
		if m, _, ok := g.Lookup(phrase); ok && m.Exact {
			return g.Entry(m.Slug)
		}
	}
	return landscape.GlossaryEntry{}, false
}

// conceptComparison is two or more concepts side by side: what each is,
// the problem it addresses, how it helps, and what they share.
type conceptComparison struct {
	Concepts []answer.GlossaryPage `json:"concepts"`
	Rows     []ui.CompareRow       `json:"rows"`
	// SharedTerms and SharedPlaces are the related terms and the places of
	// the landscape that every concept has.
	SharedTerms  []string `json:"shared_terms"`
	SharedPlaces []string `json:"shared_places"`
}

// compareConcepts builds the comparison of the terms of these slugs.
func compareConcepts(ctx context.Context, g *globalOptions, slugs []string) (conceptComparison, error) {
	var c conceptComparison
	x, _ := g.QuietIndex(ctx)
	for _, s := range slugs {
		p, ok := answer.GlossaryPageOf(s, "en")
		if !ok {
			return c, fmt.Errorf("the glossary's page for %q is missing from this build", s)
		}
		if e, ok := answer.GlossaryEntry(s); ok && x != nil {
			p.Places = x.GlossaryPlaces(e)
		}
		c.Concepts = append(c.Concepts, p)
	}
	section := func(p answer.GlossaryPage, title string) string {
		for _, s := range p.Sections {
			if strings.EqualFold(s.Title, title) || title == "" && s.Title == "" {
				return lexicon.Squash(lexicon.LinkText(s.Markdown))
			}
		}
		return ""
	}
	row := func(key, label string, value func(answer.GlossaryPage) string) {
		r := ui.CompareRow{Key: key, Label: label}
		empty := true
		for _, p := range c.Concepts {
			v := ui.Clean(value(p))
			r.Values = append(r.Values, v)
			empty = empty && v == ""
			r.Differ = r.Differ || v != r.Values[0]
		}
		if !empty {
			c.Rows = append(c.Rows, r)
		}
	}
	row("what", "What it is", func(p answer.GlossaryPage) string { return section(p, "") })
	row("problem", "Problem it addresses", func(p answer.GlossaryPage) string { return section(p, "Problem it addresses") })
	row("helps", "How it helps", func(p answer.GlossaryPage) string { return section(p, "How it helps") })
	row("related", "Related terms", func(p answer.GlossaryPage) string { return strings.Join(p.SeeAlso, ", ") })
	row("places", "In the landscape", func(p answer.GlossaryPage) string { return strings.Join(p.Places, ", ") })
	c.SharedTerms, c.SharedPlaces = []string{}, []string{}
	for i, p := range c.Concepts {
		terms := append(append([]string{}, p.SeeAlso...), p.Slug)
		if i == 0 {
			c.SharedTerms, c.SharedPlaces = terms, append([]string{}, p.Places...)
			continue
		}
		c.SharedTerms = slices.DeleteFunc(c.SharedTerms, func(s string) bool { return !slices.Contains(terms, s) })
		c.SharedPlaces = slices.DeleteFunc(c.SharedPlaces, func(s string) bool { return !slices.Contains(p.Places, s) })
	}
	return c, nil
}

// writeConceptComparison shows the comparison: side by side on a
// terminal, a row a line piped, as data with -o json|yaml.
func writeConceptComparison(s *ui.Streams, format ui.Format, c conceptComparison) error {
	headers := make([]*landscape.Item, len(c.Concepts))
	for i, p := range c.Concepts {
		headers[i] = &landscape.Item{Name: p.Title}
	}
	shared := func() string {
		var parts []string
		if len(c.SharedTerms) > 0 {
			parts = append(parts, "terms "+strings.Join(c.SharedTerms, ", "))
		}
		if len(c.SharedPlaces) > 0 {
			parts = append(parts, "places "+strings.Join(c.SharedPlaces, ", "))
		}
		if len(parts) == 0 {
			return "They share no related term or place."
		}
		return "They share " + strings.Join(parts, "; ") + "."
	}
	return s.Show(format, ui.View{
		Data: func() any { return c },
		Plain: func(w io.Writer) error {
			header := []string{""}
			for _, p := range c.Concepts {
				header = append(header, ui.Clean(p.Title))
			}
			fprintf(w, "%s\n", strings.Join(header, "\t"))
			for _, r := range c.Rows {
				fprintf(w, "%s\t%s\n", r.Label, strings.Join(r.Values, "\t"))
			}
			fprintf(w, "%s\n", ui.Clean(shared()))
			return nil
		},
		Table: func(s *ui.Streams) error {
			st := s.Styles()
			var slugs []string
			for _, p := range c.Concepts {
				slugs = append(slugs, p.Slug)
			}
			_, err := fmt.Fprintln(s.Out, ui.RenderCompare(st, headers, c.Rows, s.Width)+"\n\n"+
				strings.Join(ui.WrapStyled(ui.Clean(shared()), s.Width, "", ""), "\n")+"\n"+
				st.Dim.Render(ui.Truncate("more: "+answer.AtCommandLine.Glossary(slugs...), s.Width)))
			return err
		},
	})
}
