package cmd

import (
	"encoding/json"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

// snapshotCLI is a cli whose cache was filled, offline, from the CNCF
// landscape built into cnl (data, guide and settings).
func snapshotCLI(t *testing.T) *cli {
	t.Helper()
	c := newCLI(t)
	t.Setenv("CNL_URL", "")
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:1") // offline
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	t.Setenv("NO_PROXY", "")
	if _, errOut, code := c.run("list"); code != 0 || !strings.Contains(errOut, "built into cnl") {
		t.Fatalf("first use offline: %d %s", code, errOut)
	}
	return c
}

func TestGuide(t *testing.T) {
	c := snapshotCLI(t)
	c.tty, c.width = true, 80
	out := c.ok("guide", "Container Runtime")
	for _, want := range []string{"Runtime › Container Runtime", "WHAT IT IS", "PROBLEM IT ADDRESSES", "HOW IT HELPS", "TECHNICAL 101"} {
		if !strings.Contains(out, want) {
			t.Errorf("guide lacks %q:\n%s", want, out)
		}
	}
	for _, l := range lines(out) {
		if w := ui.Width(l); w > 80 {
			t.Errorf("line of %d cells: %q", w, l)
		}
	}
	golden(t, "guide-container-runtime-80.txt", out)

	c.tty = false
	md := c.ok("guide", "Container Runtime")
	if !strings.HasPrefix(md, "## Runtime › Container Runtime\n\n### What it is\n") {
		t.Errorf("piped, the guide is its Markdown:\n%s", md)
	}
	var sections []landscape.GuideSection
	if err := json.Unmarshal([]byte(c.ok("guide", "Runtime", "-o", "json")), &sections); err != nil || len(sections) < 3 || sections[0].Subcategory != "" {
		t.Errorf("json: %v, %+v", err, sections)
	}
	toc := c.ok("guide")
	if !strings.Contains(toc, "Runtime/Container Runtime\ttrue\n") || !strings.Contains(toc, "Platform/Certified Kubernetes - AI Platform\tfalse\n") {
		t.Errorf("contents:\n%s", toc)
	}
	if out := c.ok("guide", "Introduction"); !strings.Contains(out, "cloud native landscape") {
		t.Errorf("a section of the guide's own:\n%s", out)
	}
	// A place without text says so in one line, and offers its category's.
	_, errOut, code := c.run("guide", "Certified Kubernetes - AI Platform")
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, `cnl guide "Platform"`) {
		t.Errorf("no text: %d %q", code, errOut)
	}
	if _, errOut, code := c.run("guide", "Contaner Runtim"); code != 1 || !strings.Contains(errOut, "did you mean") {
		t.Errorf("a typo: %d %q", code, errOut)
	}
	// cnl list shows the guide's first paragraph, and where to read on.
	c.tty = true
	if out := c.ok("list", "Container Runtime"); !strings.Contains(out, "container is a set of compute") || !strings.Contains(out, "cnl guide 'Container Runtime'") {
		t.Errorf("list with the guide:\n%s", out)
	}
}

// Guide text is untrusted: what would drive a terminal is cleaned, and
// links are kept only when http(s).
func TestGuideMarkdownIsSanitised(t *testing.T) {
	st := ui.NewStyles((&Streams{}).Color)
	out := ui.RenderMarkdown(st, "# Evil \x1b[31mred\n\nA [link](javascript:alert(1)) and [ok](https://ok.example) \u202e.\n\n> quote \x1b]8;;x\a\n\n```\ncode \x1b[2J\n```\n", 60)
	for _, bad := range []string{"\x1b", "\a", "\u202e", "javascript:"} {
		if strings.Contains(out, bad) {
			t.Errorf("%q reached the terminal:\n%q", bad, out)
		}
	}
	if !strings.Contains(out, "ok (https://ok.example)") {
		t.Errorf("an http link was dropped:\n%s", out)
	}
}

// Hostile guide text renders in time linear in its size: a line of a
// million ">" (which overflowed the stack, uncatchably), a list item of
// 440,000 continuation lines (quadratic), a line of links.
func TestGuideMarkdownHostileShapes(t *testing.T) {
	st := ui.NewStyles(false)
	for name, md := range map[string]string{
		"quotes":       strings.Repeat(">", 1_000_000) + " deep",
		"quote lines":  strings.Repeat("> > > > > > > > x\n", 50_000),
		"continuation": "- item\n" + strings.Repeat("  more\n", 440_000),
		"links":        strings.Repeat("[a](https://b.example)", 200_000),
		"emphasis":     strings.Repeat("**a *b `c", 200_000),
	} {
		out := ui.RenderMarkdown(st, md, 80)
		if out == "" {
			t.Errorf("%s: nothing rendered", name)
		}
		for _, l := range strings.Split(out, "\n") {
			if ui.Width(l) > 80 {
				t.Errorf("%s: a line of %d cells", name, ui.Width(l))
				break
			}
		}
	}
}

// The browser asks for a place's introduction on every frame: the guide is
// read from the cache once per run, not parsed per frame.
func TestGuideIsReadOncePerRun(t *testing.T) {
	snapshotCLI(t) // a cache with the CNCF guide
	g := &globalOptions{streams: &Streams{Width: 80}}
	if err := g.resolve(); err != nil {
		t.Fatal(err)
	}
	if intro := g.guideIntro("Runtime", "Container Runtime", 80); intro == "" {
		t.Fatal("no introduction from the guide")
	}
	m, err := g.store().Meta()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(g.store().Dir, m.Generation, "guide.yml")); err != nil {
		t.Fatal(err)
	}
	if intro := g.guideIntro("Runtime", "Container Runtime", 80); intro == "" {
		t.Error("the guide was read again on the second frame")
	}
}
