// Package wgwrap is a WaitGroup that starts the goroutines it counts, as
// many code bases wrote it before sync.WaitGroup.Go.
package wgwrap

import "sync"

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
