package landscape

import (
	"os"
	"regexp"
	"testing"
)

// Every list the code names is a section of words.txt, holds words, and
// none is there unread.
func TestWordListsAreThere(t *testing.T) {
	named := map[string]bool{}
	entries, _ := os.ReadDir(".")
	for _, e := range entries {
		if b, err := os.ReadFile(e.Name()); err == nil && regexp.MustCompile(`\.go$`).MatchString(e.Name()) {
			for _, m := range regexp.MustCompile(`listed\("(\w+)"\)`).FindAllStringSubmatch(string(b), -1) {
				named[m[1]] = true
			}
		}
	}
	lists := map[string][]string{}
	for _, m := range regexp.MustCompile(`(?m)^\[(\w+)\]$`).FindAllStringSubmatch(wordsFile, -1) {
		lists[m[1]] = section(m[1])
	}
	if len(named) < 20 {
		t.Fatalf("only %d lists named in the code", len(named))
	}
	for name := range named {
		if len(lists[name]) == 0 {
			t.Errorf("words.txt has no words for [%s]", name)
		}
	}
	for name := range lists {
		if !named[name] {
			t.Errorf("words.txt has [%s], which no code reads", name)
		}
	}
	if !stopWords.has("the") || !commonWords.has("harbor") || !qualifiers.has("end user") {
		t.Error("the lists do not read as their words")
	}
}
