package nursery

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// Config is the policy of a nursery. Its zero value is the default: no name,
// no limit, no grace, and the first failure cancels every sibling.
type Config struct {
	// Name shows in the task tree (WriteTree, Snapshot) and in the pprof
	// label "nursery" of every task goroutine.
	Name string

	// Limit is the most tasks that run at once; 0 means no limit. While the
	// nursery is full, Go and Start block until a task returns or the nursery
	// is cancelled; a Go that gives up because of the cancellation starts
	// nothing (TryGo does not wait). Go on a nursery already cancelled starts
	// nothing either, with a Limit or without. Tasks may call Go, but when every slot
	// is held by a task that waits in Go or Start, none would ever be freed:
	// the call that makes it so panics instead of waiting forever (under
	// Limit 1, any Go from a task while it runs).
	Limit int

	// Grace is the time Close gives tasks between the soft stop (Stopping)
	// and the hard cancel. It is also the grace a nested nursery applies
	// when the soft stop of the nursery around it reaches it; a nested
	// nursery with zero Grace keeps its tasks until the outer hard cancel.
	Grace time.Duration

	// Supervise keeps siblings running when a task fails; every failure is
	// still returned by Wait. A panic cancels the nursery even so.
	Supervise bool

	// OnOverdue, if set, is called when the grace of this nursery (from
	// Shutdown, Close, or its Grace applied at an outer soft stop) runs out
	// while tasks still run, just before the hard cancel, with what is still
	// running and where each group of tasks is blocked (see Overdue). It
	// runs on a goroutine of the runtime and the hard cancel waits for it:
	// log, and return. A nursery with OnOverdue also records when each task
	// started with Go begins to run, for the tasks' ages: a label set per
	// task, nine allocations and about 430 bytes more than a task of a
	// nursery without it (BenchmarkSpawnJoinTrace in bench/).
	OnOverdue func(Overdue)
}

// Nursery is a scope that owns goroutines. No nursery ends before every task
// started in it has returned. Make one with Run (for a block) or New (for a
// value that owns it and must Close it).
//
// A Nursery's methods may be called from any goroutine, including its own
// tasks. Go and Start panic once the nursery has finished (Wait returned).
type Nursery struct {
	cfg     Config
	hasBody bool // made by Run: Wait and Close belong to the body
	id      uint64
	created time.Time
	parent  *Nursery // enclosing nursery found in the parent context, or nil

	parentCtx  context.Context
	ctx        context.Context // task context; done at the hard cancel
	cancel     context.CancelCauseFunc
	stop       context.Context // soft stop, made on first use (stopContext); a child of ctx
	stopCancel context.CancelCauseFunc
	labels     context.Context // pprof labels of the nursery, without "task"
	trace      *trace.Task     // n's task in the execution trace, or nil (trace.go)

	flags     atomic.Uint32
	done      chan struct{}             // closed when the nursery has finished
	sem       chan struct{}             // Limit slots, or nil
	lastLabel atomic.Pointer[taskLabel] // one-entry cache in front of taskLabels

	// refs counts running tasks, Go/Start calls in progress, and 1 for the
	// owner until it calls Wait (or Run's body returns). At zero the nursery
	// finishes and refs is set to dead, so that a late Go can tell. Every
	// Go and every task's end writes it, from any core: it has a cache line
	// of its own, so that the fields every task reads do not bounce with it.
	_    [64]byte
	refs atomic.Int64
	_    [56]byte

	mu           sync.Mutex
	errs         []error // failures, first first
	cause        error   // the cause of the first cancel this nursery made itself
	cutAt        int32   // len(errs) when n's context was first seen cancelled; -1 before
	parentFirst  bool    // the parent context was cancelled before that cancel
	panicked     *PanicError
	crashTimer   *time.Timer
	hardTimer    *time.Timer
	hardAt       time.Time // when hardTimer fires
	stopCause    error     // cause of the soft stop
	softStop     time.Time // when the soft stop was sent
	result       error     // set by finish
	unhookStop   func() bool
	taskLabels   map[uintptr]*taskLabel
	ownLabels    atomic.Pointer[sync.Map] // label sets of running tasks that have their own (OnOverdue), for inTask
	children     map[*Nursery]struct{}
	starting     map[*startTask]struct{}
	waiting      int // Go and Start calls blocked on Limit
	waitingTasks int // those of them made by n's own tasks
}

const (
	flagOwnerReleased uint32 = 1 << iota // Wait was called (or Run's body returned)
	flagStopping                         // soft stop sent
	flagCancelled                        // n's context is cancelled or about to be (cancelled)
	flagFinished
	flagForeign  // something other than a nursery may cancel n's context
	flagStopMade // n.stop is made (stopContext)
)

// dead is stored in refs once the nursery has finished: any later Add(1)
// leaves it negative, which Go reports as misuse.
const dead = -1 << 40

var nextID atomic.Uint64

// Run runs body with a new nursery built from ctx and returns only after body
// and every task started in the nursery have returned. It returns every
// failure, joined, first failure first; a task panic is re-raised here as a
// *PanicError. Run is Config{}.Run.
func Run(ctx context.Context, body func(n *Nursery) error) error {
	return Config{}.Run(ctx, body)
}

// New returns a nursery owned by a value rather than a block: the owner must
// call Close (or Shutdown and Wait) exactly as Run would at the end of its
// body. New is Config{}.New.
func New(ctx context.Context) *Nursery {
	return Config{}.New(ctx)
}

// Run runs body with a new nursery that follows c; see the package-level Run.
// If body panics, the nursery is cancelled, its tasks are waited for, and the
// panic is re-raised as a *PanicError.
func (c Config) Run(ctx context.Context, body func(n *Nursery) error) error {
	return c.New(ctx).runBody(body)
}

// runBody runs body as the owner of n, then waits for n.
func (n *Nursery) runBody(body func(n *Nursery) error) error {
	n.hasBody = true // before anyone else has n
	returned := false
	defer func() {
		if !returned {
			// body panicked or called runtime.Goexit: structure still holds.
			n.abnormal(recover(), "body")
			n.ownerWait()
		}
	}()
	if err := body(n); err != nil {
		n.fail(err)
	}
	returned = true
	return n.ownerWait()
}

// New returns a nursery that follows c, built from ctx; see the package-level
// New. A nursery made from the context of another nursery's task (or from
// its Context, or a context derived from them) is nested in it: it sees the
// outer soft stop and is cancelled no later than the outer hard cancel. One
// made from a context detached with context.WithoutCancel is not: it is a
// root, as one made from context.Background is.
func (c Config) New(ctx context.Context) *Nursery {
	if ctx == nil {
		panic("nursery: New with a nil context")
	}
	if c.Limit < 0 {
		panic("nursery: negative Limit")
	}
	n := &Nursery{
		cfg:       c,
		id:        nextID.Add(1),
		created:   time.Now(),
		parentCtx: ctx,
		done:      make(chan struct{}),
		cutAt:     -1,
	}
	n.parent = owner(ctx)
	if done := ctx.Done(); done != nil {
		if p := n.parent; p == nil || done != p.ctx.Done() || p.flags.Load()&flagForeign != 0 {
			n.flags.Store(flagForeign) // not only nurseries cancel ctx
		}
	}
	n.refs.Store(1) // the owner
	if c.Limit > 0 {
		n.sem = make(chan struct{}, c.Limit)
	}
	n.labels = pprof.WithLabels(ctx, n.labelSet())
	n.ctx, n.cancel = context.WithCancelCause(context.WithValue(n.traceNursery(n.labels), nurseryKey{}, n))
	if n.parent != nil {
		// The outer soft stop reaches this nursery through the context.
		n.unhookStop = context.AfterFunc(n.parent.stopContext(), n.outerStopped)
	}
	register(n)
	return n
}

type nurseryKey struct{}

// Context returns the context every task of n receives. It is done at n's
// hard cancel; Stopping(n.Context()) is n's soft stop.
func (n *Nursery) Context() context.Context { return n.ctx }

// Go starts task in its own goroutine, as a task of n. The task receives the
// nursery's context. A task that returns an error fails the nursery (see
// Config.Supervise); one that panics cancels it and the owner re-panics.
//
// Go on a cancelled nursery (Cancel, a failure, the hard cancel of a
// shutdown, a cancelled parent) returns without starting task, with or
// without a Limit: a task started then could only see its context
// cancelled. Code that counts on the task running (a task meant to stop a
// blocking call made next) checks TryGo's result instead.
//
// With a Limit, Go blocks while the nursery is full; if the nursery is
// cancelled first, Go returns without starting task, and a failing task
// cancels the nursery before its slot is freed, so a Go waiting behind it
// never starts its task. Go may be called from n's own tasks (see
// Config.Limit for the one way that deadlocks, which panics). It panics if
// n has finished.
func (n *Nursery) Go(task func(ctx context.Context) error) {
	if task == nil {
		panic("nursery: Go with a nil task")
	}
	n.enter("Go")
	if n.sem == nil {
		// n.cancelled, written out (too large to be inlined): this is the hot path
		if f := n.flags.Load(); f&flagCancelled != 0 || f&flagForeign != 0 && n.ctx.Err() != nil {
			n.exit()
			return
		}
	} else if !n.acquire("Go") {
		n.exit()
		return
	}
	go n.run(task) // captures two words, like sync.WaitGroup.Go
}

// TryGo starts task as Go does if it can start it at once, and reports
// whether it did. With a Limit, it does not wait for a slot: on a full
// nursery it returns false. Like Go, it starts nothing on a cancelled
// nursery, and it panics if n has finished. It is errgroup's TryGo: a
// producer that sheds load instead of waiting calls it.
func (n *Nursery) TryGo(task func(ctx context.Context) error) bool {
	if task == nil {
		panic("nursery: TryGo with a nil task")
	}
	n.enter("TryGo")
	if n.sem != nil {
		select {
		case n.sem <- struct{}{}:
		default:
			n.exit()
			return false
		}
	}
	if !n.admitted() {
		n.exit()
		return false
	}
	go n.run(task)
	return true
}

// run is the body of every task goroutine started by Go.
func (n *Nursery) run(task func(context.Context) error) {
	l := n.lastLabel.Load() // n.labelFor, written out: this is the hot path
	if pc := funcPC(task); l == nil || l.pc != pc {
		l = n.newLabel(pc)
	}
	setProfLabel(l.ptr) // pprof.SetGoroutineLabels(l.ctx), without looking the labels up in l.ctx
	returned := false
	defer func() {
		if !returned {
			n.abnormal(recover(), "task")
		}
		if n.sem != nil {
			<-n.sem
		}
		n.exit() // release, written out: this is the hot path
	}()
	ctx := n.ctx
	if n.cfg.OnOverdue != nil || trace.IsEnabled() {
		var end func()
		ctx, end = n.begin(l) // trace.go
		defer end()
	}
	err := task(ctx)
	returned = true
	if err != nil {
		n.fail(err)
	}
}

// enter takes a reference for a task about to start; it panics if the
// nursery has already finished.
func (n *Nursery) enter(method string) {
	if n.refs.Add(1) <= 1 {
		n.enterFinished(method) // small enough to inline without the panic
	}
}

// enterFinished undoes enter's reference and panics: refs was 0 (finishing)
// or dead (finished).
//
//go:noinline
func (n *Nursery) enterFinished(method string) {
	n.exit()
	panic("nursery: " + method + " called on a nursery that has finished (its Wait, Close or Run has returned)")
}

// acquire takes a Limit slot for method (Go or Start). It reports false,
// having taken nothing, when the nursery is cancelled before or while it
// waits. It panics when every slot is held by a task of n that waits in
// acquire: nothing could free one.
func (n *Nursery) acquire(method string) bool {
	select {
	case n.sem <- struct{}{}:
	default:
		task := n.inTask()
		if !n.countWaiting(task, 1) {
			n.exit() // the reference Go or Start took
			panic("nursery: " + method + " called from a task while every one of the nursery's Limit slots (" +
				strconv.Itoa(n.cfg.Limit) + ") is held by a task waiting in Go or Start: none would ever be freed")
		}
		got := false
		select {
		case n.sem <- struct{}{}:
			got = true
		case <-n.ctx.Done():
		}
		n.countWaiting(task, -1)
		if !got {
			return false
		}
	}
	return n.admitted()
}

// admitted reports whether a task may start now that it has its slot, if
// any: not once the nursery is cancelled, when it gives the slot back. A
// failing task cancels before it frees its slot, so no task starts in a
// slot freed by a failure.
func (n *Nursery) admitted() bool {
	if !n.cancelled() {
		return true
	}
	if n.sem != nil {
		<-n.sem
	}
	return false
}

// cancelled reports whether n's context is cancelled, or about to be. Go
// asks it for every task, and a context answers Err only through an
// interface call and an atomic load: cancelled reads n's flags instead. A
// nursery sets flagCancelled on itself and on the nurseries nested in it
// before it cancels its context (cancelTree), so the flag says it all unless
// a context of the user's may cancel n's (flagForeign).
func (n *Nursery) cancelled() bool {
	f := n.flags.Load()
	return f&flagCancelled != 0 || f&flagForeign != 0 && n.ctx.Err() != nil
}

// countWaiting counts a Go or Start call that starts (d = 1) or stops
// (d = -1) waiting for a slot; task says whether one of n's tasks makes it.
// Each task holds a slot, so once as many tasks wait as there are slots,
// every slot is held by a task that waits for one: countWaiting then counts
// nothing and reports false.
func (n *Nursery) countWaiting(task bool, d int) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if d > 0 && task && n.waitingTasks+1 >= n.cfg.Limit {
		return false
	}
	n.waiting += d
	if task {
		n.waitingTasks += d
	}
	return true
}

// release frees the Limit slot and the reference of a task that returned.
func (n *Nursery) release() {
	if n.sem != nil {
		<-n.sem
	}
	n.exit()
}

// exit drops one reference.
func (n *Nursery) exit() {
	if v := n.refs.Add(-1); v <= 1 {
		n.exitSlow(v)
	}
}

func (n *Nursery) exitSlow(v int64) {
	switch {
	case v == 0:
		if n.refs.CompareAndSwap(0, dead) {
			n.finish()
		}
	case v == 1 && n.flags.Load()&(flagStopping|flagOwnerReleased) == flagStopping:
		// Shutting down, the owner still holds the nursery, and the last
		// task has returned: no need to wait out the grace.
		n.hardCancel(n.stopCauseOr(errShutdown))
	}
}

// Start starts task like Go and returns once the task calls ready, like
// Trio's nursery.start: a server can be listening before the next line
// runs. If the task returns before calling ready, Start returns its error
// (or an error saying ready was never called) and the nursery does not count
// that failure: the caller decides what to do. The same holds for a task
// that calls runtime.Goexit (as t.FailNow does) before ready; a task that
// panics before ready makes Start return the *PanicError and, like any
// panic, cancels the nursery, whose owner re-panics. After ready, the task
// is an ordinary task of n. With a Limit, Start waits for a slot like Go.
// Like Go, it starts nothing on a cancelled nursery, with a Limit or
// without: it returns the cancellation cause (context.Cause of n's context)
// at once, or when the nursery is cancelled while it waits for a slot.
func (n *Nursery) Start(task func(ctx context.Context, ready func()) error) error {
	if task == nil {
		panic("nursery: Start with a nil task")
	}
	n.enter("Start")
	if n.sem != nil && !n.acquire("Start") || n.sem == nil && !n.admitted() {
		n.exit()
		return context.Cause(n.ctx)
	}
	st := &startTask{
		id:      strconv.FormatUint(nextID.Add(1), 10),
		started: time.Now(),
		ready:   make(chan struct{}),
	}
	st.labels = pprof.WithLabels(n.labelFor(funcPC(task)).ctx, pprof.Labels(labelStart, st.id))
	n.mu.Lock()
	if n.starting == nil {
		n.starting = make(map[*startTask]struct{})
	}
	n.starting[st] = struct{}{}
	n.mu.Unlock()
	go n.runStart(task, st)
	<-st.ready
	if st.state.Load() == startReturned {
		return st.err
	}
	return nil
}

// startTask is the handshake between Start and its task; it is also the
// task's entry in the task tree.
type startTask struct {
	id      string          // the pprof label "start"
	labels  context.Context // the task's pprof labels
	ptr     unsafe.Pointer  // labelsOf(labels), once asked for; n.mu
	started time.Time
	state   atomic.Int32
	ready   chan struct{}
	err     error // set before ready is closed when state is startReturned
}

const (
	startStarting int32 = iota
	startRunning
	startReturned // returned before calling ready
)

func (n *Nursery) runStart(task func(context.Context, func()) error, st *startTask) {
	pprof.SetGoroutineLabels(st.labels)
	ready := func() {
		if st.state.CompareAndSwap(startStarting, startRunning) {
			close(st.ready)
		}
	}
	returned := false
	defer func() {
		if !returned {
			n.startAbnormal(st, recover())
		}
		n.mu.Lock()
		delete(n.starting, st)
		n.mu.Unlock()
		n.release()
	}()
	ctx, end := n.traceStart(st.labels) // trace.go
	defer end()
	err := task(ctx, ready)
	returned = true
	if n.returnedEarly(st, err) {
		return
	}
	if err != nil {
		n.fail(err)
	}
}

// returnedEarly hands err to Start if the task never called ready, and
// reports whether it did.
func (n *Nursery) returnedEarly(st *startTask, err error) bool {
	if !st.state.CompareAndSwap(startStarting, startReturned) {
		return false
	}
	if err == nil {
		err = errNotReady
	}
	st.err = err
	close(st.ready)
	return true
}

var errNotReady = errors.New("nursery: Start task returned without calling ready")

// Cancel cancels the nursery at once (the hard cancel; no grace). A non-nil
// cause becomes the context.Cause of the nursery's context and is reported by
// Wait like a failure; Cancel(nil) is a deliberate stop and reports nothing.
// Cancel after the nursery has finished does nothing.
func (n *Nursery) Cancel(cause error) {
	if cause == nil {
		n.hardCancel(context.Canceled)
		return
	}
	n.record(cause, true)
}

// Shutdown stops the nursery in two phases and does not block. First
// Stopping(ctx) becomes done for every task: the soft signal to stop
// accepting work and finish what it holds. Then the task context is
// cancelled, when grace runs out or as soon as every task has returned,
// whichever comes first; all tasks share the one grace. A later Shutdown may
// shorten the grace, never lengthen it. Nested nurseries see the soft stop
// through the context and are cancelled no later than n.
func (n *Nursery) Shutdown(grace time.Duration) {
	n.shutdown(max(grace, 0), errShutdown)
}

// shutdown sends the soft stop with cause and arms the hard cancel after
// grace; a negative grace leaves the hard cancel to someone else.
func (n *Nursery) shutdown(grace time.Duration, cause error) {
	n.mu.Lock()
	if n.flags.Load()&flagFinished != 0 {
		n.mu.Unlock()
		return
	}
	first := n.flags.Load()&flagStopping == 0
	if first {
		n.stopCause = cause
		n.softStop = time.Now()
		n.flags.Or(flagStopping)
	}
	cause = n.stopCause
	now := false
	if grace >= 0 {
		tasks := n.refs.Load()
		if n.flags.Load()&flagOwnerReleased == 0 {
			tasks-- // the owner's hold is not a task
		}
		now = grace == 0 || tasks <= 0
		if at := time.Now().Add(grace); !now && (n.hardTimer == nil || at.Before(n.hardAt)) {
			if n.hardTimer != nil {
				n.hardTimer.Stop()
			}
			n.hardAt = at
			n.hardTimer = time.AfterFunc(grace, func() { n.graceRanOut(grace, cause) }) // grace.go
		}
	}
	made := n.flags.Load()&flagStopMade != 0
	n.mu.Unlock()
	if first && made {
		n.stopCancel(cause)
	}
	if now {
		n.hardCancel(cause)
	}
}

// stopContext returns n's soft-stop context (see Stopping). It is made on
// first use, already cancelled if the soft stop was sent before: a nursery
// whose tasks never ask for it costs two allocations fewer, and its
// context's done channel and list of children three more.
func (n *Nursery) stopContext() context.Context {
	if n.flags.Load()&flagStopMade != 0 {
		return n.stop
	}
	return n.makeStop()
}

func (n *Nursery) makeStop() context.Context {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.flags.Load()&flagStopMade == 0 {
		n.stop, n.stopCancel = context.WithCancelCause(n.ctx)
		if n.flags.Load()&flagStopping != 0 {
			n.stopCancel(n.stopCause)
		}
		n.flags.Or(flagStopMade)
	}
	return n.stop
}

func (n *Nursery) stopCauseOr(def error) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.stopCause != nil {
		return n.stopCause
	}
	return def
}

// outerStopped runs when the soft stop of the enclosing nursery reaches n.
func (n *Nursery) outerStopped() {
	if n.ctx.Err() != nil {
		return // the outer stop was a hard cancel, which n's context has too
	}
	grace := n.cfg.Grace
	if grace == 0 {
		grace = -1 // keep the tasks until the outer hard cancel
	}
	n.shutdown(grace, context.Cause(n.parent.stopContext()))
}

// Wait waits until the owner's work and every task have returned, then
// returns every failure, errors.Join-ed, first failure first (a single
// failure is returned as it is). Cancellations the nursery caused are not
// failures. If the parent context was cancelled, the error says so:
// errors.Is(err, ctx.Err()) holds, also when the nursery was then cancelled
// with Cancel(nil); the parent's cancellation takes its place among the
// failures in the order they happened. The first error is always the cause
// the tasks saw (context.Cause), even when failures race. If a task
// panicked, Wait re-panics with its *PanicError. Calling Wait again returns
// the same result.
//
// Wait releases the owner's hold: tasks may still start tasks, but once
// Wait returns the nursery is finished. The owner of a nursery from New is
// whoever calls Wait (or Close); the owner of one from Run is its body, on
// the body's goroutine. Called from any other goroutine while the body
// runs, Wait releases nothing and also waits for the body to return: it
// never ends the nursery under the body's feet.
//
// A task of n must not wait for n, which would wait for the task itself:
// Wait called from a task of n panics. A task is recognised by its pprof
// labels; one that replaced them (pprof.Do) is not, and would deadlock.
func (n *Nursery) Wait() error {
	n.refuseTask("Wait")
	return n.callerWait()
}

// refuseTask panics if a task of n calls method (Wait or Close), which would
// wait for the task itself.
func (n *Nursery) refuseTask(method string) {
	if n.inTask() {
		panic("nursery: " + method + " called from a task of the same nursery: it would wait for the task itself; the owner's Wait waits for every task")
	}
}

// callerWait waits for n, first releasing the owner's hold if the caller
// owns n: anyone for a nursery from New, only the body for one from Run.
func (n *Nursery) callerWait() error {
	if n.flags.Load()&flagOwnerReleased == 0 && (!n.hasBody || inBody()) {
		return n.ownerWait()
	}
	return n.wait()
}

// ownerWait releases the owner's hold, once, and waits for n.
func (n *Nursery) ownerWait() error {
	if old := n.flags.Or(flagOwnerReleased); old&flagOwnerReleased == 0 {
		n.exit()
	}
	return n.wait()
}

// wait waits until n has finished and returns its result, or re-panics its
// task's panic.
func (n *Nursery) wait() error {
	<-n.done
	n.mu.Lock()
	pe := n.panicked
	if pe != nil && n.crashTimer != nil {
		n.crashTimer.Stop()
	}
	n.mu.Unlock()
	if pe != nil {
		panic(pe)
	}
	return n.result
}

// Close is Shutdown(Config.Grace) followed by Wait: the owner of a nursery
// from New calls it when it is done with it. Like Wait, it panics when
// called from a task of n, and from a goroutine other than the body of a
// Run nursery it waits for the body too.
func (n *Nursery) Close() error {
	n.refuseTask("Close")
	n.Shutdown(n.cfg.Grace)
	return n.callerWait()
}

// hardCancel cancels the task context. The first cancel the nursery makes
// itself fixes the cause, and every later one cancels with that same cause:
// whichever call reaches the context first, the tasks see the first cause.
func (n *Nursery) hardCancel(cause error) {
	n.mu.Lock()
	cause = n.claim(cause)
	n.mu.Unlock()
	n.cancelTree(cause)
}

// cancelTree cancels n's context with cause, after setting flagCancelled
// on n and on every nursery nested in it, which the cancel reaches too. A
// nursery nested later takes the flag from n in register.
func (n *Nursery) cancelTree(cause error) {
	n.markCancelled()
	n.cancel(cause)
}

// markCancelled sets flagCancelled on n and the nurseries nested in it. It
// walks them even where the flag is set: another cancel that set it may not
// have reached them yet, and n's cancel must not overtake it.
func (n *Nursery) markCancelled() {
	n.flags.Or(flagCancelled)
	n.mu.Lock()
	children := slices.Collect(maps.Keys(n.children))
	n.mu.Unlock()
	for _, c := range children {
		c.markCancelled()
	}
}

// claim makes cause the cause of n's own cancel if it is the first, and
// returns the cause to cancel with. n.mu is held.
func (n *Nursery) claim(cause error) error {
	if n.cause == nil {
		n.cause = cause
		n.parentFirst = n.parentCtx.Err() != nil
		n.markCut()
	}
	if n.hardTimer != nil {
		n.hardTimer.Stop()
	}
	return n.cause
}

// markCut records where, among the failures, n's context was first seen
// cancelled: a cancelled parent is reported at that place. n.mu is held.
func (n *Nursery) markCut() {
	if n.cutAt < 0 {
		n.cutAt = int32(len(n.errs))
	}
}

// fail records a task's (or the body's) error unless it only echoes a
// cancellation, and cancels the nursery unless it supervises.
func (n *Nursery) fail(err error) {
	if n.echoes(err) {
		return
	}
	n.record(err, !n.cfg.Supervise)
}

// record adds err to the failures and, if cancel, cancels n. Both happen
// under one lock, so that the first failure recorded is the cause the tasks
// see, even when failures race.
func (n *Nursery) record(err error, cancel bool) {
	n.mu.Lock()
	if n.flags.Load()&flagFinished != 0 {
		n.mu.Unlock()
		return
	}
	cause := err
	if cancel {
		cause = n.claim(err)
	} else if n.ctx.Err() != nil {
		n.markCut()
	}
	n.errs = append(n.errs, err)
	n.mu.Unlock()
	if cancel {
		n.cancelTree(cause)
	}
}

// echoes reports whether err is only the echo of a stop the nursery (or its
// parent) made: context.Canceled after a soft stop or a cancel, the context's
// own error, or the cancellation cause itself.
func (n *Nursery) echoes(err error) bool {
	// The flags first: the Err of a cancelled context receives from its
	// closed done channel, which takes the channel's lock, and 10k tasks
	// returning at a cancel would queue on it. The soft stop is sent when
	// flagStopping is set: a task that returns because of it saw it after.
	var ctxErr error
	if n.flags.Load()&(flagStopping|flagCancelled) == 0 {
		if ctxErr = n.ctx.Err(); ctxErr == nil {
			return false // nothing was stopped: every error is a failure
		}
	}
	// err == context.Canceled first: errors.Is costs some 60 instructions,
	// and every task of a cancelled nursery that returns ctx.Err() asks.
	if err == context.Canceled || errors.Is(err, context.Canceled) {
		return true
	}
	if ctxErr == nil {
		ctxErr = n.ctx.Err()
	}
	if ctxErr != nil && errors.Is(err, ctxErr) {
		return true
	}
	if cause := context.Cause(n.ctx); cause != nil && errors.Is(err, cause) {
		return true
	}
	if cause := n.stopCauseOr(nil); cause != nil && errors.Is(err, cause) {
		return true
	}
	return false
}

// finish runs once, when the last reference is gone.
func (n *Nursery) finish() {
	n.mu.Lock()
	errs := n.errs
	if err := n.parentCancellation(); err != nil {
		at := len(errs)
		if n.cutAt >= 0 {
			at = int(n.cutAt)
		}
		errs = slices.Insert(slices.Clip(errs), at, err)
	}
	n.result = join(errs...)
	if n.hardTimer != nil {
		n.hardTimer.Stop()
	}
	unhook := n.unhookStop
	n.flags.Or(flagFinished)
	n.mu.Unlock()

	if unhook != nil {
		unhook()
	}
	n.cancelTree(errFinished) // it ends the nested nurseries that outlive n
	unregister(n)
	n.endTrace()
	close(n.done)
}

// parentCancellation returns the error that reports a cancelled parent
// context, or nil if the parent was not cancelled before n cancelled
// itself. n.mu is held.
//
// n cancelled itself first when it claimed a cause while the parent was
// still live and that cause is the one its context holds. Comparing the
// causes alone cannot tell Cancel(nil) from a parent's cancel: both are
// context.Canceled.
func (n *Nursery) parentCancellation() error {
	ctxErr := n.parentCtx.Err()
	if ctxErr == nil || n.ctx.Err() == nil {
		return nil
	}
	if n.cause != nil && !n.parentFirst && sameError(context.Cause(n.ctx), n.cause) {
		return nil // n cancelled itself first
	}
	cause := context.Cause(n.parentCtx)
	if cause == nil || sameError(cause, ctxErr) {
		return ctxErr
	}
	return &parentError{err: ctxErr, cause: cause}
}

// abnormal handles a task or body that did not return; v is what recover
// returned in the deferred function that calls abnormal. It returns the
// error recorded: a Goexit is a failure, a panic a *PanicError that cancels
// n and that its owner re-raises.
func (n *Nursery) abnormal(v any, who string) error {
	if v == nil && !panicking() {
		err := goexitError(who)
		n.fail(err)
		return err
	}
	if pe, ok := v.(*PanicError); ok && n.isOwnPanic(pe) {
		return pe // the owner's Wait re-raised it inside the body: already counted
	}
	pe := &PanicError{Value: v, Stack: panicStack(debug.Stack())}
	n.mu.Lock()
	if n.panicked == nil {
		n.panicked = pe
		n.crashTimer = time.AfterFunc(panicCrashDelay, func() { crash(n, pe) })
	} else {
		n.panicked.more++
	}
	n.mu.Unlock()
	n.hardCancel(pe) // even under Supervise: a panic is a bug
	return pe
}

// startAbnormal handles a Start task that did not return; v is what recover
// returned. Before ready, a Goexit is Start's error, as a returned error is,
// and n does not count it; a panic is Start's error and, being a bug, also
// cancels n.
func (n *Nursery) startAbnormal(st *startTask, v any) {
	if v == nil && !panicking() && n.returnedEarly(st, goexitError("task")) {
		return
	}
	n.returnedEarly(st, n.abnormal(v, "task"))
}

func goexitError(who string) error {
	return errors.New("nursery: " + who + " called runtime.Goexit")
}

func (n *Nursery) isOwnPanic(pe *PanicError) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return pe == n.panicked
}

// panicking reports whether the deferred function that calls it (through
// abnormal) runs because of a panic rather than runtime.Goexit. recover
// returns nil for both a Goexit and, under GODEBUG=panicnil=1, panic(nil):
// the innermost of the runtime's two unwinders on the stack tells them apart.
// Only the paths of tasks that did not return pay for it.
func panicking() bool {
	var pcs [64]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs[:])])
	for {
		f, more := frames.Next()
		switch f.Function {
		case "runtime.gopanic":
			return true
		case "runtime.Goexit":
			return false
		}
		if !more {
			return false
		}
	}
}

// panicStack drops the frames of the recovery (debug.Stack, abnormal, the
// deferred function) from a stack taken while panicking, so that it reads
// like the stack of the panic itself: the header, then panic(...), then the
// frames that panicked.
func panicStack(stack []byte) []byte {
	header, _, ok := bytes.Cut(stack, []byte("\n"))
	i := bytes.Index(stack, []byte("\npanic("))
	if !ok || i < 0 {
		return stack
	}
	return append(append(header[:len(header):len(header)], '\n'), stack[i+1:]...)
}
