package landscape

import (
	"math/rand/v2"
	"testing"
)

// typoQuery.near only skips work: it must never turn away a pair that
// editDistance would accept, or a typo would stop finding its project.
func TestTypoNearNeverRejectsATypo(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := "abcdeklmnorst-09\xc3\xa9"
	word := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return b
	}
	// Pairs a few random edits apart, so that many are within a typo.
	accepted := 0
	for range 200000 {
		a := word(3 + r.IntN(10))
		b := append([]byte(nil), a...)
		for range r.IntN(4) {
			switch i := r.IntN(len(b)); r.IntN(4) {
			case 0:
				b[i] = alphabet[r.IntN(len(alphabet))]
			case 1:
				b = append(b[:i], b[i+1:]...)
			case 2:
				b = append(b[:i], append([]byte{alphabet[r.IntN(len(alphabet))]}, b[i:]...)...)
			case 3:
				if i+1 < len(b) {
					b[i], b[i+1] = b[i+1], b[i]
				}
			}
			if len(b) == 0 {
				b = word(1)
			}
		}
		for limit := 1; limit <= 2; limit++ {
			if editDistance(string(a), string(b), limit) <= limit {
				accepted++
				q := typoQuery{text: string(a), limit: limit, letters: letters(string(a))}
				if !q.near(len(b), letters(string(b))) {
					t.Fatalf("%q and %q are within %d edits, but near says no", a, b, limit)
				}
			}
		}
	}
	if accepted < 10000 {
		t.Fatalf("only %d pairs within a typo: the test checks too little", accepted)
	}
}

// WordSet only skips work too: wherever textScore finds a word, MayHold must
// say it may be there.
func FuzzWordSetNeverHidesAWord(f *testing.F) {
	for _, seed := range [][2]string{
		{"A container runtime for Kubernetes.", "runtime"},
		{"High-level runtimes; CRI-O, k8s.", "runtime"},
		{"ÆNIX builds a PaaS (Cozystack)", "cozystack"},
		{"io_uring and IO", "io"},
		{"naïve résumé runtime\x00\x1b[31m", "re"},
		{"", "x"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, text, word string) {
		for _, w := range words(word) { // search's query words
			if textScore(w, 1, text) > 0 && !WordsOf(text).MayHold(w) {
				t.Fatalf("%q holds %q, but its WordSet says no", text, w)
			}
		}
	})
}

func TestWordSetSkipsMost(t *testing.T) {
	desc := "Kubernetes-native platform that manages the lifecycle of virtual machines and containers on bare metal, with GitOps."
	w := WordsOf(desc)
	for _, in := range []string{"kubernetes", "kub", "native", "gitops", "bare", "metal", "containers", "container", "virtual"} {
		if !w.MayHold(in) {
			t.Errorf("MayHold(%q) = false for %q", in, desc)
		}
	}
	// Of words the text does not hold, most must be turned away, or the
	// filter saves nothing.
	absent := []string{"runtime", "registry", "database", "observability", "storage", "network", "security", "serverless",
		"streaming", "monitoring", "logging", "tracing", "proxy", "mesh", "gateway", "chaos", "policy", "identity", "secrets", "backup"}
	passed := 0
	for _, a := range absent {
		if w.MayHold(a) {
			passed++
		}
	}
	if passed > 4 {
		t.Errorf("%d of %d absent words pass the filter", passed, len(absent))
	}
	if !(WordSet{}).MayHold("anything") {
		t.Error("an unknown WordSet must not rule anything out")
	}
}
