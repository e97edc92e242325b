// Package kv is a client behind interfaces: every Store gives a context
// without a deadline a timeout of its own; not every Watcher does.
package kv

import (
	"context"
	"time"
)

// Store is the client.
type Store interface {
	Delete(ctx context.Context, key string) error
	Watch(ctx context.Context, key string) error
}

type store struct{ timeout time.Duration }

// New returns a Store.
func New() Store { return &store{timeout: time.Second} }

func (s *store) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, s.timeout)
}

func (s *store) Delete(ctx context.Context, key string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	<-ctx.Done()
	return ctx.Err()
}

// Watch runs until ctx ends: no deadline of its own.
func (s *store) Watch(ctx context.Context, key string) error {
	<-ctx.Done()
	return ctx.Err()
}
