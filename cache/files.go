package cache

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// errNotRegular is reading something that is not a regular file: a FIFO
// would hang the command, a device would never end.
var errNotRegular = errors.New("not a regular file")

// readCacheFile reads a file of the cache: only a regular file, never
// through a symlink, and at most limit bytes. The open cannot block (a FIFO
// put in the cache's place is refused, not waited on).
func readCacheFile(path string, limit int64) ([]byte, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, path, limit)
}

// ReadFileLimited reads a local data file the user names (--file, diff
// OLD NEW): a symlink is followed, as people expect, but only to a regular
// file, and a file over maxSize bytes (DefaultMaxSize when 0) is refused
// without reading it all.
func ReadFileLimited(path string, maxSize int64) ([]byte, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", path, errNotRegular)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, path, maxSize)
}

func readLimited(f *os.File, path string, limit int64) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", path, errNotRegular)
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: file is %d bytes, over the %d-byte limit", path, fi.Size(), limit)
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: file is over the %d-byte limit", path, limit)
	}
	return b, nil
}

// writer is how the store writes files: the OS, or in tests one that fails
// as a full disk does.
type writer interface {
	// WriteFile creates name (which must not exist), writes data, syncs
	// and closes it.
	WriteFile(name string, data []byte) error
}

type osWriter struct{}

func (osWriter) WriteFile(name string, data []byte) (err error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(name)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// WriteError is a failed write to the cache: it says what could not be
// written and where, so that nobody blames the data.
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string {
	return fmt.Sprintf("cannot write the cache (%s): %v", e.Path, unwrapPath(e.Err))
}

func (e *WriteError) Unwrap() error { return e.Err }

// unwrapPath drops the path an fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// writeAtomic writes data to a temporary file beside name, syncs it and
// renames it over name: name holds the old bytes or the new ones, never a
// mix, and a symlink at name is replaced, never written through.
func (s *Store) writeAtomic(name string, data []byte) error {
	tmp, err := tempName(name)
	if err != nil {
		return &WriteError{Path: name, Err: err}
	}
	if err := s.w.WriteFile(tmp, data); err != nil {
		os.Remove(tmp)
		return &WriteError{Path: name, Err: err}
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return &WriteError{Path: name, Err: err}
	}
	syncDir(filepath.Dir(name))
	return nil
}

// tempName is a new name beside name for a file being written.
func tempName(name string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return "", err
	}
	f.Close()
	os.Remove(f.Name())
	return f.Name(), nil
}

// syncDir makes renames and new files in dir survive a power cut.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
