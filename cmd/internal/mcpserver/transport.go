package mcpserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
)

// maxRequest bounds one request line: a scan_text of 1 MB fits, and a
// runaway line is refused without being held.
const maxRequest = 4 << 20

// maxInFlight bounds the requests read but not yet answered. Calls are
// answered one at a time; reading more would only queue them in memory
// (150 pipelined scans of 1 MB once held 700 MB). Past it, the client's
// next line waits to be read.
const maxInFlight = 4

// rpcLines passes the client's newline-delimited JSON-RPC messages to the
// SDK, one at a time, and answers a line that is not one itself: with a
// parse error (-32700) for what is not JSON, an invalid-request error
// (-32600) for JSON that is no message, a batch, or a line over
// maxRequest, and invalid params (-32602) for a request that holds a
// control character. The session goes on, where the SDK's own reader
// would end it. At the end of input it waits for the answers to the
// requests it passed on, so that a client that writes its requests and
// closes its end still gets them.
type rpcLines struct {
	r      *bufio.Reader
	reply  io.Writer
	flight *flight
	buf    []byte // what is left of the line being passed on
	line   []byte // the line being read, its array used again for the next
}

func newRPCLines(r io.Reader, reply io.Writer, f *flight) *rpcLines {
	return &rpcLines{r: bufio.NewReaderSize(r, 64<<10), reply: reply, flight: f}
}

func (l *rpcLines) Read(p []byte) (int, error) {
	for len(l.buf) == 0 {
		line, err := l.next()
		if len(line) > 0 {
			l.buf = line
			break
		}
		if err != nil {
			l.flight.drain()
			return 0, err
		}
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}

func (l *rpcLines) Close() error { return nil }

// next reads the next line and vets it: a message comes back with its
// newline, anything else is answered and comes back empty. What it
// returns lives until the next call.
func (l *rpcLines) next() ([]byte, error) {
	line := l.line[:0]
	defer func() { l.line = line[:0] }()
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong && len(line)+len(chunk) > maxRequest {
			tooLong, line = true, nil // read to its end, holding nothing
		}
		if !tooLong {
			line = append(line, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		trimmed := bytes.TrimSpace(line)
		switch {
		case tooLong:
			l.fail(nil, jsonrpc.CodeInvalidRequest, fmt.Sprintf("request longer than %d bytes", maxRequest))
			return nil, err
		case len(trimmed) == 0:
			return nil, err
		case !json.Valid(trimmed):
			l.fail(nil, jsonrpc.CodeParseError, "parse error: the line is not JSON")
			return nil, err
		}
		msg, derr := jsonrpc.DecodeMessage(trimmed)
		if derr != nil {
			var id struct {
				ID any `json:"id"`
			}
			json.Unmarshal(trimmed, &id)
			if _, ok := id.ID.(map[string]any); ok {
				id.ID = nil
			}
			l.fail(id.ID, jsonrpc.CodeInvalidRequest, "invalid request: "+derr.Error())
			return nil, err
		}
		req, isRequest := msg.(*jsonrpc.Request)
		if r, ok := controlIn(trimmed); ok {
			// The SDK would quote it into an answer as Go does, which is
			// not JSON, and end the session (see resourceNotFound).
			if isRequest && req.IsCall() {
				l.fail(req.ID.Raw(), jsonrpc.CodeInvalidParams, fmt.Sprintf("invalid params: the request holds the control character %U", r))
			}
			return nil, err
		}
		if isRequest && req.Method == "resources/read" {
			if bad, ok := unprintableURI(req.Params); ok {
				l.fail(req.ID.Raw(), jsonrpc.CodeInvalidParams, fmt.Sprintf("invalid params: the uri holds the unprintable character %U", bad))
				return nil, err
			}
		}
		if isRequest {
			switch {
			case req.IsCall():
				l.flight.start(req.ID.Raw())
			case req.Method == "notifications/cancelled":
				var p struct {
					RequestID any `json:"requestId"`
				}
				if json.Unmarshal(req.Params, &p) == nil && p.RequestID != nil {
					l.flight.cancel(p.RequestID)
				}
			}
		}
		// The line's own array, with the newline after the message.
		n := copy(line, trimmed)
		line = append(line[:n], '\n')
		return line, err
	}
}

func (l *rpcLines) fail(id any, code int, msg string) {
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "error": map[string]any{"code": code, "message": msg}})
	l.reply.Write(append(b, '\n'))
}

// controlIn finds a control character in the strings of a JSON message
// (valid JSON: control characters can only stand in strings, C0 ones
// escaped): any but tab, line feed and carriage return, which text holds.
func controlIn(msg []byte) (rune, bool) {
	for i := 0; i < len(msg); i++ {
		switch c := msg[i]; {
		case c == '\\' && i+1 < len(msg):
			switch msg[i+1] {
			case 'b':
				return '\b', true
			case 'f':
				return '\f', true
			case 'u':
				if i+6 <= len(msg) {
					if v, err := strconv.ParseUint(string(msg[i+2:i+6]), 16, 16); err == nil && isControl(rune(v)) {
						return rune(v), true
					}
				}
			}
			i++ // the escaped character
		case c == 0x7f:
			return 0x7f, true
		case c == 0xc2 && i+1 < len(msg) && msg[i+1] >= 0x80 && msg[i+1] <= 0x9f:
			return rune(msg[i+1]), true
		}
	}
	return 0, false
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// unprintableURI finds a character in a resources/read URI that Go's
// quoting escapes in a way JSON does not read.
func unprintableURI(params json.RawMessage) (rune, bool) {
	var p struct {
		URI string `json:"uri"`
	}
	if json.Unmarshal(params, &p) != nil {
		return 0, false
	}
	for _, r := range p.URI {
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			return r, true
		}
	}
	return 0, false
}

// flight counts the requests passed on and not yet answered: the reader
// waits while maxInFlight are, and at the end of input until none are.
// A cancelled request frees its place at once; its late answer, if the
// SDK still sends one, is not written (the protocol wants none).
type flight struct {
	mu        sync.Mutex
	changed   *sync.Cond
	open      map[string]bool
	cancelled map[string]bool
	ctx       context.Context // ends every wait: the server is going
}

func newFlight(ctx context.Context) *flight {
	f := &flight{open: map[string]bool{}, cancelled: map[string]bool{}, ctx: ctx}
	f.changed = sync.NewCond(&f.mu)
	context.AfterFunc(ctx, func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.changed.Broadcast()
	})
	return f
}

func idKey(id any) string {
	b, _ := json.Marshal(id)
	return string(b)
}

func (f *flight) start(id any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for len(f.open) >= maxInFlight && f.ctx.Err() == nil {
		f.changed.Wait()
	}
	k := idKey(id)
	f.open[k] = true
	delete(f.cancelled, k)
}

func (f *flight) cancel(id any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := idKey(id)
	if f.open[k] {
		delete(f.open, k)
		f.cancelled[k] = true
		f.changed.Broadcast()
	}
}

// answered records the answer to id; write is false when the request was
// cancelled.
func (f *flight) answered(id any) (write bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := idKey(id)
	if f.cancelled[k] {
		delete(f.cancelled, k)
		return false
	}
	delete(f.open, k)
	f.changed.Broadcast()
	return true
}

// drain waits until every request passed on is answered.
func (f *flight) drain() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for len(f.open) > 0 && f.ctx.Err() == nil {
		f.changed.Wait()
	}
}

// answerID is the id of an answer (a message with an id and no method),
// read from the message's first members: the SDK writes them before the
// result, which is not decoded.
func answerID(msg []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(msg))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	var id any
	answer := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, false
		}
		switch key {
		case "id":
			if dec.Decode(&id) != nil {
				return nil, false
			}
		case "method":
			return nil, false // a request or a notification
		case "result", "error":
			answer = true
			if id != nil {
				return id, true // the usual order: the rest is not read
			}
			fallthrough
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil, false
			}
		}
	}
	return id, answer && id != nil
}

// lockedWriter writes each message whole: the SDK's answers and the
// errors rpcLines sends share stdout. It tells flight of each answer.
type lockedWriter struct {
	mu     sync.Mutex
	w      io.Writer
	flight *flight
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	if w.flight != nil {
		if id, ok := answerID(p); ok && !w.flight.answered(id) {
			return len(p), nil
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}

func (w *lockedWriter) Close() error { return nil }
