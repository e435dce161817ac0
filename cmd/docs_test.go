package cmd

import "flag"

// updateDocs rewrites the golden files from the commands (the reference in
// docs/ is made by go run ./docs/gen, and checked by its test).
var updateDocs = flag.Bool("update", false, "rewrite the golden files from the commands")
