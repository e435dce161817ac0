package cache

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"path/filepath"
	"slices"
	"time"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

// UpdateOptions say where an update's data comes from, when not from the
// configured sources.
type UpdateOptions struct {
	// Force downloads even when the server says nothing changed, and
	// accepts data that would otherwise be refused (see RefusedError).
	Force bool
	// File loads a local data file instead of fetching; GitHub facts are
	// then fetched only from an explicit Config.FullURL.
	File string
	// Data, with Source, is data at hand (the built-in snapshot), with
	// its guide and settings when it has them; nothing is fetched.
	Data, Guide, Settings []byte
	Source                string
	FetchedAt             time.Time
	// Facts, with Data, is what a snapshot carries of full.json (see
	// EncodeFacts): descriptions and topics.
	Facts []byte
	// NoFacts skips the GitHub facts: first use answers without waiting
	// on the site's much larger full.json.
	NoFacts bool
}

// UpdateResult tells what an update did.
type UpdateResult struct {
	// Old and New are the landscape before and after; Old is nil when the
	// cache was empty. With nothing new, New is Old.
	Old, New *landscape.Index
	Meta     Meta
	// DataChanged tells that the data file changed; NotModified that the
	// server said the cached data is current.
	DataChanged, NotModified bool
	Facts                    FactsResult
	// Warnings are one line each: sources that failed before one worked,
	// facts, guide or settings that could not be updated.
	Warnings []string
	// Replaced, with Force, says what a refused update replaced.
	Replaced string
}

// FactsResult tells what happened to the GitHub facts.
type FactsResult struct {
	Updated     bool
	NotModified bool
	Skipped     FactsSkip // why none were fetched, when none were
}

// RefusedError is an update refused because the new data would lose too
// much of the landscape: Force accepts it.
type RefusedError struct{ Reason string }

func (e *RefusedError) Error() string {
	return "refused: " + e.Reason + "; the cache is unchanged"
}

// InputError is data that is not a valid landscape file: its source is to
// blame, not the cache.
type InputError struct {
	Source string
	Err    error
}

func (e *InputError) Error() string {
	return fmt.Sprintf("%s: not a valid landscape file: %v", e.Source, e.Err)
}
func (e *InputError) Unwrap() error { return e.Err }

// Update is the one way new data enters the cache. Under the writers' lock
// it reads what the cache holds, fetches what the landscape publishes (the
// data from the first source that answers, GitHub facts, guide and
// settings, each with a conditional GET), parses and validates all of it
// once, encodes the index once, and writes a new generation that one
// rename of the manifest makes current. On any failure the cache is left
// exactly as it was. The time limit of the configuration bounds all the
// network time, retries and waits included.
func (s *Store) Update(ctx context.Context, c Config, o UpdateOptions) (UpdateResult, error) {
	var res UpdateResult
	if c.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.Timeout)
		defer cancel()
	}
	unlock, err := s.lock(ctx)
	if err != nil {
		return res, err
	}
	defer unlock()

	// Everything an update decides on is read under the lock.
	old, oldErr := s.Meta()
	hasOld := oldErr == nil
	if oldErr != nil && !errors.Is(oldErr, ErrNoData) {
		hasOld = false // a damaged manifest: the update replaces it
	}
	if hasOld {
		if res.Old, err = s.openForUpdate(old); err != nil {
			hasOld, res.Old = false, nil
		}
	}
	f := c.Fetcher
	if f == nil {
		f = &Fetcher{Client: NewClient(c.Timeout), UserAgent: c.UserAgent, Progress: c.Progress}
	}
	up := updater{s: s, c: c, o: o, f: f, old: old, hasOld: hasOld, res: &res}

	raw, x, meta, err := up.data(ctx)
	if err != nil {
		return res, err
	}
	dataSame := raw == nil
	if dataSame && hasOld {
		// The bytes the cache holds. Fetched again (200) or read again,
		// they are recorded as from where and when they came now, with
		// the server's validators, so that the next update is a 304 (the
		// built-in snapshot's bytes fetched from the site stop being "the
		// snapshot" and get the site's validators). A 304 changes
		// nothing but when the source was asked.
		if fresh := meta; fresh.Source != "" && o.Data == nil {
			meta = fresh
		} else {
			meta = old.FileMeta
		}
	}
	// The landscape is parsed only when something needs it: an update
	// that the server answers 304 for everything parses and writes
	// nothing.
	parsed := func() (*landscape.Index, error) {
		if x != nil {
			return x, nil
		}
		if raw == nil {
			if raw, err = readCacheFile(s.path(old.Generation, DataFile), DefaultMaxSize); err != nil {
				return nil, &CachedDataError{Err: err}
			}
		}
		if x, err = landscape.Parse(bytes.NewReader(raw)); err != nil {
			return nil, &InputError{Source: meta.Source, Err: err}
		}
		return x, nil
	}
	if !dataSame {
		if x, err = parsed(); err != nil {
			return res, err
		}
		if err := up.accept(x); err != nil {
			return res, err
		}
	}
	facts := up.facts(ctx, parsed)
	guide := up.siteFile(ctx, "guide", o.Guide, old.Guide, GuideFile, func(b []byte) error {
		_, err := landscape.ParseGuide(bytes.NewReader(b))
		return err
	})
	settings := up.siteFile(ctx, "settings", o.Settings, old.Settings, SettingsFile, func(b []byte) error {
		_, err := landscape.ParseSettings(bytes.NewReader(b))
		return err
	})
	if ctx.Err() != nil {
		return res, ctxErr(ctx)
	}
	if hasOld && dataSame && !facts.changed && !guide.changed && !settings.changed {
		res.New, res.Meta = res.Old, old
		if meta != old.FileMeta || facts.meta != nil && old.GitHub != nil && *facts.meta != *old.GitHub {
			// New validators for the same bytes: only the manifest
			// changes.
			m := old
			m.FileMeta, m.GitHub = meta, facts.meta
			if err := s.writeManifest(m); err != nil {
				return res, err
			}
			res.Meta = m
		}
		s.removeStale(res.Meta)
		return res, nil
	}
	if x, err = parsed(); err != nil {
		return res, err
	}

	// The new generation.
	m := Meta{Landscape: c.Landscape.Key, FileMeta: meta, Items: x.Len(), Categories: len(x.Categories), Previous: old.Previous}
	if hasOld && !dataSame {
		m.Previous = old.Generation
	}
	x = x.With(siteOptions(facts.data, up.current(guide, GuideFile), up.current(settings, SettingsFile)))
	search.Prepare(x)
	if f := facts.data; f != nil {
		m.GitHub = facts.meta
		m.GitHub.Repositories, m.GitHub.Joined = len(f.Repositories), joined(x)
	}
	m.Guide, m.Settings = guide.meta, settings.meta
	index, err := EncodeIndex(x, m.derivation())
	if err != nil {
		return res, err
	}
	gen, err := s.newGeneration()
	if err != nil {
		return res, err
	}
	err = up.writeGeneration(gen, raw, dataSame, facts, guide, settings, index)
	if err == nil && ctx.Err() != nil {
		// Cancelled or out of time while it was working: nothing is
		// committed, whatever was ready.
		err = ctxErr(ctx)
	}
	if err == nil {
		err = gen.commit(m)
	}
	if err != nil {
		gen.discard()
		return res, err
	}
	m.Generation = gen.name
	s.removeStale(m)
	res.New, res.Meta, res.DataChanged = x, m, !dataSame
	res.Facts.Updated = facts.changed
	return res, nil
}

// openForUpdate loads the current generation for the change summary,
// rebuilding its index in memory only: the lock is held.
func (s *Store) openForUpdate(m Meta) (*landscape.Index, error) {
	if file, err := readIndexFile(s.path(m.Generation, IndexFile)); err == nil {
		// Checked whole: an update reads every item for its summary.
		if src, from, err := openIndex(file); err == nil && from == m.derivation() && src.checkAll() == nil {
			src.fallback = s.fallback(m)
			return landscape.NewIndex(src.cats, src, src.search), nil
		}
	}
	return s.parseGeneration(m)
}

// updater is one update in progress.
type updater struct {
	s      *Store
	c      Config
	o      UpdateOptions
	f      *Fetcher
	old    Meta
	hasOld bool
	res    *UpdateResult
}

// data gets the new data file: nil raw when the cached one is current.
// What it fetches is parsed here, so that a mirror is tried when the
// primary serves something that is not a landscape.
func (u *updater) data(ctx context.Context) (raw []byte, x *landscape.Index, meta FileMeta, err error) {
	switch {
	case u.o.Data != nil:
		meta = fileMeta(u.o.Source, u.o.Data, "", "", u.c.now())
		meta.FetchedAt = u.o.FetchedAt
		return u.same(u.o.Data, meta)
	case u.o.File != "":
		b, err := ReadFileLimited(u.o.File, 0)
		if err != nil {
			return nil, nil, meta, err
		}
		abs, aerr := filepath.Abs(u.o.File)
		if aerr != nil {
			abs = u.o.File
		}
		if x, err = landscape.Parse(bytes.NewReader(b)); err != nil {
			return nil, nil, meta, &InputError{Source: u.o.File, Err: err}
		}
		raw, _, meta, err = u.same(b, fileMeta(abs, b, "", "", u.c.now()))
		return raw, x, meta, err
	}
	var failed []error
	for _, url := range u.c.DataSources() {
		etag, lastMod := "", ""
		if u.hasOld && !u.o.Force && u.old.Source == Redact(url) {
			etag, lastMod = u.old.ETag, u.old.LastModified
		}
		resp, err := u.f.Fetch(ctx, url, etag, lastMod)
		switch {
		case err != nil:
		case resp.NotModified && !u.hasOld:
			// A 304 refers to a cached copy: without one it is a lie.
			err = &FetchError{URL: url, Err: errors.New("answered 304 Not Modified, but the cache holds nothing")}
		case resp.NotModified:
			u.res.NotModified = true
			u.warn(failed)
			return nil, nil, meta, nil
		case looksLikeHTML(resp.Body):
			// Sites answer unknown paths with their home page and 200.
			err = &FetchError{URL: url, Err: errors.New("got an HTML page, not a landscape data file")}
		default:
			if x, err = landscape.Parse(bytes.NewReader(resp.Body)); err != nil {
				err = &FetchError{URL: url, Err: fmt.Errorf("not a valid landscape file: %w", err)}
				break
			}
			u.warn(failed)
			raw, _, meta, err = u.same(resp.Body, fileMeta(url, resp.Body, resp.ETag, resp.LastModified, u.c.now()))
			return raw, x, meta, err
		}
		failed = append(failed, err)
		if ctx.Err() != nil {
			break
		}
	}
	return nil, nil, meta, fmt.Errorf("update failed, cache unchanged: %w", errors.Join(failed...))
}

// same returns nil raw when b is the data the cache holds already.
func (u *updater) same(b []byte, meta FileMeta) ([]byte, *landscape.Index, FileMeta, error) {
	if u.hasOld && meta.SHA256 == u.old.SHA256 {
		return nil, nil, meta, nil
	}
	return b, nil, meta, nil
}

func (u *updater) warn(errs []error) {
	for _, e := range errs {
		u.res.Warnings = append(u.res.Warnings, e.Error())
	}
}

// maxShrink is the share of the cached items that new data may lose before
// the update is refused.
const maxShrink = 0.5

// accept validates new data: every item has what the data reference
// requires, and the update would not lose more than half of the items or a
// whole category (a file cut short, or a fixture loaded by mistake, is
// valid YAML). Force accepts a shrink, and says what it replaced.
func (u *updater) accept(x *landscape.Index) error {
	if err := x.Validate(); err != nil {
		return &InputError{Source: u.source(), Err: err}
	}
	if !u.hasOld {
		return nil
	}
	var reasons []string
	if oldN := u.old.Items; float64(x.Len()) < float64(oldN)*(1-maxShrink) {
		reasons = append(reasons, fmt.Sprintf("the new data has %d items where the cache holds %d", x.Len(), oldN))
	}
	if old := u.res.Old; old != nil {
		// A category may go when its items move (landscapes are
		// reorganised); a category that goes with most of its items is
		// data cut short.
		names := map[string]bool{}
		for i := range x.Len() {
			names[x.Summary(i).Name] = true
		}
		var lost []string
		for _, c := range old.Categories {
			if slices.ContainsFunc(x.Categories, func(n landscape.Category) bool { return n.Name == c.Name }) {
				continue
			}
			items, gone := landscape.Place{Category: &c}.Items(), 0
			for _, i := range items {
				if !names[old.Summary(i).Name] {
					gone++
				}
			}
			if len(items) > 0 && float64(gone) > float64(len(items))*maxShrink {
				lost = append(lost, fmt.Sprintf("%q (%d of its %d items)", c.Name, gone, len(items)))
			}
		}
		if len(lost) > 0 {
			reasons = append(reasons, fmt.Sprintf("it drops the categories %s", landscape.JoinList(lost, "and")))
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	if u.o.Force {
		u.res.Replaced = fmt.Sprintf("%d items in %d categories replaced by %d items in %d categories", u.old.Items, u.old.Categories, x.Len(), len(x.Categories))
		return nil
	}
	return &RefusedError{Reason: landscape.JoinList(reasons, "and")}
}

func (u *updater) source() string {
	if u.o.File != "" {
		return u.o.File
	}
	return "the new data"
}

// fileResult is a file of the generation: new bytes, or the cached ones
// kept, or none.
type fileResult struct {
	bytes   []byte    // new content; nil to keep the cached file (when meta is set)
	meta    *FileMeta // nil: the landscape has none
	changed bool
}

// factsResult is the GitHub facts: new, kept or none.
type factsResult struct {
	data    *landscape.Facts
	bytes   []byte // new facts file; nil to keep the cached file
	meta    *GitHubMeta
	changed bool
}

// facts fetches GitHub facts when the configuration asks for them. A
// failure is a warning: the cached facts stay, and so does the update.
func (u *updater) facts(ctx context.Context, parsed func() (*landscape.Index, error)) factsResult {
	keep := func() factsResult {
		r := factsResult{meta: u.old.GitHub}
		if u.hasOld && u.old.GitHub != nil {
			if f, err := readFacts(u.s.path(u.old.Generation, GitHubFile)); err == nil {
				r.data = f
				return r
			}
		}
		return factsResult{}
	}
	url, why := u.c.FactsURL()
	switch {
	case u.o.Data != nil && u.o.Facts != nil:
		x, err := parsed()
		if err != nil {
			return keep()
		}
		return u.givenFacts(x, keep)
	case u.o.NoFacts:
		u.res.Facts.Skipped = SkipFirstUse
		return keep()
	case u.c.NoGitHub:
		u.res.Facts.Skipped = why // the user's own choice is the reason
		return keep()
	case (u.o.File != "" || u.o.Data != nil) && u.c.FullURL == "":
		u.res.Facts.Skipped = SkipLocalFile
		return keep()
	case url == "":
		u.res.Facts.Skipped = why
		return keep()
	}
	etag, lastMod := "", ""
	if g := u.old.GitHub; u.hasOld && g != nil && !u.o.Force && g.Source == Redact(url) {
		etag, lastMod = g.ETag, g.LastModified
	}
	// full.json is read as it arrives, keeping the facts of the
	// repositories the landscape names: a file of millions of others costs
	// time, not memory. The data is parsed only for a new full.json.
	var facts *landscape.Facts
	big := *u.f
	big.MaxSize = DefaultFullMaxSize
	big.Consume = func(body io.Reader) error {
		br := bufio.NewReaderSize(body, 4<<10)
		if head, _ := br.Peek(512); looksLikeHTML(head) {
			return errors.New("got an HTML page, not full.json")
		}
		x, err := parsed()
		if err != nil {
			return err
		}
		facts, err = landscape.ParseFullJSON(br, x.Wanted())
		return err
	}
	resp, err := big.Fetch(ctx, url, etag, lastMod)
	if err == nil && resp.NotModified {
		if r := keep(); r.data != nil {
			u.res.Facts.NotModified = true
			return r
		}
		err = &FetchError{URL: url, Err: errors.New("answered 304 Not Modified, but the cache holds no facts")}
	}
	if err == nil {
		if len(facts.Repositories) == 0 {
			err = &FetchError{URL: url, Err: errors.New("it holds no GitHub facts about this landscape's repositories; the cached ones are kept")}
		}
	}
	var b []byte
	if err == nil {
		b, err = EncodeFacts(facts)
	}
	if err != nil {
		u.res.Warnings = append(u.res.Warnings, "GitHub facts (stars, license, activity) not updated: "+err.Error())
		return keep()
	}
	meta := &GitHubMeta{FileMeta: fileMeta(url, b, resp.ETag, resp.LastModified, u.c.now()), GeneratedAt: facts.Repositories.GeneratedAt()}
	if g := u.old.GitHub; g != nil && g.SHA256 == meta.SHA256 {
		r := keep()
		if r.data != nil {
			// The same facts: the new validators are kept.
			kept := *g
			kept.ETag, kept.LastModified = meta.ETag, meta.LastModified
			r.meta = &kept
			return r
		}
	}
	return factsResult{data: facts, bytes: b, meta: meta, changed: true}
}

// givenFacts takes the facts at hand (a snapshot's), keeping those the
// data refers to; unreadable ones keep the cached facts.
func (u *updater) givenFacts(x *landscape.Index, keep func() factsResult) factsResult {
	f, err := decodeFacts(u.o.Facts)
	if err != nil {
		return keep()
	}
	want := x.Wanted()
	maps.DeleteFunc(f.Repositories, func(k string, _ *landscape.GitHub) bool { return !want(k) })
	maps.DeleteFunc(f.Organizations, func(k string, _ string) bool { return !want(k) })
	b, err := EncodeFacts(f)
	if err != nil || len(f.Repositories) == 0 && len(f.Organizations) == 0 {
		return keep()
	}
	meta := &GitHubMeta{FileMeta: fileMeta(u.o.Source, b, "", "", u.c.now()), GeneratedAt: f.Repositories.GeneratedAt()}
	meta.FetchedAt = u.o.FetchedAt
	if g := u.old.GitHub; g != nil && g.SHA256 == meta.SHA256 {
		if r := keep(); r.data != nil {
			return r
		}
	}
	return factsResult{data: f, bytes: b, meta: meta, changed: true}
}

// siteFile gets the landscape's guide or settings: at hand (given), or
// from the site with a conditional GET. A 404 or an HTML page means the
// landscape has none; a failure keeps what the cache holds.
func (u *updater) siteFile(ctx context.Context, what string, given []byte, old *FileMeta, name string, valid func([]byte) error) fileResult {
	keep := fileResult{meta: old}
	if !u.hasOld {
		keep.meta = nil
	}
	var url string
	switch {
	case u.o.Data != nil:
		if given == nil {
			return fileResult{changed: keep.meta != nil}
		}
		meta := fileMeta(u.o.Source, given, "", "", u.c.now())
		meta.FetchedAt = u.o.FetchedAt
		if valid(given) != nil {
			return keep
		}
		return u.sameFile(given, &meta, keep)
	case u.o.File != "":
		// A local file is the data alone: the cached guide and settings
		// stay, and a new cache of the landscape built into cnl starts
		// with the built-in ones.
		if u.hasOld {
			return keep
		}
		b, meta, ok := builtInSiteFile(u.c, name)
		if !ok || valid(b) != nil {
			return keep
		}
		return u.sameFile(b, &meta, keep)
	default:
		guideURL, settingsURL := u.c.SiteURLs()
		url = guideURL
		if name == SettingsFile {
			url = settingsURL
		}
	}
	if url == "" {
		return keep
	}
	etag, lastMod := "", ""
	if keep.meta != nil && !u.o.Force && keep.meta.Source == Redact(url) {
		etag, lastMod = keep.meta.ETag, keep.meta.LastModified
	}
	small := *u.f
	small.MaxSize = maxSiteFile
	small.Progress = nil
	resp, err := small.Fetch(ctx, url, etag, lastMod)
	var st *statusError
	switch {
	case err == nil && resp.NotModified && keep.meta != nil:
		return keep
	case errors.As(err, &st) && st.code == http.StatusNotFound:
		return fileResult{changed: keep.meta != nil} // the landscape has none
	case err == nil && !resp.NotModified && looksLikeHTML(resp.Body) && keep.meta == nil:
		return keep // a site answers what it lacks with its home page
	case err == nil && !resp.NotModified && looksLikeHTML(resp.Body):
		// Having had one, an HTML page is more likely a site's mistake
		// than a guide withdrawn: only a 404 says it is gone.
		err = &FetchError{URL: url, Err: fmt.Errorf("got an HTML page; the cached %s is kept", what)}
	case err == nil && resp.NotModified:
		err = &FetchError{URL: url, Err: errors.New("answered 304 Not Modified, but the cache holds none")}
	case err == nil:
		if verr := valid(resp.Body); verr != nil {
			err = &FetchError{URL: url, Err: fmt.Errorf("not a valid %s file: %w", what, verr)}
		} else if why := u.shrunk(name, keep, resp.Body); why != "" {
			err = &FetchError{URL: url, Err: errors.New(why)}
		}
	}
	if err != nil {
		u.res.Warnings = append(u.res.Warnings, fmt.Sprintf("%s not updated: %v", what, err))
		return keep
	}
	meta := fileMeta(url, resp.Body, resp.ETag, resp.LastModified, u.c.now())
	return u.sameFile(resp.Body, &meta, keep)
}

// shrunk says why a new guide is refused: it explains less than half of
// what the cached one did (a file cut short can still be valid YAML).
// Force accepts it, as it accepts shrunken data.
func (u *updater) shrunk(name string, keep fileResult, b []byte) string {
	if name != GuideFile || u.o.Force || keep.meta == nil {
		return ""
	}
	oldBytes := u.current(keep, GuideFile)
	oldGuide, err1 := landscape.ParseGuide(bytes.NewReader(oldBytes))
	newGuide, err2 := landscape.ParseGuide(bytes.NewReader(b))
	if err1 != nil || err2 != nil {
		return ""
	}
	before, after := oldGuide.Sections(), newGuide.Sections()
	if float64(after) < float64(before)*(1-maxShrink) {
		return fmt.Sprintf("it explains %d sections where the cached guide explains %d; the cached one is kept (a forced update accepts it)", after, before)
	}
	return ""
}

func (u *updater) sameFile(b []byte, meta *FileMeta, keep fileResult) fileResult {
	if keep.meta != nil && keep.meta.SHA256 == meta.SHA256 {
		return keep
	}
	return fileResult{bytes: b, meta: meta, changed: true}
}

// current is a site file's content in the new generation: the new bytes,
// or the cached file that is carried over (nil when there is none).
func (u *updater) current(f fileResult, name string) []byte {
	if f.bytes != nil || f.meta == nil || !u.hasOld {
		return f.bytes
	}
	b, err := readCacheFile(u.s.path(u.old.Generation, name), maxSiteFile)
	if err != nil {
		return nil
	}
	return b
}

// writeGeneration writes the new generation's files: new ones, or the
// cached ones carried over.
func (u *updater) writeGeneration(g *generation, raw []byte, dataSame bool, facts factsResult, guide, settings fileResult, index []byte) error {
	put := func(name string, b []byte, have bool) error {
		switch {
		case b != nil:
			return g.write(name, b)
		case have:
			return g.keep(u.old.Generation, name)
		}
		return nil
	}
	data := raw
	if dataSame {
		data = nil // carried over
	}
	if err := put(DataFile, data, true); err != nil {
		return err
	}
	if err := put(GitHubFile, facts.bytes, facts.meta != nil); err != nil {
		return err
	}
	if err := put(GuideFile, guide.bytes, guide.meta != nil); err != nil {
		return err
	}
	if err := put(SettingsFile, settings.bytes, settings.meta != nil); err != nil {
		return err
	}
	return g.write(IndexFile, index)
}

func joined(x *landscape.Index) int {
	n := 0
	for i := range x.Len() {
		if x.Item(i).GitHub != nil {
			n++
		}
	}
	return n
}
