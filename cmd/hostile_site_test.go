package cmd

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evil is what a hostile landscape puts in names: a clipboard write (OSC
// 52), a window title, a screen clear, a bell.
const evil = "\x1b]52;c;ZWNobyBwd25lZA==\a\x1b]0;owned\a\x1b[2J\a"

// A site whose guide and data name places with terminal escapes: the
// guide's contents and place completion print them cleaned, or not at all.
func TestHostilePlaceNames(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "landscape.yml"))
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "name: Provisioning\n", "name: \"Provisioning"+strings.ReplaceAll(evil, "\x1b", "\\e")+"\"\n", 1))
	data = []byte(strings.ReplaceAll(string(data), "\\e", "\\x1b"))
	data = []byte(strings.ReplaceAll(string(data), "\a", "\\a"))
	guide := "categories:\n  - category: \"Guide" + strings.ReplaceAll(strings.ReplaceAll(evil, "\x1b", "\\x1b"), "\a", "\\a") + "\"\n    content: text\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/sources/data.yml":
			w.Write(data)
		case "/sources/guide.yml":
			w.Write([]byte(guide))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c := newCLI(t)
	t.Setenv("CNL_URL", "")
	t.Setenv("CNL_LANDSCAPE", srv.URL)
	t.Setenv("CNL_NO_GITHUB", "1")
	c.ok("update")
	for _, args := range [][]string{{"guide"}, {"guide", "-o", "table"}, {"__complete", "list", ""}, {"__complete", "search", "--category", ""},
		{"__complete", "browse", "P"}, {"list"}, {"list", "-o", "table"}} {
		out, errOut, _ := c.run(args...)
		for _, bad := range []string{"\x1b", "\a"} {
			if strings.Contains(out+errOut, bad) {
				t.Errorf("cnl %s printed %q raw:\n%q", strings.Join(args, " "), bad, out)
			}
		}
	}
}
