package landscape

import (
	"encoding/binary"
	"math"
	"strings"
	"unsafe"

	"github.com/cnl-dev/cnl/landscape/search"
)

// Maturity codes in the search index's item table.
var maturityCode = map[string]uint8{Sandbox: 1, Incubating: 2, Graduated: 3, Archived: 4}

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
	scanner := x.scannerFor(names, flags)
	guide := x.guideWords(places, scanner)
	if guide != nil {
		// Without a guide, items were settled before the index was
		// shared (Parse, With): writing them again would race readers.
		x.settleAbout(guide)
	}
	makers := x.makers()
	docs := make([]search.Doc, n)
	for i := range n {
		it := x.Item(i)
		var fields [search.NumFields][]string
		fields[search.FieldName] = names[i].words
		for _, pl := range places[i] {
			fields[search.FieldSub] = append(fields[search.FieldSub], Words(pl[1])...)
			fields[search.FieldCat] = append(fields[search.FieldCat], Words(pl[0])...)
		}
		// Tags, and the organisation it belongs to when that is one of
		// few projects (see orgWords).
		fields[search.FieldTags] = append(Words(it.tags()), orgWords(makers[i])...)
		// The description field holds a description, whoever wrote it;
		// a guide sentence or a use case standing in for one is read in
		// its own field already.
		if a := it.About(); a.Source == AboutData || a.Source == AboutGitHub || a.Source == AboutCrunchbase {
			fields[search.FieldDesc] = Words(a.Text)
		}
		// What a project says it is for: the landscape has it for CNCF
		// projects that have no description.
		e := it.Extras()
		fields[search.FieldUse] = Words(e.SummaryUseCase + " " + e.SummaryBusinessUseCase)
		if guide != nil {
			// The guide's keywords for a subcategory say what it is
			// about ("Backup and restore" for Cloud Native Storage).
			fields[search.FieldKeywords] = guide.keywords[i]
			fields[search.FieldGuide] = guide.sentences[i]
			if guide.named[i] {
				flags[i] |= flagGuide
			}
		}
		d := &docs[i]
		for f, ws := range fields {
			for _, w := range ws {
				d.Terms[f] = append(d.Terms[f], Stem(w))
			}
		}
		d.NameLength = names[i].length
		d.Flags, d.Maturity = flags[i], maturityCode[it.Maturity]
		if g := it.GitHub; g != nil {
			d.Stars = uint32(min(max(g.Stars, 0), math.MaxUint32))
			d.Contributors = uint32(min(max(g.Contributors, 0), math.MaxUint32))
		}
	}
	var keys []search.Key
	for i, nm := range names {
		for _, k := range nm.keys {
			keys = append(keys, search.Key{Key: k.key, Item: i, Tier: k.tier})
		}
	}
	x.scanData = appendPhrases(nil, scanner.phrases)
	return search.Build(docs, keys)
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
		for k := key; ; {
			i := strings.IndexByte(k, ' ')
			if i < 0 {
				tokens = append(tokens, k)
				break
			}
			tokens, k = append(tokens, k[:i]), k[i+1:]
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
