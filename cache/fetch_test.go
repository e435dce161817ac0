package cache

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// faultServer answers each path with one kind of failure. Every handler
// stops when its client goes, or within a couple of seconds.
func faultServer(t *testing.T, hits *atomic.Int32) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, validYAML) })
	mux.HandleFunc("/404", func(w http.ResponseWriter, r *http.Request) { hits.Add(1); http.NotFound(w, r) })
	mux.HandleFunc("/503", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "busy", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/503-then-ok", func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) < 3 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, validYAML)
	})
	mux.HandleFunc("/retry-after-1", func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, validYAML)
	})
	mux.HandleFunc("/retry-after-hour", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(validYAML)))
		fmt.Fprint(w, validYAML[:20])
		w.(http.Flusher).Flush()
		select { // stall, but never longer than the test needs
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		// A byte at a time, never ending: only the client's time limit
		// stops it.
		for i := 0; ; i++ {
			if _, err := w.Write([]byte{validYAML[i%len(validYAML)]}); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestNetworkFaults(t *testing.T) {
	var hits atomic.Int32
	srv := faultServer(t, &hits)
	closed := closedURL(t)
	plainHTTP := srv.URL + "/ok"
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plainHTTP, http.StatusFound)
	}))
	defer tls.Close()

	s := newStore(t)
	mustSave(t, s, validYAML)
	before, _ := s.Meta()

	for _, tc := range []struct {
		name, url string
		want      string
		hits      int32 // requests the server saw, when it counts them
		client    *http.Client
		idle      time.Duration // the stall detector's; 200 ms when unset
	}{
		{name: "connection refused", url: closed, want: "connection refused"},
		{name: "404 is not retried", url: srv.URL + "/404", want: "404", hits: 1},
		{name: "503 is retried, bounded", url: srv.URL + "/503", want: "503 Service Unavailable (after 3 tries)", hits: 3},
		{name: "Retry-After too long", url: srv.URL + "/retry-after-hour", want: "retry after 1h0m0s", hits: 1},
		// What stopped each download is in its error: the stall detector
		// (not the client's 5 s), the client's 400 ms (the drip never
		// stalls long enough for an idle time of a minute, however busy
		// the machine).
		{name: "stall mid-body", url: srv.URL + "/stall", want: "stalled after 20 bytes"},
		{name: "slow drip", url: srv.URL + "/drip", want: "download timed out after 400ms", client: NewClient(400 * time.Millisecond), idle: time.Minute},
		{name: "redirect loop", url: srv.URL + "/loop", want: "stopped after 5 redirects"},
		{name: "https to http", url: tls.URL, want: "refused a redirect from https to http", client: tlsClient(tls)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hits.Store(0)
			client := tc.client
			if client == nil {
				client = NewClient(5 * time.Second)
			}
			f := &Fetcher{Client: client, Backoff: time.Millisecond, IdleTimeout: cmp.Or(tc.idle, 200*time.Millisecond)}
			_, err := s.Update(context.Background(), fetchConfig(s, tc.url, f), UpdateOptions{Force: true})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.url) {
				t.Errorf("err = %v; want it to name %s and say %q", err, tc.url, tc.want)
			}
			if tc.hits > 0 && hits.Load() != tc.hits {
				t.Errorf("server saw %d requests, want %d", hits.Load(), tc.hits)
			}
			if after, _ := s.Meta(); after.Generation != before.Generation {
				t.Error("the cache changed")
			}
		})
	}
}

func TestRetriesRecover(t *testing.T) {
	var hits atomic.Int32
	srv := faultServer(t, &hits)
	for _, tc := range []struct {
		path    string
		atLeast time.Duration
	}{
		{"/503-then-ok", 0},
		{"/retry-after-1", time.Second}, // Retry-After wins over the short backoff
	} {
		hits.Store(0)
		s := newStore(t)
		start := time.Now()
		if _, err := s.Update(context.Background(), fetchConfig(s, srv.URL+tc.path, &Fetcher{Backoff: time.Millisecond}), UpdateOptions{}); err != nil {
			t.Errorf("%s: %v", tc.path, err)
		}
		if d := time.Since(start); d < tc.atLeast {
			t.Errorf("%s: took %s, Retry-After asked for %s", tc.path, d, tc.atLeast)
		}
	}
}

func TestDNSFailure(t *testing.T) {
	// A resolver failure, made in the transport: tests never query DNS.
	client := NewClient(time.Second)
	client.Transport = &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.DNSError{Err: "no such host", Name: "landscape.example", IsNotFound: true}
	}}
	s := newStore(t)
	_, err := s.Update(context.Background(), fetchConfig(s, "https://landscape.example/landscape.yml", &Fetcher{Client: client}), UpdateOptions{})
	if err == nil || !strings.Contains(err.Error(), "no such host") || !strings.Contains(err.Error(), "https://landscape.example/landscape.yml") {
		t.Errorf("err = %v", err)
	}
	if _, _, err := s.Load(); !errors.Is(err, ErrNoData) {
		t.Errorf("a failed first update left data behind: %v", err)
	}
}

func tlsClient(srv *httptest.Server) *http.Client {
	c := NewClient(5 * time.Second)
	c.Transport = srv.Client().Transport
	return c
}

func closedURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/landscape.yml"
}

// fetchConfig has the store fetch its data from url alone, with f.
func fetchConfig(s *Store, url string, f *Fetcher) Config {
	return Config{Root: filepath.Dir(s.Dir), Landscape: Landscape{Key: filepath.Base(s.Dir)}, DataURL: url, NoGitHub: true,
		Timeout: 30 * time.Second, Fetcher: f}
}

// With Consume, the body is read as it arrives and not kept: the consumer
// sees the first half before the server sends the second (a full.json of
// millions of entries no landscape names was held whole: 559 MB).
func TestConsumeStreamsTheBody(t *testing.T) {
	half := strings.Repeat("x", 256<<10)
	seen := make(chan struct{})
	streamed := make(chan bool, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, half)
		w.(http.Flusher).Flush()
		select {
		case <-seen:
			streamed <- true
		case <-r.Context().Done():
			streamed <- false
			return
		case <-time.After(10 * time.Second): // only if the body is held back
			streamed <- false
		}
		io.WriteString(w, half)
	}))
	defer srv.Close()
	read := 0
	f := &Fetcher{Client: NewClient(30 * time.Second), Consume: func(body io.Reader) error {
		buf := make([]byte, 32<<10)
		for {
			n, err := body.Read(buf)
			if read < len(half) && read+n >= len(half) {
				close(seen)
			}
			read += n
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
		}
	}}
	resp, err := f.Fetch(context.Background(), srv.URL, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if resp.Body != nil || read != 2*len(half) {
		t.Fatalf("kept %d bytes, consumed %d", len(resp.Body), read)
	}
	if !<-streamed {
		t.Error("the consumer saw nothing before the whole body arrived")
	}
}
