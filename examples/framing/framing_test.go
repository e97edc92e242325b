package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twine-go/twine/internal/leaktest"
	"github.com/twine-go/twine/runtime/nursery"
)

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main() // the test binary is the program: see program_test.go
	}
	log.SetOutput(io.Discard) // the server logs every client's problems
	os.Exit(m.Run())
}

// checkLeaks makes t fail, at its end, if goroutines or nurseries outlive
// it. Goroutines that are ending (closers run by context.AfterFunc, the
// copiers of os/exec) may need a moment: it polls, with a bound.
func checkLeaks(t *testing.T) {
	leaktest.Check(t)
	t.Cleanup(func() { // runs first: the nurseries must be gone already
		if len(nursery.Snapshot()) > 0 {
			var tree strings.Builder
			nursery.WriteTree(&tree)
			t.Errorf("nurseries left open:\n%s", tree.String())
		}
	})
}

// startServer runs the server on a loopback port, in a nursery of its own
// that the test may shut down. At the end of the test the nursery is
// cancelled and waited for.
func startServer(t *testing.T) (*nursery.Nursery, string) {
	checkLeaks(t)
	n := nursery.New(context.Background())
	addr, err := listen(n, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		n.Cancel(nil)
		if err := n.Wait(); err != nil {
			t.Errorf("server: %v", err)
		}
	})
	return n, addr.String()
}

// client is a test's connection to the server. Its methods return errors so
// that they can run in any goroutine.
type client struct{ net.Conn }

// dial connects to addr; the test closes the connection at its end.
func dial(t *testing.T, addr string) client {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(time.Minute)) // against hanging, not a measurement
	return client{c}
}

// exchange sends msg and checks the reply.
func (c client) exchange(msg []byte) error {
	if _, err := c.Write(frame(msg)); err != nil {
		return err
	}
	return c.expectReply(msg)
}

// expectReply reads a reply and checks that it answers msg.
func (c client) expectReply(msg []byte) error {
	reply, err := readMessage(c)
	if err != nil {
		return fmt.Errorf("reply to a message of %d bytes: %w", len(msg), err)
	}
	if want := shout(bytes.Clone(msg)); !bytes.Equal(reply, want) {
		return fmt.Errorf("reply to %.40q... is %.40q..., want %.40q...", msg, reply, want)
	}
	return nil
}

// begin exchanges a message, and in the same write sends the first part
// (head bytes) of msg, the rest of which it returns. When the reply comes,
// the server holds the part: it is in the middle of msg. (A small write
// reaches the server as one segment on loopback, and its buffered reader
// takes the segment whole.)
func (c client) begin(msg []byte, head int) ([]byte, error) {
	hello := []byte("hello")
	whole := frame(msg)
	if len(frame(hello))+head > 4096 { // bufio's default size
		return nil, fmt.Errorf("begin: %d bytes are too many for one read", head)
	}
	if _, err := c.Write(append(frame(hello), whole[:head]...)); err != nil {
		return nil, err
	}
	return whole[head:], c.expectReply(hello)
}

// expectClosed checks that the server closes the connection without a
// reply.
func (c client) expectClosed() error {
	reply, err := readMessage(c)
	switch {
	case err == nil:
		return fmt.Errorf("got a reply of %d bytes, want the connection closed", len(reply))
	case errors.Is(err, io.EOF), errors.Is(err, syscall.ECONNRESET):
		return nil
	}
	return fmt.Errorf("want the connection closed, got %w", err)
}

// expectOpen checks that the connection is still open: a read waits.
func (c client) expectOpen() error {
	c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	defer c.SetReadDeadline(time.Now().Add(time.Minute))
	var b [1]byte
	if _, err := c.Read(b[:]); !errors.Is(err, os.ErrDeadlineExceeded) {
		return fmt.Errorf("read on a connection that should be open and silent: %v", err)
	}
	return nil
}

// payload returns a message of size bytes with letters of both cases and
// other bytes.
func payload(size int) []byte {
	return bytes.Repeat([]byte("abcXYZ\x00\xff19 z"), size/11+1)[:size]
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestReplies(t *testing.T) {
	_, addr := startServer(t)
	c := dial(t, addr)
	for _, size := range []int{0, 1, 5, 4095, 4096, 70_000, maxMessage} {
		check(t, c.exchange(payload(size)))
	}
}

func TestPipelinedMessages(t *testing.T) {
	_, addr := startServer(t)
	c := dial(t, addr)
	var all []byte
	for i := range 100 {
		all = append(all, frame(payload(i))...)
	}
	_, err := c.Write(all) // all at once: the server finds them in its buffer
	check(t, err)
	for i := range 100 {
		check(t, c.expectReply(payload(i)))
	}
}

func TestManyClients(t *testing.T) {
	_, addr := startServer(t)
	conns := make([]client, 64)
	for i := range conns {
		conns[i] = dial(t, addr)
	}
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		for i, c := range conns {
			n.Go(func(ctx context.Context) error {
				for j := range 20 {
					if err := c.exchange(payload((i*7919 + j*104729) % 20_000)); err != nil {
						return fmt.Errorf("client %d, message %d: %w", i, j, err)
					}
				}
				return nil
			})
		}
		return nil
	})
	check(t, err)
}

func TestBadClients(t *testing.T) {
	_, addr := startServer(t)
	tooLong := dial(t, addr)
	_, err := tooLong.Write(frame(payload(maxMessage + 1))[:4]) // the length is enough
	check(t, err)
	check(t, tooLong.expectClosed())

	gone := dial(t, addr)
	_, err = gone.Write(frame(payload(100))[:50])
	check(t, err)
	gone.Close() // in the middle of a message

	check(t, dial(t, addr).exchange(payload(100))) // the server still serves
}

// TestShutdownMidMessage: at the soft stop the server stops accepting,
// closes idle connections at once, and finishes the messages in progress
// (replies included) before it closes their connections.
func TestShutdownMidMessage(t *testing.T) {
	n, addr := startServer(t)
	idle := []client{dial(t, addr), dial(t, addr)}
	for _, c := range idle {
		check(t, c.exchange([]byte("idle between messages")))
	}
	busy := []struct {
		c    client
		msg  []byte
		head int // bytes of the message sent before the soft stop
	}{
		{dial(t, addr), payload(1000), 2},                         // in the length
		{dial(t, addr), payload(1000), 4},                         // between length and payload
		{dial(t, addr), payload(1000), 500},                       // in the payload
		{dial(t, addr), payload(maxMessage), 100},                 // the reply is long to write
		{dial(t, addr), payload(3000), len(frame(payload(3000)))}, // whole
	}
	rest := make([][]byte, len(busy))
	for i, b := range busy {
		var err error
		rest[i], err = b.c.begin(b.msg, b.head)
		check(t, err)
	}

	n.Shutdown(time.Hour) // the soft stop; no hard cancel while the test runs
	for _, c := range idle {
		check(t, c.expectClosed())
	}
	for i := 0; ; i++ { // the listener closes too, a moment later
		c, err := net.Dial("tcp", addr)
		if err != nil {
			break
		}
		c.Close()
		if i == 5000 {
			t.Fatal("the listener still accepts connections after the soft stop")
		}
		time.Sleep(time.Millisecond)
	}
	// The messages in progress are still in progress: finish them.
	for i, b := range busy {
		_, err := b.c.Write(rest[i])
		check(t, err)
		check(t, b.c.expectReply(b.msg))
		check(t, b.c.expectClosed())
	}
	check(t, n.Wait())
}

// TestStalledClient: a client that stalls in the middle of a message keeps
// its connection through the soft stop, while the others finish theirs, and
// loses it when the grace runs out.
func TestStalledClient(t *testing.T) {
	n, addr := startServer(t)
	idle, busy, stalled := dial(t, addr), dial(t, addr), dial(t, addr)
	check(t, idle.exchange([]byte("idle")))
	msg := payload(2000)
	rest, err := busy.begin(msg, 1000)
	check(t, err)
	_, err = stalled.begin(payload(2000), 1000)
	check(t, err)

	n.Shutdown(time.Hour)
	check(t, idle.expectClosed())
	_, err = busy.Write(rest)
	check(t, err)
	check(t, busy.expectReply(msg))
	check(t, busy.expectClosed())
	check(t, stalled.expectOpen())

	n.Shutdown(time.Millisecond) // shortens the grace, which then runs out
	check(t, stalled.expectClosed())
	check(t, n.Wait())
}
