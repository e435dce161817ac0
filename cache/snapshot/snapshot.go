// Package snapshot holds the landscape embedded in release builds, so that
// a fresh install answers with no network and no cache.
//
// Release builds use the build tag "snapshot" and embed landscape.yml.gz
// and snapshot.json, written beside this file by `go run
// ./cache/snapshot/gen` (git-ignored, never committed). A plain `go build`
// has no snapshot.
package snapshot

// Meta describes the embedded data.
type Meta struct {
	Date   string `json:"date"`   // when the data was taken, YYYY-MM-DD
	Source string `json:"source"` // URL or file it came from
	SHA256 string `json:"sha256"` // of the uncompressed landscape.yml
}
