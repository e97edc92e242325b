package barego

import (
	"context"
	"net"
)

// --- Readers stopped by a close deferred in the loop that starts them ---

// One reader per connection, each closed by a defer as the function
// returns: a read fails then, and the one send finds room.
func listenAll(ctx context.Context, conns []net.PacketConn) error {
	errs := make(chan error, len(conns))
	for _, c := range conns {
		defer c.Close()
		go func() {
			buf := make([]byte, 100)
			for {
				_, _, err := c.ReadFrom(buf)
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
		return nil
	}
}

// Not closed: a reader that has not failed reads on after the return.
func listenAllOpen(ctx context.Context, conns []net.PacketConn) error {
	errs := make(chan error, len(conns))
	for _, c := range conns {
		go func() { // want `goroutine is not joined on every path`
			buf := make([]byte, 100)
			for {
				_, _, err := c.ReadFrom(buf)
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
		return nil
	}
}
