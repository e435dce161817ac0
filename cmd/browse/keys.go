package browse

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// binding is one key of the browser: the keys it answers and the footer's
// words for it (key.Binding's help), and the help screen's.
type binding struct {
	key.Binding
	helpKeys string   // as the help screen writes the keys
	help     []string // the help screen's lines for it
}

func bind(keys []string, footerKeys, footer, helpKeys string, help ...string) binding {
	return binding{Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp(footerKeys, footer)), helpKeys: helpKeys, help: help}
}

// keyMap is every key the browser answers: key handling, the footer and
// the help screen are all made from it.
type keyMap struct {
	Move, Page, Ends, Open, Back, Filter, Maturity, Mark, Compare, Homepage, Help, Quit binding
	// While a filter is typed, other keys are text.
	Keep, Drop, MoveTyping binding
}

var keys = keyMap{
	Move:     bind([]string{"up", "down", "k", "j"}, "↑↓", "move", "↑ ↓  j k", "move; in a card, scroll"),
	Page:     bind([]string{"pgup", "pgdown"}, "pgup pgdn", "page", "pgup pgdn", "a page up or down"),
	Ends:     bind([]string{"home", "end"}, "home end", "ends", "home end", "the first or the last"),
	Open:     bind([]string{"enter", "right", "l"}, "enter", "open", "enter → l", "open"),
	Back:     bind([]string{"esc", "backspace", "left", "h"}, "esc", "back", "esc ← h", "back; on a filtered list, clear", "the filter; in a search, leave it"),
	Filter:   bind([]string{"/"}, "/", "filter", "/", "filter the list as you type (as", "cnl search ranks); on the first", "screen, search the whole landscape"),
	Maturity: bind([]string{"g", "i", "s"}, "g/i/s", "maturity", "g  i  s", "only graduated, incubating or", "sandbox projects (each toggles)"),
	Mark:     bind([]string{"c"}, "c", "mark", "c", "mark or unmark for comparison"),
	Compare:  bind([]string{"C"}, "C", "compare", "C", "compare the marked items"),
	Homepage: bind([]string{"o"}, "o", "open", "o", "open the homepage in a browser"),
	Help:     bind([]string{"?"}, "?", "keys", "?", "this help"),
	Quit:     bind([]string{"q", "ctrl+c"}, "q", "quit", "q  ctrl+c", "quit (ctrl+c also while typing)"),

	Keep:       bind([]string{"enter"}, "enter", "keep", "", ""),
	Drop:       bind([]string{"esc"}, "esc", "drop", "", ""),
	MoveTyping: bind([]string{"up", "down", "pgup", "pgdown"}, "↑↓", "move", "", ""),
}

// all are the keys in the order the help screen lists them.
func (k keyMap) all() []binding {
	return []binding{k.Move, k.Page, k.Ends, k.Open, k.Back, k.Filter, k.Maturity, k.Mark, k.Compare, k.Homepage, k.Help, k.Quit, k.Keep, k.Drop, k.MoveTyping}
}

// pressed reports whether msg is one of the binding's keys.
func (b binding) pressed(msg tea.KeyPressMsg) bool { return key.Matches(msg, b.Binding) }

// says is a binding's entry in the footer, in its own words or in those
// given for where the user is ("esc clear filter").
func (b binding) says(words ...string) string {
	h := b.Help()
	desc := h.Desc
	if len(words) > 0 {
		desc = strings.Join(words, " ")
	}
	return h.Key + " " + desc
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
