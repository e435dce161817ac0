package cmd

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cache/snapshot"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape/glossary"
)

// Set by release builds: -ldflags "-X github.com/cnl-dev/cnl/cmd.version=…".
var (
	version = ""
	commit  = ""
	date    = ""
)

// buildInfo returns version, commit and date: from -ldflags when set, else
// from what `go install` and `go build` record in the binary.
func buildInfo() (v, c, d string) {
	v, c, d = version, commit, date
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" && bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && c == "":
				c = s.Value
			case s.Key == "vcs.time" && d == "":
				d = s.Value
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v, c, d
}

type versionJSON struct {
	Version  string `json:"version"`
	Commit   string `json:"commit,omitempty"`
	Date     string `json:"date,omitempty"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
	Data     string `json:"data"` // where answers come from
	DataDate string `json:"data_date,omitempty"`
	Snapshot string `json:"snapshot,omitempty"` // date of the embedded data, if any
	Glossary string `json:"glossary,omitempty"` // the embedded glossary's source and date
	Notice   string `json:"notice"`
	CacheDir string `json:"cache_dir,omitempty"`
}

func newVersionCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "show the version and where the data comes from",
		Long: `Show cnl's version, commit, build date and Go; where the data comes from
(the cache, or the landscape built into this build) and its date; the
glossaries built in; and the licences of the data: the landscape's own,
the CNCF Cloud Native Glossary's and the Kubernetes glossary's (both CC BY
4.0).`,
		Example: "  cnl version\n  cnl version -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVersion(g)
		},
	}
}

// runVersion prints the version, the build and where the data comes from;
// cnl --version does the same.
func runVersion(g *globalOptions) error {
	v, c, d := buildInfo()
	info := versionJSON{Version: v, Commit: c, Date: d, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH, Notice: dataNotice}
	if snap, ok := snapshot.Info(); ok {
		info.Snapshot = snap.Date
	}
	if g, ok := glossary.Source(); ok {
		info.Glossary = fmt.Sprintf("%s (%s), %d languages", g.Source, g.Date, len(g.Languages))
	}
	info.Data, info.DataDate = "none yet (run cnl update)", ""
	st := g.Store()
	info.CacheDir = st.Dir
	meta, err := st.Meta()
	switch {
	case err == nil:
		info.Data, info.DataDate = meta.Source, meta.FetchedAt.UTC().Format("2006-01-02")
	case errors.Is(err, cache.ErrNoData) && info.Snapshot != "":
		info.Data, info.DataDate = "the built-in snapshot, until the first update", info.Snapshot
	}
	s := g.streams
	return s.Show(g.format(), ui.View{
		Data: func() any { return info },
		// The same lines for people and for scripts.
		Table: func(s *ui.Streams) error {
			fprintf(s.Out, "cnl %s\n", info.Version)
			fprintf(s.Out, "commit:   %s\n", orDash(info.Commit))
			fprintf(s.Out, "built:    %s\n", orDash(info.Date))
			fprintf(s.Out, "go:       %s %s\n", info.Go, info.Platform)
			fprintf(s.Out, "data:     %s (%s)\n", ui.Clean(info.Data), orDash(info.DataDate))
			fprintf(s.Out, "snapshot: %s\n", orDash(info.Snapshot))
			fprintf(s.Out, "glossary: %s\n", orDash(info.Glossary))
			notice := []string{info.Notice}
			if w := s.TableWidth(); w > 20 {
				notice = ui.WrapStyled(info.Notice, w-10, "", "")
			}
			_, err = fmt.Fprintf(s.Out, "notice:   %s\n", strings.Join(notice, "\n          "))
			return err
		},
	})
}

// dataNotice is the attribution of the data cnl carries (see NOTICE).
const dataNotice = "the built-in snapshot holds the CNCF landscape data (CC-BY-4.0, cncf/landscape) and its guide and settings (Apache-2.0, cncf/landscape2-sites); the glossaries are the CNCF Cloud Native Glossary (glossary.cncf.io, CC BY 4.0, cncf/glossary) and the Kubernetes Glossary (© The Kubernetes Authors, kubernetes.io/docs/reference/glossary, CC BY 4.0, adapted)"

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
