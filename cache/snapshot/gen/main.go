// Command gen writes the landscape snapshot that release builds embed:
// landscape.yml.gz and snapshot.json in --out (git-ignored). It validates
// the data by parsing it before writing anything.
//
//	go run ./cache/snapshot/gen                       # fetch (release builds)
//	go run ./cache/snapshot/gen --file landscape.yml  # a local file (CI)
//
// The environment sets the defaults, so that a release hook needs no
// arguments: CNL_SNAPSHOT_URL, CNL_SNAPSHOT_FILE, CNL_SNAPSHOT_DATE.
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
	"github.com/cnl-dev/cnl/cache/snapshot"
	"github.com/cnl-dev/cnl/landscape"
)

func main() {
	url := flag.String("url", os.Getenv("CNL_SNAPSHOT_URL"), "fetch landscape.yml from this URL (default: the landscape site, then its mirror)")
	file := flag.String("file", os.Getenv("CNL_SNAPSHOT_FILE"), "read landscape.yml from this file instead of fetching")
	out := flag.String("out", filepath.Join("cache", "snapshot"), "directory to write landscape.yml.gz and snapshot.json to")
	date := flag.String("date", os.Getenv("CNL_SNAPSHOT_DATE"), "date the data is from, YYYY-MM-DD (default: today, UTC)")
	flag.Parse()
	if err := run(*url, *file, *out, *date); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(url, file, out, date string) error {
	var raw []byte
	var source string
	var err error
	if file != "" {
		raw, err = cache.ReadFileLimited(file, 0)
		source = filepath.Base(file)
	} else {
		raw, source, err = fetch(url)
	}
	if err != nil {
		return err
	}
	if _, err := landscape.Parse(bytes.NewReader(raw)); err != nil {
		return fmt.Errorf("%s is not a valid landscape: %w", source, err)
	}
	if date == "" {
		date = time.Now().UTC().Format("2006-01-02")
	} else if _, err := time.Parse("2006-01-02", date); err != nil {
		return fmt.Errorf("--date %q: want YYYY-MM-DD", date)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		return err
	}
	sum := sha256.Sum256(raw)
	meta, _ := json.MarshalIndent(snapshot.Meta{Date: date, Source: source, SHA256: hex.EncodeToString(sum[:])}, "", "  ")
	if err := os.WriteFile(filepath.Join(out, "landscape.yml.gz"), gz.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "snapshot.json"), append(meta, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Printf("snapshot: %d bytes from %s (%s), %d compressed\n", len(raw), source, date, gz.Len())
	return nil
}

func fetch(url string) ([]byte, string, error) {
	f := &cache.Fetcher{Client: &http.Client{Timeout: 2 * time.Minute}, UserAgent: "cnl-snapshot-gen"}
	var errs []error
	for _, u := range cache.Sources(url) {
		res, err := f.Fetch(context.Background(), u, "", "")
		if err == nil {
			return res.Body, u, nil
		}
		errs = append(errs, err)
	}
	return nil, "", fmt.Errorf("no source answered: %v", errs)
}
