package nursery_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twine-go/twine/internal/leaktest"
	"github.com/twine-go/twine/runtime/nursery"
)

func init() { programs["overdue"] = overdueProgram }

// overdueProgram is a whole program whose task ignores the soft stop: Ctrl+C
// cannot end it before its grace runs out.
func overdueProgram() {
	nursery.Main(func(n *nursery.Nursery) error {
		n.Go(ignoreSoftStop)
		return nil
	}, nursery.WithGrace(300*time.Millisecond))
}

func ignoreSoftStop(ctx context.Context) error {
	fmt.Println("serving")
	<-ctx.Done() // the program's task blocks here
	return nil
}

func TestMainProgramSaysWhatItsShutdownWaitsFor(t *testing.T) {
	leaktest.Check(t)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "TWINE_NURSERY_PROGRAM=overdue")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if sc.Text() == "serving" {
			cmd.Process.Signal(syscall.SIGINT)
		}
	}
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 130 {
		t.Errorf("program ended with %v, want exit status 130\n%s", err, stderr.String())
	}
	// The line of ignoreSoftStop that blocks, from this file.
	src, err := os.ReadFile("overdue_test.go")
	if err != nil {
		t.Fatal(err)
	}
	line := 1 + bytes.Count(src[:bytes.Index(src, []byte("// the program's task blocks here"))], []byte("\n"))
	grace := regexp.MustCompile(`(?m)^nursery\.test: grace of 300ms ran out; still running:\n` +
		`nursery\.test:   1 × \S+\.ignoreSoftStop, stopping, age \S+, \S+ since the soft stop, at nursery/overdue_test\.go:` + fmt.Sprint(line) + `$`)
	if !grace.MatchString(stderr.String()) {
		t.Errorf("stderr does not say, at the end of the grace, where the task blocks (overdue_test.go:%d):\n%s", line, stderr.String())
	}
	if i := strings.Index(stderr.String(), "grace of"); i < strings.Index(stderr.String(), "shutting down gracefully") {
		t.Errorf("the report comes before the soft stop:\n%s", stderr.String())
	}
}
