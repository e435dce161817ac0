//go:build !unix

package cmd

import "context"

// execProgram runs path as a child where a process cannot replace itself.
func execProgram(ctx context.Context, path string, args []string) error {
	return runProgram(ctx, path, args)
}
