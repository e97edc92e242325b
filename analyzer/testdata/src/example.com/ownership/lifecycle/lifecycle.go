// Package lifecycle is a base for services that start once and stop: it
// hands out the context a service runs under and keeps its cancel.
package lifecycle

import (
	"context"
	"sync"
)

// Base is embedded by services.
type Base struct {
	mu      sync.Mutex
	cancel  context.CancelFunc
	stopped chan struct{}
}

// StartInit returns the context the service runs under, whether to start
// at all, and the function the service calls once it has stopped.
func (b *Base) StartInit(ctx context.Context) (context.Context, bool, func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped != nil {
		return ctx, false, nil
	}
	b.stopped = make(chan struct{})
	ctx, b.cancel = context.WithCancel(ctx)
	ch := b.stopped
	return ctx, true, func() { close(ch) }
}

// Stop cancels the service's context and waits until it has stopped.
func (b *Base) Stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped == nil {
		return
	}
	b.cancel()
	<-b.stopped
	b.stopped = nil
}
