//go:build realdata

package cmd

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

// Every view fits the terminal on the real data: no line is wider than
// the screen, in display cells, at every width from 20 to 200 columns
// (with colour at a few of them). At 80 columns a search row reads 40
// cells of its description.
// (cnl cache and cnl version print paths and URLs whole, to be copied.)
func TestViewsFitTheWidth(t *testing.T) {
	// The CNCF site on loopback, with its guide; the February file first,
	// so that diff has a previous copy.
	srv, _ := siteServer(t)
	c := newCLI(t)
	t.Setenv("CNL_LANDSCAPE", srv.URL+"/cncf")
	t.Setenv("CNL_URL", "")
	c.ok("update", "--file", landscapetest.Path(t, "landscape-2026-02-09.yml"))
	c.ok("update")
	c.tty = true
	notes := filepath.Join("..", "landscape", "scan", "testdata", "scan", "homelab.md")
	views := [][]string{
		{"search", "runtime"},
		{"search", "container runtime"},
		{"search", "service mesh", "--explain"},
		{"list"},
		{"list", "Container Runtime"},
		{"list", "Observability and Analysis"},
		{"show", "containerd"},
		{"show", "kubernetes"},
		{"compare", "containerd", "cri-o", "runc", "gvisor", "kata containers"},
		{"compare", "--subcategory", "Container Registry"},
		{"stats"},
		{"scan", notes},
		{"diff"},
		{"landscapes"},
		{"guide"},
		{"guide", "Container Runtime"},
		{"glossary"},
		{"glossary", "container"},
		{"list", "Runtime"},
	}
	for width := 20; width <= 200; width++ {
		for _, color := range []bool{false, true} {
			if color && width%20 != 0 {
				continue
			}
			c.width, c.color = width, color
			for _, args := range views {
				if args[0] == "diff" && width%20 != 0 {
					continue // parsing two landscapes per width is slow: its view is measured below
				}
				out, errOut, code := c.run(args...)
				if code != 0 {
					t.Errorf("%v: exit %d: %s", args, code, errOut)
					continue
				}
				for _, l := range strings.Split(out, "\n") {
					if w := ansi.StringWidth(l); w > width {
						t.Errorf("cnl %s at %d columns (colour %v): a line of %d: %q", strings.Join(args, " "), width, color, w, ansi.Strip(l))
						break
					}
				}
			}
		}
	}
}

// The diff of the two real snapshots, drawn at every width.
func TestDiffFitsTheWidth(t *testing.T) {
	old, err := answer.ParseFile(landscapetest.Path(t, "landscape-2026-02-09.yml"))
	if err != nil {
		t.Fatal(err)
	}
	new, err := answer.ParseFile(landscapetest.Path(t, "landscape-2026-08-07.yml"))
	if err != nil {
		t.Fatal(err)
	}
	d := landscape.Changes(old, new)
	for width := 20; width <= 200; width++ {
		for _, color := range []bool{false, true} {
			var b bytes.Buffer
			if err := answer.WriteDiff(&b, d, false, width, ui.NewStyles(color)); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(b.String(), "\n") {
				if w := ansi.StringWidth(l); w > width {
					t.Errorf("diff at %d columns (colour %v): a line of %d: %q", width, color, w, ansi.Strip(l))
					break
				}
			}
		}
	}
}

func TestSearchReadsTheDescriptionAt80Columns(t *testing.T) {
	c := snapshotCLI(t)
	c.tty, c.width = true, 80
	out := c.ok("search", "runtime", "--no-pager")
	rows := lines(out)
	var header string
	for _, l := range rows {
		if strings.HasPrefix(l, "NAME") {
			header = l
		}
	}
	at := strings.Index(header, "DESCRIPTION")
	if at < 0 || 80-at < 40 {
		t.Fatalf("the description starts at cell %d:\n%s", at, out)
	}
	for _, want := range []string{"Runtime/Container Runtime", "Co… Runtime"} {
		if strings.Contains(out, want) {
			return
		}
	}
	t.Errorf("the place does not say Container Runtime:\n%s", out)
}
