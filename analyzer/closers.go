package analyzer

import (
	"go/ast"
	gotoken "go/token"
	"go/types"
)

// This file follows method values kept in a list and called later: a Close
// that stops its parts through a slice of their stop methods, each run in
// a goroutine of its own, as go-libp2p-kad-dht's does:
//
//	closes := []func() error{d.rtRefresh.Close, d.store.Close}
//	for _, c := range closes {
//		go func(c func() error) { errc <- c() }(c)
//	}
//
// Calling c there is calling each method value the list was given.

// methodValuesOf returns the method values (x.M, not called) that the
// local function variable v may hold: v ranges over a local slice whose
// literal and appends give it method values, or v is the parameter of a
// literal called (or started by a go statement) with such a variable.
func (c *checker) methodValuesOf(v *types.Var) []*ast.SelectorExpr {
	if mv, ok := c.methodVals[v]; ok {
		return mv
	}
	if c.methodVals == nil {
		c.methodVals = make(map[*types.Var][]*ast.SelectorExpr)
	}
	mv := c.findMethodValues(v)
	c.methodVals[v] = mv
	return mv
}

// findMethodValues is methodValuesOf, not remembered.
func (c *checker) findMethodValues(v *types.Var) []*ast.SelectorExpr {
	for range 2 { // the literal's parameter, then the range variable
		cur, ok := c.root.FindByPos(v.Pos(), v.Pos()+gotoken.Pos(len(v.Name())))
		if !ok {
			return nil
		}
		id, ok := cur.Node().(*ast.Ident)
		if !ok || c.info.Defs[id] != v {
			return nil
		}
		switch parent := cur.Parent().Node().(type) {
		case *ast.RangeStmt:
			if parent.Value != id {
				return nil
			}
			list := pathOf(c.info, parent.X)
			if !list.valid() || list.fields != "" || isGlobal(list.root) {
				return nil
			}
			return c.listedMethodValues(list.root)
		case *ast.Field:
			// go func(c func() error) { ... }(c): the argument given.
			lit, ok := cur.Parent().Parent().Parent().Parent().Node().(*ast.FuncLit)
			if !ok {
				return nil
			}
			call, ok := cur.Parent().Parent().Parent().Parent().Parent().Node().(*ast.CallExpr)
			if !ok || ast.Unparen(call.Fun) != lit {
				return nil
			}
			sig, ok := c.typeOf(lit).(*types.Signature)
			if !ok {
				return nil
			}
			i := paramIndex(sig, v)
			if i < 0 || i >= len(call.Args) {
				return nil
			}
			arg, ok := c.info.Uses[identOf(call.Args[i])].(*types.Var)
			if !ok || arg == v {
				return nil
			}
			v = arg
			continue
		}
		return nil
	}
	return nil
}

// listedMethodValues returns the method values a local slice is given,
// in its composite literal and in appends to it.
func (c *checker) listedMethodValues(list *types.Var) []*ast.SelectorExpr {
	body := c.declBody(list)
	if body == nil {
		return nil
	}
	var out []*ast.SelectorExpr
	add := func(e ast.Expr) {
		if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
			if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
				out = append(out, sel)
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		if len(lhs) != len(rhs) {
			return true
		}
		for i, l := range lhs {
			if p := pathOf(c.info, l); p.root != list || p.fields != "" {
				continue
			}
			switch r := ast.Unparen(rhs[i]).(type) {
			case *ast.CompositeLit:
				for _, el := range r.Elts {
					add(el)
				}
			case *ast.CallExpr:
				if isBuiltinCall(c.info, r, "append") {
					for _, a := range r.Args[1:] {
						add(a)
					}
				}
			}
		}
		return true
	})
	return out
}
