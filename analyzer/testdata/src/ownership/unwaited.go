package ownership

import (
	"sync"
	"time"
)

// --- A local WaitGroup counted up and down, and never waited on ---

func unmapPort(port int) { time.Sleep(time.Millisecond) }

func clearMappings(ports []int) {
	var wg sync.WaitGroup
	wg.Add(len(ports))
	for _, p := range ports {
		go func() { // want `goroutine is never joined: it is counted in wg, which nothing in the package waits on, so it can outlive clearMappings`
			defer wg.Done()
			unmapPort(p)
		}()
	}
}

// The same, waited on: joined.
func clearMappingsWaited(ports []int) {
	var wg sync.WaitGroup
	wg.Add(len(ports))
	for _, p := range ports {
		go func() {
			defer wg.Done()
			unmapPort(p)
		}()
	}
	wg.Wait()
}

// Given to a helper that waits: joined there.
func waitAll(wg *sync.WaitGroup) { wg.Wait() }

func clearMappingsHelped(ports []int) {
	var wg sync.WaitGroup
	for _, p := range ports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			unmapPort(p)
		}()
	}
	waitAll(&wg)
}

// A receive takes what it sends, but its work goes on after that, and the
// group its author counted it in is never waited on.
type reporter struct{ sent chan error }

func (r *reporter) run() error {
	r.sent <- nil
	unmapPort(0) // work after the hand-off
	return nil
}

func reportOnce() {
	r := &reporter{sent: make(chan error, 1)}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine is never joined: it is counted in wg`
		defer wg.Done()
		_ = r.run()
	}()
	<-r.sent
}

// A mapper whose Close clears through a method: the receiver's stop does
// not wait for the goroutines either.
type mapper struct {
	ports  []int
	closed chan struct{}
}

func (m *mapper) clear() {
	var wg sync.WaitGroup
	wg.Add(len(m.ports))
	for _, p := range m.ports {
		go func() { // want `goroutine is never joined: it is counted in wg`
			defer wg.Done()
			m.unmap(p)
		}()
	}
	m.ports = nil
}

func (m *mapper) unmap(port int) { unmapPort(port) }

func (m *mapper) Close() { close(m.closed); m.clear() }

// The goroutine's last act before its Done releases the function's own
// wait: the function finds it all but ended.
type itemFeed struct{ items chan int }

func (f *itemFeed) cancel()    { close(f.items) }
func (f *itemFeed) next() bool { _, ok := <-f.items; return ok }

func itemFeedCancelled() bool {
	f := &itemFeed{items: make(chan int)}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		unmapPort(0)
		f.cancel()
		wg.Done()
	}()
	return f.next()
}

// Counted and never waited, but what it waits on is closed on every
// path: stopped, the group only counts.
type acceptQueue struct{ c chan int }

func (l *acceptQueue) accept() (int, bool) {
	v, ok := <-l.c
	return v, ok
}

func (l *acceptQueue) Close() { close(l.c) }

func acceptThree() {
	l := &acceptQueue{c: make(chan int)}
	defer l.Close()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 3 {
			l.accept()
		}
	}()
	l.c <- 1
}

// The same without the close: the second accept waits for ever.
func acceptThreeOpen() {
	l := &acceptQueue{c: make(chan int)}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine is never joined: it is counted in wg, which nothing in the package waits on, so it can outlive acceptThreeOpen`
		defer wg.Done()
		for range 3 {
			l.accept()
		}
	}()
	l.c <- 1
}

// The producers are counted, and the consumer counts down each item it
// takes: its return when the channel closes skips no Done of its own.
func gatherCounted(n int) <-chan struct{} {
	ch := make(chan int)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() { ch <- i }()
	}
	go func() {
		wg.Wait()
		close(ch)
	}()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			if _, ok := <-ch; !ok {
				return
			}
			wg.Done()
		}
	}()
	return done
}

// A worker that counts itself down, but not when it returns early.
func workerSkipsDone(jobs chan int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine returns at line 186 without wg.Done\(\)`
		v := <-jobs
		if v < 0 {
			return
		}
		wg.Done()
	}()
	wg.Wait()
}
