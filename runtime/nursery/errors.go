package nursery

import (
	"errors"
	"fmt"
	"reflect"
	"time"
)

// PanicError is a panic recovered from a task (or a Run body). The nursery is
// cancelled at once, and its owner's Run or Wait re-panics with the
// *PanicError, so the panic surfaces in the goroutine that owns the work,
// with the stack of the goroutine that panicked.
//
// If the owner cannot re-panic within a bounded delay (10 s) because
// siblings ignore the cancellation, or because nobody ever waits for the
// nursery, the runtime crashes the process with the original value and
// stack rather than let them go unseen.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the panicking goroutine's stack, as runtime/debug.Stack prints it

	more int // further panics in the same nursery
}

// Error returns the panic value followed by the stack of the goroutine that
// panicked, so that a PanicError that crashes the program prints like the
// original panic would have.
func (p *PanicError) Error() string {
	more := ""
	if p.more > 0 {
		more = fmt.Sprintf(" [and %d more panics in the same nursery]", p.more)
	}
	return fmt.Sprintf("%v%s\n\n%s", p.Value, more, p.Stack)
}

// Unwrap returns the panic value if it is an error, so that errors.Is and
// errors.As see through the panic.
func (p *PanicError) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// panicCrashDelay bounds how long a task panic may wait for its owner.
var panicCrashDelay = 10 * time.Second

// crash is called when a panic has not been re-raised by its owner in time.
// It panics on the timer's goroutine, which nobody recovers: the process
// dies with exit status 2 and the original value and stack. Tests replace it.
var crash = func(n *Nursery, pe *PanicError) {
	name := fmt.Sprintf("%q", n.cfg.Name)
	if n.cfg.Name == "" {
		name = fmt.Sprintf("#%d", n.id)
	}
	panic(&crashError{pe: pe, name: name, delay: panicCrashDelay})
}

type crashError struct {
	pe    *PanicError
	name  string
	delay time.Duration
}

func (c *crashError) Error() string {
	return fmt.Sprintf("%v\n\n[twine: the owner of nursery %s did not re-panic within %v: its other tasks ignore cancellation, or nobody waits for it]\n\n%s",
		c.pe.Value, c.name, c.delay, c.pe.Stack)
}

func (c *crashError) Unwrap() error { return c.pe }

var (
	// errShutdown is the cause of a soft stop made by Shutdown or Close.
	errShutdown = errors.New("nursery shut down")
	// errFinished is the cause of the cancel that releases a finished
	// nursery's context.
	errFinished = errors.New("nursery finished")
)

// graceError is the cause of the hard cancel when a grace period runs out.
type graceError struct {
	grace time.Duration
	cause error
}

func (g *graceError) Error() string {
	return fmt.Sprintf("grace period of %v ran out after soft stop: %v", g.grace, g.cause)
}

func (g *graceError) Unwrap() error { return g.cause }

// parentError reports that the parent context was cancelled with a cause
// other than its error.
type parentError struct {
	err   error // context.Canceled or context.DeadlineExceeded
	cause error
}

func (p *parentError) Error() string   { return p.err.Error() + ": " + p.cause.Error() }
func (p *parentError) Unwrap() []error { return []error{p.err, p.cause} }

// join is errors.Join, except that a single error comes back as it is.
func join(errs ...error) error {
	var one error
	count := 0
	for _, err := range errs {
		if err != nil {
			one = err
			count++
		}
	}
	if count == 1 {
		return one
	}
	return errors.Join(errs...)
}

// sameError reports whether a and b are the same error value, without
// panicking on uncomparable dynamic types.
func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta == tb && ta.Comparable() && a == b
}
