//go:build !(darwin || dragonfly || freebsd || illumos || linux || netbsd || openbsd || windows)

package cache

// tryLock is not offered where lockedfile locks with fcntl (AIX, Solaris)
// or not at all: a rebuilt index is then not saved, and the next update
// writes one.
func tryLock(path string) (unlock func(), ok bool) { return nil, false }
