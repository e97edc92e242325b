// Package app uses the bus of package events from another package.
package app

import "example.com/registry/events"

func use(int) {}

// A channel registered by the call that returns it.
func Returned() {
	b := events.New()
	defer b.Close()
	ev := b.Notify(make(chan string))
	go func() {
		for range ev {
		}
	}()
}

// A channel registered under a name in a map.
func Named() {
	b := events.New()
	ch := make(chan int)
	b.Watch("a", ch)
	go func() {
		for v := range ch {
			use(v)
		}
	}()
	b.Close()
}

// The channel registered is not the one the goroutine ranges over.
func Other() { // want Other:`spawns\(go statement at \S+:38\)` Other:`own\(starts\)`
	b := events.New()
	defer b.Close()
	b.Notify(make(chan string))
	mine := make(chan string)
	go func() { // want `goroutine is never joined, so it can outlive Other`
		for range mine {
		}
	}()
}

// Registered, but the bus is never closed.
func NeverClosed() { // want NeverClosed:`spawns\(go statement at \S+:49\)` NeverClosed:`own\(starts\)`
	b := events.New()
	ch := make(chan int)
	b.Watch("a", ch)
	go func() { // want `goroutine is never joined, so it can outlive NeverClosed`
		for v := range ch {
			use(v)
		}
	}()
}
