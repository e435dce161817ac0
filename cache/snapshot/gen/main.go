// Command gen writes the CNCF landscape snapshot that every build embeds:
// data.yml.gz, guide.yml.gz, settings.yml.gz, facts.json.gz
// and snapshot.json in --out. It validates each file by parsing it before
// writing anything.
//
//	go run ./cache/snapshot/gen                              # fetched from landscape.cncf.io (releases)
//	go run ./cache/snapshot/gen --site ../shared/landscape/sites/cncf --date 2026-08-07
//
// The facts are the text of the site's data/full.json that says what items
// are: GitHub descriptions and topics of the repositories the data names,
// and Crunchbase descriptions of its organisations (numbers such as stars
// would be stale by the time a build is used, so they are left out). A
// fetched snapshot has them; with --site, the site's data/full.json when it
// has one, or --full.
//
// With --glossary (a checkout of cncf/glossary, as ../shared/glossary is)
// it also writes the glossary that every build embeds, in
// --glossary-out/data (landscape/glossary's); without, the committed
// glossary is left as it is.
//
// The environment sets the defaults, so that a release hook needs no
// arguments: CNL_SNAPSHOT_SITE, CNL_SNAPSHOT_DATE, CNL_SNAPSHOT_GLOSSARY.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

func main() {
	site := flag.String("site", os.Getenv("CNL_SNAPSHOT_SITE"), "a landscape2 site's directory (with sources/data.yml, guide.yml, settings.yml) instead of fetching")
	out := flag.String("out", filepath.Join("cache", "snapshot"), "directory to write the snapshot to")
	glossaryOut := flag.String("glossary-out", filepath.Join("landscape", "glossary"), "directory of the glossaries' package, to write their data/ to")
	date := flag.String("date", os.Getenv("CNL_SNAPSHOT_DATE"), "date the data is from, YYYY-MM-DD (default: today, UTC)")
	full := flag.String("full", "", "a full.json to take descriptions and topics from (default: the site's data/full.json, when it has one)")
	glossary := flag.String("glossary", os.Getenv("CNL_SNAPSHOT_GLOSSARY"), "a checkout of cncf/glossary (content/<lang>/*.md, SOURCE.md) to build the glossary from")
	k8s := flag.String("k8s-glossary", os.Getenv("CNL_SNAPSHOT_K8S_GLOSSARY"), "the Kubernetes documentation's glossary (en/*.md, as content/en/docs/reference/glossary of kubernetes/website) to build in beside it")
	flag.Parse()
	err := run(*site, *out, *date, *full)
	if err == nil && *glossary != "" {
		err = writeGlossary(*glossary, *glossaryOut)
	}
	if err == nil && *k8s != "" {
		err = writeKubernetesGlossary(*k8s, *glossaryOut)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(site, out, date, full string) error {
	l, _ := cache.FindLandscape(cache.DefaultLandscape)
	var files [4][]byte // data, guide, settings, full.json (nil without)
	var source string
	var err error
	if site != "" {
		source = "landscape.cncf.io (" + filepath.Base(site) + ")"
		for i, name := range []string{"data.yml", "guide.yml", "settings.yml"} {
			if files[i], err = cache.ReadFileLimited(filepath.Join(site, "sources", name), 0); err != nil {
				return err
			}
		}
		if full == "" {
			if p := filepath.Join(site, "data", "full.json"); fileExists(p) {
				full = p
			}
		}
	} else {
		source = l.BaseURL
		if files, err = fetch(l); err != nil {
			return err
		}
	}
	if full != "" {
		if files[3], err = cache.ReadFileLimited(full, cache.DefaultFullMaxSize); err != nil {
			return err
		}
	}
	x, err := landscape.Parse(bytes.NewReader(files[0]))
	if err != nil {
		return fmt.Errorf("the data is not a valid landscape: %w", err)
	}
	guide, err := landscape.ParseGuide(bytes.NewReader(files[1]))
	if err != nil {
		return fmt.Errorf("the guide is not valid: %w", err)
	}
	settings, err := landscape.ParseSettings(bytes.NewReader(files[2]))
	if err != nil {
		return fmt.Errorf("the settings are not valid: %w", err)
	}
	facts := &landscape.Facts{Repositories: landscape.GitHubData{}}
	if files[3] != nil {
		all, err := landscape.ParseFullJSON(bytes.NewReader(files[3]), x.Wanted())
		if err != nil {
			return fmt.Errorf("%s: %w", full, err)
		}
		facts = textFacts(all)
	}
	factsJSON, err := cache.EncodeFacts(facts)
	if err != nil {
		return err
	}
	// The files must make an index (what the cache compiles from them on
	// first use); the index itself is not built in: it is derived from
	// them in 0.3 s, and would cost every binary 0.3 MB.
	x = x.With(landscape.Options{Facts: facts, MembersCategory: settings.MembersCategory, Guide: guide})
	search.Prepare(x)
	if _, err := cache.EncodeIndex(x, "snapshot"); err != nil {
		return err
	}
	if date == "" {
		date = time.Now().UTC().Format("2006-01-02")
	} else if _, err := time.Parse("2006-01-02", date); err != nil {
		return fmt.Errorf("--date %q: want YYYY-MM-DD", date)
	}
	outputs := [][]byte{files[0], files[1], files[2], factsJSON}
	for i, name := range []string{"data.yml.gz", "guide.yml.gz", "settings.yml.gz", "facts.json.gz"} {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(outputs[i])
		if err := zw.Close(); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, name), gz.Bytes(), 0o644); err != nil {
			return err
		}
	}
	sum := sha256.Sum256(files[0])
	// snapshot.Meta, which gen cannot import: that package embeds what
	// gen writes.
	meta, _ := json.MarshalIndent(map[string]string{"landscape": l.Key, "date": date, "source": source, "sha256": hex.EncodeToString(sum[:])}, "", "  ")
	if err := os.WriteFile(filepath.Join(out, "snapshot.json"), append(meta, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Printf("snapshot: %d bytes of data from %s (%s); %d repository and %d organisation descriptions\n",
		len(files[0]), source, date, len(facts.Repositories), len(facts.Organizations))
	return nil
}

// textFacts keeps of the facts what says what an item is: descriptions and
// topics.
func textFacts(f *landscape.Facts) *landscape.Facts {
	out := &landscape.Facts{Repositories: landscape.GitHubData{}, Organizations: f.Organizations}
	for k, g := range f.Repositories {
		if g.Description != "" || len(g.Topics) > 0 {
			out.Repositories[k] = &landscape.GitHub{URL: g.URL, Description: g.Description, Topics: g.Topics}
		}
	}
	return out
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// fetch gets the files from the site; the data falls back to the GitHub
// mirror.
func fetch(l cache.Landscape) (files [4][]byte, err error) {
	f := &cache.Fetcher{Client: &http.Client{Timeout: 2 * time.Minute}, UserAgent: "cnl-snapshot-gen", MaxSize: cache.DefaultFullMaxSize}
	for i, urls := range [][]string{{l.DataURL(), l.MirrorURL()}, {l.GuideURL()}, {l.SettingsURL()}, {l.FullURL()}} {
		var errs []error
		for _, u := range urls {
			res, err := f.Fetch(context.Background(), u, "", "")
			if err == nil {
				files[i] = res.Body
				break
			}
			errs = append(errs, err)
		}
		if files[i] == nil {
			return files, fmt.Errorf("no source answered: %v", errs)
		}
	}
	return files, nil
}
