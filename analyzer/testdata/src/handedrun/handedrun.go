// Package handedrun holds goroutines whose join is handed to whoever runs
// the code: a value dropped by a caller that only keeps the error, and a
// spawn hook written as a function literal.
package handedrun

import (
	"context"
	"errors"
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
