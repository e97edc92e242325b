package tiny

import "testing"

func TestJoin(t *testing.T) {
	ran := false
	Join(func() { ran = true })
	if !ran {
		t.Fatal("Join returned before its goroutine ran")
	}
}
