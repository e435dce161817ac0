//go:build unix

package cmd

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
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

// needTool fails in CI, where .ci/run installs what the tests need, and
// skips elsewhere.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing; .ci/run installs it", name)
		}
		t.Skipf("%s is not installed", name)
	}
}

// fixtureCache builds cnl and loads the fixture into a new cache
// directory for it.
func fixtureCache(t *testing.T) (bin, cache string) {
	bin = cnlBinary(t)
	cache = filepath.Join(t.TempDir(), "cache")
	p := &proc{t: t, bin: bin, env: []string{"CNL_CACHE_DIR=" + cache}}
	if _, errOut, code := p.run("update", "--file", filepath.Join("testdata", "landscape.yml")); code != 0 {
		t.Fatal(errOut)
	}
	return bin, cache
}

// browseInTmux starts cnl browse on the fixture in a tmux session of the
// given size, with env added to its environment.
func browseInTmux(t *testing.T, width, height int, env ...string) *tmux {
	needTool(t, "tmux")
	bin, cache := fixtureCache(t)
	// A session of this process alone: concurrent runs share the tmux
	// server.
	x := &tmux{t: t, session: fmt.Sprintf("cnl-e2e-%d-%s", os.Getpid(), filepath.Base(t.TempDir()))}
	// The program gets the environment the test sets and nothing of the
	// tmux server's or the tester's (NO_COLOR, COLUMNS, LANG…).
	args := []string{"new-session", "-d", "-s", x.session, "-x", fmt.Sprint(width), "-y", fmt.Sprint(height),
		"env", "-i", "PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "CNL_CACHE_DIR=" + cache,
		"CNL_URL=http://127.0.0.1:1/none.yml", "TERM=xterm-256color"}
	args = append(append(args, env...), bin, "browse")
	x.run(args...)
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", x.session).Run() })
	return x
}

func TestBrowseInATerminal(t *testing.T) {
	x := browseInTmux(t, 80, 24)

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
		if ansi.StringWidth(l) > 80 {
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

// The row under the cursor must stand out with colour and without it.
func TestBrowseCursorShowsWithoutColour(t *testing.T) {
	for _, c := range []struct {
		name string
		env  []string
	}{{"NO_COLOR", []string{"NO_COLOR=1"}}, {"colour", []string{"COLORTERM=truecolor"}}} {
		t.Run(c.name, func(t *testing.T) {
			x := browseInTmux(t, 80, 24, c.env...)
			x.waitFor("CNCF Members")
			x.keys("j")
			time.Sleep(200 * time.Millisecond)
			screen := x.run("capture-pane", "-p", "-e", "-t", x.session)
			var cursor, other string
			for _, l := range strings.Split(screen, "\n") {
				switch {
				case strings.Contains(l, "Runtime"):
					cursor = l
				case strings.Contains(l, "Provisioning"):
					other = l
				}
			}
			if plain := ansi.Strip(cursor); !strings.HasPrefix(plain, "›") || strings.HasPrefix(ansi.Strip(other), "›") {
				t.Errorf("no cursor marker on the selected row:\n%q\n%q", cursor, other)
			}
			hasEscapes := strings.Contains(screen, "\x1b[")
			if c.name == "NO_COLOR" && hasEscapes {
				t.Errorf("NO_COLOR screen holds escape codes:\n%q", screen)
			}
			if c.name == "colour" && !strings.Contains(cursor, "\x1b[7m") {
				t.Errorf("the colour cursor row is not in reverse video: %q", cursor)
			}
		})
	}
}

// A pseudo-terminal that never answers must not stall any command: no
// command but the browser may ask the terminal anything (bubbletea v1
// asked at start-up and waited five seconds for the answer).
func TestNoTerminalQueries(t *testing.T) {
	needTool(t, "script")
	bin, cache := fixtureCache(t)
	queries := []string{"\x1b]10;?", "\x1b]11;?", "\x1b[6n", "\x1b[c", "\x1b[>c", "\x1bP+q", "\x1b[?u", "\x1b[?2026$p"}
	for _, args := range []string{"version", "search runtime", "show containerd", "list Runtime"} {
		// script gives cnl a terminal whose other end is a pipe: nobody
		// answers there.
		cmd := exec.Command("script", "-qec", bin+" "+args, "/dev/null")
		cmd.Env = append(os.Environ(), "CNL_CACHE_DIR="+cache, "TERM=xterm-256color", "CNL_URL=http://127.0.0.1:1/none.yml")
		cmd.Stdin = strings.NewReader("")
		start := time.Now()
		out, err := cmd.Output()
		took := time.Since(start)
		if err != nil {
			t.Errorf("cnl %s in a pty: %v\n%s", args, err, out)
		}
		if took > 2*time.Second {
			t.Errorf("cnl %s took %s in a pty that does not answer", args, took)
		}
		for _, q := range queries {
			if strings.Contains(string(out), q) {
				t.Errorf("cnl %s wrote the terminal query %q", args, q)
			}
		}
		if !strings.Contains(string(out), "containerd") && args != "version" {
			t.Errorf("cnl %s printed no answer:\n%s", args, out)
		}
	}
}

// Ctrl-C while the pager shows a long view goes to the pager: cnl waits
// for it instead of dying and leaving it without a parent on the terminal.
func TestCtrlCInThePager(t *testing.T) {
	needTool(t, "script")
	bin, cache := fixtureCache(t)
	pager := filepath.Join(t.TempDir(), "pager")
	// A pager that gets Ctrl-C (sent to cnl, its parent, as the terminal
	// sends it to the whole group) and goes on.
	if err := os.WriteFile(pager, []byte("#!/bin/sh\nkill -INT $PPID\nsleep 0.3\nsed s/^/paged:/\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("script", "-qec", "stty rows 8 cols 80; "+bin+" show containerd; echo exit=$?", "/dev/null")
	cmd.Env = append(os.Environ(), "CNL_CACHE_DIR="+cache, "TERM=xterm-256color", "CNL_URL=http://127.0.0.1:1/none.yml", "CNL_PAGER="+pager, "NO_COLOR=1")
	cmd.Stdin = strings.NewReader("")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(string(out), "paged:") || !strings.Contains(string(out), "exit=0") {
		t.Errorf("Ctrl-C in the pager:\n%s", out)
	}
}

// The browser's search screen as a terminal shows it, at three widths:
// golden files reviewed by eye (go test ./cmd -run TestBrowseSearchGolden
// -update refreshes them).
func TestBrowseSearchGolden(t *testing.T) {
	for _, width := range []int{60, 80, 120} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			x := browseInTmux(t, width, 16, "NO_COLOR=1")
			x.waitFor("CNCF Members")
			x.keys("/", "container")
			x.waitFor("/container")
			x.keys("Enter")
			screen := x.waitFor("esc leave search")
			var rows []string
			for _, l := range strings.Split(screen, "\n") {
				rows = append(rows, strings.TrimRight(l, " "))
			}
			got := strings.TrimRight(strings.Join(rows, "\n"), "\n") + "\n"
			golden(t, fmt.Sprintf("browse-search-%d.txt", width), got)
		})
	}
}
