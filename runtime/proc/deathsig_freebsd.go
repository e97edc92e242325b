package proc

import "syscall"

// FreeBSD's parent-death signal (procctl PROC_PDEATHSIG_CTL) follows the
// parent process, not the thread that started the child: no thread is locked.
const parentDeathSignal = true

func setParentDeathSignal(a *syscall.SysProcAttr) {
	if a.Pdeathsig == 0 {
		a.Pdeathsig = syscall.SIGKILL
	}
}
