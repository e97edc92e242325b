// Package analyzer defines the twine analysis pass, which finds concurrency
// that escapes structure: goroutines nobody joins, nursery contexts and
// scopes that outlive their block, child processes nobody waits for.
//
// # Analyzer twine
//
// twine: report concurrency that escapes structure
//
// Every goroutine and every child process should belong to a scope that
// waits for it: a nursery (github.com/twine-go/twine/runtime/nursery), a
// sync.WaitGroup, an errgroup.Group, a done channel. The twine pass reports
// the places where that is not so. Each report has a category, the name of
// its rule; each rule has a flag of the same name that turns it off
// (-barego=false). Under go vet the flags are prefixed: -twine.barego=false.
//
// The pass never reports inside twine's own runtime packages, nor in
// generated files. It reads test files when its driver does (-test).
//
// # barego: goroutines that are not joined
//
// A go statement whose goroutine is not joined on every path before the
// spawning function returns:
//
//	func serve(l net.Listener) error {
//		for {
//			c, err := l.Accept()
//			if err != nil {
//				return err
//			}
//			go handle(c) // goroutine is never joined
//		}
//	}
//
//	func fetch(urls []string) error {
//		var wg sync.WaitGroup
//		wg.Add(1)
//		go func() { defer wg.Done(); get(urls[0]) }() // not joined on every path
//		if len(urls) > 1 {
//			return errTooMany // skips wg.Wait()
//		}
//		wg.Wait()
//		return nil
//	}
//
// Instead, run it in a nursery, which waits for its tasks:
//
//	return nursery.Run(ctx, func(n *nursery.Nursery) error {
//		for {
//			c, err := l.Accept()
//			if err != nil {
//				return err
//			}
//			n.Go(func(ctx context.Context) error { return handle(ctx, c) })
//		}
//	})
//
// or wait for it on every path: defer wg.Wait() right after the first Add.
//
// A goroutine counts as joined when, on every path after the go statement,
// the function waits on a sync.WaitGroup the goroutine is counted in
// (wg.Add before it, wg.Done or &wg in it; also a deferred or t.Cleanup'd
// Wait, or a Wait inside another goroutine that is itself joined); receives
// from a channel the goroutine closes or sends on (<-done, for range ch, a
// loop that receives, the case of a select that receives); sends, outside a
// select, on an unbuffered channel of its own that the goroutine receives
// from just before it returns (a watchdog released by ch <- true: the send
// completes only once it has received); or stops the value the goroutine
// works on (srv.Shutdown for go srv.Serve(l), c.Close for a goroutine
// reading from c). The goroutines of wg.Go and errgroup's g.Go are joined
// only by the group's Wait: a group that is a variable of the function (not
// a field or a parameter, not handed on) must be waited for on every path
// after g.Go, as a go statement's WaitGroup is. A select that returns from
// another case (<-ctx.Done(), a timeout) leaves the goroutine blocked on
// its send for ever and is reported, unless the channel is buffered
// (make(chan T, 1)): the buffer takes the send, and the goroutine ends on
// its own, or every send of the goroutine sits in a select beside a receive
// from a channel the function closes in a defer (defer close(returned)).
// Likewise when every send of the goroutine sits in a select beside
// <-ctx.Done() and the spawner's select leaves only by its channels or by
// that same ctx.Done(): the goroutine gives up its send and ends.
// Goroutines started in a loop, each sending on an unbuffered channel, are
// not joined by a loop that receives from it but returns on the first error
// it receives (the others then block for ever; a channel made with a
// capacity, make(chan error, len(urls)), takes all their sends). A
// goroutine that runs a function literal kept in a local variable (go
// acceptOne(x), after acceptOne := func(...) {...}) is judged by that
// literal, unless the variable is ever assigned anything else.
//
// Ownership handed on is not reported: the goroutine is counted in a
// WaitGroup, or signals a channel, that lives outside the function (a
// field, a parameter, a global: go p.worker() after p.wg.Add(1); a variable
// of an enclosing function, which must then join it somewhere); it works on
// a value with a Close, Shutdown or Stop method that the function does not
// own (its receiver, a parameter); or the function hands its join on
// (returns the channel the goroutine closes, as a generator does; stores it
// in a struct). A value whose type, declared in the package, has only an
// unexported stop, close or shutdown (a test server's stop) is an owner in
// the same way when it is the receiver or a parameter, or when the function
// returns or stores it; calling that stop is not counted as waiting (a
// deferred cluster.shutdown() ends pullers that then still log on t), and
// passing the value to a call does not hand it on. Nor is a goroutine
// started in a testing/synctest bubble, which waits for it, nor in a
// function that never returns (select {} at the end of main). A function
// that can return, but not after the go statement (a test whose every path
// from there ends in t.Fatal), must have joined the goroutine before each
// of those ends. Everything else is reported, in main and init too: a
// goroutine that runs until the process exits is cut off mid-work instead
// of shut down; nursery.Main gives it a graceful end.
//
// The fix, offered when a *nursery.Nursery is open at the go statement
// (the parameter of a nursery.Run body, the nursery of the task the
// statement runs in, a nursery the function made with New), hands the
// goroutine to it, binding the arguments first so that they are evaluated
// where the go statement evaluated them:
//
//	go handle(conns[i])            {
//	                           =>      conn := conns[i]
//	                                   n.Go(func(context.Context) error {
//	                                       handle(conn)
//	                                       return nil
//	                                   })
//	                               }
//
// What barego cannot see: time.AfterFunc callbacks run on goroutines of
// their own but are not go statements, and are not reported; nor are
// goroutines that send on one channel, started in a loop or by two go
// statements, when the function receives from it only once (the first
// answer of many, the primary of two dialing racers). A goroutine joined
// through another package's wrapper of a channel (grpc's grpcsync.Event,
// fired by the goroutine and waited on with <-ev.Done()), through a value
// made from a connection the function closes (a frame reader on
// http2.NewFramer(conn, conn), with defer conn.Close()), or whose last act
// is closing a pipe the function reads to EOF, is reported although it is
// joined: document it with //twine:detached.
//
// With -strict, barego reports every go statement outside the runtime,
// joined or not.
//
// # ctxescape: a nursery's context outliving the nursery
//
// A nursery's context is cancelled when the nursery ends. The context of a
// task (the ctx parameter of a function given to n.Go or n.Start, or of a
// function annotated //twine:bundle), n.Context() of a nursery.Run body,
// and n.Context() of a nursery the function closes itself, are reported
// when they are stored in a field, a global or a variable declared outside
// the task or block (s.ctx, s.cancel = context.WithCancel(ctx) too),
// returned from it, sent on a channel, or used by a goroutine that is not
// joined or by a time.AfterFunc callback, which runs later on a goroutine
// of its own. Contexts derived from them (WithCancel, WithTimeout,
// WithValue, nursery.Stopping) and structs or closures that hold them count
// too:
//
//	n.Go(func(ctx context.Context) error {
//		s.ctx = ctx // outlives the task: later users get a cancelled context
//		return nil
//	})
//
// Passing the context down a call is what it is for, and is never reported.
//
// # ctxdetach: detaching from the context in scope
//
// context.Background(), context.TODO() and context.WithoutCancel(x) where a
// variable of type context.Context is in scope (a parameter or local of
// the function or of one around it, not a named result), or, for
// Background and TODO, where none is but an *http.Request is (an HTTP
// handler's r, whose r.Context() is done when the client goes away): the
// work no longer stops when the caller gives up.
//
//	func (s *Store) Get(ctx context.Context, k string) (string, error) {
//		return s.db.QueryContext(context.Background(), q, k) // pass ctx
//	}
//
// The fix replaces Background() or TODO() with the context in scope (when
// there is one, or one named ctx), or with r.Context(), and WithoutCancel(x)
// with x.
//
// Not reported: directly in main and init, where root contexts come from;
// at a test's top level (the body of a Test, Benchmark, Fuzz or Example
// function, of a test method that a suite runner finds by reflection — a
// method in a _test.go file named like a test, taking a lone *testing.T
// or nothing, as grpc's grpctest and testify's suite run them — and of
// the t.Run subtests, f.Fuzz targets and synctest bubbles it runs); in a
// _test.go file, a Background or TODO given a deadline of its own at once
// (context.WithTimeout(context.Background(), d), a test's short probe that
// cannot hang it); a Background or TODO that gives a nil context its value
// (inside `if ctx == nil`, or assigned to a `var ctx context.Context`), or
// gives a new root to a variable that held context.Background() when
// every context in scope is such a root (ctx := context.Background(); if d
// > 0 { ctx, cancel = context.WithTimeout(context.Background(), d) }); a
// comparison with Background(); a context read only for its values, never
// for its cancellation (pprof.SetGoroutineLabels(context.Background())
// clears the profiler labels; runtime/trace's Log, Logf, StartRegion and
// WithRegion); and a detached context made once the
// context in scope is done (after <-ctx.Done(), in a select case on it,
// under `if ctx.Err() != nil`, in a context.AfterFunc callback), which is
// how a graceful shutdown gets a deadline of its own. A deliberate
// detachment is documented with //twine:detached <reason>.
//
// # scopeleak: scopes that are not closed
//
// A nursery from nursery.New or Config.New, a typed bundle from its
// generated constructor, or any value from a constructor that returns an
// owner of such a nursery (a connection that owns its keepalive task),
// that is not closed on every path and not handed on:
//
//	n := nursery.New(ctx)
//	n.Go(keepalive)
//	if err := handshake(); err != nil {
//		return err // leaves n open with its tasks running
//	}
//	return n.Close()
//
// Instead: defer n.Close() right after New, or use nursery.Run for a
// nursery that lives in one block. Closing means Close or Wait (Shutdown
// alone does not wait); handing on means returning it, storing it in a
// field, map, slice or global, passing it to a function (other than
// twine's runtime: proc.Start(n, cmd) does not take n over), or capturing
// it in a closure that does one of these. When a constructor returns (T,
// error), the path where err != nil has nothing to close. A nursery stored
// in a field of a type of this package that has no Close, Shutdown, Stop
// or Wait method, and whose field nothing ever closes, is reported where
// it is stored. Constructors are recognised across packages: the pass
// exports a fact for every function that returns a fresh scope without
// closing it, with the methods that close it.
//
// The *Nursery of a nursery.Run (or Main) body is closed when the body
// returns: storing it in a field or a variable outside the body, sending
// it, or using it from a goroutine that is not joined, is reported too
// (later n.Go calls would panic).
//
// # procleak: child processes nobody waits for
//
// (*exec.Cmd).Start on a command kept in a local variable that is not
// waited for (cmd.Wait, cmd.Process.Wait, or Release to let it go on
// purpose) on every path and not handed on (returned, stored, passed to a
// function such as proc.Start or a helper that waits): the child is never
// reaped and may outlive the function. A path where Start returned an
// error has nothing to wait for. Killing the process is not waiting for
// it.
//
//	cmd := exec.Command("worker")
//	if err := cmd.Start(); err != nil {
//		return err
//	}
//	return feed(cmd) // a failing feed leaves the child running: defer cmd.Wait()
//
// proc.Start(n, cmd) ties the process to a nursery instead.
//
// # spawns: calls that spawn behind a task's back
//
// Inside a nursery task (a function literal given to n.Go or n.Start, the
// body of nursery.Run or Main, a function annotated //twine:bundle), a call
// to a function that starts a goroutine that outlives it, directly or
// through the functions it calls, in any package but the standard library:
//
//	n.Go(func(ctx context.Context) error {
//		metrics.StartFlusher() // its goroutine escapes the nursery
//		return serve(ctx)
//	})
//
// The pass records, as a fact exported to the packages that import it,
// each function with a go statement barego would report (and that
// //twine:detached does not document) and each function that calls one.
// Functions whose goroutines are joined, or owned by a value (counted in a
// field's WaitGroup, as errgroup.Group.Go does), are not recorded; nor,
// yet, a function whose wg.Go or g.Go goroutines outlive it.
//
// # Suppression
//
// A //twine:detached <reason> comment on the line of a report, or alone on
// the line above it, documents that the concurrency there is deliberately
// not structured, and silences the report in every driver (go vet,
// golangci-lint, gopls, twinevet). The reason is required: a directive
// without one is itself reported (category "detached"). golangci-lint's
// //nolint:twine works too, under golangci-lint.
//
// # Flags
//
//	-strict      barego reports every go statement outside the twine runtime
//	-barego      report goroutines that are not joined (default true)
//	-ctxescape   report nursery contexts that outlive their nursery (default true)
//	-ctxdetach   report detaching from a context in scope (default true)
//	-scopeleak   report scopes not closed, Run nurseries escaping (default true)
//	-procleak    report child processes not waited for (default true)
//	-spawns      report calls in tasks that spawn goroutines (default true)
package analyzer
