// Package proc runs child processes as tasks of a nursery, so that a process
// ends, and is reaped, before the scope that started it returns.
//
// [Start] runs a command as a task of a nursery; [Run] runs one to completion
// under a context. Both follow the same rules:
//
//   - Wait on success. A process that is not cancelled is waited for, never
//     signalled: one that closes its output and exits a moment later exits
//     with its own status (the typed-process race). Only a cancellation or a
//     stop terminates it.
//   - Terminate on stop, then kill. The process leads its own process group.
//     When the nursery's soft stop begins ([nursery.Stopping]) the group gets
//     the termination signal (SIGTERM, see [WithSignal]) and SIGCONT, so
//     stopped members can act on it; at the nursery's hard cancel it gets
//     SIGKILL. A hard cancel that no soft stop preceded (a failure, Cancel, a
//     cancelled parent context, [Run]'s own ctx) sends the termination signal
//     and then SIGKILL once the process's own grace ([WithGrace],
//     [DefaultGrace]) runs out. So does a stop with no grace: Close on a
//     nursery whose Grace is zero (the default), or Shutdown(0), is a soft
//     stop and a hard cancel at once, and the process gets its own grace
//     after the termination signal, so Close waits up to [DefaultGrace] for a
//     process that ignores it. A process that exits on the termination signal
//     ends the wait early.
//   - Cancellation is not failure. When twine has signalled a process because
//     of a stop or a cancellation, the task (or Run) returns an error that
//     wraps the context's error and its cause, and what the process reported:
//     errors.Is(err, context.Canceled) holds, and a nursery does not count it
//     as a failure. A process that exits non-zero on its own is a failure; the
//     error wraps its *exec.ExitError. A process killed by a signal reports a
//     *[SignalError] that says which signal and whether twine sent it.
//   - Nothing survives. When the process exits, the rest of its process group
//     (children it left behind) gets the termination signal and, after the
//     grace or at a hard cancel, SIGKILL; Wait and Run return only when no
//     member of the group is alive and the process is reaped (see Signals
//     and reaping).
//   - Bounded I/O. A descendant that left the group but holds stdout or stderr
//     cannot hang Wait: os/exec closes the pipes after cmd.WaitDelay
//     ([DefaultWaitDelay] unless set) and the process reports [ErrIOHeld].
//
// # Signals and reaping
//
// proc signals only what is its own. While the process runs, and after it
// exits until it is reaped, its pid (which is also the group's id) cannot be
// reused: proc watches for the exit without reaping (waitid with WNOWAIT on
// Linux, a kqueue NOTE_EXIT filter on macOS and the BSDs). A process that
// exits on its own is never signalled, nor is its group if it left nothing.
//
// On Linux the process is reaped last, once its group is empty, so every
// signal goes to a group whose id it holds. Finding the members costs a
// listing of /proc and a getpgid(2) per process on the system, once per
// exit; zombies, which init reaps, count as gone. The listing is skipped when
// no process or thread was created in the pid namespace since the process
// (/proc/sys/kernel/ns_last_pid is still its pid): it cannot have left any.
// A process that existed before it and moved itself into its group with
// setpgid(2) is then not looked for.
//
// POSIX cannot list a group's members, and kill(2) counts the exited
// process's zombie as one. So on macOS and the BSDs (and on Linux under the
// build tag twine_posix) proc reaps the process first and then probes its
// group with kill(2) and signal 0: an empty group ends the wait at once.
// Members the process left behind keep the group id from reuse as long as
// one exists; proc terminates them as on Linux, but signals the group after
// the reap only right after a probe found members: for a signal to reach
// another group, every member would have to end, and the system's pid
// allocator come round to the same id and hand it to a new group leader,
// within that moment. Zombies of members count until init reaps them, so
// Wait and Run may take that long when a process left members behind.
//
// # Parent death
//
// On Linux each process is started with SysProcAttr.Pdeathsig = SIGKILL from a
// goroutine locked to its OS thread until the process has exited (Pdeathsig
// follows the thread that started the child, not the process:
// golang/go#27505). So the process is killed when its parent dies, even by
// SIGKILL. FreeBSD's Pdeathsig follows the parent process and needs no locked
// thread. macOS, NetBSD, OpenBSD and DragonFly BSD have no parent-death
// signal: there a process outlives a parent killed with SIGKILL, unless it
// watches its stdin (see below). The build tag twine_posix makes Linux do
// without Pdeathsig, /proc and the locked thread, as those systems do, so
// that the tests run that code.
//
// A parent-death signal covers the direct child only: the kernel clears it in
// the child's own children, and a parent killed with SIGKILL runs no cleanup,
// so grandchildren outlive it unless they watch for it themselves.
// [WithStdinLifeline] helps with that, and is the only help where there is no
// parent-death signal: the process (and any descendant that inherits its
// stdin) sees EOF on stdin when the parent dies, however it dies, or the
// process ends. That is cooperative; it only helps programs that read stdin
// and exit at EOF, such as a [nursery.Main] program run with
// nursery.WithStdinLifeline. Nothing proc does reaches a descendant that both
// calls setsid (or setpgid) and ignores its stdin: such a process has chosen
// to detach, and it does.
//
// # Other systems
//
// On Windows, Plan 9, WebAssembly, Solaris and AIX, Start and Run start
// nothing and return an error that matches errors.ErrUnsupported; Start does
// not cancel the nursery then. proc has no Windows job-object implementation.
//
// # Using the Cmd
//
// Build the command with exec.Command and leave waiting to proc: do not call
// cmd.Wait, cmd.Process.Wait or cmd.Process.Kill. Start and Run refuse, with
// an error that says why:
//
//   - a command made by exec.CommandContext: os/exec would kill the process
//     itself when that context ends, with SIGKILL and no grace, racing proc;
//     the nursery (Start) or ctx (Run) is what stops the process;
//   - cmd.StdoutPipe and cmd.StderrPipe: os/exec closes those pipes as soon as
//     the process is reaped, which proc does as soon as it exits, so output
//     not yet read would be lost. Use an os.Pipe (close its write end after
//     Start returns) or an io.Writer. cmd.StdinPipe works as with os/exec.
//
// proc sets cmd.SysProcAttr.Setpgid (unless Setsid is set) and, on Linux and
// FreeBSD, Pdeathsig (unless already set), and cmd.WaitDelay when it is zero.
// It refuses to run while SIGCHLD is ignored, which lets the kernel reap
// children behind its back.
package proc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sync"
	"syscall"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

// DefaultGrace is the time between the termination signal and SIGKILL when
// no soft stop came first (see WithGrace), as in Trio's run_process.
const DefaultGrace = 5 * time.Second

// DefaultWaitDelay is the cmd.WaitDelay that Start and Run set when it is zero:
// how long, after the process exited, os/exec keeps copying its output before
// it closes the pipes and the process reports ErrIOHeld.
const DefaultWaitDelay = 5 * time.Second

// An Option configures how Start and Run run one process.
type Option func(*options)

type options struct {
	name     string
	grace    time.Duration
	signal   syscall.Signal
	lifeline bool
}

// WithName names the process in its errors and in the pprof label
// "twine.proc" of the goroutine that starts, waits for and reaps it. That
// goroutine carries no nursery labels: it belongs to the process's task, which
// joins it, so the nursery's task tree lists the task and not it. The default
// name is the base name of cmd.Path.
func WithName(name string) Option {
	return func(o *options) { o.name = name }
}

// WithGrace sets how long a process may take to exit after the termination
// signal before it gets SIGKILL, when no soft stop came first: after a
// failure, a Cancel or a cancelled parent context under a nursery, after ctx
// is done in Run, and for the members of its group that a process leaves
// behind when it exits. The default is DefaultGrace. d <= 0 sends SIGKILL at
// once. After a nursery's soft stop the nursery decides: SIGKILL follows its
// hard cancel, whatever this grace, unless the soft stop and the hard cancel
// come together (Close on a nursery with zero Grace, Shutdown(0)): then this
// grace applies, so Close waits up to d for a process that ignores the
// termination signal.
func WithGrace(d time.Duration) Option {
	return func(o *options) { o.grace = max(d, 0) }
}

// WithSignal sets the termination signal sent to the process group before
// SIGKILL. The default is SIGTERM; SIGINT suits programs that treat Ctrl-C as
// their graceful stop.
func WithSignal(sig syscall.Signal) Option {
	return func(o *options) { o.signal = sig }
}

// WithStdinLifeline gives the process a stdin that is a pipe nobody writes to
// and that is closed when the process has exited or the parent dies, however
// it dies: the process, and every descendant that inherits its stdin, reads
// EOF then. It is a cooperative parent-death signal for programs that watch
// their stdin (seed 000: "exit when stdin closes"), such as a nursery.Main
// program with nursery.WithStdinLifeline; it does nothing for programs that
// do not read stdin, and it is not how proc stops a process (that is the
// termination signal). cmd.Stdin must be nil.
func WithStdinLifeline() Option {
	return func(o *options) { o.lifeline = true }
}

// A Process is a child process started by Start, running as a task of a
// nursery. Its methods may be called from any goroutine.
type Process struct {
	cmd  *exec.Cmd
	opts options
	pid  int

	lifeline *os.File // write end of the stdin lifeline, nil without one

	mu         sync.Mutex
	leaderDone bool                    // the process has exited (it may be a zombie): signal it no more
	sent       map[syscall.Signal]bool // signals twine sent to the process or its group

	exited  chan struct{} // closed by the owner goroutine when the process has exited, not yet reaped
	waitErr error         // set before exited is closed: waitid failed, the group is not safe to signal
	release chan struct{} // closed by the supervisor when the process may be reaped
	reaped  chan struct{} // closed by the owner goroutine once cmd.Wait returned
	cmdErr  error         // cmd.Wait's result, set before reaped is closed

	done chan struct{} // closed when err is set: the process is gone and reaped
	err  error
}

// Start starts cmd as a task of n and returns once the process has started.
// The task waits for the process and returns when it has exited, its process
// group is empty and it is reaped; it terminates the process when n stops or
// is cancelled, as the package documentation describes.
//
// If the process cannot be started (the program is missing, cmd is already
// started or refused, an option does not fit cmd), Start cancels n with that
// error as the cause, so the processes and tasks n already runs are terminated
// as after any failure, and returns the error; n's Wait reports it. If n is
// already stopping or cancelled (also while Start waits for a slot of n's
// Limit), Start starts nothing and returns an error that wraps the stop's
// cause, without cancelling n or reporting that cause again. On a system proc
// does not support, Start returns an error that matches
// errors.ErrUnsupported, without cancelling n. Start panics if n has
// finished, as n.Go does.
func Start(n *nursery.Nursery, cmd *exec.Cmd, opts ...Option) (*Process, error) {
	p, err := newProcess(cmd, opts)
	if err != nil {
		if !errors.Is(err, errors.ErrUnsupported) {
			n.Cancel(err)
		}
		return nil, err
	}
	ran, refused := false, false
	err = n.Start(func(ctx context.Context, ready func()) error {
		ran = true
		if err := p.refuseStopped(ctx); err != nil {
			refused = true
			return err
		}
		if err := p.launch(); err != nil {
			return err
		}
		ready()
		p.err = p.supervise(ctx)
		close(p.done)
		return p.err
	})
	switch {
	case err == nil:
		return p, nil
	case !ran:
		// n was cancelled while Start waited for a Limit slot: err is n's
		// own cause, which n already reports.
		return nil, &stopError{name: p.opts.name, ctxErr: n.Context().Err(), cause: err}
	case !refused:
		n.Cancel(err)
	}
	return nil, err
}

// Run runs cmd to completion and returns nil if it exited with status 0.
//
// When ctx is done before the process has exited, Run sends it the
// termination signal and, if it has not exited when the grace (WithGrace)
// runs out, SIGKILL; it then returns an error that wraps ctx.Err(),
// context.Cause(ctx) and what the process reported. When ctx is a nursery
// task's context, the process follows the nursery instead, as one started by
// Start does: the termination signal at the soft stop, SIGKILL at the hard
// cancel. Run returns only when the process has exited, its process group is
// empty and it is reaped. If ctx is already done, or its nursery is stopping,
// Run starts nothing and returns an error that wraps the cause. Run refuses
// the commands the package documentation lists (exec.CommandContext,
// cmd.StdoutPipe) and, on a system proc does not support, returns an error
// that matches errors.ErrUnsupported.
func Run(ctx context.Context, cmd *exec.Cmd, opts ...Option) error {
	p, err := newProcess(cmd, opts)
	if err != nil {
		return err
	}
	if err := p.refuseStopped(ctx); err != nil {
		return err
	}
	if err := p.launch(); err != nil {
		return err
	}
	return p.supervise(ctx)
}

// Pid returns the process id. It stays the process's own until Wait returns.
func (p *Process) Pid() int { return p.pid }

// Done returns a channel that is closed when the process has exited, its
// process group is empty and it is reaped.
func (p *Process) Done() <-chan struct{} { return p.done }

// Wait waits until the process has exited, its process group is empty and it
// is reaped, and returns what its task returned: nil for exit status 0, an
// error wrapping *exec.ExitError for another status, a *SignalError for a
// signal, ErrIOHeld for held pipes, or, if twine terminated the process, an
// error that wraps the cancellation (errors.Is(err, context.Canceled)) and
// the process's report.
func (p *Process) Wait() error {
	<-p.done
	return p.err
}

// Signal sends sig to the process (not to its group), recording it, so that a
// *SignalError for sig says twine sent it. It returns os.ErrProcessDone once
// the process has exited: proc never signals a pid after the process exited.
// A process ended by a signal from Signal is a failure of its task; to stop
// one process without failing its nursery, start it in a nursery of its own
// and shut that one down.
func (p *Process) Signal(sig os.Signal) error {
	s, ok := sig.(syscall.Signal)
	if !ok {
		return errors.New("proc: Signal needs a syscall.Signal")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.leaderDone {
		return os.ErrProcessDone
	}
	p.sent[s] = true
	return kill(p.pid, s)
}

// newProcess checks cmd and the options and prepares cmd to be started.
func newProcess(cmd *exec.Cmd, opts []Option) (*Process, error) {
	p := &Process{
		cmd:     cmd,
		opts:    options{grace: DefaultGrace, signal: syscall.SIGTERM},
		sent:    make(map[syscall.Signal]bool),
		exited:  make(chan struct{}),
		release: make(chan struct{}),
		reaped:  make(chan struct{}),
		done:    make(chan struct{}),
	}
	for _, o := range opts {
		o(&p.opts)
	}
	if p.opts.name == "" {
		p.opts.name = filepath.Base(cmd.Path)
	}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("proc: start %s: %w", p.opts.name, err)
	}
	if cmd.WaitDelay == 0 {
		cmd.WaitDelay = DefaultWaitDelay
	}
	return p, nil
}

// check refuses a cmd that proc cannot run as it promises, and prepares the
// others.
func (p *Process) check() error {
	cmd := p.cmd
	if cmd.Process != nil {
		return errors.New("cmd already started")
	}
	if p.opts.lifeline && cmd.Stdin != nil {
		return errors.New("WithStdinLifeline needs cmd.Stdin to be nil")
	}
	if cmd.Cancel != nil || hasContext(cmd) {
		return errors.New("cmd was made by exec.CommandContext: os/exec would kill the process itself when that context ends, " +
			"outside proc's grace, and the kill would read as a failure; use exec.Command: " +
			"proc stops the process when the nursery (Start) or ctx (Run) does")
	}
	if ownPipe(cmd, cmd.Stdout) || ownPipe(cmd, cmd.Stderr) {
		return errors.New("cmd.StdoutPipe and cmd.StderrPipe cannot be used with proc: os/exec closes them when proc reaps the process, " +
			"which it does as soon as the process exits, and output not yet read would be lost; " +
			"give cmd.Stdout an os.Pipe (close its write end after starting) or an io.Writer")
	}
	return prepare(cmd)
}

// hasContext reports whether cmd has a context (exec.CommandContext), even
// with its Cancel set back to nil: os/exec still kills the process cmd.WaitDelay
// after that context ends. os/exec keeps the context unexported.
func hasContext(cmd *exec.Cmd) bool {
	ctx := reflect.ValueOf(cmd).Elem().FieldByName("ctx")
	return ctx.IsValid() && !ctx.IsNil()
}

// ownPipe reports whether w is the write end of a pipe that cmd made itself,
// with StdoutPipe or StderrPipe: os/exec then holds the read end, and closes
// it in cmd.Wait. It finds w among the files cmd will close once the child
// has them (unexported, as above).
func ownPipe(cmd *exec.Cmd, w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	files := reflect.ValueOf(cmd).Elem().FieldByName("childIOFiles")
	if !files.IsValid() {
		return false
	}
	for i := range files.Len() {
		if c := files.Index(i).Elem(); c.Kind() == reflect.Pointer && c.Pointer() == reflect.ValueOf(f).Pointer() {
			return true
		}
	}
	return false
}

// refuseStopped returns an error that wraps the stop's cause if ctx is done
// or its nursery is stopping: a process started then would only be terminated.
func (p *Process) refuseStopped(ctx context.Context) error {
	stop := nursery.Stopping(ctx)
	if ctx.Err() != nil {
		stop = ctx
	}
	if stop.Err() == nil {
		return nil
	}
	return &stopError{name: p.opts.name, ctxErr: stop.Err(), cause: context.Cause(stop)}
}
