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
	g.Config.InMemory = true // as cnl browse sets it
	x, err := g.index(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m, _ := g.Store().Meta()
	if err := os.Truncate(filepath.Join(g.Config.Dir(), m.Generation, "index.bin"), 0); err != nil {
		t.Fatal(err)
	}
	opts := browseOptions(g, x)
	bm, err := browse.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	bm.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	for _, k := range []tea.Msg{enter, enter, enter, tea.KeyPressMsg{Code: '/', Text: "/"}, tea.KeyPressMsg{Code: 'e', Text: "e"}, enter} {
		bm.Update(k)
	}
	if v := bm.Render(); v == "" {
		t.Error("no screen")
	}
	for i := range x.Len() {
		x.Summary(i)
		x.Item(i)
	}
}
