package glossary_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape/glossary"
	"github.com/cnl-dev/cnl/landscape/glossary/glossarytest"
)

// Every page of every language reads as a term with a title and text; no
// Hugo shortcode and no site-relative link is left for a reader.
func TestEveryGlossaryPageReads(t *testing.T) {
	all := glossarytest.CNCFPages(t)
	en := all["en"]
	if len(en) < 85 || len(all) < 15 {
		t.Fatalf("%d English terms, %d languages", len(en), len(all))
	}
	known := map[string]bool{}
	for _, e := range en {
		known[e.Slug] = true
	}
	for lang, terms := range all {
		for _, term := range terms {
			md, see := term.Markdown(func(s string) bool { return known[s] })
			if term.Title == "" || strings.Contains(term.Title, "\n") {
				t.Errorf("%s/%s: title %q", lang, term.Slug, term.Title)
			}
			for _, bad := range []string{"{{", "}}", "](/", "\r", "---\n"} {
				if strings.Contains(md, bad) {
					t.Errorf("%s/%s keeps %q", lang, term.Slug, bad)
				}
			}
			for _, s := range see {
				if !known[s] {
					t.Errorf("%s/%s: see also %q is no term", lang, term.Slug, s)
				}
			}
			if lang == "en" {
				if term.Summary() == "" || len(term.Sections(md)) == 0 || term.Sections(md)[0].Title != "" {
					t.Errorf("en/%s: summary %q, sections %v", term.Slug, term.Summary(), term.Sections(md))
				}
			}
		}
	}
	vm := en[slices.IndexFunc(en, func(t glossary.Page) bool { return t.Slug == "virtual-machine" })]
	md, see := vm.Markdown(func(s string) bool { return known[s] })
	if !slices.Contains(see, "virtualization") || !slices.Contains(see, "bare-metal-machine") || !strings.Contains(md, "VMs rely on virtualization to carve") {
		t.Errorf("virtual machine: see also %v\n%s", see, md)
	}
	if s := vm.Summary(); s != "A virtual machine (VM) is a computer and its operating system that is not bound to a particular piece of hardware." {
		t.Errorf("summary %q", s)
	}
	if vm.URL() != "https://glossary.cncf.io/virtual-machine/" {
		t.Errorf("url %q", vm.URL())
	}
}

// Loose names find terms as a learner writes them.
func TestGlossaryLookup(t *testing.T) {
	g := glossarytest.Lookup(glossarytest.CNCFPages(t)["en"])
	for query, want := range map[string]string{
		"vm": "virtual-machine", "VMs": "virtual-machine", "virtual machines": "virtual-machine", "Virtual Machine": "virtual-machine",
		"contianer": "container", "containers": "container", "k8s": "kubernetes", "iac": "infrastructure-as-code",
		"mtls": "mutual-transport-layer-security", "mTLS": "mutual-transport-layer-security", "service meshes": "service-mesh",
		"service-mesh": "service-mesh", "policy as code": "policy-as-code", "self healing": "self-healing",
		"immutable infrastructure": "immutable-infrastructure", "virtualisation": "virtualization", "ebpf": "ebpf",
		"API": "application-programming-interface", "faas": "function-as-a-service", "gitops": "gitops",
	} {
		m, sugg, ok := g.Lookup(query)
		if !ok || m.Slug != want {
			t.Errorf("%q → %+v %v, want %s", query, m, sugg, want)
		}
	}
	if _, sugg, ok := g.Lookup("mesh"); ok || !slices.Contains(sugg, "service-mesh") {
		t.Errorf("mesh: ok %v, suggestions %v", ok, sugg)
	}
	for _, q := range []string{"zzzz", "", "containerd", "the"} {
		if m, _, ok := g.Lookup(q); ok {
			t.Errorf("%q found %+v", q, m)
		}
	}
}

// Pages as people write them: CRLF, a byte-order mark, keys in another
// language or case, a shortcode left open, control characters, no front
// matter, and the site's own pages.
func TestParseGlossaryPageNasty(t *testing.T) {
	for _, tc := range []struct {
		file, page string
		ok         bool
		title      string
	}{
		{"vm", "\ufeff---\r\nTitle: \"Virtual Machine\"\r\nstatus: Completed\r\n---\r\n\r\nA VM.\r\n", true, "Virtual Machine"},
		{"x", "---\nशीर्षक: लंबवत स्केलिंग\nstatus: Completed\n---\n\n## यह क्या है\n\nText.\n", true, "लंबवत स्केलिंग"},
		{"x", "---\n title: Spaced\n---\nText {{% sign-language-section abc %}} more {{< open", true, "Spaced"},
		{"x", "---\ntitle: Ctl\x1b]0;owned\x07\n---\nA\x1b[2Jb\x00c\n", true, "Ctl\x1b]0;owned\x07"},
		{"search", "---\ntitle: Search Results\nlayout: search\n---\n", false, ""},
		{"x", "---\ntitle: Site\nlayout: page\n---\nText", false, ""},
		{"_index", "---\ntitle: Home\n---\nText", false, ""},
		{"x", "no front matter at all", false, ""},
		{"x", "---\ntitle: Empty\n---\n\n{{% only-a-shortcode %}}\n", false, ""},
		{"x", "---\ntitle: Unterminated front matter\nText", false, ""},
	} {
		term, ok := glossary.ParsePage("en", tc.file, []byte(tc.page))
		if ok != tc.ok || ok && term.Title != tc.title {
			t.Errorf("%q: ok %v title %q, want %v %q", tc.page, ok, term.Title, tc.ok, tc.title)
			continue
		}
		if ok && (strings.ContainsAny(term.Body, "\x1b\x00\x07\r") || strings.Contains(term.Body, "{{")) {
			t.Errorf("%q: body %q", tc.page, term.Body)
		}
	}
}
