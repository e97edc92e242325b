package analyzer

import (
	"go/ast"
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
// pipe whose write end, captured from fn, lit closes last.
func (c *checker) pipeKeys(lit *ast.FuncLit, fn ast.Node, add func(keyKind, path, string)) {
	if len(lit.Body.List) == 0 {
		return
	}
	closed := func(s ast.Stmt) *types.Var {
		var call *ast.CallExpr
		switch s := s.(type) {
		case *ast.DeferStmt:
			call = s.Call
		case *ast.ExprStmt:
			call, _ = ast.Unparen(s.X).(*ast.CallExpr)
		case *ast.AssignStmt: // _ = w.Close()
			if len(s.Rhs) == 1 {
				call, _ = ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
			}
		}
		if call == nil || len(call.Args) != 0 {
			return nil
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Close" {
			return nil
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok {
			return nil
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || declaredIn(v, lit) {
			return nil
		}
		return v
	}
	var ws []*types.Var
	if w := closed(lit.Body.List[len(lit.Body.List)-1]); w != nil {
		ws = append(ws, w)
	}
	for _, s := range lit.Body.List {
		if d, ok := s.(*ast.DeferStmt); ok {
			if w := closed(d); w != nil {
				ws = append(ws, w)
			}
		}
	}
	for _, w := range ws {
		if r := c.pipePartner(w); r != nil && declaredIn(r, funcBody(fn)) {
			add(keyPipe, path{root: r}, r.Name())
		}
	}
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

// readsToEnd reports whether r, a use of a pipe's read end, reads it to
// its end: io.ReadAll(r), io.Copy(dst, r).
func (c *checker) readsToEnd(r ref) bool {
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
