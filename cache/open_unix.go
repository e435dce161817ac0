//go:build unix

package cache

import (
	"fmt"
	"os"
	"syscall"
)

// openRegular opens path for reading only when it is a regular file:
// without following a final symlink, and without blocking should a FIFO
// stand in its place.
func openRegular(path string) (*os.File, error) {
	fd, err := openRegularFd(path)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), path), nil
}

// openRegularFd is openRegular as a descriptor, left in blocking mode: a
// non-blocking file would be registered with the network poller, which
// costs every command a thread and several system calls.
func openRegularFd(path string) (int, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: path, Err: err}
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return -1, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		return -1, fmt.Errorf("%s: %w", path, errNotRegular)
	}
	if err := syscall.SetNonblock(fd, false); err != nil {
		syscall.Close(fd)
		return -1, &os.PathError{Op: "fcntl", Path: path, Err: err}
	}
	return fd, nil
}
