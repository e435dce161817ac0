package landscape_test

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

func BenchmarkParse(b *testing.B) {
	raw := landscapetest.File(b, landscapetest.Current)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := landscape.Parse(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRealLandscape(t *testing.T) {
	x := landscapetest.Real(t)
	subs := 0
	for _, c := range x.Categories {
		subs += len(c.Subcategories)
	}
	// Cross-check against the raw text: an item is a list entry at item
	// depth, written "- item:" then its fields, or "- name: …" directly.
	raw := string(landscapetest.File(t, landscapetest.Current))
	if n := strings.Count(raw, "\n          - item:") + strings.Count(raw, "\n          - name: "); n != x.Len() {
		t.Errorf("parsed %d items, the file has %d item entries", x.Len(), n)
	}
	if len(x.Categories) != 15 || subs != 80 {
		t.Errorf("%d categories / %d subcategories, want 15 / 80", len(x.Categories), subs)
	}
	p, err := x.FindPlace("Platform/Certified Kubernetes - AI Platform")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(x, p.Items()); !slices.Contains(got, "Talos Linux") {
		t.Errorf("AI Platform lists %v, want Talos Linux through its second_path", got)
	}
	for _, path := range []string{"PaaS/Container Service", "Edge/Bare metal", "Wasm/Edge/Bare metal", "Platform / PaaS/Container Service"} {
		if _, err := x.FindPlace(path); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	if _, err := x.FindPlace("Observability"); err == nil {
		t.Errorf("Observability names two subcategories and must be ambiguous")
	}
}

// TestEveryDocumentedField parses the landscape2 data reference, which sets
// every documented field, and checks that none is left empty in the model.
func TestEveryDocumentedField(t *testing.T) {
	x, err := landscape.Parse(bytes.NewReader(landscapetest.File(t, "data-reference.yml")))
	if err != nil {
		t.Fatal(err)
	}
	it := x.Item(0)
	skip := map[string]bool{"GitHub": true, "Overview": true, "orgDescription": true, "Other": true, "Line": true, "Enduser": true, "Specification": true, "SecondPath": true, "AdditionalRepos": true, "Audits": true, "OtherLinks": true}
	for _, v := range []any{*it, *it.Extras()} {
		rv := reflect.ValueOf(v)
		for i := range rv.NumField() {
			f := rv.Type().Field(i)
			if !skip[f.Name] && rv.Field(i).IsZero() {
				t.Errorf("%s.%s is empty after parsing the data reference", rv.Type().Name(), f.Name)
			}
		}
	}
}

// Paths reads only the places an item's second paths name, yet finds every
// place the tree lists it in, for every item of the real landscape.
func TestPathsFindEveryListing(t *testing.T) {
	x := landscapetest.Real(t)
	listed := map[int][]string{}
	for _, c := range x.Categories {
		for _, s := range c.Subcategories {
			for _, i := range s.Items {
				listed[i] = append(listed[i], c.Name+"/"+s.Name)
			}
		}
	}
	seconds := 0
	for i := range x.Len() {
		it := x.Item(i)
		got := x.Paths(it)
		if len(got) > 1 {
			seconds++
		}
		want := listed[i]
		slices.Sort(want)
		sorted := slices.Sorted(slices.Values(got))
		if !slices.Equal(sorted, want) || got[0] != it.Path() {
			t.Errorf("%s: Paths %q, listed in %q", it.Name, got, want)
		}
	}
	if seconds < 50 {
		t.Errorf("only %d items have second paths: the test tests little", seconds)
	}
}

// A place that matches nothing is suggested by its typos, nearest first,
// and by its abbreviations, on the real tree.
func TestPlaceSuggestions(t *testing.T) {
	x := landscapetest.Real(t)
	for query, want := range map[string]string{
		"contaner runtime": "Runtime/Container Runtime",
		"servce mesh":      "Orchestration & Management/Service Mesh",
		"srvless":          "Serverless",
		"cntnr rntm":       "Runtime/Container Runtime",
		"Orchestraton":     "Orchestration & Management",
	} {
		_, err := x.FindPlace(query)
		var pe *landscape.PathError
		if !errors.As(err, &pe) || len(pe.Candidates) == 0 || !slices.Contains(pe.Candidates, want) {
			t.Errorf("%q: %v; want %q among the suggestions", query, err, want)
		}
	}
}
