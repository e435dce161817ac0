package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func scanFixture(name string) string {
	return filepath.Join("..", "landscape", "testdata", "scan", name)
}

func TestScanCommand(t *testing.T) {
	c := fixtureCLI(t)
	rows := lines(c.ok("scan", scanFixture("notes.md")))
	first := strings.Split(rows[0], "\t")
	if len(first) != 5 || first[0] != "Firecracker" || first[1] != "Runtime/Container Runtime" || !strings.HasSuffix(first[3], "notes.md:4") {
		t.Errorf("first row = %q", first)
	}
	var found []scanJSON
	if err := json.Unmarshal([]byte(c.ok("scan", scanFixture("notes.md"), scanFixture("k8s-readme.md"), "-o", "json")), &found); err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		if f.Name == "Kubernetes" {
			sources := map[string]bool{}
			for _, m := range f.Mentions {
				sources[filepath.Base(m.Source)] = true
			}
			if !sources["notes.md"] || !sources["k8s-readme.md"] {
				t.Errorf("Kubernetes mentions from both files expected: %+v", f.Mentions)
			}
		}
	}

	out, errOut, code := c.run("scan", scanFixture("traps.txt"))
	if code != 0 || out != "" || !strings.Contains(errOut, "no landscape projects mentioned") {
		t.Errorf("traps: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if out := c.ok("scan", scanFixture("traps.txt"), "-o", "json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("traps as json: %q", out)
	}
	if _, errOut, code := c.run("scan"); code != 2 || !strings.Contains(errOut, "needs a file") {
		t.Errorf("no file: %d %q", code, errOut)
	}
	if _, errOut, code := c.run("scan", "does-not-exist.md"); code != 1 || !strings.Contains(errOut, "does-not-exist.md") {
		t.Errorf("missing file: %d %q", code, errOut)
	}
}

func TestScanStdinGroupCompare(t *testing.T) {
	c := fixtureCLI(t)
	var out, errOut bytes.Buffer
	s := &Streams{In: strings.NewReader("containerd vs CRI-O on k8s\nHarbor stores images\n"), Out: &out, ErrOut: &errOut, Width: 100}
	if code := run(context.Background(), s, []string{"scan", "-", "--compare"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	text := out.String()
	if !strings.Contains(text, "your text mentions 2 items in Container Runtime: containerd, CRI-O") {
		t.Errorf("compare heading missing:\n%s", text)
	}
	if !strings.Contains(text, "Graduated\t2019-02-28\t2023-07-19") {
		t.Errorf("compare rows missing:\n%s", text)
	}
	if strings.Contains(text, "items in Container Registry") {
		t.Errorf("a subcategory with one item is compared:\n%s", text)
	}
	c.tty = true
	grouped := c.ok("scan", "--group", scanFixture("notes.md"))
	if !strings.Contains(grouped, "Runtime/Container Runtime (4)") || !strings.Contains(grouped, "Provisioning/Container Registry (4)") {
		t.Errorf("grouped:\n%s", grouped)
	}
	md := c.ok("scan", scanFixture("k8s-readme.md"), "-o", "markdown")
	if !strings.HasPrefix(md, "| Project | Category/Subcategory |") {
		t.Errorf("markdown:\n%s", md)
	}
}
