// Package toy1 is a kernel written for goker's own test, not GoBench's: a worker whose result no one receives, beside a helper the test waits for and one it does not wait for but that ends.
package toy1

import "sync"

import "testing"

func TestToy1(t *testing.T) {
	results := make(chan int)
	go func() { results <- 1 }() // leaks: no one receives
	done := make(chan struct{})
	go func() { close(done) }() // joined: the test receives from done
	<-done
	var mu sync.Mutex
	go func() { mu.Lock(); defer mu.Unlock() }() // not joined, but it ends
}
