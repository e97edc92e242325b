// Package wgwrap is a WaitGroup that starts the goroutines it counts, as
// many code bases wrote it before sync.WaitGroup.Go.
package wgwrap

import (
	"sync"
	"time"
)

// WaitGroupWrapper counts the goroutines Wrap starts.
type WaitGroupWrapper struct {
	sync.WaitGroup
}

// Wrap runs cb in a goroutine the group counts.
func (w *WaitGroupWrapper) Wrap(cb func()) {
	w.Add(1)
	go func() {
		cb()
		w.Done()
	}()
}

// Serve counts itself down in the group it is given when it ends.
func Serve(wg *sync.WaitGroup, quit <-chan struct{}) {
	defer wg.Done()
	<-quit
}

// LogEvery calls out every d until the process ends: it hands its own
// channel, which nothing closes, to a loop that ranges over it.
func LogEvery(d time.Duration, out func()) {
	ch := make(chan struct{})
	go func(c chan struct{}) {
		for range time.Tick(d) {
			c <- struct{}{}
		}
	}(ch)
	LogOnCue(ch, out)
}

// LogOnCue calls out for each value on ch until ch is closed.
func LogOnCue(ch chan struct{}, out func()) {
	for range ch {
		out()
	}
}
