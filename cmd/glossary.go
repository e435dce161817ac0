package cmd

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/glossary"
)

type glossaryOptions struct {
	*globalOptions
	term string
	lang string
}

func newGlossaryCmd(g *globalOptions) *cobra.Command {
	o := &glossaryOptions{globalOptions: g}
	c := &cobra.Command{
		Use:   "glossary [TERM]",
		Short: "explain a cloud native concept",
		Long: `Explain a concept of cloud native computing, from the CNCF Cloud Native
Glossary (glossary.cncf.io, CC BY 4.0), which is built into cnl: what it
is, the problem it addresses and how it helps, with related terms and the
places of the landscape that implement it. Kubernetes' own words (label,
annotation, admission controller, PVC) come from the Kubernetes glossary
(kubernetes.io, © The Kubernetes Authors, CC BY 4.0), built in too; where
both define a term, its Kubernetes definition follows. Without a term,
the list of terms of both.

Terms resolve loosely: any case, singular or plural, acronyms and jargon
(vm, iac, mtls, k8s), and typos. --lang picks a translation where one
exists (de, es, fr, hi, ja, pt-br, zh-cn, …), else LC_ALL, LC_MESSAGES or
LANG, falling back to English for each term. On a terminal, a page longer
than the screen goes through the pager (see cnl help environment).`,
		Example: `  cnl glossary
  cnl glossary container
  cnl glossary "virtual machines"
  cnl glossary vm --lang es
  cnl glossary service-mesh -o markdown`,
		Annotations: markdownOK,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("glossary takes one term; quote terms with spaces: cnl glossary %s", landscape.Quote(strings.Join(args, " ")))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.term = args[0]
				if strings.TrimSpace(o.term) == "" {
					return usageErrorf("glossary needs a term, or none for the list")
				}
			}
			lang, err := glossaryLang(o.lang, cmd.Flags().Changed("lang"))
			if err != nil {
				return err
			}
			o.lang = lang
			return runGlossary(cmd.Context(), o)
		},
	}
	c.Flags().StringVar(&o.lang, "lang", "", "language of the glossary, such as es, de, ja, pt-br, zh-cn (default from LC_ALL, LC_MESSAGES or LANG, else en)")
	c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		for _, g := range []*landscape.Glossary{glossary.CNCF(), glossary.Kubernetes()} {
			for _, t := range g.Terms {
				if strings.HasPrefix(t.Slug, strings.ToLower(toComplete)) {
					out = append(out, t.Slug+"\t"+t.Title)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
	c.RegisterFlagCompletionFunc("lang", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return glossaryLanguages(), cobra.ShellCompDirectiveNoFileComp
	})
	return c
}

func glossaryLanguages() []string {
	info, _ := glossary.Source()
	return info.Languages
}

// glossaryLang resolves the language: --lang as given (an unknown one is a
// usage error), else the locale's, else English.
func glossaryLang(flag string, set bool) (string, error) {
	langs := glossaryLanguages()
	if set {
		if l, ok := matchLang(flag, langs); ok {
			return l, nil
		}
		return "", usageErrorf("the glossary has no language %s (it has %s)", landscape.Quote(flag), strings.Join(langs, ", "))
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc := os.Getenv(v); loc != "" {
			l, _ := matchLang(loc, langs)
			return l, nil // the first one set decides, as setlocale does
		}
	}
	return "en", nil
}

// matchLang reads a language or a locale ("de", "pt_BR.UTF-8", "zh_HK")
// as one of langs; "C" and "POSIX" are English.
func matchLang(loc string, langs []string) (string, bool) {
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

// glossaryPage is a term as -o json and yaml show it.
type glossaryPage struct {
	Slug     string                      `json:"slug"`
	Lang     string                      `json:"lang"`
	Source   string                      `json:"source" jsonschema:"the glossary it is from: cncf or kubernetes"`
	Title    string                      `json:"title"`
	URL      string                      `json:"url"`
	Summary  string                      `json:"summary"`
	Sections []landscape.GlossarySection `json:"sections"`
	SeeAlso  []string                    `json:"see_also"`
	Places   []string                    `json:"places"`
	Projects []string                    `json:"projects,omitempty" jsonschema:"the leading projects of the kind of tool the term names"`
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

// glossaryTermList is a line of the list of terms.
type glossaryTermList struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Lang    string `json:"lang"`
	Source  string `json:"source" jsonschema:"the glossary it is from: cncf or kubernetes"`
	Summary string `json:"summary"`
}

func runGlossary(ctx context.Context, o *glossaryOptions) error {
	g := glossary.CNCF()
	if len(g.Terms) == 0 {
		return fmt.Errorf("this build of cnl carries no glossary")
	}
	if o.term == "" {
		return writeGlossaryList(o.streams, o.format(), o.lang, o.noPager)
	}
	// A question: "what is a vm" is the term; "vm vs container" the two,
	// side by side.
	if q, ok := readQuestion(o.term); ok {
		if len(q.concepts) > 1 {
			var slugs []string
			for _, c := range q.concepts {
				slugs = append(slugs, c.Slug)
			}
			c, err := compareConcepts(ctx, o.globalOptions, slugs)
			if err != nil {
				return err
			}
			return writeConceptComparison(o.streams, o.format(), c)
		}
		o.term = q.concepts[0].Slug
	}
	slug, err := findGlossaryTerm(ctx, &o.session, g, o.term, o.lang, atCommandLine)
	if err != nil {
		return err
	}
	page, ok := glossaryPageOf(slug, o.lang)
	if !ok {
		return fmt.Errorf("the glossary's page for %q is missing from this build", slug)
	}
	if x, err := o.quietIndex(ctx); err == nil {
		if e, ok := glossaryEntry(slug); ok {
			page.Places = x.GlossaryPlaces(e)
			// The leading projects cost a search: on a terminal and as
			// data, where a learner or a program reads them.
			if f := o.format(); f == ui.Table || f.Data() {
				page.Projects = conceptProjects(x, e)
			}
		}
	}
	return writeGlossaryPage(o.streams, o.format(), page, o.noPager, atCommandLine)
}

// findGlossaryTerm resolves a term, in English or in lang; a name that is
// no term gets the nearest terms, or, for a project of the landscape, the
// command that shows it.
func findGlossaryTerm(ctx context.Context, o *session, g *landscape.Glossary, term, lang string, a asker) (string, error) {
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
			local := &landscape.Glossary{}
			for _, t := range ts {
				local.Terms = append(local.Terms, landscape.GlossaryEntry{Slug: t.Slug, Title: t.Title, Keys: []string{t.Title}})
			}
			if m, _, ok := local.Lookup(term); ok {
				return m.Slug, nil
			}
		}
	}
	msg := fmt.Sprintf("the glossary has no term %s", ui.Clean(landscape.Quote(term)))
	if x, err := o.quietIndex(ctx); err == nil {
		if res, err := x.Resolve(term); err == nil && res.Exact {
			return "", fmt.Errorf("%s; %s is a project of the landscape: %s", msg, ui.Clean(res.Item.Name), a.item(res.Item.Slug))
		}
	}
	if len(sugg) > 0 {
		return "", fmt.Errorf("%s; did you mean %s? (%s)", msg, landscape.QuoteList(sugg), a.allTerms())
	}
	if mentioned := glossaryMentions(term); len(mentioned) > 0 {
		return "", fmt.Errorf("%s; it is mentioned in %s", msg, a.glossary(mentioned...))
	}
	if near := termsSharingWords(term); len(near) > 0 {
		return "", fmt.Errorf("%s; nearest: %s (more in the Kubernetes documentation: %s)", msg, a.glossary(near...), landscape.KubernetesGlossaryURL)
	}
	return "", fmt.Errorf("%s (%s)", msg, a.allTerms())
}

// quietIndex is the landscape to link terms with, when one is at hand
// without a word on stderr or the network: the cache, else the built-in
// snapshot.
func (g *session) quietIndex(ctx context.Context) (*landscape.Index, error) {
	if g.file != "" {
		return parseFile(g.file)
	}
	if x, _, err := g.store().Load(); err == nil {
		return x, nil
	}
	return cache.SnapshotIndex()
}

// conceptProjects names the leading projects of the kind of tool a term
// names.
func conceptProjects(x *landscape.Index, e landscape.GlossaryEntry) []string {
	var out []string
	for _, i := range x.ConceptProjects(e) {
		out = append(out, ui.Clean(x.Summary(i).Name))
	}
	return out
}

// termsSharingWords are the terms of both glossaries one of whose names
// holds a word of the query ("image pull policy": container-image,
// k8s-image), at most five, the CNCF glossary's first.
func termsSharingWords(query string) []string {
	var out []string
	for _, g := range []*landscape.Glossary{glossary.CNCF(), glossary.Kubernetes()} {
		for _, e := range g.Terms {
			for _, w := range landscape.Words(query) {
				if len(w) > 3 && slices.ContainsFunc(e.Keys, func(k string) bool { return slices.Contains(landscape.Words(k), w) }) {
					out = append(out, e.Slug)
					break
				}
			}
		}
	}
	return out[:min(len(out), 5)]
}

// glossaryEntry is the entry of a term of either glossary.
func glossaryEntry(slug string) (landscape.GlossaryEntry, bool) {
	if e, ok := glossary.CNCF().Entry(slug); ok {
		return e, true
	}
	return glossary.Kubernetes().Entry(slug)
}

// knownTerm tells whether either glossary has a term of this slug.
func knownTerm(slug string) bool { _, ok := glossaryEntry(slug); return ok }

// glossaryPageOf builds a term's page in lang, or in English when lang has
// none (the Kubernetes glossary is English only). A CNCF term that the
// Kubernetes glossary defines too carries its definition.
func glossaryPageOf(slug, lang string) (glossaryPage, bool) {
	if t, ok := glossary.KubernetesTerm(slug); ok {
		md, see := t.Markdown(knownTerm)
		return glossaryPage{Slug: t.Slug, Lang: t.Lang, Source: landscape.KubernetesGlossary, Title: t.Title, URL: t.URL(),
			Summary: t.Summary(), Sections: t.Sections(md), SeeAlso: see, Places: []string{}, Fallback: lang != "en"}, true
	}
	for _, l := range []string{lang, "en"} {
		t, found := glossary.Term(l, slug)
		if !found {
			continue
		}
		known := glossary.CNCF()
		md, see := t.Markdown(func(s string) bool { _, ok := known.Entry(s); return ok })
		page := glossaryPage{Slug: t.Slug, Lang: t.Lang, Source: "cncf", Title: t.Title, URL: t.URL(), Summary: t.Summary(),
			Sections: t.Sections(md), SeeAlso: see, Places: []string{}, Fallback: l != lang}
		if e, ok := known.Entry(slug); ok {
			if twin, ok := kubernetesTwin(e); ok {
				def, _ := twin.Markdown(nil)
				page.Kubernetes = &glossaryTwin{Slug: twin.Slug, Definition: landscape.FirstParagraph(def), URL: twin.URL()}
				page.Sections = append(page.Sections, landscape.GlossarySection{Title: "In the Kubernetes glossary",
					Markdown: page.Kubernetes.Definition + "\n\n(© The Kubernetes Authors, CC BY 4.0: " + twin.URL() + ")"})
			}
		}
		return page, true
	}
	return glossaryPage{}, false
}

// kubernetesTwin is the Kubernetes glossary's term of the same name as a
// CNCF term (container, cluster, immutable infrastructure).
func kubernetesTwin(e landscape.GlossaryEntry) (landscape.GlossaryTerm, bool) {
	if slug, ok := glossary.KubernetesTwin(e.Slug); ok {
		return glossary.KubernetesTerm(slug)
	}
	return landscape.GlossaryTerm{}, false
}

func writeGlossaryList(s *ui.Streams, format ui.Format, lang string, noPager bool) error {
	var list []glossaryTermList
	var terms []landscape.GlossaryTerm
	if lang != "en" {
		terms, _ = glossary.Terms(lang)
	}
	for _, t := range terms {
		list = append(list, glossaryTermList{Slug: t.Slug, Title: t.Title, Lang: t.Lang, Source: "cncf", Summary: t.Summary()})
	}
	if len(terms) == 0 {
		for _, e := range glossary.CNCF().Terms {
			list = append(list, glossaryTermList{Slug: e.Slug, Title: e.Title, Lang: "en", Source: "cncf", Summary: e.Summary})
		}
	}
	cncf := len(list)
	for _, e := range glossary.Kubernetes().Terms {
		list = append(list, glossaryTermList{Slug: e.Slug, Title: e.Title, Lang: "en", Source: landscape.KubernetesGlossary, Summary: e.Summary})
	}
	return s.Show(format, ui.View{
		Data: func() any { return list },
		Plain: func(w io.Writer) error {
			for _, t := range list {
				fprintf(w, "%s\t%s\t%s\n", ui.Clean(t.Slug), ui.Clean(t.Title), ui.Clean(t.Summary))
			}
			return nil
		},
		Markdown: func(w io.Writer) error {
			fprintf(w, "| Term | What it is |\n| --- | --- |\n")
			for _, t := range list {
				fprintf(w, "| [%s](%s) | %s |\n", ui.MDCell(t.Title), landscape.GlossaryTerm{Slug: t.Slug, Lang: t.Lang, Source: t.Source}.URL(), ui.MDCell(t.Summary))
			}
			return nil
		},
		Table: func(s *ui.Streams) error {
			st := s.Styles()
			rows := make([][]string, len(list))
			for i, t := range list {
				rows[i] = []string{ui.Clean(t.Slug), ui.Clean(t.Summary)}
			}
			cols := []ui.Column{
				{Header: "TERM", Min: 12, Max: 34, GiveWay: 1},
				{Header: "WHAT IT IS", Min: 30, GiveWay: 2, Words: true, Optional: true},
			}
			var b bytes.Buffer
			fmt.Fprintln(&b, ui.RenderTable(st, s.Width, cols, rows))
			fmt.Fprintln(&b, st.Dim.Render(ui.Truncate(fmt.Sprintf("%d terms of the CNCF Cloud Native Glossary and %d of the Kubernetes glossary (k8s-…; both CC BY 4.0); cnl glossary TERM explains one", cncf, len(list)-cncf), s.Width)))
			return s.Page(b.Bytes(), noPager)
		},
	})
}

// writeGlossaryPage writes a term: on a terminal drawn to fit and paged,
// piped as its Markdown, or as data.
func writeGlossaryPage(s *ui.Streams, format ui.Format, p glossaryPage, noPager bool, a asker) error {
	// Piped, and as Markdown, a term is its Markdown.
	markdown := func(w io.Writer) error {
		var b bytes.Buffer
		fprintf(&b, "# %s\n\n", ui.Clean(p.Title))
		for _, sec := range p.Sections {
			if sec.Title != "" {
				fprintf(&b, "## %s\n\n", ui.Clean(sec.Title))
			}
			for _, l := range strings.Split(sec.Markdown, "\n") {
				fprintf(&b, "%s\n", strings.TrimRight(ui.Clean(l), " "))
			}
			fprintf(&b, "\n")
		}
		for _, line := range glossaryFooter(p, a) {
			fprintf(&b, "%s\n", line)
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
func glossaryFooter(p glossaryPage, a asker) []string {
	var out []string
	if len(p.SeeAlso) > 0 {
		out = append(out, "See also: "+a.glossary(p.SeeAlso...))
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
	if p.Source == landscape.KubernetesGlossary {
		src = "From the Kubernetes glossary, © The Kubernetes Authors (CC BY 4.0, adapted): " + ui.SafeURL(p.URL)
	}
	switch {
	case p.Fallback && p.Source == landscape.KubernetesGlossary:
		src += " (the Kubernetes glossary has no translations; English)"
	case p.Fallback:
		src += " (no translation of this term; English)"
	}
	return append(out, src)
}

// glossaryMentions lists the English terms whose text uses the phrase,
// at most three.
func glossaryMentions(phrase string) []string {
	en, _ := glossary.Terms("en")
	m := landscape.GlossaryMentions(en, phrase)
	return m[:min(len(m), 3)]
}
