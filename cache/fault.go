package cache

import (
	"errors"
	"os"
	"runtime/debug"
)

// ErrChanged is a read of the cache that failed because the file changed
// under it.
var ErrChanged = errors.New("the cache changed while it was being read")

// Guard runs f and turns a fault from reading a mapped index file into
// ErrChanged. Only something other than cnl can cause one, by truncating a
// file that cnl never changes in place; without Guard it would crash the
// process. The fault is caught in the goroutine that runs f: a long-lived
// program whose other goroutines read the index (the browser) loads it
// into memory instead (Config.InMemory).
//
// A block of the index found damaged as it is read (see
// DamagedIndexError) ends f the same way: the file is set aside, so the
// next command rebuilds it, and f's error says so.
func Guard(f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if d, ok := r.(*DamagedIndexError); ok {
				if d.Path != "" {
					os.Remove(d.Path)
				}
				err = d
				return
			}
			if _, fault := r.(interface{ Addr() uintptr }); !fault {
				panic(r)
			}
			err = ErrChanged
		}
	}()
	return f()
}
