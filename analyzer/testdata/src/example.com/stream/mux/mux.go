// Package mux multiplexes channels over one connection, as an SSH library
// does: its reader loop closes a channel's request stream when the channel
// is closed, and every stream when the connection ends.
package mux

import (
	"bufio"
	"net"
	"sync"
)

type Request struct{ WantReply bool }

type Conn struct {
	c        net.Conn
	mu       sync.Mutex
	chans    map[byte]*Channel
	next     byte
	global   chan *Request
	incoming chan *Channel
}

type Channel struct {
	id   byte
	conn *Conn
	reqs chan *Request
}

// NewConn starts the reader loop and returns the connection with its
// streams of incoming channels and global requests, closed when c ends.
func NewConn(c net.Conn) (*Conn, <-chan *Channel, <-chan *Request) { // want NewConn:`own\(fresh; starts; owes stop Close result0 for .*\)`
	m := &Conn{c: c, chans: map[byte]*Channel{}, global: make(chan *Request), incoming: make(chan *Channel)}
	go m.loop()
	return m, m.incoming, m.global
}

func (m *Conn) loop() {
	r := bufio.NewReader(m.c)
	for {
		b, err := r.ReadByte()
		if err != nil {
			break
		}
		m.mu.Lock()
		ch := m.chans[b]
		delete(m.chans, b)
		m.mu.Unlock()
		if ch != nil {
			close(ch.reqs)
		}
	}
	m.mu.Lock()
	for id, ch := range m.chans {
		close(ch.reqs)
		delete(m.chans, id)
	}
	m.mu.Unlock()
	close(m.incoming)
	close(m.global)
}

// OpenChannel returns a channel and its stream of requests.
func (m *Conn) OpenChannel() (*Channel, <-chan *Request, error) { // want OpenChannel:`own\(never fails\)`
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next++
	ch := &Channel{id: m.next, conn: m, reqs: make(chan *Request, 16)}
	m.chans[ch.id] = ch
	return ch, ch.reqs, nil
}

// Subscribe returns a stream of requests that nothing of the caller's can
// end.
func (m *Conn) Subscribe() <-chan *Request { return m.global } // want Subscribe:`own\(returns recv\.global\)`

func (ch *Channel) Close() error { // want Close:`own\(blocks\(io recv\.conn\.c\)\)`
	_, err := ch.conn.c.Write([]byte{ch.id})
	return err
}

func (ch *Channel) Write(p []byte) (int, error) { return ch.conn.c.Write(p) } // want Write:`own\(blocks\(io recv\.conn\.c\)\)`

func (m *Conn) Close() error { return m.c.Close() } // want Close:`own\(stop recv\.c\)`

// Discard reads a stream of requests to its end.
func Discard(in <-chan *Request) { // want Discard:`own\(blocks\(recv param0\); recv param0; drain param0\)`
	for range in {
	}
}

// Requests sends every request of the list, one by one, and closes the
// stream after the last: its reader must take them all.
func Requests(list []*Request) <-chan *Request { // want Requests:`own\(starts; owes recv all result0 for .*\)`
	out := make(chan *Request)
	go func() {
		defer close(out)
		for _, r := range list {
			out <- r
		}
	}()
	return out
}
