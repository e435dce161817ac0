//go:build realdata

package cmd

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Every table view fits the terminal on the real data: no line is wider
// than the screen at 60, 80, 120 or 200 columns, with colour or without.
// (cnl cache and cnl version print paths and URLs whole, to be copied.)
func TestViewsFitTheWidth(t *testing.T) {
	// The CNCF site on loopback, with its guide; the February file first,
	// so that diff has a previous copy.
	srv, _ := siteServer(t)
	c := newCLI(t)
	t.Setenv("CNL_LANDSCAPE", srv.URL+"/cncf")
	t.Setenv("CNL_URL", "")
	c.ok("update", "--file", sharedFile(t, "landscape-2026-02-09.yml"))
	c.ok("update")
	c.tty = true
	notes := filepath.Join("..", "landscape", "testdata", "scan", "homelab.md")
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
	}
	for _, width := range []int{60, 80, 120, 200} {
		for _, color := range []bool{false, true} {
			c.width, c.color = width, color
			for _, args := range views {
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
