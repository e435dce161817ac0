//go:build !unix

package cache

import (
	"fmt"
	"os"
)

// openRegular opens path for reading only when it is a regular file, not a
// symlink.
func openRegular(path string) (*os.File, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", path, errNotRegular)
	}
	return os.Open(path)
}
