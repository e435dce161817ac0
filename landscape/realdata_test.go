package landscape_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

// sharedDir is where the real landscape files live: ../shared/landscape from
// the repository root. CI sets CNL_SHARED_LANDSCAPE or CI=true, and then a
// missing file fails the test instead of skipping it.
func sharedFile(tb testing.TB, name string) []byte {
	tb.Helper()
	dir := os.Getenv("CNL_SHARED_LANDSCAPE")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "landscape")
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		if os.Getenv("CI") != "" || os.Getenv("CNL_SHARED_LANDSCAPE") != "" {
			tb.Fatalf("real landscape data is missing: %v", err)
		}
		tb.Skipf("real landscape data not found (%v); set CNL_SHARED_LANDSCAPE", err)
	}
	return b
}

const current = "landscape-2026-08-07.yml"

func loadReal(tb testing.TB) *landscape.Index {
	tb.Helper()
	x, err := landscape.Parse(bytes.NewReader(sharedFile(tb, current)))
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

func BenchmarkParse(b *testing.B) {
	raw := sharedFile(b, current)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := landscape.Parse(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	x := loadReal(b)
	for _, q := range []string{"runtime", "registry", "promethus", "container runtime"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := x.Search(landscape.Query{Text: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchCold includes building the search keys, as one process
// (one cnl search) pays it.
func BenchmarkSearchCold(b *testing.B) {
	raw := sharedFile(b, current)
	for b.Loop() {
		b.StopTimer()
		x, _ := landscape.Parse(bytes.NewReader(raw))
		b.StartTimer()
		if _, err := x.Search(landscape.Query{Text: "runtime"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	x := loadReal(b)
	for _, n := range []string{"containerd", "talos"} {
		b.Run(n, func(b *testing.B) {
			for b.Loop() {
				if _, err := x.Resolve(n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
