package scan

import (
	"bytes"
	"encoding/binary"
	"sort"
	"strings"
	"unsafe"

	"github.com/cnl-dev/cnl/landscape"
)

// PhraseSource is a Source that holds the scanner's phrases (ScanData).
type PhraseSource interface {
	Phrases() ([]byte, bool)
}

// AppendPhrases writes the scanner's phrases (see Scanner), in order.
func AppendPhrases(b []byte, ps []phrase) []byte {
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

// storedPhrases are a compiled index's phrases (see appendPhrases), read as
// a scan looks them up: opening them checks them in one pass and notes
// where each starts; a lookup decodes only the phrases of the token it asks
// for (a note looks up tens of tokens, not the 6,600 phrases), and the
// answers for the first tokens asked are kept.
type storedPhrases struct {
	b    []byte
	at   []int32 // where each phrase starts in b, in order
	memo map[string][]phrase
}

// maxMemo bounds the answers kept: a text of any length costs the same.
const maxMemo = 4096

// rawPhrase is a stored phrase's fields, as views of the bytes.
type rawPhrase struct {
	key, joined, written string
	target               int
	kind                 phraseKind
	org                  bool
}

// parsePhrase reads the phrase at off; next is where the following one
// starts, ok false when the bytes do not hold a phrase of one of n items.
func parsePhrase(b []byte, off, n int) (p rawPhrase, next int, ok bool) {
	num := func(limit int) (int, bool) {
		if off >= len(b) {
			return 0, false
		}
		v, k := binary.Uvarint(b[off:])
		if k <= 0 || v > uint64(limit) {
			return 0, false
		}
		off += k
		return int(v), true
	}
	str := func() (string, bool) {
		size, ok := num(len(b) - off)
		if !ok || size > len(b)-off {
			return "", false
		}
		v := unsafe.String(unsafe.SliceData(b[off:]), size)
		off += size
		return v, true
	}
	var ok1, ok2, ok3, ok4 bool
	if p.key, ok1 = str(); !ok1 || p.key == "" {
		return p, 0, false
	}
	if p.target, ok2 = num(n - 1); !ok2 || len(b)-off < 2 {
		return p, 0, false
	}
	p.kind, p.org = phraseKind(b[off]), b[off+1] == 1
	off += 2
	p.joined, ok3 = str()
	p.written, ok4 = str()
	return p, off, ok3 && ok4
}

// openPhrases checks the stored phrases of n items: each readable, in
// order (by first token, then longest first); false when they are not,
// and the scanner then builds its own. It reads lengths and keys only: a
// Scan opens them every time.
func openPhrases(b []byte, n int) (*storedPhrases, bool) {
	if len(b) > 1<<31-1 {
		return nil, false
	}
	sp := &storedPhrases{b: b, at: make([]int32, 0, len(b)/24), memo: map[string][]phrase{}}
	var last, lastFirst []byte // the last key, and its first token
	for off := 0; off < len(b); {
		at := off
		size, k := varint(b, off)
		if k == 0 || size == 0 || size > uint64(len(b)-off-k) {
			return nil, false
		}
		key := b[off+k : off+k+int(size)]
		off += k + int(size)
		target, k := varint(b, off)
		if k == 0 || target > uint64(n-1) || len(b)-off-k < 2 {
			return nil, false
		}
		off += k + 2
		for range 2 { // joined, written
			size, k := varint(b, off)
			if k == 0 || size > uint64(len(b)-off-k) {
				return nil, false
			}
			off += k + int(size)
		}
		first := key
		if i := bytes.IndexByte(key, ' '); i >= 0 {
			first = key[:i]
		}
		if last != nil {
			c := bytes.Compare(lastFirst, first)
			if c > 0 || c == 0 && bytes.Count(last, []byte(" ")) < bytes.Count(key, []byte(" ")) {
				return nil, false // out of order: lookups would miss
			}
		}
		sp.at = append(sp.at, int32(at))
		last, lastFirst = key, first
	}
	return sp, len(sp.at) > 0
}

// varint is the unsigned varint at b[off:] and its length; 0 for none.
// Most are one byte (lengths under 128), read here without a call.
func varint(b []byte, off int) (uint64, int) {
	if off < len(b) && b[off] < 0x80 {
		return uint64(b[off]), 1
	}
	return varintLong(b, off)
}

func varintLong(b []byte, off int) (uint64, int) {
	if off >= len(b) {
		return 0, 0
	}
	v, k := binary.Uvarint(b[off:])
	if k <= 0 {
		return 0, 0
	}
	return v, k
}

// lookup returns the phrases whose first token is first, longest first.
func (sp *storedPhrases) lookup(first string, n int) []phrase {
	if ps, ok := sp.memo[first]; ok {
		return ps
	}
	var out []phrase
	for i := sort.Search(len(sp.at), func(i int) bool { return sp.firstAt(i) >= first }); i < len(sp.at) && sp.firstAt(i) == first; i++ {
		p, _, _ := parsePhrase(sp.b, int(sp.at[i]), n)
		out = append(out, phrase{tokens: strings.Split(p.key, " "), target: p.target, kind: p.kind, org: p.org, joined: p.joined, written: p.written})
	}
	if len(sp.memo) < maxMemo {
		sp.memo[first] = out
	}
	return out
}

// firstAt is phrase i's first token, read from its key alone.
func (sp *storedPhrases) firstAt(i int) string {
	off := int(sp.at[i])
	size, k := varint(sp.b, off)
	key := sp.b[off+k : off+k+int(size)] // checked by openPhrases
	if j := bytes.IndexByte(key, ' '); j >= 0 {
		key = key[:j]
	}
	return unsafe.String(unsafe.SliceData(key), len(key))
}

// ScansFromIndex reports whether x's scanner reads the phrases stored with
// its compiled index, not the items' records: what cache's tests check of
// a compiled landscape.
func ScansFromIndex(x *landscape.Index) bool {
	src, ok := x.Source().(PhraseSource)
	if !ok {
		return false
	}
	b, ok := src.Phrases()
	if !ok {
		return false
	}
	_, ok = openPhrases(b, x.Len())
	return ok
}
