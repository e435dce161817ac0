package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

func scanFixture(name string) string {
	return filepath.Join("..", "landscape", "scan", "testdata", "scan", name)
}

func TestScanCommand(t *testing.T) {
	c := fixtureCLI(t)
	rows := lines(c.ok("scan", scanFixture("notes.md")))
	first := strings.Split(rows[0], "\t")
	if len(first) != 5 || first[0] != "Firecracker" || first[1] != "Runtime/Container Runtime" || !strings.HasSuffix(first[3], "notes.md:4") {
		t.Errorf("first row = %q", first)
	}
	var res scanResult
	if err := json.Unmarshal([]byte(c.ok("scan", scanFixture("notes.md"), scanFixture("k8s-readme.md"), "-o", "json")), &res); err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Projects {
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

	out, errOut, code := c.run("scan", filepath.Join("..", "landscape", "scan", "testdata", "concepts", "cooking.txt"))
	if code != 0 || out != "" || !strings.Contains(errOut, "no landscape projects mentioned") {
		t.Errorf("cooking: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if out := c.ok("scan", scanFixture("traps.txt"), "-o", "json"); !strings.HasPrefix(out, "{\n  \"projects\": [],\n  \"concepts\": [") {
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
	s := &ui.Streams{In: strings.NewReader("containerd vs CRI-O on k8s\nHarbor stores images\n"), Out: &out, ErrOut: &errOut, Width: 100}
	if code := run(context.Background(), s, func() time.Time { return c.now }, nil, []string{"scan", "-", "--compare"}); code != 0 {
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
	if !strings.Contains(grouped, "Runtime › Container Runtime (4)") || !strings.Contains(grouped, "Provisioning › Container Registry (4)") {
		t.Errorf("grouped:\n%s", grouped)
	}
	md := c.ok("scan", scanFixture("k8s-readme.md"), "-o", "markdown")
	if !strings.HasPrefix(md, "| Project | Category/Subcategory |") {
		t.Errorf("markdown:\n%s", md)
	}
}

// A learner's notes become a study sheet: the concepts they discuss, each
// with its first sentence and the command for more, apart from the
// projects.
func TestScanConcepts(t *testing.T) {
	c := fixtureCLI(t)
	notes := filepath.Join("..", "landscape", "scan", "testdata", "concepts", "learner.md")
	var concepts []string
	for _, r := range lines(c.ok("scan", notes)) {
		if f := strings.Split(r, "\t"); f[0] == "concept" {
			if len(f) != 5 || f[4] == "" {
				t.Errorf("concept row %q", r)
			}
			concepts = append(concepts, f[1])
		}
	}
	if len(concepts) < 10 || concepts[0] != "virtualization" || concepts[1] != "virtual-machine" {
		t.Errorf("concepts: %v", concepts)
	}
	c.tty, c.width = true, 80
	out := c.ok("scan", notes)
	// A study sheet: each definition whole, wrapped, not cut at a column.
	if !strings.Contains(out, "Concepts — cnl glossary CONCEPT explains one") || !strings.Contains(out, "\nvirtual-machine  ") ||
		!strings.Contains(out, "  bound to a particular piece of hardware.\n") {
		t.Errorf("on a terminal:\n%s", out)
	}
	fitsWidth(t, out, 80)
	var res scanResult
	if err := json.Unmarshal([]byte(c.ok("scan", notes, "-o", "json")), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Concepts) < 10 || res.Concepts[1].Slug != "virtual-machine" || !strings.HasPrefix(res.Concepts[1].Summary, "A virtual machine (VM) is") ||
		res.Concepts[1].Mentions[0].Line != 4 {
		t.Errorf("json concepts: %+v", res.Concepts[:2])
	}
}

// A binary file among the files scanned is skipped with a note, not read as
// text full of accidental names; --text reads it anyway.
func TestScanSkipsBinaryFiles(t *testing.T) {
	c := fixtureCLI(t)
	bin := filepath.Join(t.TempDir(), "image.bin")
	if err := os.WriteFile(bin, []byte("\x7fELF\x00\x00containerd and Harbor\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := c.run("scan", bin, scanFixture("notes.md"))
	if code != 0 || !strings.Contains(errOut, "image.bin: binary file skipped") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if strings.Contains(out, "image.bin") {
		t.Errorf("the binary file was read:\n%s", out)
	}
	out, errOut, code = c.run("scan", "--text", bin)
	if code != 0 || errOut != "" || !strings.Contains(out, "containerd\t") || !strings.Contains(out, "image.bin:1") {
		t.Errorf("--text: exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

// On a terminal the LINE column shows the words around the match, and
// marks the match: [brackets] without colour, highlighted with it.
func TestScanShowsTheMatchInItsLine(t *testing.T) {
	c := fixtureCLI(t)
	c.tty, c.width = true, 80
	out := c.ok("scan", scanFixture("notes.md"))
	for _, want := range []string{"[containerd]", "[CRI-O]", "[k8s]", "[Trivy]"} {
		if !strings.Contains(out, want) {
			t.Errorf("%s not marked:\n%s", want, out)
		}
	}
	fitsWidth(t, out, 80)
	c.color = true
	out = c.ok("scan", scanFixture("notes.md"))
	if strings.Contains(out, "[containerd]") || !strings.Contains(out, "\x1b[") {
		t.Errorf("with colour, the match is highlighted, not bracketed:\n%s", out)
	}
	one := filepath.Join(t.TempDir(), "one.md")
	if err := os.WriteFile(one, []byte("Harbor stores the images kubernetes runs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := c.run("scan", "--compare", one)
	if code != 0 || !strings.Contains(errOut, "nothing to compare") {
		t.Errorf("--compare with nothing to compare: exit %d, stderr %q", code, errOut)
	}
}

// Of several files, a terminal shows each as named below the directory
// they share, so WHERE keeps the file and the line at 80 columns; piped,
// the path stays whole for scripts.
func TestScanOfSeveralFilesNamesThemBelowTheirDirectory(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "week2", "b.md")
	if err := os.MkdirAll(filepath.Dir(b), 0o755); err != nil {
		t.Fatal(err)
	}
	for f, text := range map[string]string{a: "We run containerd today.\n", b: "Images go to Harbor, scanned by Trivy.\n"} {
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := fixtureCLI(t)
	c.tty, c.width = true, 80
	out := c.ok("scan", a, b)
	for _, want := range []string{" a.md:1 ", " week2/b.md:1 "} {
		if !strings.Contains(out, want) {
			t.Errorf("WHERE is not %q:\n%s", strings.TrimSpace(want), out)
		}
	}
	if strings.Contains(out, dir) || strings.Contains(out, "…md:1") {
		t.Errorf("the shared directory is shown, or the file cut:\n%s", out)
	}
	fitsWidth(t, out, 80)
	c.tty = false
	if out := c.ok("scan", a, b); !strings.Contains(out, a+":1") || !strings.Contains(out, b+":1") {
		t.Errorf("piped, the paths are not whole:\n%s", out)
	}
}

func TestSharedDir(t *testing.T) {
	sep := string(filepath.Separator)
	for _, c := range []struct {
		files []string
		want  string
	}{
		{[]string{"notes.md"}, ""},
		{[]string{"a.md", "b.md"}, ""},
		{[]string{"notes/a.md", "notes/b/c.md"}, "notes" + sep},
		{[]string{"notes/a.md", "notebook/b.md"}, ""},
		{[]string{"/x/y/a.md", "/x/z/b.md"}, sep + "x" + sep},
		{[]string{"notes/a.md", "-"}, ""},
	} {
		files := make([]string, len(c.files))
		for i, f := range c.files {
			files[i] = filepath.FromSlash(f)
		}
		if got := sharedDir(files); got != c.want {
			t.Errorf("sharedDir(%q) = %q, want %q", files, got, c.want)
		}
	}
}

func TestAroundMatch(t *testing.T) {
	line := "- Host images on your own private registry — Harbor? It scans with Trivy."
	for w := 1; w <= 90; w++ {
		for _, marks := range []bool{false, true} {
			got := aroundMatch(line, "Harbor", w, marks)
			if ui.Width(got) > w {
				t.Errorf("width %d: %q is %d cells", w, got, ui.Width(got))
			}
			if w >= 20 && !strings.Contains(got, "Harbor") {
				t.Errorf("width %d: %q lost the match", w, got)
			}
		}
	}
	if got := aroundMatch("数据库数据库数据库数据库 containerd 数据库", "containerd", 16, true); ui.Width(got) > 16 || !strings.Contains(got, "[containerd]") {
		t.Errorf("wide text: %q", got)
	}
	if got := aroundMatch("no match here", "Harbor", 8, true); got != "no matc…" {
		t.Errorf("no match: %q", got)
	}
}
