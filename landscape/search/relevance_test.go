package search_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
	"github.com/cnl-dev/cnl/landscape/search"
)

// The relevance evaluation: judged queries (testdata/relevance.yml) run
// against the real landscape, scored with nDCG@10, success@1, success@3 and
// MRR per group and overall. Run it with
//
//	go test ./landscape -run TestRelevance -v
//
// and add -relevance.out FILE to write every query's ranking and scores as
// JSON (what .ci/relevance/minisearch.mjs compares with the website's search).
var relevanceOut = flag.String("relevance.out", "", "write per-query relevance results as JSON to this file")

// judgedQuery is one query with its graded items.
type judgedQuery struct {
	Query    string         `yaml:"query"`
	Relevant map[string]int `yaml:"relevant"`
}

// judgedQueries is a file of judged queries and its groups, in the order they
// are reported.
type judgedQueries struct {
	file   string
	groups []string
}

// relevanceSet is the main judged set; learnerSet the learner's phrasings
// (compounds, acronyms, questions, misspellings, course-note words), kept
// apart so that its scores do not move the main set's floors.
var (
	relevanceSet = judgedQueries{"testdata/relevance.yml", []string{"topics", "names", "typos", "jargon"}}
	learnerSet   = judgedQueries{"testdata/learner.yml", []string{"compounds", "acronyms", "questions", "misspellings", "notes"}}
)

func loadJudgments(tb testing.TB, set judgedQueries) map[string][]judgedQuery {
	tb.Helper()
	b, err := os.ReadFile(set.file)
	if err != nil {
		tb.Fatal(err)
	}
	var j map[string][]judgedQuery
	if err := yaml.Unmarshal(b, &j); err != nil {
		tb.Fatal(err)
	}
	return j
}

// queryScore is how one ranking fares against its judgments.
type queryScore struct {
	Group   string   `json:"group"`
	Query   string   `json:"query"`
	NDCG    float64  `json:"ndcg10"`
	Success [2]bool  `json:"success"` // at 1, at 3
	RR      float64  `json:"rr"`
	Top     []string `json:"top"`
	// Ceiling is the nDCG@10 of the best order of the judged items that
	// the landscape's text ties to the query: named by it, or matching a
	// query word in a text of their own (not only their subcategory, its
	// guide keywords or category, which all their neighbours share). No ranking of text
	// does better without guessing.
	Ceiling float64 `json:"ceiling"`
}

// scoreRanking computes nDCG@10 (gain 2^g−1, each judged name credited
// once however often it is listed), and the rank of the first item of the
// query's highest grade: success@1, success@3 and its reciprocal rank.
func scoreRanking(ranked []string, grades map[string]int) (ndcg float64, s1, s3 bool, rr float64) {
	best := 0
	var ideal []int
	for _, g := range grades {
		best = max(best, g)
		ideal = append(ideal, g)
	}
	slices.Sort(ideal)
	slices.Reverse(ideal)
	dcg, idcg := 0.0, 0.0
	for i, g := range ideal[:min(10, len(ideal))] {
		idcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
	}
	credited := map[string]bool{}
	for i, name := range ranked {
		g := grades[name]
		if g == 0 || credited[name] {
			continue
		}
		credited[name] = true
		if i < 10 {
			dcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
		}
		if g == best && rr == 0 {
			rr = 1 / float64(i+1)
			s1, s3 = i == 0, i < 3
		}
	}
	if idcg > 0 {
		ndcg = dcg / idcg
	}
	return ndcg, s1, s3, rr
}

// groupScore averages query scores.
type groupScore struct {
	n                 int
	ndcg, s1, s3, mrr float64
	ceiling           float64
}

func (g *groupScore) add(q queryScore) {
	g.n++
	g.ndcg += q.NDCG
	g.ceiling += q.Ceiling
	g.mrr += q.RR
	if q.Success[0] {
		g.s1++
	}
	if q.Success[1] {
		g.s3++
	}
}

func (g groupScore) mean() (ndcg, s1, s3, mrr float64) {
	n := float64(max(1, g.n))
	return g.ndcg / n, g.s1 / n, g.s3 / n, g.mrr / n
}

// runRelevance ranks every judged query with cnl's search.
func runRelevance(tb testing.TB, x *landscape.Index, set judgedQueries) ([]queryScore, map[string]groupScore) {
	tb.Helper()
	judged := loadJudgments(tb, set)
	var all []queryScore
	groups := map[string]groupScore{}
	for _, group := range set.groups {
		for _, jq := range judged[group] {
			rs, err := search.Search(x, search.Query{Text: jq.Query})
			if err != nil {
				tb.Fatalf("%q: %v", jq.Query, err)
			}
			ranked := make([]string, 0, len(rs))
			for _, r := range rs {
				ranked = append(ranked, r.Name)
			}
			q := queryScore{Group: group, Query: jq.Query, Top: ranked[:min(10, len(ranked))]}
			q.NDCG, q.Success[0], q.Success[1], q.RR = scoreRanking(ranked, jq.Relevant)
			q.Ceiling = textCeiling(rs, jq.Relevant)
			all = append(all, q)
			g := groups[group]
			g.add(q)
			groups[group] = g
			o := groups["overall"]
			o.add(q)
			groups["overall"] = o
		}
	}
	return all, groups
}

// textCeiling is a query's Ceiling (see queryScore).
func textCeiling(rs []search.Result, grades map[string]int) float64 {
	var tied []string
	for _, r := range rs {
		if grades[r.Name] == 0 || slices.Contains(tied, r.Name) {
			continue
		}
		own := r.Tier > 0
		for _, f := range r.Match().Fields {
			own = own || f != "subcategory" && f != "category" && f != "guide keywords"
		}
		if own {
			tied = append(tied, r.Name)
		}
	}
	slices.SortStableFunc(tied, func(a, b string) int { return grades[b] - grades[a] })
	ndcg, _, _, _ := scoreRanking(tied, grades)
	return ndcg
}

// relevanceTable renders the group scores as a Markdown table.
func relevanceTable(set judgedQueries, groups map[string]groupScore) string {
	var b strings.Builder
	b.WriteString("| group | queries | nDCG@10 | success@1 | success@3 | MRR | text ceiling |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, name := range append(slices.Clone(set.groups), "overall") {
		g := groups[name]
		ndcg, s1, s3, mrr := g.mean()
		fmt.Fprintf(&b, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |\n", name, g.n, ndcg, s1, s3, mrr, g.ceiling/float64(max(1, g.n)))
	}
	return b.String()
}

// TestJudgedNamesExist keeps the judgments honest: every judged name is an
// item of the real landscape.
func TestJudgedNamesExist(t *testing.T) {
	x := landscapetest.Real(t)
	names := map[string]bool{}
	for i := range x.Len() {
		names[x.Item(i).Name] = true
	}
	n := map[string]int{}
	for _, set := range []judgedQueries{relevanceSet, learnerSet} {
		judged := loadJudgments(t, set)
		for _, group := range set.groups {
			for _, jq := range judged[group] {
				n[set.file]++
				if len(jq.Relevant) == 0 {
					t.Errorf("%q has no judged items", jq.Query)
				}
				for name, g := range jq.Relevant {
					if !names[name] {
						t.Errorf("%q: %q is not an item of the landscape", jq.Query, name)
					}
					if g < 1 || g > 3 {
						t.Errorf("%q: %q has grade %d, want 1 to 3", jq.Query, name, g)
					}
				}
			}
		}
	}
	if n[relevanceSet.file] < 80 || n[learnerSet.file] < 30 {
		t.Errorf("%d judged queries and %d learner phrasings, want at least 80 and 30", n[relevanceSet.file], n[learnerSet.file])
	}
}

// floors are the lowest nDCG@10 and success@3 each group may score.
type floors map[string]struct{ ndcg, s3 float64 }

func (f floors) check(t *testing.T, groups map[string]groupScore) {
	t.Helper()
	for name, floor := range f {
		ndcg, _, s3, _ := groups[name].mean()
		if ndcg < floor.ndcg || s3 < floor.s3 {
			t.Errorf("%s: nDCG@10 %.3f, success@3 %.3f; floors are %.2f and %.2f", name, ndcg, s3, floor.ndcg, floor.s3)
		}
	}
}

// relevanceFloors are the scores the search must keep on the judged set,
// on the CNCF site as users have it (data and guide): set from
// measurements (see the README's "Search relevance"), a little below them,
// so that a change that makes ranking worse fails here. Typos must stay
// perfect; names lost "docker" at 3 to the guide's Docker Swarm (there is
// no item named Docker, and Docker Compose is 4th).
var relevanceFloors = floors{
	"topics":  {0.62, 0.76},
	"names":   {0.97, 0.97},
	"typos":   {1, 1},
	"jargon":  {0.71, 0.88},
	"overall": {0.785, 0.87},
}

// dataOnlyFloor is the overall floor for the data alone (cnl update
// --file, or a landscape without a guide).
var dataOnlyFloor = struct{ ndcg, s3 float64 }{0.755, 0.85}

func TestRelevance(t *testing.T) {
	x := landscapetest.Site(t)
	all, groups := runRelevance(t, x, relevanceSet)
	for _, q := range all {
		t.Logf("%-8s %-26q nDCG %.2f  s@1 %-5v s@3 %-5v  %s", q.Group, q.Query, q.NDCG, q.Success[0], q.Success[1], strings.Join(q.Top[:min(5, len(q.Top))], "; "))
	}
	t.Logf("\n%s", relevanceTable(relevanceSet, groups))
	_, dataOnly := runRelevance(t, landscapetest.Real(t), relevanceSet)
	t.Logf("the data alone, without the guide:\n%s", relevanceTable(relevanceSet, dataOnly))
	if ndcg, _, s3, _ := dataOnly["overall"].mean(); ndcg < dataOnlyFloor.ndcg || s3 < dataOnlyFloor.s3 {
		t.Errorf("the data alone: nDCG@10 %.3f, success@3 %.3f; floors are %.3f and %.2f", ndcg, s3, dataOnlyFloor.ndcg, dataOnlyFloor.s3)
	}
	relevanceFloors.check(t, groups)
	if *relevanceOut != "" {
		b, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*relevanceOut, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// learnerFloors are the learner set's floors, set like relevanceFloors.
var learnerFloors = floors{
	"compounds":    {0.64, 0.70},
	"acronyms":     {0.77, 1},
	"questions":    {0.61, 0.85},
	"misspellings": {0.67, 0.80},
	"notes":        {0.30, 0.40},
	"overall":      {0.58, 0.73},
}

// TestLearnerRelevance scores the learner's phrasings (testdata/learner.yml).
func TestLearnerRelevance(t *testing.T) {
	all, groups := runRelevance(t, landscapetest.Site(t), learnerSet)
	for _, q := range all {
		t.Logf("%-12s %-38q nDCG %.2f  s@3 %-5v  %s", q.Group, q.Query, q.NDCG, q.Success[1], strings.Join(q.Top[:min(5, len(q.Top))], "; "))
	}
	t.Logf("\n%s", relevanceTable(learnerSet, groups))
	learnerFloors.check(t, groups)
}

// The learner's words, as issue 34 lists them: a compound finds its split
// form and back, an acronym finds its phrase and never one word of it, and
// the words for virtualization find the virtualization projects.
func TestLearnerWords(t *testing.T) {
	x := landscapetest.Site(t)
	names := func(q string) []string {
		rs, err := search.Search(x, search.Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return landscapetest.FirstNames(rs, len(rs))
	}
	for _, tc := range []struct {
		query     string
		top       int
		want, not []string
	}{
		{query: "multicluster", top: 10, want: []string{"Karmada", "KubeFleet", "KubeStellar", "Open Cluster Management"}},
		{query: "k8s multicluster", top: 10, want: []string{"Karmada", "KubeFleet", "Open Cluster Management"}},
		{query: "servicemesh", top: 5, want: []string{"Istio", "Linkerd"}},
		{query: "git ops", top: 5, want: []string{"Argo", "Flux"}},
		{query: "auto scaling", top: 10, want: []string{"Karpenter"}},
		// vm is "virtual machine", never "machine" alone.
		{query: "vm", top: 10, want: []string{"KubeVirt", "Lima", "Kata Containers"}, not: []string{"Apache TVM", "FFmpeg", "Kubeflow", "XGBoost"}},
		// oci is "open container initiative", never "open" alone.
		{query: "oci", top: 10, want: []string{"runc", "CRI-O", "zot"}, not: []string{"OpenAPI", "OpenTelemetry", "OpenFeature"}},
		{query: "hypervisor", top: 10, want: []string{"KubeVirt", "Lima"}},
		{query: "hypervisior", top: 10, want: []string{"KubeVirt", "Lima"}},
		{query: "virtualization", top: 3, want: []string{"KubeVirt"}},
		{query: "virtualisation", top: 3, want: []string{"KubeVirt"}},
	} {
		all := names(tc.query)
		top := all[:min(tc.top, len(all))]
		for _, w := range tc.want {
			if !slices.Contains(top, w) {
				t.Errorf("search %q: %s not in the first %d: %v", tc.query, w, tc.top, top)
			}
		}
		for _, w := range tc.not {
			if slices.Contains(all, w) {
				t.Errorf("search %q matches %s", tc.query, w)
			}
		}
	}
	// Question words rank nothing: a question ranks as its subject does.
	for q, subject := range map[string]string{
		"difference between vm and container": "vm container",
		"vm vs container":                     "vm container",
		"what is a service mesh":              "service mesh",
		"how does a container runtime work":   "container runtime",
		"which tool for a private registry":   "private registry",
	} {
		if got, want := names(q), names(subject); !slices.Equal(got, want) {
			t.Errorf("search %q: %v, want as %q: %v", q, got[:min(5, len(got))], subject, want[:min(5, len(want))])
		}
	}
}
