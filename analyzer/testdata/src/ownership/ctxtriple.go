package ownership

import (
	"context"
	"time"
)

// --- A context and its cancel from a helper with three results ---

func newPollContext(parent context.Context, d time.Duration) (context.Context, context.CancelFunc, []string) {
	ctx, cancel := context.WithTimeout(parent, d)
	return ctx, cancel, nil
}

// Cancelled where the select leaves by the shutdown: the poll ends.
func pollUntil(shutdown <-chan struct{}, poll func(context.Context) error) error {
	done := make(chan error, 1)
	ctx, cancel, _ := newPollContext(context.Background(), time.Minute)
	go func() {
		done <- poll(ctx)
	}()
	select {
	case err := <-done:
		cancel()
		return err
	case <-shutdown:
		cancel()
		return context.Canceled
	}
}

// Left running where the select leaves by the shutdown.
func pollUntilLeft(shutdown <-chan struct{}, poll func(context.Context) error) error {
	done := make(chan error, 1)
	ctx, cancel, _ := newPollContext(context.Background(), time.Minute)
	go func() { // want `goroutine is not joined on every path: the return at line 44 skips receiving from done`
		done <- poll(ctx)
	}()
	select {
	case err := <-done:
		cancel()
		return err
	case <-shutdown:
		return context.Canceled
	}
}

// A helper's cancel let go of: the context ends with its parent, which
// the function cancels itself.
func newChildContext(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(parent)
}

func watchChildCtx(ctx context.Context, f func()) {
	go func() {
		<-ctx.Done()
		f()
	}()
}

func watchChild(f func()) {
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	child, _ := newChildContext(parent)
	watchChildCtx(child, f)
}
