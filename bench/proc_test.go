package bench

import (
	"context"
	"os/exec"
	"testing"

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
