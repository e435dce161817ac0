package cache

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/scan"
	"github.com/cnl-dev/cnl/landscape/search"
)

// FuzzDecodeIndex: any bytes decode into a consistent index or fail with
// ErrBadIndex; never a panic, never an item or text out of range.
func FuzzDecodeIndex(f *testing.F) {
	x, err := landscape.Parse(bytes.NewReader([]byte(validYAML)))
	if err != nil {
		f.Fatal(err)
	}
	good, err := EncodeIndex(x, "seed")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(magic))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, _, err := DecodeIndex(b)
		if err != nil {
			if !errors.Is(err, ErrBadIndex) {
				t.Fatalf("error does not wrap ErrBadIndex: %v", err)
			}
			return
		}
		for i := range got.Len() {
			got.Summary(i)
			got.Item(i)
		}
		for _, c := range got.Categories {
			for _, s := range c.Subcategories {
				for _, i := range s.Items {
					if i >= got.Len() {
						t.Fatalf("position %d out of %d", i, got.Len())
					}
				}
			}
		}
	})
}

// FuzzForgedIndex: an index whose checksum was forged to pass (the only
// way damage reaches the decoder) answers searches, lookups, completion
// and scans without a panic, however its tables and offsets are bent.
func FuzzForgedIndex(f *testing.F) {
	x, err := landscape.Parse(bytes.NewReader([]byte(validYAML)))
	if err != nil {
		f.Fatal(err)
	}
	good, err := EncodeIndex(x, "seed")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, uint16(0), byte(0))
	f.Add(good, uint16(len(good)/2), byte(0xff))
	f.Fuzz(func(t *testing.T, b []byte, at uint16, v byte) {
		if len(b) < headerSize {
			return
		}
		b = bytes.Clone(b)
		b[int(at)%len(b)] ^= v
		if !forgeChecksums(b) {
			return
		}
		got, _, err := DecodeIndex(b)
		if err != nil {
			return
		}
		for _, q := range []string{"runtime", "containerd", "promethus", "oci"} {
			search.Search(got, search.Query{Text: q})
			search.Resolve(got, q)
		}
		search.Complete(got, "c")
		sc := scan.NewScanner(got)
		sc.Scan("-", strings.NewReader("containerd and CRI-O on Kubernetes\n"))
		got.Stats()
	})
}
