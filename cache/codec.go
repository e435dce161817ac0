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
	"time"
	"unsafe"

	"github.com/cnl-dev/cnl/landscape"
)

// The compiled index is what queries read instead of YAML. It has two parts,
// so that a query touches little more than what it needs:
//
//   - the hot section, read whole at load and checked with one CRC-32:
//     metadata, the category tree, a fixed-width table of each item's
//     summary strings (offsets into a string blob) and where its full
//     record lies, and the blob;
//   - the cold section: each item's full record with its own CRC-32, read
//     only when the item is shown.
//
// Nothing is decoded per item at load: summaries are read straight from the
// table, and strings share the hot section's memory.
//
// Bump formatVersion whenever the layout or the model changes: an index of
// another version is a cache miss and is rebuilt from the raw file.
const (
	magic         = "CNLIDX"
	formatVersion = 9
	headerSize    = 32 // magic, version u16, hot CRC u32, 4 spare, hot length u64, cold length u64

	// maxIndexSize bounds an index file that Load accepts: the largest
	// landscape the cache takes (DefaultMaxSize) compiles to far less.
	maxIndexSize = 8 * DefaultMaxSize
)

// A row of the item table: text fields as (offset, length) into the blob,
// then numbers, then the place and where the full record lies.
const (
	fName = iota
	fSlug
	fProject
	fDescription
	fTags
	fAccepted
	fLicense
	fLanguages
	textFields

	rowNumbers = textFields * 8   // stars, contributors, latest commit, latest release
	rowPlace   = rowNumbers + 4*8 // category u16, subcategory u16
	rowRecord  = rowPlace + 2*2   // record offset u32, length u32
	rowSize    = rowRecord + 2*4
)

// CRC-32 (IEEE) has hardware support on amd64 and arm64 and, unlike
// Castagnoli, no table to build at start-up.
var crcTable = crc32.IEEETable

// ErrBadIndex is returned (wrapped) for an index that is truncated, corrupt
// or of another format version.
var ErrBadIndex = errors.New("compiled index is unusable")

func badIndex(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBadIndex, fmt.Sprintf(format, a...))
}

// EncodeIndex serialises the index and its metadata.
func EncodeIndex(x *landscape.Index, meta Meta) ([]byte, error) {
	mj, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	n := x.Len()
	hot := &writer{}
	hot.str(string(mj))
	hot.uint(n)
	type place struct{ c, s int }
	where := map[string]place{}
	hot.uint(len(x.Categories))
	for ci, c := range x.Categories {
		hot.str(c.Name)
		hot.uint(len(c.Subcategories))
		for si, s := range c.Subcategories {
			hot.str(s.Name)
			key := c.Name + "\x00" + s.Name
			if _, dup := where[key]; !dup {
				where[key] = place{ci, si}
			}
			hot.uint(len(s.Items))
			for _, i := range s.Items {
				hot.uint(i)
			}
		}
	}
	if n > 0 && len(x.Categories) > 1<<16 {
		return nil, errors.New("too many categories")
	}
	rows := make([]byte, n*rowSize)
	var blob, cold []byte
	// Short values that repeat (maturities, dates, licenses, languages,
	// lower-case names equal to the name) are stored once.
	shared := map[string]uint32{}
	for i := range n {
		sum := x.Summary(i)
		row := rows[i*rowSize:]
		texts := [textFields]string{
			fName: sum.Name, fSlug: sum.Slug, fProject: sum.Project, fDescription: sum.Description,
			fTags: sum.Tags, fAccepted: sum.Accepted, fLicense: sum.License, fLanguages: sum.Languages,
		}
		for f, v := range texts {
			off, ok := shared[v]
			if !ok {
				off = uint32(len(blob))
				blob = append(blob, v...)
				if len(v) <= 32 {
					shared[v] = off
				}
			}
			binary.LittleEndian.PutUint32(row[f*8:], off)
			binary.LittleEndian.PutUint32(row[f*8+4:], uint32(len(v)))
		}
		for k, n := range []int64{sum.Stars, sum.Contributors, sum.LatestCommit, sum.LatestRelease} {
			binary.LittleEndian.PutUint64(row[rowNumbers+k*8:], uint64(n))
		}
		p, ok := where[sum.Category+"\x00"+sum.Subcategory]
		if !ok {
			return nil, fmt.Errorf("item %q: its subcategory is not in the tree", sum.Name)
		}
		binary.LittleEndian.PutUint16(row[rowPlace:], uint16(p.c))
		binary.LittleEndian.PutUint16(row[rowPlace+2:], uint16(p.s))
		// The record leaves out the fields the summary holds unchanged;
		// Item puts them back.
		it := *x.Item(i)
		it.Name, it.Slug, it.Project, it.Category, it.Subcategory = "", "", "", "", ""
		rec := &writer{}
		rec.item(&it)
		binary.LittleEndian.PutUint32(row[rowRecord:], uint32(len(cold)))
		binary.LittleEndian.PutUint32(row[rowRecord+4:], uint32(4+len(rec.buf)))
		cold = binary.LittleEndian.AppendUint32(cold, crc32.Checksum(rec.buf, crcTable))
		cold = append(cold, rec.buf...)
	}
	hot.buf = append(hot.buf, rows...)
	hot.str(string(blob))
	hot.str(string(x.SearchData()))
	if len(blob) > math.MaxUint32 || len(cold) > math.MaxUint32 {
		return nil, errors.New("landscape too large for the index format")
	}
	b := make([]byte, headerSize, headerSize+len(hot.buf)+len(cold))
	copy(b, magic)
	binary.LittleEndian.PutUint16(b[6:], formatVersion)
	binary.LittleEndian.PutUint32(b[8:], crc32.Checksum(hot.buf, crcTable))
	binary.LittleEndian.PutUint64(b[16:], uint64(len(hot.buf)))
	binary.LittleEndian.PutUint64(b[24:], uint64(len(cold)))
	b = append(b, hot.buf...)
	return append(b, cold...), nil
}

// DecodeIndex checks all of b, cold records included, and decodes it. Any
// damage gives an error wrapping ErrBadIndex; it never panics on hostile
// input. Store.Load reads lazily instead; this is the strict form.
func DecodeIndex(b []byte) (*landscape.Index, Meta, error) {
	src, meta, err := openIndex(bytes.Clone(b))
	if err != nil {
		return nil, meta, err
	}
	for i := range src.n {
		if _, err := src.record(i); err != nil {
			return nil, meta, err
		}
	}
	return landscape.NewIndex(src.cats, src, src.search), meta, nil
}

// indexSource serves an index's items from the index file's bytes: the hot
// section, checked at load, and the cold section, each record checked when
// it is read. Strings share those bytes rather than copy them.
type indexSource struct {
	n    int
	rows []byte
	blob string
	cats []landscape.Category
	cold []byte
	// search is the search index's bytes (see landscape.Index.SearchData).
	search []byte
	// items are the items built so far, by position.
	items map[int]*landscape.Item
	// fallback builds item i another way when its record is damaged.
	fallback func(i int, sum landscape.Summary) landscape.Item
}

// openIndex checks the header and the hot section of an index file's bytes,
// which must stay unchanged for as long as the index is used.
func openIndex(file []byte) (*indexSource, Meta, error) {
	var meta Meta
	if len(file) < headerSize || string(file[:len(magic)]) != magic {
		return nil, meta, badIndex("not an index file")
	}
	h := file[:headerSize]
	if v := binary.LittleEndian.Uint16(h[6:]); v != formatVersion {
		return nil, meta, badIndex("format version %d, want %d", v, formatVersion)
	}
	size := uint64(len(file))
	hotLen, coldLen := binary.LittleEndian.Uint64(h[16:]), binary.LittleEndian.Uint64(h[24:])
	if hotLen > size || coldLen > size || headerSize+hotLen+coldLen != size {
		return nil, meta, badIndex("%d bytes, header says %d+%d", size, hotLen, coldLen)
	}
	hot := file[headerSize : headerSize+hotLen]
	if crc32.Checksum(hot, crcTable) != binary.LittleEndian.Uint32(h[8:]) {
		return nil, meta, badIndex("checksum mismatch")
	}
	rd := &reader{s: unsafe.String(unsafe.SliceData(hot), len(hot))}
	if err := json.Unmarshal([]byte(rd.str()), &meta); err != nil && rd.err == nil {
		rd.err = err
	}
	src := &indexSource{cold: file[headerSize+hotLen:]}
	src.n = rd.uint()
	src.cats = make([]landscape.Category, rd.count())
	for ci := range src.cats {
		c := &src.cats[ci]
		c.Name = rd.str()
		c.Subcategories = make([]landscape.Subcategory, rd.count())
		for si := range c.Subcategories {
			s := &c.Subcategories[si]
			s.Name = rd.str()
			s.Items = make([]int, rd.count())
			for k := range s.Items {
				if s.Items[k] = rd.uint(); s.Items[k] >= src.n {
					rd.fail("item reference out of range")
				}
			}
		}
	}
	if rd.err == nil && src.n*rowSize > len(rd.s)-rd.off {
		rd.fail("item table beyond end of data")
	}
	if rd.err == nil {
		src.rows = hot[rd.off : rd.off+src.n*rowSize]
		rd.off += src.n * rowSize
		src.blob = rd.str()
		search := rd.str()
		src.search = unsafe.Slice(unsafe.StringData(search), len(search))
	}
	if rd.err == nil && rd.off != len(rd.s) {
		rd.fail("trailing bytes")
	}
	if rd.err == nil {
		rd.err = src.check()
	}
	if rd.err != nil {
		return nil, meta, badIndex("%v", rd.err)
	}
	return src, meta, nil
}

// check validates every row once, so that Summary and Item can index
// without bounds failures.
func (s *indexSource) check() error {
	for i := range s.n {
		row := s.row(i)
		c, sc := u16(row[rowPlace:]), u16(row[rowPlace+2:])
		if c >= len(s.cats) || sc >= len(s.cats[c].Subcategories) {
			return fmt.Errorf("item %d: no such subcategory", i)
		}
		if off, n := u32(row[rowRecord:]), u32(row[rowRecord+4:]); n < 4 || off+n > uint64(len(s.cold)) {
			return fmt.Errorf("item %d: record beyond the cold section", i)
		}
	}
	return nil
}

func u16(b []byte) int    { return int(binary.LittleEndian.Uint16(b)) }
func u32(b []byte) uint64 { return uint64(binary.LittleEndian.Uint32(b)) }

func (s *indexSource) Len() int { return s.n }

// row is item i's row, as an array so that reading fields at constant
// offsets needs no bounds checks.
func (s *indexSource) row(i int) *[rowSize]byte { return (*[rowSize]byte)(s.rows[i*rowSize:]) }

// text is text field f of item i. A text that would reach past the blob
// (which only a file forged to pass the checksum could hold) reads as
// empty.
func (s *indexSource) text(i, f int) string {
	row := s.row(i)[f*8:]
	off, end := u32(row), u32(row)+u32(row[4:])
	if end > uint64(len(s.blob)) {
		return ""
	}
	return s.blob[off:end]
}

// Summary is item i's row.
func (s *indexSource) Summary(i int) landscape.Summary {
	row := s.row(i)
	c := &s.cats[u16(row[rowPlace:])]
	num := func(k int) int64 { return int64(binary.LittleEndian.Uint64(row[rowNumbers+k*8:])) }
	return landscape.Summary{
		Name: s.text(i, fName), Slug: s.text(i, fSlug), Project: s.text(i, fProject),
		Description: s.text(i, fDescription), Tags: s.text(i, fTags),
		Accepted: s.text(i, fAccepted), License: s.text(i, fLicense), Languages: s.text(i, fLanguages),
		Stars: num(0), Contributors: num(1), LatestCommit: num(2), LatestRelease: num(3),
		Category: c.Name, Subcategory: c.Subcategories[u16(row[rowPlace+2:])].Name,
	}
}

// Item builds item i from its record, once.
func (s *indexSource) Item(i int) *landscape.Item {
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
	it := landscape.Item{Name: sum.Name, Slug: sum.Slug, Project: sum.Project, Description: sum.Description,
		Category: sum.Category, Subcategory: sum.Subcategory}
	if sum.Tags != "" {
		it.Extra = &landscape.Extra{SummaryTags: sum.Tags}
	}
	return it
}

// record reads and checks item i's full record.
func (s *indexSource) record(i int) (landscape.Item, error) {
	var it landscape.Item
	row := s.rows[i*rowSize:]
	off := u32(row[rowRecord:])
	b := s.cold[off : off+u32(row[rowRecord+4:])]
	if crc32.Checksum(b[4:], crcTable) != binary.LittleEndian.Uint32(b) {
		return it, badIndex("item %d: checksum mismatch", i)
	}
	rd := &reader{s: unsafe.String(unsafe.SliceData(b[4:]), len(b)-4)}
	rd.item(&it)
	if rd.err == nil && rd.off != len(rd.s) {
		rd.fail("trailing bytes")
	}
	if rd.err != nil {
		return it, badIndex("item %d: %v", i, rd.err)
	}
	sum := s.Summary(i)
	it.Name, it.Slug, it.Project, it.Category, it.Subcategory = sum.Name, sum.Slug, sum.Project, sum.Category, sum.Subcategory
	return it, nil
}

// itemStrings lists every string field of an item in encoding order.
// A test fills every field by reflection and checks the round trip, so a
// field added to the model but not here fails the build's tests.
func itemStrings(it *landscape.Item) []*string {
	return []*string{
		&it.Name, &it.Description, &it.HomepageURL, &it.RepoURL, &it.Branch, &it.License,
		&it.Logo, &it.Project, &it.Crunchbase, &it.Twitter, &it.Joined, &it.URLForBestPractices,
		&it.Category, &it.Subcategory, &it.Slug,
	}
}

func extraStrings(e *landscape.Extra) []*string {
	return []*string{
		&e.Accepted, &e.Incubating, &e.Graduated, &e.Archived, &e.AnnualReviewDate,
		&e.AnnualReviewURL, &e.LFXSlug, &e.ParentProject, &e.ClomonitorName, &e.ChatChannel,
		&e.ArtworkURL, &e.BlogURL, &e.BlueskyURL, &e.DevStatsURL, &e.DiscordURL, &e.DockerURL,
		&e.DocumentationURL, &e.FacebookURL, &e.FundingURL, &e.GithubDiscussionsURL,
		&e.GitterURL, &e.LinkedinURL, &e.MailingListURL, &e.PackageManagerURL,
		&e.PinterestURL, &e.RedditURL, &e.SlackURL, &e.StackOverflowURL, &e.YoutubeURL,
		&e.SummaryBusinessUseCase, &e.SummaryIntegration, &e.SummaryIntegrations,
		&e.SummaryIntroURL, &e.SummaryPersonas, &e.SummaryReleaseRate, &e.SummaryTags,
		&e.SummaryUseCase,
	}
}

type writer struct{ buf []byte }

func (w *writer) uint(n int)   { w.buf = binary.AppendUvarint(w.buf, uint64(n)) }
func (w *writer) str(s string) { w.uint(len(s)); w.buf = append(w.buf, s...) }

func (w *writer) bool(b bool) {
	if b {
		w.uint(1)
	} else {
		w.uint(0)
	}
}

func (w *writer) strs(ss []string) {
	w.uint(len(ss))
	for _, s := range ss {
		w.str(s)
	}
}

// fields writes a bitmap of the non-empty strings, then those strings: most
// fields of most items are empty, and reading one number beats reading 50.
func (w *writer) fields(ps []*string) {
	var mask uint64
	for i, p := range ps {
		if *p != "" {
			mask |= 1 << i
		}
	}
	w.buf = binary.AppendUvarint(w.buf, mask)
	for _, p := range ps {
		if *p != "" {
			w.str(*p)
		}
	}
}

func (w *writer) dict(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys) // a stable encoding: same data, same bytes
	w.uint(len(keys))
	for _, k := range keys {
		w.str(k)
		w.str(m[k])
	}
}

func (w *writer) item(it *landscape.Item) {
	w.fields(itemStrings(it))
	w.uint(it.Line)
	w.bool(it.Enduser)
	w.strs(it.SecondPath)
	w.uint(len(it.AdditionalRepos))
	for _, r := range it.AdditionalRepos {
		w.str(r.RepoURL)
		w.str(r.Branch)
		w.str(r.License)
	}
	w.dict(it.Other)
	w.github(it.GitHub)
	w.bool(it.Extra != nil)
	if it.Extra == nil {
		return
	}
	e := it.Extra
	w.fields(extraStrings(e))
	w.bool(e.Specification)
	w.uint(len(e.Audits))
	for _, a := range e.Audits {
		w.str(a.Date)
		w.str(a.Type)
		w.str(a.URL)
		w.str(a.Vendor)
	}
	w.uint(len(e.OtherLinks))
	for _, l := range e.OtherLinks {
		w.str(l.Name)
		w.str(l.URL)
	}
	w.strs(e.Tag)
	w.dict(e.Annotations)
	w.dict(e.Other)
}

// reader decodes; the first error sticks and later reads return zero values,
// so decoding code stays linear and checks once at the end.
type reader struct {
	s   string
	off int
	err error
}

func (r *reader) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg)
	}
}

func (r *reader) uint() int {
	v := r.uvarint()
	if v > uint64(len(r.s)) { // no count or offset can exceed the data
		r.fail("bad number")
		return 0
	}
	return int(v)
}

// uvarint reads what binary.AppendUvarint wrote, straight from the string.
func (r *reader) uvarint() uint64 {
	var v uint64
	for shift := uint(0); r.err == nil; shift += 7 {
		if r.off >= len(r.s) || shift > 63 {
			r.fail("bad number")
			break
		}
		b := r.s[r.off]
		r.off++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
	return 0
}

// count reads a length and rejects one larger than the bytes left, so a
// corrupt length cannot make the decoder allocate without bound.
func (r *reader) count() int {
	n := r.uint()
	if n > len(r.s)-r.off {
		r.fail("count beyond end of data")
		return 0
	}
	return n
}

func (r *reader) str() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) fields(ps []*string) {
	mask := r.uvarint()
	if mask>>len(ps) != 0 {
		r.fail("bad field mask")
		return
	}
	for i, p := range ps {
		if mask&(1<<i) != 0 {
			*p = r.str()
		}
	}
}

func (r *reader) bool() bool { return r.uint() == 1 }

func (r *reader) strs() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = r.str()
	}
	return ss
}

func (r *reader) dict() map[string]string {
	n := r.count()
	if n == 0 {
		return nil
	}
	m := make(map[string]string, n)
	for range n {
		k := r.str()
		m[k] = r.str()
	}
	return m
}

func (r *reader) item(it *landscape.Item) {
	r.fields(itemStrings(it))
	it.Line = int(min(r.uvarint(), math.MaxInt32))
	it.Enduser = r.bool()
	it.SecondPath = r.strs()
	if n := r.count(); n > 0 {
		it.AdditionalRepos = make([]landscape.Repo, n)
		for i := range it.AdditionalRepos {
			it.AdditionalRepos[i] = landscape.Repo{RepoURL: r.str(), Branch: r.str(), License: r.str()}
		}
	}
	it.Other = r.dict()
	it.GitHub = r.github()
	if !r.bool() {
		return
	}
	e := &landscape.Extra{}
	it.Extra = e
	r.fields(extraStrings(e))
	e.Specification = r.bool()
	if n := r.count(); n > 0 {
		e.Audits = make([]landscape.Audit, n)
		for i := range e.Audits {
			e.Audits[i] = landscape.Audit{Date: r.str(), Type: r.str(), URL: r.str(), Vendor: r.str()}
		}
	}
	if n := r.count(); n > 0 {
		e.OtherLinks = make([]landscape.Link, n)
		for i := range e.OtherLinks {
			e.OtherLinks[i] = landscape.Link{Name: r.str(), URL: r.str()}
		}
	}
	e.Tag = r.strs()
	e.Annotations = r.dict()
	e.Other = r.dict()
}

func (w *writer) num(n int64) { w.buf = binary.AppendUvarint(w.buf, uint64(n)) }
func (r *reader) num() int64  { return int64(r.uvarint()) }
func (w *writer) time(t time.Time) {
	if t.IsZero() {
		w.num(0)
		return
	}
	w.num(t.Unix() + 1)
}
func (r *reader) time() time.Time {
	if n := r.num(); n > 0 {
		return time.Unix(n-1, 0).UTC()
	}
	return time.Time{}
}

func (w *writer) github(g *landscape.GitHub) {
	w.bool(g != nil)
	if g == nil {
		return
	}
	w.str(g.URL)
	w.str(g.Description)
	w.str(g.License)
	w.num(g.Stars)
	w.num(g.Contributors)
	for _, t := range []time.Time{g.FirstCommit, g.LatestCommit, g.LatestRelease, g.GeneratedAt} {
		w.time(t)
	}
	w.strs(g.Topics)
	w.uint(len(g.Languages))
	for _, l := range g.Languages {
		w.str(l.Name)
		w.num(l.Bytes)
	}
	w.uint(len(g.Participation))
	for _, n := range g.Participation {
		w.num(n)
	}
}

func (r *reader) github() *landscape.GitHub {
	if !r.bool() {
		return nil
	}
	g := &landscape.GitHub{URL: r.str(), Description: r.str(), License: r.str(), Stars: r.num(), Contributors: r.num()}
	g.FirstCommit, g.LatestCommit, g.LatestRelease, g.GeneratedAt = r.time(), r.time(), r.time(), r.time()
	g.Topics = r.strs()
	if n := r.count(); n > 0 {
		g.Languages = make([]landscape.Language, n)
		for i := range g.Languages {
			g.Languages[i] = landscape.Language{Name: r.str(), Bytes: r.num()}
		}
	}
	if n := r.count(); n > 0 {
		g.Participation = make([]int64, n)
		for i := range g.Participation {
			g.Participation[i] = r.num()
		}
	}
	return g
}
