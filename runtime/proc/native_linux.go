//go:build linux && !twine_posix

package proc

import (
	"encoding/binary"
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

// reapLast is true: Linux lists the members of a group in /proc while its
// leader is still an unreaped zombie, so the leader is reaped last, once the
// group is empty, and every signal goes to a group whose id is held.
const reapLast = true

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
// process, reading /proc/<pid>/stat only for members, to skip zombies. The
// listing is read with getdents(2) into a buffer on the stack and parsed in
// place. If /proc cannot be read it reports false: proc then cannot wait for
// the group.
//
// Before the listing it reads the last pid handed out in its pid namespace
// (createdNothing): when that is still pgid, no process or thread was
// created anywhere since the leader, so the leader left nothing behind and
// the listing, a syscall per process on the system, is skipped.
func groupAlive(pgid int) bool {
	if createdNothing(pgid) {
		return false
	}
	fd, err := syscall.Open("/proc", syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var buf [8192]byte
	for {
		n, err := syscall.Getdents(fd, buf[:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil || n <= 0 {
			return false
		}
		for b := buf[:n]; len(b) >= direntName; {
			reclen := int(binary.NativeEndian.Uint16(b[direntReclen:]))
			if reclen < direntName || reclen > len(b) {
				return false
			}
			pid := atoiPid(b[direntName:reclen])
			if pid > 0 && pid != pgid {
				if g, err := syscall.Getpgid(pid); err == nil && g == pgid && !zombie(pid) {
					return true
				}
			}
			b = b[reclen:]
		}
	}
}

// The layout of a linux_dirent64 record: the length of the record, and the
// name, NUL-terminated, at the end.
const (
	direntReclen = 16
	direntName   = 19
)

// atoiPid returns the process id a /proc entry name spells, or 0 for a name
// that is not a number (self, sys, ...). name ends at its first NUL.
func atoiPid(name []byte) int {
	pid := 0
	for _, c := range name {
		if c == 0 {
			break
		}
		if c < '0' || c > '9' || pid > 1<<30 {
			return 0
		}
		pid = pid*10 + int(c-'0')
	}
	return pid
}

// zombie reports whether process pid is a zombie or already gone.
func zombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // it is gone
	}
	state, _, _, ok := parseStat(b)
	return !ok || state == 'Z' || state == 'X' || state == 'x'
}

// createdNothing reports whether pid is still the last process id handed out
// in the calling process's pid namespace (/proc/sys/kernel/ns_last_pid):
// then no process (nor thread) has been created since pid was, in the
// namespace or in one nested in it, so none of pid's descendants exists and
// its process group holds pid alone (or, once pid is reaped, nothing), unless
// a process that existed before pid moved itself into the group with
// setpgid(2). The number cannot have been handed out again in between: the
// leader, unreaped, holds it, and so do members of its group once it is
// reaped. Only a checkpoint-restore tool that writes ns_last_pid (it needs
// CAP_CHECKPOINT_RESTORE) could make it lie. If the file cannot be read
// (a kernel without CONFIG_CHECKPOINT_RESTORE), it reports false.
func createdNothing(pid int) bool {
	fd, err := syscall.Open("/proc/sys/kernel/ns_last_pid", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var buf [24]byte
	n, err := syscall.Read(fd, buf[:])
	for err == syscall.EINTR {
		n, err = syscall.Read(fd, buf[:])
	}
	if err != nil || n <= 1 || buf[n-1] != '\n' {
		return false
	}
	last := atoiPid(buf[:n-1])
	return last > 0 && last == pid
}
