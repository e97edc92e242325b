// Package catcher runs functions and keeps their panics, as a group's
// goroutines do.
package catcher

// A Catcher keeps the first panic of the functions it runs.
type Catcher struct{ v any }

// Try runs f, keeping its panic.
func (c *Catcher) Try(f func()) {
	defer func() {
		if r := recover(); r != nil && c.v == nil {
			c.v = r
		}
	}()
	f()
}
