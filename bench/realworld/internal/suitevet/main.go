// Suitevet is go vet's own suite of analyzers as a vet tool, built from the
// same golang.org/x/tools as twinevet: twinevet is this suite plus the twine
// pass, so the time between the two is the cost of twine alone.
//
// The realworld benchmark builds it with -ldflags "-X main.stamp=RANDOM"
// before every timed run so that go vet's result cache serves nothing.
package main

import (
	"golang.org/x/tools/go/analysis/suite/vet"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// stamp is set with -ldflags -X to give each build its own content.
var stamp string

func main() {
	if stamp == "\x00" { // never true; keeps stamp in the binary
		panic("suitevet: impossible stamp")
	}
	unitchecker.Main(vet.Suite...)
}
