package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
)

// MCPServe serves the Model Context Protocol for cnl mcp: the cnl-mcp
// program, which links the MCP SDK, hands it to Main; cnl itself does not
// link the SDK (its package initialisation would cost every command half
// a millisecond), and runs cnl-mcp for cnl mcp instead.
type MCPServe func(ctx context.Context, s *answer.Session, allowUpdate bool, version string) error

func newMCPCmd(g *globalOptions, serve MCPServe) *cobra.Command {
	var allowUpdate bool
	c := &cobra.Command{
		Use:   "mcp",
		Short: "serve the landscape to AI assistants (MCP)",
		Long: `Serve the landscape, its guide and the CNCF Cloud Native Glossary to an AI
assistant over the Model Context Protocol, on standard input and output.
The assistant starts it; you do not run it by hand. Set it up with
"command": "cnl", "args": ["mcp"] (see the README for Claude Code, Claude
Desktop, VS Code and Cursor).

It answers from the cache, or the landscape built into cnl, and never
touches the network: the update tool exists only with --allow-update.
Tools: search, get_item, compare, list_places, list_items, guide,
glossary, stats, changes, scan_text, members. Resources: the guide's
sections (cnl://guide/PLACE) and the glossary's terms
(cnl://glossary/TERM). Prompts: explain_category, compare_for_use_case,
study_notes.

The server is the cnl-mcp program, installed beside cnl by the release
archives and packages (go install github.com/cnl-dev/cnl/cmd/...@latest
installs both).`,
		Example: `  cnl mcp
  cnl mcp --landscape lfai
  claude mcp add cnl -- cnl mcp`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if serve == nil {
				return runMCPProgram(cmd.Context())
			}
			// A long-lived server reads the index into memory: a fault
			// from a mapped file is caught only in the goroutine that
			// reads it, and tools run in others.
			g.Config.InMemory = true
			v, _, _ := buildInfo()
			return serve(cmd.Context(), &g.Session, allowUpdate, v)
		},
	}
	c.Flags().BoolVar(&allowUpdate, "allow-update", false, "offer an update tool that fetches the landscape (the only one that uses the network)")
	return c
}

// runMCPProgram runs cnl-mcp, from beside this program or the PATH, with
// this command line: it is cnl with the MCP server linked in.
func runMCPProgram(ctx context.Context) error {
	name := "cnl-mcp"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	path := ""
	if self, err := os.Executable(); err == nil {
		if p := filepath.Join(filepath.Dir(self), name); fileExists(p) {
			path = p
		}
	}
	if path == "" {
		p, err := exec.LookPath(name)
		if err != nil {
			return errors.New("cnl mcp runs cnl-mcp, which is not installed beside cnl or on the PATH: go install github.com/cnl-dev/cnl/cmd/cnl-mcp@latest (release archives and packages carry it)")
		}
		path = p
	}
	return execProgram(ctx, path, os.Args[1:])
}

// runProgram runs path with args on cnl's standard streams and ends cnl
// with its exit code: where a process cannot replace itself.
func runProgram(ctx context.Context, path string, args []string) error {
	c := exec.CommandContext(ctx, path, args...)
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := c.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exitCodeError(exit.ExitCode())
		}
		return fmt.Errorf("running %s: %w", path, err)
	}
	return nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
