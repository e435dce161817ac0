// Package cmd is cnl's command line: the cobra commands, one file each,
// their flags and help, and the words they say errors and hints in. What
// they answer is cmd/internal/answer's, shared with the MCP service
// (cmd/internal/mcpservice); what they draw is cmd/internal/ui's.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// Main runs cnl with the process's arguments and streams and returns the
// exit code. serveMCP serves cnl mcp (cnl-mcp passes its server; cnl
// passes nil and runs cnl-mcp for it): a parameter, not a global to set.
func Main(serveMCP MCPServe) (code int) {
	s, flush := ui.SystemStreams()
	code = run(context.Background(), s, time.Now, serveMCP, os.Args[1:])
	if err := flush(); err != nil && code == exitOK && !errors.Is(err, syscall.EPIPE) {
		fmt.Fprintln(os.Stderr, "cnl: "+errorLine(err))
		code = exitFailure
	}
	return code
}

// interruptible returns ctx, cancelled by Ctrl-C or SIGTERM, for work that
// downloads: a cancelled download stops cleanly and says so. It is armed
// there only, because handling signals costs a command a goroutine, a
// thread and a millisecond's worth of scheduling, and a query has nothing
// to clean up.
func interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
}

// run executes one command line; errors are mapped to exit codes here alone.
// now is the clock: time.Now, or a test's; serveMCP is Main's.
func run(ctx context.Context, s *ui.Streams, now func() time.Time, serveMCP MCPServe, args []string) int {
	root := newRootCmd(s, now, serveMCP)
	root.SetArgs(args)
	// The cache's index is read through a memory mapping.
	err := cache.Guard(func() error { return root.ExecuteContext(ctx) })
	if err == nil {
		return exitOK
	}
	var code exitCodeError
	if errors.As(err, &code) {
		return int(code) // a program cnl ran said why
	}
	msg := "cnl: " + errorLine(err)
	if h := hint(err); h != "" {
		msg += " (" + h + ")"
	}
	fmt.Fprintln(s.ErrOut, msg)
	var ue *answer.UsageError
	var long *landscape.TooLongError
	// cobra reports an unknown subcommand as a plain error.
	if errors.As(err, &ue) || errors.As(err, &long) || strings.HasPrefix(err.Error(), "unknown command") {
		return exitUsage
	}
	return exitFailure
}

// exitCodeError ends cnl with the exit code of a program it ran, which
// has said why on stderr itself.
type exitCodeError int

func (e exitCodeError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// errorLine is an error as one line, sanitised, however it was built, and
// cut to maxErrorLine cells: a message that echoes what it was given
// (a 100 KB flag value) does not echo it whole.
func errorLine(err error) string {
	return ui.Truncate(lexicon.Squash(ui.Clean(strings.ReplaceAll(err.Error(), "\n", "; "))), answer.MaxErrorLine)
}
