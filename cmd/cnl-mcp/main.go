// Command cnl-mcp is cnl with its Model Context Protocol server linked in:
// cnl mcp runs it. The server lives in its own program so that cnl's other
// commands do not pay for the MCP SDK's start-up.
package main

import (
	"os"

	"github.com/cnl-dev/cnl/cmd"
	"github.com/cnl-dev/cnl/cmd/internal/mcpserver"
)

func main() { os.Exit(cmd.Main(mcpserver.Run)) }
