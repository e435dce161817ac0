//go:build realdata

package cmd

import (
	"testing"

	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

// The real-data tests of the command line are built with -tags realdata
// (CI runs them): the default tests run on the fixtures in testdata, in any
// clone, with nothing skipped.

// sharedLandscape returns the path of the real 2026-08-07 landscape in
// ../shared/landscape ($CNL_SHARED_LANDSCAPE); a missing file fails the
// test.
func sharedLandscape(tb testing.TB) string {
	return landscapetest.Path(tb, "landscape-2026-08-07.yml")
}

// realCLI is a cli whose cache holds the real 2026-08-07 landscape.
func realCLI(t *testing.T) *cli {
	c := newCLI(t)
	c.ok("update", "--file", sharedLandscape(t))
	return c
}
