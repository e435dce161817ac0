// Package mcpserver speaks the Model Context Protocol for cnl mcp, with
// the official Go SDK: the tools, resources and prompts of a
// mcpservice.Service, over standard input and output. It lives apart from
// package cmd so that only the cnl-mcp program links the SDK.
package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/cnl-dev/cnl/cmd/internal/mcpservice"
)

// memoryLimit is the heap the server collects to stay within (unless
// GOMEMLIMIT says otherwise): a long-lived server that reads requests of a
// megabyte should not keep twice its garbage the way a command may.
const memoryLimit = 40 << 20

// Run serves svc on standard input and output until the client goes.
func Run(ctx context.Context, svc *mcpservice.Service) error {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	f := newFlight(ctx)
	out := &lockedWriter{w: os.Stdout, flight: f}
	t := &mcp.IOTransport{Reader: newRPCLines(os.Stdin, out, f), Writer: out}
	err := New(svc).Run(ctx, t)
	if errors.Is(err, context.Canceled) || errors.Is(err, mcp.ErrConnectionClosed) {
		return nil
	}
	return err
}

// New builds the server of svc.
func New(svc *mcpservice.Service) *mcp.Server {
	srv := mcp.NewServer(&mcp.Implementation{Name: "cnl", Title: "Cloud Native Landscape", Version: svc.Version()}, &mcp.ServerOptions{
		Instructions: "cnl answers questions about the " + svc.Title() + " offline: which projects exist for a " +
			"need (search), what one is (get_item), how several differ (compare), what a category is for (guide), " +
			"what a cloud native concept means (glossary), and which projects and concepts a text mentions (scan_text). " +
			"Names may be loose (\"talos\", \"opa\", \"k8s\"). Every answer comes from the local landscape data, " +
			"and says how old it is. " + svc.Data().Line(),
		CompletionHandler: complete(svc),
	})
	w := &staleWarning{svc: svc}
	// Every tool, in the order listed, each with its own types.
	t := svc.Tools()
	addTool(srv, t.Search, w)
	addTool(srv, t.GetItem, w)
	addTool(srv, t.Compare, w)
	addTool(srv, t.ListPlaces, w)
	addTool(srv, t.ListItems, w)
	addTool(srv, t.Guide, w)
	addTool(srv, t.Glossary, w)
	addTool(srv, t.Stats, w)
	addTool(srv, t.Changes, w)
	addTool(srv, t.ScanText, w)
	addTool(srv, t.Members, w)
	if t.Update != nil {
		addTool(srv, *t.Update, w)
	}
	addResources(srv, svc)
	addPrompts(srv)
	return srv
}

// addTool binds a handler: its output is the structured content, its text
// the content a client without structured output shows; its error a tool
// error (isError), not a protocol one.
func addTool[In, Out any](srv *mcp.Server, t mcpservice.ToolOf[In, Out], w *staleWarning) {
	// Every tool answers from the local landscape and changes nothing
	// (the same call, the same answer), but update, which fetches over
	// the network and adds to the cache (the data before stays as the
	// previous copy; the same update twice leaves the same cache).
	ann := &mcp.ToolAnnotations{Title: t.Title, ReadOnlyHint: t.ReadOnly, IdempotentHint: true,
		DestructiveHint: ptr(false), OpenWorldHint: ptr(!t.ReadOnly)}
	in, err := schemaFor[In](t.Args)
	if err != nil {
		panic(fmt.Sprintf("cnl-mcp: the %s tool's input schema: %v", t.Name, err))
	}
	out, err := schemaFor[Out](nil)
	if err != nil {
		panic(fmt.Sprintf("cnl-mcp: the %s tool's output schema: %v", t.Name, err))
	}
	mcp.AddTool(srv, &mcp.Tool{Name: t.Name, Title: t.Title, Description: t.Description, Annotations: ann, InputSchema: in, OutputSchema: out},
		func(ctx context.Context, req *mcp.CallToolRequest, in In) (*mcp.CallToolResult, Out, error) {
			if token := req.Params.GetProgressToken(); token != nil {
				ctx = mcpservice.WithProgress(ctx, progress(ctx, req.Session, token))
			}
			out, text, err := t.Handle(ctx, in)
			w.tell(ctx, req.Session)
			if err != nil {
				return nil, out, err
			}
			content := []mcp.Content{&mcp.TextContent{Text: text}}
			if l, ok := any(out).(interface{ ResourceLinks() []mcpservice.Link }); ok {
				for _, link := range l.ResourceLinks() {
					content = append(content, &mcp.ResourceLink{URI: link.URI, Name: link.Name, Title: link.Title, MIMEType: "text/markdown"})
				}
			}
			return &mcp.CallToolResult{Content: content}, out, nil
		})
}

func ptr[T any](v T) *T { return &v }

// progress sends a caller that asked notifications/progress as a tool
// goes, one for every tenth of the way or so.
func progress(ctx context.Context, ss *mcp.ServerSession, token any) func(done, total int) {
	last := 0
	return func(done, total int) {
		if done < total && done-last < max(total/10, 1) {
			return
		}
		last = done
		ss.NotifyProgress(ctx, &mcp.ProgressNotificationParams{ProgressToken: token, Progress: float64(done), Total: float64(total),
			Message: fmt.Sprintf("read %d of %d bytes", done, total)})
	}
}

// staleWarning tells a host that asked for logging, once a session, that
// the data is more than a month old.
type staleWarning struct {
	svc  *mcpservice.Service
	mu   sync.Mutex
	told map[*mcp.ServerSession]bool
}

func (w *staleWarning) tell(ctx context.Context, ss *mcp.ServerSession) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if ss == nil || w.told[ss] {
		return
	}
	d := w.svc.Data()
	if !d.Stale() {
		return
	}
	if w.told == nil {
		w.told = map[*mcp.ServerSession]bool{}
	}
	w.told[ss] = true
	update := "the person running cnl can refresh it (the update tool, when cnl mcp runs with --allow-update)"
	if w.svc.AllowUpdate() {
		update = "the update tool fetches the newest"
	}
	// Logging is deprecated from the protocol of 2026-07-28 on (SEP-2577)
	// but works through its deprecation window, and hosts that ask for it
	// read it: the one way to warn them without answering wrongly.
	//lint:ignore SA1019 see above
	err := ss.Log(ctx, &mcp.LoggingMessageParams{Level: "warning", Logger: "cnl",
		Data: fmt.Sprintf("The landscape data is %d days old (fetched %s from %s); %s.", d.AgeDays, d.Date, d.Source, update)})
	if err != nil {
		w.told[ss] = false // try again with the next answer
	}
}

// complete offers the places and terms a prompt's argument or a resource
// template's variable can take, those that start with (else hold) what
// was typed, at most 100.
func complete(svc *mcpservice.Service) func(context.Context, *mcp.CompleteRequest) (*mcp.CompleteResult, error) {
	return func(ctx context.Context, req *mcp.CompleteRequest) (*mcp.CompleteResult, error) {
		p := req.Params
		var values []string
		switch {
		case p.Ref == nil:
		case p.Argument.Name == "place" && (p.Ref.Type == "ref/prompt" || p.Ref.URI == "cnl://guide/{place}"):
			values = svc.Places(ctx)
		case p.Argument.Name == "term" && p.Ref.URI == "cnl://glossary/{term}":
			for _, t := range svc.GlossaryTerms() {
				values = append(values, t[0])
			}
		}
		typed := strings.ToLower(strings.TrimSpace(p.Argument.Value))
		var starts, holds []string
		for _, v := range values {
			switch l := strings.ToLower(v); {
			case strings.HasPrefix(l, typed):
				starts = append(starts, v)
			case strings.Contains(l, typed):
				holds = append(holds, v)
			}
		}
		all := append(starts, holds...)
		res := &mcp.CompleteResult{Completion: mcp.CompletionResultDetails{Values: all[:min(len(all), 100)], Total: len(all), HasMore: len(all) > 100}}
		if res.Completion.Values == nil {
			res.Completion.Values = []string{}
		}
		return res, nil
	}
}

// resourceNotFound is the protocol's answer to a URI that names nothing,
// with why. Not mcp.ResourceNotFoundError: go-sdk v1.8.0 quotes the URI
// into its data with Go's %q, whose escapes (\a, \x7f, \U000e0001) are not
// JSON, and the session ends on marshalling the answer.
func resourceNotFound(uri, why string) error {
	data, _ := json.Marshal(map[string]string{"uri": uri})
	return &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: "Resource not found: " + why, Data: data}
}

// The resources: the glossary's terms (cnl://glossary/SLUG, each listed)
// and the guide's sections (cnl://guide/PLACE, a template: the guide is
// read only when one is asked for), and the contents of each.
func addResources(srv *mcp.Server, svc *mcpservice.Service) {
	const md = "text/markdown"
	glossary := resource(func(ctx context.Context, term string) (string, error) { return svc.Glossary(ctx, term) })
	guide := resource(func(ctx context.Context, place string) (string, error) { return svc.Guide(ctx, place) })
	srv.AddResource(&mcp.Resource{URI: "cnl://glossary", Name: "glossary", Title: "CNCF Cloud Native Glossary: the terms", MIMEType: md}, glossary)
	for _, t := range svc.GlossaryTerms() {
		srv.AddResource(&mcp.Resource{URI: "cnl://glossary/" + t[0], Name: "glossary/" + t[0], Title: t[1], Description: t[2], MIMEType: md}, glossary)
	}
	srv.AddResourceTemplate(&mcp.ResourceTemplate{URITemplate: "cnl://glossary/{term}", Name: "glossary term",
		Description: "A concept of the CNCF Cloud Native Glossary, by name (loose names work: vm, k8s)", MIMEType: md}, glossary)
	srv.AddResource(&mcp.Resource{URI: "cnl://guide", Name: "guide", Title: "The landscape's guide: its places", MIMEType: md}, guide)
	srv.AddResourceTemplate(&mcp.ResourceTemplate{URITemplate: "cnl://guide/{place}", Name: "guide section",
		Description: "What the landscape's guide says a category or subcategory is for, e.g. cnl://guide/Runtime%2FContainer%20Runtime", MIMEType: md}, guide)
}

// resource makes a handler of read, which gets what follows the resource's
// kind in the URI ("cnl://guide/Runtime" → "Runtime"), unescaped.
func resource(read func(ctx context.Context, rest string) (string, error)) mcp.ResourceHandler {
	return func(ctx context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
		uri := req.Params.URI
		u, err := url.Parse(uri)
		if err != nil || u.Scheme != "cnl" {
			return nil, resourceNotFound(uri, "not a cnl:// URI")
		}
		rest, err := url.PathUnescape(strings.TrimPrefix(u.EscapedPath(), "/"))
		if err != nil {
			return nil, resourceNotFound(uri, "a bad escape")
		}
		text, err := read(ctx, rest)
		if err != nil {
			return nil, resourceNotFound(uri, err.Error())
		}
		return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{URI: uri, MIMEType: "text/markdown", Text: text}}}, nil
	}
}
