// Command gen writes cnl's reference from its commands: Markdown pages in
// docs/cli and man pages in docs/man, one per command, titled after it
// (CNL-SEARCH(1)). cnl(1) gains ENVIRONMENT, EXIT STATUS and FILES.
//
//	go run ./docs/gen                      # the committed reference
//	go run ./docs/gen -man manpages -gzip -date 2026-11-25   # for packages
//
// The date is -date, else $SOURCE_DATE_EPOCH, else the fixed date of the
// committed reference, so the output is reproducible.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/cnl-dev/cnl/cmd"
)

// referenceDate dates the committed reference in docs/man; releases date
// their pages from the commit they are built from.
const referenceDate = "2026-11-25"

func main() {
	cli := flag.String("cli", "docs/cli", "directory for the Markdown pages; empty for none")
	man := flag.String("man", "docs/man", "directory for the man pages")
	gz := flag.Bool("gzip", false, "gzip the man pages, as packages install them")
	date := flag.String("date", "", "date of the man pages: YYYY-MM-DD or RFC 3339 (default $SOURCE_DATE_EPOCH, else "+referenceDate+")")
	flag.Parse()
	d, err := pageDate(*date, os.Getenv("SOURCE_DATE_EPOCH"))
	if err == nil {
		err = generate(*cli, *man, d, *gz)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func pageDate(flagDate, epoch string) (time.Time, error) {
	switch {
	case flagDate != "":
		if t, err := time.Parse(time.RFC3339, flagDate); err == nil {
			return t.UTC(), nil
		}
		return time.Parse("2006-01-02", flagDate)
	case epoch != "":
		n, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: %v", epoch, err)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Parse("2006-01-02", referenceDate)
}

// generate writes the pages afresh: stale pages of removed commands go.
func generate(cliDir, manDir string, date time.Time, gz bool) error {
	root := cmd.DocsRoot()
	root.InitDefaultCompletionCmd()
	if cliDir != "" {
		if err := fresh(cliDir); err != nil {
			return err
		}
		if err := doc.GenMarkdownTree(root, cliDir); err != nil {
			return err
		}
		env := "## cnl help environment\n\n" + "```\n" + cmd.EnvironmentHelp() + "\n```\n\n### SEE ALSO\n\n* [cnl](cnl.md)\t - explore the CNCF Cloud Native Landscape\n"
		if err := os.WriteFile(filepath.Join(cliDir, "cnl_help_environment.md"), []byte(env), 0o644); err != nil {
			return err
		}
	}
	if err := fresh(manDir); err != nil {
		return err
	}
	// No Title: cobra then titles each page after its command.
	header := &doc.GenManHeader{Section: "1", Date: &date, Source: "cnl", Manual: "cnl manual"}
	if err := doc.GenManTree(root, header, manDir); err != nil {
		return err
	}
	if err := addSections(filepath.Join(manDir, "cnl.1")); err != nil {
		return err
	}
	if err := environmentPage(root, header, manDir); err != nil {
		return err
	}
	if gz {
		return gzipAll(manDir)
	}
	return nil
}

func fresh(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.MkdirAll(dir, 0o755)
}

// addSections puts ENVIRONMENT, EXIT STATUS and FILES into cnl(1), before
// SEE ALSO.
func addSections(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var s bytes.Buffer
	s.WriteString(".SH ENVIRONMENT\n")
	s.WriteString(list(cmd.EnvironmentHelp()))
	s.WriteString(".SH EXIT STATUS\n")
	for _, l := range strings.Split(cmd.ExitStatus, "\n") {
		code, what, _ := strings.Cut(l, "  ")
		fmt.Fprintf(&s, ".TP\n\\fB%s\\fP\n%s\n", code, roff(strings.TrimSpace(what)))
	}
	s.WriteString(".SH FILES\n")
	lines := strings.Split(cmd.Files, "\n")
	for i := 0; i+1 < len(lines); i += 2 {
		fmt.Fprintf(&s, ".TP\n\\fI%s\\fP\n%s\n", roff(lines[i]), roff(strings.TrimSpace(lines[i+1])))
	}
	at := bytes.Index(b, []byte(".SH SEE ALSO"))
	if at < 0 {
		at = len(b)
	}
	out := append(append(append([]byte{}, b[:at]...), s.Bytes()...), b[at:]...)
	return os.WriteFile(path, out, 0o644)
}

// list turns the environment topic, "NAME  text" with indented
// continuation lines, into a roff list.
func list(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if !strings.HasPrefix(l, "  ") {
			continue // the introduction
		}
		if l[2] != ' ' { // a new variable
			name, rest, _ := strings.Cut(strings.TrimSpace(l), "  ")
			fmt.Fprintf(&b, ".TP\n\\fB%s\\fP\n%s\n", roff(name), roff(strings.TrimSpace(rest)))
			continue
		}
		fmt.Fprintf(&b, "%s\n", roff(strings.TrimSpace(l)))
	}
	return b.String()
}

// roff escapes text for a man page: backslashes, and a leading dot or
// quote that roff would read as a request.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// environmentPage writes cnl-environment(1) for "cnl help environment",
// which cobra leaves out as a help topic.
func environmentPage(root *cobra.Command, header *doc.GenManHeader, dir string) error {
	var topic *cobra.Command
	for _, c := range root.Commands() {
		if c.Name() == "environment" {
			topic = c
		}
	}
	if topic == nil {
		return nil
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, ".nh\n.TH \"CNL-ENVIRONMENT\" \"%s\" \"%s\" \"%s\" \"%s\"\n", header.Section, header.Date.Format("Jan 2006"), header.Source, header.Manual)
	b.WriteString(".SH NAME\ncnl\\-environment \\- " + roff(topic.Short) + "\n")
	b.WriteString(".SH SYNOPSIS\n\\fBcnl help environment\\fP\n.SH DESCRIPTION\n")
	b.WriteString(list(topic.Long))
	b.WriteString(".SH SEE ALSO\n\\fBcnl(1)\\fP\n")
	return os.WriteFile(filepath.Join(dir, "cnl-environment.1"), b.Bytes(), 0o644)
}

// gzipAll replaces every page with its gzipped form, reproducibly (no
// name or time in the header).
func gzipAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		w.Write(b)
		if err := w.Close(); err != nil {
			return err
		}
		if err := os.WriteFile(p+".gz", z.Bytes(), 0o644); err != nil {
			return err
		}
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return nil
}
