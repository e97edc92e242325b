package ownership

import (
	"errors"
	"sync"
)

// --- A boolean result that says whether the goroutine was started ---

type invokeRouter struct {
	threshold int64
	stop      chan struct{}
	wg        sync.WaitGroup
}

// abort stops and waits for the background invokes.
func (r *invokeRouter) abort() { close(r.stop); r.wg.Wait() }

// invoke starts background work for long requests only, and says so.
func (r *invokeRouter) invoke(timeout int64) (err error, pending bool) {
	if timeout < 0 {
		return errors.New("negative timeout"), false
	}
	if timeout <= r.threshold {
		return nil, false // short: nothing started
	}
	r.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but invokeLeft drops it`
		defer r.wg.Done()
		<-r.stop
	}()
	return nil, true
}

// On the paths where pending is false, nothing runs: no abort is owed.
func invokeShort() error {
	r := &invokeRouter{stop: make(chan struct{})}
	err, pending := r.invoke(0)
	if pending {
		r.abort()
	}
	return err
}

func invokeOnlyShort() {
	r := &invokeRouter{stop: make(chan struct{})}
	err, pending := r.invoke(0)
	if err != nil || pending {
		panic("want the short path")
	}
}

// Leaving when it is pending leaves it running.
func invokeLeft() error {
	r := &invokeRouter{stop: make(chan struct{})}
	err, pending := r.invoke(10) // want `the receiver of \(\*invokeRouter\).invoke is not stopped on every path: the return at line \d+ skips it`
	if err != nil || pending {
		return errors.New("pending")
	}
	return nil
}

// Ignoring it leaves a long invoke running.
func invokeIgnored() {
	r := &invokeRouter{stop: make(chan struct{})}
	_, _ = r.invoke(10) // want `the receiver of \(\*invokeRouter\).invoke is not stopped on every path`
}

// A flag that is also true without the goroutine says nothing of it.
func (r *invokeRouter) invokeLoose(timeout int64) (err error, started bool) {
	if timeout <= r.threshold {
		return nil, true
	}
	r.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but invokeLooseChecked drops it`
		defer r.wg.Done()
		<-r.stop
	}()
	return nil, true
}

func invokeLooseChecked() {
	r := &invokeRouter{stop: make(chan struct{})}
	_, started := r.invokeLoose(0) // want `the receiver of \(\*invokeRouter\).invokeLoose is not stopped on every path`
	if started {
		return
	}
	r.abort()
}
