// Package stopchan takes a channel another package's value closes through
// the accessor that returns it: the value's Stop releases what waits on
// the copy.
package stopchan

import "example.com/stopchan/proxy"

// The deferred Stop closes stopCh on every path.
func feed(events []int, early bool) {
	in := make(chan int)
	w := proxy.New(in)
	defer w.Stop()
	stopCh := w.StopChan()
	go func() {
		for _, e := range events {
			select {
			case in <- e:
			case <-stopCh:
				return
			}
		}
	}()
	if early {
		return
	}
	for range events {
		<-w.ResultChan()
	}
}

// Stopped only at the end: the early return leaves the sender waiting.
func feedLate(events []int, early bool) { // want feedLate:`spawns\(go statement at \S+:36\)`
	in := make(chan int)
	w := proxy.New(in)
	stopCh := w.StopChan()
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips`
		for _, e := range events {
			select {
			case in <- e:
			case <-stopCh:
				return
			}
		}
	}()
	if early {
		return
	}
	w.Stop()
}
