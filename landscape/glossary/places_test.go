package glossary_test

import (
	"slices"
	"testing"

	"github.com/cnl-dev/cnl/landscape/glossary"
	"github.com/cnl-dev/cnl/landscape/glossary/glossarytest"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

// A term links to the places of the landscape that implement it.
func TestGlossaryPlaces(t *testing.T) {
	x := landscapetest.Real(t)
	g := glossarytest.Lookup(glossarytest.CNCFPages(t)["en"])
	for slug, want := range map[string]string{
		"service-mesh":      "Orchestration & Management/Service Mesh",
		"chaos-engineering": "Observability and Analysis/Chaos Engineering",
		"observability":     "Observability and Analysis",
		"api-gateway":       "Orchestration & Management/API Gateway",
	} {
		e, _ := g.Entry(slug)
		if ps := x.GlossaryPlaces(e); !slices.Contains(ps, want) {
			t.Errorf("%s: places %v, want %s", slug, ps, want)
		}
	}
	for _, slug := range []string{"service", "container", "kubernetes"} {
		e, _ := g.Entry(slug)
		if ps := x.GlossaryPlaces(e); len(ps) > 2 {
			t.Errorf("%s names too many places: %v", slug, ps)
		}
	}
	terms := glossary.TermsOfPlace(x, g, "Orchestration & Management/Service Mesh")
	if len(terms) != 1 || terms[0].Slug != "service-mesh" {
		t.Errorf("terms of Service Mesh: %v", terms)
	}
}
