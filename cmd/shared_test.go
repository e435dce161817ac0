package cmd

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedLandscape returns the path of the real 2026-08-07 landscape in
// ../shared/landscape. Under CI (CI or CNL_SHARED_LANDSCAPE set) a missing
// file fails the test rather than skipping it.
func sharedLandscape(tb testing.TB) string {
	return sharedFile(tb, "landscape-2026-08-07.yml")
}

func sharedFile(tb testing.TB, name string) string {
	tb.Helper()
	dir := os.Getenv("CNL_SHARED_LANDSCAPE")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "landscape")
	}
	p, err := filepath.Abs(filepath.Join(dir, name))
	if err == nil {
		_, err = os.Stat(p)
	}
	if err != nil {
		if os.Getenv("CI") != "" || os.Getenv("CNL_SHARED_LANDSCAPE") != "" {
			tb.Fatalf("real landscape data is missing: %v", err)
		}
		tb.Skipf("real landscape data not found (%v); set CNL_SHARED_LANDSCAPE", err)
	}
	return p
}
