package cmd

import (
	"path/filepath"
	"strings"
	"testing"
)

// Any width from 1 column up renders, or degrades to cut text: never a
// panic (list panicked at 9 columns and stats at 3).
func TestNarrowWidthsRender(t *testing.T) {
	c := snapshotCLI(t)
	c.tty = true
	notes := filepath.Join("..", "landscape", "testdata", "concepts", "learner.md")
	views := [][]string{
		{"search", "runtime"}, {"list"}, {"list", "Container Runtime"}, {"show", "containerd"},
		{"compare", "containerd", "cri-o"}, {"stats"}, {"scan", notes}, {"landscapes"}, {"guide"},
		{"guide", "Container Runtime"}, {"glossary"}, {"glossary", "vm"}, {"search", "service mesh", "--explain"},
	}
	for _, width := range []int{1, 2, 3, 5, 9, 10, 15, 20, 30} {
		c.width = width
		for _, args := range views {
			if _, errOut, code := c.run(append(args, "--no-pager")...); code != 0 {
				t.Errorf("cnl %s at %d columns: exit %d: %s", strings.Join(args, " "), width, code, errOut)
			}
		}
	}
}
