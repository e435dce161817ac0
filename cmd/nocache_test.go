package cmd

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

// Without HOME, XDG_CACHE_HOME or CNL_CACHE_DIR there is no cache
// directory: the built-in landscape, its guide and the glossary still
// answer, and update says in one line why it cannot keep anything (every
// command exited 2).
func TestWithoutHome(t *testing.T) {
	bin := cnlBinary(t)
	// No network: a proxy where nothing listens catches any attempt.
	env := []string{"PATH=" + os.Getenv("PATH"), "HTTPS_PROXY=" + closedURL(t), "HTTP_PROXY=" + closedURL(t)}
	run := func(args ...string) (string, string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		cmd.Dir = t.TempDir() // nothing may be written here either
		var out, errOut strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if entries, _ := os.ReadDir(cmd.Dir); len(entries) > 0 {
			t.Errorf("cnl %s wrote %s into the working directory", args[0], entries[0].Name())
		}
		return out.String(), errOut.String(), code
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"version"}, "cnl"},
		{[]string{"--help"}, "cnl search"},
		{[]string{"glossary", "vm"}, "Virtual Machine"},
		{[]string{"search", "container runtime"}, "containerd"},
		{[]string{"show", "talos"}, "Talos"},
		{[]string{"guide", "Container Runtime"}, "Container Runtime"},
	} {
		out, errOut, code := run(tc.args...)
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("cnl %s: exit %d, %q; stderr %q", strings.Join(tc.args, " "), code, out[:min(len(out), 200)], errOut)
		}
	}
	if _, errOut, code := run("update"); code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "HOME") {
		t.Errorf("cnl update without a cache directory: exit %d, %q", code, errOut)
	}
}

// A new cache loaded from a local file keeps the guide and settings built
// into cnl: the file is the data alone (cnl guide said "the cncf
// landscape has no guide", and items lost their guide summaries).
func TestUpdateFileKeepsTheBuiltInGuide(t *testing.T) {
	c := newCLI(t)
	t.Setenv("CNL_URL", "") // the CNCF landscape's own sources: --file fetches nothing
	c.ok("update", "--file", landscapetest.Path(t, "landscape-2026-08-07.yml"))
	if out := c.ok("guide", "Container Runtime"); !strings.Contains(out, "Container Runtime") {
		t.Errorf("guide after update --file: %q", out)
	}
	if out := c.ok("update", "--status"); !strings.Contains(out, "guide:         built-in snapshot") {
		t.Errorf("update --status:\n%s", out)
	}
}
