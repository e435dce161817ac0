// Command everydaygen writes landscape/scan/everyday.txt: the words of the
// landscapes' names that are also everyday words, which a text scan takes
// for a name only where the text is about software ("Keep your badge
// visible", "I flew to Lima", "the Copa America final").
//
// Everyday means in a word list people write with: Debian's English lists
// (wamerican-huge: words, and the places and first names it holds
// capitalised) and its Spanish, Portuguese, French, Italian and German
// lists (wspanish, wportuguese, wfrench, witalian, wngerman), read from
// /usr/share/dict. The names are those of the landscapes in
// ../shared/landscape (CNCF, LF AI & Data, OpenSSF): every word of an
// item's name, its repository's name, and the jargon's aliases.
//
//	go run ./landscape/internal/everydaygen                  # what CI checks
//	go run ./landscape/internal/everydaygen -shared DIR -dict DIR
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// lists are the word lists, in /usr/share/dict, and the Debian packages
// that install them.
var lists = map[string]string{
	"american-english-huge": "wamerican-huge",
	"spanish":               "wspanish",
	"portuguese":            "wportuguese",
	"french":                "wfrench",
	"italian":               "witalian",
	"ngerman":               "wngerman",
}

func main() {
	shared := flag.String("shared", filepath.Join("..", "shared", "landscape"), "the shared landscape data")
	dict := flag.String("dict", "/usr/share/dict", "where the word lists are")
	out := flag.String("out", filepath.Join("landscape", "scan", "everyday.txt"), "file to write")
	flag.Parse()
	if err := run(*shared, *dict, *out); err != nil {
		fmt.Fprintln(os.Stderr, "everydaygen:", err)
		os.Exit(1)
	}
}

func run(shared, dict, out string) error {
	words := map[string]bool{}
	var names []string
	for file, pkg := range lists {
		n := 0
		f, err := os.Open(filepath.Join(dict, file))
		if err != nil {
			return fmt.Errorf("%v (apt-get install %s)", err, pkg)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := strings.ToLower(strings.TrimSpace(sc.Text()))
			if w != "" && !strings.ContainsAny(w, "' ") {
				words[w] = true
				n++
			}
		}
		f.Close()
		names = append(names, fmt.Sprintf("%s (%d)", pkg, n))
	}
	slices.Sort(names)
	mine := map[string]bool{}
	for _, site := range []string{"cncf", "lfai", "openssf"} {
		b, err := os.ReadFile(filepath.Join(shared, "sites", site, "sources", "data.yml"))
		if err != nil {
			return err
		}
		x, err := landscape.Parse(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("%s: %w", site, err)
		}
		for i := range x.Len() {
			it := x.Item(i)
			for _, w := range lexicon.Words(it.Name + " " + repo(it.RepoURL)) {
				mine[w] = true
			}
		}
	}
	aliases, _ := lexicon.JargonMaps()
	for a := range aliases {
		for _, w := range lexicon.Words(a) {
			mine[w] = true
		}
	}
	var everyday []string
	for w := range mine {
		// Words of one or two letters are left to the scanner's rules
		// for short names.
		if words[w] && len(w) > 2 {
			everyday = append(everyday, w)
		}
	}
	slices.Sort(everyday)
	var b strings.Builder
	b.WriteString("# Words of the landscapes' names that are also everyday words: in a text\n")
	b.WriteString("# they count as a name only where the text is about software. Made by\n")
	b.WriteString("# go run ./landscape/internal/everydaygen from " + strings.Join(names, ", ") + "\n")
	b.WriteString("# and the names of the CNCF, LF AI & Data and OpenSSF landscapes.\n")
	for _, w := range everyday {
		b.WriteString(w + "\n")
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// repo is the last part of a repository URL.
func repo(u string) string {
	u = strings.TrimSuffix(strings.TrimSuffix(u, "/"), ".git")
	return u[strings.LastIndexByte(u, '/')+1:]
}
