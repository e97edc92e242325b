// Package pool keeps connections: in its Pool's map and in a package
// cache. What it keeps, it closes; what it hands out fresh, the caller
// closes.
package pool

import "sync"

// Conn is a connection with a reader goroutine.
type Conn struct {
	id   int
	quit chan struct{}
}

func (c *Conn) read() { <-c.quit }

// Open starts the reader.
func (c *Conn) Open() {
	c.quit = make(chan struct{})
	go c.read()
}

// Close stops the reader.
func (c *Conn) Close() { close(c.quit) }

// ID is the connection's id.
func (c *Conn) ID() int { return c.id }

// Dial returns a new open connection: the caller's to close.
func Dial(id int) *Conn {
	c := &Conn{id: id}
	c.Open()
	return c
}

// Pool keeps connections by id.
type Pool struct {
	mu    sync.Mutex
	conns map[int]*Conn
}

// Get returns the pool's connection, opened: the pool closes it.
func (p *Pool) Get(id int) *Conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.conns[id]
	c.Open()
	return c
}

// Close closes every connection.
func (p *Pool) Close() {
	for _, c := range p.conns {
		c.Close()
	}
}

var cache sync.Map

// Cached returns the process-wide connection for id, made once.
func Cached(id int) *Conn {
	if c, ok := cache.Load(id); ok {
		return c.(*Conn)
	}
	c := &Conn{id: id}
	c.Open()
	cache.Store(id, c)
	return c
}
