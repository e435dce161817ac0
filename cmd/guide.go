package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
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
				return usageErrorf("guide takes one place; quote names with spaces: cnl guide %s", landscape.Quote(strings.Join(args, " ")))
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
	guide, err := o.guide()
	if err != nil {
		return err
	}
	if o.place == "" {
		return writeGuideContents(o.streams, o.format(), x, guide)
	}
	sections, err := guideSections(x, guide, o.place)
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
	return writeGuideSections(o.streams, o.format(), sections, placeTerms(x, sectionPlace(x, sections[0]), text.String()), o.noPager)
}

// sectionPlace is the landscape's path of a guide section, as
// TermsOfPlace takes it.
func sectionPlace(x *landscape.Index, sec landscape.GuideSection) string {
	if sec.Subcategory == "" {
		return sec.Category
	}
	if p, err := x.FindPlace(sec.Category + "/" + sec.Subcategory); err == nil {
		return p.String()
	}
	return ""
}

// guideOfItem answers a guide for a project with the guide to its place
// ("cnl guide containerd" reads Runtime/Container Runtime), saying so on
// stderr.
func (o *guideOptions) guideOfItem(x *landscape.Index, guide *landscape.Guide, name string) ([]landscape.GuideSection, bool) {
	res, err := x.Resolve(name)
	if err != nil || !res.Exact {
		return nil, false
	}
	it := res.Item
	sections, err := guideSections(x, guide, it.Path())
	var noText *noGuideError
	if errors.As(err, &noText) {
		sections, err = []landscape.GuideSection{noText.fallback}, nil
	}
	if err != nil {
		return nil, false
	}
	fprintf(o.streams.ErrOut, "%s is a project in %s; the guide to its place follows (cnl show %s reads its card)\n",
		ui.Clean(it.Name), ui.Clean(it.Category+"/"+it.Subcategory), shellQuote(ui.Clean(it.Slug)))
	return sections, true
}

// guideDirections words a place the guide lacks: what the name is instead
// (a project's maker, a concept), or the places it is close to.
func (o *guideOptions) guideDirections(x *landscape.Index, err error, query string) error {
	var hints []string
	var maker *landscape.NotANameError
	if _, rerr := x.Resolve(query); errors.As(rerr, &maker) && maker.Maker != "" {
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

// guide is the landscape's cached guide, or an error saying there is none.
func (g *session) guide() (*landscape.Guide, error) {
	if g.file != "" {
		return nil, errors.New("the guide comes from the cache; --file has none (run cnl guide without --file)")
	}
	guide, ok, err := cache.Guide(g.cfg)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, fmt.Errorf("the %s landscape has no guide (see cnl landscapes)", g.cfg.Landscape.Key)
	}
	return guide, nil
}

// guideSections finds what the guide says of a place: its own text, with
// the subcategories' texts for a category. A place without text gets its
// category's, with a note; a name the landscape lacks may be a section of
// the guide's own ("Introduction").
func guideSections(x *landscape.Index, guide *landscape.Guide, query string) ([]landscape.GuideSection, error) {
	place, err := x.FindPlace(query)
	if err != nil {
		if s, ok := guide.Lookup(query); ok {
			out := []landscape.GuideSection{s}
			if s.Subcategory == "" {
				out = append(out, subSections(guide, s.Category)...)
			}
			return out, nil
		}
		return nil, err
	}
	if place.Sub == nil {
		s, ok := guide.Section(place.Category.Name, "")
		subs := subSections(guide, place.Category.Name)
		if !ok && len(subs) == 0 {
			return nil, fmt.Errorf("the guide has no text for %q", place.String())
		}
		if ok {
			subs = append([]landscape.GuideSection{s}, subs...)
		}
		return subs, nil
	}
	if s, ok := guide.Section(place.Category.Name, place.Sub.Name); ok {
		return []landscape.GuideSection{s}, nil
	}
	if s, ok := guide.Section(place.Category.Name, ""); ok {
		return nil, &noGuideError{place: place.String(), category: place.Category.Name, fallback: s}
	}
	return nil, fmt.Errorf("the guide has no text for %q", place.String())
}

// noGuideError is a subcategory without a guide text whose category has
// one: said in one line, pointing at the category's text.
type noGuideError struct {
	place, category string
	fallback        landscape.GuideSection
}

func (e *noGuideError) Error() string {
	return fmt.Sprintf("the guide has no text for %q; its category has one: cnl guide %q", e.place, e.category)
}

func subSections(guide *landscape.Guide, category string) []landscape.GuideSection {
	var out []landscape.GuideSection
	for _, c := range guide.Categories {
		if !strings.EqualFold(c.Name, category) {
			continue
		}
		for _, s := range c.Subcategories {
			if strings.TrimSpace(s.Content) != "" {
				out = append(out, landscape.GuideSection{Category: c.Name, Subcategory: s.Name, Content: s.Content})
			}
		}
	}
	return out
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
				fprintf(w, "%s %s\n\n", strings.Repeat("#", guideLevel(sec)), ui.Clean(sectionTitle(sec)))
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
				b.WriteString(st.Header.Render(ui.Truncate(ui.Clean(sectionTitle(sec)), width)) + "\n")
				b.WriteString(st.Dim.Render(strings.Repeat("─", min(width, ui.Width(ui.Clean(sectionTitle(sec)))))) + "\n\n")
				b.WriteString(ui.RenderMarkdown(st, sec.Content, width) + "\n")
			}
			if footer != "" {
				b.WriteString("\n" + st.Dim.Render(ui.Truncate(footer, width)) + "\n")
			}
			return s.Page([]byte(b.String()), noPager)
		},
	})
}

func sectionTitle(sec landscape.GuideSection) string {
	if sec.Subcategory == "" {
		return sec.Category
	}
	return sec.Category + " › " + sec.Subcategory
}

func guideLevel(sec landscape.GuideSection) int {
	if sec.Subcategory == "" {
		return 1
	}
	return 2
}

// guideEntry is a line of the table of contents.
type guideEntry struct {
	Path  string `json:"path"`
	Guide bool   `json:"guide"` // the guide has a text for it
	Items int    `json:"items,omitempty"`
}

// writeGuideContents lists the landscape's categories and subcategories,
// marking those the guide explains, then the guide's own sections.
func writeGuideContents(s *ui.Streams, format ui.Format, x *landscape.Index, guide *landscape.Guide) error {
	var entries []guideEntry
	explained := 0
	for _, c := range x.Categories {
		_, ok := guide.Section(c.Name, "")
		entries = append(entries, guideEntry{Path: c.Name, Guide: ok, Items: c.Count()})
		for _, sc := range c.Subcategories {
			_, ok := guide.Section(c.Name, sc.Name)
			if ok {
				explained++
			}
			entries = append(entries, guideEntry{Path: c.Name + "/" + sc.Name, Guide: ok, Items: len(sc.Items)})
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
