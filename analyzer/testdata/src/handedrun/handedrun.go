// Package handedrun holds goroutines whose join is handed to whoever runs
// the code: a value dropped by a caller that only keeps the error, and a
// spawn hook written as a function literal.
package handedrun

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Poller polls until it is closed.
type Poller struct{ stop chan struct{} }

// ErrBusy is what NewPoller fails with.
var ErrBusy = errors.New("busy")

func NewPoller() (*Poller, error) {
	p := &Poller{stop: make(chan struct{})}
	go func() { // want `goroutine is handed on to the caller, but \w+ drops it at line \d+`
		for {
			select {
			case <-p.stop:
				return
			case <-time.After(time.Second):
			}
		}
	}()
	return p, nil
}

func (p *Poller) Close() error { close(p.stop); return nil }

// Dropped keeps only the error of a call that succeeds: the poller made
// on that path runs for ever.
func Dropped() error {
	_, err := NewPoller() // want `the result of NewPoller is assigned to _, so the goroutine started at handedrun/handedrun.go:\d+ \(a function literal\) is never joined: call its Close method`
	return err
}

// Kept closes what it made.
func Kept() error {
	p, err := NewPoller()
	if err != nil {
		return err
	}
	return p.Close()
}

// ExpectsBusy calls NewPoller for its error: on the path where it
// succeeds, it reports a failure of its own.
func ExpectsBusy() error {
	_, err := NewPoller()
	if !errors.Is(err, ErrBusy) {
		panic("want ErrBusy")
	}
	return nil
}

// RunTask is the hook that runs a task in a goroutine of its own.
var RunTask func(ctx context.Context, f func())

// UseRecovering sets a hook that recovers what the task panics with: the
// goroutine is the task's, whose caller gives it and knows when it ends,
// as with a declared function (goRunTask).
func UseRecovering() {
	RunTask = func(ctx context.Context, f func()) {
		go func() {
			defer func() { _ = recover() }()
			f()
		}()
	}
}

func goRunTask(ctx context.Context, f func()) { go f() }

func UsePlain() { RunTask = goRunTask }

// RunPair is a hook that runs two tasks in one goroutine.
var RunPair func(f, g func())

// UsePair's goroutine runs two pieces of work: which one signals its end
// to the caller is not known.
func UsePair() {
	RunPair = func(f, g func()) {
		go func() { // want `goroutine is never joined, so it can outlive the function literal`
			f()
			g()
		}()
	}
}

// goSafe runs fn in a goroutine that recovers what it panics with: whoever
// gives fn joins it through what fn signals, or owns what fn waits on.
func goSafe(fn func()) {
	go func() { // want `goroutine is handed on to the caller, but waitLocal drops it at line \d+: give a function that signals`
		defer func() { _ = recover() }()
		fn()
	}()
}

type pub struct{ quit, ch chan struct{} }

// start's loop ends when whoever owns p stops it, as the same loop in a
// go statement would.
func (p *pub) start() {
	goSafe(func() {
		for {
			select {
			case <-p.ch:
			case <-p.quit:
				return
			}
		}
	})
}

func (p *pub) stop() { close(p.quit) }

// waitLocal's function waits on a channel of its own that nothing closes.
func waitLocal() {
	done := make(chan struct{})
	goSafe(func() { <-done }) // want `the function given to goSafe \(argument 1\) signals nothing its caller waits for`
}

// Wheel runs until Stop.
type Wheel struct{ stop chan struct{} }

func NewWheel() *Wheel {
	w := &Wheel{stop: make(chan struct{})}
	go w.run() // want `goroutine running w.run is handed on to the caller, but \w+ drops it`
	return w
}

func (w *Wheel) run() { <-w.stop }

func (w *Wheel) Stop() { close(w.stop) }

// cache keeps a wheel and has no way to stop it.
type cache struct {
	data  map[string]int
	wheel *Wheel
}

func (c *cache) get(k string) int { return c.data[k] }

func newCache() *cache {
	c := &cache{data: map[string]int{}}
	c.wheel = NewWheel() // want `the result of NewWheel is stored in cache.wheel, but nothing stops it \(give cache a Stop method that calls wheel.Stop\(\)\), so the goroutine started at handedrun/handedrun.go:\d+ \(w.run\) is never joined`
	return c
}

func newCacheLit() *cache {
	w := NewWheel() // want `the result of NewWheel is stored in cache.wheel, but nothing stops it`
	return &cache{data: map[string]int{}, wheel: w}
}

// closingCache stops its wheel in its Close.
type closingCache struct{ wheel *Wheel }

func (c *closingCache) Close() { c.wheel.Stop() }

func newClosingCache() *closingCache {
	return &closingCache{wheel: NewWheel()}
}

// sharedCache's wheel is stopped by a function of the package.
type sharedCache struct{ wheel *Wheel }

func newSharedCache() *sharedCache {
	c := &sharedCache{}
	c.wheel = NewWheel()
	return c
}

func dropShared(c *sharedCache) { c.wheel.Stop() }

// lentCache gives its wheel out: whoever takes it may stop it.
type lentCache struct{ wheel *Wheel }

func newLentCache() *lentCache { return &lentCache{wheel: NewWheel()} }

func (c *lentCache) takeWheel() *Wheel { return c.wheel }

// A loop with no way out cannot be stopped by whoever takes what it
// waits on: closing that only makes it spin.

type changes struct{ ch chan int }

func (c *changes) wait() bool {
	_, ok := <-c.ch
	return ok
}

type client struct{ conn *changes }

func (cl *client) Close() { close(cl.conn.ch) }

type cluster struct{ seen int }

type watcher struct{ seen int }

func (w *watcher) watch(conn *changes) {
	for {
		if conn.wait() {
			w.seen++
		}
	}
}

func (c *cluster) watchState(cli *client) {
	w := &watcher{}
	w.watch(cli.conn)
}

func (c *cluster) watchUntilClosed(cli *client) {
	for cli.conn.wait() {
		c.seen++
	}
}

func (c *cluster) newClient() *client {
	cli := &client{conn: &changes{ch: make(chan int)}}
	go c.watchState(cli) // want `goroutine running c.watchState blocks for ever: what it calls \(line \d+\) never returns: a loop with no way out`
	return cli
}

func (c *cluster) newClientUntilClosed() *client {
	cli := &client{conn: &changes{ch: make(chan int)}}
	go c.watchUntilClosed(cli)
	return cli
}

// A stream opened with a context ends when that context does.

type msgStream interface{ Recv() (string, error) }

type opener interface {
	Open(ctx context.Context) (msgStream, error)
}

func subscribe(ctx context.Context, o opener) (func(), error) {
	ctx, cancel := context.WithCancel(ctx)
	s, err := o.Open(ctx)
	if err != nil {
		cancel()
		return nil, err
	}
	go func() {
		for {
			if _, err := s.Recv(); err != nil {
				return
			}
		}
	}()
	return cancel, nil
}

func subscribeForever(o opener) error {
	s, err := o.Open(context.Background())
	if err != nil {
		return err
	}
	go func() { // want `goroutine is never joined, so it can outlive subscribeForever`
		for {
			if _, err := s.Recv(); err != nil {
				return
			}
		}
	}()
	return nil
}

// A group stopped through each of its members.

type member struct{ quit chan struct{} }

func (m *member) run()  { <-m.quit }
func (m *member) halt() { close(m.quit) }

type group struct{ members []*member }

func (g *group) start() {
	for _, m := range g.members {
		m.run()
	}
}

func (g *group) stop() {
	for _, m := range g.members {
		m.halt()
	}
}

func useGroup() {
	g := &group{members: []*member{{quit: make(chan struct{})}}}
	go g.start()
	g.stop()
}

func forgetGroup() {
	g := &group{members: []*member{{quit: make(chan struct{})}}}
	go g.start() // want `goroutine running g.start is never joined`
}

// A test of a flag that nothing changes, passed one way before the go
// statement, has the same outcome on every later round.

func pick(fail bool) (int, error) {
	if fail {
		return 0, errors.New("none")
	}
	return 1, nil
}

func sumUnlessFailing(wantErr bool) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	sum := 0
	for i := 0; i < 10; i++ {
		v, err := pick(wantErr)
		if wantErr {
			_ = err
			return -1
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			sum += v
			mu.Unlock()
		}()
	}
	wg.Wait()
	return sum
}

func sumUntilFailing(limit int) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	sum := 0
	for i := 0; i < 10; i++ {
		v, err := pick(i > limit)
		if err != nil {
			return -1
		}
		wg.Add(1)
		go func() { // want `goroutine is not joined on every path: the return at line \d+ skips wg.Wait\(\)`
			defer wg.Done()
			mu.Lock()
			sum += v
			mu.Unlock()
		}()
	}
	wg.Wait()
	return sum
}

// A fixture helper that stops what it made before handing it on leaves
// its callers nothing to stop.

type served struct {
	cancel  context.CancelFunc
	stopped chan struct{}
	state   int
}

func (s *served) serveBackground() {
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() {
		<-ctx.Done()
		close(s.stopped)
	}()
}

func (s *served) Stop() {
	s.cancel()
	<-s.stopped
}

func newServed() *served {
	s := &served{stopped: make(chan struct{})}
	s.serveBackground()
	return s
}

func servedStopped() (*served, int) {
	s := newServed()
	s.cancel()
	<-s.stopped
	return s, s.state
}

func useServedStopped() int {
	_, st := servedStopped()
	return st
}

// adapter runs until its context is cancelled.
type adapter struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newAdapter() *adapter {
	ctx, cancel := context.WithCancel(context.Background())
	a := &adapter{ctx: ctx, cancel: cancel}
	go a.loop() // want `goroutine running a.loop is handed on to the caller, but adapterLeft drops it`
	return a
}

func (a *adapter) loop() { <-a.ctx.Done() }

func (a *adapter) Close() { a.cancel() }

func adapterLeft() {
	a := newAdapter() // want `the result of newAdapter is not stopped on every path`
	_ = a.ctx
}

// runFlight parks on the path where fn panicked, to stay in the crash
// dump: a park, not a loop that spins.
type flightCall struct {
	done chan struct{}
	val  int
}

func runFlight(c *flightCall, fn func() int) {
	defer func() {
		if r := recover(); r != nil {
			select {}
		}
	}()
	c.val = fn()
	close(c.done)
}

func doFlight(fn func() int) int {
	c := &flightCall{done: make(chan struct{})}
	go runFlight(c, fn)
	<-c.done
	return c.val
}
