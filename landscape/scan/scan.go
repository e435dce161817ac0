// Package scan finds the landscape's items and the glossaries' concepts in
// texts — notes, READMEs, a guide — line by line, in constant memory: the
// name model every finder shares (how people write each item's name), the
// scanner and its phrases as a compiled index stores them, and the concept
// finder.
package scan

import (
	_ "embed"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Mention is one place in a text that names an item.
type Mention struct {
	Source  string `json:"source"`  // file name, or "-" for standard input
	Line    int    `json:"line"`    // 1-based
	Column  int    `json:"column"`  // 1-based, in characters, where the match starts
	Text    string `json:"text"`    // the line, or the part of a long one around the match (see snippet)
	Matched string `json:"matched"` // the words that matched, as written
}

// maxSnippet bounds the text a mention keeps of its line: scanning a file
// of long lines keeps the matches, not a copy of the file.
const maxSnippet = 240

// snippet is line, or the part of it around line[start:end] when it is
// longer than maxSnippet, cut at characters and marked with "…".
func snippet(line string, start, end int) string {
	if len(line) <= maxSnippet {
		return strings.Clone(line)
	}
	room := max(0, maxSnippet-(end-start))
	from, to := max(0, start-room/2), min(len(line), end+room/2)
	for from > 0 && !utf8.RuneStart(line[from]) {
		from--
	}
	for to < len(line) && !utf8.RuneStart(line[to]) {
		to++
	}
	out := line[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(line) {
		out += "…"
	}
	return strings.Clone(out)
}

// Found is an item a text mentions: its first mentions, in the order they
// were read, and how many there are in all.
type Found struct {
	Index    int       // for Index.Item
	Mentions []Mention // the first KeptMentions of them
	Count    int       // every mention
}

// KeptMentions is how many mentions of one item or concept a scan keeps;
// the rest are counted. A scan's memory then grows with what a text
// names, not with its length.
const KeptMentions = 10

// Scanner finds the landscape items that texts mention. Precision comes
// first: a false match is worse than a miss. Names match as whole words or
// Phrases, never inside another word; names that are ordinary words
// ("Harbor", "Flux", "Helm") or very short count only when written like a
// name or next to cloud-native words; acronyms must be upper case. Aliases
// help: names in parentheses ("OPA"), repository names ("talos"), and a small
// table ("k8s", "otel"). Member entries and repeated listings collapse to
// the project.
type Scanner struct {
	x        *landscape.Index
	Phrases  []phrase       // by first token, then longest first (see lookup)
	stored   *storedPhrases // or, from a compiled index, read as looked up
	found    firstFound[int, Found]
	concepts *ConceptFinder          // when set, the glossary's terms are found too
	keep     int                     // mentions kept of each item; 0 keeps all (the guide's own scan)
	places   map[int]map[string]bool // caches placeWords
}

// FindConcepts makes the scanner find the glossary's terms as well, into
// c: a line that names a project is about software for them.
func (s *Scanner) FindConcepts(c *ConceptFinder) { s.concepts = c }

// phrase is one way to write an item's name, as lower-case tokens.
type phrase struct {
	tokens  []string
	target  int
	kind    phraseKind
	joined  string // "-" for "cri-o": written so, the name is distinctive
	org     bool   // an organisation: named only with a capital ("VMware", not "jetstack" in a URL)
	written string // as the item writes it
}

type phraseKind int

const (
	plainPhrase   phraseKind = iota // distinctive: any case
	acronymPhrase                   // "OPA", "CNI": upper case only
	riskyPhrase                     // an ordinary word: needs name-like writing or context
	smallPhrase                     // three letters, not a word ("zot", "Dex"): needs context on the line
	shortPhrase                     // two characters ("k6", "F5"): exact case and context
	loudPhrase                      // a longer acronym that is no word ("KEDA", "NATS"): any case
	topicPhrase                     // a word of the field ("Serverless"): only written as code or a link
	urlPhrase                       // a repository's or homepage's URL, normalised (see urlTarget)
)

var contextWords = lexicon.Listed("contextWords")

// NewScanner prepares to scan texts for the items of x, through the name
// model that search and resolve use: names, acronyms, distinctive
// repository names and the field's jargon. Another listing of a project,
// or an organisation's entry named like one, counts as the project.
func NewScanner(x *landscape.Index) *Scanner {
	// A compiled index holds the scanner's phrases: reading them costs a
	// fraction of building them from every item's record.
	if src, ok := x.Source().(PhraseSource); ok {
		if b, ok := src.Phrases(); ok {
			if sp, ok := openPhrases(b, x.Len()); ok {
				return &Scanner{x: x, stored: sp, keep: KeptMentions}
			}
		}
	}
	names, flags := BuildNames(x)
	s := ScannerFor(x, names, flags)
	s.keep = KeptMentions
	return s
}

// ScannerFor is NewScanner with the name model already built.
func ScannerFor(x *landscape.Index, names []ItemNames, flags []uint8) *Scanner {
	s := &Scanner{x: x}
	type candidate struct {
		target int
		exact  bool // the item's own name (or acronym, or alias), not a repository's
	}
	aliases := map[string][]candidate{} // joined tokens → candidates
	original := map[string]written{}    // joined tokens → as written
	for i := range names {
		target := names[i].canon
		for _, w := range names[i].written {
			toks := Tokenize(w.text)
			if len(toks) == 0 {
				continue
			}
			key := strings.Join(lowerAll(toks), " ")
			exact := w.from != fromRepo
			if !slices.ContainsFunc(aliases[key], func(c candidate) bool { return c.target == target }) {
				aliases[key] = append(aliases[key], candidate{target, exact})
			}
			if o, ok := original[key]; !ok || exact && o.from == fromRepo {
				original[key] = w
			}
		}
	}
	for key, cands := range aliases {
		target := -1
		if len(cands) == 1 {
			target = cands[0].target
		} else {
			// One item's own name beats another's repository name;
			// otherwise the alias is ambiguous and is dropped.
			var exact []candidate
			for _, c := range cands {
				if c.exact {
					exact = append(exact, c)
				}
			}
			if len(exact) == 1 {
				target = exact[0].target
			}
		}
		if target < 0 {
			continue
		}
		w := original[key]
		p := phrase{tokens: strings.Split(key, " "), target: target, kind: classify(w.text), joined: joiner(w.text),
			org: flags[target]&FlagMember != 0, written: w.text}
		if p.joined != "" {
			p.kind = plainPhrase // "cri-o", "cert-manager": distinctive, written so
		}
		if p.kind < 0 {
			continue
		}
		s.Phrases = append(s.Phrases, p)
	}
	// URLs: an item's repository and homepage name it, when no item of
	// another name has them too.
	urls := map[string]int{}
	for i := range names {
		it := s.x.Item(i)
		for _, u := range []string{it.RepoURL, it.HomepageURL} {
			k := landscape.NormalizeURL(u)
			if k == "" || !strings.Contains(k, "/") && !strings.Contains(k, ".") {
				continue
			}
			if t, seen := urls[k]; seen && t != names[i].canon {
				urls[k] = -1
			} else if !seen {
				urls[k] = names[i].canon
			}
		}
	}
	for k, t := range urls {
		s.Phrases = append(s.Phrases, phrase{tokens: []string{k}, target: max(t, 0), kind: urlPhrase, org: t < 0, written: k})
	}
	slices.SortFunc(s.Phrases, func(a, b phrase) int {
		if c := strings.Compare(a.tokens[0], b.tokens[0]); c != 0 {
			return c
		}
		if c := len(b.tokens) - len(a.tokens); c != 0 {
			return c
		}
		return strings.Compare(a.written, b.written)
	})
	return s
}

// lookup returns the phrases whose first token is first, longest first.
func (s *Scanner) lookup(first string) []phrase {
	if s.stored != nil {
		return s.stored.lookup(first, s.x.Len())
	}
	lo := sort.Search(len(s.Phrases), func(i int) bool { return s.Phrases[i].tokens[0] >= first })
	hi := lo
	for hi < len(s.Phrases) && s.Phrases[hi].tokens[0] == first {
		hi++
	}
	return s.Phrases[lo:hi]
}

// joiner returns the punctuation that joins a name's words when it is
// written as one ("cri-o", "cert-manager"), or "".
func joiner(written string) string {
	toks := lineTokens(written)
	if len(toks) < 2 {
		return ""
	}
	gap := written[toks[0].end:toks[1].start]
	if gap == "-" || gap == "." || gap == "_" {
		return gap
	}
	return ""
}

// classify decides how strictly a way of writing a name must match; -1
// means never (a single letter).
func classify(written string) phraseKind {
	toks := Tokenize(written)
	if len(toks) > 1 {
		for _, t := range toks {
			// "argo cd": "cd" is no word, and a name of two words is
			// distinctive when one of them is.
			if l := strings.ToLower(t); !CommonWords.Has(l) && !everydayWords.Has(l) && !ScanStopWords.Has(l) && !contextWords.Has(l) && !GenericWords.Has(l) && len(t) >= 2 {
				return plainPhrase
			}
		}
		return riskyPhrase // "Operator Framework": capitalised, or in context
	}
	t := toks[0]
	low := strings.ToLower(t)
	hasDigit := strings.ContainsFunc(t, unicode.IsDigit)
	n := utf8.RuneCountInString(t)
	switch {
	case n <= 1:
		return -1
	case n == 2:
		return shortPhrase
	case isAcronym(t) && !hasDigit && n >= 4 && !CommonWords.Has(low) && !GenericWords.Has(low):
		return loudPhrase
	case isAcronym(t) && !hasDigit:
		return acronymPhrase
	case GenericWords.Has(low) || topicWords.Has(low):
		return topicPhrase
	case CommonWords.Has(low) || everydayWords.Has(low):
		return riskyPhrase
	case n <= 3 && !hasDigit:
		return smallPhrase
	}
	return plainPhrase
}

var ScanStopWords = lexicon.Listed("scanStopWords")

var verbWords = lexicon.Listed("verbWords")

var topicWords = lexicon.Listed("topicWords")

var GenericWords = lexicon.Listed("genericWords")

func isAcronym(t string) bool {
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
	}
	return utf8.RuneCountInString(t) <= 6
}

// token is a run of letters and digits in a line.
type token struct {
	text       string
	start, end int  // byte offsets in the line
	sentence   bool // starts a sentence (or the line)
	marked     bool // in Markdown `code` or [link text]: written as a name
}

func Tokenize(s string) []string {
	var out []string
	for _, t := range lineTokens(s) {
		out = append(out, t.text)
	}
	return out
}

func lineTokens(line string) []token {
	toks := make([]token, 0, len(line)/6+1) // a word and a space, about, in prose
	sentence := true
	code, link := false, false
	lastLinkEnd := strings.LastIndex(line, "](") // a "[" before it opens link text
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			switch {
			case strings.ContainsRune(".!?", r):
				sentence = true
			case r == '`':
				code = !code
			case r == '[':
				link = i < lastLinkEnd
			case r == ']':
				link = false
			}
			i += size
			continue
		}
		j := i
		for j < len(line) {
			r, size := utf8.DecodeRuneInString(line[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += size
		}
		toks = append(toks, token{text: line[i:j], start: i, end: j, sentence: sentence, marked: code || link})
		sentence = false
		i = j
	}
	return toks
}

func lowerAll(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = strings.ToLower(t)
	}
	return out
}

// Scan reads one text and records what it mentions, a line at a time (see
// lineReader): it holds one line, at most maxLine bytes of it, and what it
// Found.
func (s *Scanner) Scan(source string, r io.Reader) error {
	lr := newLineReader(r)
	fenced := false
	for {
		l, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if l.col == 0 && strings.HasPrefix(strings.TrimSpace(l.text), "```") {
			fenced = !fenced
			continue
		}
		s.scanLine(source, l, fenced)
	}
}

func (s *Scanner) scanLine(source string, l textLine, fenced bool) {
	line := l.text
	urls := urlSpans(line)
	var toks []token
	// Words inside a URL are the URL's, matched whole below: "harbor-tips"
	// in a blog's address names nothing. Both are in line order.
	u := 0
	all := lineTokens(line)
	toks = all
	if len(urls) > 0 {
		toks = make([]token, 0, len(all))
		for _, t := range all {
			for u < len(urls) && urls[u][1] < t.end {
				u++
			}
			if u == len(urls) || t.start < urls[u][0] || t.end > urls[u][1] {
				toks = append(toks, t)
			}
		}
	}
	if fenced && len(toks) > 0 {
		if len(urls) == 0 {
			toks = slices.Clone(toks) // all stays as written, for the concepts
		}
		toks[0].marked = true // the command of a shell line: "helm install …"
	}
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = strings.ToLower(t.text)
	}
	type hit struct {
		at, length int
		p          *phrase // the scanner's own: a hit is small
	}
	var hits []hit
	for i := 0; i < len(toks); i++ {
		ps := s.lookup(lower[i])
		for k := range ps {
			p := &ps[k]
			if i+len(p.tokens) > len(toks) || !slices.Equal(lower[i:i+len(p.tokens)], p.tokens) || !closeTogether(line, toks[i:i+len(p.tokens)]) {
				continue
			}
			hits = append(hits, hit{i, len(p.tokens), p})
			i += len(p.tokens) - 1
			break
		}
	}
	// Context: cloud-native words on the line other than the name itself
	// ("Helm of the kitchen" is not its own context); strong ones have no
	// everyday sense (kubectl, yaml, ingress, repo).
	isContext := func(w string) bool { return contextWords.Has(w) || contextStems().Has(lexicon.Stem(w)) }
	isStrong := func(w string) bool {
		return isContext(w) && !everydayContext.Has(w) && !everydayContext.Has(lexicon.Stem(w))
	}
	// What the rules ask of the rest of the line is counted once, so
	// that a line of a hundred thousand names costs what it is long.
	contexts, strongs := prefixCounts(lower, isContext), prefixCounts(lower, isStrong)
	outside := func(prefix []int, h hit) bool {
		return prefix[len(lower)]-(prefix[h.at+h.length]-prefix[h.at]) > 0
	}
	contextStemsOnLine := map[string]int{} // stems of context words, counted
	for i, w := range lower {
		if contexts[i+1] > contexts[i] {
			contextStemsOnLine[lexicon.Stem(w)]++
		}
	}
	// confident: another mention that needs no context (a distinctive
	// name, a loud acronym), or one the line confirmed already.
	confirmed := make([]bool, len(toks)) // by a hit's first token
	assured := func(o hit) bool {
		return !o.p.org && (o.p.kind == plainPhrase || o.p.kind == loudPhrase || confirmed[o.at])
	}
	nAssured := 0
	for _, o := range hits {
		if assured(o) {
			nAssured++
		}
	}
	confident := func(h hit) bool {
		self := 0
		if assured(h) {
			self = 1
		}
		return nAssured-self > 0
	}
	nextToContext := func(h hit) bool {
		return h.at > 0 && isContext(lower[h.at-1]) || h.at+h.length < len(lower) && isContext(lower[h.at+h.length])
	}
	// ownPlace: a cloud-native word that names the item's own place
	// ("Networking: … flannel", "the registry … harbor").
	ownPlace := func(h hit) bool {
		n := 0
		for w := range s.placeWords(h.p.target) {
			n += contextStemsOnLine[w]
		}
		for _, w := range lower[h.at : h.at+h.length] {
			if isContext(w) && s.placeWords(h.p.target)[lexicon.Stem(w)] {
				n--
			}
		}
		return n > 0
	}
	decide := func(h hit) bool {
		first := toks[h.at]
		written := line[first.start:toks[h.at+h.length-1].end]
		capital := unicode.IsUpper([]rune(first.text)[0])
		anyContext := outside(contexts, h) || confident(h)
		switch h.p.kind {
		case plainPhrase:
			// A name joined by punctuation ("cri-o") is distinctive only
			// written so: "cri o" could be anything.
			return h.p.joined == "" || h.length == 1 || strings.Contains(written, h.p.joined) || anyContext
		case loudPhrase:
			// "KEDA", "keda": a longer acronym that is no word is the
			// project in any case.
			return true
		case topicPhrase:
			// The topic, unless the text writes it as a name: as code,
			// a link, or capitalised inside a sentence among cloud-native
			// Words ("…; Distribution is the code behind Docker Hub").
			return first.marked || written == h.p.written && !first.sentence && anyContext
		case acronymPhrase:
			return first.marked || isAcronym(written) && !strings.ContainsFunc(written, unicode.IsLower)
		case shortPhrase:
			return sameCase(written, *h.p) && anyContext
		case smallPhrase:
			return first.marked || anyContext
		case riskyPhrase:
			// An everyday word (an English or another language's word, a
			// place, a first name) is a name where the text says so.
			switch {
			case first.marked: // code, a link: `helm install`, [Harbor](…)
				return true
			case h.length > 1 && written == h.p.written:
				// A name of several words written whole, as the item
				// writes it, is the item: "Talos Linux", "Open Policy
				// Agent", "Kata Containers".
				return true
			case first.sentence && verbWords.Has(lower[h.at]):
				// A verb opening a sentence is an instruction: "Keep the
				// cluster small".
				return false
			case verbWords.Has(lower[h.at]) && h.at > 0 && subjects.Has(lower[h.at-1]):
				// After a subject or a modal the word is the verb: "we
				// keep logs", "you can keep it".
				return false
			case !capital && (verbWords.Has(lower[h.at]) || h.at > 0 && determiners.Has(lower[h.at-1])):
				// "keep it", "our envoy", "the helm": the word, unless a
				// cloud-native word is right beside it ("the harbor
				// registry").
				return nextToContext(h)
			case capital && !first.sentence && h.length == 1 && h.at > 0 && placePrepositions.Has(lower[h.at-1]):
				// "flew to Lima", but "logs in Loki", "pushed to Harbor".
				return nextToContext(h) || h.at > 1 && isContext(lower[h.at-2]) && !unicode.IsUpper([]rune(toks[h.at-2].text)[0])
			case capital:
				// Capitalised, as names are written: on a line about
				// software ("Falco watches syscalls").
				return anyContext || ownPlace(h)
			default:
				// Written in lower case: beside a cloud-native word, on a
				// Line only software writes, beside a confident mention,
				// or among words of its own place.
				return nextToContext(h) || outside(strongs, h) || confident(h) || ownPlace(h)
			}
		}
		return false
	}
	// Two passes: a name the line confirms is a confident mention for the
	// others ("cilium" among networking words vouches for "hubble").
	ok := make([]bool, len(hits))
	for pass := 0; pass < 2; pass++ {
		for k, h := range hits {
			// An organisation's listing (a member, a service provider)
			// never stands for a product named in prose: "VMWare runs
			// most vms".
			if !ok[k] && !h.p.org && decide(h) {
				if !assured(h) {
					nAssured++
				}
				ok[k], confirmed[h.at] = true, true
			}
		}
	}
	named := false
	cols := columns{line: line}
	for k, h := range hits {
		if !ok[k] {
			continue
		}
		first := toks[h.at]
		start, end := first.start, toks[h.at+h.length-1].end
		s.record(h.p.target, func() Mention { return l.mention(source, &cols, start, end) })
		named = true
	}
	cols = columns{line: line} // the URLs, in order too
	for _, u := range urls {
		if target, ok := s.urlTarget(line[u[0]:u[1]]); ok {
			s.record(target, func() Mention { return l.mention(source, &cols, u[0], u[1]) })
			named = true
		}
	}
	if s.concepts != nil && !fenced {
		context := aboutNothing
		if named {
			context = namesProject
		}
		s.concepts.line(source, l, all, context)
	}
}

var everydayContext = lexicon.Listed("everydayContext")

// contextStems are the context words stemmed ("reconciles", "deploying").
var contextStems = sync.OnceValue(func() *lexicon.WordSet {
	var stems []string
	for w := range contextWords.Set() {
		stems = append(stems, lexicon.Stem(w))
	}
	return lexicon.SetOf(stems...)
})

var vaguePlaceWords = lexicon.Listed("vaguePlaceWords")

var placePrepositions = lexicon.Listed("placePrepositions")

var subjects = lexicon.Listed("subjects")

var determiners = lexicon.Listed("determiners")

// placeWords are the stemmed words of an item's category and subcategory.
func (s *Scanner) placeWords(target int) map[string]bool {
	if s.places == nil {
		s.places = map[int]map[string]bool{}
	}
	if w, ok := s.places[target]; ok {
		return w
	}
	sum := s.x.Summary(target)
	w := map[string]bool{}
	for _, word := range lexicon.Words(sum.Category + " " + sum.Subcategory) {
		if !ScanStopWords.Has(word) && !vaguePlaceWords.Has(word) && len(word) > 2 {
			w[lexicon.Stem(word)] = true
		}
	}
	s.places[target] = w
	return w
}

// urlSpans finds the http(s) URLs of a line, as byte ranges.
func urlSpans(line string) [][2]int {
	var out [][2]int
	for i := 0; i < len(line); {
		j := strings.Index(line[i:], "http")
		if j < 0 {
			break
		}
		start := i + j
		rest := line[start:]
		if !strings.HasPrefix(rest, "https://") && !strings.HasPrefix(rest, "http://") {
			i = start + 4
			continue
		}
		end := start + strings.IndexFunc(rest, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(`)]>"'<`+"`", r)
		})
		if end < start {
			end = len(line)
		}
		trimmed := start + len(strings.TrimRight(line[start:end], ".,;:!?"))
		out = append(out, [2]int{start, trimmed})
		i = end
	}
	return out
}

// sameCase reports whether a two-character name was written as the item
// writes it ("k6", "F5"), since those are too short to guess.
func sameCase(written string, p phrase) bool {
	return strings.EqualFold(written, p.tokens[0]) && (written == strings.ToUpper(written) || written == strings.ToLower(written))
}

// closeTogether reports whether the tokens of a phrase sit next to each
// other in the line, apart only by a space, hyphen, dot or slash.
func closeTogether(line string, toks []token) bool {
	for i := 1; i < len(toks); i++ {
		gap := line[toks[i-1].end:toks[i].start]
		if len(gap) > 2 || strings.Trim(gap, " -./_") != "" {
			return false
		}
	}
	return true
}

// record counts a mention of target, and keeps it (made by m) while it is
// among the first: one that is only counted costs nothing more.
func (s *Scanner) record(target int, m func() Mention) {
	f := s.found.get(target, func() *Found { return &Found{Index: target} })
	f.Count++
	if s.keep == 0 || len(f.Mentions) < s.keep {
		f.Mentions = append(f.Mentions, m())
	}
}

// Found returns what the texts scanned so far mention, in the order first
// mentioned.
func (s *Scanner) Found() []Found { return s.found.all() }

// urlTarget is the item a URL in a text points to: its repository (or a
// page inside it: "github.com/opencontainers/runc/blob/main/README.md"),
// or its homepage, when one item alone has it.
func (s *Scanner) urlTarget(u string) (int, bool) {
	key := landscape.NormalizeURL(u)
	for key != "" {
		// URL phrases are sorted among the others by their one token,
		// the normalised URL; a URL two items of other names share
		// names neither (org is set).
		for _, p := range s.lookup(key) {
			if p.kind == urlPhrase {
				return p.target, !p.org
			}
		}
		i := strings.LastIndexByte(key, '/')
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0, false
}

// everydayWords are the words of landscapes' names that are also everyday
// Words in English and the languages people write notes in, made by
// go run ./landscape/internal/everydaygen.
//
//go:embed everyday.txt
var everydayText string

// everydayWords is read on first use: only building a scanner needs it.
var everydayWords = lexicon.LazySet(func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(everydayText, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
})

// firstFound keeps what a scan finds, by key, in the order first found.
type firstFound[K comparable, V any] struct {
	by    map[K]*V
	order []K
}

// get returns k's value, made by fresh the first time.
func (f *firstFound[K, V]) get(k K, fresh func() *V) *V {
	v, ok := f.by[k]
	if !ok {
		if f.by == nil {
			f.by = map[K]*V{}
		}
		v = fresh()
		f.by[k] = v
		f.order = append(f.order, k)
	}
	return v
}

// all returns the values in the order first found.
func (f *firstFound[K, V]) all() []V {
	out := make([]V, len(f.order))
	for i, k := range f.order {
		out[i] = *f.by[k]
	}
	return out
}
