package answer

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

// WritePlainCard writes the card as stable "key: value" lines for scripts:
// the same keys, in the same order, for every item.
func WritePlainCard(w io.Writer, x *landscape.Index, res search.Resolution, now time.Time) error {
	it := res.Item
	// Only the fields the item has: a script tests for a key's presence,
	// a person does not read thirty empty ones.
	line := func(key, value string) {
		if value != "" {
			fmt.Fprintf(w, "%s: %s\n", key, value)
		}
	}
	line("name", ui.Clean(it.Name))
	line("slug", ui.Clean(it.Slug))
	line("maturity", ui.Clean(it.Maturity))
	for _, f := range ui.Card(x, it, now) {
		line(f.Key, f.Joined("; "))
		if f.Key == "description" {
			line("description_source", ui.Clean(it.About().Source))
		}
	}
	others := make([]string, len(res.Others))
	for i, o := range res.Others {
		others[i] = ui.Clean(o.Name)
	}
	line("other_matches", strings.Join(others, "; "))
	return nil
}

// WritePlainStats writes "section<TAB>name<TAB>count" lines for scripts.
func WritePlainStats(w io.Writer, st landscape.Stats) {
	fmt.Fprintf(w, "total\titems\t%d\n", st.Items)
	for _, c := range st.Categories {
		fmt.Fprintf(w, "category\t%s\t%d\n", ui.Clean(c.Name), c.Count)
		for _, sc := range c.Subcategories {
			fmt.Fprintf(w, "subcategory\t%s/%s\t%d\n", ui.Clean(c.Name), ui.Clean(sc.Name), sc.Count)
		}
	}
	for _, m := range st.Maturity {
		fmt.Fprintf(w, "maturity\t%s\t%d\n", ui.Clean(m.Name), m.Count)
	}
	for _, y := range st.Accepted {
		fmt.Fprintf(w, "accepted\t%s\t%d\n", y.Name, y.Count)
	}
	fmt.Fprintf(w, "repository\twith\t%d\nrepository\twithout\t%d\n", st.WithRepo, st.WithoutRepo)
}

func BoolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
