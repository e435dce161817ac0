package landscape_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

// retained runs f and returns how much heap what it returns keeps alive,
// after a collection.
func retained(f func() any) (any, uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if after.HeapAlloc < before.HeapAlloc {
		return v, 0
	}
	return v, after.HeapAlloc - before.HeapAlloc
}

// A full.json of 300,000 repositories that no item uses keeps nothing of
// them: the facts kept follow the landscape, not the file (4.2 million such
// entries took 8.8 GB).
func TestFullJSONKeepsOnlyWhatItemsUse(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"github_data": {`)
	for i := range 300_000 {
		fmt.Fprintf(&b, `"https://github.com/o/r%d": {"url": "https://github.com/o/r%d", "stars": %d},`, i, i, i)
	}
	b.WriteString(`"https://github.com/containerd/containerd": {"url": "https://github.com/containerd/containerd", "stars": 7}}}`)
	doc := b.String()
	want := func(u string) bool { return u == "github.com/containerd/containerd" }
	v, kept := retained(func() any {
		f, err := landscape.ParseFullJSON(strings.NewReader(doc), want)
		if err != nil {
			t.Fatal(err)
		}
		return f
	})
	f := v.(*landscape.Facts)
	if len(f.Repositories) != 1 || f.Repositories["github.com/containerd/containerd"].Stars != 7 {
		t.Fatalf("kept %d repositories", len(f.Repositories))
	}
	if kept > 1<<20 {
		t.Errorf("the facts of one repository keep %d bytes alive", kept)
	}
	runtime.KeepAlive(f)
}

// A scan keeps each mention's match and a bounded piece of its line, not
// the line: a file of 2,000 lines of 20 KB each keeps kilobytes per line,
// not the file again (a scan used 11 times its input).
func TestScanKeepsSnippetsNotLines(t *testing.T) {
	x := loadReal(t)
	line := "containerd " + strings.Repeat("padding ", 2500) + "\n"
	text := strings.Repeat(line, 2000)
	sc := x.NewScanner()
	v, kept := retained(func() any {
		if err := sc.Scan("big", strings.NewReader(text)); err != nil {
			t.Fatal(err)
		}
		return sc.Found()
	})
	found := v.([]landscape.Found)
	if len(found) != 1 || len(found[0].Mentions) != 2000 {
		t.Fatalf("found %v", len(found))
	}
	m := found[0].Mentions[0]
	if len(m.Text) > 260 || m.Column != 1 || m.Matched != "containerd" || !strings.HasSuffix(m.Text, "…") {
		t.Errorf("mention %+v", m)
	}
	if kept > uint64(len(text))/4 {
		t.Errorf("a scan of %d bytes keeps %d", len(text), kept)
	}
	runtime.KeepAlive(found)
}
