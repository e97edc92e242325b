//go:build linux

package proc

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"unsafe"
)

// kill is syscall.Kill; tests replace it to check that every signal goes to
// a process that is still unreaped.
var kill = syscall.Kill

// prepare makes cmd start its process in a process group of its own (or a
// session, if cmd asks for one) with Pdeathsig SIGKILL.
func prepare(cmd *exec.Cmd) error {
	a := cmd.SysProcAttr
	if a == nil {
		a = new(syscall.SysProcAttr)
		cmd.SysProcAttr = a
	}
	if a.Setpgid && a.Pgid != 0 {
		return errors.New("cmd.SysProcAttr.Pgid must be 0: the process leads a process group of its own")
	}
	if !a.Setsid {
		a.Setpgid, a.Pgid = true, 0
	}
	if a.Pdeathsig == 0 {
		a.Pdeathsig = syscall.SIGKILL
	}
	return nil
}

// waitExited blocks until the child pid has exited, without reaping it:
// waitid with WNOWAIT leaves the zombie, which keeps pid (and so the process
// group id) from being reused until cmd.Wait reaps it.
func waitExited(pid int) error {
	var info [128]byte // siginfo_t
	for {
		_, _, e := syscall.Syscall6(syscall.SYS_WAITID, _P_PID, uintptr(pid),
			uintptr(unsafe.Pointer(&info[0])), syscall.WEXITED|syscall.WNOWAIT, 0, 0)
		switch e {
		case 0:
			return nil
		case syscall.EINTR:
			continue
		default:
			return e
		}
	}
}

const _P_PID = 1

// sigCont follows the termination signal, so that stopped members act on it.
const sigCont = syscall.SIGCONT

// groupAlive reports whether a process other than a zombie, and other than
// the group's leader (pgid itself, a zombie kept by waitExited), is a member
// of the process group pgid. It lists /proc and asks getpgid(2) about each
// process, reading /proc/<pid>/stat only for members, to skip zombies. If
// /proc cannot be read it reports false: proc then cannot wait for the group.
func groupAlive(pgid int) bool {
	d, err := os.Open("/proc")
	if err != nil {
		return false
	}
	defer d.Close()
	var buf [512]byte
	for {
		names, err := d.Readdirnames(256)
		for _, name := range names {
			pid, perr := strconv.Atoi(name)
			if perr != nil || pid == pgid {
				continue
			}
			if g, err := syscall.Getpgid(pid); err == nil && g == pgid && !zombie(name, buf[:]) {
				return true
			}
		}
		if err != nil {
			return false
		}
	}
}

// zombie reports whether process pid (a /proc entry name) is a zombie or
// already gone.
func zombie(pid string, buf []byte) bool {
	fd, err := syscall.Open("/proc/"+pid+"/stat", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return true // it is gone
	}
	n, err := syscall.Read(fd, buf)
	syscall.Close(fd)
	if err != nil || n <= 0 {
		return true
	}
	state, _, _, ok := parseStat(buf[:n])
	return !ok || state == 'Z' || state == 'X' || state == 'x'
}

// parseStat returns the state, parent and process group from the contents of
// /proc/<pid>/stat: "pid (comm) state ppid pgrp ...". comm may hold spaces and
// parentheses, so the fields are read after the last ')'.
func parseStat(b []byte) (state byte, ppid, pgrp int, ok bool) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, 0, 0, false
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 3 || len(f[0]) != 1 {
		return 0, 0, 0, false
	}
	ppid, err1 := strconv.Atoi(string(f[1]))
	pgrp, err2 := strconv.Atoi(string(f[2]))
	return f[0][0], ppid, pgrp, err1 == nil && err2 == nil
}

// signalNames are the usual names of the Linux signals, for messages.
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
	syscall.SIGIO: "SIGIO", syscall.SIGPWR: "SIGPWR", syscall.SIGSYS: "SIGSYS",
}
