package cmd

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/cnl-dev/cnl/cmd/internal/mcpservice"
	"github.com/cnl-dev/cnl/landscape"
)

// mcpSession starts cnl mcp as an assistant would, over the command
// transport, with env added to a clean environment; cache is its cache
// directory ("" for a new, empty one: the built-in landscape answers).
func mcpSession(t *testing.T, cache string, env ...string) (*mcp.ClientSession, *exec.Cmd) {
	t.Helper()
	if cache == "" {
		cache = filepath.Join(t.TempDir(), "cache")
	}
	cmd := exec.Command(cnlBinary(t), "mcp")
	// No network: a proxy where nothing listens catches any attempt.
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "CNL_CACHE_DIR=" + cache,
		"HTTPS_PROXY=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:1", "CNL_URL=" + closedURL(t)}, env...)
	client := mcp.NewClient(&mcp.Implementation{Name: "cnl-test", Version: "1"}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	s, err := client.Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, cmd
}

// call runs a tool and returns its structured output decoded into out,
// and its text.
func call(t *testing.T, s *mcp.ClientSession, name string, args map[string]any, out any) (text string, isError bool) {
	t.Helper()
	res, err := s.CallTool(context.Background(), &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			text += tc.Text
		}
	}
	if out != nil && res.StructuredContent != nil {
		b, _ := json.Marshal(res.StructuredContent)
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s: structured content %s: %v", name, b, err)
		}
	}
	return text, res.IsError
}

func TestMCPServesTheLandscape(t *testing.T) {
	s, _ := mcpSession(t, "")
	ctx := context.Background()

	tools := map[string]*mcp.Tool{}
	for tl, err := range s.Tools(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		tools[tl.Name] = tl
	}
	for _, name := range []string{"search", "get_item", "compare", "list_places", "list_items", "guide", "glossary", "stats", "changes", "scan_text", "members"} {
		tl, ok := tools[name]
		if !ok {
			t.Errorf("no tool %s", name)
			continue
		}
		if tl.Description == "" || tl.InputSchema == nil || tl.OutputSchema == nil {
			t.Errorf("%s: description %q, input schema %v, output schema %v", name, tl.Description, tl.InputSchema != nil, tl.OutputSchema != nil)
		}
	}
	if _, ok := tools["update"]; ok {
		t.Error("an update tool without --allow-update")
	}

	var found mcpservice.SearchOut
	text, _ := call(t, s, "search", map[string]any{"query": "container runtime"}, &found)
	if len(found.Results) == 0 || found.Results[0].Name != "containerd" || len(found.Results[0].Why) == 0 || !strings.HasPrefix(text, "1. containerd (Runtime/Container Runtime, graduated)") {
		t.Errorf("search container runtime: %+v\n%s", found.Results, text)
	}
	var item mcpservice.ItemOut
	call(t, s, "get_item", map[string]any{"name": "opa"}, &item)
	if !item.Found || item.Item.Name != "Open Policy Agent (OPA)" || len(item.Fields) == 0 {
		t.Errorf("get_item opa: %+v", item)
	}
	item = mcpservice.ItemOut{}
	call(t, s, "get_item", map[string]any{"name": "registry"}, &item)
	if item.Found || len(item.Candidates) == 0 {
		t.Errorf("get_item registry (a topic) gives no candidates: %+v", item)
	}
	var term mcpservice.GlossaryOut
	text, _ = call(t, s, "glossary", map[string]any{"term": "vm"}, &term)
	if term.Term == nil || term.Term.Slug != "virtual-machine" || !strings.Contains(text, "# Virtual Machine") {
		t.Errorf("glossary vm: %+v\n%s", term.Term, text)
	}
	var cmp mcpservice.CompareOut
	call(t, s, "compare", map[string]any{"names": []string{"containerd", "cri-o"}}, &cmp)
	if len(cmp.Items) != 2 || cmp.Items[1].Name != "CRI-O" || len(cmp.Rows) < 3 {
		t.Errorf("compare containerd cri-o: %+v", cmp)
	}
	var places mcpservice.PlacesOut
	call(t, s, "list_places", nil, &places)
	if len(places.Categories) < 10 {
		t.Errorf("list_places: %d categories", len(places.Categories))
	}
	var items mcpservice.ListOut
	call(t, s, "list_items", map[string]any{"place": "Container Runtime", "maturity": []string{"graduated"}}, &items)
	if items.Place != "Runtime/Container Runtime" || items.Total < 2 {
		t.Errorf("list_items: %+v", items)
	}
	// The schema's closed set is enforced: a value outside it is an error
	// that names the set, not a silent empty answer.
	if text, isError := call(t, s, "list_items", map[string]any{"place": "Container Runtime", "maturity": []string{"graduate"}}, nil); !isError || !strings.Contains(text, "graduated") {
		t.Errorf("maturity graduate: error %v, %q", isError, text)
	}
	var guide mcpservice.GuideOut
	text, _ = call(t, s, "guide", map[string]any{"place": "Container Runtime"}, &guide)
	if len(guide.Sections) == 0 || !strings.Contains(text, "## Runtime › Container Runtime") {
		t.Errorf("guide Container Runtime: %+v\n%s", guide, text)
	}
	var scanned scanResult
	call(t, s, "scan_text", map[string]any{"text": "We flew to Lima. containerd vs CRI-O on k8s; VMs vs containers."}, &scanned)
	var names []string
	for _, p := range scanned.Projects {
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "containerd,CRI-O,Kubernetes" || len(scanned.Concepts) == 0 {
		t.Errorf("scan_text: %v, %d concepts", names, len(scanned.Concepts))
	}
	var stats landscape.Stats
	if text, _ := call(t, s, "stats", nil, &stats); stats.Items < 2000 || len(stats.Maturity) == 0 || !strings.Contains(text, "graduated") {
		t.Errorf("stats: %d items\n%.300s", stats.Items, text)
	}
	var members mcpservice.MembersOut
	call(t, s, "members", map[string]any{"tier": "platinum"}, &members)
	if len(members.Tiers) != 1 || members.Tiers[0].Count < 5 {
		t.Errorf("members platinum: %+v", members)
	}
	var moves mcpservice.ChangesOut
	text, isErr := call(t, s, "changes", map[string]any{"from": "2025", "to": "2025"}, &moves)
	graduated := map[string]bool{}
	for _, m := range moves.Moves {
		if m.Level == "graduated" {
			graduated[m.Name] = true
		}
		if !strings.HasPrefix(m.Date, "2025") {
			t.Errorf("a move outside 2025: %+v", m)
		}
	}
	if isErr || len(moves.Moves) == 0 || !graduated["Knative"] || !graduated["Crossplane"] || graduated["Kyverno"] {
		t.Errorf("changes in 2025: %v %+v\n%s", isErr, moves.Moves, text)
	}
	text, isErr = call(t, s, "changes", nil, nil)
	if !isErr || !strings.Contains(text, "no previous copy") {
		t.Errorf("changes on a cache without a previous copy: %v %q", isErr, text)
	}
	text, isErr = call(t, s, "get_item", map[string]any{"name": ""}, nil)
	if !isErr || !strings.Contains(text, "needs a name") {
		t.Errorf("get_item without a name: %v %q", isErr, text)
	}

	// Resources and prompts.
	res, err := s.ReadResource(ctx, &mcp.ReadResourceParams{URI: "cnl://glossary/vm"})
	if err != nil || !strings.Contains(res.Contents[0].Text, "# Virtual Machine") {
		t.Errorf("cnl://glossary/vm: %v", err)
	}
	res, err = s.ReadResource(ctx, &mcp.ReadResourceParams{URI: "cnl://guide/Runtime%2FContainer%20Runtime"})
	if err != nil || !strings.Contains(res.Contents[0].Text, "Container Runtime") {
		t.Errorf("cnl://guide/Runtime/Container Runtime: %v", err)
	}
	var prompts []string
	for p, err := range s.Prompts(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		prompts = append(prompts, p.Name)
	}
	if strings.Join(prompts, ",") != "compare_for_use_case,explain_category,study_notes" {
		t.Errorf("prompts: %v", prompts)
	}
	p, err := s.GetPrompt(ctx, &mcp.GetPromptParams{Name: "explain_category", Arguments: map[string]string{"place": "Service Mesh"}})
	if err != nil || !strings.Contains(p.Messages[0].Content.(*mcp.TextContent).Text, `"Service Mesh"`) {
		t.Errorf("explain_category: %v", err)
	}
}

// Text from a hostile landscape reaches the assistant without its control
// characters, as it reaches a terminal.
func TestMCPSanitisesHostileText(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "cache")
	p := &proc{t: t, bin: cnlBinary(t), env: []string{"CNL_CACHE_DIR=" + cache}}
	if _, errOut, code := p.run("update", "--file", filepath.Join("testdata", "hostile.yml")); code != 0 {
		t.Fatal(errOut)
	}
	s, _ := mcpSession(t, cache)
	check := func(what string, v any, text string) {
		b, _ := json.Marshal(v)
		var decoded any
		json.Unmarshal(b, &decoded)
		walkStrings(decoded, func(str string) {
			if i := strings.IndexFunc(str, func(r rune) bool { return unicode.IsControl(r) && r != '\n' || r >= 0x202a && r <= 0x202e }); i >= 0 {
				t.Errorf("%s: a control character in %q", what, str)
			}
		})
		if strings.ContainsAny(text, "\x1b\a\r\u009b\u202e") {
			t.Errorf("%s: text with a control character: %q", what, text)
		}
	}
	var found mcpservice.SearchOut
	text, _ := call(t, s, "search", map[string]any{"query": "clipboard"}, &found)
	check("search", found, text)
	if len(found.Results) == 0 {
		t.Fatalf("search clipboard found nothing: %s", text)
	}
	var item mcpservice.ItemOut
	text, _ = call(t, s, "get_item", map[string]any{"name": found.Results[0].Slug}, &item)
	check("get_item", item, text)
	var places mcpservice.PlacesOut
	text, _ = call(t, s, "list_places", nil, &places)
	check("list_places", places, text)
	var scanned scanResult
	// (Control characters in a request are refused before any tool sees
	// them: TestMCPRequestsCannotEndTheServer.)
	text, _ = call(t, s, "scan_text", map[string]any{"text": "Clip\u202eboard and Plain Project\u200b"}, &scanned)
	check("scan_text", scanned, text)
}

func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			walkStrings(e, f)
		}
	case map[string]any:
		for k, e := range v {
			f(k)
			walkStrings(e, f)
		}
	}
}

// A line that is not a request gets a JSON-RPC error, and the server
// answers the next one; 1,000 calls in a row leave its memory where it was.
func TestMCPKeepsServing(t *testing.T) {
	cmd := exec.Command(cnlBinary(t), "mcp")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "CNL_CACHE_DIR=" + filepath.Join(t.TempDir(), "cache"), "HTTPS_PROXY=http://127.0.0.1:1"}
	in, _ := cmd.StdinPipe()
	outPipe, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	out := bufio.NewReaderSize(outPipe, 1<<20)
	send := func(line string) {
		if _, err := io.WriteString(in, line+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	type reply struct {
		ID     any                 `json:"id"`
		Error  *struct{ Code int } `json:"error"`
		Result json.RawMessage     `json:"result"`
	}
	read := func() reply {
		line, err := out.ReadBytes('\n')
		if err != nil {
			t.Fatalf("the server stopped answering: %v", err)
		}
		var r reply
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("not JSON-RPC: %q", line)
		}
		return r
	}
	send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`)
	if r := read(); r.Error != nil {
		t.Fatalf("initialize: %+v", r)
	}
	send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	for _, bad := range []struct {
		line string
		code int
	}{
		{"garbage{", -32700},
		{`{"foo":1}`, -32600},
		{`[1,2]`, -32600},
		{`{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"no_such_tool"}}`, 0},
	} {
		send(bad.line)
		r := read()
		if bad.code != 0 && (r.Error == nil || r.Error.Code != bad.code) {
			t.Errorf("%s: %+v", bad.line, r)
		}
		if bad.code == 0 && r.Error == nil && !strings.Contains(string(r.Result), `"isError":true`) {
			t.Errorf("%s: %s", bad.line, r.Result)
		}
	}
	search := func(id int) {
		send(`{"jsonrpc":"2.0","id":` + strconv.Itoa(id) + `,"method":"tools/call","params":{"name":"search","arguments":{"query":"container runtime"}}}`)
		if r := read(); r.Error != nil || !strings.Contains(string(r.Result), "containerd") {
			t.Fatalf("call %d: %+v", id, r)
		}
	}
	for id := 100; id < 200; id++ { // warm: the index is read, caches filled
		search(id)
	}
	before := rss(t, cmd.Process.Pid)
	for id := 1000; id < 2000; id++ {
		search(id)
	}
	after := rss(t, cmd.Process.Pid)
	t.Logf("RSS before %d kB, after 1,000 calls %d kB", before, after)
	if after > before+8<<10 {
		t.Errorf("RSS grew from %d kB to %d kB over 1,000 calls", before, after)
	}
}

// rss is a process's resident memory in kB.
func rss(t *testing.T, pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Skip("no /proc here")
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// changes compares the two landscapes the cache holds; the update tool
// exists with --allow-update only, and fetches as cnl update does.
func TestMCPChangesAndUpdate(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "cache")
	p := &proc{t: t, bin: cnlBinary(t), env: []string{"CNL_CACHE_DIR=" + cache}}
	for _, f := range []string{"landscape-prev.yml", "landscape.yml"} {
		if _, errOut, code := p.run("update", "--file", filepath.Join("testdata", f)); code != 0 {
			t.Fatal(errOut)
		}
	}
	s, _ := mcpSession(t, cache)
	var ch mcpservice.ChangesOut
	text, isErr := call(t, s, "changes", map[string]any{"only": []string{"maturity"}}, &ch)
	if isErr || ch.Diff == nil || len(ch.Diff.Maturity) != 1 || ch.Diff.Maturity[0].Name != "CRI-O" || ch.Fetched == "" || len(ch.Diff.Added) != 0 {
		t.Errorf("changes: %v %+v\n%s", isErr, ch, text)
	}

	data, err := os.ReadFile(filepath.Join("testdata", "landscape.yml"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(data) }))
	defer srv.Close()
	cmd := exec.Command(cnlBinary(t), "mcp", "--allow-update")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "CNL_CACHE_DIR=" + filepath.Join(t.TempDir(), "fresh"), "CNL_URL=" + srv.URL + "/landscape.yml"}
	u, err := mcp.NewClient(&mcp.Implementation{Name: "t", Version: "1"}, nil).Connect(context.Background(), &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	var up mcpservice.UpdateOut
	if text, isErr := call(t, u, "update", nil, &up); isErr || up.Items < 10 || !strings.Contains(up.Source, srv.URL) {
		t.Errorf("update: %v %+v %s", isErr, up, text)
	}
	var found mcpservice.SearchOut
	call(t, u, "search", map[string]any{"query": "velero"}, &found)
	if len(found.Results) == 0 || found.Results[0].Name != "Velero" {
		t.Errorf("after the update, search answers from the fetched landscape: %+v", found.Results)
	}
}

// Without cnl-mcp beside it or on the PATH, cnl mcp says how to get it.
func TestMCPWithoutTheServerProgram(t *testing.T) {
	alone := filepath.Join(t.TempDir(), "cnl")
	b, err := os.ReadFile(cnlBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alone, b, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(alone, "mcp")
	cmd.Env = []string{"PATH=" + t.TempDir(), "HOME=" + t.TempDir()}
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); err == nil || code != 1 || !strings.Contains(string(out), "go install github.com/cnl-dev/cnl/cmd/cnl-mcp@latest") || strings.Count(string(out), "\n") != 1 {
		t.Errorf("exit %d: %s", code, out)
	}
}

// Any landscape cnl knows, from its cache; one not cached says how to
// cache it, as a tool error.
func TestMCPOtherLandscapes(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "cache")
	p := &proc{t: t, bin: cnlBinary(t), env: []string{"CNL_CACHE_DIR=" + cache}}
	if _, errOut, code := p.run("update", "-l", "lfai", "--file", filepath.Join("testdata", "landscape.yml")); code != 0 {
		t.Fatal(errOut)
	}
	s, _ := mcpSession(t, cache, "CNL_LANDSCAPE=lfai")
	var found mcpservice.SearchOut
	if text, isErr := call(t, s, "search", map[string]any{"query": "harbor"}, &found); isErr || len(found.Results) == 0 || found.Results[0].Name != "Harbor" {
		t.Errorf("lfai search: %v %+v %s", isErr, found.Results, text)
	}
	// A landscape without a guide says so in the protocol's words.
	if text, isErr := call(t, s, "guide", map[string]any{"place": "Container Runtime"}, nil); !isErr || !strings.Contains(text, "lfai landscape has no guide") || strings.Contains(text, "cnl ") {
		t.Errorf("lfai guide: %v %q", isErr, text)
	}
	o, _ := mcpSession(t, cache, "CNL_LANDSCAPE=openssf")
	if text, isErr := call(t, o, "search", map[string]any{"query": "harbor"}, nil); !isErr || !strings.Contains(text, "openssf landscape is not cached") || strings.Contains(text, "cnl update") {
		t.Errorf("openssf, not cached: %v %q", isErr, text)
	}
}

// Every item of a place can be reached, a page at a time: next_offset
// leads from one page to the next until the last, which has none, and
// the pages hold every item once (Observability has 217 items; list_items
// stopped at 100).
func TestMCPPagesReachEveryItem(t *testing.T) {
	s, _ := mcpSession(t, "")
	for _, tool := range []string{"list_items", "search"} {
		args := map[string]any{"place": "Observability and Analysis", "limit": 100}
		if tool == "search" {
			args = map[string]any{"category": "Observability and Analysis", "limit": 100}
		}
		seen := map[string]bool{}
		total, pages := 0, 0
		for offset := 0; ; pages++ {
			args["offset"] = offset
			var page struct {
				Total      int               `json:"total"`
				Items      []mcpservice.Item `json:"items"`
				Results    []mcpservice.Item `json:"results"`
				NextOffset int               `json:"next_offset"`
			}
			text, isError := call(t, s, tool, args, &page)
			if isError || pages > 10 {
				t.Fatalf("%s offset %d: %s", tool, offset, text)
			}
			for _, it := range append(page.Items, page.Results...) {
				if seen[it.Slug] {
					t.Errorf("%s: %s on two pages", tool, it.Slug)
				}
				seen[it.Slug] = true
			}
			total = page.Total
			if page.NextOffset == 0 {
				break
			}
			if !strings.Contains(text, fmt.Sprintf("offset %d", page.NextOffset)) {
				t.Errorf("%s: the text does not say how to get the next page: %s", tool, text[max(0, len(text)-200):])
			}
			offset = page.NextOffset
		}
		if total < 150 || len(seen) != total || pages < 2 {
			t.Errorf("%s: %d items reached of %d, in %d pages", tool, len(seen), total, pages+1)
		}
	}
}
