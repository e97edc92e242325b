package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A helper that makes something and returns it with a cleanup function
// (s, cleanup := dialSender(t, addr); defer cleanup()) stops what the
// cleanup's literal stops: its effects are the literal's, on the values the
// helper returned beside it. The literal closes the helper's local c, and
// the helper returns &sender{c: c}: calling cleanup closes s.c.

// returnedCleanupEffects returns the effects of calling the local v, when
// it holds the cleanup function a helper of the package returned (its one
// assignment is from a call of that helper, and every return of the
// helper that gives a function there gives the same literal), in the
// caller's terms; nil when none is known.
func (c *checker) returnedCleanupEffects(v *types.Var) []effect {
	if es, ok := c.cleanupFx[v]; ok {
		return es
	}
	es := c.findCleanupEffects(v)
	if c.cleanupFx == nil {
		c.cleanupFx = make(map[*types.Var][]effect)
	}
	c.cleanupFx[v] = es
	return es
}

func (c *checker) findCleanupEffects(v *types.Var) []effect {
	body := c.declBody(v)
	if body == nil {
		return nil
	}
	var call *ast.CallExpr
	var lhs []ast.Expr
	j, count := -1, 0
	ast.Inspect(body, func(n ast.Node) bool {
		l, r := assignment(n)
		for i, e := range l {
			if id, ok := ast.Unparen(e).(*ast.Ident); ok && c.info.ObjectOf(id) == v {
				count++
				if len(r) == 1 && len(l) > 1 {
					call, _ = ast.Unparen(r[0]).(*ast.CallExpr)
					lhs, j = l, i
				}
			}
		}
		return count <= 1
	})
	if count != 1 || call == nil {
		return nil
	}
	fn := callee(c.info, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return nil
	}
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil {
		return nil
	}
	var lit *ast.FuncLit
	var rets []*ast.ReturnStmt
	ok := true
	eachReturn(decl.Body, func(ret *ast.ReturnStmt) bool {
		if len(ret.Results) != len(lhs) {
			ok = false // a bare return of named results, or one call's results
			return false
		}
		r := ast.Unparen(ret.Results[j])
		if isNil(c.info, r) {
			return true // a failing path: nothing to clean up, nothing called
		}
		l, _ := r.(*ast.FuncLit)
		if id, isID := r.(*ast.Ident); isID {
			if lv, isVar := c.info.Uses[id].(*types.Var); isVar && declaredIn(lv, decl.Body) {
				l = c.onlyFuncLit(lv, decl.Body)
			}
		}
		if l == nil || lit != nil && l != lit {
			ok = false
			return false
		}
		lit = l
		rets = append(rets, ret)
		return true
	})
	if !ok || lit == nil {
		return nil
	}
	var out []effect
	for _, e := range c.litEffects(lit) {
		if p, ok := c.cleanupPath(fn, decl, call, lhs, rets, e.p); ok {
			out = append(out, effect{e.kind, p})
		}
	}
	return out
}

// cleanupPath maps p, a path of the helper decl's, to the caller that
// assigned its results to lhs: a parameter's or the receiver's path is the
// argument's, a local's is the result that every return rets returns it
// in (itself, or a field of a literal it makes: &sender{c: c}).
func (c *checker) cleanupPath(fn *types.Func, decl *ast.FuncDecl, call *ast.CallExpr, lhs []ast.Expr, rets []*ast.ReturnStmt, p path) (path, bool) {
	if !p.valid() {
		return path{}, false
	}
	if !declaredIn(p.root, decl.Body) {
		return c.bindPath(fn, call, p)
	}
	var out path
	for _, ret := range rets {
		q, ok := c.returnedIn(decl.Body, ret, lhs, p)
		if !ok || out.valid() && !out.equal(q) {
			return path{}, false
		}
		out = q
	}
	return out, out.valid()
}

// returnedIn finds the local at the root of p among the results of ret:
// the caller's variable in lhs that receives it, with the fields it sits
// at.
func (c *checker) returnedIn(body *ast.BlockStmt, ret *ast.ReturnStmt, lhs []ast.Expr, p path) (path, bool) {
	for i, r := range ret.Results {
		fields, ok := c.holdsAt(body, r, p.root, 0)
		if !ok {
			continue
		}
		id, isID := ast.Unparen(lhs[i]).(*ast.Ident)
		if !isID {
			return path{}, false
		}
		v, isVar := c.info.ObjectOf(id).(*types.Var)
		if !isVar {
			return path{}, false
		}
		return path{root: v, fields: fields + p.fields, deref: p.deref || fields != ""}, true
	}
	return path{}, false
}

// holdsAt returns the fields at which the result expression r holds the
// local v: "" for v itself, ".c" for &sender{c: v}, through a local given
// such a literal once.
func (c *checker) holdsAt(body *ast.BlockStmt, r ast.Expr, v *types.Var, depth int) (string, bool) {
	r = ast.Unparen(r)
	if u, ok := r.(*ast.UnaryExpr); ok && u.Op == token.AND {
		r = ast.Unparen(u.X)
	}
	switch r := r.(type) {
	case *ast.Ident:
		w, ok := c.info.Uses[r].(*types.Var)
		if !ok {
			return "", false
		}
		if w == v {
			return "", true
		}
		if depth < 2 && declaredIn(w, body) {
			if init := c.onlyInit(body, w); init != nil {
				return c.holdsAt(body, init, v, depth+1)
			}
		}
	case *ast.CompositeLit:
		for _, el := range r.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			key, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			if id, ok := ast.Unparen(kv.Value).(*ast.Ident); ok && c.info.Uses[id] == v {
				return "." + key.Name, true
			}
		}
	}
	return "", false
}
