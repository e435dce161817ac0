package cmd

import (
	"strings"
	"testing"
)

// Questions are read as the concepts they name; anything else is a query.
func TestReadQuestion(t *testing.T) {
	for q, want := range map[string]string{
		"what is a vm":                         "virtual-machine",
		"What are containers?":                 "container",
		"vm vs container":                      "virtual-machine container",
		"VMs versus containers":                "virtual-machine container",
		"difference between vm and container":  "virtual-machine container",
		"how does a service mesh work":         "service-mesh",
		"what is a label":                      "k8s-label",
		"labels or annotations":                "k8s-label k8s-annotation",
		"container runtime":                    "",
		"what is harbor":                       "", // a project, not a concept: searched as typed
		"prometheus vs grafana":                "",
		"difference between zzz and container": "",
	} {
		got, ok := readQuestion(q)
		var slugs []string
		for _, c := range got.concepts {
			slugs = append(slugs, c.Slug)
		}
		if strings.Join(slugs, " ") != want || ok != (want != "") {
			t.Errorf("%q: %v %v, want %q", q, slugs, ok, want)
		}
	}
}

// "cnl compare vm container" puts the two concepts side by side: what
// each is, the problem it addresses, how it helps; a concept beside a
// project is explained, not refused ("vm names more than one project").
func TestCompareConcepts(t *testing.T) {
	c := newCLI(t)
	t.Setenv("CNL_URL", "") // the built-in landscape answers: --file is not needed
	c.tty = true
	out := c.ok("compare", "vm", "container")
	for _, want := range []string{"Virtual Machine", "Containers", "What it is", "Problem it addresses", "How it helps", "cnl glossary virtual-machine"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare vm container lacks %q:\n%s", want, out)
		}
	}
	fitsWidth(t, out, c.width)
	out, errOut, code := c.run("compare", "container", "containerd")
	if code != 0 || !strings.Contains(errOut, "Containers is a concept, not a project") || !strings.HasPrefix(out, "containerd (Runtime/Container Runtime): ") {
		t.Errorf("compare container containerd: exit %d\n%s\n%s", code, out, errOut)
	}
}

// A question is searched as the concepts it names: question words rank no
// project, and on a terminal the concepts come first with the command that
// compares them.
func TestSearchQuestion(t *testing.T) {
	c := newCLI(t)
	t.Setenv("CNL_URL", "")
	plain := c.ok("search", "container runtime", "--limit", "5")
	asked := c.ok("search", "difference between container runtime and container", "--limit", "5")
	if first := lines(asked)[0]; !strings.Contains(plain+asked, first) || strings.Contains(asked, "SPIFFE") {
		t.Errorf("a question ranked by its question words:\n%s", asked)
	}
	c.tty = true
	out := c.ok("search", "vm vs container", "--limit", "5")
	l := lines(out)
	if !strings.HasPrefix(l[0], "Virtual Machine — glossary:") || !strings.HasPrefix(l[1], "Containers — glossary:") || !strings.Contains(l[2], "cnl compare virtual-machine container") {
		t.Errorf("vm vs container:\n%s", out)
	}
}

// glossary and show read questions too: the concept, the two side by side,
// or the command that explains them.
func TestQuestionsInGlossaryAndShow(t *testing.T) {
	c := newCLI(t)
	t.Setenv("CNL_URL", "")
	if out := c.ok("glossary", "what is a label"); !strings.HasPrefix(out, "# Label\n") {
		t.Errorf("glossary 'what is a label':\n%s", out)
	}
	if out := c.ok("glossary", "vm vs container"); !strings.Contains(out, "Virtual Machine\tContainers") || !strings.Contains(out, "Problem it addresses") {
		t.Errorf("glossary 'vm vs container':\n%s", out)
	}
	if _, errOut, code := c.run("show", "vm vs container"); code != 1 || !strings.Contains(errOut, "cnl compare virtual-machine container") {
		t.Errorf("show 'vm vs container': exit %d %s", code, errOut)
	}
}
