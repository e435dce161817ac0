package cmd

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// rawMCP runs cnl mcp with a raw JSON-RPC client on stdio. It writes each
// step's lines together and waits for the answers to the step's requests
// (but those of the last step, after which it closes stdin at once, and
// the ids in unanswered); it reads every answer until the server exits,
// and returns them by id with the server's peak memory (max RSS) in bytes.
func rawMCP(t *testing.T, unanswered []string, steps ...[]string) (map[string]map[string]any, int64) {
	t.Helper()
	// No network: a proxy where nothing listens catches any attempt.
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "CNL_CACHE_DIR=" + filepath.Join(t.TempDir(), "cache"),
		"HTTPS_PROXY=" + closedURL(t), "HTTP_PROXY=" + closedURL(t)}
	// The cache holds the built-in landscape already, as after any first
	// use: the memory measured is the requests'.
	first := exec.Command(cnlBinary(t), "stats")
	first.Env = env
	if out, err := first.CombinedOutput(); err != nil {
		t.Fatalf("first use: %v: %s", err, out)
	}
	cmd := exec.Command(cnlBinary(t), "mcp")
	cmd.Env = env
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	type answer struct {
		id string
		m  map[string]any
	}
	got := make(chan answer, 1024)
	go func() {
		defer close(got)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				m = map[string]any{"not json": sc.Text()}
			}
			got <- answer{fmt.Sprint(m["id"]), m}
		}
	}()
	answers := map[string]map[string]any{}
	steps = append([][]string{{
		`{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
	}}, steps...)
	for k, step := range steps {
		w := bufio.NewWriter(stdin)
		var wait []string
		for _, l := range step {
			fmt.Fprintln(w, l)
			var m struct{ ID any }
			json.Unmarshal([]byte(l), &m)
			if id := fmt.Sprint(m.ID); m.ID != nil && !slices.Contains(unanswered, id) {
				wait = append(wait, id)
			}
		}
		w.Flush()
		if k == len(steps)-1 {
			break
		}
		for _, id := range wait {
			for answers[id] == nil {
				a, ok := <-got
				if !ok {
					t.Fatalf("the server ended before answering %s: %s", id, stderr.String())
				}
				answers[a.id] = a.m
			}
		}
	}
	stdin.Close() // input ends right after the last requests
	for a := range got {
		answers[a.id] = a.m
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the server ended with %v: %s", err, stderr.String())
	}
	for id, a := range answers {
		if a["not json"] != nil {
			t.Errorf("not JSON from the server: %.200v", a["not json"])
			delete(answers, id)
		}
	}
	return answers, maxRSS(cmd.ProcessState)
}

func request(id any, method string, params any) string {
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	return string(b)
}

func toolCall(id any, name string, args map[string]any) string {
	return request(id, "tools/call", map[string]any{"name": name, "arguments": args})
}

func errorCode(m map[string]any) float64 {
	if e, ok := m["error"].(map[string]any); ok {
		return e["code"].(float64)
	}
	return 0
}

// No request can end the server: control characters where the SDK would
// quote them into an answer that is not JSON, an argument of a megabyte to
// every tool (each answered or refused within 64 MB), a cancelled call.
// Requests that arrive just before the end of input are answered (a
// cancelled one is not).
func TestMCPRequestsCannotEndTheServer(t *testing.T) {
	big := strings.Repeat("kubernetes ", 90000) // 990 kB
	steps := [][]string{{
		request("ctl-bell", "resources/read", map[string]any{"uri": "file:///\u0007"}),
		request("ctl-vt", "resources/read", map[string]any{"uri": "cnl://glossary/vm\u000b"}),
		request("ctl-del", "resources/read", map[string]any{"uri": "cnl://glossary/\u007f"}),
		request("ctl-tag", "resources/read", map[string]any{"uri": "cnl://glossary/\U000e0001"}),
		toolCall("ctl-search", "search", map[string]any{"query": "container\u0007runtime"}),
		request("unknown-term", "resources/read", map[string]any{"uri": "cnl://glossary/no-such-term"}),
	}}
	tools := map[string]map[string]any{
		"search": {"query": big}, "get_item": {"name": big}, "guide": {"place": big}, "glossary": {"term": big},
		"scan_text": {"text": big}, "compare": {"names": []string{big, big}}, "list_items": {"place": big},
		"members": {"tier": big}, "changes": {"from": big},
	}
	var small [][]string
	for name, args := range tools {
		steps = append(steps, []string{toolCall("big-"+name, name, args)})
		smallArgs := map[string]any{}
		for k, v := range args {
			if _, ok := v.(string); ok {
				smallArgs[k] = "kubernetes"
			} else {
				smallArgs[k] = []string{"containerd", "cri-o"}
			}
		}
		small = append(small, []string{toolCall("small-"+name, name, smallArgs)})
	}
	// Three scans of a megabyte at once, the last cancelled while the
	// first two run, then the end of input: the cancelled one gets no
	// answer, the ping after it does.
	steps = append(steps, []string{
		toolCall("scan-1", "scan_text", map[string]any{"text": big}),
		toolCall("scan-2", "scan_text", map[string]any{"text": big}),
		toolCall("scan-3", "scan_text", map[string]any{"text": big}),
		`{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"scan-3"}}`,
		request("last", "ping", nil),
	})

	answers, rss := rawMCP(t, []string{"scan-3"}, steps...)
	for _, id := range []string{"ctl-bell", "ctl-vt", "ctl-del", "ctl-tag", "ctl-search", "unknown-term"} {
		if code := errorCode(answers[id]); code != -32602 {
			t.Errorf("%s: answered %v, want error -32602", id, answers[id])
		}
	}
	for name := range tools {
		a := answers["big-"+name]
		res, _ := a["result"].(map[string]any)
		if res == nil {
			t.Errorf("%s with a megabyte: %v", name, a)
			continue
		}
		if name == "scan_text" {
			continue // a megabyte of text is scan_text's to read
		}
		text := fmt.Sprint(res["content"])
		if res["isError"] != true || len(text) > 1000 {
			t.Errorf("%s with a megabyte: not refused briefly (%d bytes): %.300s", name, len(text), text)
		}
	}
	for _, id := range []string{"scan-1", "scan-2", "last", "init"} {
		if answers[id] == nil {
			t.Errorf("no answer to %s", id)
		}
	}
	if a, ok := answers["scan-3"]; ok {
		t.Errorf("a cancelled call was answered: %.200v", a)
	}
	// The same session with arguments of a word: a megabyte costs at most
	// a few MB more. (A process's peak varies with the machine's load by
	// tens of MB; what each call allocates, which does not, is held to
	// 64 MB by the mcpserver package's TestMegabyteArgumentsAllocateLittle.)
	_, base := rawMCP(t, nil, small...)
	if rss > base+24<<20 {
		t.Errorf("the server peaked at %d MB, %d MB with small arguments", rss>>20, base>>20)
	}
	t.Logf("peak RSS %.1f MB, %.1f MB with small arguments", float64(rss)/(1<<20), float64(base)/(1<<20))
}

// Requests in flight are bounded: 30 scans of a megabyte written at once
// are all answered, and the server does not grow with how many wait (150
// took it to 731 MB; 30 unbounded would take about 150 MB).
func TestMCPPipelinedRequestsAreBounded(t *testing.T) {
	big := strings.Repeat("we run kubernetes with containerd ", 30000) // 1 MB
	var pipelined []string
	for i := range 30 {
		pipelined = append(pipelined, toolCall(i, "scan_text", map[string]any{"text": big}))
	}
	answers, rss := rawMCP(t, nil, pipelined)
	for i := range 30 {
		if answers[fmt.Sprint(i)] == nil {
			t.Errorf("no answer to scan %d", i)
		}
	}
	if rss > 120<<20 {
		t.Errorf("30 pipelined scans took the server to %d MB", rss>>20)
	}
	t.Logf("peak RSS %.1f MB", float64(rss)/(1<<20))
}

// The command line keeps the same bounds: a megabyte of arguments is a
// usage error in a line, not a crash.
func TestHugeArgumentsAreRefusedInALine(t *testing.T) {
	c := fixtureCLI(t)
	big := strings.Repeat("kubernetes ", 90000)
	for _, args := range [][]string{
		{"search", big}, {"show", big}, {"glossary", big}, {"guide", big}, {"list", big},
		{"search", "runtime", "--maturity", big}, {"glossary", "vm", "--lang", big[:100000]},
	} {
		_, errOut, code := c.run(args...)
		if code != exitUsage && code != exitFailure || len(errOut) > 600 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("cnl %s …: exit %d, %d bytes: %.200s", args[0], code, len(errOut), errOut)
		}
	}
}
