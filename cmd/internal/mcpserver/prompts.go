package mcpserver

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// maxNotes bounds the notes study_notes takes in.
const maxNotes = 1 << 20

// The prompts a learner would pick.
func addPrompts(srv *mcp.Server) {
	srv.AddPrompt(&mcp.Prompt{Name: "explain_category", Title: "Explain a part of the landscape",
		Description: "What a category or subcategory of the landscape is for, its key projects, and the concepts behind it",
		Arguments:   []*mcp.PromptArgument{{Name: "place", Description: "a category or subcategory, e.g. Container Runtime", Required: true}}},
		func(ctx context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
			if err := required(req, "place"); err != nil {
				return nil, err
			}
			place := shortLine(req.Params.Arguments["place"], 200)
			return prompt(fmt.Sprintf("Explain what %q in the cloud native landscape is for, to someone learning Kubernetes. "+
				"Read what the landscape's guide says of it (the guide tool), list its items (list_items), and say which are CNCF "+
				"graduated or incubating projects and what each does (get_item). Explain the concepts it rests on from the CNCF "+
				"glossary (the glossary tool). Keep to what the tools say.", place)), nil
		})
	srv.AddPrompt(&mcp.Prompt{Name: "compare_for_use_case", Title: "Compare tools for my use case",
		Description: "Compare projects of the landscape for a use case and recommend one",
		Arguments: []*mcp.PromptArgument{
			{Name: "tools", Description: "the projects, separated by commas (containerd, cri-o)", Required: true},
			{Name: "use_case", Description: "what they are for, e.g. a small home lab cluster", Required: true},
		}},
		func(ctx context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
			if err := required(req, "tools", "use_case"); err != nil {
				return nil, err
			}
			tools, use := shortLine(req.Params.Arguments["tools"], 500), shortLine(req.Params.Arguments["use_case"], 2000)
			return prompt(fmt.Sprintf("Compare %s for this use case: %s. Use the compare tool with those names, get_item for "+
				"what each does, and the guide for their category. Weigh maturity (CNCF graduated, incubating, sandbox), "+
				"activity and fit for the use case, then recommend one and say why, and when another would be the better choice.", tools, use)), nil
		})
	srv.AddPrompt(&mcp.Prompt{Name: "study_notes", Title: "Turn my notes into a study sheet",
		Description: "The projects and concepts notes mention, each explained, with what to read next",
		Arguments:   []*mcp.PromptArgument{{Name: "notes", Description: "the notes, as text", Required: true}}},
		func(ctx context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
			if err := required(req, "notes"); err != nil {
				return nil, err
			}
			notes := req.Params.Arguments["notes"]
			if len(notes) > maxNotes {
				notes = notes[:maxNotes]
			}
			notes = strings.Map(func(r rune) rune {
				if unicode.IsControl(r) && r != '\n' && r != '\t' {
					return -1
				}
				return r
			}, notes)
			return prompt("Make a study sheet of these notes. Call scan_text on them to find the landscape projects and the " +
				"glossary concepts they mention. For each concept, give the glossary's definition in a sentence (the glossary " +
				"tool); for each project, what it does and where it sits (get_item). End with three things to learn next.\n\nNotes:\n" + notes), nil
		})
}

// required refuses a prompt whose required arguments are missing or blank,
// as invalid params: a prompt rendered around "" helps no one.
func required(req *mcp.GetPromptRequest, names ...string) error {
	var missing []string
	for _, n := range names {
		if strings.TrimSpace(req.Params.Arguments[n]) == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: fmt.Sprintf("invalid params: %s needs %s", req.Params.Name, strings.Join(missing, " and "))}
}

// shortLine is an argument as one line of at most n bytes, without control
// characters.
func shortLine(s string, n int) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	if len(s) > n {
		s = strings.ToValidUTF8(s[:n], "") + "…"
	}
	return s
}

func prompt(text string) *mcp.GetPromptResult {
	return &mcp.GetPromptResult{Messages: []*mcp.PromptMessage{{Role: "user", Content: &mcp.TextContent{Text: text}}}}
}
