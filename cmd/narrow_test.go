package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

// Any width from 1 column up renders, or degrades to cut text: never a
// panic (list panicked at 9 columns and stats at 3).
func TestNarrowWidthsRender(t *testing.T) {
	c := snapshotCLI(t)
	c.tty = true
	notes := filepath.Join("..", "landscape", "scan", "testdata", "concepts", "learner.md")
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

// A negative time limit is a mistake, not "no limit".
func TestNegativeTimeoutIsRefused(t *testing.T) {
	c := fixtureCLI(t)
	if _, errOut, code := c.run("update", "--timeout", "-1s"); code != 2 || !strings.Contains(errOut, "--timeout must be a positive duration") {
		t.Errorf("--timeout -1s: exit %d, %q", code, errOut)
	}
}

// A date ahead of the clock says so; it is not "just now".
func TestFutureDates(t *testing.T) {
	now := testNow(t)
	if got := ui.Ago(now.Add(72*time.Hour), now); !strings.HasPrefix(got, "in the future (") {
		t.Errorf("a date three days ahead: %q", got)
	}
	if got := ui.Ago(now.Add(-10*time.Second), now); !strings.HasPrefix(got, "just now") {
		t.Errorf("ten seconds ago: %q", got)
	}
}

// First use with a cache that cannot be written answers from the landscape
// built into cnl and says why; the network is not blamed.
func TestReadOnlyCacheAnswersFromTheSnapshot(t *testing.T) {
	// root writes anywhere: a file where the cache's directory should be
	// stands in for a read-only one.
	c := newCLI(t)
	blocker := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CNL_CACHE_DIR", filepath.Join(blocker, "cache"))
	t.Setenv("CNL_URL", "")
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:1")
	out, errOut, code := c.run("search", "runtime")
	if code != 0 || !strings.HasPrefix(out, "containerd\t") || !strings.Contains(errOut, "cannot write the cache") || strings.Contains(errOut, "download failed") {
		t.Errorf("exit %d\nstdout %.200s\nstderr %s", code, out, errOut)
	}
}
