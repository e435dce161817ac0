// Command cnl explores the CNCF Cloud Native Landscape from the terminal.
package main

import (
	"os"

	"github.com/cnl-dev/cnl/cmd"
)

func main() { os.Exit(cmd.Main(nil)) }
