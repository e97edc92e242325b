// Package qconn is a connection whose streams come through an interface, as
// a QUIC connection's do: what AcceptStream waits on is not known to its
// callers, and the connection closes by CloseWithError, not Close.
package qconn

import (
	"context"
	"errors"
	"sync"
)

// Stream is an accepted stream.
type Stream struct{ id int }

type acceptor interface {
	accept(ctx context.Context) (*Stream, error)
	close()
}

// Conn is a connection.
type Conn struct{ streams acceptor }

// Dial returns an open connection.
func Dial() (*Conn, error) {
	return &Conn{streams: &queue{ch: make(chan *Stream), closed: make(chan struct{})}}, nil
}

// AcceptStream returns the next stream the peer opens.
func (c *Conn) AcceptStream(ctx context.Context) (*Stream, error) { return c.streams.accept(ctx) }

// CloseWithError closes the connection: AcceptStream returns an error.
func (c *Conn) CloseWithError(code int, msg string) error {
	c.streams.close()
	return nil
}

type queue struct {
	ch     chan *Stream
	closed chan struct{}
	once   sync.Once
}

func (q *queue) accept(ctx context.Context) (*Stream, error) {
	select {
	case s := <-q.ch:
		return s, nil
	case <-q.closed:
		return nil, errors.New("closed")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (q *queue) close() { q.once.Do(func() { close(q.closed) }) }
