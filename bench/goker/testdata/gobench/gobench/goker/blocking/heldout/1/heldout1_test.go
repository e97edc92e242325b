// Package heldout1 stands for a kernel the labels do not name: goker must
// not copy or run it. If it did, twine would report its go statement
// outside every labelled kernel, and the run would fail.
package heldout1

import "testing"

func TestHeldOut1(t *testing.T) {
	results := make(chan int)
	go func() { results <- 1 }()
}
