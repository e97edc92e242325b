package nursery

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

var (
	errA = errors.New("a failed")
	errB = errors.New("b failed")
	errC = errors.New("c failed")
)

// bubble runs f in a synctest bubble: time is fake and exact, and the test
// fails if f leaves a goroutine behind.
func bubble(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	synctest.Test(t, f)
}

// joined returns the errors inside err, in order.
func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

// Guarantee 1: structure.

func TestRunReturnsAfterBodyAndEveryTask(t *testing.T) {
	bubble(t, func(t *testing.T) {
		start := time.Now()
		var finished atomic.Int32
		err := Run(t.Context(), func(n *Nursery) error {
			for i := 1; i <= 5; i++ {
				n.Go(func(ctx context.Context) error {
					time.Sleep(time.Duration(i) * time.Second)
					finished.Add(1)
					return nil
				})
			}
			return nil
		})
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		if got := finished.Load(); got != 5 {
			t.Errorf("Run returned with %d of 5 tasks finished", got)
		}
		if d := time.Since(start); d != 5*time.Second {
			t.Errorf("Run took %v, want exactly the longest task, 5s", d)
		}
	})
}

func TestTasksStartTasksInTheSameNursery(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var leaves atomic.Int32
		var spawn func(n *Nursery, depth int)
		spawn = func(n *Nursery, depth int) {
			n.Go(func(ctx context.Context) error {
				time.Sleep(time.Second)
				if depth == 0 {
					leaves.Add(1)
					return nil
				}
				spawn(n, depth-1)
				spawn(n, depth-1)
				return nil
			})
		}
		n := New(t.Context())
		spawn(n, 4)
		if err := n.Wait(); err != nil {
			t.Fatal(err)
		}
		if leaves.Load() != 16 {
			t.Errorf("Wait returned with %d of 16 leaf tasks done", leaves.Load())
		}
	})
}

func TestGoOnFinishedNurseryPanics(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var kept *Nursery
		Run(t.Context(), func(n *Nursery) error { kept = n; return nil })
		for name, call := range map[string]func(){
			"Go":    func() { kept.Go(func(context.Context) error { return nil }) },
			"Start": func() { kept.Start(func(context.Context, func()) error { return nil }) },
		} {
			msg := catch(call)
			if !strings.Contains(fmt.Sprint(msg), "nursery: "+name+" called on a nursery that has finished") {
				t.Errorf("%s on a finished nursery: panic %v, want a clear message", name, msg)
			}
		}
		m := New(t.Context())
		m.Close()
		if msg := catch(func() { m.Go(func(context.Context) error { return nil }) }); msg == nil {
			t.Error("Go after Close did not panic")
		}
	})
}

func catch(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

func TestWaitTwiceReturnsTheSameResult(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := New(t.Context())
		n.Go(func(context.Context) error { return errA })
		if err := n.Wait(); err != errA {
			t.Fatalf("Wait = %v, want %v", err, errA)
		}
		if err := n.Wait(); err != errA {
			t.Fatalf("second Wait = %v, want %v", err, errA)
		}
		if err := n.Close(); err != errA {
			t.Fatalf("Close after Wait = %v, want %v", err, errA)
		}
	})
}

func TestGoFromOutsideWhileWaitIsPending(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := New(t.Context())
		n.Go(func(ctx context.Context) error { time.Sleep(2 * time.Second); return nil })
		var ran atomic.Bool
		go func() {
			time.Sleep(time.Second)
			n.Go(func(ctx context.Context) error { time.Sleep(5 * time.Second); ran.Store(true); return nil })
		}()
		start := time.Now()
		n.Wait()
		if !ran.Load() || time.Since(start) != 6*time.Second {
			t.Errorf("Wait returned after %v (late task ran: %v), want 6s and the late task done", time.Since(start), ran.Load())
		}
	})
}

// Guarantee 2: errors.

func TestFirstFailureCancelsWithItAsCause(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var seen error
		err := Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error {
				<-ctx.Done()
				seen = context.Cause(ctx)
				return ctx.Err() // cancelled by the nursery: not a failure
			})
			n.Go(func(ctx context.Context) error {
				time.Sleep(time.Second)
				return errA
			})
			return nil
		})
		if err != errA {
			t.Errorf("Run = %v, want exactly %v", err, errA)
		}
		if seen != errA {
			t.Errorf("context.Cause in the sibling = %v, want %v", seen, errA)
		}
	})
}

func TestEveryFailureJoinedFirstFirst(t *testing.T) {
	bubble(t, func(t *testing.T) {
		err := Config{Supervise: true}.Run(t.Context(), func(n *Nursery) error {
			for i, e := range []error{errC, errA, errB} {
				delay := []time.Duration{3, 1, 2}[i] * time.Second
				n.Go(func(ctx context.Context) error { time.Sleep(delay); return e })
			}
			return nil
		})
		got := joined(err)
		if len(got) != 3 || got[0] != errA || got[1] != errB || got[2] != errC {
			t.Errorf("Run = %v, want errA, errB, errC in the order they failed", got)
		}
	})
}

func TestFailuresAfterTheFirstAreStillReturned(t *testing.T) {
	bubble(t, func(t *testing.T) {
		err := Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { time.Sleep(time.Second); return errA })
			n.Go(func(ctx context.Context) error {
				<-ctx.Done()
				return errB // a real failure while cleaning up: still reported
			})
			return nil
		})
		got := joined(err)
		if len(got) != 2 || got[0] != errA || got[1] != errB {
			t.Errorf("Run = %v, want [errA errB]", got)
		}
	})
}

func TestEchoOfTheCauseIsCountedOnce(t *testing.T) {
	bubble(t, func(t *testing.T) {
		err := Run(t.Context(), func(n *Nursery) error {
			for range 3 {
				n.Go(func(ctx context.Context) error {
					<-ctx.Done()
					return fmt.Errorf("worker: %w", context.Cause(ctx))
				})
			}
			n.Go(func(ctx context.Context) error { return errA })
			return nil
		})
		if err != errA {
			t.Errorf("Run = %v, want errA once", err)
		}
	})
}

func TestBodyErrorIsAFailure(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var cause error
		err := Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { <-ctx.Done(); cause = context.Cause(ctx); return nil })
			return errA
		})
		if err != errA || cause != errA {
			t.Errorf("Run = %v, task saw cause %v; want errA for both", err, cause)
		}
	})
}

func TestCancelNilIsADeliberateStop(t *testing.T) {
	bubble(t, func(t *testing.T) {
		err := Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
			n.Go(func(ctx context.Context) error { <-ctx.Done(); return context.Cause(ctx) })
			n.Cancel(nil)
			return nil
		})
		if err != nil {
			t.Errorf("Run after Cancel(nil) = %v, want nil", err)
		}
	})
}

func TestCancelWithCauseIsReported(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var seen error
		err := Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { <-ctx.Done(); seen = context.Cause(ctx); return ctx.Err() })
			n.Cancel(errA)
			return nil
		})
		if err != errA || seen != errA {
			t.Errorf("Run = %v, cause seen = %v; want errA", err, seen)
		}
	})
}

func TestSupervisedFailureLeavesSiblingsRunning(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var siblingDone atomic.Bool
		err := Config{Supervise: true}.Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { return errA })
			n.Go(func(ctx context.Context) error {
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-time.After(time.Minute):
					siblingDone.Store(true)
					return nil
				}
			})
			return nil
		})
		if err != errA || !siblingDone.Load() {
			t.Errorf("Run = %v, sibling finished = %v; want errA and the sibling's work done", err, siblingDone.Load())
		}
	})
}

func TestContextCanceledOfATasksOwnMakingIsAFailure(t *testing.T) {
	bubble(t, func(t *testing.T) {
		err := Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error {
				sub, cancel := context.WithCancel(ctx)
				cancel()
				return sub.Err() // the nursery stopped nothing: this is the task's bug
			})
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want the task's context.Canceled reported", err)
		}
	})
}

func TestParentCancellationIsReported(t *testing.T) {
	for _, tc := range []struct {
		name   string
		ignore bool // tasks return nil instead of ctx.Err()
	}{{"tasks return ctx.Err", false}, {"tasks ignore it", true}} {
		t.Run(tc.name, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				parent, cancel := context.WithCancelCause(t.Context())
				stopErr := errors.New("client went away")
				time.AfterFunc(time.Second, func() { cancel(stopErr) })
				err := Run(parent, func(n *Nursery) error {
					n.Go(func(ctx context.Context) error {
						<-ctx.Done()
						if tc.ignore {
							return nil
						}
						return ctx.Err()
					})
					return nil
				})
				if !errors.Is(err, parent.Err()) || !errors.Is(err, stopErr) {
					t.Errorf("Run = %v, want errors.Is both context.Canceled and the parent's cause", err)
				}
			})
		})
	}
}

func TestParentDeadlineIsReported(t *testing.T) {
	bubble(t, func(t *testing.T) {
		parent, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		err := Run(parent, func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
			return nil
		})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Run = %v, want context.DeadlineExceeded", err)
		}
	})
}

func TestOwnFailureIsNotBlamedOnTheParent(t *testing.T) {
	bubble(t, func(t *testing.T) {
		parent, cancel := context.WithCancel(t.Context())
		err := Run(parent, func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { return errA })
			n.Go(func(ctx context.Context) error { <-ctx.Done(); cancel(); return ctx.Err() })
			return nil
		})
		if err != errA {
			t.Errorf("Run = %v, want only errA: the nursery had cancelled itself before its parent", err)
		}
	})
}

// Guarantee 3: panics.

func TestTaskPanicCancelsAtOnceAndRepanicsInTheOwner(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var cancelledAt time.Duration
		start := time.Now()
		v := catch(func() {
			Run(t.Context(), func(n *Nursery) error {
				n.Go(func(ctx context.Context) error {
					<-ctx.Done()
					cancelledAt = time.Since(start)
					return ctx.Err()
				})
				n.Go(func(ctx context.Context) error {
					time.Sleep(time.Second)
					panicky()
					return nil
				})
				return nil
			})
		})
		pe, ok := v.(*PanicError)
		if !ok {
			t.Fatalf("Run panicked with %T %v, want *PanicError", v, v)
		}
		if pe.Value != "boom" {
			t.Errorf("PanicError.Value = %v, want boom", pe.Value)
		}
		if !strings.Contains(string(pe.Stack), "nursery.panicky(") {
			t.Errorf("PanicError.Stack does not hold the panicking goroutine's frames:\n%s", pe.Stack)
		}
		if cancelledAt != time.Second {
			t.Errorf("sibling cancelled at %v, want at the panic, 1s", cancelledAt)
		}
	})
}

func panicky() { panic("boom") }

func TestPanicCancelsEvenUnderSupervise(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var cause error
		v := catch(func() {
			Config{Supervise: true}.Run(t.Context(), func(n *Nursery) error {
				n.Go(func(ctx context.Context) error { <-ctx.Done(); cause = context.Cause(ctx); return nil })
				n.Go(func(ctx context.Context) error { panic(errA) })
				return nil
			})
		})
		pe, _ := v.(*PanicError)
		if pe == nil || !errors.Is(pe, errA) {
			t.Fatalf("Run panicked with %v, want a *PanicError wrapping errA", v)
		}
		if !errors.As(cause, &pe) {
			t.Errorf("the sibling's cause is %v, want the *PanicError", cause)
		}
	})
}

func TestBodyPanicWaitsForTasksThenRepanics(t *testing.T) {
	bubble(t, func(t *testing.T) {
		start := time.Now()
		var taskDone time.Duration
		v := catch(func() {
			Run(t.Context(), func(n *Nursery) error {
				n.Go(func(ctx context.Context) error {
					<-ctx.Done()
					time.Sleep(time.Second) // cleanup after cancel
					taskDone = time.Since(start)
					return nil
				})
				panic("body")
			})
		})
		if pe, _ := v.(*PanicError); pe == nil || pe.Value != "body" {
			t.Fatalf("Run panicked with %v, want *PanicError{body}", v)
		}
		if taskDone != time.Second || time.Since(start) != time.Second {
			t.Errorf("task done at %v, Run panicked at %v; want both at 1s", taskDone, time.Since(start))
		}
	})
}

func TestPanicCrashesWhenSiblingsIgnoreCancellation(t *testing.T) {
	bubble(t, func(t *testing.T) {
		type crashed struct {
			at time.Duration
			pe *PanicError
		}
		crashes := make(chan crashed, 1)
		start := time.Now()
		defer swap(&crash, func(n *Nursery, pe *PanicError) { crashes <- crashed{time.Since(start), pe} })()
		v := catch(func() {
			Run(t.Context(), func(n *Nursery) error {
				n.Go(func(ctx context.Context) error { time.Sleep(time.Minute); return nil }) // ignores ctx
				n.Go(func(ctx context.Context) error { panic("boom") })
				return nil
			})
		})
		c := <-crashes
		if c.pe == nil || c.pe.Value != "boom" || c.at != panicCrashDelay {
			t.Errorf("crash(%v) at %v, want the original panic at %v", c.pe, c.at, panicCrashDelay)
		}
		if pe, _ := v.(*PanicError); pe != c.pe {
			t.Errorf("Run re-panicked %v, want the same *PanicError", v)
		}
	})
}

func TestPanicInNurseryNobodyWaitsForCrashes(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var crashed atomic.Pointer[PanicError]
		defer swap(&crash, func(n *Nursery, pe *PanicError) { crashed.Store(pe) })()
		n := New(t.Context())
		n.Go(func(ctx context.Context) error { panic("forgotten") })
		time.Sleep(panicCrashDelay)
		synctest.Wait()
		if pe := crashed.Load(); pe == nil || pe.Value != "forgotten" {
			t.Errorf("no crash for a panic in a nursery nobody waits for (got %v)", pe)
		}
		catch(func() { n.Wait() })
	})
}

func TestNoCrashOnceTheOwnerRepanicked(t *testing.T) {
	bubble(t, func(t *testing.T) {
		defer swap(&crash, func(n *Nursery, pe *PanicError) { t.Errorf("crashed although the owner re-panicked") })()
		catch(func() {
			Run(t.Context(), func(n *Nursery) error {
				n.Go(func(ctx context.Context) error { panic("boom") })
				return nil
			})
		})
		time.Sleep(2 * panicCrashDelay)
	})
}

func TestGoexitInATaskIsAFailure(t *testing.T) {
	bubble(t, func(t *testing.T) {
		err := Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { runtime.Goexit(); return nil })
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), "runtime.Goexit") {
			t.Errorf("Run = %v, want a failure naming runtime.Goexit", err)
		}
	})
}

func TestMorePanicsAreCounted(t *testing.T) {
	bubble(t, func(t *testing.T) {
		v := catch(func() {
			Run(t.Context(), func(n *Nursery) error {
				// The later panic's task starts first: a Go after the first
				// panic has cancelled the nursery would start nothing.
				n.Go(func(ctx context.Context) error { time.Sleep(time.Second); panic("second") })
				n.Go(func(ctx context.Context) error { panic("first") })
				return nil
			})
		})
		pe, _ := v.(*PanicError)
		if pe == nil || pe.Value != "first" || !strings.Contains(pe.Error(), "and 1 more panics") {
			t.Errorf("Run panicked with %v, want the first panic, mentioning the second", v)
		}
	})
}

func swap[T any](p *T, v T) (restore func()) {
	old := *p
	*p = v
	return func() { *p = old }
}

// Guarantee 4: two-phase shutdown.

func TestShutdownIsSoftThenHard(t *testing.T) {
	bubble(t, func(t *testing.T) {
		start := time.Now()
		var softAt, hardAt, politeDone time.Duration
		n := New(t.Context())
		n.Go(func(ctx context.Context) error { // finishes its work at the soft stop
			<-Stopping(ctx).Done()
			time.Sleep(2 * time.Second)
			politeDone = time.Since(start)
			return Stopping(ctx).Err()
		})
		n.Go(func(ctx context.Context) error { // holds on until cancelled
			<-Stopping(ctx).Done()
			softAt = time.Since(start)
			<-ctx.Done()
			hardAt = time.Since(start)
			return ctx.Err()
		})
		time.Sleep(time.Second)
		n.Shutdown(30 * time.Second)
		if err := n.Wait(); err != nil {
			t.Errorf("Wait = %v, want nil: a shutdown is not a failure", err)
		}
		if softAt != time.Second || politeDone != 3*time.Second || hardAt != 31*time.Second {
			t.Errorf("soft stop at %v, polite task done at %v, hard cancel at %v; want 1s, 3s, 31s", softAt, politeDone, hardAt)
		}
	})
}

// The soft-stop context is made when it is first asked for (stopContext):
// one asked for only after the soft stop, or after a hard cancel that came
// with no soft stop, is already done, with the cause of the stop; so is a
// nested nursery's, made after the outer soft stop.
func TestStoppingAskedAfterTheStop(t *testing.T) {
	bubble(t, func(t *testing.T) {
		hold := func(ctx context.Context) error { <-ctx.Done(); return nil }
		soft := New(t.Context())
		soft.Go(hold)
		soft.Shutdown(time.Hour)
		nested := New(soft.Context())
		nested.Go(hold)
		synctest.Wait()
		if s := Stopping(soft.Context()); s.Err() == nil || context.Cause(s) != errShutdown {
			t.Errorf("Stopping asked after Shutdown: Err %v, Cause %v; want done, by the shutdown", s.Err(), context.Cause(s))
		}
		if s := Stopping(nested.Context()); s.Err() == nil || context.Cause(s) != errShutdown {
			t.Errorf("nested after the outer Shutdown: Err %v, Cause %v; want done, by the shutdown", s.Err(), context.Cause(s))
		}
		if nested.Context().Err() != nil {
			t.Error("a nested nursery with no Grace was cancelled before the outer hard cancel")
		}
		hard := New(t.Context())
		hard.Go(hold)
		hard.Cancel(errA)
		if s := Stopping(hard.Context()); s.Err() == nil || context.Cause(s) != errA {
			t.Errorf("Stopping asked after Cancel(errA): Err %v, Cause %v; want done, by errA", s.Err(), context.Cause(s))
		}
		soft.Cancel(nil)
		nested.Wait()
		soft.Wait()
		hard.Wait()
	})
}

func TestShutdownCancelsAtOnceWhenEveryTaskReturned(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := New(t.Context())
		for range 3 {
			n.Go(func(ctx context.Context) error {
				<-Stopping(ctx).Done()
				time.Sleep(time.Second)
				return nil
			})
		}
		start := time.Now()
		n.Shutdown(time.Hour)
		<-n.Context().Done() // before Wait: the owner still holds n
		if d := time.Since(start); d != time.Second {
			t.Errorf("hard cancel %v after Shutdown, want 1s, when the last task returned", d)
		}
		n.Wait()
	})
}

func TestShutdownWithNoTasksCancelsAtOnce(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := New(t.Context())
		n.Shutdown(time.Hour)
		synctest.Wait()
		if n.Context().Err() == nil {
			t.Error("Shutdown of an idle nursery did not cancel its context at once")
		}
		n.Wait()
	})
}

func TestThousandTasksShareOneGrace(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := New(t.Context())
		for range 1000 {
			n.Go(func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
		}
		start := time.Now()
		n.Shutdown(30 * time.Second)
		n.Wait()
		if d := time.Since(start); d != 30*time.Second {
			t.Errorf("1000 tasks with a 30s grace took %v, want 30s in total", d)
		}
	})
}

func TestShutdownDoesNotBlock(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := New(t.Context())
		n.Go(func(ctx context.Context) error { <-ctx.Done(); return nil })
		start := time.Now()
		n.Shutdown(time.Minute)
		if time.Since(start) != 0 {
			t.Error("Shutdown blocked")
		}
		n.Cancel(nil)
		n.Wait()
	})
}

func TestLaterShutdownShortensTheGraceNeverLengthens(t *testing.T) {
	for _, tc := range []struct {
		first, second, want time.Duration
	}{
		{10 * time.Second, time.Second, 2 * time.Second}, // second call at 1s, with 1s left → 2s
		{2 * time.Second, time.Minute, 2 * time.Second},
	} {
		bubble(t, func(t *testing.T) {
			n := New(t.Context())
			n.Go(func(ctx context.Context) error { <-ctx.Done(); return nil })
			start := time.Now()
			n.Shutdown(tc.first)
			time.Sleep(time.Second)
			n.Shutdown(tc.second)
			<-n.Context().Done()
			if d := time.Since(start); d != tc.want {
				t.Errorf("Shutdown(%v) then Shutdown(%v): hard cancel at %v, want %v", tc.first, tc.second, d, tc.want)
			}
			n.Wait()
		})
	}
}

func TestCloseIsShutdownWithConfigGraceThenWait(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := Config{Grace: 5 * time.Second}.New(t.Context())
		var soft, hard time.Duration
		start := time.Now()
		n.Go(func(ctx context.Context) error {
			<-Stopping(ctx).Done()
			soft = time.Since(start)
			<-ctx.Done()
			hard = time.Since(start)
			return nil
		})
		if err := n.Close(); err != nil {
			t.Fatal(err)
		}
		if soft != 0 || hard != 5*time.Second {
			t.Errorf("Close: soft stop at %v and hard cancel at %v, want 0 and 5s", soft, hard)
		}
	})
}

func TestStoppingCause(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := New(t.Context())
		if Stopping(n.Context()).Err() != nil {
			t.Fatal("Stopping is done before any stop")
		}
		n.Shutdown(time.Second)
		if err := context.Cause(Stopping(n.Context())); err != errShutdown {
			t.Errorf("cause of the soft stop = %v, want %v", err, errShutdown)
		}
		n.Wait()
		if ctx := context.Background(); Stopping(ctx) != ctx {
			t.Error("Stopping of a context outside any nursery is not the context itself")
		}
	})
}

func TestStoppingIsDoneAtAHardCancelWithoutSoftStop(t *testing.T) {
	bubble(t, func(t *testing.T) {
		err := Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error {
				<-Stopping(ctx).Done()
				if ctx.Err() == nil {
					return errors.New("soft stop without a shutdown")
				}
				return nil
			})
			n.Cancel(nil)
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	})
}

// nestedTimes runs a nursery nested in a task of an outer nursery that is
// shut down with outerGrace at 0, and returns when the inner task saw the
// soft stop and the hard cancel.
func nestedTimes(t *testing.T, outerGrace, innerGrace time.Duration) (soft, hard time.Duration) {
	start := time.Now()
	outer := New(t.Context())
	ready := make(chan struct{})
	outer.Go(func(ctx context.Context) error {
		return Config{Grace: innerGrace}.Run(ctx, func(inner *Nursery) error {
			inner.Go(func(ctx context.Context) error {
				close(ready)
				<-Stopping(ctx).Done()
				soft = time.Since(start)
				<-ctx.Done()
				hard = time.Since(start)
				return ctx.Err()
			})
			return nil
		})
	})
	<-ready
	outer.Shutdown(outerGrace)
	if err := outer.Wait(); err != nil {
		t.Errorf("outer Wait = %v, want nil", err)
	}
	return soft, hard
}

func TestNestedNurseryIsCutByTheOuterGrace(t *testing.T) {
	bubble(t, func(t *testing.T) {
		soft, hard := nestedTimes(t, 500*time.Millisecond, time.Second)
		if soft != 0 || hard != 500*time.Millisecond {
			t.Errorf("inner task: soft %v, hard %v; want 0 and the outer 500ms, not its own 1s", soft, hard)
		}
	})
}

func TestNestedNurseryAppliesItsOwnShorterGrace(t *testing.T) {
	bubble(t, func(t *testing.T) {
		soft, hard := nestedTimes(t, 10*time.Second, time.Second)
		if soft != 0 || hard != time.Second {
			t.Errorf("inner task: soft %v, hard %v; want 0 and its own 1s", soft, hard)
		}
	})
}

func TestNestedNurseryWithZeroGraceWaitsForTheOuterHardCancel(t *testing.T) {
	bubble(t, func(t *testing.T) {
		soft, hard := nestedTimes(t, 3*time.Second, 0)
		if soft != 0 || hard != 3*time.Second {
			t.Errorf("inner task: soft %v, hard %v; want 0 and the outer 3s", soft, hard)
		}
	})
}

func TestNestedNurseryFromNurseryContext(t *testing.T) {
	bubble(t, func(t *testing.T) {
		outer := New(t.Context())
		inner := New(outer.Context())
		inner.Go(func(ctx context.Context) error { <-ctx.Done(); return nil })
		outer.Shutdown(time.Second)
		synctest.Wait()
		if Stopping(inner.Context()).Err() == nil {
			t.Error("the outer soft stop did not reach a nursery made from outer.Context()")
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if inner.Context().Err() == nil {
			t.Error("the outer hard cancel did not reach the inner nursery")
		}
		inner.Wait()
		outer.Wait()
	})
}

// Guarantee 5: readiness.

func TestStartReturnsWhenTheTaskIsReady(t *testing.T) {
	bubble(t, func(t *testing.T) {
		Run(t.Context(), func(n *Nursery) error {
			start := time.Now()
			var listening atomic.Bool
			err := n.Start(func(ctx context.Context, ready func()) error {
				time.Sleep(time.Second) // bind, load config...
				listening.Store(true)
				ready()
				<-ctx.Done()
				return nil
			})
			if err != nil || !listening.Load() || time.Since(start) != time.Second {
				t.Errorf("Start = %v after %v (ready: %v), want nil after 1s with the task ready", err, time.Since(start), listening.Load())
			}
			n.Cancel(nil)
			return nil
		})
	})
}

func TestStartFailureBeforeReadyIsTheCallersToHandle(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var siblingCancelled atomic.Bool
		err := Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error {
				select {
				case <-ctx.Done():
					siblingCancelled.Store(true)
				case <-time.After(time.Minute):
				}
				return nil
			})
			err := n.Start(func(ctx context.Context, ready func()) error { return errA })
			if err != errA {
				t.Errorf("Start = %v, want errA", err)
			}
			return nil
		})
		if err != nil || siblingCancelled.Load() {
			t.Errorf("Run = %v, sibling cancelled = %v; want nil and no cancel: the caller handled the error", err, siblingCancelled.Load())
		}
	})
}

func TestStartFailureAfterReadyIsAFailure(t *testing.T) {
	bubble(t, func(t *testing.T) {
		err := Run(t.Context(), func(n *Nursery) error {
			return n.Start(func(ctx context.Context, ready func()) error {
				ready()
				ready() // harmless
				time.Sleep(time.Second)
				return errA
			})
		})
		if err != errA {
			t.Errorf("Run = %v, want errA", err)
		}
	})
}

func TestStartTaskReturningNilWithoutReady(t *testing.T) {
	bubble(t, func(t *testing.T) {
		Run(t.Context(), func(n *Nursery) error {
			if err := n.Start(func(ctx context.Context, ready func()) error { return nil }); err != errNotReady {
				t.Errorf("Start = %v, want %v", err, errNotReady)
			}
			return nil
		})
	})
}

func TestStartPanicBeforeReady(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var startErr error
		v := catch(func() {
			Run(t.Context(), func(n *Nursery) error {
				startErr = n.Start(func(ctx context.Context, ready func()) error { panic("no port") })
				return nil
			})
		})
		var pe *PanicError
		if !errors.As(startErr, &pe) || pe.Value != "no port" {
			t.Errorf("Start = %v, want the *PanicError", startErr)
		}
		if v != pe {
			t.Errorf("Run panicked with %v, want the same *PanicError", v)
		}
	})
}

// Guarantee 6: limit.

func TestLimitBoundsRunningTasks(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var running, most atomic.Int32
		start := time.Now()
		err := Config{Limit: 3}.Run(t.Context(), func(n *Nursery) error {
			for range 10 {
				n.Go(func(ctx context.Context) error {
					r := running.Add(1)
					for {
						m := most.Load()
						if r <= m || most.CompareAndSwap(m, r) {
							break
						}
					}
					time.Sleep(time.Second)
					running.Add(-1)
					return nil
				})
			}
			return nil
		})
		if err != nil || most.Load() != 3 || time.Since(start) != 4*time.Second {
			t.Errorf("Run = %v, at most %d running, took %v; want nil, 3, 4s", err, most.Load(), time.Since(start))
		}
	})
}

func TestBlockedGoUnblocksOnCancelAndStartsNothing(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var started atomic.Int32
		n := Config{Limit: 1}.New(t.Context())
		n.Go(func(ctx context.Context) error { started.Add(1); <-ctx.Done(); return nil })
		returned := make(chan struct{})
		go func() {
			n.Go(func(ctx context.Context) error { started.Add(1); return nil })
			close(returned)
		}()
		synctest.Wait()
		select {
		case <-returned:
			t.Fatal("Go did not block on a full nursery")
		default:
		}
		if got := n.Snapshot().Waiting; got != 1 {
			t.Errorf("Snapshot().Waiting = %d, want 1", got)
		}
		n.Cancel(nil)
		<-returned
		n.Wait()
		if started.Load() != 1 {
			t.Errorf("%d tasks started, want 1: the blocked Go must start nothing after the cancel", started.Load())
		}
	})
}

func TestFailingTaskCancelsBeforeItsSlotIsFreed(t *testing.T) {
	bubble(t, func(t *testing.T) {
		for range 200 {
			var second atomic.Bool
			Config{Limit: 1}.Run(t.Context(), func(n *Nursery) error {
				n.Go(func(ctx context.Context) error { return errA })
				n.Go(func(ctx context.Context) error { second.Store(true); return nil })
				return nil
			})
			if second.Load() {
				t.Fatal("a Go waiting behind a failing task started its task")
			}
		}
	})
}

func TestStartWaitsForASlotAndGivesUpOnCancel(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := Config{Limit: 1}.New(t.Context())
		n.Go(func(ctx context.Context) error { <-ctx.Done(); return nil })
		time.AfterFunc(time.Second, func() { n.Cancel(errA) })
		err := n.Start(func(ctx context.Context, ready func()) error { ready(); return nil })
		if err != errA {
			t.Errorf("Start on a full nursery that was cancelled = %v, want the cause errA", err)
		}
		n.Wait()
	})
}

// Guarantee 7: owned nurseries.

// conn owns a keepalive task, like libdill's heap-allocated bundle.
type conn struct {
	tasks *Nursery
	pings atomic.Int32
}

func dial(ctx context.Context) *conn {
	c := &conn{tasks: Config{Name: "conn", Grace: time.Second}.New(ctx)}
	c.tasks.Go(func(ctx context.Context) error {
		tick := time.NewTicker(10 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-Stopping(ctx).Done():
				return nil
			case <-tick.C:
				c.pings.Add(1)
			}
		}
	})
	return c
}

func (c *conn) Close() error { return c.tasks.Close() }

func TestOwnedNurseryLivesUntilItsOwnerClosesIt(t *testing.T) {
	bubble(t, func(t *testing.T) {
		c := dial(t.Context())
		time.Sleep(35 * time.Second)
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		if c.pings.Load() != 3 {
			t.Errorf("keepalive pinged %d times in 35s, want 3", c.pings.Load())
		}
	})
}

func TestNewPanicsOnMisuse(t *testing.T) {
	var nilCtx context.Context
	if v := catch(func() { New(nilCtx) }); v == nil {
		t.Error("New(nil) did not panic")
	}
	if v := catch(func() { Config{Limit: -1}.New(context.Background()) }); v == nil {
		t.Error("negative Limit did not panic")
	}
	bubble(t, func(t *testing.T) {
		n := New(t.Context())
		if v := catch(func() { n.Go(nil) }); v == nil {
			t.Error("Go(nil) did not panic")
		}
		n.Close()
	})
}

func TestConcurrentUseIsRaceFree(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := Config{Limit: 8, Supervise: true}.New(t.Context())
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				for j := range 50 {
					n.Go(func(ctx context.Context) error {
						time.Sleep(time.Millisecond)
						if (i+j)%7 == 0 {
							return errA
						}
						return nil
					})
				}
			})
		}
		wg.Wait()
		err := n.Close()
		want := 0
		for i := range 8 {
			for j := range 50 {
				if (i+j)%7 == 0 {
					want++
				}
			}
		}
		if got := len(joined(err)); got != want {
			t.Errorf("%d failures reported, want %d", got, want)
		}
	})
}
