package main

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// reportUnfixable makes the analyzers name, on w, the reports they make
// that have no suggested fix. It is for -fix, -diff and go fix, which apply
// fixes and print no report: without it a report with no fix vanishes, and
// a run that changes nothing looks like a clean one.
//
// It wraps each analyzer's Run, so it must be called before the analysis
// starts. Only the passes for which counted reports true are counted: one
// per package, so that a file in both a package and its test variant is
// counted once, and none for the dependencies that are analyzed for their
// facts alone.
func reportUnfixable(analyzers []*analysis.Analyzer, counted func(*analysis.Pass) bool, w io.Writer) {
	wd, _ := os.Getwd()
	var out sync.Mutex
	for _, a := range analyzers {
		run := a.Run
		a.Run = func(pass *analysis.Pass) (any, error) {
			if !counted(pass) {
				return run(pass)
			}
			report := pass.Report
			var mu sync.Mutex
			var where []token.Position
			pass.Report = func(d analysis.Diagnostic) {
				if len(d.SuggestedFixes) == 0 {
					pos := pass.Fset.Position(d.Pos)
					pos.Filename = relative(wd, pos.Filename)
					mu.Lock()
					where = append(where, pos)
					mu.Unlock()
				}
				report(d)
			}
			result, err := run(pass)
			if len(where) > 0 {
				out.Lock()
				fmt.Fprintf(w, "twinevet: %s: %s\n", pass.Pkg.Path(), unfixable(pass.Analyzer.Name, where))
				out.Unlock()
			}
			return result, err
		}
	}
}

// unfixable says that the reports of the named analyzer at the positions
// where have no fix.
func unfixable(name string, where []token.Position) string {
	slices.SortFunc(where, func(a, b token.Position) int {
		return cmp.Or(strings.Compare(a.Filename, b.Filename), cmp.Compare(a.Offset, b.Offset))
	})
	const shown = 3
	var list string
	for i, pos := range where[:min(len(where), shown)] {
		if i > 0 {
			list += ", "
		}
		list += pos.String()
	}
	if len(where) > shown {
		list += fmt.Sprintf(" and %d more", len(where)-shown)
	}
	if len(where) == 1 {
		return "1 report of " + name + " has no suggested fix, so nothing was changed for it: " + list +
			" (run without -fix or -diff to see it)"
	}
	return fmt.Sprintf("%d reports of %s have no suggested fix, so nothing was changed for them: %s (run without -fix or -diff to see them)",
		len(where), name, list)
}
