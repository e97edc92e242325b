// Package condlock has a sync.Cond over a mutex of its own: locking the
// Cond's Locker cannot take another mutex of the package.
package condlock

import "sync"

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) add() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

type queue struct {
	cond *sync.Cond
	buf  []int
}

func newQueue() *queue {
	return &queue{cond: sync.NewCond(&sync.Mutex{})}
}

// take waits, holding the Cond's own mutex, for something to take.
func (q *queue) take() []int {
	q.cond.L.Lock()
	defer q.cond.L.Unlock()
	for len(q.buf) == 0 {
		q.cond.Wait()
	}
	b := q.buf
	q.buf = nil
	return b
}

func (q *queue) put(x int) {
	q.cond.L.Lock()
	q.buf = append(q.buf, x)
	q.cond.L.Unlock()
	q.cond.Signal()
}
