package landscape

// ScansFromIndex reports whether x's scanner reads the phrases stored
// in its compiled search index, not the items' records.
func ScansFromIndex(x *Index) bool {
	if x.searchData == nil {
		return false
	}
	_, ok := readPhrases(x.searchIdx().phrases, x.Len())
	return ok
}
