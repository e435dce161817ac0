package answer

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

// FactFilters are the sort and filter flags on GitHub facts and licenses
// that search and list share.
type FactFilters struct {
	sort        string
	License     []string
	Language    string
	MinStars    int64
	ActiveSince string
}

func (f *FactFilters) Register(fs *pflag.FlagSet) {
	fs.StringVar(&f.sort, "sort", "", "order by "+strings.Join(search.SortKeys, ", ")+" (most first; name A to Z)")
	fs.StringSliceVar(&f.License, "license", nil, "only items under this SPDX license, e.g. Apache-2.0 (repeatable)")
	fs.StringVar(&f.Language, "language", "", "only items whose repository is mostly in this language, e.g. Go")
	fs.Int64Var(&f.MinStars, "min-stars", 0, "only items with at least this many GitHub stars")
	fs.StringVar(&f.ActiveSince, "active-since", "", "only items with a commit since then: a date (2026-01-31) or a span (90d, 6w, 3m, 1y, 720h)")
}

// Set reports whether any of the flags is in use.
func (f *FactFilters) Set() bool {
	return f.sort != "" || len(f.License) > 0 || f.Language != "" || f.MinStars > 0 || f.ActiveSince != ""
}

// Apply puts the flags into a query, as usage errors when they are wrong.
func (f *FactFilters) Apply(q *search.Query, now time.Time) error {
	q.Sort, q.License, q.Language, q.MinStars = f.sort, f.License, f.Language, f.MinStars
	if f.sort != "" {
		s, err := choose("--sort", f.sort, search.SortKeys)
		if err != nil {
			return err
		}
		q.Sort = s
	}
	if f.MinStars < 0 {
		return UsageErrorf("--min-stars must not be negative")
	}
	if f.ActiveSince != "" {
		t, err := parseSince(f.ActiveSince, now)
		if err != nil {
			return UsageErrorf("--active-since %s: %v", landscape.Quote(f.ActiveSince), err)
		}
		q.ActiveSince = t
	}
	return nil
}

// NeedFacts checks a query that sorts or filters on GitHub facts against
// a landscape without them. A filter would answer nothing, so it is an
// Error that says why; a sort only falls back to the usual order, so it is
// a note on stderr.
func (s *Session) NeedFacts(x *landscape.Index, q search.Query, a Asker, warn io.Writer) error {
	var filters []string
	if q.Language != "" {
		filters = append(filters, a.filter("language"))
	}
	if q.MinStars > 0 {
		filters = append(filters, a.filter("min-stars"))
	}
	if !q.ActiveSince.IsZero() {
		filters = append(filters, a.filter("active-since"))
	}
	if len(q.License) > 0 {
		// The data names few licenses: the rest are GitHub's.
		filters = append(filters, a.filter("license"))
	}
	sorting := q.Sort != "" && q.Sort != "name" && q.Sort != "accepted"
	// Asking the index whether it has facts costs a read of every item's
	// row: only a query that needs them asks.
	if len(filters) == 0 && !sorting || x.HasGitHubFacts() {
		return nil
	}
	how := "run cnl update to fetch them"
	switch {
	case a == OverMCP:
		how = "answer without it, or the update tool (where the server offers it) fetches them"
	case s.File != "":
		how = "--file reads no facts; drop it to use the cache, after cnl update"
	}
	if len(filters) > 0 {
		return fmt.Errorf("%s needs GitHub facts and this landscape has none; %s", strings.Join(filters, ", "), how)
	}
	if sorting {
		fmt.Fprintf(warn, "cnl: --sort %s needs GitHub facts and this landscape has none; %s\n", q.Sort, how)
	}
	return nil
}

// CheckMaturities reads each --maturity as one of the maturities (see
// choose), in place; one that names none is a usage error.
func CheckMaturities(ms []string) error { return ChooseAll("--maturity", ms, landscape.Maturities) }

// CheckKinds reads each --kind as one of the kinds, in place.
func CheckKinds(ks []string) error { return ChooseAll("--kind", ks, landscape.Kinds) }

func ChooseAll(flag string, values, choices []string) error {
	for i, v := range values {
		c, err := choose(flag, v, choices)
		if err != nil {
			return err
		}
		values[i] = c
	}
	return nil
}

// choose reads a flag's value as one of its choices (see
// landscape.Choose); one that names none is a usage error naming the
// flag.
func choose(flag, value string, choices []string) (string, error) {
	c, err := landscape.Choose(value, choices)
	var ce *landscape.ChoiceError
	if !errors.As(err, &ce) {
		return c, err
	}
	msg := fmt.Sprintf("unknown %s %q", flag, ui.Truncate(value, 40))
	if ce.Nearest != "" {
		msg += fmt.Sprintf("; did you mean %q?", ce.Nearest)
	}
	return "", UsageErrorf("%s (want %s)", msg, strings.Join(choices, ", "))
}

// parseSince reads a date, or a span back from now: 90d, 6w, 3m, 1y, or a
// Go duration such as 720h.
func parseSince(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	if len(s) >= 2 {
		if n, err := strconv.Atoi(s[:len(s)-1]); err == nil && n > 0 {
			switch s[len(s)-1] {
			case 'd':
				return now.AddDate(0, 0, -n), nil
			case 'w':
				return now.AddDate(0, 0, -7*n), nil
			case 'm':
				return now.AddDate(0, -n, 0), nil
			case 'y':
				return now.AddDate(-n, 0, 0), nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("want a date (YYYY-MM-DD) or a span such as 90d, 6w, 3m, 1y")
}
