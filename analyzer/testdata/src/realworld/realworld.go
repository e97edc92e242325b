// Package realworld holds cases modelled on code in real modules
// (bench/realworld/REPORTS.md): what twine must not report there, and the
// neighbouring shapes it must keep reporting.
package realworld

import (
	"context"
	"errors"
	"net"
	"runtime/pprof"
	"runtime/trace"
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
	go run() // want `goroutine is never joined, so it can outlive closureNeverJoined`
}

func closureNotJoinedOnError(fail bool) error {
	done := make(chan struct{})
	work := func() { close(done) }
	go work() // want `goroutine is not joined on every path: the return at line \d+ skips receiving from done`
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
	go work() // want `goroutine is never joined`
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
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from connChan`
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
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from`
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
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from connChan`
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
	return fetchSnapshot(context.Background()) // want `call to context.Background\(\) detaches this work from ctx`
}

func rerootSignalled(stop chan struct{}, timeout time.Duration) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // want `goroutine is never joined`
		<-stop
		cancel()
	}()
	ctx, cancel = context.WithTimeout(context.Background(), timeout) // want `call to context.Background\(\) detaches this work from ctx`
	defer cancel()
	return fetchSnapshot(ctx)
}

func rerootWithParam(parent context.Context, timeout time.Duration) error {
	ctx := context.Background() // want `detaches this work from parent`
	var cancel func()
	ctx, cancel = context.WithTimeout(context.Background(), timeout) // want `detaches this work from ctx`
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
