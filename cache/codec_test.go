package cache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
	"github.com/cnl-dev/cnl/landscape/search"
)

// sliceSource serves items from memory.
type sliceSource []landscape.Item

func (s sliceSource) Len() int                        { return len(s) }
func (s sliceSource) Summary(i int) landscape.Summary { return s[i].Summary() }
func (s sliceSource) Item(i int) *landscape.Item      { return &s[i] }

// fill sets every field reachable from v to a distinct non-zero value, so a
// field the codec forgets shows up as a difference after a round trip.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("v%d-ünï", *n))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Unix(int64(1_700_000_000+*n), 0).UTC()))
			return
		}
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				fill(v.Field(i), n)
			}
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, n)
			fill(e, n)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	}
}

func TestCodecRoundTripsEveryField(t *testing.T) {
	var full, bare landscape.Item
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	bare.Name, bare.Slug = "bare", "bare"
	full.Category, full.Subcategory = "C", "S"
	bare.Category, bare.Subcategory = "C", "S"
	items := sliceSource{full, bare}
	x := landscape.NewIndex([]landscape.Category{{Name: "C", Subcategories: []landscape.Subcategory{{Name: "S", Items: []int{0, 1}}, {Name: "Empty"}}}}, items, nil)
	b, err := EncodeIndex(x, "from")
	if err != nil {
		t.Fatal(err)
	}
	got, from, err := DecodeIndex(b)
	if err != nil {
		t.Fatal(err)
	}
	for i := range items {
		if !reflect.DeepEqual(*got.Item(i), items[i]) {
			t.Errorf("item %d differs after a round trip:\n got %+v\nwant %+v", i, *got.Item(i), items[i])
		}
		if want := items[i].Summary(); got.Summary(i) != want {
			t.Errorf("summary %d differs: %+v", i, got.Summary(i))
		}
	}
	if len(got.Categories) != 1 || len(got.Categories[0].Subcategories) != 2 || len(got.Categories[0].Subcategories[0].Items) != 2 {
		t.Errorf("categories differ: %+v", got.Categories)
	}
	if from != "from" {
		t.Errorf("derived from %q", from)
	}
}

// oneItemIndex is the smallest index file: one item in one subcategory.
func oneItemIndex(t *testing.T) []byte {
	t.Helper()
	x := landscape.NewIndex([]landscape.Category{{Name: "C", Subcategories: []landscape.Subcategory{{Name: "S", Items: []int{0}}}}},
		sliceSource{{Name: "a", Slug: "a", Category: "C", Subcategory: "S", Description: "d"}}, nil)
	b, err := EncodeIndex(x, "test")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeRejectsDamage(t *testing.T) {
	good := oneItemIndex(t)
	cases := map[string][]byte{
		"empty":     nil,
		"truncated": good[:len(good)-3],
		"too long":  append(append([]byte{}, good...), 0),
		"not ours":  []byte(strings.Repeat("landscape: []\n", 10)),
	}
	wrongVersion := append([]byte{}, good...)
	wrongVersion[6]++
	cases["other version"] = wrongVersion
	for i := headerSize; i < len(good); i++ {
		flipped := append([]byte{}, good...)
		flipped[i] ^= 0x40
		cases[fmt.Sprintf("byte %d flipped", i)] = flipped
	}
	for name, b := range cases {
		if _, _, err := DecodeIndex(b); !errors.Is(err, ErrBadIndex) {
			t.Errorf("%s: err = %v, want ErrBadIndex", name, err)
		}
	}
}

// forgeChecksums makes b's checksums (the head's, and every block's of the
// body) agree with its bytes, as only a forger would; false when b's
// lengths do not let it.
func forgeChecksums(b []byte) bool {
	if len(b) < headerSize {
		return false
	}
	headLen, bodyLen := binary.LittleEndian.Uint64(b[16:]), binary.LittleEndian.Uint64(b[24:])
	if headLen > uint64(len(b)) || bodyLen > uint64(len(b)) || headerSize+headLen+bodyLen > uint64(len(b)) {
		return false
	}
	head := b[headerSize : headerSize+headLen]
	body := b[headerSize+headLen : headerSize+headLen+bodyLen]
	blocks := (len(body) + blockSize - 1) / blockSize
	if len(head) < 4*blocks {
		return false
	}
	sums := head[len(head)-4*blocks:]
	for k := range blocks {
		binary.LittleEndian.PutUint32(sums[4*k:], crc32.Checksum(body[k*blockSize:min((k+1)*blockSize, len(body))], crcTable))
	}
	binary.LittleEndian.PutUint32(b[8:], crc32.Checksum(head, crcTable))
	return true
}

// A file forged to pass the checksum, with a text reaching past the blob,
// reads that text as empty instead of crashing.
func TestForgedTextOffsetReadsEmpty(t *testing.T) {
	b := oneItemIndex(t)
	src, _, err := openIndex(b)
	if err != nil {
		t.Fatal(err)
	}
	row := int(uintptr(unsafe.Pointer(&src.rows[0])) - uintptr(unsafe.Pointer(&b[0])))
	binary.LittleEndian.PutUint32(b[row+fDescription*8+4:], 1<<30)
	forgeChecksums(b)
	got, _, err := DecodeIndex(b)
	if err != nil {
		t.Fatalf("forged file: %v", err)
	}
	if sum := got.Summary(0); sum.Name != "a" || sum.Description != "" {
		t.Errorf("forged summary: %+v", sum)
	}
}

// The whole real landscape, with its site's guide, survives a round trip
// through the index, item by item, summary and full record alike, and the
// search index and the scanner's phrases byte for byte: the compiled index
// answers every search and scan as the parsed one (the landscape's tests
// hold an index opened from these to the parsed one, query by query).
func TestCodecRealLandscape(t *testing.T) {
	x := realSite(t)
	b, err := EncodeIndex(x, "real")
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := DecodeIndex(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Len() != x.Len() || len(got.Categories) != len(x.Categories) {
		t.Fatalf("decoded %d items / %d categories, want %d / %d", got.Len(), len(got.Categories), x.Len(), len(x.Categories))
	}
	for i := range x.Len() {
		if !reflect.DeepEqual(got.Item(i), x.Item(i)) {
			t.Fatalf("item %d (%s) differs:\n got %+v\nwant %+v", i, x.Item(i).Name, got.Item(i), x.Item(i))
		}
		if sum := got.Summary(i); sum != x.Summary(i) {
			t.Fatalf("summary %d (%s) differs:\n got %+v\nwant %+v", i, x.Item(i).Name, sum, x.Summary(i))
		}
	}
	// Kinds read from the compiled index's item table, as they are worked
	// out from the parsed items (landscape.KindSource).
	if _, ok := got.Source().(landscape.KindSource); !ok {
		t.Fatal("the compiled index does not say its items' kinds")
	}
	kinds := map[string]int{}
	for i := range x.Len() {
		if got.Kind(i) != x.Kind(i) {
			t.Errorf("item %d (%s) is a %s compiled, a %s parsed", i, x.Item(i).Name, got.Kind(i), x.Kind(i))
		}
		kinds[got.Kind(i)]++
	}
	if kinds[landscape.KindProject] < 100 || kinds[landscape.KindProduct] < 100 || kinds[landscape.KindMember] < 100 {
		t.Errorf("kinds %v: each should be many", kinds)
	}
	if !bytes.Equal(search.SearchData(got), search.SearchData(x)) || !bytes.Equal(search.ScanData(got), search.ScanData(x)) {
		t.Error("the search index or the scanner's phrases differ after the round trip")
	}
	// Search reads the index's own search structure: it must answer as it
	// does on the parsed file.
	for _, q := range []string{"runtime", "registry", "container runtime", "promethus", "kuberntes", "talos", "k8s", "cri-o", "service mesh", "observability", "wasm", "ænix", "gitops"} {
		want, _ := search.Search(x, search.Query{Text: q})
		have, _ := search.Search(got, search.Query{Text: q})
		if !sameResults(have, want) {
			t.Errorf("search %q on the index: %d results, on the file: %d", q, len(have), len(want))
		}
	}
	// What a query reads at load is the hot section (summaries and the
	// search index): it must stay smaller than the raw file.
	raw := landscapetest.File(t, "landscape-2026-08-07.yml")
	if hot := binary.LittleEndian.Uint64(b[16:]); hot > uint64(len(raw)) {
		t.Errorf("the hot section (%d bytes) is larger than the raw file (%d)", hot, len(raw))
	}
}

// BenchmarkLoad opens the compiled index of the real landscape, as every
// query does first.
func BenchmarkLoad(b *testing.B) {
	s := realStore(b)
	for b.Loop() {
		if _, _, err := s.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadSearch is what cnl search runtime does with the index: load
// it and search it.
func BenchmarkLoadSearch(b *testing.B) {
	s := realStore(b)
	for b.Loop() {
		x, _, err := s.Load()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := search.Search(x, search.Query{Text: "runtime"}); err != nil {
			b.Fatal(err)
		}
	}
}

// realStore is a cache holding the real landscape.
func realStore(tb testing.TB) *Store {
	s := NewStore(filepath.Join(tb.TempDir(), "bench"))
	if _, err := save(s, string(landscapetest.File(tb, "landscape-2026-08-07.yml"))); err != nil {
		tb.Fatal(err)
	}
	return s
}

// sameResults compares the results of two searches, item by item.
func sameResults(a, b []search.Result) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Index != b[i].Index || a[i].Score != b[i].Score || a[i].Tier != b[i].Tier || a[i].Name != b[i].Name {
			return false
		}
	}
	return true
}

// The same files make the same index, byte for byte, every time (the
// committed snapshot is checked against its generator's output, and map
// order once swapped two keys' entries).
func TestIndexBytesAreStable(t *testing.T) {
	raw := landscapetest.File(t, "landscape-2026-08-07.yml")
	var first []byte
	for range 4 {
		x, err := landscape.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		b, err := EncodeIndex(x, "stable")
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Fatal("two encodings of the same landscape differ")
		}
	}
}
