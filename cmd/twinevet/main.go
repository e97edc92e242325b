// Twinevet checks Go code with the twine analysis pass.
//
// Under go vet it is a vet tool that runs go vet's own suite plus twine, so
// switching to it loses no vet check:
//
//	go vet -vettool=$(which twinevet) ./...
//	go vet -vettool=$(which twinevet) -twine.strict ./...   # flags carry the analyzer's name
//	go vet -vettool=$(which twinevet) -fix ./...            # apply the suggested fixes
//	go fix -fixtool=$(which twinevet) ./...
//
// Alone, it runs only twine on the packages named by its arguments:
//
//	twinevet [-json | -sarif] [-test=false] [-c=N] [-strict] [-RULE=false] packages
//	twinevet -fix [-diff] packages
//
// It prints diagnostics as file:line:col: message on standard error, or as
// JSON (go vet's schema) or SARIF 2.1.0 on standard output. -fix applies
// the first suggested fix of every diagnostic; -diff prints the fixes as a
// unified diff instead. The exit status is 3 when there are diagnostics, 1
// when a package cannot be loaded or analyzed, 2 for bad usage, and 0
// otherwise (with -fix: 0 once the fixes are applied).
//
// "twinevet help" lists the analyzers of the vet suite and their flags;
// "twinevet help twine" documents twine's rules.
package main

import (
	"os"
	"slices"

	"github.com/twine-go/twine/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
	"golang.org/x/tools/go/analysis/suite/vet"
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
	switch mode(args) {
	case modeVet:
		unitchecker.Main(append(slices.Clone(vet.Suite), analyzer.Analyzer)...)
	case modeFix:
		if !slices.Contains(args, "-fix") && !slices.Contains(args, "--fix") {
			os.Args = slices.Insert(os.Args, 1, "-fix") // -diff alone means show the fixes
		}
		singlechecker.Main(analyzer.Analyzer)
	default:
		os.Exit(standalone(args, os.Stdout, os.Stderr))
	}
}
