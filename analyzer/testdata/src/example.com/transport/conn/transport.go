// Package conn is a client over a connection its caller opens and
// passes in: its reader ends when the connection is closed, and on its
// way out it shuts the client down, which ends the heartbeater. Closing
// the connection given to Open stops the client as Close does.
package conn

import (
	"bufio"
	"io"
	"sync"
)

type Client struct {
	rwc    io.ReadWriteCloser
	mu     sync.Mutex
	closed bool
	done   chan struct{}
	beats  chan int
}

// Open starts the reader on rwc and the heartbeater.
func Open(rwc io.ReadWriteCloser) (*Client, error) { // want Open:`own\(fresh; starts; owes stop Close result0 for \S+:24 ends with param0 exits stop result0\.rwc, close result0\.done; owes stop Close result0 for \S+:37\)`
	c := &Client{rwc: rwc, done: make(chan struct{}), beats: make(chan int)}
	go c.reader(rwc) // want `goroutine running c.reader is handed on to the caller, but caseNeitherClosed drops it at line \d+`
	if err := c.start(); err != nil {
		return c, err
	}
	return c, nil
}

// Dial opens a client over a connection it was given, as Open does.
func Dial(conn io.ReadWriteCloser) (*Client, error) { // want Dial:`own\(owes stop Close result0 for \S+:24 ends with param0 exits stop result0\.rwc, close result0\.done; owes stop Close result0 for \S+:37\)`
	return Open(conn)
}

func (c *Client) start() error {
	go c.heartbeat(c.done)
	return nil
}

func (c *Client) reader(r io.Reader) {
	br := bufio.NewReader(r)
	for {
		b, err := br.ReadByte()
		if err != nil {
			c.shutdown()
			return
		}
		c.dispatch(b)
	}
}

func (c *Client) dispatch(b byte) {
	select {
	case c.beats <- int(b):
	case <-c.done:
	}
}

func (c *Client) shutdown() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	c.rwc.Close()
	close(c.done)
}

func (c *Client) heartbeat(done chan struct{}) {
	for {
		select {
		case <-c.beats:
		case <-done:
			return
		}
	}
}

// Close shuts the client down.
func (c *Client) Close() error { // want Close:`own\(stop recv\.rwc; close recv\.done; fresh; never fails\)`
	c.shutdown()
	return nil
}

// A Session is a client whose reader does not shut it down on its way
// out: closing the connection ends the reader, and nothing else.
type Session struct {
	done  chan struct{}
	beats chan int
}

func OpenSession(rwc io.ReadWriteCloser) *Session { // want OpenSession:`own\(fresh; starts; owes stop Close result0 for \S+:97\)`
	s := &Session{done: make(chan struct{}), beats: make(chan int)}
	go s.reader(rwc)
	go s.heartbeat() // want `goroutine running s.heartbeat is handed on to the caller, but caseSessionConnectionClosed drops it at line \d+`
	return s
}

func (s *Session) reader(r io.Reader) {
	br := bufio.NewReader(r)
	for {
		if _, err := br.ReadByte(); err != nil {
			return
		}
	}
}

func (s *Session) heartbeat() {
	for {
		select {
		case <-s.beats:
		case <-s.done:
			return
		}
	}
}

func (s *Session) Close() { close(s.done) } // want Close:`own\(close recv\.done\)`

// Disconnect closes the client in the background: the goroutine is the
// stop itself, owed by nobody.
func (c *Client) Disconnect(reason ...string) { // want Disconnect:`own\(starts\)`
	go func() {
		if len(reason) == 0 {
			_ = c.Close()
		} else {
			c.shutdown()
		}
	}()
}

// Restart closes the client in the background, then serves it again: a
// worker of the client's, owed by whoever holds it.
func (c *Client) Restart() { // want Restart:`own\(starts; owes stop Close recv for \S+:137 exits stop recv\.rwc, close recv\.done\)`
	go func() { // want `goroutine is handed on to the caller, but caseRestarted drops it`
		c.shutdown()
		c.heartbeat(c.done)
	}()
}
