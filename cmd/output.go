package cmd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Streams carries where output goes and what kind of place that is. Commands
// write only to these, never to os.Stdout, so tests can run them with
// buffers, as a terminal or as a pipe.
type Streams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	OutTTY bool // stdout is a terminal: tables, cards, colour
	ErrTTY bool // stderr is a terminal: progress
	Width  int  // of stdout; 80 when unknown, capped at maxWidth
	Height int  // of stdout; 0 when unknown
	Color  bool // colour and styles on stdout
}

const (
	defaultWidth = 80
	maxWidth     = 400 // a sanity bound on COLUMNS; views cap their own text
)

// systemStreams describes the process's own stdin, stdout and stderr. When
// stdout is not a terminal it is buffered (a listing is one write, not one
// per line); call flush before exiting.
func systemStreams() (s *Streams, flush func() error) {
	s = &Streams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Width: defaultWidth}
	flush = func() error { return nil }
	s.OutTTY = term.IsTerminal(int(os.Stdout.Fd()))
	if !s.OutTTY {
		out := bufio.NewWriterSize(os.Stdout, 16<<10)
		s.Out, s.ErrOut, flush = out, flushFirst{out, os.Stderr}, out.Flush
	}
	s.ErrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	if s.OutTTY {
		if w, h, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
			s.Width, s.Height = w, h
		}
	}
	if c, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && c > 0 {
		s.Width = c
	}
	s.Width = min(s.Width, maxWidth)
	s.Color = colorWanted(s.OutTTY)
	return s, flush
}

// tableWidth is the width lines are cut to: the terminal's, or 0 (no
// limit) when the output is piped.
func (s *Streams) tableWidth() int {
	if !s.OutTTY {
		return 0
	}
	return s.Width
}

// page writes out, through a pager when stdout is a terminal and out is
// longer than the screen, as git and gh do: $CNL_PAGER, else $PAGER,
// else less, with LESS=FRX unless LESS is set. An empty CNL_PAGER, "cat",
// --no-pager or a pipe write directly; so does a pager that cannot start.
func (s *Streams) page(out []byte, off bool) error {
	pager := os.Getenv("CNL_PAGER")
	if pager == "" {
		pager = os.Getenv("PAGER")
	}
	if _, set := os.LookupEnv("CNL_PAGER"); set && os.Getenv("CNL_PAGER") == "" {
		off = true
	}
	if pager == "" {
		pager = "less"
	}
	lines := bytes.Count(out, []byte("\n"))
	if off || !s.OutTTY || s.Height <= 0 || lines < s.Height || pager == "cat" {
		_, err := s.Out.Write(out)
		return err
	}
	// As git does: the pager is a shell command ("less -R", a quoted path
	// with spaces, a pipeline); Windows has no sh, so its words are run.
	cmd := exec.Command("sh", "-c", pager)
	if runtime.GOOS == "windows" {
		args := strings.Fields(pager)
		cmd = exec.Command(args[0], args[1:]...)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(out), s.Out, s.ErrOut
	cmd.Env = os.Environ()
	if _, ok := os.LookupEnv("LESS"); !ok {
		cmd.Env = append(cmd.Env, "LESS=FRX")
	}
	// Ctrl-C reaches the pager too: cnl waits for it, as git does,
	// instead of dying and leaving it on the terminal without a parent.
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	defer signal.Stop(interrupts)
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		// sh's 126 and 127: the pager cannot run, so the text is written
		// here; any other exit is the pager's (quitting it early is no
		// failure).
		if errors.As(err, &exit) && exit.ExitCode() != 126 && exit.ExitCode() != 127 {
			return nil
		}
		_, err = s.Out.Write(out)
		return err
	}
	return nil
}

// paged runs write with stdout buffered and pages what it wrote (see
// page): long cards and lists scroll in the pager on a terminal, as diff
// and guide do.
func (s *Streams) paged(off bool, write func(s *Streams) error) error {
	if !s.OutTTY || off {
		return write(s)
	}
	var b bytes.Buffer
	buffered := *s
	buffered.Out = &b
	if err := write(&buffered); err != nil {
		s.Out.Write(b.Bytes())
		return err
	}
	return s.page(b.Bytes(), false)
}

// pagedRun runs a command whose output may be long with stdout buffered,
// and pages it on a terminal (see paged).
func (g *globalOptions) pagedRun(run func() error) error {
	s := g.streams
	if !s.OutTTY || g.noPager {
		return run()
	}
	out := s.Out
	var b bytes.Buffer
	s.Out = &b
	err := run()
	s.Out = out
	if err != nil {
		out.Write(b.Bytes())
		return err
	}
	return s.page(b.Bytes(), false)
}

// flushFirst writes to w after flushing the buffered stdout, so that
// 2>&1 keeps stdout and stderr lines in the order they were written.
type flushFirst struct {
	out *bufio.Writer
	w   io.Writer
}

func (f flushFirst) Write(p []byte) (int, error) {
	f.out.Flush()
	return f.w.Write(p)
}

// colorWanted follows the conventions of https://no-color.org and
// https://bixense.com/clicolors: NO_COLOR wins, then CLICOLOR_FORCE, then
// CLICOLOR=0; otherwise colour only on a terminal that is not "dumb".
func colorWanted(tty bool) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	if v := os.Getenv("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	if os.Getenv("CLICOLOR") == "0" || os.Getenv("TERM") == "dumb" {
		return false
	}
	return tty
}

// Output formats of -o.
const (
	formatTable = "table"
	formatJSON  = "json"
	formatYAML  = "yaml"
	formatPlain = "plain"
	// formatMarkdown is for commands that mark themselves with
	// markdownOK: a table to paste into GitHub.
	formatMarkdown = "markdown"
)

// markdownOK is the annotation of commands that can write -o markdown.
var markdownOK = map[string]string{"output": "markdown"}

// markdownCommands names the commands that write -o markdown.
func markdownCommands(root *cobra.Command) string {
	var names []string
	for _, c := range root.Commands() {
		if c.Annotations["output"] == "markdown" {
			names = append(names, c.Name())
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// outputFormat resolves -o: "table" on a terminal and "plain" when piped
// unless asked otherwise.
func outputFormat(flag string, s *Streams) (string, error) {
	switch flag {
	case "":
		if s.OutTTY {
			return formatTable, nil
		}
		return formatPlain, nil
	case formatTable, formatJSON, formatYAML, formatPlain, formatMarkdown:
		return flag, nil
	case "md":
		return formatMarkdown, nil
	}
	return "", usageErrorf("unknown output format %q (want table, plain, json, yaml or markdown)", flag)
}

// fprintf writes to w; output errors (a closed pipe) surface on the final
// write of a command, so intermediate ones are not checked.
func fprintf(w io.Writer, format string, a ...any) { fmt.Fprintf(w, format, a...) }
