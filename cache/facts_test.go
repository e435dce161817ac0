package cache

import (
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

// A facts file of a cache written before organisations were kept (a plain
// map of repositories) still reads; the current one round-trips, with "<"
// kept as it is rather than escaped to six bytes.
func TestFactsFileLayouts(t *testing.T) {
	old := `{"github.com/a/b": {"url": "https://github.com/a/b", "description": "old <layout>", "stars": 7}}`
	f, err := decodeFacts([]byte(old))
	if err != nil || f.Repositories["github.com/a/b"] == nil || f.Repositories["github.com/a/b"].Stars != 7 {
		t.Fatalf("old layout: %+v %v", f, err)
	}
	f.Organizations = map[string]string{"crunchbase.com/organization/x": "X <makes> things"}
	b, err := EncodeFacts(f)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `\u003c`) || !strings.Contains(string(b), "old <layout>") {
		t.Errorf("encoded: %s", b)
	}
	back, err := decodeFacts(b)
	if err != nil || back.Repositories["github.com/a/b"].Description != "old <layout>" || back.Organizations["crunchbase.com/organization/x"] != "X <makes> things" {
		t.Errorf("round trip: %+v %v", back, err)
	}
	if _, err := decodeFacts([]byte(`[1,2]`)); err == nil {
		t.Error("a list read as facts")
	}
	var none landscape.Facts
	if b, err := EncodeFacts(&none); err != nil || strings.TrimSpace(string(b)) != `{"repositories":null}` {
		t.Errorf("no facts: %s %v", b, err)
	}
}
