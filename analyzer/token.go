package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
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
	return slices.DeleteFunc(blocks, func(b block) bool { return c.tokenRelease(b, g, fn, nil) || c.poolToken(b) })
}

// poolToken reports whether b is a wait, inside a call to another
// package, for a token of a pool's semaphore: receives from or sends on an
// unexported chan struct{} field of a value of that package's type, whose methods both
// take tokens from it and give them back (redigo's Pool.Get waiting on
// p.ch for a vacant connection, which Close on the connection gives
// back). Another holder gives its token back: a wait for a peer, as a
// lock is, which no stop of the goroutine's owner need release.
func (c *checker) poolToken(b block) bool {
	if len(b.alts) == 0 || b.alts[0].p.fields == "" || slices.ContainsFunc(b.alts, func(a alt) bool {
		return a.kind != altRecv && a.kind != altSend || a.exits || !a.p.equal(b.alts[0].p)
	}) {
		return false // takes or gives back a token of one channel, and nothing else
	}
	return c.tokenField(b.alts[0].p)
}

// tokenField reports whether p is an unexported chan struct{} field of a
// value of another package's type whose methods both take tokens from it
// and give them back: a pool's semaphore (see poolToken).
func (c *checker) tokenField(p path) bool {
	if !p.valid() || p.fields == "" {
		return false
	}
	i := strings.LastIndex(p.fields, ".")
	if i < 0 {
		return false
	}
	owner := path{root: p.root, fields: p.fields[:i], deref: p.deref}
	ot := c.pathType(owner)
	if ot == nil {
		return false
	}
	named, ok := types.Unalias(derefType(ot)).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg() == c.pass.Pkg {
		return false
	}
	// Looked up as its own package sees it: the field is unexported.
	obj, _, _ := types.LookupFieldOrMethod(named, true, named.Obj().Pkg(), p.fields[i+1:])
	field, ok := obj.(*types.Var)
	if !ok || !field.IsField() || field.Exported() {
		return false // a channel others may use is no private semaphore
	}
	ch, ok := types.Unalias(field.Type()).(*types.Chan)
	if !ok {
		return false
	}
	if et, ok := ch.Elem().Underlying().(*types.Struct); !ok || et.NumFields() != 0 {
		return false
	}
	takes, gives := false, false
	for _, es := range c.methodEffects(owner) {
		for _, e := range es {
			if e.p.equal(p) {
				takes = takes || e.kind == effRecv
				gives = gives || e.kind == effSend
			}
		}
	}
	return takes && gives
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
// function literal that drains v (see drains), or runs a function of the
// package given v that drains it (go h.watch(ctx, out), watch ranging over
// its channel).
func (c *checker) drainerOf(g *ast.GoStmt, fn ast.Node, v *types.Var) bool {
	found := false
	buffered := c.anyBuffer(path{root: v}, fn)
	c.siblingsGiven(g, fn, v, func(_ *ast.GoStmt, body *ast.BlockStmt, w *types.Var) bool {
		if buffered {
			// A buffer may hold what is sent after the receiver left: any
			// loop that receives from it will do.
			found = c.recvsInLoop(body, w)
		} else {
			found = c.drains(body, w)
		}
		return !found
	})
	return found
}

// recvsInLoop reports whether body ranges over v or receives from it
// inside a loop (not in the function literals it holds).
func (c *checker) recvsInLoop(body *ast.BlockStmt, v *types.Var) bool {
	found := false
	c.recvLoops(body, v, func(ast.Node) bool {
		found = true
		return false
	})
	return found
}

// recvLoops calls f, until it returns false, with nil for each range of
// body over v, and with the outermost loop around each receive from v
// inside one (not in the function literals body holds).
func (c *checker) recvLoops(body *ast.BlockStmt, v *types.Var, f func(loop ast.Node) bool) {
	more := true
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok || !more {
			return false
		}
		switch n := n.(type) {
		case *ast.RangeStmt:
			if p := pathOf(c.info, n.X); p.root == v && p.fields == "" {
				more = f(nil)
			}
		case *ast.UnaryExpr:
			if p := pathOf(c.info, n.X); n.Op == token.ARROW && p.root == v && p.fields == "" {
				if i := slices.IndexFunc(stack, isLoop); i >= 0 {
					more = f(stack[i])
				}
			}
		}
		return more
	})
}

// siblingsGiven calls f, until it returns false, for each go statement of
// fn other than g that runs a function literal (with v as w) or a function
// of the package given v (with its parameter as w), with the body it runs.
func (c *checker) siblingsGiven(g *ast.GoStmt, fn ast.Node, v *types.Var, f func(g2 *ast.GoStmt, body *ast.BlockStmt, w *types.Var) bool) {
	for _, cur := range c.goStmts {
		g2 := c.unwrapRunner(cur.Node().(*ast.GoStmt))
		if cur.Node() == g || !within(g2, fn) {
			continue
		}
		if lit, ok := ast.Unparen(g2.Call.Fun).(*ast.FuncLit); ok {
			if !f(g2, lit.Body, v) {
				return
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
			if p := pathOf(c.info, a); p.root == v && p.fields == "" && k < sig.Params().Len() && !f(g2, decl.Body, sig.Params().At(k)) {
				return
			}
		}
	}
}

// siblingLeaves finds, for the goroutine of g, a channel of fn it blocks
// sending on and another goroutine fn starts that receives from it in a
// loop it may leave while more can come (see drains): the channel, that
// go statement and the statement it leaves by.
func (c *checker) siblingLeaves(g *ast.GoStmt, j *goJoin) (string, *ast.GoStmt, ast.Node) {
	for _, b := range j.blocks {
		for _, a := range b.alts {
			if a.kind != altSend || a.p.fields != "" || !declaredIn(a.p.root, funcBody(j.fn)) || c.anyBuffer(a.p, j.fn) {
				continue
			}
			var sib *ast.GoStmt
			var exit ast.Node
			c.siblingsGiven(g, j.fn, a.p.root, func(g2 *ast.GoStmt, body *ast.BlockStmt, w *types.Var) bool {
				if ok, e := c.drainsOrLeaves(body, w); !ok && e != nil {
					sib, exit = g2, e
				}
				return sib == nil
			})
			if sib != nil {
				return a.p.root.Name(), sib, exit
			}
		}
	}
	return "", nil, nil
}

// drains reports whether body takes what is sent on v until nothing more
// can come (not in the function literals it holds): it ranges over v, or
// receives from v inside a loop that it leaves only by its own condition,
// when a count of what is in flight says nothing is (if active == 0 {
// return }), when v is closed (if !ok), in the case that took a value
// from v (case <-done: return), or to a loop of its own that
// receives the rest (for ; active > 0; active-- { <-v }, after the loop or
// deferred). A loop that may leave on anything else (case <-ctx.Done():
// return, an error, a stop flag) leaves the senders still to come blocked.
func (c *checker) drains(body *ast.BlockStmt, v *types.Var) bool {
	ok, _ := c.drainsOrLeaves(body, v)
	return ok
}

// drainsOrLeaves is drains, and when body receives from v in a loop it
// may leave while more can come, the statement it leaves by.
func (c *checker) drainsOrLeaves(body *ast.BlockStmt, v *types.Var) (bool, ast.Node) {
	found := false
	var exit ast.Node
	c.recvLoops(body, v, func(loop ast.Node) bool {
		if loop == nil {
			found = true // for range v: until it is closed
		} else if e := c.leftEarly(body, loop, v); e == nil {
			found = true
		} else if exit == nil {
			exit = e
		}
		return !found
	})
	if found {
		return true, nil
	}
	return false, exit
}

// isLoop reports whether n is a for or range statement.
func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// leftEarly returns the statement by which loop, a loop of body that
// receives from v, may leave while more can come on v (see drains); nil
// if it leaves only when nothing more can.
func (c *checker) leftEarly(body *ast.BlockStmt, loop ast.Node, v *types.Var) ast.Node {
	var lb *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		lb = l.Body
	case *ast.RangeStmt:
		lb = l.Body
	}
	counts := c.countsIn(lb, v)
	rest := func(deferred bool) bool {
		// A loop that receives from v under a condition of its own, after
		// this one or in a deferred literal, takes what is left.
		found := false
		ast.Inspect(body, func(n ast.Node) bool {
			if found || n == loop {
				return false
			}
			switch n := n.(type) {
			case *ast.DeferStmt:
				lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit)
				found = ok && c.countedRecvLoop(lit.Body, v)
				return false
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				found = !deferred && n.Pos() > loop.End() && n.Cond != nil && c.countedRecvLoop(&ast.BlockStmt{List: []ast.Stmt{n}}, v)
			}
			return !found
		})
		return found
	}
	var early ast.Node
	eachLoopExit(lb, func(n ast.Node, cc *ast.CommClause) {
		if cc != nil && c.commRecvsFrom(cc, v) {
			return // case <-done: ...; return: what it waited for came
		}
		if early == nil && !c.guardedByCount(lb, n, counts) {
			if _, isRet := n.(*ast.ReturnStmt); !rest(isRet) {
				early = n
			}
		}
	})
	return early
}

// commRecvsFrom reports whether the case cc receives from v.
func (c *checker) commRecvsFrom(cc *ast.CommClause, v *types.Var) bool {
	var x ast.Expr
	switch s := cc.Comm.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	}
	u, ok := ast.Unparen(x).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW && pathOf(c.info, u.X).root == v && pathOf(c.info, u.X).fields == ""
}

// countedRecvLoop reports whether n holds a for statement with a
// condition that receives from v in its body.
func (c *checker) countedRecvLoop(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if f, ok := m.(*ast.ForStmt); ok && f.Cond != nil && !found {
			ast.Inspect(f.Body, func(k ast.Node) bool {
				if u, ok := k.(*ast.UnaryExpr); ok && u.Op == token.ARROW && pathOf(c.info, u.X).root == v {
					found = true
				}
				return !found
			})
		}
		return !found
	})
	return found
}

// countsIn returns the variables a loop's body keeps counts in (active++,
// n -= k, pending = pending[1:], delete(m, k)), and the ok of its receives
// from v (r, ok := <-v): what a condition to leave by when nothing is left
// reads.
func (c *checker) countsIn(lb *ast.BlockStmt, v *types.Var) map[types.Object]bool {
	out := make(map[types.Object]bool)
	add := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok && c.info.ObjectOf(id) != nil {
			out[c.info.ObjectOf(id)] = true
		}
	}
	ast.Inspect(lb, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IncDecStmt:
			add(n.X)
		case *ast.AssignStmt:
			switch {
			case n.Tok != token.ASSIGN && n.Tok != token.DEFINE:
				add(n.Lhs[0]) // n -= k
			case len(n.Lhs) == 2 && len(n.Rhs) == 1:
				if u, ok := ast.Unparen(n.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW && pathOf(c.info, u.X).root == v {
					add(n.Lhs[1]) // r, ok := <-v
				}
			case len(n.Lhs) == 1 && len(n.Rhs) == 1:
				switch r := ast.Unparen(n.Rhs[0]).(type) {
				case *ast.SliceExpr:
					add(n.Lhs[0]) // pending = pending[1:]
				case *ast.CallExpr:
					if isBuiltinCall(c.info, r, "append") {
						add(n.Lhs[0])
					}
				}
			}
		case *ast.CallExpr:
			if isBuiltinCall(c.info, n, "delete") && len(n.Args) > 0 {
				add(n.Args[0])
			}
		}
		return true
	})
	return out
}

// guardedByCount reports whether the exit n of the loop body lb is taken
// only under a condition every alternative of which reads a count (see
// countsIn) or a length: if active == 0 { return }.
func (c *checker) guardedByCount(lb *ast.BlockStmt, n ast.Node, counts map[types.Object]bool) bool {
	guarded := false
	ast.PreorderStack(lb, nil, func(m ast.Node, stack []ast.Node) bool {
		if m != n {
			return !guarded && within(n, m)
		}
		for _, s := range stack {
			if is, ok := s.(*ast.IfStmt); ok && within(n, is.Body) || ok && is.Else != nil && within(n, is.Else) {
				if c.readsCount(is.Cond, counts) {
					guarded = true
				}
			}
		}
		return false
	})
	return guarded
}

// readsCount reports whether every alternative of cond (its operands of
// ||) reads a count or a length.
func (c *checker) readsCount(cond ast.Expr, counts map[types.Object]bool) bool {
	if b, ok := ast.Unparen(cond).(*ast.BinaryExpr); ok && b.Op == token.LOR {
		return c.readsCount(b.X, counts) && c.readsCount(b.Y, counts)
	}
	found := false
	ast.Inspect(cond, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.Ident:
			found = found || counts[c.info.ObjectOf(m)]
		case *ast.CallExpr:
			found = found || isBuiltinCall(c.info, m, "len")
		}
		return !found
	})
	return found
}
