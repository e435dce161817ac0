package landscape

import "fmt"

// What one question may hold. Each bound is far above any real question
// and is what keeps a question's cost bounded: ranking allocates per item
// and query word, and a name is compared with every name by edit distance.
const (
	MaxQuery      = 1 << 10 // bytes of a search query
	MaxQueryWords = 32      // distinct words of a query that are ranked; the rest are ignored
	MaxName       = 1 << 10 // bytes of a name, a place, a term or a choice
)

// TooLongError is a question longer than its bound: refused before any
// work, in a message that quotes only its start.
type TooLongError struct {
	What   string // "query", "name", "place", "term"
	Value  string
	Length int
	Max    int
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("the %s %s is %d bytes long; at most %d are read", e.What, Quote(e.Value), e.Length, e.Max)
}

// CheckLength refuses value, a what ("term"), when it is longer than max.
func CheckLength(what, value string, max int) error {
	if len(value) > max {
		return &TooLongError{What: what, Value: value[:min(len(value), 256)], Length: len(value), Max: max}
	}
	return nil
}
