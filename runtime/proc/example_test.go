//go:build linux

package proc_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
	"github.com/twine-go/twine/runtime/proc"
)

// A process started in a nursery is one of its tasks: the nursery does not
// end before the process has exited and been reaped, and its shutdown
// terminates the process.
func ExampleStart() {
	err := nursery.Run(context.Background(), func(n *nursery.Nursery) error {
		// Read the server's output through an os.Pipe: Start refuses
		// cmd.StdoutPipe, which os/exec closes when proc reaps the process.
		r, w, err := os.Pipe()
		if err != nil {
			return err
		}
		defer r.Close()
		cmd := exec.Command("sh", "-c", "echo listening; exec sleep 60")
		cmd.Stdout = w
		p, err := proc.Start(n, cmd, proc.WithName("server"))
		w.Close() // the child has its copy
		if err != nil {
			return err
		}
		line, _ := bufio.NewReader(r).ReadString('\n')
		fmt.Print("server says: ", line)

		n.Shutdown(time.Second) // SIGTERM now, SIGKILL if it still runs a second later
		err = p.Wait()
		fmt.Println("stopped by twine:", errors.Is(err, context.Canceled))
		return nil
	})
	fmt.Println("nursery:", err) // the shutdown is no failure
	// Output:
	// server says: listening
	// stopped by twine: true
	// nursery: <nil>
}

// Run runs a command to completion; its process group is gone when Run
// returns.
func ExampleRun() {
	var out bytes.Buffer
	cmd := exec.Command("sh", "-c", "echo built")
	cmd.Stdout = &out
	if err := proc.Run(context.Background(), cmd); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(out.String())
	// Output: built
}

// When Run's context ends first, the process gets SIGTERM, then SIGKILL if
// it has not exited when the grace runs out; the error says both why and how
// the process ended.
func ExampleRun_cancelled() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := proc.Run(ctx, exec.Command("sleep", "60"), proc.WithGrace(time.Second))

	var se *proc.SignalError
	fmt.Println("deadline:", errors.Is(err, context.DeadlineExceeded))
	fmt.Println("signal:", errors.As(err, &se) && se.Sent, se.Signal)
	// Output:
	// deadline: true
	// signal: true terminated
}
