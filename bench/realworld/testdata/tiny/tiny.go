// Package tiny is a module for the realworld benchmark's own test: one
// goroutine twine reports, one it does not.
package tiny

import "sync"

// Leak starts a goroutine nobody waits for, blocked for ever.
func Leak() {
	go func() { select {} }()
}

// Join starts a goroutine and waits for it.
func Join(f func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		f()
	}()
	wg.Wait()
}
