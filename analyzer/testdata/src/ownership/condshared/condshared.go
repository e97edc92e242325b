// Package condshared has a sync.Cond over a mutex of a counter: a wait
// through the Cond's Locker may hold the counter's mutex for ever.
package condshared

import "sync"

type counter struct {
	mu   sync.Mutex
	n    int
	cond *sync.Cond
}

func newCounter() *counter {
	c := &counter{}
	c.cond = sync.NewCond(&c.mu)
	return c
}

func (c *counter) add() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

// hold waits on a channel while holding the Cond's Locker: c.mu.
func (c *counter) hold(ch chan int) {
	c.cond.L.Lock()
	<-ch
	c.cond.L.Unlock()
}
