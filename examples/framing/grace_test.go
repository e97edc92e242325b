package main

import (
	"context"
	"net"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

// pipeListener is a net.Listener of in-memory connections (net.Pipe),
// which, unlike real sockets, block durably inside a synctest bubble.
type pipeListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

// dial connects a client; the test closes the connection at its end.
func (l *pipeListener) dial(t *testing.T) client {
	server, c := net.Pipe()
	select {
	case l.conns <- server:
	case <-l.closed:
		t.Fatal("dial: listener closed")
	}
	t.Cleanup(func() { c.Close() })
	return client{c}
}

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "pipe" }

// TestGraceOfTheAnnotation checks the timeline of a shutdown in fake time:
// the idle connection closes at the soft stop, the busy one when its message
// is done, and the stalled one exactly when the grace written in serveConn's
// annotation (2s) runs out, though the server's own nursery would allow an
// hour. Then nothing is left running: synctest.Test fails otherwise.
func TestGraceOfTheAnnotation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := newPipeListener()
		n := nursery.New(context.Background())
		n.Go(func(ctx context.Context) error { return serve(ctx, ln) })
		t.Cleanup(func() { // when the test fails half-way
			n.Cancel(nil)
			n.Wait()
		})
		idle, busy, stalled := ln.dial(t), ln.dial(t), ln.dial(t)
		check(t, idle.exchange([]byte("idle")))
		msg := payload(1000)
		rest, err := busy.begin(msg, 300)
		check(t, err)
		_, err = stalled.begin(payload(1000), 300)
		check(t, err)

		start := time.Now()
		since := func(what string, want time.Duration) {
			t.Helper()
			if got := time.Since(start); got != want {
				t.Errorf("%s %v after the soft stop, want %v", what, got, want)
			}
		}
		n.Shutdown(time.Hour)
		check(t, idle.expectClosed())
		since("idle connection closed", 0)

		time.Sleep(time.Second)
		_, err = busy.Write(rest)
		check(t, err)
		check(t, busy.expectReply(msg))
		check(t, busy.expectClosed())
		since("busy connection closed", time.Second)
		check(t, stalled.expectOpen()) // 20ms of silence

		check(t, stalled.expectClosed())
		since("stalled connection cut", 2*time.Second)
		check(t, n.Wait())
		since("server done", 2*time.Second)
	})
}
