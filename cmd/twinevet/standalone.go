package main

import (
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/twine-go/twine/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/packages"
)

const (
	exitClean       = 0
	exitError       = 1
	exitUsage       = 2
	exitDiagnostics = 3
)

// standalone runs go vet's suite and twine on the packages named by args
// and prints their diagnostics, or applies their fixes; it returns the
// exit status.
func standalone(args []string, stdout, stderr io.Writer) int {
	opts, code, stop := parseFlags(args, stderr)
	if stop {
		return code
	}
	if opts.fix {
		return fix(opts, stderr)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: opts.tests}
	pkgs, err := packages.Load(cfg, opts.patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "twinevet: %v\n", err)
		return exitError
	}
	if len(pkgs) == 0 {
		fmt.Fprintf(stderr, "twinevet: %s matched no packages\n", strings.Join(opts.patterns, " "))
		return exitError
	}
	graph, err := checker.Analyze(opts.analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "twinevet: %v\n", err)
		return exitError
	}
	failures := failures(pkgs, graph)
	diags := collect(graph)
	switch {
	case opts.json:
		err = writeJSON(stdout, graph, failures)
	case opts.sarif:
		err = writeSARIF(stdout, opts.analyzers, diags, failures)
	default:
		err = writeText(stderr, diags, failures, opts.contextLines)
	}
	if err != nil {
		fmt.Fprintf(stderr, "twinevet: %v\n", err)
		return exitError
	}
	switch {
	case len(failures) > 0:
		return exitError
	case len(diags) > 0:
		return exitDiagnostics
	}
	return exitClean
}

// fix applies, or with -diff shows, the suggested fixes of the analyzers
// on the packages, as go vet -fix does, and names the reports that have
// none. It does not return.
func fix(opts *options, stderr io.Writer) int {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedCompiledGoFiles, Tests: opts.tests}, opts.patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "twinevet: %v\n", err)
		return exitError
	}
	if fs := loadFailures(pkgs); len(fs) > 0 { // a missing package, a file that does not parse
		writeText(stderr, nil, fs, -1)
		return exitError
	}
	// A package and its test variant share a path: count the reports of
	// the one that has every file, as go vet does.
	files := make(map[string]int)
	for _, p := range pkgs {
		files[p.PkgPath] = max(files[p.PkgPath], len(p.CompiledGoFiles))
	}
	counted := func(pass *analysis.Pass) bool {
		n, ok := files[pass.Pkg.Path()]
		return ok && len(pass.Files) == n
	}
	reportUnfixable(opts.analyzers, counted, stderr)
	args := []string{os.Args[0], "-fix", "-test=" + strconv.FormatBool(opts.tests)}
	if opts.diff {
		args = append(args, "-diff")
	}
	os.Args = append(append(args, "--"), opts.patterns...)
	multichecker.Main(opts.analyzers...)
	panic("unreachable")
}

// A diagnostic is one report with its analyzer and resolved positions,
// once: a file in both a package and its test variant is reported once.
type diagnostic struct {
	analysis.Diagnostic
	analyzer *analysis.Analyzer
	pos, end token.Position
}

// ruleID is the name of what reported d: twine's rule (its category), or
// the vet analyzer.
func (d diagnostic) ruleID() string {
	if d.analyzer == analyzer.Analyzer && d.Category != "" {
		return d.Category
	}
	return d.analyzer.Name
}

// collect returns the diagnostics of the root actions, without duplicates,
// in file and position order.
func collect(graph *checker.Graph) []diagnostic {
	type key struct {
		analyzer *analysis.Analyzer
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
			k := key{act.Analyzer, fset.Position(d.Pos), fset.Position(d.End), d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			diags = append(diags, diagnostic{Diagnostic: d, analyzer: act.Analyzer, pos: k.pos, end: k.end})
		}
	}
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].pos, diags[j].pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Offset < b.Offset
	})
	return diags
}

// relative returns name relative to the current directory, as ./x.go, when
// it lies inside it (as go vet prints it), and unchanged otherwise.
func relative(wd, name string) string {
	if rel, err := filepath.Rel(wd, name); wd != "" && err == nil && filepath.IsLocal(rel) {
		return "." + string(filepath.Separator) + rel
	}
	return name
}

// writeText prints the failures, then the diagnostics as file:line:col:
// message, and with contextLines >= 0, the offending lines and that many
// around them.
func writeText(w io.Writer, diags []diagnostic, failures []failure, contextLines int) error {
	wd, _ := os.Getwd()
	var b strings.Builder
	for _, f := range unique(failures, wd) {
		b.WriteString(f.text(wd) + "\n")
	}
	files := make(map[string][]string)
	for _, d := range diags {
		fmt.Fprintf(&b, "%s:%d:%d: %s\n", relative(wd, d.pos.Filename), d.pos.Line, d.pos.Column, d.Message)
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
		end := max(d.end.Line, d.pos.Line)
		for i := max(d.pos.Line-contextLines, 1); i <= end+contextLines && i <= len(lines); i++ {
			fmt.Fprintf(&b, "%d\t%s\n", i, lines[i-1])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
