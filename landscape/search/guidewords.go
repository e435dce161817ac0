package search

import (
	"slices"
	"strings"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/scan"
)

// maxNamesPerSentence: a sentence that names more projects is a list, which
// says nothing of each (and a hostile guide's sentence naming thousands
// would cost the update time for nothing).
const maxNamesPerSentence = 8

// maxSentence: a longer "sentence" is a page without a full stop, or a
// hostile one; it stands for no item's summary.
const maxSentence = 4 << 10

// guideEvidence is what the guide says, per item.
type guideEvidence struct {
	keywords  [][]string // of the subcategories it is listed in
	sentences [][]string // the words of the sentences that name it
	named     []bool     // whether any sentence names it
	// alone is the first sentence of its own place that names it and no
	// other project, shared the first of those naming fewest others: what
	// the guide says it is (see Item.About).
	alone, shared []string
}

// guideWords returns what the guide says about each item; nil when the
// landscape has no guide. places lists each item's (category, subcategory)
// pairs; sc is a scanner of the name model, which the scan leaves unused.
func guideWords(x *landscape.Index, places [][][2]string, sc *scan.Scanner) *guideEvidence {
	g := x.Options().Guide
	if g == nil {
		return nil
	}
	n := x.Len()
	ev := &guideEvidence{keywords: make([][]string, n), sentences: make([][]string, n), named: make([]bool, n),
		alone: make([]string, n), shared: make([]string, n)}
	sharedBy := make([]int, n) // how many projects the sentence in shared names
	// Keywords of each place, matched as paths are.
	keywords := map[[2]string][]string{}
	for _, c := range g.Categories {
		for _, s := range c.Subcategories {
			k := [2]string{landscape.LoosePath(c.Name), landscape.LoosePath(s.Name)}
			keywords[k] = append(keywords[k], s.Keywords...)
		}
	}
	for i, pls := range places {
		for _, pl := range pls {
			for _, kw := range keywords[[2]string{landscape.LoosePath(pl[0]), landscape.LoosePath(pl[1])}] {
				ev.keywords[i] = append(ev.keywords[i], lexicon.Words(kw)...)
			}
		}
	}

	// The sentences, one per line, so that the scanner's line numbers say
	// which sentence named what; each remembers the section it is from.
	var sentences []guideSentence
	var text strings.Builder
	add := func(content, category, sub string) {
		for _, s := range guideSentences(content) {
			if len(s) > maxSentence {
				continue // a page without a full stop says nothing of one project
			}
			sentences = append(sentences, guideSentence{s, landscape.LoosePath(category), sub})
			text.WriteString(s)
			text.WriteByte('\n')
		}
	}
	for _, c := range g.Categories {
		add(c.Content, c.Name, "")
		for _, s := range c.Subcategories {
			add(s.Content, c.Name, landscape.LoosePath(s.Name))
		}
	}
	if sc.Scan("guide", strings.NewReader(text.String())) != nil {
		return ev
	}
	found := append(sc.Found(), shortNames(x, sentences)...)
	listings := qualifiedListings(x)
	// The names each sentence holds: a sentence that names several
	// projects ("Falco, Notary/TUF, and OPA are CNCF projects") says
	// what they are, not that each is called by the others' names.
	namesIn := map[int][]string{}
	projectsIn := map[int]map[int]bool{}
	for _, f := range found {
		for _, m := range f.Mentions {
			namesIn[m.Line] = append(namesIn[m.Line], m.Matched)
			if projectsIn[m.Line] == nil {
				projectsIn[m.Line] = map[int]bool{}
			}
			projectsIn[m.Line][f.Index] = true
		}
	}
	for _, f := range found {
		for _, m := range f.Mentions {
			if len(namesIn[m.Line]) > maxNamesPerSentence {
				continue
			}
			s := sentences[m.Line-1]
			words := sentenceWithout(s.text, namesIn[m.Line], m.Matched)
			// The scanner names a project by its main listing; the
			// sentence counts for whichever listing is in the section's
			// place, so that "Tools like Helm" in the registry text says
			// nothing about Helm.
			base, _, _ := lexicon.SplitName(x.Summary(f.Index).Name)
			for _, i := range append([]int{f.Index}, listings[strings.ToLower(base)]...) {
				if listedIn(places[i], s.category, s.sub) {
					ev.sentences[i] = append(ev.sentences[i], words...)
					ev.named[i] = true
					switch others := len(projectsIn[m.Line]); {
					case !namedBy(x.Summary(i).Name, m.Matched) || !saysWhat(s.text, m.Matched):
						// Only a sentence that names the item by its
						// name says what it is: a repository's name
						// ("api-gateway") may be a common phrase.
						// "Examples include Falco or OPA." names
						// them and says nothing of what they are.
					case others == 1 && ev.alone[i] == "":
						// Only as its subject: "Trivy, Claire, and Notary,
						// for example, are leveraged by registries" says
						// what registries do, not what Notary is.
						if text := introducing(lexicon.StripMarks(s.text), m.Matched, x.Summary(i).Name); isSubject(text, m.Matched) {
							ev.alone[i] = lexicon.Shorten(text)
						}
					case others > 1 && others <= 2 && (ev.shared[i] == "" || others < sharedBy[i]):
						if text := lexicon.PlainSentence(s.text); isSubject(text, m.Matched) {
							ev.shared[i], sharedBy[i] = text, others
						}
					}
				}
			}
		}
	}
	return ev
}

// guideSentence is a sentence of the guide, with the section it is from.
type guideSentence struct {
	text          string
	category, sub string // loose paths; sub "" for a category's text
}

// shortNames finds, in the sentences of a subcategory's text, the items
// of that subcategory named by the first word of their name alone ("such
// as Kata which allows you to run containers as VMs" in Container Runtime
// names Kata Containers). The scanner, which reads any text, never takes a
// part of a name; here the place says which item is meant. The word must
// be capitalised, not an English word, and the first word of no other
// item of the place. Items the scanner found in the sentence are not
// found again.
func shortNames(x *landscape.Index, sentences []guideSentence) []scan.Found {
	type place struct{ cat, sub string }
	byFirst := map[place]map[string][]int{}
	for _, c := range x.Categories {
		for _, sc := range c.Subcategories {
			p := place{landscape.LoosePath(c.Name), landscape.LoosePath(sc.Name)}
			for _, i := range sc.Items {
				base, _, qualified := lexicon.SplitName(x.Summary(i).Name)
				ws := strings.Fields(base)
				if qualified || len(ws) < 2 {
					continue
				}
				if byFirst[p] == nil {
					byFirst[p] = map[string][]int{}
				}
				first := ws[0]
				if !slices.Contains(byFirst[p][first], i) {
					byFirst[p][first] = append(byFirst[p][first], i)
				}
			}
		}
	}
	var out []scan.Found
	for line, s := range sentences {
		words := byFirst[place{s.category, s.sub}]
		if s.sub == "" || words == nil {
			continue
		}
		seen := map[string]bool{}
		for _, w := range scan.Tokenize(s.text) {
			items := words[w]
			low := strings.ToLower(w)
			if len(items) != 1 || seen[w] || len(w) < 3 || scan.CommonWords.Has(low) || scan.ScanStopWords.Has(low) || scan.GenericWords.Has(low) ||
				w[0] < 'A' || w[0] > 'Z' {
				continue
			}
			// The whole name in the sentence is the scanner's to find.
			if strings.Contains(s.text, x.Summary(items[0]).Name) {
				continue
			}
			seen[w] = true
			out = append(out, scan.Found{Index: items[0], Mentions: []scan.Mention{{Source: "guide", Line: line + 1, Text: s.text, Matched: w}}})
		}
	}
	return out
}

// namedBy reports whether matched is the item's name (or its base name,
// acronym, or the first word of it), not another way of writing it.
func namedBy(name, matched string) bool {
	base, paren, _ := lexicon.SplitName(name)
	m := lexicon.NormName(matched)
	return m == lexicon.NormName(base) || m == lexicon.NormName(paren) || m == lexicon.NormName(name) ||
		!strings.Contains(m, " ") && m == lexicon.NormName(strings.Fields(base + " ")[0])
}

// saysWhat reports whether a sentence says something of the name it
// holds: it begins with the name, or goes on for a few words after it.
func saysWhat(sentence, name string) bool {
	if strings.HasPrefix(strings.TrimLeft(lexicon.StripMarks(sentence), " "), name) {
		return true
	}
	at := strings.LastIndex(sentence, name)
	if at < 0 || strings.Count(sentence[:at], "(") > strings.Count(sentence[:at], ")") {
		return false // an example in an aside: "(e.g. MongoDB, CockroachDB)"
	}
	return len(lexicon.Words(sentence[at+len(name):])) >= 3
}

// isSubject reports whether a sentence is about name: it opens with it
// ("The" aside), and name alone, not one of a list ("Chaos Mesh and Litmus
// Chaos are two CNCF tools in this space").
func isSubject(sentence, name string) bool {
	s := strings.TrimLeft(sentence, " ")
	for _, article := range []string{"The ", "the "} {
		s = strings.TrimPrefix(s, article)
	}
	if !strings.HasPrefix(strings.ToLower(s), strings.ToLower(name)) {
		return false
	}
	rest := strings.TrimLeft(s[len(name):], " ")
	next := strings.ToLower(strings.Fields(rest + " ")[0])
	return rest != "" && !strings.HasPrefix(rest, ",") && !strings.HasPrefix(rest, "/") && next != "and" && next != "or" && next != "&"
}

// introducing cuts a sentence that introduces a project in passing ("Others
// aim at … such as gVisor which provides an additional security layer
// …") to the part that says what it is, as a sentence with the project's
// name for subject ("gVisor provides an additional security layer …";
// "such as Kata which allows you…": "Kata Containers allows you…").
func introducing(sentence, name, full string) string {
	at := strings.Index(sentence, name)
	if at <= 0 {
		return sentence
	}
	before := strings.ToLower(strings.TrimRight(sentence[:at], " "))
	after := sentence[at+len(name):]
	intro := false
	for _, p := range []string{"such as", "like", "e.g.", "including", "for example,", "for instance,"} {
		intro = intro || strings.HasSuffix(before, " "+p) || before == p
	}
	says := false
	for _, p := range []string{" which ", ", which ", " that ", ", a ", ", an ", " is ", " provides "} {
		says = says || strings.HasPrefix(after, p)
	}
	if !intro || !says {
		return sentence
	}
	for _, relative := range []string{" which ", ", which ", " that "} {
		if rest, ok := strings.CutPrefix(after, relative); ok {
			if base, _, _ := lexicon.SplitName(full); strings.HasPrefix(strings.ToLower(base), strings.ToLower(name)) {
				name = base // the short name the guide used stands for the item's own
			}
			return name + " " + rest
		}
	}
	return name + after
}

// sentenceWithout returns the words of a sentence less those of the names
// it holds other than own.
func sentenceWithout(sentence string, names []string, own string) []string {
	drop := map[string]int{}
	for _, n := range names {
		if n == own {
			continue
		}
		for _, w := range lexicon.Words(n) {
			drop[w]++
		}
	}
	var out []string
	for _, w := range lexicon.Words(sentence) {
		if drop[w] > 0 {
			drop[w]--
			continue
		}
		out = append(out, w)
	}
	return out
}

// qualifiedListings maps a base name, in lower case, to the items listed
// under it with a qualifier ("X (Wasm)", "X (member)"): the scanner names
// them all by the plain project.
func qualifiedListings(x *landscape.Index) map[string][]int {
	out := map[string][]int{}
	for j := range x.Len() {
		if b, _, q := lexicon.SplitName(x.Summary(j).Name); q {
			out[strings.ToLower(b)] = append(out[strings.ToLower(b)], j)
		}
	}
	return out
}

// listedIn reports whether an item listed at places is in the category
// (loose path) and, when sub is not empty, in that subcategory.
func listedIn(places [][2]string, category, sub string) bool {
	for _, pl := range places {
		if landscape.LoosePath(pl[0]) == category && (sub == "" || landscape.LoosePath(pl[1]) == sub) {
			return true
		}
	}
	return false
}

// guideSentences splits a guide text in Markdown into sentences of prose:
// paragraphs and list items, each on one line, cut at full stops; headings
// and code are passed over, quotes read as prose, and links keep only
// their text.
func guideSentences(markdown string) []string {
	var out []string
	var read func(blocks []landscape.MarkdownBlock, quoted bool)
	read = func(blocks []landscape.MarkdownBlock, quoted bool) {
		for _, b := range blocks {
			switch b.Kind {
			case landscape.ParagraphBlock, landscape.ListItemBlock:
				for _, s := range lexicon.SplitSentences(lexicon.LinkText(b.Text())) {
					if s = strings.TrimSpace(s); s != "" {
						out = append(out, s)
					}
				}
			case landscape.QuoteBlock:
				if quoted {
					continue // flattened below: one level of reading
				}
				// Every level of a quote at once, so that no depth of
				// ">" costs more than one more pass.
				inner := make([]string, len(b.Lines))
				for i, l := range b.Lines {
					inner[i] = strings.TrimLeft(l, "> ")
				}
				read(landscape.MarkdownBlocks(strings.Join(inner, "\n")), true)
			}
		}
	}
	read(landscape.MarkdownBlocks(markdown), false)
	return out
}
