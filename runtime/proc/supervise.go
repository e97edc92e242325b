package proc

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

// launch starts the process from a goroutine of its own that locks its OS
// thread and keeps it until the process is reaped, and returns the start error.
//
// The thread matters on Linux: Pdeathsig fires when the thread that started
// the child exits (golang/go#27505), and an unlocked goroutine's thread may be
// retired by the Go runtime at any time. The goroutine never unlocks, so the
// runtime ends the thread with it, after the process is reaped.
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
func (p *Process) own(started chan<- error) {
	defer close(p.reaped)
	runtime.LockOSThread() // never unlocked: see launch
	pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels("twine.proc", p.opts.name)))
	if err := p.cmd.Start(); err != nil {
		started <- err
		return
	}
	p.pid = p.cmd.Process.Pid
	started <- nil

	werr := waitExited(p.pid)
	p.mu.Lock()
	p.leaderDone = true
	p.waitErr = werr
	p.mu.Unlock()
	close(p.exited)

	<-p.release
	p.cmdErr = p.cmd.Wait()
}

// supervise follows the process until it has exited, its group is empty and
// it is reaped, sending signals as ctx and its nursery stop, and returns the
// process's result. See the package documentation for the rules.
func (p *Process) supervise(ctx context.Context) error {
	stop := nursery.Stopping(ctx)
	var (
		stopC   = stop.Done()
		ctxC    = ctx.Done()
		exitedC = p.exited
		hardC   <-chan struct{}  // ctx.Done() once a termination began that a hard cancel cuts short
		graceC  <-chan time.Time // the grace timer once a termination began that has its own grace
		pollC   <-chan time.Time // polling for the group to empty once the process exited
		poll    = time.Millisecond
		graceT  *time.Timer

		terminating bool  // the termination signal went to the group
		killed      bool  // SIGKILL went to the group
		cause       error // why the running process was terminated; nil if it was not
		ctxErr      error // the matching context error
		exited      bool  // the process exited (its zombie keeps the group id)
	)
	defer func() {
		if graceT != nil {
			graceT.Stop()
		}
	}()

	// terminate sends the termination signal to the group. A soft termination
	// (the nursery's soft stop) is escalated to SIGKILL by the hard cancel,
	// the others by the end of the process's own grace or by a hard cancel.
	// It reports whether it interrupted the running process.
	terminate := func(soft bool) (interrupted bool) {
		terminating = true
		stopC, ctxC = nil, nil
		if ctx.Err() == nil {
			hardC = ctx.Done()
		}
		if !soft {
			if p.opts.grace <= 0 {
				killed = true
				return p.signalGroup(syscall.SIGKILL)
			}
			graceT = time.NewTimer(p.opts.grace)
			graceC = graceT.C
		}
		interrupted = p.signalGroup(p.opts.signal)
		if p.opts.signal != sigCont && p.opts.signal != syscall.SIGKILL {
			p.signalGroup(sigCont) // a stopped member acts on the signal only once continued
		}
		return interrupted
	}
loop:
	for {
		select {
		case <-stopC:
			soft := ctx.Err() == nil
			if terminate(soft) {
				cause, ctxErr = context.Cause(stop), stop.Err()
				if !soft {
					cause, ctxErr = context.Cause(ctx), ctx.Err()
				}
			}
		case <-ctxC:
			if terminate(false) {
				cause, ctxErr = context.Cause(ctx), ctx.Err()
			}
		case <-hardC:
			hardC, graceC = nil, nil
		case <-graceC:
			hardC, graceC = nil, nil
		case <-exitedC:
			exitedC, exited = nil, true
			p.closeLifeline()
			if !p.groupSafe() || !groupAlive(p.pid) {
				break loop
			}
			// What the process left in its group is terminated now: nobody
			// else will wait for it. A stop under way does it below.
			if !terminating && stop.Err() == nil && ctx.Err() == nil {
				terminate(false)
			}
		case <-pollC:
			poll = min(2*poll, 50*time.Millisecond)
			if !groupAlive(p.pid) {
				break loop
			}
		}
		if terminating && hardC == nil && graceC == nil && !killed {
			killed = true
			p.signalGroup(syscall.SIGKILL)
		}
		if exited {
			pollC = time.After(poll)
		}
	}

	close(p.release)
	<-p.reaped
	return p.result(cause, ctxErr)
}

// signalGroup sends sig to the process group, recording it if the process
// was still running, and reports whether it was. It is called only before the
// supervisor releases the process to be reaped, so the group id is still the
// process's own pid, and never when waitid failed (then the group is unknown).
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
