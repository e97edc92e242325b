package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// A goroutine whose last act calls a function its caller gave
// (w.onFault(), set from start's parameter onFault, then return) tells
// that caller it is ending: a caller that gives a function signalling a
// WaitGroup or channel of its own (start(func() { wg.Done() })) and then
// waits for it on every path has seen the goroutine to its end, though it
// never calls the value's stop (which, the goroutine gone, may block for
// ever: an unbuffered send on a done channel nobody reads).

// lastCallOf returns 1+i when the goroutine of g, which fd (fn) starts,
// calls the function fd was given as parameter i, directly or through the
// field of a value fd made with it (&watch{onFault: onFault}), only as
// its last act (followed by a return, or ending its body), and nothing
// else calls it: fd neither calls it nor gives it on, and no other code of
// the package calls that field. 0 otherwise.
func (c *checker) lastCallOf(fd *ast.FuncDecl, fn *types.Func, g *ast.GoStmt) int {
	body, bind := c.goBody(g, fd)
	if body == nil || fd.Body == nil {
		return 0
	}
	sig := fn.Type().(*types.Signature)
	var param *types.Var
	var field *types.Var
	given := func(fun ast.Expr) (*types.Var, *types.Var) {
		p, ok := bind(pathOf(c.info, fun))
		if !ok || !p.valid() {
			return nil, nil
		}
		if p.fields == "" && paramIndex(sig, p.root) >= 0 {
			return p.root, nil
		}
		if a := c.paramInField(p, fd); a != nil && paramIndex(sig, a) >= 0 {
			return a, fieldVarOf(c.info, fun)
		}
		return nil, nil
	}
	calls := make(map[ast.Node]bool)
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.CallExpr:
			v, f := given(n.Fun)
			if v == nil {
				return true
			}
			if param != nil && v != param || field != nil && f != field {
				ok = false // two functions given: which one tells?
			}
			param, field = v, f
			calls[n] = true
		}
		return true
	})
	if !ok || param == nil || !isFuncType(param.Type()) {
		return 0
	}
	final := c.finalStmts(body, func(s ast.Stmt) bool { return calls[exprCall(s)] })
	if len(final) != len(calls) {
		return 0 // a call the goroutine goes on past
	}
	// fd only stores it: no call of it, no passing it on, outside g.
	stored := true
	c.eachRef(fd.Body, func(r ref) {
		if r.path.root != param || r.path.fields != "" || within(r.expr, g) {
			return
		}
		if isCallee(r) || r.call != nil {
			stored = false
		}
	})
	if !stored {
		return 0
	}
	if field != nil && c.fieldCalledElsewhere(field, calls) {
		return 0
	}
	return 1 + paramIndex(sig, param)
}

// paramInField returns, for a path w.f into a local of fd, the variable
// fd gave that field: w := &watch{f: f}, or w.f = f. nil when there is
// none, or more than one.
func (c *checker) paramInField(p path, fd *ast.FuncDecl) *types.Var {
	name, ok := strings.CutPrefix(p.fields, ".")
	if !ok || strings.Contains(name, ".") || !declaredIn(p.root, fd.Body) {
		return nil
	}
	var got *types.Var
	n := 0
	ast.Inspect(fd.Body, func(m ast.Node) bool {
		lhs, rhs := assignment(m)
		if len(lhs) != len(rhs) {
			return true
		}
		for i, l := range lhs {
			var value ast.Expr
			switch lp := pathOf(c.info, l); {
			case lp.root != p.root:
				continue
			case lp.fields == "":
				value = literalField(rhs[i], name) // w := &watch{f: f}
			case lp.fields == p.fields:
				value = rhs[i] // w.f = f
			}
			if value == nil {
				continue
			}
			n++
			if v := pathOf(c.info, value); v.valid() && v.fields == "" {
				got = v.root
			}
		}
		return true
	})
	if n != 1 {
		return nil
	}
	return got
}

// isFuncType reports whether t is a function type.
func isFuncType(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// fieldCalledElsewhere reports whether some code of the package calls the
// function field f other than at calls, or uses it as a value other than
// by assigning it.
func (c *checker) fieldCalledElsewhere(f *types.Var, calls map[ast.Node]bool) bool {
	for cur := range c.preorder((*ast.SelectorExpr)(nil)) {
		sel := cur.Node().(*ast.SelectorExpr)
		if fieldVarOf(c.info, sel) != f {
			continue
		}
		switch parent := cur.Parent().Node().(type) {
		case *ast.CallExpr:
			if parent.Fun == sel && calls[parent] {
				continue
			}
		case *ast.AssignStmt:
			if len(parent.Lhs) == len(parent.Rhs) && slices.ContainsFunc(parent.Lhs, func(x ast.Expr) bool { return ast.Unparen(x) == sel }) {
				continue
			}
		}
		return true
	}
	return false
}

// lastActWaited reports whether the caller at call gives, as the argument
// o.lastCall names, a function that signals a WaitGroup or channel of the
// caller's own, and waits for that signal on every path from the call:
// the goroutine of o has made its last act by then.
func (c *checker) lastActWaited(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, to *types.Func, o obligation, grow grower) bool {
	e := c.obligationExpr(call, to, obligation{target: o.lastCall - 1})
	if e == nil {
		return false
	}
	lit, ok := ast.Unparen(e).(*ast.FuncLit)
	if !ok {
		lit = c.localFuncLit(e, fn)
	}
	if lit == nil {
		return false
	}
	keys, outside := c.callbackKeys(lit, fn)
	if outside {
		return false
	}
	for _, k := range keys {
		signalled := o
		signalled.kind, signalled.fields, signalled.signalled, signalled.lastCall = keyObligation(k), "", true, 0
		signalled.roomy = k.kind == keyChan
		if c.checkPath(cur, fn, call, to, signalled, grow, k.p) == "" {
			return true
		}
	}
	return false
}
