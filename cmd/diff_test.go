package cmd

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

func TestUpdateSummaryAndDiff(t *testing.T) {
	c := newCLI(t)
	prev, cur := filepath.Join("testdata", "landscape-prev.yml"), filepath.Join("testdata", "landscape.yml")
	if _, errOut, code := c.run("diff"); code != 1 || !strings.Contains(errOut, "no previous copy") {
		t.Errorf("diff on an empty cache: %d %q", code, errOut)
	}
	first := c.ok("update", "--file", prev)
	if strings.Contains(first, "→") {
		t.Errorf("a first load has nothing to compare with:\n%s", first)
	}
	out := c.ok("update", "--file", cur)
	for _, want := range []string{"CRI-O: incubating → graduated", "1 added", "1 removed", "1 moved", "cnl diff shows every change"} {
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
	if cached != direct || !strings.Contains(direct, "Renamed:\n") || !strings.Contains(direct, "Harbor Registry → Harbor") {
		t.Errorf("cnl diff and cnl diff OLD NEW differ, or lack the rename:\n%s", direct)
	}
	var d landscape.Diff
	if err := json.Unmarshal([]byte(c.ok("diff", prev, cur, "-o", "json")), &d); err != nil || len(d.Maturity) != 1 {
		t.Errorf("json diff: %v, %d maturity changes", err, len(d.Maturity))
	}
	if same := c.ok("diff", cur, cur); same != "no changes\n" {
		t.Errorf("identical files: %q", same)
	}
	if _, errOut, code := c.run("diff", cur); code != 2 || !strings.Contains(errOut, "two") {
		t.Errorf("one file: exit %d %q", code, errOut)
	}
}
