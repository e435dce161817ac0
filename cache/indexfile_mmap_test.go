//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cache

import (
	"errors"
	"os"
	"sync"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
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
// the mapping then faults, and Guard turns that into ErrChanged.
func TestTruncatedIndexFaultsRecoverably(t *testing.T) {
	s, x := savedAndLoaded(t)
	if err := os.Truncate(generationFile(t, s, IndexFile), 0); err != nil {
		t.Fatal(err)
	}
	err := Guard(func() error {
		for i := range x.Len() {
			x.Summary(i)
		}
		return nil
	})
	if !errors.Is(err, ErrChanged) {
		t.Errorf("reading a truncated mapping: %v, want ErrChanged", err)
	}
	// Loaded in memory, the index does not notice.
	s.inMemory = true
	y, _, err := s.Load()
	if err != nil || y.Summary(0).Name == "" {
		t.Errorf("in memory: %v", err)
	}
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
	a, errA := readIndexFile(generationFile(t, s, IndexFile))
	b, errB := readIndexFile(generationFile(t, s, IndexFile))
	if errA != nil || errB != nil || &a[0] != &b[0] {
		t.Fatalf("the same file was mapped twice (%v, %v)", errA, errB)
	}
	mustSave(t, s, otherYAML)
	c, err := readIndexFile(generationFile(t, s, IndexFile))
	if err != nil || &c[0] == &a[0] || string(c) == string(a) {
		t.Fatalf("a new file must get a new mapping (%v)", err)
	}
}

// A compiled index is safe for concurrent use: items built on demand, and
// blocks checked on first read, from many goroutines at once.
func TestCompiledIndexIsSafeForConcurrentUse(t *testing.T) {
	_, x := savedAndLoaded(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range x.Len() {
				if x.Item(i).Name != x.Summary(i).Name {
					t.Errorf("item %d is not its row", i)
				}
			}
			search.Search(x, search.Query{Text: "runtime"})
		}()
	}
	wg.Wait()
}
