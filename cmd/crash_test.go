//go:build unix

package cmd

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// cachedItems reads the item count the cache answers with, failing the
// test if the cache does not answer.
func cachedItems(t *testing.T, p *proc) int {
	t.Helper()
	out, errOut, code := p.run("cache", "-o", "json")
	if code != 0 {
		t.Fatalf("the cache does not answer: %s", errOut)
	}
	var st statusJSON
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("cache status: %v", err)
	}
	if _, _, code := p.run("search", "runtime"); code != 0 {
		t.Fatal("search fails on the cache")
	}
	return st.Items
}

// An update killed with SIGKILL at any moment leaves the old data or the
// new, never a broken cache.
func TestKilledUpdatesLeaveOldOrNew(t *testing.T) {
	bin := cnlBinary(t)
	dir := filepath.Join(t.TempDir(), "cache")
	p := &proc{t: t, bin: bin, env: []string{"CNL_CACHE_DIR=" + dir, "CNL_URL=" + closedURL(t)}}
	files := []string{sharedFile(t, "landscape-2026-02-09.yml"), sharedLandscape(t)}
	if _, errOut, code := p.run("update", "--file", files[0]); code != 0 {
		t.Fatal(errOut)
	}
	counts := map[int]bool{cachedItems(t, p): true}
	p.run("update", "--file", files[1])
	counts[cachedItems(t, p)] = true
	p.run("update", "--file", files[0])

	// How long an update takes, to spread the kills over all of it.
	start := time.Now()
	p.run("update", "--file", files[1])
	span := time.Since(start)

	rng := rand.New(rand.NewPCG(1, 2))
	killed := 0
	for i := range 40 {
		cmd := exec.Command(bin, "update", "--file", files[i%2])
		cmd.Env = append(os.Environ(), p.env...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Float64() * 1.2 * float64(span)))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			killed++
		}
		cmd.Wait()
		if n := cachedItems(t, p); !counts[n] {
			t.Fatalf("after kill %d the cache answers with %d items, neither old nor new %v", i, n, counts)
		}
	}
	t.Logf("%d updates killed at random moments over %s; the cache answered every time", killed, span)
}

// Concurrent updates and readers: every reader gets a whole answer, and
// the cache ends holding one of the two files.
func TestConcurrentUpdatesAndReaders(t *testing.T) {
	bin := cnlBinary(t)
	dir := filepath.Join(t.TempDir(), "cache")
	p := &proc{t: t, bin: bin, env: []string{"CNL_CACHE_DIR=" + dir, "CNL_URL=" + closedURL(t)}}
	files := []string{sharedFile(t, "landscape-2026-02-09.yml"), sharedLandscape(t)}
	p.run("update", "--file", files[0])
	old := cachedItems(t, p)
	p.run("update", "--file", files[1])
	cur := cachedItems(t, p)

	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3 {
				if _, errOut, code := p.run("update", "--file", files[(w+i)%2]); code != 0 {
					errs <- "update: " + errOut
				}
			}
		}()
	}
	done := make(chan struct{})
	var readers sync.WaitGroup
	for range 2 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				out, errOut, code := p.run("list", "-o", "json")
				var tree []categoryJSON
				if code != 0 || json.Unmarshal([]byte(out), &tree) != nil || len(tree) == 0 {
					errs <- "reader: " + errOut
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	readers.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := cachedItems(t, p); n != old && n != cur {
		t.Errorf("the cache ends with %d items, neither %d nor %d", n, old, cur)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
