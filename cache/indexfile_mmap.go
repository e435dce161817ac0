//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cache

import (
	"errors"
	"syscall"
)

// readIndexFile maps the index file into memory instead of reading it: a
// query touches only the pages it uses, and those come straight from the
// kernel's page cache, without a copy.
//
// The mapping is never undone, since strings from the index point into it
// and may outlive the Index. That is safe because the cache never changes a
// file in place: a save renames a new file over the old one, whose bytes
// stay mapped as they were. (Should something else truncate the file while
// a command reads it, the read faults; Main turns that into an error.)
func readIndexFile(path string) ([]byte, error) {
	// syscall.Open rather than os.Open: an *os.File would register with
	// the network poller, which costs a command eight system calls.
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, err
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size < headerSize || st.Size > maxIndexSize {
		return nil, errors.New("not an index file")
	}
	return syscall.Mmap(fd, 0, int(st.Size), syscall.PROT_READ, syscall.MAP_SHARED)
}
