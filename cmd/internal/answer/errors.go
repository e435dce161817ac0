package answer

import (
	"errors"
	"fmt"
)

// UsageError is wrong use of the command line: exit 2.
type UsageError struct {
	Msg string
	err error // what it wraps, when it came from below (see hint)
}

func (e *UsageError) Error() string { return e.Msg }

func (e *UsageError) Unwrap() error { return e.err }

func UsageErrorf(format string, a ...any) error {
	err := fmt.Errorf(format, a...)
	return &UsageError{Msg: err.Error(), err: errors.Unwrap(err)}
}

// MaxErrorLine is the most cells an error is said in, on stderr or to an
// assistant: a message that echoes what it was given (a 100 KB flag
// value) does not echo it whole.
const MaxErrorLine = 400
