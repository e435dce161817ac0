package browse

import (
	"fmt"
	"slices"
	"strings"
)

// binding is one key of the browser, as bubbles' key.Binding is one (that
// package costs the binary 28 KB for what these lines do): the keys it
// answers, the footer's words for it, and the help screen's.
type binding struct {
	keys               []string // as tea.KeyPressMsg.String names them
	footerKeys, footer string
	helpKeys           string   // as the help screen writes the keys
	help               []string // the help screen's lines for it
}

// keyMap is every key the browser answers: key handling, the footer and
// the help screen are all made from it.
type keyMap struct {
	Move, Page, Ends, Open, Back, Filter, Maturity, Mark, Compare, Homepage, Help, Quit binding
	// While a filter is typed, other keys are text.
	Keep, Drop, MoveTyping binding
}

var keys = keyMap{
	Move:     binding{keys: []string{"up", "down", "k", "j"}, footerKeys: "↑↓", footer: "move", helpKeys: "↑ ↓  j k", help: []string{"move; in a card, scroll"}},
	Page:     binding{keys: []string{"pgup", "pgdown"}, footerKeys: "pgup pgdn", footer: "page", helpKeys: "pgup pgdn", help: []string{"a page up or down"}},
	Ends:     binding{keys: []string{"home", "end"}, footerKeys: "home end", footer: "ends", helpKeys: "home end", help: []string{"the first or the last"}},
	Open:     binding{keys: []string{"enter", "right", "l"}, footerKeys: "enter", footer: "open", helpKeys: "enter → l", help: []string{"open"}},
	Back:     binding{keys: []string{"esc", "backspace", "left", "h"}, footerKeys: "esc", footer: "back", helpKeys: "esc ← h", help: []string{"back; on a filtered list, clear", "the filter; in a search, leave it"}},
	Filter:   binding{keys: []string{"/"}, footerKeys: "/", footer: "filter", helpKeys: "/", help: []string{"filter the list as you type (as", "cnl search ranks); on the first", "screen, search the whole landscape"}},
	Maturity: binding{keys: []string{"g", "i", "s"}, footerKeys: "g/i/s", footer: "maturity", helpKeys: "g  i  s", help: []string{"only graduated, incubating or", "sandbox projects (each toggles)"}},
	Mark:     binding{keys: []string{"c"}, footerKeys: "c", footer: "mark", helpKeys: "c", help: []string{"mark or unmark for comparison"}},
	Compare:  binding{keys: []string{"C"}, footerKeys: "C", footer: "compare", helpKeys: "C", help: []string{"compare the marked items"}},
	Homepage: binding{keys: []string{"o"}, footerKeys: "o", footer: "open", helpKeys: "o", help: []string{"open the homepage in a browser"}},
	Help:     binding{keys: []string{"?"}, footerKeys: "?", footer: "keys", helpKeys: "?", help: []string{"this help"}},
	Quit:     binding{keys: []string{"q", "ctrl+c"}, footerKeys: "q", footer: "quit", helpKeys: "q  ctrl+c", help: []string{"quit (ctrl+c also while typing)"}},

	Keep:       binding{keys: []string{"enter"}, footerKeys: "enter", footer: "keep"},
	Drop:       binding{keys: []string{"esc"}, footerKeys: "esc", footer: "drop"},
	MoveTyping: binding{keys: []string{"up", "down", "pgup", "pgdown"}, footerKeys: "↑↓", footer: "move"},
}

// all are the keys in the order the help screen lists them.
func (k keyMap) all() []binding {
	return []binding{k.Move, k.Page, k.Ends, k.Open, k.Back, k.Filter, k.Maturity, k.Mark, k.Compare, k.Homepage, k.Help, k.Quit, k.Keep, k.Drop, k.MoveTyping}
}

// is reports whether a key, as tea.KeyPressMsg.String names it, is one of
// the binding's. Not inlined: eighteen copies cost the binary 3 KB.
//
//go:noinline
func (b *binding) is(key string) bool { return slices.Contains(b.keys, key) }

// says is a binding's entry in the footer, in its own words or in those
// given for where the user is ("esc clear filter").
func (b *binding) says(as string) string {
	if as == "" {
		as = b.footer
	}
	return b.footerKeys + " " + as
}

// helpText is the help screen.
func (k keyMap) helpText() string {
	var b strings.Builder
	b.WriteString("Keys\n\n")
	for _, k := range k.all() {
		if k.helpKeys == "" {
			continue
		}
		for i, line := range k.help {
			keys := ""
			if i == 0 {
				keys = k.helpKeys
			}
			fmt.Fprintf(&b, "  %-17s %s\n", keys, line)
		}
	}
	b.WriteString("\nEverything comes from the local cache: no network.")
	return b.String()
}
