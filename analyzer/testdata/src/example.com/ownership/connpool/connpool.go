// Package connpool lends connections, at most a number of them at once:
// Get waits on a semaphore for a vacant one, and a connection's Close
// gives its token back, as a pool of database connections does.
package connpool

import "sync"

// Pool lends connections.
type Pool struct {
	Max int

	mu     sync.Mutex
	ch     chan struct{}
	closed bool
}

// Conn is a connection lent by a Pool.
type Conn struct{ p *Pool }

func (p *Pool) lazyInit() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ch == nil {
		p.ch = make(chan struct{}, p.Max)
		for range p.Max {
			p.ch <- struct{}{}
		}
	}
}

// Get waits for a vacant connection.
func (p *Pool) Get() *Conn {
	if p.Max <= 0 {
		return &Conn{p: p}
	}
	p.lazyInit()
	<-p.ch
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		p.ch <- struct{}{} // closed while it waited: give the token back
		return nil
	}
	return &Conn{p: p}
}

// Close gives the connection's token back.
func (c *Conn) Close() {
	if c != nil && c.p.Max > 0 {
		c.p.ch <- struct{}{}
	}
}

// Close closes the pool.
func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed && p.ch != nil {
		p.closed = true
		close(p.ch)
	}
}
