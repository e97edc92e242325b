package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A sample is what one timed run cost.
type sample struct {
	wall   time.Duration
	cpu    time.Duration // user+sys of the go command and every process it waited for
	maxRSS int64         // bytes: the largest resident set of any one of those processes

	// With -sample, from polling /proc: the largest resident set seen of
	// any one process of the tree, and of all of them together.
	polledMax, polledSum int64
}

// timed runs cmd and measures it. The rusage that wait4 returns for the go
// command includes the processes it reaped (the vet tool runs, the
// compiler): ru_utime and ru_stime add up over all of them; ru_maxrss is the
// largest of them, not their sum.
func timed(cmd *exec.Cmd, poll bool) (sample, error) {
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{}, err
	}
	var s sample
	stop, polled := make(chan struct{}), make(chan [2]int64, 1)
	if poll {
		go func() { polled <- pollTree(cmd.Process.Pid, stop) }()
	}
	err := cmd.Wait()
	s.wall = time.Since(start)
	if poll {
		close(stop)
		p := <-polled
		s.polledMax, s.polledSum = p[0], p[1]
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		s.maxRSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	if err != nil {
		return s, fmt.Errorf("%s: %v", strings.Join(cmd.Args, " "), err)
	}
	return s, nil
}

// pollTree polls the resident set of root and its descendants every 20 ms
// until stop is closed, and returns the largest of one process and the
// largest sum over the tree. Processes shorter than a poll go unseen, so
// both are lower bounds.
func pollTree(root int, stop <-chan struct{}) [2]int64 {
	var maxOne, maxSum int64
	page := int64(os.Getpagesize())
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return [2]int64{maxOne, maxSum}
		case <-tick.C:
		}
		var sum int64
		for _, pid := range descendants(root) {
			data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "statm"))
			if err != nil {
				continue // it ended
			}
			f := strings.Fields(string(data))
			if len(f) < 2 {
				continue
			}
			pages, _ := strconv.ParseInt(f[1], 10, 64)
			rss := pages * page
			sum += rss
			maxOne = max(maxOne, rss)
		}
		maxSum = max(maxSum, sum)
	}
}

// descendants returns root and every process below it, from the parent
// pids in /proc/*/stat.
func descendants(root int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	children := make(map[int][]int)
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// The command name, in parentheses, may hold spaces: the fields
		// after it start with the state, then the parent pid.
		s := string(data)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		children[ppid] = append(children[ppid], pid)
	}
	tree := []int{root}
	for i := 0; i < len(tree); i++ {
		tree = append(tree, children[tree[i]]...)
	}
	return tree
}
