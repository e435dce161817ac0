package scan

import (
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// maxOrgItems: an organisation with more items than this (the CNCF, the
// big clouds) says nothing about which of them a query means.
const maxOrgItems = 5

// Makers are, per item, the name of the organisation that makes it
// (normalised), when that organisation makes few items of the landscape;
// "" otherwise. Search finds runc for "oci" and "open container
// initiative" (see orgWords, and tierMadeBy in the name model).
func Makers(x *landscape.Index) []string {
	n := x.Len()
	orgs := make([]string, n)
	count := map[string]int{}
	for i := range n {
		if it := x.Item(i); !x.OrganizationCategory(it.Category) {
			orgs[i] = lexicon.NormName(it.Organization())
			count[orgs[i]]++
		}
	}
	for i, o := range orgs {
		if count[o] > maxOrgItems {
			orgs[i] = ""
		}
	}
	return orgs
}

// OrgWords are the words of a maker's name and its acronym.
func OrgWords(maker string) []string {
	ws := lexicon.Words(maker)
	if a := lexicon.Acronym(maker); a != "" {
		ws = append(ws, a)
	}
	return ws
}
