package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
)

// A WaitGroup in a field hands the goroutines it counts on to whoever
// waits on it. An unexported field of the package's own that the package
// only ever adds to and counts down (s.pend.Add(1); go func() { defer
// s.pend.Done(); ... }()), and never waits on, takes nothing: no code
// anywhere can call its Wait, and the goroutines it counts are joined by
// nobody.

// neverWaited reports whether the WaitGroup at p, a field, is an
// unexported sync.WaitGroup field of a type of this package that the
// package uses only through Add, Done and Go: no Wait, no &field handed
// to code that might wait, no copy.
func (c *checker) neverWaited(p path) bool {
	if p.fields == "" {
		return false
	}
	v := c.pathField(p)
	if v == nil || v.Exported() || v.Pkg() != c.pass.Pkg || !isNamed(v.Type(), "sync", "WaitGroup") {
		return false
	}
	if _, ptr := types.Unalias(v.Type()).(*types.Pointer); ptr {
		return false // a group shared with whoever made it
	}
	if c.groupUses == nil {
		c.groupUses = c.otherGroupUses()
	}
	return !c.groupUses[v]
}

// otherGroupUses returns the WaitGroup fields of the package's types that
// some code uses other than as the receiver of Add, Done or Go.
func (c *checker) otherGroupUses() map[*types.Var]bool {
	counted := make(map[*ast.SelectorExpr]bool) // s.pend in s.pend.Add(1)
	other := make(map[*types.Var]bool)
	sels := c.preorder((*ast.SelectorExpr)(nil))
	for cur := range sels {
		sel := cur.Node().(*ast.SelectorExpr)
		if x, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok {
			if s := c.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
				switch sel.Sel.Name {
				case "Add", "Done", "Go":
					counted[x] = true
				}
			}
		}
	}
	for cur := range sels {
		sel := cur.Node().(*ast.SelectorExpr)
		if v := fieldVarOf(c.info, sel); v != nil && !counted[sel] && isNamed(v.Type(), "sync", "WaitGroup") {
			other[v] = true
		}
	}
	return other
}

// pathField returns the field p ends in (s.pend for s.pend, s.r.wg for
// s.r.wg), or nil when a step is not a field (or there is none).
func (c *checker) pathField(p path) *types.Var {
	if p.fields == "" {
		return nil
	}
	t := p.root.Type()
	var v *types.Var
	for _, name := range strings.Split(strings.TrimPrefix(p.fields, "."), ".") {
		if name == "" {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, name)
		f, ok := obj.(*types.Var)
		if !ok || !f.IsField() {
			return nil
		}
		v, t = f, f.Type()
	}
	return v
}

// localUnwaited returns the name of a WaitGroup that counts the goroutine
// of j, a local variable (not a pointer) of the function that declares it,
// which that function only ever adds to and counts down (Add, Done, Go):
// no Wait, and it goes nowhere that could wait. The goroutine was meant to
// be joined and is not. "" when there is none, or when the goroutine's
// last act before its Done is a call on a value the function uses after
// starting it (sub.Unsubscribe(); wg.Done() beside the function's
// sub.NextMsg()): that call releases the function, which then finds the
// goroutine all but ended.
func (c *checker) localUnwaited(j *goJoin, g *ast.GoStmt) string {
	for _, k := range j.keys {
		if k.kind != keyWait || k.p.fields != "" || k.p.deref || isGlobal(k.p.root) || c.isParamVar(k.p.root) {
			continue
		}
		v := k.p.root
		if !isNamed(v.Type(), "sync", "WaitGroup") {
			continue
		}
		if _, ptr := types.Unalias(v.Type()).(*types.Pointer); ptr {
			continue
		}
		body := c.declBody(v)
		if body == nil {
			continue
		}
		counted := true
		c.eachRef(body, func(r ref) {
			if !counted || r.path.root != v {
				return
			}
			switch {
			case r.kind == useDecl:
			case r.kind == useMethod && r.path.fields == "" && r.method != nil && (r.method.Name() == "Add" || r.method.Name() == "Done" || r.method.Name() == "Go"):
			default:
				counted = false
			}
		})
		if counted && !c.releasesBeforeDone(j, g) {
			return k.name
		}
	}
	return ""
}

// releasesBeforeDone reports whether the goroutine of g, a literal, ends
// with a method call on a variable the function uses after the go
// statement, then a Done on a WaitGroup.
func (c *checker) releasesBeforeDone(j *goJoin, g *ast.GoStmt) bool {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok || len(lit.Body.List) < 2 {
		return false
	}
	list := lit.Body.List
	done, ok := list[len(list)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	if call, ok := ast.Unparen(done.X).(*ast.CallExpr); !ok || !isMethod(callee(c.info, call), "sync", "WaitGroup", "Done") {
		return false
	}
	last, ok := list[len(list)-2].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(last.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	p := pathOf(c.info, sel.X)
	if !p.valid() {
		return false
	}
	used := false
	c.eachRef(funcBody(j.fn), func(r ref) {
		if !used && r.path.root == p.root && r.expr.Pos() > g.End() {
			used = true
		}
	})
	return used
}
