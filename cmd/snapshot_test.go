package cmd

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/cache/snapshot"
)

// Every build answers on first use with no network and no cache, from the
// landscape it embeds, and says how old that is; the guide is there too.
func TestSnapshotAnswersOffline(t *testing.T) {
	info, ok := snapshot.Info()
	if !ok {
		t.Fatal("no snapshot is embedded; run go run ./cache/snapshot/gen")
	}
	p := &proc{t: t, bin: cnlBinary(t), env: []string{"CNL_CACHE_DIR=" + filepath.Join(t.TempDir(), "empty"), "CNL_URL=", "CNL_LANDSCAPE="}}
	// No network: every source is a closed port.
	p.env = append(p.env, "HTTPS_PROXY=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:1", "NO_PROXY=")
	out, errOut, code := p.run("search", "runtime")
	if code != 0 || !strings.Contains(out, "containerd\t") {
		t.Fatalf("offline first use: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "built into cnl, from "+info.Date) {
		t.Errorf("the snapshot's date is not told: %q", errOut)
	}
	out, _, _ = p.run("version")
	if !strings.Contains(out, "snapshot: "+info.Date) || !strings.Contains(out, "built-in snapshot") || !strings.Contains(out, "CC-BY-4.0") {
		t.Errorf("version does not name the embedded data and its licence:\n%s", out)
	}
	// Once installed in the cache, later commands answer from it.
	if out, _, code := p.run("show", "talos"); code != 0 || !strings.Contains(out, "name: Talos Linux") {
		t.Errorf("show after the snapshot: %d\n%s", code, out)
	}
	if out, _, code := p.run("cache"); code != 0 || !strings.Contains(out, "guide:") || strings.Contains(out, "guide:         none") {
		t.Errorf("the snapshot's guide is not in the cache:\n%s", out)
	}
}
