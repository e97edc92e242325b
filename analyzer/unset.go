package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A hook field that nothing sets stays nil: code under `if c.hooks.proceed
// != nil { <-c.hooks.proceed }` never runs, and waits on nothing. Tests
// that want the hook set it; where the package (with its tests, in the
// unit that has them) never does, the wait is dead code.

// neverSetGuard reports whether cond is f != nil (or nil != f) for an
// unexported field of this package that no code of the package sets: no
// assignment to it, no composite literal giving it a value, no address
// taken.
func (c *checker) neverSetGuard(cond ast.Expr) bool {
	x, notNil, ok := c.nilCompared(cond)
	if !ok || !notNil {
		return false
	}
	f := fieldVarOf(c.info, x)
	if f == nil || f.Exported() || f.Pkg() != c.pass.Pkg {
		return false
	}
	return !c.setFields()[f]
}

// setFields returns the fields of the package's types that some code of
// the package may set, computed once.
func (c *checker) setFields() map[*types.Var]bool {
	if c.fieldsSet != nil {
		return c.fieldsSet
	}
	set := make(map[*types.Var]bool)
	for cur := range c.preorder((*ast.AssignStmt)(nil), (*ast.CompositeLit)(nil), (*ast.UnaryExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if f := fieldVarOf(c.info, l); f != nil {
					set[f] = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if f := fieldVarOf(c.info, n.X); f != nil {
					set[f] = true // &c.hook: set through the pointer
				}
			}
		case *ast.CompositeLit:
			st, ok := c.typeOf(n).Underlying().(*types.Struct)
			if !ok {
				continue
			}
			for i, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if key, ok := kv.Key.(*ast.Ident); ok {
						if f, ok := c.info.Uses[key].(*types.Var); ok {
							set[f] = true
						}
					}
				} else if i < st.NumFields() {
					set[st.Field(i)] = true
				}
			}
		}
	}
	c.fieldsSet = set
	return set
}
