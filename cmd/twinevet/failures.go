package main

import (
	"bytes"
	"encoding/json"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A failure is why a package was not analyzed: an error in loading it (a
// syntax or type error, a missing package), at its position when it has
// one, or an analyzer that failed on it.
type failure struct {
	id  string         // the package's ID: JSON groups errors by it
	pkg string         // its import path, or the pattern that named it
	pos token.Position // Filename absolute; zero if the error has no position
	msg string
}

// text is the failure as one line (or a few): file:line:col: message with
// the file relative to wd when it lies inside it, or "twinevet: package:
// message" when there is no position.
func (f failure) text(wd string) string {
	switch {
	case f.pos.Filename == "":
		return "twinevet: " + f.pkg + ": " + f.msg
	case f.pos.Line == 0:
		return relative(wd, f.pos.Filename) + ": " + f.msg
	case f.pos.Column == 0:
		return relative(wd, f.pos.Filename) + ":" + strconv.Itoa(f.pos.Line) + ": " + f.msg
	}
	return relative(wd, f.pos.Filename) + ":" + strconv.Itoa(f.pos.Line) + ":" + strconv.Itoa(f.pos.Column) + ": " + f.msg
}

// failures returns the errors of pkgs and their dependencies, then each
// analyzer that failed on a package that loaded, then each root package
// left unanalyzed because of those: every package that was not analyzed is
// named.
func failures(pkgs []*packages.Package, graph *checker.Graph) []failure {
	fs := loadFailures(pkgs)
	unanalyzed := make(map[*packages.Package]bool)
	for act := range graph.All() {
		if act.Err == nil || len(act.Package.Errors) > 0 {
			continue // its errors are listed
		}
		original := !act.Package.IllTyped // else a package it imports has errors
		for _, dep := range act.Deps {
			original = original && dep.Err == nil
		}
		switch {
		case original:
			fs = append(fs, failure{id: act.Package.ID, pkg: act.Package.PkgPath, msg: act.Analyzer.Name + ": " + act.Err.Error()})
		case act.IsRoot && !unanalyzed[act.Package]:
			unanalyzed[act.Package] = true
			fs = append(fs, failure{id: act.Package.ID, pkg: act.Package.PkgPath,
				msg: "not analyzed: it imports a package that could not be loaded or analyzed"})
		}
	}
	return fs
}

// loadFailures returns the errors of pkgs and their dependencies.
func loadFailures(pkgs []*packages.Package) []failure {
	wd, _ := os.Getwd()
	var fs []failure
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			fs = append(fs, failure{id: p.ID, pkg: p.PkgPath, pos: position(wd, e.Pos), msg: e.Msg})
		}
	})
	return fs
}

// unique returns the failures without those whose text repeats an earlier
// one's: a file in both a package and its test variant fails in both.
func unique(fs []failure, wd string) []failure {
	seen := make(map[string]bool)
	var u []failure
	for _, f := range fs {
		if t := f.text(wd); !seen[t] {
			seen[t] = true
			u = append(u, f)
		}
	}
	return u
}

// position parses the position of a go/packages error, "file:line:col",
// "file:line", "file", or "" or "-" for none, with file relative to wd or
// absolute.
func position(wd, s string) token.Position {
	if s == "" || s == "-" {
		return token.Position{}
	}
	var pos token.Position
	file, n, ok := cutNumber(s)
	if file2, line, ok2 := cutNumber(file); ok && ok2 {
		pos = token.Position{Filename: file2, Line: line, Column: n}
	} else if ok {
		pos = token.Position{Filename: file, Line: n}
	} else {
		pos = token.Position{Filename: s}
	}
	if !filepath.IsAbs(pos.Filename) {
		pos.Filename = filepath.Join(wd, pos.Filename)
	}
	return pos
}

// cutNumber splits "a:12" into "a" and 12.
func cutNumber(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	return s[:i], n, err == nil
}

// writeJSON prints the diagnostics in go vet's JSON form: package ID, then
// analyzer, then its diagnostics or {"error": ...}. A package that failed
// has one entry, "twinevet", whose error lists its failures, in place of
// an "analysis skipped" error for every analyzer.
func writeJSON(w io.Writer, graph *checker.Graph, failures []failure) error {
	var buf bytes.Buffer
	if err := graph.PrintJSON(&buf); err != nil {
		return err
	}
	tree := make(map[string]map[string]json.RawMessage)
	if err := json.Unmarshal(buf.Bytes(), &tree); err != nil {
		return err
	}
	errs := make(map[string][]string)
	for _, f := range failures {
		line := f.msg
		if f.pos.Filename != "" {
			line = f.text("") // absolute, as the diagnostics' positions
		}
		errs[f.id] = append(errs[f.id], line)
	}
	for id, lines := range errs {
		entry, err := json.Marshal(map[string]string{"error": strings.Join(lines, "\n")})
		if err != nil {
			return err
		}
		tree[id] = map[string]json.RawMessage{"twinevet": entry}
	}
	out, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}
