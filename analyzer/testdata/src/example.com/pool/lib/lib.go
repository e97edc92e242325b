// Package lib is a worker pool that does not join what it starts: each
// item runs in a goroutine of its own, and the caller joins it through the
// function it gives (callback.go).
package lib

import (
	"sync"
	"sync/atomic"
)

type Pool struct {
	slots chan struct{}
}

func New(n int) *Pool { return &Pool{slots: make(chan struct{}, n)} } // want New:`own\(fresh\)`

// Submit holds a slot while the item runs; the slot's receive cannot wait,
// the goroutine's own token is in the buffer.
func (p *Pool) Submit(item int, handle func(int)) { // want Submit:`own\(blocks\(send recv\.slots\); send recv\.slots; starts; owes callback param1 for example\.com/pool/lib/lib\.go:21\)`
	p.slots <- struct{}{}
	go func() { // want `goroutine is handed on to the caller, but Forget drops it at line 68: give a function that signals a WaitGroup or channel \(defer wg\.Done\(\)\) and wait for that there`
		handle(item)
		<-p.slots
	}()
}

// Go runs f in a goroutine of its own, and nothing else.
func Go(f func()) { // want Go:`own\(starts; owes callback param0 for example\.com/pool/lib/lib\.go:29\)`
	go f()
}

// Started waits only for the goroutine to begin: the start signal is no
// join, and its caller cannot join it through fn either.
func Started(fn func()) { // want Started:`spawns\(go statement at example\.com/pool/lib/lib\.go:37\)` Started:`own\(starts\)`
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine is never joined, so it can outlive Started`
		wg.Done()
		fn()
	}()
	wg.Wait()
}

// Twice runs two functions it was given in one goroutine: which one's
// signal would end it is not known, so it is its own to join.
func Twice(a, b func()) { // want Twice:`spawns\(go statement at example\.com/pool/lib/lib\.go:47\)` Twice:`own\(starts\)`
	go func() { // want `goroutine is never joined, so it can outlive Twice`
		a()
		b()
	}()
}

// Each is the package's own caller: it counts every item in and waits.
func Each(p *Pool, items []int, f func(int)) { // want Each:`own\(blocks\(send param0\.slots\); send param0\.slots; cancel param2\)`
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		p.Submit(it, func(v int) {
			defer wg.Done()
			f(v)
		})
	}
	wg.Wait()
}

// Forget gives a function that signals nothing.
func Forget(p *Pool) { // want Forget:`own\(blocks\(send param0\.slots\); send param0\.slots\)`
	p.Submit(1, func(v int) { println(v) }) // want `the function given to \(\*Pool\)\.Submit \(argument 2\) signals nothing its caller waits for, so the goroutine started at example.com/pool/lib/lib.go:21`
}

// Relay hands the obligation on to its own caller with f.
func Relay(p *Pool, f func(int)) { // want Relay:`own\(blocks\(send param0\.slots\); send param0\.slots; owes callback param1 for example\.com/pool/lib/lib\.go:21\)`
	p.Submit(2, f)
}

// Wrap gives a function that runs the one it was given: its caller joins
// through that one.
func Wrap(p *Pool, f func(int)) { // want Wrap:`own\(blocks\(send param0\.slots\); send param0\.slots; cancel param1; owes callback param1 for example\.com/pool/lib/lib\.go:21\)`
	p.Submit(3, func(v int) {
		println("item", v)
		f(v)
	})
}

// Counted keeps a running count of its goroutines: the count is its own
// to wait on, not its caller's, and nothing here waits on it.
type Counted struct{ running atomic.Int32 }

func (c *Counted) Go(f func()) { // want Go:`spawns\(go statement at example\.com/pool/lib/lib\.go:91\)` Go:`own\(starts\)`
	c.running.Add(1)
	go func() { // want `goroutine is never joined, so it can outlive \(\*Counted\)\.Go`
		defer c.running.Add(-1)
		f()
	}()
}

// WrapLocal is Wrap with the function it gives kept in a local first.
func WrapLocal(p *Pool, f func(int)) { // want WrapLocal:`own\(blocks\(send param0\.slots\); cancel param1; send param0\.slots; owes callback param1 for example\.com/pool/lib/lib\.go:21\)`
	run := func(v int) { f(v) }
	p.Submit(4, run)
}
