package scan_test

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/landscapetest"
	"github.com/cnl-dev/cnl/landscape/scan"
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

// A scan keeps each item's first mentions, each its match and a bounded
// piece of its line, and counts the rest: what it keeps is the same for
// 200 lines of 20 KB as for 2,000 (a scan used 20 times its input, and
// "yes 'we use Kubernetes' | cnl scan -" grew until it died).
func TestScanKeepsFirstMentionsAndCounts(t *testing.T) {
	x := landscapetest.Real(t)
	line := "containerd " + strings.Repeat("padding ", 2500) + "\n"
	scanLines := func(lines int) ([]scan.Found, uint64) {
		sc := scan.NewScanner(x)
		v, kept := retained(func() any {
			if err := sc.Scan("big", &repeated{line: line, left: lines}); err != nil {
				t.Fatal(err)
			}
			return sc.Found()
		})
		return v.([]scan.Found), kept
	}
	small, keptSmall := scanLines(200)
	found, kept := scanLines(2000)
	if len(found) != 1 || found[0].Count != 2000 || len(found[0].Mentions) != scan.KeptMentions || small[0].Count != 200 {
		t.Fatalf("found %d items, %+v", len(found), found)
	}
	m := found[0].Mentions[0]
	if len(m.Text) > 260 || m.Column != 1 || m.Matched != "containerd" || !strings.HasSuffix(m.Text, "…") {
		t.Errorf("mention %+v", m)
	}
	if kept > 64<<10 || kept > keptSmall+16<<10 {
		t.Errorf("a scan of %d lines keeps %d bytes, of %d lines %d", 2000, kept, 200, keptSmall)
	}
	runtime.KeepAlive(found)
	runtime.KeepAlive(small)
}

// repeated reads line left times, made as it is read: the test holds no
// copy of the text.
type repeated struct {
	line string
	left int
	off  int
}

func (r *repeated) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && r.left > 0 {
		c := copy(p[n:], r.line[r.off:])
		n += c
		if r.off += c; r.off == len(r.line) {
			r.off = 0
			r.left--
		}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}
