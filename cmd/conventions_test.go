package cmd

import (
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Every command follows the house conventions: a short help under 50
// characters starting lower-case, an example, and no dashes in its name.
func TestCommandConventions(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		name := c.CommandPath()
		if len(c.Short) == 0 || len(c.Short) >= 50 || !unicode.IsLower(rune(c.Short[0])) {
			t.Errorf("%s: short help %q must be under 50 characters and start lower-case", name, c.Short)
		}
		if c.Runnable() && strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s: no example", name)
		}
		if strings.Contains(c.Name(), "-") {
			t.Errorf("%s: dash in a command name", name)
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Usage == "" {
				t.Errorf("%s --%s: no usage text", name, f.Name)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(&Streams{Width: 80}))
}
