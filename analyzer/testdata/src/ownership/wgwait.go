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

// Closing instead of sending: nothing blocks once the group is done.
func waitGroupClosed(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
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
