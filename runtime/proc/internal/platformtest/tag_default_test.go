//go:build !twine_posix

package platformtest

const posixTag = false
