package ui

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

	"golang.org/x/term"

	"github.com/cnl-dev/cnl/landscape"
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

	styles *Styles
}

// Styles are the styles for stdout: made once, from Color.
func (s *Streams) Styles() *Styles {
	if s.styles == nil || s.styles.Color != s.Color {
		s.styles = NewStyles(s.Color)
	}
	return s.styles
}

const (
	defaultWidth = 80
	maxWidth     = 400 // a sanity bound on COLUMNS; views cap their own text
)

// SystemStreams describes the process's own stdin, stdout and stderr. When
// stdout is not a terminal it is buffered (a listing is one write, not one
// per line); call flush before exiting.
func SystemStreams() (s *Streams, flush func() error) {
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
	s.Color = ColorWanted(s.OutTTY)
	return s, flush
}

// TableWidth is the width lines are cut to: the terminal's, or 0 (no
// limit) when the output is piped.
func (s *Streams) TableWidth() int {
	if !s.OutTTY {
		return 0
	}
	return s.Width
}

// Page writes out, through a pager when stdout is a terminal and out is
// longer than the screen, as git and gh do: $CNL_PAGER, else $PAGER,
// else less, with LESS=FRX unless LESS is set. An empty CNL_PAGER, "cat",
// --no-pager or a pipe write directly; so does a pager that cannot start.
func (s *Streams) Page(out []byte, off bool) error {
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

// Paged runs write with stdout buffered and pages what it wrote (see
// Page): long cards and lists scroll in the pager on a terminal, as diff
// and guide do. While write runs, s.Out is the buffer, for whatever holds
// s; on an error what was written is shown unpaged.
func (s *Streams) Paged(off bool, write func(s *Streams) error) error {
	if !s.OutTTY || off {
		return write(s)
	}
	var b bytes.Buffer
	out := s.Out
	s.Out = &b
	err := write(s)
	s.Out = out
	if err != nil {
		out.Write(b.Bytes())
		return err
	}
	return s.Page(b.Bytes(), false)
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

// ColorWanted follows the conventions of https://no-color.org and
// https://bixense.com/clicolors: NO_COLOR wins, then CLICOLOR_FORCE, then
// CLICOLOR=0; otherwise colour only on a terminal that is not "dumb".
func ColorWanted(tty bool) bool {
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

// Format is an output format of -o.
type Format string

const (
	Table Format = "table"
	JSON  Format = "json"
	YAML  Format = "yaml"
	Plain Format = "plain"
	// Markdown is for the commands that can write it: a table to paste
	// into GitHub.
	Markdown Format = "markdown"
)

// Data reports whether f is JSON or YAML: the data itself, not a view.
func (f Format) Data() bool { return f == JSON || f == YAML }

// ParseFormat resolves -o: "table" on a terminal and "plain" when piped
// unless asked otherwise; "md" is markdown.
func ParseFormat(flag string, outTTY bool) (Format, error) {
	switch f := Format(flag); f {
	case "":
		if outTTY {
			return Table, nil
		}
		return Plain, nil
	case Table, JSON, YAML, Plain, Markdown:
		return f, nil
	case "md":
		return Markdown, nil
	}
	return "", fmt.Errorf("unknown output format %s (want table, plain, json, yaml or markdown)", landscape.Quote(flag))
}

// A View is what a command has to show, in each format it writes, so that
// which format gets what is decided in one place (Show): JSON and YAML are
// always the data, written the same way by every command.
type View struct {
	Data     func() any              // -o json and -o yaml: made only then
	Plain    func(w io.Writer) error // piped: lines for scripts
	Table    func(s *Streams) error  // a terminal: what people read
	Markdown func(w io.Writer) error // -o markdown; nil for a view without
}

// Show writes v in format f: a format the view has no writer for falls
// back to its table (commands accept -o markdown only where they have one).
func (s *Streams) Show(f Format, v View) error {
	switch {
	case f.Data():
		return WriteData(s.Out, f, v.Data())
	case f == Markdown && v.Markdown != nil:
		return v.Markdown(s.Out)
	case f == Plain && v.Plain != nil:
		return v.Plain(s.Out)
	}
	return v.Table(s)
}
