package analyzer

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// This file checks ownership at both ends (own.go). A function that hands
// a goroutine's join or stop on, to its caller, owes the caller an
// obligation: receive from the channel it returns, wait on the WaitGroup
// it was given, close the channel it returns, or call a method that stops
// the value it returns (or that it was called on). At each call, the
// caller must do it on every path, or hand it on again; dropping it is
// reported at the call, naming the go statement it leaks.

// An obKind is what the new owner of a goroutine must do.
type obKind uint8

const (
	obRecv     obKind = iota // receive from the channel (range over it, when sent on more than once)
	obWait                   // call Wait on the WaitGroup
	obStop                   // call one of the methods that stop the value
	obClose                  // close the channel the goroutine receives from
	obCancel                 // cancel the context the goroutine waits on (a context parameter)
	obCallback               // give a function that signals what the caller then waits for (callback.go)
)

// A handoff is what a goroutine's join or stop is handed on with, in the
// spawner's terms.
type handoff struct {
	p    path
	kind obKind
}

// An obligation is a handoff as the callers of a function see it.
type obligation struct {
	// target: -1 the receiver, i >= 0 parameter i, or result(i) for the
	// i-th result.
	target  int
	fields  string      // the path below the target to the value handed on
	kind    obKind      //
	needs   [][]release // for obStop: for each block, the effects that release it
	joins   []release   // for obStop: or any one of these effects, which join it
	methods []string    // for obStop, for messages: the methods that discharge it
	at      string      // the go statement it leaks: "pkg/file.go:12"
	runs    string      // what the goroutine runs, for messages: "tx.awaitDone"
	goStmt  *ast.GoStmt
	more    int  // other goroutines handed on the same way (mergeObligations)
	byName  bool // methods are stops by their names, their effect unseen
	// exits: what the goroutine does as it ends, once released (exits.go).
	exits []exitEffect
	// argEnds: 1+i when stopping the caller's argument i ends the
	// goroutine (a reader of the connection passed in); 0 otherwise.
	argEnds int
	// sendEnds, for obClose: the goroutine returns on the first value it
	// takes from the channel, and is the only one handed it: one send
	// stops it as a close does (vt.done <- true in a TearDown).
	sendEnds bool
	// roomy, for obRecv: the channel has room for every value the
	// goroutine sends, which never waits to send: a receive in one case
	// of a select is as good as one on every path.
	roomy bool
	// drain, for obRecv: the goroutine sends on the channel more than
	// once, in a loop: only a range over it, or receives in a loop, take
	// every value (one receive leaves it blocked on the next send).
	drain bool
	// gate: the boolean option of the caller's value that decides whether
	// the goroutine is started at all (gate.go); nil when none does.
	gate *gate
	// nilStopped, for obStop on the receiver of a method with an error
	// result: the method returns a nil error only once the receiver was
	// stopped (nilstop.go), so a caller that finds it nil owes nothing.
	nilStopped bool
	// closer, for obStop on a result: 1+j when calling the function the
	// callee returns as its result j stops the value (nilstop.go).
	closer int
	// twin, for obStop on a result: 1+j when the callee returns the same
	// value as its result j too (return r, r: a Scope and its io.Closer),
	// so stopping either stops it (nilstop.go).
	twin int
	// failsClean, for the receiver or an argument of a function with an
	// error result: the function hands o on only when its error is nil
	// (nilstop.go), so a caller that finds it not nil owes nothing.
	failsClean bool
	// hooks: the registries of the caller's arguments (or receiver) that
	// the function gives a function stopping the value
	// (c.OnClose(func() { s.Stop() }), OnClose appending to c.hooks):
	// running that registry's functions, as c.Close does, stops it
	// (hooks.go).
	hooks []hook
	// orStop, for obRecv on a result of a method: the stop of the
	// receiver that ends the goroutine as well (Hold returns the channel
	// its monitor closes once Unhold releases it): a caller that calls it
	// owes no receive. In this package only; facts carry the receive.
	orStop *obligation
	// signalled: checkCallback's obligation on what the function a
	// caller gives signals (wg in func() { defer wg.Done() }), its own.
	signalled bool
	// lastCall: 1+i when the goroutine's last act calls the function
	// given as parameter i (lastact.go): a caller whose function signals
	// what it then waits for has seen the goroutine end.
	lastCall int
	// madeFlag: 1+i when the function's boolean result i is true on the
	// paths that start the goroutine and false on all others (err,
	// pending := r.Invoke(req)): a caller on which it is false owes
	// nothing (madeFlagOf).
	madeFlag int
}

func result(i int) int { return -2 - i }

// asResult is o owed by the function's result i instead (a fluent method
// returning the receiver that owed it).
func (o obligation) asResult(i int) obligation {
	o.target = result(i)
	return o
}

func (o obligation) isResult() bool   { return o.target <= -2 }
func (o obligation) resultIndex() int { return -2 - o.target }

// A release is an effect that releases (part of) a goroutine handed on
// with a value: an effect of one of kinds on the path fields below the
// value (prefix: or on a value that holds it, as closing a server stops
// what reads its listener).
type release struct {
	kinds  []effKind
	fields string
	prefix bool
}

// A drop is a call that drops an obligation, found in the package.
type drop struct {
	call *ast.CallExpr
	fn   ast.Node // the function making the call
	o    obligation
}

// computeObligations finds the obligations of the package's functions:
// those of their own go statements handed on to the caller, and those of
// the calls they make that they hand on again, to a fixpoint.
func (c *checker) computeObligations() {
	for _, cur := range c.goStmts {
		fd, ok := inPlaceDecl(enclosingFunc(cur)).Node().(*ast.FuncDecl)
		if !ok {
			continue
		}
		fn, ok := c.info.Defs[fd.Name].(*types.Func)
		if !ok {
			continue
		}
		j := c.joinOf(cur)
		if j.bare {
			continue
		}
		if o, ok := c.goObligation(fd, fn, cur, j); ok {
			c.obligations[fn] = appendObligation(c.obligations[fn], o)
		} else if a, ok := c.argStopOf(fd, fn, cur.Node().(*ast.GoStmt), j); ok {
			// Released by someone else, or ending on its own. When it
			// ends with an argument its caller passed, what it does as it
			// ends is the caller's to know.
			c.argStops[fn] = appendObligation(c.argStops[fn], a)
		}
	}
	// Calls that hand an obligation on again: to the function's own
	// caller, through its receiver, a parameter or a result. The calls are
	// collected once; after the first round, only the calls of functions
	// whose obligations grew in the round before can hand on more.
	// In the order of the source, not of the map: the obligations each
	// function collects, and so the go statement a report names, must not
	// change from run to run.
	var calls []ownCall
	for _, fn := range c.declsInOrder() {
		fd := c.decls[fn]
		if fd.Body == nil {
			continue
		}
		for _, sc := range c.staticCalls(fd) {
			if sc.to != fn {
				calls = append(calls, ownCall{fn, fd, sc.call, sc.to})
			}
		}
	}
	var grew map[*types.Func]bool
	for round := 0; round == 0 || len(grew) > 0; round++ {
		next := make(map[*types.Func]bool)
		for _, oc := range calls {
			if round > 0 && !grew[oc.to.Origin()] {
				continue
			}
			if c.handOnAt(oc) {
				next[oc.fn] = true
			}
		}
		grew = next
	}
}

// accessorWaitsOnly reports whether the blocks wait on v only through
// channels its methods return that the pass cannot read (accessorChan),
// and at least once.
func accessorWaitsOnly(blocks []block, v *types.Var) bool {
	n := 0
	for _, b := range blocks {
		for _, a := range b.alts {
			if a.p.root != v {
				continue
			}
			if !a.p.viaAccessor() {
				return false
			}
			n++
		}
	}
	return n > 0
}

// declsInOrder returns the package's declared functions in the order of
// the source, for walks whose results must not change from run to run.
func (c *checker) declsInOrder() []*types.Func {
	return slices.SortedFunc(maps.Keys(c.decls), func(a, b *types.Func) int { return cmp.Compare(a.Pos(), b.Pos()) })
}

// inPlaceDecl returns, for a function literal run where it is written
// (defer func() { if err == nil { go c.loop() } }(), or func() { ... }()),
// the function around it, out to a declaration; fn itself otherwise. What
// such a literal starts, its function starts.
func inPlaceDecl(fn inspector.Cursor) inspector.Cursor {
	for fn.Valid() {
		lit, ok := fn.Node().(*ast.FuncLit)
		if !ok {
			return fn
		}
		call, ok := fn.Parent().Node().(*ast.CallExpr)
		if !ok || ast.Unparen(call.Fun) != lit {
			return fn
		}
		if _, isGo := fn.Parent().Parent().Node().(*ast.GoStmt); isGo {
			return fn // a goroutine of its own
		}
		fn = enclosingFunc(fn)
	}
	return fn
}

// goObligation returns the obligation the go statement at cur, in fd,
// leaves to fd's callers, if it hands its join or stop on to them.
func (c *checker) goObligation(fd *ast.FuncDecl, fn *types.Func, cur inspector.Cursor, j *goJoin) (obligation, bool) {
	if j.handoff != nil && j.handoff.kind == obCallback {
		// It ends when the function it was given returns: the caller
		// must give one that signals what it then waits for.
		o, ok := c.lift(fd, fn, j.handoff.p, obCallback)
		if !ok || o.target < 0 {
			return obligation{}, false
		}
		g := cur.Node().(*ast.GoStmt)
		o.goStmt, o.at, o.runs = g, c.factPos(g), c.goCallee(g)
		return o, true
	}
	if j.handoff == nil || !j.mayBlock() {
		return obligation{}, false // a goroutine that ends on its own can be let go
	}
	h := *j.handoff
	if accessorWaitsOnly(j.blocks, h.p.root) {
		// <-ch.Out() on the caller's ch, a channel of ch's the pass cannot
		// read (accessorChan): what ends the wait, a stop or a value
		// another goroutine sends through ch, is not known, so the caller
		// owes nothing by name.
		return obligation{}, false
	}
	if h.kind == obCancel && !slices.ContainsFunc(j.blocks, func(b block) bool { return !b.assumed }) {
		// go func() { _ = w.Warm(ctx, name) }(): no wait of it is known,
		// only that it uses ctx. Cancelling ctx is a way to stop it, but
		// it may well end on its own: a caller passing Background owes
		// nothing.
		return obligation{}, false
	}
	if h.kind == obRecv && timedOnly(j) {
		// close(done) after a select its timer ends: receiving from done
		// would only wait for it, and nothing but the timer holds it.
		return obligation{}, false
	}
	if h.kind != obStop && h.p.fields != "" {
		// A WaitGroup or channel in a field: whoever holds the value
		// calls the method that waits or receives (s.wg: s.Stop()).
		h = handoff{p: parentPath(h.p), kind: obStop}
	}
	o, ok := c.lift(fd, fn, h.p, h.kind)
	held := ""
	if !ok && h.kind == obStop {
		// h := &hub{...}; go h.run(); return &Manager{hub: h}: the
		// caller holds the hub through the value it is given.
		var i int
		if i, held, ok = c.heldInResult(fd, h.p); ok {
			o = obligation{target: result(i), kind: obStop}
		}
	}
	if !ok {
		return obligation{}, false
	}
	if o.target == -1 && o.fields == "" && c.heldElsewhere(fd, fn.Type().(*types.Signature).Recv()) {
		// it.start(o): o.register(it), then go it.loop(): the item is
		// kept by o, whose stop is o's owner's business.
		return obligation{}, false
	}
	if o.isResult() && o.fields != "" {
		// Something inside a value it returns: the caller holds the
		// value and stops it whole (db.Close() for db.vlog's goroutine).
		h = handoff{p: path{root: h.p.root}, kind: obStop}
		o.fields, o.kind = "", obStop
	}
	g := cur.Node().(*ast.GoStmt)
	o.goStmt = g
	o.at = c.factPos(g)
	o.runs = c.goCallee(g)
	o.exits = c.exitsOf(fd, fn, g)
	o.argEnds = c.argEndsOf(fn, g, j)
	o.roomy = o.kind == obRecv && !slices.ContainsFunc(j.blocks, func(b block) bool {
		return slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altSend && a.p.equal(h.p) })
	})
	o.closer = c.roomyCloser(fd, fn, o, j, h.p)
	if o.roomy && !j.opaque && c.waitsOnlyInside(fd, j, h.p) {
		// ch := make(chan R, 1); go func() { <-cl.done; ch <- r }();
		// return ch, cl a call in flight the package keeps: its result
		// always has room, and what it waits for is the package's own
		// work, which the caller can neither end nor hurry. Receiving
		// would only wait for it: a caller may drop the channel.
		return obligation{}, false
	}
	// A generator: it sends in a loop over a list it was given, and
	// waits on nothing else (a reader that waits for input between its
	// sends sends as the input comes, and whatever ends the input ends
	// it).
	o.drain = o.kind == obRecv && slices.ContainsFunc(j.keys, func(k joinKey) bool { return k.kind == keyChan && k.multi && k.p.equal(h.p) }) &&
		!slices.ContainsFunc(j.blocks, func(b block) bool {
			return slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind != altSend || !a.p.equal(h.p) })
		}) && !j.opaque && c.sendsOverList(g, fd, h.p)
	o.sendEnds = o.kind == obClose && c.endsOnValue(fd, g, j, h.p)
	o.gate = c.gateOf(fd, fn, g)
	if o.gate == nil {
		o.gate = c.optionGate(fd, fn, g)
	}
	if o.kind == obStop {
		o.needs, o.joins = c.needsOf(j, g, h.p)
		if len(o.needs) == 0 && len(o.joins) == 0 {
			// The value cannot stop it; what it waits on may have come
			// from the caller (NewChan(stop), go c.loop(stop)).
			if i, fields, ok := c.paramChannel(fd, fn, j); ok {
				return c.closeObligation(fn, i, fields, g, o), true
			}
			return obligation{}, false
		}
		if len(o.needs) == 0 && !slices.ContainsFunc(j.blocks, func(b block) bool { return !b.inner }) &&
			(!slices.ContainsFunc(j.keys, func(k joinKey) bool { return k.kind == keyWait }) || !c.callsGiven(g, fd)) {
			// It waits on nothing the pass can name, only maybe inside
			// function values it calls, and no WaitGroup counts it as a
			// worker of its owner running work it was given (RunWorker(f)):
			// a teardown (go c.shutdown(err)), or a notifier draining its
			// queue into the callbacks its value holds, that ends on its
			// own unless what it calls never returns.
			return obligation{}, false
		}
		if held != "" {
			o.needs, o.joins = prefixReleases(o.needs, held), prefixReleases([][]release{o.joins}, held)[0]
			o.methods = c.releasingMethods(fn, o)
		} else {
			o.methods = c.stoppingMethods(c.valueAt(fd, fn, o), j)
		}
		if !slices.ContainsFunc(o.methods, token.IsExported) {
			// No exported method is seen to stop it: the effect goes
			// where the pass cannot follow. A stop by its name stands,
			// unless its code is read and touches nothing the goroutine
			// waits on (a Close that closes cl.closed, which addMapping
			// never looks at).
			v := c.valueAt(fd, fn, o)
			names := slices.DeleteFunc(c.stopNames(v), func(m string) bool { return c.stopMisses(v, m, j, g) })
			if len(names) > 0 {
				o.methods, o.byName = names, true
			}
		}
		if len(o.methods) == 0 {
			// A value none of whose methods stops it: nothing a caller
			// can be told to do with it, unless what its goroutine waits
			// on came from the caller (newSnap(stop) keeping stop in
			// the value it starts s.run on): the caller must close that.
			if i, fields, ok := c.paramChannel(fd, fn, j); ok {
				return c.closeObligation(fn, i, fields, g, o), true
			}
			return obligation{}, false
		}
		if o.target == -1 && slices.Contains(o.methods, fn.Name()) {
			if !c.stopsOnlyOnFailure(fd, c.valueAt(fd, fn, o), j) {
				// The method that starts it stops it too (arms a timer
				// that closes what it waits on: time.AfterFunc(d,
				// b.Flush)).
				return obligation{}, false
			}
			// It stops it only in a cleanup for its failing paths.
			o.methods = slices.DeleteFunc(slices.Clone(o.methods), func(m string) bool { return m == fn.Name() })
			if len(o.methods) == 0 {
				return obligation{}, false
			}
		}
		if c.asyncStop(g, o.methods) {
			// go c.close(err): the goroutine is the stop itself, run
			// asynchronously; it waits only on what that stop waits on,
			// and its owner could do no more than call it again.
			return obligation{}, false
		}
		o.nilStopped = c.nilOnlyStopped(fd, fn, o)
		o.closer = c.closerResult(fd, fn, o)
		o.twin = c.twinResult(fd, fn, o)
	}
	if held != "" && c.holderCleaned(fd, fn, g, o, o.needs) {
		return obligation{}, false // t.Cleanup(m.Stop) before return m: the holder is the fixture
	}
	if c.dischargedLater(fd, g, h.p, o) {
		// A test helper that registers the stop itself
		// (t.Cleanup(s.close) before returning s): a fixture.
		return obligation{}, false
	}
	o.failsClean = c.failsClean(fd, fn, o, g, nil, nil, false)
	o.lastCall = c.lastCallOf(fd, fn, g)
	o.madeFlag = c.madeFlagOf(fd, fn, g, o)
	if o.kind == obStop {
		o.hooks = c.stopHooks(fd, fn, o)
	}
	if o.kind == obRecv && o.isResult() {
		o.orStop = c.receiverStop(fd, fn, g, j)
	}
	return o, true
}

// stopsOnlyOnFailure reports whether fd stops the value at p only in a
// deferred cleanup for the paths that fail (defer func() { if err != nil
// { s.conn.Close() } }()): with those cleanups left out, nothing of fd
// stops it. On the paths that start the goroutine and succeed, it runs on.
func (c *checker) stopsOnlyOnFailure(fd *ast.FuncDecl, p path, j *goJoin) bool {
	var es []effect
	guarded := false
	for _, s := range fd.Body.List {
		var lit *ast.FuncLit
		if d, ok := s.(*ast.DeferStmt); ok {
			lit, _ = ast.Unparen(d.Call.Fun).(*ast.FuncLit)
		}
		if lit == nil {
			es = append(es, c.effectsAt(s)...)
			continue
		}
		for _, t := range lit.Body.List {
			if errCleanup(c.info, t) {
				guarded = true
				continue
			}
			es = append(es, c.effectsAt(t)...)
		}
	}
	return guarded && !c.effectsStop(es, p, j)
}

// errCleanup reports whether s is if err != nil { ... }, with no else,
// for a variable err of type error: in a deferred function, a cleanup
// for the paths that fail.
func errCleanup(info *types.Info, s ast.Stmt) bool {
	is, ok := s.(*ast.IfStmt)
	if !ok || is.Init != nil || is.Else != nil {
		return false
	}
	b, ok := ast.Unparen(is.Cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ || !isNilIdent(b.Y) {
		return false
	}
	id, ok := ast.Unparen(b.X).(*ast.Ident)
	return ok && info.TypeOf(id) != nil && types.Identical(info.TypeOf(id), types.Universe.Lookup("error").Type())
}

// receiverStop returns, for a method fn whose goroutine g is handed on
// with a channel it returns, the obligation to stop its receiver, when a
// method of the receiver other than fn releases every wait of the
// goroutine; nil otherwise.
func (c *checker) receiverStop(fd *ast.FuncDecl, fn *types.Func, g *ast.GoStmt, j *goJoin) *obligation {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return nil
	}
	needs, joins := c.needsOf(j, g, path{root: recv})
	if len(needs) == 0 {
		return nil
	}
	o := obligation{target: -1, kind: obStop, needs: needs, joins: joins, goStmt: g}
	o.methods = c.stoppingMethods(c.valueAt(fd, fn, o), j)
	if len(o.methods) == 0 || slices.Contains(o.methods, fn.Name()) {
		return nil
	}
	return &o
}

// timedOnly reports whether every wait of the goroutine of j is a select,
// outside any loop, that a timer of its own also ends (or a call of a
// helper whose wait is such a select) (select { case
// <-ctx.Done(): case <-t.C: }, then close(done)): it ends on its own, if
// later, and whoever takes the channel it closes or sends on need not
// receive. (Handed on with a value whose stop its select watches, the
// stop is still owed: the timer may be long.)
func timedOnly(j *goJoin) bool {
	if j.opaque || len(j.blocks) == 0 {
		return false
	}
	return !slices.ContainsFunc(j.blocks, func(b block) bool {
		_, sel := b.node.(*ast.SelectStmt)
		_, call := b.node.(*ast.CallExpr) // a helper's such select: sleep(ctx, d)
		return !b.soft || !sel && !call || slices.ContainsFunc(b.alts, func(a alt) bool { return a.loop })
	})
}

// asyncStop reports whether the goroutine of g does nothing but call one
// of the methods that stop the value it is handed on with: go
// c.close(err), go func() { _ = c.close(err) }(), go func() { done <-
// c.Run(ctx) }() (a method whose own cleanup is all it is seen to stop
// with), or a literal choosing
// between such calls (if len(d) == 0 { c.close(x) } else { c.close(d[0]) }).
func (c *checker) asyncStop(g *ast.GoStmt, methods []string) bool {
	stops := func(call *ast.CallExpr) bool {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		fn := callee(c.info, call)
		return ok && fn != nil && fn.Type().(*types.Signature).Recv() != nil && slices.Contains(methods, sel.Sel.Name)
	}
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok {
		return stops(g.Call)
	}
	var only func(list []ast.Stmt) bool
	only = func(list []ast.Stmt) bool {
		if len(list) != 1 {
			return false
		}
		switch s := list[0].(type) {
		case *ast.ExprStmt:
			call, ok := s.X.(*ast.CallExpr)
			return ok && stops(call)
		case *ast.AssignStmt:
			call, ok := s.Rhs[0].(*ast.CallExpr)
			return ok && len(s.Rhs) == 1 && !slices.ContainsFunc(s.Lhs, func(e ast.Expr) bool {
				id, ok := e.(*ast.Ident)
				return !ok || id.Name != "_"
			}) && stops(call)
		case *ast.SendStmt:
			// done <- c.Run(ctx): it runs the method and hands on its
			// result; calling the method again stops nothing.
			call, ok := ast.Unparen(s.Value).(*ast.CallExpr)
			return ok && stops(call)
		case *ast.IfStmt:
			if s.Init != nil || s.Else == nil || !only(s.Body.List) {
				return false
			}
			switch e := s.Else.(type) {
			case *ast.BlockStmt:
				return only(e.List)
			case *ast.IfStmt:
				return only([]ast.Stmt{e})
			}
		}
		return false
	}
	return only(lit.Body.List)
}

// An ownCall is a call in the body of a function of the package (not in
// a function literal), of a function known statically.
type ownCall struct {
	fn   *types.Func
	fd   *ast.FuncDecl
	call *ast.CallExpr
	to   *types.Func
}

// handOnAt lifts the obligations of the function oc calls that the
// calling function hands on to its own callers, and reports whether that
// function has new obligations.
func (c *checker) handOnAt(oc ownCall) (changed bool) {
	fn, fd, call, to := oc.fn, oc.fd, oc.call, oc.to
	changed = c.liftArgStops(fd, fn, call, to)
	for _, o := range c.obligationsOf(to) {
		if c.gateOff(call, to, o.gate, fd) {
			continue // fn's value keeps the goroutine from starting
		}
		if i, fields, ok := c.returnedInPlace(call, o); ok {
			// return newCache(), return &Writer{b: NewBuilder()}: the
			// result goes to this function's caller.
			lifted := o
			lifted.target, lifted.more = result(i), 0
			lifted.fields = fields + o.fields
			if strings.Count(lifted.fields, ".") > maxObligationDepth {
				continue
			}
			if fields != "" {
				lifted.methods = c.methodsDischarging(fn.Type().(*types.Signature).Results().At(i).Type(), lifted)
			}
			lifted.exits = c.liftExits(fd, fn, call, to, o.exits)
			lifted.argEnds = c.liftArgEnds(fn, call, to, o.argEnds)
			lifted.madeFlag = 0 // the callee's flag, not this function's
			lifted.gate = c.liftGate(fd, fn, call, to, o.gate)
			if lifted.closer == 0 {
				lifted.closer = c.argCloserResult(fd, fn, call, to, o, i)
			}
			n := len(c.obligations[fn])
			c.obligations[fn] = appendObligation(c.obligations[fn], lifted)
			changed = changed || len(c.obligations[fn]) != n
			continue
		}
		var p path
		fromLiteral := false
		if e := c.obligationExpr(call, to, o); e != nil {
			p = pathOf(c.info, e)
			p.fields += c.promotedStep(call, o)
			if o.kind == obCallback {
				lit, _ := ast.Unparen(e).(*ast.FuncLit)
				if lit == nil {
					lit = c.localFuncLit(e, fd) // run := func(v int) { fn(v) }; s.onDone(run)
				}
				if v := c.runsParamFunc(lit, fd); v != nil && !c.signalsAny(lit) {
					p = path{root: v} // s.onDone(func(err error) { fn(err) }): fn's giver joins
				}
			}
		} else {
			p = c.assignedPath(call, o)
			if !p.valid() {
				p = c.literalSlot(call, fd) // a := &adapter{cleanup: every(d, f)}
				fromLiteral = p.valid()
			}
		}
		if !p.valid() {
			continue
		}
		// a.cleanup = every(d, f), a made here: the field holds the value
		// the call made, whatever else the package gives that field.
		slot := o.isResult() && p.fields != "" && strings.Count(p.fields, ".") == 1 && declaredIn(p.root, fd.Body) && c.ownedLocal(p.root, fd)
		p.fields += o.fields
		if strings.Count(p.fields, ".") > maxObligationDepth {
			continue // methods that call each other through fields: stop somewhere
		}
		if o.kind == obCallback && (p.fields != "" || paramIndex(fn.Type().(*types.Signature), p.root) < 0) {
			continue // only a function the caller was given hands it on (checkCallback)
		}
		owned := c.fieldsOwned(p)
		if !slot && !owned {
			continue // a field given a value from elsewhere: its owner's business
		}
		slot = slot && (fromLiteral || !owned) // followed only by the slot rule
		if o.kind == obCancel && (p.fields != "" || !c.ctxParam(fd, p.root)) {
			continue // ctx, cancel := context.WithCancel(ctx): fn cancels it itself (checkCancel)
		}
		lifted, ok := c.lift(fd, fn, p, o.kind)
		held := ""
		if !ok && o.kind == obStop {
			// pc := newPool(); return &Pool{poolCommon: pc}: the caller
			// holds pc through the value it is given.
			var i int
			if i, held, ok = c.heldInResult(fd, p); ok {
				lifted = obligation{target: result(i), kind: obStop}
			}
		}
		if !ok || lifted.target == -1 && slices.Contains(o.methods, fn.Name()) {
			continue // not handed on, or fn is itself a method that stops it
		}
		if c.dischargedLater(fd, call, p, o) {
			continue // t.Cleanup(func() { c.Close() }) before returning c: a test helper's fixture
		}
		if c.stoppedOnEveryPath(fd, call, p, o) {
			continue // p := newPoller(); p.Close(); return p: what is handed on is stopped
		}
		lifted.needs, lifted.joins, lifted.methods, lifted.at, lifted.runs, lifted.goStmt = o.needs, o.joins, o.methods, o.at, o.runs, o.goStmt
		if slot && lifted.isResult() && lifted.fields != "" {
			// a.cleanup = every(d, f); return a: a's Close stops it. When no
			// method of a's is seen to (sftp's Server, whose Serve ends
			// its packet manager through a goroutine of its own), what the
			// caller must do is not known well enough to ask it.
			m := c.methodsDischarging(fn.Type().(*types.Signature).Results().At(lifted.resultIndex()).Type(), lifted)
			if len(m) == 0 {
				continue
			}
			lifted.methods = m
		}
		lifted.sendEnds = o.kind == obClose && lifted.kind == obClose && o.sendEnds
		if lifted.kind == obClose && lifted.fields != "" && lifted.target != -1 {
			// p := &Peer{stopc: make(chan struct{})}; NewChan(p.stopc);
			// return p: the caller calls what closes p.stopc (p.Leave()).
			if v := c.valueAt(fd, fn, lifted); v.valid() {
				closing := lifted
				closing.needs = [][]release{{{kinds: closeKinds(lifted)}}}
				lifted.methods = c.methodsDischarging(v.root.Type(), closing)
			}
		}
		if held != "" && c.holderCleaned(fd, fn, call, lifted, prefixReleases(o.needs, held)) {
			continue // t.Cleanup(f.Close) before return f
		}
		if held != "" {
			whole := lifted
			whole.needs, whole.joins = prefixReleases(o.needs, held), prefixReleases([][]release{o.joins}, held)[0]
			whole.methods = c.releasingMethods(fn, whole)
			if t := c.heldConcrete(fd, p, whole.resultIndex()); len(whole.methods) == 0 && t != nil {
				// return &inProc{e: e} as a Server: the interface's
				// methods that inProc's own stop it with.
				whole.methods = c.ifaceReleasing(fn, t, whole)
			}
			if len(whole.methods) == 0 {
				// No method of the holder is seen to stop it (its Close
				// goes through an interface, or it has none): what the
				// caller must do is not known well enough to ask it.
				continue
			}
			lifted = whole // the holder's Close stops what it holds
		}
		var twin path
		if o.twin > 0 {
			twin = c.assignedPath(call, obligation{target: result(o.twin - 1)})
		}
		lifted.closer = c.closerResultOr(fd, fn, lifted, twin)
		if lifted.closer == 0 && lifted.isResult() {
			lifted.closer = c.argCloserResult(fd, fn, call, to, o, lifted.resultIndex())
		}
		lifted.twin = c.twinResult(fd, fn, lifted)
		if cur, ok := c.cursorOf(call); ok {
			lifted.failsClean = c.failsClean(fd, fn, lifted, call, to, c.stmtOf(cur), o.nilStopped || o.failsClean)
		}
		lifted.exits = c.liftExits(fd, fn, call, to, o.exits)
		lifted.argEnds = c.liftArgEnds(fn, call, to, o.argEnds)
		lifted.madeFlag = 0 // the callee's flag, not this function's
		if lifted.kind == obStop {
			lifted.hooks = c.stopHooks(fd, fn, lifted)
		}
		lifted.gate = c.liftGate(fd, fn, call, to, o.gate)
		if lifted.isResult() && lifted.fields != "" {
			// h, _ := NewHost(opts); return h as an iface.Host: the caller
			// cannot reach h.hps, only the interface's methods, of which
			// those of h's own type that stop h.hps stop it.
			if ms, ok := c.ifaceDischarging(fn, p.root.Type(), lifted); ok {
				lifted.fields, lifted.methods, lifted.byName = "", ms, false
			} else if lifted.kind == obStop && len(c.methodsDischarging(p.root.Type(), lifted)) == 0 {
				// d.mu.log.LogWriter = NewLogWriter(...); return d: no
				// method of d is seen to stop it (DB.Close reaches it
				// past locks and helpers the pass does not follow), but
				// a stop of d by its name that uses the field
				// (d.mu.log.Close()) stands for the whole.
				if names := c.stopsTouching(p.root.Type(), lifted.fields); len(names) > 0 {
					lifted.fields, lifted.methods, lifted.byName = "", names, true
				}
			}
		}
		if g := c.gateOf(fd, fn, call); g != nil && len(lifted.gate.list())+len(g.list()) <= maxGates {
			// if cfg.skipStart { return n, nil }; n.spawn(n.loop): the
			// call that starts it is gated as a go statement would be.
			lifted.gate = chainGates(append(lifted.gate.list(), g.list()...))
		}
		if lifted.gate == nil {
			lifted.gate = c.optionGate(fd, fn, call)
		}
		n := len(c.obligations[fn])
		c.obligations[fn] = appendObligation(c.obligations[fn], lifted)
		changed = changed || len(c.obligations[fn]) != n
	}
	return changed
}

// mergeObligations keeps one obligation per thing to do: several
// goroutines handed on with the same value and stopped by the same
// methods are one obligation for the caller (counted in more).
func mergeObligations(obs []obligation) []obligation {
	var out []obligation
	for _, o := range obs {
		i := slices.IndexFunc(out, func(x obligation) bool {
			return x.target == o.target && x.fields == o.fields && x.kind == o.kind &&
				fmt.Sprint(x.needs) == fmt.Sprint(o.needs) && fmt.Sprint(x.joins) == fmt.Sprint(o.joins)
		})
		if i < 0 {
			out = append(out, o)
			continue
		}
		out[i].more++
	}
	return out
}

// methodsDischarging returns the methods of values of type t that
// discharge o, an obligation on a field of such a value: what to tell the
// caller to call (w.Flush() for the builder inside w).
func (c *checker) methodsDischarging(t types.Type, o obligation) []string {
	v := types.NewVar(token.NoPos, c.pass.Pkg, "v", t)
	root := path{root: v, deref: true}
	value := root
	value.fields = o.fields
	var names []string
	ms := c.methodSet(t)
	for i := 0; i < ms.Len(); i++ {
		m, ok := ms.At(i).Obj().(*types.Func)
		if !ok || !token.IsExported(m.Name()) && m.Pkg() != c.pass.Pkg {
			continue
		}
		at := root
		at.fields += embeddedPath(t, ms.At(i).Index())
		es := c.methodEffectsOf(m, at)
		if c.releasesAll(es, value, o.needs) || slices.ContainsFunc(o.joins, func(r release) bool { return c.releasesAll(es, value, [][]release{{r}}) }) {
			names = append(names, m.Name())
		}
	}
	slices.Sort(names)
	return names
}

// stopsTouching returns the stop methods by name (Close, Stop...) of this
// package's type t whose code uses the field at fields of their receiver,
// or a part of it or a value holding it (d.mu.log.Close() for
// .mu.log.LogWriter).
func (c *checker) stopsTouching(t types.Type, fields string) []string {
	var names []string
	ms := c.methodSet(t)
	for i := 0; i < ms.Len(); i++ {
		m, ok := ms.At(i).Obj().(*types.Func)
		if !ok || !closerNames[m.Name()] || m.Name() == "Wait" || len(ms.At(i).Index()) > 1 {
			continue
		}
		decl := c.decls[m.Origin()]
		if decl == nil || decl.Body == nil || decl.Recv == nil || len(decl.Recv.List[0].Names) == 0 {
			continue
		}
		recv := c.info.Defs[decl.Recv.List[0].Names[0]]
		touches := false
		c.eachRef(decl.Body, func(r ref) {
			if !touches && r.path.root == recv && r.path.fields != "" && (strings.HasPrefix(fields+".", r.path.fields+".") || strings.HasPrefix(r.path.fields, fields+".")) {
				touches = true
			}
		})
		if touches {
			names = append(names, m.Name())
		}
	}
	slices.Sort(names)
	return names
}

// ifaceDischarging returns, for an obligation on a field of fn's result
// that fn declares as an interface, the methods of that interface that
// discharge it on a value of the concrete type t fn returns there: the
// caller holds only the interface.
func (c *checker) ifaceDischarging(fn *types.Func, t types.Type, o obligation) ([]string, bool) {
	res := fn.Type().(*types.Signature).Results()
	if o.resultIndex() >= res.Len() || !types.IsInterface(res.At(o.resultIndex()).Type()) || types.IsInterface(t) {
		return nil, false
	}
	iface := res.At(o.resultIndex()).Type().Underlying().(*types.Interface)
	ms := slices.DeleteFunc(c.methodsDischarging(t, o), func(m string) bool {
		obj, _, _ := types.LookupFieldOrMethod(iface, false, c.pass.Pkg, m)
		return obj == nil
	})
	return ms, len(ms) > 0
}

// dischargedLater reports whether fd discharges o on the value at p by a
// deferred call or a t.Cleanup it registers after the node after (the
// call that handed it o, or its own go statement): it hands the value
// on, but its stop is already arranged.
func (c *checker) dischargedLater(fd *ast.FuncDecl, after ast.Node, p path, o obligation) bool {
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if found || n == nil || n.Pos() < after.End() {
			return !found
		}
		switch s := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			found = c.discharges(s, p, o, nil)
		case *ast.ExprStmt:
			if cl, ok := s.X.(*ast.CallExpr); ok && isMethod(callee(c.info, cl), "testing", "common", "Cleanup") || isCleanup(c.info, s.X) {
				found = c.discharges(s, p, o, nil)
			}
		}
		return !found
	})
	return found
}

// stoppedOnEveryPath reports whether fd calls one of the methods that stop
// the value at p, which call gave it, on every path from call: what it
// then hands on (returns, stores) is already stopped, and its new owner
// owes nothing.
func (c *checker) stoppedOnEveryPath(fd *ast.FuncDecl, call *ast.CallExpr, p path, o obligation) bool {
	cur, ok := c.cursorOf(call)
	if o.kind != obStop || len(o.methods) == 0 || !ok {
		return false
	}
	stops := func(n ast.Node) bool {
		if g, ok := n.(*ast.GoStmt); ok {
			return c.goStops(g, p, o)
		}
		hit := false
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				return false // return t, func() { t.Stop() }: a stop for later
			case *ast.CallExpr:
				sel, ok := ast.Unparen(m.Fun).(*ast.SelectorExpr)
				hit = ok && slices.Contains(o.methods, sel.Sel.Name) && pathOf(c.info, sel.X).equal(p)
			}
			return !hit
		})
		if hit {
			return true
		}
		// m.cancel(); <-m.stopped: what the goroutine waits on released,
		// or its end waited for, by effect (not by a literal's, made to
		// run later).
		lit := false
		ast.Inspect(n, func(m ast.Node) bool {
			_, isLit := m.(*ast.FuncLit)
			lit = lit || isLit
			return !lit
		})
		if lit {
			return false
		}
		es := c.effectsAt(n)
		return c.releasesAll(es, p, o.needs) || slices.ContainsFunc(o.joins, func(r release) bool { return c.releasesAll(es, p, [][]release{{r}}) })
	}
	deferred := func(n ast.Node) bool {
		// defer s.save(), defer func() { s.save() }(): run on every
		// return, the literal's body is the stop.
		d, ok := n.(*ast.DeferStmt)
		if !ok {
			return false
		}
		if lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok {
			// Its statements that run on every exit: not a cleanup for
			// the failing paths (defer func() { if err != nil {
			// db.Close() } }()).
			return len(d.Call.Args) == 0 && slices.ContainsFunc(lit.Body.List, func(s ast.Stmt) bool { return exprCall(s) != nil && stops(s) })
		}
		return stops(d.Call)
	}
	if deferredBefore(c.info, fd.Body, c.stmtOf(cur), deferred) {
		return true
	}
	q := flowQuery{g: c.cfgOf(fd), from: c.stmtOf(cur), used: stops, isGoexit: c.goexit}
	return q.search(false) == nil
}

// stopMisses reports whether the method named m of the value at p, whose
// code the pass reads, has no effect on anything the goroutine of j
// waits on or signals. Known waits: every effect of the stop is on a
// path apart from each of them. Waits the pass cannot name (an opaque
// call, a lock, a sleep): the stop only closes fields of the value that
// nothing the goroutine runs mentions, in its own code or the package's
// functions it calls, and that the package never passes on.
func (c *checker) stopMisses(p path, m string, j *goJoin, g *ast.GoStmt) bool {
	t := c.pathType(p)
	if t == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, m)
	f, ok := obj.(*types.Func)
	if !ok || !c.summarised(f) {
		return false
	}
	es := c.methodEffectsOf(f, p)
	if len(es) == 0 {
		return false
	}
	var used []path
	for _, b := range j.blocks {
		for _, a := range b.alts {
			if a.kind == altIO || a.kind == altDone {
				return false // a read, a context: what ends it may lie past the pass's sight
			}
			used = append(used, a.p)
		}
	}
	if !j.opaque && len(j.blocks) > 0 {
		for _, k := range j.keys {
			used = append(used, k.p)
		}
		return !slices.ContainsFunc(es, func(e effect) bool {
			return slices.ContainsFunc(used, func(u path) bool { return e.p.prefixOf(u) || u.prefixOf(e.p) })
		})
	}
	var fields []string
	for _, e := range es {
		// Closes only: a send is a message to a goroutine that may do
		// anything on receiving it (set the state the goroutine polls),
		// a cancel ends a context that may be kept elsewhere.
		if e.kind != effClose || !p.prefixOf(e.p) || e.p.fields == p.fields {
			return false
		}
		rest := strings.TrimPrefix(e.p.fields, p.fields)
		fields = append(fields, strings.Split(strings.TrimPrefix(rest, "."), ".")[0])
	}
	body, _ := c.goBody(g, j.fn)
	if body == nil {
		if callee := callee(c.info, g.Call); callee != nil && c.decls[callee.Origin()] != nil {
			body = c.decls[callee.Origin()].Body
		}
	}
	if body == nil || c.mentionsFields(body, t, fields, 0, map[ast.Node]bool{}) {
		return false
	}
	// Nor may the package pass those fields' values on anywhere
	// (reflect.ValueOf(buf.in) kept in buf.cases, which the goroutine
	// selects on): only set them, and use them in place.
	stop := c.decls[f.Origin()]
	for _, file := range c.pass.Files {
		read := false
		ast.PreorderStack(file, nil, func(n ast.Node, stack []ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if read || !ok || !slices.Contains(fields, sel.Sel.Name) {
				return !read
			}
			if sv, ok := c.info.Selections[sel]; !ok || sv.Kind() != types.FieldVal || !types.Identical(derefType(sv.Recv()), derefType(t)) {
				return true
			}
			if stop != nil && within(sel, stop) {
				return true
			}
			if len(stack) > 0 {
				// Set, or used in place (<-cl.closed, close(cl.closed),
				// len(cl.queue)): the value goes nowhere else.
				switch up := stack[len(stack)-1].(type) {
				case *ast.AssignStmt:
					if slices.Contains(up.Lhs, ast.Expr(sel)) {
						return true
					}
				case *ast.UnaryExpr:
					if up.Op == token.ARROW {
						return true
					}
				case *ast.SendStmt:
					if up.Chan == ast.Expr(sel) {
						return true
					}
				case *ast.RangeStmt:
					if up.X == ast.Expr(sel) {
						return true
					}
				case *ast.CallExpr:
					if isBuiltinCall(c.info, up, "close") || isBuiltinCall(c.info, up, "len") || isBuiltinCall(c.info, up, "cap") {
						return true
					}
				}
			}
			read = true // reflect.ValueOf(buf.in), b.cases = append(b.cases, b.in): it goes on
			return false
		})
		if read {
			return false
		}
	}
	return true
}

// mentionsFields reports whether n, or a function of the package it
// calls (to depth 3), selects one of the named fields of a value of type t.
func (c *checker) mentionsFields(n ast.Node, t types.Type, fields []string, depth int, seen map[ast.Node]bool) bool {
	if seen[n] {
		return false
	}
	seen[n] = true
	base := func(x types.Type) types.Type {
		if ptr, ok := x.Underlying().(*types.Pointer); ok {
			return ptr.Elem()
		}
		return x
	}
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if found {
			return false
		}
		switch m := m.(type) {
		case *ast.SelectorExpr:
			if slices.Contains(fields, m.Sel.Name) {
				if s, ok := c.info.Selections[m]; ok && s.Kind() == types.FieldVal && types.Identical(base(s.Recv()), base(t)) {
					found = true
				}
			}
		case *ast.CallExpr:
			if f := callee(c.info, m); f != nil && depth < 3 {
				if d := c.decls[f.Origin()]; d != nil && d.Body != nil {
					found = c.mentionsFields(d.Body, t, fields, depth+1, seen)
				}
			}
		}
		return !found
	})
	return found
}

// goStops reports whether the go statement g runs a method of a value
// holding the one at p (s for s.sws.changes) whose effects stop it: go
// s.run(ctx), whose loop shuts s.sws down as it ends. The value's stop is
// then that goroutine's, and the goroutine has its own obligation, which
// the go statement gives (its context cancelled, its owner closed).
func (c *checker) goStops(g *ast.GoStmt, p path, o obligation) bool {
	sel, ok := ast.Unparen(g.Call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	m := callee(c.info, g.Call)
	if m == nil || m.Type().(*types.Signature).Recv() == nil {
		return false
	}
	r := pathOf(c.info, sel.X)
	if !r.valid() || !r.prefixOf(p) {
		return false
	}
	es := c.methodEffectsOf(m, r)
	return c.releasesAll(es, p, o.needs) || slices.ContainsFunc(o.joins, func(j release) bool { return c.releasesAll(es, p, [][]release{{j}}) })
}

// assertsErr reports whether n is a test's assertion that the error
// result q tests for is set: a call given a *testing.T (or a testify
// assertion) named for an error (require.Error, assert.ErrorIs,
// require_Error, a helper of the test's own that errExpecting accepts;
// not NoError, NotErrorIs) whose argument is the error, or named True
// whose argument says it is set (errors.Is(err, x), err != nil). A test
// that goes on past it got the error: nothing was made.
func (c *checker) assertsErr(n ast.Node, q flowQuery) bool {
	call, fn, ok := c.assertStmt(n)
	if !ok {
		return false
	}
	name := fn.Name()
	if !assertLibrary(fn) && !errExpecting(name) {
		return false // noError(t, err), failOnError(t, err): a helper of the test's own, named for the other case
	}
	switch {
	case assertsSomeErr(name):
		return slices.ContainsFunc(call.Args, func(a ast.Expr) bool { return q.isErr(ast.Unparen(a)) })
	case strings.HasSuffix(name, "True"):
		return slices.ContainsFunc(call.Args, func(a ast.Expr) bool {
			onTrue, _ := q.nothingOn(a)
			return onTrue
		})
	}
	return false
}

// assertsSomeErr reports whether name, an assertion's, says the error it
// is given is not nil (Error, ErrorIs, EqualError, assertErr), not that it
// is (NoError, NotErrorIs, Nil).
func assertsSomeErr(name string) bool {
	lower := strings.ToLower(name)
	return strings.Contains(lower, "err") && !strings.Contains(lower, "noerr") && !strings.Contains(lower, "noterr") && !strings.Contains(lower, "nil")
}

// errAsserted reports whether stmt is a test's assertion that the error
// call returns is not nil, given call in place (require.Error(t,
// s.Start(""))): past it, the call failed; on the other path the test
// failed.
func (c *checker) errAsserted(stmt ast.Node, call *ast.CallExpr) bool {
	ac, fn, ok := c.assertStmt(stmt)
	if !ok || !assertLibrary(fn) && !errExpecting(fn.Name()) || !assertsSomeErr(fn.Name()) {
		return false
	}
	return slices.ContainsFunc(ac.Args, func(a ast.Expr) bool { return ast.Unparen(a) == call })
}

// errExpecting reports whether name, a test helper's of the test's own,
// says it expects an error: a verb of assertion and then the error
// (assertError, requireErrorIs, expectErr, wantError, mustErr, or
// assertTrue given errors.Is(err, x)); not noError, checkError,
// failOnError, fatalIfErr, assertNoError, requireNotErr, whose test goes
// on when there is none.
func errExpecting(name string) bool {
	lower := strings.ToLower(name)
	for _, verb := range []string{"assert", "require", "expect", "want", "must", "should"} {
		rest, ok := strings.CutPrefix(lower, verb)
		if !ok {
			continue
		}
		return !strings.HasPrefix(rest, "no") && !strings.Contains(rest, "nil") &&
			(strings.Contains(rest, "err") || strings.Contains(rest, "true"))
	}
	return false
}

// assertLibrary reports whether fn is a function of an assertion library
// (testify, gotest.tools, shoenig/test): it looks at its arguments and
// keeps none.
func assertLibrary(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path := fn.Pkg().Path()
	return strings.Contains(path, "github.com/stretchr/testify/") || strings.HasPrefix(path, "gotest.tools/") ||
		strings.HasPrefix(path, "github.com/shoenig/test")
}

// assertion reports whether fn, called at call, is a test's assertion: a
// testify function, or one given a *testing.T, B or TB.
func (c *checker) assertion(fn *types.Func, call *ast.CallExpr) bool {
	if assertLibrary(fn) {
		return true
	}
	return slices.ContainsFunc(call.Args, func(a ast.Expr) bool {
		t := c.typeOf(a)
		return isNamed(t, "testing", "T") || isNamed(t, "testing", "B") || isNamed(t, "testing", "TB")
	})
}

// assertsNil reports whether n is a test's assertion that v is nil
// (require.Nil(t, v), assert.Nil(t, v), a helper of the test's own named
// Nil): a test that goes on past it holds nothing in v.
func (c *checker) assertsNil(n ast.Node, v *types.Var) bool {
	call, fn, ok := c.assertStmt(n)
	if !ok || fn.Name() != "Nil" && fn.Name() != "Nilf" {
		return false
	}
	return slices.ContainsFunc(call.Args, func(a ast.Expr) bool {
		id, ok := ast.Unparen(a).(*ast.Ident)
		return ok && c.info.Uses[id] == v
	})
}

// assertStmt returns the call of a test's assertion (assertion) that n
// makes as a statement of its own, and the function it calls.
func (c *checker) assertStmt(n ast.Node) (*ast.CallExpr, *types.Func, bool) {
	es, ok := n.(*ast.ExprStmt)
	if !ok {
		return nil, nil, false
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok {
		return nil, nil, false
	}
	fn := callee(c.info, call)
	if fn == nil || !c.assertion(fn, call) {
		return nil, nil, false
	}
	return call, fn, true
}

// isCleanup reports whether e calls the Cleanup method of a testing value
// (t.Cleanup, b.Cleanup, tb.Cleanup).
func isCleanup(info *types.Info, e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := callee(info, call)
	return fn != nil && fn.Name() == "Cleanup" && fn.Pkg() != nil && fn.Pkg().Path() == "testing"
}

// fieldsOwned reports whether every field on the path p is one its value
// owns: never given a value from elsewhere (w.db set from a parameter is
// the caller's db, not w's).
func (c *checker) fieldsOwned(p path) bool {
	q := path{root: p.root, deref: p.deref}
	for _, name := range strings.Split(strings.TrimPrefix(p.fields, "."), ".") {
		if name == "" {
			continue
		}
		q.fields += "." + name
		if k, ok := c.keyOf(q); ok && k.field.owner != nil && c.fieldIndex().aliased[k.field] {
			return false
		}
	}
	return true
}

// returnedInPlace reports whether the result of call that carries o is
// returned as it is (return newCache()), or as a field of a struct
// literal returned (return &Writer{b: NewBuilder()}), and as which result
// and under which field.
func (c *checker) returnedInPlace(call *ast.CallExpr, o obligation) (int, string, bool) {
	if !o.isResult() || o.resultIndex() != 0 {
		return 0, "", false
	}
	cur, ok := c.cursorOf(call)
	if !ok {
		return 0, "", false
	}
	fields := ""
	var e ast.Node = call
	p := cur.Parent()
	if kv, ok := p.Node().(*ast.KeyValueExpr); ok {
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			return 0, "", false
		}
		fields = "." + key.Name
		p = p.Parent()
		if _, ok := p.Node().(*ast.CompositeLit); !ok {
			return 0, "", false
		}
		e = p.Node()
		p = p.Parent()
		if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = u
			p = p.Parent()
		}
	}
	ret, ok := p.Node().(*ast.ReturnStmt)
	if !ok {
		return 0, "", false
	}
	i := slices.IndexFunc(ret.Results, func(r ast.Expr) bool { return r == e })
	return i, fields, i >= 0
}

// maxObligationDepth is how many fields deep an obligation is followed
// into the values that hold it: deeper, the holder is a structure of
// values that refer to each other, not an owner.
const maxObligationDepth = 3

// appendObligation adds o unless an equal one is there.
func appendObligation(list []obligation, o obligation) []obligation {
	for _, x := range list {
		if x.target == o.target && x.fields == o.fields && x.kind == o.kind && x.at == o.at {
			return list
		}
	}
	return append(list, o)
}

// lift turns what a function fd hands on, p (in its terms), into an
// obligation of its callers: p is rooted at its receiver or a parameter,
// or is (under) a local variable it returns.
func (c *checker) lift(fd *ast.FuncDecl, fn *types.Func, p path, kind obKind) (obligation, bool) {
	sig := fn.Type().(*types.Signature)
	if r := sig.Recv(); r != nil && p.root == r {
		return obligation{target: -1, fields: p.fields, kind: kind}, true
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == p.root {
			return obligation{target: i, fields: p.fields, kind: kind}, true
		}
	}
	if !declaredIn(p.root, fd.Body) && !slices.Contains(c.namedResults(fd), p.root) {
		return obligation{}, false
	}
	i := c.returnedAs(fd, p.root)
	if i < 0 || c.heldElsewhere(fd, p.root) {
		return obligation{}, false
	}
	return obligation{target: result(i), fields: p.fields, kind: kind}, true
}

// heldElsewhere reports whether the local v, which fd returns, is a value
// that something outliving the call keeps: fd took it from its receiver's
// or a parameter's fields or a package variable (b := c.brokers[id]), or
// stores it there (cache[key] = v, s.conns[id] = v, a sync.Map's Store),
// or hands it to a method that keeps it (node.SetBroker(v), keptParams)
// of a value that fd does not own or that it stops or returns itself.
// Whoever keeps it stops it; the caller only borrows it.
func (c *checker) heldElsewhere(fd *ast.FuncDecl, v *types.Var) bool {
	sig := c.info.Defs[fd.Name].(*types.Func).Type().(*types.Signature)
	outside := func(e ast.Expr) bool { return c.keeperOf(e, sig) }
	isV := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.info.Uses[id] == v
	}
	held := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if held {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		lhs, rhs := assignment(n)
		if len(rhs) == 1 && len(lhs) > 1 {
			for i, l := range lhs {
				if p := pathOf(c.info, l); p.root == v && p.fields == "" && c.keptResult(rhs[0], i, sig) {
					held = true // srv, err := s.newServer(addr): s keeps it
				}
			}
		}
		if len(lhs) == len(rhs) {
			for i, l := range lhs {
				if p := pathOf(c.info, l); p.root == v && p.fields == "" {
					if _, isCall := ast.Unparen(rhs[i]).(*ast.CallExpr); !isCall && outside(rhs[i]) {
						held = true // b := c.brokers[id]
					} else if isCall && c.keptResult(rhs[i], 0, sig) {
						held = true // srv := s.newServer(addr): s keeps it
					}
				}
				if (isV(rhs[i]) || c.appends(rhs[i], isV)) && outside(l) {
					held = true // cache[key] = v, s.list = append(s.list, v)
				}
			}
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		i := slices.IndexFunc(call.Args, isV)
		if i < 0 {
			return true
		}
		if kept, holder, ok := c.keepingCall(call); ok {
			if isV(kept) && outside(holder) {
				held = true // decoders.Store(key, v), o.cur.Store(v)
			}
			return true
		}
		if to := typeutil.StaticCallee(c.info, call); to != nil && slices.Contains(c.keptParams(to), i) {
			held = c.keeperOwned(fd, call, v) // node.SetBroker(v)
		}
		return true
	})
	return held
}

// keptBefore reports whether fd, before call, gives the local v to a
// function that keeps it (keptParams: o.attach(s) storing s in o.sess) of
// a value whose stop is someone's (keeperOwned: o is returned, or stopped).
func (c *checker) keptBefore(fd *ast.FuncDecl, v *types.Var, call *ast.CallExpr) bool {
	kept := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if kept || n == nil || n.Pos() >= call.Pos() {
			return false
		}
		k, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		i := slices.IndexFunc(k.Args, func(a ast.Expr) bool {
			id, ok := ast.Unparen(a).(*ast.Ident)
			return ok && c.info.Uses[id] == v
		})
		if to := typeutil.StaticCallee(c.info, k); i >= 0 && to != nil && slices.Contains(c.keptParams(to), i) {
			kept = c.keeperOwned(fd, k, v)
		}
		return true
	})
	return kept
}

// makerCleans reports whether the local at the root of p is only ever
// assigned a result of a function of the package (a test helper, p :=
// newPeer(t)) that registers a cleanup discharging o on the value it
// returns (t.Cleanup(func() { p.client.Close() })).
func (c *checker) makerCleans(fn ast.Node, p path, o obligation) bool {
	body := funcBody(fn)
	if body == nil || !p.valid() || isGlobal(p.root) || !declaredIn(p.root, body) {
		return false
	}
	var made *ast.CallExpr
	idx := -1
	ok := c.onlyCallResults(body, p.root, func(call *ast.CallExpr, i int) bool {
		if made != nil {
			return false // made once
		}
		made, idx = call, i
		return true
	})
	if !ok || made == nil {
		return false
	}
	h := typeutil.StaticCallee(c.info, made)
	if h == nil || h.Pkg() != c.pass.Pkg {
		return false
	}
	decl := c.decls[h.Origin()]
	if decl == nil || decl.Body == nil {
		return false
	}
	q := c.returnedVar(decl, idx)
	if q == nil {
		return false
	}
	// Only a cleanup registered for the end of the test: a defer runs as
	// the maker returns, often only on its error path (defer func() { if
	// err != nil { dht.Close() } }()), and hands a value stopped or not.
	qp := path{root: q, fields: p.fields, deref: p.deref}
	cleaned := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.FuncLit, *ast.DeferStmt:
			return false
		case *ast.ExprStmt:
			if cl, ok := s.X.(*ast.CallExpr); ok && isMethod(callee(c.info, cl), "testing", "common", "Cleanup") || isCleanup(c.info, s.X) {
				cleaned = cleaned || c.discharges(s, qp, o, nil)
			}
		}
		return !cleaned
	})
	return cleaned
}

// keptResult reports whether e, in a function of signature sig, calls a
// method of its receiver, of a parameter or of a package variable (or of
// one of their fields) that keeps its result i there too
// (s.servers.Push(srv); return srv): that value is the callee's receiver's
// to stop, not its caller's.
func (c *checker) keptResult(e ast.Expr, i int, sig *types.Signature) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if p := pathOf(c.info, sel.X); !p.valid() || !isGlobal(p.root) && p.root != sig.Recv() && paramIndex(sig, p.root) < 0 {
		return false
	}
	to := callee(c.info, call)
	if to == nil || to.Type().(*types.Signature).Recv() == nil {
		return false
	}
	fd := c.decls[to.Origin()]
	if fd == nil || fd.Body == nil {
		return false
	}
	if c.keptRes == nil {
		c.keptRes = make(map[*ast.FuncDecl]map[int]bool)
	}
	if got, ok := c.keptRes[fd]; ok {
		return got[i] // false while it is being decided (recursion)
	}
	got := make(map[int]bool)
	c.keptRes[fd] = got
	for _, r := range c.returnedVars(fd) {
		if r.v != nil && !got[r.i] && declaredIn(r.v, fd.Body) && c.heldElsewhere(fd, r.v) {
			got[r.i] = true
		}
	}
	return got[i]
}

// appends reports whether e is a call of append that adds a value for
// which is holds (append(s.list, v)).
func (c *checker) appends(e ast.Expr, is func(ast.Expr) bool) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && isBuiltinCall(c.info, call, "append") && len(call.Args) > 1 && slices.ContainsFunc(call.Args[1:], is)
}

// keeperOf reports whether e, assigned to, is a place outside the call of
// a function of signature sig that outlives it: a field (or an element of
// one) of its receiver or a parameter, or a package variable.
func (c *checker) keeperOf(e ast.Expr, sig *types.Signature) bool {
	p := pathOf(c.info, placeBase(e, false))
	if !p.valid() {
		return false
	}
	if isGlobal(p.root) {
		return true
	}
	if p.fields == "" {
		return false
	}
	if r := sig.Recv(); r != nil && p.root == r {
		return true
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == p.root {
			return true
		}
	}
	return false
}

// keeperOwned reports whether the value whose method call hands v over to
// keep it is one whose stop is someone's: not a local of fd (a field, a
// parameter, a package variable), or a local that fd stops (a method of
// closerNames, also in a deferred or registered cleanup) or returns. A
// function, not a method, keeps v in a package variable.
func (c *checker) keeperOwned(fd *ast.FuncDecl, call *ast.CallExpr, v *types.Var) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return true
	}
	if _, isPkg := c.info.Uses[identOf(sel.X)].(*types.PkgName); isPkg {
		return true
	}
	w := pathOf(c.info, sel.X)
	if !w.valid() || w.root == v {
		return false
	}
	if w.fields != "" || !declaredIn(w.root, fd.Body) {
		return true
	}
	if c.returnedAs(fd, w.root) >= 0 {
		return true
	}
	stopped := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !stopped {
			if s, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && closerNames[s.Sel.Name] && s.Sel.Name != "Wait" {
				if p := pathOf(c.info, s.X); p.root == w.root && p.fields == "" {
					stopped = true
				}
			}
		}
		return !stopped
	})
	return stopped
}

// ownPartCall reports whether the ref r is an argument of a call of a
// method of a value inside its own (ps.disc.Start(ps)): the value is not
// handed to anyone else.
func ownPartCall(info *types.Info, r ref) bool {
	if r.call == nil || r.path.fields != "" || !slices.ContainsFunc(r.call.Args, func(a ast.Expr) bool { return ast.Unparen(a) == ast.Unparen(r.expr) }) {
		return false
	}
	sel, ok := ast.Unparen(r.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	w := pathOf(info, sel.X)
	return w.root == r.path.root && w.fields != ""
}

// identOf returns e as an identifier, or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// keepingCall returns the value a call stores in a concurrent holder, and
// the holder: a sync.Map's Store, LoadOrStore or Swap (its value), a
// sync/atomic Value's or Pointer's Store, Swap or CompareAndSwap (the new
// value). The holder keeps it as a field assigned to would.
func (c *checker) keepingCall(call *ast.CallExpr) (kept, holder ast.Expr, ok bool) {
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !isSel {
		return nil, nil, false
	}
	fn := callee(c.info, call)
	i := -1
	switch {
	case isMethod(fn, "sync", "Map", "Store", "LoadOrStore", "Swap"):
		i = 1
	case isMethod(fn, "sync", "Map", "CompareAndSwap"):
		i = 2
	case isMethod(fn, "sync/atomic", "Value", "Store", "Swap") || isMethod(fn, "sync/atomic", "Pointer", "Store", "Swap"):
		i = 0
	case isMethod(fn, "sync/atomic", "Value", "CompareAndSwap") || isMethod(fn, "sync/atomic", "Pointer", "CompareAndSwap"):
		i = 1
	}
	if i < 0 || i >= len(call.Args) {
		return nil, nil, false
	}
	return call.Args[i], sel.X, true
}

// heldValues returns e and what it holds when it is a composite literal,
// or a local of body given one once (ch := &connHost{conn: conn}): the
// values a store of e keeps.
func (c *checker) heldValues(e ast.Expr, body *ast.BlockStmt) []ast.Expr {
	vals := []ast.Expr{e}
	x := ast.Unparen(e)
	if id, ok := x.(*ast.Ident); ok {
		if v, ok := c.info.Uses[id].(*types.Var); ok && !isGlobal(v) && declaredIn(v, body) {
			if init := c.onlyInit(body, v); init != nil {
				x = ast.Unparen(init)
			}
		}
	}
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = ast.Unparen(u.X)
	}
	if lit, ok := x.(*ast.CompositeLit); ok {
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			vals = append(vals, el)
		}
	}
	return vals
}

// keptParams returns the parameters fn keeps where they outlive the call
// (keeperOf): r.broker = b, r.conns[id] = b, r.list = append(r.list, b),
// a package variable. Read from fn's body in this package, from its fact
// otherwise.
func (c *checker) keptParams(fn *types.Func) []int {
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		if s := c.calleeSummary(fn); s != nil {
			return s.keeps
		}
		return nil
	}
	decl := c.decls[fn]
	if decl == nil || decl.Body == nil {
		return nil
	}
	if k, ok := c.kept[fn]; ok {
		return k
	}
	sig := fn.Type().(*types.Signature)
	param := func(e ast.Expr) int {
		v, _ := c.info.Uses[identOf(e)].(*types.Var)
		for i := 0; v != nil && i < sig.Params().Len(); i++ {
			if sig.Params().At(i) == v {
				return i
			}
		}
		return -1
	}
	var out []int
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok {
			// o.cur.Store(w): an atomic holder of the receiver's keeps w,
			// also inside a literal it stores (&connHost{conn: w}).
			if kept, holder, ok := c.keepingCall(call); ok && c.keeperOf(holder, sig) {
				for _, e := range c.heldValues(kept, decl.Body) {
					if j := param(e); j >= 0 && !slices.Contains(out, j) {
						out = append(out, j)
					}
				}
			}
		}
		lhs, rhs := assignment(n)
		if len(lhs) != len(rhs) {
			return true
		}
		for _, l := range lhs {
			// o.items[it] = struct{}{}: a set of the values it keeps.
			if ix, ok := ast.Unparen(l).(*ast.IndexExpr); ok {
				if j := param(ix.Index); j >= 0 && !slices.Contains(out, j) && nillable(sig.Params().At(j).Type()) && c.keeperOf(l, sig) {
					out = append(out, j)
				}
			}
		}
		for i, r := range rhs {
			vals := []ast.Expr{r}
			if call, ok := ast.Unparen(r).(*ast.CallExpr); ok && isBuiltinCall(c.info, call, "append") && len(call.Args) > 1 {
				vals = call.Args[1:]
			}
			// a.cleanups = append(a.cleanups, cleanup{name: name, stop:
			// fn}): what a kept literal holds is kept too.
			var held []ast.Expr
			for _, e := range vals {
				held = append(held, c.heldValues(e, decl.Body)...)
			}
			for _, e := range held {
				if j := param(e); j >= 0 && !slices.Contains(out, j) && c.keeperOf(lhs[i], sig) {
					out = append(out, j)
				}
			}
		}
		return true
	})
	c.kept[fn] = out
	return out
}

// returnedAs returns the index of the result that fd returns the local v
// as, on some return (&v or v), or -1.
func (c *checker) returnedAs(fd *ast.FuncDecl, v *types.Var) int {
	for _, r := range c.returnedVars(fd) {
		if r.v == v {
			return r.i
		}
	}
	return -1
}

// A returnedVar is a variable a return statement returns (v or &v) as its
// result i.
type returnedVar struct {
	v *types.Var
	i int
}

// eachReturn calls f for each return statement of body, not those of the
// literals in it, until f returns false.
func eachReturn(body ast.Node, f func(*ast.ReturnStmt) bool) {
	more := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			more = more && f(n)
		}
		return more
	})
}

// returnedVars returns the variables fd's own return statements return,
// in the order of the source and of the results, walking its body only
// the first time (see checker.returned).
func (c *checker) returnedVars(fd *ast.FuncDecl) []returnedVar {
	if rs, ok := c.returned[fd]; ok {
		return rs
	}
	var rs []returnedVar
	named := c.namedResults(fd)
	eachReturn(fd.Body, func(ret *ast.ReturnStmt) bool {
		if len(ret.Results) == 0 {
			for i, v := range named {
				rs = append(rs, returnedVar{v, i}) // a bare return returns the named results
			}
		}
		for i, e := range ret.Results {
			if p := pathOf(c.info, e); p.fields == "" {
				rs = append(rs, returnedVar{p.root, i}) // nil for what is no variable
			}
		}
		return true
	})
	if c.returned == nil {
		c.returned = make(map[*ast.FuncDecl][]returnedVar)
	}
	c.returned[fd] = rs
	return rs
}

// valueAt returns, for an obStop obligation of fn, the path in fd's terms
// of the value to stop, to find the methods that stop it.
func (c *checker) valueAt(fd *ast.FuncDecl, fn *types.Func, o obligation) path {
	sig := fn.Type().(*types.Signature)
	var root *types.Var
	switch {
	case o.target == -1:
		root = sig.Recv()
	case o.target >= 0:
		root = sig.Params().At(o.target)
	default:
		root = c.returnedVar(fd, o.resultIndex())
		if root == nil {
			// return &Manager{hub: h}: the result itself (heldInResult).
			root = sig.Results().At(o.resultIndex())
		}
	}
	if root == nil {
		return path{}
	}
	return path{root: root, fields: o.fields, deref: true}
}

// returnedVar returns the local variable fd returns as its i-th result
// (a named result a bare return returns too).
func (c *checker) returnedVar(fd *ast.FuncDecl, i int) *types.Var {
	var v *types.Var
	named := c.namedResults(fd)
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) == 0 && i < len(named) && v == nil {
			v = named[i]
		}
		if ret, ok := n.(*ast.ReturnStmt); ok && i < len(ret.Results) && v == nil {
			if p := pathOf(c.info, ret.Results[i]); p.valid() && p.fields == "" && (declaredIn(p.root, fd.Body) || slices.Contains(named, p.root)) {
				v = p.root
			}
		}
		_, lit := n.(*ast.FuncLit)
		return v == nil && !lit
	})
	return v
}

// closedAfterWait returns the channel fields that a method of the value
// at v closes right after waiting on its group at fields wg (c.wg.Wait();
// close(c.StopChan)): receiving from one is waiting on the group.
func (c *checker) closedAfterWait(v path, wg string) []string {
	n, ok := types.Unalias(derefType(c.pathType(v))).(*types.Named)
	if !ok || n.Obj().Pkg() != c.pass.Pkg {
		return nil
	}
	var out []string
	for m := range n.Origin().Methods() {
		decl := c.decls[m]
		if decl == nil || decl.Body == nil || decl.Recv == nil {
			continue
		}
		recv := m.Type().(*types.Signature).Recv()
		closed := func(call *ast.CallExpr) {
			if isBuiltinCall(c.info, call, "close") && len(call.Args) == 1 {
				if p := pathOf(c.info, call.Args[0]); p.root == recv && p.fields != "" && p.fields != wg && !slices.Contains(out, p.fields) {
					out = append(out, p.fields)
				}
			}
		}
		ast.Inspect(decl.Body, func(node ast.Node) bool {
			list, ok := node.(*ast.BlockStmt)
			if !ok {
				return true
			}
			waited := false
			var deferred []*ast.CallExpr // defer close(c.done): after the rest of the block
			for _, s := range list.List {
				if d, ok := s.(*ast.DeferStmt); ok {
					deferred = append(deferred, d.Call)
					continue
				}
				es, ok := s.(*ast.ExprStmt)
				if !ok {
					continue
				}
				switch x := ast.Unparen(es.X).(type) {
				case *ast.UnaryExpr:
					// <-c.txDone: the goroutine that closes it has ended.
					if p := pathOf(c.info, x.X); x.Op == token.ARROW && p.root == recv && p.fields == wg {
						waited = true
					}
				case *ast.CallExpr:
					if isMethod(callee(c.info, x), "sync", "WaitGroup", "Wait") {
						p := pathOf(c.info, ast.Unparen(x.Fun).(*ast.SelectorExpr).X)
						waited = waited || p.root == recv && p.fields == wg
					} else if waited {
						closed(x)
					}
				}
			}
			if waited {
				for _, call := range deferred {
					closed(call)
				}
			}
			return true
		})
	}
	return out
}

// closedAfterRecv is, for a goroutine that closes the channel at f under
// v as it ends, the joins through the channels v's methods close once
// they received from it (<-c.txDone, then defer close(c.done)): a
// receive from one of those (<-conn.Done()) comes after its end.
func (c *checker) closedAfterRecv(v path, f string) []release {
	var out []release
	for _, g := range c.closedAfterWait(v, f) {
		out = append(out, release{kinds: []effKind{effRecv}, fields: g})
	}
	return out
}

// needsOf returns what ends the goroutine of j through the value at v (in
// the spawner's terms): for each of its blocks, the effects on v's fields
// that release it (nil when some block has nothing under v; a semaphore
// token the goroutine gives back, heldToken, needs nothing), and the
// effects that join it through its keys under v (waiting on its
// WaitGroup, receiving from its channel).
func (c *checker) needsOf(j *goJoin, g *ast.GoStmt, v path) (needs [][]release, joins []release) {
	rel := func(p path) (string, bool) {
		if !v.prefixOf(p) {
			return "", false
		}
		return strings.TrimPrefix(p.fields, v.fields), true
	}
	for _, k := range j.keys {
		f, ok := rel(k.p)
		switch {
		case !ok:
		case k.kind == keyWait:
			joins = append(joins, release{kinds: []effKind{effWait}, fields: f})
			for _, g := range c.closedAfterWait(v, f) {
				joins = append(joins, release{kinds: []effKind{effRecv}, fields: g})
			}
		case k.kind == keyChan && c.consumedInside(k.p):
			if !k.multi {
				joins = append(joins, c.closedAfterRecv(v, f)...)
			}
		case k.kind == keyChan:
			kinds := []effKind{effRecv}
			if k.multi {
				// One receive from a channel it sends on in a loop takes
				// one value, not its end (a buffer's Len): only a drain
				// joins it (a Stop's for range q.length {}).
				kinds = []effKind{effDrain}
			}
			joins = append(joins, release{kinds: kinds, fields: f})
			if !k.multi {
				joins = append(joins, c.closedAfterRecv(v, f)...)
			}
		}
	}
	held := c.heldToken(g)
	for _, b := range j.blocks {
		if b.inner || b.partial || slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altWait }) || held(b) {
			continue
		}
		if b.soft && !slices.ContainsFunc(b.alts, func(a alt) bool {
			f, ok := rel(a.p)
			return a.exits || !ok || !c.lentOn(v, f)
		}) {
			// select { case <-fs.srv.quitCh: case <-time.After(d): }: its
			// timer ends it, or whoever lent srv; not the value's stop.
			continue
		}
		var alts []release
		for _, a := range b.alts {
			p := a.p
			var kinds []effKind
			prefix := false
			switch a.kind {
			case altRecv:
				kinds = []effKind{effClose}
				if a.exits {
					kinds = append(kinds, effSend)
				}
			case altSend:
				if a.exits {
					kinds = []effKind{effRecv}
				}
			case altIO:
				kinds, prefix = []effKind{effStop}, true
			case altDone:
				cp, ok := a.cancel, a.cancel.valid()
				switch {
				case ok:
				case p.fields != "":
					cp, ok = c.pairedCancel(p)
				default:
					cp, ok = c.cancelPath(p)
				}
				if !ok {
					continue
				}
				p, kinds = cp, []effKind{effCancel}
			}
			f, ok := rel(p)
			if ok && (a.exits || !a.loop) && c.lentOn(v, f) {
				// It also ends when whoever lent the value a field on
				// the way (mset.srv.quitCh, srv set from a parameter)
				// releases it: the value's holder is not the only owner.
				// (A case its loop goes on after, a request served, is
				// no way out, whoever lent its channel.)
				return nil, joins
			}
			if ok && len(kinds) > 0 {
				alts = append(alts, release{kinds: kinds, fields: f, prefix: prefix})
			}
		}
		if len(alts) == 0 {
			if c.transientBlock(b) {
				continue
			}
			return nil, joins
		}
		needs = append(needs, alts)
	}
	return needs, joins
}

// lentOn reports whether the path f below v goes through a field, before
// its last, that the value was given from elsewhere (fieldsOwned).
func (c *checker) lentOn(v path, f string) bool {
	i := strings.LastIndexByte(f, '.')
	if i <= 0 {
		return false
	}
	return !c.fieldsOwned(path{root: v.root, fields: v.fields + f[:i], deref: v.deref})
}

// consumedInside reports whether a goroutine of the package receives from
// the channel field p (a receiver the value starts for itself): sends on
// it are taken there, not by the value's owner.
func (c *checker) consumedInside(p path) bool {
	k, ok := c.keyOf(p)
	if !ok || k.field.owner == nil {
		return false
	}
	if c.consumed == nil {
		c.consumed = make(map[fieldKey]bool)
		for _, cur := range c.goStmts {
			g := cur.Node().(*ast.GoStmt)
			var body ast.Node
			if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
				body = lit.Body
			} else if f := callee(c.info, g.Call); f != nil && c.decls[f.Origin()] != nil {
				body = c.decls[f.Origin()].Body
			}
			if body == nil {
				continue
			}
			for _, e := range c.effectsIn(body, path.valid) {
				if e.kind == effRecv {
					if ek, ok := c.keyOf(e.p); ok && ek.field.owner != nil {
						c.consumed[ek.field] = true
					}
				}
			}
		}
	}
	return c.consumed[k.field]
}

// pairedCancel returns, for a context kept in a field (s.ctx), the field
// of the same value that holds its cancel function (s.cancel).
func (c *checker) pairedCancel(ctx path) (path, bool) {
	k, ok := c.keyOf(ctx)
	if !ok || k.field.owner == nil {
		return path{}, false
	}
	r := c.relation()
	for ck := range r.contexts(k) {
		for _, cancel := range r.pairs[ck] {
			for fk := range r.aliases(cancel) {
				if fk.field.owner == k.field.owner {
					q := parentPath(ctx)
					q.fields += "." + fk.field.field
					return q, true
				}
			}
		}
	}
	return path{}, false
}

// stoppingMethods returns the methods of the value at p that stop the
// goroutine of j: they release every block it has on that value, or join
// it (wait on its WaitGroup, receive from its channel).
func (c *checker) stoppingMethods(p path, j *goJoin) []string {
	if !p.valid() {
		return nil
	}
	t := c.pathType(p)
	if t == nil {
		return nil
	}
	var names []string
	ms := c.methodSet(t)
	for i := 0; i < ms.Len(); i++ {
		m, ok := ms.At(i).Obj().(*types.Func)
		if !ok {
			continue
		}
		at := p
		at.fields += embeddedPath(t, ms.At(i).Index())
		es := c.methodEffectsOf(m, at)
		if c.effectsStop(es, p, j) {
			names = append(names, m.Name())
		}
	}
	// Callers in other packages can call only the exported ones.
	if exported := slices.DeleteFunc(slices.Clone(names), func(s string) bool { return !token.IsExported(s) }); len(exported) > 0 {
		names = exported
	}
	slices.Sort(names)
	return names
}

// stopNames returns the exported methods of the value at p named like a
// stop (Close, Stop, Shutdown...).
func (c *checker) stopNames(p path) []string {
	t := c.pathType(p)
	if !p.valid() || t == nil {
		return nil
	}
	var names []string
	ms := c.methodSet(t)
	for i := 0; i < ms.Len(); i++ {
		if name := ms.At(i).Obj().Name(); closerNames[name] && name != "Wait" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// methodEffectsOf returns the effects of the method m called on the value
// at p, in the caller's terms.
func (c *checker) methodEffectsOf(m *types.Func, p path) []effect {
	var es []effect
	if s := c.calleeSummary(m); s != nil {
		recv := m.Type().(*types.Signature).Recv()
		for _, e := range s.effects {
			if recv != nil && (e.p.root == recv || e.p.root.Pos() == recv.Pos() && e.p.root.Name() == recv.Name()) {
				q := p
				q.fields += e.p.fields
				q.deref = true
				es = append(es, effect{e.kind, q})
			}
		}
	}
	if closerNames[m.Name()] && m.Name() != "Wait" && !c.summarised(m) {
		es = append(es, effect{effStop, p})
	}
	return es
}

// effectsStop reports whether the effects es, of a method of the value at
// p, stop the goroutine of j: they release each of its blocks on the
// value, or join it through one of its keys on the value.
func (c *checker) effectsStop(es []effect, p path, j *goJoin) bool {
	if len(es) == 0 {
		return false
	}
	for _, k := range j.keys {
		if !p.prefixOf(k.p) {
			continue
		}
		for _, e := range es {
			if e.p.equal(k.p) && (k.kind == keyWait && e.kind == effWait || k.kind == keyChan && !k.multi && e.kind == effRecv) {
				return true // it joins (not one receive from a channel it sends on in a loop: Len's <-b.length)
			}
		}
	}
	under := 0
	for _, b := range j.blocks {
		if b.inner || !slices.ContainsFunc(b.alts, func(a alt) bool { return p.prefixOf(a.p) || a.kind == altDone }) {
			continue
		}
		under++
		released := false
		for _, e := range es {
			for _, a := range b.alts {
				released = released || c.releases(e, a)
			}
		}
		if !released {
			if c.transientBlock(b) {
				under--
				continue
			}
			return false
		}
	}
	return under > 0
}

// transientBlock reports whether b is a wait its loop goes on after (no
// alternative is a way out of the loop), released by another of the
// package's goroutines or methods (a request handed to a worker, an
// answer put in a buffer): none the value's owner need release to stop
// the goroutine.
func (c *checker) transientBlock(b block) bool {
	return !slices.ContainsFunc(b.alts, func(a alt) bool { return !a.loop || a.exits }) && slices.ContainsFunc(b.alts, c.releasable)
}

// obligationsOf returns the obligations of fn, from this package or a
// fact.
func (c *checker) obligationsOf(fn *types.Func) []obligation {
	return c.ownedBy(fn, c.obligations, func(s *summary) []obligation { return s.obligations })
}

// ownedBy returns a list kept for fn: from local, for a function of this
// package, or from its summary's fact otherwise.
func (c *checker) ownedBy(fn *types.Func, local map[*types.Func][]obligation, fromFact func(*summary) []obligation) []obligation {
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return local[fn]
	}
	if s := c.calleeSummary(fn); s != nil {
		return fromFact(s)
	}
	return nil
}

// obligationExpr returns the expression of the call that carries o: the
// receiver or the argument; nil for a result (see assignedPath).
func (c *checker) obligationExpr(call *ast.CallExpr, fn *types.Func, o obligation) ast.Expr {
	switch {
	case o.target == -1:
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.X
		}
	case o.target >= 0:
		if o.target < len(call.Args) {
			if sig := fn.Type().(*types.Signature); sig.Variadic() && o.target >= sig.Params().Len()-1 {
				return nil
			}
			return call.Args[o.target]
		}
	}
	return nil
}

// promotedStep returns, when o is on the receiver of a call of a promoted
// method (m.goFunc, goFunc a method of a field m embeds), the embedded
// fields from the receiver as written to the method's own (".baseState"):
// the obligation's fields start there.
func (c *checker) promotedStep(call *ast.CallExpr, o obligation) string {
	if o.target != -1 {
		return ""
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	s, ok := c.info.Selections[sel]
	if !ok || len(s.Index()) < 2 {
		return ""
	}
	return embeddedPath(s.Recv(), s.Index())
}

// assignedPath returns the variable a call's result o is assigned to:
// x, err := f(); x := f().
func (c *checker) assignedPath(call *ast.CallExpr, o obligation) path {
	if !o.isResult() {
		return path{}
	}
	cur, ok := c.cursorOf(call)
	if !ok {
		return path{}
	}
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		parent = parent.Parent()
	}
	lhs, rhs := assignment(parent.Node())
	if len(rhs) == 1 && ast.Unparen(rhs[0]) == call && o.resultIndex() < len(lhs) {
		return pathOf(c.info, lhs[o.resultIndex()])
	}
	if len(lhs) == len(rhs) {
		for i, r := range rhs {
			if ast.Unparen(r) == call && o.resultIndex() == 0 {
				return pathOf(c.info, lhs[i])
			}
		}
	}
	return path{}
}

// checkObligations checks every call of a function with obligations: the
// caller must discharge each on every path, or hand it on.
func (c *checker) checkObligations() {
	for _, pc := range c.packageCalls() {
		cur, call, to := pc.cur, pc.cur.Node().(*ast.CallExpr), pc.static()
		if to == nil || isGroupGo(to) {
			continue // wg.Go and g.Go: checkGroupGo
		}
		obs := c.obligationsOf(to)
		if len(obs) == 0 {
			continue
		}
		fnCur := enclosingFunc(cur)
		if !fnCur.Valid() || c.inGoCall(cur) {
			continue
		}
		fn := fnCur.Node()
		if c.inSynctest(cur) {
			continue
		}
		// One report per value handed on: the obligation it drops on the
		// value itself (or the shallowest field below it), counting the
		// goroutines of the others it drops too. Goroutines kept in the
		// value's fields (a cache inside a DB) go with the value: one
		// Close of it stops them all, or the report on it says so.
		var dropped []obligation
		var hows []string
		grow := c.exitGrowth(call, to)
		obs = slices.DeleteFunc(slices.Clone(obs), func(o obligation) bool { return c.gateOff(call, to, o.gate, fn) })
		for _, o := range mergeObligations(obs) {
			how := c.checkCall(cur, fn, call, to, o, grow)
			if how == "" {
				continue
			}
			i := slices.IndexFunc(dropped, func(d obligation) bool { return d.target == o.target && sameDrop(d, o) })
			if i < 0 {
				dropped, hows = append(dropped, o), append(hows, how)
				continue
			}
			if len(o.fields) < len(dropped[i].fields) {
				o.more += 1 + dropped[i].more
				dropped[i], hows[i] = o, how
				continue
			}
			dropped[i].more += 1 + o.more
		}
		for i, o := range dropped {
			c.reportDrop(call, fn, to, o, hows[i])
		}
	}
}

// sameDrop reports whether obligations a and b, dropped at one call on
// one target, are one value's: the same path, or one below the other.
func sameDrop(a, b obligation) bool {
	return a.fields == b.fields || strings.HasPrefix(b.fields, a.fields+".") || strings.HasPrefix(a.fields, b.fields+".")
}

// inGoCall reports whether cur is the call of a go statement (its
// obligations are the goroutine's).
func (c *checker) inGoCall(cur inspector.Cursor) bool {
	_, ok := cur.Parent().Node().(*ast.GoStmt)
	return ok
}

// checkCall checks one obligation at one call, and says how the call
// drops it, or "" when it does not.
func (c *checker) checkCall(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, to *types.Func, o obligation, grow grower) string {
	if o.kind == obCancel {
		return c.checkCancel(cur, fn, call, to, o)
	}
	if o.kind == obCallback {
		return c.checkCallback(cur, fn, call, to, o, grow)
	}
	if c.argStopped(cur, fn, call, to, o) {
		return "" // Background(ctx) with defer cancel(): ending the goroutine is enough
	}
	if c.givenWaitsHandedOn(cur, fn, call, to, o) {
		return "" // goErr(func() error { return write(conn) }) dropped: ends when conn's owner closes it
	}
	if o.closer > 0 && c.closerCalled(cur, fn, call, to, o) {
		return "" // _, stop := newServer(); defer stop(): the value is stopped through its closer
	}
	if o.lastCall > 0 && c.lastActWaited(cur, fn, call, to, o, grow) {
		return "" // start(func() { wg.Done() }); wg.Wait(): its last act was seen
	}
	var p path
	if e := c.obligationExpr(call, to, o); e != nil {
		p = pathOf(c.info, e)
		p.fields += c.promotedStep(call, o)
		if !p.valid() && o.target == -1 && c.madeHere(e) && c.returnsReceiver(to) {
			// client.New().Start(conn), Start returning its receiver:
			// what the new client owes, Start's result owes.
			return c.checkCall(cur, fn, call, to, o.asResult(0), grow)
		}
		if o.kind == obClose && !o.isResult() && o.fields == "" && c.madeChan(e) {
			return "is never closed (" + c.text(e) + ")" // NewChan(make(chan struct{}))
		}
	} else if o.isResult() {
		if c.isBlank(call, o) {
			if c.errKept(call, to) && !c.blankOnNil(cur, fn, call, to) {
				return "" // _, err = Open(...) expecting the error: nothing was made
			}
			return "is assigned to _"
		}
		p = c.assignedPath(call, o)
		if !p.valid() {
			p = c.literalSlot(call, fn)
		}
		if !p.valid() {
			if how := c.elemUnstopped(cur, fn, call, o); how != "" {
				return how
			}
			return c.resultUsedInPlace(cur, call, o)
		}
	}
	if !p.valid() {
		return "" // used in place (passed on, returned): handed on
	}
	p.fields += o.fields
	if !o.isResult() && c.fieldOfParam(p, fn) {
		// startup := &coordinator{conn: c}; startup.setup(ctx), in a
		// method of c's: what setup leaves running on startup.conn
		// ends when c's owner stops c.
		return ""
	}
	return c.checkPath(cur, fn, call, to, o, grow, p)
}

// fieldOfParam reports whether p is (below) a field of a local that fn
// gives, once and in a literal, a parameter or the receiver of fn (v :=
// &T{f: param}): the field holds the caller's value.
func (c *checker) fieldOfParam(p path, fn ast.Node) bool {
	body := funcBody(fn)
	if body == nil || !strings.HasPrefix(p.fields, ".") || !declaredIn(p.root, body) {
		return false
	}
	field, _, _ := strings.Cut(p.fields[1:], ".") // startup.conn.conn: what startup.conn holds is the caller's
	return c.onlyAssigned(body, p.root, func(lhs, rhs []ast.Expr, i int) bool {
		if len(lhs) != len(rhs) {
			return false
		}
		value := literalField(rhs[i], field)
		if value == nil {
			return false
		}
		v := pathOf(c.info, value)
		return v.valid() && v.fields == "" && !isGlobal(v.root) && !declaredIn(v.root, body) && declaredIn(v.root, fn)
	})
}

// checkPath is checkCall once it knows the path p, in fn, of what carries
// the obligation.
func (c *checker) checkPath(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, to *types.Func, o obligation, grow grower, p path) string {
	how := c.checkPathFlow(cur, fn, call, to, o, grow, p)
	if how == "" && o.isResult() {
		// c.wheel = NewWheel(): handed on to c, whose type has no way
		// to stop it.
		how = c.keptUnstopped(p, fn, o)
	}
	return how
}

// checkPathFlow is checkPath along the paths of fn.
func (c *checker) checkPathFlow(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, to *types.Func, o obligation, grow grower, p path) string {
	named := c.ownedNamedResult(p, fn)
	if !c.localTo(p, fn) && !named {
		return "" // a field, a parameter, a global: its owner's business (or this function's own obligation)
	}
	if !o.isResult() && !c.ownedLocal(p.root, fn) && !((o.kind == obRecv || o.kind == obClose) && p.fields == "" && c.onlyMade(p.root, funcBody(fn))) && !(o.signalled && localWaitGroup(p)) {
		return "" // a value the function got from elsewhere: its owner's business
	}
	if p.fields == "" && c.storedBefore(p.root, fn, call) {
		return "" // s.handlers[key] = h before h.run(): whoever keeps it stops it
	}
	if fd, ok := fn.(*ast.FuncDecl); ok && p.fields == "" && c.keptBefore(fd, p.root, call) {
		return "" // o.attach(s) before s.Start(), o returned: o's Close stops it
	}
	if c.makerCleans(fn, p, o) {
		return "" // p := newPeer(t), whose t.Cleanup closes p.client: a test helper's fixture
	}
	used := func(n ast.Node) bool { return c.discharges(n, p, o, grow) }
	if named {
		// s.pool = NewPool() into the named result s: a bare return
		// returns s; return nil, err drops it.
		base := used
		used = func(n ast.Node) bool {
			ret, ok := n.(*ast.ReturnStmt)
			return ok && len(ret.Results) == 0 || base(n)
		}
	}
	if p.fields == "" && nillable(p.root.Type()) {
		// p, ok, err := MaybePoller(); require.Nil(t, p): past the
		// assertion nothing was made.
		base := used
		used = func(n ast.Node) bool { return base(n) || c.assertsNil(n, p.root) }
	}
	{
		// o := &Outer{srv: srv}; srv.Start(); return o: handing on the
		// value that holds it hands it on (and what is below it).
		base := used
		used = func(n ast.Node) bool { return base(n) || c.heldBy(n, p.root, fn, call) != nil }
	}
	if p.fields == "" {
		// m, err := NewMgr(c), NewMgr keeping c in m.c: stopping m.c
		// stops c (handing m on hands c on: heldBy).
		for _, wp := range c.wrapperPaths(p.root, fn) {
			base := used
			used = func(n ast.Node) bool { return base(n) || c.discharges(n, wp, o, grow) }
		}
	}
	if alias := c.fieldAlias(p, fn); alias != nil && !o.isResult() {
		// c := NewClient(conn); c.Listen(): c.conn is conn, and closing
		// conn stops what reads c.conn.
		ap := path{root: alias}
		used = func(n ast.Node) bool { return c.discharges(n, p, o, grow) || c.discharges(n, ap, o, grow) }
	}
	if o.orStop != nil {
		// lost, _ := h.Hold(); h.Unhold(): the goroutine that would
		// close lost is stopped through the receiver.
		if e := c.obligationExpr(call, to, *o.orStop); e != nil {
			if rp := pathOf(c.info, e); rp.valid() {
				rp.fields += c.promotedStep(call, *o.orStop)
				used = func(n ast.Node) bool { return c.discharges(n, p, o, grow) || c.discharges(n, rp, *o.orStop, grow) }
			}
		}
	}
	if len(o.hooks) > 0 {
		// svc := NewService(nc); defer nc.Close(): the service gave nc
		// its stop to run when closed (hooks.go).
		base := used
		used = func(n ast.Node) bool { return base(n) || c.runsHook(n, call, to, o) }
	}
	if o.twin > 0 {
		// s, closer := NewRootScope(opts): closer is s too.
		if tp := c.assignedPath(call, obligation{target: result(o.twin - 1)}); tp.valid() && c.localTo(tp, fn) {
			tp.fields += o.fields
			base := used
			used = func(n ast.Node) bool { return base(n) || c.discharges(n, tp, o, grow) }
		}
	}
	if o.closer > 0 {
		// s, cleanup := newServer(): calling cleanup stops s.
		if cp := c.assignedPath(call, obligation{target: result(o.closer - 1)}); cp.valid() {
			used = func(n ast.Node) bool { return c.discharges(n, p, o, grow) || c.callsCloser(n, cp) }
		}
	}
	if o.kind == obStop || o.kind == obWait {
		// go func() { ...; p.Close(ctx); collector.Close() }();
		// collector.All(): what a goroutine does before its last act is
		// done once the function has waited for that act.
		base := used
		used = func(n ast.Node) bool {
			return base(n) || slices.ContainsFunc(c.joinedStmts(n, fn), func(s ast.Stmt) bool { return base(s) })
		}
	}
	stmt := c.stmtOf(cur)
	if deferredBefore(c.info, funcBody(fn), stmt, used) || c.stoppedByGoroutine(funcBody(fn), stmt, p, o, grow) {
		return ""
	}
	// A test's t.Fatal is not held against it here: a value it made is
	// usually its fixture, and a failing test leaving a fixture running
	// is a report on every line of every test.
	// A receive in a select discharges it only on the paths of its case:
	// a select that leaves by its timeout leaves the goroutine's send
	// waiting for ever, unless the channel has room for what it sends.
	// Nor is a path that a call ends the test on though the CFG goes on
	// past it (must.Unreachable(t), require.FailNow(t)).
	q := flowQuery{g: c.cfgOf(fn), from: stmt, used: used, flag: c.stableFlag(fn), known: c.knownCond(fn), isGoexit: c.goexit}
	if o.kind == obRecv && !o.roomy {
		q.used = func(n ast.Node) bool { return !c.isComm(n) && used(n) }
		q.caseUsed = func(cc *ast.CommClause) bool { return used(cc.Comm) }
	}
	if o.nilStopped && c.errReturned(call, stmt) {
		return "" // return srv.Serve(lis): nil only once srv was stopped
	}
	if (o.nilStopped || o.failsClean) && c.errAsserted(stmt, call) {
		return "" // require.Error(t, s.Start("")): it failed, and made nothing
	}
	if errVar := c.errResult(call, to, stmt, o.nilStopped || o.failsClean); errVar != nil {
		q.nilDone = o.nilStopped
		c.errPaths(&q, errVar, fn, stmt)
	}
	if flag := c.madeFlagVar(call, to, stmt, o); flag != nil {
		q.isMade = func(e ast.Expr) bool {
			id, ok := e.(*ast.Ident)
			return ok && c.info.Uses[id] == flag
		}
	}
	if o.isResult() && nillable(p.root.Type()) {
		// if s != nil { s.Shutdown() }, s.nc the value: a nil s holds
		// none.
		q.isNil = func(e ast.Expr) bool {
			id, ok := e.(*ast.Ident)
			return ok && c.info.Uses[id] == p.root
		}
	}
	if o.isResult() && p.fields == "" && !p.deref {
		// s = NewSession(c2) again: the first value is lost unstopped.
		q.killed = func(n ast.Node) bool { return n != stmt && c.overwrites(n, p.root) }
	}
	switch end := q.search(false).(type) {
	case nil:
	case *ast.ReturnStmt:
		return "is not " + obVerb(o) + " on every path: " + c.returnDesc(end, fn) + " skips it"
	default:
		return fmt.Sprintf("is not %s before the assignment at line %d overwrites %s", obVerb(o), c.pass.Fset.Position(end.Pos()).Line, p.root.Name())
	}
	return ""
}

// overwrites reports whether n assigns the variable v anew (v = x, v, err
// = f()), not through a field or an element.
func (c *checker) overwrites(n ast.Node, v *types.Var) bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok {
		return false
	}
	return slices.ContainsFunc(as.Lhs, func(l ast.Expr) bool {
		id, ok := ast.Unparen(l).(*ast.Ident)
		return ok && c.info.Uses[id] == v
	})
}

// stableFlag returns, for flowQuery.flag, the flags of fn: a boolean
// variable, or a boolean field of a struct value (not a pointer: no method
// can change it behind the function's back), that fn never assigns nor
// takes the address of: a table test's tt.stop, a parameter.
func (c *checker) stableFlag(fn ast.Node) func(ast.Expr) (string, bool) {
	changed := c.changedVars(fn)
	return func(e ast.Expr) (string, bool) {
		if t := c.typeOf(e); t == nil || !isBoolType(t) {
			return "", false
		}
		p := pathOf(c.info, e)
		if !p.valid() || changed[p.root] || p.deref {
			return "", false
		}
		if p.fields != "" {
			if _, ok := p.root.Type().Underlying().(*types.Struct); !ok {
				return "", false
			}
		}
		return fmt.Sprintf("%p%s", p.root, p.fields), true
	}
}

// stableFlagAfter is stableFlag for the paths from g on: a boolean local
// that fn sets only to constants, in no loop, all before g (var listening
// bool; ... listening = true; go t.readLoop(conn)) keeps its value after
// g too. preset gives, in flowQuery's form, the value such a flag was set
// to in a statement list around g, before it.
func (c *checker) stableFlagAfter(fn ast.Node, g ast.Node) (flag func(ast.Expr) (string, bool), preset string) {
	base := c.stableFlag(fn)
	body := funcBody(fn)
	if body == nil || inLoop(g, body) {
		return base, ""
	}
	// The constant assignments to each boolean local, and whether all of
	// them come before g, in no loop.
	sets := make(map[*types.Var]bool)
	bad := make(map[*types.Var]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok || c.info.Defs[id] != nil {
					continue
				}
				v, ok := c.info.Uses[id].(*types.Var)
				if !ok || !isBoolType(v.Type()) || !declaredIn(v, body) {
					continue
				}
				constant := n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) && c.info.Types[n.Rhs[i]].Value != nil
				if !constant || n.Pos() > g.Pos() || inLoop(n, body) {
					bad[v] = true
				}
				sets[v] = true
			}
		}
		return true
	})
	// Nothing else changes it: no address taken, no increment.
	other := make(map[*types.Var]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				other[pathOf(c.info, n.X).root] = true
			}
		case *ast.IncDecStmt:
			other[pathOf(c.info, n.X).root] = true
		}
		return true
	})
	stable := func(v *types.Var) bool { return sets[v] && !bad[v] && !other[v] }
	flag = func(e ast.Expr) (string, bool) {
		if name, ok := base(e); ok {
			return name, true
		}
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return "", false
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || !stable(v) {
			return "", false
		}
		return fmt.Sprintf("%p", v), true
	}
	// The value set in a statement list around g, before it.
	cur, ok := c.cursorOf(g)
	for ok {
		for _, st := range stmtList(cur.Parent().Node()) {
			if st.Pos() >= g.Pos() {
				break
			}
			as, isAssign := st.(*ast.AssignStmt)
			if !isAssign || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				continue
			}
			id, isID := ast.Unparen(as.Lhs[0]).(*ast.Ident)
			if !isID {
				continue
			}
			v, isVar := c.info.Uses[id].(*types.Var)
			if !isVar || !stable(v) || strings.Contains(preset, fmt.Sprintf("\x00%p=", v)) {
				continue
			}
			if val := c.info.Types[as.Rhs[0]].Value; val != nil && val.Kind() == constant.Bool {
				if constant.BoolVal(val) {
					preset += fmt.Sprintf("\x00%p=1", v)
				} else {
					preset += fmt.Sprintf("\x00%p=0", v)
				}
			}
		}
		if cur.Parent().Node() == ast.Node(body) {
			break
		}
		cur, ok = cur.Parent(), cur.Parent().Valid()
	}
	return flag, preset
}

// changedVars returns the variables fn assigns, increments or takes the
// address of, walking its body only the first time (see checker.changed).
// The statement that declares a variable outside any loop gives it its
// one value (ok := err == nil), and does not count.
func (c *checker) changedVars(fn ast.Node) map[*types.Var]bool {
	if changed, ok := c.changed[fn]; ok {
		return changed
	}
	changed := make(map[*types.Var]bool)
	if c.changed == nil {
		c.changed = make(map[ast.Node]map[*types.Var]bool)
	}
	c.changed[fn] = changed
	visit := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				changed[pathOf(c.info, n.X).root] = true
			}
		case *ast.IncDecStmt:
			changed[pathOf(c.info, n.X).root] = true
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if e != nil {
					changed[pathOf(c.info, e).root] = true
				}
			}
		}
		lhs, _ := assignment(n)
		for _, l := range lhs {
			if id, ok := l.(*ast.Ident); ok && c.info.Defs[id] != nil && !inLoop(id, funcBody(fn)) {
				continue // ok := err == nil: its one value, given where it is made
			}
			changed[pathOf(c.info, l).root] = true
		}
		return true
	}
	// Only these nodes change anything: the inspector's events skip the
	// subtrees that hold none.
	if body := funcBody(fn); body != nil {
		if cur, ok := c.cursorAt(body); ok {
			cur.Inspect(changeNodes, func(k inspector.Cursor) bool { return visit(k.Node()) })
			return changed
		}
	}
	ast.Inspect(funcBody(fn), visit)
	return changed
}

// changeNodes are the nodes changedVars looks at.
var changeNodes = []ast.Node{(*ast.UnaryExpr)(nil), (*ast.IncDecStmt)(nil), (*ast.RangeStmt)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)}

// isBoolType reports whether t is a boolean type.
func isBoolType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// nillable reports whether a value of type t can be nil and is then
// nothing to stop: a pointer, an interface, or a channel (a nil channel
// returned instead of one its goroutine closes: none was started).
func nillable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Chan:
		return true // a nil channel: no goroutine sends on it or closes it
	}
	return false
}

// errKept reports whether the call's last result is an error assigned to
// a variable (not _).
func (c *checker) errKept(call *ast.CallExpr, to *types.Func) bool {
	sig, ok := to.Type().(*types.Signature)
	if !ok || sig.Results().Len() < 2 || !isErrorType(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false
	}
	cur, ok := c.cursorOf(call)
	if !ok {
		return false
	}
	lhs, rhs := assignment(cur.Parent().Node())
	if len(rhs) != 1 || len(lhs) != sig.Results().Len() {
		return false
	}
	id, ok := lhs[len(lhs)-1].(*ast.Ident)
	return ok && id.Name != "_"
}

// isBlank reports whether the result carrying o is assigned to _.
func (c *checker) isBlank(call *ast.CallExpr, o obligation) bool {
	if !o.isResult() {
		return false
	}
	cur, ok := c.cursorOf(call)
	if !ok {
		return false
	}
	lhs, rhs := assignment(cur.Parent().Node())
	if len(rhs) == 1 && ast.Unparen(rhs[0]) == call && o.resultIndex() < len(lhs) {
		id, ok := lhs[o.resultIndex()].(*ast.Ident)
		return ok && id.Name == "_"
	}
	return false
}

// resultUsedInPlace says how a result carrying o, used where the call
// stands, is dropped: not kept at all, received from in one case of a
// select only, the receiver of a method that does not discharge it; ""
// when it is handed on there (passed to a call, returned, stored,
// received from).
func (c *checker) resultUsedInPlace(cur inspector.Cursor, call *ast.CallExpr, o obligation) string {
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		parent = parent.Parent()
	}
	switch p := parent.Node().(type) {
	case *ast.ExprStmt:
		if expectsPanic(c.info, cur) {
			return "" // assert.Panics(t, func() { NewPool(0) }): it panics before it starts anything
		}
		return "is dropped"
	case *ast.UnaryExpr:
		if p.Op == token.ARROW && o.kind == obRecv && c.inSelectCase(parent) {
			return "is received from in only one case of a select"
		}
		if p.Op == token.ARROW && o.drain && !c.inLoopAt(p) {
			return "is received from once, though its goroutine sends more than once"
		}
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[p]; ok && sel.Kind() == types.MethodVal {
			// newX().Close(): discharged in place when that method does
			// it; New().Expect(): a method that returns its receiver hands
			// the value on to whatever takes its result.
			m, _ := sel.Obj().(*types.Func)
			if m != nil && c.returnsReceiver(m) {
				return ""
			}
			if o.kind != obStop || m == nil || !slices.Contains(o.methods, m.Name()) {
				return "is used once and dropped"
			}
		}
	case *ast.AssignStmt:
		if i := o.resultIndex(); o.isResult() && len(p.Rhs) == 1 && i < len(p.Lhs) && storedInPlace(p.Lhs[i]) {
			return "" // leafs[1].srv, _ = RunServer(conf): kept in an element, whose holder stops it
		}
		return "is dropped" // assigned to something that is not a variable of its own
	case *ast.ValueSpec:
		return "is dropped"
	}
	return ""
}

// elemUnstopped says how a result owing a stop is dropped when it is put
// in an element of a slice or map local to fn (peers[i] = New()) that fn
// neither hands on nor stops the elements of (for _, p := range peers {
// p.Close() }): the container is the function's own, as a local is.
func (c *checker) elemUnstopped(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, o obligation) string {
	if o.kind != obStop || len(o.methods) == 0 || o.fields != "" {
		return ""
	}
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	i := o.resultIndex()
	if !ok || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != call || i >= len(as.Lhs) {
		return ""
	}
	ix, ok := ast.Unparen(as.Lhs[i]).(*ast.IndexExpr)
	if !ok {
		return ""
	}
	id := identOf(ix.X)
	v, _ := c.info.Uses[id].(*types.Var)
	if v == nil || !declaredIn(v, funcBody(fn)) {
		return ""
	}
	switch v.Type().Underlying().(type) {
	case *types.Slice, *types.Map, *types.Array:
	default:
		return ""
	}
	stopped := false
	c.eachRef(funcBody(fn), func(r ref) {
		if stopped || r.path.root != v {
			return
		}
		if r.path.fields != "" || r.kind != useValue || isCallee(r) {
			return
		}
		cur, ok := c.cursorOf(r.expr)
		if !ok {
			return
		}
		switch p := cur.Parent().Node().(type) {
		case *ast.RangeStmt:
			if p.X == r.expr {
				return // ranged over: the loop's body is asked below
			}
		case *ast.IndexExpr:
			if p.X == r.expr {
				// peers["a"].Close(): an element stopped; peers[i] =
				// New(): one stored; peers[i].ID(): one looked at. Any
				// other use may take an element away.
				switch up := cur.Parent().Parent().Node().(type) {
				case *ast.SelectorExpr:
					stopped = slices.Contains(o.methods, up.Sel.Name)
				case *ast.AssignStmt:
					stopped = !slices.Contains(up.Lhs, ast.Expr(p))
				default:
					stopped = true
				}
				return
			}
		}
		stopped = true // returned, stored, given to a call: handed on
	})
	if stopped {
		return ""
	}
	// for _, p := range peers { p.Close() }
	for rc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		for rs := range rc.Preorder((*ast.RangeStmt)(nil)) {
			r := rs.Node().(*ast.RangeStmt)
			if identOf(r.X) == nil || c.info.Uses[identOf(r.X)] != v {
				continue
			}
			for _, e := range []ast.Expr{r.Key, r.Value} {
				if e == nil {
					continue
				}
				if ev, ok := c.info.ObjectOf(identOf(e)).(*types.Var); ok && ev != nil && c.methodCalled(r.Body, ev, o.methods) {
					return ""
				}
			}
		}
		break
	}
	return "is kept in " + c.text(as.Lhs[i]) + ", and nothing stops the elements of " + v.Name() + " nor hands it on"
}

// methodCalled reports whether body calls one of methods on v.
func (c *checker) methodCalled(body ast.Node, v *types.Var, methods []string) bool {
	found := false
	c.eachRef(body, func(r ref) {
		if !found && r.path.root == v && r.path.fields == "" && r.kind == useMethod && slices.Contains(methods, r.method.Name()) {
			found = true
		}
	})
	return found
}

// literalSlot returns the field of a local of fn that call's result is
// put in by the struct literal the local is made of (s := &Server{mgr:
// newMgr()}: s.mgr), or no path. The local is the function's own: what
// the field owes, the function owes until it hands s on.
func (c *checker) literalSlot(call *ast.CallExpr, fn ast.Node) path {
	h := c.holderOf(call, fn)
	if h == nil {
		return path{}
	}
	cur, _ := c.cursorOf(call)
	kv, ok := cur.Parent().Node().(*ast.KeyValueExpr)
	if !ok || kv.Value != call {
		return path{}
	}
	key, ok := kv.Key.(*ast.Ident)
	if !ok {
		return path{}
	}
	_, ptr := h.Type().Underlying().(*types.Pointer)
	return path{root: h, fields: "." + key.Name, deref: ptr}
}

// noErrorArg returns, for an assertion that returns whether an error is
// nil (testify's assert.NoError(t, err), assert.Nil(t, err), and helpers
// so named returning bool), the index of the error argument; -1 otherwise.
func (c *checker) noErrorArg(call *ast.CallExpr) int {
	f := callee(c.info, call)
	if f == nil {
		return -1
	}
	switch strings.TrimSuffix(f.Name(), "f") {
	case "NoError", "Nil":
	default:
		return -1
	}
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), types.Typ[types.Bool]) {
		return -1
	}
	for i, a := range call.Args {
		if isErrorType(c.typeOf(a)) {
			return i
		}
	}
	return -1
}

// expectsPanic reports whether the call at cur is the statement of a
// function literal given to an assertion that it panics (a function
// named Panics, PanicsWithValue, PanicsWithError, as testify's and the
// helpers modelled on them).
func expectsPanic(info *types.Info, cur inspector.Cursor) bool {
	for lit := range cur.Enclosing((*ast.FuncLit)(nil)) {
		call, ok := lit.Parent().Node().(*ast.CallExpr)
		if !ok {
			return false
		}
		f := callee(info, call)
		return f != nil && strings.HasPrefix(f.Name(), "Panics")
	}
	return false
}

// storedInPlace reports whether the left-hand side l is an element of a
// slice, array or map, or a field of one (servers[i] = s, leafs[1].srv =
// s): the value is kept where whoever holds the container reaches it.
func storedInPlace(l ast.Expr) bool {
	for {
		switch e := ast.Unparen(l).(type) {
		case *ast.IndexExpr:
			return true
		case *ast.SelectorExpr:
			l = e.X
		case *ast.StarExpr:
			l = e.X
		default:
			return false
		}
	}
}

// inSelectCase reports whether the receive at cur is the communication of
// a case of a select with other cases.
func (c *checker) inSelectCase(cur inspector.Cursor) bool {
	n := cur.Node()
	if p := cur.Parent(); p.Valid() {
		if _, ok := p.Node().(*ast.AssignStmt); ok {
			n = p.Node()
		} else if _, ok := p.Node().(*ast.ExprStmt); ok {
			n = p.Node()
		}
	}
	sel := c.selectOf(n)
	return sel != nil && len(sel.Body.List) > 1
}

// returnsReceiver reports whether the method m returns its receiver on
// every return (a builder's fluent method): read from its body in this
// package, from its fact otherwise (ownFact.ReturnsRecv, kept for methods
// that owe something).
func (c *checker) returnsReceiver(m *types.Func) bool {
	if m.Pkg() != c.pass.Pkg {
		s := c.calleeSummary(m)
		return s != nil && s.returnsRecv
	}
	decl := c.decls[m.Origin()]
	if decl == nil || decl.Body == nil || decl.Recv == nil || len(decl.Recv.List) == 0 || len(decl.Recv.List[0].Names) == 0 {
		return false
	}
	recv := c.info.Defs[decl.Recv.List[0].Names[0]]
	all, any := true, false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			any = true
			id, ok := ast.Unparen(firstOf(n.Results)).(*ast.Ident)
			all = all && ok && c.info.Uses[id] == recv
		}
		return all
	})
	return all && any
}

func firstOf(es []ast.Expr) ast.Expr {
	if len(es) == 0 {
		return nil
	}
	return es[0]
}

// stmtOf returns the statement that holds the call at cur.
func (c *checker) stmtOf(cur inspector.Cursor) ast.Node {
	for p := cur; p.Valid(); p = p.Parent() {
		if s, ok := p.Node().(ast.Stmt); ok {
			return s
		}
	}
	return cur.Node()
}

// checkCancel checks, at a call of to, an obligation to cancel the context
// passed as argument o.target, which a goroutine to starts waits on: a
// context the function made with a cancel of its own must be cancelled
// on every path (defer cancel()), and a root (context.Background(), a
// local only ever holding one, or a value context made from one) is never
// cancelled. A context from elsewhere (a parameter, a field, a request's)
// is its owner's to cancel, and one the test cancels (t.Context()) is.
func (c *checker) checkCancel(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, to *types.Func, o obligation) string {
	e := c.obligationExpr(call, to, o)
	if e == nil || o.fields != "" {
		return ""
	}
	body := funcBody(fn)
	if c.rootContext(e, body, 0) {
		return "is never cancelled (" + c.text(e) + ")"
	}
	p := pathOf(c.info, e)
	if !p.valid() || p.fields != "" || body == nil || c.testBoundContext(body, p.root, 0) {
		return ""
	}
	if !declaredIn(p.root, body) && (!declaredIn(p.root, fn) || c.ctxParam(fn, p.root)) {
		return "" // the caller's context, or a captured one: its owner cancels it (the obligation is lifted)
	}
	cancels := c.cancelsOf(p.root, body)
	if len(cancels) == 0 {
		return "" // made some other way: its maker's to cancel
	}
	isCancel := func(r ref) bool {
		return slices.ContainsFunc(cancels, func(o types.Object) bool { return r.path.root == o })
	}
	handed := false
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok && !handed {
			// onClose := func() { ...; hcancel() }, given to the
			// transport: whoever runs it cancels.
			c.eachRef(n, func(r ref) { handed = handed || isCancel(r) })
			return false
		}
		return !handed
	})
	c.eachRef(body, func(r ref) {
		handed = handed || isCancel(r) && r.kind == useValue && !isCallee(r) && r.parent != nil
	})
	if handed {
		return "" // stored, returned or passed on: its new holder cancels
	}
	used := func(n ast.Node) bool {
		found := false
		c.eachRef(n, func(r ref) { found = found || isCancel(r) && r.kind == useValue })
		return found
	}
	stmt := c.stmtOf(cur)
	if deferredBefore(c.info, body, stmt, used) {
		return ""
	}
	q := flowQuery{g: c.cfgOf(fn), from: stmt, used: used, flag: c.stableFlag(fn), known: c.knownCond(fn), isGoexit: c.goexit}
	if ret := q.leak(); ret != nil {
		return "is not cancelled on every path: " + c.returnDesc(ret, fn) + " skips it"
	}
	return ""
}

// rootContext reports whether e is a context nothing cancels:
// context.Background() or TODO(), a value or detached context made from
// one, or a local of body only ever holding such a one.
func (c *checker) rootContext(e ast.Expr, body *ast.BlockStmt, depth int) bool {
	if depth > 3 {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		f := callee(c.info, e)
		if isFunc(f, "context", "Background", "TODO") {
			return true
		}
		if isFunc(f, "context", "WithValue") && len(e.Args) > 0 {
			return c.rootContext(e.Args[0], body, depth+1)
		}
		if f != nil && !isFunc(f, "context", "WithoutCancel") {
			// eventrecorder.WithEventRecording(context.Background()):
			// another function that only adds values to a root.
			for j, a := range e.Args {
				if isContextType(c.typeOf(a)) && c.ctxWraps(f, j, 0) && c.rootContext(a, body, depth+1) {
					return true
				}
			}
		}
		return isFunc(f, "context", "WithoutCancel")
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		return ok && c.rootVar(v, body, depth)
	}
	return false
}

// rootVar reports whether v, a local of body, only ever holds a context
// nothing cancels (rootContext).
func (c *checker) rootVar(v *types.Var, body *ast.BlockStmt, depth int) bool {
	if body == nil || !declaredIn(v, body) {
		return false
	}
	return c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		return len(lhs) == len(rhs) && c.rootContext(rhs[i], body, depth+1)
	})
}

// errPaths makes q follow only the paths on which errVar, the error a
// call at stmt returned, may be nil: past if err != nil { return }, past
// require.Error(t, err), the call failed and made nothing.
func (c *checker) errPaths(q *flowQuery, errVar *types.Var, fn ast.Node, stmt ast.Node) {
	body := funcBody(fn)
	q.isErr = func(e ast.Expr) bool {
		// Until something else's error is stored in it (s, err :=
		// newSampler(); r, err := newReporter(): past that, err != nil
		// says the reporter failed, with s made).
		id, ok := e.(*ast.Ident)
		return ok && c.info.Uses[id] == errVar && !c.errReassigned(body, errVar, stmt, id.Pos())
	}
	q.errTest = func(call *ast.CallExpr) bool { return isFunc(callee(c.info, call), "errors", "Is", "As") }
	q.okTest = c.noErrorArg
	// require.Error(t, err), require_True(t, errors.Is(err, x)): past
	// the assertion the call failed, or the test has ended (assertsErr
	// asks isErr, so an error reused by a later call does not count).
	used := q.used
	q.used = func(n ast.Node) bool { return used(n) || c.assertsErr(n, *q) }
}

// errReassigned reports whether something else's error is stored in
// errVar, which the call in stmt set, before pos. err = ctx.Err() of a
// context the call was given is not: err != nil then says that context is
// done, which ends what the call made with it (autopaho's NewConnection).
func (c *checker) errReassigned(body *ast.BlockStmt, errVar *types.Var, stmt ast.Node, pos token.Pos) bool {
	other := false
	ast.Inspect(body, func(n ast.Node) bool {
		if other || n == nil || n.End() < stmt.End() || n.Pos() > pos {
			return false
		}
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Pos() < stmt.End() {
			return true
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); !ok || c.info.ObjectOf(id) != errVar {
				continue
			}
			if len(as.Rhs) == len(as.Lhs) && c.givenCtxErr(as.Rhs[i], stmt) {
				continue
			}
			if exclusive(body, stmt, as) {
				continue // if tls { c, err = dialTLS() } else { c, err = dial() }
			}
			other = true
		}
		return !other
	})
	return other
}

// exclusive reports whether a and b lie in different branches of one if,
// switch or select in body: no path runs both.
func exclusive(body *ast.BlockStmt, a, b ast.Node) bool {
	found := false
	clauses := func(list []ast.Stmt) []ast.Node {
		out := make([]ast.Node, len(list))
		for i, s := range list {
			out[i] = s
		}
		return out
	}
	apart := func(branches []ast.Node) bool {
		ia := slices.IndexFunc(branches, func(n ast.Node) bool { return n != nil && within(a, n) })
		ib := slices.IndexFunc(branches, func(n ast.Node) bool { return n != nil && within(b, n) })
		return ia >= 0 && ib >= 0 && ia != ib
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if found || n == nil || !within(a, n) || !within(b, n) {
			return false
		}
		switch n := n.(type) {
		case *ast.IfStmt:
			if n.Else != nil {
				found = apart([]ast.Node{n.Body, n.Else})
			}
		case *ast.SwitchStmt:
			found = apart(clauses(n.Body.List))
		case *ast.TypeSwitchStmt:
			found = apart(clauses(n.Body.List))
		case *ast.SelectStmt:
			found = apart(clauses(n.Body.List))
		}
		return !found
	})
	return found
}

// givenCtxErr reports whether e is ctx.Err() of a context variable that
// stmt uses (passes to the call it makes).
func (c *checker) givenCtxErr(e ast.Expr, stmt ast.Node) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) > 0 {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Err" || !isContextType(c.typeOf(sel.X)) {
		return false
	}
	v := pathOf(c.info, sel.X).root
	used := false
	ast.Inspect(stmt, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && v != nil && c.info.Uses[id] == v {
			used = true
		}
		return !used
	})
	return used
}

// blankOnNil reports whether a call whose result carrying the obligation
// is assigned to _, beside an error kept in a variable, may succeed and
// return: c, _, err := dial(); if err != nil { return }; use(c), or _, err
// := NewPoller(); if err != nil { t.Fatal(err) }, drops what the call
// made. A call made for its error (_, err := Open(bad); if err == nil {
// t.Error("no error") }) fails the test on the path where it succeeds:
// the caller expects that nothing was made.
func (c *checker) blankOnNil(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, to *types.Func) bool {
	stmt := c.stmtOf(cur)
	errVar := c.errResult(call, to, stmt, false)
	if errVar == nil {
		return false
	}
	lhs, _ := assignment(stmt)
	if !slices.ContainsFunc(lhs[:len(lhs)-1], func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && id.Name != "_"
	}) && !c.expectsSuccess(stmt, errVar) {
		return false // _, err = Open(bad); require.Contains(t, err.Error(), "bad")
	}
	q := flowQuery{g: c.cfgOf(fn), from: stmt, used: c.failsTest, flag: c.stableFlag(fn), known: c.knownCond(fn)}
	c.errPaths(&q, errVar, fn, stmt)
	_, isRet := q.search(false).(*ast.ReturnStmt)
	return isRet
}

// expectsSuccess reports whether the statement after stmt, which sets
// errVar, treats an error as the failure: if err != nil { ... } (alone or
// and-ed with other tests), require.NoError(t, err) and other NoError or
// Nil assertions, return ..., err.
func (c *checker) expectsSuccess(stmt ast.Node, errVar *types.Var) bool {
	isErr := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.info.Uses[id] == errVar
	}
	var notNil func(e ast.Expr) bool
	notNil = func(e ast.Expr) bool {
		b, ok := ast.Unparen(e).(*ast.BinaryExpr)
		if !ok {
			return false
		}
		switch b.Op {
		case token.NEQ:
			return isErr(b.X) && isNil(c.info, b.Y) || isErr(b.Y) && isNil(c.info, b.X)
		case token.LAND:
			return notNil(b.X) || notNil(b.Y)
		}
		return false
	}
	cur, ok := c.cursorOf(stmt)
	if !ok {
		return false
	}
	next, ok := cur.NextSibling()
	if !ok {
		return false
	}
	switch n := next.Node().(type) {
	case *ast.IfStmt:
		return n.Init == nil && notNil(n.Cond)
	case *ast.ExprStmt:
		call, ok := ast.Unparen(n.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		f := callee(c.info, call)
		if f == nil {
			return false
		}
		name := strings.ToLower(strings.TrimSuffix(f.Name(), "f"))
		if strings.HasSuffix(name, "noerror") || strings.HasSuffix(name, "noerr") || name == "nil" {
			return slices.ContainsFunc(call.Args, isErr) // require.NoError(t, err), checkNoErr(t, err)
		}
	case *ast.ReturnStmt:
		return len(n.Results) > 0 && isErr(n.Results[len(n.Results)-1])
	}
	return false
}

// failsTest reports whether n is a statement that fails the test it is in
// (t.Error(...), t.Errorf, t.Fail, assert.Fail, and the calls that end it,
// t.Fatal, require.FailNow).
func (c *checker) failsTest(n ast.Node) bool {
	es, ok := n.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := callee(c.info, call)
	if isGoexit(fn) {
		return true
	}
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Name() {
	case "Error", "Errorf", "Fail", "Failf":
	default:
		return false
	}
	switch fn.Pkg().Path() {
	case "testing", "github.com/stretchr/testify/assert":
		return true
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(sig.Recv().Type(), false, fn.Pkg(), "FailNow")
	return obj != nil // a helper's TestingT
}

// errResult returns the variable holding the call's error result, when
// the call returns (T, error) and the statement assigns it: on the path
// where it is not nil, there is nothing to discharge.
func (c *checker) errResult(call *ast.CallExpr, to *types.Func, stmt ast.Node, alone bool) *types.Var {
	sig, ok := to.Type().(*types.Signature)
	if !ok || sig.Results().Len() < 2 && !(alone && sig.Results().Len() == 1) || !isErrorType(sig.Results().At(sig.Results().Len()-1).Type()) {
		return nil
	}
	lhs, rhs := assignment(stmt)
	if len(rhs) != 1 || ast.Unparen(rhs[0]) != call || len(lhs) != sig.Results().Len() {
		return nil
	}
	return pathOf(c.info, lhs[len(lhs)-1]).root
}

// errReturned reports whether stmt returns the error call gives as it is
// (return srv.Serve(lis)).
func (c *checker) errReturned(call *ast.CallExpr, stmt ast.Node) bool {
	ret, ok := stmt.(*ast.ReturnStmt)
	return ok && len(ret.Results) > 0 && ast.Unparen(ret.Results[len(ret.Results)-1]) == call
}

// discharges reports whether n discharges the obligation o on the value at
// p: receives from it or ranges over it (obRecv), waits on it (obWait),
// closes it (obClose), calls one of its stopping methods (obStop), or
// hands it on (returns it, stores it, passes it to a call, captures it in
// a goroutine). grow, when not nil, adds to n's effects what the
// goroutines they release do as they end (exitGrowth).
func (c *checker) discharges(n ast.Node, p path, o obligation, grow grower) bool {
	found := false
	c.eachRef(n, func(r ref) {
		if found || !r.path.prefixOf(p) && !p.prefixOf(r.path) {
			return
		}
		if r.parent == nil {
			if rs := c.rangeOf(r.expr); rs != nil {
				r.kind = useRange
			}
		}
		switch r.kind {
		case useValue, useGoArg, useRuntimeArg:
			if r.kind == useValue && ownPartCall(c.info, r) {
				return // ps.disc.Start(ps): given to a part of itself, not on
			}
			if r.kind == useValue && !isCallee(r) && c.lentTo(r) && !c.callsOwed(r, o) {
				return // peek(w), a helper that only reads it: still the caller's
			}
			if r.kind == useValue && r.call != nil && slices.Contains(r.call.Args, r.expr) && assertLibrary(callee(c.info, r.call)) {
				return // require.NotNil(t, client): looked at, not taken
			}
			if r.kind == useValue && r.call != nil && r.path.equal(p) {
				if h, _ := c.wrappedIn(r.call, slices.Index(r.call.Args, r.expr), nil); h != nil {
					return // m, err := NewMgr(c): given to m, which must be handed on or stop it (checkPathFlow)
				}
			}
			found = !isCallee(r) && r.path.prefixOf(p) || r.path.equal(p) && o.kind == obRecv
		case useRecv, useRange:
			found = o.kind == obRecv && r.path.equal(p) && (r.kind == useRange || !o.drain || c.inLoopAt(r.expr)) ||
				o.kind == obStop && r.kind == useRange && c.drainsJoin(r, p, o)
		case useBuiltin:
			found = o.kind == obClose && isBuiltinCall(c.info, r.call, "close") && r.path.equal(p)
		case useSend:
			found = o.kind == obClose && o.sendEnds && r.path.equal(p)
		case useMethod:
			switch {
			case o.kind == obWait:
				found = r.path.equal(p) && r.method.Name() == "Wait"
			case o.kind == obStop && r.path.equal(p):
				// One of the methods found to stop it where it was made
				// (by their effect there, or by their name where the
				// effect hides), also on the interface a constructor
				// returned, whose code is the concrete type's.
				found = slices.Contains(o.methods, r.method.Name())
			}
		}
	})
	if !found && o.kind == obClose {
		// A call that closes it (srv.Shutdown() closing srv.stop), or
		// sends the one value that ends it (vt.TearDown() sending on
		// vt.done).
		kinds := closeKinds(o)
		return slices.ContainsFunc(c.effectsAt(n), func(e effect) bool { return slices.Contains(kinds, e.kind) && e.p.equal(p) })
	}
	if !found && o.kind == obWait {
		// A call that waits on it (g.Stop() ending with g.Wait()).
		return slices.ContainsFunc(c.effectsAt(n), func(e effect) bool { return e.kind == effWait && e.p.equal(p) })
	}
	if found || o.kind != obStop {
		return found
	}
	es := c.effectsAt(n)
	if grow != nil {
		// And what the goroutines it ends do as they end.
		var ended []string
		if es, ended = grow(es); slices.Contains(ended, o.at) {
			return true
		}
	}
	if c.releasesAll(es, p, o.needs) || slices.ContainsFunc(o.joins, func(r release) bool { return c.releasesAll(es, p, [][]release{{r}}) }) {
		return true
	}
	// A call whose effect is to call a stop method of the value itself
	// through code the pass cannot read (h.Close() running h.svc.Stop()
	// on an interface): the value is stopped, when stopping is what its
	// discharging methods do.
	return slices.ContainsFunc(o.methods, func(m string) bool { return closerNames[m] && m != "Wait" }) &&
		slices.ContainsFunc(es, func(e effect) bool { return e.kind == effStop && e.p.equal(p) })
}

// drainsJoin reports whether r, a range over a channel below the value at
// p, drains a channel the goroutine of o sends on in a loop and is joined
// by, or closes as it ends (for line := range t.Lines, t.Lines closed in
// the goroutine's deferred cleanup):
// a range with no way out but the channel's close ends only once the
// goroutine has closed it.
func (c *checker) drainsJoin(r ref, p path, o obligation) bool {
	if !p.prefixOf(r.path) {
		return false
	}
	f := strings.TrimPrefix(r.path.fields, p.fields)
	if f == "" || !slices.ContainsFunc(o.joins, func(j release) bool { return len(j.kinds) == 0 && j.fields == f }) &&
		!slices.ContainsFunc(o.exits, func(x exitEffect) bool { return x.target == o.target && x.fields == o.fields+f && x.kind == effClose }) {
		return false // neither a stream it is joined by nor one it closes as it ends
	}
	rs := c.rangeOf(r.expr)
	if rs == nil {
		return false
	}
	ex := c.loopExits(rs.Body)
	return len(ex.cases) == 0 && !ex.free
}

// callsOwed reports whether the function r passes its value to calls one
// of the methods o is discharged by on that parameter
// (closeProducerWithTimeout(t, p) calling p.AsyncClose()).
func (c *checker) callsOwed(r ref, o obligation) bool {
	f := callee(c.info, r.call)
	i := slices.Index(r.call.Args, r.expr)
	if f == nil || i < 0 || len(o.methods) == 0 {
		return false
	}
	if methods, ok := c.borrowOf(f, i); ok && slices.ContainsFunc(methods, func(m string) bool { return slices.Contains(o.methods, m) }) {
		return true // through the functions it lends the value to, or by its facts
	}
	decl := c.decls[f.Origin()]
	sig := f.Origin().Type().(*types.Signature)
	if decl == nil || decl.Body == nil || i >= sig.Params().Len() {
		return false
	}
	return c.methodCalled(decl.Body, sig.Params().At(i), o.methods)
}

// isAbstract reports whether m is an interface's method.
func isAbstract(m *types.Func) bool {
	sig, ok := m.Type().(*types.Signature)
	return ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
}

// releasesAll reports whether the effects es release every block of a
// goroutine handed on with the value at v, as needs describes them.
func (c *checker) releasesAll(es []effect, v path, needs [][]release) bool {
	if len(needs) == 0 {
		return false
	}
	for _, alts := range needs {
		if !slices.ContainsFunc(alts, func(r release) bool {
			want := v
			want.fields += r.fields
			return slices.ContainsFunc(es, func(e effect) bool {
				if !slices.Contains(r.kinds, e.kind) {
					return false
				}
				if r.prefix {
					return v.prefixOf(e.p) && e.p.prefixOf(want)
				}
				return e.p.equal(want)
			})
		}) {
			return false
		}
	}
	return true
}

// sendsOverList reports whether the goroutine of g sends on p only in a
// range over a slice, array, map, string or number (for _, r := range
// list { out <- r }): the values of a list, not what input brings.
func (c *checker) sendsOverList(g *ast.GoStmt, fd *ast.FuncDecl, p path) bool {
	body, bind := c.goBody(g, fd)
	if body == nil {
		return false
	}
	sends, listed := 0, 0
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.SendStmt:
			if q, ok := bind(pathOf(c.info, n.Chan)); !ok || !q.equal(p) {
				return true
			}
			sends++
			for i := len(stack) - 1; i >= 0; i-- {
				if rs, ok := stack[i].(*ast.RangeStmt); ok {
					if !isChan(c.typeOf(rs.X)) {
						listed++
					}
					break
				}
				if _, ok := stack[i].(*ast.ForStmt); ok {
					break
				}
			}
		}
		return true
	})
	return sends > 0 && sends == listed
}

// inLoopAt reports whether e is inside a loop of its function: a receive
// there may be the first of many.
func (c *checker) inLoopAt(e ast.Expr) bool {
	cur, ok := c.root.FindNode(e)
	if !ok {
		return false
	}
	for p := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
		return false
	}
	return false
}

// obVerb says what discharging o is, for messages.
func obVerb(o obligation) string {
	switch o.kind {
	case obRecv:
		if o.drain {
			return "drained"
		}
		return "received from"
	case obWait:
		return "waited for"
	case obClose:
		return "closed"
	case obCancel:
		return "cancelled"
	}
	return "stopped"
}

// obWhat names what carries o at a call of to.
func (c *checker) obWhat(to *types.Func, o obligation) string {
	name := qualifiedName(to, c.pass.Pkg)
	switch {
	case o.kind == obCallback:
		return fmt.Sprintf("the function given to %s (argument %d)", name, o.target+1)
	case o.isResult():
		what := "the result of " + name
		if o.fields != "" {
			what += " (its" + o.fields + ")"
		}
		return what
	case o.target == -1 && o.fields != "":
		return "the receiver of " + name + " (its" + o.fields + ")"
	case o.target == -1:
		return "the receiver of " + name
	case o.fields != "":
		return fmt.Sprintf("argument %d of %s (its%s)", o.target+1, name, o.fields)
	}
	return fmt.Sprintf("argument %d of %s", o.target+1, name)
}

// obHow says how to discharge o, for messages.
func obHow(o obligation) string {
	switch o.kind {
	case obCallback:
		return "give a function that signals a WaitGroup or channel (defer wg.Done()) and wait for that"
	case obRecv:
		if o.drain {
			return "range over it until it is closed (it sends more than once)"
		}
		return "receive from it"
	case obWait:
		return "call its Wait method"
	case obClose:
		if len(o.methods) == 0 && o.sendEnds {
			return "close it or send on it once (the goroutine ends on the first value)"
		}
		if len(o.methods) == 0 {
			return "close it"
		}
	case obCancel:
		return "cancel the context passed"
	}
	switch len(o.methods) {
	case 0:
		return "stop it (release what its goroutine waits on)"
	case 1:
		return "call its " + o.methods[0] + " method"
	}
	return "call one of its methods " + strings.Join(o.methods, ", ")
}

// reportDrop reports a call that drops an obligation, and remembers it for
// the go statement, when that is in this package.
func (c *checker) reportDrop(call *ast.CallExpr, fn ast.Node, to *types.Func, o obligation, how string) {
	which := fmt.Sprintf("the goroutine started at %s (%s) is", o.at, o.runs)
	if o.more > 0 {
		which = fmt.Sprintf("the goroutine started at %s (%s) and %d more are", o.at, o.runs, o.more)
	}
	do := obHow(o)
	if o.argEnds > 0 && !(o.kind == obClose && o.argEnds-1 == o.target && o.fields == "") {
		// Stopping what it was given ends it too (argStopped).
		if e := c.obligationExpr(call, to, obligation{target: o.argEnds - 1}); e != nil && pathOf(c.info, e).valid() {
			if isContextType(c.typeOf(e)) {
				do += ", or cancel " + c.text(e)
			} else {
				do += ", or close " + c.text(e)
			}
		}
	}
	c.report(ruleBarego, call, nil,
		"%s %s, so %s never joined: %s on every path (defer it), or hand it on",
		c.obWhat(to, o), how, which, do)
	if o.goStmt != nil {
		if cur, ok := c.cursorOf(o.goStmt); ok {
			if j := c.joinOf(cur); j.dropped == nil {
				j.dropped = &drop{call: call, fn: fn, o: o}
			}
		}
	}
}

// paramChannel returns, for the goroutine of j started in fd, each of
// whose blocks can be left by receiving from a field of a value fd made
// (s.stop, after s := &Snap{stop: stop}), or from a channel below a
// parameter kept in one (h.p.stop, after h := &helper{p: p}), the index
// of fd's parameter and the fields below it that lead to the channel, the
// same for every block: fd's callers must close it.
func (c *checker) paramChannel(fd *ast.FuncDecl, fn *types.Func, j *goJoin) (int, string, bool) {
	if len(j.blocks) == 0 {
		return -1, "", false
	}
	index, fields := -1, ""
	for _, b := range j.blocks {
		found := false
		for _, a := range b.alts {
			i, rest, ok := c.paramField(fd, fn, a)
			if !ok && a.kind == altRecv && a.p.fields == "" && c.chanParam(fd, a.p.root) {
				i, rest, ok = paramIndex(fn.Type().(*types.Signature), a.p.root), "", true // go c.loop(stop): stop itself
			}
			if ok && i >= 0 && (index < 0 || index == i && fields == rest) {
				index, fields, found = i, rest, true
				break
			}
		}
		if !found {
			return -1, "", false
		}
	}
	return index, fields, true
}

// paramField returns, for a receive from a field of a value fd made, the
// index of fd's parameter the field was set from where the value was
// made, and the fields below the parameter that lead to the channel
// (".stop" for h.p.stop with h := &helper{p: p}).
func (c *checker) paramField(fd *ast.FuncDecl, fn *types.Func, a alt) (int, string, bool) {
	if a.kind != altRecv || strings.Count(a.p.fields, ".") < 1 || strings.Count(a.p.fields, ".") > 3 || !declaredIn(a.p.root, fd.Body) {
		return -1, "", false
	}
	name, rest, _ := strings.Cut(a.p.fields[1:], ".")
	if rest != "" {
		rest = "." + rest
	}
	var from *types.Var
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			lp := pathOf(c.info, l)
			if lp.root != a.p.root {
				continue
			}
			if lp.fields != "" || len(lhs) != len(rhs) {
				ok = ok && lp.fields != a.p.fields && lp.fields != "."+name // s.stop = other
				continue
			}
			e := ast.Unparen(rhs[i])
			if u, isAddr := e.(*ast.UnaryExpr); isAddr && u.Op == token.AND {
				e = ast.Unparen(u.X)
			}
			lit, isLit := e.(*ast.CompositeLit)
			if !isLit {
				ok = false
				continue
			}
			c.literalFields(lit, func(k fieldKey, v ast.Expr) {
				if k.field != name {
					return
				}
				if id, isID := ast.Unparen(v).(*ast.Ident); isID {
					if pv, isVar := c.info.Uses[id].(*types.Var); isVar && (from == nil || from == pv) {
						from = pv
						return
					}
				}
				ok = false
			})
		}
		return ok
	})
	if !ok || from == nil {
		return -1, "", false
	}
	if rest != "" && !isPointer(from.Type()) {
		return -1, "", false // a copy of the caller's value: what it closes is not this
	}
	params := fn.Type().(*types.Signature).Params()
	for i := 0; i < params.Len(); i++ {
		if params.At(i) == from {
			return i, rest, true
		}
	}
	return -1, "", false
}

// ownedNamedResult reports whether p is (under) a named result of fn
// that fn gives a value it made itself (s = &Instance{}): a local the
// function returns, or drops by returning something else.
func (c *checker) ownedNamedResult(p path, fn ast.Node) bool {
	ft := funcType(fn)
	if !p.valid() || ft == nil || ft.Results == nil || !declaredIn(p.root, ft.Results) || funcBody(fn) == nil {
		return false
	}
	return c.ownedLocal(p.root, fn)
}

// namedResults returns the named results of fd, in order; nil when its
// results have no names.
func (c *checker) namedResults(fd *ast.FuncDecl) []*types.Var {
	if fd.Type.Results == nil {
		return nil
	}
	var out []*types.Var
	for _, f := range fd.Type.Results.List {
		if len(f.Names) == 0 {
			return nil
		}
		for _, id := range f.Names {
			v, _ := c.info.Defs[id].(*types.Var)
			if v == nil || id.Name == "_" {
				v = nil
			}
			out = append(out, v)
		}
	}
	return out
}

// madeChan reports whether e makes a channel in place (make(chan T)):
// nothing else holds it, so nothing else can close it.
func (c *checker) madeChan(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && isBuiltinCall(c.info, call, "make") && isChan(c.typeOf(e))
}

// knownCond returns, for flowQuery.known, the conditions of fn whose
// value is known: err != nil (false) and err == nil (true), where every
// value fn gives the local err comes from a call that never fails
// (neverFails), as the error it returns last.
func (c *checker) knownCond(fn ast.Node) func(ast.Expr) (bool, bool) {
	body := funcBody(fn)
	return func(cond ast.Expr) (bool, bool) {
		b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
		if !ok || b.Op != token.NEQ && b.Op != token.EQL || body == nil {
			return false, false
		}
		x := b.X
		if isNilIdent(x) {
			x = b.Y
		} else if !isNilIdent(b.Y) {
			return false, false
		}
		id, ok := ast.Unparen(x).(*ast.Ident)
		if !ok {
			return false, false
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || !isErrorType(v.Type()) || !declaredIn(v, body) {
			return false, false
		}
		fromNeverFailing := func(lhs, rhs []ast.Expr, i int) bool {
			if len(rhs) != 1 || i != len(lhs)-1 {
				return false
			}
			call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
			if !ok {
				return false
			}
			f := callee(c.info, call)
			return f != nil && !isAbstract(f) && c.neverFails(f)
		}
		// if err = s.Start(); err != nil: the value tested is the one the
		// statement's own assignment gives, whatever err held before.
		if init := c.ifInitOf(body, cond); init != nil {
			for i, l := range init.Lhs {
				if pathOf(c.info, l).root == v && pathOf(c.info, l).fields == "" {
					if fromNeverFailing(init.Lhs, init.Rhs, i) {
						return b.Op == token.EQL, true
					}
					return false, false
				}
			}
		}
		if !c.onlyAssigned(body, v, fromNeverFailing) {
			return false, false
		}
		return b.Op == token.EQL, true
	}
}

// ifInitOf returns the assignment of the if statement in body whose
// condition is cond (if err = f(); err != nil), or nil.
func (c *checker) ifInitOf(body *ast.BlockStmt, cond ast.Expr) *ast.AssignStmt {
	inits, ok := c.ifInits[body]
	if !ok {
		inits = make(map[ast.Expr]*ast.AssignStmt)
		ast.Inspect(body, func(n ast.Node) bool {
			if is, ok := n.(*ast.IfStmt); ok {
				if as, ok := is.Init.(*ast.AssignStmt); ok {
					inits[is.Cond] = as
				}
			}
			return true
		})
		if c.ifInits == nil {
			c.ifInits = make(map[*ast.BlockStmt]map[ast.Expr]*ast.AssignStmt)
		}
		c.ifInits[body] = inits
	}
	return inits[cond]
}

// waitsOnlyInside reports whether every wait of the goroutine of j, but
// its sends on the result channel res, is on a field of a value local to
// fd that something in the package releases (releasable), a value fd took
// from its own state (not a parameter, not fresh, not handed on with the
// result): the caller cannot release it, and need not.
func (c *checker) waitsOnlyInside(fd *ast.FuncDecl, j *goJoin, res path) bool {
	waits := false
	for _, b := range j.blocks {
		if b.inner || b.soft {
			continue
		}
		onRes := slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altSend && a.p.equal(res) })
		if onRes {
			continue
		}
		if !slices.ContainsFunc(b.alts, func(a alt) bool {
			return a.kind == altRecv && a.p.fields != "" && !isGlobal(a.p.root) && declaredIn(a.p.root, fd.Body) &&
				!c.ownedLocal(a.p.root, fd) && !c.handsOnLocal(fd, a.p.root) && c.releasable(a)
		}) {
			return false
		}
		waits = true
	}
	return waits
}

// handsOnLocal reports whether fd returns the value in v or stores it
// where it outlives fd (returnsOrStores).
func (c *checker) handsOnLocal(fd *ast.FuncDecl, v *types.Var) bool {
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit || found {
			return false
		}
		found = c.returnsOrStores(n, v)
		return !found
	})
	return found
}

// closeKinds are the effects that discharge the obligation o to close a
// channel: a close, or a send when one value ends the goroutine.
func closeKinds(o obligation) []effKind {
	if o.sendEnds {
		return []effKind{effClose, effSend}
	}
	return []effKind{effClose}
}

// endsOnValue reports whether the goroutine of g, started once in fd (not
// in a loop), waits on the channel at p only in receives after which it
// returns, or waits on nothing more: the first value it takes ends it.
func (c *checker) endsOnValue(fd *ast.FuncDecl, g *ast.GoStmt, j *goJoin, p path) bool {
	if inLoop(g, fd.Body) {
		return false
	}
	body, _ := c.goBody(g, fd)
	// The goroutine's last wait, in no loop: v := <-in, then sends that
	// find room (errs <- v into a buffer of its own) and nothing else.
	last := func(b block) bool {
		if body == nil || b.node == nil || !within(b.node, body) || inLoop(b.node, body) {
			return false
		}
		return !slices.ContainsFunc(j.blocks, func(o block) bool {
			return o.node != nil && o.node.Pos() > b.node.Pos()
		})
	}
	seen := false
	for _, b := range j.blocks {
		for _, a := range b.alts {
			if !a.p.equal(p) {
				continue
			}
			if a.kind != altRecv || !(a.exits || !a.loop && len(b.alts) == 1 && last(b)) || a.ranged {
				return false
			}
			seen = true
		}
	}
	return seen
}

// closeObligation is the obligation of fn's callers to close the channel
// at fields below parameter i, on which the goroutine of g (described in
// o) waits: with the methods of the parameter's type that close it, to
// name in reports (p.Leave() for newHelper(p) waiting on p.stop).
func (c *checker) closeObligation(fn *types.Func, i int, fields string, g *ast.GoStmt, o obligation) obligation {
	ob := obligation{target: i, fields: fields, kind: obClose, goStmt: g, at: o.at, runs: o.runs}
	if fields != "" {
		closing := ob
		closing.needs = [][]release{{{kinds: []effKind{effClose}}}}
		ob.methods = c.methodsDischarging(fn.Type().(*types.Signature).Params().At(i).Type(), closing)
	}
	return ob
}

// madeFlagOf returns 1+i when fd's boolean result i says whether it
// started the goroutine of g, which owes o: every return reachable from g
// gives the constant true there, and every return reachable without
// passing g gives false (if short { return nil, false }; go ...; return
// nil, true). 0 otherwise, or when o is on that result itself.
func (c *checker) madeFlagOf(fd *ast.FuncDecl, fn *types.Func, g ast.Node, o obligation) int {
	res := fn.Type().(*types.Signature).Results()
	graph := c.cfgOf(fd)
	if graph == nil || fd.Body == nil {
		return 0
	}
	constAt := func(n ast.Node, i int, want bool) bool {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || len(ret.Results) != res.Len() {
			return false
		}
		id, ok := ast.Unparen(ret.Results[i]).(*ast.Ident)
		name := "false"
		if want {
			name = "true"
		}
		return ok && id.Name == name && c.info.Uses[id] == types.Universe.Lookup(name)
	}
	for i := range res.Len() {
		if b, ok := res.At(i).Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool || o.isResult() && o.resultIndex() == i {
			continue
		}
		// Every path on from g returns true...
		after := flowQuery{g: graph, from: g, used: func(n ast.Node) bool { return constAt(n, i, true) }}
		if after.leak() != nil {
			continue
		}
		// ...and every return reached without g returns false.
		if c.reachedWithout(graph, g, func(n ast.Node) bool {
			_, ret := n.(*ast.ReturnStmt)
			return ret && !constAt(n, i, false)
		}) {
			continue
		}
		return i + 1
	}
	return 0
}

// reachedWithout reports whether a node for which pred holds is reached
// from the function's entry on a path that does not pass stop.
func (c *checker) reachedWithout(graph *cfg.CFG, stop ast.Node, pred func(ast.Node) bool) bool {
	if len(graph.Blocks) == 0 {
		return false
	}
	seen := make(map[*cfg.Block]bool)
	work := []*cfg.Block{graph.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] || !b.Live {
			continue
		}
		seen[b] = true
		stopped := false
		for _, n := range b.Nodes {
			if n == stop {
				stopped = true
				break
			}
			if pred(n) {
				return true
			}
		}
		if !stopped {
			work = append(work, b.Succs...)
		}
	}
	return false
}

// madeFlagVar returns, for an obligation o whose function says by a
// boolean result whether it started the goroutine (madeFlag), the
// variable stmt assigns that result from call, or nil.
func (c *checker) madeFlagVar(call *ast.CallExpr, to *types.Func, stmt ast.Node, o obligation) *types.Var {
	if o.madeFlag == 0 {
		return nil
	}
	lhs, rhs := assignment(stmt)
	if len(rhs) != 1 || ast.Unparen(rhs[0]) != call || len(lhs) != to.Type().(*types.Signature).Results().Len() || o.madeFlag > len(lhs) {
		return nil
	}
	v, _ := c.info.ObjectOf(identOf(lhs[o.madeFlag-1])).(*types.Var)
	return v
}
