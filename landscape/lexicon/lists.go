package lexicon

import (
	_ "embed"
	"strings"
	"sync"
)

// WordSet is a set of words, made into a map on first use: most commands
// read none of them (scan, and search's stop words and head nouns, do), and
// building them at start-up cost every command.
type WordSet struct {
	words []string
	set   func() map[string]bool
}

// Set is the words as a map, built on first use; read only.
func (w *WordSet) Set() map[string]bool { return w.set() }

// LazySet is the set of words build gives, built on first use.
func LazySet(build func() map[string]bool) *WordSet {
	return &WordSet{set: sync.OnceValue(build)}
}

//go:embed words.txt
var wordsFile string

// section is the words of section name of words.txt, read only when a
// list is first used (a search reads two of the twenty), or nil.
func section(name string) []string {
	head := "\n[" + name + "]\n"
	i := strings.Index(wordsFile, head)
	if i < 0 {
		return nil
	}
	body := wordsFile[i+len(head):]
	if end := strings.Index(body, "\n\n"); end >= 0 {
		body = body[:end]
	}
	words := []string{}
	for w := range strings.SplitSeq(strings.ReplaceAll(body, "\n", ","), ",") {
		if w = strings.TrimSpace(w); w != "" {
			words = append(words, w)
		}
	}
	return words
}

// Listed is the word set of section name of words.txt, read on first use.
// Not inlined: twenty package variables call it, and each inlined copy
// was init code in the binary.
//
//go:noinline
func Listed(name string) *WordSet {
	w := &WordSet{}
	w.set = sync.OnceValue(func() map[string]bool {
		words := section(name)
		if words == nil {
			panic("landscape: words.txt has no [" + name + "]")
		}
		m := make(map[string]bool, len(words))
		for _, s := range words {
			m[s] = true
		}
		return m
	})
	return w
}

// Has reports whether s is in the set.
func (w *WordSet) Has(s string) bool { return w.Set()[s] }

// SetOf is a set of these words, made into a map on first use.
func SetOf(words ...string) *WordSet {
	w := &WordSet{words: words}
	w.set = sync.OnceValue(func() map[string]bool {
		m := make(map[string]bool, len(w.words))
		for _, s := range w.words {
			m[s] = true
		}
		return m
	})
	return w
}
