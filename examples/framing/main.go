// Framing is the TCP server of libdill's essay on structured concurrency,
// written with twine. A message is a 32-bit big-endian length followed by
// that many bytes; the server answers each message with its payload, ASCII
// letters in upper case, framed the same way.
//
// Ctrl+C shuts it down gracefully: it stops accepting, closes at once the
// connections that are idle between messages, and lets those in the middle
// of a message finish it and get the reply. A connection still busy when
// serveConn's grace of 2s runs out is cut, as is every connection at a
// second Ctrl+C.
//
// Usage:
//
//	framing [-addr host:port] [-demo]
//
// With -demo it also runs three clients against itself, presses Ctrl+C for
// them and prints what each one saw.
package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

//go:generate go tool twinegen

// maxMessage is the largest payload accepted; a longer one closes the
// connection.
const maxMessage = 1 << 20

func main() {
	addr := flag.String("addr", "127.0.0.1:9000", "`address` to listen on (-demo: a free port by default)")
	demo := flag.Bool("demo", false, "run demo clients, press Ctrl+C for them and show what they saw")
	flag.Parse()
	if *demo && *addr == "127.0.0.1:9000" {
		*addr = "127.0.0.1:0"
	}
	log.SetFlags(0)
	log.SetPrefix("framing: ")
	nursery.Main(func(n *nursery.Nursery) error {
		bound, err := listen(n, *addr)
		if err != nil || !*demo {
			return err
		}
		return runDemo(n, bound.String())
	})
}

// listen starts the server on addr as a task of n and returns the address it
// listens on, once it does: a client may connect as soon as listen returns.
func listen(n *nursery.Nursery, addr string) (net.Addr, error) {
	var bound net.Addr
	err := n.Start(func(ctx context.Context, ready func()) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return err
		}
		defer ln.Close()
		bound = ln.Addr()
		log.Printf("listening on %v", bound)
		ready()
		return serve(ctx, ln)
	})
	return bound, err
}

// serve accepts connections on ln and serves each one in a serveConnBundle,
// until the soft stop of ctx's nursery closes ln. It returns once every
// connection has ended.
func serve(ctx context.Context, ln net.Listener) error {
	stopping := nursery.Stopping(ctx)
	defer context.AfterFunc(stopping, func() { ln.Close() })()
	return runServeConnBundle(ctx, func(conns *serveConnBundle) error {
		for {
			c, err := ln.Accept()
			if err != nil {
				if stopping.Err() != nil {
					return nil
				}
				return err
			}
			conns.Go(c)
		}
	})
}

// serveConn answers the messages on c until the client closes it or sends a
// bad message. At the soft stop it closes c at once if c is idle between
// messages, or else after the reply to the message in progress. At the hard
// cancel, when the grace runs out, it closes c whatever it is doing: a
// client that stalls in the middle of a message cannot hold the server.
// Problems with a client are logged; they are not the server's failures.
//
//twine:bundle grace=2s
func serveConn(ctx context.Context, c net.Conn) error {
	defer c.Close()
	defer context.AfterFunc(ctx, func() { c.Close() })()
	r := bufio.NewReader(c)
	for awaitMessage(ctx, c, r) {
		msg, err := readMessage(r)
		if err == nil {
			_, err = c.Write(frame(shout(msg)))
		}
		if err != nil {
			if ctx.Err() != nil {
				err = fmt.Errorf("cut in the middle of a message: %w", context.Cause(ctx))
			}
			log.Printf("%v: %v", c.RemoteAddr(), err)
			return nil
		}
	}
	return nil
}

// awaitMessage waits for the first byte of the next message on c and
// reports whether it came. It reports false when the client closed c, or
// when the soft stop of ctx's nursery came first: c was idle.
func awaitMessage(ctx context.Context, c net.Conn, r *bufio.Reader) bool {
	var mu sync.Mutex
	idle := true
	defer context.AfterFunc(nursery.Stopping(ctx), func() {
		mu.Lock()
		defer mu.Unlock()
		if idle {
			c.SetReadDeadline(time.Unix(1, 0)) // in the past: Peek returns
		}
	})()
	_, err := r.Peek(1)
	mu.Lock()
	idle = false
	mu.Unlock()
	c.SetReadDeadline(time.Time{}) // the byte may have come with the soft stop
	return err == nil
}

// readMessage reads one message: its length, then its payload.
func readMessage(r io.Reader) ([]byte, error) {
	var size [4]byte
	if _, err := io.ReadFull(r, size[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(size[:])
	if n > maxMessage {
		return nil, fmt.Errorf("message of %d bytes is over the limit of %d", n, maxMessage)
	}
	msg := make([]byte, n)
	_, err := io.ReadFull(r, msg)
	return msg, err
}

// frame returns msg after its length.
func frame(msg []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(msg))), msg...)
}

// shout turns the ASCII letters of msg to upper case, in place.
func shout(msg []byte) []byte {
	for i, b := range msg {
		if 'a' <= b && b <= 'z' {
			msg[i] = b - 'a' + 'A'
		}
	}
	return msg
}
