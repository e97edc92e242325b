package app

import (
	"context"
	"sync"

	"example.com/pool/lib"
)

func all(p *lib.Pool, items []int, work func(int)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		p.Submit(it, func(v int) {
			defer wg.Done()
			work(v)
		})
	}
	wg.Wait()
}

func abandoned(p *lib.Pool, items []int, work func(int), quick bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		p.Submit(it, func(v int) { // want `the function given to \(\*lib\.Pool\)\.Submit \(argument 2\) signals wg, which is not waited for on every path: the return at line 32 skips it`
			defer wg.Done()
			work(v)
		})
	}
	if quick {
		return
	}
	wg.Wait()
}

func result(p *lib.Pool, work func(int) int) int {
	res := make(chan int, 1)
	p.Submit(7, func(v int) { res <- work(v) })
	return <-res
}

func resultDropped(p *lib.Pool, work func(int) int) {
	res := make(chan int, 1)
	p.Submit(7, func(v int) { res <- work(v) }) // want `signals res, which is not received from on every path`
	_ = res
}

func fireAndForget() {
	lib.Go(func() {}) // want `the function given to lib\.Go \(argument 1\) signals nothing its caller waits for, so the goroutine started at example.com/pool/lib/lib.go:29 \(f\) is never joined`
}

func named(p *lib.Pool, work func(int)) {
	var wg sync.WaitGroup
	wg.Add(1)
	handle := func(v int) {
		defer wg.Done()
		work(v)
	}
	p.Submit(1, handle)
	wg.Wait()
}

func relayed(p *lib.Pool) {
	lib.Relay(p, func(int) {}) // want `the function given to lib\.Relay \(argument 2\) signals nothing its caller waits for`
}

func relayedJoined(p *lib.Pool) {
	done := make(chan struct{})
	lib.Relay(p, func(int) { close(done) })
	<-done
}

type server struct {
	wg sync.WaitGroup
}

// The server's own WaitGroup: whoever stops the server waits.
func (s *server) handle(p *lib.Pool, v int) {
	s.wg.Add(1)
	p.Submit(v, func(int) { s.wg.Done() })
}

// A function the pass does not read as a literal: its owner's business.
func (s *server) method(p *lib.Pool) {
	p.Submit(1, s.work)
}

func (s *server) work(int) {}

func wrapped(p *lib.Pool) {
	lib.Wrap(p, func(int) {}) // want `the function given to lib\.Wrap \(argument 2\) signals nothing its caller waits for`
}

func wrappedJoined(p *lib.Pool) {
	var wg sync.WaitGroup
	wg.Add(1)
	lib.Wrap(p, func(int) { wg.Done() })
	wg.Wait()
}

// A result channel with room for the one value sent: the send never
// waits, so a select that leaves on the context drops nothing.
func roomy(ctx context.Context, p *lib.Pool) int {
	res := make(chan int, 1)
	p.Submit(1, func(v int) { res <- v })
	select {
	case <-ctx.Done():
		return 0
	case v := <-res:
		return v
	}
}

func cramped(ctx context.Context, p *lib.Pool) int {
	res := make(chan int)
	p.Submit(1, func(v int) { res <- v }) // want `signals res, which is not received from on every path`
	select {
	case <-ctx.Done():
		return 0
	case v := <-res:
		return v
	}
}

func wrappedLocal(p *lib.Pool) {
	lib.WrapLocal(p, func(int) {}) // want `the function given to lib\.WrapLocal \(argument 2\) signals nothing its caller waits for`
}
