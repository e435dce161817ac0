package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/landscape"
)

// diffKinds are the kinds of change --only picks from.
var diffKinds = []string{"added", "removed", "moved", "renamed", "maturity", "changed"}

type diffOptions struct {
	*globalOptions
	only []string
	kind []string
}

func newDiffCmd(g *globalOptions) *cobra.Command {
	o := &diffOptions{globalOptions: g}
	c := &cobra.Command{
		Use:   "diff [OLD.yml NEW.yml]",
		Short: "show what changed in the landscape",
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
				return usageErrorf("diff takes no files or two (OLD.yml NEW.yml)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, k := range o.only {
				if !slices.Contains(diffKinds, k) {
					return usageErrorf("unknown --only %q (want %s)", k, strings.Join(diffKinds, ", "))
				}
			}
			if err := checkKinds(o.kind); err != nil {
				return err
			}
			old, new, err := diffSides(g, args)
			if err != nil {
				return err
			}
			d := filterDiff(landscape.Compare(old, new), o.only, o.kind)
			if f := g.format(); f == formatJSON || f == formatYAML {
				return writeData(g.streams.Out, f, d)
			}
			var b bytes.Buffer
			if err := writeDiff(&b, d, false, g.streams.tableWidth()); err != nil {
				return err
			}
			return g.streams.page(b.Bytes(), g.noPager)
		},
	}
	f := c.Flags()
	f.StringSliceVar(&o.only, "only", nil, "only these changes: "+strings.Join(diffKinds, ", ")+" (repeatable)")
	f.StringSliceVar(&o.kind, "kind", nil, "only entries of this kind: "+strings.Join(landscape.Kinds, ", ")+" (repeatable)")
	return c
}

// filterDiff keeps the kinds of change in only and the entries of the
// kinds in kinds; empty keeps all.
func filterDiff(d landscape.Diff, only, kinds []string) landscape.Diff {
	return landscape.Diff{
		Added:    keepChanges(d.Added, "added", only, kinds, func(e landscape.Entry) string { return e.Kind }),
		Removed:  keepChanges(d.Removed, "removed", only, kinds, func(e landscape.Entry) string { return e.Kind }),
		Moved:    keepChanges(d.Moved, "moved", only, kinds, changeKind),
		Renamed:  keepChanges(d.Renamed, "renamed", only, kinds, changeKind),
		Maturity: keepChanges(d.Maturity, "maturity", only, kinds, changeKind),
		Changed:  keepChanges(d.Changed, "changed", only, kinds, changeKind),
	}
}

func changeKind(c landscape.Change) string { return c.Kind }

// keepChanges is xs when what is among only (or only is empty), less the
// entries whose kind is not among kinds (when kinds is set).
func keepChanges[T any](xs []T, what string, only, kinds []string, kind func(T) string) []T {
	out := []T{}
	if len(only) > 0 && !slices.Contains(only, what) {
		return out
	}
	for _, x := range xs {
		if len(kinds) == 0 || slices.Contains(kinds, kind(x)) {
			out = append(out, x)
		}
	}
	return out
}

func diffSides(g *globalOptions, args []string) (old, new *landscape.Index, err error) {
	if len(args) == 2 {
		if old, err = parseFile(args[0]); err == nil {
			new, err = parseFile(args[1])
		}
		return old, new, err
	}
	st := g.store()
	if old, err = st.Previous(); err != nil {
		return nil, nil, err
	}
	new, err = st.Current()
	if errors.Is(err, cache.ErrNoData) {
		err = fmt.Errorf("the cache in %s is empty; run cnl update", st.Dir)
	}
	return old, new, err
}

func parseFile(path string) (*landscape.Index, error) {
	raw, err := cache.ReadFileLimited(path, 0)
	if err != nil {
		return nil, err
	}
	x, err := landscape.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return x, nil
}

// writeDiff writes the changes for people: counts, then each kind of
// change. The short form, which cnl update prints, lists only maturity
// changes below the counts. With a width (a terminal), lines are cut to
// it; piped, they are whole.
func writeDiff(w io.Writer, d landscape.Diff, short bool, width int) error {
	fit := func(l string) string {
		if width > 0 {
			return truncate(l, width)
		}
		return l
	}
	if d.Empty() {
		_, err := fmt.Fprintln(w, "no changes")
		return err
	}
	var counts []string
	for _, c := range []struct {
		n    int
		what string
	}{
		{len(d.Added), "added"}, {len(d.Removed), "removed"}, {len(d.Moved), "moved"},
		{len(d.Renamed), "renamed"}, {len(d.Maturity), "maturity changes"}, {len(d.Changed), "changed"},
	} {
		if c.n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	if width > 0 {
		fmt.Fprintln(w, packLine("", counts, ", ", width))
	} else {
		fmt.Fprintln(w, strings.Join(counts, ", "))
	}
	none := func(m string) string {
		if m == "" {
			return "none"
		}
		return clean(m)
	}
	sections := []struct {
		title string
		lines []string
	}{
		{"Maturity", mapLines(d.Maturity, func(c landscape.Change) string {
			return fmt.Sprintf("%s: %s → %s", clean(c.Name), none(c.From), none(c.To))
		})},
		{"Added", mapLines(d.Added, func(e landscape.Entry) string { return fmt.Sprintf("+ %s (%s)", clean(e.Name), clean(e.Path)) })},
		{"Removed", mapLines(d.Removed, func(e landscape.Entry) string { return fmt.Sprintf("- %s (%s)", clean(e.Name), clean(e.Path)) })},
		{"Renamed", mapLines(d.Renamed, func(c landscape.Change) string { return fmt.Sprintf("%s → %s", clean(c.From), clean(c.To)) })},
		{"Moved", mapLines(d.Moved, func(c landscape.Change) string {
			return fmt.Sprintf("%s: %s → %s", clean(c.Name), clean(c.From), clean(c.To))
		})},
		{"Changed", changedLines(d.Changed)},
	}
	for i, sec := range sections {
		if len(sec.lines) > 0 {
			fmt.Fprintln(w, sec.title+":")
			for _, l := range sec.lines {
				fmt.Fprintln(w, fit("  "+l))
			}
		}
		if short && i == 0 { // the summary after an update: maturity only
			_, err := fmt.Fprintln(w, "cnl diff shows every change")
			return err
		}
	}
	return nil
}

// changedLines are, for each changed item, its name and then a line per
// field: old → new.
func changedLines(cs []landscape.Change) []string {
	var out []string
	value := func(v string) string {
		if v = flatten(clean(v)); v == "" {
			return "none"
		}
		return v
	}
	for _, c := range cs {
		out = append(out, clean(c.Name))
		for _, v := range c.Values {
			out = append(out, fmt.Sprintf("  %s: %s → %s", v.Field, value(v.From), value(v.To)))
		}
	}
	return out
}

// mapLines renders each element as a line.
func mapLines[T any](xs []T, line func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = line(x)
	}
	return out
}
