// Package errgroup is a trimmed copy of golang.org/x/sync/errgroup for the
// analyzer's tests: its goroutines are counted in a WaitGroup field, so
// they are owned by the Group and errgroup.(*Group).Go spawns nothing that
// outlives the group.
package errgroup

import (
	"context"
	"sync"
)

type Group struct {
	cancel  func(error)
	wg      sync.WaitGroup
	errOnce sync.Once
	err     error
}

func (g *Group) done() { g.wg.Done() }

func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancelCause(ctx)
	return &Group{cancel: cancel}, ctx
}

func (g *Group) Wait() error {
	g.wg.Wait()
	if g.cancel != nil {
		g.cancel(g.err)
	}
	return g.err
}

func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.done()
		if err := f(); err != nil {
			g.errOnce.Do(func() {
				g.err = err
				if g.cancel != nil {
					g.cancel(g.err)
				}
			})
		}
	}()
}
