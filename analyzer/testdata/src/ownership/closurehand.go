package ownership

import (
	"context"
	"io"
)

// --- A producer's channel handed on inside the closure that reads it ---

// The caller gets the reader, and the producer ends with the caller's
// context.
func closureGetter(ctx context.Context, next func() (int, error)) func() (int, error) {
	cctx, cancel := context.WithCancel(ctx)
	ch := make(chan int, 1)
	go func() {
		defer cancel()
		defer close(ch)
		for {
			v, err := next()
			select {
			case ch <- v:
				if err != nil {
					cancel()
				}
			case <-cctx.Done():
				return
			}
		}
	}()
	return func() (int, error) {
		v, ok := <-ch
		if !ok {
			return 0, io.EOF
		}
		return v, nil
	}
}

// The closure is only called here: one value taken, the producer left
// blocked on its next send.
func closureGetterOnce(next func() (int, error)) int {
	ch := make(chan int, 1)
	go func() { // want `goroutine is not joined on every path: the return at line 54 skips draining ch`
		defer close(ch)
		for {
			v, err := next()
			ch <- v
			if err != nil {
				return
			}
		}
	}()
	get := func() int { return <-ch }
	return get()
}
