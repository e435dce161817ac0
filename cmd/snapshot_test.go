//go:build snapshot

package cmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/cache/snapshot"
)

// A release build (tag snapshot) answers on first use with no network and
// no cache, from the landscape it embeds, and says how old that is. Run
// after go run ./cache/snapshot/gen; .ci/run does both.
func TestSnapshotBuildAnswersOffline(t *testing.T) {
	info, ok := snapshot.Info()
	if !ok {
		t.Fatal("built with the snapshot tag but no snapshot is embedded; run go run ./cache/snapshot/gen first")
	}
	bin := filepath.Join(t.TempDir(), "cnl")
	if out, err := exec.Command("go", "build", "-tags", "snapshot", "-o", bin, "../cmd/cnl").CombinedOutput(); err != nil {
		t.Fatalf("go build -tags snapshot: %v\n%s", err, out)
	}
	p := &proc{t: t, bin: bin, env: []string{"CNL_CACHE_DIR=" + filepath.Join(t.TempDir(), "empty"), "CNL_URL=" + closedURL(t)}}
	out, errOut, code := p.run("search", "runtime")
	if code != 0 || !strings.Contains(out, "containerd\t") {
		t.Fatalf("offline first use: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "built into cnl, from "+info.Date) {
		t.Errorf("the snapshot's date is not told: %q", errOut)
	}
	out, _, _ = p.run("version")
	if !strings.Contains(out, "snapshot: "+info.Date) || !strings.Contains(out, "embedded snapshot") {
		t.Errorf("version does not name the embedded data:\n%s", out)
	}
	// Once installed in the cache, later commands answer from it.
	if out, _, code := p.run("show", "talos"); code != 0 || !strings.Contains(out, "name: Talos Linux") {
		t.Errorf("show after the snapshot: %d\n%s", code, out)
	}
	_ = os.Remove(bin)
}
