package landscape_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

func TestDiffFixtures(t *testing.T) {
	old, err := parseFile(t, "diff-old.yml")
	if err != nil {
		t.Fatal(err)
	}
	new, err := parseFile(t, "diff-new.yml")
	if err != nil {
		t.Fatal(err)
	}
	d := landscape.Changes(old, new)
	// Each item under one kind of change: Tekton's rename carries its new
	// maturity and repository; a second listing that went says where the
	// item stays; a re-wrapped description is no change.
	want := landscape.Diff{
		Added: []landscape.Entry{{Name: "New Thing", Path: "Runtime/Container Runtime", Kind: "product"}},
		Removed: []landscape.Entry{
			{Name: "Grafana", Path: "Runtime/Container Runtime", Kind: "product", Listings: []string{"Platform/Distribution"}},
			{Name: "Old Thing", Path: "Runtime/Container Runtime", Kind: "product"},
		},
		Moved: []landscape.Change{{Name: "Mover", Kind: "product", From: "Runtime/Container Runtime", To: "Platform/Distribution"}},
		Renamed: []landscape.Change{{Name: "Tekton", Kind: "project", From: "Tekton Pipelines", To: "Tekton",
			Fields: []string{"maturity", "repo_url"}, Values: []landscape.FieldChange{
				{Field: "maturity", From: "", To: "incubating"},
				{Field: "repo_url", From: "https://github.com/tektoncd/pipeline", To: "https://GitHub.com/tektoncd/pipeline.git/"},
			}}},
		Maturity: []landscape.Change{},
		Changed: []landscape.Change{
			{Name: "containerd", Kind: "project", Fields: []string{"description"}, Values: []landscape.FieldChange{{Field: "description", From: "A container runtime", To: "An open and reliable container runtime"}}},
			// It was in AI Platform only through second_path.
			{Name: "Talos Linux", Kind: "product", Fields: []string{"second_path"}, Values: []landscape.FieldChange{{Field: "second_path", From: "Platform / AI Platform", To: ""}}},
		},
		WhitespaceOnly: 1,
	}
	g, _ := json.MarshalIndent(d, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if !bytes.Equal(g, w) {
		t.Errorf("diff:\n%s\nwant:\n%s", g, w)
	}
}

func TestDiffIdentical(t *testing.T) {
	x := small(t)
	y := small(t)
	if d := landscape.Changes(x, y); !d.Empty() {
		t.Errorf("identical files differ: %+v", d)
	}
}

func TestDiffRealSnapshots(t *testing.T) {
	old, err := landscape.Parse(bytes.NewReader(landscapetest.File(t, "landscape-2026-02-09.yml")))
	if err != nil {
		t.Fatal(err)
	}
	d := landscape.Changes(old, landscapetest.Real(t))
	for name, want := range map[string][2]string{
		"Kyverno": {"incubating", "graduated"}, "Buildpacks": {"incubating", "graduated"},
		"Kubeflow": {"incubating", "graduated"}, "OpenTelemetry": {"incubating", "graduated"},
		"k8gb": {"sandbox", "incubating"}, "Microcks": {"sandbox", "incubating"},
		"Confidential Containers": {"sandbox", "incubating"},
	} {
		i := slices.IndexFunc(d.Maturity, func(c landscape.Change) bool { return c.Name == name })
		if i < 0 || d.Maturity[i].From != want[0] || d.Maturity[i].To != want[1] {
			t.Errorf("%s: want %s → %s in %+v", name, want[0], want[1], d.Maturity)
		}
	}
	// Renamed in place (same repository): one change, not a removal and
	// an addition.
	if !slices.ContainsFunc(d.Renamed, func(c landscape.Change) bool { return c.From == "Tekton Pipelines" && c.To == "Tekton" }) {
		t.Errorf("Tekton Pipelines → Tekton is not a rename: %+v", d.Renamed)
	}
	for _, e := range append(d.Added, d.Removed...) {
		if e.Name == "Tekton" || e.Name == "Tekton Pipelines" {
			t.Errorf("%s is reported as added or removed", e.Name)
		}
	}
	// Every item of either side is accounted for exactly once.
	if got := old.Len() - len(d.Removed) + len(d.Added); got != landscapetest.Real(t).Len() {
		t.Errorf("old %d - removed %d + added %d = %d, new has %d", old.Len(), len(d.Removed), len(d.Added), got, landscapetest.Real(t).Len())
	}
}
