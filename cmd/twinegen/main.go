// Twinegen writes typed bundles: for each function annotated with
// //twine:bundle, a nursery type that can only run that function, under the
// policy the annotation states. See package github.com/twine-go/twine/gen
// for the annotation and what is generated.
//
// Pin it in go.mod with the tool directive (Go 1.24) and run it through go
// generate:
//
//	go get -tool github.com/twine-go/twine/cmd/twinegen
//
//	//go:generate go tool twinegen
//
// Usage:
//
//	twinegen [-output file] [-tags tags] [package ...]
//
// With no package arguments it processes the package in the current
// directory, as go generate runs it; otherwise the arguments are package
// patterns or directories, as for go build. Each package with annotations
// gets one file, twine_bundles.go in its directory (-output names another,
// for a single package); a package without annotations loses the
// twine_bundles.go an earlier run wrote. Problems with the input are printed
// as file:line:col: twinegen: message, all of them, followed by a line that
// names the packages they are in, and nothing is written; the exit status is
// then 1. Under go generate, which runs twinegen in the package's directory,
// the files are named by absolute path, so that they can be found (and
// clicked) from wherever go generate was run.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/twine-go/twine/gen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run is twinegen with the given arguments; it returns the exit status.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("twinegen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	output := fs.String("output", "", "output `file`; default twine_bundles.go in the package directory")
	tags := fs.String("tags", "", "comma-separated list of build `tags` to apply when loading")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage of twinegen:\n")
		fmt.Fprintf(stderr, "\ttwinegen [-output file] [-tags tags] [package ...]\n")
		fmt.Fprintf(stderr, "With no packages, twinegen processes the package in the current directory.\n")
		fmt.Fprintf(stderr, "Flags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	cfg := &gen.Config{Output: *output, AbsPositions: underGoGenerate()}
	for tag := range strings.SplitSeq(*tags, ",") {
		if tag = strings.TrimSpace(tag); tag != "" {
			cfg.Tags = append(cfg.Tags, tag)
		}
	}
	files, err := cfg.Generate(fs.Args()...)
	if err == nil {
		err = gen.Write(files)
	}
	if err != nil {
		var list gen.ErrorList
		if errors.As(err, &list) {
			fmt.Fprintln(stderr, list.Error())
			fmt.Fprintln(stderr, summary(list))
		} else {
			fmt.Fprintf(stderr, "twinegen: %v\n", err)
		}
		return 1
	}
	return 0
}

// underGoGenerate tells whether go generate runs twinegen: it sets GOFILE
// and GOPACKAGE to the file and package of the //go:generate line.
func underGoGenerate() bool {
	return os.Getenv("GOFILE") != "" && os.Getenv("GOPACKAGE") != ""
}

// summary says how many problems there are, in which packages, and that
// nothing was written.
func summary(list gen.ErrorList) string {
	s := "twinegen: 1 problem"
	if len(list) > 1 {
		s = fmt.Sprintf("twinegen: %d problems", len(list))
	}
	switch pkgs := list.Packages(); len(pkgs) {
	case 0:
	case 1:
		s += " in package " + pkgs[0]
	default:
		s += " in packages " + strings.Join(pkgs, ", ")
	}
	return s + "; nothing was written"
}
