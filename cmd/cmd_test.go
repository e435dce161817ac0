package cmd

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"go.yaml.in/yaml/v3"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

// cli runs cnl in-process with its own cache directory, as a terminal
// (tty) or as a pipe.
type cli struct {
	t      *testing.T
	tty    bool
	color  bool
	width  int
	height int       // of a terminal; 30 when unset
	now    time.Time // the commands' clock: testNow unless a test sets it
}

// fixtureTime is when the fixture caches were made: what their fetch dates
// say, whatever day the tests run.
var fixtureTime = time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)

// testNow is the instant the commands run at: a fixed day after the
// fixtures, or CNL_TEST_NOW (RFC 3339), which CI sets to a distant date in
// a distant time zone to show that no output depends on the day.
func testNow(t testing.TB) time.Time {
	if s := os.Getenv("CNL_TEST_NOW"); s != "" {
		now, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatalf("CNL_TEST_NOW: %v", err)
		}
		return now
	}
	return time.Date(2026, 12, 7, 15, 4, 5, 0, time.UTC)
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	t.Setenv("CNL_CACHE_DIR", filepath.Join(t.TempDir(), "cache"))
	t.Setenv("CNL_URL", "http://127.0.0.1:1/unreachable.yml") // no test may need the network
	t.Setenv("NO_COLOR", "")
	t.Setenv("CNL_FULL_URL", "") // GitHub facts only where a test serves them
	t.Setenv("CNL_NO_GITHUB", "")
	t.Setenv("CNL_PAGER", "") // no pager unless a test asks for one
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(v, "") // the glossary speaks English unless a test asks
	}
	return &cli{t: t, width: 100, now: testNow(t)}
}

func (c *cli) run(args ...string) (stdout, stderr string, code int) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	s := &ui.Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: c.tty, Color: c.color, Width: c.width}
	if c.tty {
		s.Height = cmp.Or(c.height, 30)
	}
	code = run(context.Background(), s, func() time.Time { return c.now }, nil, args)
	return out.String(), errOut.String(), code
}

// ok runs a command that must succeed and returns its stdout.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	out, errOut, code := c.run(args...)
	if code != 0 {
		c.t.Fatalf("cnl %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// fixtureCLI is a cli whose cache holds testdata/landscape.yml, a small
// landscape written for these tests.
func fixtureCLI(t *testing.T) *cli {
	c := newCLI(t)
	c.now = fixtureTime
	c.ok("update", "--file", filepath.Join("testdata", "landscape.yml"))
	c.now = testNow(t)
	return c
}

func lines(s string) []string { return strings.Split(strings.TrimRight(s, "\n"), "\n") }

// fitsWidth fails t for every line of out wider than width display cells.
func fitsWidth(t *testing.T, out string, width int) {
	t.Helper()
	for _, l := range lines(out) {
		if w := ui.Width(l); w > width {
			t.Errorf("a line of %d cells, over %d: %q", w, width, l)
		}
	}
}

func TestSearchPiped(t *testing.T) {
	c := fixtureCLI(t)
	out := c.ok("search", "container")
	rows := lines(out)
	if len(rows) != 20 {
		t.Errorf("piped search shows %d rows, want the default 20", len(rows))
	}
	var names []string
	for _, r := range rows {
		f := strings.Split(r, "\t")
		if len(f) != 4 {
			t.Fatalf("row %q has %d tab-separated fields, want 4", r, len(f))
		}
		names = append(names, f[0])
	}
	for _, want := range []string{"containerd", "CRI-O"} {
		if !strings.Contains(strings.Join(names, "\n")+"\n", "\n"+want+"\n") && names[0] != want {
			t.Errorf("%s missing from the first screen: %v", want, names)
		}
	}
	if strings.ContainsRune(out, '\x1b') {
		t.Error("escape codes in piped output")
	}
	if got := lines(c.ok("search", "container", "--all")); len(got) <= 20 {
		t.Errorf("--all shows %d rows", len(got))
	}
	if got := lines(c.ok("search", "runtime", "--limit", "3")); len(got) != 3 {
		t.Errorf("--limit 3 shows %d rows", len(got))
	}
}

func TestSearchTerminal(t *testing.T) {
	c := fixtureCLI(t)
	c.tty = true
	out := c.ok("search", "registry")
	if !strings.HasPrefix(out, "NAME") || !strings.Contains(out, "Harbor") || !strings.Contains(out, "Distribution") {
		t.Errorf("terminal table:\n%s", out)
	}
	for _, l := range lines(out) {
		if w := ansi.StringWidth(l); w > c.width {
			t.Errorf("line wider than %d: %q", c.width, l)
		}
	}
	if strings.ContainsRune(out, '\x1b') {
		t.Error("escape codes with colour off")
	}
	c.color = true
	if out := c.ok("search", "registry"); !strings.ContainsRune(out, '\x1b') {
		t.Error("no colour on a colour terminal")
	}
}

func TestJSONAndYAML(t *testing.T) {
	c := fixtureCLI(t)
	var items []map[string]any
	if err := json.Unmarshal([]byte(c.ok("search", "containerd", "-o", "json")), &items); err != nil {
		t.Fatal(err)
	}
	first := items[0]
	for k, want := range map[string]string{"name": "containerd", "category": "Runtime", "subcategory": "Container Runtime", "maturity": "graduated", "project": "graduated"} {
		if first[k] != want {
			t.Errorf("json %s = %v, want %s", k, first[k], want)
		}
	}
	if _, ok := first["homepage_url"]; !ok {
		t.Error("json lacks homepage_url")
	}
	var card map[string]any
	if err := yaml.Unmarshal([]byte(c.ok("show", "containerd", "-o", "yaml")), &card); err != nil || card["name"] != "containerd" {
		t.Errorf("yaml card: %v %v", card["name"], err)
	}
	if out := c.ok("search", "zzqxvv", "-o", "json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("no results in JSON is [], got %q", out)
	}
}

func TestShow(t *testing.T) {
	c := fixtureCLI(t)
	c.tty = true
	out := c.ok("show", "talos")
	if !strings.Contains(out, "Talos Linux") || !strings.Contains(out, "Platform/PaaS/Container Service") {
		t.Errorf("card:\n%s", out)
	}
	if strings.Contains(out, "Other matches") {
		t.Errorf("an exact name lists no other matches:\n%s", out)
	}
	if out := c.ok("show", "talos", "lin"); !strings.Contains(out, "Other matches: ") || !strings.Contains(out, "Sidero Talos Linux") {
		t.Errorf("a loose name does not name the other candidate:\n%s", out)
	}
	for _, l := range lines(out) {
		if w := ansi.StringWidth(l); w > c.width {
			t.Errorf("card line wider than %d: %q", c.width, l)
		}
	}
	c.tty = false
	plain := c.ok("show", "containerd")
	if !strings.Contains(plain, "name: containerd\n") || !strings.Contains(plain, "maturity: graduated\n") || !strings.Contains(plain, "accepted: 2017-03-29\n") {
		t.Errorf("plain card:\n%s", plain)
	}
	for _, l := range append(lines(plain), lines(c.ok("show", "talos"))...) {
		if strings.HasSuffix(l, ": ") || !strings.Contains(l, ": ") {
			t.Errorf("plain card line without a value: %q", l)
		}
	}
}

func TestErrorsAndExitCodes(t *testing.T) {
	c := fixtureCLI(t)
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"show", "zzqxvv"}, 1, `no project matches "zzqxvv"`},
		{[]string{"show", "prometheu"}, 0, ""},
		{[]string{"show"}, 2, "needs a project name"},
		{[]string{"search"}, 2, "needs a query"},
		{[]string{"search", "x", "--maturity", "mature"}, 2, "unknown --maturity"},
		{[]string{"search", "x", "-o", "xml"}, 2, "unknown output format"},
		{[]string{"stats", "-o", "markdown"}, 2, "-o markdown is for compare, diff"},
		{[]string{"search", "--bogus"}, 2, "unknown flag"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"list", "Nowhere"}, 1, "no category or subcategory matches"},
		{[]string{"list", "Observability"}, 1, "ambiguous"},
		{[]string{"search", "zzqxvv"}, 0, "no matches"},
		// The command line's words are added to the lower layers' typed
		// errors here (see hint).
		{[]string{"show", "container runtime"}, 1, `is a topic, not a project; it could be "containerd", "CRI-O" or "WasmEdge Runtime" (see cnl search 'container runtime' or cnl list 'Runtime/Container Runtime'); the glossary mentions it`},
		{[]string{"search", "x", "--landscape", "nowhere"}, 2, "or a site's URL (see cnl landscapes)"},
	} {
		out, errOut, code := c.run(tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.code, errOut)
		}
		if !strings.Contains(errOut, tc.stderr) {
			t.Errorf("%v: stderr %q, want %q", tc.args, errOut, tc.stderr)
		}
		if code != 0 {
			if out != "" {
				t.Errorf("%v: failed but wrote to stdout: %q", tc.args, out)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("%v: error is not one line: %q", tc.args, errOut)
			}
		}
	}
}

func TestList(t *testing.T) {
	c := fixtureCLI(t)
	tree := c.ok("list")
	if !strings.Contains(tree, "Runtime/Container Runtime\t") || !strings.Contains(tree, "Platform/Certified Kubernetes - AI Platform\t") {
		t.Errorf("tree:\n%s", tree)
	}
	ai := c.ok("list", "Platform/Certified Kubernetes - AI Platform")
	if !strings.Contains(ai, "Talos Linux\t") {
		t.Errorf("AI Platform lacks Talos Linux (second_path):\n%s", ai)
	}
	if got := c.ok("list", "PaaS/Container Service"); !strings.Contains(got, "\tPlatform/PaaS/Container Service\t") {
		t.Errorf("slash in a subcategory name:\n%s", got)
	}
	var tj []answer.CategoryJSON
	if err := json.Unmarshal([]byte(c.ok("list", "-o", "json")), &tj); err != nil || len(tj) != 9 {
		t.Errorf("json tree: %d categories, %v", len(tj), err)
	}
	c.tty = true
	if out := c.ok("list"); !strings.Contains(out, "Container Runtime") {
		t.Errorf("terminal tree:\n%s", out)
	}
}

// Untrusted text never reaches the terminal raw, in any human output.
func TestHostileText(t *testing.T) {
	c := newCLI(t)
	c.ok("update", "--file", filepath.Join("testdata", "hostile.yml"))
	bad := []string{"\x1b", "\a", "\r", "\u202e", "\u009b", "javascript:", "file://"}
	for _, tty := range []bool{false, true} {
		c.tty = tty
		for _, args := range [][]string{
			{"search", "clip"}, {"search", "ring"}, {"show", "clip"}, {"list"},
			{"list", "Evil \x1b[31mRed\x1b[0m Category"}, {"search", "--all", "--maturity", "graduated"},
			{"compare", "clip", "plain-project"}, {"compare", "clip", "plain-project", "-o", "markdown"},
			{"stats"}, {"diff", filepath.Join("testdata", "hostile.yml"), filepath.Join("..", "landscape", "testdata", "small.yml")},
			{"scan", filepath.Join("testdata", "hostile.yml")},
		} {
			out := c.ok(args...)
			for _, b := range bad {
				if strings.Contains(out, b) {
					t.Errorf("tty=%v %v: output holds %q:\n%q", tty, args, b, out)
				}
			}
		}
	}
	c.tty = false
	// JSON and YAML keep the exact text, escaped: nothing a terminal
	// would act on is written raw (JSON allows C1 controls such as CSI,
	// U+009B, unescaped).
	for _, f := range []string{"json", "yaml"} {
		for _, args := range [][]string{{"search", "ring", "-o", f}, {"show", "clip", "-o", f}, {"list", "Evil \x1b[31mRed\x1b[0m Category", "-o", f}} {
			out := c.ok(args...)
			for _, b := range bad[:5] {
				if strings.Contains(out, b) {
					t.Errorf("%v: output holds %q raw", args, b)
				}
			}
		}
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(c.ok("search", "clip", "-o", "json")), &items); err != nil {
		t.Fatalf("json is invalid: %v", err)
	}
	if items[0]["name"] != "Clip\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\aboard" {
		t.Errorf("json must keep the exact text (escaped by the encoder): %q", items[0]["name"])
	}
}

func TestOneLine(t *testing.T) {
	if got := errorLine(errString("a\nb\x1b[31m")); got != "a; b␛[31m" {
		t.Errorf("oneLine = %q", got)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
