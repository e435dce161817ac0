package cache

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// The same on a real full file system, where the machine can mount one.
func TestFullTmpfsChangesNothing(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root on Linux; TestFullDiskChangesNothing covers the rest")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=96k"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	// Lazily: the index stays mapped for the life of the test process.
	defer syscall.Unmount(dir, syscall.MNT_DETACH)
	s := NewStore(filepath.Join(dir, "cnl"))
	mustSave(t, s, manyYAML(20))
	before := answers(t, s)
	_, err := save(s, manyYAML(400)) // too big for what is left
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("err = %v", err)
	}
	if after := answers(t, s); after != before {
		t.Errorf("the cache changed: %s, then %s", before, after)
	}
}
