package cmd

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

// update rewrites the golden files from the commands (the reference in
// docs/ is made by go run ./docs/gen, and checked by its test).
var update = flag.Bool("update", false, "rewrite the golden files from the commands")

// golden compares got with testdata/golden/name, showing what changed as a
// unified diff, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		os.MkdirAll(filepath.Dir(file), 0o755)
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v; run go test ./cmd -run '%s' -update", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs (go test ./cmd -run '%s' -update refreshes it):\n%s", file, t.Name(), diff.Diff(file, want, "got", []byte(got)))
	}
}

// Golden files of the main views on the fixture landscape, at three widths,
// with colour off and with colour on (a pinned profile): a layout change
// shows as a diff here. Refresh them with
//
//	go test ./cmd -run TestGolden -update
func TestGolden(t *testing.T) {
	t.Setenv("COLORTERM", "truecolor") // the colour profile, pinned
	t.Setenv("TERM", "xterm-256color")
	c := fixtureCLI(t)
	c.tty = true
	views := map[string][]string{
		"search":        {"search", "runtime", "--limit", "8"},
		"search-phrase": {"search", "container runtime", "--limit", "5"},
		"list":          {"list"},
		"list-place":    {"list", "Container Registry"},
		"show":          {"show", "harbor"},
		"compare":       {"compare", "containerd", "cri-o"},
		"compare-place": {"compare", "--subcategory", "Container Registry"},
		"diff":          {"diff", filepath.Join("testdata", "landscape-prev.yml"), filepath.Join("testdata", "landscape.yml")},
		"stats":         {"stats"},
		"scan":          {"scan", filepath.Join("..", "landscape", "scan", "testdata", "scan", "homelab.md")},
		"explain":       {"search", "service mesh", "--explain", "--limit", "3"},
		"diff-changed":  {"diff", filepath.Join("testdata", "landscape-prev.yml"), filepath.Join("testdata", "landscape.yml"), "--only", "changed"},
		"landscapes":    {"landscapes"},
		"list-category": {"list", "Runtime"},
	}
	for name, args := range views {
		for _, width := range []int{60, 80, 120} {
			for _, face := range []string{"plain", "color"} {
				file := name + "-" + itoa(width) + "-" + face + ".txt"
				t.Run(strings.TrimSuffix(file, ".txt"), func(t *testing.T) {
					c.width, c.color = width, face == "color"
					out, errOut, code := c.run(args...)
					if code != 0 {
						t.Fatalf("%v: exit %d: %s", args, code, errOut)
					}
					golden(t, file, out)
				})
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
