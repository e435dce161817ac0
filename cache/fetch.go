package cache

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"time"
)

// Where the landscape comes from when no --url or $CNL_URL is given: the
// data file published with landscape.cncf.io, then the raw file of the
// cncf/landscape repository as a mirror.
const (
	DefaultURL = "https://landscape.cncf.io/landscape.yml"
	MirrorURL  = "https://raw.githubusercontent.com/cncf/landscape/master/landscape.yml"
)

// DefaultMaxSize bounds a download; the real file is about 1 MB.
const DefaultMaxSize = 64 << 20

// Sources returns the URLs to try in order. An explicit URL (flag or
// $CNL_URL) is used alone: someone who points cnl at their own server does
// not want it to fall back to the internet.
func Sources(explicit string) []string {
	if explicit != "" {
		return []string{explicit}
	}
	return []string{DefaultURL, MirrorURL}
}

// Fetcher downloads the data file.
type Fetcher struct {
	Client  *http.Client
	MaxSize int64
	// Progress, when set, is called as bytes arrive; total is -1 when the
	// server does not say.
	Progress func(read, total int64)
	// UserAgent identifies cnl to servers.
	UserAgent string
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

func (e *FetchError) Error() string { return fmt.Sprintf("%s: %v", e.URL, e.Err) }
func (e *FetchError) Unwrap() error { return e.Err }

// Fetch GETs url. With etag or lastModified set it asks only for a newer
// copy, and a 304 gives a Response with NotModified.
func (f *Fetcher) Fetch(ctx context.Context, url, etag, lastModified string) (*Response, error) {
	resp, err := f.get(ctx, url, etag, lastModified)
	if err != nil {
		return nil, &FetchError{URL: url, Err: err}
	}
	return resp, nil
}

func (f *Fetcher) get(ctx context.Context, url, etag, lastModified string) (*Response, error) {
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
		client = http.DefaultClient
	}
	res, err := client.Do(req)
	if err != nil {
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
		return nil, fmt.Errorf("server answered %s", res.Status)
	}
	limit := f.MaxSize
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	if res.ContentLength > limit {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit", res.ContentLength, limit)
	}
	var body io.Reader = io.LimitReader(res.Body, limit+1)
	if f.Progress != nil {
		body = &progressReader{r: body, total: res.ContentLength, report: f.Progress}
	}
	out.Body, err = io.ReadAll(body)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("download cut short after %d bytes", len(out.Body))
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
	read   int64
	total  int64
	last   time.Time
	report func(read, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.read += int64(n)
	if now := time.Now(); err != nil || now.Sub(p.last) > 100*time.Millisecond {
		p.last = now
		p.report(p.read, p.total)
	}
	return n, err
}

// UpdateResult tells what an update did.
type UpdateResult struct {
	Meta        Meta
	NotModified bool    // the server said the cached copy is current
	Failed      []error // sources that failed before one worked
}

// Update fetches the landscape from the first source that answers, validates
// it and saves it. The cached copy's ETag and Last-Modified are sent when it
// came from the same URL, so an unchanged file is not downloaded again. On
// failure the cache is left exactly as it was.
func (s *Store) Update(ctx context.Context, f *Fetcher, sources []string, force bool) (UpdateResult, error) {
	var res UpdateResult
	_, old, oldErr := s.Load()
	for _, url := range sources {
		etag, lastMod := "", ""
		if oldErr == nil && !force && old.Source == url {
			etag, lastMod = old.ETag, old.LastModified
		}
		resp, err := f.Fetch(ctx, url, etag, lastMod)
		if err == nil && resp.NotModified {
			res.NotModified, res.Meta = true, old
			return res, nil
		}
		if err == nil {
			meta := Meta{Source: url, FetchedAt: time.Now().UTC(), ETag: resp.ETag, LastModified: resp.LastModified}
			if _, meta, err = s.Save(resp.Body, meta); err == nil {
				res.Meta = meta
				return res, nil
			}
			err = &FetchError{URL: url, Err: fmt.Errorf("not a valid landscape file: %w", err)}
		}
		res.Failed = append(res.Failed, err)
		if ctx.Err() != nil {
			break
		}
	}
	return res, errors.Join(res.Failed...)
}

// UpdateFromFile loads a local landscape.yml into the cache.
func (s *Store) UpdateFromFile(path string, maxSize int64) (Meta, error) {
	raw, err := ReadFileLimited(path, maxSize)
	if err != nil {
		return Meta{}, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	_, meta, err := s.Save(raw, Meta{Source: abs, FetchedAt: time.Now().UTC()})
	if err != nil {
		return meta, fmt.Errorf("%s: %w", path, err)
	}
	return meta, nil
}

// ReadFileLimited reads a local data file, refusing one over maxSize bytes
// (DefaultMaxSize when 0) without reading it all.
func ReadFileLimited(path string, maxSize int64) ([]byte, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(b)) > maxSize {
		return nil, fmt.Errorf("%s: file is over the %d-byte limit", path, maxSize)
	}
	return b, nil
}
