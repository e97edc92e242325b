package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/cfg"
)

// This file recognises the join of goroutines gated by a buffered channel
// used as a semaphore, when the spawner waits for them all by filling the
// semaphore to its capacity (Effective Go's idiom):
//
//	sem := make(chan struct{}, limit)
//	for _, it := range items {
//		sem <- struct{}{}
//		go func() { defer func() { <-sem }(); handle(it) }()
//	}
//	for i := 0; i < limit; i++ {
//		sem <- struct{}{}
//	}
//
// Each goroutine gives its slot back as its last act; the filling loop
// takes every slot, so it ends only once every goroutine has given its
// slot back. With one slot, any take of it after the go statement is such
// a fill. (token.go drops the goroutine's wait for its own slot from
// its blocks; this file is about the join.)

// semFilled returns the semaphore of the goroutine of g when fn fills it
// to its capacity on every path from g to a return: the goroutine, which
// waits on nothing else, receives from a channel local to fn, made with a
// capacity, as its last act (deferred, or its last statement).
func (c *checker) semFilled(g *ast.GoStmt, j *goJoin, graph *cfg.CFG) (*types.Var, bool) {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok {
		lit = c.localFuncLit(g.Call.Fun, j.fn) // work := func(b []int) { ...; <-slot }; go work(batch)
	}
	if lit == nil || graph == nil || len(j.keys) > 0 || j.lockStuck != nil {
		return nil, false
	}
	sem := c.releasedSlot(lit)
	body := funcBody(j.fn)
	if sem == nil || !declaredIn(sem, body) || declaredIn(sem, lit) {
		return nil, false
	}
	// Its only wait is for the slot it gives back, which its spawner
	// took for it (a token the pass did not drop when taken in a select).
	for _, b := range j.blocks {
		if slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind != altRecv || a.p.root != sem || a.p.fields != "" }) {
			return nil, false
		}
	}
	capacity := c.madeCap(body, sem)
	if capacity == nil {
		return nil, false
	}
	// The flow graph holds a loop's init statement (i := 0), or the
	// operand of a range (for range limit), ahead of the loop itself.
	fills := make(map[ast.Node]bool)
	one := false
	if v := c.info.Types[capacity].Value; v != nil && v.Kind() == constant.Int {
		one = constant.Compare(v, token.EQL, constant.MakeInt64(1))
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt:
			// With one slot, any take of it after the go statement waits
			// for the goroutine to give it back (slot <- struct{}{} before
			// the next worker, or before returning).
			if p := pathOf(c.info, n.Chan); one && p.root == sem && p.fields == "" {
				fills[n] = true
			}
		case *ast.ForStmt:
			if n.Init != nil && c.countsTo(n, capacity, sem) && c.fillBody(n.Body, sem) {
				fills[n.Init] = true
			}
		case *ast.RangeStmt:
			if t, ok := c.typeOf(n.X).Underlying().(*types.Basic); ok && t.Info()&types.IsInteger != 0 &&
				c.sameCap(n.X, capacity, sem) && c.fillBody(n.Body, sem) {
				fills[n.X] = true
			}
		}
		return true
	})
	if len(fills) == 0 {
		return nil, false
	}
	q := flowQuery{g: graph, from: g, used: func(n ast.Node) bool { return fills[n] }}
	if q.leak() != nil {
		return nil, false
	}
	return sem, true
}

// releasedSlot returns the channel the literal receives from as its last
// act: defer func() { <-sem }() at its top level, or <-sem as its last
// statement.
func (c *checker) releasedSlot(lit *ast.FuncLit) *types.Var {
	recvOf := func(s ast.Stmt) *types.Var {
		es, ok := s.(*ast.ExprStmt)
		if !ok {
			return nil
		}
		u, ok := ast.Unparen(es.X).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			return nil
		}
		p := pathOf(c.info, u.X)
		if !p.valid() || p.fields != "" || !isChan(p.root.Type()) {
			return nil
		}
		return p.root
	}
	list := lit.Body.List
	if len(list) == 0 {
		return nil
	}
	for _, s := range list {
		d, ok := s.(*ast.DeferStmt)
		if !ok {
			continue
		}
		// The first defer runs last: defer func() { <-sem }(), then
		// defer msg.Ack(), gives the slot back after the Ack.
		if dl, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok && len(dl.Body.List) == 1 && len(d.Call.Args) == 0 {
			return recvOf(dl.Body.List[0])
		}
		return nil
	}
	return recvOf(list[len(list)-1])
}

// madeCap returns the capacity expression of the one make that gives v its
// value in body (sem := make(chan struct{}, limit)), or nil.
func (c *checker) madeCap(body *ast.BlockStmt, v *types.Var) ast.Expr {
	init := c.onlyInit(body, v)
	call, ok := ast.Unparen(init).(*ast.CallExpr)
	if !ok || !isBuiltinCall(c.info, call, "make") || len(call.Args) != 2 {
		return nil
	}
	return call.Args[1]
}

// countsTo reports whether fs is for i := 0; i < n; i++ with n the
// capacity sem was made with (the same constant or variable, or
// cap(sem)).
func (c *checker) countsTo(fs *ast.ForStmt, capacity ast.Expr, sem *types.Var) bool {
	init, ok := fs.Init.(*ast.AssignStmt)
	if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 || init.Tok != token.DEFINE {
		return false
	}
	i, ok := c.info.Defs[identOf(init.Lhs[0])].(*types.Var)
	if !ok || !isZeroConst(c.info, init.Rhs[0]) {
		return false
	}
	cond, ok := ast.Unparen(fs.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.LSS || c.info.Uses[identOf(cond.X)] != i {
		return false
	}
	if post, ok := fs.Post.(*ast.IncDecStmt); !ok || post.Tok != token.INC || c.info.Uses[identOf(post.X)] != i {
		return false
	}
	return c.sameCap(cond.Y, capacity, sem)
}

// fillBody reports whether a loop's body sends on sem at its top level,
// with no way out of the loop but its end.
func (c *checker) fillBody(body *ast.BlockStmt, sem *types.Var) bool {
	sends := false
	for _, s := range body.List {
		if send, ok := s.(*ast.SendStmt); ok {
			if p := pathOf(c.info, send.Chan); p.root == sem && p.fields == "" {
				sends = true
			}
		}
	}
	if !sends {
		return false
	}
	if ex := c.loopExits(body); len(ex.cases) > 0 || ex.free {
		return false // a break or return may leave slots untaken
	}
	return true
}

// sameCap reports whether bound, a loop's bound, is the capacity sem was
// made with: cap(sem), the same variable, or the same constant value.
func (c *checker) sameCap(bound, capacity ast.Expr, sem *types.Var) bool {
	if call, ok := ast.Unparen(bound).(*ast.CallExpr); ok && isBuiltinCall(c.info, call, "cap") && len(call.Args) == 1 {
		p := pathOf(c.info, call.Args[0])
		return p.root == sem && p.fields == ""
	}
	bv, cv := c.info.Types[bound].Value, c.info.Types[capacity].Value
	if bv != nil && cv != nil {
		return constant.Compare(bv, token.EQL, cv)
	}
	b, cp := pathOf(c.info, bound), pathOf(c.info, capacity)
	return b.valid() && b.fields == "" && cp.valid() && cp.fields == "" && b.root == cp.root
}

// isZeroConst reports whether e is the constant 0.
func isZeroConst(info *types.Info, e ast.Expr) bool {
	v := info.Types[e].Value
	return v != nil && v.Kind() == constant.Int && constant.Sign(v) == 0
}
