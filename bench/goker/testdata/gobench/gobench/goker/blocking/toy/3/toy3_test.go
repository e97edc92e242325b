// Package toy3 is a kernel written for goker's own test: only the test
// goroutine blocks.
package toy3

import "testing"

func TestToy3(t *testing.T) {
	<-make(chan struct{})
}
