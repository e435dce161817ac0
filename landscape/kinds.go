package landscape

import (
	"strings"

	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Kinds of entry, as the --kind filter and the relevance priors see them.
const (
	KindProject = "project" // open source: it has a repository
	KindProduct = "product" // a product or service without a public repository
	KindMember  = "member"  // an organisation: a member, a service provider, a training partner
)

// Kinds lists the kinds of entry.
var Kinds = []string{KindProject, KindProduct, KindMember}

var orgQualifiers = lexicon.Listed("orgQualifiers") // see lexicon/words.txt

// OrganizationCategory reports whether a category lists organisations rather
// than projects: the landscape's members category (from its settings, else
// any category named "… Members"), and CNCF's "Special" (service providers,
// training partners, certified CNFs).
func (x *Index) OrganizationCategory(name string) bool {
	if m := x.opts.MembersCategory; m != "" {
		return strings.EqualFold(name, m) || strings.EqualFold(name, "Special")
	}
	low := strings.ToLower(name)
	return strings.HasSuffix(low, "members") || low == "special"
}

// IsOrganization reports whether an item is an organisation's entry:
// listed in a category of organisations, or named with an organisation's
// qualifier ("Docker (member)").
func (x *Index) IsOrganization(it *Item) bool {
	_, paren, qualified := lexicon.SplitName(it.Name)
	return x.OrganizationCategory(it.Category) || qualified && orgQualifiers.Has(strings.ToLower(paren))
}

// KindSource is a Source that knows each item's kind, and whether it has a
// repository, without building it: a compiled index keeps both. It says
// false when it cannot tell (a damaged index), and the item is read.
type KindSource interface {
	Source
	Kind(i int) (kind string, repo, ok bool)
}

// Kind tells what item i is: an open source project, a product, or an
// organisation's entry (see Kinds).
func (x *Index) Kind(i int) string {
	k, _ := x.kind(i)
	return k
}

// kind is item i's kind, and whether it has a repository.
func (x *Index) kind(i int) (string, bool) { return x.kinds()(i) }

// kinds reads items' kinds from the source when it knows them, asking it
// once (stats reads every item's).
func (x *Index) kinds() func(i int) (string, bool) {
	ks, known := x.src.(KindSource)
	return func(i int) (string, bool) {
		if known {
			if k, repo, ok := ks.Kind(i); ok {
				return k, repo
			}
		}
		return x.itemKind(i)
	}
}

// itemKind is item i's kind worked out from the item.
func (x *Index) itemKind(i int) (string, bool) {
	it := x.Item(i)
	repo := it.RepoURL != ""
	switch {
	case x.IsOrganization(it):
		return KindMember, repo
	case repo:
		return KindProject, true
	}
	return KindProduct, false
}
