package misses

import (
	"context"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

// --- ctxescape ---

type session struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (s *session) ping() error { return s.ctx.Err() }

// The session keeps the task's context for later calls: once the task
// returns, every ping fails with context.Canceled.
func openSession(ctx context.Context, s *session) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			s.ctx, s.cancel = context.WithCancel(ctx) // want `the task's context ctx is stored in s.ctx`
			return nil
		})
		return nil
	})
}

type job struct {
	ctx context.Context
	run func(context.Context)
}

// A job queued with the task's context runs after the task is gone.
func enqueue(ctx context.Context, queue chan<- job) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			queue <- job{ctx: ctx, run: func(context.Context) {}} // want `the task's context ctx is sent on the channel queue`
			return nil
		})
		return nil
	})
}

// A timer callback uses the task's context after the task returned.
func scheduleRetry(ctx context.Context, retry func(context.Context)) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			time.AfterFunc(time.Minute, func() { retry(ctx) }) // want `the task's context ctx is used by a time.AfterFunc callback, which runs on a goroutine of its own that nothing joins, so it can outlive its nursery`
			return nil
		})
		return nil
	})
}

// The body's nursery context is handed out of the Run.
func leakRunContext(ctx context.Context) (context.Context, error) {
	var out context.Context
	err := nursery.Run(ctx, func(n *nursery.Nursery) error {
		out = n.Context() // want `the nursery context n.Context\(\) is stored in out, declared outside it`
		return nil
	})
	return out, err
}
