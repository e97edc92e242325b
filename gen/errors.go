package gen

import (
	"cmp"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
)

// An Error is a problem with the input, at a position in a source file.
type Error struct {
	Pos     token.Position // Filename is relative to Config.Dir when the file lies under it, unless Config.AbsPositions
	Msg     string
	Package string // import path of the package the problem is in, if known
}

// Error returns "file:line:col: twinegen: msg".
func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		if e.Pos.Filename != "" {
			return e.Pos.Filename + ": twinegen: " + e.Msg
		}
		return "twinegen: " + e.Msg
	}
	return e.Pos.String() + ": twinegen: " + e.Msg
}

// An ErrorList is every problem Generate found, sorted by position. Generate
// returns one instead of stopping at the first problem, so that one run shows
// them all.
type ErrorList []*Error

// Error returns the errors, one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// inPackage records path as the package of the errors that have none.
func (l ErrorList) inPackage(path string) {
	for _, e := range l {
		if e.Package == "" {
			e.Package = path
		}
	}
}

// Packages returns the import paths of the packages the errors are in,
// sorted, once each.
func (l ErrorList) Packages() []string {
	var paths []string
	for _, e := range l {
		if e.Package != "" {
			paths = append(paths, e.Package)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// sortErrors sorts l by file, line and column and drops exact duplicates.
func sortErrors(l ErrorList) ErrorList {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Filename, b.Pos.Filename),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(l, func(a, b *Error) bool { return *a == *b })
}

// relPosition makes pos.Filename relative to dir when the file lies under
// dir, as the go command prints positions.
func relPosition(dir string, pos token.Position) token.Position {
	if pos.Filename == "" || dir == "" {
		return pos
	}
	if rel, err := filepath.Rel(dir, pos.Filename); err == nil && filepath.IsLocal(rel) {
		pos.Filename = rel
	}
	return pos
}
