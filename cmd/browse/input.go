package browse

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// lineInput is the one-line filter the browser types into: runes in, the
// usual line-editing keys, a cursor. (bubbles' textinput would do, but it
// brings a clipboard package whose start-up looks for xclip and friends on
// the PATH in every cnl command, browse or not.)
type lineInput struct {
	prompt string
	limit  int // in runes
	value  []rune
	pos    int // cursor, in runes
}

func (in *lineInput) Value() string { return string(in.value) }

// SetValue replaces the text and puts the cursor at its end.
func (in *lineInput) SetValue(s string) {
	in.value = []rune(s)
	if len(in.value) > in.limit {
		in.value = in.value[:in.limit]
	}
	in.pos = len(in.value)
}

// Update applies one key: typed text or an editing key.
func (in *lineInput) Update(msg tea.KeyPressMsg) {
	switch msg.String() {
	case "space":
		in.insert([]rune{' '})
	case "backspace", "ctrl+h":
		if in.pos > 0 {
			in.value = append(in.value[:in.pos-1], in.value[in.pos:]...)
			in.pos--
		}
	case "ctrl+w", "alt+backspace":
		in.deleteWordBack()
	case "delete", "ctrl+d":
		if in.pos < len(in.value) {
			in.value = append(in.value[:in.pos], in.value[in.pos+1:]...)
		}
	case "left", "ctrl+b":
		in.pos = max(0, in.pos-1)
	case "right", "ctrl+f":
		in.pos = min(len(in.value), in.pos+1)
	case "home", "ctrl+a":
		in.pos = 0
	case "end", "ctrl+e":
		in.pos = len(in.value)
	case "ctrl+u":
		in.value = in.value[in.pos:]
		in.pos = 0
	case "ctrl+k":
		in.value = in.value[:in.pos]
	default:
		if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
			in.insert([]rune(msg.Text))
		}
	}
}

// insert adds printable runes at the cursor, up to the limit; a paste's
// newlines and other control characters are dropped.
func (in *lineInput) insert(rs []rune) {
	var add []rune
	for _, r := range rs {
		if unicode.IsPrint(r) && len(in.value)+len(add) < in.limit {
			add = append(add, r)
		}
	}
	in.value = append(in.value[:in.pos], append(add, in.value[in.pos:]...)...)
	in.pos += len(add)
}

func (in *lineInput) deleteWordBack() {
	start := in.pos
	for start > 0 && unicode.IsSpace(in.value[start-1]) {
		start--
	}
	for start > 0 && !unicode.IsSpace(in.value[start-1]) {
		start--
	}
	in.value = append(in.value[:start], in.value[in.pos:]...)
	in.pos = start
}

// View draws the prompt and the text with the cursor on it, cleaned for
// the terminal.
func (in *lineInput) View(cursor lipgloss.Style, clean func(string) string) string {
	at := " "
	if in.pos < len(in.value) {
		at = string(in.value[in.pos])
	}
	var b strings.Builder
	b.WriteString(in.prompt)
	b.WriteString(clean(string(in.value[:in.pos])))
	b.WriteString(cursor.Render(clean(at)))
	if in.pos < len(in.value) {
		b.WriteString(clean(string(in.value[in.pos+1:])))
	}
	return b.String()
}
