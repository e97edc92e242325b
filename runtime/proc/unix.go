//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package proc

import (
	"errors"
	"os/exec"
	"os/signal"
	"syscall"
)

// kill is syscall.Kill; tests replace it to check every signal proc sends.
var kill = syscall.Kill

// leaderReaped reports whether process pid, which proc started and has seen
// exit, has been reaped: kill(2) with signal 0 no longer finds it. (Where a
// zombie is not found either, as on macOS, it reports true a moment early,
// which is what its caller needs: there kill(2) skips zombies in groups too.)
func leaderReaped(pid int) bool {
	return syscall.Kill(pid, 0) == syscall.ESRCH
}

// sigCont follows the termination signal, so that stopped members act on it.
const sigCont = syscall.SIGCONT

// setGroup makes cmd start its process in a process group of its own (or a
// session, if cmd asks for one), and refuses what would let the kernel reap
// the process behind proc's back.
func setGroup(cmd *exec.Cmd) (*syscall.SysProcAttr, error) {
	if signal.Ignored(syscall.SIGCHLD) {
		// The kernel then reaps children itself: their pids could be reused
		// while proc still signals them.
		return nil, errors.New("SIGCHLD is ignored (signal.Ignore), so the kernel reaps child processes itself; proc needs to reap its own")
	}
	a := cmd.SysProcAttr
	if a == nil {
		a = new(syscall.SysProcAttr)
		cmd.SysProcAttr = a
	}
	if a.Setpgid && a.Pgid != 0 {
		return nil, errors.New("cmd.SysProcAttr.Pgid must be 0: the process leads a process group of its own")
	}
	if !a.Setsid {
		a.Setpgid, a.Pgid = true, 0
	}
	return a, nil
}

// signalNames are the usual names of the signals every supported system
// has, for messages; osSignalNames holds each system's own.
var signalNames = map[syscall.Signal]string{
	syscall.SIGHUP: "SIGHUP", syscall.SIGINT: "SIGINT", syscall.SIGQUIT: "SIGQUIT",
	syscall.SIGILL: "SIGILL", syscall.SIGTRAP: "SIGTRAP", syscall.SIGABRT: "SIGABRT",
	syscall.SIGBUS: "SIGBUS", syscall.SIGFPE: "SIGFPE", syscall.SIGKILL: "SIGKILL",
	syscall.SIGUSR1: "SIGUSR1", syscall.SIGSEGV: "SIGSEGV", syscall.SIGUSR2: "SIGUSR2",
	syscall.SIGPIPE: "SIGPIPE", syscall.SIGALRM: "SIGALRM", syscall.SIGTERM: "SIGTERM",
	syscall.SIGCHLD: "SIGCHLD", syscall.SIGCONT: "SIGCONT", syscall.SIGSTOP: "SIGSTOP",
	syscall.SIGTSTP: "SIGTSTP", syscall.SIGTTIN: "SIGTTIN", syscall.SIGTTOU: "SIGTTOU",
	syscall.SIGURG: "SIGURG", syscall.SIGXCPU: "SIGXCPU", syscall.SIGXFSZ: "SIGXFSZ",
	syscall.SIGVTALRM: "SIGVTALRM", syscall.SIGPROF: "SIGPROF", syscall.SIGWINCH: "SIGWINCH",
	syscall.SIGIO: "SIGIO", syscall.SIGSYS: "SIGSYS",
}
