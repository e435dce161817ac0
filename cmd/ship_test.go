package cmd

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	c := fixtureCLI(t)
	var v versionJSON
	if err := json.Unmarshal([]byte(c.ok("version", "-o", "json")), &v); err != nil {
		t.Fatal(err)
	}
	if v.Version == "" || !strings.HasPrefix(v.Go, "go") || !strings.HasSuffix(v.Data, "landscape.yml") || v.DataDate == "" {
		t.Errorf("version = %+v", v)
	}
	out := c.ok("--version")
	for _, want := range []string{"cnl ", "commit:", "go:", "data:", "snapshot:"} {
		if !strings.Contains(out, want) {
			t.Errorf("--version lacks %q:\n%s", want, out)
		}
	}
}

func TestCompletion(t *testing.T) {
	c := fixtureCLI(t)
	out := c.ok("__complete", "show", "tal")
	if !strings.Contains(out, "talos-linux\tTalos Linux") {
		t.Errorf("show completion:\n%s", out)
	}
	if out := c.ok("__complete", "compare", "containerd", "cri"); !strings.Contains(out, "cri-o\t") {
		t.Errorf("compare completion:\n%s", out)
	}
	// The name model's one-word aliases complete too, once each.
	if out := c.ok("__complete", "show", "ot"); !strings.Contains(out, "otel\tOpenTelemetry") || strings.Count(out, "otel\t") != 1 {
		t.Errorf("alias completion:\n%s", out)
	}
	if out := c.ok("__complete", "list", "Runtime/C"); !strings.Contains(out, "Runtime/Container Runtime\n") {
		t.Errorf("list completion:\n%s", out)
	}
	if out := c.ok("__complete", "search", "x", "--subcategory", "Provisioning/Con"); !strings.Contains(out, "Provisioning/Container Registry\n") {
		t.Errorf("--subcategory completion:\n%s", out)
	}
	if out := c.ok("__complete", "search", "x", "--maturity", ""); !strings.Contains(out, "graduated\nincubating\nsandbox\narchived\n") {
		t.Errorf("--maturity completion:\n%s", out)
	}
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		if out := c.ok("completion", sh); !strings.Contains(out, "cnl") {
			t.Errorf("completion %s is empty", sh)
		}
	}
}

// With an empty cache, completion offers nothing, quickly, and never
// fetches (CNL_URL points nowhere in these tests).
func TestCompletionNeverFetches(t *testing.T) {
	c := newCLI(t)
	out, errOut := c.ok("__complete", "show", "tal"), ""
	if strings.Contains(out, "talos") || strings.Contains(errOut, "fetching") {
		t.Errorf("completion with no cache: %q %q", out, errOut)
	}
}

func TestEnvironmentHelp(t *testing.T) {
	c := newCLI(t)
	out := c.ok("help", "environment")
	for _, v := range []string{"CNL_CACHE_DIR", "CNL_URL", "CNL_FULL_URL", "CNL_NO_GITHUB", "XDG_CACHE_HOME", "NO_COLOR", "CLICOLOR_FORCE", "COLUMNS"} {
		if !strings.Contains(out, v) {
			t.Errorf("help environment lacks %s", v)
		}
	}
	if !strings.Contains(c.ok("search", "--help"), "Global Flags:") {
		t.Error("global flags are not documented in command help")
	}
}

// Commands that only report (version, cache, completion) read the cache's
// manifest and nothing else: a corrupt index is neither parsed nor
// rewritten.
func TestReportingCommandsWriteNothing(t *testing.T) {
	c := fixtureCLI(t)
	dir := os.Getenv("CNL_CACHE_DIR")
	var idx string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d != nil && d.Name() == "index.bin" {
			idx = p
		}
		return nil
	})
	os.WriteFile(idx, []byte("corrupt"), 0o600)
	snapshot := func() map[string]string {
		m := map[string]string{}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				fi, _ := d.Info()
				m[p] = fmt.Sprint(fi.Size(), fi.ModTime().UnixNano())
			}
			return nil
		})
		return m
	}
	before := snapshot()
	for _, args := range [][]string{{"version"}, {"cache"}, {"update", "--status"}, {"landscapes"}, {"__complete", "search", "--subcategory", ""}} {
		c.ok(args...)
	}
	if after := snapshot(); !reflect.DeepEqual(before, after) {
		t.Errorf("a reporting command wrote the cache:\n%v\n%v", before, after)
	}
}
