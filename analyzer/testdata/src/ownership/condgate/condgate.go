// Package condgate: a wait on a sync.Cond is woken by a Broadcast. (Its
// own package: a gate that takes g.L in a package makes the pass think the
// package's other goroutines that take a lock may wait for ever, which the
// ownership package's lock tests would feel.)
package condgate

import (
	"sync"
	"sync/atomic"
)

// The receive loop may wait at the gate (for busy { g.Wait() }), which
// the deferred leave's Broadcast opens: it is not a wait that nothing
// ends, and the loop is its owner's to stop (Close closes its input).

type condGate struct {
	*sync.Cond
	busy bool
}

func (g *condGate) enter() {
	g.L.Lock()
	for g.busy {
		g.Wait()
	}
	g.busy = true
	g.L.Unlock()
}

func (g *condGate) leave() {
	g.L.Lock()
	g.busy = false
	g.Broadcast()
	g.L.Unlock()
}

type gatedInput struct{ in chan int }

type gatedWorker struct {
	condGate
	closed atomic.Bool
	inputs map[string]*gatedInput
}

func (w *gatedWorker) reconnect() bool {
	w.enter()
	defer w.leave()
	return w.closed.Load()
}

func (w *gatedWorker) loop(s *gatedInput) {
	for {
		if _, ok := <-s.in; !ok {
			if w.closed.Load() || w.reconnect() {
				return
			}
		}
	}
}

func (w *gatedWorker) Open(name string) {
	s := &gatedInput{in: make(chan int)}
	w.inputs[name] = s
	go w.loop(s)
}

func (w *gatedWorker) Close() {
	w.closed.Store(true)
	for _, s := range w.inputs {
		close(s.in)
	}
}
