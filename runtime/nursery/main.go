package nursery

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// ErrInterrupted is matched (errors.Is) by the error of a Main that a signal
// or the stdin lifeline asked to stop.
var ErrInterrupted = errors.New("interrupted")

// ErrStdinClosed is the cause of the soft stop that the stdin lifeline
// starts when it reads EOF. It wraps ErrInterrupted.
var ErrStdinClosed = fmt.Errorf("stdin closed: %w", ErrInterrupted)

// SignalError is the cause of the soft stop (and of the hard cancel) that a
// signal sent to Main started. It wraps ErrInterrupted. Its message names
// the signal as runtime/proc's errors do: "interrupted by SIGTERM".
type SignalError struct {
	Signal os.Signal
}

// Error returns "interrupted by " and the signal's name as proc names it,
// e.g. "interrupted by SIGINT".
func (e *SignalError) Error() string { return "interrupted by " + signalName(e.Signal) }

// Unwrap returns ErrInterrupted.
func (e *SignalError) Unwrap() error { return ErrInterrupted }

// A MainOption configures Main.
type MainOption func(*mainConfig)

// WithConfig sets the Config of Main's root nursery.
func WithConfig(c Config) MainOption {
	return func(m *mainConfig) { m.cfg = c }
}

// WithGrace bounds the graceful shutdown that the first signal (or the stdin
// lifeline) starts: the hard cancel follows after d even without a second
// signal. Without it, Config.Grace bounds it if non-zero; otherwise the
// graceful shutdown lasts until the tasks are done or the next signal.
func WithGrace(d time.Duration) MainOption {
	return func(m *mainConfig) { m.grace, m.hasGrace = max(d, 0), true }
}

// WithStdinLifeline makes EOF on standard input start the graceful shutdown,
// like the first signal: a parent that closes the pipe (or dies, which closes
// it) stops the program. It is cooperative, and it reads stdin, which the
// program must not use then. Main refuses a stdin that would read EOF at
// once (/dev/null, a regular file as in prog < config.txt, a directory, a
// stdin that is not open): it says so on stderr and runs without the
// lifeline.
func WithStdinLifeline() MainOption {
	return func(m *mainConfig) { m.lifeline = true }
}

type mainConfig struct {
	cfg      Config
	grace    time.Duration
	hasGrace bool
	lifeline bool

	signals <-chan os.Signal
	stdin   io.Reader
	stderr  io.Writer
	exit    func(code int)
}

// Main runs body in a root nursery for a whole program and exits; it never
// returns. The first SIGINT or SIGTERM starts a graceful shutdown: Stopping
// becomes done for every task, and the hard cancel follows when the tasks are
// done, at the next signal, or when the WithGrace bound runs out. The second
// signal cancels hard; the third exits at once.
//
// Exit status: 0 on success, 1 when a task or body failed, 128+signal (130
// for SIGINT, 143 for SIGTERM) when a signal ended the program, even if a
// failure raced it. The error Main prints to stderr (failures only) and the
// nursery's causes always carry the signal: errors.Is(err, ErrInterrupted).
// A panic in a task crashes the program with the panic's value and stack, as
// an unrecovered panic does.
func Main(body func(n *Nursery) error, opts ...MainOption) {
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	m := &mainConfig{signals: sigs, stdin: os.Stdin, stderr: os.Stderr, exit: os.Exit}
	for _, o := range opts {
		o(m)
	}
	code, _, failure := m.run(body)
	signal.Stop(sigs)
	if failure != nil {
		fmt.Fprintf(m.stderr, "%s: %v\n", progName(), failure)
	}
	os.Exit(code)
}

// run is Main without the process. It returns the exit status, the whole
// error (the interrupt, if any, first; errors.Is(err, ErrInterrupted) holds
// whenever a signal or the lifeline stopped the program) and the failures
// alone, which Main prints.
func (m *mainConfig) run(body func(n *Nursery) error) (code int, err, failure error) {
	n := m.rootConfig().New(context.Background()) // grace.go: reports overdue tasks
	eof := m.startLifeline()
	ended := make(chan struct{})
	var watcher sync.WaitGroup
	var stop error // the first interrupt
	var sig os.Signal
	watcher.Go(func() { stop, sig = m.watch(n, eof, ended) })
	failure = func() error {
		defer func() { // also when body or a task panics; the panic goes on
			close(ended)
			watcher.Wait()
		}()
		return n.runBody(body)
	}()
	if stop == nil && sig != nil {
		stop = &SignalError{Signal: sig} // arrived as the program ended
	}
	switch {
	case sig != nil:
		code = 128 + signalNumber(sig)
	case failure != nil:
		code = 1
	}
	return code, join(stop, failure), failure
}

// watch turns signals (and EOF on the lifeline) into the soft stop, the hard
// cancel and the immediate exit, until ended is closed; then it drains the
// signals that arrived late, so that none is lost. It returns the first
// interrupt and the first signal.
func (m *mainConfig) watch(n *Nursery, eof <-chan struct{}, ended <-chan struct{}) (stop error, first os.Signal) {
	count := 0
	interrupt := func(cause error, s os.Signal) {
		count++
		if s != nil && first == nil {
			first = s
		}
		switch count {
		case 1:
			stop = cause
			grace := time.Duration(-1)
			switch {
			case m.hasGrace:
				grace = m.grace
			case m.cfg.Grace > 0:
				grace = m.cfg.Grace
			}
			m.say("%v: shutting down gracefully (again to cancel at once)", cause)
			n.shutdown(grace, cause)
		case 2:
			m.say("%v: cancelling (again to exit at once)", cause)
			n.reportOverdue(0) // grace.go: what the shutdown was waiting for
			n.hardCancel(cause)
		default:
			m.say("%v: exiting at once", cause)
			m.exit(128 + signalNumber(first))
		}
	}
	for {
		select {
		case s := <-m.signals:
			interrupt(&SignalError{Signal: s}, s)
		case <-eof:
			eof = nil
			interrupt(ErrStdinClosed, nil)
		case <-ended:
			for {
				select {
				case s := <-m.signals:
					if first == nil {
						first = s
					}
				default:
					return stop, first
				}
			}
		}
	}
}

// startLifeline starts reading stdin if the lifeline is on; the returned
// channel is closed at EOF (or on a read error). The reader is not joined: it
// blocks in read(2) until the process exits, which is why only Main uses it.
func (m *mainConfig) startLifeline() <-chan struct{} {
	if !m.lifeline {
		return nil
	}
	if why := refuseLifeline(m.stdin); why != "" {
		m.say("stdin lifeline refused: %s; running without it", why)
		return nil
	}
	eof := make(chan struct{})
	go func() {
		io.Copy(io.Discard, m.stdin)
		close(eof)
	}()
	return eof
}

// refuseLifeline says why r cannot serve as a lifeline, or "".
func refuseLifeline(r io.Reader) string {
	f, ok := r.(*os.File)
	if !ok {
		return ""
	}
	if f == nil {
		return "stdin is not open"
	}
	fi, err := f.Stat()
	if err != nil {
		return "stdin is not open"
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(fi, null) {
		return "stdin is " + os.DevNull + ", which reads as closed at once"
	}
	switch {
	case fi.Mode().IsRegular():
		return "stdin is a regular file, which reads to its end at once"
	case fi.IsDir():
		return "stdin is a directory, which cannot be read"
	}
	return ""
}

func (m *mainConfig) say(format string, args ...any) {
	fmt.Fprintf(m.stderr, "%s: %s\n", progName(), fmt.Sprintf(format, args...))
}

func progName() string { return filepath.Base(os.Args[0]) }

// signalName names sig as runtime/proc names signals in its errors:
// "SIGTERM", "SIGINT", "signal 34".
func signalName(sig os.Signal) string {
	s, ok := sig.(syscall.Signal)
	if !ok {
		return sig.String()
	}
	switch s {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	case syscall.SIGQUIT:
		return "SIGQUIT"
	}
	return "signal " + strconv.Itoa(int(s))
}

func signalNumber(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return int(n)
	}
	return int(syscall.SIGINT)
}
