package condshared

import "testing"

// The Cond's Locker is c.mu, which hold keeps while it waits on a
// channel: the goroutine may wait for it for ever.
func TestCount(t *testing.T) {
	c, ch := newCounter(), make(chan int)
	go c.add() // want `goroutine running c.add is never joined`
	c.add()
	close(ch)
	c.hold(ch)
}
