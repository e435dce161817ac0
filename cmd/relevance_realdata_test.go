//go:build realdata

package cmd

import (
	"encoding/json"
	"strings"
	"testing"
)

// The names and topics a learner types, through show and search, as the
// relevance issue found them.
func TestShowAndSearchWhatPeopleMean(t *testing.T) {
	c := realCLI(t)
	for query, want := range map[string]string{
		"opa": "Open Policy Agent (OPA)", "k8s": "Kubernetes", "otel": "OpenTelemetry", "argocd": "Argo",
		"argo cd": "Argo", "crio": "CRI-O", "cri-o": "CRI-O", "talos": "Talos Linux", "open policy agent": "Open Policy Agent (OPA)",
		"promethus": "Prometheus", "kuberntes": "Kubernetes", "containerd": "containerd", "istoi": "Istio",
	} {
		if out := c.ok("show", query); !strings.HasPrefix(out, "name: "+want+"\n") {
			t.Errorf("show %q: %q, want %s", query, firstLine(out), want)
		}
	}
	for query, place := range map[string]string{"registry": "Provisioning/Container Registry", "Container Runtime": "Runtime/Container Runtime", "service mesh": "Orchestration & Management/Service Mesh"} {
		out, errOut, code := c.run("show", query)
		if code != 1 || out != "" || !strings.Contains(errOut, "is a topic, not a project") || !strings.Contains(errOut, place) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("show %q: exit %d, stdout %q, stderr %q; want one line naming %s", query, code, out, errOut, place)
		}
	}
	for query, first := range map[string]string{
		"runtime": "containerd", "registry": "Harbor", "service mesh": "Istio", "tracing": "Jaeger",
		"gitops": "Argo", "observability": "OpenTelemetry", "oci": "", "cni": "Container Network Interface (CNI)",
	} {
		rows := lines(c.ok("search", query))
		if len(rows) == 0 || first != "" && !strings.HasPrefix(rows[0], first+"\t") && !(query == "gitops" && strings.HasPrefix(rows[0], "Flux\t")) {
			t.Errorf("search %q: first %q, want %s", query, firstLine(strings.Join(rows, "\n")), first)
		}
		for _, r := range rows[:min(3, len(rows))] {
			for _, noise := range []string{"(member)", "(KCSP)", "Develocity", "Picnic", "Ortelius", "KitOps"} {
				if strings.Contains(r, noise) {
					t.Errorf("search %q: %q in the first three", query, r)
				}
			}
		}
	}
	// Words split on any punctuation, fullwidth commas included.
	if out := c.ok("search", "filesystem"); !strings.Contains(out, "CubeFS") {
		t.Errorf("search filesystem misses CubeFS:\n%s", out)
	}
	// Multi-word queries never come back empty because no item holds every word.
	for _, q := range []string{"private registry", "network policy", "message queue", "certificate management"} {
		if rows := lines(c.ok("search", q)); len(rows) < 3 {
			t.Errorf("search %q: %d results", q, len(rows))
		}
	}
	if out := c.ok("search", "certificate management"); !strings.HasPrefix(out, "cert-manager\t") {
		t.Errorf("search certificate management: %q", firstLine(out))
	}
	// --kind keeps only that kind; --explain says why.
	for _, r := range lines(c.ok("search", "storage", "--kind", "project", "--all")) {
		if strings.Contains(r, "(member)") {
			t.Errorf("--kind project kept %q", r)
		}
	}
	out := c.ok("search", "container runtime", "--explain", "--limit", "2")
	if !strings.Contains(out, "1. containerd") || !strings.Contains(out, "subcategory") || !strings.Contains(out, "score") {
		t.Errorf("--explain:\n%s", out)
	}
	var hits []struct {
		Name  string  `json:"name"`
		Score float64 `json:"score"`
		Match struct {
			Fields []string `json:"fields"`
		} `json:"match"`
	}
	if err := json.Unmarshal([]byte(c.ok("search", "runtime", "-o", "json", "--limit", "3")), &hits); err != nil || len(hits) != 3 || hits[0].Score <= 0 || len(hits[0].Match.Fields) == 0 {
		t.Errorf("json hits: %+v %v", hits, err)
	}
	if _, errOut, code := c.run("search", "x", "--kind", "vendor"); code != 2 || !strings.Contains(errOut, "unknown --kind") {
		t.Errorf("--kind vendor: exit %d, %q", code, errOut)
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
