package search_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/scan"
	"github.com/cnl-dev/cnl/landscape/search"
)

// FuzzSearch: any query, filter or path on a real-shaped landscape returns
// results or an error, never panics, and results are in range and sorted.
func FuzzSearch(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "small.yml"))
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
