//go:build linux && !twine_posix

package proc

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// On Linux the process gets Pdeathsig SIGKILL, which the kernel sends when
// the thread that started it exits: the goroutine that starts it keeps its
// thread locked until the process has exited.
const (
	parentDeathSignal = true
	lockThread        = true
)

// reapFirst is false: Linux lists the members of a group in /proc while its
// leader is still an unreaped zombie, so the leader is reaped last.
const reapFirst = false

// prepare makes cmd start its process in a process group of its own (or a
// session, if cmd asks for one) with Pdeathsig SIGKILL.
func prepare(cmd *exec.Cmd) error {
	a, err := setGroup(cmd)
	if err != nil {
		return err
	}
	if a.Pdeathsig == 0 {
		a.Pdeathsig = syscall.SIGKILL
	}
	return nil
}

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
