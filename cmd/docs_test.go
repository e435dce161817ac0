package cmd

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spf13/cobra/doc"
)

// The CLI reference in docs/ is generated from the commands by this test,
// so that cobra/doc stays out of the binary. It fails when the committed
// docs drift from the commands; refresh them with
//
//	go test ./cmd -run TestDocsUpToDate -update
var updateDocs = flag.Bool("update", false, "rewrite docs/cli, docs/man and the golden files from the commands")

// docsDate is fixed so the man pages do not change with the day they are made.
var docsDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestDocsUpToDate(t *testing.T) {
	root := newRootCmd(&Streams{Out: io.Discard, ErrOut: io.Discard, Width: 80})
	root.DisableAutoGenTag = true
	root.InitDefaultCompletionCmd() // added at Execute time otherwise
	gen := t.TempDir()
	for _, d := range []string{"cli", "man"} {
		os.MkdirAll(filepath.Join(gen, d), 0o755)
	}
	if err := doc.GenMarkdownTree(root, filepath.Join(gen, "cli")); err != nil {
		t.Fatal(err)
	}
	header := &doc.GenManHeader{Title: "CNL", Section: "1", Date: &docsDate, Source: "cnl", Manual: "cnl manual"}
	if err := doc.GenManTree(root, header, filepath.Join(gen, "man")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"cli", "man"} {
		want := filepath.Join("..", "docs", d)
		if *updateDocs {
			os.RemoveAll(want)
			if err := os.CopyFS(want, os.DirFS(filepath.Join(gen, d))); err != nil {
				t.Fatal(err)
			}
			continue
		}
		compareDirs(t, filepath.Join(gen, d), want)
	}
}

func compareDirs(t *testing.T, generated, committed string) {
	t.Helper()
	names := func(dir string) map[string][]byte {
		m := map[string][]byte{}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			m[e.Name()] = b
		}
		return m
	}
	gen, com := names(generated), names(committed)
	const hint = "; run: go test ./cmd -run TestDocsUpToDate -update"
	for n, b := range gen {
		if c, ok := com[n]; !ok {
			t.Errorf("%s/%s is missing%s", committed, n, hint)
		} else if !bytes.Equal(b, c) {
			t.Errorf("%s/%s is out of date%s", committed, n, hint)
		}
	}
	for n := range com {
		if _, ok := gen[n]; !ok {
			t.Errorf("%s/%s documents no command%s", committed, n, hint)
		}
	}
}
