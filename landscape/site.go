package landscape

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Settings is what cnl reads of a landscape's settings.yml (see cncf/
// landscape2 docs/config/settings.yml): the foundation's name, the site's
// URL, and the category that lists the foundation's members.
type Settings struct {
	Foundation      string `yaml:"foundation" json:"foundation"`
	URL             string `yaml:"url" json:"url"`
	MembersCategory string `yaml:"members_category" json:"members_category,omitempty"`
}

// ParseSettings reads settings.yml; only the fields cnl uses are kept, and
// a file without a foundation or URL is not a landscape's settings.
func ParseSettings(r io.Reader) (Settings, error) {
	var s Settings
	if err := decodeDocument(r, &s); err != nil {
		return s, err
	}
	if strings.TrimSpace(s.Foundation) == "" || strings.TrimSpace(s.URL) == "" {
		return Settings{}, errors.New("settings without a foundation or url")
	}
	return s, nil
}

// Guide is a landscape's guide (sources/guide.yml): per category, and per
// subcategory within it, a text in Markdown for newcomers.
type Guide struct {
	Categories []GuideCategory `yaml:"categories" json:"categories"`
}

// GuideCategory is a category of the guide, with its text and its
// subcategories' texts.
type GuideCategory struct {
	Name          string             `yaml:"category" json:"category"`
	Content       string             `yaml:"content" json:"content,omitempty"`
	Keywords      []string           `yaml:"keywords" json:"keywords,omitempty"`
	Subcategories []GuideSubcategory `yaml:"subcategories" json:"subcategories,omitempty"`
}

// GuideSubcategory is a subcategory's text in the guide.
type GuideSubcategory struct {
	Name     string   `yaml:"subcategory" json:"subcategory"`
	Content  string   `yaml:"content" json:"content,omitempty"`
	Keywords []string `yaml:"keywords" json:"keywords,omitempty"`
}

// ParseGuide reads guide.yml. A guide has categories, each with a name.
func ParseGuide(r io.Reader) (*Guide, error) {
	var g Guide
	if err := decodeDocument(r, &g); err != nil {
		return nil, err
	}
	if len(g.Categories) == 0 {
		return nil, errors.New("a guide without categories")
	}
	for _, c := range g.Categories {
		if strings.TrimSpace(c.Name) == "" {
			return nil, errors.New("a guide category without a name")
		}
	}
	return &g, nil
}

// Sections counts the guide's texts: categories' and subcategories' that
// say something.
func (g *Guide) Sections() int {
	n := 0
	for _, c := range g.Categories {
		if strings.TrimSpace(c.Content) != "" {
			n++
		}
		for _, s := range c.Subcategories {
			if strings.TrimSpace(s.Content) != "" {
				n++
			}
		}
	}
	return n
}

// decodeDocument decodes one YAML document into v, with the same bounds on
// aliases and depth as the data file.
func decodeDocument(r io.Reader, v any) error {
	var doc yaml.Node
	if err := yaml.NewDecoder(r).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("the file is empty")
		}
		return fmt.Errorf("invalid YAML: %s", trimYAMLError(err))
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: expected a mapping", doc.Line)
	}
	if err := doc.Decode(v); err != nil {
		return fmt.Errorf("invalid YAML: %s", trimYAMLError(err))
	}
	return nil
}

// GuideSection is one text of the guide: a category's (Subcategory empty)
// or a subcategory's.
type GuideSection struct {
	Category    string `json:"category"`
	Subcategory string `json:"subcategory,omitempty"`
	Content     string `json:"content"`
}

// Section returns the guide's text for a place of the landscape, matched by
// name as paths are (case, spaces, "&" for "and"); sub "" asks for the
// category's own text.
func (g *Guide) Section(category, sub string) (GuideSection, bool) {
	for _, c := range g.Categories {
		if LoosePath(c.Name) != LoosePath(category) {
			continue
		}
		if sub == "" {
			return GuideSection{Category: c.Name, Content: c.Content}, strings.TrimSpace(c.Content) != ""
		}
		for _, s := range c.Subcategories {
			if LoosePath(s.Name) == LoosePath(sub) {
				return GuideSection{Category: c.Name, Subcategory: s.Name, Content: s.Content}, strings.TrimSpace(s.Content) != ""
			}
		}
	}
	return GuideSection{}, false
}

// Lookup finds a section by its own name: a category of the guide, or a
// subcategory of it (the guide has sections the landscape has not, such as
// "Introduction").
func (g *Guide) Lookup(name string) (GuideSection, bool) {
	q := LoosePath(name)
	for _, c := range g.Categories {
		if LoosePath(c.Name) == q {
			return GuideSection{Category: c.Name, Content: c.Content}, true
		}
	}
	for _, c := range g.Categories {
		for _, s := range c.Subcategories {
			if LoosePath(s.Name) == q || LoosePath(c.Name+"/"+s.Name) == q {
				return GuideSection{Category: c.Name, Subcategory: s.Name, Content: s.Content}, true
			}
		}
	}
	return GuideSection{}, false
}
