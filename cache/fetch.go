package cache

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultMaxSize bounds a download or a local file. The real file is about
// 1.1 MB; 32 MiB takes a landscape 25 times larger (26 MB: 4.5 s and 570 MB
// to compile), and keeps the worst a hostile file can cost (one huge field)
// near a second and 150 MiB.
const DefaultMaxSize = 32 << 20

// Fetcher downloads the data file.
type Fetcher struct {
	Client  *http.Client
	MaxSize int64
	// Progress, when set, is called as bytes arrive; total is -1 when the
	// server does not say.
	Progress func(read, total int64)
	// UserAgent identifies cnl to servers.
	UserAgent string
	// Retries is how many more times a 429 or 5xx answer is tried, after
	// Backoff, doubling (DefaultRetries, DefaultBackoff when zero; -1 for
	// none). Retry-After is honoured up to MaxRetryAfter.
	Retries int
	Backoff time.Duration
	// IdleTimeout aborts a download that receives nothing for this long:
	// a stalled server or a slow drip (DefaultIdleTimeout when zero).
	IdleTimeout time.Duration
	// Consume, when set, reads the body as it arrives instead of its
	// being kept (Response.Body is then nil): memory follows what it
	// keeps, not the file. Its error fails the fetch.
	Consume func(body io.Reader) error
}

// Defaults of a Fetcher.
const (
	DefaultRetries     = 2
	DefaultBackoff     = time.Second
	DefaultIdleTimeout = 20 * time.Second
	MaxRetryAfter      = 30 * time.Second
	maxRedirects       = 5
)

// NewClient returns an HTTP client for fetching: an overall timeout, at most
// a few redirects, and never from https down to http.
func NewClient(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout, CheckRedirect: checkRedirect}
}

func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	if prev := via[len(via)-1]; prev.URL.Scheme == "https" && req.URL.Scheme != "https" {
		return fmt.Errorf("refused a redirect from https to %s (%s)", req.URL.Scheme, req.URL.Redacted())
	}
	return nil
}

// Response is a completed fetch.
type Response struct {
	URL          string
	Body         []byte // nil when NotModified
	NotModified  bool
	ETag         string
	LastModified string
}

// FetchError names the URL and what went wrong.
type FetchError struct {
	URL string
	Err error
}

func (e *FetchError) Error() string { return fmt.Sprintf("%s: %v", Redact(e.URL), e.Err) }
func (e *FetchError) Unwrap() error { return e.Err }

// Fetch GETs url. With etag or lastModified set it asks only for a newer
// copy, and a 304 gives a Response with NotModified. Answers that say "try
// again" (429, 5xx) are retried a bounded number of times.
func (f *Fetcher) Fetch(ctx context.Context, url, etag, lastModified string) (*Response, error) {
	retries, wait := f.Retries, f.Backoff
	if retries == 0 {
		retries = DefaultRetries
	}
	if wait <= 0 {
		wait = DefaultBackoff
	}
	for attempt := 0; ; attempt++ {
		resp, err := f.get(ctx, url, etag, lastModified)
		if err == nil {
			return resp, nil
		}
		var st *statusError
		if !errors.As(err, &st) || !st.retryable() || attempt >= retries {
			if attempt > 0 {
				err = fmt.Errorf("%w (after %d tries)", err, attempt+1)
			}
			return nil, &FetchError{URL: url, Err: err}
		}
		delay := wait << attempt
		if st.retryAfter > 0 {
			if st.retryAfter > MaxRetryAfter {
				return nil, &FetchError{URL: url, Err: fmt.Errorf("%w; it asks to retry after %s", err, st.retryAfter)}
			}
			delay = st.retryAfter
		}
		// The command's time limit covers the waits too: a wait that
		// would outlast it is not worth starting.
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
			return nil, &FetchError{URL: url, Err: &TimeLimitError{fmt.Sprintf("%v; no time left to retry within the time limit", err)}}
		}
		select {
		case <-ctx.Done():
			return nil, &FetchError{URL: url, Err: ctxErr(ctx)}
		case <-time.After(delay):
		}
	}
}

// statusError is an HTTP answer other than 200 or 304.
type statusError struct {
	status     string
	code       int
	retryAfter time.Duration
}

func (e *statusError) Error() string { return "server answered " + e.status }

func (e *statusError) retryable() bool {
	return e.code == http.StatusTooManyRequests || e.code >= 500 && e.code != http.StatusNotImplemented
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date.
func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, time.Until(t))
	}
	return 0
}

func (f *Fetcher) get(ctx context.Context, url, etag, lastModified string) (*Response, error) {
	// Cancel the request when no bytes arrive for IdleTimeout: the
	// client's overall timeout alone would let a slow drip run for a
	// minute, and a stalled body would hang until it.
	idle := f.IdleTimeout
	if idle <= 0 {
		idle = DefaultIdleTimeout
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stalled := fmt.Errorf("no data for %s, gave up", idle)
	timer := time.AfterFunc(idle, func() { cancel(stalled) })
	defer timer.Stop()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	if f.UserAgent != "" {
		req.Header.Set("User-Agent", f.UserAgent)
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	client := f.Client
	if client == nil {
		client = NewClient(0)
	}
	res, err := client.Do(req)
	if err != nil {
		if cause := context.Cause(ctx); cause == stalled {
			return nil, stalled
		}
		if ctx.Err() != nil {
			return nil, ctxErr(ctx)
		}
		if isTimeout(err) && client.Timeout > 0 {
			return nil, &TimeLimitError{fmt.Sprintf("no answer within %s", client.Timeout)}
		}
		var ue *neturl.Error // its text repeats the method and URL we already name
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, err
	}
	defer res.Body.Close()
	out := &Response{URL: url, ETag: res.Header.Get("ETag"), LastModified: res.Header.Get("Last-Modified")}
	switch {
	case res.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case res.StatusCode != http.StatusOK:
		return nil, &statusError{status: res.Status, code: res.StatusCode, retryAfter: parseRetryAfter(res.Header.Get("Retry-After"))}
	}
	limit := f.MaxSize
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	if res.ContentLength > limit {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit", res.ContentLength, limit)
	}
	report := func(read, total int64) {
		timer.Reset(idle)
		if f.Progress != nil {
			f.Progress(read, total)
		}
	}
	body := &progressReader{r: io.LimitReader(res.Body, limit+1), total: res.ContentLength, report: report}
	if f.Consume != nil {
		err = f.Consume(body)
		if body.read > limit {
			return nil, fmt.Errorf("file is over the %d-byte limit", limit)
		}
		if err != nil && body.err != nil && body.err != io.EOF {
			err = body.err // the download failed, not the file
		}
	} else {
		out.Body, err = io.ReadAll(body)
	}
	if err != nil {
		switch {
		case context.Cause(ctx) == stalled:
			return nil, fmt.Errorf("download stalled after %d bytes: %w", body.read, stalled)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("download cut short after %d bytes", body.read)
		case isTimeout(err):
			return nil, &TimeLimitError{fmt.Sprintf("download timed out after %s and %d bytes", client.Timeout, body.read)}
		}
		if f.Consume != nil {
			return nil, err // what the body is not, in the consumer's words
		}
		return nil, fmt.Errorf("download failed: %w", err)
	}
	if int64(len(out.Body)) > limit {
		return nil, fmt.Errorf("file is over the %d-byte limit", limit)
	}
	return out, nil
}

type progressReader struct {
	r      io.Reader
	err    error // the last read's
	read   int64
	total  int64
	last   time.Time
	report func(read, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.read += int64(n)
	p.err = err
	if now := time.Now(); n > 0 && (err != nil || now.Sub(p.last) > 100*time.Millisecond) {
		p.last = now
		p.report(p.read, p.total)
	}
	return n, err
}

func isTimeout(err error) bool {
	var ne interface{ Timeout() bool }
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded)
}

// DefaultFullMaxSize bounds full.json, which is much larger than
// landscape.yml (it repeats every item with its external data).
const DefaultFullMaxSize = 128 << 20

// looksLikeHTML reports whether a body is an HTML page.
func looksLikeHTML(b []byte) bool {
	head := strings.ToLower(strings.TrimSpace(string(b[:min(len(b), 512)])))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.HasPrefix(head, "<head")
}

// TimeLimitError is a download that ran out of the time it was given
// (Config.Timeout).
type TimeLimitError struct{ Msg string }

func (e *TimeLimitError) Error() string { return e.Msg }

// ctxErr says why a context ended.
func ctxErr(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &TimeLimitError{"out of time"}
	}
	if cause := context.Cause(ctx); cause != nil {
		return cause
	}
	return ctx.Err()
}
