//go:build windows

package cache

import (
	"os"

	"golang.org/x/sys/windows"
)

// tryLock takes the writers' lock only if it is free, without waiting:
// LockFileEx over the whole file, as lockedfile takes it on Windows, so the
// two exclude each other. ok is false when another holds it.
func tryLock(path string) (unlock func(), ok bool) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false
	}
	h := windows.Handle(f.Fd())
	all := ^uint32(0)
	ol := new(windows.Overlapped)
	if err := windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, all, all, ol); err != nil {
		f.Close()
		return nil, false
	}
	return func() {
		windows.UnlockFileEx(h, 0, all, all, ol)
		f.Close()
	}, true
}
