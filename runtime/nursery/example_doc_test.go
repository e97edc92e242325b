package nursery_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

func ExampleStopping() {
	jobs := make(chan string)
	n := nursery.Config{Grace: 5 * time.Second}.New(context.Background())
	n.Go(func(ctx context.Context) error {
		for {
			select {
			case <-nursery.Stopping(ctx).Done(): // the soft stop: take no new job
				fmt.Println("stopping:", context.Cause(nursery.Stopping(ctx)))
				fmt.Println("hard cancel yet?", ctx.Err() != nil)
				return nil
			case job := <-jobs:
				fmt.Println("handled", job) // ctx stays live during the grace
			}
		}
	})
	jobs <- "a"
	jobs <- "b"
	// Close is Shutdown(Config.Grace), then Wait: the soft stop now, the
	// hard cancel when the grace runs out or once every task has returned.
	fmt.Println("Close:", n.Close())
	// Output:
	// handled a
	// handled b
	// stopping: nursery shut down
	// hard cancel yet? false
	// Close: <nil>
}

func ExampleConfig() {
	// At most two fetches run at once (Go waits for a free slot), and a
	// failed fetch does not cancel the others (Supervise); every failure
	// is returned.
	crawler := nursery.Config{Name: "crawler", Limit: 2, Supervise: true}
	var running, most, fetched atomic.Int32
	err := crawler.Run(context.Background(), func(n *nursery.Nursery) error {
		for _, url := range []string{"a", "b", "broken", "c", "d"} {
			n.Go(func(ctx context.Context) error {
				now := running.Add(1)
				defer running.Add(-1)
				for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
				}
				if url == "broken" {
					return errors.New(url + ": 404")
				}
				fetched.Add(1)
				return nil
			})
		}
		return nil
	})
	fmt.Println("never more than 2 at once:", most.Load() <= 2)
	fmt.Println("fetched:", fetched.Load())
	fmt.Println("Run:", err)
	// Output:
	// never more than 2 at once: true
	// fetched: 4
	// Run: broken: 404
}

// waitBlocked returns once count tasks have each sent on started: from
// then on they sit on the line that sent, whether they have reached the
// receive after it or not, so a snapshot sees all of them at one place.
func waitBlocked(started <-chan struct{}, count int) {
	for range count {
		<-started
	}
}

func ExampleSnapshot() {
	crawler := nursery.Config{Name: "crawler", Limit: 4}.New(context.Background())
	started := make(chan struct{})
	for range 3 {
		crawler.Go(func(ctx context.Context) error { started <- struct{}{}; <-ctx.Done(); return nil })
	}
	waitBlocked(started, 3)

	for _, info := range nursery.Snapshot() { // every live nursery; crawler.Snapshot() is crawler's
		if info.Name != "crawler" {
			continue
		}
		fmt.Printf("%s: %s, limit %d\n", info.Name, info.State, info.Limit)
		for _, task := range info.Tasks {
			fmt.Printf("%d × %s: %s\n", task.Count, task.Name, task.State)
		}
	}
	crawler.Cancel(nil)
	fmt.Println("Wait:", crawler.Wait())
	// Output:
	// crawler: open, limit 4
	// 3 × github.com/twine-go/twine/runtime/nursery_test.ExampleSnapshot.func1: running
	// Wait: <nil>
}

func ExampleWriteTree() {
	crawler := nursery.Config{Name: "crawler", Limit: 4}.New(context.Background())
	started := make(chan struct{})
	for range 3 {
		crawler.Go(func(ctx context.Context) error { started <- struct{}{}; <-ctx.Done(); return nil })
	}
	waitBlocked(started, 3)

	var tree strings.Builder
	if err := nursery.WriteTree(&tree); err != nil {
		fmt.Println(err)
	}
	// WriteTree writes every live nursery: keep crawler's lines. Its ID
	// and age, and the task's line, vary: hide them.
	hide := regexp.MustCompile(`#\d+|age [^,]+|\.go:\d+`)
	crawlers := false
	for line := range strings.Lines(tree.String()) {
		if !strings.HasPrefix(line, " ") {
			crawlers = strings.HasPrefix(line, "crawler ")
		}
		if crawlers {
			fmt.Print(hide.ReplaceAllStringFunc(line, func(s string) string {
				return map[byte]string{'#': "#ID", 'a': "age AGE", '.': ".go:LINE"}[s[0]]
			}))
		}
	}
	crawler.Cancel(nil)
	crawler.Wait()
	// Output:
	// crawler #ID: open, age AGE, limit 4
	//   3 × github.com/twine-go/twine/runtime/nursery_test.ExampleWriteTree.func1: running, at nursery/example_doc_test.go:LINE
}

// ExampleWithStdinLifeline is a worker that a supervisor starts with a pipe
// on its standard input: when the supervisor closes the pipe, or dies,
// which closes it too, the worker shuts down gracefully, as at a first
// Ctrl+C, and exits with status 0. TestExampleWithStdinLifeline runs it as
// a process and closes its stdin.
func ExampleWithStdinLifeline() {
	nursery.Main(func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			fmt.Println("working")
			<-nursery.Stopping(ctx).Done()
			fmt.Println("stdin closed: finishing")
			return nil
		})
		return nil
	}, nursery.WithStdinLifeline(), nursery.WithGrace(10*time.Second))
}

func init() {
	programs["main"] = ExampleMain
	programs["lifeline"] = ExampleWithStdinLifeline
}

// TestExampleMain runs ExampleMain as a program and presses Ctrl+C once it
// serves.
func TestExampleMain(t *testing.T) {
	if got, want := runAndInterrupt("main", "serving"), "serving\ndraining\nexit status 130\n"; got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

// TestExampleWithStdinLifeline runs ExampleWithStdinLifeline as a program
// and closes its stdin once it works.
func TestExampleWithStdinLifeline(t *testing.T) {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "TWINE_NURSERY_PROGRAM=lifeline")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	first := make([]byte, len("working\n"))
	if _, err := io.ReadFull(stdout, first); err != nil || string(first) != "working\n" {
		t.Errorf("first output %q (%v), want working", first, err)
	}
	stdin.Close()
	rest, _ := io.ReadAll(stdout)
	if err := cmd.Wait(); err != nil || string(rest) != "stdin closed: finishing\n" {
		t.Errorf("then %q, exit %v; want the graceful finish and status 0", rest, err)
	}
	if !strings.Contains(stderr.String(), "stdin closed") {
		t.Errorf("stderr %q does not say that stdin closed", stderr.String())
	}
}
