package cmd

import "github.com/spf13/cobra"

// newEnvironmentTopic is `cnl help environment`: a help topic, not a command.
func newEnvironmentTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "environment",
		Short: "environment variables cnl reads",
		Long: `Environment variables cnl reads. A flag, where there is one, wins over its
variable.

  CNL_CACHE_DIR    cache directory (--cache-dir); default $XDG_CACHE_HOME/cnl,
                   else the OS cache directory + /cnl
  CNL_URL          URL to fetch landscape.yml from (--url); used alone, with no
                   mirror. Default: https://landscape.cncf.io/landscape.yml, then
                   https://raw.githubusercontent.com/cncf/landscape/master/landscape.yml
  CNL_FULL_URL     URL of full.json with GitHub facts (--full-url); default
                   https://landscape.cncf.io/data/full.json, used only when
                   the landscape comes from its default source
  CNL_NO_GITHUB    1: cnl update fetches no GitHub facts (--no-github)
  XDG_CACHE_HOME   base of the default cache directory, on every OS
  NO_COLOR         set to anything: no colour (--no-color)
  CLICOLOR         0: no colour
  CLICOLOR_FORCE   set and not 0: colour even when output is piped
  COLUMNS          output width (default: the terminal's, at most 120; 80 when
                   unknown)
  TERM             "dumb": no colour`,
	}
}
