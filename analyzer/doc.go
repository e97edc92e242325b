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
// A go statement whose goroutine is not joined, stopped or handed on
// before the spawning function returns:
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
// Who owns a goroutine. For every go statement the pass asks: when the
// function returns, is the goroutine finished, or certain to finish
// because someone who will act holds it? It reads what the goroutine
// blocks on (a receive, a send, ctx.Done(), a read or accept on a value
// with a Close, or on a reader or decoder made over such a value, an
// endless loop, through the functions it calls and, across packages,
// through facts, also the functions it is given that a package with
// nothing concurrent in it calls, as a panic catcher's Try(f) runs f;
// a wait on a package variable of another package crosses only when
// nothing in that package releases it: func Pause() { <-paused } never
// returns, whoever calls it)
// and what releases each of those blocks. A receive from a
// timer (time.After, a variable that only holds one) ends on its own. A
// local that only ever holds a copy of a field (ctx := p.ctx, taken so
// that a restart that replaces the field does not race) is that field. A
// loop that polls (a ticker's case beside case <-ctx.Done(): return) and
// may also leave on a check of its own (if p.closed() { break }) is
// stopped by releasing its cases: when the goroutine has no other block,
// cancelling ctx stops it, and nothing is stuck when nobody does.
// The goroutine is accepted when, on every path from the go statement to
// a return:
//
//   - the function joins it: waits on a sync.WaitGroup it is counted in
//     (wg.Add before it, wg.Done its last act, every Done it calls, or
//     an unconditional defer wg.Done(), whatever other counts it takes
//     down on the way: a Done at its first sample, with a deferred one
//     only if it never sampled, is a start signal; a function of another
//     package counts down only a group it is given; also a deferred or
//     t.Cleanup'd Wait), receives its last send or the close it does
//     last (<-done, the case of a select that receives), ranges to the
//     close of a channel it sends on more than once (a range that a
//     return, break or other select case can leave early is not a
//     drain; a send in a loop followed by a return, also past calls that
//     cannot block (errCh <- err; wg.Done(); return), or by a break of
//     that loop, is its last; a send it may skip, a case of a select with
//     a default, signals no one on a channel that is not the function's
//     own: select { case b.retry <- n: default: } is no join for the
//     owner of b), receives as many values as it sends when loops of a
//     constant count bound its sends (for range 3 { ch <- v }, then a
//     loop that receives 3 times and cannot be left early, or 3
//     receives in a row; for goroutines a loop of constant count
//     starts, that many times each; a loop bound may be a local given
//     one constant, total := perWorker * workers), or sends, outside a select, on an unbuffered
//     channel it receives from just before it returns;
//   - or stops it: releases every one of its blocks, by closing the
//     channel it waits on, cancelling its context or one it derives from
//     (with the cancel function made beside it, by context.WithCancel and
//     its kin or by any function that returns a context and a cancel
//     function, among other results too (ctx, cancel, opts :=
//     newRPCContext(p); a helper's cancel given to _ leaves its context
//     to its parent), or kept by a function that returns the context and stores
//     its cancel in its receiver's field, ctx, ok, stopped :=
//     s.StartInit(ctx), which s.Stop cancels, across packages too)
//     (also in another field of the same value: s.graceCtx made from
//     s.closeCtx ends when s.closeCancel is called), closing the value it
//     reads from (srv.Shutdown for go srv.Serve(l); close(stop) for a
//     loop whose every exit watches stop). A stop is recognised by its
//     effect, not by its name: a method called Rollback, Unwatch or Done
//     stops the goroutine when what it does (through as many calls as it
//     takes) closes, cancels, sends on or waits for what the goroutine
//     blocks on (a send, on a channel the goroutine receives from as its
//     last act, func (p *pump) flusher() { <-p.quit }, or in a select
//     case that leaves its loop, or ends the function: a watcher's
//     select { case <-ctx.Done(): <-w.stop; case <-w.stop: }, whose
//     owner's Unwatch sends on w.stop, whatever the context; not into a
//     buffer of the spawner's, which does not wait for the goroutine to
//     take the value; one send per goroutine when a loop starts them.
//     A goroutine handed on with what it blocks on goes with what
//     releases every block, when one thing does: w.stop there, not ctx,
//     after whose end it still waits on w.stop); a Close that touches
//     none of it stops nothing; a command's Wait, or a Start that fails,
//     closes its pipes; a call of
//     a local that only ever holds a function literal does what the
//     literal does (stop := func() { once.Do(func() { close(done) }) }),
//     and returning it hands on what the literal does, as return func() {
//     cancel() } does,
//     a value a function returns twice (return r, r: the scope, and the
//     io.Closer that stops it) is stopped through either (s, closer :=
//     OpenRoot(d); defer closer.Close()), also by a stop function a helper
//     returns that closes the second; a channel taken from a getter that
//     returns a field (errs := s.Errors()) is that field, which the
//     owner's Close may close, and so is a read through such a getter
//     (l.Conn().Read(buf) reads l.c);
//     and so does a cleanup a helper of the package returns beside what it
//     made (w, cleanup := dialWire(t, addr), where the literal closes the
//     connection the helper returned as &wireClient{conn: conn}), also
//     when the literal closes the connection the value's reader was made
//     over (return newWire(a), func() { a.Close(); b.Close() }), but what
//     a wg.Go or g.Go runs is its goroutine's doing, not the
//     call's. Joined on some paths and stopped on the others is enough
//     (case <-done: return beside case <-p.stop: cancel(); return). A
//     wait a timer bounds (case <-t.C: beside case <-b.closeCh: return)
//     is stopped by its other cases, and handed on with them. A wait on
//     a local copy of a field (stopCh := p.stopCh) is a wait on the
//     field, and so is a wait on a field of the goroutine's own copy of
//     a value from outside (recv := it.recv; <-recv.closed), and a wait
//     through a value the spawner makes for the goroutine and keeps to
//     itself, on a field its literal gave a value from outside (kw :=
//     &worker{parent: d}; go kw.dispatch(), sending on kw.parent.errs, is
//     a send on d.errs, the receiver's); a field promoted from an
//     embedded one is that field (s.closing, with *Conn embedded, is
//     s.Conn.closing, which closing the connection the value was made
//     with closes; m.spawn(f), spawn a method of an embedded base, works
//     on m.base); a read through a reader made in place
//     (bufio.NewReader(conn).ReadString) is a read of conn, and an
//     Accept on a listener made in place (s.Serve(tls.NewListener(ln,
//     cfg))) an Accept on ln; a test helper's t.Cleanup that closes b
//     stops what waits on a struct it returns holding b; a value
//     registered with a server (s.lns = append(s.lns, ln)) is stopped
//     by a stop that stops every element (for _, ln := range s.lns {
//     ln.Close() }); a Wait the caller owes is also made by a method
//     that waits on the group (Stop ending with g.Wait()); a close of
//     another form (CloseWithError, CloseNow) releases what waits on its
//     receiver as Close does, though it makes no value owe a stop; a
//     goroutine that calls code whose waits are not known (a function
//     value, a connection whose Accept goes through an interface) ends
//     when a value it is given that closes is closed (go
//     s.ServeConn(conn), then conn.CloseWithError(0, "")); and a wait is
//     released by whatever releases the goroutine started beside it that
//     closes what it waits on (go func() { <-stop; ln.Close() }() beside
//     an accept loop on ln: closing stop ends both), or that stops it as
//     it ends, by a stop deferred at the head of its body, when that
//     goroutine is itself joined, stopped or handed on (go e.run() beside
//     go func() { defer close(doneCh); defer e.stop(); informer.Run(ctx)
//     }(), with doneCh returned: whatever ends the second ends the first,
//     from the point where the second starts), also a goroutine the
//     goroutine starts itself before it waits (a handler that dials up,
//     starts go func() { <-stop; up.Close() }(), then copies from up, ends
//     when stop is closed); a loop's answer to a request waits on no one
//     else (a select case that received from s.reqc and sends on s.respc,
//     when every function of the package that sends on s.reqc receives
//     from s.respc after it, as Call does): Stop, which releases the loop's
//     select, stops it; and a write to os.Stdout or os.Stderr is output,
//     not a wait. A stop ends only what waits on what it stops: a
//     goroutine that is never joined and sleeps for long outside any loop
//     (accepts, then time.Sleep(time.Minute) to hang a handshake) runs
//     that long after defer ln.Close(), and is reported; a sleep under
//     100 ms, or in a loop that checks the stop between sleeps, is not.
//     Nor is a stop a join for what the goroutine writes: a collector
//     that sets a variable of its spawner in a loop the stop ends (for
//     err := range errs { if first == nil { first = err } }), read by
//     the spawner after the stop (close(errs); return first), may not
//     have written it yet, and races with the read: reported, until the
//     spawner waits for the collector's end first. Nor for what it
//     sends: a goroutine stopped by a cancel (defer cancel()) that sends
//     its result on a channel the spawner closes (defer close(errs)) may
//     send after the close, and panic; reported, until the spawner waits
//     for it before closing (a close on the other branch of the if that
//     starts it runs on no path that started it).
//     Nor does a cancel end a loop that looks at its context only on the
//     rounds where a call given that context succeeds: a poller whose
//     round is conn, err := p.acquire(ctx); if err != nil { <-ticker.C;
//     continue }, with its select on ctx.Done() further down, fails that
//     acquire on every round once ctx is cancelled and retries it for
//     ever; it is reported, with the call and the check it never reaches
//     (a retry that watches ctx, or leaves the loop, in that round, and a
//     call not given ctx, are not);
//   - or hands it on: returns or stores the channel, WaitGroup or value
//     the goroutine is joined or stopped by, or the goroutine works on
//     its receiver's, a parameter's or a global's (a bare context or
//     channel parameter is handed on with the obligation to cancel or
//     close it, below), or
//     waits on a value of the function's own that it stored, before the
//     go statement, where the value outlives it (s.clients[name] = c).
//     A channel a goroutine ranges over is not handed on to functions of
//     the package that only keep it in a private field nothing in the
//     package closes (r.register(newObserver(ch)), where the registry
//     only sends on o.ch): the range never ends. A channel a method of a
//     value the function does not own returns (calls, unsubscribe :=
//     t.Subscribe(method)) is that value's storage, as a channel field
//     read directly is: a goroutine ranging over it is handed on with the
//     value; when the method is known to return a field of its receiver
//     (return m.global), only if a method of the receiver's type closes
//     that field. A wait under a test hook that nothing sets (if
//     c.hooks.proceed != nil { <-c.hooks.proceed }, an unexported field no
//     code of the package, with its tests, assigns) never happens. A
//     path that sends a structured logger's fatal event
//     (log.Fatal().Err(err).Msg(...), an *Event begun with Fatal() or
//     Panic()) ends the process there, as log.Fatal does.
//
// Handing on is checked at the other end. The function then owes its
// caller an obligation, exported as a fact: receive from the channel it
// returns, close the channel it returns (a sink) or the stop channel it
// was given and keeps in a value whose goroutine waits on it, wait on the
// WaitGroup it was given, or stop the value it returns or was called on
// (by a method whose effect closes the channel, too). Every
// caller must do it on every path (defer counts; an error result that is
// not nil, or a result that is nil, has nothing to do, also on one side of
// || or &&, and so has a test past its assertion that the error is set,
// require.Error(t, err) or a helper given t and errors.Is(err, x), also
// given the call in place, require.Error(t, s.Start()), when the callee
// hands on only with a nil error; a
// helper of the test's own only when its name says it expects the error,
// assertErr or expectError, not noError, checkErr or failOnError) or hand
// it on again; dropping it (an ignored
// result, a select that leaves by another case, a constructor's return
// nil, err after starting its helpers) is reported at the call, naming
// the go statement it leaks, and at that go statement when it is in the
// same package. A receive in one case of a select discharges it on that
// case's paths only. A goroutine whose last act calls a function the
// caller gave (w.onFault() then return, onFault a parameter of the
// constructor stored in w, called nowhere else) is seen to its end by a
// caller that gives one signalling its own WaitGroup or channel and waits
// for it on every path (start(func() { wg.Done() }); wg.Wait()): it owes
// no stop, which could block once the goroutine is gone. A goroutine that sends on a channel its caller made
// and passed (remove(stop, notify), then select on <-notify and a
// timeout) is owed a receive the same way. A goroutine that ends when
// the context or connection its caller passed is done is not owed more
// by a caller that cancels or closes it on every path: a result channel
// with room for the one result need not be read (errc :=
// s.ServeBackground(ctx) beside defer cancel()), nor is a receive from
// the channel a goroutine closes after a select its own timer ends
// (sleepC(ctx, d) in one case of a select): it ends on its own. Sends in
// branches that each end the goroutine (errc <- err; return twice, then
// connc <- c as its last act) put one value at most in their channel: a
// buffer of one takes it. Only what the caller
// owns is owed: a value it made (a literal, new, a constructor that keeps
// it nowhere else, a field filled by a function of the package that
// returns a literal it makes, &errPool{pool: p.settings()}), not one it
// got from elsewhere, nor one the callee
// keeps (taken from, or stored in, its receiver's fields or a package
// variable: a pool's map, a cache, a list it appends to, a method of its
// own that does either, h.register(l) before l.start(), or a method of
// its receiver that keeps what it returns, srv := s.newServer(addr)). A
// value whose fields hold goroutines of their own is reported once, as
// the value. A value stored in a field of a type of the package that has
// no stop method of its own, where no code of the package stops that
// field or takes it elsewhere (c.wheel = NewWheel() in a Cache with only
// Get), is never stopped: reported at the store; an embedded field's
// stop methods are the holder's (type fake struct{ Queue } has Queue's
// ShutDown). A result assigned to _
// beside a kept error is dropped when the next statement treats an error
// as the failure (if err != nil { t.Fatal(err) }, require.NoError, return
// err); otherwise the call is taken as made for its error. A helper that
// stops what it made before returning it (m.cancel(); <-m.stopped; return
// m) hands nothing on, and t.Cleanup(a.cancel) does at the test's end what
// calling a.cancel does.
//
// What a value owes follows it where the function puts it. Given to a
// constructor of the package that only keeps it in the struct it returns
// (m, err := NewMgr(c)), it goes to m: dropping m drops it, and stopping
// m's field or handing m on discharges it. A method that returns its
// receiver (New().Start()) passes what the receiver owes to its result.
// Put in an element of a slice or map of the function's own (peers[i] =
// New()), it is owed until the container is handed on or its elements
// stopped (for _, p := range peers { p.Close() }). Returned as an
// interface, what a field of the value owes becomes what the interface's
// methods that stop that field owe (h.Close() on an iface.Host whose
// concrete Close stops h.svc). A value printed by a function with a final
// ...any parameter (log.Printf("closing %v", conn)) is not handed on. A
// context the function derived (ctx, cancel := context.WithCancel(p)) is
// not handed on by giving ctx away: only giving cancel away hands on its
// stop.
//
// A goroutine that reaches an endless loop with no way out (for { if
// c.wait() { ... } }), itself or in a function it calls, never ends,
// whoever it is handed on to: closing what the loop waits on only makes
// it spin. (select {} parked on a panic's path is not such a loop.) A
// panic is no way out of a loop: a select whose case panics on a broken
// invariant still ends only by its other cases. A
// wait on a stream opened with a context (st, err := c.Subscribe(ctx);
// st.Recv()) ends when that context does. A Stop that ranges over a
// slice closing each member's quit releases a wait, over the same slice,
// on each member's quit. A goroutine sending once a round in a loop
// counted by a variable nothing assigns after its declaration (for i :=
// 0; i < n; i++ { ch <- v }) is joined by a loop receiving once a round
// for as many; a loop that reads a pipe until a read fails (for { n, err
// := r.Read(buf); ...; if err != nil { return } }) joins the goroutine
// that closes the other end as its last act, as io.ReadAll does. A test
// of a flag nothing assigns that every path to a go statement passes one
// way keeps that outcome on later rounds (for ... { if wantErr { return
// }; go ... }). A spawn hook written as a function literal (RunTask =
// func(ctx, f) { go func() { defer recover(); f() }() }) is its callers',
// through f, as the declared form is; a function given to a spawn helper
// whose every wait is on another value's storage is that value's owner's.
//
// A stop is known by what it does. A send on a channel that a goroutine,
// started once, takes one value from to return stops it as a close does
// (a TearDown sending on a 1-buffered done). A channel an opaque goroutine
// gives a call that may only receive from it (sess.Idle(stop), Idle(stop
// <-chan struct{})) stands for what it waits on, as a context does: closing
// it on the paths that skip the join stops it. A goroutine that waits only
// for a context's end is not joined by stopping the value it then closes
// (go watch(conn), watch doing <-ctx.Done(); conn.Close()): it is handed
// on to the caller, who must cancel the context. Nor one that waits on a
// context and a channel of the spawner's own (select { case
// <-req.Context().Done(): case <-done: }; back.Close()): the deferred
// close(done) stops it on every path, and closing back is not what ends
// it. A request's Context() is a context as a variable holding it is. The context parameter
// of a function literal is its caller's too (a test framework's spec
// context, an interface that is a context.Context, cancelled when the
// spec ends; not a nursery task's, whose goroutines are the task's to
// join), and so is one the literal captures from the declaration around
// it (c.once.Do(func() { go watch(ctx) })). A WaitGroup the spawner
// alone counts down is a gate it opens (release.Add(1); go func() { ...;
// release.Wait() }(); release.Done()). A goroutine that only waits on a
// WaitGroup (go func() { wg.Wait(); close(done) }(), a wait with a
// timeout) is not counted in it: the group is no join handed on to its
// owner, and where the select around <-done gives up, the waiter is left
// (reported), unless the function then waits on the group itself. A wait
// for a token of another package's pool (an unexported chan struct{}
// field its methods both take from and give back to: redigo's Pool.Get)
// is a wait for a peer, as a lock is. A go statement running a function
// of the package that only starts goroutines (go w.start(), start doing
// go w.loop()) ends at once. An unexported WaitGroup field the
// package only adds to and counts down (s.pend.Add(1); go func() { defer
// s.pend.Done() ... }()), never waiting on it nor handing its address
// on, hands its goroutines to nobody: they are reported as never joined.
// So does a local WaitGroup its function only adds to and counts down
// (var wg sync.WaitGroup; wg.Add(n); go func() { defer wg.Done() ... }(),
// and no wg.Wait()): the join its author meant is missing, whatever else
// the goroutine signals on the way.
// A goroutine counted in the group a value keeps and hands out through a
// getter (t.store.WaitGroup().Add(1); go func() { defer
// t.store.WaitGroup().Done() ... }()) is that value's to wait for, in its
// own stop, whatever else it is handed on with. A receive from a local
// channel only ever closed (never sent on, never given away) returns only
// once it is closed: a function whose <-done returns has released a
// goroutine waiting in case <-done: too. A wait on a sync.Cond
// embedded in a gate (for g.busy { g.Wait() }) ends with the Broadcast
// the package makes on a value of that type. Blocking methods of a caller's
// stream bound to a context (Recv on a gRPC ServerStream parameter) wait
// on the caller's value. A receive under for len(ch) > 0, for range
// len(ch) or for i := 0; i < len(ch); i++ takes a value already in the
// buffer. A receive from a channel field that a goroutine of its package
// offers on in every turn of its loop (case q.length <- n:), and closes
// once the loop is done, is answered (a queue's Len()); a wait for the goroutines a WaitGroup counts,
// after a select its owner's close ends, is no hard wait. A goroutine
// that waits (wg.Wait()) for workers of its own, counted in a WaitGroup
// only it uses (wg.Add and go worker(), or wg.Go), waits on what they
// wait on: the stop that releases them ends it too. Workers of a pool
// (for j := range jobs { results <- f(j) }), fed a counted number of jobs
// by the function or a feeder goroutine, with jobs closed, are released
// when the function takes as many results on every path (for range list
// { <-results }); the feeder's sends are taken by the workers. Goroutines
// started once each time round a counted loop, whose last act adds one to
// a counter of the function's own (atomic.AddInt64(&done, 1)), are joined
// by the function's spin until the counter reaches that count. A
// goroutine that only calls a stop method of a value it was given (go
// cc.Close(), or a sleep and then prev.Close()) is that value's stop, not
// handed on with it: stopping the value does not end it. A result
// channel with room for its one send, whose goroutine waits only for the
// package's own work in flight (<-cl.done; ch <- r), may be dropped. The
// one send on a field of a value the sender made itself, made with room
// for it, does not block; nor does a send a deferred recover makes in
// place of the body's final send. A loop over a slice or array literal
// runs as many times as it has elements, and a receive inside arithmetic
// (sum += w * <-ch) counts for a counted join. A value stored in a named
// result the function made is dropped by an error return that returns
// something else (s.pool = NewPool(); return nil, err); a value given,
// before its start, to a method that keeps it, of an owner that is
// returned or stopped (o.attach(s); return o, s.Start()), is the owner's;
// one made by a helper of the package that arranges its stop
// (t.Cleanup(func() { p.client.Close() }); return p) is stopped for the
// helper's callers.
//
// Goroutines gated by a buffered channel used as a semaphore, each giving
// its slot back as its last act (defer func() { <-sem }()), are joined by
// a loop that fills the semaphore to its capacity on every path (for i :=
// 0; i < limit; i++ { sem <- struct{}{} }, also with cap(sem), or for
// range limit): its last send returns only once every slot was given back.
// The release must be the goroutine's first defer, which runs last. A
// loop that stops short of the capacity, or that a break, a return or a
// select case can leave, joins nothing. With one slot, any take of it
// after the go statement waits for the goroutine: a worker started as a
// local literal (go work(batch)) behind slot <- struct{}{} is joined by
// the next take, before the next worker or before returning.
//
// A stop method that closes its parts through a list of their stop
// methods (closes := []func() error{d.refresh.Close}; closes =
// append(closes, d.store.Close)), calling each element in turn or in a
// goroutine it gives the element to (go func(c func() error) { errc <- c()
// }(c)), has the effects of those methods.
//
// A goroutine that runs a function its spawner was given, and does
// nothing else that can wait (go handle(item), or go func() {
// handle(item); <-p.slots }() in a pool's Submit), is joined through that
// function: the caller owes a function that signals a WaitGroup or a
// channel of its own (defer wg.Done(), res <- v) and a wait for that on
// every path after the call (wg.Wait() after the loop; a receive in one
// case of a select is enough when the channel has room for what the
// function sends). A function that signals nothing is reported at the
// call; one that runs a function the caller was given in turn hands the
// obligation on to the caller's caller; one of another value's (s.work)
// or one that signals a field (s.wg.Done()) is its owner's business. A
// goroutine that signals before it runs the function (wg.Done(); fn(), a
// start signal), runs two of them, or counts itself in an atomic counter
// of its owner's is its spawner's to join, as before.
//
// A goroutine also stops when what it does as it ends releases the others.
// A reader that Open(conn) starts on the connection it was given ends when
// the caller closes that connection; on its way out (its defers, the
// branch that returns) it runs the shutdown that closes what Open's
// heartbeater waits on. So closing the connection passed to Open, by a
// defer, a t.Cleanup, or a goroutine started before the call whose last
// act closes it (a fake server), discharges Open's obligation as Close
// would. What a goroutine does as it ends travels with the obligation,
// through callers that pass their own parameter on and across packages.
// A wait on a field of a value the function made from one of its own
// variables (s := &acceptSrv{root: lis}, or a constructor returning
// &acceptSrv{root: l} given lis) is released by what releases that
// variable: closing lis ends an Accept on s.root.
// A stream of this package read through an interface (go func(r
// io.Reader) { r.Read(b) }(st), go io.Copy(io.Discard, st)) waits as its
// own Read and Write do: closing what its Read selects on stops it.
// A range over a channel with no way out of its body ends only when the
// channel is closed, also when it is in a function the goroutine calls
// (go t.internal(t.rec)): a package that sends on t.rec and never closes
// it leaves the goroutine ranging for ever.
// A method of another package that calls a function value held in a
// field of its receiver (a handler its user sets), itself or through
// another method on the same receiver, is to its callers code that may
// wait on anything, as it is in its own package (the fact's Opaque): a
// goroutine running a plan's Run is stopped by the plan's deferred Stop.
// (A function calling a dialer its options hold is not so marked.)
// A call of a function held in an unexported field that the package only
// ever sets to methods of the value holding it (c.submit = c.consume, or
// c.consumeOrderly on another branch) or to its functions waits as each
// of them does: closing what they block on stops a goroutine calling
// c.submit(q). A field that
// may hold a function from elsewhere is code the pass cannot read.
// A select one of whose cases waits on a channel the pass cannot name
// (res := pool.Get().(chan int); select { case n := <-res: ...; case
// <-w.die: }) may end by that case, but releasing another ends it too:
// closing w.die stops it. Since it may end by the case the pass cannot
// name, no owner is owed that close. Not when the case
// it cannot name is a context's Done (sess := s.load(); case
// <-sess.ctx.Done()): that is likely the stop, and the other case not.
// A local literal started once (wait := func(ch chan bool) {...}; go
// wait(ch)) waits on the arguments it is given, as one started in place.
// A goroutine handed on that waits on nothing the pass can name, only
// perhaps inside function values it calls, and that no WaitGroup counts
// (go c.shutdown(err), a teardown), is not owed: it ends on its own. Nor
// is one that does nothing but call a method that stops the value it is
// handed on with (go func() { _ = c.close(reason) }(), or go func() {
// done <- c.Run(ctx) }() where Run's own cleanup is all that is seen to
// stop c): it is that stop, run asynchronously, and its owner could only
// call it again. A method
// that starts a goroutine running a function of the package straight
// through, with no loop, select or receive (AsyncClose's go
// withRecover(p.shutdown)), does what that function does: if it closes
// what a goroutine waits on, the method stops it. One whose goroutine
// first waits for a signal (<-p.quit; close(p.input)) is a watcher and
// stops nothing when it is started.
//
// A wait for a semaphore's token that the goroutine itself gives back
// (d.acquire() is <-d.ch, d.release() is d.ch <- struct{}{}) is a wait
// for its peers, as a lock is: a stop need not release it, and a loop
// whose only other waits are its own select is stopped by what ends that
// loop (a flush loop that returns on <-qch, stopped by a stop(false,
// false) that closes qch). Nor need a stop release a wait that a timer
// bounds on a channel the value was lent (select { case
// <-fs.srv.quitCh: case <-time.After(d): }).
//
// A wg.Done() followed by a call of a function value the pass cannot read
// (wg.Done(); fn(): a goroutine that signals it started) is no join:
// wg.Wait() returns while fn may still run; nor followed by a call of an
// interface method that a type of the package implements with a method
// that never returns. A loop whose body ends in an unconditional break
// starts its goroutine once. A method value given to a function that runs
// it (pprof.Do(ctx, labels, w.loop), a function of the package that calls
// its parameter) runs as w.loop() would, and so does a literal given to
// pprof.Do or once.Do; go worker(), worker := st.run a local assigned
// nothing else and st never reassigned, runs as go st.run() would. A goroutine started on the elements of a local map
// each of which the function also put in its receiver's map runs on the
// receiver's element (its owner stops it). A function literal that runs
// the work it is given on a goroutine hands the join on to whoever gives
// the work, also when it counts the panics it recovers (an atomic Add of a
// positive constant counts events, not goroutines running).
// A channel result found nil (if ch != nil { ... } on the other path) was
// made by no goroutine: nothing is owed on the paths where it is nil.
// A method that returns the channel its goroutine closes once the
// receiver is released (a lock's lost channel, lost, _ := h.Hold()) is
// owed a receive from it, or a call of the receiver's method that ends
// the goroutine (h.Unhold()): either discharges the caller (in the
// package; across packages the fact carries the receive).
//
// A stop or a join made by another goroutine counts once the function
// waits for that goroutine: one whose last act (or a deferred one) closes
// the channel the function receives from, or counts down the WaitGroup it
// waits on, has done what it does on every path before (its top-level
// calls, up to its first return) when the wait returns. So go func() {
// defer close(done); s.Shutdown() }(); <-done stops a server as
// s.Shutdown() in place would, and go func() { defer close(y); <-x }(); <-y
// joins the goroutine whose last act closes x. A receive in a case of a
// select inside another goroutine's body (a watchdog that may leave by its
// timeout) joins nothing, nor does a wait in the goroutine's own body
// started again in a loop: only a plain receive in another goroutine takes
// what the goroutine sends (go func() { c.One(<-pub) }()), and that
// receiver is judged at its own go statement. A WaitGroup of the
// function's own that a goroutine only waits on (run.Wait(), then work) is
// a barrier it waits at, not a group it is counted in; one after whose
// wait the goroutine only closes, counts down or cancels (wg.Wait();
// close(done)) ends once the group is done, so waiting on the group waits
// for it. A goroutine whose last act cancels a context the function
// returns is handed on with it: the caller waits on its Done. A goroutine
// that sends the result of a stop (go func() { closed <- db.Close() }())
// issues that stop, as go db.Close() does. A server that
// keeps its listeners as the keys of a map (s.lns[l] = struct{}{}) and
// closes every key on Shutdown is a registry as one keeping them in a
// slice is. A function of the package returning a context of its own type
// (one with Done and Err, embedding context.Context) and its cancel makes
// a pair as context.WithCancel does: a goroutine whose last act calls
// that cancel is joined by <-ctx.Done().
// A receive-only channel that a call into another package returns beside
// other values (ch, reqs, err := conn.OpenChannel(); conn, chans, reqs :=
// NewServerConn(c)) is that package's to close, and it closes it with the
// value it belongs to: closing one of the call's other results or
// arguments that has a stop method, or handing it on, releases a
// goroutine ranging over the stream (go DiscardRequests(reqs) beside
// defer ch.Close()). A goroutine literal that stops a value in a
// top-level defer (go func() { defer ch.Close(); io.Copy(ch, r) }()) takes
// that value over: it is handed on to it.
// A value passed to a function that only borrows it (calls its methods,
// reads its fields, lends it in turn to functions that borrow it, and
// neither stops nor keeps it, nor captures it in a function that may run
// after the call) is still its caller's to stop: peek(w) does not
// discharge w's Stop. Functions of other packages say so by their facts
// (for parameters of types with a stop method), so a test that gives the
// engine it made to a helper package's Check(t, e) still owes its Close.
// One that calls a method owed on it (closeProducer(t, p) calling
// p.AsyncClose() through an interface, or through a function it lends the
// value to) does.
// A generator, a goroutine that sends the values of a list one by one on
// the channel its function returns and waits on nothing else (for _, r :=
// range list { out <- r }), is owed a drain: a range over the channel, or
// receives in a loop. One receive leaves it blocked on its next send (the
// fact's "recv all"). A reader that sends what its input brings is not a
// generator: whatever ends the input ends it. Nor is one receive from a
// channel a goroutine sends on in a loop, and closes as it ends, its join:
// a buffer's Len (<-b.length) takes one answer; its Close, which closes
// the input, is the stop owed.
// A stream an interface's method returns on a parameter (for v := range
// from.Out(), from an Outlet the caller gave, or each of a slice of them)
// is the caller's: the goroutine ranging over it is handed on with the
// parameter. So is a wait on a parameter reached through a literal of the
// function's own that holds it (d := &Decoder{s: s}, then a goroutine
// reading d.s): the caller's s, and a call that gives such a literal's
// method the caller's value owes nothing (startup := &coordinator{conn:
// c}; startup.setup(ctx) in a method of c's). So is any wait on a channel such a method returns (select {
// case <-s.StopNotify(): return; ... }, where the pass cannot read which
// channel StopNotify returns): the channel is s's, and stopping s
// (s.Stop(), defer s.Close()) or handing s on releases it; s given by the
// caller, or got from a call on another value (s, err := p.Status(id)), is
// its owner's. A local the function declares and never gives a value (var
// b notifier) is its own, and one it makes (s := Status(&status{...}))
// must be stopped. One from a field or a package variable is still a wait
// the pass cannot name.
// A constructor's result dropped inside a function literal given to an
// assertion that it panics (assert.Panics(t, func() { NewPool(0) })) is
// not reported: the call is expected to panic before it starts anything.
// An assertion that returns whether an error is nil (if
// !assert.NoError(t, err) { return }) tests the error as err != nil does:
// on its failing branch nothing was made.
// A goroutine that only starts goroutines (go func() { go c.fail() }(),
// also in loops over slices, maps or counts: for _, i := range items { go
// work(i) }) returns at once: each is judged at its own go statement. So does one
// that only cancels contexts or closes channels (go func() { cancel() }(),
// go cancel(), go h.Cancel() with a function field the package only ever
// sets to a cancel function): neither can block. A stop issued
// in the background after setters that do not wait (go func() {
// c.SetReadDeadline(now); c.Close() }()) is a stop, as go c.Close() is.
// A comma-ok receive that found the channel closed (v, ok := <-out; if !ok
// { return }) ends where a range over it would: the goroutine that closes
// it last has finished. One receive is no join of a goroutine that sends on
// the channel it closes, itself or through a helper in a loop.
// A stop method that copies its fields into locals under its lock and
// closes the locals (nc := s.nc; nc.Close()) stops the fields. A
// constructor that keeps a parameter's field (&Client{conn: cfg.Conn}),
// returned through a local with (c, nil), hands the caller's own value to
// the field: closing the conn it gave (or the one it wrapped, Conn:
// NewSTUNConn(conn)) stops what reads the field.
// A field whose channel is stored in another field, directly or through a
// local (req{in: workerCh}), may be received from through that one. A
// channel type whose own methods receive on their receiver (a semaphore
// whose Go gives its slot back in the goroutine it starts) takes what a
// send on a field of that type puts there.
// A writer that writes into another it can be Reset to (*flate.Writer,
// *gzip.Writer) waits only as that one does; its Close flushes and
// releases nothing.
// go func() { done <- p.eg.Wait() }(), with the function receiving from
// done, is a wait on p.eg where it receives. A go statement in a literal
// run in place (defer func() { if err == nil { go c.loop() } }()) is its
// function's. An assertion library's function (require.NotNil(t, c))
// looks at a value and keeps nothing: c is still owed its stop.
// A value whose method receives from the channel a goroutine closes as it
// ends, then closes another (<-c.txDone, with defer close(c.done)), is
// joined by a receive from that other (<-conn.Done()). What a goroutine
// does before the act the function waits for (p.Close(ctx), then
// collector.Close(), which ends the range in collector.All()) discharges
// what the function owes on it, as it counts for a join.
// A goroutine handed on with a value (go srv.Serve(l), srv returned) that
// the function stops itself on every path that returns (a failing test's
// t.Fatal aside) by something other than handing it on (l.Close() before
// it returns) is stopped there: the caller owes srv nothing for it.
// A call's result assigned to _ beside a kept error and another kept
// result (c, _, err := dial(); if err != nil { return }) is dropped on the
// paths where the call succeeded; only its error kept (_, err := Open(bad))
// is a call made for its error. A closer result is owed only where the
// error is nil, and err != errSentinel, like err != nil, says nothing was
// made on its other branch. A boolean result that is true on every
// return after the go statement and false on every return without it
// (err, pending := r.Invoke(req)) says whether anything was started: where
// the caller finds it false, it owes nothing. What a constructor puts in a field of the
// value it makes (s := &Server{mgr: newMgr()}) is owed by that value until
// the function returns it: an error return before then drops it.
// A helper given the channel a goroutine sends its result on takes the
// send only if it cannot return by another case of its select first
// (waitForServerStart(s, errCh) that returns once the server is up); a
// case that fails the test before it returns does not count. A helper that
// only reads a value (s.Addr()) does not take its stop. A channel
// returned with room for every value its goroutine sends, beside a closer
// that releases whatever else the goroutine waits on (p1, p2 :=
// net.Pipe(); go func() { errc <- run(p1) }(); return func() {
// p2.Close() }, errc), is discharged by calling the closer (defer
// closer()). A method that stops what it was handed in a defer (defer
// s.save(), or a deferred literal calling it, save waiting on the
// runner's WaitGroup) hands its callers nothing.
// A function that takes a mutex and waits in a select with no default,
// every case of which unlocks and returns, never returns holding it. A
// send followed by a break out of its loop runs once per run of that loop,
// and a buffer takes the sends that end the goroutine's work: done <- v;
// break, then done <- v, with room for one and one receive, is joined.
// A send that ends the goroutine's body, or the last branch of its last
// if or switch (if ok { errC <- nil } else { errC <- err }), is its last:
// one of them runs, and a buffer of one takes it.
// A goroutine that waits on a context made from t.Context(), or given it
// as an argument (go o.Verify(t.Context())), is stopped at the end of the
// test, which cancels it. A channel given to a function that receives from
// it in a select whose other cases may return is not taken, unless at that
// call none of those can fire: each waits on a context given as
// context.Background() or TODO(), or on a local channel of the caller's
// that nothing closes or sends on (poll(context.Background(), results,
// preempt)). shoenig/test's must.Unreachable
// ends the test as t.FailNow does, and its assertions look at their
// arguments and keep none.
// A range over a channel that nothing in it can leave drains it: it joins
// a goroutine that sends on the channel in a loop and closes it as it
// ends (a queue's Stop: for range q.length {}), which one receive does
// not. A go statement running a method of a value that stops another
// value it holds (go s.run(ctx), whose loop shuts s.sws down) is that
// value's stop; the goroutine's own obligation is what the caller owes.
// A buffer has room for the goroutines a loop starts only when made for
// all of them: a constant capacity no smaller than a constant trip count,
// or the loop's own bound (make(chan error, len(ss)) for a range over
// ss); a loop that waits in each round for the result of the goroutine
// it started keeps one in flight; a constant buffer filled from a list of
// any length is taken by as many receives (check(<-acks, 2) included).
// A goroutine whose one send finds room and whose other waits end with
// the function's own defers (a context whose cancel it defers, a
// connection it closes with a defer) ends after the function, received
// or not, unless the function closes that channel or the goroutine does
// more after the send. A send taken by a sibling's select that may leave
// by the context finds room as it would after the function's own; a
// goroutine whose every wait receives what a sibling started before it
// sends on its every way out ends with that sibling; a channel read by a
// closure the function returns goes to the caller with the closure.
// A Done in a loop that goes on after it counts items, not the
// goroutine; a goroutine counted in a group nothing waits on is fine when
// stopped on every path; a function given to a helper that counts it in
// another value's group may count itself down one call below. errgroup
// tasks that watch a context cancelled on the paths that skip Wait are
// stopped there. A result that is nil holds nothing of its fields. A
// stop by name (Close) of a value whose code the pass reads stops a
// goroutine on it only if it can reach what the goroutine waits on: one
// that only closes fields nothing the goroutine runs mentions, and that
// the package never passes on, stops nothing there.
// A goroutine that waits only on a context parameter of a declared
// function the function never reassigns (go func() { <-ctx.Done() ...
// }()), and that the function does not try to join through a key of its
// own, is handed on to the callers, who must cancel what they pass: a
// context they made with a cancel is cancelled on every path or its
// cancel handed on (defer cancel(), stored, captured by a callback); a
// root (context.Background(), a value context made from one) is never
// cancelled and is reported at the call; their own parameter hands the
// obligation on again. A local holding only such a root, given on (to a
// later goroutine, a call), hands nothing on: nobody can cancel it. A context made through context.WithoutCancel is
// not what the goroutine waits on. A goroutine no wait of which is known,
// only that it uses the context (go func() { _ = w.Warm(ctx, name) }(),
// Warm an interface's method), is taken to end when ctx is done, but may
// as well end on its own: its callers owe no cancel.
// A goroutine that leaves when a channel its function was given is closed
// (NewChan(stop) starting go c.loop(stop), or newHelper(p) starting a
// loop on h.p.stopc), and that nothing of the value the function returns
// stops, is handed on to the callers, who must close that channel: a
// channel they made is closed on every path (or handed on: kept in a
// field of a value they return, whose method that closes it their own
// callers must then call, p.Leave()); one made in place
// (NewChan(make(chan struct{}))) is never closed and is reported at the
// call; their own parameter hands the obligation on again. A
// constructor's error return after starting such a helper with the value
// it makes drops it. A goroutine that ends when a context the caller
// passes is done is stopped by the end of a test when that context is
// t.Context() (NewStore(t.Context())).
// A join in a local closure counts where the closure is called (finish :=
// func() { close(in); wg.Wait() }; defer finish(), also under a
// sync.Once), and a join registered with a function that keeps it where
// it outlives the function (a.onStop(func() { close(stop); wg.Wait() }),
// which a.Stop runs) is handed on to whoever holds the keeper. A
// goroutine started under a flag the function never changes (if want {
// go ... }) is joined by a join under the same flag (if want { <-done
// }), and stopped by a stop under it (if listening { conn.Close() }); a
// local given its one value where it is declared outside any loop (ok
// := err == nil), or set only to constants before the go statement (var
// listening bool; ...; listening = true; go t.readLoop(conn)), is such a
// flag. An error branch after a call that never fails (if err :=
// s.Start(); err != nil, where every return of Start gives nil, known
// across packages by a fact) is never taken. A value kept in a sync.Map
// of a value the function did not make (d.groups.LoadOrStore(key, g)),
// or in a sync/atomic Value or Pointer of one (s.current.Store(h)), is
// kept by that value's owner, also when the function returns it too.
// A channel given to a parameter that can only send on it (go fetch("a",
// out, errc) beside go fetch("b", out, errc), with out chan<- T) does not
// hand on a goroutine that sends on it: the callee cannot receive what it
// sends (it may close the channel, which ends a goroutine that ranges over
// it: go producer(ch) hands ch on to that one). A buffer with room for the goroutine's result lets any case
// of a select stand for its join only when the goroutine waits on nothing
// of the function's own before it sends (done <- p.Read(), with p never
// released, is left waiting by the case that times out). A function that
// keeps what a literal holds (a.cleanups = append(a.cleanups,
// cleanup{name, fn})) keeps fn. A goroutine of a method of the receiver
// (go a.monitor(ctx)) that waits only on the function's context parameter
// is handed on to the callers to cancel, whatever stop the receiver's type
// has; only a join key the function made itself keeps it the function's.
// Two channels one call of another package returns (_, chans, reqs, err
// := ssh.NewServerConn(c, cfg)) are closed together by the code that made
// them: go ssh.DiscardRequests(reqs) ends when the function's range over
// chans does.
// ctxdetach: a context.Background() given a deadline or cancel of the
// function's own, beside contexts in scope that are themselves such local
// phases (startCtx, then stopCtx), is the next phase's root; a context in
// scope that only carries a value on a root (context.WithValue(
// context.Background(), k, v), also through a function that only adds
// values, eventrecorder.WithEventRecording(context.Background())) is
// nothing to detach from. A root given to a deferred call is cleanup's
// (defer s.Stop(context.Background()) in a function that returns because
// ctx is done); a root kept in a field of a value (&Conn{txCtx:
// context.Background()}, s.ctx, s.cancel = context.WithCancel(
// context.Background())) is that value's lifetime or default context; a
// shutdown closure the function returns, bounded by its own deadline, is
// not work of the function's; and beside local timeouts only, a root
// given to a value the function returns or keeps in a field
// (cfg.Transport, err = NewTLSTransport(context.Background(), ...))
// outlives them.
//
// A goroutine that closes or sends on a channel of the function's own as
// it ends, or is counted in its own WaitGroup, and that the function
// joins through those alone on every path, is joined at home, whatever
// of the caller's it also works on (go func() { defer close(done);
// rw.Read(buf) }(); ...; <-done): the parameter is not handed on with it.
//
// What the caller is told, and what it may take as done. A function that
// starts a goroutine sending once on a channel its caller gave, and itself
// receives from that channel on every path (a loop whose only return is the
// case that takes the result), has joined it. A method whose nil error is
// returned only once its receiver was stopped (in the select case on what
// its stopping methods close, or under an if reading it: grpc's Serve)
// leaves a caller that tests or returns that error nothing to stop when it
// is nil: if err := s.Serve(lis); err != nil { log.Fatal(err) }. And the
// other way round: a function that hands a goroutine on with its receiver
// or an argument only when its error is nil (no return of another error
// is reachable from the go statement or the call that took it on, but by
// that call's own failure) leaves a caller nothing to stop when it is
// not: if err := h.Init(cfg); err != nil { return }. A variable given a
// new value before the one it held was stopped (s = NewSession(c2) after
// s := NewSession(c1)) loses the first: the assignment is where it is
// dropped. A goroutine that
// sends its one result into a channel with room for it, and waits only in
// the function it is given, may be dropped by a caller whose function
// waits only on what the caller's own owner releases (errc := goErr(func()
// error { _, err := conn.Write(b); return err }) with conn a parameter,
// then an early return): it ends when conn is closed. A
// constructor that returns, beside the value, a function that stops it
// (return s, func() { s.Stop() }, return s, s.Stop, a cancel) is discharged
// by calling or handing on that function. A goroutine started only when an
// integer field of the caller's value compares so (if cfg.CleanWindow > 0)
// is not owed by a caller whose literal keeps it off, as for a boolean
// field, nor by one whose constructor sets the field from a constant it
// is given (New(0) returning &B{timeout: timeout}); one started when a
// boolean field on by default is set by an option from its argument
// (SetSniff(enabled bool)) is not owed by a caller passing that option
// the constant false, also through a function that passes its options on
// (NewClient(options...) calling DialContext(ctx, options...)). A worker that waits on nothing of its own and drains a queue into
// callbacks its value holds, counted by its value's WaitGroup, ends when
// the queue is empty (not one that runs work its caller gave it:
// RunWorker(f)). A reader a constructor starts on the connection it keeps
// in a field of the value it made (&conn{c: c}) ends when the caller closes
// that connection; in a test, one made for a connection the test's server
// accepted ends when the client under test closes its end. A value
// returned inside another (return &Manager{hub: h}) is handed on with it:
// the caller stops the holder, by a method that releases the loop (one
// promoted from an embedded field counts), and a value a bare return
// returns through named results is returned as by name. An item that
// registers itself in a set of an owner it is given (o.items[it] =
// struct{}{}) before it starts is the owner's.
//
// And what joins or stops a goroutine of the function's own. Reading a
// pipe to its end (io.ReadAll(r), io.Copy(dst, r)) joins the goroutine
// whose last act closes the other end (r, w := net.Pipe(), io.Pipe,
// os.Pipe, or a helper returning both ends). A goroutine that waits on
// nothing and only works on a server (go func() { s.Serve() }() where
// Serve starts its loops and returns) is stopped by the server's Close on
// every path after it, outside other goroutines. A goroutine whose first
// act is a stop (go func() { w.Close() }()) issues that stop for the
// function that starts it, and time.AfterFunc(d, b.Flush) arms the stop
// Flush makes: a method that starts a goroutine and arms its stop owes its
// callers nothing. A stop only in a deferred cleanup for the paths that
// fail (defer func() { if err != nil { s.conn.Close() } }(), in Open) is
// no such stop: on the paths that start the goroutine, Open returns with
// it running, and its callers owe the Close. A goroutine whose last act is the cancel of a context
// made beside it is joined by a receive from that context's Done(), as
// close(done) is by <-done. A send into a field channel made with room for
// the one send the package writes on it, before the sender leaves (a
// buffer kept as storage, never received) cannot block. A field channel
// an exported method gives out (Events() <-chan Event, or Events(ctx)
// (<-chan Event, error) returning the field on every return that does not
// fail) is received from by whoever asks for it. A loop over a
// Ticker's or Timer's channel with nothing in it leaving (for range t.C)
// never ends: the runtime never closes that channel, and Stop does not, so
// it blocks for ever whatever its owner stops. So does a range over any
// channel nothing in the package closes, when nothing in its body leaves
// the loop: sends keep it going, only a close ends it (if f == nil {
// return } on a task sent to stop it is a way out). And a loop with no
// condition and nothing in it that leaves (for { time.Sleep(d); sample()
// }) never ends at all.
//
// A registry stops what is registered with it. A method that stores a
// channel it is given as an element of a slice or map field (NotifyClose
// appending ch to c.closes, Watch setting b.byName[name] = ch) registers
// it; a method that closes every element of that field (a range over
// c.closes closing each) closes the channel too. A goroutine ranging over
// a registered channel is stopped by the registry's Close, also when the
// channel is the one the registering call returns (ev :=
// b.Notify(make(chan string))) and across packages. A helper given each
// element in turn (for l := range s.lns { s.closeOne(l) }, where closeOne
// closes its parameter) closes them as well. A registry of functions
// stops what they stop: a value that gives the connection it is made on a
// function stopping it (c.OnClose(func() { s.Stop() }), OnClose appending
// to c.hooks) is stopped when the connection runs every function it keeps
// (its Close ranging over c.hooks, or over a local copy of it, calling
// each): a caller that closes the connection owes no stop of the value.
//
// Reading a value's stream to its end joins the goroutine that sends on
// it in a loop and closes it as it ends: for line := range t.Lines, with
// no way out of the loop but the close, discharges TailFile's obligation
// as a call of its Stop would.
//
// A timer made by time.AfterFunc runs its function once it fires, and
// Stop reports false once it has: under if !t.Stop() { ... }, a receive
// from a channel the function sends on as one of its own statements (the
// package setting the timer field only to such a function) is not a wait
// (a slow-write timer that starts a reader and says so on started).
//
// A goroutine handed on to its caller that takes the caller's context and
// still waits, in some send in a loop, for nothing but a receiver (a lister
// streaming pages into the channel it returns, passing ctx to each fetch
// but not watching it where it sends) is reported: its only stop is a
// caller that reads it to the end, and one that stops reading when ctx is
// done, as a caller given a context does, leaves it blocked for ever. A
// select on ctx.Done() beside the send is the stop it was given.
//
// An option can keep a goroutine from starting. When a boolean field of
// the receiver's or a parameter's value decides whether the go statement
// runs (if s.getOpts().NoSigs { return } before it, if opts.Watch { go
// ... } around it, each part of if a && b { go ... } or of if a || b {
// return } before it; also around a call that starts it, n.spawn(n.loop)),
// the obligation carries that gate to the callers, as far as the value is
// passed on. A caller whose value is known to hold
// the other value (a literal, &Options{NoSigs: true}, also one that
// leaves a struct field unset, whose own fields are then zero
// (o.Cluster.RefreshInterval), a package variable or a function of the package returning such a literal, a local copied
// from one whose field is never assigned, or set to a constant by a
// statement of the function's own body before the call, cfg.CleanWindow
// = 0, or a copy a value method of the package returns with that field
// untouched, Config{...}.WithFilter(f)) is not owed that goroutine.
// A parameter the function never assigns gates the same way (if period >
// 0 { go r.tick(period) }): a caller that passes a constant that fails
// the check (Open(0)) starts nothing, also through a function of the
// package that passes one (func TestRoot() *Root { return buildRoot(0) }).
// Several conditions can gate one go statement (if opts.MaxSize <= 1 {
// return immediate } before it and if opts.MaxTime > 0 { go ... } around
// it): a caller whose value fails any of them starts nothing. A
// table-driven loop (for _, opt := range []Options{...}, over a literal or
// a local given one, or over test cases holding the options in a field,
// New(&tc.opts)) is not owed it when every row fails one of them and the
// loop never changes its variable.
// Functional options gate the same way: when the goroutine starts only if
// a field of the options is set (if s.opts.workers > 0 { s.startWorkers()
// }, a count, a non-nil value or a boolean) and only some option
// functions of the package set it (Workers(n), in the literal it returns,
// or through a helper, and the functions that call those), a caller whose
// options are all made in place by the package's other option functions
// (NewServer(Named("a")), or none) is not owed it. Options passed as a
// slice (NewServer(opts...)) may hold anything. A goroutine a function
// starts only when the context it was given can be done (if
// parent.Done() == nil { return } before it, as context propagation
// does, or inside if ctx.Done() != nil { ... }, as pgx's watcher) is not
// owed by a caller that gives context.Background() or
// TODO(); nor is one started only when the context carries a value the
// function reads (c := FromContext(ctx), c, _ := ctx.Value(k).(*T) or a
// comma-ok v, ok := ...; if c == nil { return ErrInvalidContext } before
// it, also through a function of the package that fails so for such a
// context, c, err := initContext(ctx); if err != nil { return err }),
// since Background carries none. Nor is one started only for a parameter that is not nil (if
// policy != nil { go r.run() }) by a caller that passes nil, or for a
// field of one that is not nil by a caller whose literal leaves it unset.
// A disjunction gates too (if c.onEvent != nil || opt.Async {
// c.background() }, or if a && b { return } before it): a caller whose
// value fails every part starts nothing. A field of the function's own
// value counts as the parameter's field it is set from (c.onEvent =
// opt.OnEvent after the literal that makes c), also when that assignment
// may not run, as long as the field's zero value keeps it off.
//
// A flag the goroutine polls is a stop (flag.go). A loop whose condition,
// or an if at the top of its body that leaves it, tests a flag of its
// owner's for being set (for !p.closed.Load(), if db.closed { return }
// under a lock, atomic.LoadInt32(&w.state) == 0) waits on it as on a stop
// channel that may also end on its own; storing true, or a non-zero
// constant, in a flag some loop of the package polls (p.closed.Store(true),
// db.closed = true, atomic.StoreInt32(&w.state, 1)) closes it. The owner's
// methods that set it stop the goroutine, and its callers owe a call of
// one.
//
// A stop is the owner's business also when the function keeps it for
// later: a function literal that joins the goroutine (o.stop = func() {
// cancel(); <-done }), assigned to a field or package variable or stored
// there through an atomic.Value or sync.Map, hands the join on with that
// field. A value put in a field of a literal the function hands on (o :=
// &Outer{srv: srv}; srv.Start(); return o) is handed on with it. A value
// the function stops on every path before handing it on (p := New();
// p.Close(); return p) owes its new owner nothing. After require.Nil(t,
// v) (or assert.Nil) nothing was made in v. A constructor's error is
// tested only until another call's error is stored in the same variable
// on a path after it (s, err := A(); r, err := B(); if err != nil { return
// } drops s); err = ctx.Err() of the context the value was given says
// that context is done, which ends the value. A send inside a callback
// that the callee calls in its loop (s.Serve(ctx, func(v int) { got <- v
// })) is not the goroutine's last act: a receive of it is no join.
//
// A condition variable is a wait like a channel's: a goroutine in
// cond.Wait() (for !quit && len(ready) == 0 { cond.Wait() }) is released by
// a Broadcast or Signal of the same Cond, the stop that sets quit first,
// and by the end of a context whose AfterFunc wakes it
// (context.AfterFunc(ctx, cond.Broadcast)). A sync.Cond nothing in the
// package signals holds its waiter for ever. A way out that never opens
// is none: l.Accept(context.Background()) ends only when l is closed.
//
// A function that joins its goroutine itself, with a defer set up before
// it (Close's defer p.wg.Wait() before the goroutines it starts to destroy
// what the pool holds), is not handing it on, though the WaitGroup is a
// field. A value lent to a helper of the package that only calls its
// methods and reads its fields (runWrite(w, t)) stays with the function:
// the helper takes over no stop. In a test, a value a helper of the
// package returns after registering its stop with t.Cleanup (conn :=
// newUDPConn(t)) is stopped when the test ends: a goroutine that waits
// on it is not left behind.
//
// A group is counted down by the goroutines a function starts that end
// with its Done (w.Add(1); go func() { cb(); w.Done() }(), a
// WaitGroupWrapper's Wrap, across packages), as by wg.Go. A value stored
// where it outlives the function (s.handlers[key] = h) before the call
// that starts its goroutine (h.run()) is its keeper's to stop. A receive
// from a channel the value closes right after waiting on its group
// (c.wg.Wait(); close(c.StopChan)) waits for the goroutines too. A caller
// that cancels the context it passed in a goroutine that does nothing
// else first (go func() { cancel() }()) has stopped what it ends. A
// goroutine every wait of which watches one parameter (select { case v,
// ok := <-in: ...; case <-ctx.Done(): }, then select { case out <- v:
// case <-ctx.Done(): }) ends when its caller stops that argument, a
// context before a channel: cancelling the context it gave owes nothing
// more.
//
// A semaphore's token is no wait: a goroutine that gives back the token
// its spawner took just before starting it (case v.throttle <-
// struct{}{}: go func() { out <- check(); <-v.throttle }()) cannot block
// on that receive, so its send is still its last act. A producer whose
// channel a goroutine started beside it drains (a pipeline's next stage,
// receiving in a loop until the channel is closed, in a literal or in a
// function of the package it is given the channel to: go drainAll(out))
// is joined by that stage, which is judged at its own go statement. On
// an unbuffered channel the stage drains it only if its loop leaves by
// its own condition, when a count of what is in flight says nothing is
// (if active == 0 { return }), when the channel is closed, in the case
// that took a value from it, or to a loop that takes the rest; a stage
// that may leave on an error, a stop flag or ctx.Done() while sends are
// still to come leaves the senders blocked, and a sender given to it (go
// runner(reqs, complete); go q.loop(reqs, complete, errc)) is reported
// with the line the stage may leave by. A relay that sends one
// reply for each value it receives (for v := range in { out <- v }) does
// not wait in that send once its spawner has gone, when the spawner
// follows each of its sends on in at once with a receive from out and
// nothing else uses either channel: a ping-pong benchmark's echo is
// stopped by closing in. A function value
// parameter the function calls (serve(conn, reply)) runs what the caller
// gives there: a literal is read as if written in place. A reader the
// function was given and waits on (readCmd(r *bufio.Reader)) is, to a
// caller that made it over a connection, that connection; so is a
// wrapper of the package made over one (fc := newFrameConn(conn)): a
// call of its blocking-named method (fc.recv(), fc.Read()) waits on
// that connection, whatever else its code reads. The two ends
// of io.Pipe() or net.Pipe() are one: closing the reader the caller gets
// ends the producer's writes on the other end. A literal started with
// arguments (go func(c chan bool) { c <- f() }(ch)) works on them as if
// it captured them, for each parameter it never assigns. Values made by
// a constructor of the package with the same channel (w :=
// NewWriter(c); r := NewReader(c), fields set in order or by name) share
// it: a receive through r joins a send through w. A method of an element
// of the receiver's, a parameter's or a global's container (go
// c.stubs[i].Run(), or ln := l.byID[id]; go func() { ln.Serve() }())
// works on what its owner holds, as one of a field does.
//
// Who else owns it. A goroutine whose way out goes through a field its
// value was lent (a stream's loop that also ends on mset.srv.quitCh, srv
// set from a parameter) is also stopped by the lender: its holder owes
// nothing. A value given to a method of one of its own fields
// (ps.disc.Start(ps)) is not handed on: the constructor that returns nil,
// err after that still leaks what ps holds. A test helper that registers
// its fixture's stop itself (t.Cleanup(s.close) before return s) owes its
// callers nothing. In a test, a goroutine that serves a connection its
// spawner accepted (c, err := ln.Accept(); go serve(c)), or the server
// end of a net.Pipe, and waits on nothing but I/O on it, ends when the
// client under test closes its end; so does a client the test starts on a
// goroutine that dials the server under test itself (c, err :=
// net.Dial("tcp", addr) inside it) and waits only on I/O on that
// connection: it hangs up, or the server closes its end.
//
// Not a join: a signal the goroutine gives before it blocks again (a
// start.Done() or close(started) handshake, then a receive) says it
// began, not that it ended, also when the group is counted down on every
// way out but one of them goes on to wait (started.Done(), then
// loop.Wait() for its own event loop); nor is the answer a loop serving requests
// sends (in place or through a helper method, l.reply()) before it loops
// again; nor does one receive from a channel it sends
// a handshake on and closes as its last act (ready <- struct{}{}, defer
// close(ready)): that takes the send; nor a Wait on a group the function
// counts down itself and never gives away (wg.Add(1); go q.run();
// wg.Done(); wg.Wait()). Not a release: a buffer that cannot take all
// of the goroutine's sends. A buffer that takes the one send lets a select
// leave by another case (case <-ctx.Done(): return), unless the goroutine
// may wait for a lock before it sends: left behind, it waits as long as
// anyone holds the lock, which may be for ever; then only the case that
// receives, or a stop of the value the goroutine works on, joins it. A
// goroutine that waits on something nothing in the package can ever
// release (an unexported channel nobody closes or sends on, or nobody
// closes when the goroutine ranges over it; a cancel function stored and
// never called; a WaitGroup with Adds and no Done, wg.Go or Add(-1); a
// mutex some function leaves held, because it returns holding it where
// its other paths unlock it, or takes it again and never unlocks it) is
// reported as blocking for ever, even when it is joined: that join never
// completes. So is one counted in a WaitGroup that returns, on some path,
// before the Done it makes on others (case <-ctx.Done(): return, beside
// case ...: wg.Done(); return): whoever waits on the group waits for ever
// (a group that may be nil and is counted down under if wg != nil is not
// skipped). Only a group its spawner adds one to for it (wg.Add(1) before
// it, in the loop that starts it), and that no function run in place
// counts down too: a group added to per message (Add(n)) or once for many,
// or one that counts resources a method releases, counts something else.
// A function that returns a result may hand the lock to its
// caller (tryLock), one that unlocks a mutex before it locks it gives
// back a lock it was lent, and a lock taken only when a flag says so is
// released the same way; none of them leaves it held. Lock order (an
// AB-BA deadlock) is not looked at. A send its receivers can abandon is
// reported the same way: a goroutine that polls a stop between its sends (case
// <-p.quit: return, beside a default) but sends outside a select, on a
// channel of the package whose every receiver leaves on that same stop
// (case e := <-p.events beside case <-p.quit: return). Once the stop
// fires, the receiver may leave while the sender is in its send, and
// nothing receives again. The receivers are found through the functions
// of the package the channel is given to, and a goroutine that runs a
// function it is given (a stopper's RunWorker(f)) is judged on what its
// callers give it. A receiver that ranges to the close, or leaves on a
// signal of its own (closed only after the sender was joined), keeps the
// send released; so does a stop that only the sender closes (an event loop
// that closes it in the close request it handles, and returns, in its own
// body or in unexported functions called only from there): the receivers
// leave only once the sender is done sending.
//
// A value the function made itself (&T{...}, new(T), a constructor) is
// its own: the channels and WaitGroups in its fields are not "outside".
// In a test, a goroutine that uses no *testing.T and can wait on nothing
// for ever (no block the pass reads or cannot read, no lock some function
// may leave held or the pass cannot see released, no function value; a
// sleep, a timer, a send into a buffer that holds every send, a lock of a
// mutex of the package that every function releases and every holder
// keeps only while it waits on nothing and takes no other lock (a builtin,
// close(done) too, never waits; a lock through a sync.Locker may be any
// mutex, but a Cond's L is only the mutex its NewCond was given, so
// q.cond.L.Lock() is not c.mu's when no Cond of the package is given &c.mu
// and c.mu's address goes nowhere else), and a call of an
// interface's method not named for blocking are fine) ends
// on its own: it is not reported when the test never joins it, nor when
// only a failing test skips the join (then a lock it takes does not count
// either: it gets it on the paths that pass). Goroutines started in a loop get
// this only when they cannot wait at all: many racers go on into the
// tests that come after.
// A goroutine started in a testing/synctest bubble (also through a
// wrapper of the package that passes its function to synctest.Test, or
// in a test helper called only inside bubbles), or in a function that
// ends only with the process (select {}, <-make(chan struct{}), log.Fatal
// in an accept loop, a helper that calls os.Exit, if err :=
// http.ListenAndServe(addr, h); err != nil { log.Fatal(err) }, whose error
// is never nil, a range over a channel nothing closes such as for range
// time.Tick(d), or a call of a function that never returns for one of
// these reasons: of the package, or of another through a fact, also one
// that ranges over a channel parameter given a channel nothing closes),
// is not reported. go
// guard(f) where guard only calls the function it is given (a panic
// guard) is judged as go f(). Everything else is reported,
// in main and init too: a goroutine that runs until the process exits is
// cut off mid-work instead of shut down; nursery.Main gives it a graceful
// end. The goroutines of wg.Go and errgroup's g.Go are joined by the
// group's Wait, on every path, as a go statement's WaitGroup is, or by the
// Wait of a WaitGroup of the function's own that the function literal
// counts down as its last act.
//
// A test ends, failing, at t.Fatal, t.FailNow and t.Skip, at the same
// methods of an interface that stands for *testing.T (testify's TestingT),
// and at testify's require.Fail and require.FailNow.
//
// Why was this go statement not reported? -explain adds a note (category
// "explain") on every go statement barego accepts, saying how: joined by
// which receive or Wait, stopped by which call, handed on to whom. Two
// look-alike lines (go c.readPump() and go c.writePump()) differ when
// their goroutines block on different things.
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
// goroutines that send on one channel, started by two go statements, when
// the function receives from it only once. (Started in a loop, each
// sending once on an unbuffered channel, they are reported when the
// function receives once after the loop, the first answer of many: a
// receive per goroutine is one in a loop, or as many in a row as a loop of
// constant length starts.) A goroutine stopped through an alias the pass cannot
// follow (a frame reader on http2.NewFramer(conn, conn), stopped by
// closing conn; the other end of net.Pipe handed to the caller) is
// reported although it is stopped: document it with //twine:detached. A
// goroutine that is joined but whose join can never complete because of
// locks (an AB-BA order, a missing Unlock, a condition variable nobody
// signals) is deadlock detection, not structure, and is not reported.
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
// the function or of one around it, not a named result), or a parameter
// of a struct type that embeds one (a framework's ctx *sql.Context), or, for
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
// cannot hang it), or made cancellable by a context.WithCancel whose
// cancel the test calls itself, not only in a defer (the cancellation is
// what it tests); a WithoutCancel given a bound of its own at once
// (context.WithTimeout(context.WithoutCancel(ctx), d), WithCancel's too,
// or a local every later use of which is such a parent: ctx =
// context.WithoutCancel(ctx), then a timeout per attempt), a cleanup that
// must finish within its time though the caller gave up; a root made in a
// function given to t.Cleanup when every context in scope is done by the
// time it runs (the test's t.Context(), or one whose cancel the test
// defers); a root made in a goroutine a handler starts on the connection
// it hijacked, and does not wait for (the request is over); a
// Background or TODO that gives a nil context its value
// (inside `if ctx == nil`, after `if ctx != nil { return ctx }`, or
// assigned to a `var ctx context.Context`), or
// gives a new root to a variable that held context.Background() when
// every context in scope is such a root (ctx := context.Background(); if d
// > 0 { ctx, cancel = context.WithTimeout(context.Background(), d) }); a
// root made beside a context that only ever holds a root itself (ctx :=
// context.Background(), then another Background, in the function or in a
// cleanup closure: nothing is detached from); a comparison with Background(); a context read only for its values, never
// for its cancellation (pprof.SetGoroutineLabels(context.Background())
// clears the profiler labels; runtime/trace's Log, Logf, StartRegion and
// WithRegion; log/slog; a function whose context parameter it reads only
// with Value, or not at all (unless its body is a stub's, empty or one
// return of constants), known in the package by reading it and across
// packages by a fact; a logging method of an interface, by its name: Printf, Infof,
// Debug...); a Background made for work that outlives the function
// (deferred, in a go statement, stored in a field) when every context in
// scope is a local timeout the function made from Background itself
// (startCtx, cancel := context.WithTimeout(context.Background(), d)); a
// Background inside a callback kept in a struct field, slice or map, run
// long after the function that made it returned (also one held in a local
// that is only stored, given to a function of the package that stores it,
// or called by another such callback: onClose := func() { ... }; return
// &conn{onClose: onClose}); a Background beside a context variable that
// only ever holds a root (var ctx context.Context, then ctx =
// context.Background() in a test suite's setup); and a detached context
// made once the context in scope is done (after <-ctx.Done(), in a select
// case on it, under `if ctx.Err() != nil`, in a context.AfterFunc
// callback, in a function literal made in one of those places (go
// func() { c.Close(context.Background()) }() in case <-ctx.Done():), or
// made done on purpose (c1, cancel :=
// context.WithCancel(context.Background()); cancel(), to hand a
// cancellation on), or after a call of the cancel function of every context in
// scope: a poll's ctx, cancel := context.WithTimeout(...), then cancel(),
// then the work that follows it, in place or in a goroutine it starts, or
// in a goroutine that calls that cancel itself before the work (wg.Wait();
// cancel(); record(context.TODO())), as long as ctx was not made anew in
// between), which is how a graceful
// shutdown gets a deadline of its own; a root or WithoutCancel given to a
// deferred call (cleanup that must run though the caller gave up); a root
// kept in a field of a value, directly or through context.WithCancel and
// its kin (the value's lifetime or default context, which outlives the
// call that makes it); a root inside a shutdown closure the function
// returns, given a deadline of its own there; and a context in scope that
// only carries values on a root, also through a function that only adds
// values (known across packages by a fact), or that still holds only a
// root where the call is made (ctx := context.Background() before a later
// ctx, cancel = context.WithTimeout(ctx, d) that no loop brings back).
// Nor is a root whose derived context a goroutine of the function cancels
// once a context in scope is done (wctx, cancel :=
// context.WithCancel(context.Background()); go func() { <-ctx.Done();
// cleanup(); cancel() }()): the work still ends with ctx, later, on
// purpose; nor one whose cancel context.AfterFunc runs once every context
// in scope is done (context.AfterFunc(ctx, func() { cancel(ctx.Err()) }),
// beside another AfterFunc that cancels it when a connection closes): the
// bridge carries ctx's end to it; nor one given to work done in place
// (setup(context.Background())) when the only contexts in scope are the
// function's own, made by context.WithCancel from a root with the cancel
// only deferred (a function with no context of its own making one for
// its lifetime: serve(ctx) at its end): those end only as the function
// returns, after that work; nor one made only as a signal, a
// context asked for nothing but its Done and Err (finished, finish :=
// context.WithCancel(context.Background()), a goroutine's defer finish(),
// a select on finished.Done()): no work runs under it, nor under one with
// a deadline that only bounds a retry loop whose rounds give the work the
// caller's context (budget, cancel := context.WithTimeout(
// context.Background(), d); for budget.Err() == nil { try(ctx) }); nor one in a test's helper (given a *testing.T and no context)
// whose every context in scope is one it made from a root itself; nor a
// root that becomes the next value of a local that only ever holds
// contexts made from roots (ctx, cancel = context.WithTimeout(
// context.Background(), d) after an earlier ctx of the same kind, whose
// cancel is only called, deferred, or run by a goroutine that does
// nothing else): a function without a context of its own working in
// phases. One whose cancel a goroutine runs once a signal comes is wired
// to that signal, and a root replacing it detaches from it.
// A deliberate detachment is documented with //twine:detached <reason>.
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
// purpose) on every path and not handed on (returned, also in the
// statement that starts it: return cmd.Process, cmd.Start(); stored;
// passed to a function such as proc.Start or a helper that waits): the
// child is never reaped and may outlive the function. A path where Start returned an
// error has nothing to wait for. Killing the process is not waiting for
// it.
//
//	cmd := exec.Command("worker")
//	if err := cmd.Start(); err != nil {
//		return err
//	}
//	return feed(cmd) // a failing feed leaves the child running: defer cmd.Wait()
//
// A function that starts a command and returns it (or its Process) hands
// its wait on, and its callers owe it: a caller that drops the result (_,
// or the call as a statement) is reported at the call, and one that keeps
// it must wait for it on every path where the call did not fail, or hand
// it on again. A helper that waits for the command itself (go func() {
// done <- cmd.Wait() }()) hands nothing on. Under go vet the duty crosses
// packages with the helper's fact.
//
//	_, cmd, err := startServer(ctx) // its Wait is the caller's
//
// A command started and kept in an unexported field of one of the
// package's structs (return &external{cmd: cmd}, or e.cmd.Start()) is
// reported when nothing in the package waits for what that field holds
// (Wait, Process.Wait, Release, Run, Output, or the value handed on): a
// Close that only kills it leaves a zombie until the parent exits.
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
//	-explain     barego says how each go statement it accepts is joined, stopped or handed on
//	-barego      report goroutines that are not joined (default true)
//	-ctxescape   report nursery contexts that outlive their nursery (default true)
//	-ctxdetach   report detaching from a context in scope (default true)
//	-scopeleak   report scopes not closed, Run nurseries escaping (default true)
//	-procleak    report child processes not waited for (default true)
//	-spawns      report calls in tasks that spawn goroutines (default true)
package analyzer
