// Package proxy hands out the channel its Stop closes (under a flag, once)
// through an accessor: a watcher of another package.
package proxy

import "sync"

type Proxy struct {
	mu      sync.Mutex
	stopped bool
	in      chan int
	stop    chan struct{}
}

func New(in chan int) *Proxy { return &Proxy{in: in, stop: make(chan struct{})} }

func (p *Proxy) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.stopped {
		p.stopped = true
		close(p.stop)
	}
}

func (p *Proxy) StopChan() <-chan struct{} { return p.stop }

func (p *Proxy) ResultChan() <-chan int { return p.in }
