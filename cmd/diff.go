package cmd

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
)

type diffOptions struct {
	*globalOptions
	only []string
	kind []string
}

func newDiffCmd(g *globalOptions) *cobra.Command {
	o := &diffOptions{globalOptions: g}
	c := &cobra.Command{
		Annotations: markdownOK,
		Use:         "diff [OLD.yml NEW.yml]",
		Short:       "show what changed in the landscape",
		Long: `Show what changed between the previous and the current cached data (the cache
keeps one previous copy), or between two landscape files: items added and
removed, moved to another category, renamed, maturity changes, and other
changed fields with their old and new values. A renamed or moved item is one
change when its repository or homepage shows it is the same item. Every list
is in order of name.

--only keeps some kinds of change and --kind some kinds of entry (project,
product, member: --kind project --kind product hides member churn).

On a terminal, output longer than the screen goes through a pager:
$CNL_PAGER, else $PAGER, else less (with LESS=FRX unless LESS is set).
--no-pager, CNL_PAGER=cat or a pipe turn it off.`,
		Example: `  cnl diff
  cnl diff --only maturity --only added
  cnl diff --kind project
  cnl diff landscape-2026-02-09.yml landscape-2026-08-07.yml
  cnl diff -o json | jq '.maturity'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 0 && len(args) != 2 {
				return answer.UsageErrorf("diff takes no files or two (OLD.yml NEW.yml)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := answer.ChooseAll("--only", o.only, answer.ChangeTypes); err != nil {
				return err
			}
			if err := answer.CheckKinds(o.kind); err != nil {
				return err
			}
			old, new, err := answer.DiffSides(&g.Session, args)
			if err != nil {
				return err
			}
			d := answer.FilterDiff(landscape.Changes(old, new), o.only, o.kind)
			// Piped, the diff is the same text, unstyled and uncut.
			return g.streams.Show(g.format(), ui.View{
				Data:     func() any { return d },
				Markdown: func(w io.Writer) error { return writeDiffMarkdown(w, d) },
				Table: func(s *ui.Streams) error {
					var b bytes.Buffer
					if err := answer.WriteDiff(&b, d, false, s.TableWidth(), s.Styles()); err != nil {
						return err
					}
					return s.Page(b.Bytes(), g.noPager)
				},
			})
		},
	}
	f := c.Flags()
	f.StringSliceVar(&o.only, "only", nil, "only these changes: "+strings.Join(answer.ChangeTypes, ", ")+" (repeatable)")
	f.StringSliceVar(&o.kind, "kind", nil, "only entries of this kind: "+strings.Join(landscape.Kinds, ", ")+" (repeatable)")
	return c
}

// writeDiffMarkdown writes a diff to paste into release notes or an issue:
// a heading per kind of change and an item per line, its other changes
// after it.
func writeDiffMarkdown(w io.Writer, d landscape.Diff) error {
	var b strings.Builder
	if d.Empty() {
		b.WriteString("No changes.\n")
	}
	values := func(c landscape.Change) string {
		var vs []string
		for _, v := range c.Values {
			vs = append(vs, fmt.Sprintf("%s: %s → %s", v.Field, ui.MDCell(answer.OrNone(v.From)), ui.MDCell(answer.OrNone(v.To))))
		}
		if len(vs) == 0 {
			return ""
		}
		return " (" + strings.Join(vs, "; ") + ")"
	}
	section := func(title string, n int, line func(i int) string) {
		if n == 0 {
			return
		}
		fmt.Fprintf(&b, "### %s (%d)\n\n", title, n)
		for i := range n {
			b.WriteString("- " + line(i) + "\n")
		}
		b.WriteString("\n")
	}
	entry := func(e landscape.Entry) string {
		l := fmt.Sprintf("**%s** (%s)", ui.MDCell(e.Name), ui.MDCell(e.Path))
		if len(e.Listings) > 0 {
			l += ", also in " + ui.MDCell(strings.Join(e.Listings, ", "))
		}
		return l
	}
	section("Maturity", len(d.Maturity), func(i int) string {
		c := d.Maturity[i]
		return fmt.Sprintf("**%s**: %s → %s%s", ui.MDCell(c.Name), answer.OrNone(c.From), answer.OrNone(c.To), values(c))
	})
	section("Added", len(d.Added), func(i int) string { return entry(d.Added[i]) })
	section("Removed", len(d.Removed), func(i int) string { return entry(d.Removed[i]) })
	section("Renamed", len(d.Renamed), func(i int) string {
		c := d.Renamed[i]
		return fmt.Sprintf("%s → **%s**%s", ui.MDCell(c.From), ui.MDCell(c.To), values(c))
	})
	section("Moved", len(d.Moved), func(i int) string {
		c := d.Moved[i]
		return fmt.Sprintf("**%s**: %s → %s%s", ui.MDCell(c.Name), ui.MDCell(c.From), ui.MDCell(c.To), values(c))
	})
	section("Changed", len(d.Changed), func(i int) string {
		c := d.Changed[i]
		return fmt.Sprintf("**%s**%s", ui.MDCell(c.Name), values(c))
	})
	if d.WhitespaceOnly > 0 {
		fmt.Fprintf(&b, "_%d %s changed in white space only, not shown._\n\n", d.WhitespaceOnly, answer.Plural(d.WhitespaceOnly, "field", "fields"))
	}
	_, err := fmt.Fprint(w, strings.TrimSuffix(b.String(), "\n"))
	return err
}
