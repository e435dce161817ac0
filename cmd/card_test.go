package cmd

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

// hostile is text that would drive a terminal, fake a link or reorder what
// is shown, were it printed raw.
const hostile = "x\x1b]8;;javascript:alert(1)\x1b\\link\x1b]8;;\x1b\\\u202e\u200b\u009b\a\r;y"

// fillHostile sets every string reachable from v to hostile text (URLs to a
// hostile URL), every number to a huge one: whatever field is added to the
// model, this test renders it.
func fillHostile(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("https://e.example/" + hostile)
	case reflect.Int, reflect.Int64:
		v.SetInt(1 << 62)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		if v.Type() == reflect.TypeOf(&time.Time{}) {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fillHostile(v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillHostile(v.Field(i))
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fillHostile(s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fillHostile(k)
		fillHostile(e)
		m.SetMapIndex(k, e)
		v.Set(m)
	}
}

// Every field of the card, whatever it is, reaches the screen only through
// the sanitiser: on a card, in plain output, in a comparison.
func TestEveryCardFieldIsSanitised(t *testing.T) {
	var a, b landscape.Item
	fillHostile(reflect.ValueOf(&a).Elem())
	fillHostile(reflect.ValueOf(&b).Elem())
	a.Category, a.Subcategory, a.Slug, a.Name = "C", "S", "a", "A"+hostile
	b.Category, b.Subcategory, b.Slug, b.Name = "C", "S", "b", "B"
	x := landscape.NewIndex([]landscape.Category{{Name: "C", Subcategories: []landscape.Subcategory{{Name: "S", Items: []int{0, 1}}}}},
		sliceSource{a, b}, nil)
	now := testNow(t)
	fields := ui.Card(x, x.Item(0), now)
	if n := reflect.TypeOf(landscape.Extra{}).NumField(); len(fields) < 25 || n == 0 {
		t.Fatalf("the card has %d fields", len(fields))
	}
	for _, color := range []bool{false, true} {
		st := ui.NewStyles((&ui.Streams{Color: color}).Color)
		var out strings.Builder
		out.WriteString(ui.RenderCard(st, x, x.Item(0), 100, now))
		out.WriteString(ui.RenderCompare(st, []*landscape.Item{x.Item(0), x.Item(1)}, ui.CompareRows(x, []*landscape.Item{x.Item(0), x.Item(1)}, now), 120))
		s := &ui.Streams{Out: &out}
		answer.WritePlainCard(s.Out, x, search.Resolution{Item: x.Item(0), Others: []*landscape.Item{x.Item(1)}}, now)
		text := out.String()
		if color {
			text = stripSGR(text) // the renderer's own colours are fine
		}
		for _, bad := range []string{"\x1b", "\a", "\r", "\u202e", "\u009b", "\u200b"} {
			if strings.Contains(text, bad) {
				t.Errorf("colour %v: a field reached the screen raw (%q):\n%q", color, bad, text)
			}
		}
	}
	// Outside ui a value is read only through Text, URL and Target: its
	// raw strings are not exported.
	vt := reflect.TypeOf(ui.Value{})
	for i := range vt.NumField() {
		if vt.Field(i).IsExported() {
			t.Errorf("ui.Value.%s is exported: renderers could reach the raw string", vt.Field(i).Name)
		}
	}
}

// stripSGR drops colour sequences (ESC [ … m) that the styles add, and
// the hyperlinks they make (ESC ] 8 ; ; URL ESC \) when the URL is plain
// printable ASCII: anything else left is a leak.
func stripSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.HasPrefix(s[i:], "\x1b]8;;") {
			j := i + 5
			for j < len(s) && s[j] > ' ' && s[j] < 0x7f {
				j++
			}
			if strings.HasPrefix(s[j:], "\x1b\\") {
				i = j + 1
				continue
			}
		}
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				i = j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Links on a card are terminal hyperlinks to the whole URL when styles
// are on, and only to plain http(s) URLs; piped or without colour, none.
func TestCardHyperlinks(t *testing.T) {
	var it landscape.Item
	it.Name, it.Category, it.Subcategory, it.Slug = "Harbor", "C", "S", "harbor"
	it.HomepageURL = "https://goharbor.io/"
	it.RepoURL = "https://github.com/goharbor/harbor\x1b]8;;https://evil.example\x1b\\"
	it.Crunchbase = "javascript:alert(1)"
	x := landscape.NewIndex([]landscape.Category{{Name: "C", Subcategories: []landscape.Subcategory{{Name: "S", Items: []int{0}}}}}, sliceSource{it}, nil)
	on := ui.RenderCard(ui.NewStyles(true), x, x.Item(0), 100, testNow(t))
	if !strings.Contains(on, "\x1b]8;;https://goharbor.io/\x1b\\https://goharbor.io/\x1b]8;;\x1b\\") {
		t.Errorf("no hyperlink to the homepage:\n%q", on)
	}
	if strings.Count(on, "\x1b]8;;") != 2 || strings.Contains(on, "evil.example\x1b") || strings.Contains(on, "javascript") {
		t.Errorf("a hyperlink to a URL that is not plain http(s):\n%q", on)
	}
	if off := ui.RenderCard(ui.NewStyles(false), x, x.Item(0), 100, testNow(t)); strings.Contains(off, "\x1b") {
		t.Errorf("escape codes without colour:\n%q", off)
	}
	// A long URL is cut on screen, but its link is whole.
	it.HomepageURL = "https://example.org/" + strings.Repeat("long/", 30)
	x = landscape.NewIndex([]landscape.Category{{Name: "C", Subcategories: []landscape.Subcategory{{Name: "S", Items: []int{0}}}}}, sliceSource{it}, nil)
	card := ui.RenderCard(ui.NewStyles(true), x, x.Item(0), 60, testNow(t))
	if !strings.Contains(card, "\x1b]8;;"+it.HomepageURL+"\x1b\\") || !strings.Contains(card, "…") {
		t.Errorf("a cut URL does not link to the whole one:\n%q", card)
	}
	for _, l := range strings.Split(card, "\n") {
		if w := lipgloss.Width(l); w > 60 {
			t.Errorf("a line of %d cells: %q", w, l)
		}
	}
}

// sliceSource serves items from memory.
type sliceSource []landscape.Item

func (s sliceSource) Len() int                        { return len(s) }
func (s sliceSource) Summary(i int) landscape.Summary { return s[i].Summary() }
func (s sliceSource) Item(i int) *landscape.Item      { return &s[i] }

// A huge or negative number from full.json draws a sparkline in range.
func TestSparklineClampsNumbers(t *testing.T) {
	for _, weeks := range [][]int64{{2000000000000000000, 1}, {-5, 3}, {1 << 62, 1 << 62, -1 << 62}, {0, 0}} {
		ui.Sparkline(weeks)
	}
	if got := ui.Sparkline([]int64{2000000000000000000, 1}); []rune(got)[0] != '█' || []rune(got)[1] != '▁' {
		t.Errorf("sparkline = %q", got)
	}
}
