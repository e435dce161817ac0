package cmd

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
)

// factFilters are the sort and filter flags on GitHub facts and licenses
// that search and list share.
type factFilters struct {
	sort        string
	license     []string
	language    string
	minStars    int64
	activeSince string
}

func (f *factFilters) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.sort, "sort", "", "order by "+strings.Join(landscape.SortKeys, ", ")+" (most first; name A to Z)")
	fs.StringSliceVar(&f.license, "license", nil, "only items under this SPDX license, e.g. Apache-2.0 (repeatable)")
	fs.StringVar(&f.language, "language", "", "only items whose repository is mostly in this language, e.g. Go")
	fs.Int64Var(&f.minStars, "min-stars", 0, "only items with at least this many GitHub stars")
	fs.StringVar(&f.activeSince, "active-since", "", "only items with a commit since then: a date (2026-01-31) or a span (90d, 6w, 3m, 1y, 720h)")
}

// set reports whether any of the flags is in use.
func (f *factFilters) set() bool {
	return f.sort != "" || len(f.license) > 0 || f.language != "" || f.minStars > 0 || f.activeSince != ""
}

// apply puts the flags into a query, as usage errors when they are wrong.
func (f *factFilters) apply(q *landscape.Query, now time.Time) error {
	q.Sort, q.License, q.Language, q.MinStars = f.sort, f.license, f.language, f.minStars
	if f.sort != "" {
		s, err := choose("--sort", f.sort, landscape.SortKeys)
		if err != nil {
			return err
		}
		q.Sort = s
	}
	if f.minStars < 0 {
		return usageErrorf("--min-stars must not be negative")
	}
	if f.activeSince != "" {
		t, err := parseSince(f.activeSince, now)
		if err != nil {
			return usageErrorf("--active-since %s: %v", landscape.Quote(f.activeSince), err)
		}
		q.ActiveSince = t
	}
	return nil
}

// needFacts checks a query that sorts or filters on GitHub facts against
// a landscape without them. A filter would answer nothing, so it is an
// error that says why; a sort only falls back to the usual order, so it is
// a note on stderr.
func (g *session) needFacts(x *landscape.Index, q landscape.Query, a asker, warn io.Writer) error {
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
	case a == overMCP:
		how = "answer without it, or the update tool (where the server offers it) fetches them"
	case g.file != "":
		how = "--file reads no facts; drop it to use the cache, after cnl update"
	}
	if len(filters) > 0 {
		return fmt.Errorf("%s needs GitHub facts and this landscape has none; %s", strings.Join(filters, ", "), how)
	}
	if sorting {
		fprintf(warn, "cnl: --sort %s needs GitHub facts and this landscape has none; %s\n", q.Sort, how)
	}
	return nil
}

// checkMaturities reads each --maturity as one of the maturities (see
// choose), in place; one that names none is a usage error.
func checkMaturities(ms []string) error { return chooseAll("--maturity", ms, landscape.Maturities) }

// checkKinds reads each --kind as one of the kinds, in place.
func checkKinds(ks []string) error { return chooseAll("--kind", ks, landscape.Kinds) }

func chooseAll(flag string, values, choices []string) error {
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
	return "", usageErrorf("%s (want %s)", msg, strings.Join(choices, ", "))
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
