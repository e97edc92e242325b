package ctxdetach

import (
	"context"
	"net"
	"sync"
)

func recordMetric(ctx context.Context, what string) { _, _ = ctx, what }

type meteredConn struct {
	net.Conn
	onClose func()
	onFail  func()
}

func (c *meteredConn) Close() error {
	c.onClose()
	return c.Conn.Close()
}

func newMetered(c net.Conn, onFail func()) *meteredConn {
	return &meteredConn{Conn: c, onFail: onFail}
}

// dialMetered's callbacks run when the connection closes or fails, long
// after ctx, which bounds the dial only, may be done.
func dialMetered(ctx context.Context, addr string) (net.Conn, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	var once sync.Once
	recordClosed := func() {
		once.Do(func() { recordMetric(context.Background(), "closed") })
	}
	fail := func() { recordClosed() }
	m := newMetered(c, fail)
	m.onClose = recordClosed
	return m, nil
}

// dialRecorded runs its callback before it returns: ctx is the one to use.
func dialRecorded(ctx context.Context, addr string) error {
	record := func() {
		recordMetric(context.Background(), addr) // want `call to context.Background\(\) detaches this work from ctx`
	}
	record()
	return nil
}

type beforeHooks struct{ before, it []func() }

func (h *beforeHooks) BeforeEach(f func()) { h.before = append(h.before, f) }
func (h *beforeHooks) It(f func())         { h.it = append(h.it, f) }

// runSuite's ctx only ever holds Background: nothing to detach from.
func runSuite(h *beforeHooks, get func(context.Context) error) {
	var ctx context.Context
	h.BeforeEach(func() { ctx = context.Background() })
	h.BeforeEach(func() { _ = get(context.Background()) })
	h.It(func() { _ = get(ctx) })
}

// runSuiteFrom's ctx is the caller's.
func runSuiteFrom(parent context.Context, h *beforeHooks, get func(context.Context) error) {
	var ctx context.Context
	h.BeforeEach(func() { ctx = parent })
	h.BeforeEach(func() { _ = get(context.Background()) }) // want `call to context.Background\(\) detaches this work from`
	h.It(func() { _ = get(ctx) })
}
