package glossary_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape/glossary/glossarytest"
)

// Every term of the Kubernetes glossary reads: its shortcodes are their
// words (no "{{<" left), a tooltip links the term it names, site links go
// to kubernetes.io, and the names people use find it (HPA, CRD, PVC).
func TestKubernetesGlossaryPages(t *testing.T) {
	terms := glossarytest.KubernetesPages(t)
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
