// Package respool hands out resources it destroys when closed. Every
// resource counts in the pool's WaitGroup from the moment it is made, and
// Close waits for the goroutines it starts to destroy the idle ones with a
// defer it sets up before starting any: Close joins them itself, and owes
// its callers nothing.
package respool

import "sync"

// Pool keeps idle resources.
type Pool struct {
	mu      sync.Mutex
	idle    []int
	destroy func(int)
	wg      sync.WaitGroup
	closed  bool
}

// New returns an empty pool.
func New(destroy func(int)) *Pool { return &Pool{destroy: destroy} }

// Put adds a resource; the pool destroys it when closed.
func (p *Pool) Put(r int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.wg.Add(1)
	p.idle = append(p.idle, r)
}

// Close destroys the idle resources, each on a goroutine of its own, and
// waits for them.
func (p *Pool) Close() {
	defer p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.closed = true
	for _, r := range p.idle {
		go p.destroyOne(r)
	}
	p.idle = nil
}

func (p *Pool) destroyOne(r int) {
	p.destroy(r)
	p.wg.Done()
}
