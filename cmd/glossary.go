package cmd

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
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
				return answer.UsageErrorf("glossary takes one term; quote terms with spaces: cnl glossary %s", landscape.Quote(strings.Join(args, " ")))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.term = args[0]
				if strings.TrimSpace(o.term) == "" {
					return answer.UsageErrorf("glossary needs a term, or none for the list")
				}
			}
			lang, err := answer.GlossaryLang(o.lang, cmd.Flags().Changed("lang"))
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
		for _, g := range []*glossary.Glossary{glossary.CNCF(), glossary.Kubernetes()} {
			for _, t := range g.Terms {
				if strings.HasPrefix(t.Slug, strings.ToLower(toComplete)) {
					out = append(out, t.Slug+"\t"+t.Title)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
	c.RegisterFlagCompletionFunc("lang", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return answer.GlossaryLanguages(), cobra.ShellCompDirectiveNoFileComp
	})
	return c
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
	slug, err := answer.FindGlossaryTerm(ctx, &o.Session, g, o.term, o.lang, answer.AtCommandLine)
	if err != nil {
		return err
	}
	page, ok := answer.GlossaryPageOf(slug, o.lang)
	if !ok {
		return fmt.Errorf("the glossary's page for %q is missing from this build", slug)
	}
	if x, err := o.QuietIndex(ctx); err == nil {
		if e, ok := answer.GlossaryEntry(slug); ok {
			page.Places = x.GlossaryPlaces(e)
			// The leading projects cost a search: on a terminal and as
			// data, where a learner or a program reads them.
			if f := o.format(); f == ui.Table || f.Data() {
				page.Projects = answer.ConceptProjects(x, e)
			}
		}
	}
	return answer.WriteGlossaryPage(o.streams, o.format(), page, o.noPager, answer.AtCommandLine)
}

func writeGlossaryList(s *ui.Streams, format ui.Format, lang string, noPager bool) error {
	var list []answer.GlossaryTermList
	var terms []glossary.Page
	if lang != "en" {
		terms, _ = glossary.Terms(lang)
	}
	for _, t := range terms {
		list = append(list, answer.GlossaryTermList{Slug: t.Slug, Title: t.Title, Lang: t.Lang, Source: "cncf", Summary: t.Summary()})
	}
	if len(terms) == 0 {
		for _, e := range glossary.CNCF().Terms {
			list = append(list, answer.GlossaryTermList{Slug: e.Slug, Title: e.Title, Lang: "en", Source: "cncf", Summary: e.Summary})
		}
	}
	cncf := len(list)
	for _, e := range glossary.Kubernetes().Terms {
		list = append(list, answer.GlossaryTermList{Slug: e.Slug, Title: e.Title, Lang: "en", Source: glossary.KubernetesSource, Summary: e.Summary})
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
				fprintf(w, "| [%s](%s) | %s |\n", ui.MDCell(t.Title), glossary.Page{Slug: t.Slug, Lang: t.Lang, Source: t.Source}.URL(), ui.MDCell(t.Summary))
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
