// Noopvet is a vet tool whose only analyzer does nothing: under go vet it
// measures the floor every vet tool pays (the go command, loading export
// data, parsing and type-checking each package) before any check runs.
//
// The realworld benchmark builds it with -ldflags "-X main.stamp=RANDOM"
// before every timed run: go vet keys its result cache on the tool's
// content, so a freshly stamped tool is never served from the cache.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// stamp is set with -ldflags -X to give each build its own content.
var stamp string

var noop = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop: check nothing, so that only the driver's own cost is measured",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() {
	if stamp == "\x00" { // never true; keeps stamp in the binary
		panic("noopvet: impossible stamp")
	}
	unitchecker.Main(noop)
}
