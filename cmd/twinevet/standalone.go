package main

import (
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/twine-go/twine/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

const (
	exitClean       = 0
	exitError       = 1
	exitUsage       = 2
	exitDiagnostics = 3
)

// standalone runs twine alone on the packages named by args and prints its
// diagnostics; it returns the exit status.
func standalone(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("twinevet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonOut := fs.Bool("json", false, "print diagnostics as JSON on standard output")
	sarifOut := fs.Bool("sarif", false, "print diagnostics as SARIF 2.1.0 on standard output")
	tests := fs.Bool("test", true, "analyze test files too")
	contextLines := fs.Int("c", -1, "with text output, show each offending line with this many lines of context")
	fs.Bool("fix", false, "apply the first suggested fix of every diagnostic")
	fs.Bool("diff", false, "with -fix, print the fixes as a unified diff instead of applying them")
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: twinevet [flags] packages\n\n%s\n\nFlags:\n", strings.SplitN(analyzer.Analyzer.Doc, "\n", 2)[0])
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitClean
		}
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	if *jsonOut && *sarifOut {
		fmt.Fprintln(stderr, "twinevet: -json and -sarif cannot be used together")
		return exitUsage
	}

	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: *tests}
	pkgs, err := packages.Load(cfg, fs.Args()...)
	if err != nil {
		fmt.Fprintf(stderr, "twinevet: %v\n", err)
		return exitError
	}
	if len(pkgs) == 0 {
		fmt.Fprintf(stderr, "twinevet: %s matched no packages\n", strings.Join(fs.Args(), " "))
		return exitError
	}
	failed := packages.PrintErrors(pkgs) > 0 // file:line:col: message, on stderr

	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "twinevet: %v\n", err)
		return exitError
	}
	diags := collect(graph)
	for act := range graph.All() {
		// A package that loaded but could not be analyzed. (One that did
		// not load has had its errors printed; its actions only say so.)
		if act.Err != nil && act.IsRoot && len(act.Package.Errors) == 0 {
			fmt.Fprintf(stderr, "twinevet: %s: %v\n", act.Package.PkgPath, act.Err)
			failed = true
		}
	}

	switch {
	case *jsonOut:
		err = graph.PrintJSON(stdout)
	case *sarifOut:
		err = writeSARIF(stdout, diags)
	default:
		err = writeText(stderr, diags, *contextLines)
	}
	if err != nil {
		fmt.Fprintf(stderr, "twinevet: %v\n", err)
		return exitError
	}
	switch {
	case failed:
		return exitError
	case len(diags) > 0:
		return exitDiagnostics
	}
	return exitClean
}

// A diagnostic is one report with its resolved positions, once: a file in
// both a package and its test variant is reported once.
type diagnostic struct {
	analysis.Diagnostic
	pos, end token.Position
}

// collect returns the diagnostics of the root actions, without duplicates,
// in file and position order.
func collect(graph *checker.Graph) []diagnostic {
	type key struct {
		pos, end token.Position
		message  string
	}
	seen := make(map[key]bool)
	var diags []diagnostic
	for act := range graph.All() {
		if !act.IsRoot || act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			k := key{fset.Position(d.Pos), fset.Position(d.End), d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			diags = append(diags, diagnostic{Diagnostic: d, pos: k.pos, end: k.end})
		}
	}
	sort.Slice(diags, func(i, j int) bool {
		a, b := diags[i].pos, diags[j].pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Offset < b.Offset
	})
	return diags
}

// writeText prints diags as file:line:col: message, with file relative to
// the current directory when it is inside it (./x.go, as go vet prints),
// and with contextLines >= 0, the offending lines and that many around
// them.
func writeText(w io.Writer, diags []diagnostic, contextLines int) error {
	wd, _ := os.Getwd()
	var b strings.Builder
	files := make(map[string][]string)
	for _, d := range diags {
		name := d.pos.Filename
		if rel, err := filepath.Rel(wd, name); wd != "" && err == nil && filepath.IsLocal(rel) {
			name = "." + string(filepath.Separator) + rel
		}
		fmt.Fprintf(&b, "%s:%d:%d: %s\n", name, d.pos.Line, d.pos.Column, d.Message)
		if contextLines < 0 {
			continue
		}
		lines, ok := files[d.pos.Filename]
		if !ok {
			if data, err := os.ReadFile(d.pos.Filename); err == nil {
				lines = strings.Split(string(data), "\n")
			}
			files[d.pos.Filename] = lines
		}
		end := d.end.Line
		if end < d.pos.Line {
			end = d.pos.Line
		}
		for i := max(d.pos.Line-contextLines, 1); i <= end+contextLines && i <= len(lines); i++ {
			fmt.Fprintf(&b, "%d\t%s\n", i, lines[i-1])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
