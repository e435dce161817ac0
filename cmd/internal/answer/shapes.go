package answer

import (
	"fmt"
	"math"
	"time"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/scan"
)

// ItemJSON is an item as -o json/yaml show it: the data file's own field
// names plus category, subcategory, slug and maturity, and its summary:
// what it says it is and where that comes from (description stays the
// data's own).
type ItemJSON struct {
	*landscape.Item
	Maturity string           `json:"maturity,omitempty"`
	Summary  *landscape.About `json:"summary,omitempty"`
}

func NewItemJSON(it *landscape.Item) ItemJSON {
	j := ItemJSON{Item: it, Maturity: it.Maturity}
	if a := it.About(); a.Text != "" {
		j.Summary = &a
	}
	return j
}

// CategoryJSON is the tree as -o json/yaml show it.
type CategoryJSON struct {
	Name          string            `json:"name"`
	Count         int               `json:"count"`
	Subcategories []SubcategoryJSON `json:"subcategories"`
}

type SubcategoryJSON struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Count int    `json:"count"`
}

// ConceptJSON is a term of the glossary that the text mentions.
type ConceptJSON struct {
	Slug     string         `json:"slug"`
	Title    string         `json:"title"`
	Summary  string         `json:"summary"`
	Mentions []scan.Mention `json:"mentions" jsonschema:"the first mentions, in the order read"`
	Count    int            `json:"count" jsonschema:"every mention, the first ones included"`
}

// ScanJSON is one found item as -o json/yaml show it.
type ScanJSON struct {
	Name        string           `json:"name"`
	Slug        string           `json:"slug"`
	Category    string           `json:"category"`
	Subcategory string           `json:"subcategory"`
	Maturity    string           `json:"maturity,omitempty"`
	Summary     *landscape.About `json:"summary,omitempty"`
	Mentions    []scan.Mention   `json:"mentions" jsonschema:"the first mentions, in the order read"`
	Count       int              `json:"count" jsonschema:"every mention, the first ones included"`
}

// ConceptsJSON gives the concepts found their titles and first sentences.
func ConceptsJSON(cs []scan.Concept) []ConceptJSON {
	out := make([]ConceptJSON, len(cs))
	for i, c := range cs {
		out[i] = ConceptJSON{Slug: c.Slug, Title: c.Title, Summary: GlossarySummary(c.Slug), Mentions: c.Mentions, Count: c.Count}
	}
	return out
}

// Where is "file:line", with the count of further mentions.
func Where(f scan.Found) string {
	m := f.Mentions[0]
	w := fmt.Sprintf("%s:%d", m.Source, m.Line)
	if n := f.Count - 1; n > 0 {
		w += fmt.Sprintf(" (+%d)", n)
	}
	return ui.Clean(w)
}

// Round3 keeps three decimals: scores are for reading, not for arithmetic.
func Round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func DateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}
