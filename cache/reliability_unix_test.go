//go:build unix

package cache

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Cache files are read only when they are regular files: a FIFO does not
// hang a command, a device does not feed it for ever, a symlink is not
// followed.
func TestSpecialFilesInTheCache(t *testing.T) {
	for _, name := range []string{IndexFile, DataFile, "manifest"} {
		for _, kind := range []string{"fifo", "device", "symlink"} {
			t.Run(name+" "+kind, func(t *testing.T) {
				s := newStore(t)
				mustSave(t, s, validYAML)
				p := s.path(manifestFile)
				if name != "manifest" {
					p = generationFile(t, s, name)
				}
				os.Remove(p)
				switch kind {
				case "fifo":
					if err := syscall.Mkfifo(p, 0o600); err != nil {
						t.Skip(err)
					}
				case "device":
					os.Symlink("/dev/zero", p)
				case "symlink":
					os.Symlink("/etc/passwd", p)
				}
				done := make(chan error, 1)
				go func() {
					if name == DataFile {
						_, err := s.Current() // what reads the data itself
						done <- err
						return
					}
					_, _, err := s.Load()
					done <- err
				}()
				select {
				case err := <-done:
					if name == IndexFile && err != nil {
						t.Errorf("a bad index must be rebuilt from the data: %v", err)
					}
					if name != IndexFile && err == nil {
						t.Errorf("read through a %s", kind)
					}
				case <-time.After(10 * time.Second):
					t.Fatalf("loading hangs on a %s", kind)
				}
			})
		}
	}
}

// A local file must be a regular file: a FIFO or a device is refused at
// once, not read for ever.
func TestLocalFileMustBeRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.yml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, p := range []string{fifo, "/dev/zero"} {
		if _, err := ReadFileLimited(p, 0); !errors.Is(err, errNotRegular) {
			t.Errorf("%s: err = %v", p, err)
		}
	}
}
