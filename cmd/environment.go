package cmd

import "github.com/spf13/cobra"

// newEnvironmentTopic is `cnl help environment`: a help topic, not a command.
func newEnvironmentTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "environment",
		Short: "environment variables cnl reads",
		Long: `Environment variables cnl reads. A flag, where there is one, wins over its
variable.

  CNL_LANDSCAPE    landscape to answer from (--landscape): a key of cnl
                   landscapes (default cncf) or a landscape2 site's URL
  CNL_CACHE_DIR    cache directory (--cache-dir); default $XDG_CACHE_HOME/cnl,
                   else the OS cache directory + /cnl; one directory below it
                   per landscape
  CNL_URL          URL of the landscape data file (--url); used alone, with
                   no mirror, and with no GitHub facts but from CNL_FULL_URL.
                   Default: the site's sources/data.yml (for CNCF,
                   https://landscape.cncf.io/sources/data.yml), then the
                   landscape.yml of its GitHub repository (for CNCF,
                   https://raw.githubusercontent.com/cncf/landscape/HEAD/landscape.yml)
  CNL_FULL_URL     URL of full.json with GitHub facts (--full-url); default
                   the site's data/full.json (for CNCF,
                   https://landscape.cncf.io/data/full.json)
  CNL_NO_GITHUB    1: cnl update fetches no GitHub facts (--no-github)
  XDG_CACHE_HOME   base of the default cache directory, on every OS
  NO_COLOR         set to anything: no colour (--no-color)
  CLICOLOR         0: no colour
  CLICOLOR_FORCE   set and not 0: colour even when output is piped
  COLUMNS          output width (default: the terminal's; 80 when unknown)
  CNL_PAGER        pager for long output on a terminal (diff, guide,
                   glossary, show, list PATH); empty or cat: none (also
                   --no-pager). Default $PAGER, else less
  PAGER            pager when CNL_PAGER is not set
  LESS             options for less; cnl sets FRX when it is not set
  TERM             "dumb": no colour
  LC_ALL, LC_MESSAGES, LANG
                   the language of cnl glossary (--lang), the first one set:
                   de_DE.UTF-8 reads German pages, English where a term has
                   none; C or POSIX: English
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY
                   proxies for downloads, as for every Go program`,
	}
}
