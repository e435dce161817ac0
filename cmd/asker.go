package cmd

import (
	"fmt"
	"strings"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

// asker is who reads an answer, and so how it says where to look next: a
// person at the command line types commands; an assistant over MCP calls
// tools and reads cnl:// resources, and is never told to run a command.
type asker int

const (
	atCommandLine asker = iota
	overMCP
)

// glossary says how to read terms: "cnl glossary a, cnl glossary b".
func (a asker) glossary(slugs ...string) string {
	out := make([]string, len(slugs))
	for i, s := range slugs {
		s = ui.Clean(s)
		if a == overMCP {
			out[i] = fmt.Sprintf("the glossary tool with term %q (cnl://glossary/%s)", s, s)
		} else {
			out[i] = "cnl glossary " + s
		}
	}
	return strings.Join(out, ", ")
}

// allTerms says how to see every term.
func (a asker) allTerms() string {
	if a == overMCP {
		return "the glossary tool without a term lists them all"
	}
	return "cnl glossary lists them all"
}

// place says how to list a place's items.
func (a asker) place(path string) string {
	if a == overMCP {
		return fmt.Sprintf("list_items with place %q", ui.Clean(path))
	}
	return "cnl list " + shellQuote(ui.Clean(path))
}

// item says how to see an item's card.
func (a asker) item(slug string) string {
	if a == overMCP {
		return fmt.Sprintf("get_item with name %q", ui.Clean(slug))
	}
	return "cnl show " + shellQuote(ui.Clean(slug))
}

// filter names a filter as it is given: --min-stars, or min_stars.
func (a asker) filter(name string) string {
	if a == overMCP {
		return strings.ReplaceAll(name, "-", "_")
	}
	return "--" + name
}

// shellQuote quotes s for a POSIX shell command line when it needs it, as
// the commands cnl suggests are written ("cnl list 'Container Runtime'").
func shellQuote(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\n'\"&|;<>()$`\\*?[]#~{}!") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
