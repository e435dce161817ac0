package cache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

// realSite is the real CNCF landscape with its site's guide, as an update
// from the site caches it.
func realSite(t *testing.T) *landscape.Index {
	t.Helper()
	x, err := landscape.Parse(bytes.NewReader(landscapetest.File(t, "landscape-2026-08-07.yml")))
	if err != nil {
		t.Fatal(err)
	}
	g, err := landscape.ParseGuide(bytes.NewReader(landscapetest.File(t, "sites/cncf/sources/guide.yml")))
	if err != nil {
		t.Fatal(err)
	}
	return x.With(landscape.Options{Guide: g})
}

// formatFile pins the compiled index of the real CNCF site to formatVersion:
// "VERSION SHA256" of its encoding.
const formatFile = "testdata/index-format.txt"

// A cached index is rebuilt only when its format version differs, so any
// change to what the index holds (summaries, names, the search structure)
// must bump formatVersion, or users who upgrade keep answers from the old
// build until their next update. This test notices such a change: the
// encoding of the real site differs from the one pinned for this version.
func TestFormatVersionFollowsTheEncoding(t *testing.T) {
	x := realSite(t)
	b, err := EncodeIndex(x, "real")
	if err != nil {
		t.Fatal(err)
	}
	again, err := EncodeIndex(x, "real")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, again) {
		t.Fatal("two encodings of one landscape differ: the index is not a function of its landscape")
	}
	got := fmt.Sprintf("%d %x", formatVersion, sha256.Sum256(b))
	pinned, err := os.ReadFile(formatFile)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(string(pinned))
	if got == want {
		return
	}
	if strings.HasPrefix(want, fmt.Sprintf("%d ", formatVersion)) {
		t.Fatalf("the index's encoding changed but formatVersion is still %d: bump it, then write %q to %s", formatVersion, fmt.Sprintf("%d <new sha256>", formatVersion+1), formatFile)
	}
	t.Fatalf("formatVersion is %d: write %q to %s", formatVersion, got, formatFile)
}
