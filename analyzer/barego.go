package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

func (c *checker) checkBarego() {
	for _, cur := range c.goStmts {
		g := cur.Node().(*ast.GoStmt)
		j := c.joinOf(cur)
		if !j.bare && j.dropped != nil {
			d := j.dropped
			c.report(ruleBarego, goRange{g}, nil,
				"%s is handed on to the caller, but %s drops it at line %d: %s",
				c.goDesc(g), c.funcName(d.fn), c.pass.Fset.Position(d.call.Pos()).Line, obHow(d.o)+" there on every path (defer it)")
			continue
		}
		if j.unwatched != nil {
			a := j.unwatched.alts[0]
			c.report(ruleBarego, goRange{g}, nil,
				"%s sends on %s at line %d watching nothing else, though it uses %s: a caller that stops receiving when %s is done leaves it blocked for ever; select on %s.Done() beside the send",
				c.goDesc(g), a.p.root.Name()+a.p.fields, c.pass.Fset.Position(j.unwatched.node.Pos()).Line,
				j.unwatchedCtx.Name(), j.unwatchedCtx.Name(), j.unwatchedCtx.Name())
			continue
		}
		var spin *retrySpin
		if !j.bare { // a report on a bare one says so already
			spin = c.retrySpin(g, j.fn)
		}
		if s := spin; s != nil {
			ctx := s.ctx.root.Name() + s.ctx.fields
			c.report(ruleBarego, goRange{g}, nil,
				"%s retries %s at line %d when it fails without looking at %s, which its loop checks only at line %d: once %s is done the call fails on every round and the goroutine never ends; watch %s.Done() where it retries, or return once %s.Err() is set",
				c.goDesc(g), c.text(s.call.Fun), c.pass.Fset.Position(s.call.Pos()).Line, ctx,
				c.pass.Fset.Position(s.watch.Pos()).Line, ctx, ctx, ctx)
			continue
		}
		if !j.bare && !strict {
			if explain && !j.detached {
				c.report(categoryExplain, goRange{g}, nil, "%s is not reported: %s", c.goDesc(g), c.explain(j))
			}
			continue
		}
		rng := analysis.Range(goRange{g})
		n, fixes := c.goFix(cur, g)
		instead := "run it in a nursery (nursery.Run, then n.Go) or wait for it (sync.WaitGroup, errgroup, a done channel) before returning"
		if n != "" {
			instead = fmt.Sprintf("start it with %s.Go so the nursery waits for it", n)
		}
		what := c.goDesc(g)
		// A value joined only by being stopped, and stopped on some
		// paths: the paths that skip the stop say more than the join's.
		stopKnown := (j.stopLeak != nil || j.stopDead != nil) && strings.HasPrefix(c.joinDesc(j), "stopping ") && !strings.HasPrefix(j.stopDesc, "handing ")
		switch {
		case !j.bare:
			where := "outside a nursery"
			if c.inTask(cur) {
				where = "inside a nursery task"
			}
			c.report(ruleBarego, rng, fixes,
				"go statement running %s %s (-strict): %s", c.goCallee(g), where, instead)
		case j.doneSkipped != nil:
			c.report(ruleBarego, rng, fixes,
				"%s returns at line %d without %s.Done(), which it calls on its other paths: whoever waits on %s waits for ever; defer %s.Done() at its start",
				what, c.pass.Fset.Position(j.doneSkipped.Pos()).Line, j.doneKey.name, j.doneKey.name, j.doneKey.name)
			continue
		case j.lockForever:
			c.report(ruleBarego, rng, fixes,
				"%s blocks for ever: %s; unlock it on every path (defer it)",
				what, c.lockLeftDesc(j.lockStuck, j.lockAt))
		case j.forever != nil && j.abandon != nil:
			ch := j.forever.alts[0].p.root.Name() + j.forever.alts[0].p.fields
			at := ""
			if j.forever.node != nil {
				at = fmt.Sprintf(" (%s)", c.shortPos(j.forever.node))
			}
			if call := j.abandon.via; call != nil {
				what += fmt.Sprintf(" running the function given to %s at %s", c.text(call.Fun), c.shortPos(call))
			}
			c.report(ruleBarego, rng, fixes,
				"%s blocks for ever: its send on %s%s does not watch the stop its receivers leave on (%s at %s), so once that fires nothing receives it; send in a select that also watches the stop",
				what, ch, at, j.abandon.signal, c.shortPos(j.abandon.recv))
		case j.forever != nil:
			c.report(ruleBarego, rng, fixes,
				"%s blocks for ever: %s; %s", what, c.foreverDesc(j.forever), instead)
		case j.lateRead != nil:
			r := j.lateRead
			c.report(ruleBarego, rng, fixes,
				"%s is stopped (%s) but not joined, and it sets %s, which %s reads at line %d once it has stopped it: the read may come before the goroutine's last write, and races with it; wait for it to end (a done channel it closes as its last act) before reading %s, or %s",
				what, j.sleepStop, r.v.Name(), c.funcName(j.fn), c.pass.Fset.Position(r.read.Pos()).Line, r.v.Name(), instead)
		case j.closedSend != nil:
			s := j.closedSend
			ch := s.ch.root.Name()
			c.report(ruleBarego, rng, fixes,
				"%s is stopped (%s) but not joined, and it sends on %s (line %d), which %s closes at line %d: the send can come after the close, and panics (send on closed channel); wait for it to end before closing %s, or %s",
				what, j.sleepStop, ch, c.pass.Fset.Position(s.send.Pos()).Line, c.funcName(j.fn), c.pass.Fset.Position(s.close.Pos()).Line, ch, instead)
		case j.sleep != nil:
			joined := "never joined, and its stop"
			if j.joinedSomewhere {
				joined = "not joined on every path, and where it is not, its stop"
			}
			c.report(ruleBarego, rng, fixes,
				"%s is %s (%s) does not cut short its sleep at line %d, so it can outlive %s by that long: %s",
				what, joined, j.sleepStop, c.pass.Fset.Position(j.sleep.Pos()).Line, c.funcName(j.fn), instead)
		case j.leak != nil && j.joinedSomewhere && !stopKnown:
			where := c.returnDesc(j.leak, j.fn)
			c.report(ruleBarego, rng, fixes,
				"%s is not joined on every path: %s skips %s; wait on every path (defer it), or %s",
				what, where, c.joinDesc(j), instead)
		case j.deadEnd != nil && j.joinedSomewhere && !stopKnown:
			call := j.deadEnd.(*ast.CallExpr)
			c.report(ruleBarego, rng, fixes,
				"%s is not joined on every path: the call to %s at line %d ends %s without %s; wait on every path (defer it), or %s",
				what, c.text(call.Fun), c.pass.Fset.Position(call.Pos()).Line, c.funcName(j.fn), c.joinDesc(j), instead)
		case j.stopLeak != nil:
			c.report(ruleBarego, rng, fixes,
				"%s is not joined on every path: %s skips %s; stop it on every path (defer it), or %s",
				what, c.returnDesc(j.stopLeak, j.fn), j.stopDesc, instead)
		case j.stopDead != nil && c.isAssign(j.stopDead):
			as := j.stopDead.(*ast.AssignStmt)
			c.report(ruleBarego, rng, fixes,
				"%s is not joined on every path: the assignment at line %d gives %s a new value before %s of the one it was given; stop it first, or %s",
				what, c.pass.Fset.Position(as.Pos()).Line, c.text(as.Lhs[0]), j.stopDesc, instead)
		case j.stopDead != nil:
			call := j.stopDead.(*ast.CallExpr)
			c.report(ruleBarego, rng, fixes,
				"%s is not joined on every path: the call to %s at line %d ends %s without %s; stop it on every path (defer it), or %s",
				what, c.text(call.Fun), c.pass.Fset.Position(call.Pos()).Line, c.funcName(j.fn), j.stopDesc, instead)
		case j.unwaited != "":
			c.report(ruleBarego, rng, fixes,
				"%s is never joined: it is counted in %s, which nothing in the package waits on, so it can outlive %s: %s", what, j.unwaited, c.funcName(j.fn), instead)
		default:
			if ch, sib, exit := c.siblingLeaves(g, j); sib != nil {
				c.report(ruleBarego, rng, fixes,
					"%s can block for ever sending on %s: the goroutine that receives it (%s) may leave at line %d while more can come; drain %s before it leaves (or send in a select that watches its stop), or %s",
					what, ch, c.shortPos(sib), c.pass.Fset.Position(exit.Pos()).Line, ch, instead)
				continue
			}
			c.report(ruleBarego, rng, fixes,
				"%s is never joined, so it can outlive %s: %s", what, c.funcName(j.fn), instead)
		}
	}
}

// goDesc names the goroutine of g for messages: "goroutine running
// s.run", or, for a function literal, "goroutine".
func (c *checker) goDesc(g *ast.GoStmt) string {
	if _, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		return "goroutine"
	}
	return "goroutine running " + c.goCallee(g)
}

// goCallee names what a go statement runs: "s.run", "handle", "the
// function literal".
func (c *checker) goCallee(g *ast.GoStmt) string {
	if _, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		return "a function literal"
	}
	return c.text(g.Call.Fun)
}

// inTask reports whether cur is in a function literal run as a nursery
// task (n.Go, n.Start) or a Run body.
func (c *checker) inTask(cur inspector.Cursor) bool {
	for lit := range cur.Enclosing((*ast.FuncLit)(nil)) {
		if call, ok := lit.Parent().Node().(*ast.CallExpr); ok {
			if f := callee(c.info, call); isNurserySpawn(f) || isNurseryRun(f) {
				return true
			}
		}
	}
	return false
}

// foreverDesc says why a block is released by nothing, for messages.
func (c *checker) foreverDesc(b *block) string {
	at := ""
	if b.node != nil {
		at = fmt.Sprintf(" (line %d)", c.pass.Fset.Position(b.node.Pos()).Line)
	}
	if rs, ok := b.node.(*ast.RangeStmt); ok && len(b.alts) == 1 && b.alts[0].kind == altRecv {
		return fmt.Sprintf("it ranges over %s%s, which nothing in the package closes", c.text(rs.X), at)
	}
	if len(b.alts) == 1 && b.alts[0].kind == altRecv && b.alts[0].ranged {
		return fmt.Sprintf("it ranges over %s%s, which nothing in the package closes (sends do not end a range)", b.alts[0].p.root.Name()+b.alts[0].p.fields, at)
	}
	for _, a := range b.alts {
		name := a.p.root.Name() + a.p.fields
		switch a.kind {
		case altRecv:
			return fmt.Sprintf("it waits on %s%s, which nothing in the package closes or sends on", name, at)
		case altSend:
			return fmt.Sprintf("it sends on %s%s, which nothing in the package receives from", name, at)
		case altDone:
			return fmt.Sprintf("it waits for %s to be cancelled%s, but nothing in the package calls its cancel function", name, at)
		case altIO:
			if isNamed(c.pathType(a.p), "sync", "Cond") {
				return fmt.Sprintf("it waits on %s%s, which nothing in the package signals (Broadcast, Signal)", name, at)
			}
			return fmt.Sprintf("it waits on %s%s, which nothing in the package closes", name, at)
		}
	}
	if rs, ok := b.node.(*ast.RangeStmt); ok {
		return fmt.Sprintf("it ranges over %s%s, which is never closed (a Ticker's or Timer's Stop does not close its channel)", c.text(rs.X), at)
	}
	if _, ok := b.node.(*ast.ForStmt); ok {
		return fmt.Sprintf("its loop%s has no way out (no return, break or select case that leaves it)", at)
	}
	if _, ok := b.node.(*ast.CallExpr); ok && len(b.alts) == 0 {
		// go c.watchState(cli), whose callee's loop has no way out.
		return "what it calls" + at + " never returns: a loop with no way out, or a wait on nothing"
	}
	return "it never ends" + at
}

// checkGroupGo reports g.Go(f) and wg.Go(f) on a group of the function
// (errgroup.Group, sync.WaitGroup) that is not waited for on every path:
// they start a goroutine as a go statement does, and only Wait joins it.
// A group in a field, a parameter or a captured variable, or handed on, is
// its owner's business.
func (c *checker) checkGroupGo() {
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		if !isGroupGo(callee(c.info, call)) {
			continue
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		fnCur := enclosingFunc(cur)
		if !fnCur.Valid() || c.inSynctest(cur) {
			continue
		}
		fn := fnCur.Node()
		p := pathOf(c.info, sel.X)
		if !p.valid() || p.fields != "" || !c.localTo(p, fn) {
			continue
		}
		graph := c.cfgOf(fn)
		if graph == nil || graph.NoReturn() {
			continue
		}
		handed, waited := false, false
		c.eachRef(funcBody(fn), func(r ref) {
			if r.path.root != p.root || r.path.fields != "" {
				return
			}
			switch {
			case r.kind == useValue && !isCallee(r), r.kind == useGoArg:
				handed = true // &wg passed on, g returned or stored
			case r.kind == useMethod && r.method.Name() == "Wait" && r.expr.Pos() > call.Pos():
				waited = true
			}
		})
		if handed {
			continue
		}
		cancels := c.taskCancels(call, fn)
		used := func(n ast.Node) bool {
			found := false
			c.eachRefCalled(n, fn, func(r ref) {
				found = found || r.path.root == p.root && r.path.fields == "" && r.kind == useMethod && r.method.Name() == "Wait"
			})
			if !found && len(cancels) > 0 {
				// stop(); return: the context every task watches is
				// cancelled, which stops them as a go statement's would be.
				ast.Inspect(n, func(m ast.Node) bool {
					if x, ok := m.(*ast.CallExpr); ok {
						if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && slices.Contains(cancels, c.info.Uses[id]) {
							found = true
						}
					}
					_, lit := m.(*ast.FuncLit)
					return !found && !lit
				})
			}
			return found
		}
		if deferredBefore(c.info, funcBody(fn), call, used) || c.registeredBefore(fn, call, used) {
			continue
		}
		ret := flowQuery{g: graph, from: call, used: used}.leak()
		if ret == nil || c.groupGoJoinedBy(call, fn, graph) {
			continue
		}
		if !waited {
			// For the message: finish() after it, where finish waits.
			ast.Inspect(funcBody(fn), func(n ast.Node) bool {
				if x, ok := n.(*ast.CallExpr); ok && x.Pos() > call.Pos() && used(x) {
					waited = true
				}
				return !waited
			})
		}
		group := c.text(sel.X)
		if !waited {
			c.report(ruleBarego, call, nil,
				"goroutine started by %s.Go is never joined, so it can outlive %s: call %s.Wait() before returning (defer it), or run it in a nursery",
				group, c.funcName(fn), group)
			continue
		}
		c.report(ruleBarego, call, nil,
			"goroutine started by %s.Go is not joined on every path: %s skips %s.Wait(); wait on every path (defer it), or run it in a nursery",
			group, c.returnDesc(ret, fn), group)
	}
}

// taskCancels returns, for g.Go(task) in fn with task a literal, the
// cancel functions of fn that end the context the task runs with: it
// passes a context variable of fn's to every call it makes that waits
// (work(ctx)), and that context comes from context.WithCancel and the
// like, directly or through errgroup.WithContext, in fn.
func (c *checker) taskCancels(call *ast.CallExpr, fn ast.Node) []types.Object {
	if len(call.Args) != 1 {
		return nil
	}
	lit, ok := ast.Unparen(call.Args[0]).(*ast.FuncLit)
	if !ok {
		return nil
	}
	body := funcBody(fn)
	var ctx *types.Var
	ok = true
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || !ok {
			return ok
		}
		v, isVar := c.info.Uses[id].(*types.Var)
		if !isVar || !isContextType(v.Type()) || declaredIn(v, lit) {
			return true
		}
		if ctx != nil && ctx != v {
			ok = false // two contexts: which one ends it?
		}
		ctx = v
		return true
	})
	if !ok || ctx == nil || !declaredIn(ctx, body) && !c.isParamVar(ctx) {
		return nil
	}
	var out []types.Object
	seen := map[*types.Var]bool{}
	var from func(v *types.Var, depth int)
	from = func(v *types.Var, depth int) {
		if seen[v] || depth > 4 {
			return
		}
		seen[v] = true
		out = append(out, c.cancelsOf(v, body)...)
		// eg, ctx := errgroup.WithContext(parent): cancelling parent
		// cancels ctx.
		ast.Inspect(body, func(n ast.Node) bool {
			lhs, rhs := assignment(n)
			if len(lhs) != 2 || len(rhs) != 1 {
				return true
			}
			x, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
			if !ok || !isFunc(callee(c.info, x), "golang.org/x/sync/errgroup", "WithContext") || len(x.Args) != 1 {
				return true
			}
			if id, ok := ast.Unparen(lhs[1]).(*ast.Ident); ok && c.info.ObjectOf(id) == v {
				if parent, ok := c.info.ObjectOf(identOf(x.Args[0])).(*types.Var); ok && parent != nil {
					from(parent, depth+1)
				}
			}
			return true
		})
	}
	from(ctx, 0)
	return out
}

// goRange is the range of a go statement up to the end of its callee, so
// that a go statement with a long function literal is marked on its first
// line.
type goRange struct{ g *ast.GoStmt }

func (r goRange) Pos() token.Pos { return r.g.Go }
func (r goRange) End() token.Pos {
	if lit, ok := ast.Unparen(r.g.Call.Fun).(*ast.FuncLit); ok {
		return lit.Type.End()
	}
	return r.g.End()
}

// groupGoJoinedBy reports whether the function literal a group's Go runs
// ends by counting down a WaitGroup of fn's own (its last statement, or a
// deferred one, is wg.Done()) that fn waits for on every path after the
// call: g.Go(func() error { ...; wg.Done(); return nil }), then wg.Wait().
// Only the group's bookkeeping, which cannot block, is left after it.
func (c *checker) groupGoJoinedBy(call *ast.CallExpr, fn ast.Node, graph *cfg.CFG) bool {
	if len(call.Args) != 1 {
		return false
	}
	lit, ok := ast.Unparen(call.Args[0]).(*ast.FuncLit)
	if !ok || len(lit.Body.List) == 0 {
		return false
	}
	done := func(e ast.Expr) (path, bool) {
		ce, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || !isMethod(callee(c.info, ce), "sync", "WaitGroup", "Done") {
			return path{}, false
		}
		sel := ast.Unparen(ce.Fun).(*ast.SelectorExpr)
		p := pathOf(c.info, sel.X)
		return p, p.valid() && p.fields == "" && c.localTo(p, fn)
	}
	var wgs []path
	body := lit.Body.List
	for _, st := range body {
		if d, ok := st.(*ast.DeferStmt); ok {
			if p, ok := done(d.Call); ok {
				wgs = append(wgs, p)
			}
		}
	}
	last := len(body) - 1
	if _, ok := body[last].(*ast.ReturnStmt); ok && last > 0 {
		last--
	}
	if es, ok := body[last].(*ast.ExprStmt); ok {
		if p, ok := done(es.X); ok {
			wgs = append(wgs, p)
		}
	}
	for _, wg := range wgs {
		waits := func(n ast.Node) bool {
			found := false
			c.eachRef(n, func(r ref) {
				found = found || r.path.equal(wg) && r.kind == useMethod && r.method.Name() == "Wait"
			})
			return found
		}
		if (flowQuery{g: graph, from: call, used: waits}).leak() == nil {
			return true
		}
	}
	return false
}

// eachRefCalled is eachRef, and also walks the bodies of the local
// function literals n calls (see calledLits).
func (c *checker) eachRefCalled(n ast.Node, fn ast.Node, f func(r ref)) {
	c.eachRef(n, f)
	for _, lit := range c.calledLits(n, fn) {
		c.eachRef(lit.Body, f)
	}
}

// calledLits returns the local function literals that n calls, outside
// themselves (finish := func() { close(in); wg.Wait() }; defer finish()):
// what they do is done where they are called.
func (c *checker) calledLits(n ast.Node, fn ast.Node) []*ast.FuncLit {
	var lits []*ast.FuncLit
	ast.Inspect(n, func(x ast.Node) bool {
		if call, ok := x.(*ast.CallExpr); ok {
			if lit := c.localFuncLit(call.Fun, fn); lit != nil && !within(lit, n) && !slices.Contains(lits, lit) {
				lits = append(lits, lit)
			}
		}
		return true
	})
	return lits
}

// registeredBefore reports whether a statement that has run whenever from
// runs hands a function literal that satisfies used (in its body) to a
// call that keeps it where it outlives the function (keptParams):
// a.onStop(func() { close(stop); wg.Wait() }), run by a.Stop later. The
// join is handed on to whoever holds the keeper, as a deferred one is
// done by the function itself.
func (c *checker) registeredBefore(fn ast.Node, from ast.Node, used func(ast.Node) bool) bool {
	body := funcBody(fn)
	if body == nil {
		return false
	}
	return precededBy(body, from, func(s ast.Stmt) bool {
		call := exprCall(s)
		if call == nil {
			return false
		}
		to := callee(c.info, call)
		if to == nil {
			return false
		}
		kept := c.keptParams(to)
		for i, a := range call.Args {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok && slices.Contains(kept, i) && used(lit.Body) {
				return true
			}
		}
		return false
	})
}
