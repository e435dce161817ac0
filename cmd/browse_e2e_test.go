//go:build unix

package cmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmux drives the real binary in a pseudo-terminal.
type tmux struct {
	t       *testing.T
	session string
}

func (x *tmux) run(args ...string) string {
	x.t.Helper()
	out, err := exec.Command("tmux", args...).CombinedOutput()
	if err != nil {
		x.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (x *tmux) keys(keys ...string) {
	x.run(append([]string{"send-keys", "-t", x.session}, keys...)...)
}

// waitFor polls the screen until it shows want, for at most five seconds.
func (x *tmux) waitFor(want string) string {
	x.t.Helper()
	var screen string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		screen = x.run("capture-pane", "-p", "-t", x.session)
		if strings.Contains(screen, want) {
			return screen
		}
	}
	x.t.Fatalf("the screen never showed %q:\n%s", want, screen)
	return ""
}

func TestBrowseInATerminal(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is missing; .ci/run installs it")
		}
		t.Skip("tmux is not installed")
	}
	bin := cnlBinary(t)
	cache := filepath.Join(t.TempDir(), "cache")
	p := &proc{t: t, bin: bin, env: []string{"CNL_CACHE_DIR=" + cache}}
	if _, errOut, code := p.run("update", "--file", filepath.Join("testdata", "landscape.yml")); code != 0 {
		t.Fatal(errOut)
	}
	x := &tmux{t: t, session: "cnl-e2e-" + filepath.Base(t.TempDir())}
	x.run("new-session", "-d", "-s", x.session, "-x", "80", "-y", "24",
		"env", "CNL_CACHE_DIR="+cache, "CNL_URL=http://127.0.0.1:1/none.yml", "TERM=xterm-256color", bin, "browse")
	defer exec.Command("tmux", "kill-session", "-t", x.session).Run()

	start := time.Now()
	x.waitFor("CNCF Landscape")
	t.Logf("first screen after %s", time.Since(start))
	x.keys("j", "Enter") // Runtime
	x.waitFor("Container Runtime")
	x.keys("Enter") // Container Runtime
	x.waitFor("containerd")
	x.keys("/", "containerd", "Enter", "Enter")
	screen := x.waitFor("containerd   graduated")
	for _, l := range strings.Split(screen, "\n") {
		if len([]rune(l)) > 80 {
			t.Errorf("line wider than the terminal: %q", l)
		}
	}
	x.keys("q")
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if exec.Command("tmux", "has-session", "-t", x.session).Run() != nil {
			return // q ended cnl, and with it the session
		}
	}
	t.Error("q did not quit")
}
