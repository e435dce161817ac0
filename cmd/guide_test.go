package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
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
	fitsWidth(t, out, 80)
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

// The browser asks for a place's introduction on every frame: the guide is
// read from the cache once per run, not parsed per frame.
func TestGuideIsReadOncePerRun(t *testing.T) {
	snapshotCLI(t) // a cache with the CNCF guide
	g := &globalOptions{streams: &ui.Streams{Width: 80}}
	if err := g.resolve(); err != nil {
		t.Fatal(err)
	}
	if intro := g.guideIntro("Runtime", "Container Runtime", 80); intro == "" {
		t.Fatal("no introduction from the guide")
	}
	m, err := g.Store().Meta()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(g.Store().Dir, m.Generation, "guide.yml")); err != nil {
		t.Fatal(err)
	}
	if intro := g.guideIntro("Runtime", "Container Runtime", 80); intro == "" {
		t.Error("the guide was read again on the second frame")
	}
}
