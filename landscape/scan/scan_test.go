package scan_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
	"github.com/cnl-dev/cnl/landscape/scan"
)

// lineNames are the items one line names, in the order found.
func lineNames(x *landscape.Index, line string) []string {
	s := scan.NewScanner(x)
	s.Scan("t", strings.NewReader(line))
	var names []string
	for _, f := range s.Found() {
		names = append(names, x.Item(f.Index).Name)
	}
	return names
}

func scanNames(t *testing.T, x *landscape.Index, file string) []string {
	t.Helper()
	var names []string
	for _, fd := range landscapetest.ScanFile(t, x, file) {
		names = append(names, x.Item(fd.Index).Name)
	}
	slices.Sort(names)
	return names
}

// The scanner against what a careful reader says each notes file mentions
// (testdata/scan/expected.yml): a false match is worse than a miss, so
// precision must be near perfect and recall high; the traps mention nothing.
func TestScanPrecisionRecall(t *testing.T) {
	x := landscapetest.Real(t)
	expected := judgedSet(t, "scan")
	if len(expected) < 15 {
		t.Fatalf("%d files, want at least 15", len(expected))
	}
	var j judged
	for file, want := range expected {
		j.file(t, file, scanNames(t, x, file), want)
	}
	// The bar: precision 1 (a false match is worse than a miss), recall
	// 0.98 (issue 34: names written whole count, "ingesters" is the
	// field's word).
	j.check(t, "projects", 1.0, 0.98)
}

// A compiled index scans from the phrases it stores (not rebuilt from the
// items): every judged file gives exactly what the parsed landscape gives,
// mentions and counts alike.
func TestScanFromStoredPhrases(t *testing.T) {
	x := landscapetest.Site(t)
	stored := landscapetest.Compile(t, x)
	if !scan.ScansFromIndex(stored) {
		t.Fatal("the stored phrases do not read back")
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "scan", "*"))
	for _, file := range files {
		if filepath.Ext(file) == ".yml" {
			continue
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var found [2][]scan.Found
		for k, idx := range []*landscape.Index{x, stored} {
			s := scan.NewScanner(idx)
			if err := s.Scan(file, bytes.NewReader(b)); err != nil {
				t.Fatal(err)
			}
			found[k] = s.Found()
		}
		if !reflect.DeepEqual(found[0], found[1]) {
			t.Errorf("%s: parsed %v, stored %v", file, found[0], found[1])
		}
	}
}

// judgedSet reads testdata/DIR/expected.yml: for each file, the exact set
// of what a scan must find in it.
func judgedSet(t *testing.T, dir string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", dir, "expected.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var expected map[string][]string
	if err := yaml.Unmarshal(b, &expected); err != nil {
		t.Fatal(err)
	}
	return expected
}

// judged scores what scans found in judged files against the exact sets
// expected: a file expected to mention nothing (text not about software)
// must get nothing at all.
type judged struct{ tp, fp, fn int }

func (j *judged) file(t *testing.T, file string, got, want []string) {
	t.Helper()
	for _, g := range got {
		if slices.Contains(want, g) {
			j.tp++
		} else {
			j.fp++
			t.Logf("%s: false match %q", file, g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			j.fn++
			t.Logf("%s: missed %q", file, w)
		}
	}
	if len(want) == 0 && len(got) > 0 {
		t.Errorf("%s mentions nothing, found %q", file, got)
	}
}

func (j judged) check(t *testing.T, what string, minPrecision, minRecall float64) {
	t.Helper()
	precision, recall := float64(j.tp)/float64(max(1, j.tp+j.fp)), float64(j.tp)/float64(max(1, j.tp+j.fn))
	t.Logf("%s: precision %.3f (%d of %d), recall %.3f (%d of %d)", what, precision, j.tp, j.tp+j.fp, recall, j.tp, j.tp+j.fn)
	if precision < minPrecision || recall < minRecall {
		t.Errorf("%s: precision %.3f, recall %.3f; want at least %.2f and %.2f", what, precision, recall, minPrecision, minRecall)
	}
}

// Any text is read, however its lines end or however long they are: lines
// that end at a lone CR (old Mac files), a line of 3 MiB (read in pieces,
// with its columns counted across them), a line of names only.
func TestScanReadsAnyLines(t *testing.T) {
	x := landscapetest.Real(t)
	long := strings.Repeat("padding ", 3<<20/8) + "we run containerd"
	for name, tc := range map[string]struct {
		text string
		line int
		col  int
	}{
		"cr only":       {"intro\rWe run containerd.\rmore\r", 2, 8},
		"crlf":          {"intro\r\n\r\nWe run containerd.\r\n", 3, 8},
		"3 MiB line":    {"intro\n" + long + "\n", 2, len(long) - len("containerd") + 1},
		"no line end":   {"We run containerd.", 1, 8},
		"mixed":         {"a\nb\r\nc\rWe run containerd.", 4, 8},
		"cut multibyte": {"é" + strings.Repeat("é", 1<<20) + " containerd in production\n", 1, 1<<20 + 3},
	} {
		s := scan.NewScanner(x)
		if err := s.Scan("t", strings.NewReader(tc.text)); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		found := s.Found()
		if len(found) != 1 || x.Item(found[0].Index).Name != "containerd" {
			t.Errorf("%s: found %+v", name, found)
			continue
		}
		if m := found[0].Mentions[0]; m.Line != tc.line || m.Column != tc.col {
			t.Errorf("%s: at %d:%d, want %d:%d", name, m.Line, m.Column, tc.line, tc.col)
		}
	}
}

// A line of nothing but names and brackets costs what it is long: every
// rule looks at the rest of the line once, not once per name (a line of
// 90,000 names took 100 s and 770 MB; this one would take minutes, and
// the test binary's time limit would end it).
func TestScanLineOfNamesIsLinear(t *testing.T) {
	x := landscapetest.Real(t)
	s := scan.NewScanner(x)
	s.Scan("t", strings.NewReader(strings.Repeat("kubernetes helm [harbor ", 40000)))
	found := s.Found()
	if len(found) == 0 || found[0].Count < 40000 {
		t.Fatalf("found %+v", found)
	}
}

func TestScanMentions(t *testing.T) {
	x := landscapetest.Real(t)
	s := scan.NewScanner(x)
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
	x := landscapetest.Real(t)
	for _, tc := range []struct {
		line string
		want string // "" for no match
		not  string // an item that must not be found
	}{
		{"helm install my-app ./chart", "Helm", ""},
		{"She took the helm of the boat.", "", ""},
		{"We deploy the Helm chart to the cluster.", "Helm", ""},
		{"Helmet and boots.", "", ""},
		{"Use `flux` for GitOps.", "Flux", ""},
		{"a flux of visitors", "", ""},
		{"Harbor stores our container images.", "Harbor", ""},
		{"The harbor was quiet.", "", ""},
		{"policy engine: OPA", "Open Policy Agent (OPA)", ""},
		{"an opa of sorts", "", ""},
		{"Send traces with otel.", "OpenTelemetry", ""},
		{"Go to the store.", "", ""},
		{"pick up a kit", "", ""},
		{"Apollo missions went to the moon.", "", ""},
		{"containerd-shim is not containerd", "containerd", ""},
		{"subcontainerd", "", ""},
		{"Envoy (the proxy) sits in front of the service mesh.", "Envoy", ""},
		// The sentences.
		{"I flew to Lima for a conference about Kubernetes", "Kubernetes", "Lima"},
		{"We keep logs in Loki and Grafana", "Grafana Loki", "Keep"},
		{"you can keep it on the cluster", "", ""},
		{"Porter is a beer", "", ""},
		{"Copa America was great this year", "", ""},
		{"Images go to our own harbor instance", "Harbor", ""},
		{"Networking: went with cilium instead of flannel", "Flannel", ""},
		{"GitOps: argo cd watches the repo; flux felt lighter", "Flux", ""},
		{"See https://github.com/goharbor/harbor for details", "Harbor", ""},
		{"The spec: https://github.com/opencontainers/runc/blob/main/README.md", "runc", ""},
		{"a week in Porto with friends", "", ""},
	} {
		got := lineNames(x, tc.line)
		if tc.want == "" && len(got) > 0 || tc.want != "" && !slices.Contains(got, tc.want) || tc.not != "" && slices.Contains(got, tc.not) {
			t.Errorf("%q: found %v, want %q", tc.line, got, tc.want)
		}
	}
}

func TestScanHostileInput(t *testing.T) {
	x := landscapetest.Real(t)
	s := scan.NewScanner(x)
	long := strings.Repeat("x", 2<<20)
	if err := s.Scan("long", strings.NewReader(long)); err != nil || len(s.Found()) != 0 {
		t.Errorf("a line of 2 MiB: %v, %v", err, s.Found())
	}
	s = scan.NewScanner(x)
	if err := s.Scan("bin", strings.NewReader("\x00\xff\xfe Kubernetes\x1b[31m \u202e")); err != nil {
		t.Fatal(err)
	}
	if len(s.Found()) != 1 {
		t.Errorf("binary noise around a name: %v", s.Found())
	}
}

// A project's name of several words counts on its own when written whole,
// as the project writes it, with no cloud-native word beside it.
func TestScanFullNamesAlone(t *testing.T) {
	x := landscapetest.Real(t)
	for line, want := range map[string]string{
		"Talos Linux":                    "Talos Linux",
		"I read about Talos Linux today": "Talos Linux",
		"Kata Containers":                "Kata Containers",
		"we use Open Policy Agent for admission control": "Open Policy Agent (OPA)",
		"Flatcar Container Linux is nice":                "Flatcar Container Linux",
		"an open policy agent of the city council":       "",
	} {
		got := lineNames(x, line)
		if strings.Join(got, ", ") != want {
			t.Errorf("%q: found %v, want %q", line, got, want)
		}
	}
}
