package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnl-dev/cnl/cache"
	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
)

// Shell completion answers from the cache alone: it never fetches and
// never writes. Before the first update of the default landscape it
// answers from the snapshot built into cnl.

// cachedIndex is the cached landscape, else the built-in snapshot for the
// CNCF landscape, or nil.
func (g *globalOptions) cachedIndex() *landscape.Index {
	if g.File != "" {
		x, err := answer.ParseFile(g.File)
		if err != nil {
			return nil
		}
		return x
	}
	if g.resolve() != nil {
		return nil
	}
	x, err := g.Store().LoadCompiled()
	if err == nil {
		return x
	}
	if g.Config.Landscape.Key == cache.DefaultLandscape && g.Config.DataURL == "" {
		if x, err := cache.SnapshotIndex(); err == nil {
			return x
		}
	}
	return nil
}

// unquote strips the quote a shell leaves on a word being typed
// ("Run → Run), so candidates match it; the quote goes back on them.
func unquote(toComplete string) (word, quote string) {
	if toComplete != "" && (toComplete[0] == '"' || toComplete[0] == '\'') {
		return toComplete[1:], toComplete[:1]
	}
	return toComplete, ""
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
		for _, c := range search.Complete(x, toComplete) {
			s := x.Summary(c.Index)
			out = append(out, c.Word+"\t"+ui.Clean(s.Name)+" ("+ui.Clean(s.Category+"/"+s.Subcategory)+")")
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completePlaces offers places as people type them: categories, and with
// subs "Category/Subcategory" and a subcategory's name alone when no other
// subcategory has it ("Container Registry"). Matching ignores case, and a
// word begun with a quote gets candidates with that quote.
func completePlaces(g *globalOptions, cats, subs bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		x := g.cachedIndex()
		if x == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		word, quote := unquote(toComplete)
		prefix := strings.ToLower(word)
		seen := map[string]int{}
		for _, c := range x.Categories {
			for _, s := range c.Subcategories {
				seen[strings.ToLower(s.Name)]++
			}
		}
		var out []string
		add := func(cand, desc string) {
			// A place whose name holds what would drive a terminal is
			// not offered: the shell would print it raw.
			if strings.HasPrefix(strings.ToLower(cand), prefix) && ui.Clean(cand) == cand {
				out = append(out, quote+cand+"\t"+ui.Clean(desc))
			}
		}
		for _, c := range x.Categories {
			if cats {
				add(c.Name, "category")
			}
			for _, s := range c.Subcategories {
				if !subs {
					continue
				}
				add(c.Name+"/"+s.Name, fmt.Sprintf("%d items", len(s.Items)))
				if seen[strings.ToLower(s.Name)] == 1 && !strings.EqualFold(s.Name, c.Name) {
					add(s.Name, "in "+c.Name)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeWords offers fixed values: output formats, sort keys, kinds.
func completeWords(words ...string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, w := range words {
			if strings.HasPrefix(w, toComplete) {
				out = append(out, w)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeLandscapes offers the known landscapes' keys.
func completeLandscapes(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, l := range cache.Known {
		if strings.HasPrefix(l.Key, toComplete) {
			out = append(out, l.Key+"\t"+l.Foundation)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
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
	if c.Flags().Lookup("kind") != nil {
		c.RegisterFlagCompletionFunc("kind", completeWords(landscape.Kinds...))
	}
	if c.Flags().Lookup("sort") != nil {
		c.RegisterFlagCompletionFunc("sort", completeWords(search.SortKeys...))
	}
	if c.Flags().Lookup("only") != nil {
		c.RegisterFlagCompletionFunc("only", completeWords(answer.ChangeTypes...))
	}
}

// registerGlobalCompletion completes the global flags' values.
func registerGlobalCompletion(root *cobra.Command) {
	formats := []string{string(ui.Table), string(ui.Plain), string(ui.JSON), string(ui.YAML), string(ui.Markdown)}
	root.RegisterFlagCompletionFunc("output", completeWords(formats...))
	root.RegisterFlagCompletionFunc("landscape", completeLandscapes)
	root.RegisterFlagCompletionFunc("file", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yml", "yaml"}, cobra.ShellCompDirectiveFilterFileExt
	})
	for _, name := range []string{"cache-dir"} {
		root.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		})
	}
	for _, name := range []string{"url", "timeout"} {
		root.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
}
