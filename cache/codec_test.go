package cache

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

// fill sets every field reachable from v to a distinct non-zero value, so a
// field the codec forgets shows up as a difference after a round trip.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("v%d-ünï", *n))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
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
	x := &landscape.Index{
		Items:      []landscape.Item{full, bare},
		Categories: []landscape.Category{{Name: "C", Subcategories: []landscape.Subcategory{{Name: "S", Items: []int{0, 1}}, {Name: "Empty"}}}},
	}
	meta := Meta{Source: "https://example.org/l.yml", ETag: `"abc"`, Items: 2}
	b, err := EncodeIndex(x, meta)
	if err != nil {
		t.Fatal(err)
	}
	got, gotMeta, err := DecodeIndex(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Items, x.Items) {
		t.Errorf("items differ after a round trip:\n got %+v\nwant %+v", got.Items[0], x.Items[0])
	}
	if len(got.Categories) != 1 || len(got.Categories[0].Subcategories) != 2 || len(got.Categories[0].Subcategories[0].Items) != 2 {
		t.Errorf("categories differ: %+v", got.Categories)
	}
	if gotMeta.ETag != meta.ETag || gotMeta.Source != meta.Source {
		t.Errorf("meta = %+v", gotMeta)
	}
}

func TestDecodeRejectsDamage(t *testing.T) {
	x := &landscape.Index{Items: []landscape.Item{{Name: "a", Slug: "a"}}, Categories: []landscape.Category{{Name: "C", Subcategories: []landscape.Subcategory{{Name: "S", Items: []int{0}}}}}}
	good, err := EncodeIndex(x, Meta{})
	if err != nil {
		t.Fatal(err)
	}
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
