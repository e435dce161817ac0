package landscape

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/sahilm/fuzzy"
)

// Score bands of a search result, from what a person most likely means to
// what they least likely mean. Bonuses within a band are smaller than the gap
// between name bands, so a better kind of match always ranks first.
const (
	ScoreExact       = 1000 // the name or slug, ignoring case
	ScorePrefix      = 900  // the name starts with the query
	ScoreNameWord    = 800  // the query is a whole word (or words) of the name
	ScoreNamePart    = 700  // the name contains the query
	ScoreTypoName    = 600  // the whole name is one or two edits away
	ScoreFuzzyName   = 500  // the name contains the query's letters close together
	ScoreTypo        = 450  // a word of the name is one or two edits away
	scoreTermName    = 400  // a query word starts a word of the name
	scoreTermSub     = 300  // a query word is a word of the subcategory
	scoreTermCat     = 250  // … of the category (broader, so less telling)
	scoreTermTag     = 300  // … or of summary_tags
	scoreTermDesc    = 150  // a query word is a word of the description
	scorePrefixGap   = 20   // a word prefix ("runtime" for "runtimes") counts a little less
	minNameMatchBand = ScoreTypo
)

// Query is a search: free text plus filters. Empty text with filters lists
// everything the filters keep.
type Query struct {
	Text        string
	Category    string   // a category path, as FindPlace takes
	Subcategory string   // a subcategory path, as FindPlace takes
	Maturity    []string // any of Maturities; empty means any

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
	Score int
	// NameMatch holds byte offsets into Item.Name that matched the query,
	// for highlighting; nil when the match was not on the name.
	NameMatch []int
}

// place is a subcategory's lower-case names, for matching query words.
type place struct{ cat, sub string }

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// shortcuts lets search skip work that cannot change a result (texts
// without the word, names too unlike the query for a typo). Tests turn it
// off to check that results stay the same.
var shortcuts = true

// ValidMaturity reports whether m is one of Maturities.
func ValidMaturity(m string) bool { return slices.Contains(Maturities, m) }

// Search returns the items that match q, best first; ties are broken by name
// so the order is stable.
func (x *Index) Search(q Query) ([]Result, error) {
	keep, err := x.filter(q)
	if err != nil {
		return nil, err
	}
	x.ensurePlaces()
	text := strings.Join(strings.Fields(strings.ToLower(q.Text)), " ")
	nq := nameQuery{text: text, loose: true, typo: newTypoQuery(text)}
	if len([]rune(text)) >= 4 {
		nq.fuzzy = x.fuzzyNames(text)
	}
	tq := x.newTermQuery(text)
	var out []Result
	for i := range x.Len() {
		if !keep(i) {
			continue
		}
		st := x.searchText(i)
		score, match := 0, []int(nil)
		if text != "" {
			score, match = x.nameScore(i, &st, &nq)
			if score == 0 {
				score = x.termScore(i, &st, &tq)
			}
			if score == 0 {
				continue
			}
		}
		out = append(out, Result{Index: i, Name: st.Name, Score: score + bonus(st.Project, st.Name), NameMatch: match})
	}
	x.sortResults(out)
	if q.Sort != "" && q.Sort != "relevance" {
		x.sortBy(out, q.Sort)
	}
	return out, nil
}

// sortBy orders results by a SortKeys field, most first (name: A to Z);
// items without the fact go last, and ties keep their relevance order.
func (x *Index) sortBy(rs []Result, key string) {
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
		slices.SortStableFunc(rs, func(a, b Result) int { return cmp.Compare(x.key(a.Index), x.key(b.Index)) })
		return
	}
	slices.SortStableFunc(rs, func(a, b Result) int { return cmp.Compare(value(b), value(a)) })
}

// sortResults orders best first, then by name, so output is deterministic.
func (x *Index) sortResults(rs []Result) {
	slices.SortStableFunc(rs, func(a, b Result) int {
		return cmp.Or(
			cmp.Compare(b.Score, a.Score),
			cmp.Compare(x.key(a.Index), x.key(b.Index)),
			cmp.Compare(a.Index, b.Index),
		)
	})
}

// bonus lifts CNCF projects a little within a band: a person who searches a
// term most often wants the foundation's project for it.
func bonus(project, name string) int {
	switch project {
	case Graduated:
		return 40
	case Incubating:
		return 30
	case Sandbox:
		return 20
	case Archived:
		return -10
	}
	if strings.HasSuffix(name, "(member)") {
		return -30
	}
	return 0
}

func (x *Index) filter(q Query) (func(int) bool, error) {
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
	for _, m := range q.Maturity {
		if !ValidMaturity(m) {
			return nil, fmt.Errorf("unknown maturity %q (want %s)", m, strings.Join(Maturities, ", "))
		}
	}
	if q.Sort != "" && q.Sort != "relevance" && !slices.Contains(SortKeys, q.Sort) {
		return nil, fmt.Errorf("unknown sort %q (want %s)", q.Sort, strings.Join(SortKeys, ", "))
	}
	since := int64(0)
	if !q.ActiveSince.IsZero() {
		since = q.ActiveSince.Unix()
	}
	if len(sets) == 0 && len(q.Maturity) == 0 && len(q.License) == 0 && q.Language == "" && q.MinStars <= 0 && since == 0 {
		return func(int) bool { return true }, nil
	}
	return func(i int) bool {
		for _, s := range sets {
			if !s[i] {
				return false
			}
		}
		sum := x.Summary(i)
		if len(q.Maturity) > 0 && !slices.Contains(q.Maturity, sum.Project) {
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

// ensurePlaces lists the subcategories' lower-case names on first use
// rather than at load, so that show and list never pay for them.
func (x *Index) ensurePlaces() {
	if x.places != nil {
		return
	}
	x.places = []place{}
	for _, c := range x.Categories {
		cat := strings.ToLower(c.Name)
		for _, s := range c.Subcategories {
			x.places = append(x.places, place{cat: cat, sub: strings.ToLower(s.Name)})
		}
	}
}

// nameQuery is what nameScore compares names with.
type nameQuery struct {
	text string // lower-case, single-spaced
	// loose adds fuzzy and typo matches to the ones that contain text as
	// written; fuzzy holds the fuzzy matches, by item.
	loose bool
	fuzzy fuzzyHits
	typo  typoQuery
}

// nameScore scores a query against the item's name alone.
func (x *Index) nameScore(i int, it *SearchText, q *nameQuery) (int, []int) {
	text, name := q.text, x.key(i)
	span := func(at int) []int {
		if len(name) != len(it.Name) { // lower-casing changed byte offsets
			return nil
		}
		m := make([]int, 0, len(text))
		for b := at; b < at+len(text); b++ {
			m = append(m, b)
		}
		return m
	}
	switch {
	case name == text || it.Slug == text:
		return ScoreExact, span(0)
	case strings.HasPrefix(name, text):
		return ScorePrefix, span(0)
	}
	if at := wordIndex(name, text); at >= 0 {
		return ScoreNameWord, span(at)
	}
	if len(text) >= 3 {
		if at := strings.Index(name, text); at >= 0 {
			return ScoreNamePart, span(at)
		}
	}
	if !q.loose {
		return 0, nil
	}
	if m, ok := q.fuzzy.match(i); ok {
		// The more of the name the match covers, the likelier it is meant.
		cover := 40 * len(text) / len(name)
		if len(name) != len(it.Name) {
			m = nil
		}
		return ScoreFuzzyName + cover, m
	}
	if d, whole := q.typo.distance(name); d > 0 {
		if whole {
			return ScoreTypoName - 20*(d-1), nil
		}
		return ScoreTypo - 20*(d-1), nil
	}
	return 0, nil
}

// wordIndex returns where sub occurs in s as whole words, or -1.
func wordIndex(s, sub string) int {
	for from := 0; from < len(s); {
		at := strings.Index(s[from:], sub)
		if at < 0 {
			return -1
		}
		at += from
		end := at + len(sub)
		if (at == 0 || !isWordByte(s[at-1])) && (end == len(s) || !isWordByte(s[end])) {
			return at
		}
		from = at + 1
	}
	return -1
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// wordBytes[b] is isWordByte(b), for the loops that test every byte.
var wordBytes = func() (t [256]bool) {
	for b := range t {
		t[b] = isWordByte(byte(b))
	}
	return t
}()

// nameSource lets sahilm/fuzzy search some of the lower-case names without
// copying them.
type nameSource struct {
	x   *Index
	idx []int // positions of the names to search
}

func (s nameSource) String(i int) string { return s.x.key(s.idx[i]) }
func (s nameSource) Len() int            { return len(s.idx) }

// startsAWord reports whether some word of name starts with b.
func startsAWord(name string, b byte) bool {
	for i := 0; i < len(name); i++ {
		if name[i] == b && (i == 0 || !isWordByte(name[i-1])) {
			return true
		}
	}
	return false
}

// fuzzyNames returns the items whose name holds the letters of text, in
// order and close together. A loose subsequence over a long name ("r…u…n…t…
// i…m…e" spread across five words) is not what anyone meant, so a match must
// start a word and span at most a few letters more than the query.
func (x *Index) fuzzyNames(text string) fuzzyHits {
	hits := fuzzyHits{items: make([]uint64, (x.Len()+63)/64), where: map[int][]int{}}
	n := len(text)
	// A match must start a word (below), so only names with a word that
	// starts with the query's first letter can match: a fifth of them.
	src := nameSource{x: x}
	for i := range x.Len() {
		if startsAWord(x.key(i), text[0]) {
			src.idx = append(src.idx, i)
		}
	}
	for _, m := range fuzzy.FindFrom(text, src) {
		idx := m.MatchedIndexes
		if len(idx) == 0 {
			continue
		}
		first, last := idx[0], idx[len(idx)-1]
		if last-first+1 > n+max(2, n/4) {
			continue
		}
		if first > 0 && isWordByte(m.Str[first-1]) {
			continue
		}
		i := src.idx[m.Index]
		hits.items[i/64] |= 1 << (i % 64)
		hits.where[i] = idx
	}
	return hits
}

// fuzzyHits are the items whose names match a query fuzzily, with the
// matched byte offsets. A bit per item answers the common "no" without
// hashing.
type fuzzyHits struct {
	items []uint64
	where map[int][]int
}

func (f *fuzzyHits) match(i int) ([]int, bool) {
	if i/64 >= len(f.items) || f.items[i/64]&(1<<(i%64)) == 0 {
		return nil, false
	}
	return f.where[i], true
}

// typoQuery finds names a typo away from a query ("promethues",
// "kubernets"). Short queries allow one edit, long ones two: more would
// match other words. Queries under five letters match no typos.
type typoQuery struct {
	text    string
	limit   int    // edits allowed; 0 for none
	letters uint64 // letters(text)
}

func newTypoQuery(text string) typoQuery {
	q := typoQuery{text: text, letters: letters(text)}
	switch n := len([]rune(text)); {
	case n >= 10:
		q.limit = 2
	case n >= 5:
		q.limit = 1
	}
	return q
}

// distance returns the edit distance (1 up to the limit) of the query to
// the name or one of its words, or 0 when it is further than a typo; whole
// tells it was the whole name.
func (q *typoQuery) distance(name string) (dist int, whole bool) {
	text, limit := q.text, q.limit
	if limit == 0 {
		return 0, false
	}
	nameLetters := letters(name)
	if q.near(len(name), nameLetters) {
		if d := editDistance(text, name, limit); d > 0 && d <= limit {
			return d, true
		}
	}
	best := limit + 1
	// A word has no letter the name lacks: when the name lacks more of the
	// query's letters than a typo can add, none of its words is near.
	if shortcuts && bits.OnesCount64(q.letters&^nameLetters) > 2*limit {
		return 0, false
	}
	if !strings.Contains(text, " ") {
		// One pass over the name finds each word with its letters.
		n, set := 0, uint64(0)
		word := func(end int) {
			if q.near(n, set) {
				best = min(best, editDistance(text, name[end-n:end], limit))
			}
			n, set = 0, 0
		}
		for j := 0; j < len(name); j++ {
			if c := name[j]; wordBytes[c] {
				n++
				set |= 1 << (c & 63)
			} else if n > 0 {
				word(j)
			}
		}
		if n > 0 {
			word(len(name))
		}
	}
	if best == 0 || best > limit {
		return 0, false
	}
	return best, false
}

// near is a quick necessary condition for a word of n bytes with the given
// letters (see letters) to be within a typo of the query, so that most names
// and words need no full comparison. Each edit changes the length by at most
// one and adds or removes at most two letters of the set; folding letters
// onto 64 bits only hides differences.
func (q *typoQuery) near(n int, set uint64) bool {
	d := n - len(q.text)
	return !shortcuts || d <= q.limit && -d <= q.limit && bits.OnesCount64(set^q.letters) <= 2*q.limit
}

// letters is the set of bytes in s, folded onto 64 bits.
func letters(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		m |= 1 << (s[i] & 63)
	}
	return m
}

// editDistance is the optimal string alignment distance (Levenshtein plus
// transpositions) between a and b, or limit+1 as soon as it must exceed limit.
// It compares bytes: names are mostly ASCII, and for the rest a multi-byte
// letter counts as a couple of edits, which only makes typos stricter.
func editDistance(a, b string, limit int) int {
	ra, rb := a, b
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	// Rows live on the stack for the short strings that names are.
	var rows [3][40]int
	prev2, prev, cur := rows[0][:], rows[1][:], rows[2][:]
	if len(rb)+1 > len(prev) {
		prev2, prev, cur = make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
	}
	prev2, prev, cur = prev2[:len(rb)+1], prev[:len(rb)+1], cur[:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// termQuery is a query's words, with what can be worked out once rather
// than for every item.
type termQuery struct {
	terms []string
	// placeScore[k][i] is how well terms[k] matches the places item i is
	// listed in (second paths included). Subcategory and category names
	// are shared by many items: each is compared once, and its score
	// handed to its items.
	placeScore [][]int16
	// nameSeen tells that nameScore has already looked for the one term in
	// every name and found it in none it was asked about.
	nameSeen bool
}

func (x *Index) newTermQuery(text string) termQuery {
	q := termQuery{terms: words(text)}
	q.nameSeen = shortcuts && len(q.terms) == 1 && q.terms[0] == text
	q.placeScore = make([][]int16, len(q.terms))
	for k, t := range q.terms {
		q.placeScore[k] = make([]int16, x.Len())
		p := 0
		for _, c := range x.Categories {
			for _, sub := range c.Subcategories {
				pl := x.places[p]
				p++
				score := int16(max(textScore(t, scoreTermSub, pl.sub), textScore(t, scoreTermCat, pl.cat)))
				if score == 0 {
					continue
				}
				for _, i := range sub.Items {
					q.placeScore[k][i] = max(q.placeScore[k][i], score)
				}
			}
		}
	}
	return q
}

// termScore scores each query word against the name, places, tags and
// description words; every word must match somewhere. The result is the
// weakest word's score, so "container runtime" ranks items where both words
// match strongly first.
func (x *Index) termScore(i int, it *SearchText, q *termQuery) int {
	if len(q.terms) == 0 {
		return 0
	}
	worst := -1
	for n, t := range q.terms {
		best := 0
		if !q.nameSeen {
			best = textScore(t, scoreTermName, it.Name)
		}
		best = max(best, int(q.placeScore[n][i]))
		if best < scoreTermTag {
			best = max(best, textScore(t, scoreTermTag, it.Tags))
		}
		if best == 0 && (!shortcuts || it.DescWords.MayHold(t)) { // descriptions score lowest: read them last
			best = textScore(t, scoreTermDesc, it.Description)
		}
		if best == 0 {
			return 0
		}
		if worst < 0 || best < worst {
			worst = best
		}
	}
	return worst
}

// textScore is full if the lower-case word t is a whole word of text
// (ignoring case), a little less if it starts a word (three letters at
// least), else 0.
func textScore(t string, full int, text string) int {
	// An ASCII word can only match ASCII bytes (UTF-8 multi-byte runes
	// are all >= 0x80), so the text needs lower-casing only for others.
	index := indexFold
	if !isASCII(t) {
		text, index = strings.ToLower(text), strings.Index
	}
	score := 0
	for from := 0; from < len(text); {
		at := index(text[from:], t)
		if at < 0 {
			break
		}
		at += from
		if at == 0 || !isWordByte(lowerASCII(text[at-1])) {
			end := at + len(t)
			if end == len(text) || !isWordByte(lowerASCII(text[end])) {
				return full
			}
			if len(t) >= 3 {
				score = full - scorePrefixGap
			}
		}
		from = at + 1
	}
	return score
}

// indexFold is strings.Index for a lower-case ASCII needle in a text whose
// ASCII letters may be upper-case. Candidates are found with strings.IndexByte
// (vectorised) for both cases of the first letter.
func indexFold(s, needle string) int {
	n := len(needle)
	if n == 0 {
		return 0
	}
	lo := needle[0]
	up := lo
	if 'a' <= lo && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	nextLo, nextUp := -1, -1 // next known position of each, or -1 to look
	for i := 0; i+n <= len(s); {
		if nextLo < i {
			if nextLo = strings.IndexByte(s[i:], lo); nextLo >= 0 {
				nextLo += i
			} else {
				nextLo = len(s)
			}
		}
		if nextUp < i {
			if nextUp = strings.IndexByte(s[i:], up); nextUp >= 0 {
				nextUp += i
			} else {
				nextUp = len(s)
			}
		}
		at := min(nextLo, nextUp)
		if at+n > len(s) {
			return -1
		}
		j := 1
		for j < n && lowerASCII(s[at+j]) == needle[j] {
			j++
		}
		if j == n {
			return at
		}
		i = at + 1
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
