package scan

import (
	"strings"

	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// Compact is a name with nothing between its words ("cert-manager",
// "Cert Manager" and "certmanager" all give "certmanager").
func Compact(s string) string { return strings.Join(lexicon.Words(s), "") }

var CommonWords = lexicon.Listed("commonWords")
