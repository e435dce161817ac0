// Package search is the landscape's search engine: the index built from the
// items (each item's words per field, its name keys and numbers, the guide
// read as evidence), its binary layout that a compiled index keeps on disk
// and reads in place through checksummed blocks, the ranker (plan, rank,
// phrases, priors, sort and filters), what explains a result and
// highlights a name, resolving loose names, completion, and the projects a
// glossary term leads to.
package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/cnl-dev/cnl/landscape"
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
	FieldName     = iota // the name and the name model's aliases
	FieldSub             // the subcategories it is listed in
	FieldCat             // their categories
	FieldTags            // summary_tags and GitHub topics
	FieldDesc            // the description (the data's, else GitHub's)
	FieldUse             // what the project says it is for: summary_use_case, summary_business_use_case
	FieldGuide           // the sentences of the landscape's guide that name it (see guideWords)
	FieldKeywords        // the guide's keywords for its subcategories
	NumFields
)

// fieldNames name the fields in explanations and JSON.
var fieldNames = [NumFields]string{"name", "subcategory", "category", "tags", "description", "use case", "guide", "guide keywords"}

const (
	searchMagic   = "CNLS"
	searchVersion = 6
	searchHeader  = 4 + 4 + 4*3 + 4*NumFields
	itemRecSize   = 20 // field lengths, flags, maturity, padding, stars u32, contributors u32
	recStars      = 12 // offset of stars in an item's row; contributors follow
)

// Index reads the search index's bytes in place.
type Index struct {
	n, nTerms, nKeys int
	avg              [NumFields]float32
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
func (s *Index) check(p []byte) {
	if b := s.blocks; b != nil && len(p) > 0 {
		if off := b.Offset(p); !b.Checked(off, len(p)) {
			b.Range(off, len(p))
		}
	}
}

func u32at(b []byte, i int) int { return int(binary.LittleEndian.Uint32(b[4*i:])) }

// Open checks the structure of a search index and reads it in place.
// b must not change while the index is in use. Damage gives an error, never
// a panic: offsets are checked here, once.
func Open(b []byte, items int, blocks *Blocks) (*Index, error) {
	check := func(p []byte) {
		if blocks != nil && len(p) > 0 {
			blocks.Check(p)
		}
	}
	check(b[:min(len(b), searchHeader)])
	if len(b) < searchHeader || string(b[:4]) != searchMagic || binary.LittleEndian.Uint32(b[4:]) != searchVersion {
		return nil, errors.New("search index: not a search index of this version")
	}
	s := &Index{n: u32at(b, 2), nTerms: u32at(b, 3), nKeys: u32at(b, 4), blocks: blocks}
	for f := range NumFields {
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

// Term is word i of the vocabulary, which is sorted.
func (s *Index) Term(i int) string {
	if !s.vocabulary.Load() {
		s.check(s.termOff)
		s.check(unsafe.Slice(unsafe.StringData(s.terms), len(s.terms)))
		s.vocabulary.Store(true)
	}
	a, b := span(s.termOff, i, len(s.terms))
	return s.terms[a:b]
}

// Key is name key i, the keys being sorted.
func (s *Index) Key(i int) string {
	a, b := s.span(s.keyOff, i, len(s.keys))
	k := s.keys[a:b]
	s.check(unsafe.Slice(unsafe.StringData(k), len(k)))
	return k
}

// span is span for a table of this index, checked before it is read.
func (s *Index) span(offsets []byte, i, n int) (int, int) {
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

// KeyEntry is the item and tier of key k; a key of no item names none.
func (s *Index) KeyEntry(k int) (item int, tier uint8) {
	s.check(s.keyItem[4*k : 4*k+4])
	v := u32at(s.keyItem, k)
	if v>>3 >= s.n {
		return 0, 0
	}
	return v >> 3, uint8(v & 7)
}

// FindTerm returns the position of term t in the vocabulary, or -1.
func (s *Index) FindTerm(t string) int {
	i := s.LowerBound(t)
	if i < s.nTerms && s.Term(i) == t {
		return i
	}
	return -1
}

// LowerBound is the first position whose term is not less than t.
func (s *Index) LowerBound(t string) int { return firstNotLess(s.nTerms, s.Term, t) }

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

// DF is how many items have term i.
func (s *Index) DF(i int) int {
	n := 0
	s.Postings(i, func(int, *[NumFields]uint8) { n++ })
	return n
}

// Postings calls f for every item that has term i, in item order, with the
// term's count in each field. A damaged list ends early.
func (s *Index) Postings(i int, f func(item int, tf *[NumFields]uint8)) {
	a, b := s.span(s.postOff, i, len(s.post))
	p := s.post[a:b]
	s.check(p)
	item := 0
	var tf [NumFields]uint8
	for len(p) > 0 {
		d, k := binary.Uvarint(p)
		if k <= 0 || len(p) < k+1 {
			return
		}
		item += int(d)
		mask := p[k]
		p = p[k+1:]
		if item >= s.n || int(mask)>>NumFields != 0 {
			return
		}
		for fl := range NumFields {
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

// LookupKey calls f for every item that key (normalised) names exactly.
func (s *Index) LookupKey(key string, f func(item int, tier uint8)) {
	for k := firstNotLess(s.nKeys, s.Key, key); k < s.nKeys && s.Key(k) == key; k++ {
		f(s.KeyEntry(k))
	}
}

// record is an item's row of the item table.
type record struct {
	Lens                [NumFields]uint8 // each field's length in words, at most 255
	Flags               uint8            // the landscape's item flags
	Maturity            uint8            // the landscape's maturity code
	Stars, Contributors uint32
}

// Item is item i's row.
func (s *Index) Item(i int) record {
	b := s.items[i*itemRecSize : (i+1)*itemRecSize]
	s.check(b)
	var r record
	copy(r.Lens[:], b[:NumFields])
	r.Flags, r.Maturity = b[NumFields], b[NumFields+1]
	r.Stars, r.Contributors = binary.LittleEndian.Uint32(b[recStars:]), binary.LittleEndian.Uint32(b[recStars+4:])
	return r
}

// N is the number of items; NTerms and NKeys the sizes of the vocabulary
// and of the name keys.
func (s *Index) N() int      { return s.n }
func (s *Index) NTerms() int { return s.nTerms }
func (s *Index) NKeys() int  { return s.nKeys }

// Avg is field f's average length, over the items that have it.
func (s *Index) Avg(f int) float32 { return s.avg[f] }

// A document is one item as the index is built from it.
type document struct {
	// Terms are its stemmed words, per field, in order.
	Terms [NumFields][]string
	// NameLength is the name field's length, when it is not len of its
	// terms (aliases are searched but do not lengthen the name).
	NameLength   int
	Flags        uint8
	Maturity     uint8
	Stars        uint32
	Contributors uint32
}

// A nameEntry is an exact name key of the name model: the item it names and how
// exactly (the landscape's tiers; 0 is none).
type nameEntry struct {
	Key  string
	Item int
	Tier uint8
}

// buildLayout writes the index of docs and keys, the same bytes for the same
// input every time.
func buildLayout(docs []document, keys []nameEntry) []byte {
	n := len(docs)
	type posting struct {
		item int
		tf   [NumFields]uint8
	}
	vocab := map[string][]posting{}
	recs := make([]byte, n*itemRecSize)
	// Average lengths are over the items that have the field at all: most
	// items have no tags and over half no description, and averaging over
	// them all would make every tag list look long.
	var total, have [NumFields]float64
	for i, d := range docs {
		counts := map[string]*[NumFields]uint8{}
		var order []string
		rec := recs[i*itemRecSize:]
		for f, ts := range d.Terms {
			length := len(ts)
			if f == FieldName {
				length = d.NameLength
			}
			rec[f] = uint8(min(length, 255))
			if length > 0 {
				total[f] += float64(min(length, 255))
				have[f]++
			}
			for _, t := range ts {
				c := counts[t]
				if c == nil {
					c = new([NumFields]uint8)
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
		rec[NumFields] = d.Flags
		rec[NumFields+1] = d.Maturity
		binary.LittleEndian.PutUint32(rec[recStars:], d.Stars)
		binary.LittleEndian.PutUint32(rec[recStars+4:], d.Contributors)
	}
	terms := make([]string, 0, len(vocab))
	for t := range vocab {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	keys = slices.Clone(keys)
	slices.SortFunc(keys, func(a, b nameEntry) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		if a.Item != b.Item {
			return a.Item - b.Item
		}
		return int(a.Tier) - int(b.Tier) // a total order: the index is the same bytes every build
	})

	out := make([]byte, searchHeader, searchHeader+len(recs)+16*len(terms))
	copy(out, searchMagic)
	put := func(at int, v int) { binary.LittleEndian.PutUint32(out[at:], uint32(v)) }
	put(4, searchVersion)
	put(8, n)
	put(12, len(terms))
	put(16, len(keys))
	for f := range NumFields {
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
		keyBlob = append(keyBlob, k.Key...)
		app(len(keyBlob))
	}
	for _, k := range keys {
		app(k.Item<<3 | int(k.Tier))
	}
	out = append(out, termBlob...)
	out = append(out, postBlob...)
	return append(out, keyBlob...)
}

// The fields' weights (BM25F), their length normalisation, and the
// saturation of repeated words: a word in the name weighs most, then in
// the subcategory, the tags and the guide's keywords.
var (
	weight     = [NumFields]float64{FieldName: 4, FieldSub: 3, FieldCat: 1, FieldTags: 2, FieldDesc: 1, FieldUse: 0.7, FieldGuide: 1, FieldKeywords: 2}
	lengthNorm = [NumFields]float64{FieldName: 0.3, FieldSub: 0.3, FieldCat: 0.3, FieldTags: 0.5, FieldDesc: 0.75, FieldUse: 0.75, FieldGuide: 0.75, FieldKeywords: 0.3}
)

const k1 = 1.2

// Weigh is a term's weighted frequency in an item (tf, per field, from its
// posting), each field's count normalised by the field's length against its
// average; nameOnly counts the name field alone. fields has a bit per field
// that counted.
func (s *Index) Weigh(item int, tf *[NumFields]uint8, nameOnly bool) (tfw float64, fields uint8) {
	rec := s.Item(item)
	for f := range NumFields {
		if tf[f] == 0 || nameOnly && f != FieldName {
			continue
		}
		fields |= 1 << f
		norm := 1 - lengthNorm[f] + lengthNorm[f]*float64(rec.Lens[f])/float64(s.Avg(f))
		tfw += weight[f] * float64(tf[f]) / norm
	}
	return tfw, fields
}

// saturate is a term's score from its weighted frequency: repeating a word
// adds less and less, up to idf.
func saturate(idf, tfw float64) float64 { return idf * tfw / (k1 + tfw) }

// idf is how much a word found in df of n items weighs: more the rarer it
// is.
func idf(n float64, df int) float64 {
	d := float64(df)
	return math.Log(1 + (n-d+0.5)/(d+0.5))
}

// A CheckedSource checks the bytes of the search data it handed to NewIndex
// as they are read, through Blocks: the search index passes every part of
// them to it before reading it.
type CheckedSource interface {
	landscape.Source
	Blocks() *Blocks
}
