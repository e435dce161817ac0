// Package landscapetest finds the real data that tests and benchmarks
// read: the shared directory beside the repository (../shared), or the one
// $CNL_SHARED_LANDSCAPE names for its landscape part. One policy for every
// package: a file ../shared lacks is taken from the snapshot every build
// embeds (its committed files) when it holds the same bytes (the 2026-08-07 CNCF site, which CI
// checks it against); any other missing file fails the test and says where
// it looked. No real-data test is ever skipped. Only tests import it.
package landscapetest

import (
	"compress/gzip"
	"io"
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
	return filepath.Join(filepath.Dir(root(tb)), "shared", "landscape")
}

// root is the repository's root: tests run in their package's directory,
// at any depth, and the root is where go.mod is.
func root(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	for err == nil {
		if _, serr := os.Stat(filepath.Join(dir, "go.mod")); serr == nil {
			return dir
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
	b, ok := fromSnapshot(root(tb), name)
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

// fromSnapshot is a file of ../shared that the snapshot every build embeds
// holds too, byte for byte: read from the repository's committed copy
// (cache/snapshot), so that the domain's tests import nothing above it.
func fromSnapshot(root, name string) ([]byte, bool) {
	gz := map[string]string{
		"landscape-2026-08-07.yml":        "data.yml.gz",
		"sites/cncf/sources/data.yml":     "data.yml.gz",
		"sites/cncf/sources/guide.yml":    "guide.yml.gz",
		"sites/cncf/sources/settings.yml": "settings.yml.gz",
	}[name]
	if gz == "" {
		return nil, false
	}
	f, err := os.Open(filepath.Join(root, "cache", "snapshot", gz))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	r, err := gzip.NewReader(f)
	if err != nil {
		return nil, false
	}
	b, err := io.ReadAll(r)
	return b, err == nil
}

// Glossary is the CNCF Glossary's content directory (../shared/glossary),
// or "" when ../shared lacks it: the glossary every build embeds then
// stands in (see landscape/glossary).
func Glossary(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(Dir(tb), "..", "glossary", "content")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// KubernetesGlossary is the Kubernetes glossary's directory of English
// pages (../shared/k8s-glossary/en), or "" when ../shared lacks it.
func KubernetesGlossary(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(Dir(tb), "..", "k8s-glossary", "en")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}
