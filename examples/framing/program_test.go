package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/twine-go/twine/runtime/nursery"
)

// runMainEnv makes the test binary run main instead of the tests: the
// process tests run the real program without building it.
const runMainEnv = "FRAMING_RUN_MAIN"

// program is the program running in a child process.
type program struct {
	cmd            *exec.Cmd
	stdout, stderr output
	exited         chan struct{} // closed when cmd.Wait has returned
}

// startProgram runs the program with args. At the end of the test it is
// killed if it still runs, and reaped.
func startProgram(t *testing.T, args ...string) *program {
	checkLeaks(t)
	p := &program{cmd: exec.Command(os.Args[0], args...), exited: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), runMainEnv+"=1")
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	p.stdout.changed, p.stderr.changed = make(chan struct{}), make(chan struct{})
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	n := nursery.New(context.Background())
	n.Go(func(context.Context) error {
		defer close(p.exited)
		p.cmd.Wait()
		return nil
	})
	t.Cleanup(func() {
		p.cmd.Process.Kill() // an error when it has exited: fine
		n.Wait()
		if t.Failed() {
			t.Logf("stdout:\n%s\nstderr:\n%s", p.stdout.String(), p.stderr.String())
		}
	})
	return p
}

// interrupt sends SIGINT, as Ctrl+C does.
func (p *program) interrupt(t *testing.T) {
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
}

// addr waits until the program listens and returns its address.
func (p *program) addr(t *testing.T) string {
	m := p.stderr.waitFor(t, p.exited, regexp.MustCompile(`listening on (\S+)\n`))
	return m[1]
}

// exitCode waits for the program to exit and returns its exit status.
func (p *program) exitCode() int {
	<-p.exited
	return p.cmd.ProcessState.ExitCode()
}

// output collects what the program writes to a stream and lets a test wait
// for a line.
type output struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{} // closed and replaced at each write
}

func (o *output) Write(b []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	close(o.changed)
	o.changed = make(chan struct{})
	return o.buf.Write(b)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// waitFor waits until the output matches re and returns the submatches; it
// fails the test if the program exits first.
func (o *output) waitFor(t *testing.T, exited <-chan struct{}, re *regexp.Regexp) []string {
	t.Helper()
	for {
		o.mu.Lock()
		m, changed := re.FindStringSubmatch(o.buf.String()), o.changed
		o.mu.Unlock()
		if m != nil {
			return m
		}
		select {
		case <-changed:
		case <-exited:
			if m := re.FindStringSubmatch(o.String()); m != nil {
				return m
			}
			t.Fatalf("the program exited without writing %q", re)
		}
	}
}

// TestCtrlC: at Ctrl+C the program closes idle connections, finishes the
// message in progress, replies to it, and exits with status 130.
func TestCtrlC(t *testing.T) {
	p := startProgram(t, "-addr", "127.0.0.1:0")
	addr := p.addr(t)
	idle, busy := dial(t, addr), dial(t, addr)
	check(t, idle.exchange([]byte("idle")))
	msg := payload(100_000)
	rest, err := busy.begin(msg, 1000)
	check(t, err)

	p.interrupt(t)
	check(t, idle.expectClosed())
	_, err = busy.Write(rest)
	check(t, err)
	check(t, busy.expectReply(msg))
	check(t, busy.expectClosed())
	if code := p.exitCode(); code != 130 {
		t.Errorf("exit status %d, want 130", code)
	}
	if !strings.Contains(p.stderr.String(), "interrupted by SIGINT: shutting down gracefully") {
		t.Errorf("stderr does not tell of the graceful shutdown:\n%s", p.stderr.String())
	}
}

// TestSecondCtrlC: a second Ctrl+C cuts the message in progress.
func TestSecondCtrlC(t *testing.T) {
	p := startProgram(t, "-addr", "127.0.0.1:0")
	busy := dial(t, p.addr(t))
	_, err := busy.begin(payload(1000), 10)
	check(t, err)

	p.interrupt(t)
	p.stderr.waitFor(t, p.exited, regexp.MustCompile("shutting down gracefully"))
	check(t, busy.expectOpen())
	p.interrupt(t)
	check(t, busy.expectClosed())
	if code := p.exitCode(); code != 130 {
		t.Errorf("exit status %d, want 130", code)
	}
	if want := "cut in the middle of a message: interrupted by SIGINT"; !strings.Contains(p.stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, p.stderr.String())
	}
}

// TestListenError: a port in use is a failure: exit status 1 and the error
// on stderr.
func TestListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	defer ln.Close()
	p := startProgram(t, "-addr", ln.Addr().String())
	if code := p.exitCode(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if want := "address already in use"; !strings.Contains(p.stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, p.stderr.String())
	}
}

// TestDemo runs the README's first command and checks the story each
// client tells: the clients run at once, so only the order of each one's
// lines is certain, and that Ctrl+C comes before any connection closes.
func TestDemo(t *testing.T) {
	p := startProgram(t, "-demo")
	if code := p.exitCode(); code != 130 {
		t.Errorf("exit status %d, want 130", code)
	}
	stories := map[string][]string{
		"idle":    {`sent "hello", got "HELLO"`, "Ctrl+C", "connection closed by the server"},
		"busy":    {`sent "hello", got "HELLO"`, "Ctrl+C", "sends the rest of its message", `got "THE MESSAGE IN FLIGHT"`, "connection closed by the server"},
		"stalled": {`sent "hello", got "HELLO"`, "Ctrl+C", "connection closed by the server"},
	}
	for name, want := range stories {
		var got []string
		for line := range strings.Lines(p.stdout.String()) {
			_, text, _ := strings.Cut(strings.TrimSpace(line), "s  ") // after the time
			if text == "Ctrl+C" {
				got = append(got, text)
			} else if who, what, _ := strings.Cut(text, " "); who == name {
				got = append(got, strings.TrimSpace(what))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s tells:\n\t%s\nwant:\n\t%s", name, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		}
	}
	if want := "cut in the middle of a message: grace period of 2s ran out"; !strings.Contains(p.stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, p.stderr.String())
	}
}
