package main

import "strings"

type runMode int

const (
	modeStandalone runMode = iota
	modeVet                // invoked by go vet or go fix, or asked for help
	modeFix                // standalone, applying or showing fixes
)

// mode tells how twinevet was invoked: by the go command (-flags, -V=full,
// or a unit's .cfg file last), for help, with -fix or -diff, or to check
// packages.
func mode(args []string) runMode {
	if len(args) > 0 && (strings.HasSuffix(args[len(args)-1], ".cfg") || args[0] == "help") {
		return modeVet
	}
	fix := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "--" {
			break // the first package pattern ends the flags
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		switch {
		case name == "c" && !hasValue:
			i++ // -c N
		case name == "flags" || name == "V":
			return modeVet
		case (name == "fix" || name == "diff") && value != "false":
			fix = true
		}
	}
	if fix {
		return modeFix
	}
	return modeStandalone
}
