//go:build realdata

package cmd

import (
	"os"
	"path/filepath"
	"testing"
)

// The real-data tests of the command line are built with -tags realdata
// (CI runs them): the default tests run on the fixtures in testdata, in any
// clone, with nothing skipped.

// sharedLandscape returns the path of the real 2026-08-07 landscape in
// ../shared/landscape ($CNL_SHARED_LANDSCAPE); a missing file fails the
// test.
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
		tb.Fatalf("real landscape data is missing (%v); set CNL_SHARED_LANDSCAPE", err)
	}
	return p
}

// realCLI is a cli whose cache holds the real 2026-08-07 landscape.
func realCLI(t *testing.T) *cli {
	c := newCLI(t)
	c.ok("update", "--file", sharedLandscape(t))
	return c
}
