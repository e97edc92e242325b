package nursery

import "context"

// Stopping returns the soft-stop context of the innermost nursery ctx belongs
// to (a task's ctx, a nursery's Context, or a context derived from them). It
// is done when that nursery is shut down gracefully (Shutdown, Close, Main's
// first signal, or the soft stop of an enclosing nursery) and, at the latest,
// at its hard cancel. Its context.Cause says why.
//
// A task that holds work in progress waits on Stopping(ctx).Done() to stop
// taking new work and on ctx.Done() to abandon what it holds:
//
//	for {
//		select {
//		case <-nursery.Stopping(ctx).Done():
//			return nil // finish: nothing is in progress
//		case job := <-jobs:
//			handle(ctx, job) // ctx is cancelled only when the grace runs out
//		}
//	}
//
// The result does not include cancellations of ctx's own making (a
// WithTimeout wrapped around a task's ctx): wait on ctx.Done() for those. For
// a ctx that belongs to no nursery, Stopping returns ctx itself: without a
// nursery there is no soft stop, only the cancellation.
func Stopping(ctx context.Context) context.Context {
	if n, _ := ctx.Value(nurseryKey{}).(*Nursery); n != nil {
		return n.stop
	}
	return ctx
}
