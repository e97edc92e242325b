package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// A keyKind says how a goroutine can be joined through a key.
type keyKind int

const (
	keyWait    keyKind = iota // a sync.WaitGroup the goroutine is counted in
	keyChan                   // a channel the goroutine closes or sends on
	keyCloser                 // a value the goroutine works on, stopped by Close/Shutdown/...
	keyOwner                  // a value the goroutine works on, stopped only by its package's own stop/close
	keyHandoff                // an unbuffered channel the goroutine receives from just before it returns
	keyPipe                   // the read end of a pipe whose write end the goroutine closes as it ends
	keyDone                   // a context whose cancel the goroutine calls as it ends
)

// A joinKey is something by which the spawner can wait for a goroutine.
type joinKey struct {
	kind keyKind
	p    path
	name string // as written, for messages: "wg", "s.done", "srv"

	// waitOnly, for a WaitGroup: the goroutine only waits on it (go
	// func() { wg.Wait(); close(done) }()). The function's own wait on
	// the group joins it, but the group is not its join handed on: it
	// is not counted there, and whoever waits on the group waits for
	// others.
	waitOnly bool

	// guards, for a channel the goroutine sends on: the contexts whose
	// Done case sits beside every one of those sends (select { case ch <-
	// v: case <-ctx.Done(): }), so that the send gives up once ctx is done.
	guards []path

	// released, for a channel the goroutine sends on: every one of those
	// sends sits beside a case receiving from a channel that the spawner
	// closes with a defer (defer close(returned)), so none blocks once it
	// has returned.
	released bool

	// multi, for a channel the goroutine sends on: it may send on it more
	// than once (in a loop), so one receive is not its last.
	multi bool
	// sends, for multi: how many values it sends at most, when every loop
	// around its sends runs a constant number of times (countedSends); 0
	// when not known.
	sends int
	// sendsBy, for multi with sends unknown: the variable whose value
	// bounds the loop around every send, once an iteration at most (for i
	// := 0; i < n; i++ { ch <- v }): a loop that receives once an
	// iteration for as many, and cannot be left early, takes them all
	// (symbolicSends).
	sendsBy *types.Var
}

// handedOff reports whether the goroutine's join belongs to someone else:
// a key that lives outside the function (a field, a parameter, a global, a
// captured variable: its owner waits, or stops what the goroutine works
// on), or a local key the function hands on anywhere (stores in a field,
// returns, passes to a call) — os/exec stores its result channel in the
// Cmd before starting the goroutine that Wait receives from. A field of a
// value the function made itself is the function's own (c.localTo).
//
// A key captured from an enclosing function (a WaitGroup declared there,
// counted in by a closure that starts the goroutine) is handed to that
// function: it must join it somewhere, or the goroutine is bare.
func (c *checker) handedOff(cur inspector.Cursor, j *goJoin, g *ast.GoStmt) bool {
	keys, fn := j.keys, j.fn
	if recv := c.onlyMethodRecv(g); recv != nil {
		if p, ok := c.elemOf(recv, fn); ok && !c.localTo(p, fn) && c.declaringFunc(cur, p) == nil {
			// go c.stubs[i].Run(), or ln := l.internal[id]; go func() {
			// ln.Serve() }(): a method of an element of the receiver's,
			// a parameter's or a global's container, as go c.stub.Run()
			// is of a field: its owner's business.
			j.handoff = &handoff{p: p, kind: obStop}
			return true
		}
	}
	for _, k := range keys {
		if c.localTo(k.p, fn) || k.waitOnly {
			continue // a group it only waits on is not its join handed on
		}
		if (k.kind == keyCloser || k.kind == keyOwner) && !c.valueStops(k.p, j.blocks) && !c.hasGroupGetter(k.p) {
			continue // a value none of whose methods releases the goroutine, nor keeps a group it counts
		}
		if (k.kind == keyCloser || k.kind == keyOwner) && len(j.blocks) == 0 && c.onlyStopsKey(g, j.fn, k.p) {
			continue // go cc.Close(), or a sleep then prev.Close(): it is the value's stop, which stopping the value does not end
		}
		if k.kind == keyWait && c.neverWaited(k.p) {
			j.unwaited = k.name
			continue // s.pend.Add(1), s.pend.Done(), and nothing waits on s.pend (waited.go)
		}
		outer := c.declaringFunc(cur, k.p)
		if outer == nil {
			j.handoff = &handoff{p: k.p, kind: keyObligation(k)}
			return true // a field, a parameter, a global: its owner's business
		}
		joined := false
		c.eachRef(funcBody(outer), func(r ref) {
			if !joined && !within(r.expr, g) && c.refJoins(k, r) {
				joined = true
			}
		})
		if joined {
			return true
		}
	}
	if p, ok := c.keptJoinLit(fn, g, keys); ok {
		// o.stop = func() { cancel(); <-done }: whoever calls the stop
		// the function keeps in its owner's field joins it.
		j.handoff = &handoff{p: p, kind: obStop}
		return true
	}
	// Handed on before the go statement (os/exec stores its result
	// channel in the Cmd first); after it, the join query follows each
	// path, where handing the key on counts as joining.
	found := false
	stops := make(map[int]bool, len(keys)) // valueStops of each key, once
	c.eachRef(funcBody(fn), func(r ref) {
		if found || within(r.expr, g) || within(r.expr, g.Call.Fun) || r.expr.Pos() > g.Pos() {
			return // after it
		}
		for i, k := range keys {
			if !r.path.prefixOf(k.p) || r.kind != useValue && r.kind != useRuntimeArg || isCallee(r) {
				continue
			}
			if k.kind == keyDone || k.waitOnly {
				continue // a context passed on is not its join passed on, nor a group it only waits on
			}
			if k.kind == keyOwner && r.call != nil {
				continue // passed to a call: its owner is still this function
			}
			if r.call != nil && c.formatArg(r) {
				continue // log.Printf("closing %v", conn): printed, not taken
			}
			if k.kind == keyCloser || k.kind == keyOwner {
				s, ok := stops[i]
				if !ok {
					s = c.valueStops(k.p, j.blocks)
					stops[i] = s
				}
				if !s {
					continue
				}
			}
			if c.holderOf(r.expr, fn) != nil {
				return // put in a value of the function's own (b := &Broker{s: s})
			}
			if c.wrappedForGo(r, fn, g) {
				return // mw := multipart.NewWriter(pw); go writeBody(pw, mw)
			}
			found = true
			j.handoff = &handoff{p: k.p, kind: keyObligation(k)}
			if !r.path.equal(k.p) {
				j.handoff = &handoff{p: r.path, kind: obStop} // the value that holds the key
			}
		}
	})
	return found
}

// keptJoinLit returns where fn keeps a function literal that joins the
// goroutine of g through one of its keys, a field or a package variable
// that outlives fn: assigned to it (o.stop = func() { cancel(); <-done }),
// or stored in it by a sync/atomic Value or a sync.Map (o.stop.Store(func()
// { ... })). fn does not run the literal; whoever calls it joins.
func (c *checker) keptJoinLit(fn ast.Node, g *ast.GoStmt, keys []joinKey) (path, bool) {
	body := funcBody(fn)
	if body == nil || len(keys) == 0 {
		return path{}, false
	}
	joins := func(lit *ast.FuncLit) bool {
		found := false
		c.eachRef(lit.Body, func(r ref) {
			found = found || slices.ContainsFunc(keys, func(k joinKey) bool { return c.refJoins(k, r) })
		})
		return found
	}
	kept := func(p path) bool { return p.valid() && (p.fields != "" || isGlobal(p.root)) && !c.localTo(p, fn) }
	var out path
	ast.Inspect(body, func(n ast.Node) bool {
		if out.valid() || n == nil || n == ast.Node(g) {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return true
			}
			for i, r := range n.Rhs {
				if lit, ok := ast.Unparen(r).(*ast.FuncLit); ok {
					if p := pathOf(c.info, n.Lhs[i]); kept(p) && joins(lit) {
						out = p
					}
				}
			}
		case *ast.CallExpr:
			if v, holder, ok := c.keepingCall(n); ok {
				if lit, isLit := ast.Unparen(v).(*ast.FuncLit); isLit {
					if p := pathOf(c.info, holder); kept(p) && joins(lit) {
						out = p
					}
				}
			}
		}
		return true
	})
	return out, out.valid()
}

// keyObligation is what whoever takes a key must do to join the goroutine.
func keyObligation(k joinKey) obKind {
	switch k.kind {
	case keyChan:
		return obRecv
	case keyWait:
		return obWait
	}
	return obStop
}

// valueStops reports whether the value at p can stop a goroutine with
// these blocks: one of its methods releases, by its effect, every block of
// the goroutine (a goroutine that does not block is its owner's business,
// as long as it works on the value). Methods whose code the pass cannot
// see stop by their name (Close, Shutdown, Stop...).
func (c *checker) valueStops(p path, blocks []block) bool {
	if len(blocks) == 0 {
		return true
	}
	effects := c.methodEffects(p)
	for _, b := range blocks {
		released := false
		for _, es := range effects {
			for _, e := range es {
				for _, a := range b.alts {
					if c.releases(e, a) {
						released = true
					}
				}
			}
		}
		if !released {
			return false
		}
	}
	return true
}

// methodEffects returns, for each method of the value at p, its effects in
// the caller's terms (rooted at p).
func (c *checker) methodEffects(p path) [][]effect {
	t := p.root.Type()
	if p.fields != "" {
		t = c.pathType(p)
	}
	if t == nil {
		return nil
	}
	var out [][]effect
	ms := c.methodSet(t)
	for i := 0; i < ms.Len(); i++ {
		m, ok := ms.At(i).Obj().(*types.Func)
		if !ok {
			continue
		}
		var es []effect
		if s := c.calleeSummary(m); s != nil {
			recv := m.Type().(*types.Signature).Recv()
			for _, e := range s.effects {
				if e.p.root == recv || recv != nil && e.p.root.Pos() == recv.Pos() && e.p.root.Name() == recv.Name() {
					q := p
					q.fields += embeddedPath(t, ms.At(i).Index()) + e.p.fields
					q.deref = true
					es = append(es, effect{e.kind, q})
				}
			}
		}
		if closerNames[m.Name()] && m.Name() != "Wait" {
			es = append(es, effect{effStop, p})
		}
		if len(es) > 0 {
			out = append(out, es)
		}
	}
	return out
}

// pathType returns the type of the storage p denotes.
func (c *checker) pathType(p path) types.Type {
	if strings.Trim(p.fields, ".") == "" {
		return p.root.Type()
	}
	if f := c.pathField(p); f != nil {
		return f.Type()
	}
	return nil
}

// localTo reports whether p is storage owned by the function fn alone: a
// variable declared in its body, reached without following a pointer, or
// a field of a value fn made itself (ownedLocal).
func (c *checker) localTo(p path, fn ast.Node) bool {
	body := funcBody(fn)
	if !p.valid() || body == nil || !declaredIn(p.root, body) {
		return false
	}
	return !p.deref || c.ownedLocal(p.root, fn)
}

// joinQuery returns the flow query that asks whether every path from g
// joins the goroutine of j through its keys. locked asks it of a goroutine
// that may wait for a lock before its send into a buffered channel
// (locksBeforeBuffered): then a select joins only in the case that
// receives, or where the value the goroutine works on is stopped.
func (c *checker) joinQuery(j *goJoin, g *ast.GoStmt, graph *cfg.CFG, locked bool) flowQuery {
	// Goroutines started in a loop that each send on an unbuffered channel
	// are not joined by a loop that receives from it but returns on the
	// first error: the others stay blocked on their sends for ever.
	var errLoops []ast.Stmt
	if j.many {
		errLoops = c.errorExitLoops(j.fn)
	}
	drainOnly := func(k joinKey, r ref) bool {
		if k.kind != keyChan || !c.localTo(k.p, j.fn) || k.released || r.kind != useRecv && r.kind != useRange || c.inReturnedLit(r.expr, j.fn) {
			return false // (a receive in a closure handed to the caller hands ch on)
		}
		if k.multi {
			// It sends more than once: only a range to the close, which
			// no exit cuts short, takes every send, or the receive that
			// takes the last of a counted number.
			each := k
			if j.many {
				// Started in a loop: every goroutine sends that many.
				n := c.goLoopTrips(g, j.fn)
				each.sends, each.sendsBy = k.sends*n, nil
			}
			if c.countedDrain(r, each, g) {
				return false
			}
			rs, ok := r.parent.(*ast.RangeStmt)
			return !ok || c.rangeCut(rs)
		}
		if j.many && r.kind == useRecv && !c.roomForAll(k.p, g, j.fn) && !c.recvsPerGoroutine(r, k, g, j.fn) {
			return true // for _, f := range fs { go func() { done <- f() }() }; return <-done
		}
		return len(errLoops) > 0 && !c.anyBuffer(k.p, j.fn) &&
			slices.ContainsFunc(errLoops, func(l ast.Stmt) bool { return within(r.expr, l) })
	}
	// A value with a stop joins only by being handed on: its stop methods
	// are judged by their effect (stopped). Handing a key on is a handoff
	// its new owner must discharge.
	joins := func(k joinKey, r ref) bool {
		handed := r.kind == useValue && !isCallee(r) || r.kind == useRuntimeArg || r.kind == useGoArg
		if !handed && k.kind == keyChan && k.multi && c.inReturnedLit(r.expr, j.fn) {
			// return func() (T, error) { v, ok := <-ch; ... }: the
			// closure that reads ch goes to the caller, and ch with it.
			handed = true
		}
		if handed && r.kind == useValue && r.call != nil && c.lentTo(r) {
			return false // waitStarted(s, errCh) only reads s: s stays the function's
		}
		if handed && c.rangeOf(r.expr) == nil && r.path.prefixOf(k.p) && j.handoff == nil && r.expr.Pos() > g.End() {
			if r.path.equal(k.p) {
				j.handoff = &handoff{p: k.p, kind: keyObligation(k)}
			} else {
				j.handoff = &handoff{p: r.path, kind: obStop} // the value that holds the key
			}
		}
		return k.kind != keyCloser && k.kind != keyOwner || handed
	}
	direct := func(n ast.Node) bool {
		keep := func(at ast.Node) func(k joinKey, r ref) bool {
			return func(k joinKey, r ref) bool {
				if (r.kind == useRecv || r.kind == useRange || r.kind == useMethod && r.method.Name() == "Wait") && c.waitsElsewhere(r.expr, at, g) &&
					!(r.kind == useRecv && !within(r.expr, g) && c.roomyKey(j, k, g)) {
					// A goroutine's receive or wait waits there, not the
					// function; but a sibling's select that may leave by
					// another case leaves a send that finds room, as the
					// function's own would.
					return false
				}
				return joins(k, r) && !drainOnly(k, r) ||
					locked && k.kind == keyCloser && r.kind == useMethod && closerNames[r.method.Name()] && r.method.Name() != "Wait"
			}
		}
		if c.keysUsedIf(j.keys, n, keep(n)) || c.joinsByEffect(j, n) {
			return true
		}
		// finish := func() { close(errc); <-errDone }; defer finish():
		// a local closure joins where it is called.
		return !c.isComm(n) && slices.ContainsFunc(c.calledLits(n, j.fn), func(lit *ast.FuncLit) bool {
			return !within(g, lit) && c.keysUsedIf(j.keys, lit.Body, keep(lit.Body))
		})
	}
	used := func(n ast.Node) bool {
		if s, ok := n.(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && c.fatalEvent(call) {
				return true // log.Fatal().Err(err).Msg(...): the process ends there
			}
		}
		// Or n waits for another goroutine that joins it on every path
		// (go func() { defer close(y); <-x }(); <-y joins the goroutine
		// whose last act closes x).
		return direct(n) || slices.ContainsFunc(c.joinedStmts(n, j.fn), func(s ast.Stmt) bool { return !within(s, g) && direct(s) })
	}
	// A select joins through a receive only on the paths of the case that
	// receives: `case <-ctx.Done(): return` leaves a goroutine blocked on
	// an unbuffered send for ever. A buffered channel takes the send, so
	// there any case of the select will do, unless locked.
	return flowQuery{
		g:     graph,
		from:  g,
		flag:  c.stableFlag(j.fn), // if want { go ... } ... if want { <-done }
		known: c.knownCond(j.fn),
		used: func(n ast.Node) bool {
			if c.isComm(n) {
				return c.keysUsedIf(j.keys, n, func(k joinKey, r ref) bool {
					return joins(k, r) && !drainOnly(k, r) && !(k.kind == keyChan && r.kind == useRecv && (locked || !c.buffered(k.p, j.fn) && !c.roomForAll(k.p, g, j.fn) || j.many && !c.roomForAll(k.p, g, j.fn) || c.waitsBeforeSend(j, k, g)) &&
						!k.released && !c.guardedSelect(n, k, j.keys)) && k.kind != keyDone // <-ctx.Done() as <-done: on its case's paths
				})
			}
			return used(n)
		},
		caseUsed: func(cc *ast.CommClause) bool { return used(cc.Comm) },
		rangeDone: func(rs *ast.RangeStmt) bool {
			// Left because the channel was closed: every send was taken.
			return c.keysUsedIf(j.keys, rs.X, func(k joinKey, r ref) bool { return k.kind == keyChan && k.multi })
		},
		seenClosed: func(id *ast.Ident) bool {
			// v, ok := <-out; if !ok { return }: out was closed, as at
			// the end of a range over it.
			x := c.okReceive(id, funcBody(j.fn))
			return x != nil && c.keysUsedIf(j.keys, x, func(k joinKey, r ref) bool { return k.kind == keyChan && k.multi })
		},
	}
}

// recvsPerGoroutine reports whether the receive r, from the unbuffered
// channel of k on which each of the goroutines g's loop starts sends
// once, can take every one of their sends: it is in a loop itself (one
// receive a round, or a loop of receives), or the loop around g runs a
// constant number of times and r is the last of as many receives in a
// row. A single receive after the loop takes one send and leaves the
// others blocked (the first of n results).
func (c *checker) recvsPerGoroutine(r ref, k joinKey, g *ast.GoStmt, fn ast.Node) bool {
	body := funcBody(fn)
	if inLoop(r.expr, body) {
		return true
	}
	n := c.goLoopTrips(g, fn)
	if n == 0 {
		// A goroutine per item of a list of any length, and a buffer of
		// a constant size: sized for them (acks := make(chan A, 4)
		// after four publishes), so that many receives take them all.
		n, _ = c.constCap(k.p, fn)
	}
	if n <= 1 {
		return n == 1
	}
	if c.recvsInStmt(r, k.p) >= n {
		return true // return <-out, <-out
	}
	each := k
	each.sends, each.sendsBy = n, nil
	return c.countedDrain(r, each, g)
}

// goLoopTrips returns how many goroutines the go statement g starts when
// it is in one loop of fn that runs a constant number of times
// (tripCount); 0 when not known.
func (c *checker) goLoopTrips(g *ast.GoStmt, fn ast.Node) int {
	var loops []ast.Node
	ast.Inspect(funcBody(fn), func(m ast.Node) bool {
		if m == nil || !within(g, m) {
			return false
		}
		switch m.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, m)
		case *ast.FuncLit:
			return false
		}
		return true
	})
	if len(loops) != 1 {
		return 0
	}
	return c.tripCount(loops[0])
}

// recvsInStmt counts the receives from the channel at p in the statement
// of a block that holds the receive r.
func (c *checker) recvsInStmt(r ref, p path) int {
	cur, ok := c.cursorOf(r.expr)
	for ok {
		if _, inBlock := cur.Parent().Node().(*ast.BlockStmt); inBlock {
			break
		}
		if _, lit := cur.Node().(*ast.FuncLit); lit || !cur.Parent().Valid() {
			return 1
		}
		cur = cur.Parent()
	}
	if !ok {
		return 1
	}
	n := 0
	ast.Inspect(cur.Node(), func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			if m.Op == token.ARROW && pathOf(c.info, m.X).equal(p) {
				n++
			}
		}
		return true
	})
	return n
}

// okReceive returns the channel operand of the comma-ok receive that
// defines the ok variable id uses (v, ok := <-ch, also as a select's
// case) in body, or nil: id is not such a variable, or body assigns it
// again.
func (c *checker) okReceive(id *ast.Ident, body *ast.BlockStmt) ast.Expr {
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || body == nil || !declaredIn(v, body) {
		return nil
	}
	var x ast.Expr
	assigned := 0
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return assigned < 2
		}
		for i, l := range as.Lhs {
			lid, isID := ast.Unparen(l).(*ast.Ident)
			if !isID || c.info.ObjectOf(lid) != v {
				continue
			}
			assigned++
			if u, isRecv := ast.Unparen(as.Rhs[0]).(*ast.UnaryExpr); i == 1 && len(as.Lhs) == 2 && len(as.Rhs) == 1 && isRecv && u.Op == token.ARROW {
				x = u.X
			}
		}
		return assigned < 2
	})
	if assigned != 1 {
		return nil
	}
	return x
}

// inReturnedLit reports whether e is in a function literal that fn
// returns as it is written (return func() { ... }), not in one it calls
// or starts.
func (c *checker) inReturnedLit(e ast.Expr, fn ast.Node) bool {
	found := false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, x := range n.Results {
				if lit, ok := ast.Unparen(x).(*ast.FuncLit); ok && within(e, lit.Body) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// roomyKey reports whether the channel of k, on which the goroutine of g
// sends once, has room for that send from every goroutine g starts, and
// the goroutine waits on nothing of the function's before it sends: it
// never blocks on the send, whoever receives.
func (c *checker) roomyKey(j *goJoin, k joinKey, g *ast.GoStmt) bool {
	if k.kind != keyChan || k.multi || k.p.fields != "" || c.waitsBeforeSend(j, k, g) {
		return false
	}
	if body, bind := c.goBody(g, j.fn); body == nil {
		return false
	} else if most, _ := c.sendsOnAPath(body, bind, k.p); most > 1 {
		return false // errc <- err; errc <- errDone: two, into a buffer of one
	}
	return c.buffered(k.p, j.fn) && c.spawnTimes(g, j.fn, k.p.root) == 1 || c.roomForAll(k.p, g, j.fn)
}

// waitsElsewhere reports whether e, a receive or wait in n, is one that
// goroutines wait at, not the function: it is in the body of g itself (a
// barrier its copies wait at, when n starts g again in a loop), or in a
// case of a select in another goroutine's body, which may leave by
// another case (a watchdog's timeout) and so may never take what g sends.
// A plain receive in another goroutine's body takes it (go func() {
// c.One(<-pub) }()): that goroutine is judged at its own go statement.
func (c *checker) waitsElsewhere(e ast.Expr, n ast.Node, g *ast.GoStmt) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		gs, ok := m.(*ast.GoStmt)
		if !ok || found {
			return !found
		}
		lit, ok := ast.Unparen(gs.Call.Fun).(*ast.FuncLit)
		if !ok || !within(e, lit.Body) {
			return true
		}
		if gs == g {
			found = true
			return false
		}
		ast.Inspect(lit.Body, func(m ast.Node) bool {
			if cc, ok := m.(*ast.CommClause); ok && cc.Comm != nil && within(e, cc.Comm) {
				found = true
			}
			return !found
		})
		return false
	})
	return found
}

// locksBeforeBuffered reports whether the goroutine of j is joined through
// a buffered channel of the function's own and may first wait for a lock
// (recorded in j.lockFirst): a select that leaves by another case, with
// the function returning, leaves it waiting for the lock as long as anyone
// holds it, which may be for ever. A failing test's paths are not asked
// (see endsAlone).
func (c *checker) locksBeforeBuffered(j *goJoin, g *ast.GoStmt) bool {
	if !slices.ContainsFunc(j.keys, func(k joinKey) bool { return k.kind == keyChan && c.buffered(k.p, j.fn) }) {
		return false
	}
	if w := c.goWalk(g, j.fn); w.locks {
		j.lockFirst = w.lockCall
	}
	return j.lockFirst != nil
}

// joinsByEffect reports whether n joins the goroutine of j through a call
// whose effect does it (s.release() that receives from the channel the
// goroutine closes last, c.stop() that waits on its WaitGroup). Direct
// receives and Waits are judged by keysUsed; a communication of a select
// joins only on its case's paths.
func (c *checker) joinsByEffect(j *goJoin, n ast.Node) bool {
	if c.isComm(n) {
		return false
	}
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		call, ok := m.(*ast.CallExpr)
		if _, isGo := m.(*ast.GoStmt); isGo || found {
			return false
		}
		if !ok {
			return true
		}
		if f := callee(c.info, call); f == nil || isMethod(f, "sync", "WaitGroup", "Wait") {
			return true
		}
		c.callEffects(call, func(kind effKind, p path) {
			for _, k := range j.keys {
				if (k.kind == keyWait && kind == effWait || k.kind == keyChan && !k.multi && kind == effRecv) && c.sameValue(p, k.p, j.fn) &&
					!(kind == effRecv && c.argRecvsMaybe(call, k.p)) {
					found = true
				}
			}
		})
		return !found
	})
	return found
}

// sameValue reports whether the paths p and q of fn name the same channel
// or group: equal, or fields of values fn made with the same variable of
// its own (w := NewWriter(c); r := NewReader(c): w.out and r.in are c).
func (c *checker) sameValue(p, q path, fn ast.Node) bool {
	if p.equal(q) {
		return true
	}
	if p.fields == "" && q.fields == "" {
		return false
	}
	alias := func(p path) path {
		if v := c.fieldAlias(p, fn); v != nil {
			return path{root: v}
		}
		return p
	}
	return alias(p).equal(alias(q))
}

// rangeCut reports whether a range over a channel can be left before the
// channel is closed: a return, break or goto in its body.
func (c *checker) rangeCut(rs *ast.RangeStmt) bool {
	ex := c.loopExits(rs.Body)
	return ex.free || len(ex.cases) > 0
}

// finalKeys drops the keys whose signal the goroutine may give before it
// blocks again on something else: a wg.Done() or close(started) at its
// start says it began, not that it ended (a handshake, not a join). A
// deferred signal is final; so is one after which the goroutine blocks
// only on the key itself (sends in a loop, then close). It also marks the
// channels the goroutine sends on more than once.
func (c *checker) finalKeys(g *ast.GoStmt, j *goJoin) []joinKey {
	body, bind := c.goBody(g, j.fn)
	if body == nil {
		// go http.Serve(l, nil) after s.wg.Add(1): code of another
		// package counts down only a WaitGroup it is given.
		given := slices.Clone(g.Call.Args)
		if sel, ok := ast.Unparen(g.Call.Fun).(*ast.SelectorExpr); ok {
			given = append(given, sel.X) // the receiver of a method
		}
		return slices.DeleteFunc(slices.Clone(j.keys), func(k joinKey) bool {
			return k.kind == keyWait && !slices.ContainsFunc(given, func(a ast.Expr) bool {
				p := pathOf(c.info, a)
				return p.valid() && (p.prefixOf(k.p) || k.p.prefixOf(p))
			})
		})
	}
	var out []joinKey
	for _, k := range j.keys {
		if k.kind == keyChan {
			if n := c.countedSends(body, bind, k.p); n > 1 {
				k.multi, k.sends = true, n // a buffer may take them all: not among the blocks
			} else if v := c.symbolicSends(body, bind, k.p, j.fn); v != nil {
				k.multi, k.sendsBy = true, v
			} else if c.sendsBeforeClose(body, bind, k) {
				// ready <- struct{}{} (a start handshake), then defer
				// close(ready): one receive takes the send, not the end.
				k.multi = true
			}
			for _, b := range j.blocks {
				if b.inner {
					continue
				}
				for _, a := range b.alts {
					if a.kind == altSend && a.p.equal(k.p) && a.loop && !a.exits {
						k.multi = true
					}
				}
			}
		}
		if k.kind == keyWait && c.addedForIt(g, j.fn, k) {
			if ret := c.doneSkipped(body, bind, k); ret != nil {
				// return before wg.Done(): the group's Wait never ends.
				j.doneSkipped, j.doneKey = ret, k
				continue
			}
		}
		if (k.kind == keyWait || k.kind == keyChan) && !c.finalSignal(g, j.fn, body, bind, k) {
			continue
		}
		if k.kind == keyCloser && waitsApart(j.blocks, k.p, func(q path) bool { return q.fields == "" && declaredIn(q.root, funcBody(j.fn)) }) {
			// go watch(conn), watch doing <-ctx.Done(); conn.Close(), or
			// select { case <-ctx.Done(): case <-done: }; conn.Close():
			// it closes conn, and closing conn does not end it; only what
			// it waits on does.
			continue
		}
		if k.kind == keyOwner || k.kind == keyCloser {
			if names := c.stopNames(k.p); len(names) > 0 && !slices.ContainsFunc(names, func(m string) bool { return !c.stopMisses(k.p, m, j, g) }) {
				// go cl.addMapping(p), cl's Close closing cl.closed,
				// which addMapping never looks at: its stop stops
				// nothing of this goroutine's.
				continue
			}
		}
		out = append(out, k)
	}
	return out
}

// waitsApart reports whether the goroutine with these blocks waits, and
// only waits, on what stopping the value at p does not release: the ends
// of contexts, and channels of the spawner's own (local, as local says)
// other than p. Known waits, not ones assumed for code the pass cannot
// read. (A wait on another value's I/O is not apart: stopping p may
// close it, as a server's Shutdown closes the listeners it keeps.)
func waitsApart(blocks []block, p path, local func(path) bool) bool {
	n := 0
	apart := func(a alt) bool {
		return a.kind == altDone || a.kind == altRecv && a.p.root != p.root && local(a.p)
	}
	for _, b := range blocks {
		if b.inner {
			continue
		}
		if b.assumed || len(b.alts) == 0 || slices.ContainsFunc(b.alts, func(a alt) bool { return !apart(a) }) {
			return false
		}
		n++
	}
	return n > 0
}

// countsItselfDown reports whether the WaitGroup at p is a local of fn
// that fn never gives away (no &wg, no capture by a literal) and counts
// down itself, outside any literal: no goroutine can count it down.
func (c *checker) countsItselfDown(fn ast.Node, p path) bool {
	body := funcBody(fn)
	if p.fields != "" || p.deref || body == nil || !declaredIn(p.root, body) {
		return false
	}
	done, given := false, false
	c.eachRef(body, func(r ref) {
		if r.path.root != p.root {
			return
		}
		switch {
		case r.kind == useMethod && r.method.Name() == "Done":
			if c.inFuncLit(r.expr, body) {
				given = true // counted down in a literal: maybe a goroutine's
			} else {
				done = true
			}
		case r.kind == useMethod && r.method.Name() != "Wait":
			given = given || c.inFuncLit(r.expr, body)
		case r.kind == useMethod, r.kind == useDecl, r.kind == useBlank:
		default:
			given = true // &wg, passed, stored
		}
	})
	return done && !given
}

// inFuncLit reports whether e is inside a function literal in body.
func (c *checker) inFuncLit(e ast.Expr, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && within(e, lit) {
			found = true
		}
		return !found && n != nil && n.Pos() <= e.Pos() && e.End() <= n.End()
	})
	return found
}

// onlyWaitsOn reports whether the only use a goroutine's body makes of
// the WaitGroup of k is to wait on it.
func (c *checker) onlyWaitsOn(body *ast.BlockStmt, bind func(path) (path, bool), k joinKey) bool {
	only, seen := true, false
	c.eachRefNoGo(body, func(r ref) {
		if p, ok := bind(r.path); !ok || !p.equal(k.p) {
			return
		}
		seen = true
		if r.kind != useMethod || r.method.Name() != "Wait" {
			only = false
		}
	})
	return seen && only
}

// endsAfterWait reports whether what a goroutine's body does after its
// last top-level wait on the group of k cannot wait: closes, Done, Unlock,
// atomics, a cancel.
func (c *checker) endsAfterWait(body *ast.BlockStmt, bind func(path) (path, bool), k joinKey) bool {
	last := -1
	for i, st := range body.List {
		es, ok := st.(*ast.ExprStmt)
		if !ok {
			continue
		}
		call, ok := ast.Unparen(es.X).(*ast.CallExpr)
		if !ok || !isMethod(callee(c.info, call), "sync", "WaitGroup", "Wait") {
			continue
		}
		if p, ok := bind(pathOf(c.info, ast.Unparen(call.Fun).(*ast.SelectorExpr).X)); ok && p.equal(k.p) {
			last = i
		}
	}
	if last < 0 {
		return false
	}
	for _, st := range body.List[last+1:] {
		es, ok := st.(*ast.ExprStmt)
		if !ok {
			return false
		}
		call, ok := ast.Unparen(es.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		f := callee(c.info, call)
		switch {
		case isBuiltinCall(c.info, call, "close"):
		case f != nil && (f.Name() == "Done" || f.Name() == "Unlock") && f.Pkg() != nil && f.Pkg().Path() == "sync",
			f != nil && f.Pkg() != nil && f.Pkg().Path() == "sync/atomic":
		case isNamed(c.typeOf(call.Fun), "context", "CancelFunc"):
		default:
			return false
		}
	}
	return true
}

// goBody returns the body the goroutine of g runs, when the pass can see
// it, with the function mapping that body's paths to the spawner's terms.
func (c *checker) goBody(g *ast.GoStmt, fn ast.Node) (*ast.BlockStmt, func(path) (path, bool)) {
	lit, _ := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if lit == nil {
		lit = c.localFuncLit(g.Call.Fun, fn)
	}
	if lit != nil {
		return lit.Body, c.litBinder(lit, g.Call)
	}
	f := callee(c.info, g.Call)
	if f == nil || f.Pkg() != c.pass.Pkg {
		return nil, nil
	}
	decl := c.decls[f.Origin()]
	if decl == nil || decl.Body == nil {
		return nil, nil
	}
	return decl.Body, func(p path) (path, bool) { return c.bindPath(f, g.Call, p) }
}

// finalSignal reports whether some signal of the goroutine of g on k
// (wg.Done, close, a send) is its last wait-free act: deferred, or
// followed by no block other than on k itself or the give-back of a
// semaphore's token (tokenRelease).
func (c *checker) finalSignal(g *ast.GoStmt, fn ast.Node, body *ast.BlockStmt, bind func(path) (path, bool), k joinKey) bool {
	keep := func(p path) bool { return p.valid() }
	blocks := c.blocksIn(body, keep)
	var sites []ast.Node
	var deferred, called []bool
	dropped, guarded := false, false
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.GoStmt); ok {
			return false
		}
		var target ast.Expr
		through := false
		switch n := n.(type) {
		case *ast.SendStmt:
			if nonBlocking(n, stack) && !c.localTo(k.p, fn) {
				// select { case b.retry <- n: default: }: a send that may
				// not happen signals no one who waits on b.retry.
				dropped = true
				return true
			}
			target = n.Chan
		case *ast.CallExpr:
			if isBuiltinCall(c.info, n, "close") && len(n.Args) == 1 {
				target = n.Args[0]
			} else if isMethod(callee(c.info, n), "sync", "WaitGroup", "Done") {
				target = ast.Unparen(n.Fun).(*ast.SelectorExpr).X
			} else if f := callee(c.info, n); f != nil && f.Pkg() == c.pass.Pkg {
				// defer s.finish(), l.reply(): a function of the package
				// that signals k, on what it is given or a field of it
				target, through = c.signalledThrough(f, n, k, bind), true
			}
		}
		if target == nil {
			return true
		}
		if p, ok := bind(pathOf(c.info, target)); !through && (!ok || !p.equal(k.p)) {
			return true
		}
		d, cb := false, false
		for i, s := range stack {
			switch s.(type) {
			case *ast.DeferStmt:
				d = true
			case *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				guarded = guarded || d // defer func() { if !first { wg.Done() } }()
			}
			if lit, ok := s.(*ast.FuncLit); ok && i > 0 {
				cb = cb || c.calledBackInLoop(stack[i-1], lit)
			}
		}
		sites = append(sites, n)
		deferred = append(deferred, d)
		called = append(called, cb)
		return true
	})
	if k.kind == keyWait && !guarded && slices.Contains(deferred, true) {
		return true // defer wg.Done(): whatever other counts it takes down on the way
	}
	if len(sites) == 0 && dropped {
		return false // its only sends on k are ones it may skip
	}
	if len(sites) == 0 {
		if k.kind == keyWait && c.localTo(k.p, fn) && c.onlyWaitsOn(body, bind, k) && !c.endsAfterWait(body, bind, k) {
			// run.Wait(), then work, on a group of the function's own: a
			// barrier it waits at, not a group it is counted in.
			// (wg.Wait(); close(done) ends once the group is done:
			// waiting on the group waits for it. A group of a field or a
			// parameter is its owner's, who waits on it.)
			return false
		}
		if k.kind == keyWait && c.countsItselfDown(fn, k.p) {
			// wg.Add(1); go q.dispatch(); wg.Done(); wg.Wait(): the
			// function counts the group down itself, and the goroutine
			// cannot reach it.
			return false
		}
		return true // signalled some way the walk does not see: keep it
	}
	graph := c.bodyCFG(body)
	// Calls of function values the pass cannot read (fn() after
	// wg.Done(): a start signal, then whatever fn waits on).
	var opaqueCalls []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.CallExpr:
			if c.opaqueCall(n) || c.endlessImpl(n) {
				opaqueCalls = append(opaqueCalls, n)
			}
		}
		return true
	})
	finals := 0
	for i, s := range sites {
		if deferred[i] && k.kind != keyWait {
			return true
		}
		if deferred[i] {
			finals++ // a deferred Done under a condition; any other Done must be last too
			continue
		}
		if called[i] {
			// s.Serve(ctx, func(v int) { got <- v }): a callback the
			// callee runs in its loop signals each time round, and the
			// callee goes on waiting.
			continue
		}
		if slices.ContainsFunc(opaqueCalls, func(oc ast.Node) bool { return !within(oc, s) && reachableAfter(graph, body, s, oc) }) {
			continue
		}
		final := true
		for _, b := range blocks {
			if c.blockOnKey(b, bind, k) || b.node == nil || c.tokenRelease(b, g, fn, bind) {
				continue
			}
			if within(s, b.node) && !sameLoop(body, b.node.Pos(), s) || within(b.node, s) {
				continue // the block the signal is a case of, or part of: it comes before
			}
			if k.sends > 0 && c.inCountedLoop(body, b.node, s) {
				continue // for range 3 { v := read(); ch <- v }: the last send comes after it
			}
			if reachableAfter(graph, body, s, b.node) {
				final = false
				break
			}
		}
		if final {
			finals++
		}
	}
	// A group's Done counts the goroutine out only where it is its last
	// act: initWG.Done() on the way, then eventsWG.Wait(), makes the
	// caller's initWG.Wait() a start handshake on that path (a channel's
	// earlier sends are values, and its close the final signal).
	return finals > 0 && (k.kind != keyWait || finals == len(sites))
}

// nonBlocking reports whether the send s, with the nodes above it in
// stack, is a case of a select with a default: it is skipped when nobody
// is ready to take it.
func nonBlocking(s *ast.SendStmt, stack []ast.Node) bool {
	if len(stack) < 3 {
		return false
	}
	cc, ok := stack[len(stack)-1].(*ast.CommClause)
	if !ok || cc.Comm != s {
		return false
	}
	sel, ok := stack[len(stack)-3].(*ast.SelectStmt)
	return ok && slices.ContainsFunc(sel.Body.List, func(st ast.Stmt) bool { return st.(*ast.CommClause).Comm == nil })
}

// calledBackInLoop reports whether lit is an argument of the call parent,
// to a function of the package that calls that parameter inside a loop.
func (c *checker) calledBackInLoop(parent ast.Node, lit *ast.FuncLit) bool {
	call, ok := parent.(*ast.CallExpr)
	if !ok {
		return false
	}
	i := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return ast.Unparen(a) == lit })
	f := callee(c.info, call)
	if i < 0 || f == nil {
		return false
	}
	decl := c.decls[f.Origin()]
	sig := f.Origin().Type().(*types.Signature)
	if decl == nil || decl.Body == nil || i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 {
		return false
	}
	param := sig.Params().At(i)
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if cl, ok := n.(*ast.CallExpr); ok && !found {
			if id, ok := ast.Unparen(cl.Fun).(*ast.Ident); ok && c.info.Uses[id] == param && inLoop(cl, decl.Body) {
				found = true
			}
		}
		return !found
	})
	return found
}

// opaqueCall reports whether call calls a function value the pass cannot
// read: not a function or method it names, a conversion, a builtin, a
// literal or a context's cancel.
func (c *checker) opaqueCall(call *ast.CallExpr) bool {
	if callee(c.info, call) != nil {
		return false
	}
	if _, lit := ast.Unparen(call.Fun).(*ast.FuncLit); lit {
		return false
	}
	tv, ok := c.info.Types[call.Fun]
	if !ok || tv.IsType() || tv.IsBuiltin() {
		return false
	}
	t := c.typeOf(call.Fun)
	if isNamed(t, "context", "CancelFunc") || isNamed(t, "context", "CancelCauseFunc") {
		return false
	}
	_, isSig := t.Underlying().(*types.Signature)
	return isSig
}

// endlessImpl reports whether call calls an interface method that a type
// of this package implements with a method that never returns (l.run()
// after wg.Done(), l a loop whose run loops for ever).
func (c *checker) endlessImpl(call *ast.CallExpr) bool {
	f := callee(c.info, call)
	if f == nil || !isAbstract(f) {
		return false
	}
	return slices.ContainsFunc(c.implsOf(f), c.neverReturns)
}

// bodyCFG returns the control-flow graph of the function whose body is
// body, or nil.
func (c *checker) bodyCFG(body *ast.BlockStmt) *cfg.CFG {
	cur, ok := c.cursorOf(body)
	if !ok {
		return nil
	}
	return c.cfgOf(cur.Parent().Node())
}

// reachableAfter reports whether target (a statement or call) can run
// after the node n, in the function whose graph is g: later in n's block,
// or in a block reachable from it. Without a graph, by position, or in a
// loop with n.
func reachableAfter(g *cfg.CFG, body *ast.BlockStmt, n ast.Node, target ast.Node) bool {
	pos := target.Pos()
	if g == nil {
		return pos > n.Pos() || sameLoop(body, pos, n)
	}
	covers := func(m ast.Node) bool { return within(m, target) || within(target, m) }
	var start *cfg.Block
	after := false
	for _, b := range g.Blocks {
		for i, m := range b.Nodes {
			if m.Pos() <= n.Pos() && n.End() <= m.End() {
				start = b
				for _, later := range b.Nodes[i+1:] {
					if covers(later) {
						after = true
					}
				}
				if covers(m) && pos > n.Pos() {
					after = true // later in the same statement
				}
				break
			}
		}
		if start != nil {
			break
		}
	}
	if start == nil {
		return pos > n.Pos() || sameLoop(body, pos, n)
	}
	if after {
		return true
	}
	seen := make(map[*cfg.Block]bool)
	stack := append([]*cfg.Block(nil), start.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		for _, m := range b.Nodes {
			if covers(m) {
				return true
			}
		}
		stack = append(stack, b.Succs...)
	}
	return false
}

// signalledThrough returns the expression of the call's argument or
// receiver through which f signals k, or nil.
func (c *checker) signalledThrough(f *types.Func, call *ast.CallExpr, k joinKey, bind func(path) (path, bool)) ast.Expr {
	decl := c.decls[f.Origin()]
	if decl == nil || decl.Body == nil {
		return nil
	}
	var found ast.Expr
	c.calleeSignals(decl, call, func(kind keyKind, p path, name string) {
		if found != nil || kind != k.kind {
			return
		}
		if q, ok := bind(p); ok && q.equal(k.p) {
			// Find the argument or receiver whose path is the prefix.
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && pathOf(c.info, sel.X).prefixOf(p) {
				found = sel.X
				return
			}
			for _, a := range call.Args {
				if pathOf(c.info, a).prefixOf(p) {
					found = a
					return
				}
			}
		}
	})
	// The signal is on found, or on a field reached through it.
	return found
}

// blockOnKey reports whether every alternative of b waits on k itself.
func (c *checker) blockOnKey(b block, bind func(path) (path, bool), k joinKey) bool {
	if len(b.alts) == 0 {
		return false
	}
	for _, a := range b.alts {
		p, ok := bind(a.p)
		if !ok || !p.equal(k.p) {
			return false
		}
	}
	return true
}

// sameLoop reports whether a loop of body holds both pos and the node n.
func sameLoop(body *ast.BlockStmt, pos token.Pos, n ast.Node) bool {
	return anyLoop(body, func(l ast.Node) bool { return l.Pos() <= pos && pos < l.End() && within(n, l) })
}

// anyLoop reports whether match holds for a for or range statement of
// body, outside function literals.
func anyLoop(body *ast.BlockStmt, match func(loop ast.Node) bool) bool {
	found := false
	ast.Inspect(body, func(m ast.Node) bool {
		if found || m == nil {
			return false
		}
		switch m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			found = match(m)
		}
		return true
	})
	return found
}

// declaringFunc returns the function around cur whose body declares the
// variable of p, when p is that variable itself or a field of it reached
// without a pointer; nil otherwise.
func (c *checker) declaringFunc(cur inspector.Cursor, p path) ast.Node {
	if !p.valid() || p.deref {
		return nil
	}
	// The innermost function around cur whose syntax holds the
	// declaration declares it: in its body, a local; else a parameter.
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if declaredIn(p.root, f.Node()) {
			if c.localTo(p, f.Node()) {
				return f.Node()
			}
			return nil
		}
	}
	return nil
}

// isCallee reports whether r is a function-valued variable being called.
func isCallee(r ref) bool {
	call, ok := r.parent.(*ast.CallExpr)
	return ok && call.Fun == r.expr
}

// inSynctest reports whether cur is inside a function literal run by
// synctest.Test or synctest.Run, which wait for every goroutine of the
// bubble.
func (c *checker) inSynctest(cur inspector.Cursor) bool {
	if !c.usesSynctest() {
		return false
	}
	for f := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := f.Node().(type) {
		case *ast.FuncLit:
			if call, ok := f.Parent().Node().(*ast.CallExpr); ok && c.bubbles(call, n) {
				return true
			}
		case *ast.FuncDecl:
			return c.onlyInBubbles(n)
		}
	}
	return false
}

// usesSynctest reports whether a file of the package imports
// testing/synctest: only then can a bubble be made in it.
func (c *checker) usesSynctest() bool {
	if c.synctest == 0 {
		c.synctest = 2
		for _, f := range c.pass.Files {
			for _, imp := range f.Imports {
				if imp.Path.Value == `"testing/synctest"` {
					c.synctest = 1
				}
			}
		}
	}
	return c.synctest == 1
}

// bubbles reports whether call runs the function literal lit, one of its
// arguments, in a synctest bubble: synctest.Test or Run, or a function of
// the package that hands that argument on to them (func synctestTest(t, f)
// { synctest.Test(t, f) }).
func (c *checker) bubbles(call *ast.CallExpr, lit *ast.FuncLit) bool {
	fn := callee(c.info, call)
	if isSynctest(fn) {
		return true
	}
	i := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return ast.Unparen(a) == lit })
	return fn != nil && i >= 0 && c.bubbleParam(fn, 0) == i
}

// bubbleParam returns the index of the parameter of fn, a function of this
// package, that fn runs in a synctest bubble (directly or through another
// such function), or -1.
func (c *checker) bubbleParam(fn *types.Func, depth int) int {
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil || depth > 3 {
		return -1
	}
	sig := fn.Type().(*types.Signature)
	index := -1
	eachOwnCall(decl.Body, func(call *ast.CallExpr) {
		to := callee(c.info, call)
		for ai, a := range call.Args {
			id, ok := ast.Unparen(a).(*ast.Ident)
			if !ok {
				continue
			}
			for pi := 0; pi < sig.Params().Len(); pi++ {
				if sig.Params().At(pi) != c.info.Uses[id] {
					continue
				}
				if isSynctest(to) || to != nil && c.bubbleParam(to, depth+1) == ai {
					index = pi
				}
			}
		}
	})
	return index
}

// onlyInBubbles reports whether every call of the function declared by fd
// is made inside a synctest bubble (a helper of bubbled tests), and there
// is at least one, and it is never used as a value.
func (c *checker) onlyInBubbles(fd *ast.FuncDecl) bool {
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok || !c.tests[c.pass.Fset.File(fd.Pos())] {
		return false
	}
	if v, ok := c.bubbled[fn]; ok {
		return v
	}
	c.bubbled[fn] = false // while deciding: a recursive call is not a reason
	calls := 0
	for _, cur := range c.usesOf(fn) {
		id := cur.Node().(*ast.Ident)
		p := cur.Parent()
		if sel, ok := p.Node().(*ast.SelectorExpr); ok && sel.Sel == id {
			p = p.Parent()
		}
		call, ok := p.Node().(*ast.CallExpr)
		if !ok || ast.Unparen(call.Fun) != cur.Node() && !isSelOf(call.Fun, id) {
			return false // used as a value
		}
		if !c.inSynctest(p) {
			return false
		}
		calls++
	}
	c.bubbled[fn] = calls > 0
	return calls > 0
}

// usesOf returns the identifiers of the package that use fn, from an
// index of every function's uses built in one walk the first time it is
// asked: a walk per function asked about was quadratic in the size of a
// package with thousands of tests.
func (c *checker) usesOf(fn *types.Func) []inspector.Cursor {
	if c.funcUses == nil {
		c.funcUses = make(map[*types.Func][]inspector.Cursor)
		for cur := range c.preorder((*ast.Ident)(nil)) {
			if f, ok := c.info.Uses[cur.Node().(*ast.Ident)].(*types.Func); ok {
				c.funcUses[f] = append(c.funcUses[f], cur)
			}
		}
	}
	return c.funcUses[fn]
}

// isSelOf reports whether e is a selector whose Sel is id.
func isSelOf(e ast.Expr, id *ast.Ident) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	return ok && sel.Sel == id
}

// goKeys finds what the goroutine of g can be joined by.
func (c *checker) goKeys(g *ast.GoStmt, fn ast.Node) []joinKey {
	var keys []joinKey
	add := func(kind keyKind, p path, name string) {
		if !p.valid() {
			return
		}
		for _, k := range keys {
			if k.kind == kind && k.p.equal(p) {
				return
			}
		}
		keys = append(keys, joinKey{kind: kind, p: p, name: strings.ReplaceAll(name, elems, "[...]")})
	}
	addExpr := func(kind keyKind, e ast.Expr) { add(kind, pathOf(c.info, e), pathText(e)) }

	call := g.Call
	lit, _ := ast.Unparen(call.Fun).(*ast.FuncLit)
	if lit == nil {
		lit = c.localFuncLit(call.Fun, fn) // go acceptOne(x): acceptOne := func(...) {...}
	}
	if lit != nil {
		// What the goroutine signals on, among the variables it captures,
		// directly or through a function of this package it calls
		// (defer g.done()).
		captured := func(v *types.Var) bool { return !declaredIn(v, lit) }
		var waited, counted []path // groups it waits on, and those it counts itself in
		c.signals(lit.Body, captured, func(kind keyKind, r ref) {
			if kind == keyWait && r.kind == useMethod && r.method.Name() == "Wait" {
				waited = append(waited, r.path)
			} else if kind == keyWait {
				counted = append(counted, r.path)
			}
			addExpr(kind, r.expr)
		})
		for i, k := range keys {
			if k.kind == keyWait && slices.ContainsFunc(waited, k.p.equal) && !slices.ContainsFunc(counted, k.p.equal) {
				keys[i].waitOnly = true // go func() { wg.Wait(); close(done) }()
			}
		}
		var viaCallee []path // channels some callee sends on: their sends are not seen here
		eachOwnCall(lit.Body, func(inner *ast.CallExpr) {
			if f := callee(c.info, inner); f != nil {
				c.calleeKeys(f, inner, func(kind keyKind, p path, name string) {
					if captured(p.root) {
						add(kind, p, name)
						viaCallee = append(viaCallee, p)
					}
				})
			}
		})
		for i, k := range keys {
			if k.kind == keyChan && !slices.ContainsFunc(viaCallee, k.p.equal) {
				keys[i].guards = c.sendGuards(lit.Body, k.p)
				keys[i].released = c.releasedOnReturn(lit.Body, k.p, fn, g)
			}
		}
		for _, e := range c.handoffs(g, lit, fn) {
			addExpr(keyHandoff, e)
		}
		c.litSignals(lit, call, add) // go iterate(1, &wg): through its parameters
		c.pipeKeys(lit, fn, add)     // w.Close() last: io.ReadAll(r) returns then
		c.cancelKeys(lit, fn, add)   // cancel() last: <-ctx.Done() returns then
	} else {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
				switch t := c.typeOf(sel.X); {
				case c.hasCloser(t):
					addExpr(keyCloser, sel.X)
				case c.hasOwnStop(t):
					addExpr(keyOwner, sel.X)
				}
			}
		}
		if f := callee(c.info, call); f != nil {
			c.calleeKeys(f, call, add)
		}
		c.pipeKeysOf(call, fn, add) // go writeBody(pw, mw), closing pw last
	}
	for _, e := range c.addsBefore(fn, g) {
		addExpr(keyWait, e)
	}
	// What a function whose code the pass reads signals on was read from
	// it; for others, a WaitGroup or channel given to it may be.
	f := callee(c.info, call)
	opaque := lit == nil && (f == nil || !c.summarised(f))
	for _, a := range call.Args {
		t := c.typeOf(a)
		switch {
		case isWaitGroup(t) && opaque:
			addExpr(keyWait, a)
		case isChan(t) && opaque:
			addExpr(keyChan, a)
		case c.hasCloser(t):
			addExpr(keyCloser, a) // go handle(conn): closing conn ends it
		case c.hasOwnStop(t):
			addExpr(keyOwner, a) // go smLoop(sm): sm's owner stops it
		}
	}
	return keys
}

// handoffs returns the channels by which the spawner can hand the
// goroutine of g (running lit) its exit: unbuffered channels of fn that
// the goroutine only receives from, each time just before it returns
// (`case <-ch: return`, or `<-ch` as its last statement), and that no other
// goroutine of fn receives from. g must not be in a loop of fn, where one
// send would release only one of its goroutines. (nats-server's
// TestClientCloseTLSConnection: a watchdog released by ch <- true.)
func (c *checker) handoffs(g *ast.GoStmt, lit *ast.FuncLit, fn ast.Node) []ast.Expr {
	if inLoop(g, funcBody(fn)) {
		return nil
	}
	var out []ast.Expr
	seen := make(map[*types.Var]bool)
	c.eachRef(lit.Body, func(r ref) {
		v := r.path.root
		if r.kind != useRecv || r.path.fields != "" || seen[v] || declaredIn(v, lit) || !c.localTo(r.path, fn) {
			return
		}
		seen[v] = true
		if !isChan(c.typeOf(r.expr)) || !c.unbuffered(r.path, fn) || !c.onlyFinalRecvs(lit, v) || c.otherReceivers(g, fn, v) {
			return
		}
		out = append(out, r.expr)
	})
	return out
}

// errorExitLoops returns the loops of fn (outside its function literals)
// that leave on the first error: see errorExit.
func (c *checker) errorExitLoops(fn ast.Node) []ast.Stmt {
	var loops []ast.Stmt
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt:
			if c.errorExit(n) {
				loops = append(loops, n)
			}
		case *ast.RangeStmt:
			if c.errorExit(n) {
				loops = append(loops, n)
			}
		}
		return true
	})
	return loops
}

// errorExit reports whether the loop has a return under a test of an
// error (if err != nil), outside the function literals in it: a loop that
// leaves on the first error.
func (c *checker) errorExit(loop ast.Stmt) bool {
	found := false
	ast.PreorderStack(loop, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for i := len(stack) - 1; i >= 0 && !found; i-- {
				if is, ok := stack[i].(*ast.IfStmt); ok && c.testsErr(is.Cond) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// testsErr reports whether cond compares an error with nil.
func (c *checker) testsErr(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if b, ok := n.(*ast.BinaryExpr); ok && (b.Op == token.NEQ || b.Op == token.EQL) {
			for _, e := range []ast.Expr{b.X, b.Y} {
				if t := c.typeOf(e); t != nil && types.Identical(t, types.Universe.Lookup("error").Type()) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// anyBuffer reports whether the channel p is a variable of fn made, and
// only ever made, with a capacity that is not the constant 0 (make(chan
// error, len(urls)) gives each of the goroutines a slot).
func (c *checker) anyBuffer(p path, fn ast.Node) bool {
	constant, dynamic := c.chanCaps(p, fn)
	return constant || dynamic
}

// buffered reports whether the channel p is a variable of fn made, and
// only ever made, with a constant capacity above zero.
func (c *checker) buffered(p path, fn ast.Node) bool {
	constant, dynamic := c.chanCaps(p, fn)
	return constant && !dynamic
}

// chanCaps reports how the channel p, a variable of fn, is made when every
// assignment to it is a make with a capacity that is not the constant 0:
// with a constant capacity, with one known only at run time, or both. Any
// other assignment (an unbuffered make, a channel from elsewhere) gives
// false, false.
func (c *checker) chanCaps(p path, fn ast.Node) (constant, dynamic bool) {
	if p.fields != "" || !c.localTo(p, fn) {
		return false, false
	}
	other := false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			if pathOf(c.info, l).root != p.root || len(rhs) != len(lhs) {
				continue
			}
			call, ok := ast.Unparen(rhs[i]).(*ast.CallExpr)
			if ok && isBuiltinCall(c.info, call, "make") && len(call.Args) == 2 {
				switch tv := c.info.Types[call.Args[1]]; {
				case tv.Value == nil:
					dynamic = true
					continue
				case tv.Value.String() != "0":
					constant = true
					continue
				}
			}
			other = true
		}
		return true
	})
	if other {
		return false, false
	}
	return constant, dynamic
}

// inLoop reports whether n is inside a for or range statement of body.
func inLoop(n ast.Node, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(m ast.Node) bool {
		if found || m == nil || !within(n, m) {
			return false
		}
		switch m.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			found = m != ast.Node(n) && !runsOnce(loopBody(m))
		case *ast.FuncLit:
			return false // another function's loop
		}
		return !found
	})
	return found
}

// runsOnce reports whether a loop with this body runs it at most once: it
// ends in an unconditional break or return, and nothing in it continues
// (for range items() { go write(); break }).
func runsOnce(body *ast.BlockStmt) bool {
	if len(body.List) == 0 {
		return false
	}
	switch last := body.List[len(body.List)-1].(type) {
	case *ast.BranchStmt:
		if last.Tok != token.BREAK || last.Label != nil {
			return false
		}
	case *ast.ReturnStmt:
	default:
		return false
	}
	continues := false
	ast.Inspect(body, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			continues = continues || m.Tok == token.CONTINUE || m.Tok == token.GOTO
		}
		return !continues
	})
	return !continues
}

// onlyFinalRecvs reports whether every use of the channel v in lit is a
// receive after which the goroutine returns: the case of a select whose
// body is empty or a lone return (an empty body only when the select is
// lit's last statement), or a statement <-v that is the last, or is
// followed by a lone return.
func (c *checker) onlyFinalRecvs(lit *ast.FuncLit, v *types.Var) bool {
	list := lit.Body.List
	last := func(s ast.Stmt) bool { return len(list) > 0 && list[len(list)-1] == s }
	lone := func(body []ast.Stmt) bool {
		if len(body) != 1 {
			return false
		}
		_, ok := body[0].(*ast.ReturnStmt)
		return ok
	}
	isRecv := func(e ast.Expr) bool {
		u, ok := ast.Unparen(e).(*ast.UnaryExpr)
		return ok && u.Op == token.ARROW && pathOf(c.info, u.X).root == v && pathOf(c.info, u.X).fields == ""
	}
	final := make(map[ast.Expr]bool)
	for i, st := range list {
		switch st := st.(type) {
		case *ast.ExprStmt:
			if isRecv(st.X) && (last(st) || i+1 < len(list) && lone(list[i+1:])) {
				final[ast.Unparen(st.X).(*ast.UnaryExpr).X] = true
			}
		case *ast.SelectStmt:
			for _, cs := range st.Body.List {
				cc := cs.(*ast.CommClause)
				e := recvOperand(cc.Comm)
				if e == nil || !isRecv(e) {
					continue
				}
				if lone(cc.Body) || len(cc.Body) == 0 && last(st) {
					final[ast.Unparen(e).(*ast.UnaryExpr).X] = true
				}
			}
		}
	}
	ok := true
	c.eachRef(lit.Body, func(r ref) {
		if r.path.root == v && !final[r.expr] {
			ok = false
		}
	})
	return ok
}

// otherReceivers reports whether a go statement of fn other than g uses
// the channel v.
func (c *checker) otherReceivers(g *ast.GoStmt, fn ast.Node, v *types.Var) bool {
	for _, other := range c.goStmts {
		g2 := other.Node().(*ast.GoStmt)
		if g2 == g || !within(g2, fn) {
			continue
		}
		used := false
		c.eachRef(g2.Call, func(r ref) { used = used || r.path.root == v })
		if used {
			return true
		}
	}
	return false
}

// unbuffered reports whether the channel p is a variable of fn made, and
// only ever made, without a buffer: make(chan T) or make(chan T, 0).
func (c *checker) unbuffered(p path, fn ast.Node) bool {
	if p.fields != "" || !c.localTo(p, fn) {
		return false
	}
	made, other := false, false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			if pathOf(c.info, l).root != p.root {
				continue
			}
			if len(rhs) == len(lhs) {
				call, ok := ast.Unparen(rhs[i]).(*ast.CallExpr)
				if ok && isBuiltinCall(c.info, call, "make") {
					if len(call.Args) == 1 {
						made = true
						continue
					}
					if tv := c.info.Types[call.Args[1]]; tv.Value != nil && tv.Value.String() == "0" {
						made = true
						continue
					}
				}
			}
			other = true
		}
		return true
	})
	return made && !other
}

// localFuncLit returns the function literal that fun, a variable of the
// function fn (or of one around it), holds: the literal it is declared or
// assigned with, when it is assigned nothing else.
func (c *checker) localFuncLit(fun ast.Expr, fn ast.Node) *ast.FuncLit {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.info.Uses[id].(*types.Var)
	if v == nil || v.IsField() || isGlobal(v) {
		return nil
	}
	return c.onlyFuncLit(v, c.declaringBody(v, fn))
}

// onlyFuncLit returns the function literal that the local v, declared in
// decl, is declared or assigned with, when it is assigned nothing else.
func (c *checker) onlyFuncLit(v *types.Var, decl *ast.BlockStmt) *ast.FuncLit {
	if decl == nil {
		return nil
	}
	// Remembered: a test calls its local helpers many times, and each
	// answer walks the whole body that declares them.
	key := funcLitKey{v, decl}
	if lit, ok := c.funcLits[key]; ok {
		return lit
	}
	lit := c.findOnlyFuncLit(v, decl)
	c.funcLits[key] = lit
	return lit
}

// A funcLitKey is a local and the body onlyFuncLit searched for it.
type funcLitKey struct {
	v    *types.Var
	decl *ast.BlockStmt
}

func (c *checker) findOnlyFuncLit(v *types.Var, decl *ast.BlockStmt) *ast.FuncLit {
	var lit *ast.FuncLit
	other := false
	ast.Inspect(decl, func(n ast.Node) bool {
		if other {
			return false
		}
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			l, ok := ast.Unparen(l).(*ast.Ident)
			if !ok || c.info.ObjectOf(l) != v {
				continue
			}
			if len(rhs) == len(lhs) {
				if fl, ok := ast.Unparen(rhs[i]).(*ast.FuncLit); ok && lit == nil {
					lit = fl
					continue
				}
			}
			other = true
		}
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && pathOf(c.info, u.X).root == v {
			other = true // &f lets anything assign it
		}
		return true
	})
	if other {
		return nil
	}
	return lit
}

// declaringBody returns the body, among fn and the functions around it,
// that declares the local variable v, or nil.
func (c *checker) declaringBody(v *types.Var, fn ast.Node) *ast.BlockStmt {
	if body := funcBody(fn); body != nil && declaredIn(v, body) {
		return body // the usual case, without searching for fn
	}
	cur, ok := c.cursorOf(fn)
	if !ok {
		return nil
	}
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if body := funcBody(f.Node()); body != nil && declaredIn(v, body) {
			return body
		}
	}
	return nil
}

// signals walks the body of a goroutine and calls f for each way it can
// tell the spawner it is done, on variables accepted by keep: a WaitGroup it
// uses (wg.Done, passing &wg on), a channel it closes or sends on, a value it
// calls methods on that has a Close/Shutdown/Stop method.
func (c *checker) signals(body ast.Node, keep func(*types.Var) bool, f func(keyKind, ref)) {
	c.eachRefNoGo(body, func(r ref) {
		if !keep(r.path.root) {
			return
		}
		t := c.typeOf(r.expr)
		switch {
		case isWaitGroup(t):
			f(keyWait, r)
		case r.kind == useMethod && waitGroupGetter(r.method):
			// defer t.store.WaitGroup().Done(): the group its owner
			// keeps, and waits on in its own stop.
			f(keyOwner, r)
		case isChan(t) && (r.kind == useSend || r.kind == useBuiltin && isBuiltinCall(c.info, r.call, "close")):
			f(keyChan, r)
		case r.kind == useMethod && c.hasCloser(t):
			f(keyCloser, r) // srv.Serve(l), c.Read(buf)
		case r.kind == useValue && r.call != nil && !isCallee(r) && c.hasCloser(t):
			f(keyCloser, r) // io.Copy(dst, c)
		case (r.kind == useMethod || r.kind == useValue && r.call != nil && !isCallee(r)) && c.hasOwnStop(t):
			f(keyOwner, r)
		case c.methodValueOf(r) && c.hasCloser(t):
			f(keyCloser, r) // pprof.Do(ctx, labels, c.serve): run as c.serve() is
		case c.methodValueOf(r) && c.hasOwnStop(t):
			f(keyOwner, r)
		}
	})
}

// waitGroupGetter reports whether m is a method of no parameters that
// returns a *sync.WaitGroup: the group its receiver keeps.
func waitGroupGetter(m *types.Func) bool {
	sig, ok := m.Type().(*types.Signature)
	return ok && sig.Params().Len() == 0 && sig.Results().Len() == 1 && isWaitGroup(sig.Results().At(0).Type())
}

// hasGroupGetter reports whether the value at p has a method that returns
// the *sync.WaitGroup it keeps (waitGroupGetter): a goroutine counted in
// it is its owner's to wait for, whatever it blocks on.
func (c *checker) hasGroupGetter(p path) bool {
	t := c.pathType(p)
	if t == nil {
		return false
	}
	ms := types.NewMethodSet(t)
	if _, ptr := t.Underlying().(*types.Pointer); !ptr && !types.IsInterface(t) {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for i := range ms.Len() {
		if m, ok := ms.At(i).Obj().(*types.Func); ok && waitGroupGetter(m) {
			return true
		}
	}
	return false
}

// methodValueOf reports whether r is the receiver of a method value that
// is not called where it stands (w.loop given to pprof.Do, which runs it).
func (c *checker) methodValueOf(r ref) bool {
	sel, ok := r.parent.(*ast.SelectorExpr)
	if !ok || sel.X != r.expr {
		return false
	}
	if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return false
	}
	cur, ok := c.cursorOf(sel)
	if !ok {
		return false
	}
	call, isCall := cur.Parent().Node().(*ast.CallExpr)
	return !isCall || ast.Unparen(call.Fun) != sel
}

func isBuiltinCall(info *types.Info, call *ast.CallExpr, name string) bool {
	if call == nil {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// calleeKeys adds the keys a call of f signals on, mapped to the caller's
// terms: read from f's body when it is of this package, from its summary
// (a fact) otherwise.
func (c *checker) calleeKeys(f *types.Func, call *ast.CallExpr, add func(keyKind, path, string)) {
	if decl := c.decls[f.Origin()]; decl != nil && decl.Body != nil {
		c.calleeSignals(decl, call, add)
		return
	}
	s := c.calleeSummary(f)
	if s == nil {
		return
	}
	for _, e := range s.effects {
		kind := keyChan
		switch e.kind {
		case effDone:
			kind = keyWait
		case effClose, effSend:
		default:
			continue
		}
		if p, ok := c.bindPath(f, call, e.p); ok {
			add(kind, p, p.root.Name()+p.fields)
		}
	}
}

// calleeSignals looks into the body of a function of this package started
// by `go f(args)` or `go x.m(args)` and maps the WaitGroups and channels it
// signals on, rooted at its receiver, parameters or package variables, back
// to the caller's expressions.
func (c *checker) calleeSignals(decl *ast.FuncDecl, call *ast.CallExpr, add func(keyKind, path, string)) {
	f, _ := c.info.Defs[decl.Name].(*types.Func)
	if f == nil {
		return
	}
	sig, ok := f.Type().(*types.Signature)
	if !ok {
		return
	}
	c.bodySignals(sig, decl.Body, call, add)
}

// litBinder maps a path in the terms of lit, called by call, to the
// caller's terms: a parameter of the literal is the argument it is given
// (go func(c chan bool) { c <- f() }(ch): c is ch), when the literal
// never assigns it; anything else it captures is the caller's already.
func (c *checker) litBinder(lit *ast.FuncLit, call *ast.CallExpr) func(path) (path, bool) {
	base := c.litArgs(lit, call)
	return func(p path) (path, bool) {
		if e, ok := base[p.root]; ok {
			return c.argPath(e, p.fields)
		}
		return p, true
	}
}

// litArgs returns, for a literal called with arguments (go func(c chan
// bool) { ... }(ch), or go f(ch) where f only holds the literal), the
// argument each parameter is given, for the parameters the literal never
// assigns. nil when there are none.
func (c *checker) litArgs(lit *ast.FuncLit, call *ast.CallExpr) map[*types.Var]ast.Expr {
	sig, ok := c.typeOf(lit).(*types.Signature)
	if !ok || sig.Variadic() || sig.Params().Len() == 0 || len(call.Args) != sig.Params().Len() {
		return nil
	}
	base := make(map[*types.Var]ast.Expr, sig.Params().Len())
	for i := 0; i < sig.Params().Len(); i++ {
		if v := sig.Params().At(i); !c.assignedIn(lit.Body, v) {
			base[v] = call.Args[i]
		}
	}
	return base
}

// assignedIn reports whether body assigns v, or takes its address.
func (c *checker) assignedIn(body ast.Node, v *types.Var) bool {
	assigned := false
	ast.Inspect(body, func(n ast.Node) bool {
		if assigned {
			return false
		}
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && pathOf(c.info, u.X).root == v {
			assigned = true
		}
		lhs, _ := assignment(n)
		for _, l := range lhs {
			if p := pathOf(c.info, l); p.root == v && p.fields == "" {
				assigned = true
			}
		}
		return true
	})
	return assigned
}

// litSignals is calleeSignals for a function literal started with
// arguments, go func(c chan bool) { ... }(ch) or go f(ch) where f holds
// the literal: what it signals on through its parameters.
func (c *checker) litSignals(lit *ast.FuncLit, call *ast.CallExpr, add func(keyKind, path, string)) {
	if sig, ok := c.typeOf(lit).(*types.Signature); ok {
		c.bodySignals(sig, lit.Body, call, func(kind keyKind, p path, name string) {
			if !declaredIn(p.root, lit) {
				add(kind, p, name)
			}
		})
	}
}

// bodySignals maps what a body with signature sig signals on, through its
// receiver, parameters and package variables, to the terms of call.
func (c *checker) bodySignals(sig *types.Signature, body *ast.BlockStmt, call *ast.CallExpr, add func(keyKind, path, string)) {
	if sig.Variadic() {
		return
	}
	base := make(map[*types.Var]ast.Expr)
	if recv := sig.Recv(); recv != nil {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			base[recv] = sel.X
		}
	}
	for i := 0; i < sig.Params().Len() && i < len(call.Args); i++ {
		base[sig.Params().At(i)] = call.Args[i]
	}
	c.signals(body, func(v *types.Var) bool { return base[v] != nil || isGlobal(v) },
		func(kind keyKind, r ref) {
			if kind == keyCloser || kind == keyOwner {
				return
			}
			e, ok := base[r.path.root]
			if !ok {
				add(kind, r.path, pathText(r.expr))
				return
			}
			p, ok := c.argPath(e, r.path.fields)
			if !ok {
				return
			}
			if q := pathOf(c.info, e); q.valid() {
				// through the argument itself, not a literal's field value
				p.deref = p.deref || r.path.deref || r.path.fields != "" && isPointer(r.path.root.Type())
			}
			add(kind, p, p.root.Name()+p.fields)
		})
	// What it signals through calls into other packages (lc.Done() of a
	// closer that counts it in a WaitGroup), known by their facts.
	eachOwnCall(body, func(inner *ast.CallExpr) {
		g := callee(c.info, inner)
		if g == nil || g.Pkg() == c.pass.Pkg {
			return
		}
		c.calleeKeys(g, inner, func(kind keyKind, q path, _ string) {
			e, ok := base[q.root]
			if !ok {
				return
			}
			p, ok := c.argPath(e, q.fields)
			if ok {
				add(kind, p, p.root.Name()+p.fields)
			}
		})
	})
}

// argPath maps an argument e and the fields a callee reaches through it to
// a path of the caller: its path and the fields, or, for a struct literal
// (&serveConfig{closeCh: ch}), the path of the field's value.
func (c *checker) argPath(e ast.Expr, fields string) (path, bool) {
	if p := pathOf(c.info, e); p.valid() {
		p.fields += fields
		return p, true
	}
	e = ast.Unparen(e)
	if ta, ok := e.(*ast.TypeAssertExpr); ok && ta.Type != nil {
		return c.argPath(ta.X, fields) // handle(c.(*Session)): the value in c
	}
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 0 {
		// tr.Sender().Read(buf): a getter of the package that returns a
		// field of its receiver reads that field.
		if m, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if fn := callee(c.info, call); fn != nil {
				if field, ok := c.returnsField(fn); ok {
					return c.argPath(m.X, field+fields)
				}
				if t := pathOf(c.info, m.X); fields == "" && t.valid() && t.fields == "" && fn.Name() == "Context" && isTestingType(t.root.Type()) {
					// go o.Verify(t.Context()): the test's context,
					// which the testing package cancels as it ends.
					t.fields = ".Context()"
					return t, true
				}
			}
		}
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok || fields == "" {
		return path{}, false
	}
	first, rest, _ := strings.Cut(strings.TrimPrefix(fields, "."), ".")
	if rest != "" {
		rest = "." + rest
	}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == first {
				return c.argPath(kv.Value, rest)
			}
		}
	}
	return path{}, false
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// addsBefore returns the receivers of the WaitGroup.Add calls of fn that
// come before g in the source, outside nested function literals: `wg.Add(1);
// go worker()` counts the worker in wg. An Add followed by another go
// statement that uses the same WaitGroup counts that one, not g.
func (c *checker) addsBefore(fn ast.Node, g *ast.GoStmt) []ast.Expr {
	var adds []*ast.CallExpr
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		if n == nil || n.Pos() >= g.Pos() {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if isMethod(callee(c.info, n), "sync", "WaitGroup", "Add") {
				adds = append(adds, n)
			}
		}
		return true
	})
	var recvs []ast.Expr
	for _, add := range adds {
		sel, ok := ast.Unparen(add.Fun).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		wg := pathOf(c.info, sel.X)
		consumed := false
		for _, other := range c.goStmts {
			g2 := other.Node().(*ast.GoStmt)
			if g2 == g || g2.Pos() < add.End() || g2.Pos() > g.Pos() || !within(g2, fn) {
				continue
			}
			c.eachRef(g2.Call, func(r ref) {
				if r.path.equal(wg) {
					consumed = true
				}
			})
		}
		if !consumed {
			recvs = append(recvs, sel.X)
		}
	}
	return recvs
}

// keysUsed reports whether n joins (or hands on) the goroutine through one
// of keys.
func (c *checker) keysUsed(keys []joinKey, n ast.Node) bool {
	return c.keysUsedIf(keys, n, func(joinKey, ref) bool { return true })
}

// keysUsedIf is keysUsed counting only the references keep accepts.
func (c *checker) keysUsedIf(keys []joinKey, n ast.Node, keep func(joinKey, ref) bool) bool {
	found := false
	c.eachRef(n, func(r ref) {
		if r.parent == nil {
			// A range's channel, as the control-flow graph gives it: alone.
			if rs := c.rangeOf(r.expr); rs != nil {
				r.kind, r.parent = useRange, rs
			}
		}
		for _, k := range keys {
			if !found && c.refJoins(k, r) && keep(k, r) {
				found = true
			}
		}
	})
	return found
}

// rangeOf returns the range statement over a channel whose operand is e,
// or nil.
func (c *checker) rangeOf(e ast.Expr) *ast.RangeStmt {
	if c.ranges == nil {
		c.ranges = make(map[ast.Expr]*ast.RangeStmt)
		for cur := range c.preorder((*ast.RangeStmt)(nil)) {
			rs := cur.Node().(*ast.RangeStmt)
			if isChan(c.typeOf(rs.X)) {
				c.ranges[rs.X] = rs
			}
		}
	}
	return c.ranges[e]
}

// isComm reports whether n is the communication of a select case.
func (c *checker) isComm(n ast.Node) bool { return c.selectOf(n) != nil }

// selectOf returns the select statement of which n is the communication
// of a case, or nil.
func (c *checker) selectOf(n ast.Node) *ast.SelectStmt {
	if c.comms == nil {
		c.comms = make(map[ast.Node]*ast.SelectStmt)
		for cur := range c.preorder((*ast.SelectStmt)(nil)) {
			sel := cur.Node().(*ast.SelectStmt)
			for _, st := range sel.Body.List {
				if cc, ok := st.(*ast.CommClause); ok && cc.Comm != nil {
					c.comms[cc.Comm] = sel
				}
			}
		}
	}
	return c.comms[n]
}

// sendGuards returns the contexts whose <-ctx.Done() is a case of the
// select around every send on the channel ch in body (outside nested go
// statements), or nil when some send stands alone or there is none.
func (c *checker) sendGuards(body ast.Node, ch path) []path {
	var guards []path
	sends := 0
	c.eachSend(body, ch, func(sel *ast.SelectStmt) {
		sends++
		var here []path
		if sel != nil {
			here = c.doneCases(sel)
		}
		if sends == 1 {
			guards = here
		} else {
			guards = slices.DeleteFunc(guards, func(p path) bool { return !slices.ContainsFunc(here, p.equal) })
		}
	})
	return guards
}

// eachSend calls f for every send on the channel ch in body, outside nested
// go statements, with the select whose case the send is, or nil.
func (c *checker) eachSend(body ast.Node, ch path, f func(sel *ast.SelectStmt)) {
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.GoStmt); ok {
			return false
		}
		send, ok := n.(*ast.SendStmt)
		if !ok || !pathOf(c.info, send.Chan).equal(ch) {
			return true
		}
		var sel *ast.SelectStmt
		if len(stack) >= 3 {
			cc, _ := stack[len(stack)-1].(*ast.CommClause)
			if s, _ := stack[len(stack)-3].(*ast.SelectStmt); cc != nil && cc.Comm == send {
				sel = s
			}
		}
		f(sel)
		return true
	})
}

// releasedOnReturn reports whether every send on the channel ch in body
// (outside nested go statements) is a case of a select with a case that
// receives from a channel fn closes in a defer that precedes g: once fn
// has returned, the send gives up (net's dialParallel: defer
// close(returned), then select { case results <- r: case <-returned: }).
func (c *checker) releasedOnReturn(body ast.Node, ch path, fn ast.Node, g *ast.GoStmt) bool {
	sends, released := 0, 0
	c.eachSend(body, ch, func(sel *ast.SelectStmt) {
		sends++
		if sel == nil {
			return
		}
		for _, st := range sel.Body.List {
			e := recvOperand(st.(*ast.CommClause).Comm)
			if e == nil {
				continue
			}
			r := pathOf(c.info, ast.Unparen(e).(*ast.UnaryExpr).X)
			if r.valid() && c.localTo(r, fn) && c.closedByDefer(r, fn, g) {
				released++
				return
			}
		}
	})
	return sends > 0 && sends == released
}

// closedByDefer reports whether fn runs `defer close(r)` before g.
func (c *checker) closedByDefer(r path, fn ast.Node, g *ast.GoStmt) bool {
	return precededBy(funcBody(fn), g, func(s ast.Stmt) bool {
		d, ok := s.(*ast.DeferStmt)
		return ok && isBuiltinCall(c.info, d.Call, "close") && len(d.Call.Args) == 1 &&
			pathOf(c.info, d.Call.Args[0]).equal(r)
	})
}

// doneCases returns the contexts x of the cases `<-x.Done()` of sel.
func (c *checker) doneCases(sel *ast.SelectStmt) []path {
	var ctxs []path
	for _, st := range sel.Body.List {
		if cc, ok := st.(*ast.CommClause); ok {
			if p, ok := c.doneRecv(cc.Comm); ok {
				ctxs = append(ctxs, p)
			}
		}
	}
	return ctxs
}

// doneRecv returns x when comm receives from x.Done() for a context x.
func (c *checker) doneRecv(comm ast.Stmt) (path, bool) {
	e := recvOperand(comm)
	if e == nil || !c.recvDone(e) {
		return path{}, false
	}
	call := ast.Unparen(ast.Unparen(e).(*ast.UnaryExpr).X).(*ast.CallExpr)
	p := pathOf(c.info, ast.Unparen(call.Fun).(*ast.SelectorExpr).X)
	return p, p.valid()
}

// recvOperand returns the <-x expression that the communication of a case
// receives with, or nil for a send or default.
func recvOperand(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch comm := comm.(type) {
	case *ast.ExprStmt:
		e = comm.X
	case *ast.AssignStmt:
		if len(comm.Rhs) == 1 {
			e = comm.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u
	}
	return nil
}

// guardedSelect reports whether the select whose case communication is
// comm waits for the goroutine through k whichever case it takes: each
// case receives from one of the goroutine's channels, or from x.Done() of
// a context x that guards every send of the goroutine on each of them. Leaving by
// <-ctx.Done() then leaves the goroutine a Done case of its own: it gives
// up its send and ends, as with a buffered channel.
func (c *checker) guardedSelect(comm ast.Node, k joinKey, keys []joinKey) bool {
	sel := c.selectOf(comm)
	if sel == nil || len(k.guards) == 0 {
		return false
	}
	for _, st := range sel.Body.List {
		cc, ok := st.(*ast.CommClause)
		if !ok {
			return false
		}
		if p, ok := c.doneRecv(cc.Comm); ok {
			// The goroutine may be blocked on any of its channels.
			for _, k := range keys {
				if k.kind == keyChan && !slices.ContainsFunc(k.guards, p.equal) {
					return false
				}
			}
			continue
		}
		e := recvOperand(cc.Comm)
		if e == nil {
			return false // a send, or default
		}
		p := pathOf(c.info, ast.Unparen(e).(*ast.UnaryExpr).X)
		if !slices.ContainsFunc(keys, func(k joinKey) bool { return k.kind == keyChan && k.p.equal(p) }) {
			return false
		}
	}
	return true
}

// refJoins is the function refJoins, and for a hand-off channel a send
// outside a select: it completes only once the goroutine has received,
// and the goroutine returns as soon as it has.
func (c *checker) refJoins(k joinKey, r ref) bool {
	if k.kind == keyHandoff && r.kind == useSend && r.path.equal(k.p) {
		return !c.isComm(r.parent)
	}
	if k.kind == keyPipe {
		return r.path.equal(k.p) && c.readsToEnd(r)
	}
	if k.kind == keyDone {
		if _, ret := r.parent.(*ast.ReturnStmt); ret && r.kind == useValue && r.path.equal(k.p) {
			return true // return ctx: its Done is the caller's to wait on (cron's Stop)
		}
		return r.path.equal(k.p) && c.receivesDone(r)
	}
	if k.kind == keyChan && r.kind == useValue && r.call != nil && c.recvsMaybe(r) {
		return false // waitStarted(s, errCh) that may return by a tick instead
	}
	return refJoins(k, r)
}

// recvsMaybe reports whether the function of this package that r passes a
// channel to only receives from it in a case of a select that another
// case may leave by returning: a helper that waits for a server to be up
// (case <-tick.C: if up { return nil }) beside case err := <-errCh does
// not take what the goroutine sends. Anything else it does with the
// channel (a plain receive, a range, passing it on) is taken as taking it.
func (c *checker) recvsMaybe(r ref) bool {
	key, decl, ok := c.argParam(r)
	if !ok {
		return false
	}
	if b, ok := c.mayRecv[key]; ok {
		return b
	}
	param := key.fn.Type().(*types.Signature).Params().At(key.i)
	maybe, seen := true, false
	c.eachRef(decl.Body, func(pr ref) {
		if !maybe || pr.path.root != param {
			return
		}
		seen = true
		comm, sel := c.commOf(pr.expr)
		if pr.kind != useRecv || sel == nil || !c.otherCaseReturns(sel, comm) {
			maybe = false
		}
	})
	b := maybe && seen
	c.mayRecv[key] = b
	return b && !c.otherCasesIdle(r, key, decl)
}

// neverSignalled reports whether the local channel v is made here and
// only received from, or given to call: nothing closes it or sends on it,
// and it goes nowhere else.
func (c *checker) neverSignalled(v *types.Var, call *ast.CallExpr) bool {
	body := c.declBody(v)
	if body == nil || !isChan(v.Type()) {
		return false
	}
	quiet := true
	c.eachRef(body, func(r ref) {
		if !quiet || r.path.root != v || r.path.fields != "" {
			return
		}
		switch r.kind {
		case useDecl, useRecv, useRange, useBlank, useAssigned:
		case useValue:
			quiet = r.call == call && slices.Contains(call.Args, r.expr)
		default: // closed, sent on, passed on, assigned (onlyAssigned checks what)
			quiet = false
		}
	})
	return quiet && c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		return len(lhs) == len(rhs) && c.freshExpr(rhs[i])
	})
}

// otherCasesIdle reports whether, at the call of r, none of the other
// cases the callee may return by can fire: each waits on a context
// parameter given context.Background() or TODO(), or on a channel
// parameter given a local of the caller's that nothing closes or sends on
// (poll(context.Background(), results, preempt) with preempt never
// closed): the receive is then the only way out, and takes the send.
func (c *checker) otherCasesIdle(r ref, key fnIndex, decl *ast.FuncDecl) bool {
	sig := key.fn.Type().(*types.Signature)
	param := sig.Params().At(key.i)
	idleArg := func(e ast.Expr) bool {
		p, done := c.doneOf(e)
		if !done {
			p = pathOf(c.info, e)
		}
		if !p.valid() || p.fields != "" {
			return false
		}
		j := paramIndex(sig, p.root)
		if j < 0 || j >= len(r.call.Args) || sig.Variadic() && j >= sig.Params().Len()-1 {
			return false
		}
		if done {
			return c.rootContextArg(key.fn, r.call, p.root)
		}
		ap := pathOf(c.info, r.call.Args[j])
		return ap.valid() && ap.fields == "" && !isGlobal(ap.root) && !c.isParamVar(ap.root) && c.neverSignalled(ap.root, r.call)
	}
	idle := true
	c.eachRef(decl.Body, func(pr ref) {
		if !idle || pr.path.root != param {
			return
		}
		comm, sel := c.commOf(pr.expr)
		if sel == nil {
			idle = false
			return
		}
		for _, s := range sel.Body.List {
			cc, ok := s.(*ast.CommClause)
			if !ok || cc.Comm == nil || within(comm, cc.Comm) || cc.Comm == comm {
				continue
			}
			u, ok := recvOperand(cc.Comm).(*ast.UnaryExpr)
			if !ok || !idleArg(u.X) {
				idle = false
				return
			}
		}
	})
	return idle
}

// commOf returns the statement around e that can be a select's
// communication (an expression or an assignment), and that select, or
// nil when the statement is not one.
func (c *checker) commOf(e ast.Expr) (ast.Node, *ast.SelectStmt) {
	var comm ast.Node
	if cur, ok := c.cursorOf(e); ok {
		for s := range cur.Enclosing((*ast.ExprStmt)(nil), (*ast.AssignStmt)(nil)) {
			comm = s.Node()
			break
		}
	}
	return comm, c.selectOf(comm)
}

// argRecvsMaybe reports whether call passes the channel at p to a
// function that may return without receiving from it (recvsMaybe).
func (c *checker) argRecvsMaybe(call *ast.CallExpr, p path) bool {
	for _, a := range call.Args {
		if pathOf(c.info, a).equal(p) && c.recvsMaybe(ref{path: p, kind: useValue, expr: a, call: call}) {
			return true
		}
	}
	return false
}

// otherCaseReturns reports whether a case of sel other than the one whose
// communication is comm returns, without ending the test or the process
// first (case <-time.After(d): t.Fatal(...); return zero is a failed
// test's).
func (c *checker) otherCaseReturns(sel *ast.SelectStmt, comm ast.Node) bool {
	for _, s := range sel.Body.List {
		cc, ok := s.(*ast.CommClause)
		if !ok || cc.Comm == nil || within(comm, cc.Comm) || cc.Comm == comm {
			continue
		}
		returns, ends := false, false
		for _, b := range cc.Body {
			if es, ok := b.(*ast.ExprStmt); ok {
				if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && (c.goexit(call) || c.callNeverReturns(call)) {
					ends = true
				}
			}
			ast.Inspect(b, func(n ast.Node) bool {
				switch n.(type) {
				case *ast.ReturnStmt:
					returns = true
				case *ast.FuncLit:
					return false
				}
				return !returns
			})
		}
		if returns && !ends {
			return true
		}
	}
	return false
}

// refJoins reports whether the reference r waits for, or hands on, the
// goroutine counted in k.
func refJoins(k joinKey, r ref) bool {
	switch {
	case r.path.equal(k.p):
	case r.path.prefixOf(k.p):
		// The struct holding the key is handed on, or closed.
		return r.kind == useValue || r.kind == useMethod && closerNames[r.method.Name()]
	default:
		return false // another variable, or a field read through the key
	}
	switch r.kind {
	case useGoArg, useCompare, useAssigned, useSend, useDecl, useBlank:
		return false
	}
	switch k.kind {
	case keyWait:
		if r.kind == useMethod {
			return !isMethod(r.method, "sync", "WaitGroup", "Add", "Done", "Go")
		}
		return true
	case keyChan:
		switch r.kind {
		case useRecv, useRange, useValue, useRuntimeArg:
			return true
		}
		return false
	case keyCloser:
		if r.kind == useMethod {
			return closerNames[r.method.Name()]
		}
		return r.kind == useValue
	case keyOwner:
		// Stopping it here is not waiting for it: only handing it on
		// (returning or storing it) to an owner whose stop is its own
		// business, counts.
		return r.kind == useValue && r.call == nil
	}
	return false
}

// joinDesc says how the spawner could have joined the goroutine of j, for
// the message about a path that does not.
func (c *checker) joinDesc(j *goJoin) string {
	for _, k := range j.keys {
		switch {
		case k.kind == keyWait && c.localTo(k.p, j.fn):
			return k.name + ".Wait()"
		case k.kind == keyChan && c.localTo(k.p, j.fn):
			if k.multi && k.sends > 0 {
				return fmt.Sprintf("receiving the %d values it sends on %s", k.sends, k.name)
			}
			if k.multi {
				return "draining " + k.name + " (it sends more than once: range over it until it is closed)"
			}
			if j.many && !c.anyBuffer(k.p, j.fn) {
				return "receiving from " + k.name + " once for each goroutine the loop starts"
			}
			if j.lockFirst != nil && j.leak != nil && c.buffered(k.p, j.fn) {
				return fmt.Sprintf("receiving from %s (the goroutine may first wait for a lock, %s at %s, for as long as anyone holds it)",
					k.name, c.text(j.lockFirst), c.shortPos(j.lockFirst))
			}
			return "receiving from " + k.name
		case k.kind == keyHandoff && c.localTo(k.p, j.fn):
			return "sending on " + k.name
		case k.kind == keyPipe:
			return "reading " + k.name + " to its end"
		case k.kind == keyDone:
			return "receiving from " + k.name + ".Done()"
		}
	}
	for _, k := range j.keys {
		if k.kind == keyCloser {
			return "stopping " + k.name
		}
	}
	return "the join"
}

// storedBefore reports whether fn stores the local h, before g, where it
// outlives fn: in a field, a map or a slice element of a value fn did not
// declare (s.clients[name] = client), or a package variable.
func (c *checker) storedBefore(h *types.Var, fn ast.Node, g ast.Node) bool {
	return slices.ContainsFunc(c.storesOf(fn), func(s store) bool { return s.obj == h && s.pos <= g.Pos() })
}

// A store is an assignment that stores the value of a variable (obj, the
// object its identifier uses) in a place that outlives the function: a
// field, a map or a slice element of a value the function did not
// declare, or a package variable.
type store struct {
	pos token.Pos // of the assignment
	obj types.Object
}

// storesOf returns the stores in the body of fn, function literals
// included, walking it only the first time (see checker.stores).
func (c *checker) storesOf(fn ast.Node) []store {
	if ss, ok := c.stores[fn]; ok {
		return ss
	}
	var ss []store
	outside := func(e ast.Expr) bool {
		id, ok := placeBase(e, true).(*ast.Ident)
		v, _ := c.info.Uses[id].(*types.Var)
		return ok && v != nil && (isGlobal(v) || !declaredIn(v, funcBody(fn)))
	}
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			// d.groups.LoadOrStore(key, g), o.cur.Store(g): a sync.Map or
			// an atomic holder of a value the function did not make
			// keeps g.
			if kept, holder, ok := c.keepingCall(call); ok && outside(holder) {
				if rid, ok := ast.Unparen(kept).(*ast.Ident); ok {
					ss = append(ss, store{call.Pos(), c.info.Uses[rid]})
				}
			}
			// r.register(dc), a method that keeps its argument in its
			// receiver (r.channels = append(r.channels, dc)), of a value
			// the function did not make.
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && outside(sel.X) {
				if to := callee(c.info, call); to != nil {
					for _, i := range c.keptParams(to) {
						if i < len(call.Args) {
							if rid, ok := ast.Unparen(call.Args[i]).(*ast.Ident); ok {
								ss = append(ss, store{call.Pos(), c.info.Uses[rid]})
							}
						}
					}
				}
			}
		}
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, r := range as.Rhs {
			rid, ok := ast.Unparen(r).(*ast.Ident)
			if !ok {
				continue
			}
			id, ok := placeBase(as.Lhs[i], true).(*ast.Ident)
			if !ok || id == ast.Unparen(as.Lhs[i]) {
				continue // a variable itself, not a place in a value
			}
			if v, ok := c.info.Uses[id].(*types.Var); ok && (isGlobal(v) || !declaredIn(v, funcBody(fn))) {
				ss = append(ss, store{as.Pos(), c.info.Uses[rid]})
			}
		}
		return true
	})
	if c.stores == nil {
		c.stores = make(map[ast.Node][]store)
	}
	c.stores[fn] = ss
	return ss
}

// placeBase strips from the place e the element indexes and dereferences
// (and, with fields, the field selections) that lead to it: s for
// s.clients[name] with fields, s.clients without.
func placeBase(e ast.Expr, fields bool) ast.Expr {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.SelectorExpr:
			if !fields {
				return x
			}
			e = x.X
		default:
			return ast.Unparen(e)
		}
	}
}

// onlyMethodRecv returns the receiver of the one method call the
// goroutine of g makes: go x.Run(), or a literal whose body is that call
// alone (go func() { x.Run() }(), go func() { _ = x.Run() }()); nil when
// it does anything else.
func (c *checker) onlyMethodRecv(g *ast.GoStmt) ast.Expr {
	call := g.Call
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		if len(lit.Body.List) != 1 {
			return nil
		}
		var e ast.Expr
		switch s := lit.Body.List[0].(type) {
		case *ast.ExprStmt:
			e = s.X
		case *ast.AssignStmt:
			if len(s.Rhs) == 1 && !slices.ContainsFunc(s.Lhs, func(l ast.Expr) bool {
				id, ok := l.(*ast.Ident)
				return !ok || id.Name != "_"
			}) {
				e = s.Rhs[0]
			}
		}
		if call, ok = ast.Unparen(e).(*ast.CallExpr); !ok {
			return nil
		}
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return nil
	}
	return sel.X
}

// elemOf returns the path, ending in elems, of the container element e
// is: an index expression (c.stubs[i]), or a local of fn that only ever holds such an element (ln
// := l.internal[id], or ln, ok := l.internal[id]: declared with it, never
// assigned again, its address never taken).
func (c *checker) elemOf(e ast.Expr, fn ast.Node) (path, bool) {
	if _, indexed := ast.Unparen(e).(*ast.IndexExpr); indexed {
		return c.elemPath(e)
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return path{}, false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok {
		return path{}, false
	}
	if p, ok := c.mirroredElem(v, fn); ok {
		return p, true
	}
	var src ast.Expr
	defs, other := 0, false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				lid, ok := l.(*ast.Ident)
				if !ok || c.info.Defs[lid] != v && c.info.Uses[lid] != v {
					continue
				}
				defs++
				switch {
				case c.info.Defs[lid] != v:
					other = true
				case len(n.Rhs) == len(n.Lhs):
					src = n.Rhs[i]
				case len(n.Rhs) == 1 && i == 0:
					src = n.Rhs[0] // ln, ok := m[k]
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && pathOf(c.info, n.X).root == v {
				other = true
			}
		}
		return !other
	})
	if defs != 1 || other || src == nil {
		return path{}, false
	}
	if _, indexed := ast.Unparen(src).(*ast.IndexExpr); !indexed {
		return path{}, false
	}
	return c.elemPath(src)
}

// mirroredElem returns, for v the value of a range over a local map or
// slice of fn each of whose elements fn also puts in a container it does
// not own (l := newLoop(); p.loops[n] = l; fresh[n] = l, then for _, l :=
// range fresh { go l.run() }), the element path of that container: v is
// one of its elements, and so its owner's.
func (c *checker) mirroredElem(v *types.Var, fn ast.Node) (path, bool) {
	body := funcBody(fn)
	var local *types.Var
	ast.Inspect(body, func(n ast.Node) bool {
		if rs, ok := n.(*ast.RangeStmt); ok && rs.Value != nil && c.info.Defs[identOf(rs.Value)] == v {
			local, _ = c.info.Uses[identOf(rs.X)].(*types.Var)
		}
		return local == nil
	})
	if local == nil || !declaredIn(local, body) {
		return path{}, false
	}
	// Every element stored in the local, as the variable it is stored
	// from; and where else each of those variables is stored.
	var stored []*types.Var
	elsewhere := make(map[*types.Var]ast.Expr)
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			ix, isIndex := ast.Unparen(l).(*ast.IndexExpr)
			if !isIndex {
				if c.info.Uses[identOf(l)] == local {
					ok = false // fresh = other: not only what is stored
				}
				continue
			}
			x, _ := c.info.Uses[identOf(as.Rhs[i])].(*types.Var)
			if c.info.Uses[identOf(ix.X)] == local {
				if _, isNil := c.info.Uses[identOf(as.Rhs[i])].(*types.Nil); isNil {
					continue // uniqueLoops[hash] = nil: a slot with nothing to run
				}
				if x == nil {
					ok = false
					continue
				}
				stored = append(stored, x)
			} else if x != nil {
				if p, isElem := c.elemPath(l); isElem && !c.localTo(p, fn) {
					elsewhere[x] = l
				}
			}
		}
		return true
	})
	if !ok || len(stored) == 0 {
		return path{}, false
	}
	for _, x := range stored {
		if elsewhere[x] == nil {
			return path{}, false
		}
	}
	return c.elemPath(elsewhere[stored[0]])
}

// sendsBeforeClose reports whether the goroutine's body closes k (bound
// to the spawner's terms by bind) and, before that, sends on it and then
// may wait again on something else (ready <- struct{}{} in its select
// loop, defer close(ready)): a receive may take that send, a handshake,
// while the goroutine goes on. A send followed only by its end (errc <-
// err; return, then the deferred close) is as good as the close.
func (c *checker) sendsBeforeClose(body *ast.BlockStmt, bind func(path) (path, bool), k joinKey) bool {
	on := func(e ast.Expr) bool {
		p, ok := bind(pathOf(c.info, e))
		return ok && p.equal(k.p)
	}
	var sends []ast.Node
	closes := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.SendStmt:
			if on(n.Chan) {
				sends = append(sends, n)
			}
		case *ast.CallExpr:
			closes = closes || isBuiltinCall(c.info, n, "close") && len(n.Args) == 1 && on(n.Args[0])
		}
		return true
	})
	if !closes || len(sends) == 0 {
		return false
	}
	graph := c.bodyCFG(body)
	for _, b := range c.blocksIn(body, path.valid) {
		if b.node == nil || c.blockOnKey(b, bind, k) {
			continue
		}
		for _, s := range sends {
			if within(s, b.node) && !sameLoop(body, b.node.Pos(), s) || within(b.node, s) {
				continue // the select the send is a case of, or the send itself
			}
			if reachableAfter(graph, body, s, b.node) {
				return true
			}
		}
	}
	return false
}

// doneSkipped returns a return of the goroutine's body (bound to the
// spawner's terms by bind) reached on a path that does not count down the
// WaitGroup k it counts down on others (wg.Done() in one case of its
// select, a bare return in another), or nil: then whoever waits on k
// waits for ever. A deferred Done, or one through a helper, is taken as
// made on every path.
func (c *checker) doneSkipped(body *ast.BlockStmt, bind func(path) (path, bool), k joinKey) *ast.ReturnStmt {
	if len(body.List) == 0 {
		return nil
	}
	isDone := func(call *ast.CallExpr) bool {
		if !isMethod(callee(c.info, call), "sync", "WaitGroup", "Done") {
			return false
		}
		p, ok := bind(pathOf(c.info, ast.Unparen(call.Fun).(*ast.SelectorExpr).X))
		return ok && p.equal(k.p)
	}
	// A Done a return or break follows is the goroutine's own, in a loop
	// or not (case <-ctx.Done(): wg.Done(); return).
	final := make(map[*ast.CallExpr]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		list := stmtList(n)
		for i := 0; i+1 < len(list); i++ {
			es, ok := list[i].(*ast.ExprStmt)
			if !ok {
				continue
			}
			call, ok := ast.Unparen(es.X).(*ast.CallExpr)
			if !ok || !isDone(call) {
				continue
			}
			switch next := list[i+1].(type) {
			case *ast.ReturnStmt:
				final[call] = true
			case *ast.BranchStmt:
				final[call] = next.Tok == token.BREAK || next.Tok == token.GOTO
			}
		}
		return true
	})
	sites, other := 0, false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			return false
		case *ast.DeferStmt, *ast.FuncLit:
			// defer wg.Done(), defer func() { ...; wg.Done() }(), or a
			// Done in a literal called some other way: not followed.
			ast.Inspect(n, func(m ast.Node) bool {
				if call, ok := m.(*ast.CallExpr); ok && isDone(call) {
					other = true
				}
				return !other
			})
			return false
		case *ast.CallExpr:
			if isDone(n) && inLoop(n, body) && !final[n] {
				// for { <-ch; wg.Done() }: it counts down what it
				// takes, one per round, not itself.
				other = true
			} else if isDone(n) {
				sites++
			} else if f := callee(c.info, n); f != nil && f.Pkg() == c.pass.Pkg && c.signalledThrough(f, n, k, bind) != nil {
				other = true // s.finish(): a helper that counts it down
			}
		}
		return !other
	})
	if other || sites == 0 || c.doneOutsideGoroutines(k.p, body) {
		return nil
	}
	graph := c.bodyCFG(body)
	if graph == nil || len(graph.Blocks) == 0 {
		return nil
	}
	counted := func(n ast.Node) bool {
		return ownNode(n, func(m ast.Node) bool {
			call, ok := m.(*ast.CallExpr)
			return ok && isDone(call)
		})
	}
	// The paths from the entry, each up to its first Done: one that
	// returns before it skips it. (Not flowQuery: it takes a loop whose
	// body counts down somewhere as counting down.)
	return c.firstReturn(graph, counted, func(b *cfg.Block, succs []*cfg.Block) []*cfg.Block {
		if len(succs) != 2 || len(b.Nodes) == 0 {
			return succs
		}
		// if wg != nil { wg.Done() }: a nil group counted nothing.
		e, ok := b.Nodes[len(b.Nodes)-1].(*ast.BinaryExpr)
		if !ok || e.Op != token.EQL && e.Op != token.NEQ || !isNilIdent(e.X) && !isNilIdent(e.Y) {
			return succs
		}
		x := e.X
		if isNilIdent(x) {
			x = e.Y
		}
		if p, ok := bind(pathOf(c.info, x)); !ok || !p.equal(k.p) {
			return succs
		}
		if e.Op == token.EQL {
			return succs[1:]
		}
		return succs[:1]
	})
}

// doneOutsideGoroutines reports whether the WaitGroup at p is counted down
// somewhere other than in body and the goroutines of the package: in a
// method or function run in place (destroyResource's wg.Done()). Then
// it counts more than goroutines (resources, messages in flight), and a
// goroutine's path without Done may hand its count to one of those.
func (c *checker) doneOutsideGoroutines(p path, body *ast.BlockStmt) bool {
	k, ok := c.keyOf(p)
	if !ok {
		return true
	}
	for _, d := range c.waitGroupDones() {
		if d.key != k {
			continue
		}
		if call := d.cur.Node(); call.Pos() >= body.Pos() && call.End() <= body.End() || c.inGoroutine(d.cur) {
			continue
		}
		return true
	}
	return false
}

// A doneCall is a call of WaitGroup.Done in the package, with the key of
// its group.
type doneCall struct {
	cur inspector.Cursor
	key cancelKey
}

// waitGroupDones returns, once, the package's calls of WaitGroup.Done on a
// group keyOf names: doneOutsideGoroutines is asked for each goroutine a
// group's Wait joins, and the package's calls are many.
func (c *checker) waitGroupDones() []doneCall {
	if c.dones == nil {
		c.dones = []doneCall{}
		for _, pc := range c.packageCalls() {
			call := pc.cur.Node().(*ast.CallExpr)
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Done" || !isMethod(pc.fn, "sync", "WaitGroup", "Done") {
				continue
			}
			if k, ok := c.keyOf(pathOf(c.info, sel.X)); ok {
				c.dones = append(c.dones, doneCall{pc.cur, k})
			}
		}
	}
	return c.dones
}

// inGoroutine reports whether cur is inside a function literal a go
// statement starts, or in a function of the package some go statement
// runs.
func (c *checker) inGoroutine(cur inspector.Cursor) bool {
	for lit := range cur.Enclosing((*ast.FuncLit)(nil)) {
		if g, ok := lit.Parent().Node().(*ast.CallExpr); ok {
			if _, ok := lit.Parent().Parent().Node().(*ast.GoStmt); ok && g.Fun == lit.Node() {
				return true
			}
		}
	}
	fd, ok := enclosingFunc(cur).Node().(*ast.FuncDecl)
	if !ok {
		return false
	}
	f, _ := c.info.Defs[fd.Name].(*types.Func)
	return f != nil && slices.ContainsFunc(c.goStmts, func(g inspector.Cursor) bool {
		return callee(c.info, g.Node().(*ast.GoStmt).Call) == f
	})
}

// addedForIt reports whether the spawner counts the goroutine of g in the
// WaitGroup k by itself: wg.Add(1) before it, in the loop that starts it
// when it is started in one. A group added to by many at once (Add(n)),
// or once for goroutines started in a loop, counts something else (the
// messages they send, the first to finish).
func (c *checker) addedForIt(g *ast.GoStmt, fn ast.Node, k joinKey) bool {
	body := funcBody(fn)
	if body == nil {
		return false
	}
	var loop ast.Node // the innermost loop around g
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= g.Pos() && g.End() <= n.End() {
				loop = n
			}
		}
		return true
	})
	adds, ones := 0, true
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil || n.Pos() >= g.Pos() {
			return false
		}
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok || !isMethod(callee(c.info, call), "sync", "WaitGroup", "Add") || len(call.Args) != 1 {
			return true
		}
		if !pathOf(c.info, ast.Unparen(call.Fun).(*ast.SelectorExpr).X).equal(k.p) {
			return true
		}
		adds++
		tv := c.info.Types[call.Args[0]]
		ones = ones && tv.Value != nil && tv.Value.String() == "1" && (loop == nil || call.Pos() >= loop.Pos() && call.End() <= loop.End())
		return true
	})
	return adds > 0 && ones
}

// waitsBeforeSend reports whether the goroutine of j may wait on something
// of the function's own other than its send on k's channel: done <-
// p.Read() with p's release never called. A buffer that takes the send
// then does not let any case of a select stand for the join: the function
// that leaves by its timeout leaves the goroutine waiting in Read.
func (c *checker) waitsBeforeSend(j *goJoin, k joinKey, g *ast.GoStmt) bool {
	for _, b := range j.blocks {
		if b.soft || b.given {
			continue
		}
		sendOnly := len(b.alts) > 0
		for _, a := range b.alts {
			if a.kind != altSend || !a.p.equal(k.p) {
				sendOnly = false
			}
		}
		if sendOnly {
			continue
		}
		if c.endsWithFunc(b, j.fn) && !c.closesIn(j.fn, k.p) && c.sendsOnEveryExit(g, j.fn, k.p) {
			// s.Wait(ctx) with defer cancel(): it ends as the function
			// does, and its send, its last act, finds room (unless the
			// function closes the channel as it ends: then the send
			// panics).
			continue
		}
		if slices.ContainsFunc(b.alts, func(a alt) bool { return c.localTo(a.p, j.fn) && !a.p.equal(k.p) }) {
			return true
		}
	}
	return false
}

// endsWithFunc reports whether the block b of a goroutine fn starts
// ends by the time fn has returned: one of its alternatives is a context
// of fn's whose cancel fn defers, or it is a call given such a context
// (s.Wait(ctx), an interface's method taken to watch it).
func (c *checker) endsWithFunc(b block, fn ast.Node) bool {
	cancelled := func(a alt) bool {
		// ctx, cancel := context.WithCancel(ctx); defer cancel(): a
		// parameter re-derived is cancelled as well as a local.
		if a.kind != altDone || a.p.fields != "" || a.p.root == nil {
			return false
		}
		cancels := c.cancelsOf(a.p.root, funcBody(fn))
		return len(cancels) > 0 && !slices.ContainsFunc(cancels, func(o types.Object) bool {
			v, ok := o.(*types.Var)
			return !ok || !c.deferredCallOf(fn, v)
		})
	}
	if slices.ContainsFunc(b.alts, cancelled) {
		return true
	}
	// c.ReadFrom(buf) with defer c.Close() (in the loop that starts it):
	// the read fails as the function returns.
	if slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altIO && c.deferredStopOf(fn, a.p) }) {
		return true
	}
	if b.node == nil || !slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altIO }) {
		return false
	}
	found := false
	ast.Inspect(b.node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			found = found || slices.ContainsFunc(n.Args, func(e ast.Expr) bool {
				return isContextType(c.typeOf(e)) && cancelled(alt{kind: altDone, p: pathOf(c.info, e)})
			})
		}
		return !found
	})
	return found
}

// sendsOnEveryExit reports whether the goroutine of g sends on the
// channel at p (in the spawner's terms), or closes it, on every path to
// its end: no return and no end of its body is reached without either.
func (c *checker) sendsOnEveryExit(g *ast.GoStmt, fn ast.Node, p path) bool {
	body, bind := c.goBody(g, fn)
	if body == nil {
		return false
	}
	graph := c.bodyCFG(body)
	if graph == nil || len(graph.Blocks) == 0 {
		return false
	}
	sent := func(n ast.Node) bool {
		return ownNode(n, func(m ast.Node) bool {
			var ch ast.Expr
			switch m := m.(type) {
			case *ast.SendStmt:
				ch = m.Chan
			case *ast.CallExpr:
				if !isBuiltinCall(c.info, m, "close") || len(m.Args) != 1 {
					return false
				}
				ch = m.Args[0] // close(done): every receiver is released
			default:
				return false
			}
			q, bound := bind(pathOf(c.info, ch))
			return bound && q.equal(p)
		})
	}
	seen := make(map[*cfg.Block]bool)
	stack := []*cfg.Block{graph.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] || slices.ContainsFunc(b.Nodes, sent) {
			continue
		}
		seen[b] = true
		if b.Return() != nil || len(b.Succs) == 0 && b.Live {
			return false
		}
		stack = append(stack, b.Succs...)
	}
	return true
}

// ownNode reports whether n holds a node is accepts, outside the
// function literals and go statements in it: what the code at n does
// itself.
func ownNode(n ast.Node, is func(ast.Node) bool) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		switch m.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		}
		found = found || m != nil && is(m)
		return !found
	})
	return found
}

// closesIn reports whether fn closes the channel at p, in its body or
// a defer.
func (c *checker) closesIn(fn ast.Node, p path) bool {
	found := false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && isBuiltinCall(c.info, call, "close") && len(call.Args) == 1 && pathOf(c.info, call.Args[0]).equal(p) {
			found = true
		}
		_, lit := n.(*ast.FuncLit)
		return !found && !lit
	})
	return found
}

// deferredStopOf reports whether fn defers a stop method (Close, Stop...)
// of the value at p: defer c.Close().
func (c *checker) deferredStopOf(fn ast.Node, p path) bool {
	found := false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if sel, ok := ast.Unparen(n.Call.Fun).(*ast.SelectorExpr); ok && closerNames[sel.Sel.Name] && sel.Sel.Name != "Wait" && pathOf(c.info, sel.X).equal(p) {
				found = true
			}
		}
		return !found
	})
	return found
}

// deferredCallOf reports whether fn defers a call of the function held
// in v in its own body: defer cancel().
func (c *checker) deferredCallOf(fn ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if id, ok := ast.Unparen(n.Call.Fun).(*ast.Ident); ok && c.info.Uses[id] == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// onlyStopsKey reports whether the goroutine of g, started in fn, uses
// the value at p (in fn's terms) only to call its stop methods (Close,
// Stop, Shutdown...): go cc.Close(), or go func() { time.Sleep(d);
// prev.Close() }(). Such a goroutine is the value's stop; whoever holds
// the value cannot end it by stopping the value.
func (c *checker) onlyStopsKey(g *ast.GoStmt, fn ast.Node, p path) bool {
	isStop := func(call *ast.CallExpr) bool {
		// A stop of the value itself: no argument but a context
		// (srv.Shutdown(ctx)); lru.Cancel(key, cmd, err) is an operation
		// others wait on, not the value's end.
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && closerNames[sel.Sel.Name] && sel.Sel.Name != "Wait" && sel.Sel.Name != "Cancel" &&
			!slices.ContainsFunc(call.Args, func(a ast.Expr) bool { return !isContextType(c.typeOf(a)) })
	}
	if _, lit := ast.Unparen(g.Call.Fun).(*ast.FuncLit); !lit {
		sel, ok := ast.Unparen(g.Call.Fun).(*ast.SelectorExpr)
		return ok && isStop(g.Call) && pathOf(c.info, sel.X).equal(p) && !slices.ContainsFunc(g.Call.Args, func(a ast.Expr) bool { return pathOf(c.info, a).root == p.root })
	}
	body, bind := c.goBody(g, fn)
	if body == nil {
		return false
	}
	only, seen := true, false
	c.eachRef(body, func(r ref) {
		q, ok := bind(r.path)
		if !ok || q.root != p.root || r.kind == useDecl {
			return
		}
		if r.kind == useMethod && r.call != nil && isStop(r.call) && q.equal(p) {
			seen = true
			return
		}
		only = false
	})
	return only && seen
}

// wrappedForGo reports whether the argument r is given to a constructor
// (bufio.NewWriter(pw), multipart.NewWriter(pw)) whose one result fn
// keeps in a local of its own that it gives to the goroutine of g: the
// goroutine writes through the wrapper, nobody else is handed r.
func (c *checker) wrappedForGo(r ref, fn ast.Node, g *ast.GoStmt) bool {
	if r.call == nil || !slices.Contains(r.call.Args, r.expr) {
		return false
	}
	f := callee(c.info, r.call)
	if f == nil || !strings.HasPrefix(f.Name(), "New") || f.Type().(*types.Signature).Results().Len() != 1 {
		return false
	}
	cur, ok := c.cursorOf(r.call)
	if !ok {
		return false
	}
	lhs, rhs := assignment(cur.Parent().Node())
	if len(lhs) != 1 || len(rhs) != 1 || rhs[0] != ast.Expr(r.call) {
		return false
	}
	v := pathOf(c.info, lhs[0])
	return v.valid() && v.fields == "" && declaredIn(v.root, funcBody(fn)) && refersTo(c.info, g, v.root)
}
