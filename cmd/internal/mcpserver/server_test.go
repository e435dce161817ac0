package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/cnl-dev/cnl/cmd/internal/mcpservice"
)

// today is the day the tests run on, whatever the machine's clock says.
var today = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return today }

// session connects a client to a server of the built-in landscape, in
// memory.
func session(tb testing.TB) *mcp.ClientSession { return sessionWith(tb, nil) }

func sessionWith(tb testing.TB, opts *mcp.ClientOptions) *mcp.ClientSession {
	tb.Setenv("CNL_CACHE_DIR", tb.TempDir())
	tb.Setenv("CNL_LANDSCAPE", "")
	svc, err := mcpservice.NewFromEnv(clock)
	if err != nil {
		tb.Fatal(err)
	}
	ct, st := mcp.NewInMemoryTransports()
	ctx := context.Background()
	if _, err := New(svc).Connect(ctx, st, nil); err != nil {
		tb.Fatal(err)
	}
	s, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, opts).Connect(ctx, ct, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Every tool the service has is listed, with schemas, in the service's
// order: a tool added to mcpservice.Tools and not to New would be missing.
func TestEveryToolHasSchemas(t *testing.T) {
	s := session(t)
	svc, err := mcpservice.NewFromEnv(clock)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	tools := reflect.ValueOf(svc.Tools())
	for i := range tools.NumField() {
		if f := tools.Field(i); f.Kind() != reflect.Pointer || !f.IsNil() {
			want = append(want, reflect.Indirect(f).FieldByName("Name").String())
		}
	}
	var got []string
	for tl, err := range s.Tools(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		if tl.InputSchema == nil || tl.OutputSchema == nil || tl.Annotations == nil || !tl.Annotations.ReadOnlyHint {
			t.Errorf("%s: %+v", tl.Name, tl)
		}
		got = append(got, tl.Name)
	}
	slices.Sort(want)
	slices.Sort(got)
	if len(want) != 11 || !slices.Equal(got, want) {
		t.Errorf("tools listed %v, the service has %v", got, want)
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
		"members": {"tier": big}, "changes": {"from": big}, "list_places": nil, "stats": nil,
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
		limit := uint64(64 << 20)
		if raceEnabled {
			limit *= 2
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > limit {
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

// Every answer says what data it comes from and how old it is, in its
// structured content and in a line of its text; the server's instructions
// say it too; and a host that asked for logging is warned, once, that the
// built-in snapshot is more than a month old.
func TestEveryAnswerIsDated(t *testing.T) {
	warnings := make(chan string, 10)
	//lint:ignore SA1019 the server logs to hosts that ask (see staleWarning)
	s := sessionWith(t, &mcp.ClientOptions{LoggingMessageHandler: func(_ context.Context, r *mcp.LoggingMessageRequest) {
		if r.Params.Level == "warning" {
			warnings <- fmt.Sprint(r.Params.Data)
		}
	}})
	ctx := context.Background()
	if !strings.Contains(s.InitializeResult().Instructions, "Data: the cncf landscape") {
		t.Errorf("instructions: %s", s.InitializeResult().Instructions)
	}
	// Asking for logging: each request says its level (the protocol of
	// 2026-07-28; an older client calls logging/setLevel once).
	//lint:ignore SA1019 as above
	askLogs := mcp.Meta{mcp.MetaKeyLogLevel: "info"}
	snapshotDate, _ := time.Parse("2006-01-02", "2026-08-07")
	wantAge := int(today.Sub(snapshotDate).Hours() / 24)
	for name, args := range map[string]map[string]any{
		"search": {"query": "runtime"}, "get_item": {"name": "containerd"}, "compare": {"names": []string{"containerd", "cri-o"}},
		"list_places": nil, "list_items": {"place": "Container Runtime"}, "guide": {"place": "Container Runtime"},
		"glossary": {"term": "vm"}, "stats": nil, "scan_text": {"text": "we run containerd"}, "members": nil,
	} {
		res, err := s.CallTool(ctx, &mcp.CallToolParams{Meta: askLogs, Name: name, Arguments: args})
		if err != nil || res.IsError {
			t.Errorf("%s: %v %v", name, err, res)
			continue
		}
		b, _ := json.Marshal(res.StructuredContent)
		var out struct {
			Data struct {
				Source  string `json:"source"`
				Date    string `json:"date"`
				AgeDays int    `json:"age_days"`
			} `json:"data"`
		}
		json.Unmarshal(b, &out)
		if out.Data.Date != "2026-08-07" || out.Data.AgeDays != wantAge || !strings.Contains(out.Data.Source, "snapshot") {
			t.Errorf("%s: data %+v", name, out.Data)
		}
		text := res.Content[0].(*mcp.TextContent).Text
		if !strings.Contains(text, "Data: the cncf landscape from built-in snapshot of landscape.cncf.io") || !strings.Contains(text, "fetched 2026-08-07") {
			t.Errorf("%s: no data line: %s", name, text[max(0, len(text)-200):])
		}
	}
	// Notifications arrive before the answer that follows them: the
	// warning is here by now.
	select {
	case w := <-warnings:
		if !strings.Contains(w, "days old") {
			t.Errorf("warning: %s", w)
		}
	default:
		t.Error("no warning that the data is old")
	}
	if len(warnings) > 0 {
		t.Errorf("warned %d more times", len(warnings))
	}
}

// scan_text answers within its declared size however much the text names
// (every project of the landscape, a thousand times), with the totals, and
// a caller that asked is told its progress.
func TestScanTextIsBoundedAndTellsProgress(t *testing.T) {
	var progress []float64
	var mu sync.Mutex
	s := sessionWith(t, &mcp.ClientOptions{ProgressNotificationHandler: func(_ context.Context, r *mcp.ProgressNotificationClientRequest) {
		mu.Lock()
		defer mu.Unlock()
		progress = append(progress, r.Params.Progress)
	}})
	ctx := context.Background()
	var names strings.Builder
	res, err := s.CallTool(ctx, &mcp.CallToolParams{Name: "list_items", Arguments: map[string]any{"place": "Observability and Analysis"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(res.StructuredContent)
	var list struct{ Items []struct{ Name string } }
	json.Unmarshal(b, &list)
	for names.Len() < 900_000 {
		for _, it := range list.Items {
			names.WriteString("We run " + it.Name + " with kubernetes, containers and a service mesh. ")
		}
		names.WriteString("\n")
	}
	params := &mcp.CallToolParams{Name: "scan_text", Arguments: map[string]any{"text": names.String()}}
	params.SetProgressToken("scan-1")
	res, err = s.CallTool(ctx, params)
	if err != nil || res.IsError {
		t.Fatalf("%v %v", err, res)
	}
	b, _ = json.Marshal(res.StructuredContent)
	var out struct {
		Projects []struct {
			Mentions []any `json:"mentions"`
			Count    int   `json:"count"`
		} `json:"projects"`
		TotalProjects int `json:"total_projects"`
	}
	json.Unmarshal(b, &out)
	if len(b) > 256<<10 || len(out.Projects) > 100 || out.TotalProjects < len(out.Projects) || len(out.Projects) == 0 {
		t.Errorf("%d bytes of structured content, %d projects of %d", len(b), len(out.Projects), out.TotalProjects)
	}
	for _, p := range out.Projects {
		if len(p.Mentions) > 3 || p.Count < len(p.Mentions) {
			t.Errorf("a project with %d mentions of %d", len(p.Mentions), p.Count)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(progress) < 2 || progress[len(progress)-1] != float64(names.Len()) {
		t.Errorf("progress: %v", progress)
	}
}

// The protocol's own answers: a prompt without its required argument is
// invalid params; completion offers places and terms; changes checks its
// span and picks by level; compare says each item's kind.
func TestProtocolAnswers(t *testing.T) {
	s := session(t)
	ctx := context.Background()
	_, err := s.GetPrompt(ctx, &mcp.GetPromptParams{Name: "explain_category", Arguments: map[string]string{}})
	var rpcErr *jsonrpc.Error
	if !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc.CodeInvalidParams || !strings.Contains(rpcErr.Message, "place") {
		t.Errorf("a prompt without its argument: %v", err)
	}
	for _, tc := range []struct {
		ref        *mcp.CompleteReference
		arg, typed string
		want       string
	}{
		{&mcp.CompleteReference{Type: "ref/prompt", Name: "explain_category"}, "place", "runtime/cont", "Runtime/Container Runtime"},
		{&mcp.CompleteReference{Type: "ref/resource", URI: "cnl://guide/{place}"}, "place", "container reg", "Provisioning/Container Registry"},
		{&mcp.CompleteReference{Type: "ref/resource", URI: "cnl://glossary/{term}"}, "term", "virtual", "virtual-machine"},
	} {
		res, err := s.Complete(ctx, &mcp.CompleteParams{Ref: tc.ref, Argument: mcp.CompleteParamsArgument{Name: tc.arg, Value: tc.typed}})
		if err != nil || !slices.Contains(res.Completion.Values, tc.want) {
			t.Errorf("complete %s %q: %v %v", tc.arg, tc.typed, res, err)
		}
	}
	call := func(args map[string]any) (mcpservice.ChangesOut, string, bool) {
		res, err := s.CallTool(ctx, &mcp.CallToolParams{Name: "changes", Arguments: args})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(res.StructuredContent)
		var out mcpservice.ChangesOut
		json.Unmarshal(b, &out)
		return out, res.Content[0].(*mcp.TextContent).Text, res.IsError
	}
	if _, text, isError := call(map[string]any{"from": "2025", "to": "2024"}); !isError || !strings.Contains(text, "before") {
		t.Errorf("to before from: %v %s", isError, text)
	}
	all, _, _ := call(map[string]any{"from": "2025"})
	graduated, _, isError := call(map[string]any{"from": "2025", "level": []string{"graduated"}})
	n := 0
	for _, m := range all.Moves {
		if m.Level == "graduated" {
			n++
		}
	}
	if isError || len(graduated.Moves) != n || n == 0 || len(all.Moves) <= n {
		t.Errorf("graduated in 2025: %d moves, of %d (%d graduations)", len(graduated.Moves), len(all.Moves), n)
	}
	if _, text, isError := call(map[string]any{"from": "2025", "only": []string{"added"}}); !isError || !strings.Contains(text, "level moves") {
		t.Errorf("only added, with dates: %v %s", isError, text)
	}
	res, err := s.CallTool(ctx, &mcp.CallToolParams{Name: "compare", Arguments: map[string]any{"names": []string{"containerd", "cri-o"}}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(res.StructuredContent)
	var cmp mcpservice.CompareOut
	json.Unmarshal(b, &cmp)
	if len(cmp.Items) != 2 || cmp.Items[0].Kind != "project" {
		t.Errorf("compare's items: %+v", cmp.Items)
	}
}

// Answers speak the protocol: where to look next is a tool and its
// arguments or a cnl:// resource (given as resource_link content, each
// readable), never a shell command or a flag; a filter that needs GitHub
// facts the data lacks says so, license as min_stars.
func TestAnswersSpeakTheProtocol(t *testing.T) {
	s := session(t)
	ctx := context.Background()
	cli := regexp.MustCompile(`\bcnl [a-z]|(^|\s)--[a-z]`)
	for _, c := range []struct {
		tool string
		args map[string]any
	}{
		{"search", map[string]any{"query": "kubernetes", "min_stars": 100}},
		{"search", map[string]any{"query": "zzzzqqq"}},
		{"get_item", map[string]any{"name": "runtime"}},
		{"get_item", map[string]any{"name": "zzzqqq"}},
		{"glossary", map[string]any{"term": "oci"}},
		{"glossary", map[string]any{"term": "containerd"}},
		{"glossary", map[string]any{"term": "virtal machine"}},
		{"glossary", map[string]any{"term": "zzqq"}},
		{"glossary", map[string]any{"term": "labels"}},
		{"guide", map[string]any{"place": "zzqq"}},
		{"guide", map[string]any{"place": "containerd"}},
		{"list_items", map[string]any{"place": "zzqq"}},
		{"compare", map[string]any{"names": []string{"containerd", "zzqq"}}},
		{"changes", map[string]any{}},
		{"changes", map[string]any{"from": "20x5"}},
	} {
		res, err := s.CallTool(ctx, &mcp.CallToolParams{Name: c.tool, Arguments: c.args})
		if err != nil {
			t.Errorf("%s %v: %v", c.tool, c.args, err)
			continue
		}
		text := res.Content[0].(*mcp.TextContent).Text
		if m := cli.FindStringIndex(text); m != nil {
			t.Errorf("%s %v speaks the command line: %q", c.tool, c.args, text[max(0, m[0]-80):min(len(text), m[1]+80)])
		}
	}
	res, err := s.CallTool(ctx, &mcp.CallToolParams{Name: "search", Arguments: map[string]any{"query": "kubernetes", "license": []string{"Apache-2.0"}}})
	if err != nil || !res.IsError || !strings.Contains(res.Content[0].(*mcp.TextContent).Text, "license needs GitHub facts") {
		t.Errorf("license without facts: %v %v", err, res)
	}
	res, err = s.CallTool(ctx, &mcp.CallToolParams{Name: "glossary", Arguments: map[string]any{"term": "vm"}})
	if err != nil || res.IsError {
		t.Fatal(err, res)
	}
	var links []string
	for _, c := range res.Content[1:] {
		if l, ok := c.(*mcp.ResourceLink); ok {
			links = append(links, l.URI)
		}
	}
	if !slices.Contains(links, "cnl://glossary/virtual-machine") || len(links) < 2 {
		t.Errorf("the glossary's answer links %v", links)
	}
	for _, uri := range links {
		if r, err := s.ReadResource(ctx, &mcp.ReadResourceParams{URI: uri}); err != nil || len(r.Contents) == 0 || r.Contents[0].Text == "" {
			t.Errorf("%s cannot be read: %v", uri, err)
		}
	}
}
