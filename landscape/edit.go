package landscape

import "github.com/cnl-dev/cnl/landscape/internal/search"

// EditDistance is the optimal string alignment distance (Levenshtein plus
// transpositions) between a and b, or limit+1 as soon as it must exceed
// limit (see search.EditDistance): the one measure of a typo, for names,
// places, terms and flags.
func EditDistance(a, b string, limit int) int { return search.EditDistance(a, b, limit) }
