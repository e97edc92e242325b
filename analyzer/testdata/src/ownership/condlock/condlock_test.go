package condlock

import "testing"

// A goroutine whose one wait is c.mu, which every function releases at
// once: in a test, it ends on its own, whatever the queue's Cond holds.
func TestCount(t *testing.T) {
	c, q := &counter{}, newQueue()
	go c.add()
	c.add()
	q.put(1)
}
