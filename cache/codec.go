package cache

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

// The compiled index is what queries read instead of YAML. It is derived
// from a generation's files alone and can always be rebuilt from them; the
// metadata lives in the manifest, not here. A query pays for what it reads,
// not for the size of the landscape:
//
//   - the head, checked with one CRC-32 at open: what the index was derived
//     from, the category tree (names, and each subcategory's items as
//     fixed-width numbers that are used in place), and a CRC-32 for every
//     4 KiB block of the body;
//   - the body: a fixed-width row per item with its summary texts (offsets
//     into a string blob) and numbers, the blob, and the search index
//     (search.SearchData), all read in place; a block is checked
//     against its CRC the first time anything in it is read (see blocks);
//   - the cold section: each item's full record (JSON) with its own CRC-32,
//     read only when the item is shown, then the scanner's phrases
//     (search.ScanData) with their CRC-32 and length last, read
//     only by a text scan.
//
// The file is mapped, not read: on the machines measured, reading it into
// memory cost more than the whole query (see README, "Speed").
//
// Bump formatVersion whenever the layout or the model changes: an index of
// another version is a cache miss and is rebuilt.
const (
	magic         = "CNLIDX"
	formatVersion = 19
	headerSize    = 40 // magic, version u16, head CRC u32, 4 spare, head, body and cold lengths u64

	// blockSize is the body's unit of checking: a query that reads one
	// item checks a few blocks, whatever the landscape's size.
	blockSize = search.BlockSize

	// maxIndexSize bounds an index file that Load accepts: the largest
	// landscape the cache takes (DefaultMaxSize) compiles to far less.
	maxIndexSize = 8 * DefaultMaxSize
)

// A row of the item table: text fields as (offset, length) into the blob,
// then numbers, then the place and where the full record lies.
const (
	fName = iota
	fSlug
	fMaturity
	fDescription
	fDescriptionSource
	fTags
	fAccepted
	fLicense
	fLanguages
	textFields

	rowNumbers = textFields * 8   // stars, contributors, latest commit, latest release
	rowPlace   = rowNumbers + 4*8 // category u16, subcategory u16
	rowRecord  = rowPlace + 2*2   // record offset u32, length u32
	rowTexts   = rowRecord + 2*4  // the span of the item's own texts in the blob: offset u32, length u32
	rowSize    = rowTexts + 2*4
)

// CRC-32 (IEEE) has hardware support on amd64 and arm64 and, unlike
// Castagnoli, no table to build at start-up.
var crcTable = crc32.IEEETable

// ErrBadIndex is returned (wrapped) for an index that is truncated, corrupt,
// of another format version, or derived from other files.
var ErrBadIndex = errors.New("compiled index is unusable")

func badIndex(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBadIndex, fmt.Sprintf(format, a...))
}

// record is an item as the cold section stores it: the item's JSON, with
// the line it came from.
type record struct {
	*landscape.Item
	Line int `json:"line,omitempty"`
}

// EncodeIndex serialises the index. from says what it was derived from (the
// checksums of the files of its generation); a load that expects other
// files treats the index as stale.
func EncodeIndex(x *landscape.Index, from string) ([]byte, error) {
	// The search index first: reading the guide settles what each item
	// says it is, which the rows hold.
	searchData := search.SearchData(x)
	n := x.Len()
	if len(x.Categories) > 1<<16 {
		return nil, errors.New("too many categories")
	}
	type place struct{ c, s int }
	where := map[string]place{}
	for ci, c := range x.Categories {
		for si, s := range c.Subcategories {
			key := c.Name + "\x00" + s.Name
			if _, dup := where[key]; !dup {
				where[key] = place{ci, si}
			}
		}
	}
	rows := make([]byte, n*rowSize)
	var blob, cold []byte
	texts := func(sum landscape.Summary) [textFields]string {
		return [textFields]string{
			fName: sum.Name, fSlug: sum.Slug, fMaturity: sum.Maturity, fDescription: sum.Description,
			fDescriptionSource: sum.DescriptionSource, fTags: sum.Tags, fAccepted: sum.Accepted, fLicense: sum.License, fLanguages: sum.Languages,
		}
	}
	// Short values that repeat (maturities, dates, licenses, languages)
	// are stored once, together at the blob's start; the rest of an
	// item's texts follow one another, so that a summary checks two spans
	// (see indexSource.Summary).
	seen := map[string]int{}
	for i := range n {
		for _, v := range texts(x.Summary(i)) {
			if len(v) <= 32 {
				seen[v]++
			}
		}
	}
	shared := map[string]uint32{}
	for i := range n {
		for _, v := range texts(x.Summary(i)) {
			if _, ok := shared[v]; !ok && seen[v] > 1 {
				shared[v] = uint32(len(blob))
				blob = append(blob, v...)
			}
		}
	}
	sharedLen := len(blob)
	for i := range n {
		sum := x.Summary(i)
		row := rows[i*rowSize:]
		own := len(blob)
		for f, v := range texts(sum) {
			off, ok := shared[v]
			if !ok {
				off = uint32(len(blob))
				blob = append(blob, v...)
			}
			binary.LittleEndian.PutUint32(row[f*8:], off)
			binary.LittleEndian.PutUint32(row[f*8+4:], uint32(len(v)))
		}
		binary.LittleEndian.PutUint32(row[rowTexts:], uint32(own))
		binary.LittleEndian.PutUint32(row[rowTexts+4:], uint32(len(blob)-own))
		for k, v := range []int64{sum.Stars, sum.Contributors, sum.LatestCommit, sum.LatestRelease} {
			binary.LittleEndian.PutUint64(row[rowNumbers+k*8:], uint64(v))
		}
		p, ok := where[sum.Category+"\x00"+sum.Subcategory]
		if !ok {
			return nil, fmt.Errorf("item %q: its subcategory is not in the tree", sum.Name)
		}
		binary.LittleEndian.PutUint16(row[rowPlace:], uint16(p.c))
		binary.LittleEndian.PutUint16(row[rowPlace+2:], uint16(p.s))
		it := x.Item(i)
		rec, err := json.Marshal(record{Item: it, Line: it.Line})
		if err != nil {
			return nil, err
		}
		binary.LittleEndian.PutUint32(row[rowRecord:], uint32(len(cold)))
		binary.LittleEndian.PutUint32(row[rowRecord+4:], uint32(4+len(rec)))
		cold = binary.LittleEndian.AppendUint32(cold, crc32.Checksum(rec, crcTable))
		cold = append(cold, rec...)
	}
	// The scanner's phrases close the cold section: phrases, CRC, length.
	phrases := search.ScanData(x)
	cold = append(cold, phrases...)
	cold = binary.LittleEndian.AppendUint32(cold, crc32.Checksum(phrases, crcTable))
	cold = binary.LittleEndian.AppendUint32(cold, uint32(len(phrases)))
	if len(blob) > math.MaxUint32 || len(cold) > math.MaxUint32 {
		return nil, errors.New("landscape too large for the index format")
	}
	body := slices.Concat(rows, blob, searchData)

	// The head: the tree's names and counts, then (8-aligned in the file)
	// every subcategory's items, then the body's block checksums.
	head := &encoder{}
	head.str(from)
	head.uint(n)
	head.uint(len(blob))
	head.uint(sharedLen)
	head.uint(len(searchData))
	head.uint(len(x.Categories))
	for _, c := range x.Categories {
		head.str(c.Name)
		head.uint(len(c.Subcategories))
		for _, s := range c.Subcategories {
			head.str(s.Name)
			head.uint(len(s.Items))
		}
	}
	for (headerSize+len(head.buf))%8 != 0 {
		head.buf = append(head.buf, 0)
	}
	for _, c := range x.Categories {
		for _, s := range c.Subcategories {
			for _, i := range s.Items {
				head.buf = binary.LittleEndian.AppendUint64(head.buf, uint64(i))
			}
		}
	}
	head.buf = append(head.buf, search.BlockSums(body)...)

	b := make([]byte, headerSize, headerSize+len(head.buf)+len(body)+len(cold))
	copy(b, magic)
	binary.LittleEndian.PutUint16(b[6:], formatVersion)
	binary.LittleEndian.PutUint32(b[8:], crc32.Checksum(head.buf, crcTable))
	binary.LittleEndian.PutUint64(b[16:], uint64(len(head.buf)))
	binary.LittleEndian.PutUint64(b[24:], uint64(len(body)))
	binary.LittleEndian.PutUint64(b[32:], uint64(len(cold)))
	b = append(b, head.buf...)
	b = append(b, body...)
	return append(b, cold...), nil
}

// DecodeIndex checks all of b, every block and record, and decodes it.
// Any damage gives an error wrapping ErrBadIndex; it never panics on
// hostile input. Store.Load checks lazily instead; this is the strict form.
func DecodeIndex(b []byte) (*landscape.Index, string, error) {
	src, from, err := openIndex(bytes.Clone(b))
	if err != nil {
		return nil, from, err
	}
	if err := src.checkAll(); err != nil {
		return nil, from, err
	}
	for i := range src.n {
		if err := src.checkRow(i); err != nil {
			return nil, from, badIndex("%v", err)
		}
		if _, err := src.record(i); err != nil {
			return nil, from, err
		}
	}
	if _, ok := src.Phrases(); !ok {
		return nil, from, badIndex("the scanner's phrases are damaged")
	}
	return landscape.NewIndex(src.cats, src, src.search), from, nil
}

// indexSource serves an index's items from the index file's bytes: the
// head, checked at open, the body, checked block by block as it is read,
// and the cold section, each record checked when it is read. Strings share
// those bytes rather than copy them.
type indexSource struct {
	n      int
	cats   []landscape.Category
	body   []byte // rows, blob, search
	rows   []byte
	blob   string
	shared int // the blob's first bytes, of texts many items share
	// sharedChecked is set once the shared texts' blocks are checked.
	sharedChecked atomic.Bool
	search        []byte         // the search index's bytes (see search.SearchData)
	blocks        *search.Blocks // of body
	cold          []byte
	mu            sync.Mutex // guards items: an Index is safe for concurrent use
	items         map[int]*landscape.Item
	// path is the index file, set aside when a block is found damaged.
	path string
	// fallback builds item i another way when its record is damaged.
	fallback func(i int, sum landscape.Summary) landscape.Item

	kindsOnce sync.Once
	kinds     *search.Index // the search index, for items' kinds (see Kind)
}

// Kind is item i's kind and whether it has a repository, read from the
// search index's item table without building the item (see
// landscape.KindSource); false when the index does not open.
func (s *indexSource) Kind(i int) (kind string, repo, ok bool) {
	s.kindsOnce.Do(func() { s.kinds, _ = search.Open(s.search, s.n, s.blocks) })
	if s.kinds == nil || i < 0 || i >= s.n {
		return "", false, false
	}
	kind, repo = search.ItemKind(s.kinds, i)
	return kind, repo, true
}

// Phrases returns the scanner's phrases from the end of the cold section,
// checked by their CRC-32; false when they are missing or damaged (the
// scanner then builds them).
func (s *indexSource) Phrases() ([]byte, bool) {
	if len(s.cold) < 8 {
		return nil, false
	}
	tail := s.cold[len(s.cold)-8:]
	n := uint64(binary.LittleEndian.Uint32(tail[4:]))
	if n > uint64(len(s.cold)-8) {
		return nil, false
	}
	b := s.cold[uint64(len(s.cold)-8)-n : len(s.cold)-8]
	if crc32.Checksum(b, crcTable) != binary.LittleEndian.Uint32(tail) {
		return nil, false
	}
	return b, true
}

// nativeInts: the head's items (u64, little-endian) can be used in place
// as []int.
var nativeInts = unsafe.Sizeof(int(0)) == 8 && binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// openIndex checks the header and the head of an index file's bytes, which
// must stay unchanged for as long as the index is used, and returns what the
// index was derived from. Its cost grows with the number of subcategories
// and listings, not with the text of the landscape.
func openIndex(file []byte) (*indexSource, string, error) {
	if len(file) < headerSize || string(file[:len(magic)]) != magic {
		return nil, "", badIndex("not an index file")
	}
	h := file[:headerSize]
	if v := binary.LittleEndian.Uint16(h[6:]); v != formatVersion {
		return nil, "", badIndex("format version %d, want %d", v, formatVersion)
	}
	size := uint64(len(file))
	headLen, bodyLen, coldLen := binary.LittleEndian.Uint64(h[16:]), binary.LittleEndian.Uint64(h[24:]), binary.LittleEndian.Uint64(h[32:])
	if headLen > size || bodyLen > size || coldLen > size || headerSize+headLen+bodyLen+coldLen != size {
		return nil, "", badIndex("%d bytes, header says %d+%d+%d", size, headLen, bodyLen, coldLen)
	}
	head := file[headerSize : headerSize+headLen]
	if crc32.Checksum(head, crcTable) != binary.LittleEndian.Uint32(h[8:]) {
		return nil, "", badIndex("checksum mismatch")
	}
	src := &indexSource{body: file[headerSize+headLen : headerSize+headLen+bodyLen], cold: file[headerSize+headLen+bodyLen:]}
	rd := &decoder{s: unsafe.String(unsafe.SliceData(head), len(head))}
	from := rd.str()
	src.n = rd.uint()
	blobLen, sharedLen, searchLen := rd.length(), rd.length(), rd.length()
	src.cats = make([]landscape.Category, rd.count())
	var counts []int // of each subcategory's items, in order
	listings := 0
	for ci := range src.cats {
		c := &src.cats[ci]
		c.Name = rd.str()
		c.Subcategories = make([]landscape.Subcategory, rd.count())
		for si := range c.Subcategories {
			c.Subcategories[si].Name = rd.str()
			k := rd.uint()
			counts = append(counts, k)
			listings += k
		}
	}
	rd.off = (rd.off+headerSize+7)&^7 - headerSize
	blocks := (len(src.body) + blockSize - 1) / blockSize
	if rd.err == nil && (rd.off > len(head) || uint64(len(head)-rd.off) != uint64(listings)*8+uint64(blocks)*4) {
		rd.fail("the head's tables do not add up")
	}
	if rd.err == nil && (uint64(src.n)*rowSize+uint64(blobLen)+uint64(searchLen) != uint64(len(src.body)) || sharedLen > blobLen) {
		rd.fail("the body's parts do not add up")
	}
	if rd.err != nil {
		return nil, from, badIndex("%v", rd.err)
	}
	items := head[rd.off : rd.off+listings*8]
	src.blocks = search.NewBlocks(src.body, head[rd.off+listings*8:], func() { panic(&DamagedIndexError{Path: src.path}) })
	var all []int
	if nativeInts && uintptr(unsafe.Pointer(unsafe.SliceData(items)))%8 == 0 {
		all = unsafe.Slice((*int)(unsafe.Pointer(unsafe.SliceData(items))), listings)
	} else {
		all = make([]int, listings)
		for k := range all {
			all[k] = int(binary.LittleEndian.Uint64(items[k*8:]))
		}
	}
	// The largest reference, four at a time and without a branch per item:
	// this loop is most of what opening costs on a large landscape.
	var most uint
	rest := all
	for ; len(rest) >= 4; rest = rest[4:] {
		most = max(most, uint(rest[0]), uint(rest[1]), uint(rest[2]), uint(rest[3]))
	}
	for _, i := range rest {
		most = max(most, uint(i))
	}
	if len(all) > 0 && most >= uint(src.n) {
		return nil, from, badIndex("item reference out of range")
	}
	for ci := range src.cats {
		for si := range src.cats[ci].Subcategories {
			k := counts[0]
			counts = counts[1:]
			// Capped, so that an append copies: a mapped file is read-only.
			src.cats[ci].Subcategories[si].Items, all = all[:k:k], all[k:]
		}
	}
	src.rows = src.body[:src.n*rowSize]
	blob := src.body[src.n*rowSize : src.n*rowSize+blobLen]
	src.blob = unsafe.String(unsafe.SliceData(blob), len(blob))
	src.shared = sharedLen
	src.search = src.body[src.n*rowSize+blobLen:]
	return src, from, nil
}

// DamagedIndexError is a block of a mapped index found damaged while a
// command read it. Guard turns it into an error and sets the file aside, so
// that the next command rebuilds it.
type DamagedIndexError struct{ Path string }

func (e *DamagedIndexError) Error() string {
	return "the cache's compiled index is damaged; it is rebuilt from the cached data on the next command"
}

func (e *DamagedIndexError) Unwrap() error { return ErrBadIndex }

// checkAll checks every block now: for an index read into memory, whose
// readers must never meet a damaged block later (the browser's, the MCP
// server's), and for DecodeIndex.
func (s *indexSource) checkAll() error {
	if !s.blocks.CheckAll() {
		return badIndex("checksum mismatch")
	}
	return nil
}

// Blocks checks the body, the search index's bytes among them, as it is
// read (see landscape.CheckedSource).
func (s *indexSource) Blocks() *search.Blocks { return s.blocks }

// checkRow validates item i's row: its place is in the tree and its record
// in the cold section.
func (s *indexSource) checkRow(i int) error {
	row := s.row(i)
	c, sc := u16(row[rowPlace:]), u16(row[rowPlace+2:])
	if c >= len(s.cats) || sc >= len(s.cats[c].Subcategories) {
		return fmt.Errorf("item %d: no such subcategory", i)
	}
	if off, n := u32(row[rowRecord:]), u32(row[rowRecord+4:]); n < 4 || off+n > uint64(len(s.cold)) {
		return fmt.Errorf("item %d: record beyond the cold section", i)
	}
	return nil
}

func u16(b []byte) int    { return int(binary.LittleEndian.Uint16(b)) }
func u32(b []byte) uint64 { return uint64(binary.LittleEndian.Uint32(b)) }

func (s *indexSource) Len() int { return s.n }

// row is item i's row, checked, as an array so that reading fields at
// constant offsets needs no bounds checks.
func (s *indexSource) row(i int) *[rowSize]byte {
	if !s.blocks.Checked(i*rowSize, rowSize) {
		s.blocks.Range(i*rowSize, rowSize)
	}
	return (*[rowSize]byte)(s.rows[i*rowSize:])
}

// text is text field f of a row, whose texts are checked (see texts). A
// text that would reach past the blob (which only a file forged to pass the
// checksums could hold) reads as empty.
func (s *indexSource) text(row *[rowSize]byte, f int) string {
	off, end := u32(row[f*8:]), u32(row[f*8:])+u32(row[f*8+4:])
	if end > uint64(len(s.blob)) {
		return ""
	}
	return s.blob[off:end]
}

// texts checks the blocks that a row's texts lie in: the shared texts at
// the blob's start, once, and the span of the item's own. (Only a file
// forged past its checksums could hold a text outside them; it is read
// unchecked, within the blob's bounds.)
func (s *indexSource) texts(row *[rowSize]byte) {
	if !s.sharedChecked.Load() {
		s.blocks.Range(len(s.rows), s.shared)
		s.sharedChecked.Store(true)
	}
	off, n := len(s.rows)+int(u32(row[rowTexts:])), int(u32(row[rowTexts+4:]))
	if !s.blocks.Checked(off, n) {
		s.blocks.Range(off, n)
	}
}

// Summary is item i's row.
func (s *indexSource) Summary(i int) landscape.Summary {
	row := s.row(i)
	s.texts(row)
	ci, si := u16(row[rowPlace:]), u16(row[rowPlace+2:])
	if ci >= len(s.cats) || si >= len(s.cats[ci].Subcategories) {
		// Only a file forged past its checksums: not to be trusted.
		panic(&DamagedIndexError{Path: s.path})
	}
	c := &s.cats[ci]
	num := func(k int) int64 { return int64(binary.LittleEndian.Uint64(row[rowNumbers+k*8:])) }
	return landscape.Summary{
		Name: s.text(row, fName), Slug: s.text(row, fSlug), Maturity: s.text(row, fMaturity),
		Description: s.text(row, fDescription), DescriptionSource: s.text(row, fDescriptionSource), Tags: s.text(row, fTags),
		Accepted: s.text(row, fAccepted), License: s.text(row, fLicense), Languages: s.text(row, fLanguages),
		Stars: num(0), Contributors: num(1), LatestCommit: num(2), LatestRelease: num(3),
		Category: c.Name, Subcategory: c.Subcategories[si].Name,
	}
}

// NameSlug is item i's name and slug, without the rest of its row (see
// landscape.NamedSource).
func (s *indexSource) NameSlug(i int) (name, slug string) {
	row := s.row(i)
	s.texts(row)
	return s.text(row, fName), s.text(row, fSlug)
}

// Item builds item i from its record, once.
func (s *indexSource) Item(i int) *landscape.Item {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it, ok := s.items[i]; ok {
		return it
	}
	it, err := s.record(i)
	if err != nil {
		sum := s.Summary(i)
		if s.fallback != nil {
			it = s.fallback(i, sum)
		} else {
			it = itemFromSummary(sum)
		}
	}
	if s.items == nil {
		s.items = map[int]*landscape.Item{}
	}
	s.items[i] = &it
	return &it
}

// itemFromSummary is the most an item can be without its record.
func itemFromSummary(sum landscape.Summary) landscape.Item {
	it := landscape.Item{Name: sum.Name, Slug: sum.Slug, Maturity: sum.Maturity, Description: sum.Description,
		Category: sum.Category, Subcategory: sum.Subcategory}
	if sum.Tags != "" {
		it.Extra = &landscape.Extra{SummaryTags: sum.Tags}
	}
	return it
}

// record reads and checks item i's full record.
func (s *indexSource) record(i int) (landscape.Item, error) {
	var it landscape.Item
	row := s.row(i)
	off, n := u32(row[rowRecord:]), u32(row[rowRecord+4:])
	if n < 4 || off+n > uint64(len(s.cold)) {
		return it, badIndex("item %d: record beyond the cold section", i)
	}
	b := s.cold[off : off+n]
	if crc32.Checksum(b[4:], crcTable) != binary.LittleEndian.Uint32(b) {
		return it, badIndex("item %d: checksum mismatch", i)
	}
	rec := record{Item: &it}
	if err := json.Unmarshal(b[4:], &rec); err != nil {
		return landscape.Item{}, badIndex("item %d: %v", i, err)
	}
	it.Line = rec.Line
	sum := s.Summary(i)
	if it.Name != sum.Name || it.Slug != sum.Slug {
		return landscape.Item{}, badIndex("item %d: its record is another item's", i)
	}
	return it, nil
}

// encoder writes the head's numbers and strings.
type encoder struct{ buf []byte }

func (w *encoder) uint(n int)   { w.buf = binary.AppendUvarint(w.buf, uint64(n)) }
func (w *encoder) str(s string) { w.uint(len(s)); w.buf = append(w.buf, s...) }

// decoder reads; the first error sticks and later reads return zero values,
// so decoding code stays linear and checks once at the end.
type decoder struct {
	s   string
	off int
	err error
}

func (r *decoder) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg)
	}
}

func (r *decoder) uint() int {
	v, n := binary.Uvarint(unsafe.Slice(unsafe.StringData(r.s[r.off:]), len(r.s)-r.off))
	if r.err != nil || n <= 0 || v > uint64(len(r.s)) { // no count or offset can exceed the data
		r.fail("bad number")
		return 0
	}
	r.off += n
	return int(v)
}

// length reads the size of a part of the file, which no index can exceed.
func (r *decoder) length() int {
	v, n := binary.Uvarint(unsafe.Slice(unsafe.StringData(r.s[r.off:]), len(r.s)-r.off))
	if r.err != nil || n <= 0 || v > maxIndexSize {
		r.fail("bad length")
		return 0
	}
	r.off += n
	return int(v)
}

// count reads a length and rejects one larger than the bytes left, so a
// corrupt length cannot make the decoder allocate without bound.
func (r *decoder) count() int {
	n := r.uint()
	if n > len(r.s)-r.off {
		r.fail("count beyond end of data")
		return 0
	}
	return n
}

func (r *decoder) str() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}
