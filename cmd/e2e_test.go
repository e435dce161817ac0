package cmd

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	// Tests set the environment they need: nothing of the tester's
	// (NO_COLOR, COLUMNS, LANG, a landscape or cache of their own, a
	// pager, proxies) may change what they see. The shared data's place
	// is the one setting kept.
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "CNL_SHARED_LANDSCAPE", name == "CI":
		case strings.HasPrefix(name, "CNL_"), strings.HasPrefix(name, "LC_"), inheritedSettings[name]:
			os.Unsetenv(name)
		}
	}
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// cnlBinary builds the real binary once per test run.
func cnlBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "cnl-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "cnl")
		// cnl-mcp beside cnl, as releases install it: cnl mcp runs it.
		out, err := exec.Command("go", "build", "-o", dir, "../cmd/cnl", "../cmd/cnl-mcp").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// inheritedSettings are the variables besides CNL_* and LC_* that change
// what cnl shows.
var inheritedSettings = map[string]bool{
	"NO_COLOR": true, "CLICOLOR": true, "CLICOLOR_FORCE": true, "COLORTERM": true, "TERM": true, "COLUMNS": true,
	"LINES": true, "PAGER": true, "LESS": true, "LANG": true, "XDG_CACHE_HOME": true, "HTTP_PROXY": true,
	"HTTPS_PROXY": true, "NO_PROXY": true, "http_proxy": true, "https_proxy": true, "no_proxy": true,
}

type proc struct {
	t   *testing.T
	bin string
	env []string
}

func (p *proc) run(args ...string) (stdout, stderr string, code int) {
	p.t.Helper()
	cmd := exec.Command(p.bin, args...)
	cmd.Env = append(os.Environ(), p.env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		p.t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// closedURL is a loopback URL where nothing listens: using it proves a
// command did not need the network.
func closedURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/landscape.yml"
}

func TestEndToEnd(t *testing.T) {
	real, err := os.ReadFile(filepath.Join("testdata", "landscape.yml"))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/landscape.yml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(real)
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "internal error", 500) })
	mux.HandleFunc("/garbage", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("\x89PNG\r\n\x1a\n garbage: [")) })
	mux.HandleFunc("/truncated", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(real)))
		w.Write(real[:len(real)/3])
	})
	mux.HandleFunc("/oversized", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(int64(1)<<40))
		w.WriteHeader(200)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	cacheDir := filepath.Join(t.TempDir(), "cache")
	p := &proc{t: t, bin: cnlBinary(t), env: []string{"CNL_CACHE_DIR=" + cacheDir, "CNL_URL=" + srv.URL + "/landscape.yml", "NO_COLOR="}}

	// First use with an empty cache fetches by itself.
	out, errOut, code := p.run("search", "runtime")
	if code != 0 || !strings.Contains(out, "containerd\t") || !strings.Contains(errOut, "fetching") {
		t.Fatalf("first use: exit %d\n%s\n%s", code, out, errOut)
	}
	out, _, code = p.run("update")
	if code != 0 || !strings.HasPrefix(out, "already up to date") {
		t.Errorf("second update should be a 304: %q", out)
	}
	out, _, code = p.run("update", "--force")
	if code != 0 || !strings.HasPrefix(out, "no changes to the data: ") {
		t.Errorf("forced update: %q", out)
	}

	// Offline: nothing answers at CNL_URL any more.
	p.env = append(p.env, "CNL_URL="+closedURL(t))
	answers := map[string]string{}
	queries := [][]string{{"search", "runtime"}, {"show", "talos"}, {"list"}, {"list", "Runtime/Container Runtime"}, {"search", "registry", "-o", "json"}, {"update", "--status"}}
	for _, q := range queries {
		out, errOut, code := p.run(q...)
		if code != 0 || out == "" {
			t.Fatalf("offline %v: exit %d: %s", q, code, errOut)
		}
		answers[strings.Join(q, " ")] = out
	}
	if !strings.Contains(answers["show talos"], "name: Talos Linux") || !strings.Contains(answers["list Runtime/Container Runtime"], "CRI-O\t") {
		t.Errorf("offline answers are wrong:\n%s\n%s", answers["show talos"], answers["list Runtime/Container Runtime"])
	}

	// Piped stdout is buffered, yet with 2>&1 the hint still follows the
	// rows it is about.
	both := exec.Command(p.bin, "search", "container")
	both.Env = append(os.Environ(), p.env...)
	combined, err := both.CombinedOutput()
	lines := strings.Split(strings.TrimSpace(string(combined)), "\n")
	if err != nil || len(lines) != 21 || !strings.HasPrefix(lines[20], "showing 20 of ") {
		t.Errorf("search container 2>&1: %v\n%s", err, combined)
	}

	// Failed updates change nothing.
	for _, path := range []string{"/500", "/garbage", "/truncated", "/oversized", "/missing"} {
		url := srv.URL + path
		// A time limit shorter than the first retry's wait: the 5xx
		// fails at once, without sleeping the real backoff.
		_, errOut, code := p.run("update", "--url", url, "--timeout", "900ms")
		if code != 1 {
			t.Errorf("update from %s: exit %d, want 1", path, code)
		}
		if !strings.Contains(errOut, url) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("update from %s: error should be one line naming the URL: %q", path, errOut)
		}
		for _, q := range queries {
			out, _, _ := p.run(q...)
			if out != answers[strings.Join(q, " ")] {
				t.Errorf("after the failed update from %s, %v answers differently", path, q)
			}
		}
	}
	_, errOut, code = p.run("update", "--file", filepath.Join("testdata", "does-not-exist.yml"))
	if code != 1 || !strings.Contains(errOut, "does-not-exist.yml") {
		t.Errorf("update from a missing file: exit %d %q", code, errOut)
	}
}

// Without data and without network, a source build says how to get data.
func TestNoDataNoNetwork(t *testing.T) {
	p := &proc{t: t, bin: cnlBinary(t), env: []string{"CNL_CACHE_DIR=" + filepath.Join(t.TempDir(), "c"), "CNL_URL=" + closedURL(t)}}
	out, errOut, code := p.run("show", "containerd")
	if code != 1 || out != "" || !strings.Contains(errOut, "cnl update") || !strings.Contains(errOut, "--file") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
