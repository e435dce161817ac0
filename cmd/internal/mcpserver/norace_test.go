//go:build !race

package mcpserver

// raceEnabled: the race detector's build allocates more for the same work.
const raceEnabled = false
