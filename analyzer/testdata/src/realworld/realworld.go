// Package realworld holds cases modelled on code in real modules
// (bench/realworld/REPORTS.md): what twine must not report there, and the
// neighbouring shapes it must keep reporting.
package realworld

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"runtime/pprof"
	"runtime/trace"
	"sync"
	"time"
)

// --- goroutines that run a closure kept in a variable (hashicorp/yamux's
// TestAccept, TestManyStreams) ---

func drainAll(errCh chan error, n int) error {
	var errs []error
	for range n {
		errs = append(errs, <-errCh)
	}
	return errors.Join(errs...)
}

func closureReportsToDrainedChannel(open func() (net.Conn, error)) error {
	errCh := make(chan error, 2)
	acceptOne := func(open func() (net.Conn, error)) {
		c, err := open()
		if err != nil {
			errCh <- err
			return
		}
		errCh <- c.Close()
	}
	go acceptOne(open) // errCh is handed to drainAll, which receives from it
	go acceptOne(open)
	return drainAll(errCh, 2)
}

func closureReceivedHere() int {
	done := make(chan int)
	work := func() { done <- 1 }
	go work()
	return <-done
}

func closureNeverJoined(f func()) {
	run := func() { f() }
	go run() // want `goroutine .*is never joined, so it can outlive closureNeverJoined`
}

func closureNotJoinedOnError(fail bool) error {
	done := make(chan struct{})
	work := func() { close(done) }
	go work() // want `goroutine .*is not joined on every path: the return at line \d+ skips receiving from done`
	if fail {
		return errors.New("failed")
	}
	<-done
	return nil
}

func closureReassigned(f, g func(chan int)) int {
	done := make(chan int)
	work := func() { done <- 1 }
	if f != nil {
		work = func() { f(nil) } // the goroutine may run this one, which signals nothing
	}
	go work() // want `goroutine .*is never joined`
	return <-done
}

// --- sends that give up when the context is done (segmentio/kafka-go's
// connGroup.grabConnOrConnect) ---

type conn struct{}

func dial(ctx context.Context) (*conn, error) { return &conn{}, nil }
func (*conn) close()                          {}

func connectOrCancel(ctx context.Context) (*conn, error) {
	connChan := make(chan *conn)
	errChan := make(chan error)
	go func() { // each send has a <-ctx.Done() case: leaving by ctx.Done() ends it too
		c, err := dial(ctx)
		if err != nil {
			select {
			case errChan <- err:
			case <-ctx.Done():
			}
		} else {
			select {
			case connChan <- c:
			case <-ctx.Done():
				c.close()
			}
		}
	}()
	select {
	case c := <-connChan:
		return c, nil
	case err := <-errChan:
		return nil, err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func connectOrTimeout(ctx context.Context) (*conn, error) {
	connChan := make(chan *conn)
	go func() { // want `goroutine .*is not joined on every path: the return at line \d+ skips receiving from connChan`
		c, _ := dial(ctx)
		select {
		case connChan <- c:
		case <-ctx.Done():
		}
	}()
	select {
	case c := <-connChan:
		return c, nil
	case <-time.After(time.Second): // ctx may never be done: the send blocks for ever
		return nil, errors.New("timeout")
	}
}

func connectOneSendUnguarded(ctx context.Context) (*conn, error) {
	connChan := make(chan *conn)
	errChan := make(chan error)
	go func() { // want `goroutine .*is not joined on every path: the return at line \d+ skips receiving from`
		c, err := dial(ctx)
		if err != nil {
			errChan <- err // no Done case: blocks for ever once the caller left
			return
		}
		select {
		case connChan <- c:
		case <-ctx.Done():
		}
	}()
	select {
	case c := <-connChan:
		return c, nil
	case err := <-errChan:
		return nil, err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func connectOtherContext(ctx, other context.Context) (*conn, error) {
	connChan := make(chan *conn)
	go func() { // want `goroutine .*is not joined on every path: the return at line \d+ skips receiving from connChan`
		c, _ := dial(ctx)
		select {
		case connChan <- c:
		case <-other.Done(): // guards with another context than the one the caller leaves by
		}
	}()
	select {
	case c := <-connChan:
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// --- contexts used only for their values (segmentio/kafka-go's
// conn.roundTrip) ---

func roundTrip(ctx context.Context) {
	pprof.SetGoroutineLabels(ctx)
	defer pprof.SetGoroutineLabels(context.Background()) // clears the labels: nothing runs under it
	trace.Log(context.Background(), "realworld", "round trip")
}

func labelledWork(ctx context.Context, f func(context.Context)) {
	pprof.Do(context.Background(), pprof.Labels("op", "work"), f) // want `call to context.Background\(\) detaches this work from ctx`
}

// --- a root given a deadline (grpc's profiling/cmd remoteCommand) ---

func fetchSnapshot(ctx context.Context) error { return nil }

func remoteCommand(timeout time.Duration) error {
	ctx := context.Background()
	if timeout > 0 {
		var cancel func()
		ctx, cancel = context.WithTimeout(context.Background(), timeout) // ctx held Background: nothing detaches
		defer cancel()
	}
	return fetchSnapshot(ctx)
}

func remoteCommandOtherRoot(timeout time.Duration) error {
	ctx := context.Background()
	_ = fetchSnapshot(ctx)
	return fetchSnapshot(context.Background()) // ctx is a root too: nothing detaches
}

func rerootSignalled(stop chan struct{}, timeout time.Duration) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // want `goroutine .*is handed on to the caller, but rerootForever drops it`
		<-stop
		cancel()
	}()
	ctx, cancel = context.WithTimeout(context.Background(), timeout) // want `call to context.Background\(\) detaches this work from ctx`
	defer cancel()
	return fetchSnapshot(ctx)
}

func rerootForever() error {
	return rerootSignalled(make(chan struct{}), time.Second) // want `argument 1 of rerootSignalled is never closed`
}

func rerootClosed() error {
	stop := make(chan struct{})
	defer close(stop)
	return rerootSignalled(stop, time.Second)
}

func rerootWithParam(parent context.Context, timeout time.Duration) error {
	ctx := context.Background() // want `detaches this work from parent`
	var cancel func()
	ctx, cancel = context.WithTimeout(context.Background(), timeout) // want `detaches this work from parent`
	defer cancel()
	return fetchSnapshot(ctx)
}

// A deadline of its own does not make production code's detachment right:
// the caller's cancellation (a client that went away) no longer reaches it.
func probeInProduction(ctx context.Context) error {
	sctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `detaches this work from ctx`
	defer cancel()
	return fetchSnapshot(sctx)
}

// --- values stopped by an unexported stop or close method (grpc's
// credentials/xds testServer, nats-server's raft test state machines) ---

type testServer struct {
	lis      net.Listener
	hsResult chan error
}

func (ts *testServer) start(ctx context.Context) error {
	lis, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		return err
	}
	ts.lis = lis
	go ts.handleConn(ctx) // ts.stop() closes the listener, which ends handleConn
	return nil
}

func (ts *testServer) handleConn(ctx context.Context) {
	for {
		c, err := ts.lis.Accept()
		if err != nil {
			return
		}
		c.Close()
	}
}

func (ts *testServer) stop() { ts.lis.Close() }

type stateMachine interface {
	waitGroup() *sync.WaitGroup
	apply()
	stop()
}

func smLoop(sm stateMachine) {
	wg := sm.waitGroup()
	wg.Add(1)
	defer wg.Done()
	sm.apply()
}

func createStateMachine(newSM func() stateMachine) stateMachine {
	sm := newSM()
	go smLoop(sm) // sm.stop() waits for it; the caller owns sm
	return sm
}

type adder struct {
	wg sync.WaitGroup
	n  int
}

func (a *adder) waitGroup() *sync.WaitGroup { return &a.wg }
func (a *adder) apply()                     { a.n++ }
func (a *adder) stop()                      { a.wg.Wait() }

func (a *adder) restart() {
	go smLoop(a) // its own stop() waits for it
}

type probe struct{ lis net.Listener }

func (p *probe) serve() {
	for {
		if _, err := p.lis.Accept(); err != nil {
			return
		}
	}
}

func (p *probe) addr() net.Addr { return p.lis.Addr() }

func (p *probe) start() {
	go p.serve() // want `goroutine running p.serve blocks for ever: it waits on p.lis \(line \d+\), which nothing in the package closes`
}

type echoServer struct{ lis net.Listener }

func (e *echoServer) serve() {
	for {
		if _, err := e.lis.Accept(); err != nil {
			return
		}
	}
}

func (e *echoServer) stop() { e.lis.Close() }

func startEcho(lis net.Listener) *echoServer {
	e := &echoServer{lis: lis}
	go e.serve() // the caller owns e, and its stop
	return e
}

func probeEcho(lis net.Listener) net.Addr {
	e := &echoServer{lis: lis}
	go e.serve() // want `goroutine .*is never joined, so it can outlive probeEcho`
	return e.lis.Addr()
}

type consumer struct{ qch chan struct{} }

func (o *consumer) deleteNotActive() {}
func (o *consumer) stop()            { close(o.qch) }

func simulateTimer(lookup func() *consumer, notNil func(any)) {
	o := lookup()
	notNil(o)              // an assertion does not take o over
	go o.deleteNotActive() // want `goroutine .*is never joined, so it can outlive simulateTimer`
}

// Calling a package's own stop is not waiting: nats-server's tests stop
// their cluster with a deferred c.shutdown() while pullers started on it
// still log on t when their fetch fails, after the test has completed.
type cluster struct{ lis net.Listener }

func (c *cluster) randomServer() string { return c.lis.Addr().String() }
func (c *cluster) shutdown()            { c.lis.Close() }

func clusterTest(newCluster func() *cluster, logf func(string, ...any)) {
	c := newCluster()
	defer c.shutdown()
	go func() { // want `goroutine .*is never joined, so it can outlive clusterTest`
		addr := c.randomServer()
		logf("exiting puller on %s", addr)
	}()
}

// --- a goroutine released by a send it receives just before returning
// (nats-server's TestClientCloseTLSConnection and its gateway, leafnode and
// route twins) ---

func closeTLSConnection(closeConnection func()) {
	ch := make(chan bool)
	go func() { // the send below completes only once it has received, and then it returns
		select {
		case <-ch:
			return
		case <-time.After(3 * time.Second):
			println("closeConnection is blocked, test will hang")
			return
		}
	}()
	closeConnection()
	ch <- true
}

func releaseAtEnd(work func()) {
	ch := make(chan struct{})
	go func() {
		work()
		<-ch
	}()
	ch <- struct{}{}
}

func releaseBuffered(closeConnection func()) {
	// The send completes before the watchdog receives.
	doneCh := make(chan struct{}, 1)
	go func() { // want `goroutine .*is never joined`
		select {
		case <-doneCh:
		case <-time.After(2 * time.Second):
			panic("timeout")
		}
	}()
	closeConnection()
	doneCh <- struct{}{}
}

func releaseSkippedOnError(closeConnection func() error) error {
	ch := make(chan bool)
	go func() { // want `goroutine .*is not joined on every path: the return at line \d+ skips sending on ch`
		select {
		case <-ch:
			return
		case <-time.After(3 * time.Second):
			return
		}
	}()
	if err := closeConnection(); err != nil {
		return err
	}
	ch <- true
	return nil
}

func releaseThenWork(cleanup func()) {
	ch := make(chan bool)
	go func() { // want `goroutine .*is never joined`
		<-ch
		cleanup() // still running after the send
	}()
	ch <- true
}

func releaseOneOfMany() {
	ch := make(chan bool)
	for range 3 {
		go func() { // want `goroutine .*is never joined`
			<-ch
		}()
	}
	ch <- true
}

func releaseIfReady() {
	ch := make(chan bool)
	go func() { // want `goroutine .*is never joined`
		<-ch
	}()
	select {
	case ch <- true:
	default: // may not have released it
	}
}

// --- an accept loop that ends only with the process (net's
// ExampleListener): its handlers die with it, as with select {} in main ---

func echoForever(l net.Listener) {
	defer l.Close()
	for {
		conn, err := l.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go func(c net.Conn) {
			io.Copy(c, c)
			c.Close()
		}(conn)
	}
}
