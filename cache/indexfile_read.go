//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package cache

// readIndexFile reads the whole index file where it cannot be mapped.
func readIndexFile(path string) ([]byte, error) {
	return ReadFileLimited(path, maxIndexSize)
}
