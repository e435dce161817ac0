package search_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/scan"
	"github.com/cnl-dev/cnl/landscape/search"
)

func BenchmarkSearch(b *testing.B) {
	x := landscapetest.Site(b)
	for _, q := range []string{"runtime", "registry", "promethus", "container runtime"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := search.Search(x, search.Query{Text: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchData is building the search index, as cnl update does:
// for the data alone, and with the site's guide, whose sentences are
// scanned for the projects they name.
func BenchmarkSearchData(b *testing.B) {
	for name, load := range map[string]func(testing.TB) *landscape.Index{"data": landscapetest.Real, "site": landscapetest.Site} {
		x := load(b)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				search.SearchData(x)
			}
		})
	}
}

// BenchmarkSearchCold includes building the search keys, as one process
// (one cnl search) pays it.
func BenchmarkSearchCold(b *testing.B) {
	raw := landscapetest.File(b, landscapetest.Current)
	for b.Loop() {
		b.StopTimer()
		x, _ := landscape.Parse(bytes.NewReader(raw))
		b.StartTimer()
		if _, err := search.Search(x, search.Query{Text: "runtime"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	x := landscapetest.Real(b)
	for _, n := range []string{"containerd", "talos"} {
		b.Run(n, func(b *testing.B) {
			for b.Loop() {
				if _, err := search.Resolve(x, n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestSearchRealRanking(t *testing.T) {
	x := landscapetest.Site(t)
	const screen = 20
	for _, tc := range []struct {
		query string
		want  []string // all in the first screen
		first string   // the top result, when it must be
	}{
		{query: "runtime", want: []string{"containerd", "CRI-O"}},
		{query: "registry", want: []string{"Harbor", "Distribution"}},
		{query: "promethus", first: "Prometheus"},
		{query: "kuberntes", first: "Kubernetes"},
		{query: "contanerd", first: "containerd"},
		{query: "kubernetse", first: "Kubernetes"},
		{query: "talos", first: "Talos Linux", want: []string{"Sidero Talos Linux"}},
		{query: "Prometheus", first: "Prometheus"},
		// Jargon that stands for a phrase finds the phrase.
		{query: "iac", first: "OpenTofu"},
		// A phrase holds across the stop words the query drops.
		{query: "infrastructure as code", first: "OpenTofu"},
	} {
		rs, err := search.Search(x, search.Query{Text: tc.query})
		if err != nil {
			t.Fatal(err)
		}
		top := landscapetest.FirstNames(rs, screen)
		for _, w := range tc.want {
			if !slices.Contains(top, w) {
				t.Errorf("search %q: %s not in the first %d: %v", tc.query, w, screen, top)
			}
		}
		if tc.first != "" && (len(top) == 0 || top[0] != tc.first) {
			t.Errorf("search %q: first = %v, want %s", tc.query, top[:min(3, len(top))], tc.first)
		}
	}
}

// A long description holding the query's letters in order is no match:
// fuzzy matching is for names, and only when the letters sit together.
func TestSearchDoesNotFlood(t *testing.T) {
	x := landscapetest.Real(t)
	rs, _ := search.Search(x, search.Query{Text: "runtime"})
	for _, r := range rs {
		it := x.Item(r.Index)
		e := it.Extras()
		text := strings.ToLower(it.Name + " " + it.Description + " " + e.SummaryTags + " " + e.SummaryUseCase + " " + e.SummaryBusinessUseCase + " " + strings.Join(x.Paths(it), " "))
		// The word as one, or split as people write it ("run-time").
		if !strings.Contains(text, "runtime") && !strings.Contains(text, "run-time") && !strings.Contains(text, "run time") {
			t.Errorf("%q matched runtime without the word anywhere", it.Name)
		}
	}
	rs, _ = search.Search(x, search.Query{Text: "xqzvw"})
	if len(rs) != 0 {
		t.Errorf("nonsense matched %d items: %v", len(rs), landscapetest.FirstNames(rs, 5))
	}
}

func TestSearchFilters(t *testing.T) {
	x := landscapetest.Real(t)
	rs, err := search.Search(x, search.Query{Text: "runtime", Subcategory: "Container Runtime", Maturity: []string{"graduated"}})
	if err != nil {
		t.Fatal(err)
	}
	got := landscapetest.FirstNames(rs, 100)
	slices.Sort(got)
	if !slices.Equal(got, []string{"CRI-O", "containerd"}) {
		t.Errorf("graduated container runtimes = %v", got)
	}
	rs, _ = search.Search(x, search.Query{Category: "Provisioning", Maturity: []string{"graduated", "incubating"}})
	for _, r := range rs {
		it := x.Item(r.Index)
		if it.Maturity != "graduated" && it.Maturity != "incubating" {
			t.Errorf("%s has maturity %q", r.Name, it.Maturity)
		}
		if !slices.ContainsFunc(x.Paths(it), func(p string) bool { return strings.HasPrefix(p, "Provisioning/") }) {
			t.Errorf("%s is not in Provisioning", r.Name)
		}
	}
	if len(rs) == 0 {
		t.Error("no graduated or incubating projects in Provisioning")
	}
	if _, err := search.Search(x, search.Query{Text: "x", Maturity: []string{"mature"}}); err == nil {
		t.Error("an unknown maturity must be an error")
	}
	if _, err := search.Search(x, search.Query{Text: "x", Category: "Nowhere"}); err == nil {
		t.Error("an unknown category must be an error")
	}
}

func TestResolveReal(t *testing.T) {
	x := landscapetest.Real(t)
	res, err := search.Resolve(x, "talos")
	if err != nil {
		t.Fatal(err)
	}
	if res.Item.Name != "Talos Linux" || !res.Exact || len(res.Others) != 0 {
		t.Errorf("talos → %q (exact %v), others %d; want Talos Linux, exact, none", res.Item.Name, res.Exact, len(res.Others))
	}
	for name, want := range map[string]string{"CONTAINERD": "containerd", "cri-o": "CRI-O", "open-policy-agent-opa": "Open Policy Agent (OPA)"} {
		res, err := search.Resolve(x, name)
		if err != nil || res.Item.Name != want || !res.Exact {
			t.Errorf("Resolve(%q) = %v, %v; want exact %q", name, res.Item, err, want)
		}
	}
	_, err = search.Resolve(x, "zzqxv")
	var nf *search.NotFoundError
	if !errors.As(err, &nf) || !strings.HasPrefix(err.Error(), `no project matches "zzqxv"`) {
		t.Errorf("unknown name: %v", err)
	}
	_, err = search.Resolve(x, "harbr")
	if err != nil {
		t.Errorf("a typo should resolve: %v", err)
	}
}

// realQueries are queries a person might type, drawn from the data: words of
// places and names, the same with a letter dropped or two swapped (typos),
// and pairs of words.
func realQueries(x *landscape.Index) []string {
	seen := map[string]bool{}
	var qs []string
	add := func(q string) {
		if q != "" && !seen[q] {
			seen[q] = true
			qs = append(qs, q)
		}
	}
	for _, c := range x.Categories {
		for _, s := range c.Subcategories {
			for _, w := range strings.Fields(s.Name) {
				add(strings.ToLower(w))
			}
			add(strings.ToLower(c.Name + " " + s.Name))
		}
	}
	for i := 0; i < x.Len(); i += 37 {
		name := strings.ToLower(x.Summary(i).Name)
		add(name)
		if len(name) > 5 {
			add(name[:2] + name[3:])                         // a letter dropped
			add(name[:1] + name[2:3] + name[1:2] + name[3:]) // two swapped
			add(strings.Fields(name)[0] + " " + strings.Fields(name)[len(strings.Fields(name))-1])
		}
	}
	return qs
}

// The compiled index stores the search index that the parsed file builds
// on first search: both answer every kind of query the same, result by
// result, score by score.
func TestCompiledIndexSearchesAsParsed(t *testing.T) {
	x := landscapetest.Site(t)
	compiled := landscapetest.Compile(t, x)
	qs := realQueries(x)
	if len(qs) < 300 {
		t.Fatalf("only %d queries", len(qs))
	}
	type row struct {
		Index, Tier int
		Name        string
		Score       float64
	}
	rows := func(rs []search.Result) []row {
		out := make([]row, len(rs))
		for i, r := range rs {
			out[i] = row{r.Index, r.Tier, r.Name, r.Score}
		}
		return out
	}
	for _, q := range qs {
		fast, err := search.Search(compiled, search.Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		slow, _ := search.Search(x, search.Query{Text: q})
		if !reflect.DeepEqual(rows(fast), rows(slow)) {
			t.Errorf("search %q: compiled %d results (%v…), parsed %d (%v…)", q, len(fast), landscapetest.FirstNames(fast, 3), len(slow), landscapetest.FirstNames(slow, 3))
		}
	}
	// Scan reads the name model from the compiled index, not from
	// every item's record, and finds the same.
	entries, err := os.ReadDir(filepath.Join("..", "scan", "testdata", "scan"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".yml") {
			continue
		}
		if fast, slow := scanWith(t, compiled, e.Name()), scanWith(t, x, e.Name()); !reflect.DeepEqual(fast, slow) {
			t.Errorf("scan %s: compiled %v, parsed %v", e.Name(), fast, slow)
		}
	}
	for i := 0; i < x.Len(); i += 11 {
		for _, name := range []string{x.Summary(i).Name, x.Summary(i).Slug} {
			fast, ferr := search.Resolve(compiled, name)
			slow, serr := search.Resolve(x, name)
			if (ferr == nil) != (serr == nil) || ferr == nil && (fast.Item.Name != slow.Item.Name || len(fast.Others) != len(slow.Others)) {
				t.Errorf("resolve %q: compiled %v %v, parsed %v %v", name, fast.Item, ferr, slow.Item, serr)
			}
		}
	}
}

// Every entry of jargon.txt does what it says on the real landscape: an
// alias resolves, exactly, to its item; a term's words are words of the
// landscape.
func TestJargonEntries(t *testing.T) {
	x := landscapetest.Real(t)
	names, terms := lexicon.JargonMaps()
	if len(names) < 20 || len(terms) < 10 {
		t.Fatalf("%d aliases and %d terms: jargon.txt did not load", len(names), len(terms))
	}
	for alias, target := range names {
		res, err := search.Resolve(x, alias)
		if err != nil || res.Item.Name != target || !res.Exact {
			t.Errorf("%q resolves to %v (%v), want exactly %q", alias, res.Item, err, target)
		}
	}
	vocabulary := map[string]bool{}
	for i := range x.Len() {
		it := x.Item(i)
		for _, w := range lexicon.Words(it.Name + " " + it.Description + " " + it.Extras().SummaryTags + " " + strings.Join(x.Paths(it), " ")) {
			vocabulary[lexicon.Stem(w)] = true
		}
	}
	for word, phrases := range terms {
		for _, phrase := range phrases {
			for _, w := range phrase {
				if len(w) > 2 && !vocabulary[lexicon.Stem(w)] {
					t.Errorf("term %q: %q is not a word of the landscape", word, w)
				}
			}
		}
	}
}

// A landscape ten times the CNCF one: every item repeated under a new name.
func tenfold(tb testing.TB) *landscape.Index {
	tb.Helper()
	raw := string(landscapetest.File(tb, landscapetest.Current))
	var b strings.Builder
	b.WriteString("landscape:\n")
	body := raw[strings.Index(raw, "landscape:\n")+len("landscape:\n"):]
	for k := range 10 {
		// Names stay unique per copy, so the tree grows tenfold too.
		b.WriteString(strings.ReplaceAll(body, "    name: ", fmt.Sprintf("    name: c%d ", k)))
	}
	x, err := landscape.Parse(strings.NewReader(b.String()))
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

func BenchmarkSearchTenfold(b *testing.B) {
	x := tenfold(b)
	b.Logf("%d items", x.Len())
	search.Search(x, search.Query{Text: "warm"})
	for _, q := range []string{"runtime", "container runtime", "promethus"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := search.Search(x, search.Query{Text: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// scanWith scans a file of testdata/scan and returns what it found, with
// the lines of each mention.
func scanWith(t *testing.T, x *landscape.Index, file string) []string {
	t.Helper()
	var out []string
	for _, found := range landscapetest.ScanFile(t, x, file) {
		for _, m := range found.Mentions {
			out = append(out, fmt.Sprintf("%s:%d:%s", x.Summary(found.Index).Name, m.Line, m.Matched))
		}
	}
	return out
}

// The compiled index's name model reads back whole (a scan of a compiled
// landscape never rebuilds it from the records).
func TestCompiledNameModelReadsBack(t *testing.T) {
	compiled := landscapetest.Compile(t, landscapetest.Site(t))
	if !scan.ScansFromIndex(compiled) {
		t.Error("the compiled index's name model does not read back")
	}
}

// An Index is safe for concurrent use: goroutines that search, resolve and
// read items of the same index, a parsed one whose search index is built
// on first use among them, get what one goroutine alone gets. Half read
// the items before any search, while another builds the search index
// (run with -race: CI does).
func TestIndexIsSafeForConcurrentUse(t *testing.T) {
	want := landscapetest.Real(t)
	wantTop, _ := search.Search(want, search.Query{Text: "container runtime"})
	x := landscapetest.Real(t)
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	readAll := func() bool {
		for i := range x.Len() {
			if x.Item(i).About() != want.Item(i).About() {
				errs <- fmt.Sprintf("%s says another thing", x.Item(i).Name)
				return false
			}
		}
		return true
	}
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if g%2 == 1 && !readAll() {
				return
			}
			if g%2 == 0 {
				if res, err := search.Resolve(x, "containerd"); err != nil || res.Item.Name != "containerd" {
					errs <- fmt.Sprintf("resolve: %v", err)
				}
			}
			rs, err := search.Search(x, search.Query{Text: "container runtime"})
			if err != nil || len(rs) != len(wantTop) || rs[0].Name != wantTop[0].Name {
				errs <- fmt.Sprintf("search: %d results, %v", len(rs), err)
			}
			readAll()
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// A query's maturities, kinds and sort are read the way people type them,
// by the one Choose that the command line uses too; a wrong one says what
// was meant.
func TestQueryChoices(t *testing.T) {
	x := landscapetest.Real(t)
	want, _ := search.Search(x, search.Query{Text: "runtime", Maturity: []string{"graduated"}, Kind: []string{"project"}})
	got, err := search.Search(x, search.Query{Text: "runtime", Maturity: []string{"Graduated"}, Kind: []string{"projects"}, Sort: "Stars"})
	if err != nil || len(got) != len(want) || len(got) == 0 {
		t.Fatalf("loose choices: %d results (want %d), %v", len(got), len(want), err)
	}
	_, err = search.Search(x, search.Query{Text: "runtime", Maturity: []string{"incubte"}})
	var ce *landscape.ChoiceError
	if !errors.As(err, &ce) || ce.Nearest != "incubating" {
		t.Errorf("a misspelt maturity: %v", err)
	}
}
