// Package e2e holds twine's end-to-end tests, and nothing else: they build
// the real tools and run them the way a Go team does, each on a fixture
// module under testdata/e2e copied into a temporary directory.
//
//   - go vet -vettool and go vet -fix with cmd/twinevet: twine's reports at
//     their file:line:col next to vet's own, and the fixes applied; also
//     with twinevet pinned by go get -tool and found with go tool -n;
//   - go fix -fixtool with cmd/twinevet: the fixed module builds, vets clean
//     and its tests show the fixed program waits for its work;
//   - golangci-lint: a custom golangci-lint v2 with the analyzer/golangci
//     module plugin, built from the Go module proxy alone (no git clone) and
//     cached between runs, run on a fixture with reports, settings,
//     nolint comments and --fix;
//   - go generate: the README's go get -tool and //go:generate go tool
//     twinegen flow;
//   - adoption from a checkout: a fresh module, the README's replace, go
//     mod edit -require -tool and go mod tidy, then go generate, go build
//     and the CI command, go tool twinevet ./..., with twine's reports and
//     go vet's, and a broken package's failure in the SARIF; and the CI
//     commands failing in a module that has not pinned twinevet.
//
// The go get -tool flows get twine from a file-system module proxy made
// from this checkout, as they would get a release.
//
// go test -short skips them all.
package e2e
