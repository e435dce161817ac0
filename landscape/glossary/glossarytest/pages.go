// Package glossarytest reads the real glossaries for tests: the CNCF
// glossary's pages and the Kubernetes glossary's from ../shared, as
// lookups use them.
package glossarytest

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/glossary"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

// CNCFPages parses every page of the real glossary (../shared/glossary),
// by language; the glossary every build embeds stands in when ../shared is
// not there.
func CNCFPages(tb testing.TB) map[string][]glossary.Page {
	dir := landscapetest.Glossary(tb)
	if dir == "" {
		out := map[string][]glossary.Page{}
		info, _ := glossary.Source()
		for _, lang := range info.Languages {
			out[lang], _ = glossary.Terms(lang)
		}
		return out
	}
	langs, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]glossary.Page{}
	for _, l := range langs {
		pages, _ := os.ReadDir(filepath.Join(dir, l.Name()))
		for _, p := range pages {
			name, ok := strings.CutSuffix(p.Name(), ".md")
			if !ok {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, l.Name(), p.Name()))
			if err != nil {
				tb.Fatal(err)
			}
			if t, ok := glossary.ParsePage(l.Name(), name, b); ok {
				out[l.Name()] = append(out[l.Name()], t)
			}
		}
	}
	return out
}

// Lookup is a glossary of these pages, looked up by their names.
func Lookup(terms []glossary.Page) *glossary.Glossary {
	g := &glossary.Glossary{}
	for _, t := range terms {
		g.Terms = append(g.Terms, landscape.GlossaryEntry{Slug: t.Slug, Title: t.Title, Keys: glossary.Keys(t)})
	}
	return g
}

// KubernetesPages reads ../shared/k8s-glossary/en, by slug: each page's
// Category is its sort and its Tags its names (see KubernetesLookup).
func KubernetesPages(t testing.TB) map[string]glossary.Page {
	t.Helper()
	dir := filepath.Join(landscapetest.Dir(t), "..", "k8s-glossary", "en")
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) < 150 {
		t.Fatalf("the Kubernetes glossary in %s: %d files, %v", dir, len(files), err)
	}
	ids := map[string]bool{}
	for _, f := range files {
		ids[strings.TrimSuffix(filepath.Base(f), ".md")] = true
	}
	terms := map[string]glossary.Page{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		term, aka, ok := glossary.ParseKubernetesPage(strings.TrimSuffix(filepath.Base(f), ".md"), b, func(id string) bool { return ids[id] })
		if ok {
			term.Category = term.KubernetesSort()
			term.Tags = glossary.KubernetesKeys(term, aka)
			terms[term.Slug] = term
		}
	}
	return terms
}

// KubernetesLookup is the Kubernetes glossary as lookups and scans use it:
// parsed from ../shared, or the one every build embeds when ../shared is
// not there.
func KubernetesLookup(t testing.TB) *glossary.Glossary {
	if landscapetest.KubernetesGlossary(t) == "" {
		return glossary.Kubernetes()
	}
	g := &glossary.Glossary{}
	terms := KubernetesPages(t)
	for _, slug := range slices.Sorted(maps.Keys(terms)) {
		tm := terms[slug]
		g.Terms = append(g.Terms, landscape.GlossaryEntry{Slug: tm.Slug, Title: tm.Title, Keys: tm.Tags, Sort: tm.Category})
	}
	return g
}
