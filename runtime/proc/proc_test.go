//go:build linux

package proc_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
	"github.com/twine-go/twine/runtime/proc"
)

var errBoom = errors.New("boom")

// trapCmd returns a helper that prints "TAG ready" and reports the signals it
// traps; action is "exit" (exit 0 at the first) or "ignore".
func trapCmd(tag, action string, sigs ...string) (*exec.Cmd, *lines) {
	cmd := helperCmd("trap", append([]string{tag, action}, sigs...)...)
	out := newLines()
	cmd.Stdout, cmd.Stderr = out, os.Stderr
	return cmd, out
}

func signalError(t *testing.T, err error) *proc.SignalError {
	t.Helper()
	var se *proc.SignalError
	if !errors.As(err, &se) {
		t.Fatalf("error %v (%T) is not a *proc.SignalError", err, err)
	}
	return se
}

func noSignalError(t *testing.T, err error) {
	t.Helper()
	var se *proc.SignalError
	if errors.As(err, &se) {
		t.Fatalf("error %v: the process was killed by a signal", err)
	}
}

func sameSignals(t *testing.T, pid int, want ...syscall.Signal) {
	t.Helper()
	if got := sentTo(pid); !slices.Equal(got, want) {
		t.Errorf("signals sent to %d: %v, want %v", pid, got, want)
	}
}

// The typed-process race (seed 003): a child that closes stdout and exits 0 a
// moment later must be waited for, never signalled, however its exit and the
// parent's EOF interleave.
func TestWaitOnSuccessNeverSignals(t *testing.T) {
	noLeaks(t)
	delays := []string{"0s", "100us", "1ms", "3ms"}
	rounds := 200
	if testing.Short() {
		rounds = 40
	}
	for i := range rounds {
		var pid int
		err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
			r, w, err := os.Pipe()
			if err != nil {
				return err
			}
			defer r.Close()
			cmd := helperCmd("closeexit", delays[i%len(delays)])
			cmd.Stdout = w
			p, err := proc.Start(n, cmd)
			w.Close()
			if err != nil {
				return err
			}
			pid = p.Pid()
			if _, err := io.Copy(io.Discard, r); err != nil {
				return err
			}
			if i%2 == 0 {
				return p.Wait() // or leave the waiting to the nursery
			}
			return nil
		})
		if err != nil {
			t.Fatalf("iteration %d: %v", i, err)
		}
		sameSignals(t, pid)
		requireGone(t, pid)
	}
}

func TestRunWaitsOnSuccess(t *testing.T) {
	noLeaks(t)
	cmd := helperCmd("closeexit", "1ms")
	if err := proc.Run(t.Context(), cmd); err != nil {
		t.Fatal(err)
	}
	if !cmd.ProcessState.Success() {
		t.Fatalf("state %v", cmd.ProcessState)
	}
	sameSignals(t, cmd.Process.Pid)
	requireGone(t, cmd.Process.Pid)
}

func TestExitStatusIsAFailure(t *testing.T) {
	noLeaks(t)
	var p *proc.Process
	siblingCancelled := false
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			<-ctx.Done()
			siblingCancelled = true
			return ctx.Err()
		})
		var err error
		p, err = proc.Start(n, helperCmd("exit", "3"), proc.WithName("three"))
		return err
	})
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("nursery error %v, want the *exec.ExitError of exit status 3", err)
	}
	noSignalError(t, err)
	if errors.Is(err, context.Canceled) {
		t.Errorf("error %v wraps context.Canceled", err)
	}
	if want := "proc: three (pid " + strconv.Itoa(p.Pid()) + "): exit status 3"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	if !siblingCancelled {
		t.Error("the failure did not cancel the sibling")
	}
	if werr := p.Wait(); !errors.As(werr, &ee) {
		t.Errorf("Wait: %v", werr)
	}
	requireGone(t, p.Pid())
}

func TestSignalNotSentByTwine(t *testing.T) {
	noLeaks(t)
	cmd := helperCmd("selfsignal", strconv.Itoa(int(syscall.SIGHUP)))
	err := proc.Run(t.Context(), cmd, proc.WithName("self"))
	se := signalError(t, err)
	if se.Signal != syscall.SIGHUP || se.Sent || se.Pid != cmd.Process.Pid || se.Name != "self" {
		t.Errorf("got %+v, want SIGHUP not sent by twine", se)
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Error("a SignalError does not unwrap to *exec.ExitError")
	}
	if want := "killed by SIGHUP (not sent by twine)"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	sameSignals(t, cmd.Process.Pid)
}

func TestProcessSignal(t *testing.T) {
	noLeaks(t)
	var p *proc.Process
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		cmd, out := trapCmd("c", "ignore", "SIGUSR1")
		var err error
		if p, err = proc.Start(n, cmd); err != nil {
			return err
		}
		out.expect(t, "c ready")
		if err := p.Signal(syscall.SIGUSR1); err != nil {
			return err
		}
		out.expect(t, "c got SIGUSR1")
		return p.Signal(syscall.SIGHUP) // not trapped: it ends the process
	})
	se := signalError(t, err)
	if se.Signal != syscall.SIGHUP || !se.Sent {
		t.Errorf("got %+v, want SIGHUP sent by twine", se)
	}
	if err := p.Signal(syscall.SIGUSR1); !errors.Is(err, os.ErrProcessDone) {
		t.Errorf("Signal after the end: %v, want os.ErrProcessDone", err)
	}
	sameSignals(t, p.Pid(), syscall.SIGUSR1, syscall.SIGHUP)
	requireGone(t, p.Pid())
}

// At the nursery's soft stop the process gets SIGTERM; exiting on it ends
// the shutdown without waiting for the grace, and is not a failure.
func TestSoftStopTerminates(t *testing.T) {
	noLeaks(t)
	var p *proc.Process
	cmd, out := trapCmd("c", "exit", "SIGTERM")
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		var err error
		if p, err = proc.Start(n, cmd); err != nil {
			return err
		}
		out.expect(t, "c ready")
		n.Shutdown(time.Hour) // a test that waited for it would time out
		return nil
	})
	if err != nil {
		t.Fatalf("nursery: %v", err)
	}
	werr := p.Wait()
	if !errors.Is(werr, context.Canceled) {
		t.Errorf("Wait: %v, want a cancellation", werr)
	}
	noSignalError(t, werr)
	if !out.printed("c got SIGTERM") {
		t.Error("the child did not get SIGTERM")
	}
	sameSignals(t, p.Pid(), syscall.SIGTERM, syscall.SIGCONT)
	requireGone(t, p.Pid())
}

// A child that ignores SIGTERM gets SIGKILL at the hard cancel, whatever its
// own grace: after a soft stop the nursery decides. The hard cancel comes
// once the child said it got SIGTERM, so that no timing is involved.
func TestSoftStopThenHardCancelKills(t *testing.T) {
	noLeaks(t)
	var p *proc.Process
	cmd, out := trapCmd("c", "ignore", "SIGTERM")
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		var err error
		if p, err = proc.Start(n, cmd, proc.WithGrace(time.Hour)); err != nil {
			return err
		}
		out.expect(t, "c ready")
		n.Shutdown(time.Hour)
		out.expect(t, "c got SIGTERM")
		n.Cancel(nil)
		return nil
	})
	if err != nil {
		t.Fatalf("nursery: %v", err)
	}
	werr := p.Wait()
	se := signalError(t, werr)
	if se.Signal != syscall.SIGKILL || !se.Sent {
		t.Errorf("got %+v, want SIGKILL sent by twine", se)
	}
	if !errors.Is(werr, context.Canceled) {
		t.Errorf("Wait: %v, want a cancellation", werr)
	}
	sameSignals(t, p.Pid(), syscall.SIGTERM, syscall.SIGCONT, syscall.SIGKILL)
	requireGone(t, p.Pid())
}

// Close on a nursery with zero Grace (the default) is a soft stop and a hard
// cancel at once. The process gets the termination signal and then its own
// grace (WithGrace) before SIGKILL, as after a failure: Close waits that long
// for a process that ignores the signal, and no longer.
func TestCloseWithoutGrace(t *testing.T) {
	t.Run("own grace runs out", func(t *testing.T) {
		noLeaks(t)
		cmd, out := trapCmd("c", "ignore", "SIGTERM")
		n := nursery.New(t.Context())
		p, err := proc.Start(n, cmd, proc.WithGrace(100*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		out.expect(t, "c ready")
		if err := n.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		werr := p.Wait()
		if se := signalError(t, werr); se.Signal != syscall.SIGKILL || !se.Sent {
			t.Errorf("got %+v, want SIGKILL sent by twine", se)
		}
		if !errors.Is(werr, context.Canceled) {
			t.Errorf("Wait: %v, want a cancellation", werr)
		}
		sameSignals(t, p.Pid(), syscall.SIGTERM, syscall.SIGCONT, syscall.SIGKILL)
	})
	// Within its own grace the process may still finish: here it exits when
	// its stdin closes, which the test does once it got SIGTERM.
	for _, tc := range []struct {
		name string
		stop func(n *nursery.Nursery, out *lines)
	}{
		{"Close", func(n *nursery.Nursery, out *lines) { n.Shutdown(0) }},
		// The soft stop, seen alone, then a hard cancel with the soft stop's
		// own cause: the order in which Close's two halves may reach proc.
		{"Shutdown then Shutdown(0)", func(n *nursery.Nursery, out *lines) {
			n.Shutdown(time.Hour)
			out.expect(t, "c got SIGTERM")
			n.Shutdown(0)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeaks(t)
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			out := newLines()
			cmd := helperCmd("stubborn", "c")
			cmd.Stdin, cmd.Stdout, cmd.Stderr = r, out, os.Stderr
			n := nursery.New(t.Context())
			p, err := proc.Start(n, cmd, proc.WithGrace(time.Hour))
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
			out.expect(t, "c ready")
			tc.stop(n, out)
			out.expect(t, "c got SIGTERM")
			w.Close()
			if err := n.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			werr := p.Wait()
			noSignalError(t, werr)
			if !errors.Is(werr, context.Canceled) {
				t.Errorf("Wait: %v, want a cancellation", werr)
			}
			sameSignals(t, p.Pid(), syscall.SIGTERM, syscall.SIGCONT)
		})
	}
}

// A failure is a hard cancel with no soft stop before it: SIGTERM, then
// SIGKILL when the process's own grace runs out. The process's end is not
// counted as a second failure.
func TestFailureTerminatesWithOwnGrace(t *testing.T) {
	for _, tc := range []struct {
		action string
		grace  time.Duration
		killed bool
	}{
		{"exit", time.Hour, false}, // ends early: a test that waited for the hour would time out
		{"ignore", 50 * time.Millisecond, true},
	} {
		t.Run(tc.action, func(t *testing.T) {
			noLeaks(t)
			var p *proc.Process
			cmd, out := trapCmd("c", tc.action, "SIGTERM")
			err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
				var err error
				if p, err = proc.Start(n, cmd, proc.WithGrace(tc.grace)); err != nil {
					return err
				}
				out.expect(t, "c ready")
				n.Go(func(context.Context) error { return errBoom })
				return nil
			})
			if !errors.Is(err, errBoom) {
				t.Fatalf("nursery: %v, want boom", err)
			}
			noSignalError(t, err)
			werr := p.Wait()
			if !errors.Is(werr, errBoom) || !errors.Is(werr, context.Canceled) {
				t.Errorf("Wait: %v, want the cancellation by boom", werr)
			}
			if tc.killed {
				if se := signalError(t, werr); se.Signal != syscall.SIGKILL || !se.Sent {
					t.Errorf("got %+v, want SIGKILL sent by twine", se)
				}
				sameSignals(t, p.Pid(), syscall.SIGTERM, syscall.SIGCONT, syscall.SIGKILL)
			} else {
				noSignalError(t, werr)
				sameSignals(t, p.Pid(), syscall.SIGTERM, syscall.SIGCONT)
			}
			// The order of the signals is in sameSignals; a child that
			// ignores SIGTERM may be killed before it says it got it.
			if !tc.killed && !out.printed("c got SIGTERM") {
				t.Error("the child did not get SIGTERM")
			}
			requireGone(t, p.Pid())
		})
	}
}

// Run cut short by its context terminates with its own grace and reports
// the cancellation, its cause and how the process ended.
func TestRunCancelled(t *testing.T) {
	errStop := errors.New("stop it")
	for _, tc := range []struct {
		name   string
		args   []string // trap TAG ACTION SIGS...
		opts   []proc.Option
		killed syscall.Signal   // 0: exited 0 on its own signal handler
		sent   []syscall.Signal // in order
		report string           // what the child must print
	}{
		{"exits on SIGTERM", []string{"exit", "SIGTERM"}, []proc.Option{proc.WithGrace(time.Hour)},
			0, []syscall.Signal{syscall.SIGTERM, syscall.SIGCONT}, "c got SIGTERM"},
		{"dies of SIGTERM", []string{"ignore"}, nil,
			syscall.SIGTERM, []syscall.Signal{syscall.SIGTERM, syscall.SIGCONT}, ""},
		{"ignores SIGTERM", []string{"ignore", "SIGTERM"}, []proc.Option{proc.WithGrace(50 * time.Millisecond)},
			syscall.SIGKILL, []syscall.Signal{syscall.SIGTERM, syscall.SIGCONT, syscall.SIGKILL}, ""},
		{"WithSignal", []string{"exit", "SIGINT"}, []proc.Option{proc.WithSignal(syscall.SIGINT)},
			0, []syscall.Signal{syscall.SIGINT, syscall.SIGCONT}, "c got SIGINT"},
		{"no grace", []string{"ignore", "SIGTERM"}, []proc.Option{proc.WithGrace(0)},
			syscall.SIGKILL, []syscall.Signal{syscall.SIGKILL}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeaks(t)
			cmd, out := trapCmd("c", tc.args[0], tc.args[1:]...)
			ctx, cancel := context.WithCancelCause(t.Context())
			var wg sync.WaitGroup
			wg.Go(func() {
				out.expect(t, "c ready")
				cancel(errStop)
			})
			err := proc.Run(ctx, cmd, tc.opts...)
			wg.Wait()
			if !errors.Is(err, context.Canceled) || !errors.Is(err, errStop) {
				t.Fatalf("Run: %v, want the cancellation by %v", err, errStop)
			}
			if tc.killed == 0 {
				noSignalError(t, err)
			} else if se := signalError(t, err); se.Signal != tc.killed || !se.Sent {
				t.Errorf("got %+v, want %v sent by twine", se, tc.killed)
			}
			if tc.report != "" && !out.printed(tc.report) {
				t.Errorf("the child did not print %q", tc.report)
			}
			if slices.Equal(tc.sent, []syscall.Signal{syscall.SIGKILL}) && out.printed("c got SIGTERM") {
				t.Error("the child got SIGTERM")
			}
			sameSignals(t, cmd.Process.Pid, tc.sent...)
			requireGone(t, cmd.Process.Pid)
		})
	}
}

func TestRunCancelledMessage(t *testing.T) {
	noLeaks(t)
	cmd, out := trapCmd("c", "ignore")
	ctx, cancel := context.WithCancelCause(t.Context())
	var wg sync.WaitGroup
	wg.Go(func() {
		out.expect(t, "c ready")
		cancel(errBoom)
	})
	err := proc.Run(ctx, cmd, proc.WithName("svc"))
	wg.Wait()
	want := "proc: svc (pid " + strconv.Itoa(cmd.Process.Pid) + ") stopped by twine: boom: killed by SIGTERM (sent by twine)"
	if err == nil || err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestRunDoesNotStartWhenDone(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	cmd := helperCmd("exit", "0")
	err := proc.Run(ctx, cmd)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run: %v, want context.Canceled", err)
	}
	if cmd.Process != nil {
		t.Error("the process was started")
	}
}

func TestStartRefusedWhileStopping(t *testing.T) {
	noLeaks(t)
	cmd := helperCmd("exit", "0")
	var startErr error
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		n.Shutdown(time.Hour)
		_, startErr = proc.Start(n, cmd)
		return nil
	})
	if err != nil {
		t.Errorf("nursery: %v; a refused start is not a failure", err)
	}
	if !errors.Is(startErr, context.Canceled) || !strings.Contains(startErr.Error(), "not started") {
		t.Errorf("Start: %v, want a refusal that wraps the stop", startErr)
	}
	if cmd.Process != nil {
		t.Error("the process was started")
	}
}

// Run called from a nursery task follows the nursery: SIGTERM at its soft
// stop, SIGKILL at its hard cancel, not after the process's own grace.
func TestRunInNurseryFollowsIt(t *testing.T) {
	noLeaks(t)
	cmd, out := trapCmd("c", "ignore", "SIGTERM")
	var runErr error
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			runErr = proc.Run(ctx, cmd, proc.WithGrace(time.Hour))
			return runErr
		})
		out.expect(t, "c ready")
		n.Shutdown(50 * time.Millisecond) // a test that waited for the hour would time out
		return nil
	})
	if err != nil {
		t.Fatalf("nursery: %v", err)
	}
	sameSignals(t, cmd.Process.Pid, syscall.SIGTERM, syscall.SIGCONT, syscall.SIGKILL)
	if se := signalError(t, runErr); se.Signal != syscall.SIGKILL || !se.Sent {
		t.Errorf("got %+v, want SIGKILL sent by twine", se)
	}
	if !errors.Is(runErr, context.Canceled) {
		t.Errorf("Run: %v, want a cancellation", runErr)
	}
	requireGone(t, cmd.Process.Pid)
}

// A stopped process acts on SIGTERM only once continued: proc sends SIGCONT
// after the termination signal.
func TestStoppedProcessIsContinued(t *testing.T) {
	noLeaks(t)
	cmd, out := trapCmd("c", "exit", "SIGTERM")
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	wg.Go(func() {
		out.expect(t, "c ready")
		syscall.Kill(cmd.Process.Pid, syscall.SIGSTOP)
		for !stopped(cmd.Process.Pid) {
			time.Sleep(time.Millisecond)
		}
		cancel()
	})
	// Without SIGCONT the process would stay stopped and die of SIGKILL
	// after a minute: a failure below, not a hang.
	err := proc.Run(ctx, cmd, proc.WithGrace(time.Minute))
	wg.Wait()
	noSignalError(t, err)
	if !out.printed("c got SIGTERM") {
		t.Error("the child did not act on SIGTERM")
	}
	requireGone(t, cmd.Process.Pid)
}

func stopped(pid int) bool {
	b, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	state, _, _, _ := proc.ParseStat(b)
	return state == 'T'
}

// Nothing survives: the members a process leaves in its group are
// terminated when it exits, and are gone when Run returns.
func TestLeftoverGroupIsTerminated(t *testing.T) {
	for _, tc := range []struct {
		gaction string
		opts    []proc.Option
		sent    []syscall.Signal
	}{
		{"exit", []proc.Option{proc.WithGrace(time.Hour)}, []syscall.Signal{syscall.SIGTERM, syscall.SIGCONT}},
		{"ignore", []proc.Option{proc.WithGrace(50 * time.Millisecond)}, []syscall.Signal{syscall.SIGTERM, syscall.SIGCONT, syscall.SIGKILL}},
	} {
		t.Run(tc.gaction, func(t *testing.T) {
			noLeaks(t)
			out := newLines()
			cmd := helperCmd("spawn", "c", "now", "2", "-", "trap", tc.gaction, "SIGTERM")
			cmd.Stdout, cmd.Stderr = out, os.Stderr
			if err := proc.Run(t.Context(), cmd, tc.opts...); err != nil {
				t.Fatalf("Run: %v; the process itself exited 0", err)
			}
			g := pids(t, out.expectPrefix(t, "c pids "))
			requireGone(t, append(g, cmd.Process.Pid)...)
			for i := range g {
				// Ignoring grandchildren may be killed before they say so.
				if tag := "g" + strconv.Itoa(i+1); tc.gaction == "exit" && !out.printed(tag+" got SIGTERM") {
					t.Errorf("%s did not get SIGTERM", tag)
				}
			}
			sameSignals(t, cmd.Process.Pid, tc.sent...)
		})
	}
}

// At a stop the whole group is terminated: SIGTERM to every member, then
// SIGKILL to every member at the hard cancel, which comes once each one said
// it got SIGTERM.
func TestStopTerminatesTheGroup(t *testing.T) {
	for _, action := range []string{"exit", "ignore"} {
		t.Run(action, func(t *testing.T) {
			noLeaks(t)
			out := newLines()
			cmd := helperCmd("spawn", "c", action, "2", "-", "trap", action, "SIGTERM")
			cmd.Stdout, cmd.Stderr = out, os.Stderr
			var p *proc.Process
			err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
				var err error
				if p, err = proc.Start(n, cmd, proc.WithGrace(time.Hour)); err != nil {
					return err
				}
				out.expect(t, "c ready")
				n.Shutdown(time.Hour)
				if action == "ignore" {
					for _, tag := range []string{"c", "g1", "g2"} {
						out.expect(t, tag+" got SIGTERM")
					}
					n.Cancel(nil)
				}
				return nil
			})
			if err != nil {
				t.Fatalf("nursery: %v", err)
			}
			g := pids(t, out.expectPrefix(t, "c pids "))
			requireGone(t, append(g, p.Pid())...)
			for _, tag := range []string{"c", "g1", "g2"} {
				if !out.printed(tag + " got SIGTERM") {
					t.Errorf("%s did not get SIGTERM", tag)
				}
			}
			werr := p.Wait()
			if !errors.Is(werr, context.Canceled) {
				t.Errorf("Wait: %v, want a cancellation", werr)
			}
			if action == "ignore" {
				if se := signalError(t, werr); se.Signal != syscall.SIGKILL {
					t.Errorf("got %+v, want SIGKILL", se)
				}
			}
		})
	}
}

// A grandchild that left the group (setsid) and holds stdout cannot hang
// Run: the pipes are closed after cmd.WaitDelay and Run says so. Such a
// grandchild is not proc's to kill; the test does it.
func TestDetachedGrandchildHoldingStdout(t *testing.T) {
	noLeaks(t)
	out := newLines()
	cmd := helperCmd("spawn", "c", "now", "1", "setsid", "trap", "ignore", "SIGTERM")
	cmd.Stdout, cmd.Stderr = out, os.Stderr
	pidFile := filepath.Join(t.TempDir(), "pids") // the pipe may close before the pids are read from it
	cmd.Env = append(cmd.Env, pidsEnv+"="+pidFile)
	cmd.WaitDelay = 50 * time.Millisecond
	err := proc.Run(t.Context(), cmd, proc.WithName("holder"))
	b, rerr := os.ReadFile(pidFile)
	if rerr != nil {
		t.Fatal(rerr)
	}
	g := pids(t, string(b))
	t.Cleanup(func() {
		syscall.Kill(g[0], syscall.SIGKILL)
		eventuallyGone(t, g...)
	})
	if !errors.Is(err, proc.ErrIOHeld) || !errors.Is(err, exec.ErrWaitDelay) {
		t.Fatalf("Run: %v, want ErrIOHeld", err)
	}
	if !strings.HasPrefix(err.Error(), "proc: holder (pid ") {
		t.Errorf("error %q does not name the process", err)
	}
	requireGone(t, cmd.Process.Pid)
	if !alive(g[0]) {
		t.Errorf("the detached grandchild is gone: the test proves nothing")
	}
}

// A failed start terminates the processes the same nursery started, and is
// reported by both Start and the nursery.
func TestStartFailureTerminatesTheOthers(t *testing.T) {
	for _, tc := range []struct {
		name string
		cmd  func(t *testing.T) *exec.Cmd
		opts []proc.Option
		is   error
	}{
		{"missing program", func(t *testing.T) *exec.Cmd {
			return exec.Command(filepath.Join(t.TempDir(), "missing"))
		}, nil, fs.ErrNotExist},
		{"lifeline with stdin", func(t *testing.T) *exec.Cmd {
			cmd := helperCmd("exit", "0")
			cmd.Stdin = strings.NewReader("")
			return cmd
		}, []proc.Option{proc.WithStdinLifeline()}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeaks(t)
			var p *proc.Process
			var startErr error
			cmd, out := trapCmd("c", "exit", "SIGTERM")
			err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
				var err error
				if p, err = proc.Start(n, cmd, proc.WithGrace(time.Hour)); err != nil {
					return err
				}
				out.expect(t, "c ready")
				_, startErr = proc.Start(n, tc.cmd(t), tc.opts...)
				return nil
			})
			if startErr == nil || (tc.is != nil && !errors.Is(startErr, tc.is)) {
				t.Fatalf("Start: %v", startErr)
			}
			if !strings.HasPrefix(startErr.Error(), "proc: start ") {
				t.Errorf("Start error %q", startErr)
			}
			if !errors.Is(err, startErr) {
				t.Errorf("nursery: %v, want the start error", err)
			}
			if werr := p.Wait(); !errors.Is(werr, startErr) {
				t.Errorf("first process: %v, want its cancellation by the start error", werr)
			}
			if !out.printed("c got SIGTERM") {
				t.Error("the first process was not terminated")
			}
			requireGone(t, p.Pid())
		})
	}
}

// The stdin lifeline is closed when the process exits, so a descendant that
// left the group but watches its stdin ends too.
func TestLifelineClosedAtExit(t *testing.T) {
	noLeaks(t)
	out := newLines()
	cmd := helperCmd("spawn", "c", "now", "1", "setsid", "watch")
	cmd.Stdout, cmd.Stderr = out, os.Stderr
	if err := proc.Run(t.Context(), cmd, proc.WithStdinLifeline()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	g := pids(t, out.expectPrefix(t, "c pids "))
	eventuallyGone(t, g...)
	if !out.printed("g1 eof") {
		t.Error("the grandchild did not see EOF on its stdin")
	}
}

// Parent death: a parent killed with SIGKILL runs no cleanup, yet its child
// dies (Pdeathsig from the locked thread).
func TestParentKilledChildDies(t *testing.T) {
	needParentDeathSignal(t)
	noLeaks(t)
	out := newLines()
	cmd := helperCmd("parent", "plain", "trap", "c", "ignore", "SIGTERM")
	cmd.Stdout, cmd.Stderr = out, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	child := pids(t, out.expectPrefix(t, "parent ready "))
	out.expect(t, "c ready")
	syscall.Kill(cmd.Process.Pid, syscall.SIGKILL)
	eventuallyGone(t, child...)
	cmd.Wait() // the child shared stdout: it returns once the child is gone
}

// Pdeathsig follows the thread that started the child (golang/go#27505):
// threads end when a goroutine locked to one exits. proc starts each child
// from a thread of its own, so such exits elsewhere never kill it.
func TestThreadExitsDoNotKillTheChild(t *testing.T) {
	noLeaks(t)
	cmd, out := trapCmd("c", "exit", "SIGTERM")
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		p, err := proc.Start(n, cmd)
		if err != nil {
			return err
		}
		out.expect(t, "c ready")
		for range 20 {
			// Goroutines that end locked to their threads end those threads;
			// each runs for a while so that the scheduler spreads them over
			// every idle thread.
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					runtime.LockOSThread()
					time.Sleep(time.Millisecond)
				})
			}
			wg.Wait()
		}
		select {
		case <-p.Done():
			t.Errorf("the child died: %v", p.Wait())
		default:
		}
		n.Shutdown(time.Hour)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Parent death with the lifeline: the child dies of Pdeathsig and its
// detached grandchild, which Pdeathsig does not reach, sees EOF on the stdin
// it inherited.
func TestParentKilledLifelineReachesDetachedGrandchild(t *testing.T) {
	needParentDeathSignal(t)
	noLeaks(t)
	out := newLines()
	cmd := helperCmd("parent", "lifeline", "spawn", "c", "ignore", "1", "setsid", "watch")
	cmd.Stdout, cmd.Stderr = out, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	child := pids(t, out.expectPrefix(t, "parent ready "))
	g := pids(t, out.expectPrefix(t, "c pids "))
	syscall.Kill(cmd.Process.Pid, syscall.SIGKILL)
	eventuallyGone(t, append(child, g...)...)
	cmd.Wait() // they shared stdout: it returns once they are gone
	if !out.printed("g1 eof") {
		t.Error("the grandchild did not see EOF on its stdin")
	}
}

// Without a parent-death signal (the POSIX implementation), the stdin
// lifeline is what tells a child that its parent died: a parent killed with
// SIGKILL leaves a child that watches its stdin, which reads EOF and exits.
// With Pdeathsig the child is killed instead; it is gone either way.
func TestParentKilledLifelineEndsChild(t *testing.T) {
	noLeaks(t)
	out := newLines()
	cmd := helperCmd("parent", "lifeline", "watch", "c")
	cmd.Stdout, cmd.Stderr = out, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	child := pids(t, out.expectPrefix(t, "parent ready "))
	out.expect(t, "c ready")
	syscall.Kill(cmd.Process.Pid, syscall.SIGKILL)
	eventuallyGone(t, child...)
	cmd.Wait() // the child shared stdout: it returns once the child is gone
	if !proc.ParentDeathSignal && !out.printed("c eof") {
		t.Error("the child did not see EOF on its stdin")
	}
}

func needParentDeathSignal(t *testing.T) {
	if !proc.ParentDeathSignal {
		t.Skip("needs a parent-death signal (Pdeathsig), which the POSIX implementation does not set")
	}
}

// Nothing is ever signalled after it was reaped, however cancellation races
// the exit. TestMain's kill hook checks every signal (noLeaks reports what it
// found); this test makes the race happen.
func TestCancelRacingExit(t *testing.T) {
	noLeaks(t) // which checks every signal proc sent
	for i := range 100 {
		ctx, cancel := context.WithCancel(t.Context())
		cmd := helperCmd("exit", "0")
		var wg sync.WaitGroup
		wg.Go(func() {
			time.Sleep(time.Duration(i%10) * time.Millisecond)
			cancel()
		})
		err := proc.Run(ctx, cmd, proc.WithGrace(0))
		wg.Wait()
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("iteration %d: %v", i, err)
		}
		if cmd.Process != nil {
			requireGone(t, cmd.Process.Pid)
		}
	}
}

// WithName labels the goroutine that watches the process; the nursery's
// task tree shows the task, and no stray goroutine.
func TestNameLabelsGoroutines(t *testing.T) {
	noLeaks(t)
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		cmd, out := trapCmd("c", "exit", "SIGTERM")
		if _, err := proc.Start(n, cmd, proc.WithName("web")); err != nil {
			return err
		}
		out.expect(t, "c ready")
		var b bytes.Buffer
		pprof.Lookup("goroutine").WriteTo(&b, 1)
		if !strings.Contains(b.String(), `# labels: {"twine.proc":"web"}`) {
			t.Errorf("no goroutine labelled twine.proc=web alone in\n%s", b.String())
		}
		// The task is in the nursery's tree, running; proc's own goroutine,
		// which the task joins, is not a stray.
		info := n.Snapshot()
		if len(info.Tasks) != 1 || info.Tasks[0].State != "running" || !strings.HasPrefix(info.Tasks[0].Name, "github.com/twine-go/twine/runtime/proc.") {
			t.Errorf("task tree %+v, want one running proc task", info.Tasks)
		}
		n.Shutdown(time.Hour)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
