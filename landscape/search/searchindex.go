package search

import (
	"math"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/scan"
)

// Maturity codes in the search index's item table.
var maturityCode = map[string]uint8{landscape.Sandbox: 1, landscape.Incubating: 2, landscape.Graduated: 3, landscape.Archived: 4}

// SearchData builds the index's search structure in its binary form, which
// a Source can hand back to NewIndex so that nothing is rebuilt at query
// time.
func SearchData(x *landscape.Index) []byte { return built(x).search }

// builtData is the search index's bytes, and the scanner's phrases when
// they were made with it.
type builtData struct{ search, phrases []byte }

type builtKey struct{}

// built makes the search index and the scanner's phrases of an index that
// has none stored, once.
func built(x *landscape.Index) *builtData {
	return x.Derived(builtKey{}, func() any {
		if x.Stored() != nil {
			return &builtData{search: x.Stored()}
		}
		s, p := buildSearch(x)
		return &builtData{s, p}
	}).(*builtData)
}

// buildSearch builds the search index from the items, and the scanner's
// phrases with it, settling what each item says it is.
func buildSearch(x *landscape.Index) (data, phrases []byte) {
	names, flags := scan.BuildNames(x)
	n := x.Len()
	// Every place an item is listed (second paths included), from the tree.
	places := make([][][2]string, n)
	for _, c := range x.Categories {
		for _, sub := range c.Subcategories {
			for _, i := range sub.Items {
				if i >= 0 && i < n {
					places[i] = append(places[i], [2]string{c.Name, sub.Name})
				}
			}
		}
	}
	scanner := scan.ScannerFor(x, names, flags)
	guide := guideWords(x, places, scanner)
	if guide != nil {
		// Without a guide, items were settled before the index was
		// shared (Parse, With): writing them again would race readers.
		x.SettleAbout(guide.alone, guide.shared)
	}
	makers := scan.Makers(x)
	docs := make([]document, n)
	for i := range n {
		it := x.Item(i)
		var fields [NumFields][]string
		fields[FieldName] = names[i].Words
		for _, pl := range places[i] {
			fields[FieldSub] = append(fields[FieldSub], lexicon.Words(pl[1])...)
			fields[FieldCat] = append(fields[FieldCat], lexicon.Words(pl[0])...)
		}
		// Tags, and the organisation it belongs to when that is one of
		// few projects (see orgWords).
		fields[FieldTags] = append(lexicon.Words(it.Tags()), scan.OrgWords(makers[i])...)
		// The description field holds a description, whoever wrote it;
		// a guide sentence or a use case standing in for one is read in
		// its own field already.
		if a := it.About(); a.Source == landscape.AboutData || a.Source == landscape.AboutGitHub || a.Source == landscape.AboutCrunchbase {
			fields[FieldDesc] = lexicon.Words(a.Text)
		}
		// What a project says it is for: the landscape has it for CNCF
		// projects that have no description.
		e := it.Extras()
		fields[FieldUse] = lexicon.Words(e.SummaryUseCase + " " + e.SummaryBusinessUseCase)
		if guide != nil {
			// The guide's keywords for a subcategory say what it is
			// about ("Backup and restore" for Cloud Native Storage).
			fields[FieldKeywords] = guide.keywords[i]
			fields[FieldGuide] = guide.sentences[i]
			if guide.named[i] {
				flags[i] |= scan.FlagGuide
			}
		}
		d := &docs[i]
		for f, ws := range fields {
			for _, w := range ws {
				d.Terms[f] = append(d.Terms[f], lexicon.Stem(w))
			}
		}
		d.NameLength = names[i].Length
		d.Flags, d.Maturity = flags[i], maturityCode[it.Maturity]
		if g := it.GitHub; g != nil {
			d.Stars = uint32(min(max(g.Stars, 0), math.MaxUint32))
			d.Contributors = uint32(min(max(g.Contributors, 0), math.MaxUint32))
		}
	}
	var keys []nameEntry
	for i, nm := range names {
		for _, k := range nm.Keys {
			keys = append(keys, nameEntry{Key: k.Key, Item: i, Tier: k.Tier})
		}
	}
	return buildLayout(docs, keys), scan.AppendPhrases(nil, scanner.Phrases)
}

// ScanData is the scanner's phrases in their stored form: what a compiled
// index keeps apart from the search index, so that a query pays nothing
// for them and a text scan reads them instead of building them (see
// scan.NewScanner and scan.PhraseSource).
func ScanData(x *landscape.Index) []byte {
	if p := built(x).phrases; p != nil {
		return p
	}
	// A compiled index's, stored apart (see PhraseSource).
	return x.Derived(phrasesKey{}, func() any {
		_, p := buildSearch(x)
		return p
	}).([]byte)
}

type phrasesKey struct{}

// Prepare builds x's search index now, settling what each item says it is
// from the landscape's guide: an index made With a guide is whole, and
// safe to share, once it has been prepared.
func Prepare(x *landscape.Index) { built(x) }

// ItemKind is the kind of item i of a search index, and whether it has a
// repository, from its item table: what a compiled index answers without
// building the item (see landscape.KindSource).
func ItemKind(s *Index, i int) (kind string, repo bool) {
	f := s.Item(i).Flags
	repo = f&scan.FlagRepo != 0
	switch {
	case f&scan.FlagMember != 0:
		return landscape.KindMember, repo
	case repo:
		return landscape.KindProject, true
	}
	return landscape.KindProduct, false
}
