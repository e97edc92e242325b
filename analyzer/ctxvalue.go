package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A context that carries no value starts nothing. A function that gets
// what it works on from its context (c := FromContext(ctx); if c == nil {
// return ErrInvalidContext }) and only then starts a goroutine starts none
// for context.Background(), which carries no values: a test that checks
// the error starts nothing, and owes no cancel (the valueNil gate).

// ctxValueTest returns the context parameter path whose values cond
// reads, and the value cond takes when that context carries none: c ==
// nil is true for c := FromContext(ctx) or c, _ := ctx.Value(k).(*T); ok
// is false for v, ok := ctx.Value(k).(T); err != nil is true for c, err
// := initContext(ctx) when that function fails for a context without the
// value.
func (c *checker) ctxValueTest(fd *ast.FuncDecl, cond ast.Expr, depth int) (path, bool, bool) {
	cond = ast.Unparen(cond)
	if id, ok := cond.(*ast.Ident); ok {
		// v, ok := ctx.Value(k).(T); if !ok { return }
		if p, ok := c.okOfValue(fd, id, depth); ok {
			return p, false, true
		}
		return path{}, false, false
	}
	x, neq, ok := c.nilCompared(cond)
	if !ok {
		return path{}, false, false
	}
	p, ok := c.valueSource(fd, x, depth)
	if !ok {
		return path{}, false, false
	}
	// Without a value, the source is nil (an error: not nil).
	isNil := !types.Identical(c.typeOf(x), types.Universe.Lookup("error").Type())
	return p, isNil != neq, true
}

// valueSource returns the context parameter of fd whose value e is, when
// e is nil for a context that carries none (or, for an error, not nil):
// ctx.Value(k), a type assertion of it, a call of a function of the
// package that returns one for its context parameter (FromContext(ctx)),
// the error of a call of a function of the package that fails for such a
// context, or a local given one of those once.
func (c *checker) valueSource(fd *ast.FuncDecl, e ast.Expr, depth int) (path, bool) {
	if depth > 3 {
		return path{}, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.TypeAssertExpr:
		return c.valueSource(fd, e.X, depth)
	case *ast.CallExpr:
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Value" && len(e.Args) == 1 && isContextType(c.typeOf(sel.X)) {
			return c.ctxParamPath(fd, sel.X)
		}
		f := callee(c.info, e)
		if f == nil || f.Pkg() != c.pass.Pkg {
			return path{}, false
		}
		if i := c.valueParam(f, depth+1); i >= 0 && i < len(e.Args) {
			return c.ctxParamPath(fd, e.Args[i])
		}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok || !declaredIn(v, fd.Body) {
			return path{}, false
		}
		rhs, i, ok := c.onlyAssignment(fd.Body, v)
		if !ok {
			return path{}, false
		}
		if i > 0 {
			// c, err := initContext(ctx): the error of a call that fails
			// for a context without the value.
			call, ok := ast.Unparen(rhs).(*ast.CallExpr)
			if !ok || !types.Identical(v.Type(), types.Universe.Lookup("error").Type()) {
				return path{}, false
			}
			f := callee(c.info, call)
			if f == nil || f.Pkg() != c.pass.Pkg {
				return path{}, false
			}
			if j := c.failsWithoutValue(f, depth+1); j >= 0 && j < len(call.Args) {
				return c.ctxParamPath(fd, call.Args[j])
			}
			return path{}, false
		}
		return c.valueSource(fd, rhs, depth)
	}
	return path{}, false
}

// okOfValue returns the context parameter whose value the comma-ok
// result id tests (v, ok := ctx.Value(k).(T)).
func (c *checker) okOfValue(fd *ast.FuncDecl, id *ast.Ident, depth int) (path, bool) {
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !declaredIn(v, fd.Body) {
		return path{}, false
	}
	rhs, i, ok := c.onlyAssignment(fd.Body, v)
	if !ok || i != 1 {
		return path{}, false
	}
	ta, ok := ast.Unparen(rhs).(*ast.TypeAssertExpr)
	if !ok {
		return path{}, false
	}
	return c.valueSource(fd, ta.X, depth)
}

// onlyAssignment returns the one expression body gives v, and v's index
// among what that statement assigns (v, err := f(): 0 or 1 for one call),
// when body assigns v once.
func (c *checker) onlyAssignment(body *ast.BlockStmt, v *types.Var) (ast.Expr, int, bool) {
	var rhs ast.Expr
	index, count := 0, 0
	ast.Inspect(body, func(n ast.Node) bool {
		lhs, rs := assignment(n)
		for i, l := range lhs {
			id, ok := ast.Unparen(l).(*ast.Ident)
			if !ok || c.info.ObjectOf(id) != v {
				continue
			}
			count++
			switch {
			case len(lhs) == len(rs):
				rhs, index = rs[i], 0
			case len(rs) == 1:
				rhs, index = rs[0], i
			default:
				rhs = nil
			}
		}
		return true
	})
	return rhs, index, count == 1 && rhs != nil
}

// ctxParamPath returns the path of e when it is a context parameter of fd
// that fd never assigns.
func (c *checker) ctxParamPath(fd *ast.FuncDecl, e ast.Expr) (path, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return path{}, false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !isContextType(v.Type()) || !c.isParamVar(v) || c.assignedIn(fd.Body, v) {
		return path{}, false
	}
	if fd.Type.Params == nil || !(fd.Type.Params.Pos() <= v.Pos() && v.Pos() < fd.Type.Params.End()) {
		return path{}, false
	}
	return path{root: v}, true
}

// valueParam returns the index of the context parameter whose value f,
// a function of the package, returns as its first result on its one
// return (c, _ := ctx.Value(key).(*Context); return c), or -1.
func (c *checker) valueParam(f *types.Func, depth int) int {
	decl := c.decls[f.Origin()]
	if decl == nil || decl.Body == nil || depth > 3 {
		return -1
	}
	var rets []*ast.ReturnStmt
	eachReturn(decl.Body, func(r *ast.ReturnStmt) bool {
		rets = append(rets, r)
		return true
	})
	if len(rets) != 1 || len(rets[0].Results) == 0 {
		return -1
	}
	p, ok := c.valueSource(decl, rets[0].Results[0], depth)
	if !ok {
		return -1
	}
	return paramIndex(f.Type().(*types.Signature), p.root)
}

// failsWithoutValue returns the index of the context parameter for
// which f, a function of the package, returns a non-nil error when the
// context carries no value: before any other return, it returns one
// under a condition that holds then (if c == nil || c.Allocator == nil {
// return nil, ErrInvalidContext }); or -1.
func (c *checker) failsWithoutValue(f *types.Func, depth int) int {
	decl := c.decls[f.Origin()]
	if decl == nil || decl.Body == nil || depth > 3 {
		return -1
	}
	sig := f.Type().(*types.Signature)
	if sig.Results().Len() == 0 || !types.Identical(sig.Results().At(sig.Results().Len()-1).Type(), types.Universe.Lookup("error").Type()) {
		return -1
	}
	for _, s := range decl.Body.List {
		is, ok := s.(*ast.IfStmt)
		if ok && is.Init == nil && endsInReturn(is.Body) {
			ret := is.Body.List[len(is.Body.List)-1].(*ast.ReturnStmt)
			if n := len(ret.Results); n > 0 && !isNilIdent(ret.Results[n-1]) {
				for _, part := range disjunctsOf(is.Cond) {
					if p, whenNone, ok := c.ctxValueTest(decl, part, depth); ok && whenNone {
						return paramIndex(sig, p.root)
					}
				}
			}
		}
		if containsReturn(s) {
			return -1
		}
	}
	return -1
}

// disjunctsOf returns the operands of cond's || chain, or cond itself.
func disjunctsOf(cond ast.Expr) []ast.Expr {
	if b, ok := ast.Unparen(cond).(*ast.BinaryExpr); ok && b.Op == token.LOR {
		return disjuncts(b, token.LOR)
	}
	return []ast.Expr{cond}
}

// containsReturn reports whether s has a return statement outside
// function literals.
func containsReturn(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return found
}
