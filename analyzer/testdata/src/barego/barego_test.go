package barego

import (
	"testing"
	"testing/synctest"
)

func TestBare(t *testing.T) {
	go work() // want `goroutine .*is never joined`
}

func TestBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		go work() // synctest.Test waits for every goroutine of its bubble
		synctest.Wait()
	})
}
