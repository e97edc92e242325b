// Twinevet checks Go code with go vet's own analyzers and the twine
// analysis pass.
//
// Alone, it is the one command for CI:
//
//	go tool twinevet ./...                  # text, exit status 3 on reports
//	go tool twinevet -sarif ./... > twinevet.sarif
//	go tool twinevet -json ./...
//	go tool twinevet -fix ./...             # apply the suggested fixes; -diff shows them
//
// It runs go vet's suite plus twine on the packages named by its arguments,
// and prints diagnostics as file:line:col: message on standard error, or as
// JSON (go vet's schema) or SARIF 2.1.0 on standard output. A package that
// cannot be loaded or analyzed is an error in every format: printed with
// its file:line:col (or its package) in text, an "error" entry in JSON, and
// an unsuccessful invocation with a notification per error in SARIF. The
// exit status is 3 when there are diagnostics, 1 when a package cannot be
// loaded or analyzed, 2 for bad usage, and 0 otherwise. -fix applies the
// first suggested fix of every diagnostic; -diff prints the fixes as a
// unified diff instead; both exit 0 once done, and name on standard error
// the reports that had no fix to apply.
//
// The flags are go vet's: -NAME runs only the named analyzers (-twine:
// twine alone), -NAME=false leaves one out, -NAME.FLAG sets an analyzer's
// flag (-twine.strict, -printf.funcs=Logf). twine's own flags also have a
// short form: -strict, -barego=false.
//
// Under go vet it is a vet tool that runs the same analyzers:
//
//	go vet -vettool="$(go tool -n twinevet)" ./...
//	go vet -vettool="$(go tool -n twinevet)" -fix ./...
//	go fix -fixtool="$(go tool -n twinevet)" ./...
//
// "twinevet help" lists the analyzers of the vet suite and their flags;
// "twinevet help twine" documents twine's rules.
package main

import (
	"os"

	"github.com/twine-go/twine/internal/vetunit"

	"golang.org/x/tools/go/analysis/unitchecker"
)

// buildStamp is empty in normal builds. Benchmarks set it with
// -ldflags "-X main.buildStamp=RANDOM" to give a build content of its own:
// go vet keys its result cache on the vet tool's content (-V=full), so a
// freshly stamped twinevet is never served results cached for another.
var buildStamp string

func main() {
	if buildStamp == "\x00" { // never true; keeps buildStamp in the binary
		panic("twinevet: impossible build stamp")
	}
	args := os.Args[1:]
	if !underGoCommand(args) {
		os.Exit(standalone(args, os.Stdout, os.Stderr))
	}
	if u, ok := readUnit(args); ok && u.VetxOnly {
		// A dependency, analysed for the facts its importers read: twine
		// computes those and skips its rules, whose reports go nowhere.
		vetunit.FactsOnly = true
	}
	analyzers := suite()
	if u, ok := fixing(args); ok {
		reportUnfixable(analyzers, u.counted, u.messages())
	}
	unitchecker.Main(analyzers...)
}
