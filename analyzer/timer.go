package analyzer

import (
	"go/ast"
	"go/token"
	"strings"
)

// A timer made by time.AfterFunc(d, f) runs f in its own goroutine once it
// fires, and t.Stop() reports false once it has: if !t.Stop() { <-started
// } waits for what f does, and f, once started, runs to its end. When f
// sends on a channel as one of its top-level statements, that receive is
// released: pgconn's slow-write timer starts the background reader and
// sends on bgReaderStarted, and the code that stops the timer late
// receives from it.

// firedTimerSends returns, for a condition !p.Stop() on a *time.Timer
// field that the package sets only to time.AfterFunc(d, func() { ...;
// h.ch <- v }) (h the value holding the field), the channels that function
// sends on at its top level, in the terms of p's holder.
func (c *checker) firedTimerSends(cond ast.Expr) []path {
	u, ok := ast.Unparen(cond).(*ast.UnaryExpr)
	if !ok || u.Op != token.NOT {
		return nil
	}
	p, ok := c.methodRecv(u.X, "time", "Timer", "Stop")
	if !ok {
		return nil
	}
	k, ok := c.keyOf(p)
	if !ok || k.field.owner == nil || p.fields == "" {
		return nil
	}
	holder := p
	holder.fields = p.fields[:strings.LastIndex(p.fields, ".")]
	var sends []string
	set := 0
	for cur := range c.preorder((*ast.AssignStmt)(nil)) {
		as := cur.Node().(*ast.AssignStmt)
		for i, l := range as.Lhs {
			lp := pathOf(c.info, l)
			if lk, ok := c.keyOf(lp); !ok || lk.field != k.field {
				continue
			}
			set++
			if len(as.Lhs) != len(as.Rhs) {
				return nil
			}
			after, ok := ast.Unparen(as.Rhs[i]).(*ast.CallExpr)
			if !ok || !isFunc(callee(c.info, after), "time", "AfterFunc") || len(after.Args) != 2 {
				return nil
			}
			lit, ok := ast.Unparen(after.Args[1]).(*ast.FuncLit)
			if !ok {
				return nil
			}
			lh := lp.fields[:strings.LastIndex(lp.fields, ".")]
			for _, s := range lit.Body.List {
				send, ok := s.(*ast.SendStmt)
				if !ok {
					continue
				}
				sp := pathOf(c.info, send.Chan)
				if sp.root == lp.root && strings.HasPrefix(sp.fields, lh+".") {
					sends = append(sends, strings.TrimPrefix(sp.fields, lh))
				}
			}
		}
	}
	if set == 0 {
		return nil
	}
	var out []path
	for _, f := range sends {
		q := holder
		q.fields += f
		out = append(out, q)
	}
	return out
}

// methodRecv returns the path of the receiver of e, a call of the method
// name of the type typ of package pkg (t.Stop() of a *time.Timer).
func (c *checker) methodRecv(e ast.Expr, pkg, typ, name string) (path, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !isMethod(callee(c.info, call), pkg, typ, name) {
		return path{}, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return path{}, false
	}
	return pathOf(c.info, sel.X), true
}
