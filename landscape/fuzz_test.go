package landscape_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
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
