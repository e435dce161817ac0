package scan

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

var everydayConcepts = lexicon.Listed("everydayConcepts")

var softwareWords = lexicon.Listed("softwareWords")

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
	title    string // its term's
	stems    []string
	words    []string // as written, lower case: a word matches in its own forms only
	acronym  string   // the acronym as written ("VM", "mTLS"), for acronym names
	everyday bool
	// system: a word of one system's vocabulary (Kubernetes' "label",
	// "PVC"), a concept only on a line about software.
	system bool
}

// ConceptFinder finds the glossary's terms in texts, line by line.
type ConceptFinder struct {
	byFirst map[string][]conceptName
	found   firstFound[string, Concept]
}

// NewConceptFinder prepares to find the terms of a glossary, and of the
// glossaries of one system's own words after it (the Kubernetes
// glossary): a name the first already has is its term's, and the others'
// terms count only on a line about software.
func NewConceptFinder(terms []landscape.GlossaryEntry, systems ...[]landscape.GlossaryEntry) *ConceptFinder {
	n := len(terms)
	for _, sys := range systems {
		n += len(sys)
	}
	c := &ConceptFinder{byFirst: make(map[string][]conceptName, 2*n)}
	for gi, g := range append([][]landscape.GlossaryEntry{terms}, systems...) {
		for _, t := range g {
			if t.Sort == landscape.TermPeople || t.Sort == landscape.TermVerb {
				continue // "developer", "watch": in a text, anyone's, anything's
			}
			title := "" // normName(t.Title), when needed
			for _, k := range t.Keys {
				ws := keyWords(k)
				if len(ws) == 0 {
					continue
				}
				acronym := len(ws) == 1 && lexicon.IsAcronymish(k)
				if gi > 0 && len(ws) == 1 && !acronym && !strings.EqualFold(k, t.Title) {
					if title == "" {
						title = lexicon.NormName(t.Title)
					}
					if lexicon.NormName(k) != title {
						continue // "Resource" for API resource: in a text, any resource
					}
				}
				n := conceptName{slug: t.Slug, title: t.Title, words: ws, system: gi > 0, stems: make([]string, len(ws))}
				for i, w := range ws {
					n.stems[i] = lexicon.Stem(w)
				}
				if gi > 0 && slices.ContainsFunc(c.byFirst[n.stems[0]], func(m conceptName) bool { return !m.system && slices.Equal(m.stems, n.stems) }) {
					continue // the first glossary's name
				}
				if acronym {
					n.acronym = k
				}
				n.everyday = len(ws) == 1 && everydayConcepts.Has(ws[0])
				c.byFirst[n.stems[0]] = append(c.byFirst[n.stems[0]], n)
			}
		}
		if gi > 0 {
			continue
		}
		// The field's names for a concept that is also a project ("k8s"
		// is Kubernetes): the alias names the concept too.
		for alias, item := range lexicon.FieldJargon().Names {
			if strings.Contains(alias, " ") {
				continue
			}
			for _, t := range terms {
				if strings.EqualFold(t.Title, item) {
					n := conceptName{slug: t.Slug, title: t.Title, stems: []string{lexicon.Stem(alias)}, words: []string{alias}}
					c.byFirst[n.stems[0]] = append(c.byFirst[n.stems[0]], n)
				}
			}
		}
	}
	return c
}

// keyWords is Words(k), without its work for the names most keys are:
// lower-case ASCII words ("label", "admission controller").
func keyWords(k string) []string {
	for i := 0; i < len(k); i++ {
		if c := k[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != ' ' {
			return lexicon.Words(k)
		}
	}
	return strings.Fields(k)
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
		c.line(source, l, lineTokens(l.text), described)
	}
}

// about is what a line is known to be about before its concepts are read.
type about uint8

const (
	aboutNothing about = iota // a learner's line: its words say
	namesProject              // it names a project: it is about software
	described                 // a text that describes software: a card, a guide
)

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

// Line records the terms one line mentions, the scanner having cut it into
// toks. context tells that the line is about software for other reasons (a
// project named on it).
func (c *ConceptFinder) line(source string, l textLine, toks []token, context about) {
	line := l.text
	stems := make([]string, len(toks))
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = strings.ToLower(t.text)
		stems[i] = lexicon.Stem(lower[i])
	}
	type hit struct {
		name       *conceptName // the finder's own: a hit is small
		written    string
		start, end int
	}
	var hits []hit
	software := context != aboutNothing
	for i := 0; i < len(toks); i++ {
		if softwareWords.Has(lower[i]) {
			software = true
		}
		// The longest name of the first glossary here, and the longest of
		// a system's: "container runtime" is Kubernetes' term beside the
		// CNCF's "container" and "runtime".
		best, sys := -1, -1
		for k, name := range c.byFirst[stems[i]] {
			if i+len(name.stems) > len(toks) || !equalAt(stems[i:], name.stems) || !closeTogether(line, toks[i:i+len(name.stems)]) {
				continue
			}
			if !slices.EqualFunc(lower[i:i+len(name.words)], name.words, sameWordForm) {
				continue
			}
			at := &best
			if name.system {
				at = &sys
			}
			if *at < 0 || len(name.stems) > len(c.byFirst[stems[i]][*at].stems) {
				*at = k
			}
		}
		names := c.byFirst[stems[i]]
		if sys >= 0 && best >= 0 && len(names[sys].stems) <= len(names[best].stems) {
			sys = -1 // the first glossary's own name for it
		}
		if best < 0 && sys < 0 {
			// An acronym in the plural: "VMs".
			if w := toks[i].text; len(w) > 2 && strings.HasSuffix(w, "s") {
				names := c.byFirst[lexicon.Stem(strings.ToLower(w[:len(w)-1]))]
				for k := range names {
					if name := &names[k]; name.acronym != "" && len(name.stems) == 1 && strings.EqualFold(w[:len(w)-1], name.acronym) {
						hits = append(hits, hit{name, w, toks[i].start, toks[i].end})
					}
				}
			}
			continue
		}
		step := 0
		for _, k := range []int{best, sys} {
			if k < 0 {
				continue
			}
			name := &names[k]
			last := toks[i+len(name.stems)-1]
			hits = append(hits, hit{name, line[toks[i].start:last.end], toks[i].start, last.end})
			if step == 0 {
				step = len(name.stems)
			}
		}
		i += step - 1
	}
	// Kubernetes' words that are also English ("label", "pod",
	// "service"): one may be English, three on a line are Kubernetes'.
	plain := map[string]bool{}
	system := false
	for _, h := range hits {
		oneWord := h.name.system && len(h.name.stems) == 1 && !innerCapital(h.written)
		switch {
		case h.name.acronym != "":
		case oneWord || h.name.everyday:
			plain[h.name.slug] = true
			system = system || h.name.system
		default:
			software = true // "virtualization", "admission controller", "StatefulSet"
		}
	}
	kubernetes := system && len(plain) >= 3
	software = software || kubernetes
	cols := columns{line: line}
	for _, h := range hits {
		switch {
		case h.name.acronym != "":
			// Written as an acronym, with its capitals: "VM", "IaC".
			if capitals(h.written) < 2 || (len(h.name.acronym) <= 2 || h.name.system) && !software {
				continue
			}
		case h.name.system && len(h.name.stems) == 1 && context == described && !kubernetes:
			continue // a project's or a guide's "image", "applications": their own words
		case (h.name.everyday || h.name.system) && !software:
			continue
		}
		c.record(h.name, func() Mention { return l.mention(source, &cols, h.start, h.end) })
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

// innerCapital reports whether a word is written in camel case
// ("StatefulSet", "ConfigMap"), not in capitals: a Kubernetes kind's name.
func innerCapital(w string) bool {
	return capitals(w) > 0 && capitals(w) < utf8.RuneCountInString(w)-1 && strings.IndexFunc(w[1:], unicode.IsUpper) >= 0
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

func (c *ConceptFinder) record(name *conceptName, m func() Mention) {
	f := c.found.get(name.slug, func() *Concept { return &Concept{Slug: name.slug, Title: name.title} })
	f.Count++
	if len(f.Mentions) < KeptMentions {
		f.Mentions = append(f.Mentions, m())
	}
}

// Found returns the terms mentioned so far, in the order first mentioned.
func (c *ConceptFinder) Found() []Concept { return c.found.all() }
