package landscape

import (
	"slices"
	"strings"
	"unicode"
)

// Concepts in a text: which of the glossary's terms a learner's notes
// discuss ("containers vs VMs", "immutable infrastructure"), so that scan
// can make them a study sheet. A concept matches by its names as whole
// words, singular or plural. Acronyms count only written as acronyms ("VM",
// not "vm" in a word list), and the terms that are also everyday words
// ("container", "host", "service", "cluster") only on a line that is about
// software: one with a cloud-native word, another concept or a project.

var everydayConcepts = listed("everydayConcepts") // see words.txt

var softwareWords = listed("softwareWords") // see words.txt

// Concept is a term of the glossary that texts mention.
type Concept struct {
	Slug     string
	Title    string
	Mentions []Mention // the first KeptMentions
	Count    int       // every mention
}

// conceptName is one way of writing a term, as stemmed words.
type conceptName struct {
	slug     string
	stems    []string
	words    []string // as written, lower case: a word matches in its own forms only
	acronym  string   // the acronym as written ("VM", "mTLS"), for acronym names
	everyday bool
}

// ConceptFinder finds the glossary's terms in texts, line by line.
type ConceptFinder struct {
	byFirst map[string][]conceptName
	titles  map[string]string
	found   firstFound[string, Concept]
}

// NewConceptFinder prepares to find the terms of g.
func NewConceptFinder(g *Glossary) *ConceptFinder {
	c := &ConceptFinder{byFirst: map[string][]conceptName{}, titles: map[string]string{}}
	for _, t := range g.Terms {
		c.titles[t.Slug] = t.Title
		for _, k := range t.Keys {
			ws := Words(k)
			if len(ws) == 0 {
				continue
			}
			n := conceptName{slug: t.Slug, words: ws}
			for _, w := range ws {
				n.stems = append(n.stems, Stem(w))
			}
			if len(ws) == 1 && isAcronymish(k) {
				n.acronym = k
			}
			n.everyday = len(ws) == 1 && everydayConcepts.has(ws[0])
			c.byFirst[n.stems[0]] = append(c.byFirst[n.stems[0]], n)
		}
	}
	// The field's names for a concept that is also a project ("k8s" is
	// Kubernetes): the alias names the concept too.
	for alias, item := range loadJargon().names {
		for _, t := range g.Terms {
			if strings.EqualFold(t.Title, item) && !strings.Contains(alias, " ") {
				n := conceptName{slug: t.Slug, stems: []string{Stem(alias)}, words: []string{alias}}
				c.byFirst[n.stems[0]] = append(c.byFirst[n.stems[0]], n)
			}
		}
	}
	return c
}

// AboutSoftware finds the terms a text known to be about software
// discusses (an item's own description, a guide's section): its everyday
// terms ("container", "runtime") need no other word to vouch for them.
func (c *ConceptFinder) AboutSoftware(source, text string) {
	lr := newLineReader(strings.NewReader(text))
	for {
		l, err := lr.next()
		if err != nil {
			return
		}
		c.line(source, l, lineTokens(l.text), true)
	}
}

// sameWordForm reports whether a written word is a form of a name's word:
// itself, or its singular or plural ("containers", "proxies"), never
// another word with the same stem ("hosted" is not "host").
func sameWordForm(written, word string) bool {
	if written == word {
		return true
	}
	for _, w := range [][2]string{{written, word}, {word, written}} {
		plural, single := w[0], w[1]
		if plural == single+"s" || plural == single+"es" || strings.HasSuffix(single, "y") && plural == single[:len(single)-1]+"ies" {
			return true
		}
	}
	return false
}

// line records the terms one line mentions, the scanner having cut it into
// toks. context tells that the line is about software for other reasons (a
// project named on it).
func (c *ConceptFinder) line(source string, l textLine, toks []token, context bool) {
	line := l.text
	stems := make([]string, len(toks))
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = strings.ToLower(t.text)
		stems[i] = Stem(lower[i])
	}
	type hit struct {
		name       *conceptName // the finder's own: a hit is small
		written    string
		start, end int
	}
	var hits []hit
	software := context
	for i := 0; i < len(toks); i++ {
		if softwareWords.has(lower[i]) {
			software = true
		}
		best := -1
		for k, name := range c.byFirst[stems[i]] {
			if i+len(name.stems) > len(toks) || !equalAt(stems[i:], name.stems) || !closeTogether(line, toks[i:i+len(name.stems)]) {
				continue
			}
			if !slices.EqualFunc(lower[i:i+len(name.words)], name.words, sameWordForm) {
				continue
			}
			if best < 0 || len(name.stems) > len(c.byFirst[stems[i]][best].stems) {
				best = k
			}
		}
		if best < 0 {
			// An acronym in the plural: "VMs".
			if w := toks[i].text; len(w) > 2 && strings.HasSuffix(w, "s") {
				names := c.byFirst[Stem(strings.ToLower(w[:len(w)-1]))]
				for k := range names {
					if name := &names[k]; name.acronym != "" && len(name.stems) == 1 && strings.EqualFold(w[:len(w)-1], name.acronym) {
						hits = append(hits, hit{name, w, toks[i].start, toks[i].end})
					}
				}
			}
			continue
		}
		name := &c.byFirst[stems[i]][best]
		last := toks[i+len(name.stems)-1]
		hits = append(hits, hit{name, line[toks[i].start:last.end], toks[i].start, last.end})
		i += len(name.stems) - 1
	}
	for _, h := range hits {
		if !h.name.everyday && h.name.acronym == "" {
			software = true // "virtualization", "service mesh"
		}
	}
	cols := columns{line: line}
	for _, h := range hits {
		switch {
		case h.name.acronym != "":
			// Written as an acronym, with its capitals: "VM", "IaC".
			if capitals(h.written) < 2 || len(h.name.acronym) <= 2 && !software {
				continue
			}
		case h.name.everyday && !software:
			continue
		}
		c.record(h.name.slug, func() Mention { return l.mention(source, &cols, h.start, h.end) })
	}
}

func equalAt(text, want []string) bool {
	for i, w := range want {
		if text[i] != w {
			return false
		}
	}
	return true
}

func capitals(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

func (c *ConceptFinder) record(slug string, m func() Mention) {
	f := c.found.get(slug, func() *Concept { return &Concept{Slug: slug, Title: c.titles[slug]} })
	f.Count++
	if len(f.Mentions) < KeptMentions {
		f.Mentions = append(f.Mentions, m())
	}
}

// Found returns the terms mentioned so far, in the order first mentioned.
func (c *ConceptFinder) Found() []Concept { return c.found.all() }
