// Package qlisten is a listener whose Accept takes a context: it waits
// for a connection, for the context, or for the listener to close.
package qlisten

import (
	"context"
	"errors"
	"sync"
)

// Conn is an accepted connection.
type Conn struct{ id int }

// Listener queues the connections it accepts.
type Listener struct {
	queue  chan *Conn
	closed chan struct{}
	once   sync.Once
}

// Listen returns an open listener.
func Listen() *Listener {
	return &Listener{queue: make(chan *Conn), closed: make(chan struct{})}
}

// Accept returns the next connection.
func (l *Listener) Accept(ctx context.Context) (*Conn, error) {
	select {
	case c := <-l.queue:
		return c, nil
	case <-l.closed:
		return nil, errors.New("closed")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close ends every Accept.
func (l *Listener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}
