package answer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/glossary"
	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/search"
)

func GlossaryLanguages() []string {
	info, _ := glossary.Source()
	return info.Languages
}

// GlossaryLang resolves the language: --lang as given (an unknown one is a
// usage error), else the locale's, else English.
func GlossaryLang(flag string, set bool) (string, error) {
	langs := GlossaryLanguages()
	if set {
		if l, ok := MatchLang(flag, langs); ok {
			return l, nil
		}
		return "", UsageErrorf("the glossary has no language %s (it has %s)", landscape.Quote(flag), strings.Join(langs, ", "))
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc := os.Getenv(v); loc != "" {
			l, _ := MatchLang(loc, langs)
			return l, nil // the first one set decides, as setlocale does
		}
	}
	return "en", nil
}

// MatchLang reads a language or a locale ("de", "pt_BR.UTF-8", "zh_HK")
// as one of langs; "C" and "POSIX" are English.
func MatchLang(loc string, langs []string) (string, bool) {
	l := strings.ToLower(strings.TrimSpace(loc))
	l, _, _ = strings.Cut(l, ".")
	l, _, _ = strings.Cut(l, "@")
	l = strings.ReplaceAll(l, "_", "-")
	switch l {
	case "c", "posix", "":
		return "en", l != ""
	case "zh-hk", "zh-mo", "zh-hant":
		l = "zh-tw"
	case "zh", "zh-sg", "zh-hans":
		l = "zh-cn"
	case "pt":
		l = "pt-br"
	}
	if slices.Contains(langs, l) {
		return l, true
	}
	if short, _, _ := strings.Cut(l, "-"); slices.Contains(langs, short) {
		return short, true
	}
	return "en", false
}

// GlossaryPage is a term as -o json and yaml show it.
type GlossaryPage struct {
	Slug     string             `json:"slug"`
	Lang     string             `json:"lang"`
	Source   string             `json:"source" jsonschema:"the glossary it is from: cncf or kubernetes"`
	Title    string             `json:"title"`
	URL      string             `json:"url"`
	Summary  string             `json:"summary"`
	Sections []glossary.Section `json:"sections"`
	SeeAlso  []string           `json:"see_also"`
	Places   []string           `json:"places"`
	Projects []string           `json:"projects,omitempty" jsonschema:"the leading projects of the kind of tool the term names"`
	// Fallback is set when the term has no page in the language asked
	// for and English answers.
	Fallback bool `json:"fallback,omitempty"`
	// Kubernetes is the Kubernetes glossary's definition of the same
	// term, shown beneath the CNCF one.
	Kubernetes *glossaryTwin `json:"kubernetes,omitempty"`
}

// glossaryTwin is the Kubernetes glossary's word on a CNCF term.
type glossaryTwin struct {
	Slug       string `json:"slug"`
	Definition string `json:"definition"`
	URL        string `json:"url"`
}

// GlossaryTermList is a line of the list of terms.
type GlossaryTermList struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Lang    string `json:"lang"`
	Source  string `json:"source" jsonschema:"the glossary it is from: cncf or kubernetes"`
	Summary string `json:"summary"`
}

// FindGlossaryTerm resolves a term, in English or in lang; a name that is
// no term gets the nearest terms, or, for a project of the landscape, the
// command that shows it.
func FindGlossaryTerm(ctx context.Context, o *Session, g *glossary.Glossary, term, lang string, a Asker) (string, error) {
	if err := landscape.CheckLength("term", term, landscape.MaxName); err != nil {
		return "", err
	}
	// The CNCF glossary first; a name only Kubernetes defines ("labels",
	// "admission controller", "pvc") is the Kubernetes glossary's.
	m, sugg, ok := g.Lookup(term)
	if ok && m.Exact {
		return m.Slug, nil
	}
	km, ksugg, kok := glossary.Kubernetes().Lookup(term)
	switch {
	case kok && km.Exact, kok && !ok:
		return km.Slug, nil
	case ok:
		return m.Slug, nil
	}
	sugg = append(sugg, ksugg...)
	if lang != "en" {
		if ts, ok := glossary.Terms(lang); ok {
			local := &glossary.Glossary{}
			for _, t := range ts {
				local.Terms = append(local.Terms, landscape.GlossaryEntry{Slug: t.Slug, Title: t.Title, Keys: []string{t.Title}})
			}
			if m, _, ok := local.Lookup(term); ok {
				return m.Slug, nil
			}
		}
	}
	msg := fmt.Sprintf("the glossary has no term %s", ui.Clean(landscape.Quote(term)))
	if x, err := o.QuietIndex(ctx); err == nil {
		if res, err := search.Resolve(x, term); err == nil && res.Exact {
			return "", fmt.Errorf("%s; %s is a project of the landscape: %s", msg, ui.Clean(res.Item.Name), a.item(res.Item.Slug))
		}
	}
	if len(sugg) > 0 {
		return "", fmt.Errorf("%s; did you mean %s? (%s)", msg, landscape.QuoteList(sugg), a.allTerms())
	}
	if mentioned := GlossaryMentions(term); len(mentioned) > 0 {
		return "", fmt.Errorf("%s; it is mentioned in %s", msg, a.Glossary(mentioned...))
	}
	if near := termsSharingWords(term); len(near) > 0 {
		return "", fmt.Errorf("%s; nearest: %s (more in the Kubernetes documentation: %s)", msg, a.Glossary(near...), glossary.KubernetesURL)
	}
	return "", fmt.Errorf("%s (%s)", msg, a.allTerms())
}

// ConceptProjects names the leading projects of the kind of tool a term
// names.
func ConceptProjects(x *landscape.Index, e landscape.GlossaryEntry) []string {
	var out []string
	for _, i := range glossary.ConceptProjects(x, e) {
		out = append(out, ui.Clean(x.Summary(i).Name))
	}
	return out
}

// termsSharingWords are the terms of both glossaries one of whose names
// holds a word of the query ("image pull policy": container-image,
// k8s-image), at most five, the CNCF glossary's first.
func termsSharingWords(query string) []string {
	var out []string
	for _, g := range []*glossary.Glossary{glossary.CNCF(), glossary.Kubernetes()} {
		for _, e := range g.Terms {
			for _, w := range lexicon.Words(query) {
				if len(w) > 3 && slices.ContainsFunc(e.Keys, func(k string) bool { return slices.Contains(lexicon.Words(k), w) }) {
					out = append(out, e.Slug)
					break
				}
			}
		}
	}
	return out[:min(len(out), 5)]
}

// GlossaryEntry is the entry of a term of either glossary.
func GlossaryEntry(slug string) (landscape.GlossaryEntry, bool) {
	if e, ok := glossary.CNCF().Entry(slug); ok {
		return e, true
	}
	return glossary.Kubernetes().Entry(slug)
}

// knownTerm tells whether either glossary has a term of this slug.
func knownTerm(slug string) bool { _, ok := GlossaryEntry(slug); return ok }

// GlossaryPageOf builds a term's page in lang, or in English when lang has
// none (the Kubernetes glossary is English only). A CNCF term that the
// Kubernetes glossary defines too carries its definition.
func GlossaryPageOf(slug, lang string) (GlossaryPage, bool) {
	if t, ok := glossary.KubernetesTerm(slug); ok {
		md, see := t.Markdown(knownTerm)
		see = twinsFirst(see)
		return GlossaryPage{Slug: t.Slug, Lang: t.Lang, Source: glossary.KubernetesSource, Title: t.Title, URL: t.URL(),
			Summary: t.Summary(), Sections: t.Sections(md), SeeAlso: see, Places: []string{}, Fallback: lang != "en"}, true
	}
	for _, l := range []string{lang, "en"} {
		t, found := glossary.Term(l, slug)
		if !found {
			continue
		}
		known := glossary.CNCF()
		md, see := t.Markdown(func(s string) bool { _, ok := known.Entry(s); return ok })
		page := GlossaryPage{Slug: t.Slug, Lang: t.Lang, Source: "cncf", Title: t.Title, URL: t.URL(), Summary: t.Summary(),
			Sections: t.Sections(md), SeeAlso: see, Places: []string{}, Fallback: l != lang}
		if e, ok := known.Entry(slug); ok {
			if twin, ok := kubernetesTwin(e); ok {
				def, _ := twin.Markdown(nil)
				page.Kubernetes = &glossaryTwin{Slug: twin.Slug, Definition: landscape.FirstParagraph(def), URL: twin.URL()}
				page.Sections = append(page.Sections, glossary.Section{Title: "In the Kubernetes glossary",
					Markdown: page.Kubernetes.Definition + "\n\n(© The Kubernetes Authors, CC BY 4.0: " + twin.URL() + ")"})
			}
		}
		return page, true
	}
	return GlossaryPage{}, false
}

// twinsFirst names each Kubernetes term by its CNCF twin where it has one
// (k8s-pod is pod: the twin's page carries both definitions), once.
func twinsFirst(slugs []string) []string {
	var out []string
	for _, s := range slugs {
		if twin, ok := glossary.CNCFTwin(s); ok {
			s = twin
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// kubernetesTwin is the Kubernetes glossary's term of the same name as a
// CNCF term (container, cluster, immutable infrastructure).
func kubernetesTwin(e landscape.GlossaryEntry) (glossary.Page, bool) {
	if slug, ok := glossary.KubernetesTwin(e.Slug); ok {
		return glossary.KubernetesTerm(slug)
	}
	return glossary.Page{}, false
}

// WriteGlossaryPage writes a term: on a terminal drawn to fit and paged,
// piped as its Markdown, or as data.
func WriteGlossaryPage(s *ui.Streams, format ui.Format, p GlossaryPage, noPager bool, a Asker) error {
	// Piped, and as Markdown, a term is its Markdown.
	markdown := func(w io.Writer) error {
		var b bytes.Buffer
		fmt.Fprintf(&b, "# %s\n\n", ui.Clean(p.Title))
		for _, sec := range p.Sections {
			if sec.Title != "" {
				fmt.Fprintf(&b, "## %s\n\n", ui.Clean(sec.Title))
			}
			for _, l := range strings.Split(sec.Markdown, "\n") {
				fmt.Fprintf(&b, "%s\n", strings.TrimRight(ui.Clean(l), " "))
			}
			fmt.Fprintf(&b, "\n")
		}
		for _, line := range glossaryFooter(p, a) {
			fmt.Fprintf(&b, "%s\n", line)
		}
		_, err := w.Write(b.Bytes())
		return err
	}
	return s.Show(format, ui.View{
		Data: func() any {
			if p.SeeAlso == nil {
				p.SeeAlso = []string{}
			}
			return p
		},
		Plain:    markdown,
		Markdown: markdown,
		Table: func(s *ui.Streams) error {
			st := s.Styles()
			width := min(s.Width, 100)
			var b strings.Builder
			b.WriteString(st.Header.Render(ui.Truncate(ui.Clean(p.Title), width)) + "\n")
			b.WriteString(st.Dim.Render(strings.Repeat("─", min(width, ui.Width(ui.Clean(p.Title))))) + "\n\n")
			for _, sec := range p.Sections {
				if sec.Title != "" {
					b.WriteString(st.Title.Render(ui.Truncate(ui.Clean(sec.Title), width)) + "\n\n")
				}
				b.WriteString(ui.RenderMarkdown(st, sec.Markdown, width) + "\n\n")
			}
			for _, line := range glossaryFooter(p, a) {
				b.WriteString(strings.Join(ui.WrapStyled(st.Dim.Render(line), width, "", "  "), "\n") + "\n")
			}
			return s.Page([]byte(b.String()), noPager)
		},
	})
}

// glossaryFooter is what follows a term: related terms, the places of the
// landscape, and where the text comes from.
func glossaryFooter(p GlossaryPage, a Asker) []string {
	var out []string
	if len(p.SeeAlso) > 0 {
		out = append(out, "See also: "+a.Glossary(p.SeeAlso...))
	}
	if len(p.Projects) > 0 {
		out = append(out, "Projects: "+strings.Join(p.Projects, ", ")+" ("+a.item("NAME")+")")
	}
	if len(p.Places) > 0 {
		var cmds []string
		for _, pl := range p.Places {
			cmds = append(cmds, a.place(pl))
		}
		out = append(out, "In the landscape: "+strings.Join(cmds, ", "))
	}
	src := "From the CNCF Cloud Native Glossary (CC BY 4.0): " + ui.SafeURL(p.URL)
	if p.Source == glossary.KubernetesSource {
		src = "From the Kubernetes glossary, © The Kubernetes Authors (CC BY 4.0, adapted): " + ui.SafeURL(p.URL)
	}
	switch {
	case p.Fallback && p.Source == glossary.KubernetesSource:
		src += " (the Kubernetes glossary has no translations; English)"
	case p.Fallback:
		src += " (no translation of this term; English)"
	}
	return append(out, src)
}

// GlossaryMentions lists the English terms whose text uses the phrase,
// at most three.
func GlossaryMentions(phrase string) []string {
	en, _ := glossary.Terms("en")
	m := glossary.Mentions(en, phrase)
	return m[:min(len(m), 3)]
}

// GlossarySummary is the first sentence of a term of either glossary, in
// English.
func GlossarySummary(slug string) string {
	e, _ := GlossaryEntry(slug)
	return e.Summary
}
