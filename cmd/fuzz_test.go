package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

// renderAll draws every face of items of x: cards on a terminal (with and
// without colour), plain cards, the comparison in each format, and YAML.
// It fails the test on a panic (by crashing) or on a control character
// reaching the terminal.
func renderAll(t *testing.T, x *landscape.Index, n int) {
	// Items with GitHub facts first: they have the most to draw.
	var items, rest []*landscape.Item
	for i := range x.Len() {
		if it := x.Item(i); it.GitHub != nil {
			items = append(items, it)
		} else {
			rest = append(rest, it)
		}
	}
	items = append(items, rest...)[:min(n, x.Len())]
	if len(items) == 0 {
		return
	}
	var out bytes.Buffer
	for _, color := range []bool{false, true} {
		st := ui.NewStyles((&ui.Streams{Color: color}).Color)
		for _, it := range items {
			out.WriteString(ui.RenderCard(st, x, it, 80, fixtureTime))
		}
		rows := ui.CompareRows(x, items, fixtureTime)
		out.WriteString(ui.RenderCompare(st, items, rows, 100))
		out.WriteString(ui.RenderCompare(st, items, rows, 30))
	}
	s := &ui.Streams{Out: &out}
	answer.WritePlainCard(s.Out, x, search.Resolution{Item: items[0], Others: items[1:]}, fixtureTime)
	writeMarkdown(s.Out, items, ui.CompareRows(x, items, fixtureTime))
	text := stripSGR(out.String())
	for _, r := range text {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e {
			t.Fatalf("%U reached the terminal:\n%q", r, text)
		}
	}
	var yml bytes.Buffer
	if err := ui.WriteData(&yml, ui.YAML, itemsJSON(items)); err != nil {
		t.Fatalf("yaml: %v", err)
	}
}

// FuzzRenderFacts: any full.json, joined into the fixture landscape,
// renders on every face: numbers are clamped, texts cleaned.
func FuzzRenderFacts(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "full-five.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"github_data": {"https://github.com/containerd/containerd": {"url": "https://github.com/containerd/containerd", "participation_stats": [2000000000000000000, 1, -5], "stars": 1e300, "contributors": {"count": -1}, "languages": {"Go": 9999999999999999999}, "description": "\u001b]8;;javascript:x\u001b\\\\a\u202e"}}}`))
	fixture, err := os.ReadFile(filepath.Join("testdata", "landscape.yml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, full []byte) {
		facts, err := landscape.ParseFullJSON(bytes.NewReader(full), nil)
		if err != nil {
			return
		}
		x, err := landscape.Parse(bytes.NewReader(fixture))
		if err != nil {
			t.Fatal(err)
		}
		x = x.With(landscape.Options{Facts: facts})
		renderAll(t, x, 3)
		search.Search(x, search.Query{Text: "runtime", Sort: "stars"})
	})
}

// FuzzRenderData: any landscape file that parses renders on every face,
// and diffs against the fixture.
func FuzzRenderData(f *testing.F) {
	for _, name := range []string{"landscape.yml", "hostile.yml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	fixture, err := os.ReadFile(filepath.Join("testdata", "landscape.yml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := landscape.Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		renderAll(t, x, 4)
		old, _ := landscape.Parse(bytes.NewReader(fixture))
		var out bytes.Buffer
		d := landscape.Changes(old, x)
		answer.WriteDiff(&out, d, false, 40, ui.NewStyles(true))
		if err := ui.WriteData(&out, ui.YAML, d); err != nil {
			t.Fatalf("yaml diff: %v", err)
		}
	})
}
