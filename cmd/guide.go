package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

type guideOptions struct {
	*globalOptions
	place string
}

func newGuideCmd(g *globalOptions) *cobra.Command {
	o := &guideOptions{globalOptions: g}
	return &cobra.Command{
		Use:   "guide [CATEGORY[/SUBCATEGORY]]",
		Short: "read the landscape's guide to a category",
		Long: `Read the landscape's guide: for newcomers, what each category and many
subcategories are for: what it is, the problem it addresses, how it helps,
and a technical 101. Without an argument, the table of contents, marking
the landscape's subcategories that have a text.

Places resolve as in cnl list ("Container Runtime", "Runtime"); the guide's
own sections ("Introduction") work too. On a terminal the text is drawn to
fit; piped, it is the Markdown itself; -o json gives the sections. The guide
comes with cnl update (the CNCF landscape's is also built into cnl).`,
		Example: `  cnl guide
  cnl guide "Container Runtime"
  cnl guide Runtime
  cnl guide Introduction
  cnl guide "Service Mesh" | less`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return answer.UsageErrorf("guide takes one place; quote names with spaces: cnl guide %s", landscape.Quote(strings.Join(args, " ")))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.place = args[0]
			}
			return runGuide(cmd.Context(), o)
		},
	}
}

func runGuide(ctx context.Context, o *guideOptions) error {
	x, err := o.index(ctx)
	if err != nil {
		return err
	}
	guide, err := o.Guide(answer.AtCommandLine)
	if err != nil {
		return err
	}
	if o.place == "" {
		return writeGuideContents(o.streams, o.format(), x, guide)
	}
	sections, err := answer.GuideSections(x, guide, o.place)
	if err != nil {
		var ok bool
		if sections, ok = o.guideOfItem(x, guide, o.place); !ok {
			return o.guideDirections(x, err, o.place)
		}
	}
	var text strings.Builder
	for _, s := range sections {
		text.WriteString(s.Content + "\n")
	}
	return writeGuideSections(o.streams, o.format(), sections, placeTerms(x, answer.SectionPlace(x, sections[0]), text.String()), o.noPager)
}

// guideOfItem answers a guide for a project with the guide to its place
// ("cnl guide containerd" reads Runtime/Container Runtime), saying so on
// stderr.
func (o *guideOptions) guideOfItem(x *landscape.Index, guide *landscape.Guide, name string) ([]landscape.GuideSection, bool) {
	res, err := search.Resolve(x, name)
	if err != nil || !res.Exact {
		return nil, false
	}
	it := res.Item
	sections, err := answer.GuideSections(x, guide, it.Path())
	var noText *answer.NoGuideError
	if errors.As(err, &noText) {
		sections, err = []landscape.GuideSection{noText.Fallback}, nil
	}
	if err != nil {
		return nil, false
	}
	fprintf(o.streams.ErrOut, "%s is a project in %s; the guide to its place follows (cnl show %s reads its card)\n",
		ui.Clean(it.Name), ui.Clean(it.Category+"/"+it.Subcategory), answer.ShellQuote(ui.Clean(it.Slug)))
	return sections, true
}

// guideDirections words a place the guide lacks: what the name is instead
// (a project's maker, a concept), or the places it is close to.
func (o *guideOptions) guideDirections(x *landscape.Index, err error, query string) error {
	var hints []string
	var maker *search.NotANameError
	if _, rerr := search.Resolve(x, query); errors.As(rerr, &maker) && maker.Maker != "" {
		hints = append(hints, rerr.Error())
	}
	if h := conceptHint(query); h != "" {
		hints = append(hints, h)
	}
	if len(hints) == 0 {
		return err
	}
	return fmt.Errorf("the guide has no place %s; %s", ui.Clean(landscape.Quote(query)), strings.Join(hints, "; "))
}

// writeGuideSections writes the guide's texts; footer, when set, names
// the glossary's terms for the place, below them on a terminal.
func writeGuideSections(s *ui.Streams, format ui.Format, sections []landscape.GuideSection, footer string, noPager bool) error {
	return s.Show(format, ui.View{
		Data: func() any { return sections },
		Plain: func(w io.Writer) error {
			// The Markdown itself, its lines cleaned of anything that drives
			// a terminal.
			for i, sec := range sections {
				if i > 0 {
					fprintf(w, "\n")
				}
				fprintf(w, "%s %s\n\n", strings.Repeat("#", guideLevel(sec)), ui.Clean(answer.SectionTitle(sec)))
				for _, l := range strings.Split(strings.TrimRight(sec.Content, "\n"), "\n") {
					fprintf(w, "%s\n", strings.TrimRight(ui.Clean(l), " "))
				}
			}
			return nil
		},
		Table: func(s *ui.Streams) error {
			st := s.Styles()
			width := min(s.Width, 100)
			var b strings.Builder
			for i, sec := range sections {
				if i > 0 {
					b.WriteString("\n")
				}
				b.WriteString(st.Header.Render(ui.Truncate(ui.Clean(answer.SectionTitle(sec)), width)) + "\n")
				b.WriteString(st.Dim.Render(strings.Repeat("─", min(width, ui.Width(ui.Clean(answer.SectionTitle(sec)))))) + "\n\n")
				b.WriteString(ui.RenderMarkdown(st, sec.Content, width) + "\n")
			}
			if footer != "" {
				b.WriteString("\n" + st.Dim.Render(ui.Truncate(footer, width)) + "\n")
			}
			return s.Page([]byte(b.String()), noPager)
		},
	})
}

func guideLevel(sec landscape.GuideSection) int {
	if sec.Subcategory == "" {
		return 1
	}
	return 2
}

// writeGuideContents lists the landscape's categories and subcategories,
// marking those the guide explains, then the guide's own sections.
func writeGuideContents(s *ui.Streams, format ui.Format, x *landscape.Index, guide *landscape.Guide) error {
	var entries []answer.GuideEntry
	explained := 0
	for _, c := range x.Categories {
		_, ok := guide.Section(c.Name, "")
		entries = append(entries, answer.GuideEntry{Path: c.Name, Guide: ok, Items: c.Count()})
		for _, sc := range c.Subcategories {
			_, ok := guide.Section(c.Name, sc.Name)
			if ok {
				explained++
			}
			entries = append(entries, answer.GuideEntry{Path: c.Name + "/" + sc.Name, Guide: ok, Items: len(sc.Items)})
		}
	}
	var extra []string
	for _, c := range guide.Categories {
		if _, err := x.FindPlace(c.Name); err != nil {
			extra = append(extra, ui.Clean(c.Name))
		}
	}
	return s.Show(format, ui.View{
		Data: func() any { return entries },
		Plain: func(w io.Writer) error {
			for _, e := range entries {
				fprintf(w, "%s\t%v\n", ui.Clean(e.Path), e.Guide)
			}
			return nil
		},
		Table: func(s *ui.Streams) error {
			st := s.Styles()
			var b strings.Builder
			for _, e := range entries {
				mark := "  "
				if e.Guide {
					mark = "✓ "
				}
				cat, sub, isSub := strings.Cut(e.Path, "/")
				switch {
				case !isSub:
					fmt.Fprintf(&b, "%s%s\n", mark, st.Title.Render(ui.Truncate(ui.Clean(cat), s.Width-2)))
				case e.Guide:
					fmt.Fprintf(&b, "  %s%s\n", mark, ui.Truncate(ui.Clean(sub), s.Width-4))
				default:
					fmt.Fprintf(&b, "  %s%s\n", mark, st.Dim.Render(ui.Truncate(ui.Clean(sub), s.Width-4)))
				}
			}
			fmt.Fprintf(&b, "%s\n", st.Dim.Render(ui.Truncate(fmt.Sprintf("✓ the guide explains it: %d of the subcategories; also %s", explained, strings.Join(extra, ", ")), s.Width)))
			_, err := fmt.Fprint(s.Out, b.String()+st.Dim.Render(ui.Truncate("cnl guide PLACE reads one", s.Width))+"\n")
			return err
		},
	})
}
