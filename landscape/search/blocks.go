package search

import (
	"encoding/binary"
	"hash/crc32"
	"sync/atomic"
	"unsafe"
)

// BlockSize is the unit Blocks checks.
const BlockSize = 4096

// Blocks checks bytes read in place (a compiled index's body, mapped from
// disk) against a CRC-32 per BlockSize block, each block the first time
// anything in it is read: a query pays for the blocks it reads, not for
// the size of the file. The search index checks through it every part of
// its bytes before reading it. A damaged block calls bad, which must not
// return. Blocks may be used from several goroutines.
type Blocks struct {
	base uintptr
	data []byte
	sums []byte          // a little-endian CRC-32 (IEEE) per block
	done []atomic.Uint32 // per block: 1 once found sound
	bad  func()
}

// NewBlocks checks data against sums, len(sums) being 4 per block.
func NewBlocks(data, sums []byte, bad func()) *Blocks {
	n := (len(data) + BlockSize - 1) / BlockSize
	return &Blocks{base: uintptr(unsafe.Pointer(unsafe.SliceData(data))), data: data, sums: sums[:4*n], done: make([]atomic.Uint32, n), bad: bad}
}

// BlockSums computes the sums NewBlocks takes for data.
func BlockSums(data []byte) []byte {
	var sums []byte
	for off := 0; off < len(data); off += BlockSize {
		sums = binary.LittleEndian.AppendUint32(sums, crc32.ChecksumIEEE(data[off:min(off+BlockSize, len(data))]))
	}
	return sums
}

// Check checks the blocks p lies in; p must be part of the data.
func (b *Blocks) Check(p []byte) {
	if off := b.Offset(p); !b.Checked(off, len(p)) {
		b.check(off, len(p))
	}
}

// Offset is where p, part of the data, lies in it.
func (b *Blocks) Offset(p []byte) int {
	return int(uintptr(unsafe.Pointer(unsafe.SliceData(p))) - b.base)
}

// Range checks the blocks bytes [off, off+n) of the data lie in. Callers
// on hot paths write it out as Check does, so that Checked is inlined.
func (b *Blocks) Range(off, n int) {
	if !b.Checked(off, n) {
		b.check(off, n)
	}
}

// Checked reports whether bytes [off, off+n) lie in one block already
// found sound: the common case, cheap enough to be inlined.
func (b *Blocks) Checked(off, n int) bool {
	k := uint(off) / BlockSize
	return k < uint(len(b.done)) && b.done[k].Load() != 0 && uint(off)%BlockSize+uint(n) <= BlockSize
}

func (b *Blocks) check(off, n int) {
	if n <= 0 || off < 0 || off+n > len(b.data) {
		return
	}
	for k := off / BlockSize; k <= (off+n-1)/BlockSize; k++ {
		if b.done[k].Load() != 0 {
			continue
		}
		if !b.sound(k) {
			b.bad()
			return
		}
		b.done[k].Store(1)
	}
}

func (b *Blocks) sound(k int) bool {
	block := b.data[k*BlockSize : min((k+1)*BlockSize, len(b.data))]
	return crc32.ChecksumIEEE(block) == binary.LittleEndian.Uint32(b.sums[4*k:])
}

// CheckAll checks every block now, and reports whether all are sound.
func (b *Blocks) CheckAll() bool {
	for k := range len(b.sums) / 4 {
		if !b.sound(k) {
			return false
		}
		b.done[k].Store(1)
	}
	return true
}
