package landscape_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/glossary"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

// realGlossary parses every page of the real glossary (../shared/glossary),
// by language; the glossary every build embeds stands in when ../shared is
// not there.
func realGlossary(tb testing.TB) map[string][]landscape.GlossaryTerm {
	dir := landscapetest.Glossary(tb)
	if dir == "" {
		out := map[string][]landscape.GlossaryTerm{}
		info, _ := glossary.Source()
		for _, lang := range info.Languages {
			out[lang], _ = glossary.Terms(lang)
		}
		return out
	}
	langs, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]landscape.GlossaryTerm{}
	for _, l := range langs {
		pages, _ := os.ReadDir(filepath.Join(dir, l.Name()))
		for _, p := range pages {
			name, ok := strings.CutSuffix(p.Name(), ".md")
			if !ok {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, l.Name(), p.Name()))
			if err != nil {
				tb.Fatal(err)
			}
			if t, ok := landscape.ParseGlossaryPage(l.Name(), name, b); ok {
				out[l.Name()] = append(out[l.Name()], t)
			}
		}
	}
	return out
}

func lookupOf(terms []landscape.GlossaryTerm) *landscape.Glossary {
	g := &landscape.Glossary{}
	for _, t := range terms {
		g.Terms = append(g.Terms, landscape.GlossaryEntry{Slug: t.Slug, Title: t.Title, Keys: landscape.GlossaryKeys(t)})
	}
	return g
}

// Every page of every language reads as a term with a title and text; no
// Hugo shortcode and no site-relative link is left for a reader.
func TestEveryGlossaryPageReads(t *testing.T) {
	all := realGlossary(t)
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
	vm := en[slices.IndexFunc(en, func(t landscape.GlossaryTerm) bool { return t.Slug == "virtual-machine" })]
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
	g := lookupOf(realGlossary(t)["en"])
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
		term, ok := landscape.ParseGlossaryPage("en", tc.file, []byte(tc.page))
		if ok != tc.ok || ok && term.Title != tc.title {
			t.Errorf("%q: ok %v title %q, want %v %q", tc.page, ok, term.Title, tc.ok, tc.title)
			continue
		}
		if ok && (strings.ContainsAny(term.Body, "\x1b\x00\x07\r") || strings.Contains(term.Body, "{{")) {
			t.Errorf("%q: body %q", tc.page, term.Body)
		}
	}
}

// A term links to the places of the landscape that implement it.
func TestGlossaryPlaces(t *testing.T) {
	x := loadReal(t)
	g := lookupOf(realGlossary(t)["en"])
	for slug, want := range map[string]string{
		"service-mesh":      "Orchestration & Management/Service Mesh",
		"chaos-engineering": "Observability and Analysis/Chaos Engineering",
		"observability":     "Observability and Analysis",
		"api-gateway":       "Orchestration & Management/API Gateway",
	} {
		e, _ := g.Entry(slug)
		if ps := x.GlossaryPlaces(e); !slices.Contains(ps, want) {
			t.Errorf("%s: places %v, want %s", slug, ps, want)
		}
	}
	for _, slug := range []string{"service", "container", "kubernetes"} {
		e, _ := g.Entry(slug)
		if ps := x.GlossaryPlaces(e); len(ps) > 2 {
			t.Errorf("%s names too many places: %v", slug, ps)
		}
	}
	terms := landscape.TermsOfPlace(x, g, "Orchestration & Management/Service Mesh")
	if len(terms) != 1 || terms[0].Slug != "service-mesh" {
		t.Errorf("terms of Service Mesh: %v", terms)
	}
}

// kubernetesLookup is the Kubernetes glossary as lookups and scans use it:
// parsed from ../shared, or the one every build embeds when ../shared is
// not there.
func kubernetesLookup(t *testing.T) *landscape.Glossary {
	if landscapetest.KubernetesGlossary(t) == "" {
		return glossary.Kubernetes()
	}
	g := &landscape.Glossary{}
	terms := kubernetesGlossary(t)
	for _, slug := range slices.Sorted(maps.Keys(terms)) {
		tm := terms[slug]
		g.Terms = append(g.Terms, landscape.GlossaryEntry{Slug: tm.Slug, Title: tm.Title, Keys: tm.Tags, Sort: tm.Category})
	}
	return g
}

// The concepts a text discusses, from both glossaries, judged by hand per
// file (exact sets), and none in prose that is not about software.
func TestConceptsJudged(t *testing.T) {
	g := lookupOf(realGlossary(t)["en"])
	k8s := kubernetesLookup(t)
	x := loadReal(t)
	expected := judgedSet(t, "concepts")
	var j judged
	for file, want := range expected {
		f, err := os.Open(filepath.Join("testdata", "concepts", file))
		if err != nil {
			t.Fatal(err)
		}
		sc := x.NewScanner()
		cf := landscape.NewConceptFinder(g.Terms, k8s.Terms)
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
	g := lookupOf(realGlossary(t)["en"])
	x := loadReal(t)
	for line, want := range map[string]string{
		"Our app is hosted on a rented server.":         "",
		"Each host runs containerd.":                    "host",
		"We run containers on k8s.":                     "container kubernetes",
		"Two proxies sit in front of the service mesh.": "service-mesh",
	} {
		sc := x.NewScanner()
		cf := landscape.NewConceptFinder(g.Terms)
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
