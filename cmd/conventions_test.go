package cmd

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

// Every command follows the house conventions: a short help under 50
// characters starting lower-case, an example, and no dashes in its name.
func TestCommandConventions(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		name := c.CommandPath()
		if len(c.Short) == 0 || len(c.Short) >= 50 || !unicode.IsLower(rune(c.Short[0])) {
			t.Errorf("%s: short help %q must be under 50 characters and start lower-case", name, c.Short)
		}
		if c.Runnable() && strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s: no example", name)
		}
		if strings.Contains(c.Name(), "-") {
			t.Errorf("%s: dash in a command name", name)
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Usage == "" {
				t.Errorf("%s --%s: no usage text", name, f.Name)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(&ui.Streams{Width: 80}, time.Now, nil))
}

// Mistakes get what gh and kubectl give: the nearest command or flag, a
// one-line message, and exit 2.
func TestUsageMistakes(t *testing.T) {
	c := fixtureCLI(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serch", "runtime"}, `unknown command "serch" for "cnl"; did you mean "search"?`},
		{[]string{"help", "nosuch"}, `unknown help topic "nosuch"`},
		{[]string{"help", "shwo"}, `did you mean "show"?`},
		{[]string{"completion", "tcsh"}, `no completion for "tcsh"; it has bash, fish, powershell, zsh`},
		{[]string{"search", "--limt", "3", "x"}, `unknown flag: --limt; did you mean "--limit"?`},
		{[]string{"search", "--limit", "abc", "x"}, `--limit wants a whole number, not "abc"`},
		{[]string{"search", "--limit", "0", "x"}, `--limit must be 1 or more, not 0`},
		{[]string{"search", "--timeout", "5", "x"}, `--timeout wants a duration such as 30s or 2m, not "5"`},
		{[]string{"list", "--maturity", "graduated"}, `need a category or subcategory`},
		{[]string{"list", "Runtime", "--kind", "vendor"}, `unknown --kind "vendor"`},
	} {
		out, errOut, code := c.run(tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 || out != "" {
			t.Errorf("cnl %s: exit %d, stderr %q, stdout %q; want exit 2 and one line holding %q", strings.Join(tc.args, " "), code, errOut, out, tc.want)
		}
		if strings.Contains(errOut, "strconv") {
			t.Errorf("cnl %s: %q quotes Go's parser", strings.Join(tc.args, " "), errOut)
		}
	}
	if _, _, code := c.run("help", "environment"); code != 0 {
		t.Errorf("help environment: exit %d", code)
	}
	if _, errOut, _ := c.run("browse"); strings.Contains(errOut, "cnl: cnl") {
		t.Errorf("doubled prefix: %q", errOut)
	}
}

// list takes search's maturity and kind filters and lists by name, as the
// browser does; filters that need GitHub facts say so when there are none.
func TestListFiltersOrderAndFactsNotes(t *testing.T) {
	c := fixtureCLI(t)
	var names []string
	for _, l := range lines(c.ok("list", "Container Runtime")) {
		names = append(names, strings.Split(l, "\t")[0])
	}
	if !slices.IsSortedFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
		t.Errorf("list is not by name: %v", names)
	}
	for _, l := range lines(c.ok("list", "Container Runtime", "--maturity", "graduated")) {
		if !strings.Contains(l, "\tgraduated\t") {
			t.Errorf("--maturity graduated lists %q", l)
		}
	}
	// A filter on facts the landscape lacks would answer nothing: one line
	// says why, and nothing else ("try fewer words") follows. A sort falls
	// back to the usual order, with a note.
	for _, args := range [][]string{{"search", "--language", "Go"}, {"search", "runtime", "--language", "go"}, {"list", "Runtime", "--min-stars", "10"}, {"search", "runtime", "--sort", "stars"}} {
		out, errOut, code := c.run(args...)
		sorting := slices.Contains(args, "--sort")
		if sorting && (code != 0 || out == "") || !sorting && (code != 1 || out != "") ||
			!strings.Contains(errOut, "needs GitHub facts and this landscape has none; run cnl update") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("cnl %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
		}
	}
	if _, errOut, _ := c.run("search", "runtime", "--sort", "name"); strings.Contains(errOut, "GitHub facts") {
		t.Errorf("--sort name needs no facts: %q", errOut)
	}
}

// cnl --help lists the environment topic as the command that shows it,
// apart from its description.
func TestHelpTopicsReadApart(t *testing.T) {
	c := newCLI(t)
	if out := c.ok("--help"); !strings.Contains(out, "  cnl help environment    environment variables cnl reads") {
		t.Errorf("help topics:\n%s", out)
	}
}

// Values are read the way people type them, and a mistake gets the
// nearest value, the same way for every flag and for places.
func TestForgivingValues(t *testing.T) {
	c := fixtureCLI(t)
	want := c.ok("search", "runtime", "--maturity", "graduated")
	for _, m := range []string{"Graduated", "GRADUATED", "grad"} {
		if got := c.ok("search", "runtime", "--maturity", m); got != want {
			t.Errorf("--maturity %s:\n%s", m, got)
		}
	}
	if got, want := c.ok("list", "Runtime", "--kind", "Projects"), c.ok("list", "Runtime", "--kind", "project"); got != want {
		t.Errorf("--kind Projects:\n%s", got)
	}
	if got, want := c.ok("search", "runtime", "--sort", "Name"), c.ok("search", "runtime", "--sort", "name"); got != want {
		t.Errorf("--sort Name:\n%s", got)
	}
	for _, tc := range []struct{ args []string }{
		{[]string{"search", "x", "--maturity", "incubte"}},
		{[]string{"search", "x", "--maturity", "incubate"}},
	} {
		if _, errOut, code := c.run(tc.args...); code != 2 || !strings.Contains(errOut, `did you mean "incubating"?`) {
			t.Errorf("%v: exit %d, %q", tc.args, code, errOut)
		}
	}
	if got, want := c.ok("list", "Runtime › Container Runtime"), c.ok("list", "Runtime/Container Runtime"); got != want {
		t.Errorf("a card's breadcrumb in list:\n%s", got)
	}
	if _, errOut, code := c.run("show", ""); code != 2 || !strings.Contains(errOut, "show needs a project name") {
		t.Errorf(`show "": exit %d, %q`, code, errOut)
	}
	if out := c.ok("help", "Search"); !strings.HasPrefix(out, "Search the landscape.") {
		t.Errorf("help Search:\n%.200s", out)
	}
	if _, errOut, code := c.run("compare", "containerd", "cri-o", "--maturity", "sandbox"); code != 2 || !strings.Contains(errOut, "named items are compared whatever their maturity") {
		t.Errorf("compare NAME… --maturity: exit %d, %q", code, errOut)
	}
	if out := c.ok("__complete", "guide", "Container R"); !strings.Contains(out, "Container Registry\t") || !strings.Contains(out, "Container Runtime\t") {
		t.Errorf("guide <TAB> does not complete places:\n%s", out)
	}
	long := strings.Repeat("a", 100_000)
	for _, args := range [][]string{{"search", long}, {"show", long}, {"list", long}, {"glossary", long}} {
		_, errOut, _ := c.run(args...)
		if len(errOut) > 300 {
			t.Errorf("cnl %s … echoes %d bytes", args[0], len(errOut))
		}
	}
}

// -o markdown is what its help promises: a GitHub table or list for every
// command that names it, and a usage error naming them for the others.
func TestMarkdownEverywherePromised(t *testing.T) {
	c := fixtureCLI(t)
	for _, tc := range []struct {
		args []string
		head string
	}{
		{[]string{"search", "runtime"}, "| Name | Category/Subcategory | Maturity | Description |\n|---|---|---|---|\n| containerd |"},
		{[]string{"list", "Container Registry"}, "| Name | Category/Subcategory | Maturity | Description |\n|---|---|---|---|\n"},
		{[]string{"show", "harbor"}, "## Harbor\n\nProvisioning › Container Registry · graduated\n\n"},
		{[]string{"diff", filepath.Join("..", "landscape", "testdata", "diff-old.yml"), filepath.Join("..", "landscape", "testdata", "diff-new.yml")}, "### Added (1)\n\n- **New Thing** (Runtime/Container Runtime)\n"},
	} {
		out := c.ok(append(tc.args, "-o", "markdown")...)
		if !strings.HasPrefix(out, tc.head) {
			t.Errorf("cnl %s -o markdown:\n%s", tc.args[0], out)
		}
		if strings.Contains(out, "\x1b") {
			t.Errorf("cnl %s -o markdown writes escapes", tc.args[0])
		}
	}
	if _, errOut, code := c.run("stats", "-o", "markdown"); code != 2 || !strings.Contains(errOut, "-o markdown is for compare, diff, glossary, list, scan, search and show") {
		t.Errorf("stats -o markdown: exit %d, %q", code, errOut)
	}
}
