package leaktest

import (
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// settled returns the number of goroutines once it has not changed for a
// few milliseconds: the goroutines of earlier tests may still be ending.
func settled() int {
	n, same := runtime.NumGoroutine(), 0
	for same < 5 {
		time.Sleep(time.Millisecond)
		if m := runtime.NumGoroutine(); m == n {
			same++
		} else {
			n, same = m, 0
		}
	}
	return n
}

func TestWaitReportsAGoroutineLeft(t *testing.T) {
	before := settled()
	block := make(chan struct{})
	go func() { <-block }()
	defer func(d time.Duration) { settle = d }(settle)
	settle = 10 * time.Millisecond
	err := Leftovers(before)
	close(block)
	if err == nil || !strings.Contains(err.Error(), "goroutines before") {
		t.Errorf("wait = %v, want it to report the goroutine", err)
	}
	settle = 10 * time.Second
	if err := Leftovers(before); err != nil {
		t.Errorf("after the goroutine ended: %v", err)
	}
}

func TestChildrenListsLiveAndUnreapedChildren(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Skip(err)
	}
	pid := cmd.Process.Pid
	alive, _, err := Children()
	if err != nil || !slices.Contains(alive, pid) {
		t.Errorf("Children() alive = %v, %v; want the running sleep %d", alive, err, pid)
	}
	cmd.Process.Kill()
	for {
		if _, zombies, _ := Children(); slices.Contains(zombies, pid) {
			break // killed, not yet reaped
		}
		time.Sleep(time.Millisecond)
	}
	cmd.Wait()
	if alive, zombies, _ := Children(); slices.Contains(alive, pid) || slices.Contains(zombies, pid) {
		t.Errorf("the reaped child is still listed: %v %v", alive, zombies)
	}
}

func TestParseStat(t *testing.T) {
	state, ppid, ok := parseStat([]byte("42 (a) b) (c) S 7 42 42 0"))
	if !ok || state != 'S' || ppid != 7 {
		t.Errorf("parseStat = %c %d %v, want S 7 true", state, ppid, ok)
	}
	if _, _, ok := parseStat([]byte("garbage")); ok {
		t.Error("parseStat accepted garbage")
	}
}
