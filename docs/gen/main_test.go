package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The committed reference is what the commands make of it: it fails when
// docs/cli or docs/man drift from the commands (run go run ./docs/gen).
func TestReferenceUpToDate(t *testing.T) {
	date, err := pageDate("", "")
	if err != nil {
		t.Fatal(err)
	}
	gen := t.TempDir()
	cli, man := filepath.Join(gen, "cli"), filepath.Join(gen, "man")
	if err := generate(cli, man, date, false); err != nil {
		t.Fatal(err)
	}
	compareDirs(t, cli, filepath.Join("..", "cli"))
	compareDirs(t, man, filepath.Join("..", "man"))
}

// Each page is titled after its command and dated from the source; cnl(1)
// has the sections a man page reader looks for; packages get them gzipped.
func TestManPages(t *testing.T) {
	dir := t.TempDir()
	date := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	if err := generate("", dir, date, false); err != nil {
		t.Fatal(err)
	}
	search, _ := os.ReadFile(filepath.Join(dir, "cnl-search.1"))
	if !bytes.Contains(search, []byte(`.TH "CNL-SEARCH" "1" "Nov 2026"`)) {
		t.Errorf("cnl-search.1 begins %q", search[:min(len(search), 60)])
	}
	top, _ := os.ReadFile(filepath.Join(dir, "cnl.1"))
	for _, sec := range []string{".SH ENVIRONMENT", "CNL_CACHE_DIR", ".SH EXIT STATUS", ".SH FILES", "current.json", ".SH SEE ALSO"} {
		if !bytes.Contains(top, []byte(sec)) {
			t.Errorf("cnl.1 lacks %q", sec)
		}
	}
	if env, err := os.ReadFile(filepath.Join(dir, "cnl-environment.1")); err != nil || !bytes.Contains(env, []byte("NO_COLOR")) {
		t.Errorf("cnl-environment.1: %v", err)
	}
	if d, err := pageDate("", "1764000000"); err != nil || d.Format("2006-01-02") != "2025-11-24" {
		t.Errorf("SOURCE_DATE_EPOCH: %v %v", d, err)
	}
	gz := t.TempDir()
	if err := generate("", gz, date, true); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(gz)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".1.gz") {
			t.Errorf("%s is not a gzipped page", e.Name())
		}
	}
	again := t.TempDir()
	generate("", again, date, true)
	a, _ := os.ReadFile(filepath.Join(gz, "cnl.1.gz"))
	b, _ := os.ReadFile(filepath.Join(again, "cnl.1.gz"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("gzipped pages are not reproducible")
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
	const hint = "; run: go run ./docs/gen"
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
