package glossary

import (
	"slices"
	"strings"
	"unicode"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// The CNCF Cloud Native Glossary (glossary.cncf.io, CC BY 4.0): what the
// field's concepts are — a container, a virtual machine, a service mesh —
// in the words of the people who wrote the landscape. A page is a Hugo
// Markdown file, content/<lang>/<term>.md: front matter with a title, a
// definition, then "## Problem it addresses" and "## How it helps".

// Page is one page of the glossary, in one language.
type Page struct {
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

// URL is where the glossary lives on the web.
const URL = "https://glossary.cncf.io"

// URL is the term's page on glossary.cncf.io.
func (t Page) URL() string {
	if id := t.KubernetesID(); id != "" {
		return KubernetesURL + "?all=true#term-" + id
	}
	if t.Lang == "" || t.Lang == "en" {
		return URL + "/" + t.Slug + "/"
	}
	return URL + "/" + t.Lang + "/" + t.Slug + "/"
}

// ParsePage reads one page of the glossary. file is the page's file
// name without ".md". It reports false for what is not a term: the site's
// own pages (an _index, a template, search, pages with a layout) and pages
// without text.
func ParsePage(lang, file string, page []byte) (Page, bool) {
	if strings.HasPrefix(file, "_") || file == "search" {
		return Page{}, false
	}
	text := strings.ToValidUTF8(string(page), "")
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	front, body := frontMatter(text)
	t := Page{Slug: glossarySlug(file), Lang: lang}
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
			return Page{}, false
		}
	}
	if t.Title == "" {
		// A translation may name its keys in its own language
		// ("शीर्षक: …"): the title comes first.
		t.Title = unquote(first)
	}
	t.Body = cleanGlossaryBody(body)
	if t.Title == "" || t.Body == "" {
		return Page{}, false
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

// Section is a part of a term's page: the definition (Title
// empty), or a section under its heading.
type Section struct {
	Title    string `json:"title,omitempty"`
	Markdown string `json:"text"`
}

// Sections splits the term's Markdown (see Markdown) at its "## "
// headings.
func (t Page) Sections(md string) []Section {
	var out []Section
	cur := Section{}
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
			cur = Section{Title: strings.TrimSpace(h)}
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
func (t Page) Markdown(known func(slug string) bool) (md string, seeAlso []string) {
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
			site := URL
			if t.Source == KubernetesSource {
				site = "https://kubernetes.io"
			}
			b.WriteString("[" + text + "](" + site + path + ")")
		}
		s = s[open+end+1:]
	}
	return b.String(), seeAlso
}

// Definition is the term's first paragraph of prose, on one line.
func (t Page) Definition() string {
	return landscape.FirstParagraph(t.Body)
}

// Summary is the term's first sentence, links reduced to their text.
func (t Page) Summary() string {
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
