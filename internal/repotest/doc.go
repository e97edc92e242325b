// Package repotest holds tests of the repository itself rather than of one
// package: that the separate bench module builds and its benchmarks run, so
// that `go test ./...` at the root covers everything CI must keep working.
package repotest
