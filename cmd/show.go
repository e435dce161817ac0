package cmd

import (
	"context"
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
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
				return usageErrorf("show needs a project name (see cnl show --help)")
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
	res, err := x.Resolve(o.name)
	if err != nil {
		return o.withDirections(err, o.name)
	}
	s := o.streams
	switch o.format() {
	case ui.JSON, ui.YAML:
		return ui.WriteData(s.Out, o.format(), newItemJSON(res.Item))
	case ui.Plain:
		return writePlainCard(s, x, res)
	case ui.Markdown:
		return writeMarkdownCard(s, x, res.Item)
	}
	return s.Paged(o.noPager, func(s *ui.Streams) error {
		st := ui.NewStyles(s.Color)
		fmt.Fprintln(s.Out, renderCard(st, x, res.Item, s.Width))
		if len(res.Others) > 0 {
			names := make([]string, len(res.Others))
			for i, it := range res.Others {
				names[i] = ui.Clean(it.Name) + st.Dim.Render(" ("+ui.Clean(it.Path())+")")
			}
			_, err = fmt.Fprintln(s.Out, packLine(st.Dim.Render("Other matches:"), names, ", ", s.Width))
		}
		return err
	})
}

// renderCard draws the item as a bordered card that fits width. Links are
// never split across lines, so they stay whole to click or copy.
func renderCard(st *ui.Styles, x *landscape.Index, it *landscape.Item, width int) string {
	// Below 40 columns the card has no border and its labels stand above
	// their values: a label column would leave the values no room.
	boxed := width >= 40
	inner := min(width, 100) - 4 // border and padding take 4 cells
	const labelW = 15            // "Latest release" and a space
	valueW := inner - labelW
	if !boxed {
		inner = max(1, width)
		valueW = max(1, inner-2)
	}
	var b strings.Builder
	head := st.Title.Render(ui.Clean(it.Name))
	if badge := st.Badge(it.Maturity); badge != "" {
		head += "  " + badge
	}
	b.WriteString(st.Plain().Width(inner).Render(head) + "\n")
	b.WriteString(st.Plain().Width(inner).Render(st.Dim.Render(ui.Clean(it.Category)+" › "+ui.Clean(it.Subcategory))) + "\n")
	for _, f := range card(x, it) {
		if f.empty() || f.key == "category" || f.key == "subcategory" {
			continue
		}
		if f.key == "description" {
			text := f.joined(" ")
			if f.source != "" {
				text += " " + st.Dim.Render("("+f.source+")")
			}
			b.WriteString("\n" + st.Plain().Width(inner).Render(text) + "\n\n")
			continue
		}
		var lines []string
		switch f.form {
		case formLink:
			for _, v := range f.values {
				if u := v.url(); u != "" {
					lines = append(lines, linkLine(st, v.text(), u, v.target(), valueW))
				} else if v.rawURL == "" && v.text() != "" {
					lines = append(lines, ui.Truncate(v.text(), valueW))
				}
			}
		default:
			for _, v := range f.values {
				if t := v.text(); t != "" {
					lines = append(lines, st.Plain().Width(valueW).Render(t))
				}
			}
		}
		for i, l := range lines {
			switch {
			case !boxed && i == 0:
				b.WriteString(st.Key.Render(ui.Truncate(f.label, inner)) + "\n" + indent(l, "  ") + "\n")
			case !boxed:
				b.WriteString(indent(l, "  ") + "\n")
			case i == 0:
				b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, st.Key.Width(labelW).Render(f.label), l) + "\n")
			default:
				b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, st.Key.Width(labelW).Render(""), l) + "\n")
			}
		}
	}
	if !boxed {
		return strings.TrimRight(b.String(), "\n")
	}
	return st.Card.Width(inner + 4).Render(strings.TrimRight(b.String(), "\n"))
}

// linkLine puts a link's name and URL in width cells: the name first, and
// the URL whole on its own line when both do not fit. A URL longer than
// the width is cut at the end, never broken across lines; on a terminal
// with colour it is a hyperlink to the whole URL (OSC 8).
func linkLine(st *ui.Styles, name, u, target string, width int) string {
	if name == "" || name == u {
		return st.Hyperlink(ui.Truncate(u, width), target)
	}
	if lipgloss.Width(name)+1+lipgloss.Width(u) <= width {
		return name + " " + st.Hyperlink(u, target)
	}
	return ui.Truncate(name, width) + "\n" + st.Hyperlink(ui.Truncate(u, width), target)
}

// writePlainCard writes the card as stable "key: value" lines for scripts:
// the same keys, in the same order, for every item.
func writePlainCard(s *ui.Streams, x *landscape.Index, res landscape.Resolution) error {
	it := res.Item
	// Only the fields the item has: a script tests for a key's presence,
	// a person does not read thirty empty ones.
	line := func(key, value string) {
		if value != "" {
			fprintf(s.Out, "%s: %s\n", key, value)
		}
	}
	line("name", ui.Clean(it.Name))
	line("slug", ui.Clean(it.Slug))
	line("maturity", ui.Clean(it.Maturity))
	for _, f := range card(x, it) {
		line(f.key, f.joined("; "))
		if f.key == "description" {
			line("description_source", ui.Clean(it.About().Source))
		}
	}
	others := make([]string, len(res.Others))
	for i, o := range res.Others {
		others[i] = ui.Clean(o.Name)
	}
	line("other_matches", strings.Join(others, "; "))
	return nil
}

// writeMarkdownCard writes the card to paste into an issue or notes: the
// name as a heading, the place and maturity, what it is, then a table of
// the fields it has, links as links.
func writeMarkdownCard(s *ui.Streams, x *landscape.Index, it *landscape.Item) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n%s › %s", ui.MDCell(it.Name), ui.MDCell(it.Category), ui.MDCell(it.Subcategory))
	if it.Maturity != "" {
		fmt.Fprintf(&b, " · %s", ui.MDCell(it.Maturity))
	}
	b.WriteString("\n\n")
	if a := it.About(); a.Text != "" {
		b.WriteString(ui.MDCell(a.Text))
		if src := aboutSource(a.Source); src != "" {
			fmt.Fprintf(&b, " _(%s)_", ui.MDCell(src))
		}
		b.WriteString("\n\n")
	}
	b.WriteString("| | |\n|---|---|\n")
	for _, f := range card(x, it) {
		if f.empty() || f.key == "category" || f.key == "subcategory" || f.key == "description" {
			continue
		}
		var vs []string
		for _, v := range f.values {
			t, u := ui.MDCell(v.text()), v.url()
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
			fmt.Fprintf(&b, "| %s | %s |\n", f.label, strings.Join(vs, ", "))
		}
	}
	_, err := fmt.Fprint(s.Out, b.String())
	return err
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
