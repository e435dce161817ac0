package cmd

import (
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

// DocsRoot is cnl's command tree for the documentation generator
// (docs/gen), which keeps cobra/doc out of the binary. It writes nowhere.
func DocsRoot() *cobra.Command {
	root := newRootCmd(&ui.Streams{Out: io.Discard, ErrOut: io.Discard, Width: 80}, time.Now, nil)
	root.DisableAutoGenTag = true
	return root
}

// EnvironmentHelp is the text of "cnl help environment".
func EnvironmentHelp() string { return newEnvironmentTopic().Long }

// ExitStatus describes cnl's exit codes, for the manual.
const ExitStatus = `0  success; a search with no results is a success
1  failure: no such project or place, a failed update, no data
2  wrong usage: an unknown command or flag, a missing argument, a bad flag value`

// Files describes what cnl keeps on disk, for the manual.
const Files = `$XDG_CACHE_HOME/cnl/LANDSCAPE/ (else the OS cache directory + /cnl: ~/.cache/cnl on Linux, ~/Library/Caches/cnl on macOS, %LocalAppData%\cnl on Windows; or --cache-dir, CNL_CACHE_DIR)
    one directory per landscape (cncf, lfai, ...)
current.json
    the manifest: the current generation, and each file's source, fetch time, ETag, checksum and size
gen-*/
    a generation: data.yml, github.json (GitHub facts), guide.yml, settings.yml and index.bin (the compiled index, rebuilt when missing or stale); the previous generation is kept for cnl diff
.lock
    held by cnl update while it writes`
