package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/landscape"
)

// Shell completion answers from the cache alone: it never fetches, and with
// no cache it offers nothing rather than wait on the network.

// cachedIndex is the cached landscape, or nil.
func (g *globalOptions) cachedIndex() *landscape.Index {
	if g.file != "" {
		x, err := parseFile(g.file)
		if err != nil {
			return nil
		}
		return x
	}
	if g.resolve() != nil {
		return nil
	}
	x, err := g.store().LoadCompiled()
	if err != nil {
		return nil
	}
	return x
}

// completeProjects offers slugs (which need no quoting and which show and
// compare accept) and the name model's one-word aliases ("otel", "k8s"),
// each described by the item's name.
func completeProjects(g *globalOptions) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		x := g.cachedIndex()
		if x == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		for _, c := range x.Complete(toComplete) {
			s := x.Summary(c.Index)
			out = append(out, c.Word+"\t"+clean(s.Name)+" ("+clean(s.Category+"/"+s.Subcategory)+")")
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completePlaces offers category paths; withSubs adds "Category/Subcategory".
func completePlaces(g *globalOptions, cats, subs bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		x := g.cachedIndex()
		if x == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		prefix := strings.ToLower(toComplete)
		var out []string
		for _, c := range x.Categories {
			if cats && strings.HasPrefix(strings.ToLower(c.Name), prefix) {
				out = append(out, c.Name)
			}
			for _, s := range c.Subcategories {
				if p := c.Name + "/" + s.Name; subs && strings.HasPrefix(strings.ToLower(p), prefix) {
					out = append(out, p)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func completeMaturity(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return landscape.Maturities, cobra.ShellCompDirectiveNoFileComp
}

// registerFilterCompletion completes --category, --subcategory and
// --maturity where a command has them.
func registerFilterCompletion(g *globalOptions, c *cobra.Command) {
	if c.Flags().Lookup("category") != nil {
		c.RegisterFlagCompletionFunc("category", completePlaces(g, true, false))
	}
	if c.Flags().Lookup("subcategory") != nil {
		c.RegisterFlagCompletionFunc("subcategory", completePlaces(g, false, true))
	}
	if c.Flags().Lookup("maturity") != nil {
		c.RegisterFlagCompletionFunc("maturity", completeMaturity)
	}
}
