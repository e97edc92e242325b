package analyzer

import (
	"go/ast"
	"go/types"
)

// A reader or writer made over a connection (bufio.NewReader(conn),
// json.NewDecoder(conn), a scanner of a process's pipe) has no stop of its
// own: a call on it waits on the connection, which stopping releases.
// wrapsOf and readsThrough find, for such a value, the stoppable value it
// was made over.

// readsThrough returns, for the value at p, which has no stop method, the
// stoppable value it was made over: the first argument of the only calls
// that made it, for a local (r := bufio.NewReader(conn)), or, for a field,
// the sibling field given the same value where the field was set
// (&Client{conn: conn, r: bufio.NewReader(conn)}, c.r = bufio.NewReader(c.conn)).
func (c *checker) readsThrough(p path) (path, bool) {
	if !p.valid() || c.stoppable(c.pathType(p)) {
		return path{}, false
	}
	// A decoder over a reader over the connection: follow the chain to a
	// value that can be stopped.
	for range 4 {
		var ok bool
		if p.fields == "" {
			p, ok = c.localWrap(p.root)
		} else {
			p, ok = c.siblingWrap(p)
		}
		if !ok {
			return path{}, false
		}
		if c.stoppable(c.pathType(p)) {
			return p, true
		}
	}
	return path{}, false
}

// readsThroughExpr is readsThrough for the receiver of a call, also when
// it is made in place: bufio.NewReader(conn).ReadString('\n') waits on
// conn.
func (c *checker) readsThroughExpr(e ast.Expr) (path, bool) {
	if arg, ok := c.wrapCall(e); ok {
		p := pathOf(c.info, arg)
		if !p.valid() {
			return path{}, false
		}
		if c.stoppable(c.pathType(p)) {
			return p, true
		}
		return c.readsThrough(p)
	}
	return c.readsThrough(pathOf(c.info, e))
}

// siblingWrap is one step of readsThrough for a field: the sibling field
// it was made over.
func (c *checker) siblingWrap(p path) (path, bool) {
	k, ok := c.keyOf(p)
	if !ok || k.field.owner == nil {
		return path{}, false
	}
	sibling, ok := c.wraps()[k.field]
	if !ok || sibling == "" {
		return path{}, false
	}
	p.fields = p.fields[:len(p.fields)-len(k.field.field)] + sibling
	return p, true
}

// wrapCall returns the first argument of a call that makes a value over
// it (a function, not a method: bufio.NewReader(conn),
// json.NewDecoder(br)): a value that can be stopped, or that reads or
// writes (a reader made over a connection in its turn).
func (c *checker) wrapCall(e ast.Expr) (ast.Expr, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return nil, false
	}
	fn := callee(c.info, call)
	if fn == nil || fn.Type().(*types.Signature).Recv() != nil {
		return nil, false
	}
	arg := unwrapValue(call.Args[0])
	if t := c.typeOf(arg); t == nil || !c.stoppable(t) && !hasMethod(t, "Read") && !hasMethod(t, "Write") {
		return nil, false
	}
	return arg, true
}

// unwrapValue strips parentheses, type assertions and conversions
// around the value an expression stands for: conn.(*net.TCPConn).
func unwrapValue(e ast.Expr) ast.Expr {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.TypeAssertExpr:
			e = x.X
		default:
			return ast.Unparen(e)
		}
	}
}

// hasMethod reports whether values of type t have a method of that name.
func hasMethod(t types.Type, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

// localWrap is readsThrough for a local variable, remembered.
func (c *checker) localWrap(v *types.Var) (path, bool) {
	if p, ok := c.localWraps[v]; ok {
		return p, p.valid()
	}
	if c.localWraps == nil {
		c.localWraps = make(map[*types.Var]path)
	}
	p, ok := c.findLocalWrap(v)
	if !ok {
		p = path{}
	}
	c.localWraps[v] = p
	return p, ok
}

func (c *checker) findLocalWrap(v *types.Var) (path, bool) {
	if isGlobal(v) || c.isParamVar(v) {
		return path{}, false
	}
	body := c.declBody(v)
	if body == nil {
		return path{}, false
	}
	var over path
	ok := c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		if len(lhs) != len(rhs) {
			return false
		}
		arg, isWrap := c.wrapCall(rhs[i])
		q := pathOf(c.info, arg)
		if !isWrap || !q.valid() || over.valid() && !over.equal(q) {
			return false
		}
		over = q
		return true
	})
	return over, ok && over.valid()
}

// wraps indexes, once, the fields of the package's types that are set to
// a value made over a sibling field: r -> conn for
// &Client{conn: conn, r: bufio.NewReader(conn)} or
// c.r = bufio.NewReader(c.conn). A field set otherwise anywhere maps to "".
func (c *checker) wraps() map[fieldKey]string {
	if c.wrapped != nil {
		return c.wrapped
	}
	c.wrapped = make(map[fieldKey]string)
	note := func(k fieldKey, sibling string) {
		if old, ok := c.wrapped[k]; ok && old != sibling {
			sibling = ""
		}
		c.wrapped[k] = sibling
	}
	// Literals and assignments, in the order of the source, by the
	// inspector's events, which skip the subtrees that hold none.
	for cur := range c.preorder((*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil)) {
		func(n ast.Node) {
			switch n := n.(type) {
			case *ast.CompositeLit:
				values := make(map[*types.Var]string) // which field each variable was given
				c.literalFields(n, func(k fieldKey, v ast.Expr) {
					if id, ok := unwrapValue(v).(*ast.Ident); ok {
						if obj, ok := c.info.Uses[id].(*types.Var); ok {
							values[obj] = k.field
						}
					}
				})
				c.literalFields(n, func(k fieldKey, v ast.Expr) {
					arg, ok := c.wrapCall(v)
					if !ok {
						note(k, "")
						return
					}
					if id, ok := ast.Unparen(arg).(*ast.Ident); ok {
						if obj, ok := c.info.Uses[id].(*types.Var); ok && values[obj] != "" {
							note(k, values[obj])
							return
						}
					}
					note(k, "")
				})
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					return
				}
				for i, l := range n.Lhs {
					lp := pathOf(c.info, l)
					k, ok := c.keyOf(lp)
					if !ok || k.field.owner == nil {
						continue
					}
					arg, ok := c.wrapCall(n.Rhs[i])
					if !ok {
						note(k.field, "")
						continue
					}
					ap := pathOf(c.info, arg)
					ak, ok := c.keyOf(ap)
					if ok && ak.field.owner != nil && ap.root == lp.root && ap.fields[:len(ap.fields)-len(ak.field.field)] == lp.fields[:len(lp.fields)-len(k.field.field)] {
						note(k.field, ak.field.field)
						continue
					}
					note(k.field, "")
				}
			}
		}(cur.Node())
	}
	return c.wrapped
}
