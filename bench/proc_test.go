package bench

import (
	"context"
	"os/exec"
	"testing"

	"github.com/twine-go/twine/runtime/proc"
)

// BenchmarkProcRun runs /bin/true to completion with proc.Run and with
// exec.Cmd.Run, side by side: proc's cost over os/exec's for a process that
// exits at once (its own group, the exit watched without reaping, the group
// found empty, the reap). Build with -tags twine_posix to measure the POSIX
// implementation on Linux.
func BenchmarkProcRun(b *testing.B) {
	ctx := context.Background()
	b.Run("impl=proc", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := proc.Run(ctx, exec.Command("/bin/true")); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=exec", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := exec.Command("/bin/true").Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
