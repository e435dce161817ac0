package scan

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf8"
)

// maxLine bounds the piece of a line the scanner looks at at once: a
// longer line is read in pieces of at most this many bytes, cut between
// Words. A piece costs about forty times its length while it is scanned
// (tokens, matches), so pieces are kept well below a long line: prose
// has no lines this long, and the rules look only at nearby words.
const maxLine = 64 << 10

// textLine is a line of a text, or a piece of a long one.
type textLine struct {
	text string
	n    int // the line's number, from 1
	col  int // characters of the line before this piece
}

// lineReader reads a text a line at a time. Lines end at "\n", "\r\n" or
// a lone "\r" (old Mac files, some exports); a line over maxLine comes in
// pieces, so that no text, however written, is refused or held whole.
type lineReader struct {
	r       *bufio.Reader
	pending []byte // the line being read
	rest    []byte // read and not yet looked at: in r's buffer until the next read
	n       int    // the number of the line being read
	col     int    // characters of it given out already
	afterCR bool   // the last line ended at "\r": a "\n" next is part of that end
	eof     bool
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), n: 1}
}

// next returns the next line or piece; io.EOF after the last.
func (l *lineReader) next() (textLine, error) {
	for {
		if len(l.rest) == 0 {
			if l.eof {
				if len(l.pending) > 0 {
					return l.emit(len(l.pending), true), nil
				}
				return textLine{}, io.EOF
			}
			chunk, err := l.r.ReadSlice('\n')
			switch err {
			case nil, bufio.ErrBufferFull:
			case io.EOF:
				l.eof = true
			default:
				return textLine{}, err
			}
			l.rest = chunk
			continue
		}
		if l.afterCR {
			l.afterCR = false
			if l.rest[0] == '\n' {
				l.rest = l.rest[1:]
				continue
			}
		}
		if i := bytes.IndexAny(l.rest, "\r\n"); i >= 0 && len(l.pending)+i <= maxLine {
			l.pending = append(l.pending, l.rest[:i]...)
			l.afterCR = l.rest[i] == '\r'
			l.rest = l.rest[i+1:]
			return l.emit(len(l.pending), true), nil
		}
		take := min(len(l.rest), maxLine+1-len(l.pending))
		l.pending = append(l.pending, l.rest[:take]...)
		l.rest = l.rest[take:]
		if len(l.pending) > maxLine {
			return l.emit(cutPoint(l.pending, maxLine), false), nil
		}
	}
}

// emit gives out the first n bytes of the pending line, ending it or not.
func (l *lineReader) emit(n int, ends bool) textLine {
	out := textLine{text: string(l.pending[:n]), n: l.n, col: l.col}
	if ends {
		l.pending = l.pending[:0]
		l.n++
		l.col = 0
		return out
	}
	l.col += utf8.RuneCountInString(out.text)
	l.pending = append(l.pending[:0], l.pending[n:]...)
	return out
}

// cutPoint is where to cut b (longer than limit) within limit bytes: after
// its last space, else before the character that does not fit.
func cutPoint(b []byte, limit int) int {
	if i := bytes.LastIndexAny(b[:limit], " \t"); i > limit/2 {
		return i + 1
	}
	n := limit
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return max(n, 1)
}

// Mention is the mention of line[start:end] of this line of source: its
// own copies of the match and of the line around it, never the line.
func (l textLine) mention(source string, cols *columns, start, end int) Mention {
	return Mention{Source: source, Line: l.n, Column: l.col + cols.of(start) + 1,
		Text: snippet(l.text, start, end), Matched: strings.Clone(l.text[start:end])}
}

// columns counts the characters of a line up to byte offsets asked in
// order, each costing only the bytes since the last.
type columns struct {
	line  string
	at, n int
}

func (c *columns) of(off int) int {
	if off < c.at {
		c.at, c.n = 0, 0
	}
	c.n += utf8.RuneCountInString(c.line[c.at:off])
	c.at = off
	return c.n
}

// prefixCounts counts the words that pred holds for: prefix[i] is how many
// of words[:i] it holds for.
func prefixCounts(words []string, pred func(string) bool) []int {
	prefix := make([]int, len(words)+1)
	for i, w := range words {
		prefix[i+1] = prefix[i]
		if pred(w) {
			prefix[i+1]++
		}
	}
	return prefix
}
