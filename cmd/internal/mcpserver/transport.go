package mcpserver

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
)

// maxRequest bounds one request line: a scan_text of 1 MB fits, and a
// runaway line is refused without being held.
const maxRequest = 4 << 20

// rpcLines passes the client's newline-delimited JSON-RPC messages to the
// SDK, one at a time, and answers a line that is not one itself: with a
// parse error (-32700) for what is not JSON, an invalid-request error
// (-32600) for JSON that is no message, a batch, or a line over
// maxRequest. The session goes on, where the SDK's own reader would end it.
type rpcLines struct {
	r     *bufio.Reader
	reply io.Writer
	buf   []byte // what is left of the line being passed on
}

func newRPCLines(r io.Reader, reply io.Writer) *rpcLines {
	return &rpcLines{r: bufio.NewReaderSize(r, 64<<10), reply: reply}
}

func (l *rpcLines) Read(p []byte) (int, error) {
	for len(l.buf) == 0 {
		line, err := l.line()
		if len(line) > 0 {
			l.buf = line
			break
		}
		if err != nil {
			return 0, err
		}
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}

func (l *rpcLines) Close() error { return nil }

// line reads the next line and vets it: a message comes back with its
// newline, anything else is answered and comes back empty.
func (l *rpcLines) line() ([]byte, error) {
	var line []byte
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
		if _, derr := jsonrpc.DecodeMessage(trimmed); derr != nil {
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
		return append(trimmed, '\n'), err
	}
}

func (l *rpcLines) fail(id any, code int, msg string) {
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "error": map[string]any{"code": code, "message": msg}})
	l.reply.Write(append(b, '\n'))
}

// lockedWriter writes each message whole: the SDK's answers and the
// errors rpcLines sends share stdout.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}

func (w *lockedWriter) Close() error { return nil }
