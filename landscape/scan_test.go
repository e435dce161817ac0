package landscape_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

func scanNames(t *testing.T, x *landscape.Index, file string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "scan", file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := x.NewScanner()
	if err := s.Scan(file, f); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, fd := range s.Found() {
		names = append(names, x.Item(fd.Index).Name)
	}
	slices.Sort(names)
	return names
}

// Exact sets: every expected item is found, and nothing else.
func TestScanFixtures(t *testing.T) {
	x := loadReal(t)
	for file, want := range map[string][]string{
		"notes.md": {
			"Argo", "CRI-O", "Contour", "Distribution", "Docker Hub", "Dragonfly", "Envoy",
			"Firecracker", "Flux", "Grafana", "Harbor", "Helm", "Istio", "Jaeger", "Kubernetes",
			"Kyverno", "Open Policy Agent (OPA)", "OpenTelemetry", "Prometheus", "Talos Linux",
			"Trivy", "containerd", "runc", "zot",
		},
		"k8s-readme.md": {
			"CoreDNS", "Docker (Wasm)", "Helm", "Kubernetes", "Linkerd", "NGINX", "Prometheus", "cert-manager", "kind",
		},
		"traps.txt": nil,
	} {
		slices.Sort(want)
		if got := scanNames(t, x, file); !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", file, got, want)
		}
	}
}

func TestScanMentions(t *testing.T) {
	x := loadReal(t)
	s := x.NewScanner()
	s.Scan("a.md", strings.NewReader("intro\nWe run k8s with containerd.\nKubernetes again, and K8s.\n"))
	s.Scan("b.md", strings.NewReader("Kubernetes in b\n"))
	found := s.Found()
	if len(found) != 2 || x.Item(found[0].Index).Name != "Kubernetes" {
		t.Fatalf("found %+v", found)
	}
	var where []string
	for _, m := range found[0].Mentions {
		where = append(where, fmt.Sprintf("%s:%d=%s", m.Source, m.Line, m.Matched))
	}
	want := []string{"a.md:2=k8s", "a.md:3=Kubernetes", "a.md:3=K8s", "b.md:1=Kubernetes"}
	if !slices.Equal(where, want) {
		t.Errorf("mentions = %v, want %v", where, want)
	}
	if found[0].Mentions[0].Text != "We run k8s with containerd." {
		t.Errorf("context line = %q", found[0].Mentions[0].Text)
	}
}

// The rules one by one, on single lines.
func TestScanRules(t *testing.T) {
	x := loadReal(t)
	for _, tc := range []struct {
		line string
		want string // "" for no match
	}{
		{"helm install my-app ./chart", "Helm"},
		{"She took the helm of the boat.", ""},
		{"We deploy the Helm chart to the cluster.", "Helm"},
		{"Helmet and boots.", ""},
		{"Use `flux` for GitOps.", "Flux"},
		{"a flux of visitors", ""},
		{"Harbor stores our container images.", "Harbor"},
		{"The harbor was quiet.", ""},
		{"policy engine: OPA", "Open Policy Agent (OPA)"},
		{"an opa of sorts", ""},
		{"Send traces with otel.", "OpenTelemetry"},
		{"Go to the store.", ""},
		{"pick up a kit", ""},
		{"Apollo missions went to the moon.", ""},
		{"containerd-shim is not containerd", "containerd"},
		{"subcontainerd", ""},
		{"Envoy (the proxy) sits in front of the service mesh.", "Envoy"},
	} {
		s := x.NewScanner()
		s.Scan("t", strings.NewReader(tc.line))
		var got []string
		for _, f := range s.Found() {
			got = append(got, x.Item(f.Index).Name)
		}
		if tc.want == "" && len(got) > 0 || tc.want != "" && !slices.Contains(got, tc.want) {
			t.Errorf("%q: found %v, want %q", tc.line, got, tc.want)
		}
	}
}

func TestScanHostileInput(t *testing.T) {
	x := loadReal(t)
	s := x.NewScanner()
	long := strings.Repeat("x", 2<<20)
	if err := s.Scan("long", strings.NewReader(long)); err == nil {
		t.Error("a line over 1 MiB must be an error, not an unbounded read")
	}
	s = x.NewScanner()
	if err := s.Scan("bin", strings.NewReader("\x00\xff\xfe Kubernetes\x1b[31m \u202e")); err != nil {
		t.Fatal(err)
	}
	if len(s.Found()) != 1 {
		t.Errorf("binary noise around a name: %v", s.Found())
	}
}
