//go:build unix && !darwin

package cmd

import (
	"os"
	"syscall"
)

// maxRSS is the most memory a finished process held, in bytes (Linux and
// the BSDs count it in kilobytes).
func maxRSS(ps *os.ProcessState) int64 { return ps.SysUsage().(*syscall.Rusage).Maxrss * 1024 }
