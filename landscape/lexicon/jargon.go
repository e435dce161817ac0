package lexicon

import (
	_ "embed"
	"maps"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed jargon.txt
var jargonText string

// Jargon is Jargon.txt, parsed.
type Jargon struct {
	Names map[string]string     // NormName(alias) → item name; read only
	terms map[string][][]string // query word → the phrases it stands for
	stems map[string]string     // Stem(query word) → query word: "virtualisation" is "virtualization"
}

// Meanings are the phrases a query word stands for, if any: the word's
// own entry, or that of a word with its stem.
func (j *Jargon) Meanings(w string) [][]string {
	if m, ok := j.terms[w]; ok {
		return m
	}
	if same, ok := j.stems[Stem(w)]; ok {
		return append([][]string{{same}}, j.terms[same]...)
	}
	return nil
}

// FieldJargon is jargon.txt, read once.
func FieldJargon() *Jargon { return jargonOnce() }

var jargonOnce = sync.OnceValue(func() *Jargon {
	j := &Jargon{Names: map[string]string{}, terms: map[string][][]string{}, stems: map[string]string{}}
	for _, line := range strings.Split(jargonText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		left, right, ok := strings.Cut(line, " = ")
		if !ok {
			continue
		}
		if w, ok := strings.CutPrefix(left, "term "); ok {
			w = strings.TrimSpace(w)
			for _, phrase := range strings.Split(right, "|") {
				j.terms[w] = append(j.terms[w], Words(phrase))
			}
			j.stems[Stem(w)] = w
			continue
		}
		j.Names[NormName(left)] = strings.TrimSpace(right)
	}
	return j
})

// NearMeanings are the meanings of the jargon word a typo away from w, if
// one is: "hypervisior" means what hypervisor means.
func (j *Jargon) NearMeanings(w string) [][]string {
	limit := TypoLimit(w)
	if limit == 0 {
		return nil
	}
	best := ""
	for k := range j.terms {
		// The first in order of the words that are near: the same every run.
		if (best == "" || k < best) && EditDistance(w, k, limit) <= limit {
			best = k
		}
	}
	return j.terms[best]
}

// JargonMaps returns the field's jargon that cnl knows (jargon.txt): aliases,
// by the item name they stand for, and query words with the phrases they
// stand for, the word's usual meaning first.
func JargonMaps() (aliases map[string]string, terms map[string][][]string) {
	j := FieldJargon()
	return maps.Clone(j.Names), maps.Clone(j.terms)
}

// TypoLimit is how many edits a word may be from what it means: none under
// five letters (too many short words are an edit apart), one, or two from
// ten letters on.
func TypoLimit(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n >= 10:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}
