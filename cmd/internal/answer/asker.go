package answer

import (
	"fmt"
	"strings"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

// Asker is who reads an answer, and so how it says where to look next: a
// person at the command line types commands; an assistant over MCP calls
// tools and reads cnl:// resources, and is never told to run a command.
type Asker int

const (
	AtCommandLine Asker = iota
	OverMCP
)

// Glossary says how to read terms: "cnl glossary a, cnl glossary b".
func (a Asker) Glossary(slugs ...string) string {
	out := make([]string, len(slugs))
	for i, s := range slugs {
		s = ui.Clean(s)
		if a == OverMCP {
			out[i] = fmt.Sprintf("the glossary tool with term %q (cnl://glossary/%s)", s, s)
		} else {
			out[i] = "cnl glossary " + s
		}
	}
	return strings.Join(out, ", ")
}

// allTerms says how to see every term.
func (a Asker) allTerms() string {
	if a == OverMCP {
		return "the glossary tool without a term lists them all"
	}
	return "cnl glossary lists them all"
}

// place says how to list a place's items.
func (a Asker) place(path string) string {
	if a == OverMCP {
		return fmt.Sprintf("list_items with place %q", ui.Clean(path))
	}
	return "cnl list " + ShellQuote(ui.Clean(path))
}

// item says how to see an item's card.
func (a Asker) item(slug string) string {
	if a == OverMCP {
		return fmt.Sprintf("get_item with name %q", ui.Clean(slug))
	}
	return "cnl show " + ShellQuote(ui.Clean(slug))
}

// filter names a filter as it is given: --min-stars, or min_stars.
func (a Asker) filter(name string) string {
	if a == OverMCP {
		return strings.ReplaceAll(name, "-", "_")
	}
	return "--" + name
}

// ShellQuote quotes s for a POSIX shell command line when it needs it, as
// the commands cnl suggests are written ("cnl list 'Container Runtime'").
func ShellQuote(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\n'\"&|;<>()$`\\*?[]#~{}!") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
