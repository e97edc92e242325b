//go:build linux

package proc_test

import (
	"context"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
	"github.com/twine-go/twine/runtime/proc"
)

// Commands proc cannot run as it promises are refused, by Start and by Run,
// with an error that says why and what to do; nothing is started. Start
// cancels its nursery with the error, as after any failed start.
func TestRefusedCommands(t *testing.T) {
	for _, tc := range []struct {
		name string
		cmd  func(t *testing.T, ctx context.Context) *exec.Cmd
		want string
	}{
		{"CommandContext", func(t *testing.T, ctx context.Context) *exec.Cmd {
			return exec.CommandContext(ctx, helperPath(t), "exit", "0")
		}, "exec.CommandContext"},
		{"CommandContext without Cancel", func(t *testing.T, ctx context.Context) *exec.Cmd {
			// os/exec still kills it cmd.WaitDelay after ctx ends.
			cmd := exec.CommandContext(ctx, helperPath(t), "exit", "0")
			cmd.Cancel = nil
			return cmd
		}, "exec.CommandContext"},
		{"StdoutPipe", func(t *testing.T, ctx context.Context) *exec.Cmd {
			cmd := helperCmd("exit", "0")
			r, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Close() })
			return cmd
		}, "cmd.StdoutPipe"},
		{"StderrPipe", func(t *testing.T, ctx context.Context) *exec.Cmd {
			cmd := helperCmd("exit", "0")
			r, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Close() })
			return cmd
		}, "cmd.StderrPipe"},
	} {
		t.Run(tc.name+"/Run", func(t *testing.T) {
			noLeaks(t)
			cmd := tc.cmd(t, t.Context())
			err := proc.Run(t.Context(), cmd)
			refused(t, cmd, err, tc.want)
		})
		t.Run(tc.name+"/Start", func(t *testing.T) {
			noLeaks(t)
			var cmd *exec.Cmd
			var startErr error
			err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
				cmd = tc.cmd(t, n.Context())
				_, startErr = proc.Start(n, cmd)
				return nil
			})
			refused(t, cmd, startErr, tc.want)
			if !errors.Is(err, startErr) {
				t.Errorf("nursery: %v, want the refusal", err)
			}
		})
	}
}

func refused(t *testing.T, cmd *exec.Cmd, err error, want string) {
	t.Helper()
	if err == nil || !strings.HasPrefix(err.Error(), "proc: start ") || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want a refusal that names %s", err, want)
	}
	if cmd.Process != nil {
		t.Error("the process was started")
	}
}

// helperPath is the test binary, for commands that helperCmd cannot build.
func helperPath(t *testing.T) string {
	t.Helper()
	return helperCmd("exit").Path
}

// A command made with exec.CommandContext would race proc's own stop: os/exec
// kills the process with SIGKILL when the context ends, and that kill read
// as an extra failure when a sibling failed (issue 12, finding 6). Refused,
// it cannot: the nursery's failure is the only one reported.
func TestCommandContextCannotReadAsFailure(t *testing.T) {
	noLeaks(t)
	errA := errors.New("errA")
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		if _, err := proc.Start(n, exec.CommandContext(n.Context(), helperPath(t), "exit", "0")); err == nil {
			t.Error("Start accepted an exec.CommandContext command")
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "exec.CommandContext") {
		t.Fatalf("nursery: %v, want the refusal", err)
	}
	// The same program with exec.Command, a sibling failing: one failure.
	cmd, out := trapCmd("c", "ignore")
	err = nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		if _, err := proc.Start(n, cmd, proc.WithGrace(0)); err != nil {
			return err
		}
		out.expect(t, "c ready")
		n.Go(func(context.Context) error { return errA })
		return nil
	})
	if err != errA {
		t.Errorf("nursery: %v, want errA alone", err)
	}
}

// cmd.StdinPipe works with proc as with os/exec: what is written reaches the
// process, and closing the pipe is its EOF.
func TestStdinPipe(t *testing.T) {
	noLeaks(t)
	var out syncBuffer
	cmd := helperCmd("cat")
	cmd.Stdout = &out
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	err = nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		p, err := proc.Start(n, cmd)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(in, "hello\n"); err != nil {
			return err
		}
		in.Close()
		return p.Wait()
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "hello\n" {
		t.Errorf("output %q, want %q", got, "hello\n")
	}
	sameSignals(t, cmd.Process.Pid)
}

// While SIGCHLD is ignored the kernel reaps children itself, so proc could
// not keep a pid its own: it refuses to start anything. The helper ignores
// SIGCHLD in a process of its own: os/signal cannot undo that.
func TestRefusedWhileSIGCHLDIgnored(t *testing.T) {
	noLeaks(t)
	out, err := helperCmd("sigchld").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "proc: start proc.test: SIGCHLD is ignored (signal.Ignore), so the kernel reaps child processes itself; proc needs to reap its own; started: false\n"
	if string(out) != want {
		t.Errorf("helper printed %q, want %q", out, want)
	}
}

// proc.Start on a nursery that is cancelled while Start waits for a Limit
// slot (or before) starts nothing, reports nothing new and does not cancel
// the nursery again (issue 12, finding 4): after Cancel(nil) the nursery
// reports no failure, after a failure errA it reports errA once.
func TestStartOnCancelledLimitedNursery(t *testing.T) {
	errA := errors.New("errA")
	for _, tc := range []struct {
		name   string
		cancel func(n *nursery.Nursery)
		want   error // what the nursery reports
		is     error // what Start's error wraps
	}{
		{"Cancel(nil)", func(n *nursery.Nursery) { n.Cancel(nil) }, nil, context.Canceled},
		{"failure", func(n *nursery.Nursery) { n.Go(func(context.Context) error { return errA }) }, errA, errA},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeaks(t)
			cmd := helperCmd("exit", "0")
			var startErr error
			err := nursery.Config{Limit: 1}.Run(t.Context(), func(n *nursery.Nursery) error {
				tc.cancel(n)
				<-n.Context().Done()
				_, startErr = proc.Start(n, cmd)
				return nil
			})
			if err != tc.want {
				t.Errorf("nursery: %v, want %v", err, tc.want)
			}
			if !errors.Is(startErr, tc.is) || !errors.Is(startErr, context.Canceled) || !strings.Contains(startErr.Error(), "not started") {
				t.Errorf("Start: %v, want a refusal that wraps %v", startErr, tc.is)
			}
			if cmd.Process != nil {
				t.Error("the process was started")
			}
		})
	}
}

// The same while Start waits for the slot: the task that holds the nursery's
// only slot fails once Start is waiting for it.
func TestStartWaitingForSlotWhenCancelled(t *testing.T) {
	noLeaks(t)
	errA := errors.New("errA")
	cmd := helperCmd("exit", "0")
	var startErr error
	err := nursery.Config{Limit: 1}.Run(t.Context(), func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			for n.Snapshot().Waiting == 0 && ctx.Err() == nil {
				time.Sleep(time.Millisecond) // until Start waits for the slot
			}
			return errA
		})
		_, startErr = proc.Start(n, cmd)
		return nil
	})
	if err != errA {
		t.Errorf("nursery: %v, want errA once", err)
	}
	if !errors.Is(startErr, errA) || cmd.Process != nil {
		t.Errorf("Start: %v (started: %v), want a refusal that wraps errA", startErr, cmd.Process != nil)
	}
}
