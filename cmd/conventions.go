package cmd

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// unknownCommand is the usage error for a word that names no command,
// with the nearest commands by spelling, as gh and kubectl suggest them.
func unknownCommand(cmd *cobra.Command, word string) error {
	msg := fmt.Sprintf("unknown command %s for %q", landscape.Quote(word), cmd.CommandPath())
	if s := cmd.SuggestionsFor(word); len(s) > 0 {
		msg += "; did you mean " + landscape.QuoteList(s) + "?"
	}
	return answer.UsageErrorf("%s (see %s --help)", msg, cmd.CommandPath())
}

// The patterns of pflag's errors, compiled when a flag is wrong: no other
// run pays for them.
var flagErrorPatterns = sync.OnceValues(func() (unknownFlag, badValue *regexp.Regexp) {
	return regexp.MustCompile(`^unknown (?:shorthand )?flag: '?-?-?([^' ]+)'?`),
		regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: (.*)$`)
})

// flagError rewrites pflag's errors for people: an unknown flag gets the
// nearest flags, and a value that does not parse says what is wanted
// instead of quoting strconv.
func flagError(c *cobra.Command, err error) string {
	msg := err.Error()
	unknownFlagRE, badValueRE := flagErrorPatterns()
	if m := unknownFlagRE.FindStringSubmatch(msg); m != nil {
		if near := nearFlags(c, m[1]); len(near) > 0 {
			return msg + "; did you mean " + landscape.QuoteList(near) + "?"
		}
		return msg
	}
	if m := badValueRE.FindStringSubmatch(msg); m != nil {
		value, flag, why := m[1], m[2], m[3]
		want := "a valid value"
		switch {
		case strings.Contains(why, "ParseInt"), strings.Contains(why, "ParseUint"):
			want = "a whole number"
		case strings.Contains(why, "ParseFloat"):
			want = "a number"
		case strings.Contains(why, "ParseBool"):
			want = "true or false"
		case strings.Contains(why, "duration"):
			want = "a duration such as 30s or 2m"
		}
		return fmt.Sprintf("%s wants %s, not %s", strings.Split(flag, ",")[0], want, landscape.Quote(value))
	}
	return msg
}

// nearFlags are the command's flags within two edits of name, nearest
// first.
func nearFlags(c *cobra.Command, name string) []string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	seen := map[string]bool{}
	visit := func(f *pflag.Flag) {
		if f.Hidden || seen[f.Name] {
			return
		}
		seen[f.Name] = true
		if d := lexicon.EditDistance(name, f.Name, 2); d <= 2 || strings.HasPrefix(f.Name, name) {
			cs = append(cs, cand{"--" + f.Name, d})
		}
	}
	c.Flags().VisitAll(visit)
	c.InheritedFlags().VisitAll(visit)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	var out []string
	for _, x := range cs[:min(len(cs), 3)] {
		out = append(out, x.name)
	}
	return out
}

// newHelpCmd is "cnl help [COMMAND]": an unknown topic is a usage error
// (exit 2) with suggestions, where cobra's own prints a line and exits 0.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "help about any command or topic",
		Long:  "Help about any command, or a topic such as \"cnl help environment\".",
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			var out []string
			for _, c := range root.Commands() {
				if c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
					out = append(out, c.Name()+"\t"+c.Short)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			// Topics in any case: "cnl help Search" is help on search.
			lower := make([]string, len(args))
			for i, a := range args {
				lower[i] = strings.ToLower(a)
			}
			c, rest, err := root.Find(lower)
			if err != nil || c == nil || len(rest) > 0 {
				word := strings.Join(args, " ")
				if len(rest) > 0 {
					word = rest[0]
				}
				msg := fmt.Sprintf("unknown help topic %q", ui.Truncate(word, 60))
				if s := root.SuggestionsFor(word); len(s) > 0 {
					msg += "; did you mean " + landscape.QuoteList(s) + "?"
				}
				return answer.UsageErrorf("%s (see cnl --help)", msg)
			}
			c.InitDefaultHelpFlag()
			return c.Help()
		},
	}
}

// strictCompletion makes "cnl completion tcsh" a usage error naming the
// shells, where cobra prints the command's help and exits 0.
func strictCompletion(c *cobra.Command) {
	var shells []string
	for _, sub := range c.Commands() {
		shells = append(shells, sub.Name())
	}
	c.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return answer.UsageErrorf("cnl has no completion for %s; it has %s", landscape.Quote(args[0]), strings.Join(shells, ", "))
		}
		return nil
	}
	c.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	c.Short = "print the script that completes cnl in your shell"
	c.Long = `Print a script that makes your shell complete cnl's commands, flags, project
names and places (cnl show cont<TAB>, cnl list 'Container R<TAB>').

Load it once for this shell, or add the line to your shell's start-up file:

  bash:        source <(cnl completion bash)
  zsh:         source <(cnl completion zsh)
  fish:        cnl completion fish | source
  PowerShell:  cnl completion powershell | Out-String | Invoke-Expression

Packages (deb, rpm, Homebrew) install the scripts for you. Completion reads
the cache only: it never fetches.`
}
