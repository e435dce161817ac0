package landscape_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cnl-dev/cnl/landscape"
)

// One reading of Markdown for the renderer, the guide's sentences and first
// paragraphs: a fenced command is code, never the start of a paragraph.
func TestMarkdownBlocks(t *testing.T) {
	md := "# Runtimes\n\n```\nkubectl get pods\n```\nContainers run here.\nThey share a kernel.\n\n- one\n  more of one\n2) two\n\n> quoted *text*\n> > deeper\n\n```\nnever closed"
	var kinds []landscape.BlockKind
	var texts []string
	for _, b := range landscape.MarkdownBlocks(md) {
		kinds = append(kinds, b.Kind)
		texts = append(texts, b.Text())
	}
	wantKinds := []landscape.BlockKind{landscape.HeadingBlock, landscape.CodeBlock, landscape.ParagraphBlock,
		landscape.ListItemBlock, landscape.ListItemBlock, landscape.QuoteBlock, landscape.CodeBlock}
	wantTexts := []string{"Runtimes", "kubectl get pods", "Containers run here. They share a kernel.",
		"one more of one", "two", "quoted *text* > deeper", "never closed"}
	if !slices.Equal(kinds, wantKinds) || !slices.Equal(texts, wantTexts) {
		t.Errorf("blocks:\n%v\n%q\nwant\n%v\n%q", kinds, texts, wantKinds, wantTexts)
	}
	if got := landscape.FirstParagraph(md); got != "Containers run here. They share a kernel." {
		t.Errorf("first paragraph: %q (a fenced command must not join it)", got)
	}
	if got := landscape.FirstParagraph("| a | b |\n|---|---|\n\nProse."); got != "Prose." {
		t.Errorf("a table is not the first paragraph: %q", got)
	}
	// A million quote marks cost a line, not a million levels.
	if got := landscape.MarkdownBlocks(strings.Repeat(">", 1_000_000) + " deep"); len(got) != 1 || got[0].Kind != landscape.QuoteBlock {
		t.Errorf("deep quote: %d blocks", len(got))
	}
}
