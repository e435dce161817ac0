package cmd

import (
	"os"
	"syscall"
)

// maxRSS is the most memory a finished process held, in bytes (macOS
// counts it in bytes).
func maxRSS(ps *os.ProcessState) int64 { return ps.SysUsage().(*syscall.Rusage).Maxrss }
