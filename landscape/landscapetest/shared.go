// Package landscapetest finds the real data that tests and benchmarks
// read: the shared directory beside the repository (../shared), or the one
// $CNL_SHARED_LANDSCAPE names for its landscape part. One policy for every
// package: a missing file fails the test and says where it looked; no
// real-data test is ever skipped. Only tests import it.
package landscapetest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir is the real landscape directory (../shared/landscape).
func Dir(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv("CNL_SHARED_LANDSCAPE"); d != "" {
		return d
	}
	// Tests run in their package's directory, at any depth: the module's
	// root is where go.mod is.
	dir, err := os.Getwd()
	for err == nil {
		if _, serr := os.Stat(filepath.Join(dir, "go.mod")); serr == nil {
			return filepath.Join(filepath.Dir(dir), "shared", "landscape")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	tb.Fatalf("cannot find the repository's root (go.mod) to find ../shared; set CNL_SHARED_LANDSCAPE")
	return ""
}

// Path is the path of a file of the real landscape directory, which must
// exist.
func Path(tb testing.TB, name string) string {
	tb.Helper()
	p, err := filepath.Abs(filepath.Join(Dir(tb), name))
	if err == nil {
		_, err = os.Stat(p)
	}
	if err != nil {
		tb.Fatalf("real landscape data is missing (%v): ../shared must be beside the repository, or set CNL_SHARED_LANDSCAPE", err)
	}
	return p
}

// File is the content of a file of the real landscape directory.
func File(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(Path(tb, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Glossary is the CNCF Glossary's content directory (../shared/glossary).
func Glossary(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(Dir(tb), "..", "glossary", "content")
	if _, err := os.Stat(dir); err != nil {
		tb.Fatalf("the glossary is missing (%v): ../shared/glossary must be beside the repository", err)
	}
	return dir
}
