package landscape

import "github.com/cnl-dev/cnl/landscape/internal/search"

// Blocks checks bytes read in place against a CRC-32 per block, each block
// the first time anything in it is read (see search.Blocks): a compiled
// index's body, the search index among it.
type Blocks = search.Blocks

// BlockSize is the unit Blocks checks.
const BlockSize = search.BlockSize

// NewBlocks checks data against sums, 4 bytes per block; a damaged block
// calls bad, which must not return.
func NewBlocks(data, sums []byte, bad func()) *Blocks { return search.NewBlocks(data, sums, bad) }

// BlockSums computes the sums NewBlocks takes for data.
func BlockSums(data []byte) []byte { return search.BlockSums(data) }
