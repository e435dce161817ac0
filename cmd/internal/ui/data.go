package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// WriteData writes v as JSON or YAML. YAML is made from the JSON so that
// both use the same field names, in the same order.
func WriteData(w io.Writer, format Format, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if format == JSON {
		// JSON allows C1 controls raw, and a terminal reads U+009B as
		// CSI: they are escaped, as YAML's are.
		_, err := w.Write(escapeControls(buf.Bytes()))
		return err
	}
	var node yaml.Node
	if err := yaml.Unmarshal(escapeControls(buf.Bytes()), &node); err != nil {
		return err
	}
	blockStyle(&node)
	var out bytes.Buffer
	enc2 := yaml.NewEncoder(&out)
	enc2.SetIndent(2)
	if err := enc2.Encode(&node); err != nil {
		return err
	}
	if err := enc2.Close(); err != nil {
		return err
	}
	// YAML counts bidi controls as printable and writes them raw; the
	// strings that hold one are double-quoted (see blockStyle), where a
	// \u escape reads back as the same text.
	_, err := w.Write(escapeBidi(out.Bytes()))
	return err
}

// isBidi reports the controls that reorder what a terminal shows.
func isBidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// escapeBidi writes the bidi controls in b as \u escapes.
func escapeBidi(b []byte) []byte {
	if !bytes.ContainsFunc(b, isBidi) {
		return b
	}
	var out []byte
	for _, r := range string(b) {
		if isBidi(r) {
			out = fmt.Appendf(out, `\u%04X`, r)
		} else {
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}

// escapeControls escapes, in JSON text, the characters that JSON allows raw
// but a terminal acts on or a YAML reader refuses (DEL, C1 controls such
// as CSI, bidi controls that reorder what is shown, U+FFFE and U+FFFF):
// the text stays exact, and any string the data can hold goes through to
// YAML, which writes them escaped.
func escapeControls(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0xfffe || r == 0xffff || isBidi(r) {
			if out == nil {
				out = append(make([]byte, 0, len(b)+16), b[:i]...)
			}
			out = fmt.Appendf(out, `\u%04x`, r)
		} else if out != nil {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	if out == nil {
		return b
	}
	return out
}

// blockStyle turns JSON's flow style into YAML's block style, keeping
// strings quoted only where YAML needs it.
func blockStyle(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Style == yaml.DoubleQuotedStyle && !strings.ContainsAny(n.Value, "\x00\x1b") && !strings.ContainsFunc(n.Value, isBidi) {
		n.Style = 0
	}
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		n.Style = 0
	}
	for _, c := range n.Content {
		blockStyle(c)
	}
}
