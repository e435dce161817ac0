package browse

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

func TestLineInputEditsLikeAShell(t *testing.T) {
	in := &lineInput{prompt: "/", limit: 20}
	keys := func(ks ...tea.KeyPressMsg) {
		for _, k := range ks {
			in.Update(k)
		}
	}
	runes := func(s string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: tea.KeyExtended, Text: s} }
	key := func(code rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code} }
	ctrl := func(code rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code, Mod: tea.ModCtrl} }

	keys(runes("contanerd"), key(tea.KeyLeft), key(tea.KeyLeft), key(tea.KeyLeft), key(tea.KeyLeft), runes("i"))
	if got := in.Value(); got != "containerd" {
		t.Errorf("insert in the middle: %q", got)
	}
	keys(key(tea.KeyEnd), key(tea.KeySpace), runes("cri-o"), ctrl('w'))
	if got := in.Value(); got != "containerd " {
		t.Errorf("ctrl+w: %q", got)
	}
	keys(key(tea.KeyBackspace), key(tea.KeyHome), key(tea.KeyDelete))
	if got := in.Value(); got != "ontainerd" || in.pos != 0 {
		t.Errorf("backspace, home, delete: %q at %d", got, in.pos)
	}
	keys(key(tea.KeyEnd), key(tea.KeyLeft), ctrl('u'))
	if got := in.Value(); got != "d" {
		t.Errorf("ctrl+u: %q", got)
	}
	// A paste: newlines and escapes are dropped, and the limit holds.
	keys(ctrl('k'))
	in.insert([]rune("talos\n\x1b[31mlinux and a very long tail"))
	if got := in.Value(); got != "talos[31mlinux and a" || len([]rune(got)) != 20 {
		t.Errorf("paste: %q", got)
	}
	view := in.View(lipgloss.NewStyle(), func(s string) string { return s })
	if !strings.HasPrefix(view, "/talos") || strings.Contains(view, "\n") {
		t.Errorf("view: %q", view)
	}
}
