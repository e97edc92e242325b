// Package explain checks the notes -explain adds on go statements twine
// accepts: each says how the goroutine is joined, stopped or handed on.
package explain

import (
	"context"
	"sync"
)

func joined(work func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine is not reported: joined on every path by wg.Wait\(\)`
		defer wg.Done()
		work()
	}()
	wg.Wait()
}

// A select that leaves by ctx.Done() does not receive the result: the
// goroutine is left to finish into the buffer.
func runWithContext(ctx context.Context, f func() error) error {
	c := make(chan error, 1)
	go func() { c <- f() }() // want `goroutine is not reported: joined by receiving from c where it is received; where a select leaves by another case, left to finish on its own: its send finds room in c`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-c:
		return err
	}
}

func handedOn(ctx context.Context, tick <-chan struct{}, out chan<- int) {
	go func() { // want `goroutine is not reported: handed on to the caller, who must cancel ctx`
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick:
				select {
				case out <- 1:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
}
