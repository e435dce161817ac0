package search_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
	"github.com/cnl-dev/cnl/landscape/search"
)

// smallGuide is a guide for testdata/small.yml, written for these tests.
const smallGuide = `
categories:
  - category: Runtime
    content: |
      Runtimes start [containerd](https://containerd.io) and others.
    subcategories:
      - subcategory: Container Runtime
        keywords: ["MicroVM", "Sandboxing"]
        content: |
          ### Technical 101

          Runtimes like CRI-O have hardened their boundaries. Krustlet ran
          wasm modules. CRI-O and containerd are graduated runtimes.
      - subcategory: Framework
        content: |
          Frameworks are not runtimes; tools like CRI-O load them quickly.
  - category: Serverless
    subcategories:
      - subcategory: Framework
        content: |
          Knative scales to zero.
`

func smallWithGuide(t *testing.T) *landscape.Index {
	t.Helper()
	x := landscapetest.Fixture(t, "small.yml")
	g, err := landscape.ParseGuide(strings.NewReader(smallGuide))
	if err != nil {
		t.Fatal(err)
	}
	x = x.With(landscape.Options{Guide: g})
	return x
}

// matchedIn searches q and returns, per result name, the fields it matched.
func matchedIn(t *testing.T, x *landscape.Index, q string) map[string][]string {
	t.Helper()
	rs, err := search.Search(x, search.Query{Text: q})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, r := range rs {
		out[r.Name] = r.Match().Fields
	}
	return out
}

// What the guide says is search evidence: its keywords for a subcategory,
// for every item listed there, and a sentence counts for the
// items it names in their own place, never for an item named in passing
// elsewhere.
func TestGuideIsSearchEvidence(t *testing.T) {
	x := smallWithGuide(t)
	got := matchedIn(t, x, "microvm")
	// Knative is listed there by its second path.
	for _, name := range []string{"containerd", "CRI-O", "Knative"} {
		if !slices.Equal(got[name], []string{"guide keywords"}) {
			t.Errorf("microvm: %s matched in %v, want the subcategory's keywords", name, got[name])
		}
	}
	if len(got) != 3 {
		t.Errorf("microvm matched %v, want the three items of Container Runtime", got)
	}
	if got := matchedIn(t, x, "hardened"); len(got) != 1 || got["CRI-O"] == nil {
		t.Errorf("hardened matched %v, want CRI-O alone, from its sentence", got)
	}
	// "quickly" is said of CRI-O in another subcategory's text, and
	// "modules" of Krustlet, which is not listed under Container Runtime.
	for _, q := range []string{"quickly", "modules"} {
		if got := matchedIn(t, x, q); len(got) != 0 {
			t.Errorf("%s matched %v, want nothing: the sentence is not about the item's place", q, got)
		}
	}
	// A category's text counts for the items of the category; a link
	// reads as its text.
	if got := matchedIn(t, x, "start"); got["containerd"] == nil {
		t.Errorf("start matched %v, want containerd from the Runtime text", got)
	}
	if got := matchedIn(t, x, "zero"); got["Knative"] == nil {
		t.Errorf("zero matched %v, want Knative", got)
	}
	// A sentence that names two projects does not call each by the
	// other's name.
	if got := matchedIn(t, x, "containerd"); slices.Contains(got["CRI-O"], "guide") {
		t.Errorf("containerd matched CRI-O in %v, from a sentence that names both", got["CRI-O"])
	}
	if got := matchedIn(t, x, "graduated"); !slices.Contains(got["CRI-O"], "guide") || !slices.Contains(got["containerd"], "guide") {
		t.Errorf("graduated matched %v, want CRI-O and containerd from the sentence", got)
	}
	// Being named is a prior: CRI-O ranks as an example of its topic.
	prior := func(x *landscape.Index) float64 {
		rs, _ := search.Search(x, search.Query{Text: "cri-o"})
		return rs[0].Match().Prior
	}
	if with, without := prior(x), prior(landscapetest.Fixture(t, "small.yml")); with <= without {
		t.Errorf("CRI-O's prior is %.2f with the guide naming it, %.2f without", with, without)
	}
	// Without a guide, none of it.
	if got := matchedIn(t, landscapetest.Fixture(t, "small.yml"), "microvm"); len(got) != 0 {
		t.Errorf("without a guide, microvm matched %v", got)
	}
}

// A stored index keeps the guide's evidence: a cache answers as the parsed
// landscape with its guide does.
func TestGuideSurvivesTheCompiledIndex(t *testing.T) {
	x := smallWithGuide(t)
	want := matchedIn(t, x, "sandboxing")
	compiled := landscapetest.Compile(t, x)
	if got := matchedIn(t, compiled, "sandboxing"); len(got) != 3 || !slices.Equal(got["CRI-O"], want["CRI-O"]) {
		t.Errorf("compiled: %v, parsed: %v", got, want)
	}
}

// A hostile guide: a sentence that names projects thousands of times is a
// list and adds nothing, and a sentence of megabytes is no sentence.
func TestHostileGuideSentences(t *testing.T) {
	for q, content := range map[string]string{
		"enumerated": strings.Repeat("containerd and CRI-O, ", 20000) + "all enumerated.",
		"unbounded":  "CRI-O is " + strings.Repeat("x", 2<<20) + " unbounded.",
	} {
		x := landscapetest.Fixture(t, "small.yml")
		g, err := landscape.ParseGuide(strings.NewReader("categories:\n  - category: Runtime\n    subcategories:\n      - subcategory: Container Runtime\n        content: |\n          " + content + "\n"))
		if err != nil {
			t.Fatal(err)
		}
		x = x.With(landscape.Options{Guide: g})
		if got := matchedIn(t, x, q); len(got) != 0 {
			t.Errorf("%s matched %v, want nothing", q, got)
		}
	}
}

// A guide of links (4 MB, under the guide's limit) becomes evidence in time
// linear in its size: cutting links out one by one took minutes of every
// update and index rebuild, under the writers' lock.
func TestGuideOfLinksIsLinear(t *testing.T) {
	for name, content := range map[string]string{
		"closed": "CRI-O " + strings.Repeat("[a](b)", 680_000),
		"opened": strings.Repeat("[a](b", 800_000),
	} {
		x := landscapetest.Fixture(t, "small.yml")
		g, err := landscape.ParseGuide(strings.NewReader("categories:\n  - category: Runtime\n    subcategories:\n      - subcategory: Container Runtime\n        content: |\n          " + content + "\n"))
		if err != nil {
			t.Fatal(err)
		}
		x = x.With(landscape.Options{Guide: g})
		if len(search.SearchData(x)) == 0 {
			t.Errorf("%s: no search data", name)
		}
	}
}

// FuzzGuideEvidence: any guide that parses becomes search evidence without
// a panic, and the compiled search answers as the parsed one.
func FuzzGuideEvidence(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "small.yml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(smallGuide, "runtime")
	f.Add("categories:\n  - category: Runtime\n    content: \"[CRI-O](x) [](]( containerd. . ! ?\"\n", "cri-o")
	f.Add("categories:\n  - category: runtime\n    subcategories:\n      - subcategory: container runtime\n        keywords: [\"\", \"k8s distribution\"]\n        content: \"```\\nCRI-O\\n\"\n", "k8s distribution")
	f.Fuzz(func(t *testing.T, guide, query string) {
		g, err := landscape.ParseGuide(strings.NewReader(guide))
		if err != nil {
			return
		}
		x, err := landscape.Parse(strings.NewReader(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		x = x.With(landscape.Options{Guide: g})
		parsed, err := search.Search(x, search.Query{Text: query})
		if err != nil {
			return
		}
		compiled, err := search.Search(landscapetest.Compile(t, x), search.Query{Text: query})
		if err != nil || len(compiled) != len(parsed) {
			t.Fatalf("%q: compiled %d results (%v), parsed %d", query, len(compiled), err, len(parsed))
		}
	})
}
