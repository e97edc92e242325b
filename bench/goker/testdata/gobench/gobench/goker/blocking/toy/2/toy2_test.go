// Package toy2 is a kernel written for goker's own test: a worker whose
// result no one receives, and a test goroutine that blocks for ever too.
package toy2

import "testing"

func TestToy2(t *testing.T) {
	results := make(chan int)
	go func() { results <- 1 }() // leaks: no one receives
	<-make(chan struct{})        // the test goroutine blocks for ever
}
