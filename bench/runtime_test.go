package bench

import (
	"context"
	"flag"
	"io"
	"os"
	"runtime"
	"runtime/trace"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/conc"
	"github.com/sourcegraph/conc/pool"
	"golang.org/x/sync/errgroup"

	"github.com/twine-go/twine/runtime/nursery"
)

// Each benchmark runs the same work under every implementation, as
// sub-benchmarks named impl=..., so that benchstat -col /impl puts them side
// by side.

const spawnTasks = 1000

// TestMain warms the process up before the first benchmark. The runtime
// allocates a goroutine's descriptor the first time that many goroutines
// live at once, and keeps it for reuse: the first benchmark to run 10k
// blocked tasks paid for 10k of them, and the first benchmark of all for
// the heap's growth, and both are the nursery's, which runs first. Every
// implementation now starts from the same state.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		ctx := context.Background()
		for range 50 {
			spawnJoinWaitGroup()
			spawnJoinNursery(ctx)
		}
		var wg sync.WaitGroup
		release := make(chan struct{})
		for range 2 * blockedTasks {
			wg.Go(func() { <-release })
		}
		close(release)
		wg.Wait()
		runtime.GC()
	}
	os.Exit(m.Run())
}

func nop(context.Context) error { return nil }

func work() {}

func workErr() error { return nil }

// BenchmarkSpawnJoin starts 1000 empty tasks and waits for them; ns/op and
// allocs/op are per 1000 tasks. Every implementation runs a function that
// captures nothing, so the allocations counted are the implementation's own
// (a closure that captured ctx would cost the peers one more per task; a
// nursery hands its tasks ctx).
func BenchmarkSpawnJoin(b *testing.B) {
	ctx := context.Background()
	b.Run("impl=nursery", func(b *testing.B) {
		loop(b, func() { spawnJoinNursery(ctx) })
	})
	b.Run("impl=errgroup", func(b *testing.B) {
		loop(b, func() {
			g, _ := errgroup.WithContext(ctx)
			for range spawnTasks {
				g.Go(workErr)
			}
			g.Wait()
		})
	})
	b.Run("impl=conc", func(b *testing.B) {
		loop(b, func() {
			var wg conc.WaitGroup
			for range spawnTasks {
				wg.Go(work)
			}
			wg.Wait()
		})
	})
	b.Run("impl=waitgroup", func(b *testing.B) {
		loop(b, spawnJoinWaitGroup)
	})
}

// BenchmarkSpawnJoinParent is SpawnJoin with the nursery made from three
// kinds of context, which Go checks for cancellation in three ways: one
// nothing cancels (parent=background, as in SpawnJoin), another nursery's
// (parent=nursery), and one the user may cancel (parent=cancelable).
// WaitGroup.Go, which has no context, runs beside each for the ratio.
func BenchmarkSpawnJoinParent(b *testing.B) {
	cancelable, cancel := context.WithCancel(context.Background())
	defer cancel()
	outer := nursery.New(context.Background())
	defer outer.Close()
	for _, parent := range []struct {
		name string
		ctx  context.Context
	}{
		{"background", context.Background()},
		{"nursery", outer.Context()},
		{"cancelable", cancelable},
	} {
		b.Run("parent="+parent.name+"/impl=nursery", func(b *testing.B) {
			loop(b, func() { spawnJoinNursery(parent.ctx) })
		})
		b.Run("parent="+parent.name+"/impl=waitgroup", func(b *testing.B) {
			loop(b, spawnJoinWaitGroup)
		})
	}
}

// loop runs op for b.Loop and reports, beside ns/op and allocs/op, the
// process's CPU time per op (cpu-ns/op: user and system, of every thread,
// the garbage collector's included). On a machine shared with other work it
// is steadier than ns/op, which also counts the time threads wait for a core.
func loop(b *testing.B, op func()) {
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		op()
	}
	if cpu := cpuTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func spawnJoinNursery(ctx context.Context) {
	nursery.Run(ctx, func(n *nursery.Nursery) error {
		for range spawnTasks {
			n.Go(nop)
		}
		return nil
	})
}

func spawnJoinOverdue(ctx context.Context) {
	nursery.Config{OnOverdue: func(nursery.Overdue) {}}.Run(ctx, func(n *nursery.Nursery) error {
		for range spawnTasks {
			n.Go(nop)
		}
		return nil
	})
}

func spawnJoinWaitGroup() {
	var wg sync.WaitGroup
	for range spawnTasks {
		wg.Go(work)
	}
	wg.Wait()
}

// BenchmarkSpawnJoinTrace is SpawnJoin with an execution trace off and on.
// With the trace off it must cost what it cost before nurseries and tasks
// appeared in traces: run it on both versions and compare them with
// benchstat old.txt new.txt. With the trace on (written to io.Discard), a
// nursery's tasks are trace tasks with a region each, beside the events the
// runtime records for every goroutine, WaitGroup's included. cpu-ns/op is
// the process's CPU time per op, steadier than ns/op on a busy machine.
// impl=nursery-onoverdue is a nursery with Config.OnOverdue, whose tasks
// record when they began (a pprof label each).
func BenchmarkSpawnJoinTrace(b *testing.B) {
	ctx := context.Background()
	for _, on := range []bool{false, true} {
		name := "trace=off"
		if on {
			name = "trace=on"
		}
		b.Run(name, func(b *testing.B) {
			for _, impl := range []struct {
				name      string
				spawnJoin func()
			}{
				{"nursery", func() { spawnJoinNursery(ctx) }},
				{"nursery-onoverdue", func() { spawnJoinOverdue(ctx) }},
				{"waitgroup", spawnJoinWaitGroup},
			} {
				b.Run("impl="+impl.name, func(b *testing.B) {
					if on {
						if err := trace.Start(io.Discard); err != nil {
							b.Fatal(err)
						}
						defer trace.Stop()
					} else if trace.IsEnabled() {
						b.Fatal("a trace is being recorded (go test -trace?): trace=off would not be off")
					}
					loop(b, impl.spawnJoin)
				})
			}
		})
	}
}

const blockedTasks = 10_000

// BenchmarkCancelBlocked starts 10k tasks that block until cancelled, then
// cancels them all and waits; ns/op is the whole cycle, and the
// "cancel-ns" metric the time from cancel to the last task's return.
func BenchmarkCancelBlocked(b *testing.B) {
	measure := func(b *testing.B, cycle func(started *sync.WaitGroup) time.Duration) {
		var total time.Duration
		loop(b, func() { total += cancelBlocked(cycle) })
		b.ReportMetric(float64(total.Nanoseconds())/float64(b.N), "cancel-ns/op")
	}
	b.Run("impl=nursery", func(b *testing.B) {
		measure(b, cancelBlockedNursery)
	})
	b.Run("impl=errgroup", func(b *testing.B) {
		measure(b, func(started *sync.WaitGroup) time.Duration {
			ctx, cancel := context.WithCancel(context.Background())
			g, ctx := errgroup.WithContext(ctx)
			for range blockedTasks {
				g.Go(func() error { started.Done(); return block(ctx) })
			}
			started.Wait()
			t0 := time.Now()
			cancel()
			g.Wait()
			return time.Since(t0)
		})
	})
	b.Run("impl=conc", func(b *testing.B) {
		measure(b, func(started *sync.WaitGroup) time.Duration {
			ctx, cancel := context.WithCancel(context.Background())
			p := pool.New().WithContext(ctx)
			for range blockedTasks {
				p.Go(func(ctx context.Context) error { started.Done(); return block(ctx) })
			}
			started.Wait()
			t0 := time.Now()
			cancel()
			p.Wait()
			return time.Since(t0)
		})
	})
	b.Run("impl=waitgroup", func(b *testing.B) {
		measure(b, cancelBlockedWaitGroup)
	})
}

func block(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }

// cancelBlocked runs one cycle of CancelBlocked and returns the time from
// the cancel to the last task's return.
func cancelBlocked(cycle func(started *sync.WaitGroup) time.Duration) time.Duration {
	var started sync.WaitGroup
	started.Add(blockedTasks)
	return cycle(&started)
}

func cancelBlockedNursery(started *sync.WaitGroup) time.Duration {
	n := nursery.New(context.Background())
	for range blockedTasks {
		n.Go(func(ctx context.Context) error { started.Done(); return block(ctx) })
	}
	started.Wait()
	t0 := time.Now()
	n.Cancel(nil)
	n.Wait()
	return time.Since(t0)
}

func cancelBlockedWaitGroup(started *sync.WaitGroup) time.Duration {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range blockedTasks {
		wg.Go(func() { started.Done(); block(ctx) })
	}
	started.Wait()
	t0 := time.Now()
	cancel()
	wg.Wait()
	return time.Since(t0)
}

// BenchmarkGracefulShutdown starts 10k tasks that each finish one step of
// work after the soft stop, then shuts them down gracefully. The peers have
// no soft stop; they get the same two phases from a closed channel and a
// context, which is what users write by hand without twine.
func BenchmarkGracefulShutdown(b *testing.B) {
	b.Run("impl=nursery", func(b *testing.B) {
		loop(b, gracefulShutdownNursery)
	})
	b.Run("impl=errgroup", func(b *testing.B) {
		loop(b, func() {
			var started sync.WaitGroup
			started.Add(blockedTasks)
			stop := make(chan struct{})
			ctx, cancel := context.WithCancel(context.Background())
			g, ctx := errgroup.WithContext(ctx)
			for range blockedTasks {
				g.Go(func() error {
					started.Done()
					select {
					case <-stop:
					case <-ctx.Done():
					}
					return nil
				})
			}
			started.Wait()
			close(stop)
			t := time.AfterFunc(time.Minute, cancel)
			g.Wait()
			t.Stop()
			cancel()
		})
	})
	b.Run("impl=waitgroup", func(b *testing.B) {
		loop(b, gracefulShutdownWaitGroup)
	})
}

func gracefulShutdownNursery() {
	var started sync.WaitGroup
	started.Add(blockedTasks)
	n := nursery.New(context.Background())
	for range blockedTasks {
		n.Go(func(ctx context.Context) error {
			started.Done()
			<-nursery.Stopping(ctx).Done()
			return nil
		})
	}
	started.Wait()
	n.Shutdown(time.Minute)
	n.Wait()
}

func gracefulShutdownWaitGroup() {
	var started sync.WaitGroup
	started.Add(blockedTasks)
	stop := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range blockedTasks {
		wg.Go(func() {
			started.Done()
			select {
			case <-stop:
			case <-ctx.Done():
			}
		})
	}
	started.Wait()
	close(stop)
	t := time.AfterFunc(time.Minute, cancel)
	wg.Wait()
	t.Stop()
	cancel()
}

// BenchmarkPaired runs the nursery and WaitGroup.Go (with a context where
// the work needs one) alternately, op by op, in one loop, the one that goes
// first alternating too, and reports the median time per op of each and
// the ratio of the two medians (nursery/waitgroup). The benchmarks above
// run each implementation for a second or so, one after the other: on a
// machine whose speed drifts (a shared virtual machine), the ratio of their
// results measures the drift as much as the code. Here both see it alike.
// ns/op is the time of one op of each.
func BenchmarkPaired(b *testing.B) {
	ctx := context.Background()
	outer := nursery.New(ctx)
	defer outer.Close()
	cancelable, cancel := context.WithCancel(ctx)
	defer cancel()
	whole := func(op func()) func() time.Duration {
		return func() time.Duration { t0 := time.Now(); op(); return time.Since(t0) }
	}
	for _, p := range []struct {
		name               string
		nursery, waitgroup func() time.Duration
	}{
		{"SpawnJoin/parent=background", whole(func() { spawnJoinNursery(ctx) }), whole(spawnJoinWaitGroup)},
		{"SpawnJoin/parent=nursery", whole(func() { spawnJoinNursery(outer.Context()) }), whole(spawnJoinWaitGroup)},
		{"SpawnJoin/parent=cancelable", whole(func() { spawnJoinNursery(cancelable) }), whole(spawnJoinWaitGroup)},
		{"CancelBlocked/from=start", whole(func() { cancelBlocked(cancelBlockedNursery) }), whole(func() { cancelBlocked(cancelBlockedWaitGroup) })},
		{"CancelBlocked/from=cancel", func() time.Duration { return cancelBlocked(cancelBlockedNursery) }, func() time.Duration { return cancelBlocked(cancelBlockedWaitGroup) }},
		{"GracefulShutdown", whole(gracefulShutdownNursery), whole(gracefulShutdownWaitGroup)},
	} {
		b.Run("op="+p.name, func(b *testing.B) { pair(b, p.nursery, p.waitgroup) })
	}
}

// pair is BenchmarkPaired's loop: each op returns the time to count.
func pair(b *testing.B, nurseryOp, waitgroupOp func() time.Duration) {
	var tn, tw []time.Duration
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			tn = append(tn, nurseryOp())
			tw = append(tw, waitgroupOp())
		} else {
			tw = append(tw, waitgroupOp())
			tn = append(tn, nurseryOp())
		}
	}
	mn, mw := median(tn), median(tw)
	b.ReportMetric(float64(mn.Nanoseconds()), "nursery-ns/op")
	b.ReportMetric(float64(mw.Nanoseconds()), "waitgroup-ns/op")
	b.ReportMetric(float64(mn)/float64(mw), "nursery/waitgroup")
}

func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}
