package bench

import (
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/twine-go/twine/runtime/proc"
)

// BenchmarkProcRun runs /bin/true to completion with proc.Run and with
// exec.Cmd.Run, side by side (benchstat -col /impl): proc's cost over
// os/exec's for a process that exits at once (its own group, the exit
// watched without reaping, the group terminated and probed, the reap). Build
// with -tags twine_posix to measure the POSIX implementation on Linux.
//
// Besides the wall time, which the child's own start dominates, it reports
// the CPU time the benchmark process spent per run (parent-cpu-ns/op): what
// proc itself costs, and far less noisy on a shared machine.
func BenchmarkProcRun(b *testing.B) {
	ctx := context.Background()
	b.Run("impl=proc", func(b *testing.B) {
		measureCPU(b, func() error { return proc.Run(ctx, exec.Command("/bin/true")) })
	})
	b.Run("impl=exec", func(b *testing.B) {
		measureCPU(b, func() error { return exec.Command("/bin/true").Run() })
	})
}

func measureCPU(b *testing.B, run func() error) {
	b.ReportAllocs()
	before := cpuTime()
	for b.Loop() {
		if err := run(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-before).Nanoseconds())/float64(b.N), "parent-cpu-ns/op")
}

// BenchmarkPairedProcRun runs /bin/true with proc.Run and with exec.Cmd.Run
// alternately, run by run, in one loop, the first of the two alternating
// too, as BenchmarkPaired does for the nursery: on a machine whose speed
// drifts, both see the drift alike. It reports the median wall time and the
// median CPU time of the benchmark process (parent-cpu, all its threads)
// per run of each, and the ratios of the medians (proc/exec).
func BenchmarkPairedProcRun(b *testing.B) {
	ctx := context.Background()
	timed := func(run func() error) (wall, cpu time.Duration) {
		c0, t0 := cpuTime(), time.Now()
		if err := run(); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0), cpuTime() - c0
	}
	procRun := func() error { return proc.Run(ctx, exec.Command("/bin/true")) }
	execRun := func() error { return exec.Command("/bin/true").Run() }
	var pw, pc, ew, ec []time.Duration
	for i := 0; b.Loop(); i++ {
		first, second := procRun, execRun
		if i%2 == 1 {
			first, second = execRun, procRun
		}
		w1, c1 := timed(first)
		w2, c2 := timed(second)
		if i%2 == 1 {
			w1, c1, w2, c2 = w2, c2, w1, c1
		}
		pw, pc, ew, ec = append(pw, w1), append(pc, c1), append(ew, w2), append(ec, c2)
	}
	b.ReportMetric(float64(median(pw).Nanoseconds()), "proc-ns/op")
	b.ReportMetric(float64(median(ew).Nanoseconds()), "exec-ns/op")
	b.ReportMetric(float64(median(pc).Nanoseconds()), "proc-cpu-ns/op")
	b.ReportMetric(float64(median(ec).Nanoseconds()), "exec-cpu-ns/op")
	b.ReportMetric(float64(median(pw))/float64(median(ew)), "proc/exec")
	b.ReportMetric(float64(median(pc))/float64(median(ec)), "proc/exec-cpu")
}
