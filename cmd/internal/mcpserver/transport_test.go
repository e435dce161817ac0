package mcpserver

import (
	"fmt"
	"testing"
)

// An answer is known by its id whatever the order of its members; a
// request or a notification is no answer. (A missed answer would keep its
// request's place in flight for good.)
func TestAnswerID(t *testing.T) {
	for msg, want := range map[string]string{
		`{"jsonrpc":"2.0","id":3,"result":{"x":[1,2]}}`:       "3",
		`{"result":{"x":"}"},"jsonrpc":"2.0","id":"a"}`:       "a",
		`{"jsonrpc":"2.0","error":{"code":-32602},"id":7}`:    "7",
		`{"jsonrpc":"2.0","id":4,"method":"roots/list"}`:      "none",
		`{"jsonrpc":"2.0","method":"notifications/progress"}`: "none",
		`not json`: "none",
	} {
		got := "none"
		if id, ok := answerID([]byte(msg)); ok {
			got = fmt.Sprint(id)
		}
		if got != want {
			t.Errorf("%s: %s, want %s", msg, got, want)
		}
	}
}
