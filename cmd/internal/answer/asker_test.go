package answer

import (
	"strings"
	"testing"
)

// A person is told the command to type, quoted for a shell; an assistant
// the tool and its arguments, or the resource, and never a command or a
// flag. Untrusted names reach neither with their control characters.
func TestAskersWordDirections(t *testing.T) {
	for _, c := range []struct {
		what      string
		cli, mcp  string
		direction func(Asker) string
	}{
		{"terms", "cnl glossary pod, cnl glossary k8s-label", `the glossary tool with term "pod" (cnl://glossary/pod), the glossary tool with term "k8s-label" (cnl://glossary/k8s-label)`,
			func(a Asker) string { return a.Glossary("pod", "k8s-label") }},
		{"all terms", "cnl glossary lists them all", "the glossary tool without a term lists them all", Asker.allTerms},
		{"a place", "cnl list 'Runtime/Container Runtime'", `list_items with place "Runtime/Container Runtime"`,
			func(a Asker) string { return a.place("Runtime/Container Runtime") }},
		{"an item", "cnl show cri-o", `get_item with name "cri-o"`, func(a Asker) string { return a.item("cri-o") }},
		{"a filter", "--min-stars", "min_stars", func(a Asker) string { return a.filter("min-stars") }},
		{"a hostile name", "cnl show 'x␛[31m'", `get_item with name "x␛[31m"`, func(a Asker) string { return a.item("x\x1b[31m") }},
	} {
		if got := c.direction(AtCommandLine); got != c.cli {
			t.Errorf("%s at the command line: %q, want %q", c.what, got, c.cli)
		}
		got := c.direction(OverMCP)
		if got != c.mcp {
			t.Errorf("%s over MCP: %q, want %q", c.what, got, c.mcp)
		}
		if strings.Contains(got, "cnl ") || strings.Contains(got, "--") {
			t.Errorf("%s over MCP speaks the command line: %q", c.what, got)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"containerd":                "containerd",
		"Container Runtime":         "'Container Runtime'",
		"it's":                      `'it'\''s'`,
		"":                          "''",
		"$(rm -rf ~)":               "'$(rm -rf ~)'",
		"Runtime/Container Runtime": "'Runtime/Container Runtime'",
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}
