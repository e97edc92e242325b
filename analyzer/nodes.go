package analyzer

import (
	"go/ast"
	"go/types"
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

// The questions about how a variable is assigned (onlyAssigned: is every
// value it is given of some kind; assignsField: is a field of it set)
// were each a walk of a whole function body or package, asked thousands
// of times on a large package. assigns indexes every assignment and
// declaration of the package once, by the variable it sets.

// An assignSite is a variable set by an assignment or a declaration: the
// i-th of lhs, given rhs.
type assignSite struct {
	n        ast.Node // the *ast.AssignStmt or *ast.ValueSpec
	lhs, rhs []ast.Expr
	i        int
}

// A fieldSet is an assignment to a field of a variable (v.name = x, or
// v.a.name = x: the last field's name).
type fieldSet struct {
	n    *ast.AssignStmt
	name string
}

// assignIndex is what assigns keeps.
type assignIndex struct {
	whole  map[*types.Var][]assignSite // v = x, var v = x, v := x
	fields map[*types.Var][]fieldSet   // v.f = x
}

// assigns returns the package's assignment index, built on first use.
func (c *checker) assigns() *assignIndex {
	if c.assignIx != nil {
		return c.assignIx
	}
	ix := &assignIndex{whole: make(map[*types.Var][]assignSite), fields: make(map[*types.Var][]fieldSet)}
	c.assignIx = ix
	for cur := range c.preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		lhs, rhs := assignment(cur.Node())
		for i, l := range lhs {
			if p := pathOf(c.info, l); p.root != nil && p.fields == "" {
				ix.whole[p.root] = append(ix.whole[p.root], assignSite{cur.Node(), lhs, rhs, i})
			}
			as, ok := cur.Node().(*ast.AssignStmt)
			if !ok {
				continue
			}
			if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
				if p := pathOf(c.info, sel.X); p.root != nil {
					ix.fields[p.root] = append(ix.fields[p.root], fieldSet{as, sel.Sel.Name})
				}
			}
		}
	}
	return ix
}
