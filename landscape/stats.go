package landscape

import (
	"slices"
	"strconv"
	"strings"
)

// Stats are counts over the whole landscape.
type Stats struct {
	Items       int             `json:"items"`
	Categories  []CategoryCount `json:"categories"`
	Maturity    []Count         `json:"maturity"`     // graduated, incubating, sandbox, archived, then others; "none" for non-CNCF items
	Accepted    []Count         `json:"accepted"`     // CNCF projects by the year of extra.accepted
	WithRepo    int             `json:"with_repo"`    // items with a repo_url
	WithoutRepo int             `json:"without_repo"` // items without one
}

// Count is a named number.
type Count struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// CategoryCount counts a category's items (each once) and each
// subcategory's, second_path listings included.
type CategoryCount struct {
	Name          string  `json:"name"`
	Count         int     `json:"count"`
	Subcategories []Count `json:"subcategories"`
}

// NoMaturity names items that are not CNCF projects in Stats.Maturity.
const NoMaturity = "none"

// Stats counts the landscape, from the items' summaries and the search
// index's flags: no item is read in full.
func (x *Index) Stats() Stats {
	st := Stats{Items: x.Len()}
	for _, c := range x.Categories {
		cc := CategoryCount{Name: c.Name, Count: c.Count(), Subcategories: []Count{}}
		for _, s := range c.Subcategories {
			cc.Subcategories = append(cc.Subcategories, Count{s.Name, len(s.Items)})
		}
		st.Categories = append(st.Categories, cc)
	}
	maturity := map[string]int{}
	years := map[string]int{}
	kind := x.kinds()
	for i := range x.Len() {
		sum := x.Summary(i)
		m := sum.Maturity
		if m == "" {
			m = NoMaturity
		}
		maturity[m]++
		if a := sum.Accepted; len(a) >= 4 {
			if _, err := strconv.Atoi(a[:4]); err == nil {
				years[a[:4]]++
			}
		}
		if _, repo := kind(i); repo {
			st.WithRepo++
		} else {
			st.WithoutRepo++
		}
	}
	order := append(slices.Clone(Maturities), NoMaturity)
	for _, m := range order {
		st.Maturity = append(st.Maturity, Count{m, maturity[m]})
	}
	var others []string
	for m := range maturity {
		if !slices.Contains(order, m) {
			others = append(others, m)
		}
	}
	slices.Sort(others)
	for _, m := range others {
		st.Maturity = append(st.Maturity, Count{m, maturity[m]})
	}
	st.Accepted = []Count{}
	for y, n := range years {
		st.Accepted = append(st.Accepted, Count{y, n})
	}
	slices.SortFunc(st.Accepted, func(a, b Count) int { return strings.Compare(a.Name, b.Name) })
	return st
}
