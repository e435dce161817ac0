package cmd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

func TestCompare(t *testing.T) {
	c := fixtureCLI(t)
	var got compareJSON
	if err := json.Unmarshal([]byte(c.ok("compare", "containerd", "cri-o", "-o", "json")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 2 || got.Items[0].Name != "containerd" || got.Items[1].Name != "CRI-O" {
		t.Fatalf("items = %v", got.Items)
	}
	rows := map[string]ui.CompareRow{}
	for _, r := range got.Rows {
		rows[r.Label] = r
		if strings.Join(r.Values, "") == "" {
			t.Errorf("row %q is empty for all and should be left out", r.Label)
		}
	}
	if r := rows["Maturity"]; r.Differ || r.Values[0] != "graduated" {
		t.Errorf("maturity row = %+v", r)
	}
	if r := rows["Graduated"]; !r.Differ || r.Values[0] != "2019-02-28" {
		t.Errorf("graduated row = %+v", r)
	}
	if _, ok := rows["Joined"]; ok {
		t.Error("an all-empty row is shown")
	}

	c.tty, c.width = true, 100
	out := c.ok("compare", "containerd", "cri-o")
	same, table, _ := strings.Cut(out, "\n\n")
	if !strings.HasPrefix(same, "Same for all: Maturity graduated · Category Runtime") {
		t.Errorf("rows equal for both are not said once, above the table:\n%s", out)
	}
	if !strings.Contains(table, "Graduated") || !strings.Contains(table, "2019-02-28") || strings.Contains(table, "Subcategory") {
		t.Errorf("terminal table:\n%s", out)
	}
	for _, l := range lines(table) {
		if strings.HasPrefix(l, "Repository") && !strings.Contains(l, "github.com/containerd/containerd") {
			t.Errorf("a URL split across lines: %q", l)
		}
	}
	c.width = 40
	for _, l := range lines(c.ok("compare", "harbor", "zot", "distribution")) {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("stacked layout wider than 40: %q", l)
		}
	}
	c.tty = false

	md := lines(c.ok("compare", "harbor", "zot", "-o", "markdown"))
	if md[0] != "| | Harbor | zot |" || md[1] != "|---|---|---|" {
		t.Errorf("markdown header:\n%s\n%s", md[0], md[1])
	}
}

// A whole place, or more than four names, compares one row per item on a
// terminal; --full gives every field side by side.
func TestCompareCompact(t *testing.T) {
	c := fixtureCLI(t)
	c.tty, c.width = true, 80
	out := c.ok("compare", "--subcategory", "Container Registry")
	rows := lines(out)
	if !strings.HasPrefix(rows[0], "NAME") || !strings.Contains(rows[0], "MATURITY") || !strings.HasPrefix(rows[2], "Dragonfly") || !strings.HasPrefix(rows[3], "Harbor") {
		t.Errorf("compact comparison:\n%s", out)
	}
	if len(rows) != 2+5+1 {
		t.Errorf("want a header, a rule, five items and the --full hint:\n%s", out)
	}
	for _, l := range rows {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("a line of %d: %q", w, l)
		}
	}
	full := c.ok("compare", "--subcategory", "Container Registry", "--full")
	if !strings.Contains(full, "Same for all:") || !strings.Contains(full, "Homepage") {
		t.Errorf("--full:\n%s", full)
	}
	five := c.ok("compare", "containerd", "cri-o", "harbor", "zot", "dragonfly")
	if !strings.HasPrefix(five, "NAME") {
		t.Errorf("five names are not compact:\n%s", five)
	}
}

func TestCompareSubcategory(t *testing.T) {
	c := fixtureCLI(t)
	header := lines(c.ok("compare", "--subcategory", "Container Registry"))[0]
	names := strings.Split(strings.TrimPrefix(header, "\t"), "\t")
	if len(names) != 5 || names[0] != "Dragonfly" || names[1] != "Harbor" {
		t.Errorf("most mature first, then by name: %v", names)
	}
	header = lines(c.ok("compare", "--subcategory", "Container Registry", "--maturity", "sandbox"))[0]
	if names := strings.Split(strings.TrimPrefix(header, "\t"), "\t"); len(names) < 2 || strings.Contains(header, "Harbor") {
		t.Errorf("--maturity sandbox: %v", names)
	}
}

func TestCompareFailsBeforeOutput(t *testing.T) {
	c := fixtureCLI(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"compare", "containerd", "zzqxvv"}, 1, `no project matches "zzqxvv"`},
		// ("container" is a concept: explained, not refused; TestCompareConcepts.)
		{[]string{"compare", "registry", "containerd"}, 1, `"registry" is a topic, not a project`},
		{[]string{"compare", "containerd"}, 2, "two names or more"},
		{[]string{"compare", "a", "b", "--subcategory", "Container Registry"}, 2, "not both"},
		{[]string{"compare", "--subcategory", "Nowhere"}, 1, "no category or subcategory"},
	} {
		out, errOut, code := c.run(tc.args...)
		if code != tc.code || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tc.args, code, out, errOut)
		}
	}
}
