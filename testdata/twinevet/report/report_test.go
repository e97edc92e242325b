package report

import "testing"

func TestSpawn(t *testing.T) {
	go wait(t.Context())
}

// wait returns when the test ends, which is after TestSpawn returns.
func wait(ctx interface{ Done() <-chan struct{} }) { <-ctx.Done() }
