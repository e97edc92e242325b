package nursery

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/synctest"
	"time"
)

// Issue 12: the contract under adversarial use.

// Guarantee 2: a cancelled parent is reported even when the nursery is then
// cancelled deliberately: work cut short never reads as success.
func TestCancelNilAfterTheParentWasCancelledReportsTheParent(t *testing.T) {
	for _, who := range []string{"body", "task"} {
		t.Run(who, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				parent, cancel := context.WithCancel(t.Context())
				err := Run(parent, func(n *Nursery) error {
					if who == "body" {
						cancel()
						n.Cancel(nil)
						return nil
					}
					n.Go(func(ctx context.Context) error {
						cancel()
						n.Cancel(nil)
						return nil
					})
					return nil
				})
				if !errors.Is(err, context.Canceled) {
					t.Errorf("Run = %v, want the parent's cancellation (context.Canceled)", err)
				}
			})
		})
	}
}

// Guarantee 2: when failures race, the first error Run returns is the cause
// the siblings saw, always. The failures run on real cores, outside a
// bubble, so that they do race.
func TestFirstErrorIsTheCauseTheSiblingsSaw(t *testing.T) {
	fails := []error{errA, errB, errC, errors.New("d failed")}
	for i := range 3000 {
		var seen error
		start := make(chan struct{})
		err := Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error {
				<-ctx.Done()
				seen = context.Cause(ctx)
				return nil
			})
			for _, e := range fails {
				n.Go(func(ctx context.Context) error { <-start; return e })
			}
			close(start)
			return nil
		})
		if got := joined(err); len(got) == 0 || got[0] != seen {
			t.Fatalf("run %d: Run = %v, but the sibling saw the cause %v", i, err, seen)
		}
	}
}

// Guarantee 2: a failure while cleaning up after the parent's cancel comes
// after the parent's cancellation, which is the cause the tasks saw.
func TestParentCancellationComesBeforeLaterFailures(t *testing.T) {
	bubble(t, func(t *testing.T) {
		parent, cancel := context.WithCancelCause(t.Context())
		stopErr := errors.New("client went away")
		time.AfterFunc(time.Second, func() { cancel(stopErr) })
		var seen error
		err := Run(parent, func(n *Nursery) error {
			n.Go(func(ctx context.Context) error {
				<-ctx.Done()
				seen = context.Cause(ctx)
				time.Sleep(time.Second)
				return errA // a real failure while cleaning up
			})
			return nil
		})
		got := joined(err)
		if len(got) != 2 || !errors.Is(got[0], stopErr) || !errors.Is(got[0], context.Canceled) || got[1] != errA {
			t.Errorf("Run = %v, want the parent's cancellation first, then errA", got)
		}
		if seen != stopErr {
			t.Errorf("the task saw %v, want %v", seen, stopErr)
		}
	})
}

// Guarantee 2, under Supervise: a failure before the parent's cancel stays
// before it.
func TestSupervisedFailureBeforeTheParentsCancelStaysFirst(t *testing.T) {
	bubble(t, func(t *testing.T) {
		parent, cancel := context.WithCancel(t.Context())
		time.AfterFunc(2*time.Second, cancel)
		err := Config{Supervise: true}.Run(parent, func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { time.Sleep(time.Second); return errA })
			n.Go(func(ctx context.Context) error { <-ctx.Done(); time.Sleep(time.Second); return errB })
			return nil
		})
		got := joined(err)
		if len(got) != 3 || got[0] != errA || got[1] != context.Canceled || got[2] != errB {
			t.Errorf("Run = %v, want errA, context.Canceled, errB in the order they happened", got)
		}
	})
}

// Guarantee 5: a Start task that calls runtime.Goexit (t.FailNow does)
// before ready fails Start, and only Start.
func TestStartGoexitBeforeReadyIsStartsError(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var startErr error
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
			startErr = n.Start(func(ctx context.Context, ready func()) error {
				runtime.Goexit()
				return nil
			})
			return nil
		})
		if startErr == nil || !strings.Contains(startErr.Error(), "runtime.Goexit") {
			t.Errorf("Start = %v, want an error naming runtime.Goexit", startErr)
		}
		if err != nil || siblingCancelled.Load() {
			t.Errorf("Run = %v, sibling cancelled = %v; want nil and no cancel: Start returned the error", err, siblingCancelled.Load())
		}
	})
}

// Guarantee 3: panic(nil) under GODEBUG=panicnil=1 is a panic, re-raised by
// the owner, not a Goexit.
func TestPanicNilUnderPanicnilIsAPanic(t *testing.T) {
	t.Setenv("GODEBUG", "panicnil=1")
	for _, who := range []string{"task", "body", "start"} {
		t.Run(who, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				var err error
				v := catch(func() {
					err = Run(t.Context(), func(n *Nursery) error {
						switch who {
						case "task":
							n.Go(func(ctx context.Context) error { panic(nil) })
						case "start":
							n.Start(func(ctx context.Context, ready func()) error { panic(nil) })
						default:
							panic(nil)
						}
						return nil
					})
				})
				if pe, ok := v.(*PanicError); !ok || pe.Value != nil {
					t.Errorf("Run returned %v and panicked with %#v, want a re-panic with *PanicError{Value: nil}", err, v)
				}
			})
		})
	}
}

// Guarantee 3: a panic re-raised by the body's own Wait or Close is the same
// panic, counted once.
func TestPanicThroughTheBodysWaitIsCountedOnce(t *testing.T) {
	for _, call := range []string{"Wait", "Close"} {
		t.Run(call, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				v := catch(func() {
					Run(t.Context(), func(n *Nursery) error {
						n.Go(func(ctx context.Context) error { panic("boom") })
						if call == "Wait" {
							return n.Wait()
						}
						return n.Close()
					})
				})
				pe, _ := v.(*PanicError)
				if pe == nil || pe.Value != "boom" || strings.Contains(pe.Error(), "more panics") {
					t.Errorf("Run panicked with %v, want the one panic, counted once", v)
				}
			})
		})
	}
}

// Guarantee 4: context.WithoutCancel detaches from both phases. Stopping of
// a detached context, and of one derived from it, does not see the
// nursery's soft stop; a context derived from a task's ctx without
// detaching still does.
func TestWithoutCancelDetachesFromTheSoftStop(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := New(t.Context())
		task := n.Context()
		timeout, cancel := context.WithTimeout(context.WithoutCancel(task), time.Minute)
		defer cancel()
		attached, cancel2 := context.WithCancel(context.WithValue(task, errA, 1))
		defer cancel2()
		detached := map[string]context.Context{
			"WithoutCancel":                        context.WithoutCancel(task),
			"WithValue(WithoutCancel)":             context.WithValue(context.WithoutCancel(task), errB, 2),
			"WithTimeout(WithoutCancel)":           timeout,
			"WithCancel(WithValue(WithoutCancel))": withCancel(t, context.WithValue(context.WithoutCancel(task), errB, 2)),
		}
		n.Shutdown(time.Hour)
		synctest.Wait()
		if Stopping(attached).Err() == nil {
			t.Error("Stopping(WithCancel(WithValue(task ctx))) missed the soft stop")
		}
		for name, ctx := range detached {
			if Stopping(ctx).Err() != nil {
				t.Errorf("Stopping(%s(task ctx)) saw the nursery's soft stop", name)
			}
		}
		n.Wait()
		for name, ctx := range detached {
			if Stopping(ctx).Err() != nil || ctx.Err() != nil {
				t.Errorf("%s(task ctx) saw the nursery's hard cancel", name)
			}
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if Stopping(timeout).Err() == nil {
			t.Error("Stopping of a detached context with a timeout is not done when the timeout runs out")
		}
	})
}

func withCancel(t *testing.T, ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	t.Cleanup(cancel)
	return ctx
}

// Guarantee 4: a nursery built on a detached task context is not nested in
// the task's nursery: neither its soft stop nor its hard cancel reach it,
// and it is a root of the task tree.
func TestNurseryOnADetachedContextIsNotNested(t *testing.T) {
	bubble(t, func(t *testing.T) {
		outer := New(t.Context())
		inner := New(context.WithoutCancel(outer.Context()))
		nested := New(withCancel(t, outer.Context()))
		if got := outer.Snapshot().Children; len(got) != 1 || got[0].ID != nested.id {
			t.Errorf("outer's children = %+v, want only the nursery built without detaching", got)
		}
		var soft, hard atomic.Bool
		inner.Go(func(ctx context.Context) error {
			<-Stopping(ctx).Done()
			soft.Store(true)
			<-ctx.Done()
			hard.Store(true)
			return nil
		})
		outer.Shutdown(time.Second)
		nested.Wait()
		outer.Wait()
		synctest.Wait()
		if soft.Load() || hard.Load() {
			t.Errorf("the outer stop reached a nursery built on WithoutCancel: soft %v, hard %v", soft.Load(), hard.Load())
		}
		inner.Shutdown(time.Second)
		inner.Wait()
		if !soft.Load() || !hard.Load() {
			t.Error("the detached nursery's own shutdown did not reach its task")
		}
	})
}

// Guarantee 4: Wait and Close of a Run nursery belong to its body. From
// another goroutine they wait for the body; they never end the nursery
// while the body runs.
func TestWaitOutsideTheBodyWaitsForTheBody(t *testing.T) {
	for _, call := range []string{"Wait", "Close"} {
		t.Run(call, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				start := time.Now()
				var outside error
				var outsideAt time.Duration
				done := make(chan struct{})
				err := Run(t.Context(), func(n *Nursery) error {
					go func() {
						defer close(done)
						if call == "Wait" {
							outside = n.Wait()
						} else {
							outside = n.Close()
						}
						outsideAt = time.Since(start)
					}()
					time.Sleep(time.Second)
					if v := catch(func() {
						n.Go(func(ctx context.Context) error { time.Sleep(time.Second); return errA })
					}); v != nil {
						t.Errorf("Go in the body after %s from another goroutine panicked: %v", call, v)
					}
					time.Sleep(time.Second)
					return errB
				})
				<-done
				if outsideAt != 2*time.Second {
					t.Errorf("%s from another goroutine returned after %v, want 2s, when the body returned", call, outsideAt)
				}
				if !errors.Is(err, errB) || outside == nil || outside.Error() != err.Error() {
					t.Errorf("Run = %v, %s from another goroutine = %v; want the same result, with errB", err, call, outside)
				}
			})
		})
	}
}

// Wait or Close called by a task of the same nursery would wait for the
// task itself: it panics with a clear message instead of deadlocking; also
// in a nursery with OnOverdue (as Main's), whose tasks carry labels of their
// own.
func TestWaitFromATaskOfTheSameNurseryPanics(t *testing.T) {
	for _, call := range []string{"Wait", "Close"} {
		for _, kind := range []string{"Go", "Start", "New", "Go/OnOverdue", "New/OnOverdue"} {
			cfg := Config{}
			if strings.HasSuffix(kind, "/OnOverdue") {
				cfg.OnOverdue = func(Overdue) {}
			}
			t.Run(call+"/"+kind, func(t *testing.T) {
				bubble(t, func(t *testing.T) {
					wait := func(n *Nursery) {
						if call == "Wait" {
							n.Wait()
						} else {
							n.Close()
						}
					}
					body := func(n *Nursery) error {
						if kind == "Start" {
							return n.Start(func(ctx context.Context, ready func()) error { ready(); wait(n); return nil })
						}
						n.Go(func(ctx context.Context) error { wait(n); return nil })
						return nil
					}
					v := catch(func() {
						if strings.HasPrefix(kind, "New") {
							n := cfg.New(t.Context())
							body(n)
							n.Wait()
							return
						}
						cfg.Run(t.Context(), body)
					})
					want := "nursery: " + call + " called from a task of the same nursery"
					if pe, _ := v.(*PanicError); pe == nil || !strings.Contains(fmt.Sprint(pe.Value), want) {
						t.Errorf("panic %v, want a *PanicError saying %q", v, want)
					}
				})
			})
		}
	}
}

// A goroutine that a task started with a bare go statement inherits the
// task's labels but is not the task: its Wait is an ordinary Wait.
func TestWaitFromAStrayGoroutineIsNotRefused(t *testing.T) {
	bubble(t, func(t *testing.T) {
		done := make(chan error)
		n := New(t.Context())
		n.Go(func(ctx context.Context) error {
			go func() { done <- n.Wait() }()
			time.Sleep(time.Second)
			return errA
		})
		if err := <-done; err != errA {
			t.Errorf("Wait from a stray goroutine = %v, want errA", err)
		}
	})
}

// Under Limit, a task whose Go (or Start) waits for a slot that only the
// tasks waiting in Go could free would wait forever: it panics instead.
func TestGoFromTasksHoldingEveryLimitSlotPanics(t *testing.T) {
	for _, c := range []struct {
		limit   int
		overdue func(Overdue)
	}{{1, nil}, {3, nil}, {3, func(Overdue) {}}} {
		limit := c.limit
		t.Run(fmt.Sprintf("%d/OnOverdue=%v", limit, c.overdue != nil), func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				v := catch(func() {
					Config{Limit: limit, OnOverdue: c.overdue}.Run(t.Context(), func(n *Nursery) error {
						held := make(chan struct{}) // closed once the body's Go calls hold every slot
						for range limit {
							n.Go(func(ctx context.Context) error {
								<-held
								n.Go(func(ctx context.Context) error { return nil })
								return nil
							})
						}
						close(held)
						return nil
					})
				})
				want := "nursery: Go called from a task while every one of the nursery's Limit slots"
				if pe, _ := v.(*PanicError); pe == nil || !strings.Contains(fmt.Sprint(pe.Value), want) {
					t.Errorf("panic %v, want a *PanicError saying %q", v, want)
				}
			})
		})
	}
}

// A task's Go that waits for a slot another task will free is fine.
func TestGoFromATaskWaitsForASlotOthersFree(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var ran atomic.Int32
		err := Config{Limit: 2}.Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { time.Sleep(time.Second); ran.Add(1); return nil })
			n.Go(func(ctx context.Context) error {
				n.Go(func(ctx context.Context) error { ran.Add(1); return nil })
				ran.Add(1)
				return nil
			})
			return nil
		})
		if err != nil || ran.Load() != 3 {
			t.Errorf("Run = %v with %d of 3 tasks run", err, ran.Load())
		}
	})
}

// Guarantee 6, and the same without a Limit: a Go or a Start on a cancelled
// nursery starts nothing (Start returns the cause), whatever the Limit and whoever cancelled it: the nursery
// itself, its parent context, or a nursery it is nested in, directly, through
// another one, or through a context of the user's in between.
func TestGoOnACancelledNurseryStartsNothing(t *testing.T) {
	type key struct{}
	// Each case makes n from ctx, which nothing cancels, and returns what
	// cancels n; outer makes a nursery that the test closes at the end.
	cases := []struct {
		name string
		make func(ctx context.Context, c Config, outer func(context.Context) *Nursery) (n *Nursery, cancel func())
	}{
		{"Cancel(nil)", func(ctx context.Context, c Config, _ func(context.Context) *Nursery) (*Nursery, func()) {
			n := c.New(ctx)
			return n, func() { n.Cancel(nil) }
		}},
		{"Cancel(errA)", func(ctx context.Context, c Config, _ func(context.Context) *Nursery) (*Nursery, func()) {
			n := c.New(ctx)
			return n, func() { n.Cancel(errA) }
		}},
		{"Shutdown(0)", func(ctx context.Context, c Config, _ func(context.Context) *Nursery) (*Nursery, func()) {
			n := c.New(ctx)
			return n, func() { n.Shutdown(0) }
		}},
		{"parent", func(ctx context.Context, c Config, _ func(context.Context) *Nursery) (*Nursery, func()) {
			parent, cancel := context.WithCancel(ctx)
			return c.New(parent), cancel
		}},
		{"outer Cancel", func(ctx context.Context, c Config, outer func(context.Context) *Nursery) (*Nursery, func()) {
			o := outer(ctx)
			return c.New(context.WithValue(o.Context(), key{}, 1)), func() { o.Cancel(nil) }
		}},
		{"made after outer Cancel", func(ctx context.Context, c Config, outer func(context.Context) *Nursery) (*Nursery, func()) {
			o := outer(ctx)
			o.Cancel(nil)
			return c.New(o.Context()), func() {}
		}},
		{"outer's outer Cancel", func(ctx context.Context, c Config, outer func(context.Context) *Nursery) (*Nursery, func()) {
			o := outer(ctx)
			return c.New(outer(o.Context()).Context()), func() { o.Cancel(errA) }
		}},
		{"outer's parent", func(ctx context.Context, c Config, outer func(context.Context) *Nursery) (*Nursery, func()) {
			parent, cancel := context.WithCancel(ctx)
			return c.New(outer(parent).Context()), cancel
		}},
		{"outer finished", func(ctx context.Context, c Config, outer func(context.Context) *Nursery) (*Nursery, func()) {
			o := outer(ctx)
			return c.New(o.Context()), func() { o.Wait() }
		}},
		{"cancel between", func(ctx context.Context, c Config, outer func(context.Context) *Nursery) (*Nursery, func()) {
			between, cancel := context.WithCancel(outer(ctx).Context())
			return c.New(between), cancel
		}},
	}
	for _, limit := range []int{0, 1, 4} {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("Limit:%d/%s", limit, tc.name), func(t *testing.T) {
				bubble(t, func(t *testing.T) {
					var outers []*Nursery
					defer func() {
						for _, o := range slices.Backward(outers) {
							o.Close()
						}
					}()
					n, cancel := tc.make(context.WithoutCancel(t.Context()), Config{Limit: limit}, func(ctx context.Context) *Nursery {
						o := New(ctx)
						outers = append(outers, o)
						return o
					})
					cancel()
					var ran atomic.Bool
					n.Go(func(ctx context.Context) error { ran.Store(true); return nil })
					err := n.Start(func(ctx context.Context, ready func()) error { ran.Store(true); ready(); return nil })
					if err == nil || err != context.Cause(n.Context()) {
						t.Errorf("Start on a cancelled nursery returned %v, want the cause %v", err, context.Cause(n.Context()))
					}
					n.Wait()
					if ran.Load() {
						t.Error("Go or Start on a cancelled nursery started its task")
					}
				})
			})
		}
	}
}

// TryGo starts a task when it can at once and says whether it did.
func TestTryGo(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := Config{Limit: 2}.New(t.Context())
		release := make(chan struct{})
		var ran atomic.Int32
		blocker := func(ctx context.Context) error { <-release; ran.Add(1); return nil }
		var got []bool
		start := time.Now()
		for range 3 {
			got = append(got, n.TryGo(blocker))
		}
		if want := []bool{true, true, false}; !slices.Equal(got, want) || time.Since(start) != 0 {
			t.Errorf("TryGo on a nursery with Limit 2 = %v after %v, want %v at once", got, time.Since(start), want)
		}
		close(release)
		synctest.Wait()
		if !n.TryGo(func(ctx context.Context) error { ran.Add(1); return nil }) {
			t.Error("TryGo = false once slots were free again")
		}
		n.Cancel(nil)
		if n.TryGo(func(ctx context.Context) error { ran.Add(1); return nil }) {
			t.Error("TryGo = true on a cancelled nursery")
		}
		n.Wait()
		if ran.Load() != 3 {
			t.Errorf("%d tasks ran, want the 3 TryGo started", ran.Load())
		}
		msg := catch(func() { n.TryGo(func(context.Context) error { return nil }) })
		if !strings.Contains(fmt.Sprint(msg), "nursery: TryGo called on a nursery that has finished") {
			t.Errorf("TryGo on a finished nursery: panic %v, want a clear message", msg)
		}
		m := New(t.Context())
		if v := catch(func() { m.TryGo(nil) }); v == nil {
			t.Error("TryGo(nil) did not panic")
		}
		m.Close()
	})
}

// Without a Limit TryGo is Go that reports true.
func TestTryGoWithoutALimitAlwaysStarts(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var ran atomic.Int32
		err := Run(t.Context(), func(n *Nursery) error {
			for range 100 {
				if !n.TryGo(func(ctx context.Context) error { ran.Add(1); return nil }) {
					t.Error("TryGo without a Limit = false")
				}
			}
			return nil
		})
		if err != nil || ran.Load() != 100 {
			t.Errorf("Run = %v, %d of 100 tasks ran", err, ran.Load())
		}
	})
}

// Main names signals as proc does: one vocabulary across the runtime.
func TestMainNamesSignalsAsProcDoes(t *testing.T) {
	for sig, want := range map[os.Signal]string{
		syscall.SIGINT:  "interrupted by SIGINT",
		syscall.SIGTERM: "interrupted by SIGTERM",
		os.Interrupt:    "interrupted by SIGINT",
	} {
		if got := (&SignalError{Signal: sig}).Error(); got != want {
			t.Errorf("SignalError{%v}.Error() = %q, want %q", sig, got, want)
		}
	}
	bubble(t, func(t *testing.T) {
		p := newProgram()
		p.at(time.Second, syscall.SIGTERM)
		p.run(func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { <-Stopping(ctx).Done(); return nil })
			return nil
		})
		if want := "interrupted by SIGTERM: shutting down gracefully"; !strings.Contains(p.stderr.String(), want) {
			t.Errorf("stderr = %q, want %q", p.stderr.String(), want)
		}
	})
}

// Guarantee 9: the lifeline refuses any stdin that reads EOF at once:
// /dev/null, a regular file (prog < config.txt), a directory.
func TestMainLifelineRefusesStdinThatEndsAtOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.txt")
	if err := os.WriteFile(file, []byte("key = value\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct{ path, why string }{
		"/dev/null":    {os.DevNull, "stdin is /dev/null"},
		"regular file": {file, "stdin is a regular file"},
		"directory":    {t.TempDir(), "stdin is a directory"},
	} {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			bubble(t, func(t *testing.T) {
				p := newProgram(WithStdinLifeline())
				p.stdin = f
				p.at(time.Second, syscall.SIGINT)
				start := time.Now()
				p.run(func(n *Nursery) error {
					n.Go(func(ctx context.Context) error { <-Stopping(ctx).Done(); return nil })
					return nil
				})
				if d := time.Since(start); d != time.Second {
					t.Errorf("program stopped after %v, want at the signal (1s), not at once", d)
				}
				if want := "stdin lifeline refused: " + tc.why; !strings.Contains(p.stderr.String(), want) {
					t.Errorf("stderr = %q, want %q", p.stderr.String(), want)
				}
			})
		})
	}
}

// Regression guards for what held under adversarial use (issue 12).

// Go, Start, Cancel, Shutdown and Wait race on real cores. Whatever the
// interleaving: every task that started has returned when Wait returns,
// every Wait returns the same result, the only panic is Go's or Start's on
// a finished nursery, and the only failure is the one Cancel reported.
func TestRacesAmongGoStartCancelShutdownAndWait(t *testing.T) {
	for i := range 300 {
		n := Config{Limit: []int{0, 3}[i%2]}.New(t.Context())
		var started, returned atomic.Int32
		task := func(ctx context.Context) error {
			started.Add(1)
			defer returned.Add(1)
			if i%3 == 0 {
				<-Stopping(ctx).Done()
			}
			return nil
		}
		var wg sync.WaitGroup
		var results [2]error
		spawn := func(start bool) {
			defer func() {
				if v := recover(); v != nil && !strings.Contains(fmt.Sprint(v), "has finished") {
					t.Errorf("run %d: panic %v", i, v)
				}
			}()
			for range 20 {
				if start {
					n.Start(func(ctx context.Context, ready func()) error { ready(); return task(ctx) })
				} else {
					n.Go(task)
				}
			}
		}
		wg.Go(func() { spawn(false) })
		wg.Go(func() { spawn(true) })
		wg.Go(func() { n.Shutdown(time.Duration(i%4) * time.Millisecond) })
		wg.Go(func() {
			if i%2 == 0 {
				n.Cancel(nil)
			} else {
				n.Cancel(errA)
			}
		})
		for k := range results {
			wg.Go(func() {
				results[k] = n.Wait()
				if s, r := started.Load(), returned.Load(); s != r {
					t.Errorf("run %d: Wait returned with %d tasks started and %d returned", i, s, r)
				}
			})
		}
		wg.Wait()
		if results[0] != results[1] || results[0] != nil && results[0] != errA {
			t.Fatalf("run %d: Wait = %v and %v, want the same, nil or errA", i, results[0], results[1])
		}
	}
}

// Go racing the end of the nursery is never silently dropped: it either
// runs its task before Wait returns or panics because the nursery has
// finished.
func TestGoRacingTheEndIsNeverDropped(t *testing.T) {
	for i := range 3000 {
		n := New(t.Context())
		var ran, ranBeforeWait atomic.Bool
		var v any
		var wg sync.WaitGroup
		wg.Go(func() {
			v = catch(func() { n.Go(func(context.Context) error { ran.Store(true); return nil }) })
		})
		wg.Go(func() {
			n.Wait()
			ranBeforeWait.Store(ran.Load())
		})
		wg.Wait()
		switch {
		case v != nil && !strings.Contains(fmt.Sprint(v), "has finished"):
			t.Fatalf("run %d: Go panicked with %v", i, v)
		case v == nil && !ranBeforeWait.Load():
			t.Fatalf("run %d: Go returned but its task had not run when Wait returned", i)
		}
	}
}

// Grace is exact for thousands of tasks in many nested nurseries, all in
// parallel: each nested nursery applies its own grace from the outer soft
// stop, cut short by the outer hard cancel.
func TestGraceIsExactForManyNestedNurseries(t *testing.T) {
	for _, tc := range []struct {
		outer, inner, want time.Duration
	}{
		{10 * time.Second, 2 * time.Second, 2 * time.Second}, // its own, shorter grace
		{3 * time.Second, time.Minute, 3 * time.Second},      // cut by the outer one
		{4 * time.Second, 0, 4 * time.Second},                // zero: until the outer hard cancel
	} {
		t.Run(fmt.Sprint(tc.outer, tc.inner), func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				const nested, tasks = 40, 100
				outer := New(t.Context())
				var ready sync.WaitGroup
				ready.Add(nested * tasks)
				var wrong atomic.Int32
				start := time.Now()
				for range nested {
					outer.Go(func(ctx context.Context) error {
						return Config{Grace: tc.inner}.Run(ctx, func(inner *Nursery) error {
							for range tasks {
								inner.Go(func(ctx context.Context) error {
									ready.Done()
									<-Stopping(ctx).Done()
									if time.Since(start) != 0 {
										wrong.Add(1)
									}
									<-ctx.Done()
									if time.Since(start) != tc.want {
										wrong.Add(1)
									}
									return ctx.Err()
								})
							}
							return nil
						})
					})
				}
				ready.Wait()
				outer.Shutdown(tc.outer)
				if err := outer.Wait(); err != nil {
					t.Errorf("outer Wait = %v, want nil", err)
				}
				if w := wrong.Load(); w > 0 || time.Since(start) != tc.want {
					t.Errorf("%d of %d tasks saw a stop at the wrong time; all done after %v, want soft 0 and hard %v",
						w, nested*tasks, time.Since(start), tc.want)
				}
			})
		})
	}
}
