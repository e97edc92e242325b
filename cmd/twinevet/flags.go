package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/twine-go/twine/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/suite/vet"
)

// suite is what twinevet runs: go vet's own analyzers, then twine.
func suite() []*analysis.Analyzer {
	return append(slices.Clone(vet.Suite), analyzer.Analyzer)
}

// options are the flags of standalone twinevet.
type options struct {
	json, sarif  bool
	tests        bool
	contextLines int
	fix, diff    bool
	analyzers    []*analysis.Analyzer // the analyzers the flags select
	patterns     []string
}

// parseFlags parses the standalone command line. The flags are go vet's:
// -NAME runs only the named analyzers, -NAME=false leaves one out, and
// -NAME.FLAG sets an analyzer's flag. twine's flags also have their short
// form (-strict, -barego=false). It returns the exit status when the
// command should stop: 0 for -help, exitUsage for bad usage.
func parseFlags(args []string, stderr io.Writer) (*options, int, bool) {
	opts := new(options)
	fs := flag.NewFlagSet("twinevet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&opts.json, "json", false, "print diagnostics as JSON on standard output")
	fs.BoolVar(&opts.sarif, "sarif", false, "print diagnostics as SARIF 2.1.0 on standard output")
	fs.BoolVar(&opts.tests, "test", true, "analyze test files too")
	fs.IntVar(&opts.contextLines, "c", -1, "with text output, show each offending line with this many lines of context")
	fs.BoolVar(&opts.fix, "fix", false, "apply the first suggested fix of every diagnostic")
	fs.BoolVar(&opts.diff, "diff", false, "print the fixes as a unified diff instead of applying them")

	all := suite()
	enable := make(map[*analysis.Analyzer]*enableFlag)
	for _, a := range all {
		enable[a] = new(enableFlag)
		fs.Var(enable[a], a.Name, "enable "+a.Name+" analysis")
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, f.Usage) })
	}
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: twinevet [flags] packages\n\n"+
			"twinevet runs go vet's analyzers and twine's on the packages.\n"+
			"\"twinevet help\" lists the analyzers; \"twinevet help twine\" documents twine.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil, exitClean, true
		}
		return nil, exitUsage, true
	}
	opts.patterns = fs.Args()
	opts.fix = opts.fix || opts.diff
	switch {
	case len(opts.patterns) == 0:
		fs.Usage()
		return nil, exitUsage, true
	case opts.json && opts.sarif:
		fmt.Fprintln(stderr, "twinevet: -json and -sarif cannot be used together")
		return nil, exitUsage, true
	case opts.fix && (opts.json || opts.sarif):
		fmt.Fprintln(stderr, "twinevet: -fix and -diff print no report: they cannot be used with -json or -sarif")
		return nil, exitUsage, true
	}
	opts.analyzers = selected(all, enable)
	return opts, 0, false
}

// selected applies go vet's rule: if some analyzers are enabled by name,
// only those run; otherwise all run but those turned off.
func selected(all []*analysis.Analyzer, enable map[*analysis.Analyzer]*enableFlag) []*analysis.Analyzer {
	only := slices.ContainsFunc(all, func(a *analysis.Analyzer) bool { return enable[a].set && enable[a].on })
	var run []*analysis.Analyzer
	for _, a := range all {
		if e := enable[a]; only && e.on || !only && (!e.set || e.on) {
			run = append(run, a)
		}
	}
	return run
}

// enableFlag is an analyzer's on/off switch: -printf, -printf=false.
type enableFlag struct{ set, on bool }

func (f *enableFlag) IsBoolFlag() bool { return true }

func (f *enableFlag) String() string {
	if f == nil || !f.set {
		return "unset"
	}
	return strconv.FormatBool(f.on)
}

func (f *enableFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false, not %s", strings.TrimSpace(s))
	}
	f.set, f.on = true, on
	return nil
}
