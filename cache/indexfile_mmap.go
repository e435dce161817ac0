//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cache

import (
	"errors"
	"os"
	"sync"
	"syscall"
)

// readIndexFile maps the index file into memory instead of reading it: a
// query touches only the pages it uses, and those come straight from the
// kernel's page cache, without a copy.
//
// A mapping is never undone, since strings from the index point into it
// and may outlive the Index. That is safe because the cache never changes a
// file in place: a save renames a new file over the old one, whose bytes
// stay mapped as they were. (Should something else truncate the file while
// a command reads it, the read faults; Guard turns that into an error.) So
// that a long-lived process (a test, a benchmark) does not map the same
// file again on every load, an unchanged file reuses its mapping.
func readIndexFile(path string) ([]byte, error) {
	fd, err := openRegularFd(path)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), path)
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() < headerSize || fi.Size() > maxIndexSize {
		return nil, errors.New("not an index file")
	}
	mappings.Lock()
	defer mappings.Unlock()
	if m, ok := mappings.byPath[path]; ok && os.SameFile(m.fi, fi) && m.fi.Size() == fi.Size() && m.fi.ModTime().Equal(fi.ModTime()) {
		return m.data, nil
	}
	data, err := syscall.Mmap(fd, 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, err
	}
	if mappings.byPath == nil {
		mappings.byPath = map[string]mapping{}
	}
	mappings.byPath[path] = mapping{fi: fi, data: data}
	return data, nil
}

// mappings are the index files mapped so far, by path: the newest mapping
// of each.
var mappings struct {
	sync.Mutex
	byPath map[string]mapping
}

type mapping struct {
	fi   os.FileInfo
	data []byte
}
