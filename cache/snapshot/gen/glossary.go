package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/glossary"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// writeGlossary builds the glossary's files from a checkout of
// cncf/glossary: every language's pages, each translation filed under the
// English term it translates.
func writeGlossary(dir, out string) error {
	langs, err := os.ReadDir(filepath.Join(dir, "content"))
	if err != nil {
		return err
	}
	terms := map[string][]glossary.Page{}
	for _, l := range langs {
		if !l.IsDir() {
			continue
		}
		pages, err := os.ReadDir(filepath.Join(dir, "content", l.Name()))
		if err != nil {
			return err
		}
		for _, p := range pages {
			name, ok := strings.CutSuffix(p.Name(), ".md")
			if !ok || !p.Type().IsRegular() {
				continue
			}
			b, err := cache.ReadFileLimited(filepath.Join(dir, "content", l.Name(), p.Name()), 1<<20)
			if err != nil {
				return err
			}
			if t, ok := glossary.ParsePage(l.Name(), name, b); ok {
				terms[l.Name()] = append(terms[l.Name()], t)
			}
		}
	}
	en := terms["en"]
	if len(en) < 50 {
		return fmt.Errorf("%s: %d English terms; is it a checkout of cncf/glossary?", dir, len(en))
	}
	// A translation's page may be named otherwise than the English one
	// ("containers" for "container", "autoscaling" for "auto-scaling").
	bySlug := map[string]string{}
	for _, t := range en {
		bySlug[stemmed(t.Slug)] = t.Slug
	}
	for lang, ts := range terms {
		seen := map[string]bool{}
		kept := ts[:0]
		for _, t := range ts {
			if s, ok := bySlug[stemmed(t.Slug)]; ok {
				t.Slug = s
			}
			if !seen[t.Slug] {
				seen[t.Slug] = true
				kept = append(kept, t)
			}
		}
		slices.SortFunc(kept, func(a, b glossary.Page) int { return strings.Compare(a.Slug, b.Slug) })
		terms[lang] = kept
	}
	info := glossary.Info{Source: "github.com/cncf/glossary"}
	if src, err := os.ReadFile(filepath.Join(dir, "SOURCE.md")); err == nil {
		if m := regexp.MustCompile(`commit ([0-9a-f]{7,40}) \((\d{4}-\d{2}-\d{2})\)`).FindSubmatch(src); m != nil {
			info.Source += " " + string(m[1][:12])
			info.Date = string(m[2])
		}
	}
	files, err := glossary.Encode(info, terms)
	if err != nil {
		return err
	}
	gdir := filepath.Join(out, "data")
	os.RemoveAll(gdir)
	if err := os.MkdirAll(gdir, 0o755); err != nil {
		return err
	}
	size, err := writeFiles(out, files)
	if err != nil {
		return err
	}
	fmt.Printf("glossary: %d English terms, %d languages, %d bytes\n", len(en), len(terms), size)
	return nil
}

// stemmed is a slug as translations are matched with English ones.
func stemmed(slug string) string {
	var ws []string
	for _, w := range lexicon.Words(slug) {
		ws = append(ws, lexicon.Stem(w))
	}
	return strings.Join(ws, "")
}

// writeKubernetesGlossary writes the Kubernetes glossary's files from dir
// (en/*.md), after the CNCF glossary's, into the same folder.
func writeKubernetesGlossary(dir, out string) error {
	pages, err := filepath.Glob(filepath.Join(dir, "en", "*.md"))
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	for _, p := range pages {
		ids[strings.TrimSuffix(filepath.Base(p), ".md")] = true
	}
	var terms []glossary.Page
	keys := map[string][]string{}
	for _, p := range pages {
		b, err := cache.ReadFileLimited(p, 1<<20)
		if err != nil {
			return err
		}
		t, aka, ok := glossary.ParseKubernetesPage(strings.TrimSuffix(filepath.Base(p), ".md"), b, func(id string) bool { return ids[id] })
		if !ok {
			continue
		}
		if _, dup := keys[t.Slug]; dup {
			continue // a twin spelt otherwise (cgroup, cgroups): the first
		}
		terms = append(terms, t)
		keys[t.Slug] = glossary.KubernetesKeys(t, aka)
	}
	if len(terms) < 100 {
		return fmt.Errorf("%s: %d terms; is it the Kubernetes glossary (en/*.md)?", dir, len(terms))
	}
	slices.SortFunc(terms, func(a, b glossary.Page) int { return strings.Compare(a.Slug, b.Slug) })
	// Twins: the CNCF terms (as just written, or as built in) that a
	// Kubernetes term names exactly (container, cluster).
	k8s := &glossary.Glossary{}
	for _, t := range terms {
		k8s.Terms = append(k8s.Terms, landscape.GlossaryEntry{Slug: t.Slug, Title: t.Title, Keys: keys[t.Slug]})
	}
	twins := map[string]string{}
	index, err := os.ReadFile(filepath.Join(out, "data", "terms.tsv"))
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(index), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			continue
		}
		if m, _, ok := k8s.Lookup(f[1]); ok && m.Exact && twins[m.Slug] == "" {
			twins[m.Slug] = f[0]
		}
	}
	files, err := glossary.EncodeKubernetes(terms, keys, twins)
	if err != nil {
		return err
	}
	size, err := writeFiles(out, files)
	if err != nil {
		return err
	}
	fmt.Printf("kubernetes glossary: %d terms, %d bytes\n", len(terms), size)
	return nil
}

// writeFiles writes files (by their names below out) and returns their
// size in all.
func writeFiles(out string, files map[string][]byte) (int, error) {
	size := 0
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return size, err
		}
		size += len(b)
	}
	return size, nil
}
