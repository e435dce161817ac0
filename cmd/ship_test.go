package cmd

import (
	"encoding/json"
	"fmt"
	"hash/crc32"
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
	if out := c.ok("__complete", "list", "Runtime/C"); !strings.Contains(out, "Runtime/Container Runtime\t") {
		t.Errorf("list completion:\n%s", out)
	}
	if out := c.ok("__complete", "search", "x", "--subcategory", "Provisioning/Con"); !strings.Contains(out, "Provisioning/Container Registry\t") {
		t.Errorf("--subcategory completion:\n%s", out)
	}
	// Places as people type them: any case, a subcategory's name alone,
	// and a word begun with a quote.
	if out := c.ok("__complete", "list", "run"); !strings.Contains(out, "Runtime\tcategory") || !strings.Contains(out, "Runtime/Container Runtime\t") {
		t.Errorf("list run<TAB>:\n%s", out)
	}
	if out := c.ok("__complete", "list", "Container Reg"); !strings.Contains(out, "Container Registry\tin Provisioning") {
		t.Errorf("a subcategory's name alone:\n%s", out)
	}
	if out := c.ok("__complete", "list", `"Container Reg`); !strings.Contains(out, `"Container Registry`+"\t") {
		t.Errorf("a quoted word:\n%s", out)
	}
	if out := c.ok("__complete", "compare", "--subcategory", "'container r"); !strings.Contains(out, "'Container Registry\t") || !strings.Contains(out, "'Container Runtime\t") {
		t.Errorf("a single-quoted word:\n%s", out)
	}
	// Every flag value that has a fixed set of answers.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"search", "x", "--output", ""}, "table\nplain\njson\nyaml\nmarkdown\n"},
		{[]string{"search", "x", "-o", "j"}, "json\n"},
		{[]string{"search", "x", "--sort", "st"}, "stars\n"},
		{[]string{"search", "x", "--kind", ""}, "project\nproduct\nmember\n"},
		{[]string{"list", "Runtime", "--maturity", "g"}, "graduated\n"},
		{[]string{"search", "x", "--landscape", "lfa"}, "lfai\t"},
		{[]string{"diff", "--only", "ma"}, "maturity\n"},
		{[]string{"help", "env"}, "environment\t"},
	} {
		if out := c.ok(append([]string{"__complete"}, tc.args...)...); !strings.Contains(out, tc.want) {
			t.Errorf("cnl %s<TAB>: want %q in\n%s", strings.Join(tc.args, " "), tc.want, out)
		}
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
		t.Errorf("completion with no cache and another data URL: %q %q", out, errOut)
	}
	// The default landscape, never updated: the built-in snapshot
	// answers, and nothing is written.
	t.Setenv("CNL_URL", "")
	out, errOut, code := c.run("__complete", "list", "Container Reg")
	if code != 0 || !strings.Contains(out, "Container Registry\t") || strings.Contains(errOut, "fetching") {
		t.Errorf("completion from the snapshot: %d %q %q", code, out, errOut)
	}
	if entries, _ := os.ReadDir(os.Getenv("CNL_CACHE_DIR")); len(entries) != 0 {
		t.Errorf("completion wrote the cache: %v", entries)
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
	if err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == "index.bin" {
			idx = p
		}
		return nil
	}); err != nil || idx == "" {
		t.Fatalf("no index.bin in the cache (%v)", err)
	}
	// A damaged index, which a query would rebuild and save: a reporting
	// command must not.
	if err := os.WriteFile(idx, []byte("corrupt"), 0o600); err != nil {
		t.Fatal(err)
	}
	snapshot := func() map[string]string {
		m := map[string]string{}
		if err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				fi, err := d.Info()
				if err != nil {
					return err
				}
				m[p] = fmt.Sprint(fi.Size(), fi.ModTime().UnixNano(), fi.Mode(), crc32.ChecksumIEEE(b))
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return m
	}
	before := snapshot()
	for _, args := range [][]string{{"version"}, {"cache"}, {"update", "--status"}, {"landscapes"}, {"__complete", "search", "--subcategory", ""}} {
		c.ok(args...)
	}
	if after := snapshot(); !reflect.DeepEqual(before, after) {
		t.Errorf("a reporting command wrote the cache:\n%v\n%v", before, after)
	}
	// The check sees a write: a query does rebuild the index.
	c.ok("search", "runtime")
	if after := snapshot(); reflect.DeepEqual(before, after) {
		t.Error("a query rebuilt the damaged index and the check saw no write")
	}
}
