package main

import (
	"encoding/json"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// underGoCommand tells whether twinevet was invoked by the go command
// (-flags, -V=full, or a unit's .cfg file last) or asked for help, all of
// which unitchecker answers, rather than to check packages itself.
func underGoCommand(args []string) bool {
	if len(args) > 0 && (strings.HasSuffix(args[len(args)-1], ".cfg") || args[0] == "help") {
		return true
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "--" {
			break // the first package pattern ends the flags
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case name == "c" && !hasValue:
			i++ // -c N
		case name == "flags" || name == "V":
			return true
		}
	}
	return false
}

// unit is what twinevet reads of the vet.cfg file the go command gives it,
// and of the flags it passes.
type unit struct {
	VetxOnly bool // analyzed for facts alone: a dependency
	diff     bool // -diff: the fixes are printed as a diff on stdout
}

// counted reports whether the reports of a pass are shown or fixed: go vet
// and go fix run twinevet on one package at a time (the test variant of
// a package that has one), and on its dependencies for their facts alone.
func (u unit) counted(*analysis.Pass) bool { return !u.VetxOnly }

// fixing tells whether go vet -fix or go fix runs twinevet to apply fixes
// to a unit (or show them with -diff), and returns the unit.
func fixing(args []string) (unit, bool) {
	n := len(args)
	if n == 0 || !strings.HasSuffix(args[n-1], ".cfg") {
		return unit{}, false
	}
	fix, diff := false, false
	for _, a := range args[:n-1] {
		name, value, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		fix = fix || name == "fix" && value != "false"
		diff = diff || name == "diff" && value != "false"
	}
	if !fix {
		return unit{diff: diff}, false
	}
	u, ok := readUnit(args)
	u.diff = diff
	return u, ok
}

// readUnit reads the unit's .cfg file, the last argument when the go
// command runs twinevet on one; ok is false when there is none or it
// cannot be read (unitchecker reports that).
func readUnit(args []string) (u unit, ok bool) {
	n := len(args)
	if n == 0 || !strings.HasSuffix(args[n-1], ".cfg") {
		return u, false
	}
	data, err := os.ReadFile(args[n-1])
	if err != nil || json.Unmarshal(data, &u) != nil {
		return u, false
	}
	return u, true
}

// messages is where twinevet tells, under go vet -fix and go fix, which
// reports had no fix. Without -diff it is standard output as unitchecker
// sets it when it runs: the go command caches what a tool prints there
// and prints it again when the cache answers for the tool, so the message
// is never lost. With -diff, where any output on standard output counts
// as a diff, it is standard error.
func (u unit) messages() io.Writer {
	if u.diff {
		return os.Stderr
	}
	return stdout{}
}

// stdout writes to os.Stdout as it is at the time of the write.
type stdout struct{}

func (stdout) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
