package landscape

// WordSet is a 128-bit Bloom filter of the words of a text, so that search
// can pass over a description that cannot hold a query word without reading
// it. A word is a run of bytes that textScore takes as one (ASCII letters and
// digits, any byte of a multi-byte rune), keyed by its first three bytes with
// ASCII folded to lower case: whatever textScore accepts for a word t, whole
// or as a prefix, begins with those three bytes of t.
//
// The zero WordSet holds no bits and is read as "not known": MayHold
// answers true.
type WordSet [2]uint64

// WordsOf returns the WordSet of text.
func WordsOf(text string) WordSet {
	var w WordSet
	for i := 0; i < len(text); {
		if !isWordByte(lowerASCII(text[i])) {
			i++
			continue
		}
		j := i
		for j < len(text) && isWordByte(lowerASCII(text[j])) {
			j++
		}
		w.add(text[i:min(j, i+3)])
		i = j
	}
	return w
}

// MayHold reports whether the text may hold the lower-case word t, whole
// or as the start of a longer word. False is certain; true may be wrong.
func (w WordSet) MayHold(t string) bool {
	if w == (WordSet{}) || t == "" || !isASCII(t) {
		return true
	}
	a, b := wordBits(t[:min(len(t), 3)])
	return w[a>>6]&(1<<(a&63)) != 0 && w[b>>6]&(1<<(b&63)) != 0
}

func (w *WordSet) add(key string) {
	a, b := wordBits(key)
	w[a>>6] |= 1 << (a & 63)
	w[b>>6] |= 1 << (b & 63)
}

// wordBits hashes a key (FNV-1a over its ASCII-folded bytes) to two bit
// positions: two bits per key keep false positives near one in ten for a
// description of 25 words.
func wordBits(key string) (uint, uint) {
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint32(lowerASCII(key[i]))) * 16777619
	}
	return uint(h & 127), uint(h>>7) & 127
}
