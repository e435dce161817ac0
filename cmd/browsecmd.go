package cmd

import (
	"os"
	"os/exec"
	"runtime"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/cnl-dev/cnl/cmd/browse"
	"github.com/cnl-dev/cnl/cmd/internal/answer"
	"github.com/cnl-dev/cnl/landscape"
)

func newBrowseCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "browse [CATEGORY[/SUBCATEGORY] | NAME]",
		Short: "browse the landscape in a terminal UI",
		Long: `Browse the landscape interactively: categories, subcategories, items and
their cards, all from the local cache. Press ? inside for the keys: / filters,
g/i/s toggle maturities, c marks items and C compares them, o opens a
homepage in your browser.

It needs a terminal; when piping, use cnl list and cnl search.`,
		Example: `  cnl browse
  cnl browse Runtime
  cnl browse "Runtime/Container Runtime"
  cnl browse containerd`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return answer.UsageErrorf("browse takes one place or name; quote names with spaces")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			s := g.streams
			if !s.OutTTY || !isTerminal(s.In) {
				return answer.UsageErrorf("browse needs a terminal; use cnl list or cnl search for output you can pipe")
			}
			// The browser reads the index from several goroutines: in
			// memory, a file changed under it cannot fault.
			g.Config.InMemory = true
			x, err := g.index(cmd.Context())
			if err != nil {
				return err
			}
			opts := browseOptions(g, x)
			if len(args) == 1 {
				opts.Start = args[0]
			}
			m, err := browse.New(opts)
			if err != nil {
				return err
			}
			popts := []tea.ProgramOption{tea.WithInput(s.In), tea.WithOutput(s.Out), tea.WithContext(cmd.Context())}
			if !s.Color {
				// cnl decides colour (NO_COLOR=yes is "no colour" too);
				// attributes such as reverse video stay.
				popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
			}
			_, err = tea.NewProgram(m, popts...).Run()
			return err
		},
	}
}

// browseOptions gives the browser cnl's own styles and guide.
func browseOptions(g *globalOptions, x *landscape.Index) browse.Options {
	return browse.Options{
		Index: x,
		Title: g.LandscapeTitle(),
		Intro: func(cat, sub string, width int) string {
			return g.guideIntro(cat, sub, width)
		},
		Styles: g.streams.Styles(),
		Open:   openBrowser,
		Now:    g.Now,
	}
}

func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// openBrowser starts the system's browser on a URL and does not wait.
func openBrowser(url string) error {
	var c *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		c = exec.Command("open", url)
	case "windows":
		c = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		c = exec.Command("xdg-open", url)
	}
	if err := c.Start(); err != nil {
		return err
	}
	go c.Wait()
	return nil
}
