//go:build !snapshot

package snapshot

// Info reports the embedded data; a build without the snapshot tag has none.
func Info() (Meta, bool) { return Meta{}, false }

// Data returns the embedded landscape.yml; a build without the snapshot
// tag has none.
func Data() ([]byte, bool) { return nil, false }
