package landscape

// ScansFromIndex reports whether x's scanner reads the phrases stored
// in its compiled search index, not the items' records.
func ScansFromIndex(x *Index) bool {
	src, ok := x.src.(PhraseSource)
	if !ok {
		return false
	}
	b, ok := src.Phrases()
	if !ok {
		return false
	}
	_, ok = openPhrases(b, x.Len())
	return ok
}
