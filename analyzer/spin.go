package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A goroutine stopped by a context must reach its check of that context
// on every round of its loop. A poller that retries a failed fetch after a
// pause, and looks at ctx only once a fetch succeeds, never gets there
// once ctx is cancelled: the fetch is given ctx, so it fails on every
// round from then on, and the goroutine retries it for ever.
//
//	for {
//		conn, err := p.acquire(ctx)
//		if err != nil {
//			<-ticker.C
//			continue // ctx is not looked at on this round
//		}
//		...
//		select {
//		case <-ctx.Done():
//			return
//		case <-ticker.C:
//		}
//	}

// A retrySpin is such a loop: the call given ctx whose failure it
// retries, and where the loop does watch ctx.
type retrySpin struct {
	call  *ast.CallExpr
	ctx   path
	watch ast.Node
}

// retrySpin finds, in the body the goroutine of g runs, an endless loop
// (for with no condition) that watches a context on some round (a receive
// from its Done, in a select or not, or a call of its Err) and, on a round
// that watches nothing before it, retries the failure of a call given that
// context: if err != nil { ...; continue }, with err the call's, and
// nothing on that round that leaves the loop or looks at ctx.
func (c *checker) retrySpin(g *ast.GoStmt, fn ast.Node) *retrySpin {
	body, _ := c.goBody(g, fn)
	if body == nil {
		return nil
	}
	var found *retrySpin
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.ForStmt:
			if n.Cond == nil {
				var label *types.Label
				if ls, ok := stack[len(stack)-1].(*ast.LabeledStmt); ok {
					label, _ = c.info.Defs[ls.Label].(*types.Label)
				}
				found = c.spinIn(n, label)
			}
		}
		return found == nil
	})
	return found
}

// spinIn is retrySpin for one loop.
func (c *checker) spinIn(loop *ast.ForStmt, label *types.Label) *retrySpin {
	stmts := loop.Body.List
	for i, s := range stmts {
		ifs, ok := s.(*ast.IfStmt)
		if !ok || ifs.Else != nil {
			continue
		}
		errVar := c.errTested(ifs.Cond)
		if errVar == nil || !c.endsInContinue(ifs.Body, label) {
			continue
		}
		var call *ast.CallExpr
		if ifs.Init != nil {
			call = c.errCall(ifs.Init, errVar)
		} else if i > 0 {
			call = c.errCall(stmts[i-1], errVar)
		}
		if call == nil {
			continue
		}
		for _, arg := range call.Args {
			ctx := pathOf(c.info, arg)
			if !ctx.valid() || !isContextType(c.info.TypeOf(arg)) {
				continue
			}
			// The round that retries: what comes before the if in the
			// loop's body, and the if's own body.
			round := append(append([]ast.Stmt(nil), stmts[:i]...), ifs)
			if c.leavesOrWatches(round, label, ctx) {
				return nil
			}
			if w := c.ctxWatch(loop.Body, ctx); w != nil {
				return &retrySpin{call: call, ctx: ctx, watch: w}
			}
		}
	}
	return nil
}

// errTested returns the variable of the condition err != nil (or nil !=
// err), err of type error, or nil.
func (c *checker) errTested(cond ast.Expr) *types.Var {
	x, notNil, ok := c.nilCompared(cond)
	if !ok || !notNil {
		return nil
	}
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.info.Uses[id].(*types.Var)
	if v == nil || !isErrorType(v.Type()) {
		return nil
	}
	return v
}

// errCall returns the call whose results the statement s assigns, one of
// them to err: err := f(ctx), conn, err = p.acquire(ctx).
func (c *checker) errCall(s ast.Stmt, err *types.Var) *ast.CallExpr {
	as, ok := s.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return nil
	}
	for _, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); ok && (c.info.Uses[id] == err || c.info.Defs[id] == err) {
			return call
		}
	}
	return nil
}

// endsInContinue reports whether the block's last statement continues
// the loop labelled label (nil: not labelled) that holds it.
func (c *checker) endsInContinue(b *ast.BlockStmt, label *types.Label) bool {
	if len(b.List) == 0 {
		return false
	}
	br, ok := b.List[len(b.List)-1].(*ast.BranchStmt)
	return ok && br.Tok == token.CONTINUE && c.branchTarget(br, label)
}

// branchTarget reports whether the branch statement br, met in a loop
// labelled label outside any loop nested in it, goes to that loop: it has
// no label, or the loop's.
func (c *checker) branchTarget(br *ast.BranchStmt, label *types.Label) bool {
	if br.Label == nil {
		return true
	}
	return label != nil && c.info.Uses[br.Label] == label
}

// leavesOrWatches reports whether some statement of a round of the loop
// labelled label may
// leave it (a return, a break or goto out of it, a continue of an outer
// loop, a call that ends the goroutine) or looks at ctx (its Done, its
// Err): then the round is not one the loop repeats blindly.
func (c *checker) leavesOrWatches(round []ast.Stmt, label *types.Label, ctx path) bool {
	found := false
	for _, s := range round {
		ast.PreorderStack(s, nil, func(n ast.Node, stack []ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BranchStmt:
				switch {
				case n.Tok == token.CONTINUE && n.Label == nil:
				case n.Tok == token.BREAK && n.Label == nil && breaksInner(stack):
				case n.Tok == token.FALLTHROUGH:
				case (n.Tok == token.CONTINUE || n.Tok == token.BREAK) && n.Label != nil && !c.branchTarget(n, label) && labelInside(c, n, stack):
				default:
					found = true
				}
			case *ast.CallExpr:
				if c.watchesCtx(n, ctx) {
					found = true
				}
				if f := callee(c.info, n); f != nil && f.Pkg() == c.pass.Pkg && c.neverReturns(f) {
					found = true
				}
			case ast.Stmt:
				if leaves(n) {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// breaksInner reports whether an unlabelled break, met under stack,
// leaves a switch, select or loop nested in the loop the round belongs
// to rather than that loop.
func breaksInner(stack []ast.Node) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt:
			return true
		}
	}
	return false
}

// labelInside reports whether the labelled branch br targets a statement
// nested under stack (inside the round), not one around the loop.
func labelInside(c *checker, br *ast.BranchStmt, stack []ast.Node) bool {
	l, _ := c.info.Uses[br.Label].(*types.Label)
	for _, n := range stack {
		if ls, ok := n.(*ast.LabeledStmt); ok && c.info.Defs[ls.Label] == l {
			return true
		}
	}
	return false
}

// watchesCtx reports whether call is ctx.Done() or ctx.Err().
func (c *checker) watchesCtx(call *ast.CallExpr, ctx path) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || (sel.Sel.Name != "Done" && sel.Sel.Name != "Err") || !isContextType(c.info.TypeOf(sel.X)) {
		return false
	}
	return pathOf(c.info, sel.X).equal(ctx)
}

// ctxWatch returns a place in body that looks at ctx (its Done or Err),
// outside function literals, or nil.
func (c *checker) ctxWatch(body *ast.BlockStmt, ctx path) ast.Node {
	var w ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if c.watchesCtx(n, ctx) {
				w = n
			}
		}
		return w == nil
	})
	return w
}
