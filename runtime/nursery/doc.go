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
// returns it as data. Each group of tasks shows where it is: the innermost
// frames of the user's own code, not those of the runtime, the standard
// library or twine. The package runtime/tasktree serves the tree as a live
// web page, as text and as JSON (an http.Handler, mounted like
// net/http/pprof); this package does not import net/http.
//
// # See what a shutdown waits for
//
// A shutdown that does not end is the common way a structured shutdown goes
// wrong: a Ctrl+C that needs a second one, a pod that takes its whole
// termination grace. When a grace runs out while tasks still run, just
// before the hard cancel, Main writes to stderr what it was waiting for: one
// line per group of tasks, with the path of nursery names, the task's
// function, its state and age, the time since the soft stop, and the
// file:line where it is blocked:
//
//	app: grace of 5s ran out; still running:
//	app:   1 × main.consume, stopping, age 2m0s, 5s since the soft stop, at app/queue.go:42
//
// Main does the same at a second Ctrl+C. Any nursery hands the same report,
// an Overdue, to Config.OnOverdue, so the owner of a library's nursery can
// log it its own way. Only a nursery with OnOverdue (and Main's) records when
// each task started with Go began; elsewhere a task's age shows as at most
// its nursery's.
//
// Execution traces (runtime/trace, go tool trace) show each nursery as a
// trace task and each of its tasks as a subtask with a region, named after
// the task's function; a task's ctx carries its trace task. None of this
// costs Go anything beyond one atomic load while no trace is recorded and no
// OnOverdue is set.
package nursery
