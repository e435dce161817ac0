package landscape

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// ChoiceError is a value that names none of its choices: a maturity, a
// kind, a sort order. Nearest is the closest by spelling, or "".
type ChoiceError struct {
	Value   string
	Choices []string
	Nearest string
}

func (e *ChoiceError) Error() string {
	msg := fmt.Sprintf("unknown value %s", Quote(e.Value))
	if e.Nearest != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Nearest)
	}
	return msg + " (want " + strings.Join(e.Choices, ", ") + ")"
}

// Choose reads value as one of choices the way people type them: any
// case, singular or plural, or the start of one word ("Graduated",
// "projects", "incub"). It is the one check of the Query's choices, for
// the command line's flags and the MCP server's arguments alike;
// otherwise a ChoiceError names the nearest choice by spelling.
func Choose(value string, choices []string) (string, error) {
	if err := CheckLength("value", value, MaxName); err != nil {
		return "", err
	}
	v := strings.ToLower(strings.TrimSpace(value))
	for _, form := range []string{v, strings.TrimSuffix(v, "s"), strings.TrimSuffix(v, "es"), v + "d", v + "ed"} {
		if slices.Contains(choices, form) {
			return form, nil
		}
	}
	var starts []string
	for _, c := range choices {
		if len(v) >= 3 && strings.HasPrefix(c, v) {
			starts = append(starts, c)
		}
	}
	if len(starts) == 1 {
		return starts[0], nil
	}
	e := &ChoiceError{Value: value, Choices: choices}
	bestD := 4
	for _, c := range choices {
		d := lexicon.EditDistance(v, c, 3)
		if len(v) >= 4 && strings.HasPrefix(c, v[:4]) {
			d = min(d, 3) // "incubte": the start is right
		}
		if d < bestD {
			e.Nearest, bestD = c, d
		}
	}
	return "", e
}
