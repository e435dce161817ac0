package search_test

import (
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
	"github.com/cnl-dev/cnl/landscape/search"
)

// On the real CNCF site (data and guide, no full.json: ../shared has none),
// every item that any source says something of says what it is, and the
// container runtimes a learner reads about first say what they do. A
// summary says what its item is, or nothing: a guide sentence counts only
// with the item for its subject, a fragment gets the item's name, and a
// tag list is no sentence.
func TestEveryItemSaysWhatItIs(t *testing.T) {
	x := landscapetest.Site(t)
	search.Prepare(x) // reads the guide
	described, about := 0, map[string]int{}
	for i := range x.Len() {
		it := x.Item(i)
		a := it.About()
		if it.Description != "" {
			described++
		}
		about[a.Source]++
		if a.Text == "" && (strings.TrimSpace(it.Description) != "" || strings.Contains(strings.TrimSpace(it.Extras().SummaryUseCase), " ") && it.Name != "Kyverno") {
			t.Errorf("%s has a description or use case but no summary", it.Name)
		}
		if a.Source == landscape.AboutGuide && !strings.HasPrefix(strings.ToLower(strings.TrimPrefix(a.Text, "The ")), strings.ToLower(strings.Fields(it.Name)[0])) {
			t.Errorf("%s: a guide sentence about something else: %q", it.Name, a.Text)
		}
		if s := x.Summary(i); s.Description != a.Text || s.DescriptionSource != a.Source {
			t.Errorf("%s: the summary row says %q (%s), the item %q (%s)", it.Name, s.Description, s.DescriptionSource, a.Text, a.Source)
		}
		if a.Source != landscape.AboutData && (len(a.Text) > 330 || strings.ContainsAny(a.Text, "\n*`")) {
			t.Errorf("%s: summary not one line of prose: %q", it.Name, a.Text)
		}
	}
	withText := x.Len() - about[""]
	t.Logf("%d items: %d with a description in the data, %d with a summary (%v)", x.Len(), described, withText, about)
	if withText <= described || about[landscape.AboutGuide] < 4 || about[landscape.AboutUseCase] < 25 {
		t.Errorf("summaries from the guide (%d) and use cases (%d) do not fill in", about[landscape.AboutGuide], about[landscape.AboutUseCase])
	}
	for name, want := range map[string]struct{ source, words string }{
		"gVisor":          {landscape.AboutGuide, "gVisor provides an additional security layer between containers and the OS."},
		"Kata Containers": {landscape.AboutGuide, "Kata Containers allows you to run containers as VMs."},
		"CRI-O":           {landscape.AboutUseCase, "CRI-O is a secure, performant, and stable Container Runtime Interface (CRI) implementation"},
		"containerd":      {landscape.AboutData, "An open and reliable container runtime"},
		"Falco":           {landscape.AboutUseCase, "runtime security"},
	} {
		a := x.ByName(name)[0].About()
		if a.Source != want.source || !strings.Contains(a.Text, want.words) {
			t.Errorf("%s says %q (%s), want %q (%s)", name, a.Text, a.Source, want.words, want.source)
		}
	}
	// Sentences about a category, a list or a neighbour, and a tag list:
	// these had them as their summaries.
	for _, name := range []string{"Notary Project", "Ansible", "Puppet", "Chaos Mesh", "Litmus", "Spinnaker", "Kyverno"} {
		if a := x.ByName(name)[0].About(); a.Text != "" {
			t.Errorf("%s says %q (%s), which is not about it", name, a.Text, a.Source)
		}
	}
}

// The sources in order: the data's, the primary repository's GitHub
// description, the organisation's, a guide sentence naming the item alone,
// the use case's first sentence, a guide sentence naming others too.
func TestAboutOrder(t *testing.T) {
	const data = `landscape:
  - category:
    name: Runtime
    subcategories:
      - subcategory:
        name: Container Runtime
        items:
          - item:
            name: Alpha Engine
            homepage_url: https://a.example
            logo: a.svg
            description: Alpha's own words.
            repo_url: https://github.com/a/alpha
            crunchbase: https://www.crunchbase.com/organization/alpha
          - item:
            name: Bravo
            homepage_url: https://b.example
            logo: b.svg
            repo_url: https://github.com/b/bravo
            crunchbase: https://www.crunchbase.com/organization/bravo
          - item:
            name: Charlie
            homepage_url: https://c.example
            logo: c.svg
            crunchbase: https://www.crunchbase.com/organization/charlie
            extra:
              summary_use_case: Charlie runs things. It also sells them.
          - item:
            name: Delta
            homepage_url: https://d.example
            logo: d.svg
            extra:
              summary_use_case: "Delta is *fast*. Very."
          - item:
            name: Echo
            homepage_url: https://e.example
            logo: e.svg
            extra:
              summary_use_case: Echo repeats.
`
	x, err := landscape.Parse(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	guide, err := landscape.ParseGuide(strings.NewReader(`categories:
  - category: Runtime
    subcategories:
      - subcategory: Container Runtime
        content: |
          Some tools, such as **Delta** which runs containers in a *sandbox*, go further.
          Echo and Alpha Engine are both here. Alpha is mentioned by its first word.
`))
	if err != nil {
		t.Fatal(err)
	}
	x = x.With(landscape.Options{Guide: guide, Facts: &landscape.Facts{
		Repositories: landscape.GitHubData{
			"github.com/a/alpha": {URL: "https://github.com/a/alpha", Description: "Alpha on GitHub"},
			"github.com/b/bravo": {URL: "https://github.com/b/bravo", Description: "Bravo on GitHub"},
		},
		Organizations: map[string]string{
			"crunchbase.com/organization/alpha":   "Alpha Inc.",
			"crunchbase.com/organization/bravo":   "Bravo Inc.",
			"crunchbase.com/organization/charlie": "Charlie Inc. makes runtimes.",
		},
	}})
	search.SearchData(x)
	for name, want := range map[string]landscape.About{
		"Alpha Engine": {Text: "Alpha's own words.", Source: landscape.AboutData},
		"Bravo":        {Text: "Bravo on GitHub", Source: landscape.AboutGitHub},
		"Charlie":      {Text: "Charlie Inc. makes runtimes.", Source: landscape.AboutCrunchbase},
		"Delta":        {Text: "Delta runs containers in a sandbox, go further.", Source: landscape.AboutGuide},
		"Echo":         {Text: "Echo repeats.", Source: landscape.AboutUseCase},
	} {
		if got := x.ByName(name)[0].About(); got != want {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
	// JSON keeps the data's description apart from the summary.
	if it := x.ByName("Bravo")[0]; it.Description != "" || it.Overview == nil {
		t.Errorf("Bravo: description %q, overview %v", it.Description, it.Overview)
	}
}

// A long use case is cut at a word, on one line.
func TestAboutIsShort(t *testing.T) {
	long := strings.Repeat("word ", 200)
	x, err := landscape.Parse(strings.NewReader(item("            homepage_url: h\n            logo: l\n            extra:\n              summary_use_case: " + long + "\n")))
	if err != nil {
		t.Fatal(err)
	}
	a := x.Item(0).About()
	if len(a.Text) > 330 || !strings.HasSuffix(a.Text, "…") || a.Source != landscape.AboutUseCase {
		t.Errorf("about = %q (%d bytes)", a.Text, len(a.Text))
	}
}

// item is a landscape of one item, x, with these fields.
func item(fields string) string {
	return "landscape:\n  - category:\n    name: A\n    subcategories:\n      - subcategory:\n        name: B\n        items:\n          - item:\n            name: x\n" + fields
}
