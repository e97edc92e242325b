package ownership

import (
	"sync"
	"time"
)

// --- A goroutine that waits for a group is not counted in it ---

// The send after Wait blocks once the select has timed out.
func waitGroupFor(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() { // want `goroutine is not joined on every path: the return at line 19 skips receiving from done`
		wg.Wait()
		done <- struct{}{}
	}()
	select {
	case <-time.After(d):
		return false
	case <-done:
		return true
	}
}

// Closing instead of sending: once the select has timed out, the waiter
// still waits for the caller's group, which nobody waits for it.
func waitGroupClosed(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() { // want `goroutine is not joined on every path: the return at line 35 skips receiving from done`
		wg.Wait()
		close(done)
	}()
	select {
	case <-time.After(d):
		return false
	case <-done:
		return true
	}
}

// Waiting for the group itself where the select timed out joins the
// waiter too: it ends as the group does.
func waitGroupOrWait(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-time.After(d):
		wg.Wait()
	case <-done:
	}
}

type waitingPool struct{ wg sync.WaitGroup }

// A group in a field, given up on after a timeout: the waiter is left.
func (p *waitingPool) stopFor(d time.Duration) bool {
	done := make(chan struct{})
	go func() { // want `goroutine is not joined on every path: the return at line 69 skips receiving from done`
		defer close(done)
		p.wg.Wait()
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}
