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
	Column  int    `json:"column"`  // 1-based, in characters, where the match starts
	Text    string `json:"text"`    // the line, or the part of a long one around the match (see snippet)
	Matched string `json:"matched"` // the words that matched, as written
}

// maxSnippet bounds the text a mention keeps of its line: scanning a file
// of long lines keeps the matches, not a copy of the file.
const maxSnippet = 240

// snippet is line, or the part of it around line[start:end] when it is
// longer than maxSnippet, cut at characters and marked with "…".
func snippet(line string, start, end int) string {
	if len(line) <= maxSnippet {
		return strings.Clone(line)
	}
	room := max(0, maxSnippet-(end-start))
	from, to := max(0, start-room/2), min(len(line), end+room/2)
	for from > 0 && !utf8.RuneStart(line[from]) {
		from--
	}
	for to < len(line) && !utf8.RuneStart(line[to]) {
		to++
	}
	out := line[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(line) {
		out += "…"
	}
	return strings.Clone(out)
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
	x        *Index
	phrases  []phrase // by first token, then longest first (see lookup)
	found    map[int]*Found
	order    []int
	concepts *ConceptFinder // when set, the glossary's terms are found too
}

// FindConcepts makes the scanner find the glossary's terms as well, into
// c: a line that names a project is about software for them.
func (s *Scanner) FindConcepts(c *ConceptFinder) { s.concepts = c }

// phrase is one way to write an item's name, as lower-case tokens.
type phrase struct {
	tokens  []string
	target  int
	kind    phraseKind
	joined  string // "-" for "cri-o": written so, the name is distinctive
	org     bool   // an organisation: named only with a capital ("VMware", not "jetstack" in a URL)
	written string // as the item writes it
}

type phraseKind int

const (
	plainPhrase   phraseKind = iota // distinctive: any case
	acronymPhrase                   // "OPA", "CNI": upper case only
	riskyPhrase                     // an ordinary word: needs name-like writing or context
	smallPhrase                     // three letters, not a word ("zot", "Dex"): needs context on the line
	shortPhrase                     // two characters ("k6", "F5"): exact case and context
	loudPhrase                      // a longer acronym that is no word ("KEDA", "NATS"): any case
	topicPhrase                     // a word of the field ("Serverless"): only written as code or a link
)

// contextWords make an ordinary word next to them read as a project name:
// "helm install", "flux bootstrap", "the Harbor registry".
var contextWords = setOf(
	"kubernetes", "k8s", "kubectl", "cluster", "clusters", "container", "containers", "pod", "pods",
	"chart", "charts", "deploy", "deployment", "deployments", "install", "installed", "cncf", "cloud",
	"operator", "operators", "docker", "image", "images", "registry", "registries", "runtime", "mesh",
	"ingress", "gitops", "observability", "metrics", "tracing", "proxy", "yaml", "manifest", "manifests",
	"namespace", "namespaces", "oci", "cri", "cni", "csi", "workload", "workloads", "controller", "sidecar", "cli",
	"bootstrap", "reconcile", "graduated", "incubating", "sandbox", "project", "helm", "kustomize",
	"networking", "network", "storage", "monitoring", "logging", "logs", "alerting", "dashboards",
	"serverless", "autoscaling", "autoscaler", "scheduler", "microvm", "microvms", "vm", "vms",
	"ebpf", "secrets", "certificates", "tls", "mtls", "gateway", "grpc", "api", "cicd", "pipeline", "pipelines",
)

// NewScanner prepares to scan texts for the items of x, through the name
// model that search and resolve use: names, acronyms, distinctive
// repository names and the field's jargon. Another listing of a project,
// or an organisation's entry named like one, counts as the project.
func (x *Index) NewScanner() *Scanner {
	// A compiled index holds the scanner's phrases: reading them costs a
	// fraction of building them from every item's record.
	if x.searchData != nil {
		if ps, ok := readPhrases(x.searchIdx().phrases, x.Len()); ok {
			return &Scanner{x: x, phrases: ps, found: map[int]*Found{}}
		}
	}
	names, flags := x.buildNames()
	return x.scannerFor(names, flags)
}

// scannerFor is NewScanner with the name model already built.
func (x *Index) scannerFor(names []itemNames, flags []uint8) *Scanner {
	s := &Scanner{x: x, found: map[int]*Found{}}
	type candidate struct {
		target int
		exact  bool // the item's own name (or acronym, or alias), not a repository's
	}
	aliases := map[string][]candidate{} // joined tokens → candidates
	original := map[string]written{}    // joined tokens → as written
	for i := range names {
		target := names[i].canon
		for _, w := range names[i].written {
			toks := tokenize(w.text)
			if len(toks) == 0 {
				continue
			}
			key := strings.Join(lowerAll(toks), " ")
			exact := w.from != fromRepo
			if !slices.ContainsFunc(aliases[key], func(c candidate) bool { return c.target == target }) {
				aliases[key] = append(aliases[key], candidate{target, exact})
			}
			if o, ok := original[key]; !ok || exact && o.from == fromRepo {
				original[key] = w
			}
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
		w := original[key]
		p := phrase{tokens: strings.Split(key, " "), target: target, kind: classify(w.text), joined: joiner(w.text),
			org: flags[target]&flagMember != 0, written: w.text}
		if p.joined != "" {
			p.kind = plainPhrase // "cri-o", "cert-manager": distinctive, written so
		}
		if p.kind < 0 {
			continue
		}
		s.phrases = append(s.phrases, p)
	}
	slices.SortFunc(s.phrases, func(a, b phrase) int {
		if c := strings.Compare(a.tokens[0], b.tokens[0]); c != 0 {
			return c
		}
		if c := len(b.tokens) - len(a.tokens); c != 0 {
			return c
		}
		return strings.Compare(a.written, b.written)
	})
	return s
}

// lookup returns the phrases whose first token is first, longest first.
func (s *Scanner) lookup(first string) []phrase {
	lo := firstNotLess(len(s.phrases), func(i int) string { return s.phrases[i].tokens[0] }, first)
	hi := lo
	for hi < len(s.phrases) && s.phrases[hi].tokens[0] == first {
		hi++
	}
	return s.phrases[lo:hi]
}

// joiner returns the punctuation that joins a name's words when it is
// written as one ("cri-o", "cert-manager"), or "".
func joiner(written string) string {
	toks := lineTokens(written)
	if len(toks) < 2 {
		return ""
	}
	gap := written[toks[0].end:toks[1].start]
	if gap == "-" || gap == "." || gap == "_" {
		return gap
	}
	return ""
}

// classify decides how strictly a way of writing a name must match; -1
// means never (a single letter).
func classify(written string) phraseKind {
	toks := tokenize(written)
	if len(toks) > 1 {
		for _, t := range toks {
			if l := strings.ToLower(t); !commonWords.has(l) && !scanStopWords.has(l) && !contextWords.has(l) && !genericWords.has(l) && len(t) > 2 {
				return plainPhrase
			}
		}
		return riskyPhrase // "Operator Framework": capitalised, or in context
	}
	t := toks[0]
	low := strings.ToLower(t)
	hasDigit := strings.ContainsFunc(t, unicode.IsDigit)
	n := utf8.RuneCountInString(t)
	switch {
	case n <= 1:
		return -1
	case n == 2:
		return shortPhrase
	case isAcronym(t) && !hasDigit && n >= 4 && !commonWords.has(low) && !genericWords.has(low):
		return loudPhrase
	case isAcronym(t) && !hasDigit:
		return acronymPhrase
	case genericWords.has(low) || topicWords.has(low):
		return topicPhrase
	case commonWords.has(low):
		return riskyPhrase
	case n <= 3 && !hasDigit:
		return smallPhrase
	}
	return plainPhrase
}

var scanStopWords = setOf("a", "an", "the", "of", "for", "and", "or", "to", "in", "on", "by", "with", "open", "source")

// verbWords are names that are also common verbs: at the start of a
// sentence they are most likely an instruction, not the project.
var verbWords = setOf("keep", "spin", "scale", "score", "split", "switch", "build", "pack", "seal", "tilt",
	"draft", "echo", "stash", "squash", "deploy", "redeploy", "harness", "ignite", "embrace", "encore",
	"intercept", "unleash", "ratify", "compose", "bundle", "crane", "render", "pipeline", "manifest", "radar")

// topicWords are words of the field that some item takes as its whole name
// ("Serverless", "Distribution"): in a text they are the topic, not the
// item, unless written as code or a link.
var topicWords = setOf("serverless", "distribution", "registry", "storage", "observability", "mesh",
	"gateway", "runtime", "ingress", "database", "kubernetes distribution", "functions", "operator", "sso", "iam")

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
		for _, p := range s.lookup(lower[i]) {
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
	named := false
	for _, h := range hits {
		first := toks[h.at]
		written := line[first.start:toks[h.at+h.length-1].end]
		capital := unicode.IsUpper([]rune(first.text)[0])
		ok := false
		switch h.p.kind {
		case plainPhrase:
			// A name joined by punctuation ("cri-o") is distinctive only
			// written so: "cri o" could be anything.
			ok = h.p.joined == "" || h.length == 1 || strings.Contains(written, h.p.joined) || lineHasContext
		case loudPhrase:
			// "KEDA", "keda": a longer acronym that is no word is the
			// project in any case.
			ok = true
		case topicPhrase:
			// The topic, unless the text writes it as a name: as code,
			// a link, or capitalised inside a sentence among cloud-native
			// words ("…; Distribution is the code behind Docker Hub").
			ok = first.marked || written == h.p.written && !first.sentence && lineHasContext
		case acronymPhrase:
			ok = first.marked || isAcronym(written) && !strings.ContainsFunc(written, unicode.IsLower)
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
			case capital && (!first.sentence || !verbWords.has(lower[h.at])):
				ok = lineHasContext
			case capital:
				// A verb at the start of a sentence is an instruction:
				// "Keep the cluster small", "Keep pipelines fast".
				ok = false
			default:
				ok = nextToContext(h.at, h.length)
			}
		}
		if h.p.org && !capital {
			ok = false
		}
		if ok {
			start, end := first.start, toks[h.at+h.length-1].end
			s.record(h.p.target, Mention{Source: source, Line: n, Column: utf8.RuneCountInString(line[:start]) + 1,
				Text: snippet(line, start, end), Matched: written})
			named = true
		}
	}
	if s.concepts != nil && !fenced {
		s.concepts.Line(source, n, line, named)
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
