package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A pipe joins like a channel closed last: a goroutine whose last act is
// to close the write end of a pipe (w.Close(), or defer w.Close()) has
// ended when a read of the other end to its end returns
//
//	r, w := net.Pipe()
//	go func() { send(w); w.Close() }()
//	buf, err := io.ReadAll(r) // EOF: w was closed
//
// The ends are paired as pipePartner pairs them.

// pipeKeys adds, for a goroutine running lit in fn, the read end of each
// pipe whose write end, captured from fn, lit closes last (w.Close(), or
// w.CloseWithError(err) in a deferred literal).
func (c *checker) pipeKeys(lit *ast.FuncLit, fn ast.Node, add func(keyKind, path, string)) {
	for _, w := range c.closedLast(lit.Body, func(e ast.Expr) *types.Var { return c.capturedVar(e, lit) }) {
		if r := c.pipePartner(w); r != nil && declaredIn(r, funcBody(fn)) {
			add(keyPipe, path{root: r}, r.Name())
		}
	}
}

// pipeKeysOf is pipeKeys for a goroutine running a function of the
// package (go writeBody(pw, mw)): the write end it is given and closes
// last.
func (c *checker) pipeKeysOf(call *ast.CallExpr, fn ast.Node, add func(keyKind, path, string)) {
	f := callee(c.info, call)
	if f == nil || f.Pkg() != c.pass.Pkg {
		return
	}
	decl := c.decls[f.Origin()]
	sig, ok := f.Origin().Type().(*types.Signature)
	if decl == nil || decl.Body == nil || !ok || sig.Variadic() {
		return
	}
	param := func(e ast.Expr) *types.Var {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		for i := range sig.Params().Len() {
			if c.info.Uses[id] == sig.Params().At(i) && i < len(call.Args) {
				if p := pathOf(c.info, call.Args[i]); p.valid() && p.fields == "" {
					return p.root
				}
			}
		}
		return nil
	}
	for _, w := range c.closedLast(decl.Body, param) {
		if r := c.pipePartner(w); r != nil && declaredIn(r, funcBody(fn)) {
			add(keyPipe, path{root: r}, r.Name())
		}
	}
}

// closedLast returns the variables (as v maps their expressions) whose
// Close or CloseWithError body calls last.
func (c *checker) closedLast(body *ast.BlockStmt, v func(ast.Expr) *types.Var) []*types.Var {
	var ws []*types.Var
	for _, call := range lastActs(body) {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Close" && len(call.Args) == 0 || sel.Sel.Name == "CloseWithError" && len(call.Args) == 1) {
			if w := v(sel.X); w != nil {
				ws = append(ws, w)
			}
		}
	}
	return ws
}

// pipeEnds returns, for result i of call, the index of the result that is
// the other end of the same pipe, or -1.
func (c *checker) pipeEnds(call *ast.CallExpr, i int) int {
	fn := callee(c.info, call)
	if fn == nil {
		return -1
	}
	if isPipeCall(c.info, call) {
		if i == 0 || i == 1 {
			return 1 - i
		}
		return -1
	}
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil {
		return -1
	}
	sig := fn.Type().(*types.Signature)
	// The results' variables: named, or returned the same on every return.
	vars := make([]*types.Var, sig.Results().Len())
	for k := range vars {
		vars[k] = sig.Results().At(k)
	}
	if sig.Results().At(0).Name() == "" {
		for k := range vars {
			vars[k] = c.returnedVar(decl, k)
			if vars[k] == nil {
				vars[k] = c.returnedWrapped(decl, k)
			}
		}
	}
	if i >= len(vars) || vars[i] == nil {
		return -1
	}
	other := c.pipes[vars[i]] // the pipes made in place (pipePartner)
	for k, v := range vars {
		if v != nil && v == other {
			return k
		}
	}
	return -1
}

// returnedWrapped returns the variable that the i-th result of fd wraps,
// the same on every return: return wrap{a}, &conn{c: b}, where the
// literal's one field holds a variable of fd's own and its type's Close,
// of this package, closes that field. Reading or closing the wrapper is
// then reading or closing what it wraps. nil otherwise.
func (c *checker) returnedWrapped(fd *ast.FuncDecl, i int) *types.Var {
	var v *types.Var
	same := true
	eachReturn(fd.Body, func(ret *ast.ReturnStmt) bool {
		if i >= len(ret.Results) {
			same = false
			return false
		}
		w := c.wrappedVar(ret.Results[i], fd.Body)
		if w == nil || v != nil && v != w {
			same = false
			return false
		}
		v = w
		return true
	})
	if !same {
		return nil
	}
	return v
}

// wrappedVar is returnedWrapped for one returned expression.
func (c *checker) wrappedVar(e ast.Expr, body *ast.BlockStmt) *types.Var {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok || len(lit.Elts) != 1 {
		return nil
	}
	val := lit.Elts[0]
	if kv, ok := val.(*ast.KeyValueExpr); ok {
		val = kv.Value
	}
	p := pathOf(c.info, val)
	if !p.valid() || p.fields != "" || !declaredIn(p.root, body) {
		return nil
	}
	named, ok := types.Unalias(c.info.TypeOf(lit)).(*types.Named)
	if !ok || named.Obj().Pkg() != c.pass.Pkg {
		return nil
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok || st.NumFields() != 1 {
		return nil
	}
	// Its Close closes the field: func (w wrap) Close() error { return w.c.Close() }.
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, c.pass.Pkg, "Close")
	m, ok := obj.(*types.Func)
	if !ok {
		return nil
	}
	decl := c.decls[m.Origin()]
	if decl == nil || decl.Body == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return nil
	}
	recv := c.info.Defs[decl.Recv.List[0].Names[0]]
	closes := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Close" {
				if fp := pathOf(c.info, sel.X); fp.valid() && fp.root == recv && fp.fields == "."+st.Field(0).Name() {
					closes = true
				}
			}
		}
		return !closes
	})
	if !closes {
		return nil
	}
	return p.root
}

// readsToEnd reports whether r, a use of a pipe's read end, reads it to
// its end: io.ReadAll(r), io.Copy(dst, r).
func (c *checker) readsToEnd(r ref) bool {
	if r.kind == useMethod && r.method.Name() == "Read" {
		return c.readLoopToEnd(r)
	}
	if r.kind != useValue || r.call == nil {
		return false
	}
	fn := callee(c.info, r.call)
	switch {
	case isFunc(fn, "io", "ReadAll"), isFunc(fn, "io/ioutil", "ReadAll"):
		return len(r.call.Args) == 1 && ast.Unparen(r.call.Args[0]) == r.expr
	case isFunc(fn, "io", "Copy"):
		return len(r.call.Args) == 2 && ast.Unparen(r.call.Args[1]) == r.expr
	}
	return false
}

// readLoopToEnd reports whether the Read of r is a statement of an endless
// loop's body that keeps its error (n, err := r.Read(buf)) and every way
// out of that loop is under a test of that error: the loop reads until a
// read fails, which on a pipe is once the other end is closed.
//
//	for {
//		n, err := r.Read(buf)
//		total += n
//		if err != nil {
//			return total, err
//		}
//	}
func (c *checker) readLoopToEnd(r ref) bool {
	cur, ok := c.cursorOf(r.call)
	if !ok {
		return false
	}
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) != 2 {
		return false
	}
	errVar := pathOf(c.info, as.Lhs[1]).root
	body, ok := cur.Parent().Parent().Node().(*ast.BlockStmt)
	if !ok || errVar == nil {
		return false
	}
	loop, ok := cur.Parent().Parent().Parent().Node().(*ast.ForStmt)
	if !ok || loop.Cond != nil || loop.Body != body {
		return false
	}
	testsErr := func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == errVar {
				found = true
			}
			return !found
		})
		return found
	}
	all, any := true, false
	eachLoopExit(body, func(n ast.Node, _ *ast.CommClause) {
		any = true
		at, ok := c.cursorOf(n)
		if !ok {
			all = false
			return
		}
		for st := range at.Enclosing((*ast.IfStmt)(nil)) {
			if st.Node().Pos() < body.Pos() {
				break
			}
			if testsErr(st.Node().(*ast.IfStmt).Cond) {
				return
			}
		}
		all = false
	})
	return any && all
}

// cancelKeys adds, for a goroutine running lit in fn, each context of fn
// whose cancel function, captured from fn, lit calls last: receiving from
// the context's Done() then waits for it, as <-done does for close(done).
//
//	seen, done := context.WithCancel(ctx)
//	go func() { serve(l); done() }()
//	<-seen.Done()
func (c *checker) cancelKeys(lit *ast.FuncLit, fn ast.Node, add func(keyKind, path, string)) {
	body := funcBody(fn)
	if body == nil {
		return
	}
	for _, call := range lastActs(lit.Body) {
		if len(call.Args) != 0 {
			continue
		}
		cancel := c.capturedVar(call.Fun, lit)
		if cancel == nil {
			continue
		}
		if ctx := c.contextOfCancel(body, cancel); ctx != nil {
			add(keyDone, path{root: ctx}, ctx.Name())
		}
	}
}

// lastActs returns the calls a function's body makes last: its last
// statement's, those its top-level defers make, and the last of a
// deferred function literal (defer func() { _ = pw.CloseWithError(err)
// }()).
func lastActs(body *ast.BlockStmt) []*ast.CallExpr {
	list := body.List
	if len(list) == 0 {
		return nil
	}
	var out []*ast.CallExpr
	if call := stmtCall(list[len(list)-1]); call != nil {
		out = append(out, call)
	}
	for _, s := range list[:len(list)-1] {
		if d, ok := s.(*ast.DeferStmt); ok {
			if lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok && len(d.Call.Args) == 0 && len(lit.Body.List) > 0 {
				if call := stmtCall(lit.Body.List[len(lit.Body.List)-1]); call != nil {
					out = append(out, call)
				}
				continue
			}
			out = append(out, stmtCall(d))
		}
	}
	return out
}

// exprCall returns the call a call statement makes (wg.Done()), or nil.
func exprCall(s ast.Stmt) *ast.CallExpr {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return nil
	}
	call, _ := ast.Unparen(es.X).(*ast.CallExpr)
	return call
}

// stmtCall returns the call a statement makes: a call statement's, a
// defer's, or the one call of an assignment (_ = w.Close()).
func stmtCall(s ast.Stmt) *ast.CallExpr {
	var call *ast.CallExpr
	switch s := s.(type) {
	case *ast.DeferStmt:
		call = s.Call
	case *ast.ExprStmt:
		call, _ = ast.Unparen(s.X).(*ast.CallExpr)
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			call, _ = ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
		}
	}
	return call
}

// capturedVar returns the variable e names when lit captures it.
func (c *checker) capturedVar(e ast.Expr, lit *ast.FuncLit) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || declaredIn(v, lit) {
		return nil
	}
	return v
}

// contextOfCancel returns the context body makes beside the cancel
// function cancel (ctx, cancel := context.WithCancel(parent), and its
// kin), when cancel is only ever assigned there.
func (c *checker) contextOfCancel(body *ast.BlockStmt, cancel *types.Var) *types.Var {
	var ctx *types.Var
	assigned := 0
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); !ok || c.info.ObjectOf(id) != cancel {
				continue
			}
			assigned++
			if i != 1 || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
				continue
			}
			call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
			if !ok || !isFunc(callee(c.info, call), "context", "WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause") && !c.returnsCtxPair(call) {
				continue
			}
			if id, ok := as.Lhs[0].(*ast.Ident); ok {
				ctx, _ = c.info.ObjectOf(id).(*types.Var)
			}
		}
		return true
	})
	if assigned != 1 {
		return nil
	}
	return ctx
}

// receivesDone reports whether r, a use of a context, receives from its
// Done(): <-ctx.Done(), or the case of a select doing so.
func (c *checker) receivesDone(r ref) bool {
	if r.kind != useMethod || r.method == nil || r.method.Name() != "Done" || r.call == nil {
		return false
	}
	cur, ok := c.cursorOf(r.call)
	if !ok {
		return false
	}
	u, ok := cur.Parent().Node().(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW
}
