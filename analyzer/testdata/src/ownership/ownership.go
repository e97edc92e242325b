// Package ownership holds the shapes of the ownership model (own.go):
// goroutines whose join or stop is handed on and must be checked at the
// other end, stops recognised by their effect, and what is not a join.
// Each case is written after a shape seen in real code (issue 11,
// bench/realworld/REPORTS-next.md); none is copied from it.
package ownership

import (
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"example.com/ownership/catcher"
	"example.com/ownership/closer"
	"example.com/ownership/codec"
	"example.com/ownership/fluent"
	"example.com/ownership/gckv"
	"example.com/ownership/harness"
	"example.com/ownership/kv"
	"example.com/ownership/lifecycle"
	"example.com/ownership/lru"
	"example.com/ownership/muxconn"
	"example.com/ownership/optsrv"
	"example.com/ownership/pool"
	"example.com/ownership/qlisten"
	"example.com/ownership/respool"
	"example.com/ownership/serving"
	startsession "example.com/ownership/session"
	"example.com/ownership/tgroup"
	"example.com/ownership/wgwrap"
)

func work()               {}
func use(args ...any)     {}
func fetch() (int, error) { return 0, nil }

// --- A. A channel in a field of a local value is the function's own ---

type watchChan struct {
	results chan int
	stop    chan struct{}
}

func newWatchChan() *watchChan {
	return &watchChan{results: make(chan int), stop: make(chan struct{})}
}

func (w *watchChan) run() {
	for i := 0; i < 3; i++ {
		w.results <- i
	}
}

func watchOnce() {
	wc := newWatchChan()
	go wc.run() // want `goroutine running wc.run is never joined, so it can outlive watchOnce`
}

func watchAll() []int {
	wc := newWatchChan()
	go func() {
		defer close(wc.results)
		wc.run()
	}()
	var got []int
	for r := range wc.results {
		got = append(got, r)
	}
	return got
}

// A method on a field of a local is judged like one on the local itself.

type node struct{ quit chan struct{} }

func newNode() *node { return &node{quit: make(chan struct{})} }

func (n *node) loop() {
	for {
		select {
		case <-n.quit:
			return
		case <-time.After(time.Second):
		}
	}
}

func (n *node) stop() { close(n.quit) }

type env struct{ node *node }

func startEnv() {
	e := &env{node: newNode()}
	go e.node.loop() // want `goroutine running e.node.loop is never joined, so it can outlive startEnv`
}

func startEnvStopped() {
	e := &env{node: newNode()}
	go e.node.loop()
	defer e.node.stop()
	work()
}

// --- B. A join handed on with a result, dropped by the caller ---

func async(f func() error) chan error {
	ch := make(chan error)
	go func() { ch <- f() }() // want `goroutine is handed on to the caller, but asyncOrCancel drops it at line \d+: receive from it there on every path`
	return ch
}

func asyncOrCancel(ctx context.Context, f func() error) error {
	select {
	case err := <-async(f): // want `the result of async is received from in only one case of a select, so the goroutine started at ownership/ownership.go:\d+ \(a function literal\) is never joined`
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func asyncWaited(f func() error) error {
	return <-async(f)
}

type tx struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func begin(ctx context.Context) *tx {
	ctx, cancel := context.WithCancel(ctx)
	t := &tx{ctx: ctx, cancel: cancel}
	go t.awaitDone() // want `goroutine running t.awaitDone is handed on to the caller, but useTx drops it at line \d+`
	return t
}

func (t *tx) awaitDone() { <-t.ctx.Done() }

// Rollback is the method that stops it, by its effect: it cancels the
// context awaitDone waits on (through rollback).
func (t *tx) Rollback() { t.rollback() }
func (t *tx) rollback() { t.cancel() }

func useTx(ctx context.Context) {
	t := begin(ctx) // want `the result of begin is not stopped on every path: the end of the function at line \d+ skips it, so the goroutine started at ownership/ownership.go:\d+ \(t.awaitDone\) is never joined: call its Rollback method`
	if t.ctx.Err() != nil {
		return
	}
}

func useTxRolledBack(ctx context.Context) error {
	t := begin(ctx)
	defer t.Rollback()
	_, err := fetch()
	return err
}

func handTxOn(ctx context.Context) *tx {
	t := begin(ctx) // handed on: the caller owes the Rollback
	return t
}

// --- D. A WaitGroup in a field: whoever makes the owner must stop it ---

type stopper struct {
	wg   sync.WaitGroup
	quit chan struct{}
}

func newStopper() *stopper { return &stopper{quit: make(chan struct{})} }

func (s *stopper) runWorker(f func(quit <-chan struct{})) {
	s.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but workersNeverStopped drops it at line \d+: call its Stop method there`
		defer s.wg.Done()
		f(s.quit)
	}()
}

func (s *stopper) Stop() {
	close(s.quit)
	s.wg.Wait()
}

func workersNeverStopped() {
	s := newStopper()
	s.runWorker(func(<-chan struct{}) {}) // want `the receiver of \(\*stopper\).runWorker is not stopped on every path: the end of the function at line \d+ skips it`
}

func workersStopped() {
	s := newStopper()
	defer s.Stop()
	s.runWorker(func(<-chan struct{}) {})
}

// --- E. A start signal is not a join ---

func startSignal(block chan struct{}) {
	var start sync.WaitGroup
	start.Add(1)
	go func() { // want `goroutine is handed on to the caller, but startSignalCaller drops it`
		start.Done()
		<-block
	}()
	start.Wait()
}

// The caller must close block: the start signal joined nothing.
func startSignalCaller() {
	block := make(chan struct{})
	startSignal(block) // want `argument 1 of startSignal is not closed on every path`
}

func pump(started chan struct{}, in <-chan int) {
	close(started)
	for v := range in {
		use(v)
	}
}

func startedPump(in <-chan int) {
	started := make(chan struct{})
	go pump(started, in) // want `goroutine running pump is handed on to the caller, but startedPumpCaller drops it`
	<-started
}

func startedPumpCaller() {
	startedPump(make(chan int)) // want `argument 1 of startedPump is never closed \(make\(chan int\)\)`
}

func doneAtTheEnd() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		work()
		wg.Done()
	}()
	wg.Wait()
}

// --- F. One receive cannot take many sends ---

const batch = 6

func scatter(out chan bool) {
	for i := 0; i < batch+2; i++ {
		out <- i%2 == 0
	}
}

func gatherUntilCancelled(ctx context.Context) bool {
	out := make(chan bool, batch)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips draining out`
		defer close(out)
		scatter(out)
	}()
	for v := range out {
		select {
		case <-ctx.Done():
			return v
		default:
		}
	}
	return true
}

// A comma-ok receive that saw the close ends where a range over the
// channel would: the goroutine's last act closed it.
func gatherUntilClosed(stop <-chan struct{}) int {
	out := make(chan bool, batch)
	go func() {
		defer close(out)
		for i := 0; i < batch+2; i++ {
			out <- true
		}
	}()
	n := 0
	for {
		select {
		case <-stop:
			for range out {
			}
			return n
		case _, ok := <-out:
			if !ok {
				return n
			}
			n++
		}
	}
}

// ok true says nothing of the others: they still wait to be sent.
func gatherFirstOK() bool {
	out := make(chan bool)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving the 8 values it sends on out`
		defer close(out)
		for i := 0; i < batch+2; i++ {
			out <- true
		}
	}()
	v, ok := <-out
	if ok {
		return v
	}
	return false
}

// One receive from a goroutine that sends through a helper in a loop
// takes one value: its close, the last act, is not reached.
func gatherFirstThroughHelper() bool {
	out := make(chan bool)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips draining out`
		defer close(out)
		scatter(out)
	}()
	return <-out
}

// ok assigned again by another receive no longer speaks for out.
func gatherOKReused(other chan bool) bool {
	out := make(chan bool)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving the 8 values it sends on out`
		defer close(out)
		for i := 0; i < batch+2; i++ {
			out <- true
		}
	}()
	v, ok := <-out
	v, ok = <-other
	if !ok {
		return v
	}
	for range out {
	}
	return false
}

func gatherAll() int {
	out := make(chan bool)
	go func() {
		defer close(out)
		scatter(out)
	}()
	n := 0
	for range out {
		n++
	}
	return n
}

// A buffer of one takes the one send, so a select that leaves by another
// case abandons a goroutine that cannot wait; one that takes a lock first
// waits for it for as long as anyone holds it.

type page struct {
	mu   sync.Mutex
	text string
}

func (p *page) render() error { return nil }

func (p *page) renderOrTimeOut(ctx context.Context) error {
	res := make(chan error, 1)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from res \(the goroutine may first wait for a lock, p.mu.Lock\(\) at ownership.go:\d+, for as long as anyone holds it\)`
		p.mu.Lock()
		defer p.mu.Unlock()
		res <- p.render()
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-res:
		return err
	}
}

// lockedRender takes the lock in a call: the same wait.
func (p *page) lockedRender() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.render()
}

func (p *page) renderInCallOrTimeOut(ctx context.Context) error {
	res := make(chan error, 1)
	go func() { // want `skips receiving from res \(the goroutine may first wait for a lock, p.lockedRender\(\) at`
		res <- p.lockedRender()
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-res:
		return err
	}
}

// Two servers side by side: the one that takes a lock is stopped on the
// path that does not receive its result.
type lockedServer struct {
	mu     sync.Mutex
	closed bool
}

func (s *lockedServer) Serve() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return nil
}

func (s *lockedServer) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}

func serveBoth(other func() error) error {
	aErr := make(chan error, 1)
	bErr := make(chan error, 1)
	srv := &lockedServer{}
	go func() { aErr <- other() }()
	go func() { bErr <- srv.Serve() }()
	select {
	case err := <-aErr:
		srv.Close()
		return err
	case err := <-bErr:
		return err
	}
}

func serveBothUnstopped(other func() error) error {
	aErr := make(chan error, 1)
	bErr := make(chan error, 1)
	srv := &lockedServer{}
	go func() { aErr <- other() }()
	go func() { bErr <- srv.Serve() }() // want `goroutine is not joined on every path: the return at line \d+ skips receiving from bErr \(the goroutine may first wait for a lock, srv.Serve\(\) at`
	select {
	case err := <-aErr:
		return err
	case err := <-bErr:
		return err
	}
}

// Without a lock the goroutine ends on its own once render returns.
func (p *page) renderUnlockedOrTimeOut(ctx context.Context) error {
	res := make(chan error, 1)
	go func() {
		res <- p.render()
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-res:
		return err
	}
}

// Received on every path, the lock is the goroutine's own business.
func (p *page) renderLocked() error {
	res := make(chan error, 1)
	go func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		res <- p.render()
	}()
	return <-res
}

// --- WaitGroup.Go counts its function in, and out when it returns ---

type handshaker struct {
	running sync.WaitGroup
	closed  chan struct{}
	results chan error
}

func (h *handshaker) start() {
	h.running.Go(func() {
		select {
		case <-h.closed:
		case h.results <- nil:
		}
	})
}

// close waits for the handshakes: their Go counts them out.
func (h *handshaker) close() {
	close(h.closed)
	h.running.Wait()
}

type endpoint struct {
	hs        *handshaker
	listening chan struct{}
}

func (e *endpoint) listen() {
	defer close(e.listening)
	e.hs.close()
}

func (e *endpoint) Close() { <-e.listening }

func openEndpoint() *endpoint {
	e := &endpoint{hs: &handshaker{closed: make(chan struct{}), results: make(chan error)}, listening: make(chan struct{})}
	go e.listen()
	return e
}

func useEndpoint() {
	e := openEndpoint()
	e.hs.start()
	e.Close()
}

// A group nothing adds to: its Wait never has anything to wait for, but
// the goroutine that calls it is not blocked by it either. One that no
// Done, Add(-1) or Go ever counts down, after an Add, blocks for ever.

type stuckGroup struct {
	wg sync.WaitGroup
}

func (s *stuckGroup) arm() { s.wg.Add(1) }

func (s *stuckGroup) wait() { s.wg.Wait() }

func newStuckGroup() *stuckGroup {
	s := &stuckGroup{}
	s.arm()
	go s.wait() // want `goroutine running s.wait blocks for ever`
	return s
}

// --- Cancelling a context cancels the contexts derived from it ---

// gracefulServer keeps two contexts in fields, the second derived from the
// first: Close cancels the parent, which ends the loop waiting on the
// child.
type gracefulServer struct {
	once        sync.Once
	closeCtx    context.Context
	closeCancel context.CancelFunc
	graceCtx    context.Context
	graceCancel context.CancelFunc
	conns       chan net.Conn
}

func (s *gracefulServer) init() {
	s.once.Do(func() {
		s.closeCtx, s.closeCancel = context.WithCancel(context.Background())
		s.graceCtx, s.graceCancel = context.WithCancel(s.closeCtx)
		s.conns = make(chan net.Conn)
	})
}

func (s *gracefulServer) serve() {
	s.init()
	for {
		select {
		case <-s.graceCtx.Done():
			return
		case c := <-s.conns:
			c.Close()
		}
	}
}

// drain waits on the parent, which cancelling the child does not end.
func (s *gracefulServer) drain() {
	s.init()
	<-s.closeCtx.Done()
}

func (s *gracefulServer) Close() {
	s.init()
	s.closeCancel()
}

func (s *gracefulServer) StopAccepting() {
	s.init()
	s.graceCancel()
}

func serveGracefully() {
	s := &gracefulServer{}
	go s.serve()
	defer s.Close()
}

func drainAfterStopAccepting() {
	s := &gracefulServer{}
	go s.drain() // want `goroutine running s.drain is never joined, so it can outlive drainAfterStopAccepting`
	defer s.StopAccepting()
}

// --- A timer bounds a wait; a stop ends it sooner ---

// flusher's goroutine waits for its timer or for Close: handed on with f,
// whose Close its owner must call.
type flusher struct {
	closeCh chan struct{}
	pending []byte
}

func newFlusher() *flusher { return &flusher{closeCh: make(chan struct{})} }

func (f *flusher) Add(p []byte) {
	f.pending = append(f.pending, p...)
	go func() { // want `goroutine is handed on to the caller, but flushNever drops it at line \d+: call its Close method there`
		select {
		case <-time.After(10 * time.Millisecond):
		case <-f.closeCh:
			return
		}
		f.pending = nil
	}()
}

func (f *flusher) Close() { close(f.closeCh) }

func flushAll(data [][]byte) {
	f := newFlusher()
	defer f.Close()
	for _, d := range data {
		f.Add(d)
	}
}

func flushNever(data [][]byte) {
	f := newFlusher()
	for _, d := range data {
		f.Add(d) // want `the receiver of \(\*flusher\).Add is not stopped on every path: the end of the function at line \d+ skips it, so the goroutine started at ownership/ownership.go:\d+ \(a function literal\) is never joined: call its Close method`
	}
}

// --- Joined on one path, stopped on the other ---

type fetcher struct{ stopC chan struct{} }

func (p *fetcher) fetchOrStop(fetch func(ctx context.Context) (int, error)) (int, error) {
	var (
		res int
		err error
	)
	doneC := make(chan struct{})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	go func() {
		res, err = fetch(ctx)
		cancel()
		close(doneC)
	}()
	select {
	case <-doneC:
		return res, err
	case <-p.stopC:
		cancel()
		return 0, context.Canceled
	}
}

func (p *fetcher) fetchOrGiveUp(fetch func(ctx context.Context) (int, error)) (int, error) {
	var (
		res int
		err error
	)
	doneC := make(chan struct{})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from doneC`
		res, err = fetch(ctx)
		cancel()
		close(doneC)
	}()
	select {
	case <-doneC:
		return res, err
	case <-p.stopC:
		return 0, context.Canceled
	}
}

// A function that returns a context and its cancel, as context.WithCancel
// does, is read the same way: the cancel ends that context.
type rpcContextBuilder struct {
	parent  context.Context
	timeout time.Duration
}

func (b *rpcContextBuilder) build() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.parent, b.timeout)
}

func newRPCContext(parent context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	b := &rpcContextBuilder{parent: parent, timeout: timeout}
	return b.build()
}

func (p *fetcher) fetchWithRPCContext(fetch func(ctx context.Context) (int, error)) (int, error) {
	var (
		res int
		err error
	)
	doneC := make(chan struct{})
	ctx, cancel := newRPCContext(context.Background(), time.Minute)
	go func() {
		res, err = fetch(ctx)
		cancel()
		close(doneC)
	}()
	select {
	case <-doneC:
		return res, err
	case <-p.stopC:
		cancel()
		return 0, context.Canceled
	}
}

// --- What wg.Go runs is not done by the call ---

// taskPipe's Start starts a closer with wg.Go: the close of tasks it makes
// is its goroutine's, not Start's. Stop ends the poller, after which the
// closer closes tasks and the dispatcher's range ends.
type taskPipe struct {
	stopCh  chan struct{}
	all     sync.WaitGroup
	pollers sync.WaitGroup
	tasks   chan int
}

func (w *taskPipe) Start() {
	w.all.Add(1)
	w.pollers.Add(1)
	go w.poll() // want `goroutine running w.poll is handed on to the caller, but startTaskPipeOnly drops it at line \d+: call its Stop method there`
	w.all.Go(func() {
		w.pollers.Wait()
		close(w.tasks)
	})
	w.all.Add(1)
	go w.dispatch()
}

func (w *taskPipe) poll() {
	defer w.all.Done()
	defer w.pollers.Done()
	for i := 0; ; i++ {
		select {
		case <-w.stopCh:
			return
		case w.tasks <- i:
		}
	}
}

func (w *taskPipe) dispatch() {
	defer w.all.Done()
	for range w.tasks {
	}
}

func (w *taskPipe) Stop() {
	close(w.stopCh)
	w.all.Wait()
}

func runTaskPipe() {
	w := &taskPipe{stopCh: make(chan struct{}), tasks: make(chan int)}
	w.Start()
	defer w.Stop()
}

func startTaskPipeOnly() {
	w := &taskPipe{stopCh: make(chan struct{}), tasks: make(chan int)}
	w.Start() // want `the receiver of \(\*taskPipe\).Start is not stopped on every path: .* call its Stop method on every path`
}

// --- A stop channel kept by a value made with it ---

// workQueue keeps the stop channel it is made with: closing that channel
// ends a wait on q.stop.
type workQueue struct {
	ready chan struct{}
	stop  <-chan struct{}
}

func newWorkQueue(stop <-chan struct{}) *workQueue {
	return &workQueue{ready: make(chan struct{}, 1), stop: stop}
}

func (q *workQueue) next() bool {
	select {
	case <-q.ready:
		return true
	case <-q.stop:
		return false
	}
}

func processQueue(handle func()) {
	stopCh := make(chan struct{})
	defer close(stopCh)
	q := newWorkQueue(stopCh)
	go func() {
		if q.next() {
			handle()
		}
	}()
	handle()
}

func processQueueUnstopped(handle func()) {
	stopCh := make(chan struct{})
	q := newWorkQueue(stopCh)
	go func() { // want `goroutine is never joined, so it can outlive processQueueUnstopped`
		if q.next() {
			handle()
		}
	}()
	handle()
}

// --- Listeners kept by the server that serves them ---

// listenServer keeps each listener Serve is given; Shutdown closes them
// all, which ends every Serve.
type listenServer struct {
	mu  sync.Mutex
	lns []net.Listener
}

func (s *listenServer) Serve(ln net.Listener) error {
	s.mu.Lock()
	s.lns = append(s.lns, ln)
	s.mu.Unlock()
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		c.Close()
	}
}

func (s *listenServer) Shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ln := range s.lns {
		ln.Close()
	}
}

func serveUntilShutdown() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s := &listenServer{}
	go s.Serve(ln)
	defer s.Shutdown()
	work()
	return nil
}

func serveForgotten() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s := &listenServer{}
	go s.Serve(ln) // want `goroutine running s.Serve is never joined, so it can outlive serveForgotten`
	work()
	return nil
}

// --- A stop that waits for the group it counts its goroutines in ---

type tickEngine struct {
	sync.WaitGroup
	tickers []*engineTicker
	onTick  func()
}

type engineTicker struct {
	e    *tickEngine
	stop atomic.Bool
}

func (t *engineTicker) run() {
	defer t.e.Done()
	for !t.stop.Load() {
		time.Sleep(time.Millisecond)
		t.e.onTick()
	}
}

func (e *tickEngine) Start() {
	e.tickers = []*engineTicker{{e: e}, {e: e}}
	for _, t := range e.tickers {
		e.Add(1)
		go t.run() // want `goroutine running t.run is handed on to the caller, but tickForgotten drops it at line \d+: call its Wait method there`
	}
}

// Stop ends with the Wait the obligation asks for.
func (e *tickEngine) Stop() {
	for _, t := range e.tickers {
		t.stop.Store(true)
	}
	e.Wait()
}

func tickStopped() {
	e := &tickEngine{onTick: func() {}}
	e.Start()
	defer e.Stop()
}

func tickForgotten() {
	e := &tickEngine{onTick: func() {}}
	e.Start() // want `the receiver of \(\*tickEngine\).Start is not waited for on every path`
}

// --- A function that never returns outlives what it starts ---

func printAll(events chan string) {
	for e := range events {
		use(e)
	}
}

func die(msg string) {
	use(msg)
	panic(msg)
}

// watchForever ends in die or waits for ever: printAll cannot outlive it.
func watchForever(paths []string) {
	if len(paths) == 0 {
		die("no paths")
	}
	events := make(chan string)
	go printAll(events)
	for _, p := range paths {
		events <- p
	}
	<-make(chan struct{})
}

// --- A listener made in place over another ends when that one is closed ---

type tlsServer struct{ cfg *tls.Config }

func (s *tlsServer) Serve(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		c.Close()
	}
}

func (s *tlsServer) ServeTLS(ln net.Listener) error {
	return s.Serve(tls.NewListener(ln, s.cfg))
}

func serveTLSUntilClosed() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	s := &tlsServer{cfg: &tls.Config{}}
	go s.ServeTLS(ln)
	work()
	return nil
}

func serveTLSUnclosed() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s := &tlsServer{cfg: &tls.Config{}}
	go s.ServeTLS(ln) // want `goroutine running s.ServeTLS is never joined, so it can outlive serveTLSUnclosed`
	work()
	return nil
}

// --- A local copy of a field is that field ---

type poller struct {
	stopCh chan struct{}
}

func (p *poller) Start() {
	p.stopCh = make(chan struct{})
	stopCh := p.stopCh
	go func() { // want `goroutine is handed on to the caller, but pollForgotten drops it at line \d+: call its Stop method there`
		for {
			select {
			case <-stopCh:
				return
			default:
				time.Sleep(time.Millisecond)
			}
		}
	}()
}

func (p *poller) Stop() { close(p.stopCh) }

func pollStopped() {
	p := &poller{}
	p.Start()
	defer p.Stop()
}

func pollForgotten() {
	p := &poller{}
	p.Start() // want `the receiver of \(\*poller\).Start is not stopped on every path`
}

// --- A mutex some function may leave held ---

type subConnCache struct {
	mu      sync.Mutex
	pending map[int]bool
	aborted bool
}

// expire returns holding c.mu when the removal was aborted, while its
// other path unlocks it: whoever takes c.mu next waits for ever.
func (c *subConnCache) expire(key int) {
	c.mu.Lock()
	if c.aborted {
		return
	}
	delete(c.pending, key)
	c.mu.Unlock()
}

func (c *subConnCache) add(key int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending[key] = true
}

func churn(c *subConnCache) {
	done := make(chan struct{})
	go func() { // want `goroutine blocks for ever: it waits for c.mu \(c.mu.Lock\(\) at ownership.go:\d+\), which \(\*subConnCache\).expire may leave locked: it returns holding it, where its other paths unlock it`
		defer close(done)
		for i := range 10 {
			c.add(i)
		}
	}()
	c.expire(0)
	<-done
}

type drainer struct {
	mu    sync.Mutex
	drain bool
}

// stopTwice takes d.mu again when already draining, and never unlocks it.
func (d *drainer) stopTwice() {
	d.mu.Lock()
	if d.drain {
		d.mu.Lock()
		return
	}
	d.drain = true
}

func (d *drainer) serve() {
	d.mu.Lock()
	d.mu.Unlock()
}

func serveAndStopTwice() {
	d := &drainer{}
	done := make(chan struct{})
	go func() { // want `goroutine blocks for ever: it waits for d.mu .*which \(\*drainer\).stopTwice may leave locked: it locks it again while holding it`
		defer close(done)
		d.serve()
	}()
	d.stopTwice()
	<-done
}

// Not left held: a lock taken only when asked and released the same way,
// a tryLock that hands the lock to its caller with its result, a caller's
// lock lent and taken back, and one mutex per element of a loop.
type gauge struct {
	mu     sync.Mutex
	blocks []*gauge
	n      int
}

func (g *gauge) bump(useLock bool) {
	if useLock {
		g.mu.Lock()
	}
	g.n++
	if useLock {
		g.mu.Unlock()
	}
}

func (g *gauge) tryLock() bool {
	g.mu.Lock()
	if g.n < 0 {
		g.mu.Unlock()
		return false
	}
	return true
}

// reload is called with g.mu held; it lets go of it while it waits.
func (g *gauge) reload(wait func()) {
	g.mu.Unlock()
	wait()
	g.mu.Lock()
}

func (g *gauge) lockAll() {
	for _, b := range g.blocks {
		b.mu.Lock()
	}
}

func (g *gauge) read() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n
}

func readGauge(g *gauge) int {
	res := make(chan int)
	go func() { res <- g.read() }()
	g.bump(true)
	return <-res
}

// --- A logger's Fatalf is not a test's ---

type fatalLogger interface {
	Printf(format string, args ...any)
	Fatalf(format string, args ...any)
}

func startOrDie(l fatalLogger, ready func() bool) {
	release := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-release
	}()
	if !ready() {
		l.Fatalf("not ready")
	}
	close(release)
	<-done
}

// --- A counted number of sends, received as many times ---

func measure() int { return 1 }

func sumThree() int {
	ch := make(chan int, 3)
	go func() {
		for range 3 {
			ch <- measure()
		}
	}()
	total := 0
	for range 3 {
		total += <-ch
	}
	return total
}

// A send followed by a return runs once, whatever loop it is in: each
// worker sends one value, and one receive per worker joins them.
func checkWorkers(check func(w, i int) error) error {
	const workers, iters = 4, 100
	errCh := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func() {
			for i := 0; i < iters; i++ {
				if err := check(w, i); err != nil {
					errCh <- err
					return
				}
			}
			errCh <- nil
		}()
	}
	var first error
	for w := 0; w < workers; w++ {
		if err := <-errCh; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func firstThree() (int, int, int) {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- measure()
		}
	}()
	a := <-ch
	b := <-ch
	c := <-ch
	return a, b, c
}

func firstTwoOfThree() (int, int) {
	ch := make(chan int)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving the 3 values it sends on ch`
		for i := 0; i < 3; i++ {
			ch <- measure()
		}
	}()
	a := <-ch
	b := <-ch
	return a, b
}

func sumUntilNegative() int {
	ch := make(chan int)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving the 3 values it sends on ch`
		for range 3 {
			ch <- measure()
		}
	}()
	total := 0
	for range 3 {
		v := <-ch
		if v < 0 {
			return total
		}
		total += v
	}
	return total
}

// --- A Close stops only what blocks on the closed value ---

func acceptOnceThenSpin(ln net.Listener) {
	defer ln.Close()
	go func() { // want `goroutine is never joined, so it can outlive acceptOnceThenSpin`
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Close()
		for {
			time.Sleep(time.Second)
		}
	}()
	work()
}

func acceptLoopClosed(ln net.Listener) {
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	work()
}

// --- A stop channel closed on every path is a stop ---

func poll(stop <-chan struct{}, tick <-chan time.Time) {
	for {
		select {
		case <-stop:
			return
		case <-tick:
			work()
		}
	}
}

func pollWhileWorking(tick <-chan time.Time) {
	stop := make(chan struct{})
	go poll(stop, tick)
	defer close(stop)
	work()
}

func pollStoppedOnSuccessOnly(tick <-chan time.Time) error {
	stop := make(chan struct{})
	go poll(stop, tick) // want `goroutine running poll is not joined on every path: the return at line \d+ skips closing stop`
	if _, err := fetch(); err != nil {
		return err
	}
	close(stop)
	return nil
}

func spinUntilDone() {
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			default:
				work()
			}
		}
	}()
	close(done)
}

// --- Paired methods: Watch starts, Unwatch releases ---

type watcher struct {
	events  chan int
	unwatch chan struct{}
}

func (w *watcher) Watch() {
	go func() {
		for {
			select {
			case <-w.unwatch:
				return
			case ev := <-w.events:
				use(ev)
			}
		}
	}()
}

func (w *watcher) Unwatch() { w.unwatch <- struct{}{} }

// --- Stopped through a method of another name, by its effect ---

type janitor struct {
	cancel context.CancelFunc
}

func sweep(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute):
		}
	}
}

func newJanitor() *janitor {
	ctx, cancel := context.WithCancel(context.Background())
	j := &janitor{cancel: cancel}
	go sweep(ctx) // want `goroutine running sweep is handed on to the caller, but newService drops it at line \d+: call its Done method`
	return j
}

// Done is the method that stops the sweeper: it cancels its context.
func (j *janitor) Done() { j.cancel() }

type service struct {
	seen *janitor
}

func newService(fail bool) (*service, error) {
	s := &service{}
	s.seen = newJanitor() // want `the result of newJanitor is not stopped on every path`
	if fail {
		return nil, errors.New("bad option") // s.seen's sweeper runs for ever
	}
	return s, nil
}

// --- A constructor's error return after starting helpers ---

type server struct {
	shutdown chan struct{}
	conns    chan net.Conn
}

func (s *server) helper() {
	for {
		select {
		case <-s.shutdown:
			return
		case c := <-s.conns:
			c.Close()
		}
	}
}

func (s *server) Close() { close(s.shutdown) }

func openServer(ok func() error) (*server, error) {
	s := &server{shutdown: make(chan struct{}), conns: make(chan net.Conn)}
	go s.helper() // want `goroutine running s.helper is not joined on every path: the return at line \d+ skips`
	if err := ok(); err != nil {
		return nil, err
	}
	return s, nil
}

func openServerClosedOnError(ok func() error) (*server, error) {
	s := &server{shutdown: make(chan struct{}), conns: make(chan net.Conn)}
	go s.helper()
	if err := ok(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// --- A sink: the goroutine receives from the channel it returns ---

func newSink() chan<- int {
	in := make(chan int, 4)
	go func() {
		for range in {
		}
	}()
	return in
}

// --- A join that travels in a struct given to the goroutine ---

type serveConfig struct{ closeCh chan<- struct{} }

func serve(cfg *serveConfig) { defer close(cfg.closeCh) }

func serveAndWait() {
	ch := make(chan struct{})
	go serve(&serveConfig{closeCh: ch})
	<-ch
}

// --- A panic guard that runs the function it is given ---

func withRecover(fn func()) {
	defer func() { _ = recover() }()
	fn()
}

type dispatcher struct {
	input chan int
}

func (d *dispatcher) dispatch() {
	for v := range d.input {
		use(v)
	}
}

func (d *dispatcher) Close() { close(d.input) }

func newDispatcher() *dispatcher {
	d := &dispatcher{input: make(chan int)}
	go withRecover(d.dispatch) // the caller owns d, and its Close
	return d
}

func dispatchAndForget() {
	d := &dispatcher{input: make(chan int)}
	go withRecover(d.dispatch) // want `goroutine running withRecover is never joined, so it can outlive dispatchAndForget`
	d.input <- 1
}

// --- A cancel kept where a sibling method finds it ---

type discovery struct {
	ctx         context.Context
	advertising map[string]context.CancelFunc
}

func (d *discovery) Advertise(topic string) {
	ctx, cancel := context.WithCancel(d.ctx)
	d.advertising[topic] = cancel
	go func() { <-ctx.Done() }()
}

func (d *discovery) StopAdvertise(topic string) { d.advertising[topic]() }

// --- A start phase's own timeout is not a context to pass on ---

type runner struct{}

func (runner) Start(ctx context.Context) error { return nil }
func (runner) Kill(ctx context.Context) error  { return nil }
func (runner) Wait(ctx context.Context) error  { return nil }

type client struct {
	doneCtx context.Context
	cancel  context.CancelFunc
}

func (cl *client) start(r runner, d time.Duration) (err error) {
	startCtx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	if err = r.Start(startCtx); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = r.Kill(context.Background()) // startCtx may have expired: a root of its own
		}
	}()
	cl.doneCtx, cl.cancel = context.WithCancel(context.Background()) // the client's lifetime, not the start's
	return nil
}

// A stop phase after a start phase, each with a timeout of its own from
// context.Background(): the second is the next phase's root, not work
// detached from the first. Without a deadline of its own, it is still
// reported.

func (runner) phases(r runner, wait <-chan struct{}) error {
	startCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := r.Start(startCtx); err != nil {
		return err
	}
	<-wait
	stopCtx, cancel2 := context.WithTimeout(context.Background(), time.Second)
	defer cancel2()
	return r.Kill(stopCtx)
}

type phaseClock interface {
	WithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc)
}

func (runner) phasesClock(r runner, clock phaseClock, wait <-chan struct{}) error {
	startCtx, cancel := clock.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := r.Start(startCtx); err != nil {
		return err
	}
	<-wait
	stopCtx, cancel := clock.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return r.Kill(stopCtx)
}

func (runner) phasesBare(r runner, wait <-chan struct{}) error {
	startCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := r.Start(startCtx); err != nil {
		return err
	}
	<-wait
	return r.Wait(context.Background()) // want `call to context.Background\(\) detaches this work from startCtx`
}

func (cl *client) startFrom(ctx context.Context, r runner) error {
	startCtx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_ = r.Start(startCtx)
	return r.Kill(context.Background()) // want `call to context.Background\(\) detaches this work from ctx`
}

// --- A context read only for its values: a logger's ---

type traceKey struct{}

type logger struct{ prefix string }

// Printf reads ctx only for the trace ID it may carry.
func (l *logger) Printf(ctx context.Context, format string, args ...any) {
	if id, ok := ctx.Value(traceKey{}).(string); ok {
		format = id + " " + format
	}
	use(l.prefix, format, args)
}

type loggerIface interface {
	Infof(ctx context.Context, format string, args ...any)
}

func logWork(ctx context.Context, l *logger, li loggerIface) error {
	l.Printf(context.TODO(), "starting")      // values only: nothing detached
	li.Infof(context.Background(), "started") // a logger by its method's name
	return fetchWith(context.Background())    // want `call to context.Background\(\) detaches this work from ctx`
}

func fetchWith(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

// A decoder that takes a context and never reads it: given a root, nothing
// runs under it, so nothing is detached. A stub with an empty body is
// another matter: what it will read is not written yet.
func decodeHeader(ctx context.Context, h map[string]string) (int, error) {
	return len(h), nil
}

func decodeAll(_ context.Context, h map[string]string) ([]int, error) {
	return []int{len(h)}, nil
}

func importLater(ctx context.Context) {}

func decodeRequest(ctx context.Context, h map[string]string) error {
	if _, err := decodeHeader(context.Background(), h); err != nil { // ignored: nothing detached
		return err
	}
	if _, err := decodeAll(context.TODO(), h); err != nil { // ignored: nothing detached
		return err
	}
	importLater(context.Background()) // want `call to context.Background\(\) detaches this work from ctx`
	return fetchWith(ctx)
}

// --- A callback kept in a struct runs long after its maker returned ---

type retrier struct {
	attempt func() error
}

func newRetrier(ctx context.Context, d time.Duration) *retrier {
	_ = fetchWith(ctx)
	return &retrier{
		attempt: func() error {
			actx, cancel := context.WithTimeout(context.Background(), d) // ctx may be long done when it runs
			defer cancel()
			return fetchWith(actx)
		},
	}
}

func runNow(ctx context.Context, d time.Duration) error {
	attempt := func() error {
		actx, cancel := context.WithTimeout(context.Background(), d) // want `call to context.Background\(\) detaches this work from ctx`
		defer cancel()
		return fetchWith(actx)
	}
	return attempt()
}

// --- A stop called through the interface a constructor returns ---

type Session interface{ Close() error }

type session struct{ closed chan struct{} }

func (s *session) loop()        { <-s.closed }
func (s *session) Close() error { close(s.closed); return nil }

func OpenSession() (Session, error) {
	s := &session{closed: make(chan struct{})}
	go s.loop() // want `goroutine running s.loop is handed on to the caller, but keptIfOpened drops it`
	return s, nil
}

func useSession() error {
	s, err := OpenSession()
	if err != nil {
		return err
	}
	defer s.Close()
	return nil
}

// --- A builder whose methods return it ---

type mockProducer struct{ in chan int }

func newMockProducer() *mockProducer {
	p := &mockProducer{in: make(chan int)}
	go func() {
		for range p.in {
		}
	}()
	return p
}

func (p *mockProducer) expect(int) *mockProducer { return p }
func (p *mockProducer) Close()                   { close(p.in) }

func useMock() {
	p := newMockProducer().expect(1).expect(2)
	defer p.Close()
}

// --- A value whose goroutine sends to a receiver it started itself ---

type broker struct {
	mu        sync.Mutex
	responses chan int
}

func (b *broker) Open() {
	b.mu.Lock()
	go func() {
		defer b.mu.Unlock()
		b.responses = make(chan int)
		go b.receive()
		b.responses <- 1
	}()
}

func (b *broker) receive() {
	for range b.responses {
	}
}

func (b *broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.responses)
}

func useBroker() {
	b := &broker{}
	b.Open()
	defer b.Close()
}

// --- An obligation does not follow a field into a value given from outside ---

type store struct{ quit chan struct{} }

func (d *store) restart() {
	go func() { <-d.quit }()
}

func (d *store) Close() { close(d.quit) }

type writer struct{ db *store }

func newWriter(db *store) *writer { return &writer{db: db} }
func (w *writer) prepare()        { w.db.restart() }

func useWriter(db *store) {
	w := newWriter(db)
	w.prepare() // db is the caller's, stopped by its owner
}

// --- A sink kept in a field too: the returned channel is what to close ---

type sink struct{ in chan int }

func (t *sink) dispatch() {
	for range t.in {
	}
}

func newFieldSink() chan<- int {
	in := make(chan int)
	t := &sink{in: in}
	go t.dispatch()
	return in
}

// --- sync.Cond waits; it is not a value to close ---

type queue struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    int
}

func (q *queue) pop(ctx context.Context) {
	stop := context.AfterFunc(ctx, q.cond.Broadcast)
	defer stop()
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.n == 0 && ctx.Err() == nil {
		q.cond.Wait()
	}
}

func drainQueue(ctx context.Context, q *queue) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go q.pop(ctx) // stopped by the deferred cancel: pop watches ctx
}

// --- An obligation goes through a wrapper that returns the call ---

type Janitor interface{ Done() }

func NewJanitor() Janitor { return newJanitor() }

func newServiceWrapped(fail bool) (*service, error) {
	s := &service{}
	j := NewJanitor() // want `the result of NewJanitor is not stopped on every path: the return at line \d+ skips it`
	if fail {
		return nil, errors.New("bad option")
	}
	s.seen = j.(*janitor)
	return s, nil
}

// --- A value held by another the function returns only on success ---

type stream struct{ recv chan int }

func (s *stream) start() {
	for range s.recv {
	}
}
func (s *stream) Close() { close(s.recv) }

type streamBroker struct{ s *stream }

func (b *streamBroker) Close() { b.s.Close() }

type streamClient struct{ b *streamBroker }

func newStreamClient(ok func() error) (*streamClient, error) {
	s := &stream{recv: make(chan int)}
	b := &streamBroker{s: s}
	go s.start() // want `goroutine running s.start is not joined on every path: the return at line \d+ skips handing b on`
	if err := ok(); err != nil {
		return nil, err
	}
	return &streamClient{b: b}, nil
}

// --- An owner returned inside another: the outer's method must reach it ---

type builder struct {
	ch chan int
	wg sync.WaitGroup
}

func newBuilder() *builder {
	b := &builder{ch: make(chan int)}
	b.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but cancelWriter drops it at line \d+`
		defer b.wg.Done()
		for range b.ch {
		}
	}()
	return b
}

func (b *builder) Finish() { close(b.ch); b.wg.Wait() }
func (b *builder) Close()  {}

type tableWriter struct{ b *builder }

func newTableWriter() *tableWriter { return &tableWriter{b: newBuilder()} }
func (w *tableWriter) Flush()      { w.b.Finish() }
func (w *tableWriter) Cancel()     { w.b.Close() }

func cancelWriter() {
	w := newTableWriter() // want `the result of newTableWriter \(its.b\) is not stopped on every path: .* call its Flush method`
	w.Cancel()
}

func flushWriter() {
	w := newTableWriter()
	defer w.Flush()
}

// --- Methods that call each other through fields: the analysis ends ---

type pipe struct {
	r2   *r2p
	stop chan struct{}
}

type r2p struct{ p *pipe }

func (p *pipe) start() { go func() { <-p.stop }() }
func (p *pipe) Close() {
	p.start()
	if p.r2 != nil {
		p.r2.Close()
	}
}
func (r *r2p) Close() {
	if r.p != nil {
		r.p.Close()
	}
}
func (p *pipe) Stop() { close(p.stop) }

// --- A goroutine that ends on its own by a deadline can be let go ---

type pgConn struct {
	nc   net.Conn
	done chan struct{}
}

func (c *pgConn) asyncClose() {
	go func() {
		defer close(c.done)
		c.nc.SetDeadline(time.Now().Add(15 * time.Second))
		buf := make([]byte, 8)
		for {
			if _, err := c.nc.Read(buf); err != nil {
				break
			}
		}
		c.nc.Close()
	}()
}

func (c *pgConn) CleanupDone() <-chan struct{} { return c.done }

func execAndClose(nc net.Conn) {
	c := &pgConn{nc: nc, done: make(chan struct{})}
	c.asyncClose() // ends by its deadline: nothing to wait for here
}

// --- A generator whose channel an accessor gives out ---

type lister struct{ names chan string }

func (l *lister) Names() <-chan string { return l.names }

func listNames(items []string) *lister {
	l := &lister{names: make(chan string)}
	go func() {
		defer close(l.names)
		for _, n := range items {
			l.names <- n
		}
	}()
	return l
}

// --- A buffer that holds every send ---

func drainErrors(it func() error) error {
	errs := make(chan error, 10)
	done := make(chan struct{})
	go func() {
		if err := it(); err != nil {
			errs <- err
		}
		done <- struct{}{}
	}()
	<-done
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// --- A WaitGroup as a start gate, opened by Add(-n) ---

func startGate(n int, work func() int) int {
	var gate sync.WaitGroup
	res := make(chan int)
	gate.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			gate.Wait()
			res <- work()
		}()
	}
	gate.Add(-n)
	sum := 0
	for range n {
		sum += <-res
	}
	return sum
}

// --- A callee that gives a context without a deadline one of its own ---

type kvStore struct{ timeout time.Duration }

func (s *kvStore) Delete(ctx context.Context, key string) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.timeout)
		defer cancel()
	}
	return fetchWith(ctx)
}

func cleanupKey(ctx context.Context, s *kvStore) error {
	_ = fetchWith(ctx)
	return s.Delete(context.Background(), "k") // bounded by Delete's own timeout
}

// Reading a context's deadline to check it, or to pass it on, is not
// giving a context without one a deadline.
func (s *kvStore) Get(ctx context.Context, key string) error {
	if d, ok := ctx.Deadline(); ok && time.Until(d) < s.timeout {
		return errClosed
	}
	return fetchWith(ctx)
}

func readKey(ctx context.Context, s *kvStore) error {
	_ = fetchWith(ctx)
	return s.Get(context.Background(), "k") // want `call to context.Background\(\) detaches this work from ctx`
}

// Through an interface of another package whose every implementation
// bounds a context without a deadline: bounded; Watch does not bound it.
func purge(ctx context.Context, s kv.Store) error {
	_ = s.Watch(ctx, "k")
	_ = s.Watch(context.Background(), "k") // want `call to context.Background\(\) detaches this work from ctx`
	return s.Delete(context.Background(), "k")
}

// Two functions handing a context to each other (a retry through a
// reconnect): asking whether either bounds it must end.
func retryFetch(ctx context.Context, n int) error {
	if n == 0 {
		return fetchWith(ctx)
	}
	return reconnectFetch(ctx, n-1)
}

func reconnectFetch(ctx context.Context, n int) error {
	return retryFetch(ctx, n)
}

func retryAll(ctx context.Context) error {
	_ = fetchWith(ctx)
	return retryFetch(context.Background(), 2) // want `call to context.Background\(\) detaches this work from ctx`
}

// --- An error tested with errors.Is: the value is nil there ---

var errClosed = errors.New("closed")

func openOrClosed() error {
	s, err := OpenSession()
	if errors.Is(err, errClosed) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.Close()
}

// --- A value whose fields hold goroutines of their own: one report ---

type kvDB struct {
	blocks, index *lru.Cache
	quit          chan struct{}
}

func OpenKV() (*kvDB, error) {
	db := &kvDB{quit: make(chan struct{})}
	var err error
	if db.blocks, err = lru.New(); err != nil {
		return nil, err
	}
	if db.index, err = lru.New(); err != nil {
		db.blocks.Close()
		return nil, err
	}
	go db.flush() // want `goroutine running db.flush is handed on to the caller, but forgetKV drops it at line \d+`
	return db, nil
}

func (db *kvDB) flush() { <-db.quit }

func (db *kvDB) size() int { return 0 }

func (db *kvDB) Close() {
	close(db.quit)
	db.blocks.Close()
	db.index.Close()
}

func forgetKV() error {
	db, err := OpenKV() // want `the result of OpenKV is not stopped on every path: the return at line \d+ skips it, so the goroutine started at ownership/ownership.go:\d+ \(db.flush\) and 2 more are never joined: call its Close method`
	if err != nil {
		return err
	}
	if db.size() > 0 {
		return errClosed
	}
	return nil
}

func closeKV() error {
	db, err := OpenKV()
	if err != nil {
		return err
	}
	defer db.Close()
	if db.size() > 0 {
		return errClosed
	}
	return nil
}

// --- A holder of another package whose Close stops the field through its interface ---

func withHarness() int {
	h, err := harness.New()
	if err != nil {
		return 0
	}
	defer h.Close()
	return h.Port()
}

func leakHarness() int {
	h, err := harness.New() // want `the result of harness.New is not stopped on every path`
	if err != nil {
		return 0
	}
	return h.Port()
}

// --- A result closed only where it is not nil: nil holds nothing ---

func closeIfOpened() error {
	s, err := OpenSession()
	if s != nil {
		_ = s.Close()
	}
	return err
}

func closeUnlessNil() error {
	s, err := OpenSession()
	if s == nil {
		return err
	}
	return s.Close()
}

func keptIfOpened() error {
	s, err := OpenSession() // want `the result of OpenSession is not stopped on every path: the return at line \d+ skips it`
	if s != nil {
		work()
	}
	return err
}

// A condition joined by || or &&: each side tells where nothing was made.
func expectClosedErr() error {
	s, err := OpenSession()
	if err == nil || !errors.Is(err, errClosed) {
		if s != nil {
			_ = s.Close()
		}
		return errors.New("want errClosed")
	}
	return nil
}

func keptWhenBoth() error {
	s, err := OpenSession() // want `the result of OpenSession is not stopped on every path: the return at line \d+ skips it`
	if err == nil && s != nil {
		work()
	}
	return err
}

// --- A value the callee keeps (its receiver's map, a package cache) is borrowed ---

func borrowFromPool(p *pool.Pool) int {
	c := p.Get(1)
	return c.ID()
}

func borrowCached() int {
	c := pool.Cached(1)
	return c.ID()
}

func dialAndForget() int {
	c := pool.Dial(1) // want `the result of pool.Dial is not stopped on every path`
	return c.ID()
}

// --- A channel field promoted from an embedded struct is that struct's ---

type errFuture struct{ errCh chan error }

func (d *errFuture) init() { d.errCh = make(chan error, 1) }

func (d *errFuture) respond(err error) {
	d.errCh <- err
	close(d.errCh)
}

// Error waits for the answer.
func (d *errFuture) Error() error { return <-d.errCh }

type transferFuture struct {
	errFuture
	id int
}

func StartTransfer(id int) *transferFuture {
	f := &transferFuture{id: id}
	f.init()
	go func() {
		work()
		f.respond(nil)
	}()
	return f
}

// --- Two branches on one flag are taken the same way on a path ---

func closeByFlag(stopEarly bool) error {
	s, err := OpenSession()
	if err != nil {
		return err
	}
	if stopEarly {
		_ = s.Close()
	}
	work()
	if !stopEarly {
		_ = s.Close()
	}
	return nil
}

type closeCase struct{ early bool }

func closeByCase(cases []closeCase) {
	for _, tc := range cases {
		func() {
			s, err := OpenSession()
			if err != nil {
				return
			}
			if tc.early {
				_ = s.Close()
			}
			work()
			if !tc.early {
				_ = s.Close()
			}
		}()
	}
}

func closeByTwoFlags(a, b bool) error {
	s, err := OpenSession() // want `the result of OpenSession is not stopped on every path`
	if err != nil {
		return err
	}
	if a {
		_ = s.Close()
	}
	work()
	if !b {
		_ = s.Close()
	}
	return nil
}

// --- A reader made over a connection waits on the connection ---

// lineClient reads its connection through a bufio.Reader; closing the
// connection fails the pending read.
type lineClient struct {
	conn net.Conn
	r    *bufio.Reader
}

func (c *lineClient) readLines() {
	for {
		if _, err := c.r.ReadString('\n'); err != nil {
			return
		}
	}
}

func (c *lineClient) Close() error { return c.conn.Close() }

func dialLines(addr string) (*lineClient, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &lineClient{conn: conn, r: bufio.NewReader(conn)}
	go c.readLines() // stopped by c.Close on the error path, handed on otherwise
	if _, err := conn.Write([]byte("hello\n")); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// The error path forgets the client: its reader reads on for ever.
func dialLinesLeaky(addr string) (*lineClient, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &lineClient{conn: conn, r: bufio.NewReader(conn)}
	go c.readLines() // want `goroutine running c.readLines is not joined on every path: the return at line \d+ skips stopping c`
	if _, err := conn.Write([]byte("hello\n")); err != nil {
		return nil, err
	}
	return c, nil
}

// A reader made over a connection the function closes on every path: the
// close fails the pending read.
func readWhileWriting(conn net.Conn, msgs []string) {
	br := bufio.NewReader(conn)
	go func() {
		for {
			if _, err := br.ReadByte(); err != nil {
				return
			}
		}
	}()
	defer conn.Close()
	for _, m := range msgs {
		if _, err := conn.Write([]byte(m)); err != nil {
			return
		}
	}
}

// --- A command's pipes are closed by its Wait, and by a failed Start ---

func feedPipe(w io.WriteCloser, p []byte) {
	defer w.Close()
	w.Write(p)
}

func runFed(script string, p []byte) error {
	cmd := exec.Command("/bin/sh", "-c", script)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	go feedPipe(stdin, p) // a failed Start, or Wait, closes stdin
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Wait()
}

// The pipe of a command that is never started is never closed.
func feedUnstarted(script string, p []byte) error {
	cmd := exec.Command("/bin/sh", "-c", script)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	go feedPipe(stdin, p) // want `goroutine running feedPipe is never joined, so it can outlive feedUnstarted`
	return nil
}

// --- A stop channel given to a helper that keeps it in a value of its own ---

type snapshotter struct {
	events chan int
	stop   <-chan struct{}
}

// run takes one event, or gives up when stop closes.
func (s *snapshotter) run() {
	select {
	case v := <-s.events:
		use(v)
	case <-s.stop:
	}
}

// newSnapshotter starts a goroutine that ends when stop closes (nobody
// sends on its events): its callers must close stop.
func newSnapshotter(stop <-chan struct{}) *snapshotter {
	s := &snapshotter{events: make(chan int), stop: stop}
	go s.run() // want `goroutine running s.run is handed on to the caller, but createAgentLeaky drops it at line \d+: close it there on every path`
	return s
}

type agent struct {
	stop chan struct{}
	snap *snapshotter
	ln   net.Listener
}

func (a *agent) Shutdown() {
	close(a.stop)
	if a.ln != nil {
		a.ln.Close()
	}
}

// The error return forgets the agent, and its stop channel with it.
func createAgentLeaky(bind string) (*agent, error) {
	a := &agent{stop: make(chan struct{})}
	a.snap = newSnapshotter(a.stop) // want `argument 1 of newSnapshotter is not closed on every path: the return at line \d+ skips it, so the goroutine started at ownership/ownership.go:\d+ \(s.run\) is never joined`
	ln, err := net.Listen("tcp", bind)
	if err != nil {
		return nil, err
	}
	a.ln = ln
	return a, nil
}

// The error return shuts the agent down, which closes the channel.
func createAgent(bind string) (*agent, error) {
	a := &agent{stop: make(chan struct{})}
	a.snap = newSnapshotter(a.stop)
	ln, err := net.Listen("tcp", bind)
	if err != nil {
		a.Shutdown()
		return nil, err
	}
	a.ln = ln
	return a, nil
}

// Closing the channel itself is as good.
func createAgentClosing(bind string) (*agent, error) {
	a := &agent{stop: make(chan struct{})}
	a.snap = newSnapshotter(a.stop)
	ln, err := net.Listen("tcp", bind)
	if err != nil {
		close(a.stop)
		return nil, err
	}
	a.ln = ln
	return a, nil
}

// --- A decoder over a buffered reader over the connection ---

type frameClient struct {
	conn *net.TCPConn
	r    *bufio.Reader
	dec  *codec.Decoder
}

func (c *frameClient) listen() {
	var frame []byte
	for {
		if err := c.dec.Decode(&frame); err != nil {
			return
		}
	}
}

func (c *frameClient) Close() error { return c.conn.Close() }

func dialFrames(addr string) (*frameClient, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &frameClient{conn: conn.(*net.TCPConn), r: bufio.NewReader(conn)}
	c.dec = codec.NewDecoder(c.r)
	go c.listen() // stopped by c.Close on the error path, handed on otherwise
	if _, err := conn.Write([]byte("hello")); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func dialFramesLeaky(addr string) (*frameClient, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &frameClient{conn: conn.(*net.TCPConn), r: bufio.NewReader(conn)}
	c.dec = codec.NewDecoder(c.r)
	go c.listen() // want `goroutine running c.listen is not joined on every path: the return at line \d+ skips stopping c`
	if _, err := conn.Write([]byte("hello")); err != nil {
		return nil, err
	}
	return c, nil
}

// --- A connection's reader kept in a registry the server stops ---

type ipcClient struct {
	conn net.Conn
	br   *bufio.Reader
	dec  *json.Decoder
}

type ipcServer struct {
	mu      sync.Mutex
	ln      net.Listener
	clients map[string]*ipcClient
}

func (s *ipcServer) handle(c *ipcClient) {
	var v any
	for {
		if err := c.dec.Decode(&v); err != nil {
			return
		}
	}
}

func (s *ipcServer) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ln.Close()
	for _, c := range s.clients {
		c.conn.Close()
	}
}

// Each client is registered before its handler starts: Stop closes it.
func (s *ipcServer) listen() {
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		c := &ipcClient{conn: conn, br: bufio.NewReader(conn)}
		c.dec = json.NewDecoder(c.br)
		s.mu.Lock()
		s.clients[conn.RemoteAddr().String()] = c
		go s.handle(c)
		s.mu.Unlock()
	}
}

// A client nobody registers is nobody's to stop.
func (s *ipcServer) listenUnregistered() {
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		c := &ipcClient{conn: conn, br: bufio.NewReader(conn)}
		c.dec = json.NewDecoder(c.br)
		go s.handle(c) // want `goroutine running s.handle is not joined on every path: the return at line \d+ skips`
	}
}

// --- A stop held in a local function value ---

// stop closes done once, however many times it is called: calling it
// (deferred) stops the goroutine.
func stopHeldInLocal() {
	done := make(chan struct{})
	var once sync.Once
	stop := func() { once.Do(func() { close(done) }) }
	defer stop()
	go func() {
		<-done
	}()
}

// The same function value that closes something else stops nothing.
func stopHeldInLocalElsewhere() {
	done, other := make(chan struct{}), make(chan struct{})
	var once sync.Once
	stop := func() { once.Do(func() { close(other) }) }
	defer stop()
	go func() { // want `goroutine is never joined, so it can outlive stopHeldInLocalElsewhere`
		<-done
	}()
}

// --- A field copied to a local before the wait ---

// A scavenger copies its context field to a local (so that a restart
// that replaces the field cannot race with it) and waits on the copy:
// cancelling the field's pair, in release, stops it.
type scavenger struct {
	ctx  context.Context
	stop context.CancelFunc
	quit chan struct{}
	tick time.Duration
}

func newScavenger(d time.Duration) *scavenger {
	s := &scavenger{tick: d, quit: make(chan struct{})}
	s.ctx, s.stop = context.WithCancel(context.Background())
	go s.scavenge() // want `goroutine running s.scavenge is handed on to the caller, but dropScavenger drops it at line \d+`
	go s.watch()    // stopped by release: close(s.quit)
	return s
}

func (s *scavenger) scavenge() {
	t := time.NewTicker(s.tick)
	defer t.Stop()
	ctx := s.ctx // a copy of the field
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *scavenger) watch() {
	quit := s.quit
	for {
		select {
		case <-quit:
			return
		case <-time.After(s.tick):
		}
	}
}

func (s *scavenger) release() {
	s.stop()
	close(s.quit)
}

func useScavenger() {
	s := newScavenger(time.Second)
	defer s.release()
}

func dropScavenger() {
	s := newScavenger(time.Second) // want `the result of newScavenger is not stopped on every path: .* \(s.scavenge\) and 1 more are never joined: call its release method`
	_ = s
}

// A local that is given another channel later is not the field's copy:
// closing the field does not reach what it holds then.
type rescavenger struct {
	quit  chan struct{}
	fresh bool
}

func newRescavenger() *rescavenger {
	s := &rescavenger{quit: make(chan struct{})}
	go s.scavenge() // want `goroutine running s.scavenge is never joined, so it can outlive newRescavenger`
	return s
}

func (s *rescavenger) scavenge() {
	quit := s.quit
	if s.fresh {
		quit = make(chan struct{})
	}
	<-quit
}

func (s *rescavenger) release() { close(s.quit) }

// --- A polling loop that may also end on its own ---

// tick polls until its context is cancelled, or until it sees the ticker
// closed (a free exit): cancelling the context stops it.
type ticker struct {
	ctx    context.Context
	stop   context.CancelFunc
	closed atomic.Bool
	now    atomic.Int64
}

func newTicker() *ticker {
	t := &ticker{}
	t.start()
	return t
}

func (t *ticker) start() {
	t.ctx, t.stop = context.WithCancel(context.Background())
	go t.tick() // want `goroutine running t.tick is handed on to the caller, but dropTicker drops it at line \d+`
}

func (t *ticker) tick() {
	tk := time.NewTicker(time.Millisecond)
	defer tk.Stop()
	ctx := t.ctx
	for {
		select {
		case <-ctx.Done():
			return
		case <-tk.C:
		}
		if t.closed.Load() {
			break
		}
		t.now.Store(time.Now().UnixNano())
	}
}

func (t *ticker) Release() {
	t.closed.Store(true)
	if t.stop != nil {
		t.stop()
	}
}

func useTicker() {
	t := newTicker()
	defer t.Release()
}

func dropTicker() {
	t := newTicker() // want `the result of newTicker is not stopped on every path`
	_ = t
}

// A joined goroutine that polls a channel nobody closes, until a check
// says it is done: it ends when the check does, not stuck.
func pollJoined(done func() bool) {
	never := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tk := time.NewTicker(time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-never:
				return
			case <-tk.C:
			}
			if done() {
				return
			}
		}
	}()
	wg.Wait()
}

// --- A semaphore's token given back ---

type validator struct {
	check    func(context.Context) bool
	throttle chan struct{} // buffered: how many checks may run at once
}

// Each goroutine takes a token before it starts (a select case that
// throttles) and gives it back after its send: the receive finds the
// token, so the send on out is still its last wait.
func anyRejects(parent context.Context, vals []*validator) bool {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	out := make(chan bool, len(vals))
	n := 0
	for _, v := range vals {
		n++
		select {
		case v.throttle <- struct{}{}:
			go func(v *validator) {
				out <- v.check(ctx)
				<-v.throttle
			}(v)
		default:
			out <- true
		}
	}
	for range n {
		if !<-out {
			return true
		}
	}
	return false
}

// The same with the token sent just before the go statement, and given
// back by a deferred receive.
func allPass(ctx context.Context, sem chan struct{}, checks []func(context.Context) bool) bool {
	out := make(chan bool, len(checks))
	for _, check := range checks {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			out <- check(ctx)
		}()
	}
	ok := true
	for range checks {
		ok = <-out && ok
	}
	return ok
}

// One token for the whole loop: only the first goroutine finds it, the
// others wait on sem for ever after their send.
func allPassOneToken(ctx context.Context, sem chan struct{}, checks []func(context.Context) bool) bool {
	out := make(chan bool, len(checks))
	sem <- struct{}{}
	for _, check := range checks {
		go func() { // want `goroutine is never joined, so it can outlive allPassOneToken`
			out <- check(ctx)
			<-sem
		}()
	}
	ok := true
	for range checks {
		ok = <-out && ok
	}
	return ok
}

// --- A goroutine its value's lender stops too ---

type hub struct{ quit chan struct{} }

func newHub() *hub { return &hub{quit: make(chan struct{})} }

func (h *hub) shutdown() { close(h.quit) }

// A feed keeps the hub it was made for (lent, not its own): its loop ends
// when the feed is stopped or when the hub shuts down, so whoever holds
// the feed is not its only owner.
type feed struct {
	hub  *hub
	stop chan struct{}
}

func (h *hub) addFeed() *feed {
	f := &feed{hub: h, stop: make(chan struct{})}
	go f.loop()
	return f
}

func (f *feed) loop() {
	h := f.hub
	for {
		select {
		case <-f.stop:
			return
		case <-h.quit:
			return
		}
	}
}

func (f *feed) close() { close(f.stop) }

func useFeed() {
	h := newHub()
	defer h.shutdown()
	f := h.addFeed() // the hub's shutdown ends it
	_ = f
}

// A feed that does not watch its hub is its holder's to stop.
func (h *hub) addDeafFeed() *feed {
	f := &feed{hub: h, stop: make(chan struct{})}
	go f.deafLoop() // want `goroutine running f.deafLoop is handed on to the caller, but useDeafFeed drops it`
	return f
}

func (f *feed) deafLoop() { <-f.stop }

func useDeafFeed() {
	h := newHub()
	defer h.shutdown()
	f := h.addDeafFeed() // want `the result of \(\*hub\).addDeafFeed is not stopped on every path`
	_ = f
}

// --- A value given to a part of itself is not handed on ---

type finder struct{ owner *meshRouter }

func (d *finder) start(r *meshRouter) error {
	d.owner = r
	return nil
}

type meshRouter struct {
	seen *scavenger
	disc *finder
}

// newMeshRouter gives r to its own finder, which is not someone else to
// hand the scavenger on to: the error return after it leaks it.
func newMeshRouter(fail bool) (*meshRouter, error) {
	r := &meshRouter{disc: &finder{}}
	r.seen = newScavenger(time.Second) // want `the result of newScavenger is not stopped on every path: the return at line \d+ skips it`
	if err := r.disc.start(r); err != nil {
		return nil, err
	}
	if fail {
		return nil, errors.New("no route")
	}
	return r, nil
}

// --- A pipeline's stages: the next stage drains the first ---

// The bridge sends on pending, through a local literal, and closes it;
// the forwarder started beside it receives until pending is closed.
// What joins the bridge is the forwarder, stopped in turn when the bridge
// closes pending; the forwarder's sends go to out, which the caller gets.
func pipeline(in <-chan int) <-chan int {
	pending := make(chan int)
	out := make(chan int)
	go func() {
		send := func(v int) { pending <- v * 2 }
		for v := range in {
			send(v)
		}
		close(pending)
	}()
	go func() {
		defer close(out)
		for {
			v, ok := <-pending
			if !ok {
				return
			}
			out <- v
		}
	}()
	return out
}

// Nothing beside it drains pending: the bridge's second send blocks.
func pipelineNoStage(in <-chan int) int {
	pending := make(chan int)
	go func() { // want `goroutine is not joined on every path`
		for v := range in {
			pending <- v
		}
		close(pending)
	}()
	return <-pending
}

// --- A pipe's two ends ---

// The producer writes to pw; the caller gets pr, and closing it makes
// the next write fail: the goroutine is handed on with pr.
func streamChunks(chunks func() ([]byte, error)) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		for {
			b, err := chunks()
			if err != nil {
				pw.CloseWithError(err)
				return
			}
			if _, err := pw.Write(b); err != nil {
				return
			}
		}
	}()
	return pr
}

// Closing the reader here ends the producer too.
func firstChunk(chunks func() ([]byte, error)) byte {
	pr, pw := io.Pipe()
	defer pr.Close()
	go func() {
		b, _ := chunks()
		_, _ = pw.Write(b)
	}()
	var one [1]byte
	_, _ = pr.Read(one[:])
	return one[0]
}

// Nobody holds the reader: the producer's write blocks for ever.
func lostChunks(chunks func() ([]byte, error)) {
	pr, pw := io.Pipe()
	_ = pr
	go func() { // want `goroutine is never joined, so it can outlive lostChunks`
		b, _ := chunks()
		_, _ = pw.Write(b)
	}()
}

type copier interface {
	CopyFrom(r io.Reader) error
}

// The reader is lent to a call that reads it, not given over: when the
// call gives up early, nothing closes either end and the writer blocks.
func copyChunks(c copier, chunks [][]byte) error {
	pr, pw := io.Pipe()
	go func() { // want `goroutine is never joined, so it can outlive copyChunks`
		for _, b := range chunks {
			if _, err := pw.Write(b); err != nil {
				return
			}
		}
		pw.Close()
	}()
	return c.CopyFrom(pr)
}

type chunkReader struct{ io.ReadCloser }

// The reader handed over inside a value that carries it.
func wrappedChunks(chunks [][]byte) (io.ReadCloser, error) {
	pr, pw := io.Pipe()
	go func() {
		for _, b := range chunks {
			if _, err := pw.Write(b); err != nil {
				return
			}
		}
		pw.Close()
	}()
	return &chunkReader{ReadCloser: pr}, nil
}

// A pump polls its stop between sends but sends without watching it; its
// consumer leaves on the same stop. Once quit closes, the consumer may
// take its quit case while the pump is in its send: nothing receives
// again, and stop's Wait waits for ever (shape of a worker workStopper whose
// event pump outlived its consumer).
type eventPump struct {
	events chan int
	quit   chan struct{}
	wg     sync.WaitGroup
}

func newPump() *eventPump { return &eventPump{events: make(chan int), quit: make(chan struct{})} }

func (p *eventPump) start() {
	p.wg.Add(1)
	go func() { // want `goroutine blocks for ever: its send on p.events \(ownership.go:\d+\) does not watch the stop its receivers leave on \(<-p.quit at ownership.go:\d+\), so once that fires nothing receives it; send in a select that also watches the stop`
		defer p.wg.Done()
		for {
			select {
			case <-p.quit:
				return
			default:
				p.events <- 1
			}
		}
	}()
}

func (p *eventPump) consume(handle func(int)) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case e := <-p.events:
				handle(e)
			case <-p.quit:
				return
			}
		}
	}()
}

func (p *eventPump) stop() {
	close(p.quit)
	p.wg.Wait()
}

// The same pump whose consumer is a function of the package given the
// channel and the workStopper: the receive is found through the parameter.
type relay struct {
	out  chan string
	stop *workStopper
}

type workStopper struct {
	stopping chan struct{}
	wg       sync.WaitGroup
}

func (s *workStopper) ShouldStop() <-chan struct{} {
	if s == nil {
		return nil
	}
	return s.stopping
}

func (s *workStopper) RunWorker(f func()) {
	s.wg.Add(1)
	go func() { // want `goroutine running the function given to r.stop.RunWorker at ownership.go:\d+ blocks for ever: its send on r.ticks \(ownership.go:\d+\) does not watch the stop its receivers leave on \(<-s.ShouldStop\(\) at ownership.go:\d+\)`
		defer s.wg.Done()
		f()
	}()
}

func (s *workStopper) Stop() {
	close(s.stopping)
	s.wg.Wait()
}

func (r *relay) start(next func() string) {
	r.stop.wg.Add(1)
	go func() { // want `goroutine blocks for ever: its send on r.out \(ownership.go:\d+\) does not watch the stop its receivers leave on \(<-s.ShouldStop\(\) at ownership.go:\d+\)`
		defer r.stop.wg.Done()
		for {
			select {
			case <-r.stop.ShouldStop():
				return
			default:
			}
			r.out <- next()
		}
	}()
}

// The relay's ticker, given to the stopper to run: the goroutine that
// leaks is the stopper's, running what the relay gave it.
type tickRelay struct {
	ticks chan int
	stop  *workStopper
}

func (r *tickRelay) start() {
	r.stop.RunWorker(func() {
		for {
			select {
			case <-r.stop.ShouldStop():
				return
			default:
				r.ticks <- 1
			}
		}
	})
}

func runTicks(handle func(int)) {
	s := &workStopper{stopping: make(chan struct{})}
	r := &tickRelay{ticks: make(chan int), stop: s}
	r.start()
	s.RunWorker(func() {
		for {
			select {
			case t := <-r.ticks:
				handle(t)
			case <-s.ShouldStop():
				return
			}
		}
	})
	s.Stop()
}

// A loop that sends to itself: its one-slot channel's only receive is a
// case of the same loop, taken before it can send again, so the receive
// that leaves on the stop is the sender's own, not an abandoning reader.

type selfPacer struct {
	ctx   context.Context
	next  chan struct{}
	reset chan time.Duration
	timer *time.Timer
}

func newSelfPacer(ctx context.Context) *selfPacer {
	p := &selfPacer{ctx: ctx, next: make(chan struct{}, 1), reset: make(chan time.Duration, 1), timer: time.NewTimer(time.Millisecond)}
	go p.loop()
	return p
}

func (p *selfPacer) loop() {
	for {
		select {
		case <-p.ctx.Done():
			return
		case d := <-p.reset:
			p.timer.Reset(d)
		case <-p.timer.C:
			select {
			case p.next <- struct{}{}:
			case <-p.ctx.Done():
				return
			}
			p.reset <- time.Millisecond
		}
	}
}

func paceOnce(ctx context.Context) {
	p := newSelfPacer(ctx)
	<-p.next
}

func drainUntil(in <-chan string, s *workStopper, handle func(string)) {
	for {
		select {
		case v := <-in:
			handle(v)
		case <-s.ShouldStop():
			return
		}
	}
}

func runRelay(next func() string, handle func(string)) {
	s := &workStopper{stopping: make(chan struct{})}
	r := &relay{out: make(chan string), stop: s}
	r.start(next)
	s.RunWorker(func() { drainUntil(r.out, s, handle) })
	s.Stop()
}

// Not reported: the send watches the stop too.
type guardedPump struct {
	events chan int
	quit   chan struct{}
	wg     sync.WaitGroup
}

func (p *guardedPump) start() {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case <-p.quit:
				return
			case p.events <- 1:
			}
		}
	}()
}

func (p *guardedPump) consume(handle func(int)) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case e := <-p.events:
				handle(e)
			case <-p.quit:
				return
			}
		}
	}()
}

func (p *guardedPump) stop() {
	close(p.quit)
	p.wg.Wait()
}

// Not reported: the consumer stays until the channel closes (it ranges),
// so every send is received; the producer closes it as it ends. (A range
// over a channel nothing closes blocks for ever, sends or not.)
type rangedPump struct {
	events chan int
	quit   chan struct{}
	wg     sync.WaitGroup
}

func (p *rangedPump) start() {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer close(p.events)
		for {
			select {
			case <-p.quit:
				return
			default:
				p.events <- 1
			}
		}
	}()
}

func (p *rangedPump) consume(handle func(int)) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for e := range p.events {
			handle(e)
		}
	}()
}

func (p *rangedPump) stop() {
	close(p.quit)
	p.wg.Wait()
}

// Not reported: the consumer leaves on a signal of its own, closed only
// after the producer has been stopped and joined (an orderly shutdown, one
// stage after the other).
type stagedPump struct {
	events   chan int
	quit     chan struct{}
	consumed chan struct{}
	prod     sync.WaitGroup
	cons     sync.WaitGroup
}

func (p *stagedPump) start() {
	p.prod.Add(1)
	go func() {
		defer p.prod.Done()
		for {
			select {
			case <-p.quit:
				return
			default:
				p.events <- 1
			}
		}
	}()
	p.cons.Add(1)
	go func() {
		defer p.cons.Done()
		for {
			select {
			case <-p.events:
			case <-p.consumed:
				return
			}
		}
	}()
}

func (p *stagedPump) stop() {
	close(p.quit)
	p.prod.Wait()
	close(p.consumed)
	p.cons.Wait()
}

// Not reported: the pool's Close joins the goroutines it starts with a
// defer set up before them; calling it is all its callers owe.
func usePool(destroy func(int)) {
	p := respool.New(destroy)
	defer p.Close()
	p.Put(1)
	p.Put(2)
}

// A poller waits on a condition variable for work to be ready, or to be
// told to quit. The function waits for it to finish, or, when its context
// ends first, sets quit under the lock and broadcasts: a stop by effect,
// with a local helper.
type readyQueue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	ready []int
}

func newReadyQueue() *readyQueue {
	q := &readyQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *readyQueue) push(v int) {
	q.mu.Lock()
	q.ready = append(q.ready, v)
	q.mu.Unlock()
	q.cond.Broadcast()
}

// Not reported: every return either received from done or broadcast
// after setting quit.
func (q *readyQueue) poll(ctx context.Context) []int {
	done := make(chan struct{})
	quit := false
	go func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		defer close(done)
		for !quit && len(q.ready) == 0 {
			q.cond.Wait()
		}
	}()
	exit := func() {
		q.mu.Lock()
		quit = true
		q.mu.Unlock()
		q.cond.Broadcast()
	}
	select {
	case <-ctx.Done():
		exit()
		return nil
	case <-done:
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.ready
}

// Reported: the early return neither waits nor wakes the poller, whose
// lock, condition and flag are the function's own.
func pollLeaky(ctx context.Context, ready func() bool) bool {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	done := make(chan struct{})
	quit := false
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from done`
		mu.Lock()
		defer mu.Unlock()
		defer close(done)
		for !quit && !ready() {
			cond.Wait()
		}
	}()
	select {
	case <-ctx.Done():
		return false
	case <-done:
	}
	return true
}

// A waiter on a condition variable that nothing in the package signals
// blocks for ever.
type gate struct {
	mu     sync.Mutex
	opened *sync.Cond
	open   bool
	wg     sync.WaitGroup
}

func (g *gate) await(f func()) {
	g.opened = sync.NewCond(&g.mu)
	g.wg.Add(1)
	go func() { // want `goroutine blocks for ever: it waits on g.opened \(line \d+\), which nothing in the package signals \(Broadcast, Signal\)`
		defer g.wg.Done()
		g.mu.Lock()
		for !g.open {
			g.opened.Wait()
		}
		g.mu.Unlock()
		f()
	}()
	g.wg.Wait()
}

// A value lent to a helper of the package that only calls its methods
// stays with the function: the helper does not take over its stop.
type jobRunner struct{ jobs chan int }

func (w *jobRunner) run() {
	for range w.jobs {
	}
}

func (w *jobRunner) submit(i int) { w.jobs <- i }

func feedJobs(w *jobRunner, n int) {
	for i := range n {
		w.submit(i)
	}
}

func runJobs(n int) {
	w := &jobRunner{jobs: make(chan int)}
	go w.run() // want `goroutine running w.run is never joined`
	feedJobs(w, n)
}

// Not reported: the helper closes what the goroutine waits on.
func closeJobs(w *jobRunner) { close(w.jobs) }

func runAndCloseJobs(n int) {
	w := &jobRunner{jobs: make(chan int)}
	go w.run()
	feedJobs(w, n)
	closeJobs(w)
}

// An accept loop given context.Background(): that way out never opens,
// and closing the listener is what ends it.
func acceptAll(l *qlisten.Listener, handle func(*qlisten.Conn)) {
	for {
		c, err := l.Accept(context.Background())
		if err != nil {
			return
		}
		handle(c)
	}
}

// Not reported: the deferred Close ends the loop's Accept.
func serveListener(handle func(*qlisten.Conn), work func()) {
	l := qlisten.Listen()
	defer l.Close()
	go acceptAll(l, handle)
	work()
}

// Reported: nothing closes the listener.
func serveListenerForever(handle func(*qlisten.Conn), work func()) {
	l := qlisten.Listen()
	go acceptAll(l, handle) // want `goroutine running acceptAll is never joined`
	work()
}

// --- A result channel with room for the result, and the caller's context ---
//
// serveInBackground hands the goroutine's join on with errc, which has room
// for its one result: the goroutine never waits to send it, and it ends
// when the context it is given is done. A caller that cancels that context
// on every path has stopped it, whether or not it reads the result.

type superv struct{ work chan int }

func (s *superv) serve(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.work:
		}
	}
}

func (s *superv) serveInBackground(ctx context.Context) <-chan error {
	errc := make(chan error, 1)
	go func() { // want `goroutine is handed on to the caller, but backgroundNeverCancelled drops it`
		errc <- s.serve(ctx)
	}()
	return errc
}

func backgroundCancelled(s *superv) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.serveInBackground(ctx)
	s.work <- 1
}

func backgroundReceived(s *superv) error {
	ctx, cancel := context.WithCancel(context.Background())
	errc := s.serveInBackground(ctx)
	cancel()
	return <-errc
}

func backgroundNeverCancelled(s *superv) {
	s.serveInBackground(context.Background()) // want `the result of \(\*superv\).serveInBackground is dropped, so the goroutine started at .* is never joined: receive from it on every path`
	s.work <- 1
}

func backgroundCancelledByGoroutine(s *superv) {
	ctx, cancel := context.WithCancel(context.Background())
	s.serveInBackground(ctx)
	go func() { // it only cancels: it ends at once
		cancel()
	}()
	s.work <- 1
}

func backgroundCancelledAfterWait(s *superv, release chan struct{}) {
	ctx, cancel := context.WithCancel(context.Background())
	s.serveInBackground(ctx) // want `the result of \(\*superv\).serveInBackground is dropped`
	go func() {              // want `goroutine is handed on to the caller, but releaseNever drops it`
		<-release
		cancel()
	}()
}

func releaseNever(s *superv) {
	backgroundCancelledAfterWait(s, make(chan struct{})) // want `argument 2 of backgroundCancelledAfterWait is never closed`
}

func backgroundCancelledOnOnePath(s *superv, stop bool) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.serveInBackground(ctx)
	if stop {
		return
	}
	s.work <- 1
}

func backgroundCancelledLater(s *superv, stop bool) {
	ctx, cancel := context.WithCancel(context.Background())
	s.serveInBackground(ctx) // want `the result of \(\*superv\).serveInBackground is dropped, so the goroutine started at .* is never joined: receive from it, or cancel ctx on every path`
	if stop {
		cancel()
		return
	}
	s.work <- 1
}

// --- A goroutine beside it closes what it waits on ---
//
// The accept loop waits on ln; the goroutine started beside it closes ln
// once stop is closed. Whoever closes stop ends both: returning stop hands
// both on. Where nothing closes stop, or the other goroutine closes ln only
// on some paths, the loop is left running.

func listenUntilStopped() (chan struct{}, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	stop := make(chan struct{})
	go func() {
		<-stop
		ln.Close()
	}()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	return stop, nil
}

func listenNeverStopped() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	stop := make(chan struct{})
	go func() { // want `goroutine is never joined, so it can outlive listenNeverStopped`
		<-stop
		ln.Close()
	}()
	go func() { // want `goroutine is never joined, so it can outlive listenNeverStopped`
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	return nil
}

func listenClosedSometimes(quiet bool) (chan struct{}, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	stop := make(chan struct{})
	go func() {
		<-stop
		if !quiet {
			ln.Close()
		}
	}()
	go func() { // want `goroutine is never joined, so it can outlive listenClosedSometimes`
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	return stop, nil
}

// --- Workers an option asks for ---
//
// optsrv.NewServer starts workers only when given Workers(n) (or Busy(),
// which calls it): a server made with other options, or none, owes no
// Stop. Options the caller passes as a slice may hold anything.

func optionsWithoutWorkers() {
	_ = optsrv.NewServer(optsrv.Named("a"))
	_ = optsrv.NewServer()
}

func optionsWithWorkers() {
	_ = optsrv.NewServer(optsrv.Named("a"), optsrv.Workers(2)) // want `the result of optsrv.NewServer is assigned to _, so the goroutine started at example.com/ownership/optsrv/optsrv.go:\d+ \(s.worker\) is never joined`
	_ = optsrv.NewServer(optsrv.Busy())                        // want `the result of optsrv.NewServer is assigned to _`
}

func optionsUnknown(opts []optsrv.Option) {
	_ = optsrv.NewServer(opts...) // want `the result of optsrv.NewServer is assigned to _`
}

// --- A context whose cancel a base keeps ---
//
// lifecycle.Base.StartInit returns a context whose cancel it keeps in its
// own field, and Stop calls it: the service's loop on that context is the
// caller's to stop, with Stop.

type sweeper struct {
	lifecycle.Base
}

func (s *sweeper) Start(ctx context.Context) error {
	ctx, start, stopped := s.StartInit(ctx)
	if !start {
		return nil
	}
	go func() { // want `goroutine is handed on to the caller, but sweepForgotten drops it at line \d+: call its Stop method there on every path`
		defer stopped()
		<-ctx.Done()
	}()
	return nil
}

func sweepStopped(ctx context.Context) error {
	s := &sweeper{}
	defer s.Stop()
	return s.Start(ctx)
}

func sweepForgotten(ctx context.Context) {
	s := &sweeper{}
	_ = s.Start(ctx) // want `the receiver of \(\*sweeper\).Start \(its.Base\) is not stopped on every path`
}

// --- Through a catcher, and a pool held by value ---
//
// tgroup.Group's goroutines run their functions through catcher.Try, of a
// package with nothing concurrent in it: Try runs what it is given, so a
// group given a function that waits owes its Wait. A pool a wrapper holds
// by value, filled from a method that makes it, is the wrapper's.

func groupThroughCatcher(ch chan int) {
	g := tgroup.New()
	g.Go(func() { <-ch }) // want `the receiver of \(\*tgroup.Group\).Go is not stopped on every path`
}

func groupThroughCatcherWaited() {
	g := tgroup.New()
	g.Go(func() {})
	g.Wait()
}

func catchOnly() {
	var c catcher.Catcher
	c.Try(func() {})
}

type taskPool struct {
	tasks chan func()
	wg    sync.WaitGroup
}

func newTaskPool() *taskPool { return &taskPool{tasks: make(chan func())} }

func (p *taskPool) settings() taskPool { return taskPool{tasks: make(chan func())} }

func (p *taskPool) worker() {
	defer p.wg.Done()
	for f := range p.tasks {
		f()
	}
}

func (p *taskPool) Go(f func()) {
	select {
	case p.tasks <- f:
	default:
		p.wg.Add(1)
		go p.worker() // want `goroutine running p.worker is handed on to the caller, but errPoolForgotten drops it`
		p.tasks <- f
	}
}

func (p *taskPool) Wait() {
	close(p.tasks)
	p.wg.Wait()
}

type errTaskPool struct {
	pool taskPool
	err  error
}

func (p *taskPool) withErrors() *errTaskPool { return &errTaskPool{pool: p.settings()} }

func (p *errTaskPool) Go(f func() error) {
	p.pool.Go(func() {
		if err := f(); err != nil {
			p.err = err
		}
	})
}

func (p *errTaskPool) Wait() error {
	p.pool.Wait()
	return p.err
}

func errPoolForgotten() {
	p := newTaskPool().withErrors()
	p.Go(func() error { return nil }) // want `the receiver of \(\*errTaskPool\).Go \(its.pool\) is not stopped on every path`
}

func errPoolWaited() error {
	p := newTaskPool().withErrors()
	p.Go(func() error { return nil })
	return p.Wait()
}

// --- A sleeper that ends on its own ---
//
// sleepFor's goroutine waits for its timer or its context, then closes the
// channel it returns: a caller that leaves by another case does not wait
// for it, and need not. waitFor's goroutine has no timer: it waits on the
// caller's signal for ever.

func sleepFor(ctx context.Context, d time.Duration) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-t.C:
		}
	}()
	return done
}

func followSleeper(ctx context.Context, wakeup <-chan struct{}) {
	select {
	case <-sleepFor(ctx, time.Second):
	case <-wakeup:
	}
	select {
	case <-sleepVia(ctx, time.Second):
	case <-wakeup:
	}
}

func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

func sleepVia(ctx context.Context, d time.Duration) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		sleepCtx(ctx, d)
	}()
	return done
}

func waitFor(signal <-chan struct{}) <-chan struct{} {
	done := make(chan struct{})
	go func() { // want `goroutine is handed on to the caller, but followWaiter drops it`
		defer close(done)
		<-signal
	}()
	return done
}

func followWaiter(wakeup <-chan struct{}) {
	signal := make(chan struct{})
	select {
	case <-waitFor(signal): // want `the result of waitFor is received from in only one case of a select`
	case <-wakeup:
	}
}

// --- A goroutine only a cancellable parent starts ---
//
// propagate starts its goroutine only when the parent can be done: a
// caller whose parent is context.Background() starts none and owes no
// stop; one whose parent is its own context does.

type stopCtx struct {
	context.Context
	mu   sync.Mutex
	done chan struct{}
	err  error
}

func (c *stopCtx) Done() <-chan struct{} { return c.done }

func (c *stopCtx) Stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = context.Canceled
		close(c.done)
	}
}

func propagate(parent context.Context, child *stopCtx) {
	if parent.Done() == nil {
		return
	}
	go func() { // want `goroutine is handed on to the caller, but parentDropped drops it`
		select {
		case <-parent.Done():
			child.Stop()
		case <-child.Done():
		}
	}()
}

func withStop(parent context.Context) *stopCtx {
	c := &stopCtx{Context: parent, done: make(chan struct{})}
	propagate(parent, c)
	return c
}

func rootDropped() bool {
	c := withStop(context.Background())
	return c.Err() == nil
}

func parentDropped(ctx context.Context) bool {
	c := withStop(ctx) // want `the result of withStop is not stopped on every path`
	return c.Err() == nil
}

// --- Output is not a wait ---
//
// A handler that logs to os.Stdout waits only on its connection: the
// server's Stop, which closes every connection it registered, ends it.
// Where Stop closes only the listener, the handlers are still reported.

type logServer struct {
	mu       sync.Mutex
	ln       net.Listener
	clients  []net.Conn
	closeAll bool
}

func (s *logServer) Start(ln net.Listener) {
	s.ln = ln
	go s.accept()
}

func (s *logServer) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ln.Close()
	for _, c := range s.clients {
		c.Close()
	}
}

func (s *logServer) accept() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			os.Stderr.WriteString("accept: " + err.Error() + "\n")
			return
		}
		s.mu.Lock()
		s.clients = append(s.clients, c)
		s.mu.Unlock()
		go s.handle(c)
	}
}

func (s *logServer) handle(c net.Conn) {
	buf := make([]byte, 64)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		os.Stdout.Write(buf[:n])
	}
}

func useLogServer(ln net.Listener) {
	s := &logServer{}
	s.Start(ln)
	defer s.Stop()
}

type echoServer struct{ ln net.Listener }

func (s *echoServer) Stop() { s.ln.Close() }

func (s *echoServer) accept() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		go func() { // want `goroutine is never joined, so it can outlive \(\*echoServer\).accept`
			buf := make([]byte, 64)
			for {
				n, err := c.Read(buf)
				if err != nil {
					return
				}
				os.Stdout.Write(buf[:n])
			}
		}()
	}
}

// --- A loop that answers requests ---
//
// replier's loop answers each request on a reply channel that the
// requester, Call, receives from right after it sends the request: the
// reply waits on no one but the requester, and Stop stops the loop. Where
// the reply is received elsewhere (Ask sends, Answer receives), the
// reply can wait for ever and Stop does not release it.

type replier struct {
	reqc   chan int
	respc  chan int
	confc  chan int
	statec chan int
	stop   chan struct{}
	done   chan struct{}
}

func newReplier() *replier {
	return &replier{reqc: make(chan int), respc: make(chan int), confc: make(chan int), statec: make(chan int),
		stop: make(chan struct{}), done: make(chan struct{})}
}

func (r *replier) run() {
	for {
		select {
		case v := <-r.reqc:
			r.respc <- v * 2
		case c := <-r.confc:
			select {
			case r.statec <- c:
			case <-r.done:
			}
		case <-r.stop:
			close(r.done)
			return
		}
	}
}

func (r *replier) Call(v int) int {
	r.reqc <- v
	return <-r.respc
}

func (r *replier) Conf(c int) int {
	select {
	case r.confc <- c:
	case <-r.done:
		return 0
	}
	select {
	case s := <-r.statec:
		return s
	case <-r.done:
		return 0
	}
}

func (r *replier) Stop() {
	select {
	case r.stop <- struct{}{}:
	case <-r.done:
	}
	<-r.done
}

func useReplier() int {
	r := newReplier()
	go r.run()
	defer r.Stop()
	return r.Call(1) + r.Conf(2)
}

type asker struct {
	reqc  chan int
	respc chan int
	stop  chan struct{}
}

func (a *asker) run() {
	for {
		select {
		case v := <-a.reqc:
			a.respc <- v
		case <-a.stop:
			return
		}
	}
}

func (a *asker) Ask(v int)   { a.reqc <- v }
func (a *asker) Answer() int { return <-a.respc }
func (a *asker) Stop()       { a.stop <- struct{}{} }

func useAsker() {
	a := &asker{reqc: make(chan int), respc: make(chan int), stop: make(chan struct{})}
	go a.run() // want `goroutine running a.run is not joined on every path`
	defer a.Stop()
	a.Ask(1)
}

// --- A handler that starts its own closer ---
//
// proxyUntilStopped's handlers dial an upstream and start a goroutine
// that closes it once stop is closed: their copy from the upstream ends
// when stop does, and stop is the caller's to close. A closer that closes
// something else, or closes only under a condition, releases nothing.

func proxyUntilStopped(ln net.Listener, addr string) chan struct{} {
	stop := make(chan struct{})
	go func() {
		<-stop
		ln.Close()
	}()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func(conn net.Conn) {
				defer conn.Close()
				up, err := net.Dial("tcp", addr)
				if err != nil {
					return
				}
				go func() {
					<-stop
					up.Close()
				}()
				io.Copy(conn, up)
			}(conn)
		}
	}()
	return stop
}

func proxyClosingOther(ln net.Listener, addr string, other net.Conn) chan struct{} {
	stop := make(chan struct{})
	go func() {
		<-stop
		ln.Close()
	}()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func(conn net.Conn) { // want `goroutine is never joined, so it can outlive the function literal`
				defer conn.Close()
				up, err := net.Dial("tcp", addr)
				if err != nil {
					return
				}
				go func() {
					<-stop
					other.Close()
				}()
				io.Copy(conn, up)
			}(conn)
		}
	}()
	return stop
}

func proxyClosingSometimes(ln net.Listener, addr string, quiet bool) chan struct{} {
	stop := make(chan struct{})
	go func() {
		<-stop
		ln.Close()
	}()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func(conn net.Conn) { // want `goroutine is never joined, so it can outlive the function literal`
				defer conn.Close()
				up, err := net.Dial("tcp", addr)
				if err != nil {
					return
				}
				go func() {
					<-stop
					if !quiet {
						up.Close()
					}
				}()
				io.Copy(conn, up)
			}(conn)
		}
	}()
	return stop
}

func useProxies(ln net.Listener) {
	stop := proxyUntilStopped(ln, "upstream")
	defer close(stop)
	stop2 := proxyClosingOther(ln, "upstream", nil)
	defer close(stop2)
	stop3 := proxyClosingSometimes(ln, "upstream", false)
	defer close(stop3)
}

// --- A goroutine that ranges over the channel its caller passes ---
//
// newEventLog's goroutine ends when the events channel it is given is
// closed: a caller that closes it on every path, itself or through the
// goroutine of the source it came from (dialSource's, which closes it once
// the source is closed), owes no wait.

type eventLog struct {
	wg sync.WaitGroup
	n  int
}

func newEventLog(events <-chan int) *eventLog {
	l := &eventLog{}
	l.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but logClosedSometimes drops it`
		defer l.wg.Done()
		for range events {
			l.n++
		}
	}()
	return l
}

func (l *eventLog) wait() { l.wg.Wait() }

type source struct {
	quit   chan struct{}
	events chan int
}

func dialSource() (*source, <-chan int) {
	s := &source{quit: make(chan struct{}), events: make(chan int, 4)}
	go func() {
		defer close(s.events)
		<-s.quit
	}()
	return s, s.events
}

func (s *source) Close() { close(s.quit) }

func logUntilClosed() {
	s, ev := dialSource()
	defer s.Close()
	newEventLog(ev)
}

func logClosedHere(n int) {
	ev := make(chan int)
	defer close(ev)
	newEventLog(ev)
	for i := range n {
		ev <- i
	}
}

func logClosedSometimes(stop bool) {
	ev := make(chan int)
	newEventLog(ev) // want `the result of newEventLog is dropped, so the goroutine started at .* is never joined: call its wait method, or close ev on every path`
	if stop {
		close(ev)
	}
}

func logNeverClosed() {
	ev := make(chan int)
	newEventLog(ev) // want `the result of newEventLog is dropped`
	ev <- 1
}

// --- A literal given what it waits on as arguments ---
//
// go func(c chan bool) { c <- f() }(ch) is go func() { ch <- f() }(): a
// parameter the literal never assigns is the argument it is given.

func askThroughArg(f func() bool) bool {
	ch := make(chan bool)
	go func(c chan bool) {
		c <- f()
	}(ch)
	return <-ch
}

func askThroughArgLeft(ctx context.Context, f func() bool) bool {
	ch := make(chan bool)
	go func(c chan bool) { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from ch`
		c <- f()
	}(ch)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return false
	}
}

func countThroughArg(n int, work func(int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func(wg *sync.WaitGroup, i int) {
			defer wg.Done()
			work(i)
		}(&wg, i)
	}
	wg.Wait()
}

type acceptor struct {
	ln    net.Listener
	conns chan net.Conn
}

func (a *acceptor) acceptThroughArg() {
	go func(a *acceptor) { // want `goroutine is handed on to the caller, but acceptorLeft drops it`
		c, err := a.ln.Accept()
		if err != nil {
			return
		}
		a.conns <- c
	}(a)
}

func (a *acceptor) Close() error { return a.ln.Close() }

func (a *acceptor) next() net.Conn { return <-a.conns }

func acceptorClosed(ln net.Listener) net.Conn {
	a := &acceptor{ln: ln, conns: make(chan net.Conn)}
	defer a.Close()
	a.acceptThroughArg()
	return a.next()
}

func acceptorLeft(ln net.Listener) {
	a := &acceptor{ln: ln, conns: make(chan net.Conn)}
	a.acceptThroughArg() // want `the receiver of \(\*acceptor\).acceptThroughArg is not stopped on every path`
}

// --- A method of an element of the receiver's container ---
//
// go c.stubs[i].run() works on an element the receiver holds, as go
// c.stub.run() works on a field: the receiver's owner stops it. Elements
// of a local slice are the function's own.

type pipeStub struct {
	in   chan int
	stop chan struct{}
}

func (s *pipeStub) run() {
	for {
		select {
		case <-s.stop:
			return
		case <-s.in:
		}
	}
}

type pipeChain struct{ stubs []*pipeStub }

func (c *pipeChain) start() {
	for i := range c.stubs {
		go c.stubs[i].run()
	}
}

func (c *pipeChain) interrupt() {
	for _, s := range c.stubs {
		close(s.stop)
	}
}

func startLocalStubs() {
	stubs := []*pipeStub{{in: make(chan int), stop: make(chan struct{})}}
	go stubs[0].run() // want `goroutine running stubs\[0\].run`
}

// The same through a literal that only calls the method, and through a
// local that only ever holds the element (ln := l.byID[id]), also when
// the element is an interface whose method the pass cannot read.

type stubRunner interface{ run() }

type stubSet struct{ byID map[string]stubRunner }

func (l *stubSet) serve(id string) {
	ln := l.byID[id]
	go func() {
		ln.run()
	}()
}

func (l *stubSet) serveIf(id string) {
	if ln, ok := l.byID[id]; ok {
		go ln.run()
	}
}

func serveLocalStub() {
	byID := map[string]stubRunner{"a": &pipeStub{in: make(chan int), stop: make(chan struct{})}}
	ln := byID["a"]
	go func() { // want `goroutine is never joined`
		ln.run()
	}()
}

func (l *stubSet) serveSwapped(id string) {
	ln := l.byID[id]
	ln = &pipeStub{in: make(chan int), stop: make(chan struct{})}
	go ln.run() // want `goroutine running ln.run is never joined`
}

// --- Two values that wrap the two ends of one channel ---
//
// w and r are made with the same channel, positionally: a receive through
// r is a receive from what w sends on.

type chanWriter struct{ out chan<- []byte }

func newChanWriter(c chan<- []byte) *chanWriter { return &chanWriter{c} }

func (w *chanWriter) write(b []byte) { w.out <- b }

type chanReader struct{ in <-chan []byte }

func newChanReader(c <-chan []byte) *chanReader { return &chanReader{c} }

func (r *chanReader) read() []byte { return <-r.in }

func pipeOne(b []byte) []byte {
	c := make(chan []byte)
	w, r := newChanWriter(c), newChanReader(c)
	go w.write(b)
	return r.read()
}

func pipeSkipped(b []byte, skip bool) []byte {
	c := make(chan []byte)
	w, r := newChanWriter(c), newChanReader(c)
	go w.write(b) // want `goroutine running w.write is never joined, so it can outlive pipeSkipped`
	if skip {
		return nil
	}
	return r.read()
}

// --- A value stored in its owner's map before it starts ---
//
// register keeps h in the registry before h.run() starts its loop: the
// registry's close stops it. A handler nobody keeps must be closed.

type rhandler struct {
	reqs chan int
	done chan struct{}
}

func (h *rhandler) run() {
	go func() { // want `goroutine is handed on to the caller, but runUnkept drops it`
		for {
			select {
			case <-h.done:
				return
			case <-h.reqs:
			}
		}
	}()
}

func (h *rhandler) close() { close(h.done) }

type hregistry struct {
	mu       sync.Mutex
	handlers map[string]*rhandler
}

func (r *hregistry) register(key string) {
	h := &rhandler{reqs: make(chan int), done: make(chan struct{})}
	r.mu.Lock()
	r.handlers[key] = h
	r.mu.Unlock()
	h.run()
}

func (r *hregistry) closeAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, h := range r.handlers {
		h.close()
	}
}

func runUnkept() {
	h := &rhandler{reqs: make(chan int), done: make(chan struct{})}
	h.run() // want `the receiver of \(\*rhandler\).run is not stopped on every path`
}

// --- A WaitGroup of another package that starts what it counts ---
//
// Wrap adds to the group and starts a goroutine that is Done when it
// returns, as wg.Go does: a Wait on the group ends when those goroutines
// do, so exit, which releases them first, returns.

type wrappedServer struct {
	wg   wgwrap.WaitGroupWrapper
	stop chan struct{}
}

func (s *wrappedServer) start() { s.wg.Wrap(func() { <-s.stop }) }

func (s *wrappedServer) exit() {
	close(s.stop)
	s.wg.Wait()
}

func wrappedExit() {
	s := &wrappedServer{stop: make(chan struct{})}
	s.start()
	done := make(chan struct{})
	go func() {
		s.exit()
		close(done)
	}()
	<-done
}

// --- A channel closed once the group is waited for ---
//
// Stop closes StopChan right after waiting for the consumer's goroutines:
// a receive from StopChan waits for them too.

type consumer struct {
	wg       sync.WaitGroup
	exitCh   chan int
	StopChan chan int
	once     sync.Once
}

func newConsumer() *consumer {
	c := &consumer{exitCh: make(chan int), StopChan: make(chan int)}
	c.wg.Add(1)
	go c.loop() // want `goroutine running c.loop is handed on to the caller, but consumeAndLeave drops it`
	return c
}

func (c *consumer) loop() {
	defer c.wg.Done()
	<-c.exitCh
}

func (c *consumer) Stop() {
	c.once.Do(func() {
		close(c.exitCh)
		c.wg.Wait()
		close(c.StopChan)
	})
}

func consumeUntilStopped(term chan int) {
	c := newConsumer()
	for {
		select {
		case <-c.StopChan:
			return
		case <-term:
			c.Stop()
		}
	}
}

func consumeAndLeave(term chan int) {
	c := newConsumer() // want `the result of newConsumer is not stopped on every path`
	<-term
	_ = c.StopChan
}

// A function that starts a goroutine sending once on a channel its caller
// gave, and itself receives from that channel on every path before it
// returns (a loop whose only return is the case that takes the result),
// joins it: its caller owes nothing.

type fetched struct{ n int }

func fetchOne(out chan<- fetched) { out <- fetched{n: 1} }

func fetchAndTake(out chan fetched, other <-chan int) int {
	go fetchOne(out)
	for {
		select {
		case r := <-out:
			return r.n
		case <-other:
		}
	}
}

func fetchOrGiveUp(out chan fetched, other <-chan int) int {
	go fetchOne(out) // want `goroutine running fetchOne is handed on to the caller, but fetchLoopDrops drops it`
	select {
	case r := <-out:
		return r.n
	case <-other:
		return 0 // leaves the send to whoever holds out
	}
}

func fetchLoop(ctx context.Context, tick <-chan struct{}, other <-chan int) {
	out := make(chan fetched)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			fetchAndTake(out, other)
		}
	}
}

func fetchLoopDrops(ctx context.Context, tick <-chan struct{}, other <-chan int) {
	out := make(chan fetched)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			fetchOrGiveUp(out, other) // want `argument 1 of fetchOrGiveUp is not received from on every path`
		}
	}
}

// A server whose Serve returns a nil error only once it was stopped: a
// caller that panics, or returns, on its error has nothing left to stop
// when the error is nil. One whose nil error says nothing (its listener
// was closed by anyone) still owes its stop, as a caller that ignores the
// error does.

func serveUntilStopped(l net.Listener) {
	srv := serving.New()
	if err := srv.Serve(l); err != nil {
		panic(err)
	}
}

func serveAndReturn(l net.Listener) error {
	srv := serving.New()
	return srv.Serve(l)
}

func serveIgnoring(l net.Listener) {
	srv := serving.New()
	srv.Serve(l) // want `the receiver of \(\*serving.Server\).Serve is not stopped on every path`
}

func serveLoose(l net.Listener) {
	srv := serving.NewLoose()
	if err := srv.Serve(l); err != nil { // want `the receiver of \(\*serving.Loose\).Serve is not stopped on every path`
		panic(err)
	}
}

// A constructor that returns, beside the value its goroutine is handed on
// with, a function that stops it (a cleanup, a cancel, a method value):
// calling that function, or handing it on, is the stop.

func tickCleanup() int {
	tk, cleanup := closer.New()
	defer cleanup()
	return <-tk.C
}

func tickMethodValue(register func(func())) int {
	tk, stop := closer.NewStop()
	register(stop)
	return <-tk.C
}

func tickOrFail(ok bool) (int, error) {
	tk, stop, err := closer.NewOrFail(ok)
	if err != nil {
		return 0, err
	}
	defer stop()
	return <-tk.C, nil
}

func tickDropped() int {
	tk, _ := closer.New() // want `the result of closer.New is not stopped on every path`
	return <-tk.C
}

func tickStoppedOnce(early bool) int {
	tk, cleanup := closer.New() // want `the result of closer.New is not stopped on every path`
	if early {
		return 0
	}
	defer cleanup()
	return <-tk.C
}

func tickNoop() int {
	tk, cleanup := closer.NewNoop() // want `the result of closer.NewNoop is not stopped on every path`
	defer cleanup()
	return <-tk.C
}

// A notifier whose worker drains its queue into a callback the notifier
// holds, counted by a WaitGroup its Close waits for, ends when the queue
// is empty: a caller that never closes it leaves nothing running. A worker
// that runs work its caller gave (runGiven) is the caller's to wait for.

type notifier struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	queue   []int
	running bool
	onEvent func(int)
	done    chan struct{}
}

func (n *notifier) Close() {
	close(n.done)
	n.wg.Wait()
}

func (n *notifier) Notify(v int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	drain := func() {
		defer n.wg.Done()
		for {
			n.mu.Lock()
			if len(n.queue) == 0 {
				n.running = false
				n.mu.Unlock()
				return
			}
			x := n.queue[0]
			n.queue = n.queue[1:]
			n.mu.Unlock()
			n.onEvent(x)
		}
	}
	n.queue = append(n.queue, v)
	if !n.running {
		n.running = true
		n.wg.Add(1)
		go drain()
	}
}

func (n *notifier) runGiven(f func()) {
	n.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but notifyGivenDropped drops it`
		defer n.wg.Done()
		f()
	}()
}

func notifyOnce(seen *int) {
	n := &notifier{onEvent: func(v int) { *seen = v }, done: make(chan struct{})}
	n.Notify(1)
}

func notifyGivenDropped(ch chan int) {
	n := &notifier{done: make(chan struct{})}
	n.runGiven(func() { ch <- 1 }) // want `the receiver of \(\*notifier\).runGiven is not stopped on every path`
}

// A goroutine whose last act closes the write end of a pipe has ended
// once a read of the other end to its end returns (io.ReadAll sees EOF
// only then): the pipe made in place, or by a helper returning both ends.

type pipeClient struct{ conn net.Conn }

func (c *pipeClient) send(b []byte) { _, _ = c.conn.Write(b) }

func newPipeClient() (*pipeClient, net.Conn, net.Conn) {
	r, w := net.Pipe()
	return &pipeClient{conn: w}, r, w
}

func pipeReadAll() ([]byte, error) {
	r, w := net.Pipe()
	cl := &pipeClient{conn: w}
	go func() {
		cl.send([]byte("hello"))
		_ = w.Close()
	}()
	return io.ReadAll(r)
}

func pipeFromHelper() ([]byte, error) {
	cl, r, w := newPipeClient()
	go func() {
		defer w.Close()
		cl.send([]byte("hello"))
	}()
	return io.ReadAll(r)
}

func pipeReadOnce() (int, error) {
	r, w := net.Pipe()
	cl := &pipeClient{conn: w}
	go func() { // want `goroutine is never joined`
		cl.send([]byte("hello"))
		cl.send([]byte("again"))
		_ = w.Close()
	}()
	buf := make([]byte, 5)
	return r.Read(buf)
}

// A value whose reader reads the connection its constructor was given,
// kept in a field of the value it made (cc := &lineConn{c: c}), ends when
// that connection is closed: a caller that closes what it passed owes no
// Close of the value.

type lineConn struct{ c io.ReadWriteCloser }

func newLineConn(c io.ReadWriteCloser) *lineConn {
	lc := &lineConn{c: c}
	go lc.read() // want `goroutine running lc.read is handed on to the caller, but lineConnLeft drops it`
	return lc
}

func (lc *lineConn) read() {
	r := bufio.NewReader(lc.c)
	for {
		if _, err := r.ReadString('\n'); err != nil {
			return
		}
	}
}

func (lc *lineConn) Close() error { return lc.c.Close() }

func lineConnClosedUnder() {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	_ = newLineConn(a)
}

func lineConnLeft() {
	a, _ := net.Pipe()
	lc := newLineConn(a) // want `the result of newLineConn is not stopped on every path`
	_ = lc
}

// A goroutine that only calls a server's Serve, which starts the server's
// loop and returns, waits on nothing: closing the server on every path
// after it is all its owner can do.

type house struct{ done chan struct{} }

func newHouse() *house { return &house{done: make(chan struct{})} }

func (h *house) Serve() error {
	go h.loop()
	return nil
}

func (h *house) loop() { <-h.done }

func (h *house) Close() error {
	close(h.done)
	return nil
}

func runHouse(sig chan struct{}) {
	h := newHouse()
	go func() {
		if err := h.Serve(); err != nil {
			panic(err)
		}
	}()
	<-sig
	_ = h.Close()
}

func runHouseOpen(sig chan struct{}) {
	h := newHouse()
	go func() { // want `goroutine is never joined, so it can outlive runHouseOpen`
		if err := h.Serve(); err != nil {
			panic(err)
		}
	}()
	<-sig
}

func runHouseOnSignal() {
	h := newHouse()
	defer h.Close()
	go func() { // want `goroutine is never joined, so it can outlive runHouseOnSignal`
		sig := make(chan struct{}, 1)
		for range sig {
			_ = h.Serve()
		}
	}()
}

// A constructor that returns its loop's value inside another
// (return &hubManager{hub: h}) hands the loop on with that value: the
// caller stops it with the holder's Close.

type eventHub struct {
	register chan int
	exit     chan struct{}
}

func (h *eventHub) run() {
	for {
		select {
		case <-h.register:
		case <-h.exit:
			return
		}
	}
}

type hubManager struct{ hub *eventHub }

func newHubManager() *hubManager {
	h := &eventHub{register: make(chan int), exit: make(chan struct{})}
	go h.run() // want `goroutine running h.run is handed on to the caller, but hubDropped drops it`
	return &hubManager{hub: h}
}

func (m *hubManager) Close() { m.hub.exit <- struct{}{} }

func hubClosed() {
	m := newHubManager()
	defer m.Close()
	m.hub.register <- 1
}

func hubDropped() {
	m := newHubManager() // want `the result of newHubManager is not stopped on every path`
	m.hub.register <- 1
}

// Through a helper that embeds the manager in its own result, the
// manager's Close, promoted, stops it.

type hubServer struct {
	*hubManager
	name string
}

func newHubServer() *hubServer {
	m := newHubManager()
	return &hubServer{hubManager: m, name: "hub"}
}

func hubServerClosed() {
	s := newHubServer()
	defer s.Close()
	s.hub.register <- 1
}

func hubServerDropped() {
	s := newHubServer() // want `the result of newHubServer is not stopped on every path`
	s.hub.register <- 1
}

// An item that registers itself with an owner it is given before it
// starts its loop (o.register(it), keeping it in a set) is the owner's:
// the owner's Close aborts every item it keeps. One that registers
// nowhere is its caller's to abort.

type itemOwner struct {
	mu    sync.Mutex
	items map[*workItem]struct{}
}

func (o *itemOwner) register(it *workItem) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.items[it] = struct{}{}
}

func (o *itemOwner) Close() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for it := range o.items {
		it.Abort()
	}
}

type workItem struct {
	once    sync.Once
	closeCh chan struct{}
}

func (it *workItem) Abort() { it.once.Do(func() { close(it.closeCh) }) }

func (it *workItem) loop() { <-it.closeCh }

func (it *workItem) startWith(o *itemOwner) {
	it.closeCh = make(chan struct{})
	o.register(it)
	go it.loop()
}

func (it *workItem) startAlone() {
	it.closeCh = make(chan struct{})
	go it.loop() // want `goroutine running it.loop is handed on to the caller, but itemsAlone drops it`
}

func itemsOwned() {
	o := &itemOwner{items: map[*workItem]struct{}{}}
	defer o.Close()
	a, b := &workItem{}, &workItem{}
	a.startWith(o)
	b.startWith(o)
}

func itemsAlone() {
	it := &workItem{}
	it.startAlone() // want `the receiver of \(\*workItem\).startAlone is not stopped on every path`
}

// A loop that leaves right after its one send into a channel made with
// room for it (a buffer kept as storage, never received from) cannot
// block there; the same send without the room blocks for ever.

type fdKeeper struct {
	store chan int
	stop  chan struct{}
	work  chan int
}

func newFdKeeper(room int) *fdKeeper {
	k := &fdKeeper{store: make(chan int, 1), stop: make(chan struct{}), work: make(chan int)}
	go k.run()
	return k
}

func (k *fdKeeper) Stop() { close(k.stop) }

func (k *fdKeeper) run() {
	for {
		select {
		case <-k.stop:
			return
		case v := <-k.work:
			k.store <- v
			return
		}
	}
}

type fdHolder struct {
	store chan int
	stop  chan struct{}
	work  chan int
}

func newFdHolder() *fdHolder {
	k := &fdHolder{store: make(chan int), stop: make(chan struct{}), work: make(chan int)}
	go k.run() // want `goroutine running k.run blocks for ever: it sends on k.store`
	return k
}

func (k *fdHolder) Stop() { close(k.stop) }

func (k *fdHolder) run() {
	for {
		select {
		case <-k.stop:
			return
		case v := <-k.work:
			k.store <- v
			return
		}
	}
}

// A loop over a Ticker's channel never ends: the runtime never closes
// the channel, and Stop does not. Handed on with the value it works on,
// it is still stuck whatever its owner stops.

type gcHook struct {
	ticker *time.Ticker
	store  *gckv.DB
	stop   chan struct{}
}

func (h *gcHook) Init(d time.Duration) {
	h.store = gckv.Open()
	h.ticker = time.NewTicker(d)
	go h.gcLoop() // want `goroutine running h.gcLoop blocks for ever: it ranges over h.ticker.C \(line \d+\), which is never closed`
}

func (h *gcHook) gcLoop() {
	for range h.ticker.C {
	again: // a retry inside the loop does not leave it
		if h.store.Collect() == nil {
			goto again
		}
	}
}

func (h *gcHook) Stop() {
	h.ticker.Stop()
	h.store.Close()
}

func (h *gcHook) InitStoppable(d time.Duration) {
	h.store = gckv.Open()
	h.ticker = time.NewTicker(d)
	h.stop = make(chan struct{})
	go h.gcUntilStopped()
}

func (h *gcHook) gcUntilStopped() {
	for {
		select {
		case <-h.ticker.C:
			_ = h.store.Collect()
		case <-h.stop:
			return
		}
	}
}

func (h *gcHook) Close() {
	h.ticker.Stop()
	close(h.stop)
}

// A goroutine whose last act is the cancel of a context made beside it
// has ended when that context's Done() is received from, as with
// close(done) and <-done.

func waitByCancel(work func()) {
	seen, done := context.WithCancel(context.Background())
	go func() {
		work()
		done()
	}()
	<-seen.Done()
}

func waitByCancelDeferred(work func(), quit <-chan struct{}) {
	seen, done := context.WithCancel(context.Background())
	go func() { // want `goroutine is not joined on every path`
		defer done()
		work()
	}()
	select {
	case <-seen.Done():
	case <-quit:
	}
}

func waitByCancelInSelect(work func(), tick <-chan struct{}) {
	seen, done := context.WithCancel(context.Background())
	go func() {
		defer done()
		work()
	}()
	for {
		select {
		case <-seen.Done():
			return
		case <-tick:
		}
	}
}

func waitByCancelNever(work func()) {
	_, done := context.WithCancel(context.Background())
	go func() { // want `goroutine is never joined`
		work()
		done()
	}()
}

// A method that starts a batch's worker and arms a timer that closes the
// batch (time.AfterFunc(d, b.flush)) stops it itself: its callers owe
// nothing. Without the timer, they owe the flush.

type batchReq struct{ reply chan int }

type batchOf struct {
	mu    sync.Mutex
	in    chan *batchReq
	wg    sync.WaitGroup
	timer *time.Timer
}

func (b *batchOf) collect(in <-chan *batchReq) {
	defer b.wg.Done()
	var rs []*batchReq
	for r := range in {
		rs = append(rs, r)
	}
	for _, r := range rs {
		r.reply <- len(rs)
	}
}

func (b *batchOf) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.in != nil {
		close(b.in)
		b.in = nil
	}
}

func (b *batchOf) Submit() int {
	r := &batchReq{reply: make(chan int, 1)}
	b.mu.Lock()
	if b.in == nil {
		b.wg.Add(1)
		b.in = make(chan *batchReq, 4)
		go b.collect(b.in)
		b.timer = time.AfterFunc(time.Millisecond, b.Flush)
	}
	b.in <- r
	b.mu.Unlock()
	return <-r.reply
}

func (b *batchOf) SubmitUntimed() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.in == nil {
		b.wg.Add(1)
		b.in = make(chan *batchReq, 4)
		go b.collect(b.in) // want `goroutine running b.collect is handed on to the caller, but batchUntimed drops it`
	}
	b.in <- &batchReq{reply: make(chan int, 1)}
}

func batchTimed() int {
	b := &batchOf{}
	return b.Submit()
}

func batchUntimed() {
	b := &batchOf{}
	b.SubmitUntimed() // want `the receiver of \(\*batchOf\).SubmitUntimed is not stopped on every path`
}

// A helper that returns its value through named results and a bare
// return hands the value's goroutine on as one returning it by name does.

type namedLoop struct {
	out  chan int
	quit chan struct{}
}

func (n *namedLoop) run() {
	for {
		select {
		case <-n.out:
		case <-n.quit:
			return
		}
	}
}

func (n *namedLoop) Stop() { close(n.quit) }

func newNamedLoop() (n *namedLoop, err error) {
	n = &namedLoop{out: make(chan int), quit: make(chan struct{})}
	go n.run() // want `goroutine running n.run is handed on to the caller, but namedDropped drops it`
	return
}

func namedStopped() error {
	n, err := newNamedLoop()
	if err != nil {
		return err
	}
	defer n.Stop()
	n.out <- 1
	return nil
}

func namedDropped() {
	n, _ := newNamedLoop() // want `the result of newNamedLoop is not stopped on every path`
	n.out <- 1
}

// A result stored in an element of a container (a slice of the caller's
// servers) is kept where whoever holds the container stops it.

type leafSrv struct{ quit chan struct{} }

func (s *leafSrv) loop()     { <-s.quit }
func (s *leafSrv) Shutdown() { close(s.quit) }

func runLeaf(conf string) (srv *leafSrv, name string) {
	srv = &leafSrv{quit: make(chan struct{})}
	go srv.loop() // want `goroutine running srv.loop is handed on to the caller, but leafDropped drops it`
	name = conf
	return
}

type leafSlot struct{ srv *leafSrv }

func leafRestart(leafs []*leafSlot) {
	leafs[1].srv, _ = runLeaf("b")
}

func leafDropped() {
	runLeaf("c") // want `the result of runLeaf is dropped`
}

// A helper that returns, beside the value, a shutdown it assigns on the
// branch that made the value (and something else on another) is
// discharged by a caller that defers that shutdown, even one that keeps
// only the shutdown.

func startFixture(single bool) (s *leafSrv, shutdown func(), err error) {
	if single {
		s = &leafSrv{quit: make(chan struct{})}
		go s.loop() // want `goroutine running s.loop is handed on to the caller, but fixtureLeft drops it`
		shutdown = func() { s.Shutdown() }
	} else {
		shutdown = func() {}
	}
	return s, shutdown, nil
}

func fixtureStopped() {
	_, shutdown, err := startFixture(true)
	if err != nil {
		return
	}
	defer shutdown()
}

func fixtureLeft() {
	s, _, _ := startFixture(true) // want `the result of startFixture is not stopped on every path`
	_ = s
}

// A method with an error result that hands a goroutine on with its
// receiver only when it returns nil: a caller that finds the error not
// nil owes nothing (an Init that failed started nothing). One that may
// fail after starting it leaves the stop owed on its error path too.

type initDB struct{ done chan struct{} }

func openInitDB(bad bool) (*initDB, error) {
	if bad {
		return nil, errors.New("bad option")
	}
	db := &initDB{done: make(chan struct{})}
	go db.loop() // want `goroutine running db.loop is handed on to the caller, but initLeft drops it`
	return db, nil
}

func (db *initDB) loop()        { <-db.done }
func (db *initDB) Close() error { close(db.done); return nil }

type initHook struct{ db *initDB }

func (h *initHook) Init(bad bool) error {
	var err error
	h.db, err = openInitDB(bad)
	if err != nil {
		return err
	}
	return nil
}

func (h *initHook) Stop() error { return h.db.Close() }

func initFailed() {
	h := new(initHook)
	if err := h.Init(true); err == nil {
		panic("want an error")
	}
}

func initLeft() {
	h := new(initHook)
	if err := h.Init(false); err != nil { // want `the receiver of \(\*initHook\).Init \(its.db\) is not stopped on every path: the end of the function`
		return
	}
	_ = len(h.db.done)
}

// A send the loop receives as its last act ends it, as its Close does.
func initSent() {
	h := new(initHook)
	if err := h.Init(false); err != nil {
		return
	}
	h.db.done <- struct{}{}
}

type dialer struct {
	quit chan struct{}
	addr string
}

func (d *dialer) loop()  { <-d.quit }
func (d *dialer) Close() { close(d.quit) }

func (d *dialer) Start() error {
	go d.loop() // want `goroutine running d.loop is handed on to the caller, but startFailed drops it`
	if d.addr == "" {
		return errors.New("no address")
	}
	return nil
}

func startFailed() {
	d := &dialer{quit: make(chan struct{})}
	if err := d.Start(); err != nil { // want `the receiver of \(\*dialer\).Start is not stopped on every path`
		return
	}
	defer d.Close()
}

// A helper that runs a function on a goroutine and hands back its one
// result on a channel with room for it: dropping the result is fine when
// what the function given waits on is the caller's owner's to release
// (the connection the caller was given), not when it is the caller's own.

func goErr(fn func() error) <-chan error {
	errs := make(chan error, 1)
	go func() { // want `goroutine is handed on to the caller, but echoLocal drops it`
		errs <- fn()
	}()
	return errs
}

func echoConn(c net.Conn, msg []byte) error {
	writeErr := goErr(func() error {
		_, err := c.Write(msg)
		return err
	})
	buf := make([]byte, len(msg))
	if _, err := c.Read(buf); err != nil {
		return err
	}
	return <-writeErr
}

func echoLocal(msg []byte) error {
	ch := make(chan []byte)
	writeErr := goErr(func() error { // want `the result of goErr is not received from on every path`
		ch <- msg
		return nil
	})
	if len(msg) == 0 {
		return nil
	}
	<-ch
	return <-writeErr
}

// A function that ends only with the process: http.ListenAndServe never
// returns a nil error, so the branch on a nil one is never taken. One that
// returns on http.ErrServerClosed, after a Shutdown, does return.

func serveUntilFatal(h http.Handler) {
	ticks := make(chan int)
	go func() {
		for range ticks {
		}
	}()
	if err := http.ListenAndServe("localhost:0", h); err != nil {
		log.Fatal(err)
	}
}

func serveUntilClosed(srv *http.Server) {
	ticks := make(chan int)
	go func() { // want `goroutine is never joined, so it can outlive serveUntilClosed`
		for range ticks {
		}
	}()
	err := srv.ListenAndServe()
	if err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
}

// A start handshake sent into a buffer, with the close of the same
// channel as the goroutine's last act: one receive takes the handshake,
// not the end.

type readyWatcher struct {
	parent context.Context
	quit   chan struct{}
	err    error
}

func (w *readyWatcher) run(ready chan struct{}) {
	parentDone := w.parent.Done()
	defer close(ready)
	for w.err == nil {
		select {
		case <-w.quit:
			w.err = errors.New("stopped")
		case <-parentDone:
			w.err = w.parent.Err()
		case ready <- struct{}{}:
			ready = nil
		}
	}
}

func (w *readyWatcher) Close() { close(w.quit) }

func watchStarted(ctx context.Context) {
	w := &readyWatcher{parent: ctx, quit: make(chan struct{})}
	ready := make(chan struct{}, 1)
	go w.run(ready) // want `goroutine running w.run is not joined on every path: the end of the function at line \d+ skips draining ready`
	<-ready
}

func watchStopped(ctx context.Context) {
	w := &readyWatcher{parent: ctx, quit: make(chan struct{})}
	ready := make(chan struct{}, 1)
	go w.run(ready)
	<-ready
	w.Close()
	for range ready {
	}
}

// A loop that serves requests and answers each through a helper method
// (l.reply()) goes on looping: the requester's receive of the answer is
// not its join, and the method that asks is not a stop. The answer is a
// reply, as when it is sent in place.

type pauseLoop struct {
	pauseCh chan struct{}
	replyCh chan error
	ctx     context.Context
	cancel  context.CancelFunc
}

func newPauseLoop() *pauseLoop {
	ctx, cancel := context.WithCancel(context.Background())
	l := &pauseLoop{pauseCh: make(chan struct{}), replyCh: make(chan error), ctx: ctx, cancel: cancel}
	go func() { // want `goroutine is handed on to the caller, but pauseOnly drops it at line \d+: call its Close method there`
		for {
			select {
			case <-l.pauseCh:
				l.reply()
			case <-l.ctx.Done():
				return
			}
		}
	}()
	return l
}

func (l *pauseLoop) reply() { l.replyCh <- nil }

func (l *pauseLoop) Pause() error {
	l.pauseCh <- struct{}{}
	return <-l.replyCh
}

func (l *pauseLoop) Close() { l.cancel() }

func pauseOnly() {
	l := newPauseLoop() // want `the result of newPauseLoop is not stopped on every path: .* call its Close method`
	_ = l.Pause()
}

func pauseThenClose() {
	l := newPauseLoop()
	defer l.Close()
	_ = l.Pause()
}

// A range over a channel ends only when it is closed: sends keep it
// going. A drainer started on the way out over a channel nothing closes
// blocks for ever, whoever sends on it.

func tickLoop(events <-chan int) {
	tick := make(chan bool)
	defer func() {
		go func() { // want `goroutine blocks for ever: it ranges over tick \(line \d+\), which nothing in the package closes`
			for range tick {
			}
		}()
	}()
	go func() { // want `goroutine is never joined`
		for {
			tick <- true
		}
	}()
	for e := range events {
		_ = e
		<-tick
	}
}

// Code of another package counts down only a WaitGroup it is given:
// go http.Serve(l, nil) after s.wg.Add(1) is not joined by s.wg.

type countedService struct {
	wg   *sync.WaitGroup
	quit chan struct{}
}

func (s *countedService) start(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.wg.Add(1)
	go http.Serve(l, nil) // want `goroutine running http.Serve is never joined`
	return nil
}

func (s *countedService) startGiven() {
	s.wg.Add(1)
	go wgwrap.Serve(s.wg, s.quit)
}

func (s *countedService) stop() {
	close(s.quit)
	s.wg.Wait()
}

// A goroutine counted in a WaitGroup that returns, on some path, before
// its Done leaves whoever waits on the group waiting for ever. A group
// that may be nil, counted only when it is not, is counted down the same
// way; a deferred Done is made on every path.

type skipWorker struct {
	in, out chan int
	ctx     context.Context
}

func (e *skipWorker) work(wg *sync.WaitGroup) {
	for {
		select {
		case v := <-e.in:
			select {
			case <-e.ctx.Done():
				return
			case e.out <- v:
			}
		case <-e.ctx.Done():
			wg.Done()
			return
		}
	}
}

func (e *skipWorker) workGuarded(wg *sync.WaitGroup) {
	<-e.ctx.Done()
	if wg != nil {
		wg.Done()
	}
}

func (e *skipWorker) workDeferred(wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case v := <-e.in:
			select {
			case <-e.ctx.Done():
				return
			case e.out <- v:
			}
		case <-e.ctx.Done():
			return
		}
	}
}

func runSkipWorkers(e *skipWorker) {
	var wg sync.WaitGroup
	wg.Add(1)
	go e.work(&wg) // want `goroutine running e.work returns at line \d+ without wg.Done\(\), which it calls on its other paths: whoever waits on wg waits for ever`
	wg.Add(1)
	go e.workGuarded(&wg)
	wg.Add(1)
	go e.workDeferred(&wg)
	wg.Wait()
}

// A range whose body can leave the loop (a nil task sent to stop it) is
// ended by that send too.

type taskWorker struct{ task chan func() }

func (w *taskWorker) run() {
	go func() {
		for f := range w.task {
			if f == nil {
				return
			}
			f()
		}
	}()
}

func (w *taskWorker) finish() { w.task <- nil }

// A function that never returns because it ranges over a channel nothing
// closes (time.Tick's), itself or in a helper it calls last, ends only
// with the process; one ranging over a channel that is closed returns.

var tickCount int

func countTicks() {
	go func() {
		for {
			tickCount++
			time.Sleep(time.Millisecond)
		}
	}()
	for range time.Tick(time.Second) {
		tickCount = 0
	}
}

func reportTicks(d time.Duration) {
	for range time.Tick(d) {
		tickCount = 0
	}
}

func countThenReport() {
	go func() {
		for {
			tickCount++
			time.Sleep(time.Millisecond)
		}
	}()
	reportTicks(time.Second)
}

func countUntilClosed(done chan struct{}) {
	go func() { // want `goroutine is never joined, so it can outlive countUntilClosed`
		for {
			tickCount++
			time.Sleep(time.Millisecond)
		}
	}()
	for range done {
	}
}

func closeCounted(done chan struct{}) { close(done) }

// A serving loop whose cases hand work to another goroutine of the
// package (over channels of a part it was lent) and put answers in a
// buffer: waits it goes on after, which its owner need not release. Only
// its exit, the cancel, stops it, and both methods that cancel do. The
// part's own loop ends with the context it was given, whose cancel its
// caller keeps in the value it returns.

type schedExec struct {
	outCh  chan int
	stopCh chan struct{}
}

func newSchedExec(ctx context.Context) *schedExec {
	e := &schedExec{outCh: make(chan int), stopCh: make(chan struct{})}
	go func() {
		for {
			select {
			case <-e.stopCh:
			case e.outCh <- 1:
			case <-ctx.Done():
				return
			}
		}
	}()
	return e
}

type loopSched struct {
	exec           *schedExec
	stopCh         chan struct{}
	stopErrCh      chan error
	shutdownCtx    context.Context
	shutdownCancel context.CancelFunc
}

func newLoopSched() *loopSched {
	ctx, cancel := context.WithCancel(context.Background())
	s := &loopSched{stopCh: make(chan struct{}), stopErrCh: make(chan error, 1), shutdownCtx: ctx, shutdownCancel: cancel}
	s.exec = newSchedExec(ctx)
	go func() { // want `goroutine is handed on to the caller, but schedForgotten drops it at line \d+: call one of its methods Shutdown, ShutdownWithContext there`
		for {
			select {
			case <-s.exec.outCh:
			case <-s.stopCh:
				s.stopped()
			case <-s.shutdownCtx.Done():
				return
			}
		}
	}()
	return s
}

func (s *loopSched) stopped() {
	s.exec.stopCh <- struct{}{}
	s.stopErrCh <- nil
}

func (s *loopSched) StopJobs() error {
	select {
	case s.stopCh <- struct{}{}:
	case <-time.After(time.Second):
	}
	return <-s.stopErrCh
}

func (s *loopSched) ShutdownWithContext(ctx context.Context) error {
	s.shutdownCancel()
	select {
	case err := <-s.stopErrCh:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *loopSched) Shutdown() error { return s.ShutdownWithContext(context.Background()) }

func schedForgotten() {
	s := newLoopSched() // want `the result of newLoopSched is not stopped on every path: .* call one of its methods Shutdown, ShutdownWithContext`
	_ = s.StopJobs()
}

func schedShutDown(ctx context.Context) {
	s := newLoopSched()
	defer func() { _ = s.ShutdownWithContext(ctx) }()
	_ = s.StopJobs()
}

// A variable given a second value before its first was stopped loses the
// first: its goroutine runs on. Stopped first, kept elsewhere, or stopped
// by a deferred call made while it held the first, it is fine.

type rsess struct{ die chan struct{} }

func newRsess() *rsess {
	s := &rsess{die: make(chan struct{})}
	go s.shaper() // want `goroutine running s.shaper is handed on to the caller, but sessionsOverwritten drops it`
	return s
}

func (s *rsess) shaper() { <-s.die }
func (s *rsess) Close()  { close(s.die) }

func sessionsOverwritten() {
	s := newRsess() // want `the result of newRsess is not stopped before the assignment at line \d+ overwrites s`
	s = newRsess()
	s.Close()
}

func sessionsClosedInTurn(keep []*rsess) []*rsess {
	s := newRsess()
	s.Close()
	s = newRsess()
	keep = append(keep, s)
	s = newRsess()
	defer s.Close()
	s = newRsess()
	s.Close()
	return keep
}

// A loop with no condition and nothing in it that leaves never ends,
// whatever its owner stops; one that returns on an error or leaves by a
// select case does.

type sampler struct {
	ticks int
	quit  chan struct{}
}

func newSampler() *sampler {
	s := &sampler{quit: make(chan struct{})}
	go s.sampleForever() // want `goroutine running s.sampleForever blocks for ever: its loop \(line \d+\) has no way out`
	go s.sampleUntilQuit()
	return s
}

func (s *sampler) sampleForever() {
	for {
		time.Sleep(time.Millisecond)
		s.ticks++
	}
}

func (s *sampler) sampleUntilQuit() {
	for {
		select {
		case <-s.quit:
			return
		case <-time.After(time.Millisecond):
			s.ticks++
		}
	}
}

func (s *sampler) Close() { close(s.quit) }

// Not that rule: a group added to per message (Add(n)), a group that also counts resources a method counts down, and a loop
// over a ticker's channel, which is never left by its end.

type resourcePool struct {
	destructWG sync.WaitGroup
	ctx        context.Context
	errs       chan error
}

func (p *resourcePool) construct(make func() error) {
	p.destructWG.Add(1)
	go func() {
		if err := make(); err != nil {
			p.destructWG.Done()
			p.errs <- err
			return
		}
		p.errs <- nil // the resource lives on; destroy counts it down
	}()
}

func (p *resourcePool) destroy() { p.destructWG.Done() }

func (p *resourcePool) built() error { return <-p.errs }

func (p *resourcePool) Close() {
	p.destructWG.Wait()
}

func sendMessages(out chan<- int, messages int, ctx context.Context) {
	var wg sync.WaitGroup
	wg.Add(messages)
	go func() {
		for i := 0; i < messages; i++ {
			out <- i
			wg.Done()
		}
	}()
	ctx, cancel := context.WithCancel(ctx)
	wg.Add(1)
	go func() {
		for range time.NewTicker(time.Millisecond).C {
			select {
			case <-ctx.Done():
				wg.Done()
				return
			default:
			}
		}
	}()
	cancel()
	wg.Wait()
}

// A loop over a channel nothing closes that a break leaves does return.

func reportUntilZero(d time.Duration) {
	for t := range time.Tick(d) {
		if t.IsZero() {
			break
		}
	}
}

func sleepThenReport() {
	go func() { // want `goroutine is never joined, so it can outlive sleepThenReport`
		time.Sleep(time.Millisecond)
	}()
	reportUntilZero(time.Second)
}

// A function of another package that never returns (wgwrap.LogEvery
// ranges over a channel of its own that nothing closes) ends the paths
// that call it; one that returns when the caller closes its channel does
// not.

func logForever() {
	go func() {
		for {
			time.Sleep(time.Millisecond)
			tickCount++
		}
	}()
	wgwrap.LogEvery(time.Second, func() {})
}

func logOnCueUntilClosed(cue chan struct{}) {
	go func() { // want `goroutine is never joined, so it can outlive logOnCueUntilClosed`
		time.Sleep(time.Millisecond)
	}()
	wgwrap.LogOnCue(cue, func() {})
}

// Functions that call each other with the channel they range over: the
// question whether they return is asked once.

func relayA(ch chan int, n int) {
	for v := range ch {
		if v > n {
			relayB(ch, n)
		}
	}
}

func relayB(ch chan int, n int) { relayA(ch, n+1) }

func relayLoop(ch chan int) {
	for range ch {
		relayFresh()
	}
}

func relayFresh() {
	ch := make(chan int)
	relayLoop(ch)
}

func relayClosed() {
	ch := make(chan int)
	go func() { // its close ends relayA's range: handed on with ch
		time.Sleep(time.Millisecond)
		close(ch)
	}()
	relayA(ch, 0)
}

func relayStart() {
	go func() {
		time.Sleep(time.Millisecond)
	}()
	relayFresh()
}

// A goroutine that reads from what its caller gave it, and closes a
// channel of its own as it ends, which the function receives from on
// every path: joined here, so the caller owes nothing for the argument.
// Joined on one path only, the argument still carries the goroutine.

type readCloser interface {
	Read(p []byte) (int, error)
	Write(p []byte) (int, error)
	Close() error
}

type closedPipe struct{ quit chan struct{} }

func newClosedPipe() readCloser { return &closedPipe{quit: make(chan struct{})} }

func (p *closedPipe) Read(b []byte) (int, error)  { <-p.quit; return 0, nil }
func (p *closedPipe) Write(b []byte) (int, error) { return len(b), nil }
func (p *closedPipe) Close() error                { close(p.quit); return nil }

func echoJoinedHere(rw readCloser) error {
	done := make(chan struct{})
	go func() {
		defer close(done)
		var buf [8]byte
		rw.Read(buf[:])
	}()
	_, err := rw.Write([]byte("x"))
	<-done
	return err
}

func echoJoinedOnce(rw readCloser) error {
	done := make(chan struct{})
	go func() { // want `goroutine is handed on to the caller, but useEchoJoinedOnce drops it`
		defer close(done)
		var buf [8]byte
		rw.Read(buf[:])
	}()
	if _, err := rw.Write([]byte("x")); err != nil {
		return err
	}
	<-done
	return nil
}

func useEchoJoinedHere() error {
	rw := newClosedPipe()
	return echoJoinedHere(rw)
}

func useEchoJoinedOnce() error {
	rw := newClosedPipe()
	return echoJoinedOnce(rw) // want `argument 1 of echoJoinedOnce is not stopped`
}

// A stop that runs its shutdown on a goroutine of its own (AsyncClose's
// go withRecover(p.shutdown)) stops by what that shutdown does straight
// through. One whose goroutine first waits for a signal is a watcher,
// not a stop: calling the method that starts it stops nothing.

type asyncProducer struct {
	input chan int
	quit  chan struct{}
}

func newAsyncProducer() *asyncProducer {
	p := &asyncProducer{input: make(chan int), quit: make(chan struct{})}
	go withRecover(p.dispatch) // want `goroutine running withRecover is handed on to the caller, but useWatchedProducer drops it`
	return p
}

func (p *asyncProducer) dispatch() {
	for v := range p.input {
		tickCount += v
	}
}

func (p *asyncProducer) shutdown() {
	tickCount++
	close(p.input)
}

func (p *asyncProducer) Quit() { close(p.quit) }

func (p *asyncProducer) AsyncClose() { go withRecover(p.shutdown) }

func (p *asyncProducer) closeOnQuit() {
	<-p.quit
	close(p.input)
}

func (p *asyncProducer) Watch() {
	go withRecover(p.closeOnQuit) // want `goroutine running withRecover is handed on to the caller, but useWatchedProducer drops it`
}

func useAsyncClosedProducer() {
	p := newAsyncProducer()
	p.input <- 1
	p.AsyncClose()
}

func useWatchedProducer() {
	p := newAsyncProducer() // want `the result of newAsyncProducer is not stopped on every path`
	p.input <- 1
	p.Watch() // want `the receiver of \(\*asyncProducer\).Watch is not stopped on every path`
}

// Sends in branches that each end the goroutine (errc <- err; return, then
// connc <- c last) put one value at most in a channel with room for one:
// its buffer takes it, and the deferred Close releases the Accept. Two
// sends one after the other need room for two.

func acceptEither() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	errc := make(chan error, 1)
	connc := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			errc <- err
			return
		}
		if c.RemoteAddr() == nil {
			errc <- errors.New("no peer")
			return
		}
		connc <- c
	}()
	if tickCount > 0 {
		return errors.New("busy")
	}
	select {
	case err := <-errc:
		return err
	case c := <-connc:
		return c.Close()
	}
}

func acceptTwice() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	errc := make(chan error, 1)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips`
		_, err := ln.Accept()
		errc <- err
		errc <- errors.New("accepted")
	}()
	if tickCount > 0 {
		return errors.New("busy")
	}
	return <-errc
}

// A select beside a channel the pass cannot name (one from a sync.Pool)
// ends when its other case is released: closing die stops the writer. It
// may also end by the case the pass cannot name, so its owner is not owed
// that close (dropPooledWriter is not reported).

var resultPool = sync.Pool{New: func() any { return make(chan int, 1) }}

type pooledWriter struct{ die chan struct{} }

func (w *pooledWriter) Write() int {
	res := resultPool.Get().(chan int)
	select {
	case n := <-res:
		return n
	case <-w.die:
		return 0
	}
}

func (w *pooledWriter) Close() { close(w.die) }

func writeUntilClosed() {
	w := &pooledWriter{die: make(chan struct{})}
	defer close(w.die)
	go func() { w.Write() }()
}

func writeNeverClosed() {
	w := &pooledWriter{die: make(chan struct{})}
	go func() { w.Write() }() // want `goroutine is never joined, so it can outlive writeNeverClosed`
}

func newPooledWriter() *pooledWriter {
	w := &pooledWriter{die: make(chan struct{})}
	go func() { w.Write() }()
	return w
}

func dropPooledWriter() {
	w := newPooledWriter()
	_ = w
}

func closePooledWriter() {
	w := newPooledWriter()
	defer w.Close()
}

// A call of a function held in an unexported field that the package only
// ever sets to a method of the same value (c.submit = c.consume) waits as
// that method does: closing the queue it blocks on stops it. A field given
// a function from outside (hook) may hold anything.

type fieldQueue struct{ closeCh chan struct{} }

func (q *fieldQueue) get() { <-q.closeCh }

type fieldConsumer struct {
	submit func(q *fieldQueue)
	hook   func(q *fieldQueue)
}

func newFieldConsumer(hook func(q *fieldQueue)) *fieldConsumer {
	c := &fieldConsumer{hook: hook}
	c.submit = c.consume
	return c
}

func (c *fieldConsumer) consume(q *fieldQueue) { q.get() }

func consumeUntilDropped(c *fieldConsumer) {
	q := &fieldQueue{closeCh: make(chan struct{})}
	defer close(q.closeCh)
	go func() { c.submit(q) }()
}

func consumeNeverDropped(c *fieldConsumer) {
	q := &fieldQueue{closeCh: make(chan struct{})}
	go func() { c.submit(q) }() // want `goroutine is never joined, so it can outlive consumeNeverDropped`
}

func hookUntilDropped(c *fieldConsumer) {
	q := &fieldQueue{closeCh: make(chan struct{})}
	defer close(q.closeCh)
	go func() { c.hook(q) }() // want `goroutine is never joined, so it can outlive hookUntilDropped`
}

// A server whose loop accepts on a listener kept in a field, filled from a
// local (&acceptSrv{root: lis}, or a constructor that stores its
// parameter): closing the local releases the Accept.

type acceptSrv struct{ root net.Listener }

func newAcceptSrv(l net.Listener) *acceptSrv { return &acceptSrv{root: l} }

func (s *acceptSrv) Serve() error {
	for {
		c, err := s.root.Accept()
		if err != nil {
			return err
		}
		c.Close()
	}
}

func serveFieldListener() error {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer lis.Close()
	s := &acceptSrv{root: lis}
	go s.Serve()
	return nil
}

func serveCtorListener() error {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer lis.Close()
	s := newAcceptSrv(lis)
	go func() { _ = s.Serve() }()
	return nil
}

func serveFieldListenerOpen() error {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s := &acceptSrv{root: lis}
	go s.Serve() // want `goroutine running s.Serve is never joined, so it can outlive serveFieldListenerOpen`
	return nil
}

// A stream of this package read through an interface (a literal's io.Reader
// parameter given it, or io.Copy) waits as its own Read does: closing what
// that Read selects on stops the reader.

type chanStream struct {
	data chan []byte
	die  chan struct{}
}

func newChanStream() *chanStream {
	return &chanStream{data: make(chan []byte), die: make(chan struct{})}
}

func (st *chanStream) Read(p []byte) (int, error) {
	select {
	case b := <-st.data:
		return copy(p, b), nil
	case <-st.die:
		return 0, io.EOF
	}
}

func (st *chanStream) Write(p []byte) (int, error) { return len(p), nil }

func readStreamUntilDead() {
	st := newChanStream()
	defer close(st.die)
	go func(r io.Reader) {
		buf := make([]byte, 8)
		r.Read(buf)
	}(st)
}

func copyStreamUntilDead() {
	st := newChanStream()
	defer close(st.die)
	go io.Copy(io.Discard, st)
}

func readStreamNeverDead() {
	st := newChanStream()
	go func(r io.Reader) { // want `goroutine is never joined, so it can outlive readStreamNeverDead`
		buf := make([]byte, 8)
		r.Read(buf)
	}(st)
}

func copyStreamNeverDead() {
	st := newChanStream()
	go io.Copy(io.Discard, st) // want `goroutine running io.Copy is never joined, so it can outlive copyStreamNeverDead`
}

// A local literal started once (wait := func(ch chan bool, out chan error)
// {...}; go wait(ch, out)) waits on the arguments it is given: closing ch
// stops it.

func localLitOnce() error {
	wait := func(ch chan bool, out chan error) {
		<-ch
		out <- nil
	}
	ch := make(chan bool)
	out := make(chan error, 1)
	go wait(ch, out) // want `goroutine running wait is not joined on every path: the return at line \d+ skips receiving from out`
	if tickCount > 0 {
		return errors.New("busy")
	}
	close(ch)
	return <-out
}

func localLitClosed() error {
	wait := func(ch chan bool, out chan error) {
		<-ch
		out <- nil
	}
	ch := make(chan bool)
	defer close(ch)
	out := make(chan error, 1)
	go wait(ch, out)
	if tickCount > 0 {
		return errors.New("busy")
	}
	return nil
}

// A select beside a context the pass cannot name (sess := s.load(); case
// <-sess.ctx.Done()) may be stopped by that context: its other case is
// not the stop, and nothing is handed on with it.

type fetchSession struct{ ctx context.Context }

type fetchSource struct {
	sem chan struct{}
	cur *fetchSession
}

func (s *fetchSource) load() *fetchSession { return s.cur }

func (s *fetchSource) give() { s.sem <- struct{}{} }

func (s *fetchSource) loop() {
	sess := s.load()
	select {
	case <-sess.ctx.Done():
		return
	case <-s.sem:
	}
}

func (s *fetchSource) start() {
	go s.loop() // want `goroutine running s.loop is never joined, so it can outlive \(\*fetchSource\).start`
}

func newFetchSource() *fetchSource {
	return &fetchSource{sem: make(chan struct{}, 1), cur: &fetchSession{ctx: context.Background()}}
}

func useFetchSource() {
	s := newFetchSource()
	s.start()
}

// A loop that copies its stop channel field into a local and receives from
// the local receives from the field: a send on the field is taken there.

type copyPeer struct {
	stopc chan bool
	quitc chan bool
	wg    *sync.WaitGroup
}

func (p *copyPeer) start() {
	p.stopc = make(chan bool)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.loop()
	}()
}

func (p *copyPeer) loop() {
	stopc := p.stopc
	for {
		select {
		case <-stopc:
			return
		}
	}
}

func (p *copyPeer) stop() { p.stopc <- true }

func (p *copyPeer) quit() { p.quitc <- true }

func stopCopyPeers(peers []*copyPeer) {
	var wg sync.WaitGroup
	for _, p := range peers {
		wg.Add(1)
		go func(p *copyPeer) {
			defer wg.Done()
			p.stop()
		}(p)
	}
	wg.Wait()
}

func quitCopyPeers(peers []*copyPeer) {
	var wg sync.WaitGroup
	for _, p := range peers {
		wg.Add(1)
		go func(p *copyPeer) { // want `goroutine blocks for ever: it sends on p.quitc`
			defer wg.Done()
			p.quit()
		}(p)
	}
	wg.Wait()
}

// A goroutine running a method that ranges over a channel field nothing
// closes (only sends) ranges for ever: a send does not end a range.

type rangeTree struct {
	c   chan string
	rec chan string
}

func newRangeTree() *rangeTree {
	t := &rangeTree{c: make(chan string, 8), rec: make(chan string, 8)}
	go t.dispatch(t.c)
	go t.internal(t.rec) // want `goroutine running t.internal blocks for ever: it ranges over t.rec \(line \d+\), which nothing in the package closes`
	return t
}

func (t *rangeTree) dispatch(c <-chan string) {
	for ev := range c {
		if ev == "dir" {
			t.rec <- ev
		}
	}
}

func (t *rangeTree) internal(rec <-chan string) {
	for ev := range rec {
		tickCount += len(ev)
	}
}

func (t *rangeTree) Close() { close(t.c) }

func useRangeTree() {
	t := newRangeTree()
	defer t.Close()
}

type rangeTreeClosed struct{ rec chan string }

func newRangeTreeClosed() *rangeTreeClosed {
	t := &rangeTreeClosed{rec: make(chan string, 8)}
	go t.internal(t.rec)
	return t
}

func (t *rangeTreeClosed) internal(rec <-chan string) {
	for ev := range rec {
		tickCount += len(ev)
	}
}

func (t *rangeTreeClosed) Close() { close(t.rec) }

func useRangeTreeClosed() {
	t := newRangeTreeClosed()
	defer t.Close()
	t.rec <- "x"
}

// The same with a field given one of two methods on two branches: a call
// may run either, and closing what both wait on stops it.

type orderedConsumer struct {
	submit func(q *fieldQueue)
}

func newOrderedConsumer(ordered bool) *orderedConsumer {
	c := &orderedConsumer{}
	if ordered {
		c.submit = c.consumeOrderly
	} else {
		c.submit = c.consumeConcurrently
	}
	return c
}

func (c *orderedConsumer) consumeOrderly(q *fieldQueue) { q.get() }

func (c *orderedConsumer) consumeConcurrently(q *fieldQueue) {
	tickCount++
	q.get()
}

func consumeOrderedUntilDropped(c *orderedConsumer) {
	q := &fieldQueue{closeCh: make(chan struct{})}
	defer close(q.closeCh)
	go func() { c.submit(q) }()
}

func consumeOrderedNeverDropped(c *orderedConsumer) {
	q := &fieldQueue{closeCh: make(chan struct{})}
	go func() { c.submit(q) }() // want `goroutine is never joined, so it can outlive consumeOrderedNeverDropped`
}

// A method that returns the channel its monitor closes once the receiver
// is released (a lock's lost channel): the caller may receive from it, or
// release the receiver, which ends the monitor.

type holder struct{ released chan struct{} }

func (h *holder) monitor(lost chan struct{}) {
	defer close(lost)
	<-h.released
}

func (h *holder) Hold() (<-chan struct{}, error) {
	h.released = make(chan struct{})
	lost := make(chan struct{})
	go h.monitor(lost) // want `goroutine running h.monitor is handed on to the caller, but holdForgotten drops it`
	return lost, nil
}

func (h *holder) Unhold() { close(h.released) }

func holdReleased() error {
	h := &holder{}
	lost, err := h.Hold()
	if err != nil {
		return err
	}
	_ = lost
	h.Unhold()
	return nil
}

func holdForgotten() error {
	h := &holder{}
	lost, err := h.Hold() // want `the result of \(\*holder\).Hold is not received from on every path`
	if err != nil {
		return err
	}
	_ = lost
	return nil
}

// A method that returns a nil channel when it starts nothing: a caller
// that finds the channel nil owes no receive.

func (h *holder) TryHold(free bool) <-chan struct{} {
	if !free {
		return nil
	}
	h.released = make(chan struct{})
	lost := make(chan struct{})
	go h.monitor(lost) // want `goroutine running h.monitor is handed on to the caller, but tryHoldIgnored drops it`
	return lost
}

func tryHoldBusy() error {
	h := &holder{}
	ch := h.TryHold(false)
	if ch != nil {
		h.Unhold()
		return errors.New("held")
	}
	ch = h.TryHold(false)
	if ch != nil {
		h.Unhold()
		return errors.New("held")
	}
	return nil
}

func tryHoldIgnored() {
	h := &holder{}
	ch := h.TryHold(true) // want `the result of \(\*holder\).TryHold is not received from on every path`
	_ = ch
}

// wg.Done() first, then a call of a function value the pass cannot read:
// a start signal, not the goroutine's end, so wg.Wait() does not join it.

func goStarted(fn func()) {
	wg := sync.WaitGroup{}
	wg.Add(1)
	go func() { // want `goroutine is never joined, so it can outlive goStarted`
		wg.Done()
		fn()
	}()
	wg.Wait()
}

func goFinished(fn func()) {
	wg := sync.WaitGroup{}
	wg.Add(1)
	go func() {
		fn()
		wg.Done()
	}()
	wg.Wait()
}

// A server that keeps its listeners in a set (a map keyed by them) and
// closes every one of them when it shuts down: Shutdown stops Serve.

type setServer struct {
	mu  sync.Mutex
	lns map[net.Listener]struct{}
}

func (s *setServer) Serve(l net.Listener) error {
	s.mu.Lock()
	s.lns[l] = struct{}{}
	s.mu.Unlock()
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		c.Close()
	}
}

func (s *setServer) Shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for l := range s.lns {
		l.Close()
		delete(s.lns, l)
	}
}

// Forget empties the set without closing what it holds.
func (s *setServer) Forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.lns)
}

func setServed() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return
	}
	s := &setServer{lns: map[net.Listener]struct{}{}}
	go s.Serve(l)
	s.Shutdown()
}

func setForgotten() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return
	}
	s := &setServer{lns: map[net.Listener]struct{}{}}
	go s.Serve(l) // want `goroutine running s.Serve is never joined`
	s.Forget()
}

// The same set closed one listener at a time by a helper, as servers
// that also close one listener when its Serve returns do: Close stops
// Serve through closeAll and closeOne.
type helperSetServer struct {
	mu  sync.Mutex
	lns map[net.Listener]struct{}
}

func (s *helperSetServer) Serve(l net.Listener) error {
	s.mu.Lock()
	s.lns[l] = struct{}{}
	s.mu.Unlock()
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		c.Close()
	}
}

func (s *helperSetServer) closeOne(l net.Listener) error {
	defer delete(s.lns, l)
	return l.Close()
}

func (s *helperSetServer) closeAll() error {
	var first error
	for l := range s.lns {
		if err := s.closeOne(l); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// countAll only reads the listeners it is given.
func (s *helperSetServer) countAll() (n int) {
	for l := range s.lns {
		n += s.port(l)
	}
	return n
}

func (s *helperSetServer) port(l net.Listener) int { return len(l.Addr().String()) }

func (s *helperSetServer) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closeAll()
}

func (s *helperSetServer) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.countAll()
}

func helperSetServed(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &helperSetServer{lns: map[net.Listener]struct{}{}}
	errs := make(chan error, 1)
	go func() { errs <- s.Serve(l) }()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-errs; err == nil {
		t.Fatal("served after close")
	}
}

func helperSetCounted(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &helperSetServer{lns: map[net.Listener]struct{}{}}
	errs := make(chan error, 1)
	go func() { errs <- s.Serve(l) }() // want `goroutine is not joined on every path: the call to t.Fatal at line \d+ ends helperSetCounted`
	if s.Count() == 0 {
		t.Fatal("no listener")
	}
	<-errs
}

// The stop made by another goroutine whose end the function waits for
// (go func() { defer close(done); s.Shutdown() }(); <-done) is made when
// the wait returns; not when that goroutine can return before it.

func setStoppedAside() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return
	}
	s := &setServer{lns: map[net.Listener]struct{}{}}
	go s.Serve(l)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Shutdown()
	}()
	<-done
}

func setStoppedAsideWG() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return
	}
	s := &setServer{lns: map[net.Listener]struct{}{}}
	go s.Serve(l)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.Shutdown()
	}()
	wg.Wait()
}

func setStoppedAsideMaybe(quiet bool) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return
	}
	s := &setServer{lns: map[net.Listener]struct{}{}}
	go s.Serve(l) // want `goroutine running s.Serve is not joined on every path`
	done := make(chan struct{})
	go func() {
		defer close(done)
		if quiet {
			return
		}
		s.Shutdown()
	}()
	<-done
}

// A goroutine whose last act closes x is joined by a goroutine that waits
// for x and closes y on its way out, once the function receives from y.

func chainJoined(work func()) {
	x := make(chan struct{})
	y := make(chan struct{})
	go func() {
		defer close(y)
		<-x
	}()
	go func() {
		work()
		close(x)
	}()
	<-y
}

func chainTimedOut(work func()) {
	x := make(chan struct{})
	y := make(chan struct{})
	go func() {
		defer close(y)
		select {
		case <-x:
		case <-time.After(time.Second):
		}
	}()
	go func() { // want `goroutine is never joined, so it can outlive chainTimedOut`
		work()
		close(x)
	}()
	<-y
}

func chainOrTimeout(work func()) error {
	x := make(chan struct{})
	y := make(chan struct{})
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from y`
		defer close(y)
		<-x
	}()
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from x`
		work()
		close(x)
	}()
	select {
	case <-y:
		return nil
	case <-time.After(time.Second):
		return errors.New("timed out")
	}
}

// A context of the package's own type, made with its cancel by a function
// of the package: the goroutine's last act cancels it, so <-ctx.Done()
// waits for the goroutine.

type ownCtx struct {
	context.Context
	mu   sync.Mutex
	vals map[string]int
}

func (c *ownCtx) Set(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.vals[k] = v
}

func newOwnCtx() (*ownCtx, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	return &ownCtx{Context: ctx, vals: map[string]int{}}, cancel
}

func ownCtxJoined(work func() int) {
	ctx, cancel := newOwnCtx()
	defer cancel()
	go func() {
		ctx.Set("n", work())
		cancel()
	}()
	<-ctx.Done()
}

func ownCtxCancelledFirst(work func() int) {
	ctx, cancel := newOwnCtx()
	defer cancel()
	go func() { // want `goroutine is never joined, so it can outlive ownCtxCancelledFirst`
		cancel()
		ctx.Set("n", work())
	}()
	<-ctx.Done()
}

// A value whose goroutine only Stop ends, given to a helper of the package
// that only reads it: the helper borrows it, the caller still owes the
// stop. A helper that stops it takes the stop with it.

type peekWorker struct{ ctl chan struct{} }

func newPeekWorker() *peekWorker {
	w := &peekWorker{ctl: make(chan struct{})}
	go w.loop() // want `goroutine running w.loop is handed on to the caller, but peekDropped drops it`
	return w
}

func (w *peekWorker) loop() { <-w.ctl }

func (w *peekWorker) Stop() { close(w.ctl) }

func (w *peekWorker) Halt() { close(w.ctl) }

// haltVia stops what it is given through an interface: it calls a method
// that discharges the caller, though the pass cannot see its effect here.
func haltVia(h interface{ Halt() }) { h.Halt() }

func (w *peekWorker) Len() int { return 0 }

func peekLen(w *peekWorker) int { return w.Len() }

func peekFinish(w *peekWorker) int {
	defer w.Stop()
	return w.Len()
}

func peekDropped() int {
	w := newPeekWorker() // want `the result of newPeekWorker is not stopped on every path`
	return peekLen(w)
}

func peekFinished() int {
	w := newPeekWorker()
	return peekFinish(w)
}

func peekHalted() {
	w := newPeekWorker()
	haltVia(w)
}

func peekStopped() int {
	w := newPeekWorker()
	defer w.Stop()
	return peekLen(w)
}

// A watchdog goroutine that receives what the worker sends as it ends
// waits for it; the function that starts both does not, and no caller can
// receive it: the worker is not joined by the watchdog's receive.

type launch struct {
	finished chan bool
	errc     chan error
	once     sync.Once
}

func (l *launch) fail(err error) { l.errc <- err }

func launchWatched(fn func() error) chan error {
	l := &launch{finished: make(chan bool, 1), errc: make(chan error, 1)}
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from l.finished`
		defer func() { l.finished <- true }()
		err := fn()
		l.once.Do(func() {
			if err != nil {
				l.fail(err)
			}
		})
	}()
	go func() { // want `goroutine is never joined, so it can outlive launchWatched`
		t := time.NewTimer(time.Second)
		defer t.Stop()
		select {
		case <-l.finished:
		case <-t.C:
			l.once.Do(func() { l.fail(errors.New("timed out")) })
		}
	}()
	return l.errc
}

func launchWaited(fn func() error) error {
	l := &launch{finished: make(chan bool, 1), errc: make(chan error, 1)}
	go func() {
		defer func() { l.finished <- true }()
		err := fn()
		l.once.Do(func() {
			if err != nil {
				l.fail(err)
			}
		})
	}()
	<-l.finished
	select {
	case err := <-l.errc:
		return err
	default:
		return nil
	}
}

// A WaitGroup a goroutine only waits on is a barrier it waits at, not a
// group it is counted in: the function's wait on another group, or the
// goroutine's own wait started again in a loop, joins nothing.

func barrierRun(mu *sync.Mutex, work func()) {
	var ready, run, cleanup sync.WaitGroup
	ready.Add(2)
	run.Add(1)
	cleanup.Add(1)
	go func() {
		ready.Done()
		defer cleanup.Done()
		run.Wait()
		mu.Unlock()
	}()
	go func() { // want `goroutine is never joined, so it can outlive barrierRun`
		ready.Done()
		run.Wait()
		work()
	}()
	ready.Wait()
	run.Done()
	cleanup.Wait()
}

func barrierLoop(n int) {
	var start, finish sync.WaitGroup
	finish.Add(n)
	start.Add(1)
	var mu sync.Mutex
	running := 0
	for i := 0; i < n; i++ {
		go func() { // want `goroutine is never joined: it is counted in finish, which nothing in the package waits on, so it can outlive barrierLoop`
			mu.Lock()
			running++
			last := running == n
			mu.Unlock()
			if last {
				start.Done()
			} else {
				start.Wait()
			}
			finish.Done()
		}()
	}
}

func barrierLoopJoined(n int) {
	var start, finish sync.WaitGroup
	finish.Add(n)
	start.Add(1)
	var mu sync.Mutex
	running := 0
	for i := 0; i < n; i++ {
		go func() {
			mu.Lock()
			running++
			last := running == n
			mu.Unlock()
			if last {
				start.Done()
			} else {
				start.Wait()
			}
			finish.Done()
		}()
	}
	finish.Wait()
}

// A plain receive in another goroutine takes what the goroutine sends: the
// receiver is judged at its own go statement.

func peerReceived(n int) {
	pub := make(chan int)
	done := make(chan int)
	for i := 0; i < n; i++ {
		go func() { pub <- i }()
	}
	for i := 0; i < n; i++ {
		go func() { done <- <-pub }()
	}
	for i := 0; i < n; i++ {
		<-done
	}
}

// A goroutine whose last act cancels a context the function returns is
// handed on with it: the caller waits on its Done (a scheduler's Stop
// returning the context its jobs' end cancels).

func stopContext(wait func()) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		wait()
		cancel()
	}()
	return ctx
}

func stopContextWaited(wait func()) {
	<-stopContext(wait).Done()
}

// A stop issued by a goroutine that sends its result (go func() { closed
// <- l.Close() }()) is a stop, as go l.Close() is.

func acceptEach(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		c.Close()
	}
}

func closedAside() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go acceptEach(l)
	closed := make(chan error, 1)
	go func() { closed <- l.Close() }()
	return <-closed
}

// A goroutine that waits on a group and then only closes a channel ends
// once the group is done: the function's own wait on the group waits for
// it, on the path where the channel was not received from.

func graceThenWait(procs []func()) {
	var wg sync.WaitGroup
	for _, p := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p()
		}()
	}
	graceful := make(chan struct{})
	go func() {
		wg.Wait()
		close(graceful)
	}()
	select {
	case <-graceful:
		return
	case <-time.After(time.Second):
	}
	wg.Wait()
}

// A generator that sends every value in a loop is drained by a range, or
// receives in a loop; one receive leaves it blocked on its next send.

func genValues(vals []int) <-chan int {
	out := make(chan int)
	go func() { // want `goroutine is handed on to the caller, but genFirstValue drops it`
		defer close(out)
		for _, v := range vals {
			out <- v
		}
	}()
	return out
}

func genFirstValue(vals []int) int {
	vs := genValues(vals) // want `the result of genValues is not drained on every path`
	return <-vs
}

func genSum(vals []int) int {
	sum := 0
	for v := range genValues(vals) {
		sum += v
	}
	return sum
}

// A reader that sends what input brings is not a generator: it waits for
// the input between its sends, and closing the input ends it.

func readPackets(c net.PacketConn) <-chan []byte {
	out := make(chan []byte, 1)
	go func() {
		for {
			buf := make([]byte, 1500)
			n, _, err := c.ReadFrom(buf)
			if err != nil {
				return
			}
			out <- buf[:n]
		}
	}()
	return out
}

func firstPacket(c net.PacketConn) []byte {
	defer c.Close()
	return <-readPackets(c)
}

// The same with a read the pass does not count as a wait (a deadline
// bounds it): what it sends still comes from input, not from a list.

func readPacketsTimed(c net.PacketConn) <-chan []byte {
	out := make(chan []byte, 1)
	go func() {
		for {
			buf := make([]byte, 1500)
			c.SetReadDeadline(time.Now().Add(time.Second))
			n, _, err := c.ReadFrom(buf)
			if err != nil {
				return
			}
			out <- buf[:n]
		}
	}()
	return out
}

func firstPacketTimed(c net.PacketConn) []byte {
	defer c.Close()
	return <-readPacketsTimed(c)
}

// A buffer whose loop answers Len on a channel it sends on in a loop, and
// closes as it ends: one receive from it takes one answer, not the end.
// Close, which closes its input, is the stop its callers owe.

type lenBuf struct {
	in, out, length chan int
	q               []int
}

func newLenBuf() *lenBuf {
	b := &lenBuf{in: make(chan int), out: make(chan int), length: make(chan int)}
	go b.loop() // want `goroutine running b.loop is handed on to the caller, but lenBufAsked drops it at line \d+: call its Close method`
	return b
}

func (b *lenBuf) Len() int        { return <-b.length }
func (b *lenBuf) Out() <-chan int { return b.out }
func (b *lenBuf) Close()          { close(b.in) }

func (b *lenBuf) loop() {
	in := b.in
	var out chan int
	var next int
	for in != nil || out != nil {
		select {
		case v, ok := <-in:
			if ok {
				b.q = append(b.q, v)
			} else {
				in = nil
			}
		case out <- next:
			b.q = b.q[1:]
		case b.length <- len(b.q):
		}
		if len(b.q) > 0 {
			out, next = b.out, b.q[0]
		} else {
			out = nil
		}
	}
	close(b.out)
	close(b.length)
}

func lenBufAsked() int {
	b := newLenBuf() // want `the result of newLenBuf is not stopped on every path: .* call its Close method`
	return b.Len()
}

func lenBufClosed() {
	b := newLenBuf()
	b.Close()
	for range b.Out() {
	}
}

// A pump between two values its caller gave, seen only through
// interfaces: the streams are the caller's, who ends them.

type outlet interface{ Out() <-chan int }
type inlet interface{ In() chan<- int }

func connect(from outlet, to inlet) {
	go func() {
		for v := range from.Out() {
			to.In() <- v
		}
		close(to.In())
	}()
}

func mergeOutlets(to inlet, from ...outlet) {
	for _, o := range from {
		go func() {
			for v := range o.Out() {
				to.In() <- v
			}
		}()
	}
}

// A stream an interface held in a field gives: nothing here is known to
// end it.

type pumpHolder struct{ src outlet }

func (h *pumpHolder) drain(count *atomic.Int64) {
	go func() { // want `goroutine is never joined, so it can outlive \(\*pumpHolder\).drain`
		for range h.src.Out() {
			count.Add(1)
		}
	}()
}

// A constructor that panics on a bad argument, asserted to: it starts
// nothing.

func newPool(n int) *peekWorker {
	if n <= 0 {
		panic("newPool: n must be positive")
	}
	return newPeekWorker()
}

func Panics(f func()) bool {
	defer func() { _ = recover() }()
	f()
	return false
}

func poolPanics() bool {
	return Panics(func() { newPool(0) })
}

func poolDropped() {
	newPool(1) // want `the result of newPool is dropped`
}

func openPeek(fail bool) (*peekWorker, error) {
	if fail {
		return nil, errors.New("open failed")
	}
	return newPeekWorker(), nil
}

// A stop issued in the background after setters that do not wait (go
// func() { c.SetReadDeadline(now); c.Close() }()) is a stop.

type deadlined interface {
	SetReadDeadline(time.Time) error
}

type bgClosed struct {
	conn deadlined
	stop chan struct{}
}

func (b *bgClosed) loop() { <-b.stop }

func (b *bgClosed) Close() error {
	close(b.stop)
	return nil
}

func bgCloseAfterSetters(conn deadlined) {
	b := &bgClosed{conn: conn, stop: make(chan struct{})}
	go b.loop()
	go func() { // want `goroutine is never joined, so it can outlive bgCloseAfterSetters`
		_ = b.conn.SetReadDeadline(time.Now())
		_ = b.Close()
	}()
}

func bgCloseAfterWork(conn deadlined, work func()) {
	b := &bgClosed{conn: conn, stop: make(chan struct{})}
	go b.loop() // want `goroutine running b.loop is not joined on every path`
	go func() { // want `goroutine is never joined, so it can outlive bgCloseAfterWork`
		work()
		_ = b.Close()
	}()
}

// A goroutine that only starts others returns at once: each is judged at
// its own go statement.

func startsOnly(b *bgClosed) {
	go func() {
		go b.loop()
	}()
}

// A stop method that copies its fields into locals under its lock and
// closes the locals stops what the fields hold.

type peerConn struct{ quit chan struct{} }

func dialPeer() (*peerConn, error) {
	c := &peerConn{quit: make(chan struct{})}
	go c.loop() // want `goroutine running c.loop is handed on to the caller, but halfStopPeers drops it`
	return c, nil
}

func (c *peerConn) loop() { <-c.quit }

func (c *peerConn) Close() { close(c.quit) }

type twoPeers struct {
	mu     sync.Mutex
	closed bool
	a, b   *peerConn
}

func runPeers() (*twoPeers, error) {
	p := &twoPeers{}
	var err error
	if p.a, err = dialPeer(); err != nil {
		return nil, err
	}
	if p.b, err = dialPeer(); err != nil {
		p.a.Close()
		return nil, err
	}
	return p, nil
}

func (p *twoPeers) Shutdown() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	a, b := p.a, p.b
	p.mu.Unlock()
	if a != nil {
		a.Close()
	}
	if b != nil {
		b.Close()
	}
}

// Halt closes the copy of one field only.
func (p *twoPeers) Halt() {
	p.mu.Lock()
	a := p.a
	p.mu.Unlock()
	a.Close()
}

func usePeers() {
	p, err := runPeers()
	if err != nil {
		return
	}
	defer p.Shutdown()
}

func halfStopPeers() {
	p, err := runPeers() // want `the result of runPeers \(its.b\) is not stopped on every path`
	if err != nil {
		return
	}
	defer p.Halt()
}

// A client made over the caller's connection keeps it in a field; a
// method reads that field in a goroutine. Closing the connection the
// caller gave, as it is or through a config struct, stops the reader.

type readClientConfig struct {
	Conn net.PacketConn
	Name string
}

type readClient struct {
	conn net.PacketConn
	name string
}

func newReadClient(cfg *readClientConfig) (*readClient, error) {
	if cfg.Conn == nil {
		return nil, errors.New("no conn")
	}
	rc := &readClient{conn: cfg.Conn, name: cfg.Name}
	return rc, nil
}

func (rc *readClient) Listen() {
	go func() { // want `goroutine is handed on to the caller, but readClientNotClosed drops it`
		buf := make([]byte, 1500)
		for {
			if _, _, err := rc.conn.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
}

func (rc *readClient) Close() {}

type packetWrap struct{ net.PacketConn }

func wrapPacketConn(conn net.PacketConn) net.PacketConn { return &packetWrap{conn} }

func readClientClosed() error {
	conn, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer conn.Close()
	rc, err := newReadClient(&readClientConfig{Conn: conn, Name: "a"})
	if err != nil {
		return err
	}
	defer rc.Close()
	rc.Listen()
	return nil
}

func readClientWrappedClosed() error {
	conn, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return err
	}
	rc, err := newReadClient(&readClientConfig{Conn: wrapPacketConn(conn)})
	if err != nil {
		conn.Close()
		return err
	}
	rc.Listen()
	conn.Close()
	return nil
}

func readClientNotClosed() error {
	conn, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return err
	}
	rc, err := newReadClient(&readClientConfig{Conn: conn})
	if err != nil {
		return err
	}
	rc.Listen() // want `the receiver of \(\*readClient\).Listen \(its.conn\) is not stopped on every path`
	return nil
}

// A write into a compressor waits only as what it writes into does, and
// its Close flushes: a loop that compresses into a buffer on its way out
// waits on its connection, not on the compressor.

type zconn struct {
	conn net.Conn
	zw   *flate.Writer
}

func newZconn(c net.Conn) *zconn {
	z := &zconn{conn: c}
	z.zw, _ = flate.NewWriter(nil, 1)
	return z
}

func (z *zconn) bye(src io.WriterTo) {
	var buf bytes.Buffer
	z.zw.Reset(&buf)
	_, _ = src.WriteTo(z.zw)
	_, _ = io.Copy(z.zw, bytes.NewReader([]byte("bye")))
	_ = z.zw.Flush()
	_, _ = z.conn.Write(buf.Bytes())
	_ = z.conn.Close()
}

func (z *zconn) readLoop(src io.WriterTo) {
	b := make([]byte, 1)
	for {
		if _, err := z.conn.Read(b); err != nil {
			z.bye(src)
			return
		}
	}
}

func zconnPair(src io.WriterTo) {
	a, b := net.Pipe()
	za, zb := newZconn(a), newZconn(b)
	done := make(chan struct{})
	go func() {
		defer close(done)
		zb.readLoop(src)
	}()
	za.bye(src)
	<-done
}

// A channel type whose own methods take and give back a slot (a
// semaphore): a send on a field of that type is received by its methods,
// in the goroutine Go starts too.

type slots chan struct{}

func (s slots) acquire() { s <- struct{}{} }

func (s slots) Go(f func()) {
	s.acquire()
	go func() { // want `goroutine is never joined, so it can outlive \(slots\).Go`
		f()
		<-s
	}()
}

type fanout struct{ sem slots }

func (d *fanout) serve(in <-chan int, each func(int)) {
	for v := range in {
		d.sem.Go(func() { each(v) })
	}
}

func runFanout(in chan int, each func(int)) {
	d := &fanout{sem: make(slots, 2)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		d.serve(in, each)
	}()
	close(in)
	<-done
}

// A channel type whose methods only ever send: nothing gives a slot back.

type tickets chan struct{}

func (t tickets) take() { t <- struct{}{} }

type booth struct{ t tickets }

func (b *booth) serve(in <-chan int) {
	for range in {
		b.t.take()
	}
}

func runBooth(in chan int) {
	b := &booth{t: make(tickets, 2)}
	done := make(chan struct{})
	go func() { // want `goroutine blocks for ever: it sends on b.t`
		defer close(done)
		b.serve(in)
	}()
	close(in)
	<-done
}

// A field's channel stored, through a local, in a request the workers
// read: what the workers receive, they receive from the field.

type feedReq struct{ in <-chan int }

type feeder struct {
	shared chan int
	done   chan struct{}
}

func newFeeder() *feeder { return &feeder{shared: make(chan int), done: make(chan struct{})} }

func (f *feeder) start(each func(int)) {
	ch := f.shared
	r := feedReq{in: ch}
	go func() {
		defer close(f.done)
		for v := range r.in {
			each(v)
		}
	}()
}

func (f *feeder) submit(v int) { f.shared <- v }

func (f *feeder) stop() {
	close(f.shared)
	<-f.done
}

func runFeeder(each func(int)) {
	f := newFeeder()
	f.start(each)
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		f.submit(1)
	}()
	<-sent
	f.stop()
}

// A field nothing receives from, never stored anywhere else.

type outbox struct{ out chan int }

func (s *outbox) push(v int) { s.out <- v }

func runSink() {
	s := &outbox{out: make(chan int)}
	done := make(chan struct{})
	go func() { // want `goroutine blocks for ever: it sends on s.out`
		defer close(done)
		s.push(1)
	}()
	<-done
}

// A pool whose Close waits for its group in a goroutine and receives what
// Wait returned: the group is waited for on the paths that receive.

type egPool struct {
	in chan int
	eg *errgroup.Group
}

func newEgPool() *egPool { return &egPool{in: make(chan int, 4)} }

func (p *egPool) Go(ctx context.Context) {
	p.eg, _ = errgroup.WithContext(ctx)
	for range 2 {
		p.eg.Go(func() error {
			for range p.in {
			}
			return nil
		})
	}
}

func (p *egPool) Close(ctx context.Context) error {
	close(p.in)
	done := make(chan error, 1)
	go func() { done <- p.eg.Wait() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Release hands the wait to a goroutine nobody receives from.
func (p *egPool) Release() {
	done := make(chan error, 1)
	go func() { done <- p.eg.Wait() }() // want `goroutine is never joined, so it can outlive \(\*egPool\).Release`
}

func useEgPool() {
	p := newEgPool()
	p.Go(context.Background())
	_ = p.Close(context.Background())
}

func releaseEgPool() {
	p := newEgPool()
	p.Go(context.Background()) // want `the receiver of \(\*egPool\).Go \(its.eg\) is not stopped on every path`
	p.Release()
}

// A start method that starts its loop in a deferred literal, once it
// knows it succeeded: the constructor that calls it hands the loop on.

type deferStarted struct {
	stop, done chan struct{}
}

func (d *deferStarted) loop() {
	defer close(d.done)
	<-d.stop
}

func (d *deferStarted) start() (err error) {
	defer func() {
		if err == nil {
			go d.loop() // want `goroutine running d.loop is handed on to the caller, but dropDeferStarted drops it`
		}
	}()
	return nil
}

func newDeferStarted() (*deferStarted, error) {
	d := &deferStarted{stop: make(chan struct{}), done: make(chan struct{})}
	if err := d.start(); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *deferStarted) Close() {
	close(d.stop)
	<-d.done
}

func useDeferStarted() error {
	d, err := newDeferStarted()
	if err != nil {
		return err
	}
	defer d.Close()
	return nil
}

func dropDeferStarted() error {
	d, err := newDeferStarted() // want `the result of newDeferStarted is not stopped on every path`
	if err != nil {
		return err
	}
	_ = d
	return nil
}

// A handler given the accepted connection through a type assertion waits
// on the connection the listener gave, as it does given the value itself:
// the listener's owner stops it.

type acceptedSess struct {
	data  chan []byte
	errCh chan struct{}
}

func (s *acceptedSess) recv() error {
	select {
	case <-s.data:
		return nil
	case <-s.errCh:
		return errors.New("closed")
	}
}

func handleSess(s *acceptedSess) {
	for s.recv() == nil {
	}
}

type sessSource interface{ Next() (any, error) }

func serveAsserted(src sessSource) {
	for {
		c, err := src.Next()
		if err != nil {
			return
		}
		go handleSess(c.(*acceptedSess))
	}
}

func serveOwnAsserted() {
	var c any = &acceptedSess{data: make(chan []byte), errCh: make(chan struct{})}
	go handleSess(c.(*acceptedSess)) // want `goroutine running handleSess is never joined`
}

// A group the function counts down itself, which the goroutine cannot
// reach, does not join it.

type notifyQueue struct {
	notify  chan struct{}
	closeCh chan struct{}
}

func (q *notifyQueue) dispatch() {
	for range q.notify {
	}
	close(q.closeCh)
}

func selfCountedGroup() {
	q := &notifyQueue{notify: make(chan struct{}, 1), closeCh: make(chan struct{})}
	var wg sync.WaitGroup
	wg.Add(1)
	go q.dispatch() // want `goroutine running q.dispatch is never joined`
	wg.Done()
	wg.Wait()
}

// The goroutine counts it down, through a literal it runs.
func goroutineCountedGroup() {
	q := &notifyQueue{notify: make(chan struct{}, 1), closeCh: make(chan struct{})}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		q.dispatch()
	}()
	close(q.notify)
	wg.Wait()
}

// A value whose close waits for its writer and then closes done: a
// receive from what Done returns comes after the writer ended.

type doneConn struct {
	exit   chan struct{}
	txDone chan struct{}
	done   chan struct{}
	once   sync.Once
}

func (d *doneConn) writer() {
	defer close(d.txDone)
	<-d.exit
}

func (d *doneConn) close() {
	d.once.Do(func() {
		defer close(d.done)
		close(d.exit)
		<-d.txDone
	})
}

func (d *doneConn) Close() { d.close() }

func (d *doneConn) Done() <-chan struct{} { return d.done }

func dialDoneConn() *doneConn {
	d := &doneConn{exit: make(chan struct{}), txDone: make(chan struct{}), done: make(chan struct{})}
	go d.writer() // want `goroutine running d.writer is handed on to the caller, but dropDoneConn drops it`
	return d
}

func waitDoneConn() {
	d := dialDoneConn()
	<-d.Done()
}

func dropDoneConn() {
	d := dialDoneConn() // want `the result of dialDoneConn is not stopped on every path`
	_ = d
}

// A pool closed in the goroutine that feeds it, before that goroutine
// closes the collector the function drains: once the drain ends, the pool
// was closed.

type gather struct{ ch chan int }

func (g *gather) Submit(v int) { g.ch <- v }

func (g *gather) Close() { close(g.ch) }

func (g *gather) All() []int {
	var out []int
	for v := range g.ch {
		out = append(out, v)
	}
	return out
}

func feedThenGather() []int {
	g := &gather{ch: make(chan int)}
	p := newEgPool()
	p.Go(context.Background())
	go func() {
		g.Submit(1)
		_ = p.Close(context.Background())
		g.Close()
	}()
	return g.All()
}

// Closed after the collector: the drain can end before the pool is closed.
func gatherThenClose() []int {
	g := &gather{ch: make(chan int)}
	p := newEgPool()
	p.Go(context.Background()) // want `the receiver of \(\*egPool\).Go \(its.eg\) is not stopped on every path`
	go func() {
		g.Submit(1)
		g.Close()
		_ = p.Close(context.Background())
	}()
	return g.All()
}

// A receive from a channel a goroutine sends on before it stops a value
// and closes the channel takes the send: the stop is not done yet.

type haltLoop struct{ quit chan struct{} }

func (h *haltLoop) loop() { <-h.quit }

func (h *haltLoop) Halt() { close(h.quit) }

func haltAfterFirst() int {
	h := &haltLoop{quit: make(chan struct{})}
	go h.loop() // want `goroutine running h.loop is never joined`
	out := make(chan int)
	go func() {
		out <- 1
		h.Halt()
		close(out)
	}()
	return <-out
}

func haltBeforeClose() int {
	h := &haltLoop{quit: make(chan struct{})}
	go h.loop()
	out := make(chan int)
	go func() {
		h.Halt()
		close(out)
	}()
	<-out
	return 0
}

// A server whose Serve a goroutine runs on a listener the function closes
// itself before it returns: Accept fails and Serve returns, so the server
// handed to the caller owes no Stop for it. Closed on one path only, the
// stop is still the caller's.

type closingSrv struct {
	mu   sync.Mutex
	lns  map[net.Listener]bool
	wg   sync.WaitGroup
	quit chan struct{}
}

func (s *closingSrv) Serve(l net.Listener) error {
	s.mu.Lock()
	s.lns[l] = true
	s.mu.Unlock()
	s.wg.Add(1)
	defer s.wg.Done()
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		c.Close()
	}
}

func (s *closingSrv) Stop() {
	s.mu.Lock()
	close(s.quit)
	for l := range s.lns {
		l.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func dialServed() (net.Conn, *closingSrv, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	s := &closingSrv{lns: map[net.Listener]bool{}, quit: make(chan struct{})}
	go func() { _ = s.Serve(l) }()
	c, err := net.Dial("tcp", l.Addr().String())
	l.Close()
	return c, s, err
}

func useDialServed() {
	c, _, err := dialServed()
	if err != nil {
		return
	}
	c.Close()
}

func dialServedOpen(keep bool) (net.Conn, *closingSrv, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	s := &closingSrv{lns: map[net.Listener]bool{}, quit: make(chan struct{})}
	go func() { _ = s.Serve(l) }() // want `goroutine is handed on to the caller, but useDialServedOpen drops it`
	c, err := net.Dial("tcp", l.Addr().String())
	if !keep {
		l.Close()
	}
	return c, s, err
}

func useDialServedOpen() {
	c, _, err := dialServedOpen(true) // want `the result of dialServedOpen is assigned to _`
	if err != nil {
		return
	}
	c.Close()
}

// A constructor that puts what a helper started into a field of the value
// it makes owes its stop until it returns that value: an error return
// before then drops it. Stopping the field, or the value through a method
// that stops it, or keeping the value where others reach it, discharges.

type pumpMgr struct {
	in   chan int
	fini chan struct{}
}

func newPumpMgr() *pumpMgr {
	m := &pumpMgr{in: make(chan int), fini: make(chan struct{})}
	go m.pump() // want `goroutine running m.pump is handed on to the caller, but newPumpHostLeaky drops it`
	return m
}

func (m *pumpMgr) pump() {
	for {
		select {
		case <-m.in:
		case <-m.fini:
			return
		}
	}
}

func (m *pumpMgr) close() { close(m.fini) }

type pumpHost struct {
	mgr  *pumpMgr
	size int
}

func (h *pumpHost) Close() { h.mgr.close() }

func newPumpHostLeaky(size int) (*pumpHost, error) {
	h := &pumpHost{mgr: newPumpMgr()} // want `the result of newPumpMgr is not stopped on every path: the return at line \d+ skips it`
	if size < 1024 {
		return nil, errors.New("size too small")
	}
	h.size = size
	return h, nil
}

func newPumpHostStopsField(size int) (*pumpHost, error) {
	h := &pumpHost{mgr: newPumpMgr()}
	if size < 1024 {
		h.mgr.close()
		return nil, errors.New("size too small")
	}
	return h, nil
}

func newPumpHostCloses(size int) (*pumpHost, error) {
	h := &pumpHost{mgr: newPumpMgr()}
	if size < 1024 {
		h.Close()
		return nil, errors.New("size too small")
	}
	return h, nil
}

var pumpHosts []*pumpHost

func registerPumpHost(size int) error {
	h := &pumpHost{mgr: newPumpMgr(), size: size}
	pumpHosts = append(pumpHosts, h)
	if size < 0 {
		return errors.New("negative size")
	}
	return nil
}

// A helper given the channel a goroutine sends its result on joins it only
// if it takes the send: one that may return by another case of its select
// (the server is up) leaves the send waiting for ever once the server is
// closed. A helper that only reads the server does not take its stop.

type upSrv struct {
	ln   net.Listener
	quit chan struct{}
}

func (s *upSrv) Start() error {
	<-s.quit
	return errors.New("closed")
}

func (s *upSrv) Up() bool { return s.ln != nil }

func (s *upSrv) Close() { close(s.quit) }

func waitUp(s *upSrv, errc <-chan error) error {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if s.Up() {
				return nil
			}
		case err := <-errc:
			return err
		}
	}
}

func waitResult(s *upSrv, errc <-chan error) error {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if s.Up() {
				continue
			}
		case err := <-errc:
			return err
		}
	}
}

func startAndCloseUp() error {
	s := &upSrv{quit: make(chan struct{})}
	errc := make(chan error)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from errc`
		errc <- s.Start()
	}()
	if err := waitUp(s, errc); err != nil {
		return err
	}
	s.Close()
	return nil
}

func startAndWaitResult() error {
	s := &upSrv{quit: make(chan struct{})}
	errc := make(chan error)
	go func() {
		errc <- s.Start()
	}()
	s.Close()
	return waitResult(s, errc)
}

// A function that takes a mutex and then waits in a select with no
// default, every case of which unlocks and returns, never returns holding
// it: no path goes on past the select.

type gatedPipe struct {
	mu      sync.Mutex
	in      chan int
	closing chan struct{}
}

func (p *gatedPipe) deliver() {
	p.mu.Lock()
	select {
	case <-p.closing:
		p.mu.Unlock()
		return
	case <-p.in:
		p.mu.Unlock()
		return
	}
}

func (p *gatedPipe) shut() {
	close(p.closing)
	p.mu.Lock()
	p.mu.Unlock()
}

func deliverThenShut() {
	p := &gatedPipe{in: make(chan int), closing: make(chan struct{})}
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.deliver()
	}()
	p.shut()
	<-done
}

// A goroutine that sends once in a loop it then breaks out of, and once
// after it, sends two values: a buffer of one and one receive take both.
// Without the buffer, the second send waits for ever.

func firstOfTwo(items chan string, n int) []string {
	var got []string
	done := make(chan struct{}, 1)
	go func() {
		for it := range items {
			got = append(got, it)
			if len(got) == n {
				done <- struct{}{}
				break
			}
		}
		done <- struct{}{}
	}()
	<-done
	return got
}

func firstOfTwoUnbuffered(items chan string, n int) []string {
	var got []string
	done := make(chan struct{})
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving the 2 values it sends on done`
		for it := range items {
			got = append(got, it)
			if len(got) == n {
				done <- struct{}{}
				break
			}
		}
		done <- struct{}{}
	}()
	<-done
	return got
}

// A call whose error is compared with a sentinel made nothing on the
// branch where it is that sentinel, as on the branch where err != nil.

var errPumpBusy = errors.New("pump busy")

func openPump(busy bool) (*pumpMgr, error) {
	if busy {
		return nil, errPumpBusy
	}
	return newPumpMgr(), nil
}

func expectPumpBusy() error {
	p, err := openPump(true)
	if err != errPumpBusy {
		if err == nil {
			p.close()
		}
		return errors.New("want a busy pump")
	}
	return nil
}

func expectPumpBusyLeaky() error {
	p, err := openPump(true) // want `the result of openPump is not stopped on every path`
	if err == errPumpBusy {
		return nil
	}
	if err != nil {
		return err
	}
	_ = p.in
	return nil
}

// Two channels one call of another package returns are closed together
// by the code that made them: a goroutine draining one ends when the
// function's range over the other does. Returning before that range ends
// leaves it draining.

func serveMux(done <-chan struct{}) int {
	chans, reqs, err := muxconn.Serve(done)
	if err != nil {
		return 0
	}
	go muxconn.Discard(reqs)
	n := 0
	for range chans {
		n++
	}
	return n
}

func serveMuxFirst(done <-chan struct{}) string {
	chans, reqs, err := muxconn.Serve(done)
	if err != nil {
		return ""
	}
	go muxconn.Discard(reqs) // want `goroutine running muxconn.Discard is not joined on every path: the return at line \d+ skips ranging over chans to its end`
	for ch := range chans {
		return ch.Name
	}
	return ""
}

// A goroutine that ends when the context its function was given is done
// is handed on to the callers, who must cancel what they pass: on every
// path, or by handing the cancel on. A caller passing its own context
// hands the obligation on again; a root context is never cancelled.

func startBeat(ctx context.Context, beat func()) {
	go func() { // want `goroutine is handed on to the caller, but beatUntilError drops it at line \d+: cancel the context passed there`
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				beat()
			}
		}
	}()
}

func beatWhileWorking(parent context.Context, work func() error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	startBeat(ctx, func() {})
	return work()
}

func beatUntilError(parent context.Context, work func() error) error {
	ctx, cancel := context.WithCancel(parent)
	startBeat(ctx, func() {}) // want `argument 1 of startBeat is not cancelled on every path: the return at line \d+ skips it`
	if err := work(); err != nil {
		return err
	}
	cancel()
	return nil
}

type beatHolder struct{ stop context.CancelFunc }

func beatHeld(parent context.Context) *beatHolder {
	ctx, cancel := context.WithCancel(parent)
	startBeat(ctx, func() {})
	return &beatHolder{stop: cancel}
}

type beatKey struct{}

func beatOnParent(ctx context.Context) { startBeat(ctx, func() {}) }

func beatOnRoot() {
	beatOnParent(context.WithValue(context.TODO(), beatKey{}, 1)) // want `argument 1 of beatOnParent is never cancelled`
}

// A function that derives its own cancel from its context parameter and
// defers it has cancelled what it passed: its callers owe nothing, even
// one that gives it a root.

func beatSession(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	startBeat(ctx, func() {})
}

func beatSessionRoot() { beatSession(context.Background()) }

// A test helper outside a test file that serves on a listener it closes
// itself once the client is connected: only a failing test (t.Fatalf
// before the close) leaves the server running, and its callers owe no
// Stop.
var newServing = serving.New // a server made where the pass does not see

func servedPair(t testing.TB) (net.Conn, *serving.Server) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	s := newServing()
	go func() { _ = s.Serve(l) }()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	_ = l.Close()
	return c, s
}

// --- A stop channel the caller passes: the caller must close it ---

type gossipChan struct{ msgs chan int }

// The goroutine ends when stop is closed; nothing else of the value's
// stops it. It is handed on to the callers, who must close stop.
func newGossipChan(stop <-chan struct{}) *gossipChan {
	g := &gossipChan{msgs: make(chan int, 8)}
	go g.loop(stop) // want `goroutine running g.loop is handed on to the caller, but gossipNeverLeft drops it at line \d+: call its Leave method there`
	return g
}

func (g *gossipChan) loop(stop <-chan struct{}) {
	for {
		select {
		case <-g.msgs:
		case <-stop:
			return
		}
	}
}

type gossipPeer struct {
	stopc chan struct{}
	ch    *gossipChan
}

// Handed on again: the peer's field, which Leave closes.
func newGossipPeer() *gossipPeer {
	p := &gossipPeer{stopc: make(chan struct{})}
	p.ch = newGossipChan(p.stopc)
	return p
}

func (p *gossipPeer) Leave() { close(p.stopc) }

func gossipLeft() {
	p := newGossipPeer()
	defer p.Leave()
}

func gossipNeverLeft() {
	p := newGossipPeer() // want `the result of newGossipPeer \(its.stopc\) is not closed on every path: .* call its Leave method on every path`
	_ = p
}

func gossipNeverStopped() {
	g := newGossipChan(make(chan struct{})) // want `argument 1 of newGossipChan is never closed \(make\(chan struct{}\)\)`
	g.msgs <- 1
}

func gossipClosed() {
	stop := make(chan struct{})
	defer close(stop)
	_ = newGossipChan(stop)
}

func gossipClosedOnOnePath(fail bool) error {
	stop := make(chan struct{})
	_ = newGossipChan(stop) // want `argument 1 of newGossipChan is not closed on every path: the return at line \d+ skips it`
	if fail {
		return errors.New("failed")
	}
	close(stop)
	return nil
}

// Its own parameter: handed on to its callers in turn.
func gossipThrough(stop <-chan struct{}) *gossipChan {
	return newGossipChan(stop)
}

// --- An error branch that a call never takes ---

type jobWorker struct {
	done  chan struct{}
	jobs  chan int
	ended chan struct{}
}

func newJobWorker() *jobWorker {
	return &jobWorker{done: make(chan struct{}), jobs: make(chan int), ended: make(chan struct{})}
}

func (w *jobWorker) Start() {
	go func() { // want `goroutine is handed on to the caller, but startWithStrict drops it`
		defer close(w.ended)
		for {
			select {
			case <-w.done:
				return
			case <-w.jobs:
			}
		}
	}()
}

func (w *jobWorker) Stop() { close(w.done); <-w.ended }

type jobProfiler struct{ w *jobWorker }

func (p *jobProfiler) Stop() { p.w.Stop() }

// Not reported: s.Start never fails, so the early return never runs.
func startWithSession() (*jobProfiler, error) {
	w := newJobWorker()
	s := &startsession.Session{}
	w.Start()
	if err := s.Start(); err != nil {
		return nil, err
	}
	return &jobProfiler{w: w}, nil
}

// Reported: Strict.Start may fail, and the return leaves w running.
func startWithStrict() (*jobProfiler, error) {
	w := newJobWorker()
	s := &startsession.Strict{}
	w.Start() // want `the receiver of \(\*jobWorker\).Start is not stopped on every path: the return at line \d+ skips it`
	if err := s.Start(); err != nil {
		return nil, err
	}
	return &jobProfiler{w: w}, nil
}

// --- A value kept in its owner's sync.Map before its goroutine starts ---

type aggrGroup struct {
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

func (g *aggrGroup) run() {
	defer close(g.done)
	<-g.ctx.Done()
}

func (g *aggrGroup) stop() {
	g.cancel()
	<-g.done
}

type aggrDispatcher struct {
	ctx    context.Context
	cancel context.CancelFunc
	groups sync.Map
}

func (d *aggrDispatcher) start(g *aggrGroup) {
	go g.run() // want `goroutine running g.run is handed on to the caller, but \(\*aggrDispatcher\).addLocal drops it`
}

// Not reported: the dispatcher keeps g, and stops it on removal.
func (d *aggrDispatcher) add(key string) {
	g := &aggrGroup{done: make(chan struct{})}
	g.ctx, g.cancel = context.WithCancel(d.ctx)
	if _, loaded := d.groups.LoadOrStore(key, g); loaded {
		return
	}
	d.start(g)
}

func (d *aggrDispatcher) remove(key string) {
	if v, ok := d.groups.LoadAndDelete(key); ok {
		v.(*aggrGroup).stop()
	}
}

// Reported: a map of the function's own keeps nothing.
func (d *aggrDispatcher) addLocal(key string) {
	var groups sync.Map
	g := &aggrGroup{done: make(chan struct{})}
	g.ctx, g.cancel = context.WithCancel(d.ctx)
	groups.Store(key, g)
	d.start(g) // want `argument 1 of \(\*aggrDispatcher\).start is not stopped on every path`
}

// --- A reader's error channel set to nil once received ---

type wirePeer struct {
	c    net.Conn
	stop chan struct{}
	out  chan []byte
}

// The reader was given the channel: the owner's readErr = nil, which stops
// its select from taking the case again, leaves the reader's buffer of
// one. Its one send never blocks, and the deferred closes stop the rest.
func (p *wirePeer) serve() {
	done := make(chan struct{})
	readErr := make(chan error, 1)
	defer p.c.Close()
	defer close(done)
	go func(errc chan error) {
		buf := make([]byte, 64)
		for {
			n, err := p.c.Read(buf)
			if err != nil {
				errc <- err
				return
			}
			select {
			case p.out <- buf[:n]:
			case <-done:
				return
			}
		}
	}(readErr)
	for {
		select {
		case err := <-readErr:
			readErr = nil
			if err != nil {
				return
			}
		case <-p.stop:
			return
		}
	}
}

// Captured, the reader sends on whatever readErr holds when it fails: nil
// once the owner has received one error, and a send on nil never ends.
func (p *wirePeer) serveCaptured() {
	done := make(chan struct{})
	readErr := make(chan error, 1)
	defer p.c.Close()
	defer close(done)
	go func() { // want `goroutine is not joined on every path`
		buf := make([]byte, 64)
		for {
			n, err := p.c.Read(buf)
			if err != nil {
				readErr <- err
				return
			}
			select {
			case p.out <- buf[:n]:
			case <-done:
				return
			}
		}
	}()
	for {
		select {
		case err := <-readErr:
			readErr = nil
			if err != nil {
				return
			}
		case <-p.stop:
			return
		}
	}
}

// --- A reader through a framing wrapper made over the connection ---

// frameConn reads frames from the connection it was made over; its
// unexported recv waits on that connection.
type frameConn struct {
	conn net.Conn
	br   *bufio.Reader
}

func newFrameConn(conn net.Conn) *frameConn {
	return &frameConn{conn: conn, br: bufio.NewReader(conn)}
}

func readFrameHeader(p []byte, r io.Reader) error {
	_, err := io.ReadFull(r, p)
	return err
}

func (f *frameConn) recv() ([]byte, error) {
	hdr := make([]byte, 4)
	if err := readFrameHeader(hdr, f.br); err != nil {
		return nil, err
	}
	body := make([]byte, int(hdr[0]))
	_, err := f.conn.Read(body)
	return body, err
}

type framePeer struct {
	c    net.Conn
	stop chan struct{}
}

// The deferred close of the connection ends the reader's recv.
func (p *framePeer) serve() {
	fc := newFrameConn(p.c)
	errc := make(chan error, 1)
	defer p.c.Close()
	go func() {
		for {
			if _, err := fc.recv(); err != nil {
				errc <- err
				return
			}
		}
	}()
	select {
	case <-errc:
	case <-p.stop:
	}
}

// A connection of its own that nothing closes: the reader waits in recv
// for ever once the function has left on stop.
func (p *framePeer) serveOpen(addr string) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	fc := newFrameConn(conn)
	errc := make(chan error, 1)
	go func() { // want `goroutine is not joined on every path`
		for {
			if _, err := fc.recv(); err != nil {
				errc <- err
				return
			}
		}
	}()
	select {
	case <-errc:
	case <-p.stop:
	}
}

// --- A channel taken from its owner's getter, closed by the owner's Close ---

type errSink struct {
	errs chan error
	in   chan string
	done chan struct{}
}

func newErrSink() *errSink {
	s := &errSink{errs: make(chan error, 1), in: make(chan string), done: make(chan struct{})}
	go s.loop()
	return s
}

func (s *errSink) loop() {
	defer close(s.done)
	for l := range s.in {
		if l == "" {
			select {
			case s.errs <- errors.New("empty"):
			default:
			}
		}
	}
}

func (s *errSink) Errors() <-chan error { return s.errs }

func (s *errSink) Close() {
	close(s.in)
	<-s.done
	close(s.errs)
}

// Stop ends the loop but leaves the error channel open.
func (s *errSink) Stop() {
	close(s.in)
	<-s.done
}

// errs is s.errs: the Close that closes it ends the range.
func drainSinkErrors(lines []string) {
	s := newErrSink()
	errs := s.Errors()
	go func() {
		for err := range errs {
			_ = err
		}
	}()
	for _, l := range lines {
		s.in <- l
	}
	s.Close()
}

func drainSinkStopped(lines []string) {
	s := newErrSink()
	errs := s.Errors()
	go func() { // want `goroutine is never joined`
		for err := range errs {
			_ = err
		}
	}()
	for _, l := range lines {
		s.in <- l
	}
	s.Stop()
}

// --- A loop ended by one send it receives as its last act ---

type flushPump struct{ quit chan struct{} }

func newFlushPump() *flushPump {
	p := &flushPump{quit: make(chan struct{})}
	go p.flusher() // want `goroutine running p.flusher is handed on to the caller, but newPumpSession drops it`
	return p
}

func (p *flushPump) flusher() { <-p.quit }

// stop hands the flusher the one value it waits for.
func (p *flushPump) stop() { p.quit <- struct{}{} }

type pumpSession struct{ events, schema *flushPump }

func (s *pumpSession) Close() {
	s.events.stop()
	s.schema.stop()
}

// A later step fails after both pumps started: nothing stops them.
func newPumpSession(check func() error) (*pumpSession, error) {
	s := &pumpSession{}
	s.events = newFlushPump() // want `the result of newFlushPump is not stopped on every path: the return at line \d+ skips it`
	s.schema = newFlushPump() // want `the result of newFlushPump is not stopped on every path: the return at line \d+ skips it`
	if err := check(); err != nil {
		return nil, err
	}
	return s, nil
}

func pumpStopped() {
	p := newFlushPump()
	defer p.stop()
}

// --- A group counted down on the way, then a wait for another ---

type fileWatch struct {
	events chan string
	errs   chan error
}

func (w *fileWatch) Close() { close(w.events) }

func (w *fileWatch) add(dir string) error {
	if dir == "" {
		return errors.New("no dir")
	}
	return nil
}

// The watcher's Done tells watchConfig it started; then it waits for its
// event loop, which ends only when the events stop: watchConfig's Wait
// is a start handshake on that path, not a join.
func watchConfig(dir string) {
	started := sync.WaitGroup{}
	started.Add(1)
	go func() { // want `goroutine is never joined, so it can outlive watchConfig`
		w := &fileWatch{events: make(chan string), errs: make(chan error)}
		defer w.Close()
		loop := sync.WaitGroup{}
		loop.Add(1)
		go func() {
			defer loop.Done()
			for range w.events {
			}
		}()
		if err := w.add(dir); err != nil {
			started.Done()
			return
		}
		started.Done()
		loop.Wait()
	}()
	started.Wait()
}

// Done on every way out, each its last act: a join.
func checkConfig(w *fileWatch, dir string) {
	done := sync.WaitGroup{}
	done.Add(1)
	go func() {
		if err := w.add(dir); err != nil {
			done.Done()
			return
		}
		done.Done()
	}()
	done.Wait()
}

// --- A value kept in an atomic holder of its owner, and also returned ---

type heartbeat struct{ quit chan struct{} }

func newHeartbeat() *heartbeat {
	h := &heartbeat{quit: make(chan struct{})}
	go h.beat() // want `goroutine running h.beat is handed on to the caller, but \(\*cqlSession\).probe drops it`
	return h
}

func (h *heartbeat) beat() { <-h.quit }

func (h *heartbeat) Close() { close(h.quit) }

type cqlSession struct {
	current atomic.Pointer[heartbeat]
	last    atomic.Value
}

// Not reported: the cqlSession keeps what it returns, and closes it.
func (s *cqlSession) connect() (*heartbeat, error) {
	h := newHeartbeat()
	s.current.Store(h)
	return h, nil
}

type heartbeatEntry struct {
	h    *heartbeat
	host string
}

// remember keeps h inside the entry it stores.
func (s *cqlSession) remember(h *heartbeat) {
	e := &heartbeatEntry{h: h, host: "a"}
	s.last.Store(e)
}

func (s *cqlSession) connectLast() (*heartbeat, error) {
	h := newHeartbeat()
	s.remember(h)
	return h, nil
}

func (s *cqlSession) reconnect() {
	if h, _ := s.connect(); h == nil {
		return
	}
	if h, _ := s.connectLast(); h == nil {
		return
	}
}

// Reported: a value the session does not keep.
func (s *cqlSession) dial() (*heartbeat, error) {
	h := newHeartbeat()
	return h, nil
}

func (s *cqlSession) probe() bool {
	h, _ := s.dial() // want `the result of \(\*cqlSession\).dial is not stopped on every path`
	return h != nil
}

func (s *cqlSession) Close() {
	if h := s.current.Load(); h != nil {
		h.Close()
	}
	if e, ok := s.last.Load().(*heartbeatEntry); ok {
		e.h.Close()
	}
}

// --- A helper stopped through the owner it was given ---

type clusterPeer struct{ stopc chan struct{} }

type queueWatcher struct{ p *clusterPeer }

// The goroutine ends when p.stopc is closed: the caller must close it
// (p.leave()).
func newQueueWatcher(p *clusterPeer) *queueWatcher {
	w := &queueWatcher{p: p}
	go w.watch() // want `goroutine running w.watch is handed on to the caller, but createPeerFailing drops it at line \d+: call its leave method there`
	return w
}

func (w *queueWatcher) watch() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-w.p.stopc:
			return
		case <-t.C:
		}
	}
}

func (p *clusterPeer) leave() { close(p.stopc) }

// Reported: the later failure returns without closing p.stopc.
func createPeerFailing(bind func() error) (*clusterPeer, error) {
	p := &clusterPeer{stopc: make(chan struct{})}
	_ = newQueueWatcher(p) // want `argument 1 of newQueueWatcher \(its.stopc\) is not closed on every path: the return at line \d+ skips it, .*call its leave method on every path`
	if err := bind(); err != nil {
		return nil, err
	}
	return p, nil
}

// Not reported: the failure leaves the peer first.
func createPeer(bind func() error) (*clusterPeer, error) {
	p := &clusterPeer{stopc: make(chan struct{})}
	_ = newQueueWatcher(p)
	if err := bind(); err != nil {
		p.leave()
		return nil, err
	}
	return p, nil
}

func usePeer(bind func() error) error {
	p, err := createPeer(bind)
	if err != nil {
		return err
	}
	defer p.leave()
	return nil
}

func usePeerNoLeave(bind func() error) error {
	p, err := createPeer(bind) // want `the result of createPeer \(its.stopc\) is not closed on every path`
	if err != nil {
		return err
	}
	_ = p
	return nil
}

// Not reported: err held an error that may be set, but the branch tests
// the value the never-failing Start gives it.
func startAfterOpen(open func() (*startsession.Session, error)) (*jobProfiler, error) {
	s, err := open()
	if err != nil {
		return nil, err
	}
	w := newJobWorker()
	w.Start()
	if err = s.Start(); err != nil {
		return nil, err
	}
	return &jobProfiler{w: w}, nil
}

// --- A context parameter beside a receiver that has a Close ---

type gatherAgent struct {
	cancel context.CancelFunc
	n      int
}

// The goroutine runs a method of a, whose Close does not touch what it
// waits on: it waits on the caller's context, which the caller must
// cancel.
func (a *gatherAgent) work(ctx context.Context) {
	a.n++
	go a.monitor(ctx) // want `goroutine running a.monitor is handed on to the caller, but \(\*gatherAgent\).startDetached drops it`
}

func (a *gatherAgent) monitor(ctx context.Context) {
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (a *gatherAgent) Close() { a.cancel() }

// Not reported: the cancel is kept where Close calls it.
func (a *gatherAgent) start(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	a.cancel = cancel
	a.work(ctx)
}

// Reported: nothing cancels the root.
func (a *gatherAgent) startDetached() {
	a.work(context.Background()) // want `argument 1 of \(\*gatherAgent\).work is never cancelled`
}

// An event loop is the only one that closes the stop its dispatcher
// leaves on: it handles the close request, closes closing, and returns.
// While it is blocked handing the dispatcher a job, it cannot be closing,
// so the dispatcher is still there to take it.
type eventLoop struct {
	jobs    chan func()
	events  chan int
	closing chan struct{}
}

func newEventLoop() *eventLoop {
	l := &eventLoop{jobs: make(chan func()), events: make(chan int), closing: make(chan struct{})}
	go l.dispatch()
	go l.run()
	return l
}

func (l *eventLoop) dispatch() {
	for {
		select {
		case <-l.closing:
			return
		case job := <-l.jobs:
			job()
		}
	}
}

func (l *eventLoop) run() {
	for {
		select {
		case <-l.closing:
			return
		case e := <-l.events:
			switch e {
			case 0:
				l.shutdown()
				return
			default:
				l.reset()
			}
		}
	}
}

func (l *eventLoop) reset() {
	l.jobs <- func() {}
}

func (l *eventLoop) shutdown() {
	close(l.closing)
}

func (l *eventLoop) Close() { l.events <- 0 }

// The same loop, but its stop is also closed from outside it: the
// dispatcher may leave while the loop is blocked handing it a job.
type leakyLoop struct {
	jobs    chan func()
	events  chan int
	closing chan struct{}
}

func newLeakyLoop() *leakyLoop {
	l := &leakyLoop{jobs: make(chan func()), events: make(chan int), closing: make(chan struct{})}
	go l.dispatch()
	go l.run() // want `goroutine running l.run blocks for ever: its send on l.jobs \(ownership.go:\d+\) does not watch the stop its receivers leave on \(<-l.closing at ownership.go:\d+\)`
	return l
}

func (l *leakyLoop) dispatch() {
	for {
		select {
		case <-l.closing:
			return
		case job := <-l.jobs:
			job()
		}
	}
}

func (l *leakyLoop) run() {
	for {
		select {
		case <-l.closing:
			return
		case <-l.events:
			l.jobs <- func() {}
		}
	}
}

func (l *leakyLoop) Close() { close(l.closing) }

// --- A helper that stops what it made before handing it on ---

type ticking struct{ quit chan struct{} }

func newTicking() *ticking {
	t := &ticking{quit: make(chan struct{})}
	go t.tick() // want `goroutine running t.tick is handed on to the caller, but useTicking drops it at line \d+: call its Stop method there`
	return t
}

func (t *ticking) tick() {
	for {
		select {
		case <-t.quit:
			return
		case <-time.After(time.Minute):
		}
	}
}

func (t *ticking) Stop() { close(t.quit) }

// stoppedTicking hands on a value it already stopped on every path: its
// callers owe nothing.
func stoppedTicking() *ticking {
	t := newTicking()
	t.Stop()
	return t
}

// maybeStopped stops it on one path only: the other hands it on running.
func maybeStopped(quiet bool) *ticking {
	t := newTicking()
	if quiet {
		t.Stop()
	}
	return t
}

func useTicking(quiet bool) bool {
	a := stoppedTicking()
	b := maybeStopped(quiet) // want `the result of maybeStopped is not stopped on every path: the return at line \d+ skips it, so the goroutine started at ownership/ownership.go:\d+ \(t.tick\) is never joined: call its Stop method`
	return a != nil && b != nil
}

// --- An error variable that a later call reuses ---

type tickStopper interface{ Stop() }

func openTicking() (tickStopper, error) { return newTicking(), nil }

func openOther(bad bool) (*ticking, error) {
	if bad {
		return nil, errors.New("bad config")
	}
	return newTicking(), nil
}

type tickPair struct{ a, b tickStopper }

// The second err != nil says openOther failed, with a made and running.
func buildPair(bad bool) (*tickPair, error) {
	a, err := openTicking() // want `the result of openTicking is not stopped on every path: the return at line \d+ skips it`
	if err != nil {
		return nil, err
	}
	b, err := openOther(bad)
	if err != nil {
		return nil, err
	}
	return &tickPair{a: a, b: b}, nil
}

// err = ctx.Err() of the context the value was given: past it, err != nil
// says that context is done, which ends the value's goroutine.
type ctxConn struct{ quit chan struct{} }

func dialCtx(ctx context.Context) (*ctxConn, error) {
	c := &ctxConn{quit: make(chan struct{})}
	go c.run(ctx)
	return c, nil
}

func (c *ctxConn) run(ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-c.quit:
	}
}

func (c *ctxConn) Close() { close(c.quit) }

// The error of the other branch's call is not a later one: no path runs
// both.
func openEither(quiet bool) (*ticking, error) {
	var t *ticking
	var err error
	if quiet {
		t, err = openOther(false)
	} else {
		t, err = openOther(true)
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

func waitConn(ctx context.Context, ready <-chan struct{}) error {
	c, err := dialCtx(ctx)
	if err != nil {
		return err
	}
	select {
	case <-ctx.Done():
		err = ctx.Err()
	case <-ready:
	}
	if err != nil {
		return err
	}
	c.Close()
	return nil
}

// --- A stop by a flag the goroutine polls ---

// The loop polls closed, which Close sets: Close stops it.
type flagPoller struct {
	closed atomic.Bool
	n      int
}

func newFlagPoller() *flagPoller {
	p := &flagPoller{}
	go p.loop() // want `goroutine running p.loop is handed on to the caller, but dropFlagPoller drops it at line \d+: call its Close method there`
	return p
}

func (p *flagPoller) loop() {
	for !p.closed.Load() {
		p.n++
		time.Sleep(time.Millisecond)
	}
}

func (p *flagPoller) Close() { p.closed.Store(true) }

func dropFlagPoller() int {
	p := newFlagPoller() // want `the result of newFlagPoller is not stopped on every path: the return at line \d+ skips it, so the goroutine started at ownership/ownership.go:\d+ \(p.loop\) is never joined: call its Close method`
	return p.n
}

func closeFlagPoller() int {
	p := newFlagPoller()
	defer p.Close()
	return p.n
}

// A flag under a lock, checked at the top of an endless loop.
type flagDB struct {
	mu     sync.Mutex
	closed bool
}

func openFlagDB() *flagDB {
	db := &flagDB{}
	go db.manage() // want `goroutine running db.manage is handed on to the caller, but dropFlagDB drops it`
	return db
}

func (db *flagDB) manage() {
	for {
		db.mu.Lock()
		if db.closed {
			db.mu.Unlock()
			return
		}
		db.mu.Unlock()
		time.Sleep(time.Second)
	}
}

func (db *flagDB) Shutdown() {
	db.mu.Lock()
	db.closed = true
	db.mu.Unlock()
}

func dropFlagDB() {
	db := openFlagDB() // want `the result of openFlagDB is not stopped on every path: .* call its Shutdown method`
	_ = db
}

func shutFlagDB() {
	db := openFlagDB()
	db.Shutdown()
}

// An int32 flag read and set through the package functions of
// sync/atomic, polled by a literal the method starts.
type flagWorker struct{ state int32 }

func (w *flagWorker) Start() {
	go func() {
		for atomic.LoadInt32(&w.state) == 0 {
			time.Sleep(time.Millisecond)
		}
	}()
}

func (w *flagWorker) Stop() { atomic.StoreInt32(&w.state, 1) }

func stopFlagWorker() {
	w := &flagWorker{}
	w.Start()
	defer w.Stop()
}

// A flag nothing sets: nothing can stop the loop.
type flagSpinner struct{ done atomic.Bool }

func (s *flagSpinner) Start() {
	go func() { // want `goroutine is never joined, so it can outlive \(\*flagSpinner\).Start`
		for !s.done.Load() {
			time.Sleep(time.Millisecond)
		}
	}()
}

// --- A goroutine started only for a parameter that is not nil ---

type deadPolicy struct{ topic string }

type deadRouter struct {
	policy *deadPolicy
	quit   chan struct{}
}

func newDeadRouter(policy *deadPolicy) (*deadRouter, error) {
	r := &deadRouter{policy: policy}
	if policy != nil {
		if policy.topic == "" {
			return nil, errors.New("no topic")
		}
		r.quit = make(chan struct{})
		go r.run() // want `goroutine running r.run is handed on to the caller, but buildRouters drops it at line \d+: call its close method`
	}
	return r, nil
}

func (r *deadRouter) run() { <-r.quit }

func (r *deadRouter) close() {
	if r.quit != nil {
		close(r.quit)
	}
}

// A dummy router, made with no policy, runs nothing: dropping it on the
// error path leaks nothing. One made with a policy does.
func buildRouters(p *deadPolicy, fail bool) (*deadRouter, error) {
	dummy, err := newDeadRouter(nil)
	if err != nil {
		return nil, err
	}
	_ = dummy
	real, err := newDeadRouter(p) // want `the result of newDeadRouter is not stopped on every path`
	if err != nil {
		return nil, err
	}
	if fail {
		return nil, errors.New("fail")
	}
	return real, nil
}

// --- A callback's send taken for the goroutine's last act ---

type cbServer struct{ in chan int }

// serve calls fn for every value, until ctx is done.
func (s *cbServer) serve(ctx context.Context, fn func(int)) {
	for {
		select {
		case <-ctx.Done():
			return
		case v := <-s.in:
			fn(v)
		}
	}
}

// once calls fn for one value, then returns.
func (s *cbServer) once(fn func(int)) { fn(<-s.in) }

func (s *cbServer) push(v int) { s.in <- v }

// The receive takes the first value the callback sends; serve goes on
// waiting for the next, on a context nothing cancels.
func firstValue(s *cbServer) int {
	got := make(chan int, 1)
	go func() { // want `goroutine is never joined, so it can outlive firstValue`
		s.serve(context.Background(), func(v int) { got <- v })
	}()
	return <-got
}

// The callback's send is the goroutine's last act: the receive joins it.
func onceValue(s *cbServer) int {
	got := make(chan int, 1)
	go func() {
		s.once(func(v int) { got <- v })
	}()
	return <-got
}

// --- A stop that joins, kept in the owner's field for later ---

type keptStop struct {
	stop   func()
	stopV  atomic.Value // func()
	events chan int
}

// The literal that cancels and waits is the owner's stop: whoever calls
// it (Close) joins the goroutine.
func (k *keptStop) watch() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	k.stop = func() {
		cancel()
		<-done
	}
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-k.events:
			}
		}
	}()
}

// The same, stored through an atomic Value, with a WaitGroup.
func (k *keptStop) watchAtomic() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	k.stopV.Store(func() { cancel(); wg.Wait() })
	go func() {
		defer wg.Done()
		select {
		case <-ctx.Done():
		case <-k.events:
		}
	}()
}

func (k *keptStop) Close() {
	if k.stop != nil {
		k.stop()
	}
	if f, ok := k.stopV.Load().(func()); ok {
		f()
	}
}

// A stop kept in a local the function never calls joins nothing.
func (k *keptStop) watchLost() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	stop := func() {
		cancel()
		<-done
	}
	_ = stop
	go func() { // want `goroutine blocks for ever: it waits for ctx to be cancelled`
		defer close(done)
		select {
		case <-ctx.Done():
		case <-k.events:
		}
	}()
}

// --- A value started after it was put in the value handed on ---

type innerLoop struct{ quit chan struct{} }

func (s *innerLoop) Start() {
	go func() { // want `goroutine is handed on to the caller, but dropOuter drops it`
		<-s.quit
	}()
}

func (s *innerLoop) Stop() { close(s.quit) }

type outerLoop struct {
	srv  *innerLoop
	name string
}

func (o *outerLoop) Close() { o.srv.Stop() }

// The inner loop is started once the outer value holds it, and the outer
// value is returned: the caller stops it through Close.
func newOuter() *outerLoop {
	srv := &innerLoop{quit: make(chan struct{})}
	o := &outerLoop{srv: srv, name: "x"}
	srv.Start()
	return o
}

func dropOuter() string {
	o := newOuter() // want `the result of newOuter is not stopped on every path: .* call its Close method`
	return o.name
}

func closeOuter() string {
	o := newOuter()
	defer o.Close()
	return o.name
}

// --- A constructor that may make nothing ---

func maybeTicking(on bool) *ticking {
	if !on {
		return nil
	}
	return newTicking()
}

// A hub that keeps every channel it opens in a list (appended) and closes
// them all when it closes: the caller of open only borrows the channel it
// gets, and owes it no Close. A hub that does not keep it hands it on.

type hubLink struct {
	in   chan []byte
	quit chan struct{}
}

func (l *hubLink) pump() {
	for {
		select {
		case <-l.in:
		case <-l.quit:
			return
		}
	}
}

func (l *hubLink) Close() { close(l.quit) }

type listHub struct {
	mu    sync.Mutex
	links []*hubLink
}

func (h *listHub) open() *hubLink {
	l := &hubLink{in: make(chan []byte), quit: make(chan struct{})}
	h.mu.Lock()
	h.links = append(h.links, l)
	h.mu.Unlock()
	go l.pump()
	return l
}

func (h *listHub) Close() {
	for _, l := range h.links {
		l.Close()
	}
}

type bareHub struct{}

func (h *bareHub) open() *hubLink {
	l := &hubLink{in: make(chan []byte), quit: make(chan struct{})}
	go l.pump() // want `goroutine running l\.pump is handed on to the caller, but useBareHub drops it at line 9891`
	return l
}

func useListHub(h *listHub) {
	l := h.open()
	l.in <- []byte("x")
}

func useBareHub(h *bareHub) {
	l := h.open() // want `the result of \(\*bareHub\)\.open is not stopped on every path`
	l.in <- []byte("x")
}

// The same hub registering the link through a method of its own that
// appends it, before starting it in the caller: the hub keeps it.

func (h *listHub) register(l *hubLink) {
	h.mu.Lock()
	h.links = append(h.links, l)
	h.mu.Unlock()
}

func (l *hubLink) start() { go l.pump() } // want `goroutine running l\.pump is handed on to the caller, but \(\*bareHub\)\.accept drops it at line 9914`

func (h *listHub) accept() {
	l := &hubLink{in: make(chan []byte), quit: make(chan struct{})}
	h.register(l)
	l.start()
}

func (h *bareHub) accept() {
	l := &hubLink{in: make(chan []byte), quit: make(chan struct{})}
	l.start() // want `the receiver of \(\*hubLink\)\.start is not stopped on every path`
}

// A server set whose start method keeps the server it returns: a caller
// that drops the result leaves it to the set, whose Close shuts it down.

type serverSet struct {
	mu      sync.Mutex
	servers []*http.Server
}

func (s *serverSet) newServer(addr string) *http.Server {
	srv := &http.Server{Addr: addr}
	s.mu.Lock()
	s.servers = append(s.servers, srv)
	s.mu.Unlock()
	return srv
}

func (s *serverSet) Listen(addr string) *http.Server {
	srv := s.newServer(addr)
	go func() {
		_ = srv.ListenAndServe()
	}()
	return srv
}

func (s *serverSet) Close() {
	for _, srv := range s.servers {
		_ = srv.Close()
	}
}

func listenKept(s *serverSet) {
	s.Listen(":0")
}

type looseSet struct{}

func (s *looseSet) newServer(addr string) *http.Server { return &http.Server{Addr: addr} }

func (s *looseSet) Listen(addr string) *http.Server {
	srv := s.newServer(addr)
	go func() { // want `goroutine is handed on to the caller, but listenLoose drops it at line 9964`
		_ = srv.ListenAndServe()
	}()
	return srv
}

func listenLoose(s *looseSet) {
	s.Listen(":0") // want `the result of \(\*looseSet\)\.Listen is dropped`
}

// A reader loop on a connection reached through a getter of the owner's
// (l.Conn().Read): the owner's field, which the owner's Close closes.

type getterLine struct{ c net.Conn }

func (l *getterLine) Conn() net.Conn { return l.c }

func (l *getterLine) Close() error { return l.c.Close() }

func newGetterLine() *getterLine {
	c, _ := net.Pipe()
	l := &getterLine{c: c}
	go func() { // want `goroutine is handed on to the caller, but useGetterLine drops it`
		buf := make([]byte, 64)
		for {
			if _, err := l.Conn().Read(buf); err != nil {
				return
			}
		}
	}()
	return l
}

func useGetterLine() {
	l := newGetterLine() // want `the result of newGetterLine is not stopped on every path`
	_ = l
}

func closeGetterLine() {
	l := newGetterLine()
	defer l.Close()
}

// Workers gated by a semaphore, waited for by filling it to its capacity:
// each gives its slot back as its last act, so the last send of the
// filling loop returns only once every one of them has ended.

func semFilledConst(items []string) {
	const limit = 4
	slots := make(chan struct{}, limit)
	for _, it := range items {
		slots <- struct{}{}
		go func() {
			defer func() { <-slots }()
			println(it)
		}()
	}
	for i := 0; i < limit; i++ {
		slots <- struct{}{}
	}
}

func semFilledCap(items []string, n int) {
	slots := make(chan struct{}, n)
	for _, it := range items {
		slots <- struct{}{}
		go func() {
			println(it)
			<-slots
		}()
	}
	for i := 0; i < cap(slots); i++ {
		slots <- struct{}{}
	}
}

func semFilledShort(items []string) {
	const limit = 4
	slots := make(chan struct{}, limit)
	for _, it := range items {
		slots <- struct{}{}
		go func() { // want `goroutine is never joined, so it can outlive semFilledShort`
			defer func() { <-slots }()
			println(it)
		}()
	}
	for i := 0; i < limit-1; i++ {
		slots <- struct{}{}
	}
}

func semFilledSkipped(items []string, quick bool) {
	const limit = 4
	slots := make(chan struct{}, limit)
	for _, it := range items {
		slots <- struct{}{}
		go func() { // want `goroutine is never joined, so it can outlive semFilledSkipped`
			defer func() { <-slots }()
			println(it)
		}()
	}
	if quick {
		return
	}
	for i := 0; i < limit; i++ {
		slots <- struct{}{}
	}
}

func semFilledBroken(items []string, stop chan struct{}) {
	const limit = 4
	slots := make(chan struct{}, limit)
	for _, it := range items {
		slots <- struct{}{}
		go func() { // want `goroutine is never joined, so it can outlive semFilledBroken`
			defer func() { <-slots }()
			println(it)
		}()
	}
	for i := 0; i < limit; i++ {
		select {
		case slots <- struct{}{}:
		case <-stop:
			return
		}
	}
}

func semFilledRange(ctx context.Context, items []string, ack func(string)) {
	const limit = 4
	slots := make(chan struct{}, limit)
loop:
	for _, it := range items {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			break loop
		}
		go func() {
			defer func() { <-slots }()
			defer ack(it)
			println(it)
		}()
	}
	for range limit {
		slots <- struct{}{}
	}
}

// The slot given back first, then more work: the fill does not wait for it.
func semFilledEarly(items []string, ack func(string)) {
	const limit = 4
	slots := make(chan struct{}, limit)
	for _, it := range items {
		slots <- struct{}{}
		go func() { // want `goroutine is never joined, so it can outlive semFilledEarly`
			defer ack(it)
			defer func() { <-slots }()
			println(it)
		}()
	}
	for range limit {
		slots <- struct{}{}
	}
}

// An owner that stops its parts through a list of their stop methods, each
// called in a goroutine of its own (or in turn): its Close stops what the
// parts run, and a caller that closes the owner owes the parts nothing.

type refreshPart struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newRefreshPart() *refreshPart {
	ctx, cancel := context.WithCancel(context.Background())
	return &refreshPart{ctx: ctx, cancel: cancel}
}

func (r *refreshPart) Start() {
	r.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but useHalfOwner drops it at line 10209`
		defer r.wg.Done()
		<-r.ctx.Done()
	}()
}

func (r *refreshPart) Close() error {
	r.cancel()
	r.wg.Wait()
	return nil
}

type partsOwner struct {
	refresh *refreshPart
	other   *refreshPart
}

func newPartsOwner() *partsOwner {
	o := &partsOwner{refresh: newRefreshPart(), other: newRefreshPart()}
	o.refresh.Start()
	o.other.Start()
	return o
}

func (o *partsOwner) Close() error {
	closes := []func() error{o.refresh.Close}
	closes = append(closes, o.other.Close)
	errc := make(chan error)
	for _, c := range closes {
		go func(c func() error) {
			errc <- c()
		}(c)
	}
	var errs []error
	for range len(closes) {
		if err := <-errc; err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func usePartsOwner() {
	o := newPartsOwner()
	defer o.Close()
}

type halfOwner struct {
	refresh *refreshPart
	other   *refreshPart
}

func newHalfOwner() *halfOwner {
	o := &halfOwner{refresh: newRefreshPart(), other: newRefreshPart()}
	o.refresh.Start()
	o.other.Start()
	return o
}

// Close stops one part only, in turn.
func (o *halfOwner) Close() error {
	closes := []func() error{o.refresh.Close}
	for _, c := range closes {
		_ = c()
	}
	return nil
}

func useHalfOwner() {
	o := newHalfOwner() // want `the result of newHalfOwner \(its\.other\) is not stopped on every path`
	defer o.Close()
}

// A goroutine that takes its own copy of a value it was given and waits
// on the copy's field waits on the value's field: the owner that keeps the
// goroutine's cancel in a struct of its map stops it.

type copyRecv struct{ closed chan struct{} }

type copyItem struct{ recv *copyRecv }

type copyEntry struct{ cancel context.CancelFunc }

type copyRegistry struct {
	mu    sync.Mutex
	items map[*copyItem]*copyEntry
}

func (r *copyRegistry) add(it *copyItem) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	r.items[it] = &copyEntry{cancel: cancel}
	go func() {
		recv := it.recv
		select {
		case <-recv.closed:
			r.remove(it)
		case <-ctx.Done():
		}
	}()
}

func (r *copyRegistry) remove(it *copyItem) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e, ok := r.items[it]; ok {
		e.cancel()
		delete(r.items, it)
	}
}

// sharedLink is a connection shared by subscribers: each subscriber's
// goroutine is counted in users and ends when closing is closed, and the
// link's Close waits for them.
type sharedLink struct {
	closing chan struct{}
	users   sync.WaitGroup
}

func openSharedLink() (*sharedLink, error) {
	return &sharedLink{closing: make(chan struct{})}, nil
}

func (l *sharedLink) Close() error {
	close(l.closing)
	l.users.Wait()
	return nil
}

// linkSub embeds the link it is made with: s.closing and s.users are the
// link's, so closing the link stops and waits for what Consume starts, as
// closing the subscriber does.
type linkSub struct {
	*sharedLink
	done   chan struct{}
	active sync.WaitGroup
}

func newLinkSub(l *sharedLink) (*linkSub, error) {
	return &linkSub{sharedLink: l, done: make(chan struct{})}, nil
}

func (s *linkSub) Consume(ctx context.Context) <-chan int {
	out := make(chan int)
	s.active.Add(1)
	s.users.Add(1)
	go func() { // want `goroutine is handed on to the caller, but linkSubNothingClosed drops it at line \d+`
		defer func() {
			close(out)
			s.users.Done()
			s.active.Done()
		}()
		select {
		case <-s.closing:
		case <-s.done:
		case <-ctx.Done():
		}
	}()
	return out
}

func (s *linkSub) Close() error {
	close(s.done)
	s.active.Wait()
	return nil
}

// Closing the link a subscriber embeds stops what the subscriber started.
func linkSubLinkClosed(ctx context.Context) error {
	l, err := openSharedLink()
	if err != nil {
		return err
	}
	defer l.Close()
	s, err := newLinkSub(l)
	if err != nil {
		return err
	}
	_ = s.Consume(ctx)
	return nil
}

func linkSubNothingClosed(ctx context.Context) error {
	l, err := openSharedLink()
	if err != nil {
		return err
	}
	s, err := newLinkSub(l)
	if err != nil {
		return err
	}
	_ = s.Consume(ctx) // want `the receiver of \(\*linkSub\).Consume \(its.sharedLink\) is not stopped on every path`
	return nil
}

// A worker made for a key keeps the dispatcher it was made by; it reports
// failures on the dispatcher's errors channel, which the dispatcher's
// users drain. What it waits on through the worker it does not keep
// (kw.parent.errors) is the dispatcher's: handed on with the receiver.
type keyDispatcher struct {
	errs chan error
}

func (d *keyDispatcher) Errors() <-chan error { return d.errs }

type keyWorker struct {
	parent *keyDispatcher
	input  <-chan int
}

func (d *keyDispatcher) newKeyWorker() chan<- int {
	input := make(chan int, 8)
	kw := &keyWorker{parent: d, input: input}
	go kw.dispatch()
	return input
}

func (kw *keyWorker) dispatch() {
	for v := range kw.input {
		if v < 0 {
			kw.parent.errs <- errors.New("negative")
		}
	}
}

// The dispatcher made here is nobody's: nothing drains its errors.
func orphanKeyWorker() {
	kw := &keyWorker{parent: &keyDispatcher{errs: make(chan error)}}
	go kw.fail() // want `goroutine running kw.fail is never joined`
}

func (kw *keyWorker) fail() { kw.parent.errs <- errors.New("x") }

// A runner embedded in its owner: m.spawn is m.runnerBase.spawn, and its
// goroutines are counted in m.runnerBase.routines, which the promoted
// m.waitAll waits for.
type runnerBase struct {
	routines sync.WaitGroup
}

func (b *runnerBase) spawn(f func()) {
	b.routines.Add(1)
	go func() { // want `goroutine is handed on to the caller, but embeddedRunnerDropped drops it at line \d+: call its waitAll method`
		defer b.routines.Done()
		f()
	}()
}

func (b *runnerBase) waitAll() { b.routines.Wait() }

type embeddedRunner struct {
	runnerBase
	stop chan struct{}
}

func (m *embeddedRunner) loop() { <-m.stop }

func newEmbeddedRunner() *embeddedRunner {
	m := &embeddedRunner{stop: make(chan struct{})}
	m.spawn(m.loop)
	return m
}

func (m *embeddedRunner) shutdown() {
	close(m.stop)
	m.waitAll()
}

func embeddedRunnerShutdown() {
	m := newEmbeddedRunner()
	defer m.shutdown()
}

func embeddedRunnerWaited() {
	m := newEmbeddedRunner()
	close(m.stop)
	m.waitAll()
}

func embeddedRunnerDropped() {
	m := newEmbeddedRunner() // want `the result of newEmbeddedRunner \(its.runnerBase\) is not stopped on every path`
	_ = m
}

// --- A stream that takes the caller's context and ignores it where it sends ---

type pageLister struct {
	names chan string
	err   error
}

func (l *pageLister) Names() <-chan string { return l.names }

func fetchNames(ctx context.Context, page int) ([]string, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	return []string{"a", "b"}, page > 2, nil
}

// Reported: a caller that stops reading when ctx is done leaves the
// goroutine blocked on its send.
func listPagedNames(ctx context.Context) *pageLister {
	l := &pageLister{names: make(chan string)}
	go func() { // want `goroutine sends on l.names at line \d+ watching nothing else, though it uses ctx: a caller that stops receiving when ctx is done leaves it blocked for ever`
		defer close(l.names)
		for page := 0; ; page++ {
			names, last, err := fetchNames(ctx, page)
			if err != nil {
				l.err = err
				return
			}
			for _, n := range names {
				l.names <- n
			}
			if last {
				return
			}
		}
	}()
	return l
}

// Not reported: a channel the caller gave is drained by the protocol of
// whoever made it.
func streamNames(ctx context.Context, out chan<- string) {
	go func() {
		defer close(out)
		for page := 0; ; page++ {
			names, last, err := fetchNames(ctx, page)
			if err != nil || last {
				return
			}
			for _, n := range names {
				out <- n
			}
		}
	}()
}

// Not reported: the send watches ctx too.
func listPagedNamesWatched(ctx context.Context) *pageLister {
	l := &pageLister{names: make(chan string)}
	go func() {
		defer close(l.names)
		for page := 0; ; page++ {
			names, last, err := fetchNames(ctx, page)
			if err != nil {
				l.err = err
				return
			}
			for _, n := range names {
				select {
				case l.names <- n:
				case <-ctx.Done():
					return
				}
			}
			if last {
				return
			}
		}
	}()
	return l
}

// Not reported: a stream that never took a context is its reader's to
// drain, as it says.
func listAll(pages [][]string) *pageLister {
	l := &pageLister{names: make(chan string)}
	go func() {
		defer close(l.names)
		for _, p := range pages {
			for _, n := range p {
				l.names <- n
			}
		}
	}()
	return l
}

// Reported: the stream's channel returned as it is, sent on by a method
// the goroutine runs.
func streamPages(ctx context.Context) <-chan string {
	out := make(chan string)
	go pumpPages(ctx, out) // want `goroutine running pumpPages sends on out at line \d+ watching nothing else, though it uses ctx`
	return out
}

func pumpPages(ctx context.Context, out chan<- string) {
	defer close(out)
	for page := 0; ; page++ {
		names, last, err := fetchNames(ctx, page)
		if err != nil || last {
			return
		}
		for _, n := range names {
			out <- n
		}
	}
}

// Not reported: one result into a channel with room for it.
func fetchFirst(ctx context.Context) <-chan []string {
	res := make(chan []string, 1)
	go func() {
		names, _, _ := fetchNames(ctx, 0)
		res <- names
	}()
	return res
}

// --- A stop registered with the connection a value is made on ---
//
// A service gives the connection it is made on a function that stops it;
// the connection keeps it and runs it when closed. Closing the connection
// stops the service.

type hookedConn struct {
	mu     sync.Mutex
	onStop []func()
	quit   chan struct{}
	later  []func()
}

func dialHooked() *hookedConn {
	return &hookedConn{quit: make(chan struct{})}
}

func (c *hookedConn) OnClose(f func()) {
	c.mu.Lock()
	c.onStop = append(c.onStop, f)
	c.mu.Unlock()
}

// OnIdle keeps f too, but nothing runs it when the connection closes.
func (c *hookedConn) OnIdle(f func()) {
	c.mu.Lock()
	c.later = append(c.later, f)
	c.mu.Unlock()
}

func (c *hookedConn) Close() {
	close(c.quit)
	c.mu.Lock()
	hooks := c.onStop
	c.mu.Unlock()
	for _, f := range hooks {
		f()
	}
}

type hookedService struct {
	once sync.Once
	done chan struct{}
	work chan func()
}

func (s *hookedService) run() {
	for {
		select {
		case f := <-s.work:
			f()
		case <-s.done:
			return
		}
	}
}

func (s *hookedService) Stop() { s.once.Do(func() { close(s.done) }) }

func newHookedService(c *hookedConn) *hookedService {
	s := &hookedService{done: make(chan struct{}), work: make(chan func(), 8)}
	go s.run() // want `goroutine running s.run is handed on to the caller, but hookedServiceNothingClosed drops it`
	c.OnClose(func() { s.Stop() })
	return s
}

func newIdleService(c *hookedConn) *hookedService {
	s := &hookedService{done: make(chan struct{}), work: make(chan func(), 8)}
	go s.run() // want `goroutine running s.run is handed on to the caller, but idleServiceConnClosed drops it`
	c.OnIdle(s.Stop)
	return s
}

func hookedServiceConnClosed() {
	c := dialHooked()
	defer c.Close()
	svc := newHookedService(c)
	svc.work <- func() {}
}

func hookedServiceNothingClosed() {
	c := dialHooked()
	_ = c
	svc := newHookedService(c) // want `the result of newHookedService is not stopped on every path`
	svc.work <- func() {}
}

func idleServiceConnClosed() {
	c := dialHooked()
	defer c.Close()
	svc := newIdleService(c) // want `the result of newIdleService is not stopped on every path`
	svc.work <- func() {}
}

// --- A channel kept by an observer that never closes it ---
//
// Handing a channel on gives its new owner the close: not when the owner
// keeps it in a private field that nothing in the package closes. A range
// over it then never ends.

type tickObserver struct {
	ch chan int
}

func newTickObserver(ch chan int) *tickObserver { return &tickObserver{ch: ch} }

type tickHub struct {
	mu  sync.Mutex
	obs []*tickObserver
}

func (h *tickHub) register(o *tickObserver) {
	h.mu.Lock()
	h.obs = append(h.obs, o)
	h.mu.Unlock()
}

func (h *tickHub) notify(v int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, o := range h.obs {
		select {
		case o.ch <- v:
		default:
		}
	}
}

func countObserved(h *tickHub) {
	ch := make(chan int)
	go func() { // want `goroutine is never joined, so it can outlive countObserved`
		for range ch {
		}
	}()
	h.register(newTickObserver(ch))
	h.notify(1)
}

// A keeper that closes what it keeps: handing the channel on hands its
// close on.
type closingObserver struct {
	ch chan int
}

func newClosingObserver(ch chan int) *closingObserver { return &closingObserver{ch: ch} }

func (o *closingObserver) done() { close(o.ch) }

func countObservedClosed() *closingObserver {
	ch := make(chan int)
	go func() {
		for range ch {
		}
	}()
	return newClosingObserver(ch)
}

// --- A constructor that starts nothing when its config says so ---
//
// The goroutine is started by a call (n.spawn(n.loop)) that an early
// return on the config's flag skips: a caller whose config sets the flag
// owes nothing, as it owes nothing for a go statement so gated.

type peekConfig struct {
	skipStart bool
}

type peekNode struct {
	wg     sync.WaitGroup
	stopCh chan struct{}
	state  int
}

func (n *peekNode) spawn(f func()) {
	n.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but peekStateStarted drops it`
		defer n.wg.Done()
		f()
	}()
}

func (n *peekNode) loop() { <-n.stopCh }

func (n *peekNode) Stop() {
	close(n.stopCh)
	n.wg.Wait()
}

func newPeekNode(cfg *peekConfig) (*peekNode, error) {
	n := &peekNode{stopCh: make(chan struct{}), state: 7}
	if cfg.skipStart {
		return n, nil
	}
	n.spawn(n.loop)
	return n, nil
}

func peekState(cfg *peekConfig) (int, error) {
	cfg.skipStart = true
	n, err := newPeekNode(cfg)
	if err != nil {
		return 0, err
	}
	return n.state, nil
}

func peekStateLiteral() (int, error) {
	n, err := newPeekNode(&peekConfig{skipStart: true})
	if err != nil {
		return 0, err
	}
	return n.state, nil
}

func peekStateStarted() (int, error) {
	n, err := newPeekNode(&peekConfig{}) // want `the result of newPeekNode is not stopped on every path`
	if err != nil {
		return 0, err
	}
	return n.state, nil
}

// --- A timer's function that has fired sends what the stopper waits for ---
//
// slowWrite's AfterFunc starts a reader and then says so on started; a
// write that could not stop the timer in time (!Stop()) waits for that
// send, which the fired function makes. The cleanup goroutine's only wait
// is that one: it ends on its own.

type slowConn struct {
	conn      net.Conn
	slowWrite *time.Timer
	started   chan struct{}
	reading   atomic.Bool
	done      chan struct{}
}

func newSlowConn(c net.Conn) *slowConn {
	s := &slowConn{conn: c, started: make(chan struct{}), done: make(chan struct{})}
	s.slowWrite = time.AfterFunc(time.Hour, func() {
		s.reading.Store(true)
		s.started <- struct{}{}
	})
	s.slowWrite.Stop()
	return s
}

func (s *slowConn) flush() {
	s.slowWrite.Reset(15 * time.Millisecond)
	if !s.slowWrite.Stop() {
		<-s.started
		s.reading.Store(false)
	}
}

func (s *slowConn) asyncClose() {
	go func() {
		defer close(s.done)
		s.flush()
		_ = s.conn.Close()
	}()
}

// Stopped in time, the timer's function never runs: a receive after a
// Stop that may have succeeded waits for a send that never comes.
func (s *slowConn) flushUnguarded() {
	s.slowWrite.Reset(15 * time.Millisecond)
	s.slowWrite.Stop()
	<-s.started
}

func (s *slowConn) asyncCloseUnguarded() {
	go func() { // want `goroutine is handed on to the caller, but slowConnUnguarded drops it`
		defer close(s.done)
		s.flushUnguarded()
		_ = s.conn.Close()
	}()
}

func slowConnGuarded(c net.Conn) {
	s := newSlowConn(c)
	s.asyncClose()
}

func slowConnUnguarded(c net.Conn) {
	s := newSlowConn(c)
	s.asyncCloseUnguarded() // want `the receiver of \(\*slowConn\).asyncCloseUnguarded is not stopped on every path`
}

func (s *slowConn) handshake() error { return nil }

func connectSlow(c net.Conn) (*slowConn, error) {
	s := newSlowConn(c)
	if err := s.handshake(); err != nil {
		s.asyncCloseUnguarded() // want `the receiver of \(\*slowConn\).asyncCloseUnguarded is not stopped on every path`
		return nil, err
	}
	return s, nil
}

func connectSlowGuarded(c net.Conn) (*slowConn, error) {
	s := newSlowConn(c)
	if err := s.handshake(); err != nil {
		s.asyncClose()
		return nil, err
	}
	return s, nil
}

func (s *slowConn) Close() error { return s.conn.Close() }

func useSlow(c net.Conn) error {
	s, err := connectSlow(c) // want `the result of connectSlow is not stopped on every path`
	if err != nil {
		return err
	}
	_ = s
	return nil
}

func useSlowGuarded(c net.Conn) error {
	s, err := connectSlowGuarded(c)
	if err != nil {
		return err
	}
	_ = s
	return nil
}

// --- A cleanup beside the value that closes what the value reads ---
//
// pipeWire's reader reads the connection it was made over; setupPipeWire
// returns the wire and a cleanup that closes both ends of the pipe, which
// ends the reader as the wire's Close would.

type pipeWire struct {
	c    net.Conn
	done chan struct{}
}

func newPipeWire(c net.Conn) *pipeWire {
	w := &pipeWire{c: c, done: make(chan struct{})}
	go w.read() // want `goroutine running w.read is handed on to the caller, but pipeWireLeft drops it`
	return w
}

func (w *pipeWire) read() {
	defer close(w.done)
	_, _ = io.Copy(io.Discard, w.c)
}

func (w *pipeWire) Close() {
	w.c.Close()
	<-w.done
}

func setupPipeWire() (*pipeWire, func()) {
	a, b := net.Pipe()
	return newPipeWire(a), func() { a.Close(); b.Close() }
}

func setupPipeWireVar() (*pipeWire, func()) {
	a, b := net.Pipe()
	w := newPipeWire(a)
	return w, func() { a.Close(); b.Close() }
}

func pipeWireCleaned() {
	w, cleanup := setupPipeWire()
	defer cleanup()
	_ = w
}

func pipeWireVarCleaned() {
	w, cleanup := setupPipeWireVar()
	defer cleanup()
	_ = w
}

func pipeWireLeft() {
	w, cleanup := setupPipeWire() // want `the result of setupPipeWire is not stopped on every path`
	_, _ = w, cleanup
}

// --- One slot: each take of it waits for the worker that holds it ---

type oneSlotBatcher struct {
	in   chan int
	stop chan struct{}
}

func (b *oneSlotBatcher) flush(batch []int) { println(len(batch)) }

func (b *oneSlotBatcher) run() {
	slot := make(chan struct{}, 1)
	work := func(batch []int) {
		b.flush(batch)
		<-slot
	}
	var batch []int
	for {
		select {
		case v := <-b.in:
			batch = append(batch, v)
			slot <- struct{}{}
			go work(batch)
			batch = nil
		case <-b.stop:
			slot <- struct{}{}
			work(batch)
			return
		}
	}
}

// Two slots: one take after the last worker does not wait for the other.
func (b *oneSlotBatcher) runTwo() {
	slot := make(chan struct{}, 2)
	work := func(batch []int) {
		b.flush(batch)
		<-slot
	}
	var batch []int
	for {
		select {
		case v := <-b.in:
			batch = append(batch, v)
			slot <- struct{}{}
			go work(batch) // want `goroutine running work is never joined`
			batch = nil
		case <-b.stop:
			slot <- struct{}{}
			work(batch)
			return
		}
	}
}

// --- Reading a value's stream to its end joins the goroutine that closes it ---

type lineTail struct {
	Lines chan string
	dying chan struct{}
	wg    sync.WaitGroup
}

func tailLines() *lineTail {
	t := &lineTail{Lines: make(chan string), dying: make(chan struct{})}
	t.wg.Add(1)
	go t.run() // want `goroutine running t.run is handed on to the caller, but firstLine drops it`
	return t
}

func (t *lineTail) run() {
	defer t.wg.Done()
	defer close(t.Lines)
	for {
		select {
		case t.Lines <- "x":
		case <-t.dying:
			return
		}
	}
}

func (t *lineTail) Stop() {
	close(t.dying)
	t.wg.Wait()
}

func printLines() {
	t := tailLines()
	for line := range t.Lines {
		println(line)
	}
}

// Leaving the range early leaves the goroutine sending.
func firstLine() string {
	t := tailLines() // want `the result of tailLines is not stopped on every path`
	for line := range t.Lines {
		return line
	}
	return ""
}

// The same stream sent by a method the goroutine calls, and closed by a
// method it defers: the send is not the goroutine's own key, but closing
// the stream is what it does as it ends.
type methodTail struct {
	Lines chan string
	dying chan struct{}
}

func tailByMethod() *methodTail {
	t := &methodTail{Lines: make(chan string), dying: make(chan struct{})}
	go t.run() // want `goroutine running t.run is handed on to the caller, but firstMethodLine drops it`
	return t
}

func (t *methodTail) close() { close(t.Lines) }

func (t *methodTail) send(l string) bool {
	select {
	case t.Lines <- l:
		return true
	case <-t.dying:
		return false
	}
}

func (t *methodTail) run() {
	defer t.close()
	for t.send("x") {
	}
}

func (t *methodTail) Stop() { close(t.dying) }

func printMethodLines() {
	t := tailByMethod()
	for line := range t.Lines {
		println(line)
	}
}

func firstMethodLine() string {
	t := tailByMethod() // want `the result of tailByMethod is not stopped on every path`
	for line := range t.Lines {
		return line
	}
	return ""
}

// A goroutine that only cancels or closes cannot block: it ends at once.
// One that waits after it does not.
func cancelSoon(work func(context.Context) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		cancel()
	}()
	done := make(chan struct{})
	go func() { close(done) }()
	go cancel()
	<-done
	return work(ctx)
}

func cancelThenWork(work func(context.Context) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	mu.Lock()
	go func() { // want `goroutine is never joined`
		cancel()
		mu.Lock()
	}()
	return work(ctx)
}

// A session that closes its connection in a deferred cleanup only when
// Open fails: on the paths that start its reader, Open stops nothing, and
// a caller that opens it owes a Close.
type gwSession struct {
	addr string
	conn net.Conn
	quit chan struct{}
}

func (s *gwSession) Open() error {
	var err error
	s.conn, err = net.Dial("tcp", s.addr)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			s.conn.Close()
		}
	}()
	if _, err = s.conn.Write([]byte("hello")); err != nil {
		return err
	}
	s.quit = make(chan struct{})
	go s.read(s.conn, s.quit) // want `goroutine running s.read is handed on to the caller, but gwDropped drops it at line \d+: call its Close method there on every path`
	return nil
}

func (s *gwSession) read(c net.Conn, quit chan struct{}) {
	b := make([]byte, 16)
	for {
		if _, err := c.Read(b); err != nil {
			return
		}
		select {
		case <-quit:
			return
		default:
		}
	}
}

func (s *gwSession) Close() error {
	close(s.quit)
	return s.conn.Close()
}

func gwDropped(addr string) error {
	s := &gwSession{addr: addr}
	return s.Open() // want `the receiver of \(\*gwSession\).Open is not stopped on every path`
}

func gwClosed(addr string) error {
	s := &gwSession{addr: addr}
	if err := s.Open(); err != nil {
		return err
	}
	return s.Close()
}

// A deferred wait beside an error cleanup joins on every path.
func unguardedWait(work func() error) (err error) {
	var wg sync.WaitGroup
	defer func() {
		wg.Wait()
		if err != nil {
			err = errors.Join(err, errors.New("work failed"))
		}
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = work()
	}()
	return work()
}

// --- A retry that never looks at the context it is stopped by ---

type retryPoller struct {
	every time.Duration
	fetch func(context.Context) ([]string, error)
	dial  func() error
	out   chan<- string
}

func (p *retryPoller) acquire(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return "conn", nil
}

// pollPending looks at ctx only once a fetch succeeds: once ctx is
// cancelled every acquire fails, and the goroutine waits for the next
// tick and retries for ever.
func (p *retryPoller) pollPending(ctx context.Context) {
	go func(ctx context.Context) { // want `goroutine retries p.acquire at line \d+ when it fails without looking at ctx, which its loop checks only at line \d+`
		ticker := time.NewTicker(p.every)
		defer ticker.Stop()
		for {
			conn, err := p.acquire(ctx)
			if err != nil {
				<-ticker.C
				continue
			}
			select {
			case <-ctx.Done():
				return
			case p.out <- conn:
			}
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
		}
	}(ctx)
}

// pollLoop is the same loop in a method the go statement runs, its
// failure taken in the if's own statement, its pause a sleep.
func (p *retryPoller) pollLoop(ctx context.Context) {
	for {
		if _, err := p.fetch(ctx); err != nil {
			time.Sleep(p.every)
			continue
		}
		if ctx.Err() != nil {
			return
		}
	}
}

func (p *retryPoller) startLoop(ctx context.Context) {
	go p.pollLoop(ctx) // want `goroutine running p.pollLoop retries p.fetch at line \d+ when it fails`
}

// Retries that do look at ctx, or leave the loop, end with it.
func (p *retryPoller) pollWatching(ctx context.Context) {
	go func() {
		for {
			if _, err := p.fetch(ctx); err != nil {
				select {
				case <-ctx.Done():
					return
				case <-time.After(p.every):
				}
				continue
			}
			if ctx.Err() != nil {
				return
			}
		}
	}()
	go func() {
		for {
			if ctx.Err() != nil {
				return
			}
			if _, err := p.fetch(ctx); err != nil {
				time.Sleep(p.every)
				continue
			}
			<-ctx.Done()
			return
		}
	}()
	go func() {
		tries := 0
		for {
			tries++
			if tries > 5 {
				return
			}
			if _, err := p.fetch(ctx); err != nil {
				time.Sleep(p.every)
				continue
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(p.every):
			}
		}
	}()
	go func() {
		for {
			// A failure that is not the context's: ctx is not given to
			// the call, so cancelling it does not make the call fail.
			if err := p.dial(); err != nil {
				time.Sleep(p.every)
				continue
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(p.every):
			}
		}
	}()
}

// --- One send, then break: the last send of a loop ---

// waitFailedOnce's goroutine sends once and leaves its loop: one receive
// takes it all.
func waitFailedOnce(check func() bool) {
	done := make(chan struct{})
	go func() {
		for {
			if check() {
				done <- struct{}{}
				break
			}
			time.Sleep(time.Millisecond)
		}
	}()
	<-done
}

// In a switch the break leaves the switch, not the loop: the goroutine
// polls again and blocks on its second send.
func waitFailedSwitch(check func() int) {
	done := make(chan struct{})
	go func() { // want `goroutine is never joined`
		for {
			switch check() {
			case 1:
				done <- struct{}{}
				break
			}
			time.Sleep(time.Millisecond)
		}
	}()
	<-done
}

// --- A writer the goroutine makes over its end of a pipe ---

type pipeWriter struct{ c net.Conn }

func newPipeWriter(c net.Conn) *pipeWriter { return &pipeWriter{c: c} }

func (w *pipeWriter) Send(p []byte) (int, error) { return w.c.Write(p) }

func (w *pipeWriter) Close() error { return w.c.Close() }

// The goroutine writes through a wrapper it makes over cb, and closes cb
// as it ends: reading ca to its end joins it, and closing ca stops it
// where the function leaves early.
func countThroughWriter(n int) (int, error) {
	ca, cb := net.Pipe()
	defer ca.Close()
	go func() {
		w := newPipeWriter(cb)
		for range n {
			_, _ = w.Send([]byte{1})
		}
		_ = cb.Close()
	}()
	count := 0
	buf := make([]byte, 1)
	for {
		_, err := ca.Read(buf)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return count, err
			}
			return count, nil
		}
		count++
	}
}

// The same pair from a helper that wraps each end in a type whose Close
// closes it.
type wrappedEnd struct{ c net.Conn }

func (w wrappedEnd) Read(p []byte) (int, error)  { return w.c.Read(p) }
func (w wrappedEnd) Write(p []byte) (int, error) { return w.c.Write(p) }
func (w wrappedEnd) Close() error                { return w.c.Close() }

func wrappedPipe() (io.ReadWriteCloser, io.ReadWriteCloser) {
	a, b := net.Pipe()
	return wrappedEnd{a}, wrappedEnd{b}
}

func countWrappedPipe(n int) (int, error) {
	ca, cb := wrappedPipe()
	defer ca.Close()
	go func() {
		for range n {
			_, _ = cb.Write([]byte{1})
		}
		_ = cb.Close()
	}()
	count := 0
	buf := make([]byte, 1)
	for {
		_, err := ca.Read(buf)
		if err != nil {
			return count, nil
		}
		count++
	}
}

// Without the deferred close of ca, a return before EOF leaves the writer
// blocked.
func countWrappedPipeLeft(n int) (int, error) {
	ca, cb := wrappedPipe()
	go func() { // want `goroutine is never joined`
		for range n {
			_, _ = cb.Write([]byte{1})
		}
		_ = cb.Close()
	}()
	buf := make([]byte, 1)
	if _, err := ca.Read(buf); err != nil {
		return 0, err
	}
	return 1, nil
}

// --- A subscription: a channel a method of another value returns ---

type subHub struct {
	mu   sync.Mutex
	subs []chan string
}

func newSubHub() *subHub { return &subHub{} }

func (h *subHub) Subscribe() <-chan string {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan string, 8)
	h.subs = append(h.subs, c)
	return c
}

// Close ends every subscription.
func (h *subHub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, c := range h.subs {
		close(c)
	}
	h.subs = nil
}

// The hub is the caller's: whoever owns it closes the subscription, as
// it would close a channel field of the hub the goroutine read directly.
func exposeEvents(h *subHub, out func(string)) {
	ch := h.Subscribe()
	go func() {
		for s := range ch {
			out(s)
		}
	}()
}

// A hub the function makes and never closes: nothing ends the range.
func exposeOwnHub(out func(string)) *subHub {
	h := newSubHub()
	ch := h.Subscribe()
	go func() { // want `goroutine is never joined`
		for s := range ch {
			out(s)
		}
	}()
	return nil
}

// --- A test hook nothing sets ---

type pauseHooks struct{ proceed chan struct{} }

type hookedConsumer struct{ hooks pauseHooks }

// run waits on its hook only when a test set it; nothing here does, so
// the wait never happens and cancelling ctx ends it.
func (c *hookedConsumer) run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if c.hooks.proceed != nil {
			<-c.hooks.proceed
		}
	}
}

func runHooked() {
	c := &hookedConsumer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		_ = c.run(ctx)
		close(done)
	}()
	cancel()
	<-done
}

// A hook some code sets is waited on, and nothing sends on it.
type setHooks struct{ proceed chan struct{} }

type setHookConsumer struct{ hooks setHooks }

func (c *setHookConsumer) run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if c.hooks.proceed != nil {
			<-c.hooks.proceed
		}
	}
}

func runSetHook() {
	c := &setHookConsumer{hooks: setHooks{proceed: make(chan struct{})}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { // want `goroutine blocks for ever`
		_ = c.run(ctx)
		close(done)
	}()
	cancel()
	<-done
}

// --- A goroutine taken to wait on ctx only because it uses it ---

type warmer interface {
	Warm(ctx context.Context, name string) error
}

type warmClient struct{ w warmer }

// newWarmClient warms each name in the background: nothing known of
// Warm says it waits for ctx to end, so a caller passing Background owes
// no cancel.
func newWarmClient(ctx context.Context, w warmer, names []string) *warmClient {
	for _, n := range names {
		go func(name string) { _ = w.Warm(ctx, name) }(n)
	}
	return &warmClient{w: w}
}

func useWarmClient(w warmer) *warmClient {
	return newWarmClient(context.Background(), w, []string{"a"})
}

// A goroutine that does wait for ctx to end is owed its cancel.
func watchUntilDone(ctx context.Context, tick <-chan time.Time, w warmer) {
	go func() { // want `goroutine is handed on to the caller, but useWatchUntilDone drops it`
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick:
				_ = w.Warm(ctx, "tick")
			}
		}
	}()
}

func useWatchUntilDone(tick <-chan time.Time, w warmer) {
	watchUntilDone(context.Background(), tick, w) // want `argument 1 of watchUntilDone is never cancelled`
}

// --- A function that parks for ever on a channel no one holds ---

func parkForever(poll func()) error {
	go func() {
		for {
			poll()
			time.Sleep(time.Second)
		}
	}()
	<-make(chan struct{})
	return nil
}

// --- A structured logger's fatal event ends the process ---

// Event is a structured logger's event: Msg exits the process when the
// event was begun with Fatal (zerolog's log.Fatal().Err(err).Msg(...)).
type Event struct{ fatal bool }

func (e *Event) Err(err error) *Event { return e }

func (e *Event) Msg(s string) {
	if e.fatal {
		os.Exit(1)
	}
}

type eventLogger struct{}

func (eventLogger) Fatal() *Event { return &Event{fatal: true} }
func (eventLogger) Info() *Event  { return &Event{} }

var elog eventLogger

// The case that does not receive aErr ends the process.
func serveEitherFatal(a, b func() error) {
	aErr := make(chan error)
	bErr := make(chan error, 1)
	go func() { aErr <- a() }()
	go func() { bErr <- b() }()
	select {
	case err := <-aErr:
		_ = err
	case err := <-bErr:
		elog.Fatal().Err(err).Msg("b failed")
	}
}

// Logged at another level, it returns, and a's send blocks for ever.
func serveEitherLogged(a, b func() error) {
	aErr := make(chan error)
	bErr := make(chan error, 1)
	go func() { aErr <- a() }() // want `goroutine is not joined on every path`
	go func() { bErr <- b() }()
	select {
	case err := <-aErr:
		_ = err
	case err := <-bErr:
		elog.Info().Err(err).Msg("b failed")
	}
}

// --- Sends counted by a variable ---

// As many receives as the variable says take them all.
func sumN(n int) int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- measure()
		}
	}()
	total := 0
	for range n {
		total += <-ch
	}
	return total
}

func produceN(ch chan<- int, n int) {
	for range n {
		ch <- measure()
	}
}

func sumNFrom(n int) int {
	ch := make(chan int)
	go produceN(ch, n)
	total := 0
	for i := 0; i < n; i++ {
		total += <-ch
	}
	return total
}

func sumNButOne(n int) int {
	ch := make(chan int)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips draining ch \(it sends more than once`
		for i := 0; i < n; i++ {
			ch <- measure()
		}
	}()
	total := 0
	for i := 0; i < n-1; i++ {
		total += <-ch
	}
	return total
}

func sumNGrown(n int) int {
	ch := make(chan int)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips draining ch \(it sends more than once`
		for i := 0; i < n; i++ {
			ch <- measure()
		}
	}()
	n--
	total := 0
	for range n {
		total += <-ch
	}
	return total
}

func sumNUntilNegative(n int) int {
	ch := make(chan int)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips draining ch \(it sends more than once`
		for range n {
			ch <- measure()
		}
	}()
	total := 0
	for range n {
		v := <-ch
		if v < 0 {
			return total
		}
		total += v
	}
	return total
}

// --- A pipe read until a read fails ---

// The loop leaves only when a read fails: on a pipe, once the goroutine
// has closed its end as its last act.
func pipeReadLoop() (int, error) {
	r, w := net.Pipe()
	cl := &pipeClient{conn: w}
	go func() {
		cl.send([]byte("hello"))
		cl.send([]byte("again"))
		_ = w.Close()
	}()
	total := 0
	buf := make([]byte, 5)
	for {
		n, err := r.Read(buf)
		total += n
		if err != nil {
			if errors.Is(err, io.EOF) {
				return total, nil
			}
			return total, err
		}
	}
}

// This loop may also leave after enough bytes, with the goroutine still
// writing.
func pipeReadEnough() (int, error) {
	r, w := net.Pipe()
	cl := &pipeClient{conn: w}
	go func() { // want `goroutine is never joined`
		cl.send([]byte("hello"))
		cl.send([]byte("again"))
		_ = w.Close()
	}()
	total := 0
	buf := make([]byte, 5)
	for {
		n, err := r.Read(buf)
		total += n
		if total >= 5 {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// tickPair stops what it holds (buildPair).
func (p *tickPair) Stop() { p.a.Stop(); p.b.Stop() }

// A bound declared with its value and never assigned again counts too.
func sumDeclared() int {
	size, rounds := 2, 100
	ch := make(chan int)
	go func() {
		for i := 0; i < rounds; i++ {
			ch <- size * measure()
		}
	}()
	total := 0
	for i := 0; i < rounds; i++ {
		total += <-ch
	}
	return total
}

// --- One value ends the goroutine: a send stops it as a close does ---

// The goroutine returns on the first value it takes from done.
func watchDone(done <-chan bool, tick func()) {
	t := time.NewTicker(time.Millisecond)
	go func() { // want `goroutine is handed on to the caller, but neverTornDown drops it at line \d+: close it or send on it once \(the goroutine ends on the first value\) there on every path`
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				tick()
			}
		}
	}()
}

type tearer struct{ done chan bool }

func newTearer() *tearer { return &tearer{done: make(chan bool, 1)} }

func (v *tearer) TearDown() { v.done <- true }

func (v *tearer) Start() { watchDone(v.done, func() {}) }

func tornDown() {
	v := newTearer()
	defer v.TearDown()
	v.Start()
}

func neverTornDown() {
	v := newTearer()
	v.Start() // want `the receiver of \(\*tearer\).Start \(its.done\) is not closed on every path: the end of the function at line \d+ skips it`
}

func sentDirect() {
	done := make(chan bool, 1)
	watchDone(done, func() {})
	done <- true
}

// Several goroutines wait on the same channel: one value ends one.
func watchEvery(done <-chan bool, n int) {
	for i := 0; i < n; i++ {
		go func() { // want `goroutine is handed on to the caller, but sentOnceToMany drops it`
			<-done
		}()
	}
}

func sentOnceToMany() {
	done := make(chan bool, 1)
	watchEvery(done, 3) // want `argument 1 of watchEvery is not closed on every path`
	done <- true
}

// One that goes on after a value waits for the next: only a close ends it.
func watchEach(done <-chan bool, tick func()) {
	go func() { // want `goroutine is handed on to the caller, but sentToRange drops it`
		for range done {
			tick()
		}
	}()
}

func sentToRange() {
	done := make(chan bool, 1)
	watchEach(done, func() {}) // want `argument 1 of watchEach is not closed on every path`
	done <- true
}

// --- A stream the caller gave, bound to a context: its end is the caller's ---

type msgStream interface {
	Recv() (int, error)
	Context() context.Context
}

type pumpServer struct{ ctx context.Context }

// A handler pumping its stream into a channel: Recv ends when the stream
// does, which its owner (the server calling the handler) ends as the
// handler returns.
func (s *pumpServer) Handle(str msgStream) error {
	reqs := make(chan int)
	go func() {
		defer close(reqs)
		for {
			v, err := str.Recv()
			if err != nil {
				return
			}
			select {
			case reqs <- v:
			case <-str.Context().Done():
				return
			case <-s.ctx.Done():
				return
			}
		}
	}()
	return s.process(reqs)
}

func (s *pumpServer) process(reqs <-chan int) error {
	for {
		select {
		case <-s.ctx.Done():
			return nil
		case v, ok := <-reqs:
			if !ok {
				return nil
			}
			if v < 0 {
				return errors.New("bad request")
			}
		}
	}
}

// A reader with no context of its own, given by the caller: nothing says
// who ends it.
type plainRecv interface {
	Recv() (int, error)
}

func pumpPlain(r plainRecv) {
	go func() { // want `goroutine is never joined`
		for {
			if _, err := r.Recv(); err != nil {
				return
			}
		}
	}()
}

// A stream the function opened itself is not the caller's.
func pumpOwn(open func() msgStream) {
	str := open()
	go func() { // want `goroutine is never joined`
		for {
			if _, err := str.Recv(); err != nil {
				return
			}
		}
	}()
}

// --- A stop channel given to code the pass cannot read ---

type idleSession interface {
	Idle(stop <-chan struct{}) error
}

// Idle returns once stop is closed: the paths that do not wait for its
// result close stop first.
func handleIdleStop(read func() (string, error), sess idleSession) error {
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- sess.Idle(stop)
	}()
	line, err := read()
	close(stop)
	if err != nil {
		return err
	}
	if line != "DONE" {
		return errors.New("expected DONE")
	}
	return <-done
}

// Without the close, the early returns leave it idling.
func handleIdleUnstopped(read func() (string, error), sess idleSession) error {
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from done`
		done <- sess.Idle(stop)
	}()
	if _, err := read(); err != nil {
		return err
	}
	close(stop)
	return <-done
}

// A channel it may send on is no stop signal.
type idleFeeder interface {
	Feed(out chan<- int) error
}

func feedUnjoined(read func() error, f idleFeeder) error {
	out := make(chan int)
	done := make(chan error, 1)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from done`
		done <- f.Feed(out)
	}()
	if err := read(); err != nil {
		close(out)
		return err
	}
	return <-done
}

// --- A result with room, after a wait on the package's own work ---

type flight struct{ done chan struct{} }

type refresher struct {
	mu       sync.Mutex
	inflight *flight
}

// load registers a call in flight, which its goroutine ends.
func (r *refresher) load(f func()) {
	fl := &flight{done: make(chan struct{})}
	r.mu.Lock()
	r.inflight = fl
	r.mu.Unlock()
	go func() {
		defer close(fl.done)
		f()
	}()
}

// Refresh's goroutine waits for the load in flight, which the caller can
// neither end nor hurry, then sends into a buffer with room: a caller may
// drop the channel.
func (r *refresher) Refresh() <-chan int {
	var ch chan int
	ch = make(chan int, 1)
	r.mu.Lock()
	fl := r.inflight
	r.mu.Unlock()
	if fl == nil {
		ch <- 0
		return ch
	}
	go func() {
		<-fl.done
		ch <- 1
	}()
	return ch
}

func refreshDropped(r *refresher) {
	r.Refresh()
}

// Unbuffered, the goroutine waits for the caller's receive.
func (r *refresher) RefreshSync() <-chan int {
	ch := make(chan int)
	r.mu.Lock()
	fl := r.inflight
	r.mu.Unlock()
	go func() { // want `goroutine is handed on to the caller, but refreshSyncDropped drops it`
		<-fl.done
		ch <- 1
	}()
	return ch
}

func refreshSyncDropped(r *refresher) {
	r.RefreshSync() // want `the result of \(\*refresher\).RefreshSync is dropped`
}

// Waiting on a channel the caller gave is waiting on the caller.
func refreshAfter(stop <-chan struct{}) <-chan int {
	ch := make(chan int, 1)
	go func() { // want `goroutine is handed on to the caller, but refreshAfterDropped drops it`
		<-stop
		ch <- 1
	}()
	return ch
}

func refreshAfterDropped() {
	refreshAfter(make(chan struct{})) // want `the result of refreshAfter is dropped`
}

// --- A watcher that closes a value when its context ends ---

type packetServer struct{ filter func([]byte) error }

// The watcher waits only for ctx; closing conn does not end it. When the
// serve loop returns on its own, the watcher is left until ctx ends: the
// caller must cancel ctx.
func (s *packetServer) listenAndServe(ctx context.Context, conn net.PacketConn) error {
	watch := func(c io.Closer) {
		<-ctx.Done()
		c.Close()
	}
	go watch(conn) // want `goroutine running watch is handed on to the caller, but serveForever drops it`
	return s.serve(conn)
}

func (s *packetServer) serve(conn net.PacketConn) error {
	defer conn.Close()
	buf := make([]byte, 1500)
	for {
		n, _, err := conn.ReadFrom(buf)
		if err != nil {
			return err
		}
		if s.filter != nil {
			if err := s.filter(buf[:n]); err != nil {
				return err
			}
		}
	}
}

func serveForever(s *packetServer, conn net.PacketConn) error {
	return s.listenAndServe(context.Background(), conn) // want `argument 1 of \(\*packetServer\).listenAndServe is never cancelled`
}

func serveUntilCancelled(s *packetServer, conn net.PacketConn) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return s.listenAndServe(ctx, conn)
}

// --- Receives counted by a loop over a literal ---

func twoWeighted(src func() int) int {
	out := make(chan int)
	go func() {
		for range 2 {
			out <- src()
		}
	}()
	sum := 0
	for _, w := range []int{1, 2} {
		sum += w * <-out
	}
	return sum
}

// One element: one of the two values is never taken.
func twoWeightedShort(src func() int) int {
	out := make(chan int)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving the 2 values it sends on out`
		for range 2 {
			out <- src()
		}
	}()
	sum := 0
	for _, w := range []int{1} {
		sum += w * <-out
	}
	return sum
}

// A receive && may skip is not counted.
func twoMaybe(src func() bool, more bool) bool {
	out := make(chan bool)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving the 2 values it sends on out`
		for range 2 {
			out <- src()
		}
	}()
	all := true
	for range [2]int{} {
		all = more && <-out
	}
	return all
}

// --- A WaitGroup the spawner alone counts down: a gate it opens ---

func gateOpened(n int) []int {
	vals := make([]int, n)
	var started, release sync.WaitGroup
	started.Add(n)
	release.Add(1)
	for i := 0; i < n; i++ {
		go func() {
			vals[i] = i
			started.Done()
			release.Wait()
		}()
	}
	started.Wait()
	release.Done()
	return vals
}

func gateLeftShut(n int, fail func() bool) ([]int, error) {
	vals := make([]int, n)
	var started, release sync.WaitGroup
	started.Add(n)
	release.Add(1)
	for i := 0; i < n; i++ {
		go func() { // want `goroutine is not joined on every path: the return at line \d+ skips calling release.Done\(\)`
			vals[i] = i
			started.Done()
			release.Wait()
		}()
	}
	started.Wait()
	if fail() {
		return nil, errors.New("failed")
	}
	release.Done()
	return vals, nil
}

// --- A send a deferred recover makes instead of the body's ---

func idleRecovered(read func() error, sess idleSession) error {
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- errors.New("panic idling")
			}
		}()
		done <- sess.Idle(stop)
	}()
	err := read()
	close(stop)
	if err != nil {
		return err
	}
	return <-done
}

// A deferred send made on every exit adds to the body's: two sends into
// a buffer of one, and a path that takes neither.
func idleTwoSends(read func() error, sess idleSession) error {
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() { // want `goroutine is not joined on every path`
		defer func() {
			done <- nil
		}()
		done <- sess.Idle(stop)
	}()
	err := read()
	close(stop)
	if err != nil {
		return err
	}
	return <-done
}

// --- A named result that holds what it made, and an error return ---

type namedPool struct{ done chan struct{} }

func newNamedPool(n int) *namedPool {
	p := &namedPool{done: make(chan struct{})}
	for i := 0; i < n; i++ {
		go p.worker() // want `goroutine running p.worker is handed on to the caller, but newNamedInstance drops it`
	}
	return p
}

func (p *namedPool) worker() { <-p.done }
func (p *namedPool) Close()  { close(p.done) }

type namedInstance struct{ pool *namedPool }

func (s *namedInstance) Close() { s.pool.Close() }

func loadNamed(fail bool) error {
	if fail {
		return errors.New("load failed")
	}
	return nil
}

// return nil, err drops the instance holding the running pool.
func newNamedInstance(fail bool) (s *namedInstance, err error) {
	s = &namedInstance{}
	s.pool = newNamedPool(3) // want `the result of newNamedPool is not stopped on every path: the return at line \d+ skips it`
	if err = loadNamed(fail); err != nil {
		return nil, err
	}
	return s, nil
}

// A bare return returns s: the caller holds it.
func newNamedInstanceBare(fail bool) (s *namedInstance, err error) {
	s = &namedInstance{}
	s.pool = newNamedPool(3)
	if err = loadNamed(fail); err != nil {
		return
	}
	return s, nil
}

// Closed before the error return.
func newNamedInstanceCleaned(fail bool) (s *namedInstance, err error) {
	s = &namedInstance{}
	s.pool = newNamedPool(3)
	if err = loadNamed(fail); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// --- A receive guarded by the buffer's length takes a value already there ---

type drainMonitor struct {
	errs   chan error
	cancel func()
}

func (d *drainMonitor) start() {
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	go d.monitor(ctx)
}

func (d *drainMonitor) monitor(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case err := <-d.errs:
			if err == nil {
				return
			}
			for len(d.errs) > 0 {
				<-d.errs
			}
		}
	}
}

func (d *drainMonitor) Close() { d.cancel() }

type stuckMonitor struct {
	errs   chan error
	cancel func()
}

func (d *stuckMonitor) start() {
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	go d.monitor(ctx) // want `goroutine running d.monitor blocks for ever: it waits on d.errs`
}

// Unguarded, the second receive waits for a value nothing sends.
func (d *stuckMonitor) monitor(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-d.errs:
			<-d.errs
		}
	}
}

func (d *stuckMonitor) Close() { d.cancel() }

// --- A wait for in-flight work after a select its owner's close ends ---

type renewChan struct {
	closing  chan struct{}
	lifetime time.Duration
	pending  sync.WaitGroup
}

func (c *renewChan) handle(token int) {
	go c.scheduleRenewal(token) // want `goroutine running c.scheduleRenewal is handed on to the caller, but renewNeverClosed drops it`
}

func (c *renewChan) scheduleRenewal(token int) {
	t := time.NewTimer(c.lifetime)
	defer t.Stop()
	select {
	case <-c.closing:
		return
	case <-t.C:
	}
	c.renew(token)
}

func (c *renewChan) renew(token int) {
	c.pending.Wait() // the requests in flight end on their own
	_ = token
}

func (c *renewChan) send() int {
	c.pending.Add(1)
	n := int(c.lifetime)
	c.pending.Done()
	return n
}

func (c *renewChan) Close() { close(c.closing) }

// A started renewal whose owner never closes it is still reported.
func renewNeverClosed() {
	c := &renewChan{closing: make(chan struct{}), lifetime: time.Second}
	c.handle(1) // want `the receiver of \(\*renewChan\).handle is not stopped on every path`
	c.send()
}

// --- Given to an owner that keeps it before it is started ---

type bgSess struct {
	wg     sync.WaitGroup
	closed chan struct{}
}

func newBgSess() *bgSess { return &bgSess{closed: make(chan struct{})} }

func (s *bgSess) StartBackground() error {
	s.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but openUnowned drops it`
		defer s.wg.Done()
		<-s.closed
	}()
	return nil
}

func (s *bgSess) Close() error {
	close(s.closed)
	s.wg.Wait()
	return nil
}

type sessOwner struct {
	mu   sync.Mutex
	sess *bgSess
}

func (o *sessOwner) attach(s *bgSess) {
	o.mu.Lock()
	o.sess = s
	o.mu.Unlock()
}

func (o *sessOwner) Close() error {
	o.mu.Lock()
	s := o.sess
	o.mu.Unlock()
	if s != nil {
		return s.Close()
	}
	return nil
}

// The owner is returned: its Close stops the session.
func openOwned() (*sessOwner, error) {
	o := &sessOwner{}
	s := newBgSess()
	o.attach(s)
	return o, s.StartBackground()
}

// The owner's Close is deferred before the session is given to it.
func serveOwned(work func() error) error {
	o := &sessOwner{}
	defer o.Close()
	s := newBgSess()
	o.attach(s)
	if err := s.StartBackground(); err != nil {
		return err
	}
	return work()
}

// An owner nobody stops or returns keeps nothing for anyone.
func openUnowned() error {
	o := &sessOwner{}
	s := newBgSess()
	o.attach(s)
	return s.StartBackground() // want `the receiver of \(\*bgSess\).StartBackground is not stopped on every path`
}

// --- One send into a field's buffer made with room for it ---

type replyAwaiter interface {
	await(ctx context.Context) (int, error)
}

type mockReplies struct{ responses chan int }

func newMockReplies() *mockReplies { return &mockReplies{responses: make(chan int, 1)} }

func (m *mockReplies) await(ctx context.Context) (int, error) {
	select {
	case v := <-m.responses:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

type replyClient struct{ a replyAwaiter }

func (c *replyClient) init(ctx context.Context) (int, error) { return c.a.await(ctx) }

type mockManyReplies struct{ responses chan int }

func newMockManyReplies() *mockManyReplies {
	return &mockManyReplies{responses: make(chan int, 1)}
}

func (m *mockManyReplies) await(ctx context.Context) (int, error) {
	select {
	case v := <-m.responses:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

type mockFeed struct{ replies chan int }

func newMockFeed() *mockFeed { return &mockFeed{replies: make(chan int, 1)} }

func (m *mockFeed) await(ctx context.Context) (int, error) {
	select {
	case v := <-m.replies:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// --- A fixture its maker's t.Cleanup stops ---

type pingPipe struct {
	done  chan struct{}
	reply chan struct{}
}

func newPingPipe() *pingPipe { return &pingPipe{done: make(chan struct{}), reply: make(chan struct{})} }

func (p *pingPipe) Close() { close(p.done) }

func (p *pingPipe) ping() {
	select {
	case <-p.reply:
	case <-p.done:
	}
}

type pingPeer struct{ pipe *pingPipe }

func (p *pingPeer) pingInBackground() {
	go p.pipe.ping() // want `goroutine running p.pipe.ping is handed on to the caller, but pingUncleaned drops it`
}

func newPingPeer(t *testing.T) *pingPeer {
	t.Helper()
	p := &pingPeer{pipe: newPingPipe()}
	t.Cleanup(func() { p.pipe.Close() })
	return p
}

// The helper's cleanup closes the pipe when the test ends.
func pingCleaned(t *testing.T) {
	p := newPingPeer(t)
	p.pingInBackground()
}

func newPingPeerBare() *pingPeer {
	return &pingPeer{pipe: newPingPipe()}
}

func pingUncleaned() {
	p := newPingPeerBare()
	p.pingInBackground() // want `the receiver of \(\*pingPeer\).pingInBackground \(its.pipe\) is not stopped on every path`
}

// --- A channel field closed through a local declared nil ---

func closeQuietly(ch chan bool) {
	defer func() { _ = recover() }()
	close(ch)
}

type millLogger struct {
	mu     sync.Mutex
	once   sync.Once
	millCh chan bool
	wg     sync.WaitGroup
}

func (l *millLogger) mill() {
	l.once.Do(func() {
		l.millCh = make(chan bool, 1)
		l.wg.Add(1)
		go l.millRun()
	})
	select {
	case l.millCh <- true:
	default:
	}
}

func (l *millLogger) millRun() {
	defer l.wg.Done()
	for range l.millCh {
	}
}

// var ch chan bool, then ch = l.millCh: closing ch closes the field.
func (l *millLogger) Close() {
	l.mu.Lock()
	var ch chan bool
	if l.millCh != nil {
		ch = l.millCh
	}
	l.mu.Unlock()
	if ch != nil {
		closeQuietly(ch)
		l.wg.Wait()
	}
}

type millNeverClosed struct {
	once   sync.Once
	millCh chan bool
}

func (l *millNeverClosed) mill() {
	l.once.Do(func() {
		l.millCh = make(chan bool, 1)
		go l.millRun() // want `goroutine running l.millRun blocks for ever: it ranges over l.millCh`
	})
	select {
	case l.millCh <- true:
	default:
	}
}

func (l *millNeverClosed) millRun() {
	for range l.millCh {
	}
}

// A flight the function makes itself, which nothing else can reach:
// nothing will close its done, however the package closes others'.
func (r *refresher) RefreshFresh() <-chan int {
	ch := make(chan int, 1)
	fl := &flight{done: make(chan struct{})}
	go func() { // want `goroutine blocks for ever|goroutine is handed on to the caller, but refreshFreshDropped drops it`
		<-fl.done
		ch <- 1
	}()
	return ch
}

func refreshFreshDropped(r *refresher) {
	r.RefreshFresh() // want `the result of \(\*refresher\).RefreshFresh is dropped`
}

// A maker whose deferred close runs only on its error path hands the
// value on running: its callers must stop it.
func newPingPeerOrFail(fail bool) (*pingPeer, error) {
	p := &pingPeer{pipe: newPingPipe()}
	var err error
	defer func() {
		if err != nil {
			p.pipe.Close()
		}
	}()
	if fail {
		err = errors.New("failed")
		return nil, err
	}
	return p, nil
}

func pingUnclosed() error {
	p, err := newPingPeerOrFail(false)
	if err != nil {
		return err
	}
	p.pingInBackground() // want `the receiver of \(\*pingPeer\).pingInBackground \(its.pipe\) is not stopped on every path`
	return nil
}

// A watcher whose select returns after a value on its stop channel, in
// either case (pgx's ContextWatcher): one send on stop ends it, whatever
// the context, so the spawner's deferred send stops it and its callers
// owe no cancel.
type ctxWatcher struct {
	mu   sync.Mutex
	on   bool
	stop chan struct{}
}

func (w *ctxWatcher) Watch(ctx context.Context) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.on = true
	go func() { // want `goroutine is handed on to the caller, but watchUnwatched drops it`
		select {
		case <-ctx.Done():
			<-w.stop
		case <-w.stop:
		}
	}()
}

func (w *ctxWatcher) Unwatch() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.on {
		w.stop <- struct{}{}
		w.on = false
	}
}

type watchedConn struct{ w *ctxWatcher }

func (c *watchedConn) Recv(ctx context.Context) error {
	c.w.Watch(ctx)
	defer c.w.Unwatch()
	return nil
}

func (c *watchedConn) RecvUnwatched(ctx context.Context) error {
	c.w.Watch(ctx)
	return nil
}

func recvWatched(c *watchedConn) error {
	return c.Recv(context.Background())
}

func watchUnwatched(ctx context.Context) {
	w := &ctxWatcher{stop: make(chan struct{})}
	w.Watch(ctx) // want `the receiver of \(\*ctxWatcher\).Watch is not stopped on every path`
}

// The same in one function: the deferred send ends the select's either
// case; without it, the caller that made the value must stop it.
type oneWatch struct{ stop chan struct{} }

func (c *oneWatch) unwatch() { c.stop <- struct{}{} }

func (c *oneWatch) Recv(ctx context.Context) error {
	go func() {
		select {
		case <-ctx.Done():
			<-c.stop
		case <-c.stop:
		}
	}()
	defer c.unwatch()
	return nil
}

func (c *oneWatch) RecvNoStop(ctx context.Context) error {
	go func() { // want `goroutine is handed on to the caller, but recvNoStop drops it`
		select {
		case <-ctx.Done():
			<-c.stop
		case <-c.stop:
		}
	}()
	return nil
}

func recvOneWatch(c *oneWatch) error {
	return c.Recv(context.Background())
}

func recvNoStop(ctx context.Context) error {
	c := &oneWatch{stop: make(chan struct{})}
	return c.RecvNoStop(ctx) // want `the receiver of \(\*oneWatch\).RecvNoStop is not stopped on every path`
}

// Goroutines started in a loop, each sending once on an unbuffered
// channel: one receive after the loop takes the first result and leaves
// the others blocked on their sends; a receive per goroutine (a loop, or
// as many in a row as a constant loop starts) joins them all.
func firstResult(fs ...func() int) int {
	done := make(chan int)
	for _, f := range fs {
		go func() { done <- f() }() // want `goroutine is not joined on every path`
	}
	return <-done
}

func allResults(fs ...func() int) int {
	done := make(chan int)
	for _, f := range fs {
		go func() { done <- f() }()
	}
	sum := 0
	for range fs {
		sum += <-done
	}
	return sum
}

func bothResults(f func() int) int {
	done := make(chan int)
	for range 2 {
		go func() { done <- f() }()
	}
	a := <-done
	b := <-done
	return a + b
}

func firstOfTwoSends(f func() int) int {
	done := make(chan int)
	for range 2 {
		go func() { done <- f() }() // want `goroutine is not joined on every path`
	}
	return <-done
}

func firstBuffered(fs ...func() int) int {
	done := make(chan int, len(fs))
	for _, f := range fs {
		go func() { done <- f() }()
	}
	return <-done
}

// A worker whose every send is followed by its return, past calls that
// cannot block (errCh <- err; wg.Done(); return), sends once: the
// spawner's receive per worker drains it. One that sends on each round of
// its loop sends many.
func onceWorker(errCh chan error, wg *sync.WaitGroup, check func(int) error, n int) {
	for i := 0; i < n; i++ {
		if err := check(i); err != nil {
			errCh <- err
			wg.Done()
			return
		}
	}
	wg.Done()
	errCh <- nil
}

func onceWorkers(clients int, check func(int) error) error {
	errCh := make(chan error, clients)
	wg := &sync.WaitGroup{}
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go onceWorker(errCh, wg, check, 3)
	}
	wg.Wait()
	for i := 0; i < clients; i++ {
		if err := <-errCh; err != nil {
			return err
		}
	}
	return nil
}

func manyWorker(errCh chan error, check func(int) error, n int) {
	for i := 0; i < n; i++ {
		errCh <- check(i)
	}
}

func manyWorkers(clients int, check func(int) error) error {
	errCh := make(chan error, clients)
	for i := 0; i < clients; i++ {
		go manyWorker(errCh, check, 3) // want `goroutine running manyWorker is not joined on every path`
	}
	for i := 0; i < clients; i++ {
		if err := <-errCh; err != nil {
			return err
		}
	}
	return nil
}

// A stop kept in a local that only ever holds one literal, then
// returned, hands the cancel on as the literal returned in place does.
func stopVarLoop(ctx context.Context, src chan int) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-src:
		}
	}
}

func stopVarReturned(parent context.Context, src chan int) func() {
	ctx, cancel := context.WithCancel(parent)
	stop := func() { cancel() }
	go stopVarLoop(ctx, src)
	return stop
}

func stopNamedReturned(parent context.Context, src chan int) (stop func()) {
	ctx, cancel := context.WithCancel(parent)
	stop = func() { cancel() }
	go stopVarLoop(ctx, src)
	return
}

func stopVarNotCancelling(parent context.Context, src chan int) func() {
	ctx, cancel := context.WithCancel(parent)
	_ = cancel
	stop := func() { log.Print("stopping") }
	go stopVarLoop(ctx, src) // want `goroutine running stopVarLoop is never joined`
	return stop
}

// A function field the package only ever sets to a context's cancel
// function cancels when called: go x.Cancel() cannot block.
type cancelHolder struct {
	context.Context
	Cancel func()
}

func newCancelHolder() cancelHolder {
	ctx, cancel := context.WithCancel(context.Background())
	return cancelHolder{ctx, cancel}
}

func cancelHolderRetry(try func(context.Context) error) error {
	h := newCancelHolder()
	go h.Cancel()
	return try(h)
}

type hookHolder struct{ Hook func() }

func newHookHolder(f func()) hookHolder { return hookHolder{Hook: f} }

func hookHolderRun(f func()) {
	h := newHookHolder(f)
	go h.Hook() // want `goroutine running h.Hook is never joined`
}

// A collector stopped by a close is not joined by it: reading what it
// writes right after the close races with its last write, and can lose
// it. Waiting for the collector to end first is a join.
func firstErrorRacy(work []func() error) error {
	var first error
	var wg sync.WaitGroup
	errs := make(chan error)
	go func() { // want `goroutine is stopped \(close\(errs\)\) but not joined, and it sets first, which firstErrorRacy reads at line \d+ once it has stopped it`
		for err := range errs {
			if first == nil {
				first = err
			}
		}
	}()
	for _, w := range work {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w(); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	return first
}

func firstErrorJoined(work []func() error) error {
	var first error
	var wg sync.WaitGroup
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for err := range errs {
			if first == nil {
				first = err
			}
		}
	}()
	for _, w := range work {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w(); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	<-done
	return first
}

func countStopped(events chan int, stop chan struct{}) {
	n := 0
	go func() {
		for {
			select {
			case <-events:
				n++
			case <-stop:
				return
			}
		}
	}()
	close(stop)
}

// A watcher started only for a context that can be cancelled
// (ctx.Done() != nil) is never started for context.Background(): its
// callers passing a root owe nothing; one passing a context it never
// cancels owes the cancel.
func watchIfCancellable(ctx context.Context, onCancel func()) {
	if ctx.Done() != nil {
		go func() { // want `goroutine is handed on to the caller, but watchNeverCancelled drops it`
			<-ctx.Done()
			onCancel()
		}()
	}
}

func watchRoot(onCancel func()) {
	watchIfCancellable(context.Background(), onCancel)
}

func watchNeverCancelled(onCancel func()) {
	ctx, cancel := context.WithCancel(context.Background())
	_ = cancel
	watchIfCancellable(ctx, onCancel) // want `argument 1 of watchIfCancellable`
}

// A context parameter of a function literal is its caller's: a test
// framework runs the literal and cancels the spec's context (an
// interface that is a context.Context) when the spec ends. So is one the
// literal captures from the declaration around it, run in place by a
// sync.Once. A context the literal makes itself and never cancels is its
// own.
type specCtx interface {
	context.Context
	Attach()
}

func itLike(name string, body func(specCtx)) bool { return name != "" }

func waitCtx(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

var _ = itLike("spec", func(ctx specCtx) {
	go func() {
		_ = waitCtx(ctx)
	}()
})

var _ = itLike("own", func(ctx specCtx) {
	inner, cancel := context.WithCancel(ctx)
	_ = cancel
	go func() { // want `goroutine is never joined`
		_ = waitCtx(inner)
	}()
})

type onceStarter struct {
	once sync.Once
	stop func()
}

func (s *onceStarter) Start(ctx context.Context, stop func()) {
	s.once.Do(func() {
		s.stop = stop
		go func() {
			<-ctx.Done()
			s.stop()
		}()
	})
}

// A value kept in an embedded field of a holder is stopped by the
// holder's promoted stop method: type embedQueueFake struct{ embedQueue }
// has ShutDown, which the controller the holder is handed to calls. Kept
// in a named field of a holder nothing stops, it is not stopped.
type embedQueue interface {
	Add(int)
	ShutDown()
}

type embedPQ struct{ done chan struct{} }

func (p *embedPQ) Add(int)   {}
func (p *embedPQ) ShutDown() { close(p.done) }
func (p *embedPQ) loop()     { <-p.done }

func newEmbedPQ() embedQueue {
	p := &embedPQ{done: make(chan struct{})}
	go p.loop() // want `goroutine running p.loop is handed on to the caller, but keepInNamedField drops it`
	return p
}

type embedQueueFake struct {
	embedQueue
	n int
}

type namedQueueFake struct {
	q embedQueue
	n int
}

type embedCtrl struct{ newQueue func() embedQueue }

func (c *embedCtrl) run(ctx context.Context) {
	q := c.newQueue()
	<-ctx.Done()
	q.ShutDown()
}

func keepInEmbedded(ctx context.Context) {
	q := &embedQueueFake{embedQueue: newEmbedPQ()}
	c := &embedCtrl{newQueue: func() embedQueue { return q }}
	c.run(ctx)
}

func keepInNamedField() int {
	q := &namedQueueFake{q: newEmbedPQ()} // want `the result of newEmbedPQ is not stopped on every path`
	return q.n
}

// Goroutines started in a loop of constant length, each sending a
// constant number of values, are joined by a loop that receives all of
// them, bounded by a local given that product once; not by one that
// receives only as many as one goroutine sends.
func countedWorkers(do func() error) []error {
	ch := make(chan error)
	const perWorker, workers = 100, 10
	worker := func() {
		for i := 0; i < perWorker; i++ {
			ch <- do()
		}
	}
	for i := 0; i < workers; i++ {
		go worker()
	}
	total := perWorker * workers
	var errs []error
	for i := 0; i < total; i++ {
		err := <-ch
		errs = append(errs, err)
	}
	return errs
}

func countedWorkersShort(do func() error) []error {
	ch := make(chan error)
	const perWorker, workers = 100, 10
	worker := func() {
		for i := 0; i < perWorker; i++ {
			ch <- do()
		}
	}
	for i := 0; i < workers; i++ {
		go worker() // want `goroutine running worker is not joined on every path`
	}
	var errs []error
	for i := 0; i < perWorker; i++ {
		err := <-ch
		errs = append(errs, err)
	}
	return errs
}

// A value given to a constructor that only keeps it in the struct it
// returns is handed to that struct, not on: dropping the struct drops
// it; handing the struct on or stopping the field through it stops it.
type wrapConn struct{ quit chan struct{} }

func dialWrap() (*wrapConn, error) {
	c := &wrapConn{quit: make(chan struct{})}
	go c.loop() // want `goroutine running c.loop is handed on to the caller, but wrapDropped drops it`
	return c, nil
}

func (c *wrapConn) loop()                { <-c.quit }
func (c *wrapConn) Close()               { close(c.quit) }
func (c *wrapConn) Request(string) error { return nil }

type wrapMgr struct{ c *wrapConn }

func newWrapMgr(c *wrapConn) (*wrapMgr, error) { return &wrapMgr{c: c}, nil }

func (m *wrapMgr) Check() error { return m.c.Request("check") }
func (m *wrapMgr) Close()       { m.c.Close() }

func wrapDropped() error {
	c, err := dialWrap() // want `the result of dialWrap is not stopped on every path`
	if err != nil {
		return err
	}
	m, err := newWrapMgr(c)
	if err != nil {
		return err
	}
	return m.Check()
}

func wrapReturned() (*wrapMgr, error) {
	c, err := dialWrap()
	if err != nil {
		return nil, err
	}
	m, err := newWrapMgr(c)
	if err != nil {
		c.Close()
		return nil, err
	}
	return m, nil
}

func wrapClosed() error {
	c, err := dialWrap()
	if err != nil {
		return err
	}
	m, _ := newWrapMgr(c)
	defer m.Close()
	return m.Check()
}

// A method that returns its receiver hands what the receiver owes on to
// its result: a chain on a new value that drops the result drops it.
type fluentPump struct {
	out  chan int
	quit chan struct{}
}

func newFluentPump() *fluentPump {
	return &fluentPump{out: make(chan int), quit: make(chan struct{})}
}

func (p *fluentPump) Start() *fluentPump {
	go p.run() // want `goroutine running p.run is handed on to the caller, but fluentDropped drops it`
	return p
}

func (p *fluentPump) run() {
	for i := 0; ; i++ {
		select {
		case p.out <- i:
		case <-p.quit:
			return
		}
	}
}

func (p *fluentPump) Close() { close(p.quit) }

func fluentDropped() {
	newFluentPump().Start() // want `the receiver of \(\*fluentPump\).Start is dropped`
}

func fluentReadOnce() int {
	p := newFluentPump().Start() // want `the receiver of \(\*fluentPump\).Start is not stopped on every path`
	return <-p.out
}

func fluentClosed() int {
	p := newFluentPump().Start()
	defer p.Close()
	return <-p.out
}

func fluentReturned() *fluentPump {
	return newFluentPump().Start()
}

func fluentOtherPackage() int {
	p := fluent.New().Start() // want `the receiver of \(\*fluent.Pump\).Start is not stopped on every path`
	return <-p.Out()
}

func fluentOtherPackageClosed() int {
	p := fluent.New().Start()
	defer p.Close()
	return <-p.Out()
}

// A goroutine waiting on a context the function derived is stopped by
// its cancel: handing the context on hands no way to cancel it, handing
// the cancel function on does.
func watchCtx(ctx context.Context, sig chan int) {
	select {
	case <-ctx.Done():
	case <-sig:
	}
}

func pageCtx(ctx context.Context) error {
	c, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	<-c.Done()
	return c.Err()
}

type ctxCancelHolder struct{ cancel context.CancelFunc }

func ctxHandedCancelKept(parent context.Context) error {
	sig := make(chan int, 1)
	ctx, cancel := context.WithCancel(parent)
	go watchCtx(ctx, sig) // want `goroutine running watchCtx is not joined on every path: the return at line 13315 skips calling cancel`
	for {
		if err := pageCtx(ctx); err != nil {
			return err
		}
		if len(sig) > 0 {
			cancel()
		}
	}
}

func ctxCancelReturned(parent context.Context) (context.Context, context.CancelFunc) {
	sig := make(chan int, 1)
	ctx, cancel := context.WithCancel(parent)
	go watchCtx(ctx, sig)
	return ctx, cancel
}

func ctxCancelStored(parent context.Context, h *ctxCancelHolder) error {
	sig := make(chan int, 1)
	ctx, cancel := context.WithCancel(parent)
	h.cancel = cancel
	go watchCtx(ctx, sig)
	return pageCtx(ctx)
}

// A value printed by a logger is not handed on: log.Printf takes it as
// one of its ...any arguments only to format it.
type logConn struct {
	closed chan struct{}
	box    chan error
}

func (c *logConn) Close(err error) {
	select {
	case c.box <- err:
	case <-c.closed:
	}
}

type logCloser interface{ Close(err error) }

var _ logCloser = (*logConn)(nil)

type logTracker struct{ conns map[string][]logCloser }

func (t *logTracker) closeAll(dev string) {
	for _, conn := range t.conns[dev] {
		log.Printf("closing %v", conn)
		go conn.Close(nil) // want `goroutine running conn.Close is never joined`
	}
}

func logDropped() error {
	c, err := dialWrap() // want `the result of dialWrap is not stopped on every path`
	if err != nil {
		return err
	}
	log.Printf("dialled %v", c)
	return nil
}

// An obligation on a field of a value returned as an interface is the
// interface's: the caller cannot reach the field, only the methods that
// stop it (h.Close() stopping h.svc).
type ifaceSvc struct {
	wg     sync.WaitGroup
	cancel context.CancelFunc
}

func newIfaceSvc() (*ifaceSvc, error) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &ifaceSvc{cancel: cancel}
	s.wg.Add(1)
	go s.loop(ctx) // want `goroutine running s.loop is handed on to the caller, but dropIfaceHost drops it`
	return s, nil
}

func (s *ifaceSvc) loop(ctx context.Context) {
	defer s.wg.Done()
	<-ctx.Done()
}

func (s *ifaceSvc) Close() error {
	s.cancel()
	s.wg.Wait()
	return nil
}

type ifaceHost interface {
	Close() error
	Ping()
}

type basicIfaceHost struct{ svc *ifaceSvc }

func newBasicIfaceHost(extra bool) (*basicIfaceHost, error) {
	h := &basicIfaceHost{}
	if extra {
		var err error
		if h.svc, err = newIfaceSvc(); err != nil {
			return nil, err
		}
	}
	return h, nil
}

func (h *basicIfaceHost) Ping() {}
func (h *basicIfaceHost) Close() error {
	if h.svc != nil {
		h.svc.Close()
	}
	return nil
}

func oneIfaceHost() ifaceHost {
	h, err := newBasicIfaceHost(true)
	if err != nil {
		panic(err)
	}
	return h
}

func useIfaceHost() {
	h := oneIfaceHost()
	defer h.Close()
	h.Ping()
}

func dropIfaceHost() {
	h := oneIfaceHost() // want `the result of oneIfaceHost is not stopped on every path`
	h.Ping()
}

// A value owing a stop that the function puts in an element of a slice or
// map of its own is still the function's: dropping the container drops it.
func elemDropped(n int) int {
	peers := make([]*ifaceSvc, n)
	for i := range n {
		peers[i], _ = newIfaceSvc() // want `the result of newIfaceSvc is kept in peers\[i\], and nothing stops the elements of peers nor hands it on`
	}
	return len(peers)
}

func elemClosed(n int) int {
	peers := make([]*ifaceSvc, n)
	for i := range n {
		peers[i], _ = newIfaceSvc()
	}
	for _, p := range peers {
		defer p.Close()
	}
	return len(peers)
}

func elemReturned(n int) []*ifaceSvc {
	peers := make([]*ifaceSvc, n)
	for i := range n {
		peers[i], _ = newIfaceSvc()
	}
	return peers
}

func elemIndexClosed() {
	peers := map[string]*ifaceSvc{}
	peers["a"], _ = newIfaceSvc()
	defer peers["a"].Close()
}

// A goroutine started on the elements of a local map, each of which the
// function also put in its receiver's map, runs on a value its receiver
// owns, concrete or behind an interface.
type mirrorLoop interface {
	run()
	stop()
}

type chanMirrorLoop struct{ quit, stopped chan struct{} }

func newMirrorLoop() mirrorLoop {
	return &chanMirrorLoop{quit: make(chan struct{}), stopped: make(chan struct{})}
}

func (l *chanMirrorLoop) run()  { defer close(l.stopped); <-l.quit }
func (l *chanMirrorLoop) stop() { close(l.quit); <-l.stopped }

type mirrorPool struct {
	mu    sync.Mutex
	loops map[string]mirrorLoop
}

func (p *mirrorPool) sync(names []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fresh := map[string]mirrorLoop{}
	for _, n := range names {
		if _, ok := p.loops[n]; !ok {
			l := newMirrorLoop()
			p.loops[n] = l
			fresh[n] = l
		} else if _, seen := fresh[n]; !seen {
			fresh[n] = nil // a duplicate: nothing to start
		}
	}
	for _, l := range fresh {
		if l != nil {
			go l.run()
		}
	}
}

func (p *mirrorPool) syncLocalOnly(names []string) {
	fresh := map[string]mirrorLoop{}
	for _, n := range names {
		fresh[n] = newMirrorLoop()
	}
	for _, l := range fresh {
		go l.run() // want `goroutine running l.run is never joined`
	}
}

func (p *mirrorPool) stopAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for k, l := range p.loops {
		l.stop()
		delete(p.loops, k)
	}
}

// A wg.Done() before a call of an interface method that a type of the
// package implements with an endless loop is a start signal, not a join.
type endlessRunner interface{ run() }

type spinForever struct{}

func (spinForever) run() {
	for {
		time.Sleep(time.Millisecond)
	}
}

var _ endlessRunner = spinForever{}

func startEndless(r endlessRunner) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine is never joined`
		wg.Done()
		r.run()
	}()
	wg.Wait()
}

// A loop whose body ends in an unconditional break starts one goroutine:
// one receive joins it. Without the break it starts one per item.
func loopOnce(items []int, write func()) {
	done := make(chan struct{})
	for range items {
		go func() {
			defer close(done)
			write()
		}()
		break
	}
	<-done
}

func loopEach(items []int, write func()) {
	done := make(chan struct{})
	for range items {
		go func() { // want `goroutine is never joined`
			done <- struct{}{}
			write()
		}()
	}
	<-done
}

// An executor that runs the work it is given on a goroutine hands the
// join on to whoever gives the work, also when it counts the panics it
// recovers: a count of events, not of goroutines running.
type execOptions struct{ executor func(fn func()) }

func recoveringExecutor(escaped *atomic.Int32) execOptions {
	return execOptions{executor: func(fn func()) {
		go func() {
			defer func() {
				if recover() != nil {
					escaped.Add(1)
				}
			}()
			fn()
		}()
	}}
}

// A channel given to a constructor that keeps it in the value it returns
// is not closed by whoever that value is handed on to: a range over it
// waits for ever.
type errsClient struct{ errs chan error }

func newErrsClient(errs chan error) *errsClient { return &errsClient{errs: errs} }

func useErrsClient(keep func(*errsClient)) {
	errs := make(chan error, 1)
	client := newErrsClient(errs)
	go func() { // want `goroutine is never joined`
		for err := range errs {
			_ = err
		}
	}()
	keep(client)
}

// A field a constructor fills, whose stop no method of the value it
// returns is seen to make (its Close reaches it through an interface),
// is stopped by that value's stop by its name: a caller that closes the
// value owes nothing more; one that drops it drops the field.
type closerOf interface{ Close() error }

type logHolder struct {
	log struct{ *ifaceSvc }
}

func openLogHolder() (*logHolder, error) {
	d := &logHolder{}
	var err error
	if d.log.ifaceSvc, err = newIfaceSvc(); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *logHolder) Close() error {
	var c closerOf = d.log.ifaceSvc
	return c.Close()
}

func useLogHolder() {
	d, err := openLogHolder()
	if err != nil {
		return
	}
	defer d.Close()
}

func dropLogHolder() {
	d, err := openLogHolder() // want `the result of openLogHolder is not stopped on every path`
	if err != nil {
		return
	}
	_ = d
}

// A struct embedding context.Context (a framework's Context) kept in a
// field is a context: its Done is the embedded context's, which whoever
// gave it cancels.
type embedCtx struct {
	context.Context
	name string
}

type ctxFieldHandler struct {
	ctx embedCtx
	n   int
}

func (h *ctxFieldHandler) provision(ctx embedCtx) {
	h.ctx = ctx
	go h.loop()
}

func (h *ctxFieldHandler) loop() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			h.n++
		case <-h.ctx.Done():
			return
		}
	}
}

type plainCtxHolder struct {
	ready chan struct{}
	n     int
}

func (h *plainCtxHolder) loop() {
	for range h.ready {
		h.n++
	}
}

func (h *plainCtxHolder) start() {
	h.ready = make(chan struct{})
	go h.loop() // want `goroutine running h.loop blocks for ever: it ranges over h.ready`
}

// --- A start that fails first; a watcher released by a deferred close ---

// A Start that fails before its go statement: a test that
// asserts it fails (require.Error(t, s.Start(""))) owes nothing.

type startSrv struct {
	quit chan struct{}
	wg   sync.WaitGroup
}

func (s *startSrv) listen(addr string) error {
	if addr == "" {
		return errors.New("no address")
	}
	return nil
}

func (s *startSrv) Start(addr string) error {
	err := s.listen(addr)
	if err != nil {
		return errors.Join(errors.New("listen"), err)
	}
	s.quit = make(chan struct{})
	s.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but startDropped drops it`
		defer s.wg.Done()
		<-s.quit
	}()
	return nil
}

func (s *startSrv) Close() {
	close(s.quit)
	s.wg.Wait()
}

func startDropped() {
	s := &startSrv{}
	if err := s.Start("localhost:0"); err != nil { // want `the receiver of \(\*startSrv\).Start is not stopped on every path`
		return
	}
}

// A watcher that closes the connection it tunnels once the request's
// context ends or the handler returns: it waits on the request's context
// and on done, which the deferred close releases on every path, early
// returns too. Closing back does not end it, so back is not what joins
// it. Without the deferred close, the return after a failed write leaves
// it waiting for the request to end.

func tunnel(req *http.Request, res *http.Response, pending []byte) {
	back, ok := res.Body.(io.ReadWriteCloser)
	if !ok {
		return
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-req.Context().Done():
		case <-done:
		}
		back.Close()
	}()
	defer close(done)
	if _, err := back.Write(pending); err != nil {
		return
	}
	_, _ = io.Copy(io.Discard, back)
}

func tunnelUnreleased(req *http.Request, res *http.Response, pending []byte) {
	back, ok := res.Body.(io.ReadWriteCloser)
	if !ok {
		return
	}
	done := make(chan struct{})
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips closing done`
		select {
		case <-req.Context().Done():
		case <-done:
		}
		back.Close()
	}()
	if _, err := back.Write(pending); err != nil {
		return
	}
	_, _ = io.Copy(io.Discard, back)
	close(done)
}

// --- A send on a channel the spawner closes once it has only stopped it ---

// A goroutine stopped by a cancel, sending on a channel the spawner
// closes: the send can come after the close, and panics. Left unclosed,
// the buffer takes the late send; joined before the close, the send has
// been made.

func guardClosed(ctx context.Context, f func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, 1)
	defer close(errs)
	go func() { // want `goroutine is stopped \(defer cancel\(\)\) but not joined, and it sends on errs \(line \d+\), which guardClosed closes at line \d+: the send can come after the close, and panics`
		if err := f(ctx); err != nil {
			errs <- err
		}
	}()
	select {
	case <-ctx.Done():
		return nil
	case err := <-errs:
		return err
	}
}

func guardUnclosed(ctx context.Context, f func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, 1)
	go func() {
		if err := f(ctx); err != nil {
			errs <- err
		}
	}()
	select {
	case <-ctx.Done():
		return nil
	case err := <-errs:
		return err
	}
}

func guardJoined(ctx context.Context, f func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	errs := make(chan error, 1)
	defer close(errs)
	done := make(chan struct{})
	defer func() {
		cancel()
		<-done
	}()
	go func() {
		defer close(done)
		if err := f(ctx); err != nil {
			errs <- err
		}
	}()
	select {
	case <-ctx.Done():
		return nil
	case err := <-errs:
		return err
	}
}

func sendResult(ctx context.Context, f func(context.Context) error, errs chan<- error) {
	errs <- f(ctx)
}

func runThenClose(f func(context.Context) error) {
	ctx, cancel := context.WithCancel(context.Background())
	errs := make(chan error, 1)
	go sendResult(ctx, f, errs) // want `goroutine running sendResult is stopped \(cancel\(\)\) but not joined, and it sends on errs \(line \d+\), which runThenClose closes at line \d+`
	cancel()
	close(errs)
}

// --- A root context handed on cancels nothing ---

// ctx := context.Background() given to a later goroutine is not a stop
// of the first: nobody can cancel it. A context the function cancels is.

func leaseUntilDone(ctx context.Context, tick <-chan time.Time) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick:
		}
	}
}

type rootLeaser struct{ tick <-chan time.Time }

func (l *rootLeaser) Start(ctx context.Context, fs ...func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for _, f := range fs {
		go func() { _ = f(ctx) }()
	}
	return leaseUntilDone(ctx, l.tick)
}

func runNamed(name string, _ context.Context) func(context.Context) error {
	return func(ctx context.Context) error { <-ctx.Done(); return nil }
}

func leaseRoot(a, b *rootLeaser) {
	ctx := context.Background()
	go func() { // want `goroutine is never joined, so it can outlive leaseRoot`
		_ = a.Start(ctx, runNamed("a", ctx))
	}()
	time.Sleep(time.Millisecond)
	go func() { // want `goroutine is never joined, so it can outlive leaseRoot`
		_ = b.Start(ctx, runNamed("b", ctx))
	}()
}

func leaseCancelled(tick <-chan time.Time) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		_ = leaseUntilDone(ctx, tick)
	}()
}

// --- A join deferred through a method of the owner ---

// Sync submits work to its runner, whose drain goroutines the runner's
// WaitGroup counts, and defers save, which waits for them through the
// runner's barrier: what Sync's callers get back is joined. Without the
// deferred save they owe the barrier.

type drainRunner struct{ wg sync.WaitGroup }

func (r *drainRunner) submit(f func()) {
	r.wg.Add(1)
	go r.drain(f) // want `goroutine running r.drain is handed on to the caller, but \w+ drops it`
}

func (r *drainRunner) drain(f func()) { defer r.wg.Done(); f() }
func (r *drainRunner) barrier()       { r.wg.Wait() }

type drainSyncer struct{ r *drainRunner }

func (s *drainSyncer) save() { s.r.barrier() }

func (s *drainSyncer) Sync(n int) {
	defer func() { s.save() }()
	for range n {
		s.r.submit(func() {})
	}
}

func (s *drainSyncer) SyncDeferred(n int) {
	defer s.save()
	for range n {
		s.r.submit(func() {})
	}
}

func (s *drainSyncer) SyncUnsaved(n int) {
	for range n {
		s.r.submit(func() {})
	}
}

// A deferred cleanup that waits only when the sync failed leaves its
// callers the barrier on the other paths.
func (s *drainSyncer) SyncOnError(n int, fail func() error) (err error) {
	defer func() {
		if err != nil {
			s.save()
		}
	}()
	for range n {
		s.r.submit(func() {})
	}
	return fail()
}

func useSaved() {
	s := &drainSyncer{r: &drainRunner{}}
	s.Sync(3)
	s.SyncDeferred(3)
}

func useSavedOnError(fail func() error) {
	s := &drainSyncer{r: &drainRunner{}}
	_ = s.SyncOnError(3, fail) // want `the receiver of \(\*drainSyncer\).SyncOnError \(its.r\) is not stopped on every path`
}

func useUnsaved() {
	s := &drainSyncer{r: &drainRunner{}}
	s.SyncUnsaved(3) // want `the receiver of \(\*drainSyncer\).SyncUnsaved \(its.r\) is not stopped on every path`
}

// --- A closer returned beside a roomy result channel ---

// The goroutine's send finds room in errc; what holds it is its read of
// p1, which the returned closer ends by closing p2. A caller that defers
// the closer owes no receive; one that drops both leaves it reading.

func netPipePeer() (func(), chan error) {
	p1, p2 := net.Pipe()
	errc := make(chan error, 1)
	go func() { // want `goroutine is handed on to the caller, but netPipePeerDropped drops it`
		_, err := p1.Read(make([]byte, 1))
		errc <- err
	}()
	return func() { p2.Close() }, errc
}

func netPipePeerClosed() {
	closer, _ := netPipePeer()
	defer closer()
}

func netPipePeerDropped() {
	_, _ = netPipePeer() // want `the result of netPipePeer is assigned to _`
}

// --- A goroutine running a method value held in a local ---

// worker := st.run; go worker() runs st.run: joined by st.wg.Wait() as go
// st.run() would be, and left running without it.

type sumState struct {
	wg   sync.WaitGroup
	vals []int
	sum  atomic.Int64
}

func (s *sumState) run() {
	defer s.wg.Done()
	for _, v := range s.vals {
		s.sum.Add(int64(v))
	}
}

func sumWorkers(vals []int, n int) int64 {
	st := &sumState{vals: vals}
	st.wg.Add(n)
	worker := st.run
	for range n {
		go worker()
	}
	st.wg.Wait()
	return st.sum.Load()
}

func sumWorkersUnjoined(vals []int, n int) {
	st := &sumState{vals: vals}
	st.wg.Add(n)
	worker := st.run
	for range n {
		go worker() // want `goroutine running worker is never joined`
	}
}

// A close on the other branch of the if that starts the goroutine runs
// on no path that started it.
func pushClosedElsewhere(skip bool, encode func() error, receive func() error) error {
	done := make(chan error, 1)
	stop := make(chan struct{})
	if !skip {
		go func() {
			select {
			case done <- encode():
			case <-stop:
			}
		}()
	} else {
		close(done)
	}
	if err := receive(); err != nil {
		close(stop)
		return err
	}
	return <-done
}

// --- A WaitGroup field nothing waits on ---

// Goroutines counted in an unexported WaitGroup field that the package
// only adds to and counts down are joined by nobody. One some method
// waits on, or whose address is handed to code that may, hands them on.

type pendingAssigner struct{ pend sync.WaitGroup }

func (s *pendingAssigner) assign(request func(int) error, n int) {
	for i := range n {
		s.pend.Add(1)
		go func() { // want `goroutine is never joined: it is counted in s.pend, which nothing in the package waits on`
			defer s.pend.Done()
			_ = request(i)
		}()
	}
}

type waitedAssigner struct{ pend sync.WaitGroup }

func (s *waitedAssigner) assign(request func(int) error, n int) {
	for i := range n {
		s.pend.Add(1)
		go func() {
			defer s.pend.Done()
			_ = request(i)
		}()
	}
}

func (s *waitedAssigner) Close() { s.pend.Wait() }

type lentAssigner struct{ pend sync.WaitGroup }

func (s *lentAssigner) assign(request func(int) error, n int) {
	for i := range n {
		s.pend.Add(1)
		go func() {
			defer s.pend.Done()
			_ = request(i)
		}()
	}
}

func (s *lentAssigner) Close() { waitGroupOf(&s.pend) }

func waitGroupOf(wg *sync.WaitGroup) { wg.Wait() }

// --- One send on every path, from either branch of the last if ---

// The reader sends once whichever branch it takes: the buffer of one
// takes it, and closing conn ends its read, so the timeout's return,
// which closes conn, leaves nothing behind, in each round of the retry
// loop. Two sends on one path fill the buffer and wait.

func dialHello(dial func() (net.Conn, error), timeout <-chan struct{}) (net.Conn, error) {
	for {
		conn, err := dial()
		if err != nil {
			return nil, err
		}
		errC := make(chan error, 1)
		go func() {
			line, err := bufio.NewReader(conn).ReadString('\n')
			if err != nil {
				errC <- err
				return
			}
			if len(line) > 1 && line[:2] == "OK" {
				errC <- nil
			} else {
				errC <- errors.New("bad reply")
			}
		}()
		select {
		case err := <-errC:
			if err != nil {
				conn.Close()
				continue
			}
			return conn, nil
		case <-timeout:
			conn.Close()
			return nil, errors.New("timeout")
		}
	}
}

func dialHelloTwice(dial func() (net.Conn, error), timeout <-chan struct{}) (net.Conn, error) {
	for {
		conn, err := dial()
		if err != nil {
			return nil, err
		}
		errC := make(chan error, 1)
		go func() { // want `goroutine is not joined on every path`
			line, err := bufio.NewReader(conn).ReadString('\n')
			errC <- err
			if len(line) > 1 && line[:2] == "OK" {
				errC <- nil
			} else {
				errC <- errors.New("bad reply")
			}
		}()
		select {
		case err := <-errC:
			if err != nil {
				conn.Close()
				continue
			}
			return conn, nil
		case <-timeout:
			conn.Close()
			return nil, errors.New("timeout")
		}
	}
}

// --- A goroutine whose last act calls the function its caller gave ---

// The monitor's fault exit calls onFault and returns: a caller that gives
// a function signalling its WaitGroup, and waits for it, has seen the
// monitor end (its close, an unbuffered send nobody then reads, would
// block for ever). A caller that does not wait, or a monitor that goes on
// past the call, leaves it owed.

type faultWatch struct {
	done    chan struct{}
	onFault func()
}

func (w *faultWatch) close() { w.done <- struct{}{} }

func startFaultWatch(onFault func(), fault <-chan struct{}) *faultWatch {
	w := &faultWatch{done: make(chan struct{}), onFault: onFault}
	go watchFaults(w, fault) // want `goroutine running watchFaults is handed on to the caller, but faultNotWaited drops it`
	return w
}

func watchFaults(w *faultWatch, fault <-chan struct{}) {
	for {
		select {
		case <-w.done:
			return
		case <-fault:
			w.onFault()
			return
		}
	}
}

func faultWaited(fault <-chan struct{}) {
	var wg sync.WaitGroup
	wg.Add(1)
	startFaultWatch(func() { wg.Done() }, fault)
	wg.Wait()
}

func faultNotWaited(fault <-chan struct{}) {
	var wg sync.WaitGroup
	wg.Add(1)
	startFaultWatch(func() { wg.Done() }, fault) // want `the result of startFaultWatch is dropped`
}

type retryWatch struct {
	done    chan struct{}
	onFault func()
}

func (w *retryWatch) close() { close(w.done) }

func startRetryWatch(onFault func(), fault <-chan struct{}) *retryWatch {
	w := &retryWatch{done: make(chan struct{}), onFault: onFault}
	go func() { // want `goroutine is handed on to the caller, but retryWaited drops it`
		for {
			select {
			case <-w.done:
				return
			case <-fault:
				w.onFault()
			}
		}
	}()
	return w
}

func retryWaited(fault <-chan struct{}) {
	var wg sync.WaitGroup
	wg.Add(1)
	startRetryWatch(func() { wg.Done() }, fault) // want `the result of startRetryWatch is dropped`
	wg.Wait()
}

// --- Goroutines counted in the group their owner keeps ---

// t.store.WaitGroup().Add(1); go func() { defer t.store.WaitGroup().Done()
// ... }(): the store's Close waits on that group, so the goroutine is the
// store's to join, whatever else it is handed on with (a per-call group
// returned beside it). Without the count, the caller owes the returned
// group's Wait.

type groupStore interface {
	WaitGroup() *sync.WaitGroup
}

type keptGroupStore struct{ wg sync.WaitGroup }

func (s *keptGroupStore) WaitGroup() *sync.WaitGroup { return &s.wg }
func (s *keptGroupStore) Close()                     { s.wg.Wait() }

type groupTxn struct{ store groupStore }

func (t *groupTxn) spawn(f func()) {
	t.store.WaitGroup().Add(1)
	go func() {
		defer t.store.WaitGroup().Done()
		f()
	}()
}

func (t *groupTxn) commit() {
	t.spawn(func() { time.Sleep(time.Millisecond) })
}

func (t *groupTxn) asyncRollback(ctx context.Context) *sync.WaitGroup {
	wg := new(sync.WaitGroup)
	wg.Add(1)
	t.store.WaitGroup().Add(1)
	go func() {
		defer t.store.WaitGroup().Done()
		<-ctx.Done()
		wg.Done()
	}()
	return wg
}

func (t *groupTxn) asyncUncounted(ctx context.Context) *sync.WaitGroup {
	wg := new(sync.WaitGroup)
	wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but \(\*groupTxn\).cancel drops it`
		<-ctx.Done()
		wg.Done()
	}()
	return wg
}

func (t *groupTxn) cancel(ctx context.Context) {
	t.asyncRollback(ctx)
	t.asyncUncounted(ctx) // want `the result of \(\*groupTxn\).asyncUncounted is dropped`
}

// --- A receive from a channel only ever closed ---

// The watcher leaves on done, which only a close ever releases: once the
// function's own <-done returns, done is closed, and the watcher's case
// is ready too. Were done also sent on, the function's receive could take
// that value and leave the watcher waiting.

type doneWorker struct {
	errs chan error
	fn   func()
	stop chan struct{}
}

func (w *doneWorker) run() {
	w.fn()
	<-w.stop
}

func (w *doneWorker) Stop() { close(w.stop) }

func watchClosedDone(report func(error)) {
	done := make(chan struct{})
	w := &doneWorker{errs: make(chan error), fn: func() { close(done) }, stop: make(chan struct{})}
	go func() {
		select {
		case <-done:
			return
		case err := <-w.errs:
			report(err)
		}
	}()
	go w.run()
	<-done
	w.Stop()
}

func watchSentDone(report func(error)) {
	done := make(chan struct{})
	w := &doneWorker{errs: make(chan error), fn: func() { done <- struct{}{} }, stop: make(chan struct{})}
	go func() { // want `goroutine is never joined`
		select {
		case <-done:
			return
		case err := <-w.errs:
			report(err)
		}
	}()
	go w.run()
	<-done
	w.Stop()
}

// --- A close after the join ---

// The workers wait for start, then send their result; the function waits
// for all of them before it closes errs: their sends are made by then.
func batchAfterStart(work func() error) error {
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs <- work()
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// --- A loop that waits for workers of its own ---

// The loop starts workers counted in a WaitGroup of its own and waits for
// them: it waits on what they wait on, which the value's Stop releases.
// The caller that starts it owes that Stop.
type fanLoop struct {
	in   chan int
	quit chan struct{}
	done chan struct{}
}

func newFanLoop() *fanLoop {
	return &fanLoop{in: make(chan int), quit: make(chan struct{}), done: make(chan struct{})}
}

func (f *fanLoop) Start() {
	go f.run() // want `goroutine running f.run is handed on to the caller, but dropFanLoop drops it at line \d+: call its Stop method there on every path \(defer it\)`
}

func (f *fanLoop) run() {
	defer close(f.done)
	var wg sync.WaitGroup
	worker := func() {
		defer wg.Done()
		for {
			select {
			case v := <-f.in:
				_ = v
			case <-f.quit:
				return
			}
		}
	}
	for range 2 {
		wg.Add(1)
		go worker()
	}
	wg.Wait()
}

func (f *fanLoop) Stop() {
	close(f.quit)
	<-f.done
}

func useFanLoop() {
	f := newFanLoop()
	f.Start()
	defer f.Stop()
	f.in <- 1
}

func dropFanLoop() {
	f := newFanLoop()
	f.Start() // want `the receiver of \(\*fanLoop\).Start is not stopped on every path: the end of the function at line \d+ skips it`
	f.in <- 1
}

// The same with WaitGroup.Go.
type goLoop struct {
	quit chan struct{}
}

func (g *goLoop) Start() {
	go g.run() // want `goroutine running g.run is handed on to the caller, but dropGoLoop drops it at line \d+: call its Stop method there on every path \(defer it\)`
}

func (g *goLoop) run() {
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { <-g.quit })
	}
	wg.Wait()
}

func (g *goLoop) Stop() { close(g.quit) }

func useGoLoop() {
	g := &goLoop{quit: make(chan struct{})}
	g.Start()
	defer g.Stop()
}

func dropGoLoop() {
	g := &goLoop{quit: make(chan struct{})}
	g.Start() // want `the receiver of \(\*goLoop\).Start is not stopped on every path: the end of the function at line \d+ skips it`
}

// A WaitGroup given away counts what the loop cannot see: its wait is not
// only what its own goroutines wait on, and Stop is not known to end it
// (nothing is owed that the pass can name).
type lentLoop struct {
	quit chan struct{}
}

func (l *lentLoop) Start() {
	go l.run()
}

func dropLentLoop() {
	l := &lentLoop{quit: make(chan struct{})}
	l.Start()
}

func (l *lentLoop) run() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-l.quit
	}()
	spawnCounted(&wg)
	wg.Wait()
}

func spawnCounted(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {}
	}()
}

func (l *lentLoop) Stop() { close(l.quit) }

// --- A worker pool, fed a counted number of jobs ---

// The workers take jobs to the close of their channel and send one result
// each; as many results are taken as jobs were sent, on every path: each
// worker is released (its sends taken, its range ended), though not
// joined. The feeder's sends are taken by the workers.
func poolWorker(jobs <-chan int, results chan<- int) {
	for j := range jobs {
		results <- j * 2
	}
}

func poolFedHere() int {
	const numJobs = 5
	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)
	for w := 1; w <= 3; w++ {
		go poolWorker(jobs, results)
	}
	for j := 1; j <= numJobs; j++ {
		jobs <- j
	}
	close(jobs)
	sum := 0
	for a := 1; a <= numJobs; a++ {
		sum += <-results
	}
	return sum
}

func poolFeeder(list []int) int {
	jobs := make(chan int)
	results := make(chan int)
	for range 3 {
		go poolWorker(jobs, results)
	}
	go func() {
		for _, j := range list {
			jobs <- j
		}
		close(jobs)
	}()
	sum := 0
	for range list {
		sum += <-results
	}
	return sum
}

func poolClosedAfter(in []int) []int {
	out := make([]int, len(in))
	reqs, done := make(chan int), make(chan error)
	for i := 0; i < len(in); i++ {
		go func() {
			for idx := range reqs {
				out[idx] = in[idx] * in[idx]
				done <- nil
			}
		}()
	}
	go func() {
		for i := 0; i < len(in); i++ {
			reqs <- i
		}
	}()
	for i := 0; i < len(in); i++ {
		<-done
	}
	close(reqs)
	return out
}

// Fewer results taken than jobs sent: a worker is left sending.
func poolShort(list []int, n int) int {
	jobs := make(chan int, len(list))
	results := make(chan int)
	for range 3 {
		go poolWorker(jobs, results) // want `goroutine running poolWorker is never joined, so it can outlive poolShort`
	}
	for _, j := range list {
		jobs <- j
	}
	close(jobs)
	sum := 0
	for range n {
		sum += <-results
	}
	return sum
}

// The first error leaves the loop: the workers still sending are left.
func poolFirstError(list []int) error {
	jobs := make(chan int, len(list))
	results := make(chan error)
	for range 3 {
		go func() { // want `goroutine is never joined, so it can outlive poolFirstError`
			for j := range jobs {
				results <- check(j)
			}
		}()
	}
	for _, j := range list {
		jobs <- j
	}
	close(jobs)
	for range list {
		if err := <-results; err != nil {
			return err
		}
	}
	return nil
}

// Two results for each job: half of them are never taken.
func poolTwice(list []int) int {
	jobs := make(chan int, len(list))
	results := make(chan int)
	for range 2 {
		go func() { // want `goroutine is never joined, so it can outlive poolTwice`
			for j := range jobs {
				results <- j
				results <- -j
			}
		}()
	}
	for _, j := range list {
		jobs <- j
	}
	close(jobs)
	sum := 0
	for range list {
		sum += <-results
	}
	return sum
}

func check(j int) error {
	if j < 0 {
		return errors.New("negative")
	}
	return nil
}

// --- A handle given anew in a loop ---

// Each job's goroutine closes done once cancel is closed; Cancel closes
// cancel and waits for done, which the package only ever closes: once it
// returns, every wait on done is over.
type loopJob struct {
	cancel chan struct{}
	done   chan struct{}
}

func startLoopJob() *loopJob {
	j := &loopJob{cancel: make(chan struct{}), done: make(chan struct{})}
	go func() {
		<-j.cancel
		close(j.done)
	}()
	return j
}

func (j *loopJob) Wait()   { <-j.done }
func (j *loopJob) Cancel() { close(j.cancel); j.Wait() }

// Each old job is cancelled before j is given the next; the deferred
// closure cancels the last.
func restartJobs(n int, stop func() bool) {
	j := startLoopJob()
	defer func() { j.Cancel() }()
	watch := func(j *loopJob) { j.Wait() }
	go watch(j)
	for range n {
		if stop() {
			return
		}
		j.Cancel()
		j = startLoopJob()
		go watch(j)
	}
}

// The deferred closure cancels only the last job.
func restartJobsLeaky(n int) {
	j := startLoopJob()
	defer func() { j.Cancel() }()
	watch := func(j *loopJob) { j.Wait() }
	for range n {
		j = startLoopJob()
		go watch(j) // want `goroutine running watch is not joined on every path: the assignment at line \d+ gives j a new value before`
	}
}

// So does the call after the loop.
func restartJobsCancelLast(n int) {
	j := startLoopJob()
	for range n {
		j = startLoopJob()
		go func(j *loopJob) { j.Wait() }(j) // want `goroutine is not joined on every path: the assignment at line \d+ gives j a new value before`
	}
	j.Cancel()
}

// --- A counter the function spins on ---

// Each goroutine's last act adds one to done; the function spins until
// done counts them all: a join.
func spinJoined(n int64, work func()) {
	var done int64
	for range n {
		go func() {
			work()
			atomic.AddInt64(&done, 1)
		}()
	}
	for atomic.LoadInt64(&done) != n {
		time.Sleep(time.Microsecond)
	}
}

func spinJoinedTyped(jobs []func()) {
	var done atomic.Int32
	for i := range len(jobs) {
		go func() {
			jobs[i]()
			done.Add(1)
		}()
	}
	for done.Load() < int32(len(jobs)) {
		time.Sleep(time.Microsecond)
	}
}

// The count is made before the goroutine's last wait: a start signal.
func spinStarted(n int64, work func()) {
	var started int64
	for range n {
		go func() { // want `goroutine is never joined, so it can outlive spinStarted`
			atomic.AddInt64(&started, 1)
			work()
		}()
	}
	for atomic.LoadInt64(&started) != n {
		time.Sleep(time.Microsecond)
	}
}

// Spinning for fewer than it started.
func spinShort(n, m int64, work func()) {
	var done int64
	for range n {
		go func() { // want `goroutine is never joined, so it can outlive spinShort`
			work()
			atomic.AddInt64(&done, 1)
		}()
	}
	for atomic.LoadInt64(&done) != m {
		time.Sleep(time.Microsecond)
	}
}

// --- A goroutine that is the stop of a value it was given ---

// It sleeps, then closes the caller's connection: closing the connection
// does not end the sleep, so it is not handed on with it.
func retireLater(prev net.Conn) {
	go func(prev net.Conn) { // want `goroutine is never joined, so it can outlive retireLater`
		time.Sleep(5 * time.Second)
		prev.Close()
	}(prev)
}

// A Close of its own, on the caller's connection.
func retireAsync(cc net.Conn) {
	go cc.Close() // want `goroutine running cc.Close is never joined, so it can outlive retireAsync`
}

// A reader of the caller's connection is ended by closing it: handed on.
func drainConn(cc net.Conn) {
	go func() {
		_, _ = io.Copy(io.Discard, cc)
	}()
}

// --- A goroutine stopped by a sibling that stops it as it ends ---

type sibProc struct {
	mu   sync.Mutex
	cond *sync.Cond
	buf  []int
	out  chan int
	done chan struct{}
}

func newSibProc(out chan int) *sibProc {
	e := &sibProc{out: out, done: make(chan struct{})}
	e.cond = sync.NewCond(&e.mu)
	return e
}

func (e *sibProc) run() {
	for {
		e.mu.Lock()
		for len(e.buf) == 0 && !e.stopped() {
			e.cond.Wait()
		}
		batch := e.buf
		e.buf = nil
		e.mu.Unlock()
		for _, x := range batch {
			select {
			case e.out <- x:
			case <-e.done:
				return
			}
		}
		if e.stopped() {
			return
		}
	}
}

func (e *sibProc) stopped() bool {
	select {
	case <-e.done:
		return true
	default:
		return false
	}
}

func (e *sibProc) stop() {
	close(e.done)
	e.cond.Signal()
}

type sibWatch struct {
	once sync.Once
	stop chan struct{}
}

func (w *sibWatch) Stop() { w.once.Do(func() { close(w.stop) }) }

func sibContext(stop <-chan struct{}) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	context.AfterFunc(ctx, func() {})
	go func() {
		select {
		case <-stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

// The processor is stopped by the goroutine that runs the caller's
// function until w is stopped, as it ends: handed on with w.
func sibStarted(run func(context.Context), out chan int) (*sibWatch, <-chan struct{}) {
	w := &sibWatch{stop: make(chan struct{})}
	e := newSibProc(out)
	go e.run()
	doneCh := make(chan struct{})
	go func() {
		defer close(doneCh)
		defer e.stop()
		ctx, cancel := sibContext(w.stop)
		defer cancel()
		run(ctx)
	}()
	return w, doneCh
}

// The same, the stopping goroutine started first.
func sibFirst(run func(context.Context), out chan int) (*sibWatch, <-chan struct{}) {
	w := &sibWatch{stop: make(chan struct{})}
	e := newSibProc(out)
	doneCh := make(chan struct{})
	go func() {
		defer close(doneCh)
		defer e.stop()
		ctx, cancel := sibContext(w.stop)
		defer cancel()
		run(ctx)
	}()
	go e.run()
	return w, doneCh
}

// The stopping goroutine is joined here: the processor is stopped
// before the function returns.
func sibJoined(run func(context.Context), out chan int) {
	e := newSibProc(out)
	go e.run()
	doneCh := make(chan struct{})
	go func() {
		defer close(doneCh)
		defer e.stop()
		run(context.Background())
	}()
	<-doneCh
}

// A path returns before the stopping goroutine starts.
func sibLate(run func(context.Context), out chan int, skip bool) (*sibWatch, <-chan struct{}) {
	w := &sibWatch{stop: make(chan struct{})}
	e := newSibProc(out)
	go e.run() // want `goroutine running e.run is not joined on every path: the return at line [0-9]+ skips ending the goroutine that stops it as it ends`
	if skip {
		return w, nil
	}
	doneCh := make(chan struct{})
	go func() {
		defer close(doneCh)
		defer e.stop()
		ctx, cancel := sibContext(w.stop)
		defer cancel()
		run(ctx)
	}()
	return w, doneCh
}

// The stopping goroutine never ends: neither does the processor.
func sibStuck(out chan int) {
	e := newSibProc(out)
	go e.run() // want `goroutine running e.run is never joined`
	block := make(chan struct{})
	go func() { // want `goroutine is never joined`
		defer e.stop()
		<-block
	}()
}

// The stop comes after a return the goroutine may take: not on every
// way out.
func sibNotDeferred(run func(context.Context) error, out chan int) (*sibWatch, <-chan struct{}) {
	w := &sibWatch{stop: make(chan struct{})}
	e := newSibProc(out)
	go e.run() // want `goroutine running e.run is never joined`
	doneCh := make(chan struct{})
	go func() {
		defer close(doneCh)
		ctx, cancel := sibContext(w.stop)
		defer cancel()
		if run(ctx) != nil {
			return
		}
		e.stop()
	}()
	return w, doneCh
}

// --- A wait on a channel an interface's method returns ---

type accStatus interface {
	Healthy() bool
	StopNotify() <-chan struct{}
}

type accProber interface {
	Status(id string) (accStatus, error)
	RemoveAll()
}

func accMonitor(s accStatus) {
	for {
		select {
		case <-time.After(time.Second):
			_ = s.Healthy()
		case <-s.StopNotify():
			return
		}
	}
}

// The status is the caller's: whoever owns it ends the monitor.
func accWatch(s accStatus) {
	go accMonitor(s)
}

// The status comes from the caller's prober, which closes its channel
// when it removes it.
func accAdd(p accProber, id string) {
	s, err := p.Status(id)
	if err != nil {
		return
	}
	go accMonitor(s)
}

// The same wait in a literal.
func accInline(s accStatus) {
	go func() {
		<-s.StopNotify()
	}()
}

type accLocal struct{ stopc chan struct{} }

func (l *accLocal) Healthy() bool               { return true }
func (l *accLocal) StopNotify() <-chan struct{} { return l.stopc }

// A status the function makes and drops: nothing closes its channel.
func accOwn() {
	s := accStatus(&accLocal{stopc: make(chan struct{})})
	go accMonitor(s) // want `goroutine running accMonitor is never joined`
}

type accStopper interface {
	StopNotify() <-chan struct{}
	Stop()
}

func accWait(s accStopper) { <-s.StopNotify() }

type accStop struct{ stopc chan struct{} }

func (l *accStop) StopNotify() <-chan struct{} { return l.stopc }
func (l *accStop) Stop()                       { close(l.stopc) }

// The function stops what it made: the wait ends.
func accOwnStopped() {
	s := accStopper(&accStop{stopc: make(chan struct{})})
	go accWait(s)
	defer s.Stop()
}

// --- A sender drained by a function another goroutine runs ---

func drainAll(c <-chan int) {
	for range c {
	}
}

func drainOne(c <-chan int) {
	<-c
}

// The forwarder sends until stopped; drainAll takes every value.
func forwardDrained(src <-chan int) {
	out := make(chan int)
	stopped := make(chan struct{})
	go drainAll(out)
	go func() {
		defer close(out)
		for {
			select {
			case <-stopped:
				return
			case v := <-src:
				out <- v
			}
		}
	}()
	defer close(stopped)
}

// drainOne takes one value: the forwarder may block on its next send.
func forwardOnce(src <-chan int) {
	out := make(chan int)
	stopped := make(chan struct{})
	go drainOne(out)
	go func() { // want `goroutine is never joined, so it can outlive forwardOnce`
		defer close(out)
		for {
			select {
			case <-stopped:
				return
			case v := <-src:
				out <- v
			}
		}
	}()
	defer close(stopped)
}

// --- A send the goroutine may skip is no join signal ---

type nbBuffer struct {
	mu    sync.Mutex
	retry chan int
}

func nbUpload(n int) error {
	time.Sleep(time.Millisecond)
	if n < 0 {
		return errors.New("negative")
	}
	return nil
}

// Push uploads in the background and re-queues a failure if there is
// room: nothing waits for the goroutine, and a receive from b.retry
// may wait for a send that never comes.
func (b *nbBuffer) push(n int) {
	go func() { // want `goroutine is never joined, so it can outlive \(\*nbBuffer\).push`
		b.mu.Lock()
		defer b.mu.Unlock()
		if err := nbUpload(n); err != nil {
			select {
			case b.retry <- n:
			default:
			}
		}
	}()
}

// The same send on a channel of the function's own, with room for it:
// the receive takes it.
func nbLocal(n int) error {
	errc := make(chan error, 1)
	go func() {
		select {
		case errc <- nbUpload(n):
		default:
		}
	}()
	return <-errc
}

// --- A goroutine that only starts goroutines in a loop ---

// The starter returns once it has started one worker per item; each
// worker is judged at its own go statement (its send has room).
func fanStart(items []int) []int {
	res := make(chan int, len(items))
	go func() {
		for _, i := range items {
			go func() { res <- i * 2 }()
		}
	}()
	out := make([]int, 0, len(items))
	for range items {
		out = append(out, <-res)
	}
	return out
}

// A loop over a channel waits: the starter is not one that only starts,
// and nothing closes in.
func fanFromChan(res chan<- int) {
	in := make(chan int)
	go func() { // want `goroutine is never joined, so it can outlive fanFromChan`
		for i := range in {
			go func() { res <- i }()
		}
	}()
	in <- 1
}

// --- A Done at the first sample is a start signal, not a join ---

// firstSampler releases the group at its first sample and goes on sampling
// until quit is closed: wg.Wait() waits for the first sample only.
func firstSampler(quit <-chan struct{}, wg *sync.WaitGroup, out *atomic.Int64) {
	first := false
	defer func() {
		if !first {
			wg.Done()
		}
	}()
	for {
		select {
		case <-quit:
			return
		case <-time.After(time.Millisecond):
			out.Add(1)
			if !first {
				first = true
				wg.Done()
			}
		}
	}
}

func sampleOnce() int64 {
	var n atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go firstSampler(make(chan struct{}), &wg, &n) // want `goroutine running firstSampler is never joined`
	wg.Wait()
	return n.Load()
}

// A deferred Done alone is the goroutine's last act.
func sampleJoined(quit <-chan struct{}) int64 {
	var n atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-quit:
				return
			case <-time.After(time.Millisecond):
				n.Add(1)
			}
		}
	}()
	wg.Wait()
	return n.Load()
}

// --- A helper value given the caller's own connection in a literal ---

type fopConn struct {
	conn net.Conn
}

func (c *fopConn) Close() error { return c.conn.Close() }

func (c *fopConn) recv() error {
	buf := make([]byte, 1)
	_, err := c.conn.Read(buf)
	return err
}

type fopStartup struct {
	conn *fopConn
	tick chan struct{}
}

func (s *fopStartup) options(ctx context.Context) error {
	select {
	case s.tick <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// setup reads the handshake's replies in the background, one for each
// tick the other goroutine sends; the reader ends when the ticks stop,
// or when the connection is closed.
func (s *fopStartup) setup(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error)
	go func() { // want `goroutine is handed on to the caller, but fopDial drops it at line [0-9]+`
		for range s.tick {
			if err := s.conn.recv(); err != nil {
				select {
				case errc <- err:
				case <-ctx.Done():
				}
				return
			}
		}
	}()
	go func() {
		defer close(s.tick)
		err := s.options(ctx)
		select {
		case errc <- err:
		case <-ctx.Done():
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return errors.New("timeout")
	}
}

// A method of the connection: the startup value holds c itself, whose
// owner closes it.
func (c *fopConn) start(ctx context.Context) error {
	startup := &fopStartup{conn: c, tick: make(chan struct{})}
	return startup.setup(ctx)
}

// A connection the function dials itself and drops.
func fopDial(ctx context.Context, addr string) error {
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	startup := &fopStartup{conn: &fopConn{conn: nc}, tick: make(chan struct{})}
	return startup.setup(ctx) // want `the receiver of \(\*fopStartup\).setup`
}

// --- A constructor that keeps a started value in a field of what it returns ---

type slotInterval struct{ stop chan struct{} }

func slotEvery(d time.Duration, fn func()) *slotInterval {
	iv := &slotInterval{stop: make(chan struct{})}
	go func() { // want `goroutine is handed on to the caller, but slotDropped drops it at line [0-9]+`
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fn()
			case <-iv.stop:
				return
			}
		}
	}()
	return iv
}

func (iv *slotInterval) Stop() { close(iv.stop) }

type slotAdapter struct{ cleanup *slotInterval }

func newSlotAdapter() *slotAdapter {
	a := &slotAdapter{}
	a.cleanup = slotEvery(time.Hour, func() {})
	return a
}

func (a *slotAdapter) Close() { a.cleanup.Stop() }

// The adapter is dropped: its interval runs for ever.
func slotDropped() {
	a := newSlotAdapter() // want `the result of newSlotAdapter \(its.cleanup\) is not stopped on every path`
	_ = a
}

// Closed: the interval ends.
func slotClosed() {
	a := newSlotAdapter()
	defer a.Close()
}

// --- A reader reached through a literal of the function's own that holds the caller's stream ---

type wrapStream struct{ r *io.PipeReader }

func (s *wrapStream) read() error { _, err := s.r.Read(make([]byte, 8)); return err }

type wrapDecoder struct{ s *wrapStream }

func (d *wrapDecoder) next() error { return d.s.read() }

// The decoder holds the caller's stream: closing it ends the reader.
func wrapDecode(s *wrapStream) {
	d := &wrapDecoder{s: s}
	go func() {
		for d.next() == nil {
		}
	}()
}

// A stream the function makes itself, never closed: the reader waits for
// ever.
func wrapOwn() {
	pr, pw := io.Pipe()
	d := &wrapDecoder{s: &wrapStream{r: pr}}
	go func() { // want `goroutine is never joined, so it can outlive wrapOwn`
		for d.next() == nil {
		}
	}()
	_ = pw
}

// --- A deferred Done beside a Done taken for another count ---

type fwdWorkers struct {
	workers sync.WaitGroup
	stop    chan struct{}
}

// The forwarder counts itself out as it ends (defer f.workers.Done())
// and, on the way, takes down the count of the producer whose channel it
// saw closed: shutdown's Wait waits for it.
func (f *fwdWorkers) start(in <-chan int, out chan<- int) {
	f.workers.Add(2) // the producer's count and the forwarder's
	go func() {
		defer f.workers.Done()
		for {
			select {
			case v, ok := <-in:
				if !ok {
					in = nil
					f.workers.Done() // the producer has finished
					continue
				}
				out <- v
			case <-f.stop:
				return
			}
		}
	}()
}

func (f *fwdWorkers) shutdown() {
	close(f.stop)
	f.workers.Wait()
}
