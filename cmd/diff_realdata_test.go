//go:build realdata

package cmd

import (
	"testing"

	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

func TestUpdateSummaryAndDiffRealSnapshots(t *testing.T) {
	checkUpdateSummaryAndDiff(t, diffCase{
		prev:     landscapetest.Path(t, "landscape-2026-02-09.yml"),
		cur:      sharedLandscape(t),
		force:    true,
		summary:  []string{"OpenTelemetry: incubating → graduated", "k8gb: sandbox → incubating", "added", "removed", "moved"},
		rename:   "Tekton Pipelines → Tekton",
		maturity: func(n int) bool { return n >= 7 },
	})
}
