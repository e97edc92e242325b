package proc

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// SignalError reports that a process was ended by a signal instead of exiting.
// It says which signal and whether twine sent it, so a process that twine
// terminated can be told apart from one that crashed (SIGSEGV, SIGABRT) or was
// killed from outside (the OOM killer, a user's kill).
//
// Unwrap returns the underlying *exec.ExitError, so errors.As finds either.
type SignalError struct {
	Name   string    // the process's name: WithName, or the base name of the command
	Pid    int       // the process id it had
	Signal os.Signal // the signal that ended it; a syscall.Signal
	// Sent reports whether twine sent Signal to the process or its process group
	// before it ended: by terminating it (WithSignal, then SIGKILL) or through
	// Process.Signal. A signal from anywhere else leaves Sent false.
	Sent bool
	Err  *exec.ExitError // the exit report from os/exec
}

func (e *SignalError) Error() string {
	return fmt.Sprintf("proc: %s (pid %d): %s", e.Name, e.Pid, e.reason())
}

func (e *SignalError) reason() string {
	by := "not sent by twine"
	if e.Sent {
		by = "sent by twine"
	}
	return fmt.Sprintf("killed by %s (%s)", signalName(e.Signal), by)
}

// Unwrap returns the *exec.ExitError behind e.
func (e *SignalError) Unwrap() error { return e.Err }

// ErrIOHeld is reported when a process has exited but the pipes os/exec copies
// its output through (or its input into) stayed open, so proc closed them once
// cmd.WaitDelay (DefaultWaitDelay unless set) ran out. The usual cause is a
// descendant that left the process group (setsid) and inherited stdout or
// stderr. The error also matches exec.ErrWaitDelay.
var ErrIOHeld = errors.New("output still held open after the process exited; pipes closed after the wait delay")

// ioHeldError wraps ErrIOHeld and exec.ErrWaitDelay with the process's name.
type ioHeldError struct {
	name string
	pid  int
}

func (e *ioHeldError) Error() string {
	return fmt.Sprintf("proc: %s (pid %d): %v", e.name, e.pid, ErrIOHeld)
}

func (e *ioHeldError) Unwrap() []error { return []error{ErrIOHeld, exec.ErrWaitDelay} }

// exitError is a non-zero exit status, named after the process.
type exitError struct {
	name string
	pid  int
	err  *exec.ExitError
}

func (e *exitError) Error() string {
	return fmt.Sprintf("proc: %s (pid %d): %v", e.name, e.pid, e.err)
}

func (e *exitError) Unwrap() error { return e.err }

// stopError reports a process that twine terminated (or did not start) because
// its context was cancelled or its nursery stopped. It wraps the context's error
// and cause, so the nursery counts it as a cancellation, not a failure, and
// errors.Is(err, context.Canceled) holds; it also wraps what the process
// reported (a *SignalError, an exit status), if anything.
type stopError struct {
	name    string
	pid     int   // 0 when the process was never started
	ctxErr  error // context.Canceled or context.DeadlineExceeded
	cause   error // context.Cause; may equal ctxErr
	outcome error // what the process ended with, nil for exit status 0
}

func (e *stopError) Error() string {
	if e.pid == 0 {
		return fmt.Sprintf("proc: %s not started: %v", e.name, e.cause)
	}
	msg := fmt.Sprintf("proc: %s (pid %d) stopped by twine: %v", e.name, e.pid, e.cause)
	switch o := e.outcome.(type) {
	case nil:
		msg += ": then exited with status 0"
	case *SignalError:
		msg += ": " + o.reason()
	case *exitError:
		msg += ": then " + o.err.Error()
	default:
		msg += ": " + o.Error()
	}
	return msg
}

func (e *stopError) Unwrap() []error {
	errs := []error{e.ctxErr}
	if e.cause != e.ctxErr {
		errs = append(errs, e.cause)
	}
	if e.outcome != nil {
		errs = append(errs, e.outcome)
	}
	return errs
}

// signalName returns "SIGTERM" for syscall.SIGTERM, "signal 34" for a signal
// without a usual name, and the signal's own String for other types.
func signalName(sig os.Signal) string {
	s, ok := sig.(syscall.Signal)
	if !ok {
		return sig.String()
	}
	if name, ok := signalNames[s]; ok {
		return name
	}
	if name, ok := osSignalNames[s]; ok {
		return name
	}
	return "signal " + strconv.Itoa(int(s))
}
