package lexicon

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every list the landscape's code names is a section of words.txt, holds
// Words, and none is there unread.
func TestWordListsAreThere(t *testing.T) {
	named := map[string]bool{}
	call := regexp.MustCompile(`Listed\("(\w+)"\)`)
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		b, err := os.ReadFile(p)
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			named[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
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
	if !Listed("stopWords").Has("the") || !Listed("commonWords").Has("harbor") || !Qualifiers.Has("end user") {
		t.Error("the lists do not read as their words")
	}
}
