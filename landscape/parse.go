package landscape

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Limits that hold while reading, before the work they bound: a hostile
// file must not cost much more than its size. The real CNCF landscape has
// about 24,000 nodes, its largest item is 5 KB, and aliases are not used;
// a landscape ten times larger stays far inside these.
const (
	// MaxDocument bounds the bytes Parse reads.
	MaxDocument = 32 << 20
	// maxNodes bounds the YAML nodes of a document, counted cheaply on
	// the bytes (lines, commas, brackets) before it is decoded: a 31 MB
	// flow list would otherwise become millions of nodes and gigabytes.
	maxNodes = 1_000_000
	// The items may expand, with their aliases, to at most twice the
	// document's size plus expansionSlack: one alias to a 1 MB string used
	// 150 times is not a 150 MB landscape.
	expansionSlack = 1 << 20
	// maxSecondPaths bounds an item's second_path list (the real data has
	// three at most): each is resolved once, when the file is parsed.
	maxSecondPaths = 100
)

// Parse reads a landscape.yml and returns its index. Errors name the line of
// the data file where the problem is. Fields the reference does not document
// are kept in Item.Other and Extra.Other, never fatal.
func Parse(r io.Reader) (*Index, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxDocument+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxDocument {
		return nil, fmt.Errorf("the file is over the %d-byte limit", MaxDocument)
	}
	if n := nodeBound(raw); n > maxNodes {
		return nil, fmt.Errorf("the file has about %d YAML nodes, over the limit of %d", n, maxNodes)
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the file is empty")
		}
		return nil, fmt.Errorf("invalid YAML: %s", trimYAMLError(err))
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: expected a mapping with a top-level landscape: list", doc.Line)
	}
	root := doc.Content[0]
	if err := checkKeys(root); err != nil {
		return nil, err
	}
	cats := lookup(root, "landscape")
	if cats == nil {
		cats = lookup(root, "categories")
	}
	if cats == nil {
		return nil, fmt.Errorf("line %d: no landscape: or categories: list at the top level", root.Line)
	}
	if cats.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("line %d: landscape: must be a list of categories", cats.Line)
	}
	b := newBuilder()
	b.budget = 2*len(raw) + expansionSlack
	for _, cn := range cats.Content {
		if err := b.category(cn); err != nil {
			return nil, err
		}
	}
	if len(b.idx.Categories) == 0 {
		return nil, fmt.Errorf("line %d: the landscape has no categories", cats.Line)
	}
	b.resolveSecondPaths()
	assignSlugs(b.items)
	b.idx.src = memSource(b.items)
	// Complete before anyone reads it: a lazy settle on first Search
	// would write items another goroutine reads.
	b.idx.SettleAbout(nil, nil)
	return b.idx, nil
}

type builder struct {
	idx    *Index
	items  []Item
	budget int // bytes of text the items may still expand to
}

// nodeBound is an upper bound on the YAML nodes of a document, from the
// bytes that can start one: each line, comma and opening bracket.
func nodeBound(b []byte) int {
	return bytes.Count(b, []byte{'\n'}) + bytes.Count(b, []byte{','}) + bytes.Count(b, []byte{'['}) + bytes.Count(b, []byte{'{'}) + 1
}

// expandedSize is the text of n with its aliases expanded, counted until it
// passes limit.
func expandedSize(n *yaml.Node, limit int) int {
	size := 0
	stack := []*yaml.Node{n}
	for len(stack) > 0 && size <= limit {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch n.Kind {
		case yaml.AliasNode:
			if n.Alias != nil {
				stack = append(stack, n.Alias)
			}
		case yaml.ScalarNode:
			size += len(n.Value) + 1
		default:
			size++
			stack = append(stack, n.Content...)
		}
	}
	return size
}

func newBuilder() *builder { return &builder{idx: &Index{}} }

func (b *builder) category(n *yaml.Node) error {
	name, err := requiredName(n, "category")
	if err != nil {
		return err
	}
	cat := Category{Name: name}
	subs := lookup(n, "subcategories")
	if subs != nil && subs.Kind != yaml.SequenceNode && !isNull(subs) {
		return fmt.Errorf("line %d: subcategories of %q must be a list", subs.Line, name)
	}
	if subs != nil {
		for _, sn := range subs.Content {
			sub, err := b.subcategory(sn, name)
			if err != nil {
				return err
			}
			cat.Subcategories = append(cat.Subcategories, sub)
		}
	}
	b.idx.Categories = append(b.idx.Categories, cat)
	return nil
}

func (b *builder) subcategory(n *yaml.Node, category string) (Subcategory, error) {
	name, err := requiredName(n, "subcategory")
	if err != nil {
		return Subcategory{}, err
	}
	sub := Subcategory{Name: name}
	items := lookup(n, "items")
	if items != nil && items.Kind != yaml.SequenceNode && !isNull(items) {
		return sub, fmt.Errorf("line %d: items of %q must be a list", items.Line, name)
	}
	if items == nil {
		return sub, nil
	}
	for _, in := range items.Content {
		if b.budget -= expandedSize(in, b.budget); b.budget < 0 {
			return sub, fmt.Errorf("line %d: with its aliases expanded, the data grows to more than twice the file's size", in.Line)
		}
		it, err := parseItem(in)
		if err != nil {
			return sub, err
		}
		it.Category, it.Subcategory = category, name
		sub.Items = append(sub.Items, len(b.items))
		b.items = append(b.items, it)
	}
	return sub, nil
}

func parseItem(n *yaml.Node) (Item, error) {
	var it Item
	name, err := requiredName(n, "item")
	if err != nil {
		return it, err
	}
	if err := n.Decode(&it); err != nil {
		return it, fmt.Errorf("item %q: %s", name, trimYAMLError(err))
	}
	it.Name, it.Line = name, n.Line
	if len(it.SecondPath) > maxSecondPaths {
		return it, fmt.Errorf("line %d: item %q lists %d second paths; at most %d", n.Line, name, len(it.SecondPath), maxSecondPaths)
	}
	itemKeys, extraKeys := knownKeys()
	if it.Other, err = unknownFields(n, itemKeys); err != nil {
		return it, fmt.Errorf("item %q: %w", name, err)
	}
	if extra := lookup(n, "extra"); extra != nil && extra.Kind == yaml.MappingNode {
		if it.Extra == nil {
			it.Extra = &Extra{}
		}
		if it.Extra.Other, err = unknownFields(extra, extraKeys); err != nil {
			return it, fmt.Errorf("item %q: %w", name, err)
		}
	}
	return it, nil
}

// requiredName returns the trimmed name: of a mapping node, or a clear error.
func requiredName(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.MappingNode {
		return "", fmt.Errorf("line %d: expected a %s (a mapping with a name)", n.Line, what)
	}
	v := lookup(n, "name")
	if v == nil || v.Kind != yaml.ScalarNode || isNull(v) || strings.TrimSpace(v.Value) == "" {
		return "", fmt.Errorf("line %d: %s without a name", n.Line, what)
	}
	return strings.TrimSpace(v.Value), nil
}

// lookup returns the value node of key in a mapping node, or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// checkKeys refuses a mapping that holds a key twice, anywhere in the
// document: the first copy would win silently (a second "items:" in a
// subcategory would drop the first list). Aliases are not followed.
func checkKeys(n *yaml.Node) error {
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.MappingNode {
			seen := make(map[string]int, len(n.Content)/2)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind != yaml.ScalarNode {
					continue
				}
				if first, dup := seen[k.Value]; dup {
					return fmt.Errorf("line %d: duplicate key %q (first at line %d)", k.Line, k.Value, first)
				}
				seen[k.Value] = k.Line
			}
		}
		if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode || n.Kind == yaml.DocumentNode {
			stack = append(stack, n.Content...)
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// knownKeys are the keys the model knows; everything else is kept in
// Other. The real file marks each list entry with an empty "item:",
// "category:" or "subcategory:" key. They are worked out on the first parse,
// not at start-up: reflection is slow to warm up, and most commands never
// parse.
var knownKeys = sync.OnceValues(func() (item, extra map[string]bool) {
	return yamlKeys(reflect.TypeFor[Item](), "item"), yamlKeys(reflect.TypeFor[Extra]())
})

func yamlKeys(t reflect.Type, more ...string) map[string]bool {
	keys := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			keys[name] = true
		}
	}
	for _, k := range more {
		keys[k] = true
	}
	return keys
}

func unknownFields(n *yaml.Node, known map[string]bool) (map[string]string, error) {
	var other map[string]string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		if known[k] || isNull(v) {
			continue
		}
		text, err := nodeText(v)
		if err != nil {
			return nil, fmt.Errorf("line %d: field %q: %s", v.Line, k, trimYAMLError(err))
		}
		if other == nil {
			other = map[string]string{}
		}
		other[k] = text
	}
	return other, nil
}

// maxOtherText bounds an undocumented field rendered as JSON: nothing the
// landscape documents is that large, and an alias bomb would be larger.
const maxOtherText = 64 << 10

// nodeText renders a scalar as its text and anything nested as JSON.
func nodeText(n *yaml.Node) (string, error) {
	if n.Kind == yaml.ScalarNode {
		return n.Value, nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return "", err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if len(b) > maxOtherText {
		return "", fmt.Errorf("nested value of %d bytes, over the %d-byte limit", len(b), maxOtherText)
	}
	return string(b), nil
}

// trimYAMLError makes yaml.v3's errors one line without the "yaml: " prefix.
func trimYAMLError(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	s = strings.TrimPrefix(s, "unmarshal errors:\n")
	s = lexicon.Squash(s)
	return s
}
