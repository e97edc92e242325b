//go:build darwin || dragonfly || freebsd || netbsd || openbsd || (linux && twine_posix)

package proc

import (
	"os/exec"
	"syscall"
)

// The POSIX implementation, for macOS and the BSDs, and for Linux under the
// build tag twine_posix so that the tests run it. It needs no /proc and no
// locked thread: the process leads its own group, and the group is found
// with kill(2) and signal 0.
const lockThread = false

// reapLast is false: POSIX cannot list a group's members, and kill(2) counts
// an unreaped zombie as one, so the leader is reaped before the group is
// probed; see the package documentation.
const reapLast = false

// prepare makes cmd start its process in a process group of its own (or a
// session, if cmd asks for one), with a parent-death signal where the system
// has one that follows the parent process.
func prepare(cmd *exec.Cmd) error {
	a, err := setGroup(cmd)
	if err != nil {
		return err
	}
	setParentDeathSignal(a)
	return nil
}

// groupAlive reports whether process group pgid has a member, zombies (until
// they are reaped) included: kill(2) with signal 0 finds one or fails with
// ESRCH. A member proc may not signal (EPERM) counts as alive.
func groupAlive(pgid int) bool {
	return syscall.Kill(-pgid, 0) != syscall.ESRCH
}
