package landscape

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"unsafe"
)

// The search index: what search reads instead of the items' texts. It is
// built once (at update time for the cache, on first search for a parsed
// file) and kept as one byte slice that is read in place, so a compiled
// index on disk costs nothing to open.
//
// It holds, for every stemmed word of the landscape (the vocabulary, sorted),
// the items that have it and how often in each field; per item, the fields'
// lengths, flags and the numbers the priors use; and the exact keys of the
// name model, sorted, with the item and tier of each.
//
// Layout, little-endian: a header (magic, version, counts, average field
// lengths), the item table, the offset tables of the vocabulary, postings
// and keys, the key table, then the three blobs.

// Fields a word can be found in, weighted BM25F-style.
const (
	fieldName     = iota // the name and the name model's aliases
	fieldSub             // the subcategories it is listed in
	fieldCat             // their categories
	fieldTags            // summary_tags and GitHub topics
	fieldDesc            // the description (the data's, else GitHub's)
	fieldUse             // what the project says it is for: summary_use_case, summary_business_use_case
	fieldGuide           // the sentences of the landscape's guide that name it (see guideWords)
	fieldKeywords        // the guide's keywords for its subcategories
	numFields
)

// fieldNames name the fields in explanations and JSON.
var fieldNames = [numFields]string{"name", "subcategory", "category", "tags", "description", "use case", "guide", "guide keywords"}

const (
	searchMagic   = "CNLS"
	searchVersion = 6
	searchHeader  = 4 + 4 + 4*3 + 4*numFields
	itemRecSize   = 20 // field lengths, flags, maturity, padding, stars u32, contributors u32
	recStars      = 12 // offset of stars in an item's row; contributors follow
)

// Maturity codes in the item table.
var maturityCode = map[string]uint8{Sandbox: 1, Incubating: 2, Graduated: 3, Archived: 4}

// searchIndex reads the search index's bytes in place.
type searchIndex struct {
	n, nTerms, nKeys int
	avg              [numFields]float32
	items            []byte
	termOff, postOff []byte // (nTerms+1) u32 each
	keyOff, keyItem  []byte // (nKeys+1) u32, nKeys u32 (item<<3 | tier)
	terms            string
	post             []byte
	keys             string
	// blocks checks every part of the bytes before it is read (see
	// CheckedSource); nil for an index built in memory.
	blocks *Blocks
	// vocabulary is set once the vocabulary's tables are checked whole:
	// searches scan it, so one check beats one per word.
	vocabulary atomic.Bool
}

// check checks p, part of the index's bytes, before it is read.
func (s *searchIndex) check(p []byte) {
	if b := s.blocks; b != nil && len(p) > 0 {
		if off := b.offset(p); !b.Checked(off, len(p)) {
			b.Range(off, len(p))
		}
	}
}

func u32at(b []byte, i int) int { return int(binary.LittleEndian.Uint32(b[4*i:])) }

// openSearch checks the structure of a search index and reads it in place.
// b must not change while the index is in use. Damage gives an error, never
// a panic: offsets are checked here, once.
func openSearch(b []byte, items int, blocks *Blocks) (*searchIndex, error) {
	check := func(p []byte) {
		if blocks != nil && len(p) > 0 {
			blocks.Check(p)
		}
	}
	check(b[:min(len(b), searchHeader)])
	if len(b) < searchHeader || string(b[:4]) != searchMagic || binary.LittleEndian.Uint32(b[4:]) != searchVersion {
		return nil, errors.New("search index: not a search index of this version")
	}
	s := &searchIndex{n: u32at(b, 2), nTerms: u32at(b, 3), nKeys: u32at(b, 4), blocks: blocks}
	for f := range numFields {
		s.avg[f] = math.Float32frombits(binary.LittleEndian.Uint32(b[20+4*f:]))
	}
	if s.n != items {
		return nil, fmt.Errorf("search index: %d items, the landscape has %d", s.n, items)
	}
	// Counts are bounded by the bytes before any table is sized from them.
	if s.n > len(b)/itemRecSize || s.nTerms > len(b)/8 || s.nKeys > len(b)/8 {
		return nil, errors.New("search index: counts beyond its size")
	}
	off := searchHeader
	take := func(n int) []byte {
		if n < 0 || off+n > len(b) {
			off = len(b) + 1
			return nil
		}
		p := b[off : off+n]
		off += n
		return p
	}
	s.items = take(s.n * itemRecSize)
	s.termOff = take(4 * (s.nTerms + 1))
	s.postOff = take(4 * (s.nTerms + 1))
	s.keyOff = take(4 * (s.nKeys + 1))
	s.keyItem = take(4 * s.nKeys)
	if off > len(b) {
		return nil, errors.New("search index: truncated")
	}
	check(s.termOff[4*s.nTerms:])
	check(s.postOff[4*s.nTerms:])
	check(s.keyOff[4*s.nKeys:])
	termLen, postLen, keyLen := u32at(s.termOff, s.nTerms), u32at(s.postOff, s.nTerms), u32at(s.keyOff, s.nKeys)
	terms, post, keys := take(termLen), take(postLen), take(keyLen)
	if off != len(b) {
		return nil, errors.New("search index: sizes do not add up")
	}
	// Offsets are checked where they are read (see span), not all here:
	// opening costs the same on a landscape of any size.
	s.terms = unsafe.String(unsafe.SliceData(terms), len(terms))
	s.keys = unsafe.String(unsafe.SliceData(keys), len(keys))
	s.post = post
	return s, nil
}

func (s *searchIndex) term(i int) string {
	if !s.vocabulary.Load() {
		s.check(s.termOff)
		s.check(unsafe.Slice(unsafe.StringData(s.terms), len(s.terms)))
		s.vocabulary.Store(true)
	}
	a, b := span(s.termOff, i, len(s.terms))
	return s.terms[a:b]
}

func (s *searchIndex) key(i int) string {
	a, b := s.span(s.keyOff, i, len(s.keys))
	k := s.keys[a:b]
	s.check(unsafe.Slice(unsafe.StringData(k), len(k)))
	return k
}

// span is span for a table of this index, checked before it is read.
func (s *searchIndex) span(offsets []byte, i, n int) (int, int) {
	s.check(offsets[4*i : 4*i+8])
	return span(offsets, i, n)
}

// span reads entry i of an offset table into a blob of size n: a damaged
// entry (which only a file forged past the checksum can hold) is empty.
func span(offsets []byte, i, n int) (int, int) {
	a, b := u32at(offsets, i), u32at(offsets, i+1)
	if a > b || b > n {
		return 0, 0
	}
	return a, b
}

// keyEntry is the item and tier of key k; a key of no item names none.
func (s *searchIndex) keyEntry(k int) (item int, tier uint8) {
	s.check(s.keyItem[4*k : 4*k+4])
	v := u32at(s.keyItem, k)
	if v>>3 >= s.n {
		return 0, tierNone
	}
	return v >> 3, uint8(v & 7)
}

// findTerm returns the position of term t in the vocabulary, or -1.
func (s *searchIndex) findTerm(t string) int {
	i := s.lowerBound(t)
	if i < s.nTerms && s.term(i) == t {
		return i
	}
	return -1
}

// lowerBound is the first position whose term is not less than t.
func (s *searchIndex) lowerBound(t string) int { return firstNotLess(s.nTerms, s.term, t) }

// firstNotLess is the first of n sorted strings, read through at, that is
// not less than t; n when there is none.
func firstNotLess(n int, at func(int) string, t string) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if at(m) < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// A posting is the item (as the difference from the previous one, a
// uvarint), a byte with a bit per field that has the term, and the term's
// count in each of those fields, one byte each.

// df is how many items have term i.
func (s *searchIndex) df(i int) int {
	n := 0
	s.postings(i, func(int, *[numFields]uint8) { n++ })
	return n
}

// postings calls f for every item that has term i, in item order, with the
// term's count in each field. A damaged list ends early.
func (s *searchIndex) postings(i int, f func(item int, tf *[numFields]uint8)) {
	a, b := s.span(s.postOff, i, len(s.post))
	p := s.post[a:b]
	s.check(p)
	item := 0
	var tf [numFields]uint8
	for len(p) > 0 {
		d, k := binary.Uvarint(p)
		if k <= 0 || len(p) < k+1 {
			return
		}
		item += int(d)
		mask := p[k]
		p = p[k+1:]
		if item >= s.n || int(mask)>>numFields != 0 {
			return
		}
		for fl := range numFields {
			tf[fl] = 0
			if mask&(1<<fl) != 0 {
				if len(p) == 0 {
					return
				}
				tf[fl], p = p[0], p[1:]
			}
		}
		f(item, &tf)
	}
}

// lookupKey calls f for every item that key (normalised) names exactly.
func (s *searchIndex) lookupKey(key string, f func(item int, tier uint8)) {
	lo, hi := 0, s.nKeys
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.key(m) < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for k := lo; k < s.nKeys && s.key(k) == key; k++ {
		f(s.keyEntry(k))
	}
}

// itemRec is item i's row of the item table.
type itemRec struct {
	lens         [numFields]uint8
	flags        uint8
	maturity     uint8
	stars, contr uint32
}

func (s *searchIndex) item(i int) itemRec {
	b := s.items[i*itemRecSize : (i+1)*itemRecSize]
	s.check(b)
	var r itemRec
	copy(r.lens[:], b[:numFields])
	r.flags, r.maturity = b[numFields], b[numFields+1]
	r.stars, r.contr = binary.LittleEndian.Uint32(b[recStars:]), binary.LittleEndian.Uint32(b[recStars+4:])
	return r
}

// SearchData builds the index's search structure in its binary form, which
// a Source can hand back to NewIndex so that nothing is rebuilt at query
// time.
func (x *Index) SearchData() []byte {
	x.build()
	return x.searchData
}

// build makes the search index and the scanner's phrases of an index that
// has none stored, once.
func (x *Index) build() {
	x.built.Do(func() {
		x.searchData = x.buildSearch()
	})
}

// buildSearch builds the search index from the items (and the scanner's
// phrases with it), settling what each item says it is.
func (x *Index) buildSearch() []byte {
	names, flags := x.buildNames()
	n := x.Len()
	type posting struct {
		item int
		tf   [numFields]uint8
	}
	vocab := map[string][]posting{}
	recs := make([]byte, n*itemRecSize)
	// Every place an item is listed (second paths included), from the tree.
	places := make([][][2]string, n)
	for _, c := range x.Categories {
		for _, sub := range c.Subcategories {
			for _, i := range sub.Items {
				if i >= 0 && i < n {
					places[i] = append(places[i], [2]string{c.Name, sub.Name})
				}
			}
		}
	}
	// Average lengths are over the items that have the field at all: most
	// items have no tags and over half no description, and averaging over
	// them all would make every tag list look long.
	scanner := x.scannerFor(names, flags)
	guide := x.guideWords(places, scanner)
	x.settleAbout(guide)
	makers := x.makers()
	var total, have [numFields]float64
	for i := range n {
		it := x.Item(i)
		var fields [numFields][]string
		fields[fieldName] = names[i].words
		for _, pl := range places[i] {
			fields[fieldSub] = append(fields[fieldSub], Words(pl[1])...)
			fields[fieldCat] = append(fields[fieldCat], Words(pl[0])...)
		}
		// Tags, and the organisation it belongs to when that is one of
		// few projects (see orgWords).
		fields[fieldTags] = append(Words(it.tags()), orgWords(makers[i])...)
		// The description field holds a description, whoever wrote it;
		// a guide sentence or a use case standing in for one is read in
		// its own field already.
		if a := it.About(); a.Source == AboutData || a.Source == AboutGitHub || a.Source == AboutCrunchbase {
			fields[fieldDesc] = Words(a.Text)
		}
		// What a project says it is for: the landscape has it for CNCF
		// projects that have no description.
		e := it.Extras()
		fields[fieldUse] = Words(e.SummaryUseCase + " " + e.SummaryBusinessUseCase)
		if guide != nil {
			// The guide's keywords for a subcategory say what it is
			// about ("Backup and restore" for Cloud Native Storage).
			fields[fieldKeywords] = guide.keywords[i]
			fields[fieldGuide] = guide.sentences[i]
			if guide.named[i] {
				flags[i] |= flagGuide
			}
		}
		counts := map[string]*[numFields]uint8{}
		var order []string
		rec := recs[i*itemRecSize:]
		for f, ws := range fields {
			length := len(ws)
			if f == fieldName {
				length = names[i].length
			}
			rec[f] = uint8(min(length, 255))
			if length > 0 {
				total[f] += float64(min(length, 255))
				have[f]++
			}
			for _, w := range ws {
				t := Stem(w)
				c := counts[t]
				if c == nil {
					c = new([numFields]uint8)
					counts[t] = c
					order = append(order, t)
				}
				if c[f] < 255 {
					c[f]++
				}
			}
		}
		for _, t := range order {
			vocab[t] = append(vocab[t], posting{i, *counts[t]})
		}
		rec[numFields] = flags[i]
		rec[numFields+1] = maturityCode[it.Maturity]
		if g := it.GitHub; g != nil {
			binary.LittleEndian.PutUint32(rec[recStars:], uint32(min(max(g.Stars, 0), math.MaxUint32)))
			binary.LittleEndian.PutUint32(rec[recStars+4:], uint32(min(max(g.Contributors, 0), math.MaxUint32)))
		}
	}
	terms := make([]string, 0, len(vocab))
	for t := range vocab {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	type key struct {
		key  string
		item int
		tier uint8
	}
	var keys []key
	for i, nm := range names {
		for _, k := range nm.keys {
			keys = append(keys, key{k.key, i, k.tier})
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		if a.item != b.item {
			return a.item - b.item
		}
		return int(a.tier) - int(b.tier) // a total order: the index is the same bytes every build
	})

	out := make([]byte, searchHeader, searchHeader+len(recs)+16*len(terms))
	copy(out, searchMagic)
	put := func(at int, v int) { binary.LittleEndian.PutUint32(out[at:], uint32(v)) }
	put(4, searchVersion)
	put(8, n)
	put(12, len(terms))
	put(16, len(keys))
	for f := range numFields {
		avg := float32(1)
		if have[f] > 0 {
			avg = float32(total[f] / have[f])
		}
		binary.LittleEndian.PutUint32(out[20+4*f:], math.Float32bits(avg))
	}
	out = append(out, recs...)
	var termBlob, postBlob, keyBlob []byte
	app := func(v int) { out = binary.LittleEndian.AppendUint32(out, uint32(v)) }
	app(0)
	for _, t := range terms {
		termBlob = append(termBlob, t...)
		app(len(termBlob))
	}
	app(0)
	for _, t := range terms {
		prev := 0
		for _, p := range vocab[t] {
			postBlob = binary.AppendUvarint(postBlob, uint64(p.item-prev))
			mask := byte(0)
			for f, c := range p.tf {
				if c > 0 {
					mask |= 1 << f
				}
			}
			postBlob = append(postBlob, mask)
			for _, c := range p.tf {
				if c > 0 {
					postBlob = append(postBlob, c)
				}
			}
			prev = p.item
		}
		app(len(postBlob))
	}
	app(0)
	for _, k := range keys {
		keyBlob = append(keyBlob, k.key...)
		app(len(keyBlob))
	}
	for _, k := range keys {
		app(k.item<<3 | int(k.tier))
	}
	x.scanData = appendPhrases(nil, scanner.phrases)
	out = append(out, termBlob...)
	out = append(out, postBlob...)
	return append(out, keyBlob...)
}

// ScanData is the scanner's phrases in their stored form: what a compiled
// index keeps apart from the search index, so that a query pays nothing
// for them and a text scan reads them instead of building them (see
// Index.NewScanner and PhraseSource).
func (x *Index) ScanData() []byte {
	x.build()
	x.scanBuilt.Do(func() {
		if x.scanData == nil {
			x.buildSearch() // a compiled index's, stored apart (see PhraseSource)
		}
	})
	return x.scanData
}

// PhraseSource is a Source that holds the scanner's phrases (ScanData).
type PhraseSource interface {
	Phrases() ([]byte, bool)
}

// appendPhrases writes the scanner's phrases (see Scanner), in order.
func appendPhrases(b []byte, ps []phrase) []byte {
	str := func(v string) {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	for _, p := range ps {
		str(strings.Join(p.tokens, " "))
		b = binary.AppendUvarint(b, uint64(p.target))
		org := byte(0)
		if p.org {
			org = 1
		}
		b = append(b, byte(p.kind), org)
		str(p.joined)
		str(p.written)
	}
	return b
}

// readPhrases reads the scanner's phrases back (see appendPhrases); false
// when the bytes do not hold phrases of n items in order. The strings
// share b.
func readPhrases(b []byte, n int) ([]phrase, bool) {
	out := make([]phrase, 0, len(b)/24) // a phrase takes 24 bytes or more
	tokens := make([]string, 0, len(b)/12)
	bad := false
	num := func(limit int) int {
		v, k := binary.Uvarint(b)
		if k <= 0 || v > uint64(limit) {
			bad = true
			return 0
		}
		b = b[k:]
		return int(v)
	}
	str := func() string {
		size := num(len(b))
		if bad || size > len(b) {
			bad = true
			return ""
		}
		v := unsafe.String(unsafe.SliceData(b), size)
		b = b[size:]
		return v
	}
	for len(b) > 0 && !bad {
		key := str()
		target := num(n - 1)
		if bad || len(b) < 2 || key == "" {
			return nil, false
		}
		// The tokens of all phrases share one array: most have one.
		start := len(tokens)
		for t := range strings.SplitSeq(key, " ") {
			tokens = append(tokens, t)
		}
		p := phrase{tokens: tokens[start:len(tokens):len(tokens)], target: target, kind: phraseKind(b[0]), org: b[1] == 1}
		b = b[2:]
		p.joined, p.written = str(), str()
		if n := len(out); n > 0 && (out[n-1].tokens[0] > p.tokens[0] || out[n-1].tokens[0] == p.tokens[0] && len(out[n-1].tokens) < len(p.tokens)) {
			return nil, false // out of order: lookups would miss
		}
		out = append(out, p)
	}
	return out, !bad && len(out) > 0
}
