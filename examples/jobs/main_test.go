package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twine-go/twine/internal/leaktest"
	"github.com/twine-go/twine/runtime/nursery"
)

// runMainEnv makes the test binary run main instead of the tests: the test
// runs the real program, as a process, without building it.
const runMainEnv = "JOBS_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// program is the program running in a child process, reaped by a task.
type program struct {
	cmd    *exec.Cmd
	addr   string
	stderr syncBuffer
	exited chan struct{}
}

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

// startProgram runs the program on a free loopback port and returns once it
// accepts connections. The program listens itself, so the port is found
// free first and handed over in $ADDR; if something else takes it
// meanwhile, the program exits saying so and startProgram tries another.
func startProgram(t *testing.T) *program {
	for range 5 {
		p := &program{exited: make(chan struct{})}
		p.addr = freePort(t)
		p.cmd = exec.Command(os.Args[0])
		p.cmd.Env = append(os.Environ(), runMainEnv+"=1", "ADDR="+p.addr)
		p.cmd.Stderr = &p.stderr
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
			p.cmd.Process.Kill() // an error if it has exited: fine
			n.Wait()
			if t.Failed() {
				t.Logf("stderr:\n%s", p.stderr.String())
			}
		})
		if p.listening(t) {
			return p
		}
		if !strings.Contains(p.stderr.String(), "address already in use") {
			t.Fatalf("the program exited before it listened:\n%s", p.stderr.String())
		}
	}
	t.Fatal("found no free port")
	return nil
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// listening waits until the program accepts a connection, or exits; a
// deadline bounds the wait (liveness, not a timing assertion).
func (p *program) listening(t *testing.T) bool {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.Dial("tcp", p.addr); err == nil {
			c.Close()
			return true
		}
		select {
		case <-p.exited:
			return false
		case <-time.After(5 * time.Millisecond):
		}
	}
	t.Fatal("the program does not listen")
	return false
}

// TestSIGTERMLetsTheJobInFlightFinish: SIGTERM while a job is in flight;
// the job finishes, its reply arrives, and the program exits with 143.
func TestSIGTERMLetsTheJobInFlightFinish(t *testing.T) {
	leaktest.Check(t)
	p := startProgram(t)
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get("http://" + p.addr + "/job/1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	// The headers came: a worker has the job. Now SIGTERM.
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil || string(body) != "done\n" {
		t.Errorf("the job in flight replied %q, %v; want done", body, err)
	}
	<-p.exited
	if code := p.cmd.ProcessState.ExitCode(); code != 143 {
		t.Errorf("exit status %d, want 143", code)
	}
	if want := "interrupted by SIGTERM: shutting down gracefully"; !strings.Contains(p.stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, p.stderr.String())
	}
}
