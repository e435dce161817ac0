//go:build realdata

package cmd

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

// BenchmarkCommand runs whole commands in-process against a warm cache, so
// everything but process start-up is measured.
func BenchmarkCommand(b *testing.B) {
	dir := b.TempDir()
	b.Setenv("CNL_CACHE_DIR", dir)
	var out, errOut bytes.Buffer
	s := &ui.Streams{Out: &out, ErrOut: &errOut, Width: 80}
	if code := run(context.Background(), s, time.Now, nil, []string{"update", "--file", sharedLandscape(b)}); code != 0 {
		b.Fatalf("update: %s", errOut.String())
	}
	for _, args := range [][]string{{"search", "runtime"}, {"show", "containerd"}, {"list"}} {
		b.Run(args[0], func(b *testing.B) {
			for b.Loop() {
				out.Reset()
				if code := run(context.Background(), s, time.Now, nil, args); code != 0 {
					b.Fatalf("%v: %s", args, errOut.String())
				}
			}
		})
	}
}
