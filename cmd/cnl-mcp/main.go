// Command cnl-mcp is cnl with its Model Context Protocol server linked in:
// cnl mcp runs it. The server lives in its own program so that cnl's other
// commands do not pay for the MCP SDK's start-up.
package main

import (
	"context"
	"os"

	"github.com/cnl-dev/cnl/cmd"
	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/mcpserver"
	"github.com/cnl-dev/cnl/cmd/internal/mcpservice"
)

func main() { os.Exit(cmd.Main(serve)) }

// serve is cnl mcp: the service of the session's landscape, spoken over
// standard input and output.
func serve(ctx context.Context, s *answer.Session, allowUpdate bool, version string) error {
	return mcpserver.Run(ctx, mcpservice.New(s, allowUpdate, version))
}
