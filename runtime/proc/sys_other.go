//go:build !linux

package proc

import (
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"syscall"
)

// errUnsupported is what Start and Run return outside Linux: proc relies on
// Pdeathsig, waitid with WNOWAIT and /proc, and does not pretend otherwise.
var errUnsupported = fmt.Errorf("%w on %s", errors.ErrUnsupported, runtime.GOOS)

func prepare(*exec.Cmd) error { return errUnsupported }

func waitExited(int) error { return errUnsupported }

func groupAlive(int) bool { return false }

func kill(int, syscall.Signal) error { return errUnsupported }

const sigCont = syscall.Signal(-1)

var signalNames = map[syscall.Signal]string{}
