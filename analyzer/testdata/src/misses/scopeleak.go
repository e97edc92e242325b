package misses

import (
	"context"
	"errors"

	"github.com/twine-go/twine/runtime/nursery"
)

// --- scopeleak ---

func keepalive(ctx context.Context) error { return nil }
func handshake() error                    { return nil }

// The handshake error returns with the keepalive task still running.
func connect(ctx context.Context) error {
	n := nursery.New(ctx) // want `the nursery from nursery.New is not closed on every path: the return at line \d+`
	n.Go(keepalive)
	if err := handshake(); err != nil {
		return err
	}
	return n.Close()
}

type conn struct{ n *nursery.Nursery }

// The connection owns its nursery, but nothing ever closes it.
func dialConn(ctx context.Context) *conn {
	c := &conn{n: nursery.New(ctx)} // want `the nursery from nursery.New is stored in conn.n, but nothing closes it`
	c.n.Go(keepalive)
	return c
}

type pool struct{ n *nursery.Nursery }

// newPool returns an owner of a nursery: a scope to close.
func newPool(ctx context.Context) (*pool, error) { // want newPool:`scope\(\*misses.pool: Close\)`
	if ctx == nil {
		return nil, errors.New("nil context")
	}
	p := &pool{n: nursery.New(ctx)}
	p.n.Go(keepalive)
	return p, nil
}

func (p *pool) Close() error { return p.n.Close() }

// The pool is dropped on the error path of a later step.
func usePool(ctx context.Context) error {
	p, err := newPool(ctx) // want `is not closed on every path: the return at line \d+`
	if err != nil {
		return err
	}
	if err := handshake(); err != nil {
		return err
	}
	return p.Close()
}

// The Run body's nursery is kept for later use: n.Go panics then.
var spawner *nursery.Nursery

func keepRunNursery(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		spawner = n // want `is stored in the package variable spawner`
		return nil
	})
}
