//go:build unix

package cmd

import (
	"context"
	"os"
	"syscall"
)

// execProgram replaces cnl with path: the assistant's signals and pipes
// reach the server itself, with no cnl in between. Should the exec fail,
// path runs as a child instead.
func execProgram(ctx context.Context, path string, args []string) error {
	if err := syscall.Exec(path, append([]string{path}, args...), os.Environ()); err != nil {
		return runProgram(ctx, path, args)
	}
	return nil // not reached: Exec returns only on failure
}
