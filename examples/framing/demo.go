package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

// runDemo starts three clients of the server at addr as tasks of n, sends
// the program SIGINT as Ctrl+C would, and prints what each client sees, with
// the time since the demo started. Each client is ready once it has
// exchanged a whole message (the busy and stalled ones send the first half
// of another in the same write, so the server holds it before Ctrl+C); then:
//
//   - idle waits: the soft stop closes its connection at once;
//   - busy sends the rest of its message a moment after the soft stop, and
//     gets the reply before the server closes the connection;
//   - stalled never sends the rest: the server cuts it when serveConn's
//     grace runs out.
func runDemo(n *nursery.Nursery, addr string) error {
	start := time.Now()
	say := func(format string, args ...any) {
		fmt.Printf("%5.2fs  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}
	for _, name := range []string{"idle", "busy", "stalled"} {
		err := n.Start(func(ctx context.Context, ready func()) error {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				return err
			}
			defer c.Close()
			defer context.AfterFunc(ctx, func() { c.Close() })() // a second Ctrl+C
			next := frame([]byte("the message in flight"))
			out := frame([]byte("hello"))
			if name != "idle" {
				out = append(out, next[:len(next)/2]...)
			}
			if _, err := c.Write(out); err != nil {
				return err
			}
			reply, err := readMessage(c)
			if err != nil {
				return err
			}
			say("%-7s  sent %q, got %q", name, "hello", reply)
			ready()
			if name == "busy" {
				<-nursery.Stopping(ctx).Done()
				select {
				case <-time.After(500 * time.Millisecond): // still busy with it
				case <-ctx.Done():
					return nil
				}
				say("%-7s  sends the rest of its message", name)
				if _, err := c.Write(next[len(next)/2:]); err != nil {
					return err
				}
				reply, err := readMessage(c)
				if err != nil {
					return err
				}
				say("%-7s  got %q", name, reply)
			}
			if _, err := readMessage(c); !errors.Is(err, io.EOF) {
				return fmt.Errorf("%s: want the server to close the connection, got %v", name, err)
			}
			say("%-7s  connection closed by the server", name)
			return nil
		})
		if err != nil {
			return err
		}
	}
	say("Ctrl+C")
	p, err := os.FindProcess(os.Getpid())
	if err == nil {
		err = p.Signal(os.Interrupt)
	}
	if err != nil {
		say("cannot signal (%v): press Ctrl+C", err)
	}
	return nil
}
