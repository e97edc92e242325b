package analyzer

import (
	"go/ast"
	"iter"
	"reflect"

	"golang.org/x/tools/go/ast/inspector"
)

// The package-wide indexes (what each function does to each field, the
// pipes, the cancels, the package's calls...) each walk the whole package
// for a few kinds of node. On a large package every such walk costs as
// much as the first: the walk is over every node. preorder walks once, for
// every kind the indexes ask for, and keeps each kind's nodes in order:
// later walks visit only the nodes of their kinds.

// indexedKinds are the kinds of node preorder keeps.
var indexedKinds = []ast.Node{
	(*ast.AssignStmt)(nil),
	(*ast.CallExpr)(nil),
	(*ast.CompositeLit)(nil),
	(*ast.ForStmt)(nil),
	(*ast.FuncDecl)(nil),
	(*ast.FuncLit)(nil),
	(*ast.FuncType)(nil),
	(*ast.GoStmt)(nil),
	(*ast.RangeStmt)(nil),
	(*ast.SelectStmt)(nil),
	(*ast.SelectorExpr)(nil),
	(*ast.UnaryExpr)(nil),
	(*ast.ValueSpec)(nil),
}

// preorder is c.root.Preorder(kinds...), from the nodes kept by kind.
func (c *checker) preorder(kinds ...ast.Node) iter.Seq[inspector.Cursor] {
	if c.byKind == nil {
		c.byKind = make(map[reflect.Type][]inspector.Cursor, len(indexedKinds))
		for cur := range c.root.Preorder(indexedKinds...) {
			t := reflect.TypeOf(cur.Node())
			c.byKind[t] = append(c.byKind[t], cur)
		}
	}
	lists := make([][]inspector.Cursor, 0, len(kinds))
	for _, k := range kinds {
		l, ok := c.byKind[reflect.TypeOf(k)]
		if !ok && !kept(k) {
			return c.root.Preorder(kinds...)
		}
		if len(l) > 0 {
			lists = append(lists, l)
		}
	}
	return func(yield func(inspector.Cursor) bool) {
		// Merge the lists by their place in the walk.
		at := make([]int, len(lists))
		for {
			best := -1
			for i, l := range lists {
				if at[i] < len(l) && (best < 0 || l[at[i]].Index() < lists[best][at[best]].Index()) {
					best = i
				}
			}
			if best < 0 {
				return
			}
			cur := lists[best][at[best]]
			at[best]++
			if !yield(cur) {
				return
			}
		}
	}
}

// kept reports whether preorder keeps nodes of k's kind.
func kept(k ast.Node) bool { return keptKinds[reflect.TypeOf(k)] }

// keptKinds is indexedKinds as a set.
var keptKinds = func() map[reflect.Type]bool {
	m := make(map[reflect.Type]bool, len(indexedKinds))
	for _, n := range indexedKinds {
		m[reflect.TypeOf(n)] = true
	}
	return m
}()
