package landscape

import (
	"bufio"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mention is one place in a text that names an item.
type Mention struct {
	Source  string `json:"source"`  // file name, or "-" for standard input
	Line    int    `json:"line"`    // 1-based
	Text    string `json:"text"`    // the whole line, as written
	Matched string `json:"matched"` // the words that matched, as written
}

// Found is an item a text mentions, with every mention in order.
type Found struct {
	Index    int       // for Index.Item
	Mentions []Mention // in the order they were read
}

// Scanner finds the landscape items that texts mention. Precision comes
// first: a false match is worse than a miss. Names match as whole words or
// phrases, never inside another word; names that are ordinary words
// ("Harbor", "Flux", "Helm") or very short count only when written like a
// name or next to cloud-native words; acronyms must be upper case. Aliases
// help: names in parentheses ("OPA"), repository names ("talos"), and a small
// table ("k8s", "otel"). Member entries and repeated listings collapse to
// the project.
type Scanner struct {
	x       *Index
	byFirst map[string][]phrase // by first token, longest first
	found   map[int]*Found
	order   []int
}

// phrase is one way to write an item's name, as lower-case tokens.
type phrase struct {
	tokens []string
	target int
	kind   phraseKind
}

type phraseKind int

const (
	plainPhrase   phraseKind = iota // distinctive: any case
	acronymPhrase                   // "OPA", "CNI": upper case only
	riskyPhrase                     // an ordinary word: needs name-like writing or context
	smallPhrase                     // three letters, not a word ("zot", "Dex"): needs context on the line
	shortPhrase                     // two characters ("k6", "F5"): exact case and context
)

// curatedAliases are what people write for a project that neither its name
// nor its repository gives.
var curatedAliases = map[string]string{
	"k8s":     "Kubernetes",
	"talos":   "Talos Linux",
	"otel":    "OpenTelemetry",
	"crio":    "CRI-O",
	"argocd":  "Argo",
	"argo cd": "Argo",
}

// qualifiers are parenthesised suffixes that mark another listing of the
// same thing, not another name for it.
var qualifiers = setOf("member", "supporter", "contributor", "kcsp", "wasm", "ktp", "end user", "end user supporter")

// contextWords make an ordinary word next to them read as a project name:
// "helm install", "flux bootstrap", "the Harbor registry".
var contextWords = setOf(
	"kubernetes", "k8s", "kubectl", "cluster", "clusters", "container", "containers", "pod", "pods",
	"chart", "charts", "deploy", "deployment", "deployments", "install", "installed", "cncf", "cloud",
	"operator", "operators", "docker", "image", "images", "registry", "registries", "runtime", "mesh",
	"ingress", "gitops", "observability", "metrics", "tracing", "proxy", "yaml", "manifest", "manifests",
	"namespace", "namespaces", "oci", "cri", "workload", "workloads", "controller", "sidecar", "cli",
	"bootstrap", "reconcile", "graduated", "incubating", "sandbox", "project", "helm", "kustomize",
)

// memberCategories hold organisations, not projects: their entries count
// only as other listings of a project.
var memberCategories = setOf("cncf members", "special")

// NewScanner prepares to scan texts for the items of x.
func (x *Index) NewScanner() *Scanner {
	s := &Scanner{x: x, byFirst: map[string][]phrase{}, found: map[int]*Found{}}
	// The project a name stands for: its first listing outside the member
	// categories, else (an organisation only) nothing.
	canonical := map[string]int{}
	for i := range x.Len() {
		sum := x.Summary(i)
		base, _ := splitQualifier(sum.Name)
		key := strings.ToLower(base)
		if _, ok := canonical[key]; !ok && !memberCategories.has(strings.ToLower(sum.Category)) {
			canonical[key] = i
		}
	}
	type candidate struct {
		target int
		exact  bool // the alias is the item's own name
	}
	aliases := map[string][]candidate{} // joined tokens → candidates
	original := map[string]string{}     // joined tokens → as written
	add := func(written string, target int, exact bool) {
		toks := tokenize(written)
		if len(toks) == 0 {
			return
		}
		key := strings.Join(lowerAll(toks), " ")
		if !slices.ContainsFunc(aliases[key], func(c candidate) bool { return c.target == target }) {
			aliases[key] = append(aliases[key], candidate{target, exact})
		}
		if _, ok := original[key]; !ok || exact {
			original[key] = written
		}
	}
	for i := range x.Len() {
		sum := x.Summary(i)
		base, paren := splitQualifier(sum.Name)
		target, ok := canonical[strings.ToLower(base)]
		if !ok {
			continue
		}
		add(base, target, true)
		if paren != "" && !qualifiers.has(strings.ToLower(paren)) {
			add(paren, target, true)
		}
		// Repository names help ("opa", "talos") but short ones are
		// generic ("kube", "core"): only five letters or more.
		if repo := repoName(x.Item(i).RepoURL); repo != "" && !commonWords.has(repo) && len(repo) >= 5 {
			add(repo, target, false)
		}
	}
	for alias, name := range curatedAliases {
		if t, ok := canonical[strings.ToLower(name)]; ok {
			add(alias, t, true)
		}
	}
	for key, cands := range aliases {
		target := -1
		if len(cands) == 1 {
			target = cands[0].target
		} else {
			// One item's own name beats another's repository name;
			// otherwise the alias is ambiguous and is dropped.
			var exact []candidate
			for _, c := range cands {
				if c.exact {
					exact = append(exact, c)
				}
			}
			if len(exact) == 1 {
				target = exact[0].target
			}
		}
		if target < 0 {
			continue
		}
		p := phrase{tokens: strings.Split(key, " "), target: target, kind: classify(original[key])}
		if p.kind < 0 {
			continue
		}
		s.byFirst[p.tokens[0]] = append(s.byFirst[p.tokens[0]], p)
	}
	for _, ps := range s.byFirst {
		slices.SortFunc(ps, func(a, b phrase) int { return len(b.tokens) - len(a.tokens) })
	}
	return s
}

// splitQualifier splits "Open Policy Agent (OPA)" into its name and the
// parenthesised part.
func splitQualifier(name string) (base, paren string) {
	name = strings.TrimSpace(name)
	if strings.HasSuffix(name, ")") {
		if open := strings.LastIndex(name, "("); open > 0 {
			return strings.TrimSpace(name[:open]), strings.TrimSpace(name[open+1 : len(name)-1])
		}
	}
	return name, ""
}

// repoName is the last path segment of a repository URL, lower-cased.
func repoName(u string) string {
	u = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(u), "/"), ".git")
	if i := strings.LastIndex(u, "/"); i >= 0 && strings.Count(u, "/") >= 3 {
		return strings.ToLower(u[i+1:])
	}
	return ""
}

// classify decides how strictly a way of writing a name must match; -1
// means never (a single letter).
func classify(written string) phraseKind {
	toks := tokenize(written)
	if len(toks) > 1 {
		for _, t := range toks {
			if l := strings.ToLower(t); !commonWords.has(l) && !stopWords.has(l) && !contextWords.has(l) && !genericWords.has(l) && len(t) > 2 {
				return plainPhrase
			}
		}
		return riskyPhrase // "Operator Framework": capitalised, or in context
	}
	t := toks[0]
	hasDigit := strings.ContainsFunc(t, unicode.IsDigit)
	switch {
	case utf8.RuneCountInString(t) <= 1:
		return -1
	case utf8.RuneCountInString(t) == 2:
		return shortPhrase
	case isAcronym(t) && !hasDigit:
		return acronymPhrase
	case commonWords.has(strings.ToLower(t)):
		return riskyPhrase
	case utf8.RuneCountInString(t) <= 3 && !hasDigit:
		return smallPhrase
	}
	return plainPhrase
}

var stopWords = setOf("a", "an", "the", "of", "for", "and", "or", "to", "in", "on", "by", "with", "open", "source")

// genericWords make a name of several words no more distinctive than its
// parts: "Service Mesh Interface" could be prose.
var genericWords = setOf("service", "services", "interface", "engine", "platform", "data", "network",
	"storage", "security", "manager", "management", "agent", "tools", "toolkit", "system", "app",
	"application", "applications", "api", "gateway", "cloud", "native", "edge", "serverless", "function")

func isAcronym(t string) bool {
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
	}
	return utf8.RuneCountInString(t) <= 6
}

// token is a run of letters and digits in a line.
type token struct {
	text       string
	start, end int  // byte offsets in the line
	sentence   bool // starts a sentence (or the line)
	marked     bool // in Markdown `code` or [link text]: written as a name
}

func tokenize(s string) []string {
	var out []string
	for _, t := range lineTokens(s) {
		out = append(out, t.text)
	}
	return out
}

func lineTokens(line string) []token {
	var toks []token
	sentence := true
	code, link := false, false
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			switch {
			case strings.ContainsRune(".!?", r):
				sentence = true
			case r == '`':
				code = !code
			case r == '[':
				link = strings.Contains(line[i:], "](")
			case r == ']':
				link = false
			}
			i += size
			continue
		}
		j := i
		for j < len(line) {
			r, size := utf8.DecodeRuneInString(line[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += size
		}
		toks = append(toks, token{text: line[i:j], start: i, end: j, sentence: sentence, marked: code || link})
		sentence = false
		i = j
	}
	return toks
}

func lowerAll(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = strings.ToLower(t)
	}
	return out
}

// maxLine bounds a line, so a hostile file cannot make the scanner hold
// much more than a line at a time.
const maxLine = 1 << 20

// Scan reads one text and records what it mentions.
func (s *Scanner) Scan(source string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	fenced := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		s.scanLine(source, n, line, fenced)
	}
	return sc.Err()
}

func (s *Scanner) scanLine(source string, n int, line string, fenced bool) {
	toks := lineTokens(line)
	if fenced && len(toks) > 0 {
		toks[0].marked = true // the command of a shell line: "helm install …"
	}
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = strings.ToLower(t.text)
	}
	type hit struct {
		at, length int
		p          phrase
	}
	var hits []hit
	for i := 0; i < len(toks); i++ {
		for _, p := range s.byFirst[lower[i]] {
			if i+len(p.tokens) > len(toks) || !slices.Equal(lower[i:i+len(p.tokens)], p.tokens) || !closeTogether(line, toks[i:i+len(p.tokens)]) {
				continue
			}
			hits = append(hits, hit{i, len(p.tokens), p})
			i += len(p.tokens) - 1
			break
		}
	}
	// Cloud-native words, and distinctive names, on the line are context
	// for the ordinary names.
	lineHasContext := slices.ContainsFunc(lower, func(w string) bool { return contextWords.has(w) }) ||
		slices.ContainsFunc(hits, func(h hit) bool { return h.p.kind == plainPhrase })
	// nextToContext: a cloud-native word right before or after (another
	// project's name is not enough: "Argo CD keep the cluster").
	nextToContext := func(at, length int) bool {
		return at > 0 && contextWords.has(lower[at-1]) || at+length < len(lower) && contextWords.has(lower[at+length])
	}
	for _, h := range hits {
		first := toks[h.at]
		written := line[first.start:toks[h.at+h.length-1].end]
		capital := unicode.IsUpper([]rune(first.text)[0])
		ok := false
		switch h.p.kind {
		case plainPhrase:
			ok = true
		case acronymPhrase:
			ok = isAcronym(written) && !strings.ContainsFunc(written, unicode.IsLower)
		case shortPhrase:
			ok = sameCase(written, h.p) && lineHasContext
		case smallPhrase:
			ok = first.marked || lineHasContext
		case riskyPhrase:
			// An ordinary word is a name when the text says so: written
			// as code or a link, capitalised among cloud-native words
			// ("the Harbor registry"), or right next to one ("helm
			// install"). A capital alone is not enough: "the Apollo
			// missions".
			switch {
			case first.marked:
				ok = true
			case capital:
				ok = lineHasContext
			default:
				ok = nextToContext(h.at, h.length)
			}
		}
		if ok {
			s.record(h.p.target, Mention{Source: source, Line: n, Text: line, Matched: written})
		}
	}
}

// sameCase reports whether a two-character name was written as the item
// writes it ("k6", "F5"), since those are too short to guess.
func sameCase(written string, p phrase) bool {
	return strings.EqualFold(written, p.tokens[0]) && (written == strings.ToUpper(written) || written == strings.ToLower(written))
}

// closeTogether reports whether the tokens of a phrase sit next to each
// other in the line, apart only by a space, hyphen, dot or slash.
func closeTogether(line string, toks []token) bool {
	for i := 1; i < len(toks); i++ {
		gap := line[toks[i-1].end:toks[i].start]
		if len(gap) > 2 || strings.Trim(gap, " -./_") != "" {
			return false
		}
	}
	return true
}

func (s *Scanner) record(target int, m Mention) {
	f, ok := s.found[target]
	if !ok {
		f = &Found{Index: target}
		s.found[target] = f
		s.order = append(s.order, target)
	}
	f.Mentions = append(f.Mentions, m)
}

// Found returns what the texts scanned so far mention, in the order first
// mentioned.
func (s *Scanner) Found() []Found {
	out := make([]Found, len(s.order))
	for i, t := range s.order {
		out[i] = *s.found[t]
	}
	return out
}
