package cmd

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cnl-dev/cnl/landscape"
)

func TestStats(t *testing.T) {
	c := fixtureCLI(t)
	var st landscape.Stats
	if err := json.Unmarshal([]byte(c.ok("stats", "-o", "json")), &st); err != nil {
		t.Fatal(err)
	}
	if st.Items == 0 || st.WithRepo+st.WithoutRepo != st.Items || len(st.Categories) != 9 {
		t.Errorf("stats = %+v", st)
	}
	plain := lines(c.ok("stats"))
	if plain[0] != fmt.Sprintf("total\titems\t%d", st.Items) {
		t.Errorf("plain first line = %q", plain[0])
	}
	c.tty, c.width = true, 60
	out := c.ok("stats")
	if !strings.Contains(out, "By maturity") || !strings.Contains(out, "█") {
		t.Errorf("terminal stats:\n%s", out)
	}
	for _, l := range lines(out) {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
	}
}
