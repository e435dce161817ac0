package cmd

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

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
		"scan":          {"scan", filepath.Join("..", "landscape", "testdata", "scan", "homelab.md")},
		"explain":       {"search", "service mesh", "--explain", "--limit", "3"},
		"diff-changed":  {"diff", filepath.Join("testdata", "landscape-prev.yml"), filepath.Join("testdata", "landscape.yml"), "--only", "changed"},
		"landscapes":    {"landscapes"},
		"list-category": {"list", "Runtime"},
	}
	for name, args := range views {
		for _, width := range []int{60, 80, 120} {
			for _, color := range []bool{false, true} {
				c.width, c.color = width, color
				out, errOut, code := c.run(args...)
				if code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, errOut)
				}
				face := "plain"
				if color {
					face = "color"
				}
				file := filepath.Join("testdata", "golden", name+"-"+itoa(width)+"-"+face+".txt")
				if *updateDocs {
					os.MkdirAll(filepath.Dir(file), 0o755)
					if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("%v; run go test ./cmd -run TestGolden -update", err)
				}
				if string(want) != out {
					t.Errorf("%s differs from %s (go test ./cmd -run TestGolden -update refreshes it):\n%s", strings.Join(args, " "), file, out)
				}
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
