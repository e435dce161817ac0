package landscape

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/search"
)

// The CNCF Cloud Native Glossary (glossary.cncf.io, CC BY 4.0): what the
// field's concepts are — a container, a virtual machine, a service mesh —
// in the words of the people who wrote the landscape. A page is a Hugo
// Markdown file, content/<lang>/<term>.md: front matter with a title, a
// definition, then "## Problem it addresses" and "## How it helps".

// GlossaryTerm is one page of the glossary, in one language.
type GlossaryTerm struct {
	// Slug names the term in every language: the English page's file
	// name ("virtual-machine"). A translation whose page has no English
	// counterpart keeps its own.
	Slug     string   `json:"slug"`
	Lang     string   `json:"lang"`
	Title    string   `json:"title"`
	Source   string   `json:"source,omitempty"` // KubernetesGlossary, or "" for the CNCF glossary
	Category string   `json:"category,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	// Body is the page's Markdown, front matter and Hugo shortcodes gone,
	// links as written (see Markdown).
	Body string `json:"-"`
}

// GlossaryURL is where the glossary lives on the web.
const GlossaryURL = "https://glossary.cncf.io"

// URL is the term's page on glossary.cncf.io.
func (t GlossaryTerm) URL() string {
	if id := t.KubernetesID(); id != "" {
		return KubernetesGlossaryURL + "?all=true#term-" + id
	}
	if t.Lang == "" || t.Lang == "en" {
		return GlossaryURL + "/" + t.Slug + "/"
	}
	return GlossaryURL + "/" + t.Lang + "/" + t.Slug + "/"
}

// ParseGlossaryPage reads one page of the glossary. file is the page's file
// name without ".md". It reports false for what is not a term: the site's
// own pages (an _index, a template, search, pages with a layout) and pages
// without text.
func ParseGlossaryPage(lang, file string, page []byte) (GlossaryTerm, bool) {
	if strings.HasPrefix(file, "_") || file == "search" {
		return GlossaryTerm{}, false
	}
	text := strings.ToValidUTF8(string(page), "")
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	front, body := frontMatter(text)
	t := GlossaryTerm{Slug: glossarySlug(file), Lang: lang}
	first := ""
	for _, line := range strings.Split(front, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, value = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)
		if first == "" {
			first = value
		}
		switch key {
		case "title":
			t.Title = unquote(value)
		case "category":
			t.Category = unquote(value)
		case "tags":
			for _, tag := range strings.Split(strings.Trim(value, "[]"), ",") {
				if tag = unquote(strings.TrimSpace(tag)); tag != "" {
					t.Tags = append(t.Tags, tag)
				}
			}
		case "layout":
			return GlossaryTerm{}, false
		}
	}
	if t.Title == "" {
		// A translation may name its keys in its own language
		// ("शीर्षक: …"): the title comes first.
		t.Title = unquote(first)
	}
	t.Body = cleanGlossaryBody(body)
	if t.Title == "" || t.Body == "" {
		return GlossaryTerm{}, false
	}
	t.Title = lexicon.Squash(t.Title)
	return t, true
}

// glossarySlug makes a page's file name a slug: "cloud native apps" (a
// translation's file) is "cloud-native-apps".
func glossarySlug(file string) string {
	return strings.Join(strings.Fields(strings.ToLower(file)), "-")
}

func unquote(s string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), `"'`))
}

// frontMatter splits a page into its front matter and its body.
func frontMatter(text string) (front, body string) {
	t := strings.TrimLeft(text, " \n")
	if !strings.HasPrefix(t, "---") {
		return "", text
	}
	rest := t[3:]
	end := strings.Index(rest, "\n---")
	if end < 0 {
		return "", text
	}
	body = rest[end+4:]
	if nl := strings.IndexByte(body, '\n'); nl >= 0 {
		body = body[nl+1:]
	} else {
		body = ""
	}
	return rest[:end], body
}

// cleanGlossaryBody drops Hugo shortcodes ({{% sign-language-section … %}})
// and control characters, trailing spaces and runs of blank lines.
func cleanGlossaryBody(body string) string {
	for _, delim := range [][2]string{{"{{%", "%}}"}, {"{{<", ">}}"}} {
		for {
			start := strings.Index(body, delim[0])
			if start < 0 {
				break
			}
			end := strings.Index(body[start:], delim[1])
			if end < 0 {
				body = body[:start]
				break
			}
			body = body[:start] + body[start+end+len(delim[1]):]
		}
	}
	var lines []string
	blank := false
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimRightFunc(strings.Map(func(r rune) rune {
			if r < ' ' && r != '\t' || r == 0x7f {
				return -1
			}
			return r
		}, line), unicode.IsSpace)
		if line == "" {
			blank = len(lines) > 0
			continue
		}
		if blank {
			lines = append(lines, "")
			blank = false
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// GlossarySection is a part of a term's page: the definition (Title
// empty), or a section under its heading.
type GlossarySection struct {
	Title    string `json:"title,omitempty"`
	Markdown string `json:"text"`
}

// Sections splits the term's Markdown (see Markdown) at its "## "
// headings.
func (t GlossaryTerm) Sections(md string) []GlossarySection {
	var out []GlossarySection
	cur := GlossarySection{}
	var lines []string
	flush := func() {
		cur.Markdown = strings.TrimSpace(strings.Join(lines, "\n"))
		if cur.Markdown != "" || cur.Title != "" {
			out = append(out, cur)
		}
		lines = nil
	}
	for _, line := range strings.Split(md, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			flush()
			cur = GlossarySection{Title: strings.TrimSpace(h)}
			continue
		}
		lines = append(lines, line)
	}
	flush()
	return out
}

// Markdown is the term's Markdown for reading away from the site: a link
// to another term (a site-relative "/virtualization/", or
// "/es/virtualization/") keeps its text and the term is listed in seeAlso,
// by slug; any other site-relative link becomes a glossary.cncf.io link.
// known tells which slugs are terms.
func (t GlossaryTerm) Markdown(known func(slug string) bool) (md string, seeAlso []string) {
	var b strings.Builder
	s := t.Body
	for {
		open := strings.Index(s, "](/")
		start := strings.LastIndexByte(s[:max(open, 0)], '[')
		end := strings.IndexByte(s[max(open, 0):], ')')
		if open < 0 || end < 0 {
			b.WriteString(s)
			break
		}
		if start < 0 || strings.ContainsRune(s[start:open], '\n') {
			b.WriteString(s[:open+2])
			s = s[open+2:]
			continue
		}
		text, path := s[start+1:open], s[open+2:open+end]
		b.WriteString(s[:start])
		slug := strings.Trim(path, "/")
		if i := strings.IndexByte(slug, '/'); i >= 0 && isGlossaryLang(slug[:i]) {
			slug = slug[i+1:]
		}
		slug = glossarySlug(strings.SplitN(slug, "#", 2)[0])
		if known != nil && known(slug) {
			b.WriteString(text)
			if slug != t.Slug && !slices.Contains(seeAlso, slug) {
				seeAlso = append(seeAlso, slug)
			}
		} else {
			site := GlossaryURL
			if t.Source == KubernetesGlossary {
				site = "https://kubernetes.io"
			}
			b.WriteString("[" + text + "](" + site + path + ")")
		}
		s = s[open+end+1:]
	}
	return b.String(), seeAlso
}

// Definition is the term's first paragraph of prose, on one line.
func (t GlossaryTerm) Definition() string {
	return FirstParagraph(t.Body)
}

// Summary is the term's first sentence, links reduced to their text.
func (t GlossaryTerm) Summary() string {
	def := lexicon.LinkText(t.Definition())
	if def == "" {
		return ""
	}
	return lexicon.Shorten(lexicon.StripMarks(lexicon.SplitSentences(def)[0]))
}

// isGlossaryLang reports whether s names a language of the glossary's
// site paths ("es", "pt-br", "zh-cn").
func isGlossaryLang(s string) bool {
	if len(s) == 2 {
		return s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
	}
	return len(s) == 5 && s[2] == '-'
}

// Glossary is the terms of the glossary that name lookups read: per term,
// its slug, its title and the ways people write it.
type Glossary struct {
	Terms []GlossaryEntry
}

// GlossaryEntry is what lookups know of a term.
type GlossaryEntry struct {
	Slug    string
	Title   string
	Keys    []string // names: "virtual machine", "VM"
	Summary string   // the first sentence
	// Sort says what a Kubernetes term is when it is no kind of tool:
	// TermPeople, TermVerb or TermPart; "" for the others and the CNCF's.
	Sort string
}

// GlossaryKeys are the ways people write a term: its title, its title
// without the acronym in parentheses and the acronym ("Infrastructure as
// Code (IaC)" → "infrastructure as code", "iac"), its slug's words, and an
// acronym its definition gives ("A virtual machine (VM) is …" → "vm").
func GlossaryKeys(t GlossaryTerm) []string {
	var keys []string
	add := func(s string) {
		if k := lexicon.NormName(s); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	// Acronyms keep their case ("VM", "mTLS"): lookups ignore it, and
	// the scanner of texts wants it (see ConceptFinder).
	asWritten := func(s string) {
		if k := strings.TrimSpace(s); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	base, paren, _ := lexicon.SplitName(t.Title)
	add(t.Title)
	add(base)
	if lexicon.IsAcronymish(paren) {
		asWritten(paren)
	}
	// The slug's words; a Kubernetes term's without its "k8s-" (Lookup
	// knows slugs as they are).
	add(strings.ReplaceAll(strings.TrimPrefix(t.Slug, kubernetesSlugPrefix), "-", " "))
	// "Bare metal refers to …" under "Bare Metal Machine": the shorter
	// name the definition opens with.
	if tw := lexicon.Words(base); len(tw) > 2 {
		dw := lexicon.Words(t.Definition())
		for k := len(tw) - 1; k >= 2; k-- {
			if len(dw) > k && slices.Equal(dw[:k], tw[:k]) && definingVerbs.Has(dw[k]) {
				add(strings.Join(tw[:k], " "))
				break
			}
		}
	}
	// "A virtual machine (VM) is", "Kubernetes (often abbreviated K8s)":
	// an acronym right after the title's words in the definition.
	def := t.Definition()
	low := strings.ToLower(def)
	for _, name := range []string{base, strings.TrimSuffix(base, "s")} {
		at := strings.Index(low, strings.ToLower(name)+" (")
		if at < 0 {
			continue
		}
		rest := def[at+len(name)+2:]
		if end := strings.IndexByte(rest, ')'); end > 0 && lexicon.IsAcronymish(rest[:end]) {
			asWritten(rest[:end])
		}
	}
	return keys
}

var definingVerbs = lexicon.Listed("definingVerbs") // see lexicon/words.txt

// GlossaryMatch is how a query found a term.
type GlossaryMatch struct {
	Slug  string
	Exact bool // the query is one of the term's names, not a typo of one
}

// Lookup finds the term a query names: one of its names, in any case,
// singular or plural; a jargon word for one (k8s); or a typo of one. It
// returns the terms it could be, best first: one when it is sure, else
// the suggestions (nothing when nothing is close).
func (g *Glossary) Lookup(query string) (GlossaryMatch, []string, bool) {
	if len(query) > MaxName {
		return GlossaryMatch{}, nil, false // no term is that long, nor near it
	}
	q := lexicon.StemKey(query)
	if q == "" {
		return GlossaryMatch{}, nil, false
	}
	for _, t := range g.Terms {
		if strings.EqualFold(t.Slug, strings.TrimSpace(query)) {
			return GlossaryMatch{Slug: t.Slug, Exact: true}, nil, true // as cnl's own lines name it
		}
	}
	alts := []string{q}
	// Jargon: "k8s" is Kubernetes, "iac" infrastructure as code.
	if ws := lexicon.Words(query); len(ws) == 1 {
		for _, phrase := range lexicon.FieldJargon().Meanings(ws[0]) {
			alts = append(alts, lexicon.StemKey(strings.Join(phrase, " ")))
		}
	}
	// The words as written first, then what they stand for.
	for _, alt := range alts {
		for _, t := range g.Terms {
			for _, k := range t.Keys {
				if lexicon.StemKey(k) == alt {
					return GlossaryMatch{Slug: t.Slug, Exact: true}, nil, true
				}
			}
		}
	}
	// "k8s label", "kubernetes label": a Kubernetes term, named with its
	// glossary.
	for _, qualifier := range []string{"k8s ", lexicon.Stem("kubernetes") + " "} {
		if rest, ok := strings.CutPrefix(q, qualifier); ok {
			for _, t := range g.Terms {
				if strings.HasPrefix(t.Slug, kubernetesSlugPrefix) && slices.ContainsFunc(t.Keys, func(k string) bool { return lexicon.StemKey(k) == rest }) {
					return GlossaryMatch{Slug: t.Slug, Exact: true}, nil, true
				}
			}
		}
	}
	// Typos: the closest name within the typo limit of its length.
	type near struct {
		slug string
		d    int
	}
	var close []near
	for _, t := range g.Terms {
		best := -1
		for _, k := range t.Keys {
			key := lexicon.StemKey(k)
			limit := lexicon.TypoLimit(key)
			if limit == 0 {
				continue
			}
			if d := search.EditDistance(q, key, limit); d <= limit && (best < 0 || d < best) {
				best = d
			}
		}
		if best >= 0 {
			close = append(close, near{t.Slug, best})
		}
	}
	slices.SortStableFunc(close, func(a, b near) int { return cmp.Compare(a.d, b.d) })
	if len(close) == 1 || len(close) > 1 && close[0].d < close[1].d {
		return GlossaryMatch{Slug: close[0].slug}, nil, true
	}
	var sugg []string
	for _, c := range close {
		sugg = append(sugg, c.slug)
	}
	// Terms whose names hold every word of the query ("mesh" → service
	// mesh).
	if len(sugg) == 0 {
		for _, t := range g.Terms {
			if slices.ContainsFunc(t.Keys, func(k string) bool { return lexicon.HoldsAll(k, lexicon.Words(query)) }) {
				sugg = append(sugg, t.Slug)
			}
		}
	}
	return GlossaryMatch{}, sugg[:min(len(sugg), 5)], false
}

// Entry returns the term of this slug.
func (g *Glossary) Entry(slug string) (GlossaryEntry, bool) {
	for _, t := range g.Terms {
		if t.Slug == slug {
			return t, true
		}
	}
	return GlossaryEntry{}, false
}

// GlossaryPlaces lists the places of the landscape that implement a term:
// the categories and subcategories named as the term is ("Service Mesh";
// "Observability" in "Observability and Analysis"). A one-word term names
// only a place of that one word, so "Service" names no "Service Proxy".
func (x *Index) GlossaryPlaces(e GlossaryEntry) []string {
	var out []string
	for _, key := range e.Keys {
		k := lexicon.StemKey(key)
		words := strings.Fields(k)
		if len(words) == 0 || slices.ContainsFunc(words, func(w string) bool { return len(w) < 2 }) {
			continue
		}
		match := func(name string) bool {
			n := lexicon.StemKey(name)
			if n == k {
				return true
			}
			// "Observability and Analysis" for observability; never a
			// single short word inside a longer name.
			return len(words) >= 2 && lexicon.HoldsAll(name, words) || len(words) == 1 && strings.HasPrefix(n, k+" and ")
		}
		for _, c := range x.Categories {
			if match(c.Name) && !slices.Contains(out, c.Name) {
				out = append(out, c.Name)
			}
			for _, s := range c.Subcategories {
				p := c.Name + "/" + s.Name
				if match(s.Name) && !slices.Contains(out, p) && len(s.Items) > 0 {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// TermsOfPlace lists the glossary's terms for a place of the landscape
// ("Category" or "Category/Subcategory"): the terms whose places (see
// GlossaryPlaces) include it.
func TermsOfPlace(x *Index, g *Glossary, place string) []GlossaryEntry {
	var out []GlossaryEntry
	for _, t := range g.Terms {
		if slices.ContainsFunc(x.GlossaryPlaces(t), func(p string) bool { return strings.EqualFold(p, place) }) {
			out = append(out, t)
		}
	}
	return out
}

// GlossaryMentions lists the terms whose text uses a word or phrase that
// is no term of its own ("OCI" in the pages on container images and
// runtimes), by slug.
func GlossaryMentions(terms []GlossaryTerm, phrase string) []string {
	want := " " + lexicon.NormName(phrase) + " "
	if strings.TrimSpace(want) == "" {
		return nil
	}
	var out []string
	for _, t := range terms {
		if strings.Contains(" "+lexicon.NormName(lexicon.LinkText(t.Body))+" ", want) {
			out = append(out, t.Slug)
		}
	}
	return out
}
