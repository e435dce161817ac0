package landscape_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/scan"
	"github.com/cnl-dev/cnl/landscape/search"
)

// FuzzParse: any input parses or fails with an error; it never panics, and
// what parses is consistent (every listed position is an item).
func FuzzParse(f *testing.F) {
	for _, name := range []string{"small.yml", "bad-syntax.yml", "bad-type.yml", "no-name.yml", "diff-old.yml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(billionLaughs()))
	f.Add([]byte("landscape:\n  - name: A\n    subcategories:\n      - name: B\n        items:\n          - name: x\n            second_path: [\"A / B\", \"/\", \"//\"]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := landscape.Parse(strings.NewReader(string(data)))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			return
		}
		for _, c := range x.Categories {
			for _, s := range c.Subcategories {
				for _, i := range s.Items {
					if i < 0 || i >= x.Len() {
						t.Fatalf("position %d out of %d items", i, x.Len())
					}
				}
			}
		}
		for i := range x.Len() {
			if x.Item(i).Slug == "" {
				t.Fatalf("item %d has no slug", i)
			}
		}
	})
}

// FuzzSearch: any query, filter or path on a real-shaped landscape returns
// results or an error, never panics, and results are in range and sorted.
func FuzzSearch(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "small.yml"))
	if err != nil {
		f.Fatal(err)
	}
	x, err := landscape.Parse(strings.NewReader(string(b)))
	if err != nil {
		f.Fatal(err)
	}
	for _, q := range []string{"runtime", "contanerd", "talos", "", " ", "a/b/c", "Ænix", "\x00\xff", "k8s", "container runtime", "PaaS/Container Service",
		"multicluster", "vm vs container", "hypervisior", "git ops", "policyascode", "oci oci oci"} {
		f.Add(q, "")
		f.Add(q, "Runtime")
	}
	f.Fuzz(func(t *testing.T, text, category string) {
		rs, err := search.Search(x, search.Query{Text: text, Category: category})
		if err == nil {
			for i, r := range rs {
				if r.Index < 0 || r.Index >= x.Len() || i > 0 && rs[i-1].Tier == r.Tier && rs[i-1].Score < r.Score || i > 0 && rs[i-1].Tier < r.Tier {
					t.Fatalf("bad result %d: %+v", i, r)
				}
				for _, b := range search.NameHighlights(r.Name, text) {
					if b < 0 || b >= len(x.Item(r.Index).Name) {
						t.Fatalf("match offset %d outside %q", b, x.Item(r.Index).Name)
					}
				}
			}
		}
		x.FindPlace(text)
		if _, err := search.Resolve(x, text); err == nil && strings.TrimSpace(text) == "" {
			t.Fatal("an empty name resolved")
		}
		s := scan.NewScanner(x)
		s.Scan("fuzz", strings.NewReader(text))
	})
}

// FuzzParseFullJSON: any input parses into entries with URLs and sane
// numbers, or fails with ErrNotFullJSON; never a panic.
func FuzzParseFullJSON(f *testing.F) {
	for _, name := range []string{"full.json", "broken.json", "html.html", "no-github.json", "truncated.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "github", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		f, err := landscape.ParseFullJSON(strings.NewReader(string(data)), nil)
		if err != nil {
			if !errors.Is(err, landscape.ErrNotFullJSON) {
				t.Fatalf("error does not wrap ErrNotFullJSON: %v", err)
			}
			return
		}
		for url, g := range f.Repositories {
			if url == "" || g == nil || g.Stars < 0 || g.Contributors < 0 || len(g.Participation) > 52 {
				t.Fatalf("bad entry %q: %+v", url, g)
			}
		}
	})
}

// FuzzGuideEvidence: any guide that parses becomes search evidence without
// a panic, and the compiled search answers as the parsed one.
func FuzzGuideEvidence(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "small.yml"))
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
		compiled, err := search.Search(compile(t, x), search.Query{Text: query})
		if err != nil || len(compiled) != len(parsed) {
			t.Fatalf("%q: compiled %d results (%v), parsed %d", query, len(compiled), err, len(parsed))
		}
	})
}
