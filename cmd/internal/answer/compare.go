package answer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

// PickItems are the items to compare: the named ones, else the place's
// that q keeps, most mature first.
func PickItems(x *landscape.Index, names []string, q search.Query) ([]*landscape.Item, error) {
	if len(names) > 0 {
		var items []*landscape.Item
		for _, n := range names {
			res, err := search.Resolve(x, n)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(items, res.Item) {
				items = append(items, res.Item)
			}
		}
		return items, nil
	}
	rs, err := search.Search(x, q)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("nothing to compare there")
	}
	items := make([]*landscape.Item, len(rs))
	for i, r := range rs {
		items[i] = x.Item(r.Index)
	}
	slices.SortStableFunc(items, func(a, b *landscape.Item) int {
		return cmp.Or(cmp.Compare(maturityRank(a.Maturity), maturityRank(b.Maturity)), cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)))
	})
	return items, nil
}

// maturityRank orders most mature first; items outside the CNCF come last.
func maturityRank(m string) int {
	if i := slices.Index(landscape.Maturities, m); i >= 0 {
		return i
	}
	return len(landscape.Maturities)
}
