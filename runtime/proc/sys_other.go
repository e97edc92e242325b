//go:build !darwin && !dragonfly && !freebsd && !linux && !netbsd && !openbsd

package proc

import (
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"syscall"
)

// errUnsupported is what Start and Run return on systems without POSIX
// process groups and signals (Windows, Plan 9, WebAssembly, Solaris, AIX):
// proc does not pretend to own a process it cannot stop or wait for as a
// group. There is no Windows job-object implementation.
var errUnsupported = fmt.Errorf("not supported on %s: proc needs POSIX process groups and signals: %w",
	runtime.GOOS, errors.ErrUnsupported)

func prepare(*exec.Cmd) error { return errUnsupported }

const (
	parentDeathSignal = false
	lockThread        = false
	reapLast          = false
)

func waitExited(int) error { return errUnsupported }

func groupAlive(int) bool { return false }

func leaderReaped(int) bool { return true }

func kill(int, syscall.Signal) error { return errUnsupported }

const sigCont = syscall.Signal(0)

var signalNames, osSignalNames map[syscall.Signal]string
