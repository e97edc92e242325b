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

// This file is the releasing side of the ownership model (own.go): what a
// function does that can release a goroutine's blocks, whatever the
// function is called. A stop is recognised by its effect (it closes,
// cancels or sends on what the goroutine waits for), through as many calls
// as it takes: within the package by summaries, across packages by facts.

// An effKind is one kind of effect.
type effKind uint8

const (
	effClose  effKind = iota // close(ch)
	effSend                  // ch <- v
	effRecv                  // <-ch, range ch
	effCancel                // cancel(): a call of a function value held in p (a context.CancelFunc)
	effStop                  // a stop method (Close, Shutdown, Stop...) of a value whose code is not summarised
	effWait                  // wg.Wait()
	effDone                  // wg.Done()
	effDrain                 // for range ch with no way out of it: receives until ch is closed
)

// An effect is something a function does to a channel, context, value or
// WaitGroup it reaches by p.
type effect struct {
	kind effKind
	p    path
}

// effectsIn returns the effects of a body, and of the functions it calls
// (mapped to its terms), keeping those whose path keep accepts. Function
// literals in the body count (defer func() { close(stop) }(), a cleanup),
// goroutines it starts do not.
func (c *checker) effectsIn(body ast.Node, keep func(path) bool) []effect {
	var out []effect
	seen := make(map[effect]bool)
	c.walkEffects(body, false, func(k effKind, p path) {
		if e := (effect{k, p}); keep(p) && !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	})
	return out
}

// walkEffects calls note for every effect in n: its sends, receives,
// ranges over channels and calls, in function literals too, and in the
// goroutines it starts only with goroutines set.
func (c *checker) walkEffects(n ast.Node, goroutines bool, note func(effKind, path)) {
	c.walk(n, goroutines, note, nil)
}

// groupDone notes, for a goroutine started by g, the WaitGroups it counts
// down as it ends (go func() { cb(); w.Done() }()): starting it is as
// wg.Go is, Done when it returns (a WaitGroupWrapper's Wrap).
func (c *checker) groupDone(g *ast.GoStmt, note func(effKind, path)) {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok {
		return
	}
	for _, s := range lit.Body.List {
		if d, ok := s.(*ast.DeferStmt); ok {
			s = &ast.ExprStmt{X: d.Call}
		}
		es, ok := s.(*ast.ExprStmt)
		if !ok {
			continue
		}
		if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && isMethod(callee(c.info, call), "sync", "WaitGroup", "Done") {
			if p := pathOf(c.info, ast.Unparen(call.Fun).(*ast.SelectorExpr).X); p.valid() {
				note(effDone, p)
			}
		}
	}
}

// walk is walkEffects, and, with reg, the walk that also finds the
// registrations of a body (registry.go): one pass over it for both.
func (c *checker) walk(n ast.Node, goroutines bool, note func(effKind, path), reg func(ast.Node)) {
	visit := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			if !goroutines {
				c.groupDone(n, note)
				if stop := asyncStopCall(n); stop != nil {
					// go func() { err := w.Close(); ... }() or go func() {
					// closed <- db.Close() }(): the stop is
					// issued, if in another goroutine (a wait for what it
					// releases usually follows).
					c.callEffects(stop, note)
				} else if call := c.awaitedCall(n); call != nil {
					// go func() { done <- p.eg.Wait() }(); select { case
					// err := <-done: ... }: what the call does, the
					// function waits for on the paths that receive.
					c.callEffects(call, note)
				} else if call := c.straightCall(n); call != nil {
					// go withRecover(p.shutdown), AsyncClose's: what the
					// goroutine does straight through to release others,
					// it does soon. Its waits and its wg.Done() are its
					// own, not the spawner's.
					c.callEffects(call, func(k effKind, p path) {
						if k != effWait && k != effDone && k != effRecv {
							note(k, p)
						}
					})
				}
			}
			return goroutines
		case *ast.SendStmt:
			note(effSend, pathOf(c.info, n.Chan))
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				note(effRecv, c.chanPath(n.X))
			}
		case *ast.RangeStmt:
			if isChan(c.typeOf(n.X)) {
				note(effRecv, c.chanPath(n.X))
				if !c.rangeCut(n) {
					// for range q.length {}: it takes every value until
					// the channel is closed, which joins a goroutine that
					// sends on it in a loop and closes it as it ends.
					note(effDrain, c.chanPath(n.X))
				}
			}
		case *ast.CallExpr:
			c.callEffects(n, note)
			if !goroutines {
				c.timerStop(n, note)
			}
			if reg != nil {
				reg(n)
			}
			if !goroutines && isGroupGo(callee(c.info, n)) {
				return false // wg.Go(f): f runs on a goroutine of its own, as go f() does
			}
		case *ast.AssignStmt:
			c.flagAssigns(n, note) // p.closed = true (flag.go)
			if reg != nil {
				reg(n)
			}
		}
		return true
	}
	// The inspector's events skip, by their types, the subtrees that hold
	// none of these nodes: faster than ast.Inspect over every node.
	// Only for large nodes (a body, a file), found by position; a small
	// one is walked faster than looked for.
	switch n.(type) {
	case *ast.BlockStmt, *ast.File:
		if cur, ok := c.cursorAt(n); ok {
			cur.Inspect(effectNodes, func(cur inspector.Cursor) bool { return visit(cur.Node()) })
			return
		}
	}
	ast.Inspect(n, visit)
}

// effectNodes are the nodes walkEffects visits.
var effectNodes = []ast.Node{(*ast.GoStmt)(nil), (*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil), (*ast.CallExpr)(nil), (*ast.AssignStmt)(nil)}

// callEffects adds the effects of one call.
func (c *checker) callEffects(call *ast.CallExpr, add func(effKind, path)) {
	if isBuiltinCall(c.info, call, "close") && len(call.Args) == 1 {
		if p, ok := c.elemPath(call.Args[0]); ok {
			add(effClose, p) // for _, l := range c.closes { close(l) }: a registry's close
		}
		add(effClose, pathOf(c.info, call.Args[0]))
		return
	}
	if p := pathOf(c.info, call.Fun); p.valid() {
		if _, ok := c.typeOf(call.Fun).Underlying().(*types.Signature); ok && len(call.Args) <= 1 {
			add(effCancel, p) // cancel(), s.cancel(), cancel(err)
			if q, ok := c.elemPath(call.Fun); ok {
				add(effCancel, q) // for _, f := range c.hooks { f() }: every function a registry keeps (hooks.go)
			}
		}
		// stop := func() { once.Do(func() { close(done) }) }; stop():
		// what the literal the local holds does.
		if p.fields == "" && !isGlobal(p.root) {
			if lit := c.onlyFuncLit(p.root, c.declBody(p.root)); lit != nil {
				for _, e := range c.litEffects(lit) {
					add(e.kind, e.p)
				}
			} else {
				// s, cleanup := dialSender(t, addr); cleanup(): what the
				// literal the helper returned does, to what it returned.
				for _, e := range c.returnedCleanupEffects(p.root) {
					add(e.kind, e.p)
				}
				// for _, c := range closes { c() }, closes holding
				// d.refresh.Close: each method value's call (closers.go).
				for _, mv := range c.methodValuesOf(p.root) {
					c.callEffects(&ast.CallExpr{Fun: mv, Lparen: mv.End(), Rparen: mv.End()}, add)
				}
			}
		}
		return
	}
	fn := callee(c.info, call)
	if fn == nil {
		return
	}
	if isCleanup(c.info, call) && len(call.Args) == 1 {
		// t.Cleanup(a.cancel), t.Cleanup(srv.Close): what calling it does,
		// when the test ends.
		if arg := ast.Unparen(call.Args[0]); !isFuncLit(arg) {
			c.callEffects(&ast.CallExpr{Fun: arg, Lparen: arg.End(), Rparen: arg.End()}, add)
		}
		return
	}
	c.flagSets(call, fn, add) // p.closed.Store(true) (flag.go)
	if isMethod(fn, "sync", "WaitGroup", "Wait", "Done", "Add", "Go") {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			switch {
			case fn.Name() == "Wait":
				add(effWait, pathOf(c.info, sel.X))
			case fn.Name() == "Go":
				add(effDone, pathOf(c.info, sel.X)) // wg.Go(f): Done when f returns
			case fn.Name() == "Done", !positiveConst(c.info, call.Args[0]):
				add(effDone, pathOf(c.info, sel.X)) // wg.Add(-n) counts down as Done does
			}
		}
		return
	}
	if isMethod(fn, "sync", "Cond", "Broadcast", "Signal") {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			add(effStop, pathOf(c.info, sel.X)) // wakes what waits on it
		}
		return
	}
	if isFunc(fn, "context", "AfterFunc") && len(call.Args) == 2 {
		if cond, ok := c.condWoken(call.Args[1]); ok {
			add(effStop, cond) // wakes it once the context is done
		}
	}
	if isMethod(fn, "os/exec", "Cmd", "Wait", "Start", "Run", "Output", "CombinedOutput") {
		// Wait closes the pipes of the command once it has exited, and a
		// failed Start closes them at once (a Start that succeeds leaves
		// the Wait to whoever must call it: procleak).
		for _, p := range c.pipesOf(call) {
			add(effStop, p)
		}
	}
	if s := c.calleeSummary(fn); s != nil {
		var recv *types.Var
		if c.indexingFields && fn.Pkg() == c.pass.Pkg {
			// fieldIndex walks the callee's body too, where its effects
			// on its receiver's fields are the same fields' effects.
			recv = fn.Origin().Type().(*types.Signature).Recv()
		}
		for _, e := range s.effects {
			if recv != nil && e.p.root == recv {
				continue
			}
			if p, ok := c.bindPath(fn, call, e.p); ok {
				add(e.kind, p)
				if x, ranged := c.rangedBy()[p.root]; ranged && (e.kind == effClose || e.kind == effStop) {
					// for l := range s.ls { s.closeOne(l) }: a registry's
					// stop through a helper; for _, m := range g.members {
					// m.Halt() }, closing m.quit: each member's quit.
					if q := pathOf(c.info, x); q.valid() {
						q.fields += elems + p.fields
						add(e.kind, q)
					}
				}
			}
		}
	}
	// A stop method by name, for code not summarised (an interface, the
	// standard library), and as a fallback for code whose effect the
	// summary cannot follow (listeners kept in a map).
	if closerNames[fn.Name()] && fn.Name() != "Wait" || closeForms[fn.Name()] {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodVal && (closeForms[fn.Name()] || c.stoppable(c.typeOf(sel.X))) {
				add(effStop, pathOf(c.info, sel.X))
				if p, ok := c.elemPath(sel.X); ok {
					add(effStop, p) // for _, ln := range s.lns { ln.Close() }: a registry's stop
				}
			}
		}
	}
}

// condWoken returns the sync.Cond a function value wakes: cond.Broadcast
// or cond.Signal as a method value.
func (c *checker) condWoken(f ast.Expr) (path, bool) {
	sel, ok := ast.Unparen(f).(*ast.SelectorExpr)
	if !ok {
		return path{}, false
	}
	m, ok := c.info.Uses[sel.Sel].(*types.Func)
	if !ok || !isMethod(m, "sync", "Cond", "Broadcast", "Signal") {
		return path{}, false
	}
	p := pathOf(c.info, sel.X)
	return p, p.valid()
}

// litEffects returns the effects of a function literal's body, walked
// once (a local helper is called many times); nil while it is being
// walked (a literal that calls itself).
func (c *checker) litEffects(lit *ast.FuncLit) []effect {
	if es, ok := c.inLit[lit]; ok {
		return es
	}
	c.inLit[lit] = nil
	var es []effect
	c.walk(lit.Body, false, func(k effKind, p path) { es = append(es, effect{k, p}) }, nil)
	c.inLit[lit] = es
	return es
}

// positiveConst reports whether e is a constant above zero.
func positiveConst(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && constant.Sign(tv.Value) > 0
}

// calleeSummary returns the summary of fn: computed from its body when it
// is declared in this package, imported as a fact otherwise; nil when
// there is none (the standard library, interfaces, function values).
func (c *checker) calleeSummary(fn *types.Func) *summary {
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.summaryOf(fn)
	}
	if s, ok := c.imported[fn]; ok {
		return s
	}
	var s *summary
	f := new(ownFact)
	if fn.Pkg() != nil && c.pass.ImportObjectFact(fn, f) {
		s = c.factSummary(fn, f)
	}
	c.imported[fn] = s
	return s
}

// summarised reports whether fn's code is known to the pass, so that the
// lack of a summary means it neither blocks nor releases anything: a
// function (not an interface method) of this package, or of another
// package outside the standard library (which exports a fact when it does
// either).
func (c *checker) summarised(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
		return false
	}
	if fn.Pkg() == c.pass.Pkg {
		return c.decls[fn.Origin()] != nil
	}
	return !isStd(fn.Pkg().Path(), false)
}

// stoppable reports whether a value of type t can be stopped by a method
// of its own (Close, Shutdown, Stop...): a connection, a listener, a
// server. Calls on it may block until it is stopped.
func (c *checker) stoppable(t types.Type) bool {
	if t == nil || isWaitGroup(t) || isContextType(t) {
		return false
	}
	return c.hasCloser(t)
}

// closable reports whether a value of type t is closed by a method of its
// own (closerNames or closeForms), which ends what waits on it.
func (c *checker) closable(t types.Type) bool {
	if t == nil || isWaitGroup(t) || isContextType(t) {
		return false
	}
	st := c.stopsOf(t)
	return st.closer || st.closeForm
}

// bindPath maps p, a path in the terms of fn (rooted at its receiver, a
// parameter or a package variable), to the terms of the caller at call.
func (c *checker) bindPath(fn *types.Func, call *ast.CallExpr, p path) (path, bool) {
	if !p.valid() {
		return path{}, false
	}
	if isGlobal(p.root) {
		return p, true
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return path{}, false
	}
	var arg ast.Expr
	fields := p.fields
	if recv := sig.Recv(); recv != nil && (recv == p.root || recv.Pos() == p.root.Pos() && recv.Name() == p.root.Name()) {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return path{}, false
		}
		arg = sel.X
		// m.goFunc(f), goFunc promoted from a field m embeds: its
		// receiver is that field (m.baseState), as pathOf spells it.
		if s, ok := c.info.Selections[sel]; ok && len(s.Index()) > 1 {
			fields = embeddedPath(s.Recv(), s.Index()) + fields
		}
	} else {
		arg = c.argFor(fn, call, p.root)
	}
	if arg == nil {
		return path{}, false
	}
	q, ok := c.argPath(arg, fields)
	if !ok {
		return path{}, false
	}
	q.deref = q.deref || p.deref || fields != "" && isPointer(p.root.Type())
	return q, true
}

// lastAct reports whether the receive n is a statement after which its
// function ends (<-p.quit as a loop method's end; <-c.stop as the last
// thing a select's case does, the select ending the function).
func (c *checker) lastAct(n *ast.UnaryExpr) bool {
	cur, ok := c.cursorOf(n)
	if !ok {
		return false
	}
	if _, ok := cur.Parent().Node().(*ast.ExprStmt); !ok {
		return false
	}
	return endsFunc(cur.Parent())
}

// commLast reports whether taking the case cc of a select ends the
// function: the case does nothing that can loop, and the select is the
// function's last act (select { case <-ctx.Done(): ...; case <-stop: }
// as a watcher's body).
func (c *checker) commLast(cc *ast.CommClause) bool {
	cur, ok := c.cursorOf(cc.Comm)
	return ok && endsFunc(cur)
}

// endsFunc reports whether nothing of its function runs after the
// statement at cur: it is followed by a return, or it is the last of the
// function's body, or the last of a block (an if's branch, a case of a
// switch or a select, a block statement) whose statement is itself last.
// A select's comm is last when its case's body is: then the body must not
// loop.
func endsFunc(cur inspector.Cursor) bool {
	for {
		parent := cur.Parent()
		var list []ast.Stmt
		switch p := parent.Node().(type) {
		case *ast.BlockStmt:
			list = p.List
		case *ast.CaseClause:
			list = p.Body
		case *ast.CommClause:
			if cur.Node() == p.Comm {
				if loops(p.Body) {
					return false
				}
				if len(p.Body) > 0 && isReturn(p.Body[len(p.Body)-1]) {
					return true
				}
				cur = parent.Parent().Parent() // the select
				continue
			}
			list = p.Body
		case *ast.IfStmt:
			if cur.Node() != p.Else {
				return false // its init
			}
			cur = parent // an else if
			continue
		case *ast.LabeledStmt:
			cur = parent
			continue
		default:
			return false
		}
		i := slices.Index(list, cur.Node().(ast.Stmt))
		switch {
		case i < 0:
			return false
		case i+1 < len(list):
			return isReturn(list[i+1])
		}
		switch parent.Node().(type) {
		case *ast.CaseClause, *ast.CommClause:
			cur = parent.Parent().Parent() // the switch or select
			continue
		}
		switch parent.Parent().Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return true
		case *ast.IfStmt:
			cur = parent.Parent()
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause, *ast.LabeledStmt:
			cur = parent // a block statement in a list
		default:
			return false // a loop's body
		}
	}
}

// loops reports whether the statements have a loop or a goto in them.
func loops(list []ast.Stmt) bool {
	found := false
	for _, s := range list {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				found = true
			case *ast.BranchStmt:
				found = found || n.Tok == token.GOTO
			case *ast.FuncLit:
				return false
			}
			return !found
		})
	}
	return found
}

// releases reports whether the effect e releases the alternative a: a
// close releases receives; a send releases a receive that leaves its loop
// (one send, one receive: case <-quit: return), a receive such a send; a
// cancel releases a context's Done when it is that context's cancel; a
// stop method releases calls that wait on the value or on a value inside
// it.
func (c *checker) releases(e effect, a alt) bool {
	switch a.kind {
	case altRecv:
		switch e.kind {
		case effClose:
			return e.p.equal(a.p) || c.closesRegistered(e, a.p)
		case effSend:
			return a.exits && e.p.equal(a.p)
		case effRecv:
			// <-done where done is a local only ever closed: the receive
			// returns once it is closed, and so does every other.
			return e.p.equal(a.p) && a.p.fields == "" && c.onlyClosed(a.p.root)
		case effStop:
			// <-s.StopNotify(), a channel of s's the pass cannot see
			// (accessorChan): stopping s closes it.
			return a.p.viaAccessor() && e.p.prefixOf(a.p)
		}
	case altSend:
		return e.kind == effRecv && a.exits && e.p.equal(a.p)
	case altDone:
		return e.kind == effCancel && (a.cancel.valid() && e.p.equal(a.cancel) || c.cancels(e.p, a.p))
	case altIO:
		return e.kind == effStop && (e.p.prefixOf(a.p) || a.p.fields == "" && e.p.fields == "" && c.pipePartner(a.p.root) == e.p.root && e.p.root != nil ||
			c.inRegistry(e, a.p))
	}
	return false
}

// onlyClosed reports whether v, a local channel, is only ever closed by
// the code that can reach it: never sent on, never given away.
func (c *checker) onlyClosed(v *types.Var) bool {
	if v == nil || isGlobal(v) {
		return false
	}
	r := c.varRelease(v)
	return !r.open && r.effects[effClose] && !r.effects[effSend]
}

// fieldOnlyClosed reports whether p is a private channel field of the
// package's that its code only ever closes: never sends on, never given
// a channel from elsewhere or given away. A spawner's call that receives
// from it (j.Cancel() waiting on j.done) returns once it is closed, and
// every other wait on it is over too (stopped).
func (c *checker) fieldOnlyClosed(p path) bool {
	k, ok := c.keyOf(p)
	if !ok || k.field.owner == nil || !c.privateField(k.field) || !isChan(c.pathType(p)) {
		return false
	}
	ix := c.fieldIndex()
	return ix.effects[k.field][effClose] && !ix.effects[k.field][effSend] && !ix.aliased[k.field]
}

// pipePartner returns, for a local assigned one end of a pipe (pr, pw :=
// io.Pipe(), net.Pipe(), os.Pipe(), or a function of the package that
// returns both ends of one: cl, r, w := newTestClient()), the variable
// holding the other end: closing either ends the reads and writes on both.
func (c *checker) pipePartner(v *types.Var) *types.Var {
	if c.pipes == nil {
		c.pipes = make(map[*types.Var]*types.Var)
		// The pipes made in place first, then the helpers' results.
		for _, helpers := range []bool{false, true} {
			for cur := range c.preorder((*ast.AssignStmt)(nil)) {
				as := cur.Node().(*ast.AssignStmt)
				if len(as.Lhs) < 2 || len(as.Rhs) != 1 {
					continue
				}
				call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
				if !ok || isPipeCall(c.info, call) == helpers {
					continue
				}
				for i := range as.Lhs {
					j := c.pipeEnds(call, i)
					if j <= i || j >= len(as.Lhs) {
						continue
					}
					a, b := pathOf(c.info, as.Lhs[i]), pathOf(c.info, as.Lhs[j])
					if a.valid() && b.valid() && a.fields == "" && b.fields == "" {
						c.pipes[a.root], c.pipes[b.root] = b.root, a.root
					}
				}
			}
		}
	}
	return c.pipes[v]
}

// isPipeCall reports whether call makes a pipe: net.Pipe, io.Pipe,
// os.Pipe.
func isPipeCall(info *types.Info, call *ast.CallExpr) bool {
	fn := callee(info, call)
	return isFunc(fn, "net", "Pipe") || isFunc(fn, "io", "Pipe") || isFunc(fn, "os", "Pipe")
}

// releasesPersistently is releases for effects that stay in force: a
// closed channel stays closed, a cancelled context cancelled, a stopped
// value stopped. Those release every later wait on them too.
func releasesPersistently(e effect) bool {
	return e.kind == effClose || e.kind == effCancel || e.kind == effStop
}

// A cancelKey names what cancels a context: the variable holding its
// cancel function, or, for a context kept in a struct, the field holding
// it.
type cancelKey struct {
	v     *types.Var // a variable (not a field)
	field fieldKey   // or a field of a named type
}

// cancelRelation says which cancel functions cancel which contexts: the
// pairs made by context.WithCancel and its kin (ctx, cancel :=
// context.WithCancel(p); ctx, rs.cancel = ...), the fields that stand for
// the variables they were given (&Tx{ctx: ctx, cancel: cancel}; tx.cancel
// = cancel), and the contexts each context derives from.
type cancelRelation struct {
	pairs   map[cancelKey][]cancelKey // context -> its cancel functions
	alias   map[cancelKey][]cancelKey // field <-> the variable it was given
	parents map[cancelKey][]cancelKey // context -> the contexts it derives from
	// memo keeps contexts' and aliases' closures, asked for again and
	// again in a package with many contexts.
	ctxMemo, aliasMemo map[cancelKey]map[cancelKey]bool
}

// keyOf returns the key of a context or cancel path: its variable, or the
// field it ends with.
func (c *checker) keyOf(p path) (cancelKey, bool) {
	if !p.valid() {
		return cancelKey{}, false
	}
	if p.fields == "" {
		return cancelKey{v: p.root}, true
	}
	kp := keyedPath{p.root, p.fields}
	if k, ok := c.keys[kp]; ok {
		return k.key, k.ok
	}
	if c.keys == nil {
		c.keys = make(map[keyedPath]keyed)
	}
	k, ok := c.typedFieldKeyOf(p)
	c.keys[kp] = keyed{k, ok}
	return k, ok
}

// typedFieldKeyOf is fieldKeyOf remembered by the root's type, when that
// is a named type or a pointer to one: fieldKeyOf reads the root for its
// type alone, and the receivers of a type's methods are as many
// variables of one type (see checker.typedKeys).
func (c *checker) typedFieldKeyOf(p path) (cancelKey, bool) {
	t, ptr := types.Unalias(p.root.Type()), false
	if pt, ok := t.(*types.Pointer); ok {
		t, ptr = types.Unalias(pt.Elem()), true
	}
	n, ok := t.(*types.Named)
	if !ok {
		return c.fieldKeyOf(p)
	}
	tp := typedPath{n, ptr, p.fields}
	if k, ok := c.typedKeys[tp]; ok {
		return k.key, k.ok
	}
	if c.typedKeys == nil {
		c.typedKeys = make(map[typedPath]keyed)
	}
	k, ok := c.fieldKeyOf(p)
	c.typedKeys[tp] = keyed{k, ok}
	return k, ok
}

// A typedPath is a path with fields from a root of a named type (or a
// pointer to one, ptr), as typedFieldKeyOf remembers it.
type typedPath struct {
	named  *types.Named
	ptr    bool
	fields string
}

// A keyedPath is a path with fields, as keyOf remembers it; keyed is
// what keyOf returned for it.
type (
	keyedPath struct {
		root   *types.Var
		fields string
	}
	keyed struct {
		key cancelKey
		ok  bool
	}
)

// fieldKeyOf is keyOf for a path with fields, not remembered.
func (c *checker) fieldKeyOf(p path) (cancelKey, bool) {
	// The named type that declares the last field.
	t := p.root.Type()
	parts := strings.Split(strings.TrimPrefix(p.fields, "."), ".")
	var owner *types.TypeName
	for _, name := range parts {
		n, ok := types.Unalias(derefType(t)).(*types.Named)
		if ok {
			owner = n.Origin().Obj()
		} else {
			owner = nil
		}
		obj, index, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, name)
		if obj == nil && !token.IsExported(name) {
			// An unexported field of another package's type, named by a
			// fact of that package (b.cancel, through s.StartInit()):
			// look it up as that package does.
			for _, imp := range c.pass.Pkg.Imports() {
				if obj, index, _ = types.LookupFieldOrMethod(t, true, imp, name); obj != nil {
					break
				}
			}
		}
		f, ok := obj.(*types.Var)
		if !ok {
			return cancelKey{}, false
		}
		// A field promoted from an embedded struct (future.errCh, declared
		// by the deferError it embeds) is that struct's field.
		emb := t
		for _, i := range index[:len(index)-1] {
			st, ok := derefType(emb).Underlying().(*types.Struct)
			if !ok || i >= st.NumFields() {
				break
			}
			emb = st.Field(i).Type()
			if n, ok := types.Unalias(derefType(emb)).(*types.Named); ok {
				owner = n.Origin().Obj()
			}
		}
		t = f.Type()
	}
	if owner == nil {
		return cancelKey{}, false
	}
	return cancelKey{field: fieldKey{owner, parts[len(parts)-1]}}, true
}

// relation builds the package's cancel relation once.
func (c *checker) relation() *cancelRelation {
	if c.cancelRel != nil {
		return c.cancelRel
	}
	r := &cancelRelation{
		pairs:   make(map[cancelKey][]cancelKey),
		alias:   make(map[cancelKey][]cancelKey),
		parents: make(map[cancelKey][]cancelKey),
	}
	c.cancelRel = r
	aliasKey := func(k cancelKey, v path) {
		if !v.valid() || v.fields != "" {
			return
		}
		vk := cancelKey{v: v.root}
		r.alias[k] = append(r.alias[k], vk)
		r.alias[vk] = append(r.alias[vk], k)
	}
	alias := func(field path, v path) {
		if field.fields == "" {
			return
		}
		if k, ok := c.keyOf(field); ok {
			aliasKey(k, v)
		}
	}
	for cur := range c.preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CompositeLit)(nil)) {
		if lit, ok := cur.Node().(*ast.CompositeLit); ok {
			c.literalAliases(lit, aliasKey)
			continue
		}
		lhs, rhs := assignment(cur.Node())
		if len(rhs) == 1 && len(lhs) >= 2 {
			if call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
				if ci, ki, ok := c.ctxPairAt(call); ok && ki < len(lhs) {
					k1, ok1 := c.keyOf(pathOf(c.info, lhs[ci]))
					k2, ok2 := c.keyOf(pathOf(c.info, lhs[ki]))
					if ok1 && ok2 {
						r.pairs[k1] = append(r.pairs[k1], k2)
					}
					if len(call.Args) > 0 {
						c.parentLink(r, lhs[ci], call.Args[0])
					}
				}
			}
			continue
		}
		for i := range lhs {
			if len(lhs) != len(rhs) {
				break
			}
			if call, ok := ast.Unparen(rhs[i]).(*ast.CallExpr); ok && isContextDerive(callee(c.info, call)) && len(call.Args) > 0 {
				c.parentLink(r, lhs[i], call.Args[0])
			}
			if lp := pathOf(c.info, lhs[i]); lp.fields != "" {
				alias(lp, pathOf(c.info, rhs[i])) // x.cancel = cancel
			}
		}
	}
	// ctx, ok, stopped := s.StartInit(ctx), where StartInit returns a
	// context whose cancel it keeps in s's field: s.cancel cancels ctx.
	// (After the pairs above: a summary may ask for the relation.)
	for cur := range c.preorder((*ast.AssignStmt)(nil)) {
		lhs, rhs := assignment(cur.Node())
		if len(rhs) != 1 || len(lhs) < 2 {
			continue
		}
		call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !ok {
			continue
		}
		if tup, ok := c.typeOf(call).(*types.Tuple); !ok || !slices.ContainsFunc(slices.Collect(tup.Variables()), func(v *types.Var) bool { return isContextType(v.Type()) }) {
			continue // no context among its results: nothing to pair
		}
		fn := callee(c.info, call)
		if fn == nil {
			continue
		}
		s := c.calleeSummary(fn)
		if s == nil {
			continue
		}
		for _, cc := range s.ctxCancels {
			if cc.result >= len(lhs) {
				continue
			}
			cp, ok := c.bindPath(fn, call, cc.cancel)
			if !ok {
				continue
			}
			k1, ok1 := c.keyOf(pathOf(c.info, lhs[cc.result]))
			k2, ok2 := c.keyOf(cp)
			if ok1 && ok2 {
				r.pairs[k1] = append(r.pairs[k1], k2)
			}
			if cc.parent >= 0 && cc.parent < len(call.Args) {
				c.parentLink(r, lhs[cc.result], call.Args[cc.parent]) // and derives from the context it was given
			}
		}
	}
	return r
}

// returnsCtxPair reports whether call returns a context and a cancel
// function (ctx, cancel := newRPCContext(parent, timeout)): by the
// convention of context.WithCancel, the cancel function cancels that
// context, and a context argument first is its parent.
func (c *checker) returnsCtxPair(call *ast.CallExpr) bool {
	tup, ok := c.typeOf(call).(*types.Tuple)
	return ok && tup.Len() == 2 && contextLike(tup.At(0).Type()) && isCancelFunc(tup.At(1).Type())
}

// ctxPairAt returns, for a call of context.WithCancel and its kind or of
// a helper with one context result and one cancel function after it
// among its results (ctx, cancel, opts := newRPCContext(parent)), the
// indices of the two.
func (c *checker) ctxPairAt(call *ast.CallExpr) (ctx, cancel int, ok bool) {
	if isContextDerive(callee(c.info, call)) {
		return 0, 1, true
	}
	tup, isTuple := c.typeOf(call).(*types.Tuple)
	if !isTuple {
		return 0, 0, false
	}
	ctx, cancel = -1, -1
	for i := range tup.Len() {
		switch t := tup.At(i).Type(); {
		case contextLike(t) && ctx < 0:
			ctx = i
		case contextLike(t):
			return 0, 0, false // two contexts: which one is cancelled?
		case isCancelFunc(t) && cancel < 0 && ctx >= 0:
			cancel = i
		case isCancelFunc(t):
			return 0, 0, false
		}
	}
	return ctx, cancel, ctx >= 0 && cancel > ctx
}

// parentLink records that the context at lhs derives from parent: a
// variable from any context it can name (ctx, cancel :=
// context.WithCancel(s.ctx)), or a field from a field of the same value
// (s.graceCtx, s.graceCancel = context.WithCancel(s.closeCtx)), so that
// closeCancel ends what waits on graceCtx. A field is keyed by its type,
// not by its value: a field derived from a variable, or from another
// value's field, is not linked.
func (c *checker) parentLink(r *cancelRelation, lhs, parent ast.Expr) {
	lp, pp := pathOf(c.info, lhs), pathOf(c.info, parent)
	if !isContextType(c.typeOf(parent)) || !lp.valid() || !pp.valid() || lp.fields != "" && (pp.fields == "" || pp.root != lp.root) {
		return
	}
	lk, ok1 := c.keyOf(lp)
	pk, ok2 := c.keyOf(pp)
	if ok1 && ok2 {
		r.parents[lk] = append(r.parents[lk], pk)
	}
}

// literalAliases records the fields of a struct literal given a variable:
// &Tx{ctx: ctx, cancel: cancel}.
func (c *checker) literalAliases(lit *ast.CompositeLit, alias func(cancelKey, path)) {
	n, ok := types.Unalias(derefType(c.typeOf(lit))).(*types.Named)
	if !ok {
		return
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		alias(cancelKey{field: fieldKey{n.Origin().Obj(), key.Name}}, pathOf(c.info, kv.Value))
	}
}

// cancels reports whether calling the function held in cancel cancels the
// context ctx: a pair of the two was made by context.WithCancel (or its
// kin), directly or through the fields that stand for them, or with a
// context ctx derives from.
func (c *checker) cancels(cancel, ctx path) bool {
	if ctx.fields != "" && cancel.fields != "" && cancel.root != ctx.root {
		return false // fields of two different values
	}
	r := c.relation()
	ck, ok1 := c.keyOf(cancel)
	xk, ok2 := c.keyOf(ctx)
	if !ok1 || !ok2 {
		return false
	}
	cancelKeys := r.aliases(ck)
	ctxKeys := r.contexts(xk)
	for k := range ctxKeys {
		for _, cand := range r.pairs[k] {
			if cancelKeys[cand] {
				return true
			}
		}
	}
	return false
}

// contexts returns the keys of a context: k, the fields and variables that
// stand for it, and the contexts it derives from, whose cancels cancel it.
func (r *cancelRelation) contexts(k cancelKey) map[cancelKey]bool {
	return memoClosure(&r.ctxMemo, k, func(k cancelKey) []cancelKey {
		return append(slices.Clone(r.alias[k]), r.parents[k]...)
	})
}

// aliases returns k and the fields and variables that stand for it.
func (r *cancelRelation) aliases(k cancelKey) map[cancelKey]bool {
	return memoClosure(&r.aliasMemo, k, func(k cancelKey) []cancelKey { return r.alias[k] })
}

// memoClosure returns closure(k, next), computed once per k in *memo.
func memoClosure(memo *map[cancelKey]map[cancelKey]bool, k cancelKey, next func(cancelKey) []cancelKey) map[cancelKey]bool {
	if m, ok := (*memo)[k]; ok {
		return m
	}
	if *memo == nil {
		*memo = make(map[cancelKey]map[cancelKey]bool)
	}
	m := closure(k, next)
	(*memo)[k] = m
	return m
}

// closure returns the keys reachable from k by next.
func closure(k cancelKey, next func(cancelKey) []cancelKey) map[cancelKey]bool {
	seen := map[cancelKey]bool{k: true}
	stack := []cancelKey{k}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, n := range next(k) {
			if !seen[n] {
				seen[n] = true
				stack = append(stack, n)
			}
		}
	}
	return seen
}

// pipesOf returns, for a call of a method of an *exec.Cmd, the variables
// of the same function that hold its pipes (stdin, err :=
// cmd.StdinPipe(), and the StdoutPipe and StderrPipe), which the command's
// Wait closes.
func (c *checker) pipesOf(call *ast.CallExpr) []path {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	cmd := pathOf(c.info, sel.X)
	cur, ok := c.cursorOf(call)
	if !cmd.valid() || !ok {
		return nil
	}
	fn := enclosingFunc(cur)
	if fn.Node() == nil {
		return nil
	}
	var pipes []path
	ast.Inspect(funcBody(fn.Node()), func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		if len(rhs) != 1 || len(lhs) == 0 {
			return true
		}
		pc, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !ok || !isMethod(callee(c.info, pc), "os/exec", "Cmd", "StdinPipe", "StdoutPipe", "StderrPipe") {
			return true
		}
		if ps, ok := ast.Unparen(pc.Fun).(*ast.SelectorExpr); ok && pathOf(c.info, ps.X).equal(cmd) {
			if p := pathOf(c.info, lhs[0]); p.valid() {
				pipes = append(pipes, p)
			}
		}
		return true
	})
	return pipes
}

// fieldFunc returns, for a call of a function held in a struct field
// (c.submit(q)), the functions of the package the assignments of that
// field give it: methods on the same value that holds the field
// (c.submit = c.consumeOrderly, or c.consume on another branch), so that
// the call's receiver is theirs, or plain functions of the package; the
// field unexported, so that no other package sets it. nil when one of
// them is anything else: a literal, a parameter, a method of another
// value may be stored there.
func (c *checker) fieldFunc(call *ast.CallExpr) []*types.Func {
	field := fieldVarOf(c.info, call.Fun)
	if field == nil || field.Pkg() != c.pass.Pkg || field.Exported() {
		return nil // another package may set an exported field
	}
	if c.fieldFuncs == nil {
		c.indexFieldFuncs()
	}
	return c.fieldFuncs[field]
}

// indexFieldFuncs fills fieldFuncs: for each func-typed field of the
// package, the functions its assignments store, or nil.
func (c *checker) indexFieldFuncs() {
	c.fieldFuncs = make(map[*types.Var][]*types.Func)
	unknown := make(map[*types.Var]bool)
	store := func(field *types.Var, f *types.Func) {
		switch {
		case unknown[field]:
		case f == nil:
			unknown[field] = true // one the pass cannot name
			c.fieldFuncs[field] = nil
		case !slices.Contains(c.fieldFuncs[field], f):
			c.fieldFuncs[field] = append(c.fieldFuncs[field], f)
		}
	}
	// valueOf returns the function stored by the expression v into a field
	// of the value at base (nil base: a composite literal's field).
	valueOf := func(v ast.Expr, base ast.Expr) *types.Func {
		switch v := ast.Unparen(v).(type) {
		case *ast.Ident:
			if f, ok := c.info.Uses[v].(*types.Func); ok && f.Pkg() == c.pass.Pkg && f.Type().(*types.Signature).Recv() == nil {
				return f
			}
		case *ast.SelectorExpr:
			s, ok := c.info.Selections[v]
			if !ok || s.Kind() != types.MethodVal || base == nil {
				return nil
			}
			f, ok := s.Obj().(*types.Func)
			if !ok || f.Pkg() != c.pass.Pkg {
				return nil
			}
			if p, q := pathOf(c.info, v.X), pathOf(c.info, base); p.valid() && p.equal(q) {
				return f
			}
		}
		return nil
	}
	fieldOf := func(e ast.Expr) (*types.Var, ast.Expr) {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return nil, nil
		}
		s, ok := c.info.Selections[sel]
		if !ok || s.Kind() != types.FieldVal {
			return nil, nil
		}
		f, ok := s.Obj().(*types.Var)
		if !ok {
			return nil, nil
		}
		if _, isFunc := f.Type().Underlying().(*types.Signature); !isFunc {
			return nil, nil
		}
		return f, sel.X
	}
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if f, base := fieldOf(l); f != nil {
						var v ast.Expr
						if len(n.Rhs) == len(n.Lhs) {
							v = n.Rhs[i]
						}
						store(f, valueOf(v, base))
					}
				}
			case *ast.CompositeLit:
				st, ok := c.typeOf(n).Underlying().(*types.Struct)
				if !ok {
					return true
				}
				for _, e := range n.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					id, ok := kv.Key.(*ast.Ident)
					if !ok {
						continue
					}
					for i := 0; i < st.NumFields(); i++ {
						if f := st.Field(i); f.Name() == id.Name {
							if _, isFunc := f.Type().Underlying().(*types.Signature); isFunc {
								store(f, valueOf(kv.Value, nil))
							}
						}
					}
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if f, _ := fieldOf(n.X); f != nil {
						store(f, nil) // &c.submit: set elsewhere
					}
				}
			}
			return true
		})
	}
}

// straightCall returns the call the goroutine of g makes, go f(x) or go
// run(p.shutdown) through a runner (unwrapRunner), when f is a function
// of the package that runs straight through: no loop, no select and no
// receive in its body, so it does not wait for a signal before it acts
// (a watcher: <-quit; conn.Close()) or serve (a loop). nil otherwise.
func (c *checker) straightCall(g *ast.GoStmt) *ast.CallExpr {
	call := c.unwrapRunner(g).Call
	fn := callee(c.info, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return nil
	}
	decl := c.decls[fn]
	if decl == nil || decl.Body == nil {
		return nil
	}
	straight := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SelectStmt, *ast.GoStmt:
			straight = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				straight = false
			}
		}
		return straight
	})
	if !straight {
		return nil
	}
	return call
}

// awaitedCall returns the call whose result the goroutine of g sends as
// its only act (go func() { done <- p.eg.Wait() }()) on a local channel
// that the function that declares it receives from outside the goroutine,
// or nil.
func (c *checker) awaitedCall(g *ast.GoStmt) *ast.CallExpr {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok || len(lit.Body.List) != 1 {
		return nil
	}
	send, ok := lit.Body.List[0].(*ast.SendStmt)
	if !ok {
		return nil
	}
	call, ok := ast.Unparen(send.Value).(*ast.CallExpr)
	if !ok {
		return nil
	}
	ch := pathOf(c.info, send.Chan)
	if !ch.valid() || ch.fields != "" || isGlobal(ch.root) || declaredIn(ch.root, lit) {
		return nil
	}
	body := c.declBody(ch.root)
	if body == nil {
		return nil
	}
	received := false
	c.eachRefNoGo(body, func(r ref) {
		received = received || r.kind == useRecv && r.path.equal(ch) && !within(r.expr, lit)
	})
	if !received {
		return nil
	}
	return call
}

// asyncStopCall returns the call of a stop method (Close, Stop,
// Shutdown...) that the goroutine of g makes first: go w.Close(), or go
// func() { if err := w.Close(); err != nil { ... } }(). nil otherwise.
func asyncStopCall(g *ast.GoStmt) *ast.CallExpr {
	call := g.Call
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		if len(lit.Body.List) == 0 {
			return nil
		}
		// Setters first (go func() { c.SetReadDeadline(now);
		// c.Close() }()): the stop is the first statement after them.
		list := lit.Body.List
		for len(list) > 1 && setterStmt(list[0]) {
			list = list[1:]
		}
		call = nil
		switch s := list[0].(type) {
		case *ast.ExprStmt:
			call, _ = ast.Unparen(s.X).(*ast.CallExpr)
		case *ast.AssignStmt:
			if len(s.Rhs) == 1 {
				call, _ = ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
			}
		case *ast.IfStmt:
			if as, ok := s.Init.(*ast.AssignStmt); ok && len(as.Rhs) == 1 {
				call, _ = ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
			}
		case *ast.SendStmt:
			call, _ = ast.Unparen(s.Value).(*ast.CallExpr) // closed <- db.Close()
		}
		if call == nil {
			return nil
		}
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !closerNames[sel.Sel.Name] || sel.Sel.Name == "Wait" {
		return nil
	}
	return call
}

// setterStmt reports whether s only calls a setter (c.SetDeadline(t),
// _ = c.SetReadDeadline(t)): a call that does not wait.
func setterStmt(s ast.Stmt) bool {
	call := stmtCall(s)
	if call == nil {
		return false
	}
	if _, ok := s.(*ast.AssignStmt); ok && !blankAssign(s) {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && strings.HasPrefix(sel.Sel.Name, "Set")
}

// blankAssign reports whether s assigns only to _.
func blankAssign(s ast.Stmt) bool {
	as, ok := s.(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
			return false
		}
	}
	return true
}

// timerStop notes, for time.AfterFunc(d, b.Flush), the effects of the
// method it arms when that method is a stop of its receiver (Flush
// closing the batch a worker ranges over): the stop is issued, if later.
func (c *checker) timerStop(call *ast.CallExpr, note func(effKind, path)) {
	if len(call.Args) != 2 {
		return
	}
	if f, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); !ok || f.Sel.Name != "AfterFunc" || !isFunc(callee(c.info, call), "time", "AfterFunc") {
		return
	}
	sel, ok := ast.Unparen(call.Args[1]).(*ast.SelectorExpr)
	if !ok {
		return
	}
	s, ok := c.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return
	}
	m, ok := s.Obj().(*types.Func)
	p := pathOf(c.info, sel.X)
	if !ok || !p.valid() {
		return
	}
	if len(s.Index()) > 1 {
		p.fields += embeddedPath(s.Recv(), s.Index())
	}
	for _, e := range c.methodEffectsOf(m, p) {
		if e.kind == effClose || e.kind == effCancel || e.kind == effStop {
			note(e.kind, e.p)
		}
	}
}

// isFuncLit reports whether e is a function literal.
func isFuncLit(e ast.Expr) bool {
	_, ok := e.(*ast.FuncLit)
	return ok
}
