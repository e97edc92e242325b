package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// This file hands a goroutine's join on to the caller through the function
// it runs. A worker pool's Add(item, handle) that starts go func() {
// handle(item); <-p.slots }() does not join what it starts: its caller
// does, with a callback that signals what the caller then waits for
// (wg.Add(1); p.Add(it, func(v int) { defer wg.Done(); f(v) }); ...;
// wg.Wait()). The go statement owes its callers that (obCallback), and
// each call is checked: a function given that signals nothing, or whose
// signal the caller does not wait for on every path, is reported there.

// callbackJoin returns the parameter of the function declaring the
// goroutine of g that the goroutine runs as its one piece of work its
// spawner does not see (go handle(item), or a literal calling handle at
// its top level), when everything else it does cannot hold it: no join
// key, no block of its own, no lock or WaitGroup left behind. Whoever
// passes the function joins the goroutine through it. The same holds
// for a function literal (RunTask = func(ctx context.Context, f func()) {
// go func() { defer recoverTask(); f() }() }): its callers, through
// the variable or field that holds it, give the work; no fact reaches
// them, as none reaches the callers of a declared function used as a
// value.
func (c *checker) callbackJoin(g *ast.GoStmt, j *goJoin) (*types.Var, bool) {
	body := funcBody(j.fn)
	if body == nil || len(j.keys) > 0 || len(j.blocks) > 0 || j.lockStuck != nil || j.doneSkipped != nil || inLoop(g, body) {
		return nil, false
	}
	var sig *types.Signature
	switch f := j.fn.(type) {
	case *ast.FuncDecl:
		fn, ok := c.info.Defs[f.Name].(*types.Func)
		if !ok {
			return nil, false
		}
		sig = fn.Type().(*types.Signature)
	case *ast.FuncLit:
		t, ok := c.typeOf(f).(*types.Signature)
		if !ok {
			return nil, false
		}
		sig = t
	}
	param := func(e ast.Expr) *types.Var { return c.funcParam(sig, e) }
	var run *types.Var
	if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		if c.signalsAny(lit) {
			return nil, false // wg.Done(); fn(): a start signal, the goroutine's own business (goStarted)
		}
		if c.countsAtomically(lit) {
			return nil, false // defer w.running.Add(-1): its owner's count, not the caller's
		}
		for _, s := range lit.Body.List {
			es, ok := s.(*ast.ExprStmt)
			if !ok {
				continue
			}
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
				if v := param(call.Fun); v != nil {
					if run != nil {
						return nil, false // two pieces of work: which one signals?
					}
					run = v
				}
			}
		}
	} else {
		run = param(g.Call.Fun)
	}
	if run == nil || c.reassigns(body, run, true) {
		return nil, false
	}
	return run, true
}

// checkCallback checks a call of to, which runs the function it is given
// as o's argument in a goroutine that only that function's signal can
// join: the function must signal a WaitGroup or channel of the caller's
// own that the caller then waits for on every path. A function the caller
// was given hands the obligation on (handOnAt); one of another value's
// (s.handle), or one the pass cannot read, is its owner's business.
func (c *checker) checkCallback(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, to *types.Func, o obligation, grow grower) string {
	e := c.obligationExpr(call, to, o)
	if e == nil {
		return ""
	}
	lit, ok := ast.Unparen(e).(*ast.FuncLit)
	if !ok {
		lit = c.localFuncLit(e, fn) // handle := func(v int) {...}; p.Add(it, handle)
	}
	if lit == nil {
		return ""
	}
	keys, outside := c.callbackKeys(lit, fn)
	if outside {
		return ""
	}
	// The function runs as if started where it is given: a send into a
	// channel with room for it never waits (res := make(chan T, 1)), and
	// one receive in a select case is as good as one on every path.
	blocks, opaque := c.goBlocks(&ast.GoStmt{Go: call.Pos(), Call: &ast.CallExpr{Fun: lit, Lparen: lit.End(), Rparen: lit.End()}}, fn)
	if len(keys) == 0 {
		if c.runsParamFunc(lit, fn) != nil {
			return "" // s.onDone(func(err error) { fn(err) }): handed on with fn (handOnAt)
		}
		if !opaque && len(blocks) > 0 && !slices.ContainsFunc(blocks, func(b block) bool {
			return !slices.ContainsFunc(b.alts, func(a alt) bool { return !c.localTo(a.p, fn) })
		}) {
			// GoSafe(func() { for { select { ...; case <-p.quit: return } } }):
			// each of its waits ends by what another value's owner does,
			// as a go statement's would.
			return ""
		}
		return "signals nothing its caller waits for"
	}
	first := ""
	for _, k := range keys {
		signalled := o
		signalled.kind, signalled.fields, signalled.signalled = keyObligation(k), "", true
		signalled.roomy = k.kind == keyChan && !slices.ContainsFunc(blocks, func(b block) bool {
			return slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altSend && a.p.equal(k.p) })
		})
		how := c.checkPath(cur, fn, call, to, signalled, grow, k.p)
		if how == "" {
			return "" // waited for on every path
		}
		if first == "" {
			first = "signals " + k.name + ", which " + how
		}
	}
	return first
}

// callbackKeys returns the WaitGroups and channels local to fn that the
// function literal lit, given by fn, signals (wg.Done(), close(done), ch
// <- v); outside when it signals one of another owner's (s.wg.Done()).
func (c *checker) callbackKeys(lit *ast.FuncLit, fn ast.Node) (keys []joinKey, outside bool) {
	c.signals(lit.Body, func(v *types.Var) bool { return !declaredIn(v, lit) }, func(kind keyKind, r ref) {
		if kind != keyWait && kind != keyChan {
			return
		}
		if !c.localTo(r.path, fn) {
			outside = true // s.wg.Done(): whoever owns s waits
			return
		}
		for _, k := range keys {
			if k.p.equal(r.path) {
				return
			}
		}
		keys = append(keys, joinKey{kind: kind, p: r.path, name: pathText(r.expr)})
	})
	if !outside && len(keys) == 0 {
		// func() { s.ftSendHBLoop(t) }, whose loop defers s.wg.Done():
		// the count down of another value's group, one call below.
		for _, e := range c.effectsIn(lit.Body, path.valid) {
			if e.kind == effDone && !declaredIn(e.p.root, lit) && !c.localTo(e.p, fn) {
				outside = true
			}
		}
	}
	return keys, outside
}

// localWaitGroup reports whether p is a WaitGroup variable itself (var wg
// sync.WaitGroup), not a pointer to one held elsewhere: the function's own.
func localWaitGroup(p path) bool {
	_, ptr := types.Unalias(p.root.Type()).(*types.Pointer)
	return p.fields == "" && !ptr && isWaitGroup(p.root.Type())
}

// runsParamFunc returns the function-typed parameter of fn, a declared
// function, that the literal lit calls, if any: the function fn's caller
// gave, which then runs in the goroutine lit runs in.
func (c *checker) runsParamFunc(lit *ast.FuncLit, fn ast.Node) *types.Var {
	fd, ok := fn.(*ast.FuncDecl)
	if !ok || lit == nil {
		return nil
	}
	f, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok {
		return nil
	}
	sig := f.Type().(*types.Signature)
	var out *types.Var
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || out != nil {
			return out == nil
		}
		if v := c.funcParam(sig, call.Fun); v != nil && !c.reassigns(fd.Body, v, true) {
			out = v
		}
		return true
	})
	return out
}

// funcParam returns the parameter of sig that e names, when it has a
// function type.
func (c *checker) funcParam(sig *types.Signature, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || paramIndex(sig, v) < 0 {
		return nil
	}
	if _, isFunc := v.Type().Underlying().(*types.Signature); !isFunc {
		return nil
	}
	return v
}

// signalsAny reports whether the literal signals a WaitGroup or a channel
// it captures (wg.Done(), ch <- v, close(ch)).
func (c *checker) signalsAny(lit *ast.FuncLit) bool {
	signal := false
	c.signals(lit.Body, func(v *types.Var) bool { return !declaredIn(v, lit) }, func(kind keyKind, _ ref) {
		signal = signal || kind == keyWait || kind == keyChan
	})
	return signal
}

// countsAtomically reports whether the literal counts itself in an atomic
// counter it captures (w.running.Add(-1), atomic.AddInt32(&n, -1)): a
// running count its owner keeps.
func (c *checker) countsAtomically(lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if f := callee(c.info, call); f != nil && f.Pkg() != nil && f.Pkg().Path() == "sync/atomic" && strings.HasPrefix(f.Name(), "Add") && len(call.Args) > 0 {
			// escaped.Add(1) in a recover: a count of events, not of the
			// goroutines running, which a decrement as they end keeps.
			arg := call.Args[len(call.Args)-1]
			tv := c.info.Types[arg]
			u, xor := ast.Unparen(arg).(*ast.UnaryExpr)
			xor = xor && u.Op == token.XOR // AddUint32(&n, ^uint32(0))
			found = tv.Value == nil || tv.Value.Kind() != constant.Int || constant.Sign(tv.Value) < 0 || xor
		}
		return true
	})
	return found
}
