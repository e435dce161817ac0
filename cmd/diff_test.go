package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

func TestUpdateSummaryAndDiff(t *testing.T) {
	checkUpdateSummaryAndDiff(t, diffCase{
		prev:     filepath.Join("testdata", "landscape-prev.yml"),
		cur:      filepath.Join("testdata", "landscape.yml"),
		summary:  []string{"CRI-O: incubating → graduated", "1 added", "1 removed", "1 moved"},
		rename:   "Harbor Registry → Harbor",
		maturity: func(n int) bool { return n == 1 },
	})
}

// diffCase is a pair of landscape files and what their diff must show.
type diffCase struct {
	prev, cur string
	force     bool     // the second update needs --force (it loses a category)
	summary   []string // in the summary after the second update
	rename    string   // a rename cnl diff lists
	maturity  func(n int) bool
}

// checkUpdateSummaryAndDiff loads prev then cur into an empty cache and
// checks the update's summary, that the cache's previous copy diffs as the
// two files do, and diff's usage errors.
func checkUpdateSummaryAndDiff(t *testing.T, dc diffCase) {
	c := newCLI(t)
	prev, cur := dc.prev, dc.cur
	if _, errOut, code := c.run("diff"); code != 1 || !strings.Contains(errOut, "no previous copy") {
		t.Errorf("diff on an empty cache: %d %q", code, errOut)
	}
	first := c.ok("update", "--file", prev)
	if strings.Contains(first, "→") {
		t.Errorf("a first load has nothing to compare with:\n%s", first)
	}
	args := []string{"update", "--file", cur}
	if dc.force {
		args = append(args, "--force")
	}
	out := c.ok(args...)
	for _, want := range append(dc.summary, "cnl diff shows every change") {
		if !strings.Contains(out, want) {
			t.Errorf("update summary lacks %q:\n%s", want, out)
		}
	}
	if again := c.ok("update", "--file", cur); strings.Contains(again, "→") || len(lines(again)) != 1 {
		t.Errorf("loading the same data again reports changes:\n%s", again)
	}
	// The cache's previous copy gives what the two files give.
	cached := c.ok("diff")
	direct := c.ok("diff", prev, cur)
	if cached != direct || !strings.Contains(direct, "Renamed:\n") || !strings.Contains(direct, dc.rename) {
		t.Errorf("cnl diff and cnl diff OLD NEW differ, or lack the rename:\n%s", direct)
	}
	var d landscape.Diff
	if err := json.Unmarshal([]byte(c.ok("diff", prev, cur, "-o", "json")), &d); err != nil || !dc.maturity(len(d.Maturity)) {
		t.Errorf("json diff: %v, %d maturity changes", err, len(d.Maturity))
	}
	if same := c.ok("diff", cur, cur); same != "no changes\n" {
		t.Errorf("identical files: %q", same)
	}
	if _, errOut, code := c.run("diff", cur); code != 2 || !strings.Contains(errOut, "two") {
		t.Errorf("one file: exit %d %q", code, errOut)
	}
}

// diff narrows to kinds of change and of entry, shows changed fields old
// → new, and pages on a terminal only.
func TestDiffFiltersValuesAndPager(t *testing.T) {
	c := newCLI(t)
	prev, cur := filepath.Join("testdata", "landscape-prev.yml"), filepath.Join("testdata", "landscape.yml")
	all := c.ok("diff", prev, cur)
	only := c.ok("diff", prev, cur, "--only", "maturity", "--only", "added")
	if !strings.Contains(only, "Maturity:") || !strings.Contains(only, "Added:") || strings.Contains(only, "Removed:") || strings.Contains(only, "Changed:") {
		t.Errorf("--only maturity --only added:\n%s", only)
	}
	if _, errOut, code := c.run("diff", prev, cur, "--only", "grown"); code != exitUsage || !strings.Contains(errOut, `unknown --only "grown"`) {
		t.Errorf("--only grown: %d %q", code, errOut)
	}
	if members := c.ok("diff", prev, cur, "--kind", "member"); strings.Contains(members, "CRI-O") {
		t.Errorf("--kind member keeps a project:\n%s", members)
	}
	var d landscape.Diff
	if err := json.Unmarshal([]byte(c.ok("diff", prev, cur, "-o", "json")), &d); err != nil || len(d.Maturity) == 0 || len(d.Maturity[0].Values) == 0 {
		t.Fatalf("json diff without old and new values: %v %+v", err, d.Maturity)
	}
	v := d.Maturity[0].Values[0]
	if want := "  " + v.Field + ": "; !strings.Contains(all, want) || !strings.Contains(all, " → ") {
		t.Errorf("changed fields are not shown old → new (%+v):\n%s", v, all)
	}

	// A pager on a terminal when the output is longer than the screen;
	// never when piped or with --no-pager.
	t.Setenv("CNL_PAGER", "sed s/^/paged:/")
	c.tty, c.height = true, 10
	if out := c.ok("diff", prev, cur); !strings.HasPrefix(out, "paged:") {
		t.Errorf("no pager on a terminal:\n%s", out)
	}
	if out := c.ok("diff", prev, cur, "--no-pager"); strings.Contains(out, "paged:") {
		t.Errorf("--no-pager paged:\n%s", out)
	}
	// The pager is a shell command, as git runs it: a path with a space,
	// quoted, works; one that cannot run leaves the text written directly.
	dir := filepath.Join(t.TempDir(), "my pagers")
	os.MkdirAll(dir, 0o755)
	script := filepath.Join(dir, "pg")
	os.WriteFile(script, []byte("#!/bin/sh\nsed 's/^/quoted:/'\n"), 0o755)
	t.Setenv("CNL_PAGER", "'"+script+"'")
	if out := c.ok("diff", prev, cur); !strings.HasPrefix(out, "quoted:") {
		t.Errorf("a quoted pager path:\n%s", out)
	}
	t.Setenv("CNL_PAGER", "no-such-pager-anywhere")
	if out, _, code := c.run("diff", prev, cur); code != 0 || !strings.Contains(out, "Maturity:") {
		t.Errorf("a pager that cannot run: exit %d\n%s", code, out)
	}
	c.tty = false
	if out := c.ok("diff", prev, cur); strings.Contains(out, "paged:") {
		t.Errorf("piped output paged:\n%s", out)
	}
}

// On a terminal a changed value is shown whole, old and new, the changed
// words marked; a second listing that went says where the item stays; a
// re-wrapped text is counted, not listed.
func TestDiffShowsChangesWhole(t *testing.T) {
	c := newCLI(t)
	c.tty, c.width = true, 60
	prev, cur := filepath.Join("..", "landscape", "testdata", "diff-old.yml"), filepath.Join("..", "landscape", "testdata", "diff-new.yml")
	out := c.ok("diff", prev, cur, "--no-pager")
	for _, want := range []string{
		"(1 field changed in white space only, not shown)",
		"  - Grafana (Runtime/Container Runtime)\n    a second listing; still in Platform/Distribution",
		"  Tekton Pipelines → Tekton\n    maturity: none → incubating\n",
		"      - [-A-] container runtime\n      + {+An open and reliable+} container runtime",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Rewrapped") || strings.Count(out, "Tekton\n") != 1 {
		t.Errorf("a re-wrapped text is listed, or an item is under two kinds:\n%s", out)
	}
	fitsWidth(t, out, 60)
}
