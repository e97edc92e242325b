//go:build darwin || dragonfly || netbsd || openbsd || (linux && twine_posix)

package proc

import "syscall"

// These systems (and Linux under twine_posix, which stands in for them) have
// no parent-death signal: WithStdinLifeline is the way for a child to learn
// that its parent died.
const parentDeathSignal = false

func setParentDeathSignal(*syscall.SysProcAttr) {}
