// Package leaktest checks that tests leave nothing running: no goroutine
// beyond those that were there before, and no child process of the test
// binary. twine's test packages use it so that every test proves the
// structure it promises.
package leaktest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// settle bounds the wait for goroutines and processes that are ending (a
// closer run by context.AfterFunc, the copiers of os/exec, a child being
// reaped) to go away. It is a bound on a liveness check, not a timing
// assertion: a clean run never waits for it.
var settle = 10 * time.Second

// Main runs the tests of m and then fails the run if any goroutine started
// by them is still running or the test binary still has a child process.
// Use it as TestMain: func TestMain(m *testing.M) { os.Exit(leaktest.Main(m)) }.
func Main(m *testing.M) int {
	before := runtime.NumGoroutine()
	code := m.Run()
	if code != 0 {
		return code // the failures said enough; don't bury them
	}
	if err := Leftovers(before); err != nil {
		fmt.Fprintf(os.Stderr, "leaktest: the tests left work behind: %v\n", err)
		return 1
	}
	return 0
}

// Check makes t fail if, when it ends, goroutines it started are still
// running or the test binary has a child process left. It must not be
// used by tests that run in parallel with others, whose goroutines it
// would count.
func Check(t testing.TB) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		if err := Leftovers(before); err != nil {
			t.Errorf("leaktest: %v", err)
		}
	})
}

// Leftovers waits until at most before goroutines run and the test binary
// has no child process, alive or unreaped, and returns nil; or, if that does
// not happen within a bound of seconds, an error that lists what is left,
// with the stacks of the goroutines.
func Leftovers(before int) error {
	deadline := time.Now().Add(settle)
	for {
		n := runtime.NumGoroutine()
		kids, zombies, err := Children()
		if err != nil {
			return err
		}
		if n <= before && len(kids) == 0 && len(zombies) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			var errs []error
			if n > before {
				buf := make([]byte, 1<<20)
				errs = append(errs, fmt.Errorf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)]))
			}
			if len(kids) > 0 {
				errs = append(errs, fmt.Errorf("child processes left running: %v", kids))
			}
			if len(zombies) > 0 {
				errs = append(errs, fmt.Errorf("child processes left unreaped: %v", zombies))
			}
			return errors.Join(errs...)
		}
		time.Sleep(time.Millisecond)
	}
}

// Children returns the child processes of the test binary, those alive and
// those that are zombies (exited, not yet reaped), on Linux; elsewhere it
// returns none.
func Children() (alive, zombies []int, err error) {
	if runtime.GOOS != "linux" {
		return nil, nil, nil
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, nil, err
	}
	self := os.Getpid()
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue // gone meanwhile
		}
		state, ppid, ok := parseStat(stat)
		if !ok || ppid != self {
			continue
		}
		if state == 'Z' {
			zombies = append(zombies, pid)
		} else {
			alive = append(alive, pid)
		}
	}
	return alive, zombies, nil
}

// parseStat reads the state and the parent of a /proc/<pid>/stat line:
// "pid (comm) state ppid ...", where comm may hold spaces and parentheses.
func parseStat(stat []byte) (state byte, ppid int, ok bool) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, 0, false
	}
	fields := bytes.Fields(stat[i+1:])
	if len(fields) < 2 || len(fields[0]) != 1 {
		return 0, 0, false
	}
	ppid, err := strconv.Atoi(string(fields[1]))
	return fields[0][0], ppid, err == nil
}
