// Package nursery makes goroutines belong to scopes.
//
// A nursery owns the goroutines started in it (its tasks) and does not end
// before every one of them has returned:
//
//	err := nursery.Run(ctx, func(n *nursery.Nursery) error {
//		for _, url := range urls {
//			n.Go(func(ctx context.Context) error { return fetch(ctx, url) })
//		}
//		return nil
//	}) // every fetch has returned here
//
// The first failure cancels the nursery's context, with that failure as its
// context.Cause, and Run returns every failure, joined, first failure first.
// A panicking task cancels the nursery at once and Run re-panics with a
// *PanicError that carries the task's stack. Config sets a limit on tasks
// running at once (TryGo starts a task only if a slot is free), a grace
// period, and supervision (failures do not cancel siblings).
//
// # Two-phase shutdown
//
// Shutdown (and Close, and Main's first signal) stops a nursery in two
// phases: first Stopping(ctx) becomes done in every task, which should stop
// taking new work and finish what it holds; then, when the grace period runs
// out or as soon as every task has returned, the task context is cancelled.
// Nurseries nested in a task's context see the soft stop and apply their own
// grace, never outlasting the outer hard cancel. A context detached with
// context.WithoutCancel carries neither phase: a cleanup started under it
// during a graceful shutdown runs to its end.
//
// # Servers
//
// Package runtime/httptask runs an *http.Server as a task: listening before
// its Start returns, handlers under the task's context, Shutdown at the soft
// stop, Close at the hard cancel.
//
// # Owned nurseries
//
// New makes a nursery owned by a value rather than a block, such as a
// connection that owns its keepalive task; the owner must Close it.
//
// # Programs
//
// Main runs a program's root nursery and turns SIGINT and SIGTERM into a
// graceful shutdown, a hard cancel, and an immediate exit.
//
// # Visibility
//
// Every task goroutine carries the pprof labels "nursery", "nursery_id" and
// "task". WriteTree prints the live tree of nurseries and tasks; Snapshot
// returns it as data.
package nursery
