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
