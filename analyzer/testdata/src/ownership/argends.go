package ownership

import (
	"context"
	"time"
)

// --- A worker that every wait of which also watches the caller's context ---

// ctxRelay forwards what in gives until ctx is done; each wait, on in or on
// out, watches ctx.
func ctxRelay(ctx context.Context, in <-chan int, out chan int) {
	defer close(out)
	for {
		select {
		case v, ok := <-in:
			if !ok {
				return
			}
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

func startCtxRelay(ctx context.Context, in <-chan int) (<-chan int, error) {
	out := make(chan int)
	go ctxRelay(ctx, in, out) // want `goroutine running ctxRelay is handed on to the caller, but ctxRelayDropped drops it`
	return out, nil
}

// The caller cancels the context it gave: that ends the ctxRelay whatever
// in does, so the dropped result owes nothing more.
func ctxRelayCancelled() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := startCtxRelay(ctx, make(chan int))
	return err
}

// Without the cancel, the dropped result is a ctxRelay left running.
func ctxRelayDropped(ctx context.Context) error {
	_, err := startCtxRelay(ctx, make(chan int)) // want `the result of startCtxRelay is assigned to _`
	return err
}
