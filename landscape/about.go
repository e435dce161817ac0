package landscape

import (
	"strings"

	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// What an item says it is. Over half the items of the CNCF landscape have
// no description, yet a learner's first question about any of them is
// "what is it?". Every item gets one text, from the first source that has
// one, in the order landscape2 fills its cards (the data's description,
// the primary repository's GitHub description, the Crunchbase
// organisation's), then what cnl adds: the sentence of the landscape's
// guide that names the item alone in its own place, its stated use case,
// and last a guide sentence that names it among others.

// Where an item's About text comes from.
const (
	AboutData       = "data"       // the data's own description
	AboutGitHub     = "github"     // the primary repository's GitHub description (full.json)
	AboutCrunchbase = "crunchbase" // the organisation's description on Crunchbase (full.json)
	AboutGuide      = "guide"      // a sentence of the landscape's guide that names the item
	AboutUseCase    = "use_case"   // the first sentence of extra.summary_use_case
)

// About is what an item is, in one text, and where the text comes from.
type About struct {
	Text   string `json:"text" yaml:"text"`
	Source string `json:"source" yaml:"source"`
}

// About returns what the item says it is. The guide's sentence is known
// only once the index it belongs to has read its guide (see
// search.Prepare); before that, and for items without one, the other
// sources answer.
func (it *Item) About() About {
	if it.Overview != nil {
		return *it.Overview
	}
	return it.aboutFrom("", "")
}

// aboutFrom picks the first source with text; alone is a guide sentence
// that names only this item, shared one that names others too.
func (it *Item) aboutFrom(alone, shared string) About {
	if d := strings.TrimSpace(it.Description); d != "" {
		return About{d, AboutData}
	}
	if g := it.GitHub; g != nil && strings.TrimSpace(g.Description) != "" && it.primaryFacts() {
		return About{strings.TrimSpace(g.Description), AboutGitHub}
	}
	if d := strings.TrimSpace(it.orgDescription); d != "" {
		return About{lexicon.Shorten(d), AboutCrunchbase}
	}
	if alone != "" {
		return About{alone, AboutGuide}
	}
	// A use case is written to sell the project in a paragraph; its first
	// sentence says what it is ("CRI-O is a … Container Runtime Interface
	// implementation …").
	if u := firstSentence(it.Extras().SummaryUseCase); u != "" && !isTagList(u) {
		return About{u, AboutUseCase}
	}
	if shared != "" {
		return About{shared, AboutGuide}
	}
	return About{}
}

// isTagList reports whether a text is a list of tags, not a sentence:
// "Pod security,Policy-as-code,Governance,Software supply chain".
func isTagList(s string) bool {
	parts := strings.Split(s, ",")
	if len(parts) < 3 || strings.HasSuffix(strings.TrimSpace(s), ".") {
		return false
	}
	for _, p := range parts {
		if len(lexicon.Words(p)) > 4 {
			return false
		}
	}
	return true
}

// primaryFacts reports whether the item's GitHub facts are its primary
// repository's (repo_url): landscape2 takes the description from that one
// only, since an additional repository may be a plugin or a chart.
func (it *Item) primaryFacts() bool {
	return it.GitHub != nil && it.RepoURL != "" && NormalizeURL(it.GitHub.URL) == NormalizeURL(it.RepoURL)
}

// firstSentence is the first sentence of a text on one line, cut at
// maxAboutLen.
func firstSentence(s string) string {
	s = lexicon.Squash(s)
	if s == "" {
		return ""
	}
	if ss := lexicon.SplitSentences(s); len(ss) > 0 {
		s = ss[0]
	}
	return lexicon.Shorten(s)
}

// SettleAbout gives every item of a parsed landscape its Overview, from
// its own sources and, when there is a guide, what its sentences say of
// the item alone and shared with others (per item; nil without a guide).
// It runs before anyone else can read the items: in Parse and With, and
// with the guide when the search index is built, which everything a With
// index answers waits on. Items of a compiled index carry theirs from
// when it was built.
func (x *Index) SettleAbout(guideAlone, guideShared []string) {
	if _, parsed := x.src.(memSource); !parsed {
		return
	}
	for i := range x.Len() {
		it := x.Item(i)
		var alone, shared string
		if guideAlone != nil {
			alone, shared = guideAlone[i], guideShared[i]
		}
		if a := it.aboutFrom(alone, shared); a.Text != "" {
			it.Overview = &a
		} else {
			it.Overview = nil
		}
	}
}

// Organization is the name of the organisation an item belongs to: the
// data's own (see OrganizationName), else read from its Crunchbase URL
// ("…/organization/open-container-initiative" → "open container
// initiative"); "" when there is none.
func (it *Item) Organization() string {
	if n := it.OrganizationName(); n != "" {
		return n
	}
	u := strings.TrimRight(strings.TrimSpace(it.Crunchbase), "/")
	if i := strings.LastIndex(u, "/organization/"); i >= 0 {
		return strings.Join(lexicon.Words(u[i+len("/organization/"):]), " ")
	}
	return ""
}
