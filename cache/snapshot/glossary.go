package snapshot

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/cnl-dev/cnl/landscape"
)

// The CNCF Cloud Native Glossary, built into every build as the landscape
// is: glossary/terms.tsv, read by every lookup, names the English terms
// (slug, title, the ways people write them) in a few kilobytes, left
// uncompressed so that a search that checks whether its query is a concept
// pays microseconds; glossary/<lang>.txt.gz holds a language's pages,
// decompressed only when one is shown. The text is CC BY 4.0 (see NOTICE).

// Separators of a language file: terms end in recordSep, fields in
// fieldSep, tags in tagSep. The generator drops control characters from
// the text, so none of them can appear in it.
const (
	recordSep = "\x1e"
	fieldSep  = "\x1f"
	tagSep    = "\x1d"
)

// GlossaryInfo says which copy of the glossary is built in.
type GlossaryInfo struct {
	Source    string   `json:"source"` // the repository and commit
	Date      string   `json:"date"`
	Languages []string `json:"languages"`
}

// EncodeGlossary writes the glossary's files, named as the build embeds
// them, from its terms by language (English under "en").
func EncodeGlossary(info GlossaryInfo, terms map[string][]landscape.GlossaryTerm) (map[string][]byte, error) {
	files := map[string][]byte{}
	var index strings.Builder
	for _, t := range terms["en"] {
		index.WriteString(t.Slug + "\t" + t.Title + "\t" + strings.Join(landscape.GlossaryKeys(t), "|") + "\n")
	}
	files["glossary/terms.tsv"] = []byte(index.String())
	info.Languages = nil
	for lang, ts := range terms {
		info.Languages = append(info.Languages, lang)
		var b strings.Builder
		for _, t := range ts {
			b.WriteString(strings.Join([]string{t.Slug, t.Title, t.Category, strings.Join(t.Tags, tagSep), t.Body}, fieldSep) + recordSep)
		}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write([]byte(b.String()))
		if err := zw.Close(); err != nil {
			return nil, err
		}
		files["glossary/"+lang+".txt.gz"] = gz.Bytes()
	}
	slices.Sort(info.Languages)
	meta, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return nil, err
	}
	files["glossary/glossary.json"] = append(meta, '\n')
	return files, nil
}

// GlossarySource describes the built-in glossary.
var GlossarySource = sync.OnceValues(func() (GlossaryInfo, bool) {
	var info GlossaryInfo
	b, err := files.ReadFile("glossary/glossary.json")
	return info, err == nil && json.Unmarshal(b, &info) == nil && len(info.Languages) > 0
})

// Glossary returns what lookups need of the built-in glossary: its
// English terms' slugs, titles and names.
var Glossary = sync.OnceValue(func() *landscape.Glossary {
	g := &landscape.Glossary{}
	b, _ := files.ReadFile("glossary/terms.tsv")
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			continue
		}
		g.Terms = append(g.Terms, landscape.GlossaryEntry{Slug: f[0], Title: f[1], Keys: strings.Split(f[2], "|")})
	}
	return g
})

// GlossaryTerms returns the built-in glossary's pages in a language, in
// order of slug; false when it has none in that language.
func GlossaryTerms(lang string) ([]landscape.GlossaryTerm, bool) {
	b, err := files.ReadFile("glossary/" + lang + ".txt.gz")
	if err != nil {
		return nil, false
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, false
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, false
	}
	var out []landscape.GlossaryTerm
	for _, rec := range strings.Split(string(raw), recordSep) {
		f := strings.Split(rec, fieldSep)
		if len(f) != 5 {
			continue
		}
		t := landscape.GlossaryTerm{Slug: f[0], Lang: lang, Title: f[1], Category: f[2], Body: f[4]}
		if f[3] != "" {
			t.Tags = strings.Split(f[3], tagSep)
		}
		out = append(out, t)
	}
	return out, len(out) > 0
}
