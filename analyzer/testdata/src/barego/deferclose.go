package barego

import (
	"context"
	"net"
	"time"
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

// The function closes the channel as it ends: a reader that fails after
// that sends on a closed channel.
func serveOnceClosing(ctx context.Context) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	errs := make(chan error, 1)
	defer close(errs)
	go func() { // want `goroutine is stopped \(defer ln.Close\(\)\) but not joined, and it sends on errs`
		conn, err := ln.Accept()
		if err != nil {
			errs <- err
			return
		}
		conn.Close()
	}()
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
		return nil
	}
}

// Its last act is not the send: once a connection came, it works on
// after the function has returned.
func serveOnceLingering(ctx context.Context) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	errs := make(chan error, 1)
	go func() { // want `goroutine is not joined on every path, and where it is not, its stop \(defer ln.Close\(\)\) does not cut short its sleep`
		conn, err := ln.Accept()
		if err != nil {
			errs <- err
			return
		}
		defer conn.Close()
		time.Sleep(time.Minute)
	}()
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
		return nil
	}
}

// One reader per address, each closed by a defer as the function
// returns; one send on either branch, then the return: made once, into
// room for all, whichever way the function leaves.
func readAllUntilDone(ctx context.Context, addrs []string) error {
	errs := make(chan error, len(addrs))
	for _, a := range addrs {
		conn, err := net.ListenPacket("udp", a)
		if err != nil {
			return err
		}
		defer conn.Close()
		go func() {
			buf := make([]byte, 100)
			for {
				_, _, err := conn.ReadFrom(buf)
				if err != nil {
					if ctx.Err() != nil {
						errs <- nil
					} else {
						errs <- err
					}
					return
				}
			}
		}()
	}
	for {
		select {
		case err := <-errs:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return nil
		}
	}
}
