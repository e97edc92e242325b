package barego

import (
	"testing"
	"testing/synctest"
)

func TestBare(t *testing.T) {
	go func() { t.Log("late") }() // want `goroutine .*is never joined`
	go work()                     // ends on its own and does not use the test
}

func TestBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		go work() // synctest.Test waits for every goroutine of its bubble
		synctest.Wait()
	})
}
