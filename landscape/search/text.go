package search

import (
	"strings"

	"github.com/cnl-dev/cnl/landscape/lexicon"
)

// compact is a name with nothing between its words ("cert-manager",
// "Cert Manager" and "certmanager" all give "certmanager").
func compact(s string) string { return strings.Join(lexicon.Words(s), "") }

var commonWords = lexicon.Listed("commonWords")
