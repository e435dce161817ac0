package landscape_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

func parseFile(t *testing.T, name string) (*landscape.Index, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return landscape.Parse(f)
}

func small(t *testing.T) *landscape.Index { return landscapetest.Fixture(t, "small.yml") }

func names(x *landscape.Index, idx []int) []string {
	var out []string
	for _, i := range idx {
		out = append(out, x.Item(i).Name)
	}
	return out
}

func TestParseSmall(t *testing.T) {
	x := small(t)
	if got := x.Len(); got != 8 {
		t.Errorf("items = %d, want 8", got)
	}
	c := x.ByName("containerd")
	if len(c) != 2 {
		t.Fatalf("ByName(containerd) = %d items, want both listings", len(c))
	}
	it := c[0]
	if it.Path() != "Runtime/Container Runtime" || it.Maturity != "graduated" || it.Line == 0 {
		t.Errorf("containerd = %q %q line %d", it.Path(), it.Maturity, it.Line)
	}
	e := it.Extras()
	if e.Graduated != "2019-02-28" || len(e.Audits) != 1 || e.Audits[0].Vendor != "Cure53" ||
		len(e.OtherLinks) != 1 || !slices.Equal(e.Tag, []string{"runtime"}) || e.Annotations["team"] != "core" {
		t.Errorf("extra not parsed: %+v", e)
	}
	if e.Other["shiny_new_field"] != "kept" {
		t.Errorf("unknown extra field lost: %v", e.Other)
	}
	if crio := x.ByName("cri-o"); len(crio) != 1 || crio[0].Other["unnamed_organization"] != "true" {
		t.Errorf("unknown item field lost: %+v", crio)
	}
	if talos := x.ByName("talos linux")[0]; talos.Description != "Talos Linux is Linux designed for Kubernetes." {
		t.Errorf("folded description = %q", talos.Description)
	}
}

func TestSlugsAreUniqueAndStable(t *testing.T) {
	x := small(t)
	seen := map[string]bool{}
	for i := range x.Len() {
		it := x.Item(i)
		if it.Slug == "" || seen[it.Slug] {
			t.Errorf("slug %q of %q is empty or repeated", it.Slug, it.Name)
		}
		seen[it.Slug] = true
	}
	if it, ok := x.BySlug("containerd"); !ok || it.Category != "Runtime" {
		t.Errorf("the first containerd keeps the plain slug")
	}
	if it, ok := x.BySlug("containerd-framework"); !ok || it.Category != "Serverless" {
		t.Errorf("the repeated containerd gets its subcategory in the slug")
	}
	if got := landscape.Slugify("Ænix (member)"); got != "ænix-member" {
		t.Errorf("Slugify = %q", got)
	}
}

func TestSecondPath(t *testing.T) {
	x := small(t)
	for _, tc := range []struct {
		path string
		want []string
	}{
		// Only present through second_path.
		{"Platform/Certified Kubernetes - AI Platform", []string{"Talos Linux"}},
		{"AI Native Infra/Workload Runtime", []string{"containerd"}},
		// "&" for "and" and a stray plural, as in the real data.
		{"AI Native Infra/Governance, Policy and Security", []string{"Kyverno"}},
		{"Runtime/Container Runtime", []string{"containerd", "CRI-O", "Knative"}},
	} {
		p, err := x.FindPlace(tc.path)
		if err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		if got := names(x, p.Items()); !slices.Equal(got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.path, got, tc.want)
		}
	}
	talos := x.ByName("Talos Linux")[0]
	if got := x.Paths(talos); !slices.Equal(got, []string{"Platform/PaaS/Container Service", "Platform/Certified Kubernetes - AI Platform"}) {
		t.Errorf("Paths = %v (an unresolvable second path is left out)", got)
	}
}

func TestFindPlace(t *testing.T) {
	x := small(t)
	for _, tc := range []struct{ query, want string }{
		{"Runtime", "Runtime"},
		{"runtime / container runtime", "Runtime/Container Runtime"},
		{"Container Runtime", "Runtime/Container Runtime"},
		{"Platform/PaaS/Container Service", "Platform/PaaS/Container Service"},
		{"PaaS/Container Service", "Platform/PaaS/Container Service"},
		{"paas / container service", "Platform/PaaS/Container Service"},
		{"Serverless/Framework", "Serverless/Framework"},
	} {
		p, err := x.FindPlace(tc.query)
		if err != nil || p.String() != tc.want {
			t.Errorf("FindPlace(%q) = %q, %v; want %q", tc.query, p.String(), err, tc.want)
		}
	}
	_, err := x.FindPlace("Framework")
	var pe *landscape.PathError
	if !errors.As(err, &pe) || !pe.Ambiguous || len(pe.Candidates) != 2 {
		t.Errorf("Framework should be ambiguous between two categories: %v", err)
	}
	_, err = x.FindPlace("Contaner Runtime")
	if !errors.As(err, &pe) || pe.Ambiguous || !strings.Contains(err.Error(), "did you mean") {
		t.Errorf("a near miss should suggest: %v", err)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"bad-syntax.yml", "invalid YAML: line "},
		{"bad-type.yml", "line 11"},
		{"no-name.yml", "line 8: item without a name"},
		{"empty.yml", "empty"},
		{"no-categories.yml", "no landscape: or categories:"},
		{"zero-categories.yml", "no categories"},
		{"html.yml", "line"},
	} {
		_, err := parseFile(t, tc.file)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.file, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error is not one line: %q", tc.file, err)
		}
	}
}
