//go:build linux

package proc

// Kill lets the tests wrap the kill function proc signals through, to check
// that every signal goes to a child of the test process that is not reaped.
var Kill = &kill

// ParseStat is parseStat, for the tests' own /proc checks.
var ParseStat = parseStat

// ParentDeathSignal reports whether this build gives each process a
// parent-death signal (Pdeathsig): not under the build tag twine_posix.
const ParentDeathSignal = parentDeathSignal

// POSIX reports whether this is the POSIX implementation (the build tag
// twine_posix), which reaps a process before it probes its group, and so may
// signal a group whose leader is reaped while members are left.
const POSIX = !reapLast
