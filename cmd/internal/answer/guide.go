package answer

import (
	"fmt"
	"strings"

	"github.com/cnl-dev/cnl/landscape"
)

// SectionPlace is the landscape's path of a guide section, as
// TermsOfPlace takes it.
func SectionPlace(x *landscape.Index, sec landscape.GuideSection) string {
	if sec.Subcategory == "" {
		return sec.Category
	}
	if p, err := x.FindPlace(sec.Category + "/" + sec.Subcategory); err == nil {
		return p.String()
	}
	return ""
}

// GuideSections finds what the guide says of a place: its own text, with
// the subcategories' texts for a category. A place without text gets its
// Category's, with a note; a name the landscape lacks may be a section of
// the guide's own ("Introduction").
func GuideSections(x *landscape.Index, guide *landscape.Guide, query string) ([]landscape.GuideSection, error) {
	place, err := x.FindPlace(query)
	if err != nil {
		if s, ok := guide.Lookup(query); ok {
			out := []landscape.GuideSection{s}
			if s.Subcategory == "" {
				out = append(out, subSections(guide, s.Category)...)
			}
			return out, nil
		}
		return nil, err
	}
	if place.Sub == nil {
		s, ok := guide.Section(place.Category.Name, "")
		subs := subSections(guide, place.Category.Name)
		if !ok && len(subs) == 0 {
			return nil, fmt.Errorf("the guide has no text for %q", place.String())
		}
		if ok {
			subs = append([]landscape.GuideSection{s}, subs...)
		}
		return subs, nil
	}
	if s, ok := guide.Section(place.Category.Name, place.Sub.Name); ok {
		return []landscape.GuideSection{s}, nil
	}
	if s, ok := guide.Section(place.Category.Name, ""); ok {
		return nil, &NoGuideError{place: place.String(), category: place.Category.Name, Fallback: s}
	}
	return nil, fmt.Errorf("the guide has no text for %q", place.String())
}

// NoGuideError is a subcategory without a guide text whose category has
// one: said in one line, pointing at the category's text.
type NoGuideError struct {
	place, category string
	Fallback        landscape.GuideSection
}

func (e *NoGuideError) Error() string {
	return fmt.Sprintf("the guide has no text for %q; its category has one: cnl guide %q", e.place, e.category)
}

func subSections(guide *landscape.Guide, category string) []landscape.GuideSection {
	var out []landscape.GuideSection
	for _, c := range guide.Categories {
		if !strings.EqualFold(c.Name, category) {
			continue
		}
		for _, s := range c.Subcategories {
			if strings.TrimSpace(s.Content) != "" {
				out = append(out, landscape.GuideSection{Category: c.Name, Subcategory: s.Name, Content: s.Content})
			}
		}
	}
	return out
}

func SectionTitle(sec landscape.GuideSection) string {
	if sec.Subcategory == "" {
		return sec.Category
	}
	return sec.Category + " › " + sec.Subcategory
}

// GuideEntry is a line of the table of contents.
type GuideEntry struct {
	Path  string `json:"path"`
	Guide bool   `json:"guide"` // the guide has a text for it
	Items int    `json:"items,omitempty"`
}
