package landscape_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

// item wraps fields into a one-item landscape; the item starts on line 8.
func item(fields string) string {
	return "landscape:\n  - category:\n    name: A\n    subcategories:\n      - subcategory:\n        name: B\n        items:\n          - item:\n            name: x\n" + fields
}

func billionLaughs() string {
	var b strings.Builder
	b.WriteString("            a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "            a%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return item(b.String())
}

// Hostile inputs fail with one line, naming the line where there is one,
// and never panic.
func TestHostileYAML(t *testing.T) {
	deep := item("            deep: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n")
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"billion laughs", billionLaughs(), "aliases expanded"},
		{"one big alias used often", aliasBomb(), "aliases expanded"},
		{"too many second paths", item("            second_path:\n" + strings.Repeat("              - Nowhere/At All\n", 101)), "at most 100"},
		{"a long flow list", item("            blob: [" + strings.Repeat("1,", 1_100_000) + "1]\n"), "YAML nodes, over the limit"},
		{"deep nesting", deep, "line"},
		{"duplicate keys", item("            homepage_url: https://a\n            homepage_url: https://b\n"), "duplicate key"},
		{"list for a string", item("            description: [a, b]\n"), "line 10"},
		{"map for a list", item("            second_path: {a: b}\n"), "line 10"},
		{"non-UTF-8", item("            description: \"caf\xe9\"\n"), "UTF-8"},
		{"empty", "", "empty"},
		{"only a comment", "# nothing\n", "empty"},
		{"no categories", "settings: {}\n", "no landscape"},
		{"categories not a list", "landscape: 42\n", "must be a list"},
		{"item not a mapping", "landscape:\n  - name: A\n    subcategories:\n      - name: B\n        items:\n          - just a string\n", "line 6"},
		{"huge nested unknown field", item("            blob: [" + strings.Repeat("\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", ", 3000) + "x]\n"), "over the"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := landscape.Parse(strings.NewReader(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// A large but legitimate field parses: limits are about hostility, not size.
func TestLargeField(t *testing.T) {
	doc := item("            description: " + strings.Repeat("a", 8<<20) + "\n")
	x, err := landscape.Parse(bytes.NewReader([]byte(doc)))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(x.Item(0).Description); n != 8<<20 {
		t.Errorf("description has %d bytes", n)
	}
}

// A key written twice anywhere is an error naming the line: the first copy
// would otherwise win silently, and data would be lost.
func TestDuplicateKeysAnywhereAreAnError(t *testing.T) {
	one := "  - category:\n    name: A\n    subcategories:\n      - subcategory:\n        name: B\n        items:\n          - item:\n            name: x\n            homepage_url: h\n            logo: l\n"
	for name, doc := range map[string]string{
		"landscape twice":     "landscape:\n" + one + "landscape:\n" + one,
		"items twice":         "landscape:\n" + one + "        items:\n          - item:\n            name: y\n            homepage_url: h\n            logo: l\n",
		"category name twice": "landscape:\n  - category:\n    name: A\n    name: B\n    subcategories: []\n",
	} {
		_, err := landscape.Parse(strings.NewReader(doc))
		if err == nil || !strings.Contains(err.Error(), "duplicate key") || !strings.HasPrefix(err.Error(), "line ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// aliasBomb is a 1 MB string, anchored once and used 150 times.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("landscape:\n  - name: A\n    subcategories:\n      - name: B\n        items:\n")
	for i := range 150 {
		ref := "*big"
		if i == 0 {
			ref = "&big " + strings.Repeat("x", 1<<20)
		}
		fmt.Fprintf(&b, "          - name: item%d\n            homepage_url: https://e.org/%d\n            logo: l.svg\n            description: %s\n", i, i, ref)
	}
	return b.String()
}
