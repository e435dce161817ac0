package glossary

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// The Kubernetes documentation's glossary (kubernetes.io, CC BY 4.0, ©
// The Kubernetes Authors): Kubernetes' own words (label, annotation,
// admission controller, PVC), beside the CNCF Cloud Native Glossary.

// KubernetesURL is where the Kubernetes glossary lives on the web.
const KubernetesURL = "https://kubernetes.io/docs/reference/glossary/"

// KubernetesSource is a Page's Source for a Kubernetes term;
// the CNCF glossary's terms have none.
const KubernetesSource = "kubernetes"

// kubernetesSlugPrefix keeps the two glossaries' slugs apart: both have
// "container".
const kubernetesSlugPrefix = "k8s-"

// KubernetesSort is what a term of the Kubernetes glossary is when it is
// no kind of tool a project could be: TermPeople, TermVerb, TermPart, or
// "" (ingress, admission controller, container runtime).
func (t Page) KubernetesSort() string {
	has := func(tag string) bool { return slices.Contains(t.Tags, tag) }
	switch {
	case has("community") || has("user-type"):
		return landscape.TermPeople
	case has("API verb"):
		return landscape.TermVerb
	case has("core-object") || len(t.Tags) == 1 && has("fundamental"):
		return landscape.TermPart
	}
	return ""
}

// KubernetesID is the term's id on kubernetes.io, or "" for a term of the
// CNCF glossary.
func (t Page) KubernetesID() string {
	if t.Source != KubernetesSource {
		return ""
	}
	return strings.TrimPrefix(t.Slug, kubernetesSlugPrefix)
}

// The shortcodes' patterns, compiled on first use: only the snapshot's
// generator reads the glossary's files, and every command would pay for
// compiling them at start-up.
var shortcodes = sync.OnceValue(func() (p struct{ tooltip, comment, attribute *regexp.Regexp }) {
	p.tooltip = regexp.MustCompile(`\{\{<\s*glossary_tooltip\s+([^>]*?)\s*>\}\}`)
	p.comment = regexp.MustCompile(`<!--[\s\S]*?-->`)
	p.attribute = regexp.MustCompile(`(\w+)="([^"]*)"`)
	return p
})

// ParseKubernetesPage reads one term file of the Kubernetes
// glossary (content/en/docs/reference/glossary/FILE.md): its front matter
// (title, id, aka) and its Markdown, whose Hugo shortcodes become their
// text. A glossary_tooltip is its words, linked to the term it names when
// known says the glossary has it; a site link becomes a kubernetes.io
// link (see Markdown). Files without front matter (retired terms) and
// without text are not terms.
func ParseKubernetesPage(file string, page []byte, known func(id string) bool) (t Page, aka []string, ok bool) {
	text := strings.ReplaceAll(strings.ToValidUTF8(string(page), ""), "\r\n", "\n")
	front, body := frontMatter(text)
	if front == "" {
		return Page{}, nil, false
	}
	id := file
	lines := strings.Split(front, "\n")
	for i := 0; i < len(lines); i++ {
		key, value, found := strings.Cut(lines[i], ":")
		if !found || strings.HasPrefix(lines[i], " ") || strings.HasPrefix(lines[i], "-") {
			continue
		}
		value = unquote(value)
		switch strings.TrimSpace(key) {
		case "title":
			t.Title = lexicon.Squash(value)
		case "id":
			if value != "" {
				id = value
			}
		case "aka":
			for i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "-") {
				i++
				if a := unquote(strings.TrimPrefix(strings.TrimSpace(lines[i]), "-")); a != "" {
					aka = append(aka, a)
				}
			}
		case "tags":
			for i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "-") {
				i++
				if tag := unquote(strings.TrimPrefix(strings.TrimSpace(lines[i]), "-")); tag != "" {
					t.Tags = append(t.Tags, tag)
				}
			}
		}
	}
	re := shortcodes()
	body = re.tooltip.ReplaceAllStringFunc(body, func(sc string) string {
		attrs := map[string]string{}
		for _, m := range re.attribute.FindAllStringSubmatch(sc, -1) {
			attrs[m[1]] = m[2]
		}
		words := attrs["text"]
		if words == "" {
			words = strings.ReplaceAll(attrs["term_id"], "-", " ")
		}
		if id := attrs["term_id"]; id != "" && known != nil && known(id) {
			return "[" + words + "](/" + kubernetesSlugPrefix + id + "/)"
		}
		return words
	})
	body = re.comment.ReplaceAllString(body, "") // <!--more--> and notes to editors
	t.Slug, t.Lang, t.Source = kubernetesSlugPrefix+glossarySlug(id), "en", KubernetesSource
	t.Body = cleanGlossaryBody(body)
	if t.Title == "" || t.Body == "" {
		return Page{}, nil, false
	}
	return t, aka, true
}

// KubernetesKeys are the ways people write a Kubernetes term: as
// Keys has them, its aka names (HPA), the words of a name written
// as one (CustomResourceDefinition: custom resource definition, CRD) and
// the initials of a name of three words or more (PVC).
func KubernetesKeys(t Page, aka []string) []string {
	keys := Keys(t)
	add := func(k string) {
		if k = strings.TrimSpace(k); k != "" && !containsFold(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, a := range aka {
		add(a)
	}
	base, _, _ := lexicon.SplitName(t.Title)
	var split []string
	var capitals strings.Builder
	start := 0
	for i, r := range base {
		if unicode.IsUpper(r) {
			capitals.WriteRune(r)
			if i > start {
				split = append(split, base[start:i])
				start = i
			}
		}
	}
	split = append(split, base[start:])
	if len(split) > 1 && !strings.ContainsRune(base, ' ') {
		add(strings.Join(split, " "))
		if capitals.Len() >= 3 {
			add(capitals.String())
		}
	}
	if a := lexicon.Acronym(base); a != "" {
		add(strings.ToUpper(a))
	}
	return keys
}

func containsFold(list []string, s string) bool {
	for _, l := range list {
		if strings.EqualFold(l, s) {
			return true
		}
	}
	return false
}
