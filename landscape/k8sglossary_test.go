package landscape_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

// kubernetesGlossary reads ../shared/k8s-glossary/en.
func kubernetesGlossary(t *testing.T) map[string]landscape.GlossaryTerm {
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
	terms := map[string]landscape.GlossaryTerm{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		term, aka, ok := landscape.ParseKubernetesGlossaryPage(strings.TrimSuffix(filepath.Base(f), ".md"), b, func(id string) bool { return ids[id] })
		if ok {
			term.Category = term.KubernetesSort()                   // for kubernetesLookup: Tags are about to be the keys
			term.Tags = landscape.KubernetesGlossaryKeys(term, aka) // the keys, for the checks below
			terms[term.Slug] = term
		}
	}
	return terms
}

// Every term of the Kubernetes glossary reads: its shortcodes are their
// words (no "{{<" left), a tooltip links the term it names, site links go
// to kubernetes.io, and the names people use find it (HPA, CRD, PVC).
func TestKubernetesGlossaryPages(t *testing.T) {
	terms := kubernetesGlossary(t)
	if len(terms) < 160 {
		t.Errorf("%d terms", len(terms))
	}
	for slug, term := range terms {
		if strings.Contains(term.Body, "{{") || strings.Contains(term.Body, "<!--") {
			t.Errorf("%s: a shortcode is left: %q", slug, term.Body)
		}
		if term.Definition() == "" || term.Summary() == "" {
			t.Errorf("%s: no definition", slug)
		}
	}
	label := terms["k8s-label"]
	md, seeAlso := label.Markdown(func(s string) bool { _, ok := terms[s]; return ok })
	if !strings.Contains(md, "attached to objects such as Pods") || !slices.Contains(seeAlso, "k8s-pod") {
		t.Errorf("label: %q, see also %v", md, seeAlso)
	}
	if label.URL() != "https://kubernetes.io/docs/reference/glossary/?all=true#term-label" {
		t.Errorf("label's page: %s", label.URL())
	}
	ac := terms["k8s-admission-controller"]
	if md, _ := ac.Markdown(nil); !strings.Contains(md, "(https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/)") {
		t.Errorf("a site link: %q", md)
	}
	for slug, key := range map[string]string{"k8s-horizontal-pod-autoscaler": "HPA", "k8s-customresourcedefinition": "CRD",
		"k8s-persistent-volume-claim": "PVC", "k8s-customresourcedefinition ": "custom resource definition"} {
		if keys := terms[strings.TrimSpace(slug)].Tags; !slices.ContainsFunc(keys, func(k string) bool { return strings.EqualFold(k, key) }) {
			t.Errorf("%s: no key %q in %v", slug, key, keys)
		}
	}
}
