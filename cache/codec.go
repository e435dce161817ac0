package cache

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
	"unsafe"

	"github.com/cnl-dev/cnl/landscape"
)

// The compiled index is what queries read instead of YAML: a small header
// (magic, format version, CRC-32C and length of the payload) and a payload of
// length-prefixed strings. Decoding slices one string conversion of the
// payload, so a load costs one allocation for all text.
//
// Bump formatVersion whenever the layout or the model changes: an index of
// another version is a cache miss and is rebuilt from the raw file.
const (
	magic         = "CNLIDX"
	formatVersion = 3
	headerSize    = len(magic) + 2 + 4 + 8
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrBadIndex is returned (wrapped) for an index that is truncated, corrupt
// or of another format version.
var ErrBadIndex = errors.New("compiled index is unusable")

// EncodeIndex serialises the index and its metadata.
func EncodeIndex(x *landscape.Index, meta Meta) ([]byte, error) {
	mj, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	w := &writer{buf: make([]byte, headerSize, 1<<20)}
	w.str(string(mj))
	w.uint(len(x.Items))
	for i := range x.Items {
		w.item(&x.Items[i])
	}
	w.uint(len(x.Categories))
	for _, c := range x.Categories {
		w.str(c.Name)
		w.uint(len(c.Subcategories))
		for _, s := range c.Subcategories {
			w.str(s.Name)
			w.uint(len(s.Items))
			for _, i := range s.Items {
				w.uint(i)
			}
		}
	}
	b := w.buf
	copy(b, magic)
	binary.LittleEndian.PutUint16(b[6:], formatVersion)
	payload := b[headerSize:]
	binary.LittleEndian.PutUint32(b[8:], crc32.Checksum(payload, castagnoli))
	binary.LittleEndian.PutUint64(b[12:], uint64(len(payload)))
	return b, nil
}

// DecodeIndex checks and decodes what EncodeIndex wrote. Any damage gives an
// error wrapping ErrBadIndex; it never panics on hostile input. The index
// keeps references into b, which the caller must not modify afterwards.
func DecodeIndex(b []byte) (*landscape.Index, Meta, error) {
	var meta Meta
	if len(b) < headerSize || string(b[:len(magic)]) != magic {
		return nil, meta, fmt.Errorf("%w: not an index file", ErrBadIndex)
	}
	if v := binary.LittleEndian.Uint16(b[6:]); v != formatVersion {
		return nil, meta, fmt.Errorf("%w: format version %d, want %d", ErrBadIndex, v, formatVersion)
	}
	payload := b[headerSize:]
	if n := binary.LittleEndian.Uint64(b[12:]); n != uint64(len(payload)) {
		return nil, meta, fmt.Errorf("%w: %d bytes, header says %d", ErrBadIndex, len(payload), n)
	}
	if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(b[8:]) {
		return nil, meta, fmt.Errorf("%w: checksum mismatch", ErrBadIndex)
	}
	// The payload is ours alone and never written again, so its strings can
	// share its memory rather than copy 1 MB on every load.
	r := &reader{s: unsafe.String(unsafe.SliceData(payload), len(payload))}
	if err := json.Unmarshal([]byte(r.str()), &meta); err != nil && r.err == nil {
		r.err = err
	}
	x := &landscape.Index{}
	x.Items = make([]landscape.Item, r.count())
	for i := range x.Items {
		r.item(&x.Items[i])
	}
	x.Categories = make([]landscape.Category, r.count())
	for ci := range x.Categories {
		c := &x.Categories[ci]
		c.Name = r.str()
		c.Subcategories = make([]landscape.Subcategory, r.count())
		for si := range c.Subcategories {
			s := &c.Subcategories[si]
			s.Name = r.str()
			s.Items = make([]int, r.count())
			for k := range s.Items {
				s.Items[k] = r.uint()
				if s.Items[k] >= len(x.Items) && r.err == nil {
					r.err = errors.New("item reference out of range")
				}
			}
		}
	}
	if r.err == nil && len(r.s) != r.off {
		r.err = errors.New("trailing bytes")
	}
	if r.err != nil {
		return nil, meta, fmt.Errorf("%w: %v", ErrBadIndex, r.err)
	}
	return x, meta, nil
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
	it.Line = r.uint()
	it.Enduser = r.bool()
	it.SecondPath = r.strs()
	if n := r.count(); n > 0 {
		it.AdditionalRepos = make([]landscape.Repo, n)
		for i := range it.AdditionalRepos {
			it.AdditionalRepos[i] = landscape.Repo{RepoURL: r.str(), Branch: r.str(), License: r.str()}
		}
	}
	it.Other = r.dict()
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
