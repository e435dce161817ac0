package landscape

// SetShortcuts turns search's shortcuts on or off, for tests.
func SetShortcuts(on bool) { shortcuts = on }
