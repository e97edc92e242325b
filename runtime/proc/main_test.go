//go:build linux

package proc_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
	"github.com/twine-go/twine/runtime/proc"
)

// nursery.Main as a real program, driven with real signals. The helper
// "main SCENARIO [lifeline]" runs nursery.Main with one task that prints
// "task ready", then "task stopping: CAUSE" when Stopping is done, and then:
//
//	finish    returns nil
//	hold      reads a line from stdin, prints "task probe: ctx ERR", waits for
//	          the hard cancel, prints "task cancelled" and returns ctx.Err()
//	stubborn  waits for the hard cancel, prints "task cancelled", never returns
//
// The scenarios "ok" and "fail" run no such task: the body returns nil, or a
// task fails with "task failed".
func mainHelper(args []string) {
	scenario := args[0]
	var opts []nursery.MainOption
	if len(args) > 1 && args[1] == "lifeline" {
		opts = append(opts, nursery.WithStdinLifeline())
	}
	nursery.Main(func(n *nursery.Nursery) error {
		switch scenario {
		case "ok":
			return nil
		case "fail":
			n.Go(func(context.Context) error { return errors.New("task failed") })
			return nil
		}
		n.Go(func(ctx context.Context) error {
			fmt.Println("task ready")
			stop := nursery.Stopping(ctx)
			<-stop.Done()
			fmt.Printf("task stopping: %v\n", context.Cause(stop))
			switch scenario {
			case "finish":
				return nil
			case "hold":
				bufio.NewReader(os.Stdin).ReadString('\n')
				fmt.Printf("task probe: ctx %v\n", ctx.Err())
			case "stubborn":
				<-ctx.Done()
				fmt.Println("task cancelled")
				select {}
			}
			<-ctx.Done()
			fmt.Println("task cancelled")
			return ctx.Err()
		})
		return nil
	}, opts...)
}

// syncBuffer collects a child's stderr.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// program is a running nursery.Main helper.
type program struct {
	cmd    *exec.Cmd
	out    *lines
	stderr *syncBuffer
	stdin  io.WriteCloser // nil when stdin is /dev/null
}

func startMain(t *testing.T, devNullStdin bool, args ...string) *program {
	t.Helper()
	p := &program{cmd: helperCmd("main", args...), out: newLines(), stderr: &syncBuffer{}}
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.stderr
	if !devNullStdin {
		var err error
		if p.stdin, err = p.cmd.StdinPipe(); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil { // the test failed before waiting
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
	})
	return p
}

func (p *program) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

// wait waits for the program and checks its exit status.
func (p *program) wait(t *testing.T, want int) {
	t.Helper()
	p.cmd.Wait()
	if got := p.cmd.ProcessState.ExitCode(); got != want {
		t.Errorf("exit status %d, want %d; stderr:\n%s", got, want, p.stderr.String())
	}
}

func TestMainProgramFirstSignalStopsGracefully(t *testing.T) {
	for _, tc := range []struct {
		sig   syscall.Signal
		cause string
		code  int
	}{
		{syscall.SIGINT, "interrupted by SIGINT", 130},
		{syscall.SIGTERM, "interrupted by SIGTERM", 143},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			noLeaks(t)
			p := startMain(t, false, "finish")
			p.out.expect(t, "task ready")
			p.signal(t, tc.sig)
			p.out.expect(t, "task stopping: "+tc.cause)
			p.wait(t, tc.code)
			if p.out.printed("task cancelled") {
				t.Error("the task saw a hard cancel before it returned")
			}
			if !strings.Contains(p.stderr.String(), "shutting down gracefully") {
				t.Errorf("stderr %q does not announce the graceful shutdown", p.stderr.String())
			}
		})
	}
}

// The first signal is only the soft stop: after it, the task's context is
// still live; the second signal cancels it.
func TestMainProgramSecondSignalCancelsHard(t *testing.T) {
	noLeaks(t)
	p := startMain(t, false, "hold")
	p.out.expect(t, "task ready")
	p.signal(t, syscall.SIGINT)
	p.out.expect(t, "task stopping: interrupted by SIGINT")
	io.WriteString(p.stdin, "probe\n")
	p.out.expect(t, "task probe: ctx <nil>")
	p.signal(t, syscall.SIGINT)
	p.out.expect(t, "task cancelled")
	p.wait(t, 130)
	if !strings.Contains(p.stderr.String(), "cancelling (again to exit at once)") {
		t.Errorf("stderr %q does not announce the hard cancel", p.stderr.String())
	}
}

// A task that ignores even the hard cancel cannot keep the program alive
// past the third signal.
func TestMainProgramThirdSignalExits(t *testing.T) {
	noLeaks(t)
	p := startMain(t, false, "stubborn")
	p.out.expect(t, "task ready")
	p.signal(t, syscall.SIGTERM)
	p.out.expect(t, "task stopping: interrupted by SIGTERM")
	p.signal(t, syscall.SIGTERM)
	p.out.expect(t, "task cancelled")
	p.signal(t, syscall.SIGTERM)
	p.wait(t, 143)
	if !strings.Contains(p.stderr.String(), "exiting at once") {
		t.Errorf("stderr %q does not announce the exit", p.stderr.String())
	}
}

func TestMainProgramFailureExitsOne(t *testing.T) {
	noLeaks(t)
	p := startMain(t, false, "fail")
	p.wait(t, 1)
	if !strings.Contains(p.stderr.String(), "task failed") {
		t.Errorf("stderr %q does not report the failure", p.stderr.String())
	}
}

func TestMainProgramSuccessExitsZero(t *testing.T) {
	noLeaks(t)
	p := startMain(t, false, "ok")
	p.wait(t, 0)
	if s := p.stderr.String(); s != "" {
		t.Errorf("stderr %q, want nothing", s)
	}
}

// Closing the program's stdin starts its graceful shutdown.
func TestMainProgramStdinLifeline(t *testing.T) {
	noLeaks(t)
	p := startMain(t, false, "finish", "lifeline")
	p.out.expect(t, "task ready")
	p.stdin.Close()
	p.out.expect(t, "task stopping: stdin closed: interrupted")
	p.wait(t, 0)
}

// A /dev/null stdin would read EOF at once: Main refuses it as a lifeline,
// says so, and runs until a signal.
func TestMainProgramLifelineRefusesDevNull(t *testing.T) {
	noLeaks(t)
	p := startMain(t, true, "finish", "lifeline")
	p.out.expect(t, "task ready")
	p.signal(t, syscall.SIGTERM)
	p.out.expect(t, "task stopping: interrupted by SIGTERM")
	p.wait(t, 143)
	if want := "stdin lifeline refused: stdin is /dev/null"; !strings.Contains(p.stderr.String(), want) {
		t.Errorf("stderr %q does not say %q", p.stderr.String(), want)
	}
}

// A nursery.Main program run by proc: the soft stop of the nursery that runs
// it is the program's first SIGTERM, its own graceful shutdown.
func TestMainProgramUnderProc(t *testing.T) {
	noLeaks(t)
	out := newLines()
	cmd := helperCmd("main", "finish")
	cmd.Stdout, cmd.Stderr = out, io.Discard
	var p *proc.Process
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		var err error
		if p, err = proc.Start(n, cmd); err != nil {
			return err
		}
		out.expect(t, "task ready")
		n.Shutdown(time.Hour)
		return nil
	})
	if err != nil {
		t.Fatalf("nursery: %v", err)
	}
	if !out.printed("task stopping: interrupted by SIGTERM") {
		t.Error("the program's task did not see its soft stop")
	}
	werr := p.Wait()
	var ee *exec.ExitError
	if !errors.Is(werr, context.Canceled) || !errors.As(werr, &ee) || ee.ExitCode() != 143 {
		t.Errorf("Wait: %v, want the cancellation and exit status 143", werr)
	}
	noSignalError(t, werr)
	requireGone(t, p.Pid())
}
