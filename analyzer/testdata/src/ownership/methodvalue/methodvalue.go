// Package methodvalue starts loops given as method values to functions
// that run them (pprof.Do(ctx, labels, w.loop)): they run as w.loop()
// would, on the value the method is bound to.
package methodvalue

import (
	"context"
	"runtime/pprof"
	"sync"
)

var labels = pprof.Labels("loop", "writer")

type writer struct {
	mu     sync.Mutex
	cond   sync.Cond
	close  bool
	closed chan struct{}
}

func newWriter() *writer {
	w := &writer{closed: make(chan struct{})}
	w.cond.L = &w.mu
	go func() {
		pprof.Do(context.Background(), labels, w.loop)
	}()
	return w
}

func (w *writer) loop(context.Context) {
	w.mu.Lock()
	defer func() {
		close(w.closed)
		w.mu.Unlock()
	}()
	for !w.close {
		w.cond.Wait()
	}
}

func (w *writer) Close() {
	w.mu.Lock()
	w.close = true
	w.cond.Signal()
	w.mu.Unlock()
	<-w.closed
}

func useWriter() {
	w := newWriter()
	defer w.Close()
}

// run calls the function it is given, as pprof.Do does.
func run(ctx context.Context, f func(context.Context)) { f(ctx) }

func newRunWriter() *writer {
	w := &writer{closed: make(chan struct{})}
	w.cond.L = &w.mu
	go run(context.Background(), w.loop) // want `goroutine running run is handed on to the caller, but dropRunWriter drops it`
	return w
}

func dropRunWriter() {
	w := newRunWriter() // want `the result of newRunWriter is not stopped on every path`
	_ = w
}

func closeRunWriter() {
	w := newRunWriter()
	w.Close()
}

// pprof.Do and once.Do run what they are given before they return: a
// literal given them waits where the goroutine waits, and a constructor
// returning an error after starting it leaves it running.
func newLitWriter() *writer {
	w := &writer{closed: make(chan struct{})}
	w.cond.L = &w.mu
	go func() { // want `goroutine is handed on to the caller, but openDB drops it`
		pprof.Do(context.Background(), labels, func(ctx context.Context) { w.loop(ctx) })
	}()
	return w
}

type db struct{ log *writer }

func openDB(fail bool) (*db, error) {
	d := &db{}
	d.log = newLitWriter() // want `the result of newLitWriter is not stopped on every path: the return at line \d+ skips it`
	if fail {
		return nil, errOpen
	}
	return d, nil
}

func (d *db) Close() { d.log.Close() }

type openError struct{}

func (openError) Error() string { return "open failed" }

var errOpen error = openError{}

func newOnceWriter(once *sync.Once) *writer {
	w := &writer{closed: make(chan struct{})}
	w.cond.L = &w.mu
	go func() { // want `goroutine is handed on to the caller, but dropOnceWriter drops it`
		once.Do(func() { w.loop(context.Background()) })
	}()
	return w
}

func dropOnceWriter(once *sync.Once) {
	_ = newOnceWriter(once) // want `the result of newOnceWriter is assigned to _`
}
