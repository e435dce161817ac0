package browse

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
)

// browser opens the browser on the commands' fixture landscape at
// width×height, with no colour so the screen can be read as text.
func browser(t *testing.T, start string, width, height int, edit ...func(*Options)) (*Model, *string) {
	return browserOn(t, "landscape.yml", start, width, height, edit...)
}

// browserOn opens the browser on a fixture of cmd/testdata.
func browserOn(t *testing.T, fixture, start string, width, height int, edit ...func(*Options)) (*Model, *string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", fixture))
	if err != nil {
		t.Fatal(err)
	}
	x, err := landscape.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	opened := new(string)
	opts := Options{Index: x, Title: "CNCF Landscape", Styles: ui.NewStyles(false), Start: start,
		Open: func(u string) error { *opened = u; return nil }}
	for _, e := range edit {
		e(&opts)
	}
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	return m, opened
}

// press sends keys: "enter", "esc", "up", "down", or runes.
func press(m *Model, keys ...string) tea.Cmd {
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

func TestBrowseNavigation(t *testing.T) {
	m, _ := browser(t, "", 80, 24)
	if v := m.Render(); !strings.Contains(v, "Runtime") || !strings.Contains(v, "CNCF Members") {
		t.Fatalf("first screen:\n%s", v)
	}
	press(m, "j", "enter")
	v := m.Render()
	if !strings.Contains(v, "CNCF Landscape › Runtime") || !strings.Contains(v, "Container Runtime") {
		t.Fatalf("after opening Runtime:\n%s", v)
	}
	press(m, "enter")
	if v := m.Render(); !strings.Contains(v, "containerd") || !strings.Contains(v, "CRI-O") {
		t.Fatalf("Container Runtime:\n%s", v)
	}
	press(m, "/", "containerd", "enter", "enter")
	v = m.Render()
	if !strings.Contains(v, "containerd   graduated") || !strings.Contains(v, "Runtime › Container Runtime") {
		t.Fatalf("containerd's card:\n%s", v)
	}
	press(m, "esc", "esc", "esc")
	if v := m.Render(); !strings.Contains(v, "Cloud Native Storage") {
		t.Errorf("back twice should show Runtime's subcategories:\n%s", v)
	}
	if cmd := press(m, "q"); cmd == nil || cmd() != tea.Quit() {
		t.Error("q does not quit")
	}
}

func TestBrowseScreenFits(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}, {120, 40}} {
		m, _ := browser(t, "containerd", size[0], size[1])
		for _, keys := range [][]string{nil, {"esc"}, {"esc", "esc"}, {"?"}} {
			press(m, keys...)
			v := m.Render()
			lines := strings.Split(v, "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d after %v: %d lines", size[0], size[1], keys, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d after %v: line of %d: %q", size[0], size[1], keys, w, l)
				}
			}
		}
	}
}

// A place's screen opens with the guide's first paragraph, and the
// screen still fits; a card scrolled down opens help at its top, and
// home and end work on cards.
func TestBrowseGuideIntroHelpAndCardKeys(t *testing.T) {
	intro := strings.Repeat("Containers need a runtime to start them. ", 20)
	m, _ := browser(t, "Runtime/Container Runtime", 60, 24, func(o *Options) {
		o.Title = "Example Landscape"
		o.Intro = func(cat, sub string, width int) string {
			if sub != "Container Runtime" {
				return ""
			}
			return strings.Join(ui.WrapStyled(intro, width, "", ""), "\n") + "\nmore: cnl guide 'Container Runtime'"
		}
	})
	v := m.Render()
	if !strings.HasPrefix(v, "Example Landscape › Runtime › Container Runtime") || !strings.Contains(v, "Containers need a runtime") || !strings.Contains(v, "more: cnl guide") {
		t.Errorf("subcategory screen without its introduction:\n%s", v)
	}
	if !strings.Contains(v, "containerd") {
		t.Errorf("the introduction pushed the list off the screen:\n%s", v)
	}
	lines := strings.Split(v, "\n")
	if len(lines) > 24 {
		t.Errorf("%d lines on a 24-line screen", len(lines))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("line of %d: %q", w, l)
		}
	}

	press(m, "enter") // the first item's card
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 8})
	press(m, "end")
	end := m.Render()
	press(m, "home")
	if home := m.Render(); home == end || !strings.Contains(home, "Runtime › Container Runtime") {
		t.Errorf("home and end do not move the card:\n%s\n---\n%s", home, end)
	}
	press(m, "end", "?")
	if v := m.Render(); !strings.Contains(v, "move; in a card, scroll") {
		t.Errorf("help opened after scrolling a card does not start at its top:\n%s", v)
	}
}

func TestBrowseFiltersMarksAndOpen(t *testing.T) {
	m, opened := browser(t, "Runtime/Container Runtime", 100, 30)
	press(m, "g")
	v := m.Render()
	if !strings.Contains(v, "containerd") || !strings.Contains(v, "CRI-O") || strings.Contains(v, "WasmEdge") {
		t.Errorf("graduated only:\n%s", v)
	}
	press(m, "g", "s")
	if v := m.Render(); strings.Contains(v, "containerd") || !strings.Contains(v, "WasmEdge") {
		t.Errorf("sandbox only:\n%s", v)
	}
	press(m, "s")
	press(m, "C")
	if v := m.Render(); !strings.Contains(v, "mark two items or more") {
		t.Errorf("compare with nothing marked:\n%s", v)
	}
	press(m, "/", "containerd", "enter", "c", "esc", "/", "cri-o", "enter", "c", "C")
	v = m.Render()
	if !strings.Contains(v, "Comparing 2 items") || !strings.Contains(v, "Accepted") || !strings.Contains(v, "2017-03-29") {
		t.Errorf("compare view:\n%s", v)
	}
	press(m, "esc", "o")
	if *opened != "https://cri-o.io/" {
		t.Errorf("o opened %q", *opened)
	}
}

func TestBrowseSearchAll(t *testing.T) {
	m, _ := browser(t, "", 80, 24)
	press(m, "/", "promethus")
	lines := strings.Split(m.Render(), "\n")
	if !strings.Contains(lines[1], "Prometheus") {
		t.Errorf("top-level search should rank Prometheus first:\n%s", strings.Join(lines, "\n"))
	}
	press(m, "enter", "enter")
	if v := m.Render(); !strings.Contains(v, "Prometheus   graduated") {
		t.Errorf("Prometheus card:\n%s", v)
	}
	press(m, "?")
	if v := m.Render(); !strings.Contains(v, "mark or unmark") {
		t.Errorf("help:\n%s", v)
	}
}

// Untrusted text never reaches the screen raw.
func TestBrowseHostileText(t *testing.T) {
	m, _ := browserOn(t, "hostile.yml", "", 80, 24)
	for _, keys := range [][]string{nil, {"enter"}, {"enter"}, {"enter"}} {
		press(m, keys...)
		v := m.Render()
		for _, bad := range []string{"\x1b", "\a", "\r", "\u202e", "\u009b"} {
			if strings.Contains(v, bad) {
				t.Errorf("screen holds %q:\n%q", bad, v)
			}
		}
	}
}

// The browser's lists line up at every width; one Esc leaves a search;
// each key means one thing in the footer; the help fits 60 columns; and
// clearing a filter leaves the cursor where it was.
func TestBrowseReadsWellAtEveryWidth(t *testing.T) {
	for _, width := range []int{40, 60, 80, 120} {
		m, _ := browser(t, "", width, 24)
		press(m, "/", "container")
		lines := strings.Split(ansi.Strip(m.Render()), "\n")
		col := -1
		for _, l := range lines[1 : len(lines)-1] {
			f := strings.Fields(l)
			if len(f) > 1 && slices.Contains([]string{"graduated", "incubating", "sandbox", "-"}, f[len(f)-1]) {
				at := ansi.StringWidth(l[:strings.LastIndex(l, f[len(f)-1])])
				if col >= 0 && at != col {
					t.Errorf("at %d columns the maturity starts at %d and %d:\n%s", width, col, at, strings.Join(lines, "\n"))
				}
				col = at
			}
			if ansi.StringWidth(l) > width {
				t.Errorf("at %d columns a line of %d: %q", width, ansi.StringWidth(l), l)
			}
		}
		if strings.Contains(strings.Join(lines, "\n"), "incubatin ") || strings.Contains(strings.Join(lines, "\n"), "sandbo ") {
			t.Errorf("at %d columns a maturity is cut:\n%s", width, strings.Join(lines, "\n"))
		}
		press(m, "enter") // done typing
		press(m, "esc")
		if v := m.Render(); strings.Contains(v, "Search") || !strings.Contains(v, "Runtime") {
			t.Errorf("at %d columns one Esc does not leave the search:\n%s", width, v)
		}
	}

	m, _ := browser(t, "Runtime/Container Runtime", 80, 24)
	press(m, "/", "cri", "enter")
	footer := lastLine(m.Render())
	if !strings.Contains(footer, "esc clear filter") || strings.Contains(footer, "esc back") {
		t.Errorf("a key with two meanings: %q", footer)
	}
	press(m, "esc")
	if v := m.Render(); !strings.Contains(cursorLine(v), "CRI-O") {
		t.Errorf("clearing the filter moved the cursor off CRI-O:\n%s", v)
	}
	if footer := lastLine(m.Render()); !strings.Contains(footer, "esc back") {
		t.Errorf("footer after clearing: %q", footer)
	}

	m, _ = browser(t, "", 60, 30)
	press(m, "?")
	for _, l := range strings.Split(m.Render(), "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("help line of %d at 60 columns: %q", w, l)
		}
	}
}

func lastLine(s string) string {
	ls := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return ansi.Strip(ls[len(ls)-1])
}

// cursorLine is the list row the cursor (›) is on.
func cursorLine(s string) string {
	for _, l := range strings.Split(ansi.Strip(s), "\n") {
		if strings.HasPrefix(l, "›") {
			return l
		}
	}
	return ""
}

// The footer and the help screen are made from the keymap: every key the
// footer names is a binding's, and every binding with help is on the help
// screen. Drawing changes nothing: two draws are the same screen, and the
// list's scroll was settled by the key that moved the cursor.
func TestOneKeymapAndAPureView(t *testing.T) {
	m, _ := browser(t, "Runtime/Container Runtime", 100, 8)
	press(m, "down", "down", "down", "down", "down", "down")
	s := m.top()
	offset := s.offset
	if offset == 0 {
		t.Fatalf("the list did not scroll with its cursor (cursor %d, offset %d)", s.cursor, s.offset)
	}
	first := m.Render()
	if again := m.Render(); again != first || s.offset != offset {
		t.Errorf("drawing changed the screen or its scroll (offset %d, then %d)", offset, s.offset)
	}
	footerKeys := map[string]bool{}
	for _, b := range keys.all() {
		footerKeys[b.footerKeys] = true
	}
	lines := strings.Split(first, "\n")
	for _, entry := range strings.Split(lines[len(lines)-1], " · ") {
		k, _, _ := strings.Cut(strings.TrimSpace(entry), " ")
		if !footerKeys[k] && !strings.HasSuffix(k, ":") && !strings.HasSuffix(k, "%") {
			t.Errorf("the footer names %q, which no binding has", entry)
		}
	}
	help := keys.helpText()
	for _, b := range keys.all() {
		if b.helpKeys != "" && !strings.Contains(help, b.helpKeys) {
			t.Errorf("the help screen lacks %q", b.helpKeys)
		}
	}
}

// A list's filter keeps what fzf would as it is typed: the letters in
// order, best match first, the matched letters highlighted; in a list of
// items, then what only the search engine finds (a typo, a description).
func TestBrowseFilterAsYouType(t *testing.T) {
	m, _ := browser(t, "Runtime", 100, 20, func(o *Options) { o.Styles = ui.NewStyles(true) })
	press(m, "/", "cntnr rntm")
	s := m.top()
	if len(s.entries) == 0 || s.entries[0].label != "Container Runtime" {
		t.Fatalf("cntnr rntm in Runtime: %v", s.entries)
	}
	m, _ = browser(t, "Runtime/Container Runtime", 100, 20, func(o *Options) { o.Styles = ui.NewStyles(true) })
	press(m, "/", "crd")
	s = m.top()
	if len(s.entries) == 0 || s.entries[0].label != "containerd" {
		t.Fatalf("crd in Container Runtime: %v", s.entries)
	}
	// A line off the cursor shows its matched letters highlighted.
	press(m, "esc", "/", "n")
	s = m.top()
	if len(s.entries) < 2 || len(s.entries[1].hl) == 0 {
		t.Fatalf("n in Container Runtime: %v", s.entries)
	}
	second := s.entries[1]
	var line string
	for _, l := range strings.Split(m.Render(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(ansi.Strip(l)), second.label) {
			line = l
		}
	}
	at := second.hl[0]
	if want := ui.NewStyles(true).Match.Render(second.label[at : at+1]); !strings.Contains(line, want) {
		t.Errorf("%s: its matched letter at %d is not highlighted: %q", second.label, at, line)
	}
	// A typo is the engine's: no name holds "contaienrd" in order.
	m, _ = browser(t, "Runtime/Container Runtime", 100, 20)
	press(m, "/", "contaienrd")
	if s := m.top(); len(s.entries) == 0 || s.entries[0].label != "containerd" || len(s.entries[0].hl) != 0 {
		t.Errorf("a typo in Container Runtime: %v", s.entries)
	}
}
