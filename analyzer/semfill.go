package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

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
// slot back.

// semFilled returns the semaphore of the goroutine of g when fn fills it
// to its capacity on every path from g to a return: the goroutine, which
// waits on nothing else, receives from a channel local to fn, made with a
// capacity, as its last act (deferred, or its last statement).
func (c *checker) semFilled(g *ast.GoStmt, j *goJoin, graph *cfg.CFG) (*types.Var, bool) {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok || graph == nil || len(j.blocks) > 0 || len(j.keys) > 0 || j.lockStuck != nil {
		return nil, false
	}
	sem := c.releasedSlot(lit)
	body := funcBody(j.fn)
	if sem == nil || !declaredIn(sem, body) || declaredIn(sem, lit) {
		return nil, false
	}
	capacity := c.madeCap(body, sem)
	if capacity == nil {
		return nil, false
	}
	fills := make(map[ast.Node]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		if fs, ok := n.(*ast.ForStmt); ok && fs.Init != nil && c.fillLoop(fs, sem, capacity) {
			fills[fs.Init] = true
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
	if v := recvOf(list[len(list)-1]); v != nil {
		return v
	}
	for _, s := range list {
		d, ok := s.(*ast.DeferStmt)
		if !ok {
			continue
		}
		if dl, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok && len(dl.Body.List) == 1 && len(d.Call.Args) == 0 {
			if v := recvOf(dl.Body.List[0]); v != nil {
				return v
			}
		}
	}
	return nil
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

// fillLoop reports whether fs is for i := 0; i < n; i++ { ...; sem <- v;
// ... } with n the capacity sem was made with (the same constant or
// variable, or cap(sem)), the send at the top level of its body, and no
// way out of the loop but its condition.
func (c *checker) fillLoop(fs *ast.ForStmt, sem *types.Var, capacity ast.Expr) bool {
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
	if !c.sameCap(cond.Y, capacity, sem) {
		return false
	}
	sends := false
	for _, s := range fs.Body.List {
		if send, ok := s.(*ast.SendStmt); ok {
			if p := pathOf(c.info, send.Chan); p.root == sem && p.fields == "" {
				sends = true
			}
		}
	}
	if !sends {
		return false
	}
	if ex := c.loopExits(fs.Body); len(ex.cases) > 0 || ex.free {
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
