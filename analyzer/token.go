package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// A semaphore's token: the spawner sends on a buffered channel before it
// starts the goroutine (sem <- struct{}{}, or a select case that does, to
// throttle), and the goroutine gives the token back as it ends (<-sem,
// often deferred). Its receive finds the token its spawner put there, so
// it does not wait: it is no block, and a send before it can still be the
// goroutine's last act (out <- r; <-sem).

// tokenRelease reports whether b, a block of the goroutine of g started
// in fn, is one receive, outside any loop of the goroutine, from a
// channel the spawner sends on before g, in the same iteration of any
// loop around g. bind maps the paths of the function g calls to the
// spawner's; nil when they are the spawner's already.
func (c *checker) tokenRelease(b block, g *ast.GoStmt, fn ast.Node, bind func(path) (path, bool)) bool {
	if len(b.alts) != 1 || b.alts[0].kind != altRecv || b.alts[0].loop {
		return false
	}
	p, ok := b.alts[0].p, true
	if _, lit := ast.Unparen(g.Call.Fun).(*ast.FuncLit); lit {
		p, ok = c.litArgPath(g, p)
	} else if bind != nil {
		p, ok = bind(p)
	}
	return ok && p.valid() && c.sentBefore(g, fn, p)
}

// litArgPath maps a path rooted at a parameter of the function literal g
// runs (go func(s *S) { <-s.sem }(s)) to the argument's path.
func (c *checker) litArgPath(g *ast.GoStmt, p path) (path, bool) {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok || !p.valid() {
		return path{}, false
	}
	i := 0
	for _, f := range lit.Type.Params.List {
		for _, name := range f.Names {
			if c.info.Defs[name] == p.root && i < len(g.Call.Args) {
				q := pathOf(c.info, g.Call.Args[i])
				if !q.valid() {
					return path{}, false
				}
				q.fields += p.fields
				return q, true
			}
			i++
		}
		if len(f.Names) == 0 {
			i++
		}
	}
	if declaredIn(p.root, lit) {
		return path{}, false
	}
	return p, true // a variable of the spawner's, captured
}

// sentBefore reports whether fn sends on p before reaching g: in a
// statement before it, in the lists around it up to the nearest loop, or
// as the case of a select g is in.
func (c *checker) sentBefore(g *ast.GoStmt, fn ast.Node, p path) bool {
	cur, ok := c.cursorOf(g)
	if !ok {
		return false
	}
	sends := func(s ast.Stmt) bool {
		send, ok := s.(*ast.SendStmt)
		return ok && pathOf(c.info, send.Chan).equal(p)
	}
	for ; cur.Node() != fn; cur = cur.Parent() {
		parent := cur.Parent()
		var list []ast.Stmt
		switch n := parent.Node().(type) {
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			if n.Comm != nil && sends(n.Comm) {
				return true
			}
			list = n.Body
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit, *ast.FuncDecl, nil:
			return false
		}
		if s, ok := cur.Node().(ast.Stmt); ok && list != nil {
			if i := slices.Index(list, s); i > 0 && slices.ContainsFunc(list[:i], sends) {
				return true
			}
		}
	}
	return false
}

// dropTokens leaves out of a goroutine's blocks the receives of its
// semaphore's token (tokenRelease).
func (c *checker) dropTokens(blocks []block, g *ast.GoStmt, fn ast.Node) []block {
	return slices.DeleteFunc(blocks, func(b block) bool { return c.tokenRelease(b, g, fn, nil) })
}

// heldToken returns a test of the blocks of the goroutine of g: whether
// one is a wait for a token of a semaphore the goroutine itself gives
// back: one receive, no way out of a loop, from a channel the goroutine also
// sends on (d.acquire() is <-d.ch, d.release() is d.ch <- struct{}{}), or
// one send on a channel it also receives from (sem <- struct{}{} to take,
// <-sem to give back). Another holder gives its token back as this one
// does: a wait for a peer, as a lock is, which no stop of the value that
// holds the semaphore need release.
func (c *checker) heldToken(g *ast.GoStmt) func(block) bool {
	var effs []effect
	walked := false
	return func(b block) bool {
		if len(b.alts) != 1 || b.alts[0].exits || !b.alts[0].p.valid() {
			return false
		}
		var back effKind
		switch b.alts[0].kind {
		case altRecv:
			back = effSend
		case altSend:
			back = effRecv
		default:
			return false
		}
		if !walked {
			walked = true
			c.walkEffects(g.Call, false, func(k effKind, p path) { effs = append(effs, effect{k, p}) })
		}
		return slices.ContainsFunc(effs, func(e effect) bool { return e.kind == back && e.p.equal(b.alts[0].p) })
	}
}

// drainedBeside reports whether a channel the goroutine of g is joined by
// (a key: a local channel of fn it sends on and closes) is drained by
// another goroutine fn starts: one whose code receives from it in a loop,
// or ranges over it, until it is closed (a pipeline's next stage: go
// produce(out); go forward(out, responses)). The producer's join is that
// stage's; the stage is judged at its own go statement.
func (c *checker) drainedBeside(g *ast.GoStmt, j *goJoin) bool {
	return slices.ContainsFunc(j.keys, func(k joinKey) bool {
		return k.kind == keyChan && k.p.fields == "" && declaredIn(k.p.root, funcBody(j.fn)) && c.drainerOf(g, j.fn, k.p.root)
	})
}

// drainerOf reports whether a go statement of fn other than g runs a
// function literal that receives from v inside a loop or ranges over v,
// or runs a function of the package given v that does so with it (go
// h.watch(ctx, out), watch ranging over its channel).
func (c *checker) drainerOf(g *ast.GoStmt, fn ast.Node, v *types.Var) bool {
	for _, cur := range c.goStmts {
		g2 := c.unwrapRunner(cur.Node().(*ast.GoStmt))
		if cur.Node() == g || !within(g2, fn) {
			continue
		}
		if lit, ok := ast.Unparen(g2.Call.Fun).(*ast.FuncLit); ok {
			if c.drains(lit.Body, v) {
				return true
			}
			continue
		}
		to := callee(c.info, g2.Call)
		if to == nil || to.Pkg() != c.pass.Pkg {
			continue
		}
		decl := c.decls[to.Origin()]
		sig, ok := to.Origin().Type().(*types.Signature) // the declaration's own parameters
		if decl == nil || decl.Body == nil || !ok || sig.Variadic() {
			continue
		}
		for k, a := range g2.Call.Args {
			if p := pathOf(c.info, a); p.root == v && p.fields == "" && k < sig.Params().Len() && c.drains(decl.Body, sig.Params().At(k)) {
				return true
			}
		}
	}
	return false
}

// drains reports whether body receives from v inside a loop or ranges
// over v (not in the function literals it holds).
func (c *checker) drains(body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		if found {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		switch n := n.(type) {
		case *ast.RangeStmt:
			found = pathOf(c.info, n.X).root == v && pathOf(c.info, n.X).fields == ""
		case *ast.UnaryExpr:
			if p := pathOf(c.info, n.X); n.Op == token.ARROW && p.root == v && p.fields == "" {
				found = slices.ContainsFunc(stack, func(s ast.Node) bool {
					_, f := s.(*ast.ForStmt)
					return f
				})
			}
		}
		return !found
	})
	return found
}
