//go:build snapshot

package snapshot

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"io"
)

//go:embed landscape.yml.gz
var compressed []byte

//go:embed snapshot.json
var metaJSON []byte

// Info reports the embedded data.
func Info() (Meta, bool) {
	var m Meta
	if err := json.Unmarshal(metaJSON, &m); err != nil {
		return m, false
	}
	return m, true
}

// Data returns the embedded landscape.yml, decompressed.
func Data() ([]byte, bool) {
	r, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return nil, false
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, false
	}
	return b, true
}
