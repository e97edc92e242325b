package ownership

import "context"

// --- A send taken by a callee's select whose other cases cannot fire here ---

// pollResult waits for a result, a preemption, or the end of ctx.
func pollResult(ctx context.Context, results <-chan int, preempt <-chan struct{}) int {
	select {
	case r := <-results:
		return r
	case <-preempt:
		return -1
	case <-ctx.Done():
		return -2
	}
}

// Given Background and a preemption channel nothing closes, pollResult
// can only take the result.
func pollQuiet() int {
	results := make(chan int)
	preempt := make(chan struct{})
	go func() { results <- 42 }()
	return pollResult(context.Background(), results, preempt)
}

// A preemption that may fire first leaves the sender blocked.
func pollPreempted(stop bool) int {
	results := make(chan int)
	preempt := make(chan struct{})
	if stop {
		close(preempt)
	}
	go func() { results <- 42 }() // want `goroutine is never joined`
	return pollResult(context.Background(), results, preempt)
}

// So does a context the caller may cancel.
func pollCancelled(ctx context.Context) int {
	results := make(chan int)
	go func() { results <- 42 }() // want `goroutine is never joined`
	return pollResult(ctx, results, make(chan struct{}))
}
