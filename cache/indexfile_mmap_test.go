//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cache

import (
	"os"
	"runtime/debug"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

// An update renames a new index over the old one: an index already loaded
// keeps reading the bytes it mapped.
func TestLoadedIndexOutlivesAnUpdate(t *testing.T) {
	s, x := savedAndLoaded(t)
	before := x.Summary(0)
	mustSave(t, s, otherYAML)
	if after := x.Summary(0); after != before || x.Item(0).Name != before.Name {
		t.Errorf("the loaded index changed under an update: %+v, then %+v", before, after)
	}
	if y, _, _ := s.Load(); y.Summary(0).Name == before.Name {
		t.Errorf("a new load should see the update")
	}
}

// Only something other than cnl could shrink the file in place. Reading
// the mapping then faults, as a panic that can be recovered once
// SetPanicOnFault is on: what Main does to report it as an error.
func TestTruncatedIndexFaultsRecoverably(t *testing.T) {
	s, x := savedAndLoaded(t)
	if err := os.Truncate(s.path(IndexFile), 0); err != nil {
		t.Fatal(err)
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		r := recover()
		if _, fault := r.(interface{ Addr() uintptr }); !fault {
			t.Errorf("recovered %v, want a memory fault", r)
		}
	}()
	for i := range x.Len() {
		x.Summary(i)
	}
	t.Error("reading a truncated mapping did not fault")
}

// savedAndLoaded is a store holding validYAML, and its index as loaded.
func savedAndLoaded(t *testing.T) (*Store, *landscape.Index) {
	t.Helper()
	s := newStore(t)
	mustSave(t, s, validYAML)
	x, _, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return s, x
}

// A process that loads the same file again and again (a test, a benchmark,
// a long browse session) maps it once, not once per load.
func TestUnchangedIndexIsMappedOnce(t *testing.T) {
	s, _ := savedAndLoaded(t)
	a, errA := readIndexFile(s.path(IndexFile))
	b, errB := readIndexFile(s.path(IndexFile))
	if errA != nil || errB != nil || &a[0] != &b[0] {
		t.Fatalf("the same file was mapped twice (%v, %v)", errA, errB)
	}
	mustSave(t, s, otherYAML)
	c, err := readIndexFile(s.path(IndexFile))
	if err != nil || &c[0] == &a[0] || string(c) == string(a) {
		t.Fatalf("a new file must get a new mapping (%v)", err)
	}
}
