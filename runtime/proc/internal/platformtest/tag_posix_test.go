//go:build twine_posix

package platformtest

// posixTag is true when the tests themselves run under twine_posix: proc's
// own tests then already run the POSIX implementation.
const posixTag = true
