package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"
)

// This file is the goroutine's side of the ownership model (own.go): the
// points where a function can block for an unbounded time, and what
// releases each. A function's blocks are summarised once, in terms of its
// receiver, parameters and package variables, so that a goroutine running
// it (go s.run(), go serve(l, stop)) or a function calling it can be judged
// in its own terms.

// An altKind says what releases one alternative of a block.
type altKind uint8

const (
	altRecv altKind = iota // <-ch, range ch, case <-ch: close(ch) releases it, a send if taking it exits
	altSend                // ch <- v: a receive releases it, if taking it exits
	altDone                // <-ctx.Done(): cancelling ctx, or what ctx derives from
	altIO                  // a call on a value with a stop method (c.Read, l.Accept, srv.Serve): stopping it
	altWait                // wg.Wait(): the Done of every goroutine counted in wg
)

// An alt is one way out of a block.
type alt struct {
	kind altKind
	p    path
	// exits: the block is in a loop, and taking this alternative leaves
	// it (case <-stop: return). One send or receive then ends the loop.
	exits bool
	// cancel, for a context's Done: the cancel function that cancels it,
	// when the package that made the pair told (a closer of another
	// package that keeps ctx and cancel in its fields).
	cancel path
	// loop: the block is in a loop (a send in a loop may be one of many).
	loop bool
	// ranged: a range over the channel whose body has no way out (for ev
	// := range rec { ... }): only a close ends it, in the function that
	// ranges or in its callers (summaries keep it; facts do not).
	ranged bool
}

// A block is a point where a function can wait for ever: it goes on when
// any one of its alternatives is released. A block with no alternative
// never ends (select {}, an endless loop with no way out). A block in an
// endless loop lists only the alternatives that leave the loop.
type block struct {
	node ast.Node // the statement or call in the summarised body
	alts []alt
	// inner: it waits on a field of a value the goroutine holds in a
	// variable of its own (for _, s := range stoppers { s.Quiesce() }).
	// Only the question whether anything can release it applies.
	inner bool
	// assumed: no wait of the goroutine is known; it uses a context of its
	// spawner's, and is taken by convention to wait on it (goBlocks).
	assumed bool
	// soft: a loop that may also end on its own, by an exit outside its
	// selects' cases (for { select { case <-ctx.Done(): return; case
	// <-tick.C: }; if p.closed() { return } }). Releasing an alternative
	// stops it, but it is not stuck when nothing does: a goroutine's soft
	// blocks stand for its blocks only when it has no other.
	soft bool
	// given: it stands for what an opaque goroutine may wait on, the
	// values it is given that close (givenBlock); the pass names no wait.
	given bool
	// partial: a select one of whose cases the pass cannot name (a
	// channel from a sync.Pool): releasing the others ends it, but it may
	// end by that case, so no owner is owed their release (needsOf).
	partial bool
	// endless: an endless loop with no way out at all (for { if
	// c.wait() { ... } }), here or in a function called: releasing what
	// it waits on only makes it spin. (select {} on a panic's path, a
	// park, is not one.)
	endless bool
}

// A summary is what a function does that concerns goroutines, in terms of
// its receiver, parameters and package variables: where it may block, and
// what it releases (effects).
type summary struct {
	blocks []block
	soft   []block // see block.soft
	// readers: readers and writers it was given (a *bufio.Reader
	// parameter) that it waits on through calls whose stop it cannot
	// name; a caller that made them over a connection waits on that.
	readers []path
	// calls: the function-value parameters it calls (replyFor(cmd)),
	// by index: what a caller gives there runs, and may wait, here.
	calls   []int
	effects []effect
	// returns, for a function that returns a channel it reaches by a path
	// (func (s *S) Done() <-chan struct{} { return s.done }), that path:
	// receiving from its result is receiving from that channel.
	returns path
	// returnsDone: it returns returns.Done() of a context (a closer's
	// HasBeenClosed), cancelled by returnsCancel when that is known.
	returnsDone   bool
	returnsCancel path
	// ctxCancels: the contexts it returns whose cancel function it keeps
	// in its receiver's or a parameter's field (ctx, b.cancel =
	// context.WithCancel(ctx); return ctx, ...): the field's caller cancels
	// them.
	ctxCancels []ctxCancel
	// obligations, for a function of another package: what its callers
	// must do (obligation.go).
	obligations []obligation
	// argStops, for a function of another package: its goroutines that
	// end when the caller stops an argument, with their exits (exits.go).
	argStops []obligation
	// registers: the values it stores as elements of a slice or map
	// field (registry.go).
	registers []registration
	// fresh, for a function of another package: its first result is a
	// value it made itself (a constructor).
	fresh bool
	// returnsRecv, for a method of another package: it returns its
	// receiver on every return (ownFact.ReturnsRecv).
	returnsRecv bool
	// ctxValues, for a function of another package: its context
	// parameters it reads only for their values (ctxdetach).
	ctxValues []int
	// ctxBounded, for a function of another package: its context
	// parameters it gives a deadline of its own when they have none.
	ctxBounded []int
	// ctxWraps, for a function of another package: its context
	// parameters it returns with values added only (ctxWraps).
	ctxWraps []int
	// neverFails, for a function of another package: its error result
	// is nil on every return (neverFails).
	neverFails bool
	// keeps, for a function of another package: the parameters it keeps
	// where they outlive the call (keptParams).
	keeps []int
	// borrows, for a function of another package: the parameters it only
	// borrows (borrowOf).
	borrows []factBorrow
	// procs, for a function of another package: the results by which it
	// hands on a process it started (startedResults).
	procs []int
	// opaque: it calls a function value the pass cannot read.
	opaque bool
	// locks: it takes a mutex.
	locks bool
	// waits: it may wait at all, on its own channels too.
	waits bool
	// unread: it may wait on something that is not among blocks: a
	// channel of its own, an interface's blocking method, a callee's wait
	// that cannot be put in the caller's terms.
	unread bool
}

// summaryOf returns the summary of a function declared in this package,
// computing it once. A function that (indirectly) calls itself sees an
// empty summary of itself while it is being computed.
func (c *checker) summaryOf(fn *types.Func) *summary {
	fn = fn.Origin()
	if s, ok := c.summaries[fn]; ok {
		return s
	}
	decl := c.decls[fn]
	if decl == nil || decl.Body == nil {
		return nil
	}
	c.summaries[fn] = &summary{} // in progress
	defer func(indexing bool) { c.indexingFields = indexing }(c.indexingFields)
	c.indexingFields = false // a summary binds all of its callees' effects
	s := &summary{}
	keep := func(p path) bool { return c.paramOrGlobal(p, decl) }
	w := &blockWalk{c: c, keep: keep, summarising: true, params: fn.Type().(*types.Signature).Params()}
	w.stmts(decl.Body.List)
	s.blocks, s.soft, s.readers, s.calls = w.blocks, w.soft, w.readers, w.calls
	s.opaque, s.locks, s.waits, s.unread = w.opaque, w.locks, w.waits, w.unread
	s.effects, s.registers = c.effectsAndRegistrations(decl.Body, keep)
	s.returns, s.returnsDone = c.returnedPath(decl, keep)
	if s.returnsDone && s.returns.fields != "" {
		s.returnsCancel, _ = c.pairedCancel(s.returns)
	}
	s.ctxCancels = c.returnedCtxCancels(decl, keep)
	c.summaries[fn] = s
	return s
}

// paramOrGlobal reports whether p is rooted at fn's receiver or a
// parameter, or at a package variable: what a caller can map to its own
// terms.
func (c *checker) paramOrGlobal(p path, fn *ast.FuncDecl) bool {
	if !p.valid() {
		return false
	}
	if isGlobal(p.root) {
		return true
	}
	return fn.Recv != nil && declaredIn(p.root, fn.Recv) || declaredIn(p.root, fn.Type.Params)
}

// A ctxCancel is a context a function returns, as its result at index
// result, and the field, below its receiver or a parameter, where it keeps
// that context's cancel function.
type ctxCancel struct {
	result int
	cancel path
	parent int // the parameter the context derives from, or -1
}

// returnedCtxCancels returns the contexts fd returns whose cancel it keeps
// where keep accepts (a field of its receiver): each is one variable at
// every return, assigned with its cancel by context.WithCancel or its kin
// (ctx, b.cancel = context.WithCancel(ctx)).
func (c *checker) returnedCtxCancels(fd *ast.FuncDecl, keep func(path) bool) []ctxCancel {
	res := fd.Type.Results
	if res == nil || res.NumFields() < 2 {
		return nil
	}
	var out []ctxCancel
	sig := c.info.Defs[fd.Name].Type().(*types.Signature)
	for i := range sig.Results().Len() {
		if !isContextType(sig.Results().At(i).Type()) {
			continue
		}
		var v *types.Var
		same := true
		eachReturn(fd.Body, func(ret *ast.ReturnStmt) bool {
			var u *types.Var
			if len(ret.Results) == sig.Results().Len() {
				if id, ok := ast.Unparen(ret.Results[i]).(*ast.Ident); ok {
					u, _ = c.info.Uses[id].(*types.Var)
				}
			}
			same = same && u != nil && (v == nil || u == v)
			v = u
			return same
		})
		if !same || v == nil {
			continue
		}
		var cancel path
		parent := -1
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 || cancel.valid() {
				return !cancel.valid()
			}
			call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
			if !ok || !isContextDerive(callee(c.info, call)) {
				return true
			}
			if id, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident); ok && c.info.ObjectOf(id) == v {
				if p := pathOf(c.info, as.Lhs[1]); p.valid() && p.fields != "" && keep(p) {
					cancel = p
					if len(call.Args) > 0 {
						if q := pathOf(c.info, call.Args[0]); q.valid() && q.fields == "" {
							parent = paramIndex(sig, q.root)
						}
					}
				}
			}
			return true
		})
		if cancel.valid() {
			out = append(out, ctxCancel{result: i, cancel: cancel, parent: parent})
		}
	}
	return out
}

// returnedPath returns the path of the channel fn returns, when its only
// result is a channel and every return returns that same path (or nil, or
// a package variable: a closed dummy for a nil receiver), and whether it
// returns that context's Done() rather than a channel.
func (c *checker) returnedPath(fn *ast.FuncDecl, keep func(path) bool) (path, bool) {
	if fn.Type.Results == nil || len(fn.Type.Results.List) != 1 || len(fn.Type.Results.List[0].Names) > 1 {
		return path{}, false
	}
	var p path
	done := false
	ok := true
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 1 && isNilIdent(n.Results[0]) {
				return true // a nil receiver's
			}
			if len(n.Results) != 1 || !isChan(c.typeOf(n.Results[0])) {
				ok = false
				return false
			}
			r := n.Results[0]
			q, isDone := c.doneOf(r)
			if !isDone {
				q = c.chanPath(r)
			}
			if q.valid() && isGlobal(q.root) && q.fields == "" {
				return true // a dummy for a nil receiver
			}
			if !keep(q) || p.valid() && (!p.equal(q) || done != isDone) {
				ok = false
			}
			p, done = q, isDone
		}
		return ok
	})
	if !ok || !p.valid() {
		return path{}, false
	}
	return p, done
}

// chanPath returns the path of the channel an expression denotes: a
// variable or field, or the result of a method such as s.Done() that
// returns one.
func (c *checker) chanPath(e ast.Expr) path {
	if p := pathOf(c.info, e); p.valid() {
		return p
	}
	if a, ok := c.returnedAlt(e); ok && a.kind == altRecv {
		return a.p
	}
	return path{}
}

// returnedAlt returns what receiving from the result of the call e waits
// on: the channel the callee returns, or the context whose Done it
// returns, in the caller's terms.
func (c *checker) returnedAlt(e ast.Expr) (alt, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return alt{}, false
	}
	fn := callee(c.info, call)
	if fn == nil {
		return alt{}, false
	}
	s := c.calleeSummary(fn)
	if s == nil || !s.returns.valid() {
		return alt{}, false
	}
	p, ok := c.bindPath(fn, call, s.returns)
	if !ok {
		return alt{}, false
	}
	if !s.returnsDone {
		return alt{kind: altRecv, p: p}, true
	}
	a := alt{kind: altDone, p: p}
	if s.returnsCancel.valid() {
		a.cancel, _ = c.bindPath(fn, call, s.returnsCancel)
	}
	return a, true
}

// doneOf returns ctx when e is ctx.Done() for a context ctx.
func (c *checker) doneOf(e ast.Expr) (path, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return path{}, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" || !isContextType(c.typeOf(sel.X)) && !c.embedsContext(sel) {
		return path{}, false
	}
	x := sel.X
	if in, ok := ast.Unparen(x).(*ast.CallExpr); ok && len(in.Args) == 0 {
		// req.Context().Done(): the context the request carries, as
		// h.ctx.Done() is the one h keeps.
		if m, ok := ast.Unparen(in.Fun).(*ast.SelectorExpr); ok && m.Sel.Name == "Context" {
			x = m.X
		}
	}
	p := pathOf(c.info, x)
	return p, p.valid()
}

// embedsContext reports whether sel selects the Done of a context.Context
// that the operand's type embeds (h.ctx.Done(), h.ctx a caddy.Context
// holding the context it was made from): the embedded context's Done.
func (c *checker) embedsContext(sel *ast.SelectorExpr) bool {
	s, ok := c.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || len(s.Index()) < 2 {
		return false
	}
	m, ok := s.Obj().(*types.Func)
	return ok && m.Pkg() != nil && m.Pkg().Path() == "context" && contextLike(c.typeOf(sel.X))
}

// bounded reports whether receiving from e ends on its own: a timer's or
// ticker's channel, time.After, time.Tick, or a local variable that only
// ever holds one of those (done := time.After(d)).
func (c *checker) bounded(e ast.Expr) bool {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		return isFunc(callee(c.info, call), "time", "After", "Tick")
	}
	if sel, ok := e.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		return isNamed(c.typeOf(sel.X), "time", "Timer") || isNamed(c.typeOf(sel.X), "time", "Ticker")
	}
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := c.info.Uses[id].(*types.Var); ok && isChan(v.Type()) {
			return c.timerVar(v)
		}
	}
	return false
}

// timerVar reports whether the local variable v is assigned only timers'
// channels: time.After(d), time.Tick(d), t.C.
func (c *checker) timerVar(v *types.Var) bool {
	if b, ok := c.timerVars[v]; ok {
		return b
	}
	if c.timerVars == nil {
		c.timerVars = make(map[*types.Var]bool)
	}
	c.timerVars[v] = false // while in progress
	body := c.declBody(v)
	if body == nil || isGlobal(v) || c.isParamVar(v) {
		return false
	}
	assigned, only := false, true
	ast.Inspect(body, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && pathOf(c.info, u.X).root == v {
			only = false // &done: set elsewhere
		}
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			if p := pathOf(c.info, l); p.root != v || p.fields != "" {
				continue
			}
			assigned = true
			if len(lhs) != len(rhs) || !c.bounded(rhs[i]) {
				only = false
			}
		}
		return only
	})
	c.timerVars[v] = assigned && only
	return assigned && only
}

// recvAlt returns the alternative of receiving from e (the operand of <-,
// or of range), and false when the receive is bounded or unknown.
func (c *checker) recvAlt(e ast.Expr) (alt, bool) {
	if c.bounded(e) {
		return alt{}, false
	}
	if ctx, ok := c.doneOf(e); ok {
		a := alt{kind: altDone, p: ctx}
		if ctx.fields != "" {
			a.cancel, _ = c.pairedCancel(ctx)
		}
		return a, true
	}
	if a, ok := c.returnedAlt(e); ok {
		return a, true
	}
	p := c.chanPath(e)
	if !p.valid() {
		if p = c.accessorChan(e); p.valid() {
			return alt{kind: altRecv, p: p}, true
		}
		return alt{}, false
	}
	return alt{kind: altRecv, p: p}, true
}

// accessorChan returns, for s.StopNotify() where the pass cannot tell
// which channel the method returns (an interface's method, one of another
// package whose summary does not say) and s is a variable, a path naming
// the call on it (s.StopNotify()): the channel belongs to s, and a wait on
// it is released by stopping s (releases), or by whoever owns s, as for
// ch := s.StopNotify() (subscribed): the caller that gave s, the owner of
// the value a call returned it from (s, _ := p.Status(id)); not a local
// the function never gave a value (owner).
func (c *checker) accessorChan(e ast.Expr) path {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 || !isChan(c.typeOf(call)) {
		return path{}
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return path{}
	}
	if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return path{}
	}
	if f := callee(c.info, call); f != nil && f.Pkg() == c.pass.Pkg {
		if sig, ok := f.Type().(*types.Signature); !ok || sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
			return path{} // a method the pass reads: its summary said
		}
	}
	recv := pathOf(c.info, sel.X)
	if !recv.valid() || recv.fields != "" {
		return path{} // h.src.Out(): a stream of what a field holds, unnamed
	}
	recv.fields += "." + sel.Sel.Name + "()"
	return recv
}

// viaAccessor reports whether p ends in a method call (s.StopNotify(),
// as accessorChan and subscribed name a channel the pass cannot read).
func (p path) viaAccessor() bool { return strings.HasSuffix(p.fields, "()") }

// rebased returns a with its path replaced by p, the path it copies, and
// a context's cancel found for p.
func (c *checker) rebased(a alt, p path) alt {
	a.p = p
	if a.kind == altDone && !a.cancel.valid() && p.fields != "" {
		a.cancel, _ = c.pairedCancel(p)
	}
	return a
}

// commAlt returns the alternative a select case's communication waits on.
func (c *checker) commAlt(comm ast.Stmt) (a alt, ok, bounded bool) {
	if send, isSend := comm.(*ast.SendStmt); isSend {
		p := pathOf(c.info, send.Chan)
		return alt{kind: altSend, p: p}, p.valid(), false
	}
	e := recvOperand(comm)
	if e == nil {
		return alt{}, false, false
	}
	x := ast.Unparen(e).(*ast.UnaryExpr).X
	if c.bounded(x) {
		return alt{}, false, true
	}
	a, ok = c.recvAlt(x)
	return a, ok, false
}

// blocksIn returns the blocks of a function body (not of the goroutines it
// starts, nor of function literals it only defines), keeping alternatives
// whose path keep accepts. A block with an alternative keep rejects (a
// channel of the function's own) is left out: the function releases it
// itself, as far as its callers can tell.
func (c *checker) blocksIn(body *ast.BlockStmt, keep func(path) bool) []block {
	w := &blockWalk{c: c, keep: keep}
	w.stmts(body.List)
	return w.blocks
}

type blockWalk struct {
	c         *checker
	keep      func(path) bool
	deadlined []path // values given a deadline (SetDeadline) before: their reads end on their own
	fired     []path // channels the function of a timer that has fired sends on (firedTimerSends)
	opaque    bool   // it calls a function value the pass cannot read, which may block
	// returnAfter: the statements walked are a branch of an if that a
	// return follows (stmts).
	returnAfter bool
	locks       bool          // it takes a sync.Mutex or RWMutex, which can wait for ever (a deadlock)
	lockCall    *ast.CallExpr // the first call that takes a lock or leads to one, in the walk
	waits       bool          // it may wait at all: a block, kept or not (on a channel of its own too)
	unread      bool          // it may wait on something not in blocks (see summary.unread)
	// readers and calls, in a summary (summarising): see summary.
	readers     []path
	calls       []int
	summarising bool
	params      *types.Tuple // the summarised function's parameters
	loops       []*loopExit  // how each enclosing loop can be left, innermost last
	// cased counts the switch and select statements around the walk
	// inside the innermost loop: an unlabelled break there leaves them,
	// not the loop.
	cased  int
	blocks []block
	soft   []block // blocks of loops that may also end on their own
	depth  int     // calls followed into function literals called in place
	// wakers: the sync.Conds a context.AfterFunc of the body wakes, with
	// the context that runs it (context.AfterFunc(ctx, cond.Broadcast)).
	wakers []condWaker
	// closers: the goroutines the body starts that close values once their
	// one wait is over (go func() { <-stop; up.Close() }()).
	closers []closer
	// requests: the channel fields the enclosing select cases and ranges
	// received from, innermost last (see repliedTo).
	requests []*types.Var
	// concrete, for a literal started in place, the type of the argument
	// a parameter is given (go func(r io.Reader) { r.Read(b) }(st), st a
	// *Stream): its methods are the concrete type's. nil elsewhere.
	concrete func(path) types.Type
	// buffered: the channels the enclosing for or if statements test for
	// values waiting (for len(ch) > 0 { <-ch }): a receive from one of
	// them there takes a value that is already in its buffer.
	buffered []path
	// counted: for each WaitGroup local to the body, walks of the
	// goroutines the body starts that it counts (countInner).
	counted map[*types.Var][]*blockWalk
}

// A closer is a goroutine a body starts whose one wait, once over, is
// followed by closes: a wait on a value it closes is released by what
// releases the closer's wait (a handler that dials up, starts go func() {
// <-stop; up.Close() }(), then copies from up, ends when stop is closed).
type closer struct {
	effects []effect
	alts    []alt
}

// A condWaker is a Cond woken when a context is done.
type condWaker struct{ cond, ctx path }

// add records a block, unless one of its alternatives is out of reach.
func (w *blockWalk) add(node ast.Node, alts ...alt) {
	if slices.ContainsFunc(alts, func(a alt) bool { return a.kind == altRecv && slices.ContainsFunc(w.fired, a.p.equal) }) {
		return // if !t.Stop() { <-started }: the timer's function has run, or runs, and sends (timer.go)
	}
	if slices.ContainsFunc(alts, stdAlt) {
		if alts = slices.DeleteFunc(slices.Clone(alts), stdAlt); len(alts) == 0 {
			return // a write to os.Stdout: output, not a wait
		}
	}
	w.waits = true
	alts = w.closedBy(alts)
	reached, ok := w.reach(alts)
	if !ok {
		// select { case n := <-res: ...; case <-st.sess.die: }, res a
		// channel from a sync.Pool: what releases res is not known, but
		// releasing die ends the wait too.
		// (Not when what is out of reach is a context's Done: that is
		// likely the stop, as session.ctx.Done() of a session loaded
		// into a local is.)
		w.unread = true
		var known []alt
		unknownDone := false
		for _, a := range alts {
			if r, ok := w.reach([]alt{a}); ok {
				known = append(known, r...)
			} else if a.kind == altDone {
				unknownDone = true
			}
		}
		if len(known) > 0 && len(known) < len(alts) && !unknownDone {
			w.soft = append(w.soft, block{node: node, alts: known, soft: true, partial: true})
		}
		return
	}
	w.blocks = append(w.blocks, block{node: node, alts: reached})
}

// closerOf returns the closer g starts: a literal with one wait, of
// alternatives within reach, and statements of its body (not under a
// condition) that close, cancel or stop.
func (w *blockWalk) closerOf(g *ast.GoStmt) (closer, bool) {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok || len(g.Call.Args) > 0 {
		return closer{}, false
	}
	sub := &blockWalk{c: w.c, keep: w.keep}
	sub.stmts(lit.Body.List)
	if sub.opaque || sub.locks || sub.unread || len(sub.blocks) != 1 || len(sub.soft) > 0 || len(sub.blocks[0].alts) == 0 {
		return closer{}, false
	}
	var es []effect
	for _, s := range lit.Body.List {
		switch s.(type) {
		case *ast.ExprStmt, *ast.DeferStmt:
			for _, e := range w.c.effectsAt(s) {
				if releasesPersistently(e) {
					es = append(es, e)
				}
			}
		}
	}
	if len(es) == 0 {
		return closer{}, false
	}
	return closer{effects: es, alts: sub.blocks[0].alts}, true
}

// closedBy returns the alternatives of a block that a closer started
// before it releases: the closer's, and the block's own within reach.
func (w *blockWalk) closedBy(alts []alt) []alt {
	for _, cl := range w.closers {
		if !slices.ContainsFunc(alts, func(a alt) bool {
			return slices.ContainsFunc(cl.effects, func(e effect) bool { return w.c.releases(e, a) })
		}) {
			continue
		}
		out := slices.Clone(cl.alts)
		for _, a := range alts {
			if r, ok := w.reach([]alt{a}); ok {
				out = append(out, r...)
			}
		}
		return out
	}
	return alts
}

// addSoft records the block of a loop that may also end on its own (see
// block.soft), if all of its alternatives are within reach.
func (w *blockWalk) addSoft(node ast.Node, alts ...alt) {
	w.addSoftOf(node, block{}, alts)
}

// addSoftOf is addSoft for a soft block of a callee, b, whose partial
// flag the new block keeps. A soft block the function has already taken
// from another call (the same alternatives) is not taken again: what
// releases one releases the other, and a chain of helpers each calling
// the next many times would otherwise multiply them (a parser's).
func (w *blockWalk) addSoftOf(node ast.Node, b block, alts []alt) {
	if alts, ok := w.reach(alts); ok {
		if slices.ContainsFunc(w.soft, func(s block) bool { return s.partial == b.partial && slices.Equal(s.alts, alts) }) {
			return
		}
		w.soft = append(w.soft, block{node: node, alts: alts, soft: true, partial: b.partial})
	}
}

// reach returns alts in terms keep accepts: a local copy of a field the
// caller can name (ctx := s.ctx) waits on that field. False when one is
// out of reach.
func (w *blockWalk) reach(alts []alt) ([]alt, bool) {
	cloned := false
	for i, a := range alts {
		if w.keep(a.p) {
			continue
		}
		q, ok := w.c.copyOf(a.p)
		if !ok {
			q, ok = w.c.elemCopy(a.p)
		}
		if !ok || !w.keep(q) {
			return nil, false
		}
		if !cloned {
			alts, cloned = slices.Clone(alts), true
		}
		alts[i] = w.c.rebased(a, q)
	}
	return alts, true
}

// elemCopy returns, for a path below the variable a range over a slice or
// map binds to each element (for _, m := range g.members { <-m.quit }),
// the same path below every element of the container (g.members.[].quit):
// what closes each element's quit releases it.
func (c *checker) elemCopy(p path) (path, bool) {
	x, ok := c.rangedBy()[p.root]
	if !ok || p.fields == "" {
		return path{}, false
	}
	q := pathOf(c.info, x)
	if !q.valid() {
		return path{}, false
	}
	return path{root: q.root, fields: q.fields + elems + p.fields, deref: true}, true
}

func (w *blockWalk) stmts(list []ast.Stmt) {
	// returnAfter: list is a branch of an if that a return follows.
	returnAfter := w.returnAfter
	defer func() { w.returnAfter = returnAfter }()
	for i, s := range list {
		// Followed by a return, here or after the if it ends a branch of.
		returns := i+1 < len(list) && w.c.returnsNext(list, i) || i == len(list)-1 && returnAfter
		if send, ok := s.(*ast.SendStmt); ok {
			if returns {
				w.sendThenReturn(send) // errs <- err; return: the last send, not one of many
				continue
			}
			if i+1 < len(list) {
				if br, ok := list[i+1].(*ast.BranchStmt); ok && br.Tok == token.BREAK && br.Label == nil && len(w.loops) > 0 && w.cased == 0 {
					w.sendThenReturn(send) // done <- true; break: it leaves the loop after this send
					continue
				}
			}
		}
		// if ctx.Err() != nil { errCh <- nil } else { errCh <- err };
		// return: each branch's last send is followed by the return.
		_, isIf := s.(*ast.IfStmt)
		w.returnAfter = returns && isIf
		w.stmt(s)
		w.returnAfter = false
	}
}

// sendThenReturn records a send that the function returns right after.
func (w *blockWalk) sendThenReturn(send *ast.SendStmt) {
	w.expr(send.Value)
	if w.replied(send.Chan) {
		return
	}
	if p := pathOf(w.c.info, send.Chan); p.valid() {
		w.add(send, alt{kind: altSend, p: p, loop: len(w.loops) > 0, exits: len(w.loops) > 0})
	}
}

func (w *blockWalk) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case nil:
	case *ast.GoStmt:
		for _, a := range s.Call.Args {
			w.expr(a) // evaluated here; the call runs elsewhere
		}
		if cl, ok := w.closerOf(s); ok {
			w.closers = append(w.closers, cl)
		}
		w.countInner(s)
	case *ast.SendStmt:
		w.expr(s.Value)
		if w.replied(s.Chan) || w.c.madeForSend(s) {
			return // t.portC = make(chan int, 1); t.portC <- port: it finds room
		}
		if p := pathOf(w.c.info, s.Chan); p.valid() {
			w.add(s, alt{kind: altSend, p: p, loop: len(w.loops) > 0})
		}
	case *ast.SelectStmt:
		w.selectStmt(s)
	case *ast.RangeStmt:
		w.expr(s.X)
		if isChan(w.c.typeOf(s.X)) {
			if a, ok := w.c.recvAlt(s.X); ok {
				a.loop = true // only close ends it
				if ex := w.c.loopExits(s.Body); len(ex.cases) == 0 && !ex.free {
					a.ranged = true
				}
				w.add(s, a)
			} else if w.c.bounded(s.X) {
				w.endless(s, s.Body)
			} else if a, ok := w.c.ownerAlt(s.X); ok {
				a.loop = true
				w.add(s, a) // for v := range from.Out(), from a parameter: its owner ends the stream
			} else {
				w.waits, w.unread = true, true // for range b.Notify(): what closes it is not known
			}
		}
		if req := fieldVarOf(w.c.info, s.X); req != nil && isChan(w.c.typeOf(s.X)) {
			w.requests = append(w.requests, req)
			defer func() { w.requests = w.requests[:len(w.requests)-1] }()
		}
		n := len(w.buffered)
		if p, ok := w.c.lenOfChan(s.X); ok {
			w.buffered = append(w.buffered, p) // for range len(ch) { v += <-ch }
		}
		w.loop(s, s.Body)
		w.buffered = w.buffered[:n]
	case *ast.ForStmt:
		w.stmt(s.Init)
		w.expr(s.Cond)
		if s.Cond == nil {
			w.endless(s, s.Body)
		} else if alts := w.c.flagExits(s.Cond, s.Body); len(alts) > 0 {
			w.addSoft(s, alts...) // for !p.closed.Load() { ... } (flag.go)
		}
		n := len(w.buffered)
		if p, ok := w.c.hasValues(s.Cond); ok {
			w.buffered = append(w.buffered, p)
		}
		w.loop(s, s.Body)
		w.buffered = w.buffered[:n]
		w.stmt(s.Post)
	case *ast.BlockStmt:
		w.stmts(s.List)
	case *ast.LabeledStmt:
		w.stmt(s.Stmt)
	case *ast.IfStmt:
		w.stmt(s.Init)
		w.expr(s.Cond)
		if w.c.neverSetGuard(s.Cond) {
			w.stmt(s.Else) // if c.hook != nil { <-c.hook }, with hook never set
			return
		}
		n, m := len(w.fired), len(w.buffered)
		w.fired = append(w.fired, w.c.firedTimerSends(s.Cond)...)
		if p, ok := w.c.hasValues(s.Cond); ok {
			w.buffered = append(w.buffered, p)
		}
		w.stmts(s.Body.List)
		w.fired, w.buffered = w.fired[:n], w.buffered[:m]
		w.stmt(s.Else)
	case *ast.SwitchStmt:
		w.stmt(s.Init)
		w.expr(s.Tag)
		w.cased++
		for _, cc := range s.Body.List {
			w.stmts(cc.(*ast.CaseClause).Body)
		}
		w.cased--
	case *ast.TypeSwitchStmt:
		w.stmt(s.Init)
		w.stmt(s.Assign)
		w.cased++
		for _, cc := range s.Body.List {
			w.stmts(cc.(*ast.CaseClause).Body)
		}
		w.cased--
	case *ast.ExprStmt:
		w.expr(s.X)
	case *ast.AssignStmt:
		for _, e := range s.Rhs {
			w.expr(e)
		}
	case *ast.DeclStmt:
		ast.Inspect(s, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok {
				w.expr(e)
				return false
			}
			return true
		})
	case *ast.ReturnStmt:
		for _, e := range s.Results {
			w.expr(e)
		}
	case *ast.DeferStmt:
		w.expr(s.Call)
	case *ast.IncDecStmt:
		w.expr(s.X)
	}
}

func (w *blockWalk) loop(s ast.Stmt, body *ast.BlockStmt) {
	w.loops = append(w.loops, w.c.loopExits(body))
	cased := w.cased
	w.cased = 0
	w.stmts(body.List)
	w.cased = cased
	w.loops = w.loops[:len(w.loops)-1]
}

// A loopExit says how a loop can be left: by an exit outside any select
// case of its own (free), or only by the cases listed.
type loopExit struct {
	free  bool
	cases map[*ast.CommClause]bool
}

// loopExits finds the statements of a loop's body that leave the loop: a
// return, a goto, a break that is not an unlabelled break of a statement
// inside the loop (a select, a switch, a nested loop), a labelled break or
// continue of a statement around it, a call that ends the goroutine or the
// process. Each is either inside a case of a select that belongs to the
// loop itself (not to a nested loop), or free.
func (c *checker) loopExits(body *ast.BlockStmt) *loopExit {
	if ex, ok := c.exits[body]; ok {
		return ex
	}
	ex := &loopExit{cases: make(map[*ast.CommClause]bool)}
	eachLoopExit(body, func(_ ast.Node, cc *ast.CommClause) {
		if cc == nil {
			ex.free = true
		} else {
			ex.cases[cc] = true
		}
	})
	c.exits[body] = ex
	return ex
}

// eachLoopExit calls f with each statement of a loop's body that leaves
// the loop (see loopExits), and the case of the loop's own select it is
// in, if any.
func eachLoopExit(body *ast.BlockStmt, f func(n ast.Node, cc *ast.CommClause)) {
	inner := make(map[string]bool) // labels of statements inside the body
	ast.Inspect(body, func(n ast.Node) bool {
		if l, ok := n.(*ast.LabeledStmt); ok {
			inner[l.Label.Name] = true
		}
		_, lit := n.(*ast.FuncLit)
		return !lit
	})
	var visit func(n ast.Node, breakable, loops int, cc *ast.CommClause)
	visit = func(n ast.Node, breakable, loops int, cc *ast.CommClause) {
		leave := false
		switch n := n.(type) {
		case nil, *ast.FuncLit:
			return
		case *ast.ForStmt, *ast.RangeStmt:
			loops++
			breakable++
		case *ast.SwitchStmt, *ast.TypeSwitchStmt:
			breakable++
		case *ast.SelectStmt:
			if loops == 0 {
				for _, st := range n.Body.List {
					clause := st.(*ast.CommClause)
					for _, s := range clause.Body {
						visit(s, breakable+1, loops, clause)
					}
				}
				return
			}
			breakable++
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO:
				leave = n.Label == nil || !inner[n.Label.Name] // goto again, inside: a retry
			case n.Label != nil:
				leave = !inner[n.Label.Name]
			case n.Tok == token.BREAK:
				leave = breakable == 0
			}
		default:
			// A panic is no way out of a loop: the goroutine that takes it
			// crashes the process, it does not end (case w.c <- v: if
			// n < 0 { panic(...) }, an assertion).
			leave = leaves(n) && !panics(n)
		}
		if leave {
			f(n, cc)
			return
		}
		ast.Inspect(n, func(m ast.Node) bool {
			if m == n {
				return true
			}
			visit(m, breakable, loops, cc)
			return false
		})
	}
	for _, s := range body.List {
		visit(s, 0, 0, nil)
	}
}

// endless records the block of a loop with no condition (or a range over
// a ticker), which ends only by the exits found in its body: none at all
// (for range ticker.C), or only in cases of its selects (for { select {
// case <-stop: return; case j := <-jobs: ... } }), which are then its
// alternatives. A free exit (under an if, after a receive that may fail,
// in a default or timeout case) may come on its own: no block, only a
// soft one (block.soft) when its selects' cases leave it too.
func (w *blockWalk) endless(loop ast.Stmt, body *ast.BlockStmt) {
	ex := w.c.loopExits(body)
	var alts []alt
	// In the order of the source: what the pass makes of a block may
	// depend on which alternative it meets first, and must not change
	// from run to run.
	cases := slices.SortedFunc(maps.Keys(ex.cases), func(a, b *ast.CommClause) int { return cmp.Compare(a.Pos(), b.Pos()) })
	for _, cc := range cases {
		if cc.Comm == nil {
			return // default
		}
		a, ok, bounded := w.c.commAlt(cc.Comm)
		if bounded || !ok {
			return // a timeout, or something unknown, leaves the loop
		}
		a.exits, a.loop = true, true
		alts = append(alts, a)
	}
	if ex.free {
		// A free exit (if p.closed() { return }) may come on its own,
		// or never: releasing a case's alternative ends the loop too,
		// as does setting a flag it polls (if p.stopped.Load() {
		// return }, flag.go).
		alts = append(alts, w.c.flagExits(nil, body)...)
		if len(alts) > 0 {
			w.addSoft(loop, alts...)
		}
		return
	}
	n := len(w.blocks)
	w.add(loop, alts...)
	if len(alts) == 0 && len(w.blocks) > n {
		w.blocks[n].endless = true
	}
}

// addOf is add for a block b of a callee, whose endless flag the new
// block keeps.
func (w *blockWalk) addOf(node ast.Node, b block, alts []alt) {
	n := len(w.blocks)
	w.add(node, alts...)
	if b.endless && len(alts) == 0 && len(w.blocks) > n {
		w.blocks[n].endless = true
	}
}

// leaves reports whether the statement n itself leaves the function or
// ends the goroutine: a return, or a call of panic, os.Exit, log.Fatal,
// t.Fatal, runtime.Goexit and the like.
func leaves(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := n.X.(*ast.CallExpr); ok {
			switch fun := ast.Unparen(call.Fun).(type) {
			case *ast.Ident:
				return fun.Name == "panic"
			case *ast.SelectorExpr:
				switch fun.Sel.Name {
				case "Exit", "Fatal", "Fatalf", "Fatalln", "FailNow", "Goexit", "Skip", "Skipf", "SkipNow", "Panic", "Panicf", "Panicln":
					return true
				}
			}
		}
	}
	return false
}

// panics reports whether the statement n is a call of panic, or of a
// logger's Panic, Panicf or Panicln.
func panics(n ast.Node) bool {
	es, ok := n.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun.Name == "panic"
	case *ast.SelectorExpr:
		return strings.HasPrefix(fun.Sel.Name, "Panic")
	}
	return false
}

func (w *blockWalk) selectStmt(s *ast.SelectStmt) {
	var alts []alt
	blocking := true
	timed, open := false, false // a timer's case; a default or an unknown case
	for _, st := range s.Body.List {
		cc := st.(*ast.CommClause)
		if cc.Comm == nil {
			blocking, open = false, true // default
			continue
		}
		if send, ok := cc.Comm.(*ast.SendStmt); ok {
			w.expr(send.Value)
			if w.replied(send.Chan) {
				blocking, open = false, true // the requester receives it
				continue
			}
		}
		a, ok, bounded := w.c.commAlt(cc.Comm)
		switch {
		case bounded:
			blocking, timed = false, true
		case ok:
			a.loop = len(w.loops) > 0
			a.exits = a.loop && w.loops[len(w.loops)-1].cases[cc] || !a.loop && w.c.commLast(cc)
			alts = append(alts, a)
		default:
			blocking, open = false, true // a receive from something unknown: assume it comes
		}
	}
	switch {
	case blocking:
		w.add(s, alts...)
	case timed && !open && len(alts) > 0:
		// case <-timer.C: ...; case <-b.closeCh: return: the timer ends
		// the wait on its own, and so does a close of closeCh, sooner.
		w.addSoft(s, alts...)
	}
	for _, st := range s.Body.List {
		cc := st.(*ast.CommClause)
		req := w.c.recvField(cc.Comm)
		if req != nil {
			w.requests = append(w.requests, req)
		}
		w.cased++
		w.stmts(cc.Body)
		w.cased--
		if req != nil {
			w.requests = w.requests[:len(w.requests)-1]
		}
	}
}

// replied reports whether a send on ch answers the request being served:
// ch is a field every function of the package that sends on the request
// field receives from afterwards (Call: s.reqc <- v; return <-s.respc),
// so the requester takes the reply and the send waits on no one else.
func (w *blockWalk) replied(ch ast.Expr) bool {
	resp := fieldVarOf(w.c.info, ch)
	return resp != nil && slices.ContainsFunc(w.requests, func(req *types.Var) bool { return w.c.repliedTo(req, resp) })
}

// recvField returns the channel field a select case receives from
// (case v := <-s.reqc), or nil.
func (c *checker) recvField(comm ast.Stmt) *types.Var {
	if u, ok := recvOperand(comm).(*ast.UnaryExpr); ok {
		return fieldVarOf(c.info, u.X)
	}
	return nil
}

// stdAlt reports whether a waits on os.Stdout or os.Stderr (stdStream).
func stdAlt(a alt) bool { return a.p.fields == "" && stdVar(a.p.root) }

// stdStream reports whether e is os.Stdout or os.Stderr: a write there
// is output, which nothing is meant to release by closing it.
func stdStream(info *types.Info, e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, _ := info.Uses[sel.Sel].(*types.Var)
	return stdVar(v)
}

// writeOnlyWrapper reports whether t is a writer of another package that
// writes into another writer it is given, one it can be Reset to, such as
// *flate.Writer or *gzip.Writer. A write into it waits only as whatever it
// writes into does, and its Close flushes rather than releasing a Write
// that is waiting.
func writeOnlyWrapper(t types.Type, here *types.Package) bool {
	if t == nil || types.IsInterface(t) {
		return false
	}
	if n, ok := types.Unalias(derefType(t)).(*types.Named); !ok || n.Obj().Pkg() == nil || n.Obj().Pkg() == here {
		return false
	}
	if !hasMethod(t, "Write") || hasMethod(t, "Read") {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Reset")
	reset, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	params := reset.Type().(*types.Signature).Params()
	return params.Len() >= 1 && isNamed(params.At(0).Type(), "io", "Writer")
}

// stdVar reports whether v is os.Stdout or os.Stderr.
func stdVar(v *types.Var) bool {
	return v != nil && v.Pkg() != nil && v.Pkg().Path() == "os" && (v.Name() == "Stdout" || v.Name() == "Stderr")
}

// fieldVarOf returns the field e selects (s.reqc), or nil.
func fieldVarOf(info *types.Info, e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s := info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
		v, _ := s.Obj().(*types.Var)
		return v
	}
	return nil
}

// repliedTo reports whether every function of the package that sends on
// the channel field req receives from the field resp after it, and one
// does: a request and its reply.
func (c *checker) repliedTo(req, resp *types.Var) bool {
	key := [2]*types.Var{req, resp}
	if r, ok := c.replies[key]; ok {
		return r
	}
	if c.replies == nil {
		c.replies = make(map[[2]*types.Var]bool)
	}
	sends, answered := 0, 0
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			var reqs []token.Pos
			var last token.Pos
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SendStmt:
					if fieldVarOf(c.info, n.Chan) == req {
						reqs = append(reqs, n.Pos())
					}
				case *ast.UnaryExpr:
					if n.Op == token.ARROW && fieldVarOf(c.info, n.X) == resp {
						last = max(last, n.Pos())
					}
				}
				return true
			})
			for _, p := range reqs {
				sends++
				if last > p {
					answered++
				}
			}
		}
	}
	r := sends > 0 && answered == sends
	c.replies[key] = r
	return r
}

// hasValues returns the channel that cond tests for values in its buffer:
// len(ch) > 0, len(ch) != 0, len(ch) >= 1, 0 < len(ch); or that bounds a
// count by its length (i < len(ch), len(ch) > i): a loop that receives
// once a turn takes no more than the buffer holds.
func (c *checker) hasValues(cond ast.Expr) (path, bool) {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return path{}, false
	}
	if p, ok := c.lenOfChan(b.X); ok {
		k := c.constInt(b.Y)
		return p, b.Op == token.GTR && (k == 0 || c.counter(b.Y)) || b.Op == token.NEQ && k == 0 || b.Op == token.GEQ && k == 1
	}
	if p, ok := c.lenOfChan(b.Y); ok {
		return p, b.Op == token.LSS && (c.constInt(b.X) == 0 || c.counter(b.X))
	}
	return path{}, false
}

// counter reports whether e is a local variable (a loop's count), not a
// constant.
func (c *checker) counter(e ast.Expr) bool {
	v, ok := c.info.Uses[identOf(e)].(*types.Var)
	return ok && !isGlobal(v) && c.constInt(e) < 0
}

// lenOfChan returns the channel e takes the length of: len(ch).
func (c *checker) lenOfChan(e ast.Expr) (path, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !isBuiltinCall(c.info, call, "len") || !isChan(c.typeOf(call.Args[0])) {
		return path{}, false
	}
	p := pathOf(c.info, call.Args[0])
	return p, p.valid()
}

// expr records the blocks of an expression: receives, and calls of
// functions that block.
func (w *blockWalk) expr(e ast.Expr) {
	if e == nil {
		return
	}
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				w.expr(n.X)
				if p := pathOf(w.c.info, n.X); p.valid() && slices.ContainsFunc(w.buffered, p.equal) {
					return false // for len(ch) > 0 { <-ch }: a value is there
				}
				if a, ok := w.c.recvAlt(n.X); ok {
					if w.c.offered(a.p) {
						return false // return <-q.length: a goroutine of q's offers it
					}
					a.loop = len(w.loops) > 0
					// func (p *pump) loop() { <-p.quit }: its last act, so
					// one send ends it, as a send ends a loop it leaves.
					a.exits = !a.loop && w.c.lastAct(n)
					w.add(n, a)
				} else if !w.c.bounded(n.X) && isChan(w.c.typeOf(n.X)) {
					w.waits, w.unread = true, true // <-b.Notify() of an interface: what releases it is not known
				}
				return false
			}
		case *ast.CallExpr:
			w.call(n)
			return false
		}
		return true
	})
}

// call records the blocks of a call: those of the function it calls,
// mapped to this body's terms, or, for a method of a value that has a stop
// method (a connection, a listener, a server) whose code is not summarised,
// the call itself, which stopping the value releases.
func (w *blockWalk) call(call *ast.CallExpr) {
	for _, a := range call.Args {
		w.expr(a)
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && strings.HasPrefix(sel.Sel.Name, "Set") && strings.HasSuffix(sel.Sel.Name, "Deadline") {
		if p := pathOf(w.c.info, sel.X); p.valid() {
			w.deadlined = append(w.deadlined, p) // c.SetDeadline(t): its reads and writes end by t
		}
	}
	viaField := w.c.fieldFunc(call)
	if p := pathOf(w.c.info, call.Fun); p.valid() {
		if t := w.c.typeOf(call.Fun); isNamed(t, "context", "CancelFunc") || isNamed(t, "context", "CancelCauseFunc") {
			// cancel(): a context's cancel function, which never waits
		} else if len(viaField) > 0 {
			// c.submit(q), c.submit = c.consume: the methods it holds
		} else if lit := w.c.heldLit(p); lit != nil && w.depth < 2 {
			// reply(msg), reply := func(...) {...}: a local that only
			// holds a function literal runs it here.
			w.depth++
			w.stmts(lit.Body.List)
			w.depth--
			return
		} else if i := w.paramIndex(p); i >= 0 {
			w.addCall(i) // replyFor(cmd): what the caller gives
		} else if w.c.quietResult(p) {
			return // f, resolve := NewFuture(ctx); resolve(err): it cancels, never waits
		} else if _, ok := t.Underlying().(*types.Signature); ok {
			w.opaque = true // f(): a function value, which may block on anything
		}
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok && w.depth < 2 {
		w.depth++
		w.stmts(lit.Body.List) // func() { ... }(): runs here
		w.depth--
		return
	}
	fn := callee(w.c.info, call)
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		w.expr(sel.X)
	}
	if fn == nil {
		// c.submit(q): each function the field may hold, as if all ran.
		for _, f := range viaField {
			w.callTo(call, f)
		}
		return
	}
	w.callTo(call, fn)
}

// callTo records the waits of call, a call of fn.
func (w *blockWalk) callTo(call *ast.CallExpr, fn *types.Func) {
	if isMethod(fn, "sync", "Mutex", "Lock") || isMethod(fn, "sync", "RWMutex", "Lock", "RLock") {
		w.locks = true
		w.lockCall = cmp.Or(w.lockCall, call)
	}
	if isMethod(fn, "sync", "WaitGroup", "Go") {
		// wg.Go(func() { ... }): counted in wg, as go with Add and Done.
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && len(call.Args) == 1 {
			lit, _ := ast.Unparen(call.Args[0]).(*ast.FuncLit)
			if p := pathOf(w.c.info, sel.X); lit != nil && p.valid() && p.fields == "" && !isGlobal(p.root) {
				w.innerOf(p.root, lit)
			}
		}
		return
	}
	if isMethod(fn, "sync", "WaitGroup", "Wait") {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if p := pathOf(w.c.info, sel.X); p.valid() && w.waitInner(call, p) {
				return // the body's own goroutines: what they wait on
			} else if p.valid() {
				w.add(call, alt{kind: altWait, p: p, loop: len(w.loops) > 0})
			}
		}
		return
	}
	if isMethod(fn, "sync", "Cond", "Wait") {
		// for !quit && len(ready) == 0 { cond.Wait() }: a Broadcast or
		// Signal of the same Cond releases it (callEffects), the stop
		// that sets quit first; so does the end of a context whose
		// AfterFunc wakes it.
		w.waits = true
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if p := pathOf(w.c.info, sel.X); p.valid() {
				alts := []alt{{kind: altIO, p: p, loop: len(w.loops) > 0}}
				for _, wk := range w.wakers {
					if wk.cond.equal(p) {
						alts = append(alts, alt{kind: altDone, p: wk.ctx, loop: len(w.loops) > 0})
					}
				}
				w.add(call, alts...)
			}
		}
		return
	}
	if i := stdRunsArg(fn); i >= 0 {
		// pprof.Do(ctx, labels, w.loop), once.Do(s.init): what it is
		// given runs here, before it returns.
		w.callArg(fn, call, i)
		return
	}
	if isFunc(fn, "context", "AfterFunc") && len(call.Args) == 2 {
		if cond, ok := w.c.condWoken(call.Args[1]); ok {
			if ctx := pathOf(w.c.info, call.Args[0]); ctx.valid() {
				w.wakers = append(w.wakers, condWaker{cond: cond, ctx: ctx})
			}
		}
	}
	through := false
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && blockingName(fn.Name()) {
		// c.r.ReadString, c.dec.Decode: a reader made over a connection
		// (c.r = bufio.NewReader(c.conn)) waits on the connection, whatever
		// the reader's own code says.
		if q, ok := w.c.readsThroughExpr(sel.X); ok {
			through = true
			if !slices.ContainsFunc(w.deadlined, func(d path) bool { return d.prefixOf(q) }) {
				w.waits = true
				w.add(call, alt{kind: altIO, p: q})
			}
		}
	}
	if s := w.c.calleeSummary(fn); s != nil {
		w.opaque = w.opaque || s.opaque
		w.locks = w.locks || s.locks
		if s.locks {
			w.lockCall = cmp.Or(w.lockCall, call)
		}
		w.waits = w.waits || s.waits
		w.unread = w.unread || s.unread
		for _, b := range s.blocks {
			if send, ok := b.node.(*ast.SendStmt); ok && w.replied(send.Chan) {
				continue // l.reply() serving a request: its send is the answer the requester waits for
			}
			if through && !slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind != altIO }) {
				continue // ch.recv() on a wrapper made over the connection: it reads the connection
			}
			if alts, ok := w.bindAlts(fn, call, b.alts); ok {
				w.addOf(call, b, alts)
			} else {
				w.unread = true
			}
		}
		for _, b := range s.soft {
			if alts, ok := w.bindAlts(fn, call, b.alts); ok {
				w.addSoftOf(call, b, alts)
			}
		}
		for _, i := range s.calls {
			w.callArg(fn, call, i)
		}
		for _, r := range s.readers {
			if through {
				break // what it reads is the connection it was made over
			}
			p, ok := w.c.bindPath(fn, call, r)
			switch {
			case !ok:
				w.unread = true
			case w.c.stoppable(w.c.pathType(p)):
				w.add(call, alt{kind: altIO, p: p})
			default:
				if q, ok := w.c.readsThrough(p); ok {
					w.add(call, alt{kind: altIO, p: q}) // readCmd(bufio.NewReader(conn))
				} else if !w.concreteIO(call, p, w.typeAt(p)) {
					w.addReaders([]path{p})
				}
			}
		}
		return
	}
	if w.c.summarised(fn) {
		return // its code is known and does not block
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) && w.concrete != nil {
		// r.Read(b) on a parameter given a *Stream: the Stream's Read.
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if p := pathOf(w.c.info, sel.X); p.valid() && w.concreteMethod(call, p, w.concrete(p), fn.Name()) {
				return
			}
		}
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
		w.waits = true // an interface's method: an implementation may wait
	}
	// Not summarised: a blocking method (Read, Accept, Serve...) of a
	// value with a stop method, or a blocking function given such a value
	// (io.Copy(dst, c)), waits on it.
	if !blockingName(fn.Name()) || inMemoryMethod(fn) {
		return
	}
	w.waits = true // io.ReadFull(r, p), c.Accept(): it may wait, on whatever it reads
	var alts []alt
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := w.c.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			// l.Conn().Read(buf): a getter's field is read (argPath).
			if p, ok := w.c.argPath(sel.X, ""); ok && p.valid() && w.c.stoppable(w.c.typeOf(sel.X)) && !stdStream(w.c.info, sel.X) {
				alts = append(alts, alt{kind: altIO, p: p})
			}
		}
	}
	for _, a := range call.Args {
		if stdStream(w.c.info, a) || writeOnlyWrapper(w.c.typeOf(a), w.c.pass.Pkg) {
			continue
		}
		if p := pathOf(w.c.info, a); p.valid() && w.c.stoppable(w.c.typeOf(a)) {
			alts = append(alts, alt{kind: altIO, p: p})
		} else if q, ok := w.c.readsThrough(p); ok {
			alts = append(alts, alt{kind: altIO, p: q}) // io.ReadFull(br, buf)
		}
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && len(alts) == 0 && !through {
		if p, ok := w.c.callerStream(fn, sel.X); ok {
			// str.Recv() on a stream the caller gave (a gRPC handler's
			// ServerStream): the stream ends with its context, which is
			// its owner's, the caller's, to end.
			w.add(call, alt{kind: altIO, p: p, loop: len(w.loops) > 0})
			return
		}
		if ctx, ok := w.c.openedWith(sel.X); ok {
			// st, err := c.Subscribe(ctx, req); st.Recv(): a stream
			// opened with ctx ends when ctx does (a gRPC client stream).
			if r, ok := w.reach([]alt{{kind: altDone, p: ctx, loop: len(w.loops) > 0}}); ok {
				w.add(call, r...)
				return
			}
		}
	}
	if len(alts) == 0 && !through {
		// It waits on what it reads, which is out of reach here: a caller
		// may know what a reader it was given reads (summary.readers).
		// One of this package's types reads and writes as its own
		// methods do (io.Copy(io.Discard, st), st a *Stream).
		ps := w.c.readerOperands(call)
		rest := slices.DeleteFunc(slices.Clone(ps), func(p path) bool {
			return isGlobal(p.root) && p.root.Pkg() != nil && p.root.Pkg().Path() == "io" || // io.Discard
				writeOnlyWrapper(w.typeAt(p), w.c.pass.Pkg) || // src.WriteTo(d.zw): into a compressor
				w.concreteIO(call, p, w.typeAt(p))
		})
		if len(rest) > 0 || len(ps) == 0 {
			w.addReaders(rest)
		}
	}
	alts = slices.DeleteFunc(alts, func(a alt) bool {
		return slices.ContainsFunc(w.deadlined, func(d path) bool { return d.prefixOf(a.p) })
	})
	if len(alts) > 0 {
		w.add(call, alts...)
	}
}

// callerStream returns the parameter at e when fn, a method called on it,
// is a method of an interface the parameter's type is that also has a
// Context() context.Context method: a stream bound to a context (grpc's
// ServerStream and ClientStream, a connect stream), whose end is its
// owner's, the caller who gave it.
func (c *checker) callerStream(fn *types.Func, e ast.Expr) (path, bool) {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return path{}, false
	}
	p := pathOf(c.info, e)
	if !p.valid() || p.fields != "" || isGlobal(p.root) || !c.isParamVar(p.root) || !types.IsInterface(p.root.Type()) {
		return path{}, false
	}
	obj, _, _ := types.LookupFieldOrMethod(p.root.Type(), false, fn.Pkg(), "Context")
	m, ok := obj.(*types.Func)
	if !ok {
		return path{}, false
	}
	ms := m.Type().(*types.Signature)
	return p, ms.Params().Len() == 0 && ms.Results().Len() == 1 && isContextType(ms.Results().At(0).Type())
}

// openedWith returns the context a stream at e was opened with: e is a
// local every assignment of which takes a result of a call given that
// context (st, err := c.Subscribe(ctx, req)), not of a context's own
// derivation. False otherwise.
func (c *checker) openedWith(e ast.Expr) (path, bool) {
	p := pathOf(c.info, e)
	if !p.valid() || p.fields != "" || isGlobal(p.root) || isContextType(p.root.Type()) {
		return path{}, false
	}
	body := c.declBody(p.root)
	if body == nil {
		return path{}, false
	}
	var ctx path
	ok := c.onlyCallResults(body, p.root, func(call *ast.CallExpr, _ int) bool {
		for _, a := range call.Args {
			if q := pathOf(c.info, a); q.valid() && isContextType(c.typeOf(a)) {
				if ctx.valid() && !ctx.equal(q) {
					return false
				}
				ctx = q
			}
		}
		return ctx.valid()
	})
	return ctx, ok && ctx.valid()
}

// typeAt returns the type of the value at p: the argument's, for a
// parameter of a literal started in place (concrete), else p's own.
func (w *blockWalk) typeAt(p path) types.Type {
	if w.concrete != nil {
		if t := w.concrete(p); t != nil {
			return t
		}
	}
	return w.c.pathType(p)
}

// concreteIO records, for a reader or writer at p that a call of another
// package waits on (io.Copy(dst, st)) and whose type t is one of this
// package's, the waits of t's Read and Write: what releases them releases
// the call. False when t has neither, or is not this package's.
func (w *blockWalk) concreteIO(call *ast.CallExpr, p path, t types.Type) bool {
	r := w.concreteMethod(call, p, t, "Read")
	wr := w.concreteMethod(call, p, t, "Write")
	return r || wr
}

// concreteMethod records the waits of the method name of t, a concrete
// type of this package, called on the value at p, with the method's
// receiver put in p's terms. False when t has no such method of this
// package, or its waits are not all on its receiver or globals.
func (w *blockWalk) concreteMethod(call *ast.CallExpr, p path, t types.Type, name string) bool {
	if t == nil || types.IsInterface(t) {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, w.c.pass.Pkg, name)
	m, ok := obj.(*types.Func)
	if !ok || m.Pkg() != w.c.pass.Pkg {
		return false
	}
	s := w.c.calleeSummary(m)
	recv := m.Type().(*types.Signature).Recv()
	if s == nil || recv == nil {
		return false
	}
	rebase := func(alts []alt) ([]alt, bool) {
		out := make([]alt, 0, len(alts))
		for _, a := range alts {
			switch {
			case isGlobal(a.p.root):
			case a.p.root == recv || a.p.root.Pos() == recv.Pos() && a.p.root.Name() == recv.Name():
				a.p = path{root: p.root, fields: p.fields + a.p.fields, deref: p.deref || a.p.deref}
				a.cancel = path{}
			default:
				return nil, false
			}
			out = append(out, a)
		}
		return out, true
	}
	w.waits = w.waits || s.waits
	w.opaque = w.opaque || s.opaque
	w.unread = w.unread || s.unread || len(s.readers) > 0 || len(s.calls) > 0
	w.locks = w.locks || s.locks
	for _, b := range s.blocks {
		if alts, ok := rebase(b.alts); ok {
			w.addOf(call, b, alts)
		} else {
			w.unread = true
		}
	}
	for _, b := range s.soft {
		if alts, ok := rebase(b.alts); ok {
			w.addSoftOf(call, b, alts)
		}
	}
	return true
}

// blockingNames are the prefixes of the names of methods and functions
// that may wait on a connection, listener, server or process until it is
// stopped.
var blockingNames = []string{"Read", "Write", "Accept", "Serve", "ListenAndServe", "Recv", "Receive", "Send", "Copy", "Wait", "Next", "Scan", "Peek", "Discard", "Handle", "Decode", "Encode"}

// addReaders records a wait on what the readers or writers at ps read or
// write: in a summary, for the caller to map when they are its
// parameter's; else, or when there are none, a wait out of reach.
func (w *blockWalk) addReaders(ps []path) {
	if !w.summarising || len(ps) == 0 || slices.ContainsFunc(ps, func(p path) bool { return !w.keep(p) }) {
		w.unread = true
		return
	}
	for _, p := range ps {
		if !slices.ContainsFunc(w.readers, p.equal) {
			w.readers = append(w.readers, p)
		}
	}
}

// readerOperands returns the paths of the receiver and arguments of a
// blocking call that read or write (r.ReadString('\n') on a *bufio.Reader,
// io.ReadFull(r, buf)).
func (c *checker) readerOperands(call *ast.CallExpr) []path {
	var ps []path
	operand := func(e ast.Expr) {
		if t := c.typeOf(e); t != nil && (hasMethod(t, "Read") || hasMethod(t, "Write")) {
			if p := pathOf(c.info, e); p.valid() {
				ps = append(ps, p)
			}
		}
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			operand(sel.X)
		}
	}
	for _, a := range call.Args {
		operand(a)
	}
	return ps
}

// inMemoryMethod reports whether fn is a method of a buffer that reads
// and writes memory (strings.Builder, bytes.Buffer, their readers), which
// never waits.
func inMemoryMethod(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	t := derefType(sig.Recv().Type())
	return isNamed(t, "strings", "Builder") || isNamed(t, "strings", "Reader") || isNamed(t, "bytes", "Buffer") || isNamed(t, "bytes", "Reader")
}

// paramIndex returns the index of the summarised function's parameter
// that p is, or -1.
func (w *blockWalk) paramIndex(p path) int {
	if !w.summarising || w.params == nil || p.fields != "" {
		return -1
	}
	for i := range w.params.Len() {
		if w.params.At(i) == p.root {
			return i
		}
	}
	return -1
}

// stdRunsArg returns the index of the function parameter that fn, of
// the standard library (whose facts the pass does not export), calls
// before it returns; -1 for any other function.
func stdRunsArg(fn *types.Func) int {
	switch {
	case isFunc(fn, "runtime/pprof", "Do"):
		return 2
	case isMethod(fn, "sync", "Once", "Do"):
		return 0
	}
	return -1
}

// methodValue returns the method of this package that e, a method value
// (w.loop), is bound to, when that method takes no parameters but a
// context; nil otherwise.
func (w *blockWalk) methodValue(e ast.Expr) *types.Func {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s, ok := w.c.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return nil
	}
	m, ok := s.Obj().(*types.Func)
	if !ok || m.Pkg() != w.c.pass.Pkg {
		return nil
	}
	params := m.Type().(*types.Signature).Params()
	for i := range params.Len() {
		if !isContextType(params.At(i).Type()) {
			return nil
		}
	}
	return m
}

// addCall records that the summarised function calls its i-th parameter.
func (w *blockWalk) addCall(i int) {
	if !slices.Contains(w.calls, i) {
		w.calls = append(w.calls, i)
	}
}

// callArg walks what the function value given as the i-th argument of
// call, to fn, runs when fn calls it: a literal (or a local that only
// holds one) is read; the caller's own parameter is its caller's to
// give; anything else may wait on anything.
func (w *blockWalk) callArg(fn *types.Func, call *ast.CallExpr, i int) {
	sig := fn.Type().(*types.Signature)
	if i >= len(call.Args) || sig.Variadic() && i >= sig.Params().Len()-1 {
		w.opaque = true
		return
	}
	arg := ast.Unparen(call.Args[i])
	lit, _ := arg.(*ast.FuncLit)
	p := pathOf(w.c.info, arg)
	if lit == nil && p.valid() {
		lit = w.c.heldLit(p)
	}
	switch {
	case lit != nil && w.depth < 2:
		w.depth++
		w.stmts(lit.Body.List)
		w.depth--
	case w.paramIndex(p) >= 0:
		w.addCall(w.paramIndex(p))
	case w.methodValue(arg) != nil && w.depth < 2:
		// pprof.Do(ctx, labels, w.loop): fn runs w.loop, which waits
		// on what its code waits on, through the receiver it is bound
		// to; what fn passes it is not known.
		w.depth++
		w.callTo(&ast.CallExpr{Fun: arg, Lparen: arg.End(), Rparen: arg.End()}, w.methodValue(arg))
		w.depth--
	default:
		w.opaque = true
	}
}

// heldLit returns the function literal that the local at p only ever
// holds.
func (c *checker) heldLit(p path) *ast.FuncLit {
	if p.fields != "" || isGlobal(p.root) {
		return nil
	}
	body := c.bodyAround(p.root) // a local of a function declaration, or of a literal in one
	if body == nil {
		return nil
	}
	return c.onlyFuncLit(p.root, body)
}

// quietResult reports whether the local at p only ever holds a function
// literal that a function of this package returns, at one return, and
// that never waits: no block, no lock, no function value it cannot read
// (f, resolve := NewFuture(ctx), where resolve is func(err error) {
// cancel(err) }). Calling it cannot block.
func (c *checker) quietResult(p path) bool {
	if p.fields != "" || isGlobal(p.root) {
		return false
	}
	body := c.bodyAround(p.root)
	if body == nil {
		return false
	}
	var lit *ast.FuncLit
	ok := c.onlyCallResults(body, p.root, func(call *ast.CallExpr, i int) bool {
		fn := callee(c.info, call)
		if fn == nil {
			return false
		}
		l := c.returnedLit(fn, i)
		if l == nil || lit != nil && l != lit {
			return false
		}
		lit = l
		return true
	})
	if !ok || lit == nil {
		return false
	}
	if q, seen := c.quietLits[lit]; seen {
		return q // false while it is read: a literal that calls itself
	}
	c.quietLits[lit] = false
	w := &blockWalk{c: c, keep: func(p path) bool { return p.valid() }, depth: 1}
	w.stmts(lit.Body.List)
	q := len(w.blocks) == 0 && len(w.soft) == 0 && !w.opaque && !w.locks && !w.unread
	c.quietLits[lit] = q
	return q
}

// returnedLit returns the function literal that fn, a function of this
// package with one return statement, returns as its result i, or nil.
func (c *checker) returnedLit(fn *types.Func, i int) *ast.FuncLit {
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil {
		return nil
	}
	var lit *ast.FuncLit
	returns := 0
	eachReturn(decl.Body, func(ret *ast.ReturnStmt) bool {
		returns++
		if i < len(ret.Results) {
			lit, _ = ast.Unparen(ret.Results[i]).(*ast.FuncLit)
		}
		return true
	})
	if returns != 1 {
		return nil
	}
	return lit
}

// bindAlts puts the alternatives of a block of fn's summary in the terms
// of its call.
func (w *blockWalk) bindAlts(fn *types.Func, call *ast.CallExpr, alts []alt) ([]alt, bool) {
	out := make([]alt, 0, len(alts))
	for _, a := range alts {
		p, ok := w.c.bindPath(fn, call, a.p)
		if !ok && a.kind == altDone && a.p.fields == "" && w.c.rootContextArg(fn, call, a.p.root) {
			continue // l.Accept(context.Background()): that way out never opens
		}
		if !ok && a.kind == altIO && a.p.fields == "" {
			// s.Serve(tls.NewListener(ln, cfg)): the wrapper fails when
			// ln is closed.
			p, ok = w.c.wrappedArg(fn, call, a.p.root)
		}
		if !ok {
			return nil, false
		}
		a.p = p
		if a.cancel.valid() {
			a.cancel, _ = w.c.bindPath(fn, call, a.cancel)
		}
		a.loop = a.loop || len(w.loops) > 0
		out = append(out, a)
	}
	return out, true
}

// wrappedArg returns, for the parameter v of fn given at call a value made
// in place over another (tls.NewListener(ln, cfg), bufio.NewReader(conn)),
// the path of that other value.
func (c *checker) wrappedArg(fn *types.Func, call *ast.CallExpr, v *types.Var) (path, bool) {
	if inner, ok := c.wrapCall(argOf(fn, call, v)); ok {
		q := pathOf(c.info, inner)
		return q, q.valid()
	}
	return path{}, false
}

// rootContextArg reports whether the argument of call for the parameter
// v of fn is context.Background() or context.TODO(), which is never done.
func (c *checker) rootContextArg(fn *types.Func, call *ast.CallExpr, v *types.Var) bool {
	arg, ok := ast.Unparen(argOf(fn, call, v)).(*ast.CallExpr)
	return ok && isFunc(callee(c.info, arg), "context", "Background", "TODO")
}

// argOf returns the argument of call for the parameter v of fn, or nil.
func argOf(fn *types.Func, call *ast.CallExpr, v *types.Var) ast.Expr {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return nil
	}
	for i := range sig.Params().Len() {
		if p := sig.Params().At(i); (p == v || p.Pos() == v.Pos() && p.Name() == v.Name()) && i < len(call.Args) {
			return call.Args[i]
		}
	}
	return nil
}

func blockingName(name string) bool {
	if name != "" && 'a' <= name[0] && name[0] <= 'z' {
		name = string(name[0]-'a'+'A') + name[1:] // ch.recv(), an unexported method
	}
	for _, p := range blockingNames {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// ownerAlt returns, for a range over a channel an interface's method
// returns on a parameter of the function (from.Out(), from an Outlet the
// caller gave), a wait on that parameter: the stream is its owner's, who
// ends the range by closing what it came from. (One receive from it ends
// with a value, which the pass cannot tell will come.) Not for a receiver's field or a package
// variable, whose stream nothing here is known to end.
func (c *checker) ownerAlt(e ast.Expr) (alt, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 || !isChan(c.typeOf(e)) {
		return alt{}, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return alt{}, false
	}
	m, ok := c.info.Uses[sel.Sel].(*types.Func)
	if !ok || !isAbstract(m) {
		return alt{}, false
	}
	p := pathOf(c.info, sel.X)
	if !p.valid() || p.fields != "" {
		return alt{}, false
	}
	if x, ok := c.rangedBy()[p.root]; ok {
		// for _, o := range outlets { go func(o Outlet) { range o.Out() }(o) }
		if q := pathOf(c.info, x); q.valid() && q.fields == "" && c.isParamVar(q.root) {
			return alt{kind: altIO, p: q}, true
		}
	}
	if !c.isParamVar(p.root) {
		return alt{}, false
	}
	return alt{kind: altIO, p: p}, true
}

// countInner records, for a goroutine g the body starts that a WaitGroup
// local to the body counts (wg.Add(1); go func() { defer wg.Done(); ...
// }(), or a literal held in a local, go worker()), what it waits on: a
// later wg.Wait() of the body waits on that (waitInner).
func (w *blockWalk) countInner(g *ast.GoStmt) {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if p := pathOf(w.c.info, g.Call.Fun); !ok && p.valid() {
		lit = w.c.heldLit(p)
	}
	if lit == nil {
		return
	}
	var wg *types.Var
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if _, isLit := n.(*ast.FuncLit); isLit {
			return false
		}
		if call, isCall := n.(*ast.CallExpr); isCall && isMethod(callee(w.c.info, call), "sync", "WaitGroup", "Done") {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				if p := pathOf(w.c.info, sel.X); p.valid() && p.fields == "" && !isGlobal(p.root) && !declaredIn(p.root, lit.Body) {
					wg = p.root
				}
			}
		}
		return true
	})
	if wg != nil {
		w.innerOf(wg, lit)
	}
}

// innerOf walks lit, a goroutine counted in the local WaitGroup wg, and
// keeps what it waits on for wg.Wait().
func (w *blockWalk) innerOf(wg *types.Var, lit *ast.FuncLit) {
	sub := &blockWalk{c: w.c, keep: w.keep, summarising: w.summarising, params: w.params, depth: w.depth + 1, concrete: w.concrete}
	sub.stmts(lit.Body.List)
	if w.counted == nil {
		w.counted = make(map[*types.Var][]*blockWalk)
	}
	w.counted[wg] = append(w.counted[wg], sub)
}

// waitInner takes, for call, wg.Wait() on a WaitGroup local to the body
// that only the body's own goroutines count, what those goroutines wait
// on, as blocks at call: the wait ends when each of them is released, and
// only then. False when wg is counted elsewhere too (given away, or a
// goroutine the walk did not see).
func (w *blockWalk) waitInner(call *ast.CallExpr, wg path) bool {
	subs := w.counted[wg.root]
	if wg.fields != "" || len(subs) == 0 || !w.c.onlyCounted(wg.root) {
		return false
	}
	for _, sub := range subs {
		w.waits = w.waits || sub.waits
		w.opaque = w.opaque || sub.opaque
		w.unread = w.unread || sub.unread
		w.locks = w.locks || sub.locks
		w.lockCall = cmp.Or(w.lockCall, sub.lockCall)
		// Each waited on here, at the Wait.
		for _, b := range sub.blocks {
			b.node = call
			w.blocks = append(w.blocks, b)
		}
		for _, b := range sub.soft {
			b.node = call
			w.soft = append(w.soft, b)
		}
		w.readers = append(w.readers, sub.readers...)
		for _, i := range sub.calls {
			if !slices.Contains(w.calls, i) {
				w.calls = append(w.calls, i)
			}
		}
	}
	return true
}

// onlyCounted reports whether the local WaitGroup v is used only by its
// own methods (wg.Add, wg.Done, wg.Go, wg.Wait) in the body that declares
// it: never given away (&wg) or copied, so the goroutines that body starts
// are all it counts.
func (c *checker) onlyCounted(v *types.Var) bool {
	body := c.bodyAround(v)
	if body == nil {
		return false
	}
	ok := true
	c.eachRef(body, func(r ref) {
		if r.path.root == v && r.kind != useDecl && (r.kind != useMethod || !isMethod(r.method, "sync", "WaitGroup", "Add", "Done", "Go", "Wait")) {
			ok = false
		}
	})
	return ok
}

// A queue's goroutine often serves its length (or another state) on a
// channel of its own in every turn of its loop: for { select { case
// q.length <- len(buf): ...; case v := <-q.in: ... } }, and Len() is
// return <-q.length. A receive there is answered while the queue runs; it
// is not a wait a stop must release.

// offered reports whether p is a field that a goroutine of this package
// offers values on (offeredFields).
func (c *checker) offered(p path) bool {
	if p.fields == "" {
		return false
	}
	k, ok := c.keyOf(p)
	return ok && k.field.owner != nil && c.offeredFields()[k.field]
}

// offeredFields returns the channel fields that some select of the package
// sends on in a case of its own, in a loop that either has no way out (for
// { select { case q.length <- n: ... } }) or is in a function that closes
// the field too (defer close(q.length)): whoever receives from one is
// answered at the loop's next turn, or by the close. (A loop that may
// return without closing leaves a receiver waiting for ever.)
func (c *checker) offeredFields() map[fieldKey]bool {
	if c.offers != nil {
		return c.offers
	}
	c.offers = make(map[fieldKey]bool)
	for cur := range c.preorder((*ast.SelectStmt)(nil)) {
		var loop, fn ast.Node
		for e := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			switch e.Node().(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				if loop == nil {
					loop = e.Node()
				}
				continue
			}
			fn = e.Node()
			break
		}
		if loop == nil || fn == nil {
			continue
		}
		endless := false
		if f, ok := loop.(*ast.ForStmt); ok && f.Cond == nil {
			ex := c.loopExits(f.Body)
			endless = !ex.free && len(ex.cases) == 0 // no way out: no receiver waits past it
		}
		for _, s := range cur.Node().(*ast.SelectStmt).Body.List {
			send, ok := s.(*ast.CommClause).Comm.(*ast.SendStmt)
			if !ok {
				continue
			}
			k, ok := c.keyOf(pathOf(c.info, send.Chan))
			if ok && k.field.owner != nil && (endless || c.closesKey(funcBody(fn), k)) {
				c.offers[k.field] = true
			}
		}
	}
	return c.offers
}

// closesKey reports whether body closes a channel whose key is k.
func (c *checker) closesKey(body ast.Node, k cancelKey) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found && isBuiltinCall(c.info, call, "close") && len(call.Args) == 1 {
			ck, ok := c.keyOf(pathOf(c.info, call.Args[0]))
			found = ok && ck == k
		}
		return !found
	})
	return found
}
