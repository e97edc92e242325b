package ownership

import (
	"context"

	"example.com/ownership/lenq"
)

// --- A loop that asks a queue's goroutine for its length, and one that drains what is buffered ---

type lenUser struct {
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
	q      *lenq.Queue
	g      *lenq.Gauge
	events chan int
}

func newLenUser() *lenUser {
	ctx, cancel := context.WithCancel(context.Background())
	return &lenUser{ctx: ctx, cancel: cancel, done: make(chan struct{}), q: lenq.New(), g: lenq.NewGauge(), events: make(chan int, 4)}
}

// q.Len() is answered while the queue runs: only the events and the
// context are waits, and shutdown releases the one it must.
func (u *lenUser) run() {
	for {
		select {
		case v := <-u.events:
			_ = v + u.q.Len()
			for range len(u.events) {
				v += <-u.events // what is buffered is there
			}
			for i := 0; i < len(u.events); i++ {
				v += <-u.events
			}
		case <-u.ctx.Done():
			close(u.done)
			return
		}
	}
}

func (u *lenUser) shutdown() {
	u.cancel()
	<-u.done
	u.q.Close()
}

func lenUserRuns() {
	u := newLenUser()
	defer u.shutdown()
	go u.run()
	u.events <- 1
}

// The gauge answers one Read: the second waits for ever.
func (u *lenUser) runGauge() {
	for {
		select {
		case v := <-u.events:
			_ = v + u.g.Read()
		case <-u.ctx.Done():
			close(u.done)
			return
		}
	}
}

func gaugeUserRuns() {
	u := newLenUser()
	defer u.shutdown()
	go u.runGauge() // want `goroutine running u.runGauge is never joined`
	u.events <- 1
}

// Three receives are not bounded by what is buffered.
func (u *lenUser) runThree() {
	for {
		select {
		case v := <-u.events:
			for range 3 {
				v += <-u.events
			}
			_ = v
		case <-u.ctx.Done():
			close(u.done)
			return
		}
	}
}

func threeUserRuns() {
	u := newLenUser()
	defer u.shutdown()
	go u.runThree() // want `goroutine running u.runThree is never joined`
	u.events <- 1
}

type bareUser struct {
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
	b      *lenq.Bare
	events chan int
}

func (u *bareUser) run() {
	for {
		select {
		case v := <-u.events:
			_ = v + u.b.Len()
		case <-u.ctx.Done():
			close(u.done)
			return
		}
	}
}

func (u *bareUser) shutdown() {
	u.cancel()
	<-u.done
	u.b.Close()
}

func bareUserRuns() {
	ctx, cancel := context.WithCancel(context.Background())
	u := &bareUser{ctx: ctx, cancel: cancel, done: make(chan struct{}), b: lenq.NewBare(), events: make(chan int, 4)}
	defer u.shutdown()
	go u.run() // want `goroutine running u.run is never joined`
	u.events <- 1
}
