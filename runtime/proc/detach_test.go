//go:build linux

package proc_test

import (
	"context"
	"errors"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
	"github.com/twine-go/twine/runtime/proc"
)

// A process run under context.WithoutCancel(ctx) of a task is detached from
// the task's nursery: neither its soft stop nor its hard cancel reach it. The
// child ignores SIGTERM, so proc's SIGTERM would show in what proc sent, and
// its SIGKILL would end the child. While the nursery shuts down, a cleanup
// command started under a detached context runs to completion. Then the
// test ends the child itself: with a SIGINT from outside proc when nothing
// can cancel its context, or by cancelling a context derived from the
// detached one, after which proc terminates it as usual.
func TestWithoutCancelDetachesProcesses(t *testing.T) {
	errDone := errors.New("the test is done with the child")
	for _, tc := range []struct {
		name   string
		detach func(ctx context.Context) (context.Context, context.CancelFunc)
		sent   []syscall.Signal // what proc sends to the child in all
	}{
		{"WithoutCancel", func(ctx context.Context) (context.Context, context.CancelFunc) {
			return context.WithoutCancel(ctx), nil
		}, nil},
		{"WithCancelCause(WithoutCancel)", func(ctx context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
			return ctx, func() { cancel(errDone) }
		}, []syscall.Signal{syscall.SIGTERM, syscall.SIGCONT, syscall.SIGKILL}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeaks(t)
			cmd, out := trapCmd("c", "ignore", "SIGTERM")
			var runErr, cleanupErr error
			cleanup := helperCmd("exit", "0")
			ends := make(chan context.CancelFunc, 1)
			err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
				n.Go(func(ctx context.Context) error {
					ctx, end := tc.detach(ctx)
					ends <- end
					runErr = proc.Run(ctx, cmd, proc.WithGrace(10*time.Millisecond))
					return nil
				})
				n.Go(func(ctx context.Context) error {
					defer func() { // whatever happened, so that the test ends
						if end := <-ends; end != nil {
							end()
						} else {
							cmd.Process.Signal(syscall.SIGINT)
						}
					}()
					<-nursery.Stopping(ctx).Done()
					cleanupErr = proc.Run(context.WithoutCancel(ctx), cleanup)
					n.Cancel(nil) // the hard cancel does not reach it either
					// One more process's run gives proc every chance to act
					// on the stop, had it reached the child.
					proc.Run(context.WithoutCancel(ctx), helperCmd("exit", "0"))
					if got := sentTo(cmd.Process.Pid); len(got) > 0 {
						t.Errorf("proc sent %v to the detached child at the nursery's stop", got)
					}
					return nil
				})
				out.expect(t, "c ready")
				n.Shutdown(time.Hour)
				return nil
			})
			if err != nil {
				t.Fatalf("nursery: %v", err)
			}
			if cleanupErr != nil || !cleanup.ProcessState.Success() {
				t.Errorf("cleanup during the graceful shutdown: %v, want it run to exit status 0", cleanupErr)
			}
			if got := sentTo(cmd.Process.Pid); !slices.Equal(got, tc.sent) {
				t.Errorf("proc sent %v to the child, want %v", got, tc.sent)
			}
			if tc.sent == nil {
				if se := signalError(t, runErr); se.Signal != syscall.SIGINT || se.Sent {
					t.Errorf("Run: %v, want the child ended by the test's own SIGINT", runErr)
				}
			} else if !errors.Is(runErr, errDone) || !errors.Is(runErr, context.Canceled) {
				t.Errorf("Run: %v, want the cancellation by the detached context's own cause", runErr)
			}
			requireGone(t, cmd.Process.Pid)
		})
	}
}
