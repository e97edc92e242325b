// Package nursery is a stub of twine's runtime for the analyzer's tests:
// the signatures of DESIGN.md, no behaviour.
package nursery

import (
	"context"
	"time"
)

type Config struct {
	Name      string
	Limit     int
	Grace     time.Duration
	Supervise bool
}

func (c Config) Run(ctx context.Context, body func(n *Nursery) error) error { return body(&Nursery{}) }
func (c Config) New(ctx context.Context) *Nursery                           { return &Nursery{} }

func Run(ctx context.Context, body func(n *Nursery) error) error { return Config{}.Run(ctx, body) }
func New(ctx context.Context) *Nursery                           { return Config{}.New(ctx) }

type Nursery struct{ wg chan struct{} }

func (n *Nursery) Go(task func(ctx context.Context) error) {
	// The runtime's own go statements are never reported.
	go task(context.Background())
}
func (n *Nursery) Start(task func(ctx context.Context, ready func()) error) error { return nil }
func (n *Nursery) Context() context.Context                                       { return context.TODO() }
func (n *Nursery) Cancel(cause error)                                             {}
func (n *Nursery) Shutdown(grace time.Duration)                                   {}
func (n *Nursery) Wait() error                                                    { return nil }
func (n *Nursery) Close() error                                                   { return nil }

func Stopping(ctx context.Context) context.Context { return ctx }

type MainOption interface{ mainOption() }

func Main(body func(n *Nursery) error, opts ...MainOption) {}
