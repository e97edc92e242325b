package nursery_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

func ExampleRun() {
	squares := make([]int, 5)
	err := nursery.Run(context.Background(), func(n *nursery.Nursery) error {
		for i := range squares {
			n.Go(func(ctx context.Context) error {
				squares[i] = i * i
				return nil
			})
		}
		return nil
	})
	// Every task has returned here.
	fmt.Println(squares, err)
	// Output: [0 1 4 9 16] <nil>
}

func ExampleRun_failure() {
	errNoRoute := errors.New("no route to host")
	err := nursery.Run(context.Background(), func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			<-ctx.Done() // cancelled by the sibling's failure
			fmt.Println("cancelled because:", context.Cause(ctx))
			return ctx.Err() // an echo of the cancel, not a failure
		})
		n.Go(func(ctx context.Context) error { return errNoRoute })
		return nil
	})
	fmt.Println("Run:", err)
	// Output:
	// cancelled because: no route to host
	// Run: no route to host
}

// Conn owns a keepalive task: its nursery lives as long as the value.
type Conn struct {
	tasks *nursery.Nursery
	pings chan string
}

func Dial(ctx context.Context) *Conn {
	c := &Conn{tasks: nursery.Config{Name: "conn", Grace: time.Second}.New(ctx), pings: make(chan string, 1)}
	c.tasks.Go(func(ctx context.Context) error {
		c.pings <- "ping"
		<-nursery.Stopping(ctx).Done()
		return nil
	})
	return c
}

func (c *Conn) Close() error { return c.tasks.Close() }

func ExampleNew() {
	c := Dial(context.Background())
	fmt.Println(<-c.pings)
	fmt.Println("close:", c.Close()) // the keepalive task has returned
	// Output:
	// ping
	// close: <nil>
}

func ExampleNursery_Start() {
	nursery.Run(context.Background(), func(n *nursery.Nursery) error {
		var addr net.Addr
		err := n.Start(func(ctx context.Context, ready func()) error {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				return err // Start returns it: the caller decides
			}
			addr = l.Addr()
			ready() // Start returns now: the server is listening
			<-ctx.Done()
			return l.Close()
		})
		if err != nil {
			return err
		}
		c, err := net.Dial("tcp", addr.String()) // no race: it listens
		fmt.Println("dialled:", err == nil)
		c.Close()
		n.Cancel(nil)
		return nil
	})
	// Output: dialled: true
}

func ExampleNursery_TryGo() {
	// A front end that sheds load: at most two jobs at once, and a job that
	// finds both slots taken is refused at once instead of queued.
	done := make(chan struct{})
	nursery.Config{Limit: 2}.Run(context.Background(), func(n *nursery.Nursery) error {
		for job := range 4 {
			started := n.TryGo(func(ctx context.Context) error {
				<-done // the work
				return nil
			})
			fmt.Printf("job %d started: %v\n", job, started)
		}
		close(done)
		return nil
	})
	// Output:
	// job 0 started: true
	// job 1 started: true
	// job 2 started: false
	// job 3 started: false
}

func ExampleNursery_Shutdown() {
	jobs := make(chan int)
	n := nursery.New(context.Background())
	n.Go(func(ctx context.Context) error {
		for {
			select {
			case <-nursery.Stopping(ctx).Done():
				fmt.Println("worker: no new jobs; done")
				return nil
			case j := <-jobs:
				fmt.Println("worker: job", j)
			}
		}
	})
	jobs <- 1
	jobs <- 2
	n.Shutdown(5 * time.Second) // soft stop now, hard cancel in 5s at most
	fmt.Println("Wait:", n.Wait())
	// Output:
	// worker: job 1
	// worker: job 2
	// worker: no new jobs; done
	// Wait: <nil>
}

// A program on Main: its task serves until the first Ctrl+C (or SIGTERM),
// then finishes what it holds, within 10 s; the program then exits with
// status 130 (143 for SIGTERM). TestExampleMain runs it as a process and
// presses Ctrl+C: it prints "serving", then "draining", and exits 130.
func ExampleMain() {
	nursery.Main(func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			fmt.Println("serving")
			<-nursery.Stopping(ctx).Done() // the first Ctrl+C
			fmt.Println("draining")
			return nil
		})
		return nil
	}, nursery.WithGrace(10*time.Second))
}

// The test binary doubles as the programs the examples and process tests
// run: TWINE_NURSERY_PROGRAM names one.
var programs = map[string]func(){
	"crash": crashingProgram,
}

func TestMain(m *testing.M) {
	if name := os.Getenv("TWINE_NURSERY_PROGRAM"); name != "" {
		programs[name]()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runAndInterrupt runs program, sends SIGINT when it prints the line ready,
// and returns its output and exit status.
func runAndInterrupt(program, ready string) string {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "TWINE_NURSERY_PROGRAM="+program)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err.Error()
	}
	if err := cmd.Start(); err != nil {
		return err.Error()
	}
	var b strings.Builder
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		fmt.Fprintln(&b, sc.Text())
		if sc.Text() == ready {
			cmd.Process.Signal(syscall.SIGINT)
		}
	}
	fmt.Fprintln(&b, cmd.Wait())
	return b.String()
}
