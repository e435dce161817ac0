// Package glossary is the two glossaries every build of cnl carries, the
// CNCF Cloud Native Glossary (all its languages) and the Kubernetes
// documentation's glossary: their pages parsed from the sources (page.go,
// k8sglossary.go), written for the build and read back with translations
// and twins, and looked up by any of a term's names (lookup.go); the
// projects a term leads to (conceptlinks.go: the concept links), and a
// finder of both glossaries' terms in texts.
package glossary

import (
	"bytes"
	"compress/flate"
	"embed"
	"encoding/binary"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/scan"
)

//go:embed data
var files embed.FS

// The CNCF Cloud Native Glossary, built into every build as the landscape
// is: data/terms.tsv, read by every lookup, names the English terms
// (slug, title, the ways people write them, first sentence) in a few
// kilobytes, left uncompressed so that a search that checks whether its
// query is a concept pays microseconds. data/en.pages holds the English
// pages each compressed on its own, so that showing one inflates a page,
// not the glossary; data/<lang>.txt.z holds a translation's pages in
// one stream (a third smaller), read only with --lang. Both are deflated
// against terms.tsv as the dictionary (it holds every page's slug, title
// and English first sentence). The text is CC BY
// 4.0 (see NOTICE).

// Separators of a language file: terms end in recordSep, fields in
// fieldSep, tags in tagSep. The generator drops control characters from
// the text, so none of them can appear in it.
const (
	recordSep = "\x1e"
	fieldSep  = "\x1f"
	tagSep    = "\x1d"
)

// Info says which copy of the glossary is built in.
type Info struct {
	Source    string   `json:"source"` // the repository and commit
	Date      string   `json:"date"`
	Languages []string `json:"languages"`
}

// Encode writes the glossary's files, named as the build embeds
// them, from its terms by language (English under "en").
func Encode(info Info, terms map[string][]Page) (map[string][]byte, error) {
	files := map[string][]byte{}
	var index strings.Builder
	for _, t := range terms["en"] {
		index.WriteString(t.Slug + "\t" + t.Title + "\t" + strings.Join(Keys(t), "|") + "\t" + t.Summary() + "\n")
	}
	var pages []byte
	for _, t := range terms["en"] {
		var err error
		if pages, err = appendPage(pages, t, index.String()); err != nil {
			return nil, err
		}
	}
	files["data/terms.tsv"] = []byte(index.String())
	files["data/en.pages"] = pages
	info.Languages = nil
	for lang, ts := range terms {
		info.Languages = append(info.Languages, lang)
		if lang == "en" {
			continue
		}
		var b strings.Builder
		for _, t := range ts {
			b.WriteString(record(t) + recordSep)
		}
		var z bytes.Buffer
		fw, _ := flate.NewWriterDict(&z, flate.BestCompression, dictionary(index.String()))
		fw.Write([]byte(b.String()))
		if err := fw.Close(); err != nil {
			return nil, err
		}
		files["data/"+lang+".txt.z"] = z.Bytes()
	}
	slices.Sort(info.Languages)
	meta, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return nil, err
	}
	files["data/glossary.json"] = append(meta, '\n')
	return files, nil
}

// appendPage adds a term's page, compressed on its own, to a file of
// pages: its slug and its deflated record, each after its length. The
// glossary's index is the dictionary: it holds the page's slug, title and
// first sentence, so a page costs a third less.
func appendPage(pages []byte, t Page, index string) ([]byte, error) {
	var page bytes.Buffer
	fw, _ := flate.NewWriterDict(&page, flate.BestCompression, dictionary(index))
	fw.Write([]byte(record(t)))
	if err := fw.Close(); err != nil {
		return nil, err
	}
	pages = binary.AppendUvarint(pages, uint64(len(t.Slug)))
	pages = append(pages, t.Slug...)
	pages = binary.AppendUvarint(pages, uint64(page.Len()))
	return append(pages, page.Bytes()...), nil
}

// record is a page as the files hold it.
func record(t Page) string {
	return strings.Join([]string{t.Slug, t.Title, t.Category, strings.Join(t.Tags, tagSep), t.Body}, fieldSep)
}

// parseRecord reads a page back.
func parseRecord(lang, rec string) (Page, bool) {
	f := strings.Split(rec, fieldSep)
	if len(f) != 5 {
		return Page{}, false
	}
	t := Page{Slug: f[0], Lang: lang, Title: f[1], Category: f[2], Body: f[4]}
	if f[3] != "" {
		t.Tags = strings.Split(f[3], tagSep)
	}
	return t, true
}

// englishPages calls page for each English page in order of slug, with
// its slug and its compressed bytes, until page returns false.
func englishPages(page func(slug string, deflated []byte) bool) { pagesOf("data/en.pages", page) }

// The glossaries' indexes, as read once: every page is compressed against
// its index.
var (
	englishIndex    = sync.OnceValue(func() string { return embedded("data/terms.tsv") })
	kubernetesIndex = sync.OnceValue(func() string { return embedded("data/k8s.tsv") })
)

func embedded(name string) string {
	b, _ := files.ReadFile(name)
	return string(b)
}

// pagesOf calls page for each page of a file of pages compressed each on
// its own, in order of slug, until page returns false.
func pagesOf(name string, page func(slug string, deflated []byte) bool) {
	b, _ := files.ReadFile(name)
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return
		}
		slug := string(b[k : k+int(n)])
		b = b[k+int(n):]
		m, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < m {
			return
		}
		if !page(slug, b[k:k+int(m)]) {
			return
		}
		b = b[k+int(m):]
	}
}

// inflate reads a page compressed against the index of its glossary.
func inflate(b []byte, index string) (string, bool) {
	out, err := io.ReadAll(flate.NewReaderDict(bytes.NewReader(b), dictionary(index)))
	return string(out), err == nil
}

// dictionary is what flate keeps of an index as a dictionary: its last 32 KB.
func dictionary(index string) []byte {
	return []byte(index[max(0, len(index)-32<<10):])
}

// Term returns one page of the built-in glossary, in lang.
func Term(lang, slug string) (Page, bool) {
	if lang != "en" {
		ts, _ := Terms(lang)
		i, ok := slices.BinarySearchFunc(ts, slug, func(t Page, s string) int { return strings.Compare(t.Slug, s) })
		if !ok {
			return Page{}, false
		}
		return ts[i], true
	}
	var t Page
	found := false
	englishPages(func(s string, page []byte) bool {
		if s != slug {
			return true
		}
		if rec, ok := inflate(page, englishIndex()); ok {
			t, found = parseRecord("en", rec)
		}
		return false
	})
	return t, found
}

// Source describes the built-in glossary.
func Source() (Info, bool) { return source() }

var source = sync.OnceValues(func() (Info, bool) {
	var info Info
	b, err := files.ReadFile("data/glossary.json")
	return info, err == nil && json.Unmarshal(b, &info) == nil && len(info.Languages) > 0
})

// CNCF returns what lookups need of the built-in CNCF glossary: its
// English terms' slugs, titles and names.
func CNCF() *Glossary { return cncf() }

var cncf = sync.OnceValue(func() *Glossary { return parseIndex(englishIndex()) })

// Terms returns the built-in CNCF glossary's pages in a language, in
// order of slug; false when it has none in that language.
func Terms(lang string) ([]Page, bool) {
	if lang == "en" {
		var out []Page
		englishPages(func(_ string, page []byte) bool {
			if rec, ok := inflate(page, englishIndex()); ok {
				if t, ok := parseRecord("en", rec); ok {
					out = append(out, t)
				}
			}
			return true
		})
		return out, len(out) > 0
	}
	b, err := files.ReadFile("data/" + lang + ".txt.z")
	if err != nil {
		return nil, false
	}
	raw, ok := inflate(b, englishIndex())
	if !ok {
		return nil, false
	}
	var out []Page
	for _, rec := range strings.Split(raw, recordSep) {
		if t, ok := parseRecord(lang, rec); ok {
			out = append(out, t)
		}
	}
	return out, len(out) > 0
}

// The Kubernetes documentation's glossary, built in beside the CNCF one:
// glossary/k8s.tsv names its terms as terms.tsv does (slugs "k8s-…"), and
// glossary/k8s.pages holds their pages, each compressed on its own against
// k8s.tsv. The text is CC BY 4.0, © The Kubernetes Authors (see NOTICE).

// EncodeKubernetes writes the Kubernetes glossary's files, named as
// the build embeds them, from its terms (in order of slug), each term's
// names, and the CNCF term each is the twin of.
func EncodeKubernetes(terms []Page, keys map[string][]string, twins map[string]string) (map[string][]byte, error) {
	var index strings.Builder
	var pages []byte
	for _, t := range terms {
		index.WriteString(t.Slug + "\t" + t.Title + "\t" + strings.Join(keys[t.Slug], "|") + "\t" + t.Summary() + "\t" + twins[t.Slug] + "\t" + t.KubernetesSort() + "\n")
	}
	for _, t := range terms {
		var err error
		if pages, err = appendPage(pages, t, index.String()); err != nil {
			return nil, err
		}
	}
	return map[string][]byte{"data/k8s.tsv": []byte(index.String()), "data/k8s.pages": pages}, nil
}

// Kubernetes returns what lookups need of the built-in Kubernetes
// glossary.
func Kubernetes() *Glossary { return kubernetes() }

var kubernetes = sync.OnceValue(func() *Glossary {
	return parseIndex(kubernetesIndex())
})

// KubernetesTwin is the Kubernetes term of the same name as a CNCF term
// (container: k8s-container), read from the index's lines without parsing
// them: every page of the CNCF glossary asks.
func KubernetesTwin(cncfSlug string) (string, bool) {
	if cncfSlug == "" {
		return "", false
	}
	for line := range strings.Lines(kubernetesIndex()) {
		// slug, title, names, summary, twin, people
		rest := line
		for range 4 {
			_, rest, _ = strings.Cut(rest, "\t")
		}
		if twin, _, _ := strings.Cut(strings.TrimSuffix(rest, "\n"), "\t"); twin == cncfSlug {
			slug, _, _ := strings.Cut(line, "\t")
			return slug, true
		}
	}
	return "", false
}

// CNCFTwin is the CNCF term of the same name as a Kubernetes term
// (k8s-pod: pod), whose page carries both definitions.
func CNCFTwin(k8sSlug string) (string, bool) {
	for line := range strings.Lines(kubernetesIndex()) {
		// slug, title, names, summary, twin, people
		slug, rest, _ := strings.Cut(line, "\t")
		if slug != k8sSlug {
			continue
		}
		for range 3 {
			_, rest, _ = strings.Cut(rest, "\t")
		}
		twin, _, _ := strings.Cut(strings.TrimSuffix(rest, "\n"), "\t")
		return twin, twin != ""
	}
	return "", false
}

// KubernetesTerm returns one page of the built-in Kubernetes glossary,
// inflating that page alone.
func KubernetesTerm(slug string) (Page, bool) {
	var t Page
	found := false
	pagesOf("data/k8s.pages", func(s string, page []byte) bool {
		if s != slug {
			return true
		}
		if rec, ok := inflate(page, kubernetesIndex()); ok {
			t, found = parseRecord("en", rec)
			t.Source = KubernetesSource
		}
		return false
	})
	return t, found
}

// parseIndex reads a glossary's index of terms (slug, title, names,
// summary).
func parseIndex(text string) *Glossary {
	g := &Glossary{Terms: make([]landscape.GlossaryEntry, 0, strings.Count(text, "\n"))}
	for line := range strings.Lines(text) {
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(f) < 4 {
			continue
		}
		// The Kubernetes index's fifth field, its CNCF twin, is read by
		// KubernetesTwin; its sixth is the term's sort.
		e := landscape.GlossaryEntry{Slug: f[0], Title: f[1], Keys: strings.Split(f[2], "|"), Summary: f[3]}
		if len(f) > 5 {
			e.Sort = f[5]
		}
		g.Terms = append(g.Terms, e)
	}
	return g
}

// NewConceptFinder finds the terms of both glossaries in texts: the CNCF
// glossary's, and Kubernetes' own words after them.
func NewConceptFinder() *scan.ConceptFinder {
	return scan.NewConceptFinder(CNCF().Terms, Kubernetes().Terms)
}
