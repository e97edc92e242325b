// Package platformtest holds tests of runtime/proc beyond the system and the
// build the test binary has: they run proc's process tests against its POSIX
// implementation (the build tag twine_posix, which macOS and the BSDs use),
// and build and vet proc, with everything in the module that imports it, for
// macOS, FreeBSD and Windows. They are a package of their own so that
// `go test ./...` runs them beside proc's own tests, not after them.
package platformtest
