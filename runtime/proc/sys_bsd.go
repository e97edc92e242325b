//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package proc

import "syscall"

// waitExited blocks until the child pid has exited, without reaping it: a
// kqueue EVFILT_PROC filter with NOTE_EXIT reports the exit and leaves the
// zombie, which keeps pid (and so the process group id) from being reused
// until cmd.Wait reaps it. A child that is already a zombie may be reported
// as not found (ESRCH): since proc has not reaped it, that too means it has
// exited (setGroup refuses to run while SIGCHLD is ignored, which would let
// the kernel reap it).
func waitExited(pid int) error {
	kq, err := syscall.Kqueue()
	if err != nil {
		return err
	}
	defer syscall.Close(kq)
	changes := make([]syscall.Kevent_t, 1)
	syscall.SetKevent(&changes[0], pid, syscall.EVFILT_PROC, syscall.EV_ADD|syscall.EV_ONESHOT)
	changes[0].Fflags = syscall.NOTE_EXIT
	events := make([]syscall.Kevent_t, 1)
	for {
		// Submitting the filter again after EINTR is harmless: it replaces
		// the filter, or fails with ESRCH once the child has exited.
		n, err := syscall.Kevent(kq, changes, events, nil)
		switch {
		case err == syscall.EINTR || (err == nil && n == 0):
			continue
		case err == syscall.ESRCH:
			return nil
		case err != nil:
			return err
		}
		if events[0].Flags&syscall.EV_ERROR == 0 {
			return nil // NOTE_EXIT
		}
		switch e := syscall.Errno(events[0].Data); e {
		case 0:
			continue // a receipt, not an error: wait for the exit
		case syscall.ESRCH:
			return nil
		default:
			return e
		}
	}
}

// osSignalNames names the signals the BSDs have and Linux has not.
var osSignalNames = map[syscall.Signal]string{
	syscall.SIGEMT: "SIGEMT", syscall.SIGINFO: "SIGINFO",
}
