package landscapetest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/scan"
	"github.com/cnl-dev/cnl/landscape/search"
)

// Current is the CNCF landscape the judged sets were written against.
const Current = "landscape-2026-08-07.yml"

// Real is the current CNCF landscape, parsed.
func Real(tb testing.TB) *landscape.Index {
	tb.Helper()
	x, err := landscape.Parse(bytes.NewReader(File(tb, Current)))
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

// Site is the CNCF site as a user of landscape.cncf.io has it: the same
// data as Real, with the site's guide and settings.
func Site(tb testing.TB) *landscape.Index {
	tb.Helper()
	x := Real(tb)
	g, err := landscape.ParseGuide(bytes.NewReader(File(tb, "sites/cncf/sources/guide.yml")))
	if err != nil {
		tb.Fatal(err)
	}
	st, err := landscape.ParseSettings(bytes.NewReader(File(tb, "sites/cncf/sources/settings.yml")))
	if err != nil {
		tb.Fatal(err)
	}
	y := x.With(landscape.Options{Guide: g, MembersCategory: st.MembersCategory})
	search.Prepare(y)
	return y
}

// stored is what a cache keeps of an index: items, summaries and the
// scanner's phrases beside the search index.
type stored struct {
	items   []landscape.Item
	sums    []landscape.Summary
	phrases []byte
}

func (s *stored) Len() int                        { return len(s.items) }
func (s *stored) Summary(i int) landscape.Summary { return s.sums[i] }
func (s *stored) Item(i int) *landscape.Item      { return &s.items[i] }
func (s *stored) Phrases() ([]byte, bool)         { return s.phrases, true }

// Compile opens x again from what a cache stores of it. That the cache
// stores it byte for byte is the cache's test (TestCodecRealLandscape).
func Compile(tb testing.TB, x *landscape.Index) *landscape.Index {
	tb.Helper()
	s := &stored{phrases: search.ScanData(x)}
	for i := range x.Len() {
		s.items, s.sums = append(s.items, *x.Item(i)), append(s.sums, x.Summary(i))
	}
	return landscape.NewIndex(x.Categories, s, search.SearchData(x))
}

// FirstNames are the names of the first n results.
func FirstNames(rs []search.Result, n int) []string {
	var out []string
	for _, r := range rs[:min(n, len(rs))] {
		out = append(out, r.Name)
	}
	return out
}

// Fixture is a small landscape the domain's tests share, parsed from
// landscape/testdata (small.yml: a handful of items with a guide's worth
// of text).
func Fixture(tb testing.TB, name string) *landscape.Index {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(root(tb), "landscape", "testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	x, err := landscape.Parse(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return x
}

// ScanFile is what a scan of x finds in a judged text of
// landscape/scan/testdata/scan.
func ScanFile(tb testing.TB, x *landscape.Index, file string) []scan.Found {
	tb.Helper()
	f, err := os.Open(filepath.Join(root(tb), "landscape", "scan", "testdata", "scan", file))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	s := scan.NewScanner(x)
	if err := s.Scan(file, f); err != nil {
		tb.Fatal(err)
	}
	return s.Found()
}
