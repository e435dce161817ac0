package cmd

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
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
	walk(newRootCmd(&Streams{Width: 80}))
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
		{[]string{"list", "Runtime", "--kind", "vendor"}, `unknown kind "vendor"`},
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
	for _, args := range [][]string{{"search", "--language", "Go"}, {"search", "runtime", "--sort", "stars"}, {"list", "Runtime", "--min-stars", "10"}} {
		_, errOut, code := c.run(args...)
		if code != 0 || !strings.Contains(errOut, "needs GitHub facts and this landscape has none; run cnl update") {
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
