package ctxdetach

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	ctxpkg "context"
)

func query(ctx context.Context) error { return nil }

type Options struct{ Ctx context.Context }

// ---- reported ----

func handler(ctx context.Context) error {
	return query(context.Background()) // want `call to context.Background\(\) detaches this work from ctx, which is in scope: pass ctx`
}

func todo(ctx context.Context) error {
	return query(context.TODO()) // want `call to context.TODO\(\) detaches this work from ctx`
}

func withTimeout(parent context.Context) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `detaches this work from parent`
	defer cancel()
	return query(ctx)
}

func withoutCancel(ctx context.Context) {
	go query(context.WithoutCancel(ctx)) // want `goroutine .*is never joined` `call to context.WithoutCancel detaches this work from the cancellation of ctx: keep ctx`
}

func captured(ctx context.Context) func() error {
	return func() error {
		return query(context.Background()) // want `detaches this work from ctx`
	}
}

func aliased(ctx ctxpkg.Context) error {
	return query(ctxpkg.Background()) // want `call to ctxpkg.Background\(\) detaches this work from ctx`
}

func twoInScope(parent context.Context, other context.Context) error {
	return query(context.Background()) // want `detaches this work from the contexts in scope \(parent, other\)`
}

func local() error {
	ctx := context.Background()
	_ = query(ctx)
	return query(context.Background()) // ctx only ever holds a root: nothing detaches
}

func localDerived() error {
	ctx := context.Background()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_ = query(ctx)
	return query(context.Background()) // want `detaches this work from ctx`
}

func overwriteParam(ctx context.Context) error {
	ctx = context.Background() // want `call to context.Background\(\) detaches this work from ctx`
	return query(ctx)
}

func ignoredErr(ctx context.Context) {
	if err := query(ctx); err != nil {
		query(context.Background()) // want `detaches this work from ctx`
	}
}

// ---- not reported ----

func noContext() error {
	return query(context.Background())
}

func newOptions() Options {
	return Options{Ctx: context.Background()}
}

func defaulting(ctx context.Context) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return query(ctx)
}

// The parent when there is one, a root only when it is nil.
func orRoot(parent context.Context) context.Context {
	if parent != nil {
		return parent
	}
	return context.Background()
}

// A parent that is set but failed a check is dropped: that detaches.
func orRootChecked(parent context.Context) context.Context {
	if parent != nil && parent.Err() == nil {
		return parent
	}
	return context.Background() // want `call to context.Background\(\) detaches this work from parent`
}

func defaultingField(o Options) error {
	ctx := o.Ctx
	if ctx == nil {
		ctx = context.TODO()
	}
	return query(ctx)
}

func defaultingElse(ctx context.Context, o *Options) {
	if ctx != nil {
		o.Ctx = ctx
	} else {
		o.Ctx = context.Background()
	}
}

func declaredUnset(timeout bool) error {
	var ctx context.Context
	var cancel context.CancelFunc
	if timeout {
		ctx, cancel = context.WithTimeout(context.Background(), time.Second)
	} else {
		ctx, cancel = context.WithCancel(context.Background())
	}
	defer cancel()
	return query(ctx)
}

func isRoot(ctx context.Context) bool {
	return ctx == context.Background() || context.TODO() != ctx
}

func shutdown(ctx context.Context, srv *http.Server) error {
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

func shutdownSelect(ctx context.Context, srv *http.Server, errc chan error) error {
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

func shutdownErr(ctx context.Context, srv *http.Server) error {
	if ctx.Err() != nil {
		return srv.Shutdown(context.Background())
	}
	return nil
}

// A cleanup started where ctx is done runs after that too: ctx would
// cancel it at once. Started before, it is a detachment.
func closeWhenDone(ctx context.Context, srv *http.Server, msgs <-chan int) int {
	select {
	case m := <-msgs:
		return m
	case <-ctx.Done():
		go func() { // want `goroutine is never joined, so it can outlive closeWhenDone`
			_ = srv.Shutdown(context.Background())
		}()
	}
	return 0
}

func closeBeforeDone(ctx context.Context, srv *http.Server, msgs <-chan int) int {
	go func() { // want `goroutine is never joined, so it can outlive closeBeforeDone`
		_ = srv.Shutdown(context.Background()) // want `detaches this work from ctx`
	}()
	select {
	case m := <-msgs:
		return m
	case <-ctx.Done():
	}
	return 0
}

// A context made done on purpose, to hand a cancellation on, detaches
// nothing; one cancelled only later is work detached until then.
func injectCancel(ctx context.Context, inject bool) error {
	if inject {
		c1, cancel := context.WithCancel(context.Background())
		cancel()
		ctx = c1
	}
	return query(ctx)
}

func cancelLater(ctx context.Context) error {
	c1, cancel := context.WithCancel(context.Background()) // want `detaches this work from ctx`
	err := query(c1)
	cancel()
	return err
}

func afterFunc(ctx context.Context, srv *http.Server) {
	context.AfterFunc(ctx, func() {
		srv.Shutdown(context.Background())
	})
}

func documented(ctx context.Context) {
	//twine:detached the audit log must be written even when the request is cancelled
	query(context.WithoutCancel(ctx))
	query(context.Background()) //twine:detached same reason, on the line itself
}

func init() {
	ctx := context.Background()
	_ = query(context.TODO())
	_ = ctx
}

func namedResult() (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(context.Background())
	return
}

func namedResultWithParam(parent context.Context) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(context.Background()) // want `call to context.Background\(\) detaches this work from parent`
	return
}

// Not reported: each poll's context is given up (cancel()) before the
// work that follows it, which passing that context would fail at once.
func pollThenForward(poll func(context.Context) []int, forward func(context.Context, int) error) error {
	for range 3 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		vs := poll(ctx)
		cancel()
		for _, v := range vs {
			if err := forward(context.Background(), v); err != nil {
				return err
			}
		}
	}
	return nil
}

// Not reported: each poll's context is given up before the goroutine
// that does the work is started; passing it there would fail at once.
func pollTwiceThenServe(poll func(context.Context) []int, serve func(context.Context, []int) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	vs := poll(ctx)
	cancel()
	ctx, cancel = context.WithTimeout(context.Background(), time.Second)
	vs = append(vs, poll(ctx)...)
	cancel()
	errc := make(chan error, 1)
	go func() {
		errc <- serve(context.Background(), vs)
	}()
	return <-errc
}

// Reported: the second poll's context is given up only after the
// goroutine started.
func pollTwiceServeThenCancel(poll func(context.Context) []int, serve func(context.Context, []int) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	vs := poll(ctx)
	cancel()
	ctx, cancel = context.WithTimeout(context.Background(), time.Second)
	vs = append(vs, poll(ctx)...)
	errc := make(chan error, 1)
	go func() {
		errc <- serve(context.Background(), vs) // want `call to context.Background\(\) detaches this work from ctx`
	}()
	cancel()
	return <-errc
}

// Reported: the caller's context is still live after the probe's own is
// given up.
func probeThenWork(ctx context.Context, probe func(context.Context) error) error {
	pctx, cancel := context.WithTimeout(ctx, time.Second)
	err := probe(pctx)
	cancel()
	if err != nil {
		return err
	}
	return query(context.Background()) // want `call to context.Background\(\) detaches this work from ctx`
}

// Reported: the poll's context is given up only on one branch.
func pollMaybeCancelled(fast bool, poll func(context.Context) []int) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	vs := poll(ctx)
	if fast {
		cancel()
	}
	_ = vs
	_ = query(context.Background()) // want `call to context.Background\(\) detaches this work from ctx`
}

// A hook kept for later through sync.OnceValue runs when the worker
// starts, long after ctx, the constructor's, may be done.
type hookedWorker struct {
	start func() error
}

func newHookedWorker(ctx context.Context, hook func(context.Context) error) *hookedWorker {
	w := &hookedWorker{}
	w.start = sync.OnceValue(func() error {
		return hook(context.Background())
	})
	_ = ctx
	return w
}

// Called at once, the hook runs within ctx's lifetime.
func runHookNow(ctx context.Context, hook func(context.Context) error) error {
	return sync.OnceValue(func() error {
		return hook(context.Background()) // want `call to context.Background\(\) detaches this work from ctx`
	})()
}

// --- A context in scope that is itself a root ---
//
// ctx := context.Background() is nothing to detach from: a cleanup that
// makes its own root context loses no cancellation. A context that may be
// derived from a parameter still is.

var rootCleanups []func()

func startWithRoot() error {
	ctx := context.Background()
	if err := prepare(ctx); err != nil {
		return err
	}
	rootCleanups = append(rootCleanups, func() {
		_ = prepare(context.Background())
	})
	return nil
}

func startWithParent(parent context.Context, derive bool) error {
	ctx := context.Background() // want `call to context.Background\(\) detaches this work from parent`
	if derive {
		ctx = parent
	}
	return prepare2(ctx, func() error {
		return prepare(context.TODO()) // want `call to context.TODO\(\) detaches this work from ctx`
	})
}

func prepare(ctx context.Context) error { return ctx.Err() }

func prepare2(ctx context.Context, f func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return f()
}

// A WithoutCancel given a bound of its own at once: cut loose from the
// caller on purpose, and held by a deadline or a cancel of its own.

func cleanupWithin(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	query(ctx)
}

func retryDetached(ctx context.Context) {
	ctx = context.WithoutCancel(ctx)
	for range 3 {
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		err := query(tctx)
		cancel()
		if err == nil {
			return
		}
	}
}

func detachedThenUsed(ctx context.Context) {
	ctx = context.WithoutCancel(ctx) // want `call to context.WithoutCancel detaches this work from the cancellation of ctx`
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	query(tctx)
	query(ctx)
}

// A context that only carries a value on a root is nothing to detach
// from: nothing cancels it. One carrying a value on the caller's context
// is.

type recordKey struct{}

func recordOnRoot() error {
	recordCtx := context.WithValue(context.Background(), recordKey{}, true)
	_ = query(recordCtx)
	return query(context.Background())
}

func recordOnParent(parent context.Context) error {
	recordCtx := context.WithValue(parent, recordKey{}, true)
	_ = query(recordCtx)
	return query(context.Background()) // want `detaches this work from`
}

// --- Contexts that are not the work's parent ---

type srv struct{}

func (srv) Stop(ctx context.Context) error { return ctx.Err() }

// Not reported: a deferred cleanup runs as the function leaves, here
// because ctx is done; given ctx, it would give up at once.
func runUntilDone(ctx context.Context, s srv) error {
	defer func() { _ = s.Stop(context.Background()) }()
	<-ctx.Done()
	return nil
}

func runUntilDoneWithout(ctx context.Context, s srv) error {
	defer s.Stop(context.WithoutCancel(ctx))
	<-ctx.Done()
	return nil
}

// Reported: the same stop, run in place while ctx is live.
func stopInPlace(ctx context.Context, s srv) error {
	return s.Stop(context.Background()) // want `call to context.Background\(\) detaches this work from ctx`
}

// Not reported: a shutdown handed back to run later, bounded by its own
// deadline; the build's ctx is not its parent. (captured, above, hands
// back work that is not bounded, and stays reported.)
func buildWithShutdown(ctx context.Context, s srv) (srv, func() error) {
	_ = query(ctx)
	return s, func() error {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return s.Stop(sctx)
	}
}

// Not reported: the default and the lifetime contexts of a value that
// outlives the dial; ctx is for dialing only.
type dialed struct {
	txCtx  context.Context
	life   context.Context
	cancel context.CancelFunc
}

func dialConn(ctx context.Context) (*dialed, error) {
	if err := query(ctx); err != nil {
		return nil, err
	}
	d := &dialed{txCtx: context.Background()}
	d.life, d.cancel = context.WithCancel(context.Background())
	return d, nil
}

// Not reported: beside a local lookup timeout only, the root goes to a
// value the function returns.
func newTransport(ctx context.Context) *dialed { return &dialed{life: ctx} }

func createPeer(timeout time.Duration) (*dialed, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := query(ctx); err != nil {
		return nil, err
	}
	return newTransport(context.Background()), nil
}

// Reported: the same root beside a caller's context.
func createPeerFrom(parent context.Context) (*dialed, error) {
	if err := query(parent); err != nil {
		return nil, err
	}
	return newTransport(context.Background()), nil // want `call to context.Background\(\) detaches this work from parent`
}

type peerConfig struct{ transport *dialed }

func createPeerInto(cfg *peerConfig, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := query(ctx); err != nil {
		return err
	}
	var err error
	cfg.transport, err = newTransportErr(context.Background())
	return err
}

func newTransportErr(ctx context.Context) (*dialed, error) { return &dialed{life: ctx}, nil }

// Not reported: at the calls, ctx still holds its root; only a later
// statement gives it a deadline.
func rootUntilLater(send func(context.Context) error) error {
	ctx := context.Background()
	_ = send(ctx)
	for range 2 {
		_ = query(context.Background())
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return send(ctx)
}

// Reported: a later turn of the loop sees ctx with a cancel of its own.
func rootThenCancellable() {
	ctx := context.Background()
	var cancels []context.CancelFunc
	for range 2 {
		_ = query(context.Background()) // want `call to context.Background\(\) detaches this work from ctx`
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		cancels = append(cancels, cancel)
	}
	_ = query(ctx)
	for _, cancel := range cancels {
		cancel()
	}
}

type retryRequest struct{ ctx context.Context }

// Reported: rctx held a root until here; the retry keeps the request's
// values and drops its cancellation.
func retryRequestDetached(req *retryRequest) error {
	rctx := context.Background()
	if req.ctx != nil {
		rctx = context.WithoutCancel(req.ctx) // want `call to context.WithoutCancel detaches this work from the cancellation of req.ctx`
	}
	return query(rctx)
}

// A context of its own, so that the cleanup runs before the work's
// context ends; a goroutine cancels it once ctx is done: the work still
// ends with ctx, later, on purpose.
func openRelinked(ctx context.Context) {
	wctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-ctx.Done()
		cleanupWith(ctx)
		cancel()
	}()
	_ = query(wctx)
}

func openRelinkedInGroup(ctx context.Context, wg *sync.WaitGroup) {
	wctx, cancel := context.WithCancel(context.Background())
	wg.Go(func() {
		<-ctx.Done()
		cleanupWith(ctx)
		cancel()
	})
	_ = query(wctx)
}

func openRelinkedDeferred(ctx context.Context, stop chan struct{}) {
	wctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	go func() {
		defer cancel()
		select {
		case <-ctx.Done():
		case <-stop:
		}
	}()
	_ = query(wctx)
}

// context.AfterFunc bridges ctx's cancellation to a context of the
// function's own (one that also ends when a connection closes): the work
// still ends with ctx.
func opBridged(ctx, closed context.Context) (context.Context, func()) {
	opCtx, cancel := context.WithCancelCause(context.Background())
	stopClosed := context.AfterFunc(closed, func() { cancel(errors.New("closed")) })
	stopCtx := context.AfterFunc(ctx, func() {
		cancel(ctx.Err())
	})
	return opCtx, func() {
		stopClosed()
		stopCtx()
		cancel(context.Canceled)
	}
}

func opBridgedPlain(ctx context.Context) {
	opCtx, cancel := context.WithCancel(context.Background())
	defer context.AfterFunc(ctx, cancel)()
	_ = query(opCtx)
}

// Bridged from another context than ctx, it is still detached from ctx.
func opBridgedElsewhere(ctx, closed context.Context) {
	opCtx, cancel := context.WithCancel(context.Background()) // want `detaches this work from ctx`
	defer context.AfterFunc(closed, cancel)()
	_ = query(opCtx)
	_ = query(ctx)
}

// A context made from a root only to signal that a goroutine finished
// (defer finish(), then a select on finished.Done()): no work runs under
// it.
func finishedLatch(ctx context.Context) {
	finished, finish := context.WithCancel(context.Background())
	go func() {
		defer finish()
		_ = query(ctx)
	}()
	select {
	case <-ctx.Done():
	case <-finished.Done():
	}
	<-finished.Done()
}

// Given to work as well, it detaches that work.
func finishedLatchUsed(ctx context.Context) {
	finished, finish := context.WithCancel(context.Background()) // want `detaches this work from ctx`
	go func() {
		defer finish()
		_ = query(ctx)
	}()
	_ = query(finished)
}

// A deadline made from a root that only bounds a retry loop, whose every
// attempt is given the caller's context: the caller's cancellation ends
// each attempt, the deadline only how long the function keeps trying.
func retryBudget(ctx context.Context) error {
	budget, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for {
		select {
		case <-budget.Done():
			return errors.New("gave up")
		default:
		}
		if err := query(ctx); err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The same with the request's context.
func retryBudgetRequest(w http.ResponseWriter, r *http.Request) {
	budget, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Second))
	defer cancel()
	for budget.Err() == nil {
		if query(r.Context()) == nil {
			return
		}
	}
}

// A deadline from a root bounding a loop that never gives the work the
// caller's context: the caller's cancellation does not end the wait.
func retryBudgetDetached(ctx context.Context) error {
	budget, cancel := context.WithTimeout(context.Background(), 5*time.Second) // want `detaches this work from ctx`
	defer cancel()
	for {
		select {
		case <-budget.Done():
			return errors.New("gave up")
		case <-time.After(time.Second):
		}
	}
}

// A deadline's Done waited on outside any loop is the function's own wait.
func deadlineWait(ctx context.Context) {
	budget, cancel := context.WithTimeout(context.Background(), 5*time.Second) // want `detaches this work from ctx`
	defer cancel()
	<-budget.Done()
	_ = query(ctx)
}

// A function with no context of its own makes one for its lifetime,
// cancelled only as it returns: synchronous work given a root is not cut
// off from anything. One whose cancel a signal calls can end early, and
// work given a root instead goes on.
func lifetimeContext(serve func(context.Context)) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := query(context.Background()); err != nil {
		return
	}
	serve(ctx)
}

// Its cancel handed to a signal handler only after the setup: at the
// setup, nothing can cancel it yet.
func lifetimeContextSignalled(serve func(context.Context), handle func(context.CancelFunc)) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := query(context.Background()); err != nil {
		return
	}
	go handle(cancel)
	serve(ctx)
}

func lifetimeContextStopped(serve func(context.Context), stop chan struct{}) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	if err := query(context.Background()); err != nil { // want `call to context.Background\(\) detaches this work from ctx`
		return
	}
	serve(ctx)
}

// A goroutine that cancels it on a signal of its own, not ctx's, leaves
// the work detached from ctx.
func openUnlinked(ctx context.Context, stop chan struct{}) {
	wctx, cancel := context.WithCancel(context.Background()) // want `detaches this work from ctx`
	go func() {
		<-stop
		cancel()
	}()
	_ = query(wctx)
	_ = query(ctx)
}

func cleanupWith(ctx context.Context) {}

// A function with no context of its own that works in phases, each with a
// context made from a root into the same variable: the next phase's root
// replaces the last one, it detaches nothing.
func phases() {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		cancel()
	}()
	_ = query(ctx)
	ctx, cancel = context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = query(ctx)
	ctx = context.WithValue(context.Background(), phaseKey{}, 1)
	ctx = context.WithValue(ctx, phaseKey{}, 2)
	_ = query(ctx)
}

type phaseKey struct{}

// A context wired to a signal (its cancel run once stop returns), or a
// caller's context, replaced by a root is still detached from.
func phasesWired(stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		stop()
		cancel()
	}()
	_ = query(ctx)
	ctx, cancel = context.WithTimeout(context.Background(), time.Second) // want `detaches this work from ctx`
	defer cancel()
	_ = query(ctx)
}

func phasesFromCaller(ctx context.Context) {
	_ = query(ctx)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `detaches this work from ctx`
	defer cancel()
	_ = query(ctx)
}

// A constructor with no caller's context: its contexts are roots it made
// (a ping's timeout, the value's own lifetime), and what it gives a root
// is kept by the value it returns, through a local or a field's slice.
type dbPool struct{ ctx context.Context }

func openPool(ctx context.Context) *dbPool { return &dbPool{ctx: ctx} }

func (p *dbPool) ping(ctx context.Context) error { return ctx.Err() }

type dbClient struct {
	main, extra *dbPool
	replicas    []*dbPool
	cancel      context.CancelFunc
}

func newDBClient(replicas int) (*dbClient, error) {
	main := openPool(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := main.ping(ctx); err != nil {
		return nil, err
	}
	extra := openPool(context.Background())
	cl := &dbClient{main: main, extra: extra}
	for range replicas {
		rp := openPool(context.Background())
		cl.replicas = append(cl.replicas, rp)
	}
	return cl, nil
}

func newDBClientLifetime() *dbClient {
	ctx := context.Background()
	main := openPool(ctx)
	ctx, cancel := context.WithCancel(context.Background())
	cl := &dbClient{main: main, cancel: cancel}
	_ = main.ping(ctx)
	rp := openPool(context.Background())
	cl.replicas = append(cl.replicas, rp)
	return cl
}

// A caller's context is in scope: the kept value is detached from it.
func newDBClientFrom(ctx context.Context) *dbClient {
	main := openPool(ctx)
	extra := openPool(context.Background()) // want `detaches this work from ctx`
	return &dbClient{main: main, extra: extra}
}

// A root's timeout and a check given a root beside it, kept by nothing.
func pingTwice(p *dbPool) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := p.ping(ctx); err != nil {
		return err
	}
	return p.ping(context.Background()) // want `detaches this work from ctx`
}

// A signal's helpers derive its stop contexts, each with a cancel: two
// sibling phases made from roots, cancelled at return. The second made
// from the first would end at the soft stop.
type stopSig struct{ soft, hard chan struct{} }

func (s *stopSig) softCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		select {
		case <-s.soft:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

func (s *stopSig) hardCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		select {
		case <-s.hard:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

func readUntilStopped(s *stopSig, read func(context.Context) error) {
	leisure, done := s.softCtx(context.Background())
	defer done()
	now, nowDone := s.hardCtx(context.Background())
	defer nowDone()
	for read(leisure) == nil {
		select {
		case <-now.Done():
			return
		default:
		}
	}
}

// With a caller's context in scope, the hard stop's root detaches from it.
func readUntilStoppedFrom(ctx context.Context, s *stopSig, read func(context.Context) error) {
	leisure, done := s.softCtx(ctx)
	defer done()
	now, nowDone := s.hardCtx(context.Background()) // want `detaches this work from ctx`
	defer nowDone()
	for read(leisure) == nil {
		select {
		case <-now.Done():
			return
		default:
		}
	}
}

// A framework's context: a struct that embeds the caller's context.
type sessionCtx struct {
	context.Context
	user string
}

// Given one, the caller's cancellation is in it.
func lookup(sctx *sessionCtx, keys []string) {
	for range keys {
		_ = query(context.Background()) // want `detaches this work from sctx, which is in scope: pass sctx`
	}
}

// A second session the function sets up for itself is no context of the
// caller's.
func otherSession(keys []string) {
	own := &sessionCtx{Context: context.Background(), user: "root"}
	_ = query(own)
	_ = query(context.Background())
}

// Nor is a struct that only holds a context in a named field.
type holder struct{ ctx context.Context }

func fromHolder(h holder) error { return query(context.Background()) }
