package search

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/scan"
)

// The fields' weights, length normalisation and saturation are
// Index.Weigh's and saturate's; what a kind of match is worth
// is the landscape's.
const (
	prefixFactor = 0.5             // a word that starts a longer one
	typoFactor   = 0.7             // a word one edit from one the landscape lacks
	typoOfAWord  = 0.25            // a typo of a word the landscape does have (gitops vs kitops)
	synonymShare = 0.8             // a jargon expansion (k8s → kubernetes)
	joinedShare  = phraseBonus / 2 // each of two query words the landscape writes as one ("git ops": gitops), side by side
	phraseBonus  = 1.3             // the query's words side by side, as written
	maxPrefixes  = 48              // expansions of one word by prefix
)

// Query is a search: free text plus filters. Empty text with filters lists
// everything the filters keep.
type Query struct {
	Text        string
	Category    string   // a category path, as FindPlace takes
	Subcategory string   // a subcategory path, as FindPlace takes
	Maturity    []string // any of Maturities; empty means any
	Kind        []string // any of Kinds; empty means any

	// Filters on GitHub facts and licenses; zero values filter nothing.
	License     []string  // SPDX identifiers, any of them (case-insensitive)
	Language    string    // one of the repository's top languages
	MinStars    int64     // at least this many stars
	ActiveSince time.Time // a commit since then

	// Sort orders results by one of SortKeys instead of relevance.
	Sort string
}

// SortKeys are the orders Query.Sort takes: by name, or most first (most
// stars, contributors; latest release, commit, acceptance).
var SortKeys = []string{"name", "stars", "contributors", "release", "commit", "accepted"}

// Result is one search hit. Index.Item(r.Index) is the item.
type Result struct {
	Index int
	Name  string
	// Score is the relevance: textual evidence times the priors.
	Score float64
	// Tier is above zero when the query names the item: see Match.Tier.
	Tier int

	plan     *plan
	hits     []termHit // per query word
	text     float64   // textual evidence, before priors
	coverage float64
	phrase   bool
	prior    float64
}

// chosen is q with its maturities, kinds and sort read as Choose reads
// them ("Graduated", "projects"); one that names none is an error.
func (q Query) chosen() (Query, error) {
	if err := landscape.CheckLength("query", q.Text, landscape.MaxQuery); err != nil {
		return q, err
	}
	each := func(what string, vs, choices []string) ([]string, error) {
		out := make([]string, len(vs))
		for i, v := range vs {
			c, err := landscape.Choose(v, choices)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", what, err)
			}
			out[i] = c
		}
		return out, nil
	}
	var err error
	if q.Maturity, err = each("maturity", q.Maturity, landscape.Maturities); err != nil {
		return q, err
	}
	if q.Kind, err = each("kind", q.Kind, landscape.Kinds); err != nil {
		return q, err
	}
	if q.Sort != "" && q.Sort != "relevance" {
		if q.Sort, err = landscape.Choose(q.Sort, SortKeys); err != nil {
			return q, fmt.Errorf("sort: %w", err)
		}
	}
	return q, nil
}

// searchIdx returns the search index, opening or building it on first use.
func searchIdx(x *landscape.Index) *Index {
	return x.Derived(openedKey{}, func() any {
		var blocks *Blocks
		if c, ok := x.Source().(CheckedSource); ok {
			blocks = c.Blocks()
		}
		if s, err := Open(built(x).search, x.Len(), blocks); err == nil {
			return s
		}
		// The stored one is unusable: built here, from the items.
		data, _ := buildSearch(x)
		s, err := Open(data, x.Len(), nil)
		if err != nil {
			panic("landscape: a freshly built search index does not open: " + err.Error())
		}
		return s
	}).(*Index)
}

type openedKey struct{}

var stopWords = lexicon.Listed("stopWords")

var headNouns = lexicon.Listed("headNouns")

// queryWords are the words of a query that carry meaning, in order.
func queryWords(text string) []string {
	all := lexicon.Distinct(lexicon.Words(text))
	var out []string
	for _, w := range all {
		if !stopWords.Has(w) {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		out = all
	}
	return out[:min(len(out), landscape.MaxQueryWords)]
}

// How a query word matched a landscape word.
const (
	howExact = iota
	howPrefix
	howTypo
	howSynonym
	howCompound // a word written split or joined the other way ("multicluster", "git ops")
)

var howNames = []string{"exact", "prefix", "typo", "synonym", "compound"}

// alt is one landscape word that a query word stands for.
type alt struct {
	word     int // position in plan.words
	term     int // position in the vocabulary
	how      uint8
	nameOnly bool // counts only in names: a typo of a word the landscape has
	factor   float64
	idf      float64
	// group is the phrase this word is one word of (-1: none), part its
	// place in it.
	group int16
	part  uint8
}

// phraseAlt is what a query word stands for when that is several words
// side by side: a jargon phrase ("vm": virtual machine) or the word's parts
// ("multicluster": multi cluster). It counts only where an item holds the
// words together, never one of them alone: vm is not "machine".
type phraseAlt struct {
	word  int
	ways  [][][]string // each part's stem, as holdsPhrase takes them
	first int          // its first alternative in plan.alts
}

// maxPhraseWords bounds a phrase alternative (its parts are a bit mask).
const maxPhraseWords = 8

// plan is a query worked out against the vocabulary.
type plan struct {
	words   []string
	alts    []alt
	phrases []phraseAlt
	s       *Index
}

// termHit is how well one query word matched one item: the best
// alternative, and the fields it was found in.
type termHit struct {
	alt    int16 // -1: no match
	fields uint8 // bit per field
	score  float32
}

func makePlan(x *landscape.Index, words []string) *plan {
	s := searchIdx(x)
	p := &plan{words: words, s: s}
	n := float64(s.N())
	add := func(k, term int, how uint8, factor float64) {
		idf := idf(n, s.DF(term))
		p.alts = append(p.alts, alt{word: k, term: term, how: how, factor: factor, idf: idf, group: -1})
	}
	// addPhrase adds what word k stands for: one word, or several that
	// count only side by side.
	addPhrase := func(k int, phrase []string, how uint8, share float64) {
		parts := nonStop(phrase)
		if len(parts) == 0 || len(parts) > maxPhraseWords {
			return
		}
		terms := make([]int, len(parts))
		for i, w := range parts {
			if terms[i] = s.FindTerm(lexicon.Stem(w)); terms[i] < 0 {
				return // no item holds the phrase
			}
		}
		if len(parts) == 1 {
			add(k, terms[0], how, share)
			return
		}
		g := phraseAlt{word: k, first: len(p.alts)}
		for i, t := range terms {
			g.ways = append(g.ways, [][]string{{lexicon.Stem(parts[i])}})
			add(k, t, how, share/float64(len(parts)))
			p.alts[len(p.alts)-1].group, p.alts[len(p.alts)-1].part = int16(len(p.phrases)), uint8(i)
		}
		p.phrases = append(p.phrases, g)
	}
	addTypo := func(k, term int, factor float64, nameOnly bool) {
		add(k, term, howTypo, factor)
		p.alts[len(p.alts)-1].nameOnly = nameOnly
	}
	j := lexicon.FieldJargon()
	for k, w := range words {
		stem := lexicon.Stem(w)
		exact := s.FindTerm(stem)
		if exact >= 0 {
			add(k, exact, howExact, 1)
		}
		if w != stem {
			if t := s.FindTerm(w); t >= 0 {
				add(k, t, howExact, 1)
			}
		}
		// Longer words that start with the query word, shortest first.
		if utf8.RuneCountInString(w) >= 2 {
			var pre []int
			for t := s.LowerBound(w); t < s.NTerms() && strings.HasPrefix(s.Term(t), w); t++ {
				if t != exact && s.Term(t) != w {
					pre = append(pre, t)
				}
			}
			slices.SortStableFunc(pre, func(a, b int) int { return len(s.Term(a)) - len(s.Term(b)) })
			for _, t := range pre[:min(len(pre), maxPrefixes)] {
				add(k, t, howPrefix, prefixFactor*math.Sqrt(float64(len(w))/float64(len(s.Term(t)))))
			}
		}
		if limit := lexicon.TypoLimit(stem); limit > 0 {
			// A typo of a word the landscape has is most likely that
			// word, unless it is a name that is meant ("harbour").
			factor, nameOnly := typoFactor, false
			if exact >= 0 {
				factor, nameOnly = typoOfAWord, true
			}
			want := letters(stem)
			for t := range s.NTerms() {
				term := s.Term(t)
				// An edit changes the length by one at most, and adds or
				// drops at most two letters of the set: most words are
				// ruled out without an alignment.
				if d := len(term) - len(stem); d > limit || -d > limit || t == exact || bits.OnesCount64(letters(term)^want) > 2*limit {
					continue
				}
				if lexicon.EditDistance(stem, term, limit) <= limit {
					addTypo(k, t, factor, nameOnly)
				}
			}
		}
		meanings, share := j.Meanings(w), synonymShare
		if meanings == nil && exact < 0 {
			// A typo of the field's jargon: "hypervisior".
			meanings, share = j.NearMeanings(w), synonymShare*typoFactor
		}
		for _, phrase := range meanings {
			addPhrase(k, phrase, howSynonym, share)
		}
		// A word the landscape seldom writes joined may be written split
		// ("multi-cluster"); one it often writes so ("runtime") is that word.
		if meanings == nil && (exact < 0 || s.DF(exact) < s.N()/100) {
			if parts := splitCompound(s, w); parts != nil {
				addPhrase(k, parts, howCompound, 1)
			}
		}
	}
	// Two query words the landscape writes as one: "service mesh" is
	// also "servicemesh", "git ops" "gitops".
	for k := 0; k+1 < len(words); k++ {
		joined := words[k] + words[k+1]
		t := s.FindTerm(lexicon.Stem(joined))
		if t < 0 {
			t = s.FindTerm(joined)
		}
		if t >= 0 {
			add(k, t, howCompound, joinedShare)
			add(k+1, t, howCompound, joinedShare)
		}
	}
	return p
}

// splitCompound finds the words a query word joins ("multicluster":
// multi cluster; "policyascode": policy as code), each a word of the
// landscape of three letters or more, or a stop word between two: the
// fewest parts, the longest first. Nil when there is no such split.
func splitCompound(s *Index, w string) []string {
	if len(w) < 6 || !isLowerLetters(w) {
		return nil
	}
	known := func(part string) bool {
		return len(part) >= 3 && !stopWords.Has(part) && s.FindTerm(lexicon.Stem(part)) >= 0
	}
	for i := len(w) - 3; i >= 3; i-- {
		if known(w[:i]) && known(w[i:]) {
			return []string{w[:i], w[i:]}
		}
	}
	for i := len(w) - 5; i >= 3; i-- {
		for k := i + 2; k <= min(i+4, len(w)-3); k++ {
			if stopWords.Has(w[i:k]) && known(w[:i]) && known(w[k:]) {
				return []string{w[:i], w[i:k], w[k:]}
			}
		}
	}
	return nil
}

func isLowerLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func nonStop(ws []string) []string {
	var out []string
	for _, w := range ws {
		if !stopWords.Has(w) {
			out = append(out, w)
		}
	}
	return out
}

// Search returns the items that match q, best first; ties are broken by name
// so the order is stable.
//
// Items are ranked by evidence added up across fields, BM25F-style: a
// query word found in an item's name weighs most, then in the subcategory,
// the tags and the guide's keywords for the subcategory, the category, the
// description, the guide's sentences that name the item, and the stated
// use case. A word weighs more the rarer
// it is in the landscape, and repeating it saturates, so an item whose
// subcategory, tags and description all say "registry" ranks above one
// whose name merely contains it. Items that cover more of the query's words
// rank first, and words that sit together as in the query add a bonus.
//
// Then priors say what a learner most likely wants among items that match
// as well: CNCF graduated, incubating, sandbox, then the rest; archived
// projects last; open source before products; items the landscape's guide
// names as examples of their topic; popular before obscure (when GitHub
// facts are known); projects before organisations' entries and
// before other listings of the same project. None of this overrides a name:
// items the query names exactly (see the name model) come first.
//
// Words are matched whole, by a shared stem (logs and logging), by prefix
// (kube → kubernetes, never inside a word), by a typo (one edit, two for
// long words; ranked below exact matches), by the field's jargon (k8s →
// kubernetes; vm → "virtual machine", its words side by side, never
// "machine" alone), and written joined or split the other way
// (multicluster → "multi-cluster", git ops → gitops). Question words
// ("vs", "difference between") rank nothing.
func Search(x *landscape.Index, q Query) ([]Result, error) {
	q, err := q.chosen()
	if err != nil {
		return nil, err
	}
	keep, err := filter(x, q)
	if err != nil {
		return nil, err
	}
	words := queryWords(q.Text)
	var out []Result
	if len(words) == 0 {
		for i := range x.Len() {
			if keep(i) {
				out = append(out, Result{Index: i, Name: x.Summary(i).Name})
			}
		}
	} else {
		out = rank(x, q.Text, words, keep)
	}
	sortResults(x, out)
	if q.Sort != "" && q.Sort != "relevance" {
		sortBy(x, out, q.Sort)
	}
	return out, nil
}

// rank scores every item that matches a query word.
func rank(x *landscape.Index, text string, words []string, keep func(int) bool) []Result {
	p := makePlan(x, words)
	s := p.s
	nw := len(words)
	// hits[i*nw+k] is item i's match of word k: the best alternative.
	// The words of a phrase add up in held, and count once the item is
	// seen to hold them side by side.
	hits := make([]termHit, s.N()*nw)
	for i := range hits {
		hits[i].alt = -1
	}
	held := newPhraseHits(s.N(), len(p.phrases))
	for ai, a := range p.alts {
		s.Postings(a.term, func(item int, tf *[NumFields]uint8) {
			tfw, fields := s.Weigh(item, tf, a.nameOnly)
			if tfw == 0 {
				return
			}
			sc := float32(saturate(a.idf, tfw) * a.factor)
			if a.group >= 0 {
				held.add(item, int(a.group), a.part, sc, fields)
				return
			}
			hits[item*nw+a.word].take(ai, sc, fields)
		})
	}
	for g, ph := range p.phrases {
		all := uint8(1<<len(ph.ways) - 1)
		for item := range s.N() {
			at := item*len(p.phrases) + g
			if held.parts[at] != all || !holdsAll(x, item, held.fields[at], ph.ways) {
				continue
			}
			hits[item*nw+ph.word].take(ph.first, held.score[at], held.fields[at])
		}
	}
	tiers := nameTiers(x, text, words)
	texts := make([]float64, s.N())
	covers := make([]float64, s.N())
	for i := range s.N() {
		row := hits[i*nw : (i+1)*nw]
		sum, covered, asked := 0.0, 0, nw
		for k, h := range row {
			switch {
			case h.alt >= 0:
				sum += float64(h.score)
				covered++
			case nw > 1 && headNouns.Has(words[k]):
				// "policy engine": a policy tool that never says
				// "engine" still answers the question.
				asked--
			}
		}
		covers[i] = float64(covered) / float64(max(asked, 1))
		texts[i] = sum * covers[i] * covers[i]
	}
	var out []Result
	for i := range s.N() {
		tier := tiers[i]
		if (texts[i] == 0 && tier == 0) || !keep(i) {
			continue
		}
		out = append(out, Result{Index: i, Tier: tier, plan: p, hits: hits[i*nw : (i+1)*nw], text: texts[i], coverage: covers[i]})
	}
	// A phrase needs two words, or one that stands for several ("iac").
	if nw > 1 || slices.ContainsFunc(lexicon.FieldJargon().Meanings(words[0]), func(m []string) bool { return len(nonStop(m)) > 1 }) {
		phrases(x, out, p)
	}
	for k := range out {
		r := &out[k]
		r.prior = prior(s.Item(r.Index), r.Tier > 0)
		r.Score = r.text * r.prior
		r.Name = x.Summary(r.Index).Name
	}
	return out
}

// phrases gives a bonus to the best-scoring items that hold the query's
// words side by side, in order, in one of their texts.
func phrases(x *landscape.Index, rs []Result, p *plan) {
	// Each query word as a phrase may be written: itself, or what it
	// stands for in the field's jargon ("k8s distribution" is said in
	// "Certified Kubernetes - Distribution").
	j := lexicon.FieldJargon()
	ways := make([][][]string, len(p.words))
	for k, w := range p.words {
		ways[k] = [][]string{{lexicon.Stem(w)}}
		for _, phrase := range j.Meanings(w) {
			if exp := nonStop(phrase); len(exp) > 0 {
				stems := make([]string, len(exp))
				for i, e := range exp {
					stems[i] = lexicon.Stem(e)
				}
				ways[k] = append(ways[k], stems)
			}
		}
	}
	var full []int
	for k := range rs {
		if rs[k].coverage == 1 {
			full = append(full, k)
		}
	}
	slices.SortFunc(full, func(a, b int) int { return cmp.Compare(rs[b].text, rs[a].text) })
	for _, k := range full[:min(len(full), 100)] {
		// Only a field that holds every word can hold them side by side.
		shared := uint8(1<<NumFields - 1)
		for _, h := range rs[k].hits {
			shared &= h.fields
		}
		if shared == 0 {
			continue
		}
		if holdsSide(x, rs[k].Index, shared, ways) {
			rs[k].phrase = true
			rs[k].text *= phraseBonus
		}
	}
}

// take keeps the better of h and an alternative's score; the fields add up.
func (h *termHit) take(alt int, score float32, fields uint8) {
	if score > h.score {
		h.alt, h.score = int16(alt), score
	}
	if h.alt >= 0 {
		h.fields |= fields
	}
}

// phraseHits is, per item and phrase alternative, the score of its words
// so far, which of them were found (a bit each) and the fields that hold
// every one found.
type phraseHits struct {
	n             int
	score         []float32
	parts, fields []uint8
}

func newPhraseHits(items, phrases int) phraseHits {
	n := items * phrases
	return phraseHits{n: phrases, score: make([]float32, n), parts: make([]uint8, n), fields: make([]uint8, n)}
}

func (ph *phraseHits) add(item, g int, part uint8, score float32, fields uint8) {
	at := item*ph.n + g
	if ph.parts[at] == 0 {
		ph.fields[at] = fields
	} else {
		ph.fields[at] &= fields
	}
	ph.parts[at] |= 1 << part
	ph.score[at] += score
}

// holdsSide reports whether item i has the words of ways side by side in
// one of the fields of mask whose text the index keeps.
func holdsSide(x *landscape.Index, i int, mask uint8, ways [][][]string) bool {
	sum := x.Summary(i)
	texts := [NumFields]string{FieldName: sum.Name, FieldSub: sum.Subcategory, FieldCat: sum.Category, FieldTags: sum.Tags, FieldDesc: sum.Description}
	for f, t := range texts {
		if mask&(1<<f) != 0 && t != "" && holdsPhrase(t, ways) {
			return true
		}
	}
	return false
}

// holdsAll is holdsSide for a phrase alternative, whose words must be side
// by side. The guide's words for an item are kept as words only, so one
// guide field holding them all is as close as the index can tell; a use
// case is read from the item.
func holdsAll(x *landscape.Index, i int, mask uint8, ways [][][]string) bool {
	const guide = 1<<FieldGuide | 1<<FieldKeywords
	if mask&guide != 0 || holdsSide(x, i, mask, ways) {
		return true
	}
	if mask&(1<<FieldUse) != 0 {
		e := x.Item(i).Extras()
		return holdsPhrase(e.SummaryUseCase+" . "+e.SummaryBusinessUseCase, ways)
	}
	return false
}

// holdsPhrase reports whether text has the query's words side by side and
// in order, each written one of its ways (a sequence of stems). Stop words
// in the text are passed over, as the query's are ("infrastructure as
// code").
func holdsPhrase(text string, ways [][][]string) bool {
	asked := map[string]bool{}
	for _, word := range ways {
		for _, way := range word {
			for _, st := range way {
				asked[st] = true
			}
		}
	}
	var ws []string
	for _, w := range lexicon.Words(text) {
		if st := lexicon.Stem(w); asked[st] || !stopWords.Has(w) {
			ws = append(ws, st)
		}
	}
	var from func(at, k int) bool
	from = func(at, k int) bool {
		if k == len(ways) {
			return true
		}
		for _, way := range ways[k] {
			if at+len(way) <= len(ws) && slices.Equal(ws[at:at+len(way)], way) && from(at+len(way), k+1) {
				return true
			}
		}
		return false
	}
	for i := range ws {
		if from(i, 0) {
			return true
		}
	}
	return false
}

// nameTiers finds the items the query names: exactly (name, slug, name
// without spaces, acronym, jargon alias), as the base name of a qualified
// listing, or as a whole name a typo away when the query's words are not
// the landscape's.
func nameTiers(x *landscape.Index, text string, words []string) map[int]int {
	s := searchIdx(x)
	tiers := map[int]int{}
	note := func(item int, tier uint8) {
		tiers[item] = max(tiers[item], int(tier))
	}
	for _, key := range []string{lexicon.NormName(text), scan.Compact(text)} {
		if key != "" {
			s.LookupKey(key, note)
		}
	}
	if len(tiers) > 0 {
		// Another listing of a project the query names exactly ranks as
		// any other match: "podman (Wasm)" never before "Podman
		// Container Tools" when "Podman" itself is there.
		if slices.ContainsFunc(slices.Collect(maps.Values(tiers)), func(t int) bool { return t >= scan.TierExact }) {
			for i, t := range tiers {
				if t < scan.TierExact {
					delete(tiers, i)
				}
			}
		}
		return tiers
	}
	c := scan.Compact(text)
	limit := lexicon.TypoLimit(c)
	if limit == 0 {
		return tiers
	}
	for _, w := range words {
		if s.FindTerm(lexicon.Stem(w)) >= 0 {
			return tiers // a word the landscape has is not a typo
		}
	}
	for k := range s.NKeys() {
		key := s.Key(k)
		if d := len(key) - len(c); d > limit || -d > limit || strings.Contains(key, " ") {
			continue
		}
		if lexicon.EditDistance(c, key, limit) <= limit {
			item, _ := s.KeyEntry(k)
			note(item, scan.TierTypo)
		}
	}
	return tiers
}

// prior is what a learner most likely wants among items that match as well.
// named tells that the query names the item: its kind then costs nothing.
func prior(r record, named bool) float64 {
	p := 1.0
	switch r.Maturity {
	case maturityCode[landscape.Graduated]:
		p *= 1.3
	case maturityCode[landscape.Incubating]:
		p *= 1.2
	case maturityCode[landscape.Sandbox]:
		p *= 1.1
	case maturityCode[landscape.Archived]:
		p *= 0.5
	}
	if r.Flags&scan.FlagRepo != 0 {
		p *= 1.1
	}
	if r.Flags&scan.FlagGuide != 0 {
		// The landscape's maintainers chose it as an example of its
		// topic in the guide.
		p *= 1.2
	}
	if !named {
		if r.Flags&scan.FlagMember != 0 {
			p *= 0.2
		}
		if r.Flags&scan.FlagListing != 0 {
			p *= 0.4
		}
	}
	p *= 1 + 0.03*math.Log10(1+float64(r.Stars))
	p *= 1 + 0.02*math.Log10(1+float64(r.Contributors))
	return p
}

// sortBy orders results by a SortKeys field, most first (name: A to Z);
// items without the fact go last, and ties keep their relevance order.
func sortBy(x *landscape.Index, rs []Result, key string) {
	value := func(r Result) int64 {
		s := x.Summary(r.Index)
		switch key {
		case "stars":
			return s.Stars
		case "contributors":
			return s.Contributors
		case "release":
			return s.LatestRelease
		case "commit":
			return s.LatestCommit
		case "accepted":
			if t, err := time.Parse("2006-01-02", s.Accepted); err == nil {
				return t.Unix()
			}
		}
		return 0
	}
	if key == "name" {
		slices.SortStableFunc(rs, func(a, b Result) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
		return
	}
	slices.SortStableFunc(rs, func(a, b Result) int { return cmp.Compare(value(b), value(a)) })
}

// sortResults orders the named items first, best tier first, then by
// score, then by name, so output is deterministic. It sorts small keys and
// moves each result once.
func sortResults(x *landscape.Index, rs []Result) {
	type key struct {
		tier  int
		score float64
		name  string
		at    int
	}
	keys := make([]key, len(rs))
	for i, r := range rs {
		keys[i] = key{r.Tier, r.Score, strings.ToLower(r.Name), i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(b.tier, a.tier), cmp.Compare(b.score, a.score), strings.Compare(a.name, b.name), cmp.Compare(rs[a.at].Index, rs[b.at].Index))
	})
	sorted := make([]Result, len(rs))
	for i, k := range keys {
		sorted[i] = rs[k.at]
	}
	copy(rs, sorted)
}

// letters is the set of bytes in s, folded onto 64 bits.
func letters(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		m |= 1 << (s[i] & 63)
	}
	return m
}

func filter(x *landscape.Index, q Query) (func(int) bool, error) {
	var sets []map[int]bool
	for _, path := range []string{q.Category, q.Subcategory} {
		if path == "" {
			continue
		}
		p, err := x.FindPlace(path)
		if err != nil {
			return nil, err
		}
		set := map[int]bool{}
		for _, i := range p.Items() {
			set[i] = true
		}
		sets = append(sets, set)
	}
	since := int64(0)
	if !q.ActiveSince.IsZero() {
		since = q.ActiveSince.Unix()
	}
	if len(sets) == 0 && len(q.Maturity) == 0 && len(q.Kind) == 0 && len(q.License) == 0 && q.Language == "" && q.MinStars <= 0 && since == 0 {
		return func(int) bool { return true }, nil
	}
	return func(i int) bool {
		for _, s := range sets {
			if !s[i] {
				return false
			}
		}
		if len(q.Kind) > 0 && !slices.Contains(q.Kind, x.Kind(i)) {
			return false
		}
		sum := x.Summary(i)
		if len(q.Maturity) > 0 && !slices.Contains(q.Maturity, sum.Maturity) {
			return false
		}
		if len(q.License) > 0 && !slices.ContainsFunc(q.License, func(l string) bool { return strings.EqualFold(l, sum.License) }) {
			return false
		}
		if q.Language != "" && !slices.ContainsFunc(strings.Split(sum.Languages, ", "), func(l string) bool { return strings.EqualFold(l, q.Language) }) {
			return false
		}
		return sum.Stars >= q.MinStars && sum.LatestCommit >= since
	}, nil
}

// Match explains a result: what named it, which words matched where, and
// how the score was made.
type Match struct {
	// Tier says how the query names the item, if it does: "alias" (the
	// field's jargon), "exact" (name, slug or acronym), "organization" or
	// "listing" (the base name of a qualified entry), "typo" (the whole
	// name, a typo away).
	Tier     string      `json:"tier,omitempty"`
	Fields   []string    `json:"fields"` // where query words were found
	Terms    []TermMatch `json:"terms"`
	Coverage float64     `json:"coverage"` // share of the query's words found
	Phrase   bool        `json:"phrase"`   // the words side by side, as in the query
	Text     float64     `json:"text"`     // textual evidence, before priors
	Prior    float64     `json:"prior"`    // maturity, kind, popularity
	Score    float64     `json:"score"`
}

// TermMatch is how one query word matched.
type TermMatch struct {
	Query  string   `json:"query"`
	Term   string   `json:"term,omitempty"` // the landscape's word (stemmed) it matched
	How    string   `json:"how,omitempty"`  // exact, prefix, typo or synonym
	Fields []string `json:"fields,omitempty"`
	Score  float64  `json:"score"`
}

var tierNames = map[int]string{scan.TierTypo: "typo", scan.TierMadeBy: "maker", scan.TierListing: "listing", scan.TierOrg: "organization", scan.TierExact: "exact", scan.TierAlias: "alias"}

// Match explains the result.
func (r Result) Match() Match {
	m := Match{Tier: tierNames[r.Tier], Coverage: r.coverage, Phrase: r.phrase, Text: r.text, Prior: r.prior, Score: r.Score, Fields: []string{}, Terms: []TermMatch{}}
	if r.plan == nil {
		return m
	}
	var all uint8
	for k, h := range r.hits {
		tm := TermMatch{Query: r.plan.words[k]}
		if h.alt >= 0 {
			a := r.plan.alts[h.alt]
			tm.Term, tm.How, tm.Score = r.plan.s.Term(a.term), howNames[a.how], float64(h.score)
			tm.Fields = fieldList(h.fields)
			all |= h.fields
		}
		m.Terms = append(m.Terms, tm)
	}
	m.Fields = fieldList(all)
	return m
}

func fieldList(mask uint8) []string {
	out := []string{}
	for f := range NumFields {
		if mask&(1<<f) != 0 {
			out = append(out, fieldNames[f])
		}
	}
	return out
}

// NameHighlights returns the byte offsets of the name's letters that match
// the query's words (whole, by stem, or as the start of a word), for
// highlighting.
func NameHighlights(name, query string) []int {
	words := queryWords(query)
	var at []int
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(name) {
			r, size := utf8.DecodeRuneInString(name[j:])
			if !isWordRune(r) {
				break
			}
			j += size
		}
		w := strings.ToLower(name[i:j])
		for _, q := range words {
			if w == q || lexicon.Stem(w) == lexicon.Stem(q) || len(q) >= 2 && strings.HasPrefix(w, q) {
				end := j
				if w != q && lexicon.Stem(w) != lexicon.Stem(q) && len(w) == j-i {
					end = i + len(q) // a prefix: only its letters
				}
				for b := i; b < end; b++ {
					at = append(at, b)
				}
				break
			}
		}
		i = j
	}
	return at
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// WordsAsWritten reports whether every query word matched as itself (or
// what it stands for), not as the start of a longer word or a typo:
// kubeadm is not KubeAdmiral.
func (r Result) WordsAsWritten() bool {
	for _, h := range r.hits {
		if h.alt < 0 {
			continue
		}
		if how := r.plan.alts[h.alt].how; how == howPrefix || how == howTypo {
			return false
		}
	}
	return true
}

// CoversAll reports whether every word of the query matched.
func (r Result) CoversAll() bool { return r.coverage >= 1 }

// AsPhrase reports whether the query's words matched side by side.
func (r Result) AsPhrase() bool { return r.phrase }

// NamedExactly are the items a word names exactly, by their name, slug,
// acronym or alias ("etcd", "helm"), in order of position.
func NamedExactly(x *landscape.Index, w string) []int {
	var out []int
	for i, tier := range nameTiers(x, w, []string{w}) {
		if tier >= scan.TierExact {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}
