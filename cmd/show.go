package cmd

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/landscape"
)

type showOptions struct {
	*globalOptions
	name string
}

func newShowCmd(g *globalOptions) *cobra.Command {
	o := &showOptions{globalOptions: g}
	return &cobra.Command{
		Use:   "show NAME",
		Short: "show one project as a card",
		Long: `Show one item of the landscape. NAME can be loose: the exact name or slug
wins, then the closest name ("talos" finds Talos Linux). Other close
candidates are listed below the card.`,
		Example: `  cnl show containerd
  cnl show talos
  cnl show "open policy agent" -o json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("show needs a project name (see cnl show --help)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.name = strings.Join(args, " ")
			return runShow(cmd, o)
		},
	}
}

func runShow(cmd *cobra.Command, o *showOptions) error {
	x, err := o.index(cmd.Context())
	if err != nil {
		return err
	}
	res, err := x.Resolve(o.name)
	if err != nil {
		return err
	}
	s := o.streams
	switch o.format() {
	case formatJSON, formatYAML:
		return writeData(s.Out, o.format(), itemJSON{Item: res.Item, Maturity: res.Item.Project})
	case formatPlain:
		return writePlainCard(s, x, res)
	}
	st := newStyles(s.renderer())
	fmt.Fprintln(s.Out, renderCard(st, x, res.Item, s.Width))
	if len(res.Others) > 0 {
		names := make([]string, len(res.Others))
		for i, it := range res.Others {
			names[i] = clean(it.Name) + st.dim.Render(" ("+clean(it.Path())+")")
		}
		_, err = fmt.Fprintln(s.Out, st.dim.Render("Other matches: ")+strings.Join(names, ", "))
	}
	return err
}

// cardField is one labelled line of a card.
type cardField struct{ label, value string }

// cardFields lists what a card shows, cleaned, in order; empty values are
// kept so the plain form has the same lines every time.
func cardFields(x *landscape.Index, it *landscape.Item) []cardField {
	e := it.Extras()
	paths := x.Paths(it)
	audits := make([]string, len(e.Audits))
	for i, a := range e.Audits {
		audits[i] = strings.TrimSpace(clean(a.Date + " " + a.Type + " by " + a.Vendor + " " + safeURL(a.URL)))
	}
	var links []string
	for _, l := range e.CommunityLinks() {
		if u := safeURL(l.URL); u != "" {
			links = append(links, clean(l.Name)+" "+u)
		}
	}
	if u := safeURL(it.Twitter); u != "" {
		links = append(links, "Twitter "+u)
	}
	var repos []string
	if u := safeURL(it.RepoURL); u != "" {
		repos = append(repos, u)
	}
	for _, r := range it.AdditionalRepos {
		if u := safeURL(r.RepoURL); u != "" {
			repos = append(repos, u)
		}
	}
	description, license := it.Description, it.License
	g := it.GitHub
	if g == nil {
		g = &landscape.GitHub{}
	}
	if description == "" && g.Description != "" {
		description = g.Description + " (from GitHub)"
	}
	if license == "" {
		license = g.License
	}
	return []cardField{
		{"Category", clean(it.Category)},
		{"Subcategory", clean(it.Subcategory)},
		{"Also in", clean(strings.Join(paths[1:], "; "))},
		{"Description", clean(description)},
		{"Homepage", safeURL(it.HomepageURL)},
		{"Repository", strings.Join(repos, " ")},
		{"License", clean(license)},
		{"Stars", count(g.Stars)},
		{"Contributors", count(g.Contributors)},
		{"Latest release", agoDate(g.LatestRelease)},
		{"Latest commit", agoDate(g.LatestCommit)},
		{"Languages", clean(strings.Join(g.TopLanguages(3), ", "))},
		{"Topics", clean(strings.Join(g.Topics, ", "))},
		{"Activity", sparkline(g.Participation)},
		{"GitHub facts", factsAge(g.GeneratedAt)},
		{"Organization", safeURL(it.Crunchbase)},
		{"Joined", clean(it.Joined)},
		{"Accepted", clean(e.Accepted)},
		{"Incubating", clean(e.Incubating)},
		{"Graduated", clean(e.Graduated)},
		{"Archived", clean(e.Archived)},
		{"Parent", clean(e.ParentProject)},
		{"Audits", strings.Join(audits, "; ")},
		{"Use case", clean(e.SummaryUseCase)},
		{"Business", clean(e.SummaryBusinessUseCase)},
		{"Personas", clean(e.SummaryPersonas)},
		{"Integrations", clean(e.Integrations())},
		{"Release rate", clean(e.SummaryReleaseRate)},
		{"Tags", clean(e.SummaryTags)},
		{"Best practices", safeURL(it.URLForBestPractices)},
		{"Links", strings.Join(links, "; ")},
	}
}

// count writes a number with thousands separators, or "" for none.
func count(n int64) string {
	if n <= 0 {
		return ""
	}
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// agoDate is "3 days ago (2026-07-29)", or "" for an unknown time.
func agoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strings.Replace(ago(t), t.UTC().Format(" (2006-01-02 15:04 UTC)"), t.UTC().Format(" (2006-01-02)"), 1)
}

// factsAge tells how old the GitHub facts are.
func factsAge(generated time.Time) string {
	if generated.IsZero() {
		return ""
	}
	return "as of " + agoDate(generated)
}

// sparkline draws weekly commit counts, oldest first, as bars: a year of
// activity in 52 cells, under the label "Activity".
func sparkline(weeks []int64) string {
	var most int64
	for _, w := range weeks {
		most = max(most, w)
	}
	if most == 0 {
		return ""
	}
	bars := []rune("▁▂▃▄▅▆▇█")
	var b strings.Builder
	for _, w := range weeks {
		b.WriteRune(bars[w*int64(len(bars)-1)/most])
	}
	return b.String()
}

// renderCard draws the item as a bordered card that fits width.
func renderCard(st *styles, x *landscape.Index, it *landscape.Item, width int) string {
	inner := max(20, min(width, 100)-4) // border and padding take 4 cells
	var b strings.Builder
	head := st.title.Render(clean(it.Name))
	if badge := st.badge(it.Project); badge != "" {
		head += "  " + badge
	}
	b.WriteString(head + "\n")
	b.WriteString(st.dim.Render(clean(it.Category)+" › "+clean(it.Subcategory)) + "\n")
	const labelW = 14
	valueW := inner - labelW
	for _, f := range cardFields(x, it) {
		if f.value == "" || f.label == "Category" || f.label == "Subcategory" {
			continue
		}
		if f.label == "Description" {
			b.WriteString("\n" + st.r.NewStyle().Width(inner).Render(f.value) + "\n\n")
			continue
		}
		values := []string{f.value}
		if f.label == "Links" || f.label == "Audits" || f.label == "Also in" {
			values = strings.Split(f.value, "; ")
		}
		for i, v := range values {
			label := f.label
			if i > 0 {
				label = ""
			}
			val := st.r.NewStyle().Width(valueW).Render(v)
			b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, st.key.Width(labelW).Render(label), val) + "\n")
		}
	}
	return st.card.Width(inner + 2).Render(strings.TrimRight(b.String(), "\n"))
}

// writePlainCard writes the card as stable "key: value" lines for scripts.
func writePlainCard(s *Streams, x *landscape.Index, res landscape.Resolution) error {
	it := res.Item
	fprintf(s.Out, "name: %s\nslug: %s\nmaturity: %s\n", clean(it.Name), clean(it.Slug), clean(it.Project))
	for _, f := range cardFields(x, it) {
		fprintf(s.Out, "%s: %s\n", strings.ReplaceAll(strings.ToLower(f.label), " ", "_"), f.value)
	}
	others := make([]string, len(res.Others))
	for i, o := range res.Others {
		others[i] = clean(o.Name)
	}
	_, err := fmt.Fprintf(s.Out, "other_matches: %s\n", strings.Join(others, "; "))
	return err
}
