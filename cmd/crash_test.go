//go:build unix

package cmd

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
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
	files := []string{filepath.Join("testdata", "landscape-prev.yml"), filepath.Join("testdata", "landscape.yml")}
	if _, errOut, code := p.run("update", "--force", "--file", files[0]); code != 0 {
		t.Fatal(errOut)
	}
	counts := map[int]bool{cachedItems(t, p): true}
	p.run("update", "--force", "--file", files[1])
	counts[cachedItems(t, p)] = true
	p.run("update", "--force", "--file", files[0])

	// How long an update takes, to spread the kills over all of it.
	start := time.Now()
	p.run("update", "--force", "--file", files[1])
	span := time.Since(start)

	rng := rand.New(rand.NewPCG(1, 2))
	killed := 0
	for i := range 40 {
		cmd := exec.Command(bin, "update", "--force", "--file", files[i%2])
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
	files := []string{filepath.Join("testdata", "landscape-prev.yml"), filepath.Join("testdata", "landscape.yml")}
	p.run("update", "--force", "--file", files[0])
	old := cachedItems(t, p)
	p.run("update", "--force", "--file", files[1])
	cur := cachedItems(t, p)

	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3 {
				if _, errOut, code := p.run("update", "--force", "--file", files[(w+i)%2]); code != 0 {
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
				var tree []answer.CategoryJSON
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

// Ctrl-C during a download stops it cleanly: a one-line error, exit 1, no
// temporary files left, and the cache answers as before. Only downloads
// handle signals; a query is simply ended.
func TestInterruptedUpdateKeepsTheCache(t *testing.T) {
	started := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000000")
		w.Write([]byte("landscape:\n"))
		w.(http.Flusher).Flush()
		started <- struct{}{}
		<-r.Context().Done() // stall until the client goes away
	}))
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "cache")
	p := &proc{t: t, bin: cnlBinary(t), env: []string{"CNL_CACHE_DIR=" + dir, "CNL_URL=" + closedURL(t)}}
	if _, errOut, code := p.run("update", "--file", filepath.Join("testdata", "landscape.yml")); code != 0 {
		t.Fatal(errOut)
	}
	before := cachedItems(t, p)

	cmd := exec.Command(p.bin, "update", "--url", srv.URL+"/landscape.yml")
	cmd.Env = append(os.Environ(), p.env...)
	var errOut strings.Builder
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the update never reached the server")
	}
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	msg := strings.TrimSpace(errOut.String())
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || strings.Contains(msg, "\n") || !strings.Contains(msg, "interrupt") {
		t.Errorf("interrupted update: %v, stderr %q; want exit 1 and one line", err, msg)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	if after := cachedItems(t, p); after != before {
		t.Errorf("the cache answers with %d items after the interrupted update, %d before", after, before)
	}
}
