package landscape

import (
	_ "embed"
	"strings"
	"sync"
)

var commonWords = listed("commonWords") // see words.txt

// wordSet is a set of words, made into a map on first use: most commands
// read none of them (scan, and search's stop words and head nouns, do), and
// building them at start-up cost every command.
type wordSet struct {
	words []string
	set   func() map[string]bool
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

// listed is the word set of section name of words.txt, read on first use.
// Not inlined: twenty package variables call it, and each inlined copy
// was init code in the binary.
//
//go:noinline
func listed(name string) *wordSet {
	w := &wordSet{}
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

func setOf(words ...string) *wordSet {
	w := &wordSet{words: words}
	w.set = sync.OnceValue(func() map[string]bool {
		m := make(map[string]bool, len(w.words))
		for _, s := range w.words {
			m[s] = true
		}
		return m
	})
	return w
}

// has reports whether s is in the set.
func (w *wordSet) has(s string) bool { return w.set()[s] }

// Squash folds every run of white space (line breaks included) into one
// space and trims both ends: text meant for one line.
func Squash(s string) string { return strings.Join(strings.Fields(s), " ") }
