//go:build linux

package proc

import (
	"bytes"
	"strconv"
	"syscall"
	"unsafe"
)

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

// osSignalNames names the signals only Linux has.
var osSignalNames = map[syscall.Signal]string{
	syscall.SIGPWR: "SIGPWR", syscall.SIGSTKFLT: "SIGSTKFLT",
}
