package analyzer

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
)

// checkProcleak reports (*exec.Cmd).Start on a command that is not waited
// for on every path: the child is never reaped, and may outlive the
// function. A command that is handed on (returned, stored, passed to a
// function such as proc.Start or a helper that waits) is its new owner's
// business; so is a command that is not a local variable.
func (c *checker) checkProcleak() {
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		if !isMethod(callee(c.info, call), "os/exec", "Cmd", "Start") {
			continue
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		fnCur := enclosingFunc(cur)
		if !fnCur.Valid() {
			continue
		}
		fn := fnCur.Node()
		p := pathOf(c.info, sel.X)
		if !p.valid() {
			if _, isCall := ast.Unparen(sel.X).(*ast.CallExpr); isCall {
				c.report(ruleProcleak, call, nil,
					"process started by %s can never be waited for, so it is never reaped: keep the *exec.Cmd and call its Wait method, or use cmd.Run or proc.Run",
					c.text(call))
			}
			continue
		}
		if p.fields != "" || !declaredIn(p.root, funcBody(fn)) {
			continue // a field, a parameter, an outer variable: someone else waits
		}
		if c.startedBefore(fn, call, p) {
			continue // a second Start only fails ("already started")
		}
		if c.storedBefore(p.root, fn, call) {
			continue // p.cmd = cmd before cmd.Start(): whoever keeps it waits (p.Close)
		}
		c.checkStarted(cur, fn, call, p.root)
	}
}

// checkStarted follows the started command cmd from its Start call to every
// return.
func (c *checker) checkStarted(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, cmd *types.Var) {
	used := func(n ast.Node) bool {
		found := false
		c.eachRef(n, func(r ref) {
			if found || r.path.root != cmd {
				return
			}
			switch r.path.fields {
			case "":
				switch r.kind {
				case useMethod:
					found = r.method.Name() == "Wait"
				case useValue, useGoArg, useRuntimeArg:
					found = true // returned, stored, passed on: handed on
				}
			case ".Process":
				switch r.kind {
				case useMethod:
					found = r.method.Name() == "Wait" || r.method.Name() == "Release"
				case useValue, useGoArg:
					found = true
				}
			}
		})
		return found
	}
	// The statement holding the call, and the error it returns.
	var stmt ast.Node = call
	isErr := func(e ast.Expr) bool { return e == call }
	if as, ok := cur.Parent().Node().(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
		stmt = as
		if v := pathOf(c.info, as.Lhs[0]); v.valid() && v.fields == "" {
			isErr = func(e ast.Expr) bool {
				id, ok := e.(*ast.Ident)
				return ok && c.info.Uses[id] == v.root
			}
		}
	}
	if deferredBefore(c.info, funcBody(fn), stmt, used) {
		return
	}
	// return cmd.Process, cmd.Start(): handed on in the statement that
	// starts it.
	if ret, ok := cur.Parent().Node().(*ast.ReturnStmt); ok && used(&ast.ReturnStmt{Results: slices.DeleteFunc(slices.Clone(ret.Results), func(e ast.Expr) bool { return e == call })}) {
		return
	}
	ret := flowQuery{g: c.cfgOf(fn), from: stmt, used: used, isErr: isErr}.leak()
	if ret == nil {
		return
	}
	where := c.returnDesc(ret, fn)
	name := cmd.Name()
	c.report(ruleProcleak, call, nil,
		"process started by %s.Start() is not waited for on every path: %s leaves the child unreaped and running; call %s.Wait(), or start it with proc.Start so a nursery owns it",
		name, where, name)
}

// startedBefore reports whether fn calls Start on the command p before call.
func (c *checker) startedBefore(fn ast.Node, call *ast.CallExpr, p path) bool {
	found := false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		if found || n == nil || n.Pos() >= call.Pos() {
			return false
		}
		if other, ok := n.(*ast.CallExpr); ok && isMethod(callee(c.info, other), "os/exec", "Cmd", "Start") {
			if sel, ok := ast.Unparen(other.Fun).(*ast.SelectorExpr); ok && pathOf(c.info, sel.X).equal(p) {
				found = true
			}
		}
		return true
	})
	return found
}
