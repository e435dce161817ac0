package scan

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Name tiers: how exactly a query names an item. Search lists items a query
// names before all others, the best tier first; Resolve trusts them.
const (
	tierNone    = 0
	TierTypo    = 1 // the whole name, a typo away from a word the landscape does not have
	TierMadeBy  = 2 // the name or acronym of the organisation that makes it, one of few ("oci" for runc)
	TierListing = 3 // the base name of another listing of a project ("Istio (Wasm)")
	TierOrg     = 4 // the base name of an organisation's entry ("Docker (member)")
	TierExact   = 5 // the name, slug, name without spaces or acronym
	TierAlias   = 6 // a jargon alias: chosen over another item's acronym ("eks")
)

// ItemNames is how one item can be named.
type ItemNames struct {
	Keys    []NameKey // exact keys, normalised (normName or compact)
	Words   []string  // the name field's words: name, camel-case parts, acronym, repository, aliases
	Length  int       // words in the name itself, for length normalisation
	written []written // the ways of writing it that a text may hold, as written
	// canon is the item a mention of this one means: itself, or for another
	// listing of a project (or an organisation's entry named like one),
	// the plain item.
	canon int
}

// written is one way of writing an item's name.
type written struct {
	text string
	from uint8
}

// Where a way of writing a name comes from.
const (
	fromName    = iota // the (base) name
	fromAcronym        // the acronym in parentheses
	fromRepo           // a distinctive repository name
	fromJargon         // jargon.txt
)

// NameKey is one exact key an item is named by, and how exactly it names
// it (a tier).
type NameKey struct {
	Key  string
	Tier uint8
}

// Item flags stored with each item in the search index.
const (
	FlagMember  = 1 << iota // an organisation's entry
	FlagListing             // another listing of a project listed plainly elsewhere
	FlagRepo                // has a repository: an open source project
	FlagGuide               // the landscape's guide names it, in its own place
)

var genericRepoNames = lexicon.Listed("genericRepoNames")

var nameStopWords = lexicon.Listed("nameStopWords")

// BuildNames works out how each item of x can be named, and its flags.
func BuildNames(x *landscape.Index) ([]ItemNames, []uint8) {
	n := x.Len()
	names := make([]ItemNames, n)
	flags := make([]uint8, n)
	plain := map[string]int{} // base names of plain (unqualified, non-organisation) items: the first
	orgs := map[string]int{}  // base names of organisations' entries: the first
	for i := range n {
		it := x.Item(i)
		base, _, qualified := lexicon.SplitName(it.Name)
		if _, seen := plain[lexicon.NormName(it.Name)]; !seen && !qualified && !x.OrganizationCategory(it.Category) {
			plain[lexicon.NormName(it.Name)] = i
		}
		org := x.IsOrganization(it)
		if _, seen := orgs[lexicon.NormName(base)]; !seen && org {
			orgs[lexicon.NormName(base)] = i
		}
	}
	// Repository names, with how many distinct items use each, and every
	// item's own name: a repository alias that is another item's name, or
	// shared by several items, names none of them.
	repoUsers := map[string]map[string]bool{}
	ownNames := map[string]bool{}
	for i := range n {
		it := x.Item(i)
		base, _, _ := lexicon.SplitName(it.Name)
		ownNames[Compact(base)] = true
		if r := repoName(it.RepoURL); r != "" {
			if repoUsers[Compact(r)] == nil {
				repoUsers[Compact(r)] = map[string]bool{}
			}
			repoUsers[Compact(r)][lexicon.NormName(base)] = true
		}
	}
	for i := range n {
		it := x.Item(i)
		base, paren, qualified := lexicon.SplitName(it.Name)
		nm := &names[i]
		org := x.IsOrganization(it)
		nm.canon = i
		if p, ok := plain[lexicon.NormName(base)]; ok {
			nm.canon = p
		} else if o, ok := orgs[lexicon.NormName(base)]; ok && qualified {
			nm.canon = o // "Docker (Wasm)" is Docker, the organisation
		}
		_, hasPlain := plain[lexicon.NormName(base)]
		switch {
		case org:
			flags[i] |= FlagMember
		case qualified && hasPlain:
			flags[i] |= FlagListing
		}
		if it.RepoURL != "" {
			flags[i] |= FlagRepo
		}
		// Queries are looked up as normName and as compact, so a key is
		// stored in the form queries take: a slug "talos-linux" is found
		// as "talos linux" already.
		exact := func(key string, tier uint8) {
			if key = lexicon.NormName(key); key != "" && !slices.Contains(nm.Keys, NameKey{key, tier}) {
				nm.Keys = append(nm.Keys, NameKey{key, tier})
			}
		}
		exactCompact := func(key string, tier uint8) {
			if c := Compact(key); c != lexicon.NormName(key) {
				exact(c, tier)
			}
		}
		word := func(w string) {
			if w != "" && !nameStopWords.Has(w) && !slices.Contains(nm.Words, w) {
				nm.Words = append(nm.Words, w)
			}
		}
		nm.written = append(nm.written, written{base, fromName})
		exact(it.Name, TierExact)
		exactCompact(it.Name, TierExact)
		exact(it.Slug, TierExact)
		switch {
		case !qualified && paren != "":
			nm.written = append(nm.written, written{paren, fromAcronym})
			exact(paren, TierExact)
			exact(base, TierExact)
			exactCompact(base, TierExact)
		case qualified && org:
			exact(base, TierOrg)
			exactCompact(base, TierOrg)
		case qualified:
			exact(base, TierListing)
			exactCompact(base, TierListing)
		}
		own := lexicon.Words(base)
		nm.Length = max(1, len(own))
		for _, w := range lexicon.Words(it.Name) {
			if !qualified || !slices.Contains(lexicon.Words(paren), w) {
				word(w)
			}
		}
		if len(own) > 1 {
			word(Compact(base))
		}
		for _, part := range camelParts(base) {
			word(part)
		}
		if r := repoName(it.RepoURL); r != "" && distinctiveRepo(x, r, base, repoUsers, ownNames) {
			nm.written = append(nm.written, written{r, fromRepo})
			word(Compact(r))
			for _, w := range lexicon.Words(r) {
				if !genericRepoNames.Has(w) && !CommonWords.Has(w) && len(w) > 1 {
					word(w)
				}
			}
		}
	}
	// The organisation that makes an item, when it makes few: "oci" and
	// "open container initiative" name runc as their maker's project.
	for i, maker := range Makers(x) {
		if maker == "" {
			continue
		}
		if a := lexicon.Acronym(maker); a != "" {
			names[i].Keys = append(names[i].Keys, NameKey{a, TierMadeBy})
		}
		names[i].Keys = append(names[i].Keys, NameKey{maker, TierMadeBy})
	}
	// Jargon aliases go to the item of that exact name, and to no other.
	for alias, target := range lexicon.FieldJargon().Names {
		for i := range n {
			if it := x.Item(i); it.Name == target {
				names[i].written = append(names[i].written, written{alias, fromJargon})
				names[i].Keys = append(names[i].Keys, NameKey{alias, TierAlias})
				if c := strings.ReplaceAll(alias, " ", ""); c != alias {
					names[i].Keys = append(names[i].Keys, NameKey{c, TierAlias})
				}
				for _, w := range lexicon.Words(alias) {
					if !slices.Contains(names[i].Words, w) {
						names[i].Words = append(names[i].Words, w)
					}
				}
				if c := strings.ReplaceAll(alias, " ", ""); !slices.Contains(names[i].Words, c) {
					names[i].Words = append(names[i].Words, c)
				}
				break
			}
		}
	}
	return names, flags
}

// distinctiveRepo reports whether a repository's name names its item: not
// a generic word ("infra", "core", "api"), not an ordinary English word
// unless it is the item's own name, not another item's name, and not shared
// by items of different names.
func distinctiveRepo(x *landscape.Index, repo, base string, users map[string]map[string]bool, ownNames map[string]bool) bool {
	c := Compact(repo)
	if utf8.RuneCountInString(c) < 3 || genericRepoNames.Has(c) || len(users[c]) > 1 {
		return false
	}
	if c == Compact(base) {
		return true // the item's own name, written as a repository
	}
	if CommonWords.Has(c) || ownNames[c] {
		return false
	}
	// "api-gateway", "data-platform": words any project may use, joined.
	for _, w := range lexicon.Words(repo) {
		if !genericRepoNames.Has(w) && !GenericWords.Has(w) && !CommonWords.Has(w) && !contextWords.Has(w) {
			return true
		}
	}
	return false
}

// repoName is the last path segment of a repository URL, or "" when the URL
// names an organisation rather than a repository.
func repoName(u string) string {
	u = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(u), "/"), ".git")
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(u, "http://")
	}
	if !ok {
		return ""
	}
	parts := strings.Split(rest, "/")
	if len(parts) < 3 || parts[len(parts)-1] == "" {
		return ""
	}
	return strings.ToLower(parts[len(parts)-1])
}

// camelParts splits each word of a name written in camel case into its
// parts, lower-cased: "OpenFaaS" → open, faas; "CloudNativePG" → cloud,
// native, pg; "HAProxy" → ha, proxy. Words without a change of case give
// nothing; single letters are dropped.
func camelParts(name string) []string {
	var out []string
	for _, word := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(word)
		start := 0
		var parts []string
		for i := 1; i < len(rs); i++ {
			lowerToUpper := !unicode.IsUpper(rs[i-1]) && unicode.IsUpper(rs[i]) && i != len(rs)-1
			acronymEnd := unicode.IsUpper(rs[i-1]) && unicode.IsUpper(rs[i]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if lowerToUpper || acronymEnd {
				parts = append(parts, string(rs[start:i]))
				start = i
			}
		}
		if len(parts) == 0 {
			continue
		}
		parts = append(parts, string(rs[start:]))
		for _, p := range parts {
			if utf8.RuneCountInString(p) > 1 {
				out = append(out, strings.ToLower(p))
			}
		}
	}
	return out
}
