package mcpserver

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/cnl-dev/cnl/cmd/internal/mcpservice"
)

// schemaFor is T's JSON Schema as every major host takes it: a Go slice or
// pointer, which the inferred schema types as ["null","array"] (a type
// list Gemini refuses, and with it every tool of the server), is typed as
// what it holds; args add the closed sets, defaults and bounds the
// command line checks.
func schemaFor[T any](args map[string]mcpservice.Arg) (*jsonschema.Schema, error) {
	s, err := jsonschema.ForType(reflect.TypeFor[T](), &jsonschema.ForOptions{})
	if err != nil {
		return nil, err
	}
	portable(s)
	for name, a := range args {
		p := s.Properties[name]
		if p == nil {
			return nil, fmt.Errorf("%T has no argument %q", *new(T), name)
		}
		target := p
		if p.Type == "array" {
			target = p.Items
			if a.Min > 0 {
				p.MinItems = ptr(a.Min)
			}
			if a.Max > 0 {
				p.MaxItems = ptr(a.Max)
			}
		} else if p.Type == "integer" || p.Type == "number" {
			p.Minimum = ptr(float64(a.Min))
			if a.Max > 0 {
				p.Maximum = ptr(float64(a.Max))
			}
		}
		for _, v := range a.Enum {
			target.Enum = append(target.Enum, v)
		}
		if a.Default != nil {
			b, err := json.Marshal(a.Default)
			if err != nil {
				return nil, err
			}
			p.Default = b
		}
	}
	return s, nil
}

// portable rewrites a type list of "null" and one type as that type,
// everywhere in s: an absent or empty value says the same (cnl writes no
// null; see sanitize).
func portable(s *jsonschema.Schema) {
	if s == nil {
		return
	}
	if len(s.Types) == 2 && slices.Contains(s.Types, "null") {
		i := slices.Index(s.Types, "null")
		s.Type, s.Types = s.Types[1-i], nil
	}
	for _, p := range s.Properties {
		portable(p)
	}
	portable(s.Items)
	portable(s.AdditionalProperties)
	for _, d := range s.Defs {
		portable(d)
	}
}
