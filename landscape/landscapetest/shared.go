// Package landscapetest finds the real data that tests and benchmarks
// read: the shared directory beside the repository (../shared), or the one
// $CNL_SHARED_LANDSCAPE names for its landscape part. One policy for every
// package: a file ../shared lacks is taken from the snapshot every build
// embeds when it holds the same bytes (the 2026-08-07 CNCF site, which CI
// checks it against); any other missing file fails the test and says where
// it looked. No real-data test is ever skipped. Only tests import it.
package landscapetest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cnl-dev/cnl/cache/snapshot"
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

// Path is the path of a file of the real landscape directory (or of the
// snapshot's copy of it, written to a temporary directory).
func Path(tb testing.TB, name string) string {
	tb.Helper()
	p, err := filepath.Abs(filepath.Join(Dir(tb), name))
	if err == nil {
		_, err = os.Stat(p)
	}
	if err == nil {
		return p
	}
	b, ok := fromSnapshot(name)
	if !ok {
		tb.Fatalf("real landscape data is missing (%v): ../shared must be beside the repository, or set CNL_SHARED_LANDSCAPE", err)
	}
	p = filepath.Join(tb.TempDir(), filepath.Base(name))
	if err := os.WriteFile(p, b, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// File is the content of a file of the real landscape directory (or the
// snapshot's copy of it).
func File(tb testing.TB, name string) []byte {
	tb.Helper()
	if b, err := os.ReadFile(filepath.Join(Dir(tb), name)); err == nil {
		return b
	}
	b, err := os.ReadFile(Path(tb, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// fromSnapshot is a file of ../shared that the embedded snapshot holds too,
// byte for byte.
func fromSnapshot(name string) ([]byte, bool) {
	data, guide, settings, ok := snapshot.Files()
	if !ok {
		return nil, false
	}
	switch name {
	case "landscape-2026-08-07.yml", "sites/cncf/sources/data.yml":
		return data, true
	case "sites/cncf/sources/guide.yml":
		return guide, true
	case "sites/cncf/sources/settings.yml":
		return settings, true
	}
	return nil, false
}

// Glossary is the CNCF Glossary's content directory (../shared/glossary),
// or "" when ../shared lacks it: the glossary every build embeds then
// stands in (see snapshot.GlossaryTerms).
func Glossary(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(Dir(tb), "..", "glossary", "content")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}
