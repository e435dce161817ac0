package cmd

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

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
	if f.sort != "" && !slices.Contains(landscape.SortKeys, f.sort) {
		return usageErrorf("unknown --sort %q (want %s)", f.sort, strings.Join(landscape.SortKeys, ", "))
	}
	if f.minStars < 0 {
		return usageErrorf("--min-stars must not be negative")
	}
	if f.activeSince != "" {
		t, err := parseSince(f.activeSince, now)
		if err != nil {
			return usageErrorf("--active-since %q: %v", f.activeSince, err)
		}
		q.ActiveSince = t
	}
	return nil
}

// factsNote says on stderr, in one line, when a query sorts or filters on
// GitHub facts that the landscape does not have: the answer would
// otherwise be silently empty or unsorted.
func (g *globalOptions) factsNote(x *landscape.Index, q landscape.Query) {
	var uses []string
	if q.Sort != "" && q.Sort != "name" && q.Sort != "accepted" {
		uses = append(uses, "--sort "+q.Sort)
	}
	if q.Language != "" {
		uses = append(uses, "--language")
	}
	if q.MinStars > 0 {
		uses = append(uses, "--min-stars")
	}
	if !q.ActiveSince.IsZero() {
		uses = append(uses, "--active-since")
	}
	if len(uses) == 0 || x.HasGitHubFacts() {
		return
	}
	how := "run cnl update to fetch them"
	if g.file != "" {
		how = "--file reads no facts; drop it to use the cache, after cnl update"
	}
	fprintf(g.streams.ErrOut, "cnl: %s needs GitHub facts and this landscape has none; %s\n", strings.Join(uses, ", "), how)
}

// checkMaturities makes an unknown --maturity a usage error.
func checkMaturities(ms []string) error {
	for _, m := range ms {
		if !landscape.ValidMaturity(m) {
			return usageErrorf("unknown maturity %q (want %s)", m, strings.Join(landscape.Maturities, ", "))
		}
	}
	return nil
}

// checkKinds makes an unknown --kind a usage error.
func checkKinds(ks []string) error {
	for _, k := range ks {
		if !landscape.ValidKind(k) {
			return usageErrorf("unknown kind %q (want %s)", k, strings.Join(landscape.Kinds, ", "))
		}
	}
	return nil
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
