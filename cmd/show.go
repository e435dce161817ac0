package cmd

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

type showOptions struct {
	*globalOptions
	name string
}

func newShowCmd(g *globalOptions) *cobra.Command {
	o := &showOptions{globalOptions: g}
	return &cobra.Command{
		Annotations: markdownOK,
		Use:         "show NAME",
		Short:       "show one project as a card",
		Long: `Show one item of the landscape. NAME can be loose: the exact name or slug
wins, then the closest name ("talos" finds Talos Linux). Other close
candidates are listed below the card.`,
		Example: `  cnl show containerd
  cnl show talos
  cnl show "open policy agent" -o json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(strings.Join(args, "")) == "" {
				return answer.UsageErrorf("show needs a project name (see cnl show --help)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.name = strings.Join(args, " ")
			return runShow(cmd.Context(), o)
		},
	}
}

func runShow(ctx context.Context, o *showOptions) error {
	x, err := o.index(ctx)
	if err != nil {
		return err
	}
	res, err := search.Resolve(x, o.name)
	if q, ok := readQuestion(o.name); ok && (err != nil || !res.Exact) {
		// "what is a vm", "vm vs container": concepts, not projects.
		var slugs []string
		for _, c := range q.concepts {
			slugs = append(slugs, answer.ShellQuote(c.Slug))
		}
		how := "cnl glossary " + slugs[0]
		if len(slugs) > 1 {
			how = "cnl compare " + strings.Join(slugs, " ")
		}
		return fmt.Errorf("%s asks about concepts, not a project: %s explains", landscape.Quote(o.name), how)
	}
	if err != nil {
		return o.withDirections(err, o.name)
	}
	return o.streams.Show(o.format(), ui.View{
		Data:     func() any { return answer.NewItemJSON(res.Item) },
		Plain:    func(w io.Writer) error { return answer.WritePlainCard(w, x, res, o.Now()) },
		Markdown: func(w io.Writer) error { return writeMarkdownCard(w, x, res.Item, o.Now()) },
		Table: func(s *ui.Streams) error {
			return s.Paged(o.noPager, func(s *ui.Streams) error {
				st := s.Styles()
				fmt.Fprintln(s.Out, ui.RenderCard(st, x, res.Item, s.Width, o.Now()))
				if line := o.placeGuideLine(res.Item); line != "" {
					fmt.Fprintln(s.Out, ui.Truncate(st.Dim.Render(line), s.Width))
				}
				// The concepts it is a case of: what it says it is, and
				// its place's name, read by the study sheet's finder.
				if slugs := conceptsIn(res.Item.About().Text + "\n" + res.Item.Subcategory); len(slugs) > 0 {
					line := "Concepts: " + strings.Join(slugs[:min(len(slugs), maxPlaceTerms)], ", ") + " (cnl glossary NAME)"
					fmt.Fprintln(s.Out, ui.Truncate(st.Dim.Render(line), s.Width))
				}
				if len(res.Others) == 0 {
					return nil
				}
				names := make([]string, len(res.Others))
				for i, it := range res.Others {
					names[i] = ui.Clean(it.Name) + st.Dim.Render(" ("+ui.Clean(it.Path())+")")
				}
				_, err := fmt.Fprintln(s.Out, ui.PackLine(st.Dim.Render("Other matches:"), names, ", ", s.Width))
				return err
			})
		},
	})
}

// placeGuideLine points a card without a summary to what the guide says of
// its place, when the guide has a section for it: "" otherwise.
func (o *showOptions) placeGuideLine(it *landscape.Item) string {
	if it.About().Text != "" || o.File != "" {
		return ""
	}
	g, ok := o.CachedGuide()
	if !ok {
		return ""
	}
	if _, ok := g.Section(it.Category, it.Subcategory); ok {
		return "What " + ui.Clean(it.Subcategory) + " tools are for: cnl guide " + answer.ShellQuote(ui.Clean(it.Subcategory))
	}
	return ""
}

// writeMarkdownCard writes the card to paste into an issue or notes: the
// name as a heading, the place and maturity, what it is, then a table of
// the fields it has, links as links.
func writeMarkdownCard(w io.Writer, x *landscape.Index, it *landscape.Item, now time.Time) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n%s › %s", ui.MDCell(it.Name), ui.MDCell(it.Category), ui.MDCell(it.Subcategory))
	if it.Maturity != "" {
		fmt.Fprintf(&b, " · %s", ui.MDCell(it.Maturity))
	}
	b.WriteString("\n\n")
	if a := it.About(); a.Text != "" {
		b.WriteString(ui.MDCell(a.Text))
		if src := ui.AboutSource(a.Source); src != "" {
			fmt.Fprintf(&b, " _(%s)_", ui.MDCell(src))
		}
		b.WriteString("\n\n")
	}
	b.WriteString("| | |\n|---|---|\n")
	for _, f := range ui.Card(x, it, now) {
		if f.Empty() || f.Key == "category" || f.Key == "subcategory" || f.Key == "description" {
			continue
		}
		var vs []string
		for _, v := range f.Values {
			t, u := ui.MDCell(v.Text()), v.URL()
			switch {
			case u != "" && t != "" && t != u:
				vs = append(vs, fmt.Sprintf("[%s](%s)", t, ui.MDCell(u)))
			case u != "":
				vs = append(vs, "<"+ui.MDCell(u)+">")
			case t != "":
				vs = append(vs, t)
			}
		}
		if len(vs) > 0 {
			fmt.Fprintf(&b, "| %s | %s |\n", f.Label, strings.Join(vs, ", "))
		}
	}
	_, err := fmt.Fprint(w, b.String())
	return err
}
