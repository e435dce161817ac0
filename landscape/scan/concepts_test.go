package scan_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape/glossary/glossarytest"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
	"github.com/cnl-dev/cnl/landscape/scan"
)

// The concepts a text discusses, from both glossaries, judged by hand per
// file (exact sets), and none in prose that is not about software.
func TestConceptsJudged(t *testing.T) {
	g := glossarytest.Lookup(glossarytest.CNCFPages(t)["en"])
	k8s := glossarytest.KubernetesLookup(t)
	x := landscapetest.Real(t)
	expected := judgedSet(t, "concepts")
	var j judged
	for file, want := range expected {
		f, err := os.Open(filepath.Join("testdata", "concepts", file))
		if err != nil {
			t.Fatal(err)
		}
		sc := scan.NewScanner(x)
		cf := scan.NewConceptFinder(g.Terms, k8s.Terms)
		sc.FindConcepts(cf)
		if err := sc.Scan(file, f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		var got []string
		for _, c := range cf.Found() {
			got = append(got, c.Slug)
		}
		j.file(t, file, got, want)
	}
	j.check(t, "concepts", 0.95, 0.85)
}

// A concept matches in its own word forms, never another word of the same
// stem ("hosted" is not the concept "host"), and the field's name for a
// concept that is also a project counts ("k8s" is Kubernetes).
func TestConceptWordForms(t *testing.T) {
	g := glossarytest.Lookup(glossarytest.CNCFPages(t)["en"])
	x := landscapetest.Real(t)
	for line, want := range map[string]string{
		"Our app is hosted on a rented server.":         "",
		"Each host runs containerd.":                    "host",
		"We run containers on k8s.":                     "container kubernetes",
		"Two proxies sit in front of the service mesh.": "service-mesh",
	} {
		sc := scan.NewScanner(x)
		cf := scan.NewConceptFinder(g.Terms)
		sc.FindConcepts(cf)
		sc.Scan("t", strings.NewReader(line))
		var got []string
		for _, c := range cf.Found() {
			if c.Slug != "cluster" && c.Slug != "kubelet" && c.Slug != "service" {
				got = append(got, c.Slug)
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q: %v, want %q", line, got, want)
		}
	}
}
