package analyzer_test

import (
	"go/token"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/twine-go/twine/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestStd runs the pass over the whole standard library, which has every
// construct Go allows (generics, cgo, assembly-backed declarations, odd
// control flow): the pass must not panic (a panic kills this test) nor fail
// on any package, and what it reports must look like a diagnostic. With
// the race detector the test files of std are left out, to keep the test
// within CI's time.
func TestStd(t *testing.T) {
	t.Parallel()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: !raceEnabled}
	pkgs, err := packages.Load(cfg, "std")
	if err != nil {
		t.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		t.Fatalf("%d errors loading std", n)
	}
	g, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	counts := make(map[string]int)
	for act := range g.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			counts[d.Category]++
			checkDiagnostic(t, act.Package.Fset, d)
		}
	}
	var lines []string
	for rule, n := range counts {
		lines = append(lines, rule+"="+strconv.Itoa(n))
	}
	sort.Strings(lines)
	t.Logf("%d packages (tests: %v); diagnostics: %s", len(pkgs), !raceEnabled, strings.Join(lines, " "))
}

// checkDiagnostic checks what every diagnostic of the pass must be: in a
// known category, at a real position, with a lower-case message that does
// not end in a period, and fixes whose edits stay in one file.
func checkDiagnostic(t *testing.T, fset *token.FileSet, d analysis.Diagnostic) {
	t.Helper()
	posn := fset.Position(d.Pos)
	known := false
	for _, r := range analyzer.Rules() {
		known = known || r.Name == d.Category
	}
	if !known {
		t.Errorf("%s: unknown category %q", posn, d.Category)
	}
	if !posn.IsValid() || d.End < d.Pos {
		t.Errorf("%s: bad range %d-%d", posn, d.Pos, d.End)
	}
	first := []rune(d.Message)
	if len(first) == 0 || unicode.IsUpper(first[0]) || strings.HasSuffix(d.Message, ".") {
		t.Errorf("%s: message %q should start lower-case and not end in a period", posn, d.Message)
	}
	for _, f := range d.SuggestedFixes {
		for _, e := range f.TextEdits {
			if fset.File(e.Pos) != fset.File(d.Pos) {
				t.Errorf("%s: fix %q edits another file", posn, f.Message)
			}
		}
	}
}
