package bundle

import (
	"context"
	"errors"
	"net"

	"github.com/twine-go/twine/runtime/nursery"
)

//go:generate go tool twinegen

//twine:bundle grace=2s limit=64
func serveConn(ctx context.Context, c net.Conn, id int) error { return nil }

// Conn owns its keepalive task: a heap-allocated scope (libdill's bundle).
type Conn struct {
	n  *nursery.Nursery
	nc net.Conn
}

// NewConn returns a connection whose caller must Close it.
func NewConn(ctx context.Context, nc net.Conn) (*Conn, error) { // want NewConn:`scope\(\*bundle.Conn: Close\)` NewConn:`own\(fresh\)`
	if nc == nil {
		return nil, errors.New("no connection")
	}
	c := &Conn{n: nursery.New(ctx), nc: nc}
	c.n.Go(c.keepalive)
	return c, nil
}

func (c *Conn) keepalive(ctx context.Context) error { return nil }

// Close stops the keepalive task and waits for it.
func (c *Conn) Close() error { return c.shutdown() }

func (c *Conn) shutdown() error {
	c.n.Shutdown(0)
	return c.n.Wait()
}

// Current returns an existing connection: not a constructor.
func (c *Conn) Current() *Conn { return c }

// Registry keeps the connections it makes: its callers do not own them.
type Registry struct{ conns []*Conn }

func (r *Registry) Open(ctx context.Context) *Conn {
	c := &Conn{n: nursery.New(ctx)}
	r.add(c)
	return c
}

func (r *Registry) add(c *Conn) { r.conns = append(r.conns, c) }
