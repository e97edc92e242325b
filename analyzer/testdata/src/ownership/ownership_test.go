package ownership

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// --- A synctest bubble entered through a wrapper waits for its goroutines ---

func bubble(t *testing.T, f func(*testing.T)) { synctest.Test(t, f) }

func TestInBubble(t *testing.T) {
	bubble(t, func(t *testing.T) {
		go func() { time.Sleep(time.Second) }()
		_ = context.Background() // the bubble's top level is the test's
		helperInBubble()
	})
}

// Called only inside bubbles: its goroutines are the bubble's.
func helperInBubble() {
	go func() { time.Sleep(time.Second) }()
}

func TestOutsideBubble(t *testing.T) {
	go func() { time.Sleep(time.Second) }() // want `goroutine is never joined, so it can outlive TestOutsideBubble`
}

// --- t.Fatal paths that skip the join ---

func refresh() error { return nil }
