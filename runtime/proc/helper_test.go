//go:build linux

package proc_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twine-go/twine/internal/leaktest"
	"github.com/twine-go/twine/runtime/nursery"
	"github.com/twine-go/twine/runtime/proc"
)

// The tests re-execute the test binary as the child processes they run, as
// os/exec's own tests do: with TWINE_PROC_HELPER set, TestMain runs the
// helper named by it instead of the tests.
const helperEnv = "TWINE_PROC_HELPER"

func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		os.Unsetenv(helperEnv)
		runHelper(mode, os.Args[1:])
		os.Exit(0)
	}
	// Under nohup, or in a shell's background job, SIGHUP or SIGINT comes
	// ignored, and the children would inherit that: a signal the tests
	// expect to end a child would do nothing. A signal this process
	// handles is reset to its default in a child at exec.
	for _, sig := range []os.Signal{syscall.SIGHUP, syscall.SIGINT, syscall.SIGQUIT} {
		if signal.Ignored(sig) {
			signal.Notify(make(chan os.Signal, 1), sig)
		}
	}
	orig := *proc.Kill
	*proc.Kill = func(pid int, sig syscall.Signal) error {
		checkSignalled(pid, sig)
		return orig(pid, sig)
	}
	code := m.Run()
	if v := violations(); len(v) > 0 {
		fmt.Fprintf(os.Stderr, "proc signalled a process that was not its unreaped child:\n%s\n", strings.Join(v, "\n"))
		code = 1
	}
	os.Exit(code)
}

// ---- the child processes ----

// runHelper runs one helper behaviour; modes:
//
//	exit CODE                 exit with CODE
//	closeexit DELAY           close stdout, sleep DELAY, exit 0
//	selfsignal SIG            send signal number SIG to itself, then block
//	trap TAG ACTION SIG...    print "TAG ready"; on each SIG print "TAG got NAME";
//	                          ACTION exit: exit 0 at the first, ignore: go on
//	watch TAG                 print "TAG ready", read stdin to EOF, print "TAG eof", exit 0
//	cat                       copy stdin to stdout, exit 0
//	stubborn TAG              print "TAG ready"; on each SIGTERM print "TAG got
//	                          SIGTERM" and go on; exit 0 at EOF on stdin
//	sigchld                   ignore SIGCHLD, run "exit 0" with proc.Run, print
//	                          the error and whether it started
//	spawn TAG ACTION N SETSID GMODE GARGS...
//	                          start N grandchildren "GMODE gI GARGS..." (in a new
//	                          session if SETSID is "setsid"), print "TAG pids P1 P2...",
//	                          and to the file $TWINE_PROC_PIDS if set, then
//	                          trap TAG ACTION SIGTERM; ACTION now: exit 0 at once
//	parent LIFELINE MODE ARGS...
//	                          run "MODE ARGS..." with proc.Start in a nursery (with
//	                          WithStdinLifeline if LIFELINE is "lifeline"), print
//	                          "parent ready" and block
//	main SCENARIO [lifeline]  a nursery.Main program, see main_test.go
func runHelper(mode string, args []string) {
	switch mode {
	case "exit":
		code, _ := strconv.Atoi(args[0])
		os.Exit(code)
	case "closeexit":
		d, _ := time.ParseDuration(args[0])
		os.Stdout.Close()
		time.Sleep(d)
		os.Exit(0)
	case "selfsignal":
		n, _ := strconv.Atoi(args[0])
		syscall.Kill(os.Getpid(), syscall.Signal(n))
		select {}
	case "trap":
		trap(args[0], args[1], args[2:])
	case "watch":
		fmt.Printf("%s ready\n", args[0])
		signalReady()
		io.Copy(io.Discard, os.Stdin)
		fmt.Printf("%s eof\n", args[0])
		os.Exit(0)
	case "cat":
		io.Copy(os.Stdout, os.Stdin)
		os.Exit(0)
	case "stubborn":
		c := make(chan os.Signal, 10)
		signal.Notify(c, syscall.SIGTERM)
		go func() {
			for range c {
				fmt.Printf("%s got SIGTERM\n", args[0])
			}
		}()
		fmt.Printf("%s ready\n", args[0])
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	case "sigchld":
		signal.Ignore(syscall.SIGCHLD)
		cmd := helperCmd("exit", "0")
		err := proc.Run(context.Background(), cmd)
		fmt.Printf("%v; started: %v\n", err, cmd.Process != nil)
		os.Exit(0)
	case "spawn":
		spawn(args)
	case "parent":
		parent(args)
	case "main":
		mainHelper(args)
	default:
		fmt.Fprintf(os.Stderr, "unknown helper mode %q\n", mode)
		os.Exit(2)
	}
}

var signalsByName = map[string]syscall.Signal{
	"SIGTERM": syscall.SIGTERM, "SIGINT": syscall.SIGINT, "SIGUSR1": syscall.SIGUSR1,
	"SIGHUP": syscall.SIGHUP,
}

func trap(tag, action string, names []string) {
	c := make(chan os.Signal, 10)
	byNum := map[os.Signal]string{}
	for _, name := range names {
		signal.Notify(c, signalsByName[name])
		byNum[signalsByName[name]] = name
	}
	fmt.Printf("%s ready\n", tag)
	signalReady()
	if action == "now" {
		os.Exit(0)
	}
	for s := range c {
		fmt.Printf("%s got %s\n", tag, byNum[s])
		if action == "exit" {
			os.Exit(0)
		}
	}
}

// pidsEnv names a file that spawn also writes the grandchildren's pids to,
// for a test that cannot count on reading them from stdout.
const pidsEnv = "TWINE_PROC_PIDS"

// readyEnv tells a grandchild that fd 3 is a pipe to write one byte to once
// it is ready (its signal handlers installed), so the child can wait for it.
const readyEnv = "TWINE_PROC_READY"

func signalReady() {
	if os.Getenv(readyEnv) == "" {
		return
	}
	f := os.NewFile(3, "ready")
	f.Write([]byte{1})
	f.Close()
}

func spawn(args []string) {
	tag, action, setsid, gmode, gargs := args[0], args[1], args[3] == "setsid", args[4], args[5:]
	n, _ := strconv.Atoi(args[2])
	pids := []string{}
	for i := range n {
		cmd := helperCmd(gmode, append([]string{fmt.Sprintf("g%d", i+1)}, gargs...)...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: setsid}
		r, w, err := os.Pipe()
		if err != nil {
			panic(err)
		}
		cmd.ExtraFiles = []*os.File{w}
		cmd.Env = append(cmd.Env, readyEnv+"=1")
		if err := cmd.Start(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		w.Close()
		io.ReadFull(r, make([]byte, 1)) // the grandchild is ready
		r.Close()
		pids = append(pids, strconv.Itoa(cmd.Process.Pid))
	}
	fmt.Printf("%s pids %s\n", tag, strings.Join(pids, " "))
	if path := os.Getenv(pidsEnv); path != "" {
		os.WriteFile(path, []byte(strings.Join(pids, " ")), 0o666)
	}
	trap(tag, action, []string{"SIGTERM"})
}

func parent(args []string) {
	lifeline, child := args[0] == "lifeline", args[1:]
	_ = nursery.Run(context.Background(), func(n *nursery.Nursery) error {
		cmd := helperCmd(child[0], child[1:]...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		var opts []proc.Option
		if lifeline {
			opts = append(opts, proc.WithStdinLifeline())
		}
		p, err := proc.Start(n, cmd, opts...)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Printf("parent ready %d\n", p.Pid())
		select {}
	})
}

// helperCmd returns a command that runs the test binary as helper mode.
func helperCmd(mode string, args ...string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		panic(err)
	}
	cmd := exec.Command(exe, args...)
	// A race-enabled binary sleeps atexit_sleep_ms (1s) when it exits with
	// goroutines alive; the helpers exit often.
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "GORACE="+os.Getenv("GORACE")+" atexit_sleep_ms=0")
	return cmd
}

// ---- checks of what proc signals ----

var signalled struct {
	sync.Mutex
	bad  []string
	sent map[int][]syscall.Signal // by process id
}

// checkSignalled records a signal proc sends and whether it goes to an
// unreaped child of this process: the process itself, or its group whose
// leader must then be one. /proc/<pid>/stat exists (state Z included) exactly
// until the child is reaped. The POSIX implementation also signals a group
// after its leader was reaped, when members are left: it must then have
// members, and they must all be this test binary (the helpers).
func checkSignalled(pid int, sig syscall.Signal) {
	target := pid
	if target < 0 {
		target = -target
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", target))
	_, ppid, _, ok := proc.ParseStat(b)
	problem := ""
	switch {
	case err == nil && ok && ppid == os.Getpid():
	case proc.POSIX && pid < 0 && errors.Is(err, fs.ErrNotExist):
		problem = strangeMembers(target)
	default:
		problem = fmt.Sprintf("not an unreaped child (%v, ppid %d)", err, ppid)
	}
	signalled.Lock()
	defer signalled.Unlock()
	if signalled.sent == nil {
		signalled.sent = map[int][]syscall.Signal{}
	}
	signalled.sent[target] = append(signalled.sent[target], sig)
	if problem != "" {
		signalled.bad = append(signalled.bad, fmt.Sprintf("kill(%d, %v): %s", pid, sig, problem))
	}
}

// strangeMembers describes what is wrong with the members of process group
// pgid, whose leader was reaped, as the target of a signal: no member at all,
// or a member that is not a helper (this test binary) and not a zombie.
func strangeMembers(pgid int) string {
	self, err := os.Executable()
	if err != nil {
		return err.Error()
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return err.Error()
	}
	members := 0
	for _, e := range entries {
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		state, _, pgrp, ok := proc.ParseStat(b)
		if err != nil || !ok || pgrp != pgid {
			continue
		}
		members++
		exe, err := os.Readlink("/proc/" + e.Name() + "/exe")
		if state == 'Z' || errors.Is(err, fs.ErrNotExist) {
			// A zombie, or a process exiting (it has let go of its memory,
			// and so of its exe) or gone since its stat was read: the
			// signal found it on its way out.
			continue
		}
		if err != nil || exe != self {
			return fmt.Sprintf("group member %s is not a helper (%s, %v)", e.Name(), exe, err)
		}
	}
	if members == 0 {
		return "the leader was reaped and the group has no member"
	}
	return ""
}

func violations() []string {
	signalled.Lock()
	defer signalled.Unlock()
	return signalled.bad
}

// sentTo returns the signals proc sent to pid or its group.
func sentTo(pid int) []syscall.Signal {
	signalled.Lock()
	defer signalled.Unlock()
	return append([]syscall.Signal(nil), signalled.sent[pid]...)
}

// ---- checks that nothing is left ----

// alive reports whether pid is a process that is not a zombie.
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	state, _, _, ok := proc.ParseStat(b)
	return ok && state != 'Z' && state != 'X'
}

// requireGone fails the test if any of pids is alive now.
func requireGone(t *testing.T, pids ...int) {
	t.Helper()
	for _, pid := range pids {
		if alive(pid) {
			t.Errorf("process %d is still alive", pid)
		}
	}
}

// eventuallyGone fails the test if any of pids is still alive after a
// generous deadline: a liveness check for processes that die asynchronously
// (after their parent was killed), not a timing assertion.
func eventuallyGone(t *testing.T, pids ...int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for _, pid := range pids {
		for alive(pid) {
			if time.Now().After(deadline) {
				t.Errorf("process %d is still alive", pid)
				syscall.Kill(pid, syscall.SIGKILL)
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// noLeaks registers checks, run when the test ends, that no goroutine of
// proc is left, that this process has no child left, alive or zombie, and
// that proc signalled nothing but unreaped children of this process.
func noLeaks(t *testing.T) {
	before := len(violations())
	t.Cleanup(func() {
		if v := violations(); len(v) > before {
			t.Errorf("proc signalled processes that were not its unreaped children:\n%s", strings.Join(v[before:], "\n"))
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			stacks := goroutines()
			alive, zombies, err := leaktest.Children()
			if err != nil {
				t.Error(err)
				return
			}
			kids := append(alive, zombies...)
			if stacks == "" && len(kids) == 0 {
				return
			}
			if time.Now().After(deadline) {
				if stacks != "" {
					t.Errorf("proc goroutines left:\n%s", stacks)
				}
				if len(kids) > 0 {
					t.Errorf("child processes left: %v", kids)
				}
				return
			}
			time.Sleep(time.Millisecond)
		}
	})
}

// goroutines returns the stacks of the goroutines running proc's code.
func goroutines() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for g := range bytes.SplitSeq(buf, []byte("\n\n")) {
		if bytes.Contains(g, []byte("twine/runtime/proc.(*Process)")) {
			left = append(left, string(g))
		}
	}
	return strings.Join(left, "\n\n")
}

// ---- reading what the children print ----

// lines is an io.Writer for a child's stdout that hands out complete lines.
type lines struct {
	mu   sync.Mutex
	part []byte
	c    chan string
	seen []string
}

func newLines() *lines { return &lines{c: make(chan string, 1000)} }

func (l *lines) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.part = append(l.part, b...)
	for {
		i := bytes.IndexByte(l.part, '\n')
		if i < 0 {
			return len(b), nil
		}
		l.c <- string(l.part[:i])
		l.part = l.part[i+1:]
	}
}

// next returns the next line, failing the test if none comes (a liveness
// deadline, not a timing assertion).
func (l *lines) next(t *testing.T) string {
	t.Helper()
	select {
	case s := <-l.c:
		l.seen = append(l.seen, s)
		return s
	case <-time.After(30 * time.Second):
		t.Fatalf("no output from the child; so far: %q", l.seen)
		return ""
	}
}

// expect returns once the line want was printed, reading more lines if it
// was not seen yet.
func (l *lines) expect(t *testing.T, want string) {
	t.Helper()
	l.find(t, func(s string) (string, bool) { return "", s == want })
}

// expectPrefix returns the rest of the first line printed that starts with
// prefix, reading more lines if there is none yet.
func (l *lines) expectPrefix(t *testing.T, prefix string) string {
	t.Helper()
	return l.find(t, func(s string) (string, bool) { return strings.CutPrefix(s, prefix) })
}

func (l *lines) find(t *testing.T, match func(string) (string, bool)) string {
	t.Helper()
	for _, s := range l.seen {
		if rest, ok := match(s); ok {
			return rest
		}
	}
	for {
		if rest, ok := match(l.next(t)); ok {
			return rest
		}
	}
}

// printed reports whether want was printed, reading every line available
// now; call it once the child is done.
func (l *lines) printed(want string) bool {
	for {
		select {
		case s := <-l.c:
			l.seen = append(l.seen, s)
			continue
		default:
		}
		return slices.Contains(l.seen, want)
	}
}

// pids parses "P1 P2 ..." as process ids.
func pids(t *testing.T, s string) []int {
	t.Helper()
	var out []int
	for f := range strings.FieldsSeq(s) {
		pid, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("bad pid list %q", s)
		}
		out = append(out, pid)
	}
	return out
}
