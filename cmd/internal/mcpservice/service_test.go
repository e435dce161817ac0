package mcpservice

import (
	"go/build"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

// sanitize reaches every string of an output, embedded types, slices,
// pointers and maps included.
func TestSanitizeReachesEveryString(t *testing.T) {
	o := SearchOut{Results: []SearchHit{{Item: Item{Category: "Evil \x1b[31m", Summary: "a\u202eb"}, Why: []string{"\x07bell"}}}}
	sanitize(&o)
	if got := o.Results[0]; got.Category != "Evil ␛[31m" || got.Summary != "ab" || got.Why[0] != "␇bell" {
		t.Errorf("%+v", got)
	}
	d := ChangesOut{Fetched: "x\x1b", Diff: &landscape.Diff{}}
	d.Diff.Added = append(d.Diff.Added, landscape.Entry{Name: "n\x9b", Listings: []string{"p\x1b"}})
	sanitize(&d)
	if d.Fetched != "x␛" || d.Diff.Added[0].Name != "n\uFFFD" || d.Diff.Added[0].Listings[0] != "p␛" {
		t.Errorf("%+v", d)
	}
}

// The service stands on its own: the command line is a sibling that
// shares its answers (package answer), never a floor it stands on.
func TestTheServiceDoesNotImportTheCommandLine(t *testing.T) {
	p, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range p.Imports {
		if imp == "github.com/cnl-dev/cnl/cmd" || strings.Contains(imp, "modelcontextprotocol") {
			t.Errorf("mcpservice imports %s", imp)
		}
	}
}
