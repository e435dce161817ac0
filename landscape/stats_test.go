package landscape_test

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cnl-dev/cnl/landscape/landscapetest"
)

// rawItems walks the raw file with a generic YAML decode, independent of
// the parser under test.
func rawItems(t *testing.T, raw []byte) (items []map[string]any, ownCount map[string]int, secondRefs map[string]bool) {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	ownCount, secondRefs = map[string]int{}, map[string]bool{}
	for _, c := range doc["landscape"].([]any) {
		cat := c.(map[string]any)
		for _, s := range cat["subcategories"].([]any) {
			sub := s.(map[string]any)
			path := cat["name"].(string) + "/" + sub["name"].(string)
			list, _ := sub["items"].([]any)
			ownCount[path] = len(list)
			for _, it := range list {
				m := it.(map[string]any)
				items = append(items, m)
				if sp, ok := m["second_path"].([]any); ok {
					for _, p := range sp {
						a, b, _ := strings.Cut(p.(string), "/")
						secondRefs[strings.TrimSpace(a)+"/"+strings.TrimSpace(b)] = true
					}
				}
			}
		}
	}
	return items, ownCount, secondRefs
}

func TestStatsMatchRawCounts(t *testing.T) {
	raw := landscapetest.File(t, landscapetest.Current)
	x := landscapetest.Real(t)
	st := x.Stats()
	items, own, refs := rawItems(t, raw)

	if st.Items != len(items) {
		t.Errorf("items = %d, raw has %d", st.Items, len(items))
	}
	maturity := map[string]int{}
	years := map[string]int{}
	withRepo := 0
	for _, it := range items {
		m, _ := it["project"].(string)
		if m == "" {
			m = "none"
		}
		maturity[m]++
		if extra, ok := it["extra"].(map[string]any); ok {
			if a, ok := extra["accepted"].(string); ok {
				years[a[:4]]++
			}
		}
		if r, _ := it["repo_url"].(string); r != "" {
			withRepo++
		}
	}
	for _, m := range st.Maturity {
		if m.Count != maturity[m.Name] {
			t.Errorf("maturity %s = %d, raw has %d", m.Name, m.Count, maturity[m.Name])
		}
	}
	if len(st.Accepted) != len(years) {
		t.Errorf("%d accepted years, raw has %d", len(st.Accepted), len(years))
	}
	for _, y := range st.Accepted {
		if y.Count != years[y.Name] {
			t.Errorf("accepted in %s = %d, raw has %d", y.Name, y.Count, years[y.Name])
		}
	}
	if st.WithRepo != withRepo || st.WithoutRepo != len(items)-withRepo {
		t.Errorf("with/without repo = %d/%d, raw has %d/%d", st.WithRepo, st.WithoutRepo, withRepo, len(items)-withRepo)
	}
	// A subcategory no second_path names holds exactly its own items.
	checked := 0
	for _, c := range st.Categories {
		for _, s := range c.Subcategories {
			path := c.Name + "/" + s.Name
			if !refs[path] {
				checked++
				if s.Count != own[path] {
					t.Errorf("%s = %d, raw has %d", path, s.Count, own[path])
				}
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d subcategories checked", checked)
	}
}
