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
