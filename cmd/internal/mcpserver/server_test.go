package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/cnl-dev/cnl/cmd"
)

// session connects a client to a server of the built-in landscape, in
// memory.
func session(tb testing.TB) *mcp.ClientSession {
	tb.Setenv("CNL_CACHE_DIR", tb.TempDir())
	tb.Setenv("CNL_LANDSCAPE", "")
	svc, err := cmd.NewMCPService()
	if err != nil {
		tb.Fatal(err)
	}
	ct, st := mcp.NewInMemoryTransports()
	ctx := context.Background()
	if _, err := New(svc).Connect(ctx, st, nil); err != nil {
		tb.Fatal(err)
	}
	s, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Every tool is registered with schemas: a handler of a type register does
// not know would have panicked in New.
func TestEveryToolHasSchemas(t *testing.T) {
	s := session(t)
	n := 0
	for tl, err := range s.Tools(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		if tl.InputSchema == nil || tl.OutputSchema == nil || tl.Annotations == nil || !tl.Annotations.ReadOnlyHint {
			t.Errorf("%s: %+v", tl.Name, tl)
		}
		n++
	}
	if n != 11 {
		t.Errorf("%d tools", n)
	}
}

// BenchmarkSearch is one tools/call of search inside a session, warm:
// what an assistant waits for each time it asks (the bound is 5 ms).
// Client and server talk over in-memory transports, so the JSON-RPC
// encoding is measured, not a pipe.
func BenchmarkSearch(b *testing.B) {
	s := session(b)
	ctx := context.Background()
	params := &mcp.CallToolParams{Name: "search", Arguments: map[string]any{"query": "container runtime"}}
	if res, err := s.CallTool(ctx, params); err != nil || res.IsError {
		b.Fatalf("%v %+v", err, res)
	}
	for b.Loop() {
		if _, err := s.CallTool(ctx, params); err != nil {
			b.Fatal(err)
		}
	}
}

// A megabyte argument to any tool is answered or refused having allocated
// less than 64 MB in all, whatever the machine's load (the bytes a call
// allocates do not depend on when the collector runs). Before the bounds, a
// megabyte to search, get_item, guide or glossary ran the server out of
// memory.
func TestMegabyteArgumentsAllocateLittle(t *testing.T) {
	s := session(t)
	ctx := context.Background()
	big := strings.Repeat("kubernetes ", 90000)
	for name, args := range map[string]map[string]any{
		"search": {"query": big}, "get_item": {"name": big}, "guide": {"place": big}, "glossary": {"term": big},
		"scan_text": {"text": big}, "compare": {"names": []string{big, big}}, "list_items": {"place": big},
		"members": {"query": big}, "changes": {"from": big}, "list_places": nil, "stats": nil,
	} {
		// Warm: the first call of a tool loads what it answers from.
		small := map[string]any{}
		for k, v := range args {
			if _, ok := v.(string); ok {
				small[k] = "kubernetes"
			} else {
				small[k] = []string{"containerd", "cri-o"}
			}
		}
		s.CallTool(ctx, &mcp.CallToolParams{Name: name, Arguments: small})
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res, err := s.CallTool(ctx, &mcp.CallToolParams{Name: name, Arguments: args})
		runtime.ReadMemStats(&after)
		if err != nil || res == nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		// Both ends of the session are in this process: the client's
		// encoding and decoding count too.
		if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
			t.Errorf("%s with a megabyte allocated %d MB", name, n>>20)
		}
	}
}

// Every input and output schema is one the major hosts take (Gemini's
// function declarations are the strictest): no list of types (one
// ["null","array"] took out every tool there), no $ref, no array without
// items. Closed sets are enums, limits have bounds and defaults, every tool
// has a title, and read-only tools say they are idempotent.
func TestSchemasEveryHostTakes(t *testing.T) {
	s := session(t)
	var walk func(tool, at string, v any)
	walk = func(tool, at string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["type"].([]any); ok {
				t.Errorf("%s %s: a list of types %v", tool, at, v["type"])
			}
			if _, ok := v["$ref"]; ok {
				t.Errorf("%s %s: a $ref", tool, at)
			}
			for _, k := range []string{"anyOf", "oneOf", "allOf", "$defs", "definitions"} {
				if _, ok := v[k]; ok {
					t.Errorf("%s %s: %s", tool, at, k)
				}
			}
			if v["type"] == "array" && v["items"] == nil {
				t.Errorf("%s %s: an array without items", tool, at)
			}
			for k, e := range v {
				walk(tool, at+"/"+k, e)
			}
		case []any:
			for i, e := range v {
				walk(tool, fmt.Sprintf("%s/%d", at, i), e)
			}
		}
	}
	asMap := func(v any) map[string]any {
		b, _ := json.Marshal(v)
		var m map[string]any
		json.Unmarshal(b, &m)
		return m
	}
	prop := func(schema map[string]any, name string) map[string]any {
		ps, _ := schema["properties"].(map[string]any)
		p, _ := ps[name].(map[string]any)
		return p
	}
	enumOf := func(p map[string]any) []any {
		if p["type"] == "array" {
			p, _ = p["items"].(map[string]any)
		}
		e, _ := p["enum"].([]any)
		return e
	}
	n := 0
	for tl, err := range s.Tools(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		in, out := asMap(tl.InputSchema), asMap(tl.OutputSchema)
		walk(tl.Name, "input", in)
		walk(tl.Name, "output", out)
		if tl.Title == "" || tl.Annotations == nil || tl.Annotations.Title == "" {
			t.Errorf("%s has no title", tl.Name)
		}
		if tl.Annotations != nil && tl.Annotations.ReadOnlyHint && !tl.Annotations.IdempotentHint {
			t.Errorf("%s reads only, yet is not idempotent", tl.Name)
		}
		for _, name := range []string{"maturity", "kind", "only", "lang"} {
			if p := prop(in, name); p != nil && len(enumOf(p)) == 0 {
				t.Errorf("%s: %s has no enum", tl.Name, name)
			}
		}
		if p := prop(in, "limit"); p != nil && (p["minimum"] == nil || p["maximum"] == nil || p["default"] == nil) {
			t.Errorf("%s: limit without bounds or default: %v", tl.Name, p)
		}
		if p := prop(in, "names"); p != nil && (p["minItems"] == nil || p["maxItems"] == nil) {
			t.Errorf("%s: names without minItems and maxItems: %v", tl.Name, p)
		}
	}
	if n != 11 {
		t.Errorf("%d tools", n)
	}
}
