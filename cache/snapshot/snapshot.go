// Package snapshot is the CNCF landscape that every build of cnl carries
// (its data, guide and settings, what the site's full.json says items are,
// compressed), so that a fresh install answers with no network and no
// cache. The glossaries it carries too are landscape/glossary's.
//
// The files beside this one are generated, and committed: `go run
// ./cache/snapshot/gen --site DIR` (a site's files, as CI does with
// ../shared/landscape/sites/cncf) or `go run ./cache/snapshot/gen` (fetched
// from landscape.cncf.io, as releases do). The landscape data is
// CC-BY-4.0 (cncf/landscape) and the guide and settings Apache-2.0
// (cncf/landscape2-sites): see NOTICE.
package snapshot

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"io"
)

//go:embed data.yml.gz guide.yml.gz settings.yml.gz facts.json.gz snapshot.json
var files embed.FS

// Meta describes the embedded snapshot.
type Meta struct {
	Landscape string `json:"landscape"` // its key: cncf
	Date      string `json:"date"`      // when the data was taken, YYYY-MM-DD
	Source    string `json:"source"`    // where it came from
	SHA256    string `json:"sha256"`    // of the uncompressed data file
}

// Info reports the embedded snapshot.
func Info() (Meta, bool) {
	var m Meta
	b, err := files.ReadFile("snapshot.json")
	if err != nil || json.Unmarshal(b, &m) != nil || m.Date == "" {
		return m, false
	}
	return m, true
}

// Files returns the snapshot's data file, guide and settings, uncompressed.
func Files() (data, guide, settings []byte, ok bool) {
	var out [3][]byte
	for i, name := range []string{"data.yml.gz", "guide.yml.gz", "settings.yml.gz"} {
		if out[i], ok = gunzip(name); !ok {
			return nil, nil, nil, false
		}
	}
	return out[0], out[1], out[2], true
}

// Facts returns the snapshot's facts file (see cache.EncodeFacts):
// descriptions and topics from the site's full.json, when the generator
// had one; otherwise it holds none.
func Facts() ([]byte, bool) { return gunzip("facts.json.gz") }

func gunzip(name string) ([]byte, bool) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, false
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, false
	}
	out, err := io.ReadAll(r)
	return out, err == nil
}
