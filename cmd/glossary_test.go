package cmd

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
)

// The built-in glossary answers "what is X?" offline, as a learner asks it.
func TestGlossary(t *testing.T) {
	c := newCLI(t)
	// Piped: the Markdown, titled, with its sections, related terms and
	// where it comes from.
	out := c.ok("glossary", "virtual machines")
	for _, want := range []string{"# Virtual Machine\n", "A virtual machine (VM) is a computer", "## Problem it addresses", "## How it helps",
		"See also: cnl glossary virtualization, cnl glossary bare-metal-machine", "https://glossary.cncf.io/virtual-machine/", "CC BY 4.0"} {
		if !strings.Contains(out, want) {
			t.Errorf("glossary virtual machines lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"{{", "](/", "sign-language"} {
		if strings.Contains(out, bad) {
			t.Errorf("glossary output keeps %q", bad)
		}
	}
	for q, title := range map[string]string{"vm": "Virtual Machine", "contianer": "Containers", "k8s": "Kubernetes", "IaC": "Infrastructure as Code (IaC)", "mtls": "Mutual Transport Layer Security (mTLS)"} {
		if out := c.ok("glossary", q); !strings.HasPrefix(out, "# "+title+"\n") {
			t.Errorf("glossary %s: %.60q", q, out)
		}
	}
	// On a terminal it is drawn to fit, with the landscape's places.
	c.tty, c.width = true, 80
	out = c.ok("glossary", "service-mesh")
	for _, want := range []string{"Service Mesh\n", "Problem it addresses", "In the landscape: cnl list 'Orchestration & Management/Service Mesh'"} {
		if !strings.Contains(out, want) {
			t.Errorf("service mesh on a terminal lacks %q:\n%s", want, out)
		}
	}
	fitsWidth(t, out, 80)
	c.tty = false

	// JSON: sections, related terms and places as data.
	var page answer.GlossaryPage
	if err := json.Unmarshal([]byte(c.ok("glossary", "service mesh", "-o", "json")), &page); err != nil {
		t.Fatal(err)
	}
	if page.Slug != "service-mesh" || page.Lang != "en" || len(page.Sections) < 3 || page.Places[0] != "Orchestration & Management/Service Mesh" || page.Summary == "" {
		t.Errorf("json page: %+v", page)
	}

	// Mistakes get directions, on one line, exit 1.
	for q, want := range map[string]string{
		"zzzz":   `the glossary has no term "zzzz" (cnl glossary lists them all)`,
		"mesh":   `did you mean "service-mesh"`,
		"harbor": "Harbor is a project of the landscape: cnl show harbor",
		"oci":    "mentioned in cnl glossary container-image",
		// A Kubernetes word the glossaries lack: the nearest terms of
		// both, and where Kubernetes explains the rest.
		"image pull policy": "nearest: cnl glossary container-image, cnl glossary policy-as-code, cnl glossary k8s-image",
	} {
		_, errOut, code := c.run("glossary", q)
		if code != 1 || !strings.Contains(errOut, want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("glossary %s: exit %d, %q; want %q", q, code, errOut, want)
		}
	}
	if _, _, code := c.run("glossary", "a", "b"); code != 2 {
		t.Errorf("two terms: exit %d", code)
	}

	// The list: every term, one line each.
	list := lines(c.ok("glossary"))
	if len(list) < 85 || !strings.HasPrefix(list[0], "abstraction\tAbstraction\t") {
		t.Errorf("list: %d lines, first %q", len(list), list[0])
	}
}

// --lang, else the locale, picks a translation; English stands in per term.
func TestGlossaryLanguages(t *testing.T) {
	c := newCLI(t)
	if out := c.ok("glossary", "vm", "--lang", "es"); !strings.HasPrefix(out, "# Máquina Virtual\n") || !strings.Contains(out, "https://glossary.cncf.io/es/virtual-machine/") {
		t.Errorf("--lang es: %.200s", out)
	}
	t.Setenv("LANG", "de_DE.UTF-8")
	if out := c.ok("glossary", "container"); !strings.HasPrefix(out, "# Container\n") || !strings.Contains(out, "Ein Container ist") {
		t.Errorf("LANG=de: %.200s", out)
	}
	// German has no page for virtual machine: English, and it says so.
	if out := c.ok("glossary", "vm"); !strings.HasPrefix(out, "# Virtual Machine\n") || !strings.Contains(out, "no translation of this term; English") {
		t.Errorf("LANG=de, vm: %.300s", out)
	}
	t.Setenv("LC_ALL", "C")
	if out := c.ok("glossary", "container"); !strings.HasPrefix(out, "# Containers\n") {
		t.Errorf("LC_ALL=C: %.100s", out)
	}
	if _, errOut, code := c.run("glossary", "vm", "--lang", "xx"); code != 2 || !strings.Contains(errOut, `no language "xx"`) {
		t.Errorf("--lang xx: %d %s", code, errOut)
	}
	// A term written in the chosen language is found.
	if out := c.ok("glossary", "Máquina Virtual", "--lang", "es"); !strings.HasPrefix(out, "# Máquina Virtual\n") {
		t.Errorf("spanish title: %.100s", out)
	}
}

func TestMatchLang(t *testing.T) {
	langs := []string{"de", "en", "pt-br", "zh-cn", "zh-tw"}
	for loc, want := range map[string]string{"de_DE.UTF-8": "de", "pt_BR": "pt-br", "pt": "pt-br", "zh_HK.UTF-8": "zh-tw", "zh_CN": "zh-cn",
		"C": "en", "POSIX": "en", "fr_FR": "en", "en_US.UTF-8@euro": "en", "DE": "de"} {
		if got, _ := answer.MatchLang(loc, langs); got != want {
			t.Errorf("%s → %s, want %s", loc, got, want)
		}
	}
}

// Long views go through the pager on a terminal, as diff does: a term, a
// guide section, a card and a place's list; never when piped or with
// --no-pager.
func TestLongViewsArePaged(t *testing.T) {
	c := snapshotCLI(t)
	t.Setenv("CNL_PAGER", "sed s/^/paged:/")
	c.tty, c.width, c.height = true, 80, 10
	for _, args := range [][]string{{"glossary", "container"}, {"guide", "Container Runtime"}, {"show", "containerd"}, {"list", "Container Runtime"}, {"glossary"}} {
		if out := c.ok(args...); !strings.HasPrefix(out, "paged:") || strings.Count(out, "paged:") != strings.Count(out, "\n") {
			t.Errorf("%v on a terminal is not paged:\n%.200s", args, out)
		}
		if out := c.ok(append(args, "--no-pager")...); strings.Contains(out, "paged:") {
			t.Errorf("%v --no-pager is paged", args)
		}
	}
	c.tty = false
	if out := c.ok("glossary", "container"); strings.Contains(out, "paged:") {
		t.Error("piped output is paged")
	}
}

// Kubernetes' own words are answered from the Kubernetes glossary, by the
// names people use, each page saying which glossary it is from; where both
// glossaries define a term, the Kubernetes definition follows the CNCF one.
func TestKubernetesGlossary(t *testing.T) {
	c := newCLI(t)
	for q, want := range map[string]string{
		"label": "# Label", "labels": "# Label", "annotation": "# Annotation", "admission control": "# Admission Controller",
		"hpa": "# Horizontal Pod Autoscaler", "crd": "# CustomResourceDefinition", "pvc": "# Persistent Volume Claim",
		// Named with its glossary, or by the slug cnl's own lines print.
		"k8s label": "# Label", "kubernetes labels": "# Label", "k8s-label": "# Label", "K8S-ADMISSION-CONTROLLER": "# Admission Controller",
	} {
		out, errOut, code := c.run("glossary", q)
		if code != 0 || !strings.HasPrefix(out, want+"\n") || !strings.Contains(out, "From the Kubernetes glossary, © The Kubernetes Authors (CC BY 4.0, adapted): https://kubernetes.io/docs/reference/glossary/?all=true#term-") {
			t.Errorf("glossary %s: exit %d %s\n%s", q, code, errOut, out)
		}
		if strings.Contains(out, "{{") {
			t.Errorf("glossary %s: a shortcode is left:\n%s", q, out)
		}
	}
	for _, q := range []string{"container", "cluster", "immutable infrastructure"} {
		out := c.ok("glossary", q)
		cncf, k8s := strings.Index(out, "From the CNCF Cloud Native Glossary"), strings.Index(out, "## In the Kubernetes glossary")
		if cncf < 0 || k8s < 0 || k8s > cncf || !strings.Contains(out, "© The Kubernetes Authors, CC BY 4.0: https://kubernetes.io/") {
			t.Errorf("glossary %s: no Kubernetes definition beneath the CNCF one:\n%s", q, out)
		}
	}
	// A Kubernetes page's "see also" names a term by its CNCF twin, whose
	// page carries both definitions: pod, not k8s-pod.
	if out := c.ok("glossary", "labels"); !strings.Contains(out, "See also: cnl glossary pod\n") {
		t.Errorf("glossary labels does not send the reader to pod:\n%s", out)
	}
	if out := c.ok("glossary", "k8s-node"); !strings.Contains(out, "See also: cnl glossary pod, cnl glossary k8s-kubelet") {
		t.Errorf("glossary k8s-node: twins and Kubernetes' own terms together:\n%s", out)
	}
	if out := c.ok("glossary", "label", "--lang", "es"); !strings.Contains(out, "the Kubernetes glossary has no translations; English") {
		t.Errorf("a Kubernetes term in Spanish:\n%s", out)
	}
	list := c.ok("glossary")
	if !strings.Contains(list, "k8s-label\t") || !strings.Contains(list, "virtual-machine\t") {
		t.Errorf("the list of terms lacks one glossary:\n%.400s", list)
	}
	if out := c.ok("version"); !strings.Contains(out, "The Kubernetes Authors") {
		t.Errorf("version does not credit the Kubernetes glossary:\n%s", out)
	}
}

// A term that names a kind of tool leads to its leading projects, on a
// terminal and as data.
func TestGlossaryLeadsToProjects(t *testing.T) {
	c := newCLI(t)
	t.Setenv("CNL_URL", "")
	c.tty = true
	if out := c.ok("glossary", "service mesh"); !strings.Contains(out, "Projects: Istio, Linkerd") {
		t.Errorf("glossary service mesh on a terminal:\n%s", out)
	}
	c.tty = false
	var page answer.GlossaryPage
	if err := json.Unmarshal([]byte(c.ok("glossary", "policy as code", "-o", "json")), &page); err != nil || !slices.Contains(page.Projects, "Kyverno") {
		t.Errorf("glossary policy as code -o json: %v %v", page.Projects, err)
	}
}

// A project's card and a place's guide name their concepts, read from what
// the project says it is and from the guide's text.
func TestCardsAndGuidesNameTheirConcepts(t *testing.T) {
	c := newCLI(t)
	t.Setenv("CNL_URL", "")
	c.tty, c.width = true, 120
	if out := c.ok("show", "containerd", "--no-pager"); !strings.Contains(out, "Concepts: container, k8s-container-runtime, runtime") {
		t.Errorf("show containerd:\n%s", out)
	}
	if out := c.ok("guide", "Container Registry", "--no-pager"); !strings.Contains(out, "cnl glossary container-image") {
		t.Errorf("guide Container Registry:\n%s", out)
	}
}
