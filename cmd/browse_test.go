package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/cnl-dev/cnl/cmd/browse"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

// press sends keys: "enter", "esc", "up", "down", or runes.
func press(m *browse.Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		special := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown, "home": tea.KeyHome, "end": tea.KeyEnd, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp}
		if code, ok := special[k]; ok {
			_, cmd = m.Update(tea.KeyPressMsg{Code: code})
			continue
		}
		for _, r := range k {
			_, cmd = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
	return cmd
}

func TestBrowseNeedsATerminal(t *testing.T) {
	c := fixtureCLI(t)
	out, errOut, code := c.run("browse")
	if code != 2 || out != "" || !strings.Contains(errOut, "needs a terminal") || !strings.Contains(errOut, "cnl list") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// The browser reads the index into memory: a file truncated under it by
// something else cannot fault its goroutines (the mapped index would, and
// bubbletea would print a stack trace).
func TestBrowseSurvivesATruncatedIndex(t *testing.T) {
	fixtureCLI(t)
	g := &globalOptions{streams: &ui.Streams{Width: 80}}
	if err := g.resolve(); err != nil {
		t.Fatal(err)
	}
	g.cfg.InMemory = true // as cnl browse sets it
	x, err := g.index(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m, _ := g.store().Meta()
	if err := os.Truncate(filepath.Join(g.cfg.Dir(), m.Generation, "index.bin"), 0); err != nil {
		t.Fatal(err)
	}
	opts := browseOptions(g, x)
	bm, err := browse.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	bm.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(bm, "enter", "enter", "enter", "/", "e", "enter")
	if v := bm.Render(); v == "" {
		t.Error("no screen")
	}
	for i := range x.Len() {
		x.Summary(i)
		x.Item(i)
	}
}
