package nursery_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

// crashingProgram panics in a task while a sibling ignores cancellation, so
// its owner cannot re-panic: the runtime must crash the process with the
// original panic rather than hide it.
func crashingProgram() {
	*nursery.PanicCrashDelay = 100 * time.Millisecond
	block := make(chan struct{})
	nursery.Run(context.Background(), func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error { <-block; return nil })
		n.Go(func(ctx context.Context) error { explode(); return nil })
		return nil
	})
}

func explode() { panic("disk on fire") }

func TestPanicIgnoredBySiblingsCrashesTheProcess(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TWINE_NURSERY_PROGRAM=crash")
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 2 {
		t.Fatalf("program ended with %v, want exit status 2 (a crash)\n%s", err, out)
	}
	for _, want := range []string{
		"panic: disk on fire",
		"did not re-panic within 100ms",
		"\tpanic(", "nursery_test.explode(", // the original stack, not the timer's
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("crash output lacks %q:\n%s", want, out)
		}
	}
}
