package ownership

import "context"

// --- Goroutines started in a loop, each sending once into one buffer ---

type waiter interface {
	Wait(ctx context.Context) error
}

func doJob(ctx context.Context, i int) error { return nil }

// A buffer of 8 for a goroutine per job: past the eighth, a send blocks
// once the first result has been taken.
func firstOfJobs(ctx context.Context, jobs []int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	res := make(chan error, 8)
	for _, j := range jobs {
		go func() { res <- doJob(ctx, j) }() // want `goroutine is not joined on every path: the return at line 26 skips receiving from res`
	}
	select {
	case err := <-res:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Room for one result per strategy: each ends on the cancel, then finds
// room for its send.
func firstOfAll(ctx context.Context, ws []waiter) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	res := make(chan error, len(ws))
	for _, w := range ws {
		go func() { res <- w.Wait(ctx) }()
	}
	select {
	case err := <-res:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func firstOfN(ctx context.Context, n int) error {
	res := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() { res <- doJob(ctx, i) }()
	}
	return <-res
}

func firstOfThree(ctx context.Context) error {
	res := make(chan error, 3)
	for i := range 3 {
		go func() { res <- doJob(ctx, i) }()
	}
	return <-res
}

func firstOfFour(ctx context.Context) error {
	res := make(chan error, 3)
	for i := range 4 {
		go func() { res <- doJob(ctx, i) }() // want `goroutine is not joined on every path: the return at line 68 skips receiving from res`
	}
	return <-res
}

// A channel per round: the loop does not share it.
func eachOwnBuffer(ctx context.Context, jobs []int) error {
	for _, j := range jobs {
		res := make(chan error, 1)
		go func() { res <- doJob(ctx, j) }()
		select {
		case err := <-res:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// One attempt in flight at a time: each round waits for its result or
// leaves, so the buffers of one are never shared.
func retryAttempts(ctx context.Context, pick func() (func(context.Context) (int, error), error), keepTrying func(error) bool) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan int, 1)
	errs := make(chan error, 1)
	for i := 1; ; i++ {
		go func() {
			call, err := pick()
			if err != nil {
				errs <- err
				return
			}
			v, err := call(ctx)
			if err != nil {
				errs <- err
				return
			}
			results <- v
		}()
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case v := <-results:
			return v, nil
		case err := <-errs:
			if !keepTrying(err) || i > 10 {
				return 0, err
			}
		}
	}
}

// A round that may go on by a tick without taking the result: attempts
// pile up behind the one slot.
func pingEachTick(tick <-chan int, quit <-chan struct{}, ping func() error) error {
	errs := make(chan error, 1)
	for {
		select {
		case <-quit:
			return nil
		case <-tick:
			go func() { errs <- ping() }() // want `goroutine is not joined on every path`
		case err := <-errs:
			return err
		}
	}
}

// A buffer sized for the goroutines of a list built above, and as many
// receives: every result is taken.
func confirmAll(waits []func() bool, check func(ok bool, tags ...int)) {
	acks := make(chan bool, 4)
	for _, w := range waits {
		go func() { acks <- w() }()
	}
	check(<-acks, 2)
	check(<-acks, 1)
	check(<-acks, 3, 4)
	check(<-acks, 3, 4)
}

type readier interface {
	Ready(ctx context.Context) error
}

// Nothing started, nothing to wait for; otherwise the first result. Each
// goroutine's wait ends with the deferred cancel, and its send finds room.
func firstReady(ctx context.Context, rs []readier) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	res := make(chan error, len(rs))
	started := 0
	for _, w := range rs {
		if w == nil {
			continue
		}
		started++
		go func() { res <- w.Ready(ctx) }()
	}
	if started == 0 {
		return nil
	}
	return <-res
}

// Cancelled on one path only: a goroutine still waiting when the
// function leaves by the other runs on.
func firstReadyLeft(rs []readier, skip bool) error {
	ctx, cancel := context.WithCancel(context.Background())
	res := make(chan error, len(rs))
	for _, w := range rs {
		go func() { res <- w.Ready(ctx) }() // want `goroutine is not joined on every path`
	}
	if skip {
		return nil
	}
	err := <-res
	cancel()
	return err
}
