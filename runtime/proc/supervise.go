package proc

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

// launch starts the process from a goroutine of its own, which waits for it
// and reaps it, and returns the start error.
func (p *Process) launch() error {
	var r *os.File
	if p.opts.lifeline {
		var err error
		if r, p.lifeline, err = os.Pipe(); err != nil {
			return fmt.Errorf("proc: start %s: stdin lifeline: %w", p.opts.name, err)
		}
		p.cmd.Stdin = r
	}
	started := make(chan error)
	go p.own(started)
	err := <-started
	if r != nil {
		r.Close() // the child has its copy
		if err != nil {
			p.lifeline.Close()
		}
	}
	if err != nil {
		return fmt.Errorf("proc: start %s: %w", p.opts.name, err)
	}
	return nil
}

// own is the goroutine that starts, waits for and reaps the process.
//
// On Linux it holds its OS thread locked from the start until the process has
// exited: Pdeathsig fires when the thread that started the child exits
// (golang/go#27505), and the Go runtime ends a thread when a goroutine exits
// locked to it. Once the process has exited its parent-death signal no longer
// matters, and the thread goes back to the runtime for the next process.
func (p *Process) own(started chan<- error) {
	defer close(p.reaped)
	if lockThread {
		runtime.LockOSThread()
	}
	pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels("twine.proc", p.opts.name)))
	err := p.cmd.Start()
	if err == nil {
		p.pid = p.cmd.Process.Pid
	}
	started <- err
	if err != nil {
		if lockThread {
			runtime.UnlockOSThread()
		}
		return
	}

	werr := waitExited(p.pid)
	if lockThread {
		runtime.UnlockOSThread()
	}
	p.mu.Lock()
	p.leaderDone = true
	p.waitErr = werr
	p.mu.Unlock()
	close(p.exited)

	<-p.release
	p.cmdErr = p.cmd.Wait()
}

// A supervisor follows one process until it has exited, its group is empty
// and it is reaped, sending signals as its context and nursery stop. See the
// package documentation for the rules.
type supervisor struct {
	p    *Process
	ctx  context.Context
	stop context.Context // nursery.Stopping(ctx)

	stopC, ctxC <-chan struct{} // the soft stop and the hard cancel, until a termination begins
	hardC       <-chan struct{} // the hard cancel, once a termination began that it cuts short
	exitedC     <-chan struct{} // the process exited; nil once handled
	reapedC     <-chan struct{} // without reapLast, the process was reaped; nil until released
	graceT      *time.Timer     // SIGKILL when the process's own grace runs out
	pollT       *time.Timer     // looking again whether the group is empty
	poll        time.Duration

	terminating bool  // the termination signal went to the group
	killed      bool  // SIGKILL went to the group
	released    bool  // the process may be reaped
	cause       error // why the running process was terminated; nil if it was not
	ctxErr      error // the matching context error
}

// supervise runs the supervisor and returns the process's result.
func (p *Process) supervise(ctx context.Context) error {
	stop := nursery.Stopping(ctx)
	s := &supervisor{p: p, ctx: ctx, stop: stop, stopC: stop.Done(), ctxC: ctx.Done(), exitedC: p.exited}
	defer s.stopTimers()
	for !s.step() {
	}
	s.releaseProcess()
	<-p.reaped
	return p.result(s.cause, s.ctxErr)
}

// step waits for one event and handles it; it reports whether the process has
// exited and its group is empty.
func (s *supervisor) step() (done bool) {
	select {
	case <-s.stopC:
		s.softStop()
	case <-s.ctxC:
		s.terminate(s.ctx)
	case <-s.hardC:
		s.hardC = nil
		s.hardCancel()
	case <-timerC(s.graceT):
		s.graceT = nil
		s.kill()
	case <-s.exitedC:
		s.exitedC = nil
		return s.exited()
	case <-s.reapedC:
		s.reapedC = nil
		return s.groupEmpty()
	case <-timerC(s.pollT):
		if s.groupEmpty() {
			return true
		}
		s.poll = min(2*s.poll, 50*time.Millisecond)
		s.pollT.Reset(s.poll)
	}
	return false
}

// softStop handles the nursery's soft stop: the termination signal now,
// SIGKILL at the hard cancel. If the hard cancel is already there, it is a
// termination with the process's own grace.
func (s *supervisor) softStop() {
	if s.ctx.Err() != nil {
		s.terminate(s.ctx)
		return
	}
	s.hardC = s.ctx.Done()
	s.begin(s.stop, s.p.opts.signal)
}

// terminate sends the termination signal and arms SIGKILL for when the
// process's own grace runs out (at once without a grace). A hard cancel that
// comes later does not shorten that grace (see hardCancel).
func (s *supervisor) terminate(why context.Context) {
	if s.ctx.Err() == nil {
		s.hardC = s.ctx.Done()
	}
	if s.p.opts.grace <= 0 {
		s.begin(why, syscall.SIGKILL)
		return
	}
	s.graceT = time.NewTimer(s.p.opts.grace)
	s.begin(why, s.p.opts.signal)
}

// hardCancel handles the hard cancel once a termination began: SIGKILL at
// once after a soft stop, as the nursery decides, unless the hard cancel
// carries the soft stop's own cause: a stop with no grace (Shutdown(0), Close
// on a nursery with zero Grace), or one with no soft stop at all. The process
// then gets its own grace, as after a failure.
func (s *supervisor) hardCancel() {
	if !sameError(context.Cause(s.ctx), context.Cause(s.stop)) {
		s.kill()
		return
	}
	if s.graceT != nil || s.killed {
		return
	}
	if s.p.opts.grace <= 0 {
		s.kill()
		return
	}
	s.graceT = time.NewTimer(s.p.opts.grace)
}

// begin sends sig, and SIGCONT after it so that stopped members act on it,
// to the group. If that interrupted the running process, why's cause is the
// reason it was terminated. Stops that come later change nothing.
func (s *supervisor) begin(why context.Context, sig syscall.Signal) {
	s.terminating = true
	s.stopC, s.ctxC = nil, nil
	if sig == syscall.SIGKILL {
		s.killed = true
	}
	if s.signal(sig) && s.cause == nil {
		s.cause, s.ctxErr = context.Cause(why), why.Err()
	}
	if sig != sigCont && sig != syscall.SIGKILL {
		s.signal(sigCont)
	}
}

// kill sends SIGKILL to the group, once.
func (s *supervisor) kill() {
	if !s.killed {
		s.killed = true
		s.signal(syscall.SIGKILL)
	}
}

// exited handles the process's exit and reports whether its group is empty.
// What the process left in its group is terminated now, with the process's
// own grace: nobody else will wait for it. A stop under way does it already.
func (s *supervisor) exited() (done bool) {
	s.p.closeLifeline()
	if !s.p.groupSafe() {
		return true
	}
	if !reapLast {
		// kill(2) counts the zombie as a member: reap it, then probe.
		s.releaseProcess()
		s.reapedC = s.p.reaped
		s.startPolling()
		return false
	}
	if !groupAlive(s.p.pid) {
		return true
	}
	s.leftovers()
	s.startPolling()
	return false
}

// groupEmpty reports whether the group is empty, once the process exited.
// Without reapLast, members are known only once the process is reaped: the
// first probe that finds them then terminates them.
func (s *supervisor) groupEmpty() bool {
	if !groupAlive(s.p.pid) {
		return true
	}
	if s.released && leaderReaped(s.p.pid) {
		s.leftovers()
	}
	return false
}

// leftovers terminates what the exited process left in its group, unless a
// termination is under way or a stop has come that will begin one.
func (s *supervisor) leftovers() {
	if !s.terminating && s.stop.Err() == nil && s.ctx.Err() == nil {
		s.terminate(s.ctx)
	}
}

func (s *supervisor) startPolling() {
	s.poll = time.Millisecond
	s.pollT = time.NewTimer(s.poll)
}

// signal sends sig to the group and reports whether the process was still
// running. Once the process is reaped its pid is free, and the group id is
// kept from reuse only by the members left in the group: the group is
// signalled then only if a probe just before finds it has members.
func (s *supervisor) signal(sig syscall.Signal) (running bool) {
	if s.released && !groupAlive(s.p.pid) {
		return false
	}
	return s.p.signalGroup(sig)
}

// releaseProcess lets the owner goroutine reap the process, once.
func (s *supervisor) releaseProcess() {
	if !s.released {
		s.released = true
		close(s.p.release)
	}
}

func (s *supervisor) stopTimers() {
	for _, t := range []*time.Timer{s.graceT, s.pollT} {
		if t != nil {
			t.Stop()
		}
	}
}

// timerC returns t's channel, or nil (never ready) for no timer.
func timerC(t *time.Timer) <-chan time.Time {
	if t == nil {
		return nil
	}
	return t.C
}

// sameError reports whether a and b are the same error value, without
// panicking on errors of incomparable types.
func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta == tb && ta.Comparable() && a == b
}

// signalGroup sends sig to the process group, recording it if the process
// was still running, and reports whether it was. The caller makes sure the
// group id is still the process's own: its leader is unreaped, or (once
// reaped) members are left that keep the id from reuse. It sends nothing when
// waitid failed (then the group is unknown).
func (p *Process) signalGroup(sig syscall.Signal) (running bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.waitErr != nil {
		return false
	}
	if !p.leaderDone {
		p.sent[sig] = true
	}
	_ = kill(-p.pid, sig) // ESRCH: every member already exited; the leader is a zombie
	return !p.leaderDone
}

// groupSafe reports whether the group may be signalled and polled: false when
// waitid failed, so that proc no longer knows the process is unreaped.
func (p *Process) groupSafe() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.waitErr == nil
}

// closeLifeline closes the parent's end of the stdin lifeline, if any.
func (p *Process) closeLifeline() {
	if p.lifeline != nil {
		p.lifeline.Close()
	}
}

// result turns what cmd.Wait reported into the task's result. cause is non-nil
// when twine terminated the running process.
func (p *Process) result(cause, ctxErr error) error {
	outcome := p.outcome()
	if cause != nil {
		return &stopError{name: p.opts.name, pid: p.pid, ctxErr: ctxErr, cause: cause, outcome: outcome}
	}
	return outcome
}

// outcome names what cmd.Wait reported.
func (p *Process) outcome() error {
	err := p.cmdErr
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			p.mu.Lock()
			sent := p.sent[ws.Signal()]
			p.mu.Unlock()
			err = &SignalError{Name: p.opts.name, Pid: p.pid, Signal: ws.Signal(), Sent: sent, Err: ee}
		} else {
			err = &exitError{name: p.opts.name, pid: p.pid, err: ee}
		}
	case errors.Is(err, exec.ErrWaitDelay):
		err = &ioHeldError{name: p.opts.name, pid: p.pid}
	}
	if p.waitErr != nil {
		err = errors.Join(errors.New("proc: "+p.opts.name+": waitid: "+p.waitErr.Error()+"; process group not cleaned up"), err)
	}
	return err
}
