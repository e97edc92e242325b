// Package nursery stands in for twine's runtime in this fixture: the
// signatures the analyzer matches, and just enough behaviour to build.
package nursery

import "context"

type Nursery struct{ ctx context.Context }

func Run(ctx context.Context, body func(n *Nursery) error) error { return body(&Nursery{ctx}) }
func New(ctx context.Context) *Nursery                           { return &Nursery{ctx} }

func (n *Nursery) Go(task func(ctx context.Context) error) { _ = task(n.ctx) }
func (n *Nursery) Context() context.Context                { return n.ctx }
func (n *Nursery) Wait() error                             { return nil }
func (n *Nursery) Close() error                            { return nil }
