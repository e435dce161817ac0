package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
)

// markdownOK is the annotation of commands that can write -o markdown.
var markdownOK = map[string]string{"output": "markdown"}

// markdownCommands names the commands that write -o markdown.
func markdownCommands(root *cobra.Command) string {
	var names []string
	for _, c := range root.Commands() {
		if c.Annotations["output"] == "markdown" {
			names = append(names, c.Name())
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// outputFormat resolves -o (see ui.ParseFormat); a wrong one is a usage
// error.
func outputFormat(flag string, s *ui.Streams) (ui.Format, error) {
	f, err := ui.ParseFormat(flag, s.OutTTY)
	if err != nil {
		return "", answer.UsageErrorf("%v", err)
	}
	return f, nil
}

// fprintf writes to w; output errors (a closed pipe) surface on the final
// write of a command, so intermediate ones are not checked.
func fprintf(w io.Writer, format string, a ...any) { fmt.Fprintf(w, format, a...) }
