package analyzer

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// # Who owns a goroutine
//
// This file answers one question for every go statement S in a function
// F: when F returns, is the goroutine g that S started finished, or certain
// to finish because someone who will act holds it? barego reports the go
// statements where the answer is no; spawns and the -explain flag read the
// same verdict. The answer is one of these, tried in order:
//
//   - Handed on through a join key (join.go): g signals a WaitGroup or a
//     channel that lives outside F (a field, a parameter, a global), or
//     that F hands on (returns, stores): its owner joins it.
//   - Joined: on every path from S to a return, F waits for g's final
//     signal (join.go): wg.Wait with g counted and wg.Done its last act, a
//     receive of g's last send or of the close it does last, a range to the
//     close of a channel g sends on more than once. A signal g gives before
//     it may block again (a start handshake) is not a join.
//   - Stopped: on every path, F (or a defer of F) releases every block of g
//     (block.go): it closes the channel g waits on, cancels the context,
//     stops the value g reads from. A stop is recognised by its effect
//     (effect.go), whatever the method doing it is called, through as many
//     calls as it takes.
//   - Handed on through what g waits for: each block F leaves has an
//     alternative that someone else can release: a channel, context or
//     value that is F's receiver's or a parameter's, a global, or a value F
//     made and handed on. A context parameter alone is handed on only as
//     an obligation to cancel it, which each caller must meet (obCancel).
//     And not when nothing in the package ever releases
//     it (an unexported field nobody closes, a cancel function stored and
//     never called): then g blocks for ever.
//
// Everything else is bare. A value F made itself (&T{}, new(T), a struct
// literal) is F's own as long as F does not let it escape: its fields are
// not "outside".

// A goJoin is the verdict on one go statement.
type goJoin struct {
	deciding        bool            // joinOf is deciding it: a sibling's question about it has no answer yet (stopSiblings)
	fn              ast.Node        // the spawning function
	keys            []joinKey       // what the goroutine can be joined by
	blocks          []block         // what it waits for, in the spawner's terms
	given           []block         // what an opaque goroutine that no block is known for is given and may wait on (givenBlock)
	leak            *ast.ReturnStmt // a return reached without joining (local keys)
	deadEnd         ast.Node        // or, when no return can follow, the t.Fatal or panic that ends a path without joining
	joinedSomewhere bool            // with leak: some path after the go statement joins
	many            bool            // the go statement is in a loop of the spawning function
	bare            bool            // not joined before the spawning function returns
	detached        bool            // documented with //twine:detached
	forever         *block          // a block that nothing in the package releases
	abandon         *abandon        // forever is a send its receivers abandon (abandon.go)
	lockFirst       *ast.CallExpr   // a lock the goroutine may wait for before its buffered send (joinQuery), or nil
	joinQ           *flowQuery      // the join query of a joinable goroutine: a path that joins it need not stop it
	lockStuck       *lockLeft       // a mutex it takes that some function may leave held (lockleft.go)
	lockAt          *ast.CallExpr   // the call by which it takes it
	lockForever     bool            // reported for lockStuck
	doneSkipped     *ast.ReturnStmt // a return of the goroutine that skips the Done of doneKey, its WaitGroup
	doneKey         joinKey
	how             string     // how it is joined, stopped or handed on (for -explain)
	opaque          bool       // it calls function values, or takes locks: it may block on what the pass does not read
	handoff         *handoff   // what its join or stop is handed on with, if it is
	dropped         *drop      // a call of this package that drops what it is handed on with
	unwatched       *block     // handed on, but a send of it watches nothing, not even the context it uses (unwatched.go)
	unwatchedCtx    *types.Var // that context

	// A stop that some paths make and others skip.
	stopLeak *ast.ReturnStmt
	stopDead ast.Node
	stopDesc string // "stopping srv", "closing quit", "cancelling ctx"
	stopBy   []stopAct
	// sleep: a long sleep of the goroutine that its stop does not cut
	// short (sleep.go), which leaves it running after the stop; sleepStop
	// says what the stop was.
	sleep     *ast.CallExpr
	sleepStop string
	// lateRead: a variable the goroutine writes that the spawner reads
	// after the stop, which does not wait for the write (collector.go);
	// sleepStop says what the stop was.
	lateRead *lateRead
	// closedSend: a channel the goroutine sends on that the spawner
	// closes once it has only stopped it (collector.go); sleepStop says
	// what the stop was.
	closedSend *closedSend
	// unwaited: the WaitGroup field that counts the goroutine, which
	// nothing in the package waits on (waited.go), for messages.
	unwaited string
	// passing: stopped asks only of the paths that return, not of those a
	// failing test ends (stoppedHere).
	passing bool
}

// stopAct is a statement of the spawner that releases a block of its
// goroutine, and the effect by which it does (stopped).
type stopAct struct {
	n      ast.Node
	e      effect
	handed bool // it hands on what the block waits on instead
}

// joinOf returns the verdict on the go statement at cur.
func (c *checker) joinOf(cur inspector.Cursor) *goJoin {
	g := cur.Node().(*ast.GoStmt)
	if j, ok := c.joins[g]; ok {
		return j
	}
	j := &goJoin{deciding: true}
	c.joins[g] = j
	stuck := c.decide(cur, j)
	j.deciding = false
	if stuck != nil && !j.bare {
		// Joined, stopped or handed on, but it waits on something that
		// nothing can ever release: the join never completes.
		j.bare, j.forever, j.how = true, stuck, ""
	} else if stuck == nil && j.lockStuck != nil && !j.bare && !j.detached {
		// The same for a mutex some function may leave held.
		j.bare, j.lockForever, j.how = true, true, ""
	} else if j.doneSkipped != nil && !j.detached {
		// The same for a WaitGroup it may leave counted.
		j.bare, j.how = true, ""
	} else if !j.bare && !j.detached && j.fn != nil {
		// Handed on, but stopped only by a caller that reads it to the
		// end, while it was given the caller's context (unwatched.go).
		if b, ctx := c.unwatchedSend(g, j); b != nil {
			j.bare, j.unwatched, j.unwatchedCtx, j.how = true, b, ctx, ""
		}
	}
	return j
}

// decide fills in the verdict on the go statement at cur, and returns a
// block of its goroutine that nothing can release, if any.
func (c *checker) decide(cur inspector.Cursor, j *goJoin) (stuck *block) {
	g := c.unwrapRunner(cur.Node().(*ast.GoStmt))
	if tf := c.pass.Fset.File(g.Pos()); tf != nil {
		j.detached = c.suppressed(tf, g.Pos())
	}
	fnCur := enclosingFunc(cur)
	if !fnCur.Valid() {
		j.bare = true
		return
	}
	j.fn = fnCur.Node()
	g = c.boundMethodGo(g, j.fn)
	if c.deadBranch(cur, j.fn) {
		j.how = "it is in a branch that never runs (its condition is a constant)"
		return
	}
	if c.inSynctest(cur) {
		j.how = "the synctest bubble waits for it"
		return
	}
	if c.onlySignals(g) {
		// go func() { cancel() }(): it cannot block, and ends at once.
		j.how = "it only cancels or closes, which cannot block: it ends at once"
		return
	}
	if c.onlyStarts(g) {
		// go func() { go c.fail() }(): it returns at once; what it
		// starts is judged at its own go statements.
		j.how = "it only starts goroutines, each judged at its own go statement"
		return
	}
	graph := c.cfgOf(j.fn)
	if graph != nil && graph.NoReturn() {
		j.how = c.funcName(j.fn) + " never returns"
		return // nothing outlives it (select {} in main)
	}
	// Every path on from here may end in t.Fatal, log.Fatal or panic,
	// though the function can return before: then its ends by t.Fatal
	// are where it must have joined (a test that can only end in t.Fatal
	// leaves its goroutines running; log.Fatal ends them with the process).
	// An error that cannot be nil (http.ListenAndServe's) leaves only
	// the branch that handles it (if err != nil { log.Fatal(err) }).
	// So does a range over a channel nothing closes (for range
	// time.Tick(d)) and a call of a function of the package that never
	// returns.
	failed := func(e ast.Expr) bool { return c.alwaysFailed(e, j.fn) }
	noReturn := graph != nil && (flowQuery{g: graph, from: g, used: c.callNeverReturns, isNil: failed, neverDone: c.rangeNeverEnds}).leak() == nil
	if noReturn && (flowQuery{g: graph, from: g, used: c.callNeverReturns, isNil: failed, neverDone: c.rangeNeverEnds, isGoexit: c.goexit}).deadEnd() == nil {
		j.how = c.funcName(j.fn) + " ends only with the process (log.Fatal, os.Exit, panic)"
		return // its goroutines end with it
	}
	j.keys = c.goKeys(g, j.fn)
	j.blocks, j.opaque = c.goBlocks(g, j.fn)
	if len(j.blocks) == 0 && j.opaque {
		j.given = c.givenBlock(g)
	}
	j.many = inLoop(g, funcBody(j.fn))
	j.keys = c.finalKeys(g, j)
	if name := c.localUnwaited(j, g); name != "" {
		if graph != nil && c.stoppedHere(j, g, graph) {
			return // defer l.Close() releases all it waits on: the group only counts
		}
		// var wg sync.WaitGroup; wg.Add(n); go func() { defer wg.Done()
		// ... }(), and no wg.Wait(): the join its author meant is missing.
		j.bare, j.unwaited = true, name
		return
	}
	for i, b := range j.blocks {
		if c.stuckBlock(b) {
			stuck = &j.blocks[i]
			break
		}
	}
	if stuck == nil {
		stuck = c.tickerLoop(g, j.fn)
	}
	if i := slices.IndexFunc(j.blocks, func(b block) bool {
		return b.endless && len(b.alts) == 0 && !b.soft && !b.inner && !b.partial && !b.assumed
	}); i >= 0 && stuck == nil {
		// go c.watchState(cli); return cli, with watchState's loop
		// having no way out: whoever takes cli cannot end it (closing
		// what the loop waits on only makes it spin), nor can a join.
		stuck = &j.blocks[i]
	}
	if stuck == nil {
		stuck, j.abandon = c.abandonedSend(g, j.fn, j.blocks)
	}
	if stuck == nil && j.opaque {
		stuck, j.abandon = c.runnerAbandon(g, j.fn)
	}
	if stuck == nil {
		j.lockStuck, j.lockAt = c.lockWaitLeft(g, j.fn)
	}
	if how, ok := c.atomicJoin(g, j.fn); ok && stuck == nil {
		j.how = how // the spin until a counter counts every goroutine (pool.go)
		return
	}
	if by := c.releasedBySibling(j, g); by != nil && stuck == nil {
		// go s.handleRequests(closeConn, ...), then go
		// s.waitForClose(closeConn): the first sends on closeConn on
		// its every way out, which ends the wait of the second.
		j.how = fmt.Sprintf("each of its waits ends when the goroutine started at line %d ends, which sends on or closes what it waits for on every way out", c.pass.Fset.Position(by.Pos()).Line)
		return
	}
	joinable := len(j.keys) > 0
	if joinable && stuck == nil && c.endsByRoom(j, g) {
		// resCh := make(chan error, len(ss)); go func() { resCh <-
		// s.Wait(ctx) }() with defer cancel(): its wait ends as the
		// function returns, and its one send finds room, received or not.
		j.how = "its one send finds room, and what it waits on ends with " + c.funcName(j.fn)
		return
	}
	q := c.joinQuery(j, g, graph, false)
	if joinable && deferredBefore(c.info, funcBody(j.fn), g, q.used) {
		// Joined by the function itself, whoever else holds the key
		// (Close's defer p.wg.Wait() before the goroutines it starts to
		// destroy what the pool holds).
		j.how = "a deferred join"
		return
	}
	if joinable && c.registeredBefore(j.fn, g, q.used) {
		j.how = "its join registered with a keeper that outlives the function"
		return
	}
	if joinable && c.joinedAtHome(j, q) {
		j.how = "joined on every path by " + c.joinDesc(j)
		return
	}
	if joinable && c.joinedLocally(j, g, graph) {
		// done := make(chan struct{}); go func() { defer close(done);
		// rw.Read(buf) }(); ...; <-done: joined here on every path,
		// whatever else of the caller's it works on.
		j.how = "joined on every path by " + c.joinDesc(j)
		return
	}
	if c.handedOff(cur, j, g) {
		if c.stoppedHere(j, g, graph) {
			return
		}
		if len(j.keys) > 0 {
			j.how = "its join is handed on with " + keyNames(j.keys)
		} else if h := j.handoff; h != nil {
			j.how = "its join is handed on with " + h.p.root.Name() + strings.ReplaceAll(h.p.fields, elems, "[...]")
		}
		return // whoever owns a key joins it
	}
	if joinable {
		j.joinQ = &q
		q.isGoexit = c.goexit
		j.leak, j.deadEnd = q.end()
		if j.leak == nil && c.locksBeforeBuffered(j, g) {
			lq := c.joinQuery(j, g, graph, true)
			lq.isGoexit = c.goexit
			j.leak = lq.leak()
		}
		if j.leak == nil && j.deadEnd == nil {
			j.how = "joined on every path by " + c.joinDesc(j)
			if ch := c.leftToBuffer(j, g); ch != "" {
				// c := make(chan error, 1); go func() { c <- f() }();
				// select { case <-ctx.Done(): return ...; case err := <-c: }
				j.how = "joined by " + c.joinDesc(j) + " where it is received; where a select leaves by another case, left to finish on its own: its send finds room in " + ch
			}
			if c.stoppedHere(j, g, graph) {
				return
			}
			if h := j.handoff; h != nil {
				// return errs: some paths, or all, hand the key on instead.
				handed := h.p.root.Name() + h.p.fields
				if c.keysUsedIf(j.keys, funcBody(j.fn), func(k joinKey, r ref) bool {
					return r.expr.Pos() > g.End() && r.kind != useValue && r.kind != useRuntimeArg && r.kind != useGoArg
				}) {
					j.how += ", or its join handed on with " + handed
				} else {
					j.how = "its join is handed on with " + handed
				}
			}
			return
		}
		if j.leak == nil && c.endsAlone(g, j.fn, true) {
			// Only a failing test skips the join, and the goroutine ends
			// on its own without touching the test.
			j.deadEnd = nil
			j.how = "joined on every path that returns by " + c.joinDesc(j) + "; a failing test leaves it to end on its own"
			return
		}
	}
	if joinable && (j.leak != nil || j.deadEnd != nil) && c.drainedBeside(g, j) {
		j.leak, j.deadEnd = nil, nil
		j.how = "another goroutine started beside it drains what it sends"
		return
	}
	if how := c.closedBlockless(j, g, graph); how != "" {
		j.leak, j.deadEnd = nil, nil
		if s := c.sendAfterClose(g, j); s != nil {
			j.bare, j.closedSend, j.sleepStop = true, s, how
			return
		}
		j.how = "stopped on every path: " + how
		return
	}
	unreleased, how := c.stopped(j, g, graph)
	if len(unreleased) == 0 && how != "" {
		if s := c.longSleep(g, j.fn); s != nil {
			// ln.Close() ends an Accept, not the minute's sleep after it.
			j.sleep, j.sleepStop = s, how
			how = ""
		} else if r := c.readAfterStop(g, j); r != nil {
			// close(errs); return first: the collector may not have
			// written first yet (collector.go).
			j.lateRead, j.sleepStop = r, how
			how = ""
		} else if s := c.sendAfterClose(g, j); s != nil {
			// defer cancel(); defer close(errs): the goroutine may
			// send after the close, and panic (collector.go).
			j.closedSend, j.sleepStop = s, how
			how = ""
		}
	}
	if len(unreleased) == 0 && how != "" {
		if d := c.joinDesc(j); joinable && (j.leak != nil || j.deadEnd != nil) && !strings.HasPrefix(d, "stopping ") {
			how = "on the paths that do not join it by " + d + ", " + how
		}
		j.leak, j.deadEnd = nil, nil
		j.how = "stopped on every path: " + how
		return
	}
	if len(unreleased) > 0 && c.handedOnBlocks(cur, j, unreleased) {
		j.leak, j.deadEnd = nil, nil
		return
	}
	if c.tests[c.pass.Fset.File(g.Pos())] && c.endsAloneIn(g, j.fn, j.many) {
		// In a test, a goroutine that cannot wait for ever and does not
		// touch the test ends on its own: the test process outlives it,
		// and nothing of the test is used after it ended. Goroutines
		// started in a loop that may wait at all (a bounded wait, a
		// channel of their own) go on racing with the tests that come
		// after.
		j.leak, j.deadEnd = nil, nil
		j.how = "in a test, it ends on its own and does not use the test"
		return
	}
	if c.tests[c.pass.Fset.File(g.Pos())] && c.servesPeer(g, j.fn) {
		// A fake server's handler of a connection it accepted: it
		// ends when the client under test closes its end.
		j.leak, j.deadEnd = nil, nil
		j.how = "in a test, it talks over a connection it accepted or dialed and ends when the peer closes it"
		return
	}
	if sem, ok := c.semFilled(g, j, graph); ok && stuck == nil {
		// sem <- struct{}{}; go func() { defer func() { <-sem }(); ... }(),
		// then a loop filling sem to its capacity (semfill.go).
		j.leak, j.deadEnd = nil, nil
		j.how = "joined on every path by filling " + sem.Name() + " to its capacity: each goroutine gives its slot back as its last act"
		return
	}
	if v, ok := c.callbackJoin(g, j); ok && stuck == nil {
		// go func() { handle(item); <-p.slots }(): whoever gives handle
		// joins it through what handle signals (callback.go).
		j.leak, j.deadEnd = nil, nil
		j.handoff = &handoff{p: path{root: v}, kind: obCallback}
		j.how = "its join is handed on to the caller with " + v.Name() + ", the function it runs: the caller waits for what that signals"
		return
	}
	j.bare = true
	if j.leak != nil || j.deadEnd != nil {
		// Does the function join it anywhere at all? If not, say so.
		c.eachRef(funcBody(j.fn), func(r ref) {
			if r.expr.Pos() >= g.End() {
				for _, k := range j.keys {
					if c.refJoins(k, r) {
						j.joinedSomewhere = true
					}
				}
			}
		})
		if !j.joinedSomewhere && j.joinQ != nil {
			// Or through a goroutine it waits for (joinedStmts).
			ast.Inspect(funcBody(j.fn), func(n ast.Node) bool {
				if s, ok := n.(*ast.ExprStmt); ok && s.Pos() >= g.End() && slices.ContainsFunc(c.joinedStmts(s, j.fn), func(t ast.Stmt) bool { return j.joinQ.used(t) }) {
					j.joinedSomewhere = true
				}
				return !j.joinedSomewhere
			})
		}
	}
	return
}

// stoppedHere reports whether a goroutine whose join or stop is handed on
// with a value (the server whose Serve it runs, or its WaitGroup) is
// stopped by the function itself on every path all the same: go
// srv.Serve(l), then l.Close() before the return. It then says so in j,
// and hands nothing on.
func (c *checker) stoppedHere(j *goJoin, g *ast.GoStmt, graph *cfg.CFG) bool {
	h := j.handoff
	saved := *j
	j.stopBy = nil
	j.joinQ = nil // a path that hands the join on does not stop it here
	j.passing = true
	unreleased, how := c.stopped(j, g, graph)
	j.passing = false
	here := len(unreleased) == 0 && how != "" && j.handoff == h && len(j.stopBy) > 0 && !strings.Contains(how, "storing ")
	for _, a := range j.stopBy {
		// Only by a close, a cancel or a stop (not by a message a loop
		// takes and goes on: s.sync()), not by handing something on, nor
		// by a function literal that may be run later (shutdown = func()
		// { s.Stop() }).
		if a.handed || containsFuncLit(a.n) || a.e.kind != effClose && a.e.kind != effCancel && a.e.kind != effStop {
			here = false
		}
		if _, body := a.n.(*ast.BlockStmt); body {
			here = false // a loop's body, taken whole: its stop may be on one branch only
		}
	}
	if !here {
		*j = saved
		return false
	}
	j.handoff, j.leak, j.deadEnd, j.joinQ = nil, nil, nil, saved.joinQ
	if s := c.sendAfterClose(g, j); s != nil {
		// defer cancel(); defer close(errs): stopped, not joined, it may
		// send after the close (collector.go).
		j.bare, j.closedSend, j.sleepStop = true, s, how
		return true
	}
	j.how = "stopped on every path: " + how
	return true
}

// containsFuncLit reports whether n has a function literal in it.
func containsFuncLit(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			found = true
		}
		return !found
	})
	return found
}

// onlySignals reports whether g runs a literal whose body is nothing but
// calls of context cancel functions and closes of channels (go func() {
// cancel() }()), or is such a call itself (go cancel()).
func (c *checker) onlySignals(g *ast.GoStmt) bool {
	signal := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		if isBuiltinCall(c.info, call, "close") {
			return true
		}
		t := c.typeOf(call.Fun)
		return isCancelFunc(t) || c.cancelField(call.Fun)
	}
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok {
		return signal(g.Call)
	}
	if len(lit.Body.List) == 0 {
		return false
	}
	for _, s := range lit.Body.List {
		if es, ok := s.(*ast.ExprStmt); !ok || !signal(es.X) {
			return false
		}
	}
	return true
}

// isCancelFunc reports whether t is context.CancelFunc or CancelCauseFunc.
func isCancelFunc(t types.Type) bool {
	return isNamed(t, "context", "CancelFunc") || isNamed(t, "context", "CancelCauseFunc")
}

// cancelField reports whether e selects a field of a struct of the package,
// of function type, that the package only ever sets to a context's cancel
// function (Context{ctx, cancel}, x.Cancel = cancel): calling it cancels.
func (c *checker) cancelField(e ast.Expr) bool {
	field := fieldVarOf(c.info, e)
	if field == nil || field.Pkg() != c.pass.Pkg {
		return false
	}
	if c.cancelFields == nil {
		c.indexCancelFields()
	}
	return c.cancelFields[field]
}

// indexCancelFields fills cancelFields: the function fields of the
// package's structs each of whose stores (an assignment, a keyed or
// positional composite literal) is a value of a cancel function's type.
func (c *checker) indexCancelFields() {
	c.cancelFields = make(map[*types.Var]bool)
	other := make(map[*types.Var]bool)
	store := func(f *types.Var, v ast.Expr) {
		if _, isFunc := f.Type().Underlying().(*types.Signature); !isFunc || other[f] {
			return
		}
		if v != nil && isCancelFunc(c.typeOf(v)) {
			c.cancelFields[f] = true
		} else {
			other[f], c.cancelFields[f] = true, false
		}
	}
	for cur := range c.preorder((*ast.AssignStmt)(nil), (*ast.CompositeLit)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if f := fieldVarOf(c.info, l); f != nil {
					var v ast.Expr
					if len(n.Rhs) == len(n.Lhs) {
						v = n.Rhs[i]
					}
					store(f, v)
				}
			}
		case *ast.CompositeLit:
			st, ok := c.typeOf(n).Underlying().(*types.Struct)
			if !ok {
				continue
			}
			for i, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						if f, ok := c.info.Uses[id].(*types.Var); ok && f.IsField() {
							store(f, kv.Value)
						}
					}
				} else if i < st.NumFields() {
					store(st.Field(i), e)
				}
			}
		}
	}
}

// onlyStarts reports whether g runs a literal, or a function of the
// package, whose body only starts goroutines (startsOnly).
func (c *checker) onlyStarts(g *ast.GoStmt) bool {
	if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		return len(lit.Body.List) > 0 && c.startsOnly(lit.Body.List)
	}
	// go w.start(), start only starting w's loops (go w.loop()).
	f := callee(c.info, g.Call)
	if f == nil || f.Pkg() != c.pass.Pkg {
		return false
	}
	decl := c.decls[f.Origin()]
	return decl != nil && decl.Body != nil && len(decl.Body.List) > 0 && c.startsOnly(decl.Body.List)
}

// startsOnly reports whether list only starts goroutines: go statements,
// and loops over slices, maps or counts whose bodies only start them (for
// _, i := range items { go work(i) }). Such a loop cannot block.
func (c *checker) startsOnly(list []ast.Stmt) bool {
	for _, s := range list {
		switch s := s.(type) {
		case *ast.GoStmt:
		case *ast.RangeStmt:
			t := c.typeOf(s.X)
			if t == nil {
				return false
			}
			switch t.Underlying().(type) {
			case *types.Slice, *types.Array, *types.Map, *types.Basic:
			case *types.Pointer: // a pointer to an array
			default:
				return false // a channel, a function iterator: may wait
			}
			if len(s.Body.List) == 0 || !c.startsOnly(s.Body.List) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// unwrapRunner returns, for go run(f) where run is a function of this
// package that calls the function it is given (a panic guard:
// withRecover(fn func()) { defer recover...; fn() }), the go statement as
// if it were go f(), at the same place; otherwise g itself.
func (c *checker) unwrapRunner(g *ast.GoStmt) *ast.GoStmt {
	f := callee(c.info, g.Call)
	if f == nil || f.Pkg() != c.pass.Pkg {
		return g
	}
	i := c.runsParam(f)
	if i < 0 || i >= len(g.Call.Args) {
		return g
	}
	return &ast.GoStmt{Go: g.Go, Call: &ast.CallExpr{Fun: g.Call.Args[i], Lparen: g.Call.Rparen - 1, Rparen: g.Call.Rparen}}
}

// boundMethodGo returns, for go worker() where worker is a local of fn
// assigned only a method value (worker := st.run) whose receiver, a local
// or parameter, is never assigned again, the go statement as if it were
// go st.run(), at the same place; otherwise g itself.
func (c *checker) boundMethodGo(g *ast.GoStmt, fn ast.Node) *ast.GoStmt {
	id, ok := ast.Unparen(g.Call.Fun).(*ast.Ident)
	if !ok || len(g.Call.Args) > 0 {
		return g
	}
	v, _ := c.info.Uses[id].(*types.Var)
	if v == nil || v.IsField() || isGlobal(v) {
		return g
	}
	body := c.declaringBody(v, fn)
	var sel *ast.SelectorExpr
	if body == nil || !c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		if len(lhs) != len(rhs) {
			return false
		}
		s, ok := ast.Unparen(rhs[i]).(*ast.SelectorExpr)
		if !ok || sel != nil && sel != s {
			return false
		}
		sel = s
		return true
	}) {
		return g
	}
	if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return g
	}
	recv := pathOf(c.info, sel.X)
	if !recv.valid() || recv.fields != "" || isGlobal(recv.root) || c.assignsVar(body, recv.root, true, false) {
		return g
	}
	return &ast.GoStmt{Go: g.Go, Call: &ast.CallExpr{Fun: sel, Lparen: g.Call.Lparen, Rparen: g.Call.Rparen}}
}

// runsParam returns the index of the parameter of fn, a function of no
// arguments and results, that fn calls unconditionally in its body (and
// whose other statements are defers), or -1.
func (c *checker) runsParam(fn *types.Func) int {
	decl := c.decls[fn]
	if decl == nil || decl.Body == nil || decl.Recv != nil {
		return -1
	}
	sig := fn.Type().(*types.Signature)
	index := -1
	for _, s := range decl.Body.List {
		switch s := s.(type) {
		case *ast.DeferStmt:
		case *ast.ExprStmt:
			call, ok := s.X.(*ast.CallExpr)
			if !ok || len(call.Args) != 0 || index >= 0 {
				return -1
			}
			id, ok := ast.Unparen(call.Fun).(*ast.Ident)
			if !ok {
				return -1
			}
			for i := 0; i < sig.Params().Len(); i++ {
				if sig.Params().At(i) == c.info.Uses[id] {
					index = i
				}
			}
			if index < 0 {
				return -1
			}
		default:
			return -1
		}
	}
	return index
}

// mayBlock reports whether the goroutine of j can wait for ever on
// something: a block the pass reads (other than a WaitGroup's Wait; a
// loop that polls until stopped, a soft block, too), or a call of a
// function value it cannot read.
func (j *goJoin) mayBlock() bool {
	return j.opaque || slices.ContainsFunc(j.blocks, func(b block) bool {
		return !b.inner && !slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altWait })
	})
}

// endsAlone reports whether the goroutine of g ends on its own without
// touching a test: it uses no *testing.T, starts no goroutine that
// outlives it, calls no function value the pass cannot read, and waits on
// nothing that could hold it for ever: no channel operation, blocking
// call or WaitGroup wait of what it runs (on its own channels too) but
// sends into a buffer that holds them all, sleeps and timers. A lock is
// such a wait (a lock nobody releases holds it for ever, and nobody waits
// to see it) unless locksEnd: for a goroutine joined on every path that
// returns, which only a failing test leaves, the locks it takes are ones
// it gets on the paths that pass. A call of an interface's method that is
// not named for blocking (Stop, Drain, Unsubscribe) is not such a wait.
func (c *checker) endsAlone(g *ast.GoStmt, fn ast.Node, locksEnd bool) bool {
	if c.usesTest(g) || c.goStarts(g) {
		return false
	}
	return c.waitsForNothing(c.goWalk(g, fn), g, fn, locksEnd)
}

// endsAloneIn is endsAlone for a test's goroutine the test never joins:
// one started in a loop (many) must not wait at all.
func (c *checker) endsAloneIn(g *ast.GoStmt, fn ast.Node, many bool) bool {
	if c.usesTest(g) || c.goStarts(g) {
		return false
	}
	w := c.goWalk(g, fn)
	return !w.mayWait() || !many && c.waitsForNothing(w, g, fn, false)
}

// waitsForNothing is endsAlone's question on the walk of the goroutine.
func (c *checker) waitsForNothing(w *blockWalk, g *ast.GoStmt, fn ast.Node, locksEnd bool) bool {
	return !w.opaque && !w.unread && (locksEnd || !w.locks || c.locksReleased(g, fn)) && len(c.dropBuffered(w.blocks, g, fn)) == 0
}

// mayWait reports whether what the walk went through may wait at all: a
// channel operation or a blocking call anywhere (on its own channels
// too), a lock, a function value.
func (w *blockWalk) mayWait() bool { return w.waits || w.opaque || w.locks }

// goWalk walks what the goroutine of g runs for its blocks, keeping every
// block whose channel or value it can name.
func (c *checker) goWalk(g *ast.GoStmt, fn ast.Node) *blockWalk {
	w := &blockWalk{c: c, keep: path.valid}
	if lit, _ := ast.Unparen(g.Call.Fun).(*ast.FuncLit); lit != nil {
		w.stmts(lit.Body.List)
	} else if lit := c.localFuncLit(g.Call.Fun, fn); lit != nil {
		w.stmts(lit.Body.List)
	} else {
		w.call(g.Call)
	}
	return w
}

// usesTest reports whether the goroutine of g uses a *testing.T, B, F or
// a testing.TB, which must not be used after its test has ended.
func (c *checker) usesTest(g *ast.GoStmt) bool {
	found := false
	c.eachRef(g.Call, func(r ref) {
		t := c.typeOf(r.expr)
		found = found || isNamed(t, "testing", "T") || isNamed(t, "testing", "B") || isNamed(t, "testing", "F") || isNamed(t, "testing", "TB")
	})
	return found
}

// goexit reports whether a call ends the goroutine but not the process.
func (c *checker) goexit(call *ast.CallExpr) bool { return isGoexit(callee(c.info, call)) }

// uncopied rebases the alternatives of blocks that wait on a local copy
// of a field the spawner took (stopCh := p.stopCh; go func() { <-stopCh
// }()) on that field: what closes p.stopCh releases them.
func (c *checker) uncopied(blocks []block, fn ast.Node) []block {
	cloned := false
	for i, b := range blocks {
		for k, a := range b.alts {
			if !c.localTo(a.p, fn) {
				continue
			}
			var q path
			ok := false
			if a.p.fields == "" {
				q, ok = c.copyOf(a.p)
				ok = ok && q.fields != ""
			} else if a.kind != altIO {
				// Not I/O on a value the caller lent: a reader on the
				// caller's connection is the spawner's to stop.
				q, ok = c.literalFieldCopy(a.p, fn)
			}
			if !ok {
				continue
			}
			if !cloned {
				blocks, cloned = slices.Clone(blocks), true
			}
			blocks[i].alts = slices.Clone(blocks[i].alts)
			blocks[i].alts[k] = c.rebased(a, q)
		}
	}
	return blocks
}

// literalFieldCopy returns, for p below a local of fn made once as a
// struct literal that gives p's first field a reference from outside fn
// (w := &worker{parent: o}), and that fn neither returns nor stores, the
// path p denotes below that reference (w.parent.errors is o.errors): a
// wait there is a wait on o's field, which whoever holds o releases.
func (c *checker) literalFieldCopy(p path, fn ast.Node) (path, bool) {
	body := funcBody(fn)
	if p.fields == "" || body == nil {
		return path{}, false
	}
	// Only a value that stays the spawner's: one it returns or stores
	// is handed on itself, with what its goroutine waits on.
	if c.passedWhole(body, p.root) {
		return path{}, false
	}
	first, rest, _ := strings.Cut(p.fields[1:], ".")
	value := literalField(c.madeOnce(body, p.root, first), first)
	if value == nil || !isReference(c.typeOf(value)) {
		return path{}, false
	}
	q := pathOf(c.info, value)
	if !q.valid() || declaredIn(q.root, body) {
		return path{}, false
	}
	if rest != "" {
		q.fields += "." + rest
	}
	q.deref = true
	return q, true
}

// passedWhole reports whether body uses the variable v as a whole value
// (returns it, stores it, passes it), not only through its fields and
// methods; remembered per variable.
func (c *checker) passedWhole(body *ast.BlockStmt, v *types.Var) bool {
	if w, ok := c.wholeUses[v]; ok {
		return w
	}
	if c.wholeUses == nil {
		c.wholeUses = make(map[*types.Var]bool)
	}
	c.eachRef(body, func(r ref) {
		if r.path.fields == "" && (r.kind == useValue || r.kind == useGoArg) && r.path.root != nil && declaredIn(r.path.root, body) {
			if _, sel := r.parent.(*ast.SelectorExpr); !sel {
				c.wholeUses[r.path.root] = true
			}
		}
	})
	if _, ok := c.wholeUses[v]; !ok {
		c.wholeUses[v] = false
	}
	return c.wholeUses[v]
}

// keyNames lists keys for an explanation.
func keyNames(keys []joinKey) string {
	var names []string
	for _, k := range keys {
		names = append(names, k.name)
	}
	return strings.Join(names, ", ")
}

// goBlocks returns the blocks of the goroutine of g in the terms of its
// spawner: those of the function literal it runs (what it captures is the
// spawner's), or of the function it calls, mapped to the call's arguments.
// A goroutine that blocks on nothing the pass reads but is given a
// context of the spawner's (go work(ctx)) waits, by convention, on that
// context: cancelling it stops it.
func (c *checker) goBlocks(g *ast.GoStmt, fn ast.Node) (blocks []block, opaque bool) {
	blocks, soft, opaque := c.readBlocks(g, fn)
	blocks = c.dropEchoes(c.dropTokens(c.dropBuffered(blocks, g, fn), g, fn), g, fn)
	blocks, soft = c.uncopied(blocks, fn), c.uncopied(soft, fn)
	held := c.heldToken(g)
	counted := func(b block) bool {
		return len(b.alts) > 0 && !slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind != altWait })
	}
	if len(blocks) > 0 && len(soft) > 0 && !slices.ContainsFunc(blocks, func(b block) bool { return !held(b) && !counted(b) }) {
		// Its only hard waits are for a semaphore's tokens it gives back
		// (heldToken), or for the goroutines counted in a WaitGroup (in
		// flight requests it lets finish first): what stops its loop or
		// select is what stops it.
		blocks = nil
	}
	if len(blocks) > 0 {
		return blocks, opaque
	}
	if len(soft) > 0 {
		return soft, opaque // what stops a loop that may also end on its own
	}
	// Nothing known blocks it: what it uses then stands for what it may
	// wait on. A context it uses is done when it must stop; so is a
	// channel it gives a call that may only receive from it
	// (sess.Idle(stop), Idle(stop <-chan struct{})): a stop signal.
	var alts []alt
	c.eachRef(g.Call, func(r ref) {
		if r.path.fields != "" || declaredIn(r.path.root, g.Call.Fun) || slices.ContainsFunc(alts, func(a alt) bool { return a.p.equal(r.path) }) {
			return
		}
		if isContextType(c.typeOf(r.expr)) &&
			!(r.call != nil && isFunc(callee(c.info, r.call), "context", "WithoutCancel")) { // detached from it
			alts = append(alts, alt{kind: altDone, p: r.path})
		}
		if r.kind == useValue && c.stopArg(r) {
			alts = append(alts, alt{kind: altRecv, p: r.path, exits: true})
		}
	})
	if len(alts) == 0 {
		return nil, opaque
	}
	return []block{{node: g, alts: alts, assumed: true}}, opaque
}

// stopArg reports whether r is a channel given as an argument to a call
// whose parameter may only receive from it (stop <-chan struct{}).
func (c *checker) stopArg(r ref) bool {
	if r.call == nil || !isChan(c.typeOf(r.expr)) {
		return false
	}
	i := slices.Index(r.call.Args, r.expr)
	sig, ok := types.Unalias(c.typeOf(r.call.Fun)).(*types.Signature)
	if i < 0 || !ok || sig.Variadic() && i >= sig.Params().Len()-1 || i >= sig.Params().Len() {
		return false
	}
	ch, ok := types.Unalias(sig.Params().At(i).Type()).Underlying().(*types.Chan)
	return ok && ch.Dir() == types.RecvOnly
}

// gateLast reports whether the WaitGroup at p is a gate the spawner fn
// alone opens (countsItselfDown: release.Add(1), then release.Done()) and
// waiting at it is the last thing the goroutine of g does: once the gate
// opens, it ends.
func (c *checker) gateLast(g *ast.GoStmt, fn ast.Node, p path) bool {
	if !c.countsItselfDown(fn, p) {
		return false
	}
	body, bind := c.goBody(g, fn)
	if body == nil || len(body.List) == 0 {
		return false
	}
	es, ok := body.List[len(body.List)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	w, ok := c.methodRecv(es.X, "sync", "WaitGroup", "Wait")
	if !ok {
		return false
	}
	q, ok := bind(w)
	return ok && q.equal(p)
}

// givenBlock is what an opaque goroutine that nothing known blocks (no
// block of goBlocks) may wait on: it calls code whose waits are not known,
// such as another package's connection, and ends when a value it is given
// that closes is closed (go s.ServeConn(conn), then conn.Close()). It may
// also end on its own: the block is only a way to stop it (stopped), never
// a wait that makes it stuck or that its new owner must release.
func (c *checker) givenBlock(g *ast.GoStmt) []block {
	var alts []alt
	for _, e := range c.givenTo(g.Call) {
		if p := pathOf(c.info, e); p.valid() && p.fields == "" && c.closable(c.typeOf(e)) &&
			!slices.ContainsFunc(alts, func(a alt) bool { return a.p.equal(p) }) {
			alts = append(alts, alt{kind: altIO, p: p})
		}
	}
	if len(alts) == 0 {
		return nil
	}
	return []block{{node: g, alts: alts, given: true}}
}

// givenTo returns what a call gives its function: the arguments and, for a
// method, the receiver. A function literal is given what it captures and
// gives the calls it makes (go func() { s.Serve(ln) }()).
func (c *checker) givenTo(call *ast.CallExpr) []ast.Expr {
	given := slices.Clip(call.Args)
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			given = append(given, sel.X)
		}
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		eachOwnCall(lit.Body, func(inner *ast.CallExpr) {
			for _, e := range c.givenTo(inner) {
				if id, ok := ast.Unparen(e).(*ast.Ident); ok {
					if v, ok := c.info.Uses[id].(*types.Var); ok && !declaredIn(v, lit) {
						given = append(given, e)
					}
				}
			}
		})
	}
	return given
}

// dropBuffered leaves out the sends on a channel of fn made with a
// constant buffer that holds all of them (errs := make(chan error, 10)
// and one send, in no loop, or sends the goroutine of g makes a counted
// number of times: for range 3 { ch <- v } into a buffer of 3): they do
// not block.
func (c *checker) dropBuffered(blocks []block, g *ast.GoStmt, fn ast.Node) []block {
	sends := make(map[*types.Var]int)
	looped := make(map[*types.Var]bool)
	for _, b := range blocks {
		for _, a := range b.alts {
			if a.kind == altSend && a.p.fields == "" {
				sends[a.p.root]++
				looped[a.p.root] = looped[a.p.root] || a.loop && !a.exits
			}
		}
	}
	return slices.DeleteFunc(blocks, func(b block) bool {
		if len(b.alts) == 1 && b.alts[0].kind == altSend && b.alts[0].p.fields != "" && !b.alts[0].loop && g != nil && !inLoop(g, funcBody(fn)) {
			// m.responses <- 42, the one send on a field whose channels
			// are made with room for it (roomForSends), by a goroutine
			// started once.
			if k, ok := c.keyOf(b.alts[0].p); ok && k.field.owner != nil && c.privateField(k.field) && !c.fieldIndex().aliased[k.field] &&
				(c.roomForSends(k.field) || c.roomForOwnSends(k.field, b.alts[0].p, fn) || c.roomForFreshSends(k.field, b.alts[0].p, g, fn)) {
				return true
			}
		}
		if len(b.alts) != 1 || b.alts[0].kind != altSend || b.alts[0].p.fields != "" {
			return false
		}
		v := b.alts[0].p.root
		n, ok := c.constCapOf(b.alts[0].p, fn, g)
		if g != nil {
			switch times := c.spawnTimes(g, fn, v); {
			case times < 0:
				// A goroutine per item of a list of any length, into a
				// buffer of 8: the ninth blocks once nobody receives.
				return false
			case times > 1:
				n /= times
				ok = ok && n > 0
			}
		}
		if ok && looped[v] && g != nil {
			if body, bind := c.goBody(g, fn); body != nil {
				k := c.countedSends(body, bind, b.alts[0].p)
				return k > 0 && k <= n
			}
		}
		if ok && !looped[v] && sends[v] > n && g != nil {
			// errCh <- err; return in two branches: one of them runs.
			if body, bind := c.goBody(g, fn); body != nil {
				most, sites := c.sendsOnAPath(body, bind, b.alts[0].p)
				return sites == sends[v] && most <= n
			}
		}
		return ok && !looped[v] && sends[v] <= n
	})
}

// madeForSend reports whether n is a send on a channel made with a buffer
// by a statement before it in the same list, none of those between them
// touching the channel: t.portC = make(chan int, 1); t.portC <- port
// finds room.
func (c *checker) madeForSend(n ast.Node) bool {
	send, ok := n.(*ast.SendStmt)
	if !ok {
		return false
	}
	cur, ok := c.cursorOf(send)
	if !ok {
		return false
	}
	list := stmtList(cur.Parent().Node())
	i := slices.Index(list, ast.Stmt(send))
	p := pathOf(c.info, send.Chan)
	if i < 0 || !p.valid() {
		return false
	}
	for k := i - 1; k >= 0; k-- {
		if as, ok := list[k].(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && pathOf(c.info, as.Lhs[0]).equal(p) {
			call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
			return ok && isBuiltinCall(c.info, call, "make") && len(call.Args) == 2 && c.constInt(call.Args[1]) > 0
		}
		if refersTo(c.info, list[k], p.root) {
			return false
		}
	}
	return false
}

// releasedBySibling returns a go statement of the function before g
// whose goroutine sends, on every way out of it, on a channel of the
// function's own that each of g's waits receives from: g's goroutine ends
// when that one does, whose own join is its own question. nil when there
// is none, or g waits on anything else.
func (c *checker) releasedBySibling(j *goJoin, g *ast.GoStmt) *ast.GoStmt {
	if len(j.blocks) == 0 {
		return nil
	}
	var chans []path
	for _, b := range j.blocks {
		if b.inner {
			continue
		}
		found := false
		for _, a := range b.alts {
			if a.kind == altRecv && a.p.fields == "" && c.localTo(a.p, j.fn) {
				chans = append(chans, a.p)
				found = true
			}
		}
		if !found {
			return nil
		}
	}
	for _, cur := range c.goStmts {
		g2 := cur.Node().(*ast.GoStmt)
		if g2 == g || g2.Pos() > g.Pos() || !within(g2, j.fn) {
			continue
		}
		for _, p := range chans {
			if c.sendsOnEveryExit(g2, j.fn, p) {
				all := !slices.ContainsFunc(j.blocks, func(b block) bool {
					return !b.inner && !slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altRecv && a.p.equal(p) })
				})
				if all {
					return g2
				}
			}
		}
	}
	return nil
}

// endsByRoom reports whether the goroutine of g ends once its function
// has returned, whatever path it took: its keys are channels with room
// for its one send from every goroutine g starts (roomyKey), and each of
// its other waits is released by the function's own defers (endsWithFunc).
func (c *checker) endsByRoom(j *goJoin, g *ast.GoStmt) bool {
	if j.opaque || j.forever != nil || c.locksBeforeBuffered(j, g) || !slices.ContainsFunc(j.keys, func(k joinKey) bool { return k.kind == keyChan }) {
		return false
	}
	for _, k := range j.keys {
		if (k.kind == keyCloser || k.kind == keyOwner) && c.deferredStopOf(j.fn, k.p) {
			continue // the conn it reads, closed by the function's defer
		}
		if !c.roomyKey(j, k, g) {
			return false
		}
	}
	body, _ := c.goBody(g, j.fn)
	if body == nil {
		return false
	}
	// Work the pass cannot read (a method of an interface, a function
	// value) must be given a context that ends with the function.
	unread := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || unread {
			return !unread
		}
		f := callee(c.info, call)
		if f != nil && !(f.Type().(*types.Signature).Recv() != nil && types.IsInterface(f.Type().(*types.Signature).Recv().Type())) {
			return true
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if _, builtin := c.info.Uses[id].(*types.Builtin); builtin {
				return true // make, len, append
			}
		}
		if c.info.Types[call.Fun].IsType() {
			return true
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && (isContextType(c.typeOf(sel.X)) || c.deferredStopOf(j.fn, pathOf(c.info, sel.X))) {
			// ctx.Err(), which does not wait; conn.ReadFrom(buf) with
			// defer conn.Close(), which fails as the function returns.
			return true
		}
		ended := slices.ContainsFunc(call.Args, func(e ast.Expr) bool {
			return isContextType(c.typeOf(e)) && c.endsWithFunc(block{alts: []alt{{kind: altDone, p: pathOf(c.info, e)}}}, j.fn)
		})
		unread = !ended
		return !unread
	})
	if unread {
		return false
	}
	for _, b := range j.blocks {
		sendOnly := len(b.alts) > 0 && !slices.ContainsFunc(b.alts, func(a alt) bool {
			return a.kind != altSend || !slices.ContainsFunc(j.keys, func(k joinKey) bool { return k.p.equal(a.p) })
		})
		if !sendOnly && !c.endsWithFunc(b, j.fn) {
			return false
		}
	}
	return true
}

// spawnLoops returns the loops of fn around the go statement g that are
// not around the declaration of v, a channel the goroutines send on: each
// of their rounds starts another goroutine on the same channel.
func (c *checker) spawnLoops(g *ast.GoStmt, fn ast.Node, v *types.Var) []ast.Node {
	var loops []ast.Node
	ast.PreorderStack(funcBody(fn), nil, func(n ast.Node, stack []ast.Node) bool {
		if n != ast.Node(g) {
			_, lit := n.(*ast.FuncLit)
			return !lit && within(g, n)
		}
		for _, m := range stack {
			switch m.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				if !(m.Pos() <= v.Pos() && v.Pos() < m.End()) && !runsOnce(loopBody(m)) && !c.takesEachRound(m, g) {
					loops = append(loops, m)
				}
			}
		}
		return false
	})
	return loops
}

// takesEachRound reports whether the loop, after starting the goroutine
// of g (a literal), waits in the same round for one of the channels the
// goroutine sends on, and leaves the loop on every other way out of that
// wait: the goroutines do not pile up, one is in flight at a time (a
// retry that starts an attempt, then selects on its result and on the
// context).
func (c *checker) takesEachRound(loop ast.Node, g *ast.GoStmt) bool {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	body := loopBody(loop)
	if !ok || body == nil {
		return false
	}
	var sent []path
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if s, ok := n.(*ast.SendStmt); ok {
			sent = append(sent, pathOf(c.info, s.Chan))
		}
		_, inner := n.(*ast.FuncLit)
		return !inner
	})
	takes := func(e ast.Expr) bool {
		u, ok := ast.Unparen(e).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			return false
		}
		p := pathOf(c.info, u.X)
		return p.valid() && slices.ContainsFunc(sent, p.equal)
	}
	leaves := func(list []ast.Stmt) bool {
		if len(list) == 0 {
			return false
		}
		switch last := list[len(list)-1].(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.BranchStmt:
			return last.Label != nil && (last.Tok == token.BREAK || last.Tok == token.GOTO)
		case *ast.ExprStmt:
			call, ok := ast.Unparen(last.X).(*ast.CallExpr)
			return ok && c.goexit(call)
		}
		return false
	}
	after := false
	for _, st := range body.List {
		if !after {
			after = within(g, st)
			if after && st != ast.Stmt(g) {
				return false // started inside a branch of the round
			}
			continue
		}
		switch st := st.(type) {
		case *ast.ExprStmt:
			if takes(st.X) {
				return true
			}
		case *ast.AssignStmt:
			if len(st.Rhs) == 1 && takes(st.Rhs[0]) {
				return true
			}
		case *ast.SelectStmt:
			every := true
			for _, cs := range st.Body.List {
				cc := cs.(*ast.CommClause)
				if cc.Comm == nil || !takes(recvOperand(cc.Comm)) && !leaves(cc.Body) {
					every = false
				}
			}
			if every {
				return true
			}
		}
	}
	return false
}

// spawnTimes returns how many goroutines fn starts with g on each channel
// v it makes: the product of the trip counts of its spawnLoops, 1 in none,
// -1 when one of them has no constant count.
func (c *checker) spawnTimes(g *ast.GoStmt, fn ast.Node, v *types.Var) int {
	times := 1
	for _, l := range c.spawnLoops(g, fn, v) {
		k := c.tripCount(l)
		if k <= 0 {
			return -1
		}
		times *= k
	}
	return times
}

// roomForAll reports whether the channel p, a variable of fn, has room
// for one send of every goroutine the go statement g starts: made with a
// constant capacity no smaller than their number, or, in one loop, with
// the loop's bound (make(chan error, len(ss)) for a range over ss,
// make(chan error, n) for i := 0; i < n; i++).
func (c *checker) roomForAll(p path, g *ast.GoStmt, fn ast.Node) bool {
	if p.fields != "" || !c.localTo(p, fn) {
		return false
	}
	if n, ok := c.constCapOf(p, fn, g); ok {
		times := c.spawnTimes(g, fn, p.root)
		return times > 0 && times <= n
	}
	loops := c.spawnLoops(g, fn, p.root)
	if len(loops) != 1 {
		return false
	}
	bound := loopBound(c.info, loops[0])
	if bound == "" {
		return false
	}
	made, other := false, false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			if lp := pathOf(c.info, l); lp.root != p.root || lp.fields != "" {
				continue
			}
			call, ok := ast.Unparen(at(rhs, i, len(lhs))).(*ast.CallExpr)
			if ok && isBuiltinCall(c.info, call, "make") && len(call.Args) == 2 && types.ExprString(ast.Unparen(call.Args[1])) == bound {
				made = true
			} else {
				other = true
			}
		}
		return true
	})
	return made && !other
}

// loopBound returns, as written, how many rounds a loop makes when that
// is an expression of its header: len(xs) for a range over the list xs,
// n for a range over the number n or for i := 0; i < n; i++; "" for any
// other loop.
func loopBound(info *types.Info, loop ast.Node) string {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		switch u := info.TypeOf(l.X).Underlying().(type) {
		case *types.Slice, *types.Array, *types.Map:
			return "len(" + types.ExprString(ast.Unparen(l.X)) + ")"
		case *types.Basic:
			if u.Info()&types.IsInteger != 0 {
				return types.ExprString(ast.Unparen(l.X))
			}
		}
	case *ast.ForStmt:
		init, ok := l.Init.(*ast.AssignStmt)
		cond, ok2 := l.Cond.(*ast.BinaryExpr)
		post, ok3 := l.Post.(*ast.IncDecStmt)
		if !ok || !ok2 || !ok3 || len(init.Lhs) != 1 || len(init.Rhs) != 1 || cond.Op != token.LSS || post.Tok != token.INC {
			return ""
		}
		if lit, ok := init.Rhs[0].(*ast.BasicLit); !ok || lit.Value != "0" {
			return ""
		}
		i := types.ExprString(init.Lhs[0])
		if types.ExprString(cond.X) != i || types.ExprString(post.X) != i {
			return ""
		}
		return types.ExprString(ast.Unparen(cond.Y))
	}
	return ""
}

// constCap returns the capacity of the channel p, a variable of fn made,
// and only ever made, with a constant capacity.
func (c *checker) constCap(p path, fn ast.Node) (int, bool) {
	return c.constCapOf(p, fn, nil)
}

// constCapOf is constCap for the channel the goroutine of g sends on: a
// nil the function stores in its variable after g started (readErr = nil,
// to stop selecting on it once received) does not change the channel
// the goroutine was given as an argument, when it does not capture the
// variable itself.
func (c *checker) constCapOf(p path, fn ast.Node, g *ast.GoStmt) (int, bool) {
	if p.fields != "" || !c.localTo(p, fn) {
		return 0, false
	}
	byValue := g != nil && !refersTo(c.info, g.Call.Fun, p.root)
	n, ok := -1, true
	ast.Inspect(funcBody(fn), func(m ast.Node) bool {
		lhs, rhs := assignment(m)
		for i, l := range lhs {
			if pathOf(c.info, l).root != p.root {
				continue
			}
			if r := at(rhs, i, len(lhs)); byValue && m.Pos() > g.End() && r != nil && isNil(c.info, r) {
				continue
			}
			if vs, ok := m.(*ast.ValueSpec); ok && g != nil && len(vs.Values) == 0 && m.Pos() < g.Pos() {
				// var ch chan R, then ch = make(chan R, 1) where the
				// goroutine is started: a nil channel it would block on
				// for ever is not the one it is meant to send on.
				continue
			}
			call, isCall := ast.Unparen(at(rhs, i, len(lhs))).(*ast.CallExpr)
			if !isCall || !isBuiltinCall(c.info, call, "make") || len(call.Args) != 2 {
				ok = false
				continue
			}
			k := c.constInt(call.Args[1])
			if k < 0 || n >= 0 && k != n {
				ok = false
				continue
			}
			n = k
		}
		return ok
	})
	return n, ok && n > 0
}

// at returns rhs[i] when the assignment pairs each side, else nil.
func at(rhs []ast.Expr, i, n int) ast.Expr {
	if len(rhs) != n || i >= len(rhs) {
		return nil
	}
	return rhs[i]
}

// readBlocks is goBlocks for what the goroutine's code says.
func (c *checker) readBlocks(g *ast.GoStmt, fn ast.Node) (blocks, soft []block, opaque bool) {
	call := g.Call
	lit, _ := ast.Unparen(call.Fun).(*ast.FuncLit)
	if lit == nil {
		lit = c.localFuncLit(call.Fun, fn)
	}
	if lit != nil {
		// A parameter of a literal started in place is the argument it
		// is given (litArgs): a wait on it is a wait on the caller's
		// variable; so is one of a local literal (rs := func(ch chan
		// bool) {...}; go rs(ch)). Started in a loop, each goroutine has
		// the value the variable held then: a release of the variable
		// after it is given a new one is not this goroutine's (stopped's
		// rebound).
		args := c.litArgs(lit, call)
		own := func(p path) bool { return declaredIn(p.root, lit) }
		w := &blockWalk{c: c, keep: func(p path) bool {
			_, given := args[p.root]
			return p.valid() && (!own(p) || p.fields != "" || given)
		}}
		if len(args) > 0 {
			w.concrete = func(p path) types.Type {
				if e, ok := args[p.root]; ok && p.fields == "" {
					return c.typeOf(e)
				}
				return nil
			}
		}
		w.stmts(lit.Body.List)
		if len(args) > 0 {
			w.blocks, w.soft = c.bindLitAlts(w.blocks, args), c.bindLitAlts(w.soft, args)
		}
		for i, b := range w.blocks {
			// receiver := it.receiver; <-receiver.closed: a wait on a
			// field of the goroutine's own copy of a value from outside
			// is a wait on that value's field.
			for k, a := range b.alts {
				if own(a.p) && a.p.fields != "" {
					if q, ok := c.copyOf(a.p); ok && !own(q) {
						w.blocks[i].alts = slices.Clone(w.blocks[i].alts)
						w.blocks[i].alts[k] = c.rebased(a, q)
					} else if alias := c.fieldAlias(a.p, fn); alias != nil && !own(path{root: alias}) && (a.kind == altIO || a.kind == altRecv || a.kind == altDone) {
						// w := newWriter(cb); w.Send(p): a wait on the
						// field of a value the goroutine made over cb is a
						// wait on cb.
						w.blocks[i].alts = slices.Clone(w.blocks[i].alts)
						w.blocks[i].alts[k] = alt{kind: a.kind, p: path{root: alias}, loop: a.loop, exits: a.exits}
					}
				}
			}
			w.blocks[i].inner = slices.ContainsFunc(w.blocks[i].alts, func(a alt) bool { return own(a.p) })
		}
		w.soft = slices.DeleteFunc(w.soft, func(b block) bool { return slices.ContainsFunc(b.alts, func(a alt) bool { return own(a.p) }) })
		return w.blocks, w.soft, w.opaque || w.locks
	}
	w := &blockWalk{c: c, keep: func(p path) bool { return p.valid() }}
	w.call(call)
	return w.blocks, w.soft, w.opaque || w.locks
}

// bindLitAlts puts the alternatives of blocks that wait on a parameter of
// a literal in the terms of the argument it is given (args, litArgs). An
// alternative whose argument is no path of the caller's (a call's
// result) stays on the parameter: the literal's own.
func (c *checker) bindLitAlts(blocks []block, args map[*types.Var]ast.Expr) []block {
	out := make([]block, 0, len(blocks))
	for _, b := range blocks {
		b.alts = slices.Clone(b.alts)
		for i, a := range b.alts {
			if e, ok := args[a.p.root]; ok {
				if p, ok := c.argPath(e, a.p.fields); ok {
					b.alts[i].p = p
				}
			}
			if e, ok := args[a.cancel.root]; ok && a.cancel.valid() {
				if p, ok := c.argPath(e, a.cancel.fields); ok {
					b.alts[i].cancel = p
				}
			}
		}
		out = append(out, b)
	}
	return out
}

// stopped checks, for each block of the goroutine of j, whether the
// spawner releases it on every path after g, and returns the blocks it
// does not release, and how it releases the others.
func (c *checker) stopped(j *goJoin, g *ast.GoStmt, graph *cfg.CFG) (unreleased []block, how string) {
	var hows []string
	// The flags the paths from g keep (stableFlagAfter), read once.
	var flag func(ast.Expr) (string, bool)
	var preset string
	flagsRead := false
	for _, b := range append(slices.Clip(j.blocks), j.given...) {
		if b.inner || slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altWait && !c.gateLast(g, j.fn, a.p) }) {
			continue // it ends when the goroutines counted in the group do
		}
		if len(b.alts) == 0 {
			unreleased = append(unreleased, b)
			continue
		}
		if h := c.cleanedUp(b, j.fn); h != "" {
			hows = append(hows, h)
			continue
		}
		if h, ok := c.poolReleased(j, g, b); ok {
			hows = append(hows, h) // a worker pool's send or range (pool.go)
			continue
		}
		// What releases the goroutine beside it that closes what b waits
		// on releases b too.
		b.alts = append(slices.Clip(b.alts), c.siblingAlts(j, g, b)...)
		b.alts = append(b.alts, c.streamPeerAlts(b, j.fn)...)
		var by string
		// q := newQueue(stop) or &queue{stop: stop}: closing stop
		// releases a wait on q.stop; m := NewMux(lis): closing lis
		// releases an Accept on m.root.
		alts := b.alts
		for _, a := range b.alts {
			if alias := c.fieldAlias(a.p, j.fn); alias != nil && (a.kind == altRecv || a.kind == altDone || a.kind == altIO) {
				alts = append(slices.Clip(alts), alt{kind: a.kind, p: path{root: alias}, loop: a.loop, exits: a.exits})
			}
		}
		releases := func(n ast.Node) (effect, bool) {
			for _, e := range c.effectsAt(n) {
				if slices.ContainsFunc(alts, func(a alt) bool {
					// A send ends one of the goroutines a loop starts
					// when they wait for it as their last act.
					if a.kind == altWait {
						return e.kind == effDone && e.p.equal(a.p) // the gate it waits at opened
					}
					// A send into a buffer does not wait for the goroutine
					// to take it (memberlist's doneCh).
					if e.kind == effRecv && a.kind == altRecv && a.p.fields != "" && e.p.equal(a.p) && c.fieldOnlyClosed(a.p) {
						return true // j.Cancel() returns once j.done is closed
					}
					return c.releases(e, a) && !(e.kind == effSend && !a.loop && (j.many || c.anyBuffer(a.p, j.fn)))
				}) {
					return e, true
				}
			}
			return effect{}, false
		}
		sibs := c.stopSiblings(j, g, releases)
		if how := c.stoppedBySiblingBefore(j, g, sibs); how != "" {
			hows = append(hows, how)
			continue
		}
		releasedBy := func(n ast.Node) bool {
			if how, ok := sibs[n]; ok {
				by = how
				if j.stopDesc == "" {
					j.stopDesc = "ending the goroutine that stops it as it ends"
				}
				return true
			}
			e, ok := releases(n)
			if ok {
				by = firstLine(c.text(n))
			} else {
				// <-done, where the goroutine that closes done has
				// stopped it first (go func() { defer close(done);
				// s.Shutdown() }()).
				for _, s := range c.joinedStmts(n, j.fn) {
					if e, ok = releases(s); ok {
						by = fmt.Sprintf("%s, in the goroutine that %s waits for", firstLine(c.text(s)), firstLine(c.text(n)))
						break
					}
				}
			}
			if ok && j.stopDesc == "" {
				j.stopDesc = stopDesc(e)
			}
			if ok {
				j.stopBy = append(j.stopBy, stopAct{n: n, e: e})
			}
			return ok
		}
		// Or the spawner hands on what the block waits on, a value or
		// channel of its own (returns it, stores it, passes it on): its
		// new owner releases it. Only on the paths that do, and only where
		// the spawner does not release it itself.
		var handedAlt *alt
		handedBy := func(n ast.Node) bool {
			for i, a := range b.alts {
				v := a.p.root
				if !declaredIn(v, funcBody(j.fn)) || a.p.fields != "" && !c.ownedLocal(v, j.fn) {
					continue
				}
				if a.kind == altDone && a.p.fields == "" && !b.assumed && c.rootVar(v, funcBody(j.fn), 0) {
					continue // ctx := context.Background(), given on: nobody can cancel it
				}
				if cv := c.localCancel(a, j.fn); cv != nil {
					// ctx, cancel := context.WithCancel(parent): whoever
					// is given ctx cannot cancel it; whoever is given
					// cancel can.
					if !c.handsOnAt(n, cv, g, false) {
						continue
					}
					v = cv
				} else if alias := c.fieldAlias(a.p, j.fn); alias != nil && c.handsOnAt(n, alias, g, false) {
					v = alias // t.in given in, which the spawner returns (a sink)
				} else if h := c.heldBy(n, v, j.fn, g); h != nil {
					v = h // b := &Broker{s: s}, then b is returned: s goes with it
				} else if u := c.pipePartner(v); a.kind == altIO && u != nil && c.returnsOrStores(n, u) {
					v = u // pr, pw := io.Pipe(), pw written to, pr returned
				} else if !c.handsOnAt(n, v, g, a.kind == altSend) || a.ranged && c.keptUnclosed(n, v) {
					continue
				}
				by = "handing " + v.Name() + " on"
				if j.stopDesc == "" {
					j.stopDesc = "handing " + v.Name() + " on"
				}
				handedAlt = &b.alts[i]
				j.stopBy = append(j.stopBy, stopAct{n: n, handed: true})
				if v != a.p.root {
					handedAlt = &alt{kind: a.kind, p: path{root: v}}
				}
				return true
			}
			return false
		}
		// A variable the goroutine was given the value of, and that the
		// function gives another value later (j = start() in a loop):
		// what releases it after that releases the new value.
		rebound := c.reboundArgs(g, j.fn, b)
		search := func(used func(ast.Node) bool) (*ast.ReturnStmt, ast.Node) {
			if deferredBefore(c.info, funcBody(j.fn), g, used) {
				if n := c.reboundFirst(graph, g, used, rebound); n != nil {
					return nil, n // the deferred stop runs on the new value
				}
				if !strings.HasPrefix(by, "defer ") {
					by = "deferred " + by
				}
				return nil, nil
			}
			if !flagsRead {
				flag, preset = c.stableFlagAfter(j.fn, g)
				flagsRead = true
			}
			q := flowQuery{g: graph, from: g, used: used, isGoexit: c.goexit, caseUsed: func(cc *ast.CommClause) bool { return releasedBy(cc.Comm) }, flag: flag, preset: preset}
			if len(rebound) > 0 {
				q.killed = func(n ast.Node) bool { return c.rebinds(n, rebound) }
			}
			if j.passing {
				q.isGoexit = nil // t.Fatal before the stop: a failing test's path
			}
			if twins := c.twinChans(b, j.fn); len(twins) > 0 {
				// _, chans, reqs, err := ssh.NewServerConn(c, cfg); go
				// ssh.DiscardRequests(reqs); for range chans {}: the call
				// that made both closes both, when the connection ends.
				q.rangeDone = func(rs *ast.RangeStmt) bool {
					p := pathOf(c.info, rs.X)
					if p.fields != "" || twins[p.root] == nil {
						return false
					}
					by = "the end of the range over " + p.root.Name() + ", closed with " + twins[p.root].Name()
					if j.stopDesc == "" {
						j.stopDesc = "ranging over " + p.root.Name() + " to its end"
					}
					return true
				}
			}
			if jq := j.joinQ; jq != nil {
				// A path that joins the goroutine needs no stop: case
				// <-done: return beside case <-p.stop: cancel(); return.
				q.used = func(n ast.Node) bool { return used(n) || jq.used(n) }
				q.caseUsed = func(cc *ast.CommClause) bool { return releasedBy(cc.Comm) || jq.caseUsed(cc) }
			}
			return q.end()
		}
		notComm := func(f func(ast.Node) bool) func(ast.Node) bool {
			return func(n ast.Node) bool { return !c.isComm(n) && f(n) } // a comm only on the paths of its case
		}
		if b.given {
			// What an opaque goroutine is given may not be what it waits
			// on: closing it stops it, but nothing is handed on or owed
			// when it is not closed.
			switch leak, dead := search(notComm(releasedBy)); {
			case by == "":
			case leak == nil && dead == nil:
				hows = append(hows, by)
			case j.stopLeak == nil && j.stopDead == nil:
				j.stopLeak, j.stopDead = leak, dead // stopped on some paths only
			}
			continue
		}
		if v, ok := c.storedHolder(b, j, g); ok {
			// What it waits on is in a value of the spawner's own that the
			// spawner stored, before starting it, where the value outlives
			// it (s.clients[name] = c; go s.handle(c)): its stop is
			// whoever holds that's business.
			hows = append(hows, "storing "+v.Name())
			if j.handoff == nil {
				j.handoff = &handoff{p: path{root: v}, kind: obStop}
			}
			continue
		}
		leak, dead := search(notComm(releasedBy))
		if leak != nil || dead != nil {
			leak, dead = search(notComm(func(n ast.Node) bool { return releasedBy(n) || handedBy(n) }))
			if leak == nil && dead == nil && handedAlt != nil && j.handoff == nil {
				j.handoff = c.altHandoff(*handedAlt)
			}
		}
		if leak != nil || dead != nil || by == "" {
			if by != "" && j.stopLeak == nil && j.stopDead == nil {
				j.stopLeak, j.stopDead = leak, dead // stopped on some paths only
			}
			unreleased = append(unreleased, b)
			continue
		}
		hows = append(hows, by)
	}
	return unreleased, strings.Join(slices.Compact(hows), "; ")
}

// siblingAlts returns what else releases b: the wait of another goroutine
// the spawner starts that, once released, goes on to close or stop what b
// waits on (go func() { <-stop; ln.Close() }() beside an accept loop on
// ln: closing stop ends both). The other goroutine is a literal with one
// block, and the close is a statement of its body, done on every path
// that gets past that block.
func (c *checker) siblingAlts(j *goJoin, g *ast.GoStmt, b block) []alt {
	c.indexGoStmts()
	var out []alt
	for _, n := range c.goStmtsIn[j.fn] {
		lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit)
		if !ok || n == g {
			continue
		}
		closes := slices.ContainsFunc(lit.Body.List, func(s ast.Stmt) bool {
			switch s.(type) {
			case *ast.ExprStmt, *ast.DeferStmt:
			default:
				return false // if !quiet { ln.Close() }: not on every path
			}
			return slices.ContainsFunc(c.effectsAt(s), func(e effect) bool {
				return releasesPersistently(e) && slices.ContainsFunc(b.alts, func(a alt) bool { return c.releases(e, a) })
			})
		})
		if !closes {
			continue
		}
		if blocks, opaque := c.goBlocks(n, j.fn); !opaque && len(blocks) == 1 && !blocks[0].soft && !blocks[0].inner {
			out = append(out, blocks[0].alts...)
		}
	}
	return out
}

// stopSiblings returns the other goroutines of the spawner that stop
// what a block waits on as they end, by a stop deferred at the head of
// their body (go func() { defer close(done); defer e.stop();
// informer.Run(ctx) }() beside go e.run()), and that are themselves
// joined, stopped or handed on: whatever ends such a goroutine ends the
// block too, so its go statement is where the block is released. With
// how each is said to be (its line and its own verdict).
func (c *checker) stopSiblings(j *goJoin, g *ast.GoStmt, releases func(ast.Node) (effect, bool)) map[ast.Node]string {
	c.indexGoStmts()
	var out map[ast.Node]string
	for _, n := range c.goStmtsIn[j.fn] {
		lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit)
		if !ok || n == g {
			continue
		}
		var stop *ast.DeferStmt
		for _, s := range lit.Body.List {
			d, ok := s.(*ast.DeferStmt)
			if !ok {
				break // only the defers at its head run on every way out
			}
			if e, ok := releases(d); ok && releasesPersistently(e) {
				stop = d
				break
			}
		}
		if stop == nil {
			continue
		}
		cur, ok := c.cursorOf(n)
		if !ok {
			continue
		}
		sj := c.joinOf(cur)
		if sj.deciding || sj.bare || sj.detached || sj.how == "" {
			continue // asked about while it is decided, or not accepted itself
		}
		if out == nil {
			out = make(map[ast.Node]string)
		}
		out[n] = fmt.Sprintf("the goroutine started at line %d, which runs %s as it ends (%s)",
			c.pass.Fset.Position(n.Pos()).Line, firstLine(c.text(stop.Call)), sj.how)
	}
	return out
}

// stoppedBySiblingBefore says how a goroutine is stopped by one of
// stopSiblings started before it on every path that starts it. "" when
// none is.
func (c *checker) stoppedBySiblingBefore(j *goJoin, g *ast.GoStmt, sibs map[ast.Node]string) string {
	for _, n := range c.goStmtsIn[j.fn] {
		if how, ok := sibs[n]; ok && precededBy(funcBody(j.fn), g, func(s ast.Stmt) bool { return s == n }) {
			return how
		}
	}
	return ""
}

// streamPeerAlts returns what else releases a receive of b from a
// receive-only channel that a call into another package returned: the
// values that came with it, its other results and the arguments it was
// given, that can be stopped. The package that made the stream closes it,
// and a stream comes with the value it belongs to (ch, reqs, err :=
// conn.OpenChannel(): closing ch ends reqs; conns, reqs := NewServerConn(c):
// closing c ends both). Stopping such a value, or handing it on, releases
// the receive.
func (c *checker) streamPeerAlts(b block, fn ast.Node) []alt {
	body := funcBody(fn)
	if body == nil {
		return nil
	}
	var out []alt
	for _, a := range b.alts {
		if a.kind != altRecv || a.p.fields != "" || !declaredIn(a.p.root, body) {
			continue
		}
		if ch, ok := a.p.root.Type().Underlying().(*types.Chan); !ok || ch.Dir() != types.RecvOnly {
			continue
		}
		var peers []*types.Var
		if !c.onlyAssigned(body, a.p.root, func(lhs, rhs []ast.Expr, i int) bool {
			if len(rhs) != 1 || len(lhs) < 2 {
				return false
			}
			call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
			if !ok {
				return false
			}
			f := callee(c.info, call)
			if f == nil || f.Pkg() == nil || f.Pkg() == c.pass.Pkg {
				return false
			}
			for k, e := range append(slices.Clip(lhs), call.Args...) {
				if k == i {
					continue
				}
				if p := pathOf(c.info, e); p.valid() && p.fields == "" && c.stoppable(p.root.Type()) {
					peers = append(peers, p.root)
				}
			}
			return true
		}) {
			continue
		}
		for _, v := range peers {
			out = append(out, alt{kind: altIO, p: path{root: v}, loop: a.loop, exits: a.exits})
		}
	}
	return out
}

// firstLine returns the first line of a statement's text: a literal's
// first line, with " ... }".
func firstLine(text string) string {
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		return text[:i] + " ... }"
	}
	return text
}

// joinedStmts returns, for a statement n of fn that waits for goroutines
// fn started before it, the statements those goroutines run on every path
// before they signal: a literal whose last act (or a deferred one) closes
// the channel n receives from, or counts down the WaitGroup n waits on.
// What they do there is done once n returns: go func() { defer
// close(done); srv.Shutdown() }(); <-done stops srv as srv.Shutdown() in
// place would, and a receive among them joins what it receives from.
func (c *checker) joinedStmts(n, fn ast.Node) []ast.Stmt {
	if out, ok := c.joined[n]; ok {
		return out
	}
	if c.joined == nil {
		c.joined = make(map[ast.Node][]ast.Stmt)
	}
	out := c.joinedStmtsOf(n, fn)
	c.joined[n] = out
	return out
}

// joinedStmtsOf is joinedStmts, not remembered.
func (c *checker) joinedStmtsOf(n, fn ast.Node) []ast.Stmt {
	var recvs, waits []path
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.UnaryExpr:
			if m.Op == token.ARROW {
				if p := pathOf(c.info, m.X); p.valid() {
					recvs = append(recvs, p)
				}
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(m.Fun).(*ast.SelectorExpr); ok && isMethod(callee(c.info, m), "sync", "WaitGroup", "Wait") {
				if p := pathOf(c.info, sel.X); p.valid() {
					waits = append(waits, p)
				}
			}
		}
		return true
	})
	// results, _ := collector.All(): a method of the package that ranges
	// over its channel to the close receives from it as <-x does.
	if call := waitCallOf(n); call != nil {
		if f := callee(c.info, call); f != nil && f.Pkg() == c.pass.Pkg {
			for _, e := range c.effectsAt(call) {
				if e.kind == effRecv && e.p.valid() {
					recvs = append(recvs, e.p)
				}
			}
		}
	}
	if len(recvs) == 0 && len(waits) == 0 {
		return nil
	}
	signalCall := func(call *ast.CallExpr) bool {
		if call == nil {
			return false
		}
		if isBuiltinCall(c.info, call, "close") && len(call.Args) == 1 {
			return slices.ContainsFunc(recvs, pathOf(c.info, call.Args[0]).equal)
		}
		if f := callee(c.info, call); f != nil && f.Pkg() == c.pass.Pkg {
			// collector.Close(), closing what collector.All() ranges over.
			if slices.ContainsFunc(c.effectsAt(call), func(e effect) bool {
				return e.kind == effClose && slices.ContainsFunc(recvs, e.p.equal)
			}) {
				return true
			}
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isMethod(callee(c.info, call), "sync", "WaitGroup", "Done") {
			return slices.ContainsFunc(waits, pathOf(c.info, sel.X).equal)
		}
		return false
	}
	c.indexGoStmts()
	var out []ast.Stmt
	for _, g := range c.goStmtsIn[fn] {
		lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
		if !ok || g.Pos() > n.Pos() || len(lit.Body.List) == 0 {
			continue
		}
		if !slices.ContainsFunc(lastActs(lit.Body), signalCall) || c.sendsOnAny(lit.Body, recvs) {
			continue // a receive may take one of its sends, not its close
		}
		for _, s := range lit.Body.List {
			if hasReturn(s) {
				break // what follows is not done on every path
			}
			switch st := s.(type) {
			case *ast.ExprStmt, *ast.DeferStmt, *ast.AssignStmt:
			case *ast.IfStmt:
				if st.Init == nil {
					continue
				}
				s = st.Init // if err := s.Shutdown(); err != nil { t.Error(err) }
			default:
				continue
			}
			if !signalCall(stmtCall(s)) {
				out = append(out, s)
			}
		}
	}
	return out
}

// sendsOnAny reports whether body sends on one of the channels chans,
// directly or through a function it calls (scatter(out)): a receive from
// one of them may take a send.
func (c *checker) sendsOnAny(body *ast.BlockStmt, chans []path) bool {
	found := false
	c.eachRef(body, func(r ref) {
		if found || !slices.ContainsFunc(chans, r.path.equal) {
			return
		}
		switch r.kind {
		case useSend:
			found = true
		case useValue:
			// Given to a call that may send on it.
			if _, isCall := r.parent.(*ast.CallExpr); isCall && isChan(c.typeOf(r.expr)) {
				found = true
			}
		}
	})
	return found
}

// waitCallOf returns the call a statement makes as a whole (f(),
// v := f(), return f()), or nil.
func waitCallOf(n ast.Node) *ast.CallExpr {
	if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
		call, _ := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
		return call
	}
	s, _ := n.(ast.Stmt)
	return stmtCall(s)
}

// hasReturn reports whether s returns, outside the function literals in it.
func hasReturn(s ast.Stmt) bool {
	found := false
	eachReturn(s, func(*ast.ReturnStmt) bool { found = true; return false })
	return found
}

// indexGoStmts fills goStmtsIn once.
func (c *checker) indexGoStmts() {
	if c.goStmtsIn != nil {
		return
	}
	c.goStmtsIn = make(map[ast.Node][]*ast.GoStmt)
	for _, cur := range c.goStmts {
		if fn := enclosingFuncNode(cur); fn != nil {
			c.goStmtsIn[fn] = append(c.goStmtsIn[fn], cur.Node().(*ast.GoStmt))
		}
	}
}

// cleanedUp says how a block of a goroutine is released when its test
// ends: one of its alternatives waits on a value the spawner got from a
// test helper of the package that registers, with t.Cleanup, a stop of
// the value it returns (conn := newConnPair(t), the helper's
// t.Cleanup(func() { conn.Close() })). "" when not so.
func (c *checker) cleanedUp(b block, fn ast.Node) string {
	body := funcBody(fn)
	for _, a := range b.alts {
		v := a.p.root
		if a.kind == altDone && a.p.fields == "" && body != nil && declaredIn(v, body) && c.testBoundContext(body, v, 0) {
			return "the end of the test, which cancels t.Context()"
		}
		if a.kind == altDone && a.p.fields == ".Context()" && isTestingType(v.Type()) {
			return "the end of the test, which cancels " + v.Name() + ".Context()" // given as t.Context() (argPath)
		}
		if a.kind != altIO && a.kind != altRecv || body == nil || !declaredIn(v, body) {
			continue
		}
		var helper *types.Func
		if c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
			if len(rhs) != 1 {
				return false
			}
			call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
			if !ok {
				return false
			}
			f := callee(c.info, call)
			if f == nil || !c.cleansUpResult(f, i) {
				return false
			}
			helper = f
			return true
		}) {
			return "the t.Cleanup " + helper.Name() + " registers"
		}
	}
	return ""
}

// twinChans returns, for each channel the block b of a goroutine of fn
// may receive from that fn got from a call returning more than one channel
// of another package, the other channels of that call, each mapped to the
// one b waits on: whatever ends a range over one of them, its channel
// having been closed by the code that made both, ends the other.
func (c *checker) twinChans(b block, fn ast.Node) map[*types.Var]*types.Var {
	body := funcBody(fn)
	var out map[*types.Var]*types.Var
	for _, a := range b.alts {
		v := a.p.root
		if a.kind != altRecv || a.p.fields != "" || body == nil || !declaredIn(v, body) {
			continue
		}
		ast.Inspect(body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Rhs) != 1 || len(as.Lhs) < 2 {
				return true
			}
			call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
			if !ok {
				return true
			}
			if f := callee(c.info, call); f == nil || f.Pkg() == c.pass.Pkg {
				return true
			}
			if !slices.ContainsFunc(as.Lhs, func(l ast.Expr) bool { return pathOf(c.info, l).root == v }) {
				return true
			}
			for _, l := range as.Lhs {
				p := pathOf(c.info, l)
				if p.valid() && p.fields == "" && p.root != v && isChan(p.root.Type()) && c.onlyAssignedAt(body, p.root, as) {
					if out == nil {
						out = make(map[*types.Var]*types.Var)
					}
					out[p.root] = v
				}
			}
			return true
		})
	}
	return out
}

// onlyAssignedAt reports whether v, a local of body, is assigned nowhere
// but at as.
func (c *checker) onlyAssignedAt(body *ast.BlockStmt, v *types.Var, as *ast.AssignStmt) bool {
	return c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		return len(rhs) == 1 && len(lhs) == len(as.Lhs) && rhs[0] == as.Rhs[0]
	})
}

// testBoundContext reports whether the context in v, a local of body, is
// a test's t.Context() or derived from it (context.WithCancel(t.Context())):
// the testing package cancels it when the test ends, before its cleanups.
func (c *checker) testBoundContext(body *ast.BlockStmt, v *types.Var, depth int) bool {
	if depth > 3 {
		return false
	}
	return c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		if len(rhs) == len(lhs) {
			return c.testBoundExpr(body, rhs[i], v, depth)
		}
		return len(rhs) == 1 && i == 0 && c.testBoundExpr(body, rhs[0], v, depth) // ctx, cancel := context.WithCancel(t.Context())
	})
}

// testBoundExpr reports whether e, in body, is a test's t.Context(), a
// context derived from it, or a local other than self that holds one
// (testBoundContext).
func (c *checker) testBoundExpr(body *ast.BlockStmt, e ast.Expr, self *types.Var, depth int) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		if p := pathOf(c.info, e); p.valid() && p.fields == "" && p.root != self && declaredIn(p.root, body) {
			return c.testBoundContext(body, p.root, depth+1)
		}
		return false
	}
	f := callee(c.info, call)
	if isContextDerive(f) && len(call.Args) > 0 && f.Pkg().Path() == "context" {
		return c.testBoundExpr(body, call.Args[0], self, depth)
	}
	if f == nil || f.Name() != "Context" || len(call.Args) != 0 {
		return false
	}
	sig, ok := f.Type().(*types.Signature)
	return ok && sig.Recv() != nil && isTestingType(sig.Recv().Type())
}

// isTestingType reports whether t is testing's T, B, F or TB, or a
// pointer to one.
func isTestingType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "testing" {
		return false
	}
	switch n.Obj().Name() {
	case "T", "B", "F", "TB", "common":
		return true
	}
	return false
}

// heldVars returns the variable an expression is, or the variables a
// struct literal (or its address) holds in its elements.
func (c *checker) heldVars(e ast.Expr) []*types.Var {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	var vs []*types.Var
	add := func(x ast.Expr) {
		if id, ok := ast.Unparen(x).(*ast.Ident); ok {
			if v, ok := c.info.Uses[id].(*types.Var); ok {
				vs = append(vs, v)
			}
		}
	}
	if lit, ok := e.(*ast.CompositeLit); ok {
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				add(kv.Value)
			} else {
				add(el)
			}
		}
		return vs
	}
	add(e)
	return vs
}

// cleansUpResult reports whether fn, a function of this package given a
// test (t *testing.T, tb testing.TB), returns the same variable as its
// result i on every return, and registers with t.Cleanup a stop of it
// (close, cancel, a stop method). A helper whose other paths end in
// t.Fatal has nothing else to return.
func (c *checker) cleansUpResult(fn *types.Func, i int) bool {
	fn = fn.Origin()
	key := fnIndex{fn, i}
	if r, ok := c.cleanups[key]; ok {
		return r
	}
	c.cleanups[key] = false
	decl := c.decls[fn]
	if decl == nil || decl.Body == nil || fn.Pkg() != c.pass.Pkg {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if i >= sig.Results().Len() || !slices.ContainsFunc(slices.Collect(sig.Params().Variables()), func(p *types.Var) bool {
		t := p.Type()
		return isNamed(t, "testing", "T") || isNamed(t, "testing", "B") || isNamed(t, "testing", "TB")
	}) {
		return false
	}
	// What every return gives as result i: a variable, or the variables
	// a struct literal holds (&peer{Conn: b, t: t}: what stops b stops
	// the peer).
	var returned []*types.Var
	ok, first := true, true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != sig.Results().Len() {
				ok = false
				return false
			}
			vs := c.heldVars(n.Results[i])
			if first {
				returned, first = vs, false
			} else {
				returned = slices.DeleteFunc(returned, func(v *types.Var) bool { return !slices.Contains(vs, v) })
			}
			ok = len(returned) > 0
		}
		return ok
	})
	if !ok || len(returned) == 0 {
		return false
	}
	stops := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		call, isCall := n.(*ast.CallExpr)
		if !isCall || !isCleanup(c.info, call) || len(call.Args) != 1 {
			return !stops
		}
		var es []effect
		if lit, ok := ast.Unparen(call.Args[0]).(*ast.FuncLit); ok {
			es = c.litEffects(lit)
		} else if sel, ok := ast.Unparen(call.Args[0]).(*ast.SelectorExpr); ok && closerNames[sel.Sel.Name] {
			es = []effect{{effStop, pathOf(c.info, sel.X)}} // t.Cleanup(conn.Close)
		}
		for _, e := range es {
			if slices.Contains(returned, e.p.root) && e.p.fields == "" && (e.kind == effStop || e.kind == effClose || e.kind == effCancel) {
				stops = true
			}
		}
		return !stops
	})
	c.cleanups[key] = stops
	return stops
}

// A fnIndex names a function's result or parameter by its index, for
// cleansUpResult and lentTo.
type fnIndex struct {
	fn *types.Func
	i  int
}

// storedHolder returns the local value of the spawner of j, holding what
// the block b waits on in a field, that the spawner stores before g where
// it outlives the spawner (storedBefore).
func (c *checker) storedHolder(b block, j *goJoin, g *ast.GoStmt) (*types.Var, bool) {
	for _, a := range b.alts {
		v := a.p.root
		if a.p.fields == "" || !declaredIn(v, funcBody(j.fn)) || !c.ownedLocal(v, j.fn) {
			continue
		}
		if c.storedBefore(v, j.fn, g) {
			return v, true
		}
	}
	return nil, false
}

// stopDesc says what an effect does, for messages.
func stopDesc(e effect) string {
	name := e.p.root.Name() + strings.ReplaceAll(e.p.fields, elems, "[...]")
	switch e.kind {
	case effClose:
		return "closing " + name
	case effCancel:
		return "calling " + name
	case effSend:
		return "sending on " + name
	case effRecv:
		return "receiving from " + name
	case effDone:
		return "calling " + name + ".Done()"
	}
	return "stopping " + name
}

// effectsAt returns the effects of a statement of a spawner, remembered.
func (c *checker) effectsAt(n ast.Node) []effect {
	if es, ok := c.nodeEffects[n]; ok {
		return es
	}
	es := c.effectsIn(n, path.valid)
	if ret, ok := n.(*ast.ReturnStmt); ok {
		// return func() { cancel() } does what the literal does, for
		// whoever takes it; so does a local that only ever holds one.
		for _, lit := range c.returnedLits(ret) {
			for _, e := range c.litEffects(lit) {
				if e.p.valid() {
					es = append(es, e)
				}
			}
		}
	}
	c.nodeEffects[n] = es
	return es
}

// returnedLits returns the function literals a return hands on through
// locals that only ever hold one: stop := func() { cancel() }; ...;
// return stop, or a named result set so and a bare return.
func (c *checker) returnedLits(ret *ast.ReturnStmt) []*ast.FuncLit {
	var out []*ast.FuncLit
	add := func(v *types.Var, body *ast.BlockStmt) {
		if _, isFunc := v.Type().Underlying().(*types.Signature); !isFunc || isGlobal(v) {
			return
		}
		if lit := c.onlyFuncLit(v, body); lit != nil {
			out = append(out, lit)
		}
	}
	if len(ret.Results) == 0 {
		// A bare return: the named results of function type of the
		// function around it.
		for _, f := range c.funcResultFuncs() {
			if body := funcBody(f); body != nil && within(ret, body) && !inLitOf(ret, body) {
				for _, v := range namedResultVars(c.info, f) {
					add(v, body)
				}
			}
		}
		return out
	}
	for _, r := range ret.Results {
		if id, ok := ast.Unparen(r).(*ast.Ident); ok {
			if v, ok := c.info.Uses[id].(*types.Var); ok {
				add(v, c.declBody(v))
			}
		}
	}
	return out
}

// inLitOf reports whether n is inside a function literal of body.
func inLitOf(n ast.Node, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(m ast.Node) bool {
		if found || m == nil || !within(n, m) {
			return false
		}
		_, found = m.(*ast.FuncLit)
		return !found
	})
	return found
}

// funcResultFuncs returns the functions of the package (declarations and
// literals) that have a named result of function type, found once.
func (c *checker) funcResultFuncs() []ast.Node {
	if c.resultFuncs == nil {
		c.resultFuncs = []ast.Node{}
		for cur := range c.preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			for _, v := range namedResultVars(c.info, cur.Node()) {
				if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
					c.resultFuncs = append(c.resultFuncs, cur.Node())
					break
				}
			}
		}
	}
	return c.resultFuncs
}

// namedResultVars returns the named results of the function fn.
func namedResultVars(info *types.Info, fn ast.Node) []*types.Var {
	ft := funcType(fn)
	if ft == nil || ft.Results == nil {
		return nil
	}
	var out []*types.Var
	for _, f := range ft.Results.List {
		for _, id := range f.Names {
			if v, ok := info.Defs[id].(*types.Var); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// handedOnBlocks reports whether every block the spawner leaves can be
// released by someone else: it has an alternative on a channel, context or
// value that is not the spawner's own, and that something in the package
// (or outside it, for what is exported) releases. A block on nothing but
// the spawner's own variables is not handed on, nor one on a context
// parameter when the spawner would join the goroutine through a key of its
// own; one that nothing releases is recorded in j.forever.
func (c *checker) handedOnBlocks(cur inspector.Cursor, j *goJoin, blocks []block) bool {
	var owners []string
	handedAlts := make([][]alt, len(blocks)) // each block's alternatives handed on
	for i, b := range blocks {
		for _, a := range b.alts {
			if a.kind == altDone && a.p.fields == "" && c.ctxParam(j.fn, a.p.root) && c.joinsOwnKey(j, cur.Node()) {
				// A goroutine the function would join through a key of its
				// own, on a path that skips it, waits for the caller's
				// context: until the caller cancels it, if it ever does.
				continue
			}
			owner, ok := c.outside(cur, j.fn, a)
			if !ok {
				continue
			}
			if !c.releasable(a) {
				if j.forever == nil && !b.soft && len(handedAlts[i]) == 0 {
					j.forever = &blocks[i] // handed on to an owner who cannot release it
				}
				continue
			}
			if len(handedAlts[i]) == 0 {
				owners = append(owners, owner)
			}
			handedAlts[i] = append(handedAlts[i], a)
		}
		if len(handedAlts[i]) == 0 {
			return false
		}
	}
	if j.handoff == nil {
		// Handed on with what releases every block, if one thing does:
		// select { case <-ctx.Done(): <-w.stop; case <-w.stop: } waits on
		// w.stop after the context's end, so cancelling ctx is not enough.
		// Of those, the one on the outermost value (b.in before
		// b.sig.hard): its holder's methods stop what it holds as well.
		pick, common := handedAlts[0][0], false
		for _, a := range handedAlts[0] {
			if !slices.ContainsFunc(handedAlts[1:], func(as []alt) bool {
				return !slices.ContainsFunc(as, func(b alt) bool { return b.p.equal(a.p) })
			}) && (!common || strings.Count(a.p.fields, ".") < strings.Count(pick.p.fields, ".")) {
				pick, common = a, true
			}
		}
		for _, a := range append([]alt{pick}, slices.Concat(handedAlts...)...) {
			j.handoff = c.altHandoff(a)
			if j.handoff == nil && a.kind == altDone && a.p.fields == "" && c.ctxParam(j.fn, a.p.root) {
				j.handoff = &handoff{p: a.p, kind: obCancel}
			}
			if j.handoff != nil {
				break
			}
		}
	}
	j.how = "handed on to " + strings.Join(slices.Compact(owners), ", ")
	return true
}

// joinsOwnKey reports whether the function of j joins the goroutine of g,
// somewhere after it, through a key declared in the function (a cancel
// the goroutine calls last, whose context the function never waits on,
// is no join).
func (c *checker) joinsOwnKey(j *goJoin, g ast.Node) bool {
	joins := false
	c.eachRef(funcBody(j.fn), func(r ref) {
		if r.expr.Pos() < g.End() || joins {
			return
		}
		for _, k := range j.keys {
			if declaredIn(k.p.root, funcBody(j.fn)) && c.refJoins(k, r) {
				joins = true
			}
		}
	})
	return joins
}

// altHandoff returns what a goroutine waiting on a is handed on with: the
// value whose field it waits on (s for s.quit), the value it reads from,
// the channel it receives from, which whoever takes it must close, or the
// value holding a context's cancel function.
func (c *checker) altHandoff(a alt) *handoff {
	p := a.p
	switch {
	case a.kind == altIO:
		return &handoff{p: p, kind: obStop}
	case a.kind == altDone && p.fields == "":
		if cp, ok := c.cancelPath(p); ok && cp.fields != "" {
			return &handoff{p: parentPath(cp), kind: obStop}
		}
		return nil
	case p.fields != "":
		return &handoff{p: parentPath(p), kind: obStop}
	case a.kind == altRecv:
		return &handoff{p: p, kind: obClose}
	}
	return nil
}

// parentPath returns the value whose field p is.
func parentPath(p path) path {
	i := strings.LastIndexByte(p.fields, '.')
	p.fields = p.fields[:i]
	return p
}

// cancelPath returns the path, in a function's terms, of the cancel
// function of the local context ctx (ctx, rs.cancel = ...: rs.cancel).
func (c *checker) cancelPath(ctx path) (path, bool) {
	var out path
	body := c.scopeBody(ctx.root)
	if body == nil {
		return out, false
	}
	ast.Inspect(body, func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		if len(lhs) == 2 && len(rhs) == 1 && pathOf(c.info, lhs[0]).root == ctx.root {
			if call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok && isContextDerive(callee(c.info, call)) {
				out = pathOf(c.info, lhs[1])
			}
		}
		if !out.valid() && len(lhs) >= 2 && len(rhs) == 1 {
			// ctx, ok, stopped := s.StartInit(ctx): a context whose cancel
			// the callee keeps in a field (summary.ctxCancels).
			if call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
				if fn := callee(c.info, call); fn != nil && slices.ContainsFunc(lhs, func(e ast.Expr) bool { return pathOf(c.info, e).root == ctx.root }) {
					if s := c.calleeSummary(fn); s != nil {
						for _, cc := range s.ctxCancels {
							if cc.result < len(lhs) && pathOf(c.info, lhs[cc.result]).root == ctx.root {
								out, _ = c.bindPath(fn, call, cc.cancel)
							}
						}
					}
				}
			}
		}
		return !out.valid()
	})
	if !out.valid() || out.fields != "" {
		return out, out.valid()
	}
	// A cancel variable given to a field of a value of the function's:
	// j := &janitor{cancel: cancel}, or j.cancel = cancel.
	cancel := out.root
	var field path
	ast.Inspect(body, func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		for i := range lhs {
			if len(lhs) != len(rhs) || field.valid() {
				break
			}
			if pathOf(c.info, rhs[i]).root == cancel && pathOf(c.info, lhs[i]).fields != "" {
				field = pathOf(c.info, lhs[i])
				continue
			}
			v := pathOf(c.info, lhs[i])
			r := ast.Unparen(rhs[i])
			if u, ok := r.(*ast.UnaryExpr); ok && u.Op == token.AND {
				r = ast.Unparen(u.X)
			}
			if lit, ok := r.(*ast.CompositeLit); ok && v.valid() && v.fields == "" {
				for _, el := range lit.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok && pathOf(c.info, kv.Value).root == cancel {
						if key, ok := kv.Key.(*ast.Ident); ok {
							field = path{root: v.root, fields: "." + key.Name, deref: true}
						}
					}
				}
			}
		}
		return !field.valid()
	})
	if field.valid() {
		return field, true
	}
	return out, true
}

// outside reports whether the alternative a waits on something that is not
// the spawner's own, and names its owner: the spawner's receiver or a
// parameter, a global, a variable of an enclosing function, a value the
// spawner did not make, or one it made and handed on.
func (c *checker) outside(cur inspector.Cursor, fn ast.Node, a alt) (string, bool) {
	p := a.p
	if a.kind == altDone {
		// A context is released by its cancel: handed on when the cancel
		// is, or, for a context parameter, with the obligation to cancel
		// it that the callers are checked for (context.Background() is
		// never cancelled).
		return c.cancelOwner(cur, fn, p)
	}
	if a.kind == altRecv && p.fields == "" {
		if q, ok := c.subscribed(fn, p.root); ok {
			// ch := h.Subscribe(), which keeps ch in h.subs: whoever
			// owns h closes it.
			return c.owner(cur, fn, q, false)
		}
	}
	if a.kind == altRecv && p.fields == "" && c.chanParam(fn, p.root) {
		// func NewChan(stop <-chan struct{}) { go loop(stop) }: the caller
		// is told to close what it passes (obClose), and one that passes
		// a channel it never closes is reported.
		return "the caller, who must close " + p.root.Name(), true
	}
	return c.owner(cur, fn, p, a.kind == altIO)
}

// neverGiven reports whether v, a local of fn, is declared with no value
// (var b notifier) and never given one: not assigned, ranged into, or
// lent by address.
func (c *checker) neverGiven(v *types.Var, fn ast.Node) bool {
	body := funcBody(fn)
	if body == nil || !declaredIn(v, body) {
		return false
	}
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.info.ObjectOf(id) == v
	}
	empty, given := false, false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			empty = empty || len(n.Values) == 0 && slices.ContainsFunc(n.Names, func(id *ast.Ident) bool { return c.info.Defs[id] == v })
		case *ast.AssignStmt:
			given = given || slices.ContainsFunc(n.Lhs, is)
		case *ast.RangeStmt:
			given = given || n.Key != nil && is(n.Key) || n.Value != nil && is(n.Value)
		case *ast.UnaryExpr:
			given = given || n.Op == token.AND && is(n.X)
		}
		return !given
	})
	return empty && !given
}

// chanParam reports whether v is a channel parameter of fn itself (not
// of a function around it, not a named result).
func (c *checker) chanParam(fn ast.Node, v *types.Var) bool {
	ft := funcType(fn)
	if ft == nil || ft.Params == nil || !isChan(v.Type()) {
		return false
	}
	return declaredIn(v, ft.Params)
}

// owner names who owns the storage p, when it is not the function fn.
func (c *checker) owner(cur inspector.Cursor, fn ast.Node, p path, io bool) (string, bool) {
	switch {
	case isGlobal(p.root):
		return "the package variable " + p.root.Name(), true
	case !declaredIn(p.root, fn):
		return "the owner of " + p.root.Name(), true
	case !declaredIn(p.root, funcBody(fn)):
		if ft := funcType(fn); ft != nil && ft.Results != nil && declaredIn(p.root, ft.Results) {
			return "", false // a named result: the function's own
		}
		if p.fields == "" && !io {
			// A channel given as a parameter: the caller may close it, or
			// may never; a goroutine left waiting on it is not handed on.
			return "", false
		}
		return "the caller, through " + p.root.Name(), true // receiver or parameter
	case p.fields != "" && !c.stoppable(p.root.Type()) && !c.hasOwnStop(p.root.Type()) && c.fieldOfParam(p, fn):
		// d := &Decoder{s: s}; go func() { d.Next() }(), reading d.s: the
		// caller's s, reached through a literal of the function's own
		// (one with no stop of its own: a dropped echoServer, whose stop
		// ends its accept loop, still leaks it).
		field, _, _ := strings.Cut(p.fields[1:], ".")
		return "the caller, through " + p.root.Name() + "." + field, true
	case p.viaAccessor() && c.neverGiven(p.root, fn):
		return "", false // var b notifier: <-b.Notify() waits on the function's own
	case (p.deref || p.fields != "") && !c.ownedLocal(p.root, fn):
		return "the owner of " + p.root.Name(), true // a value the function did not make
	}
	return "", false
}

// cancelOwner is owner for a context: it names who can cancel it, when it
// is not the function itself.
func (c *checker) cancelOwner(cur inspector.Cursor, fn ast.Node, ctx path) (string, bool) {
	if ctx.fields != "" {
		return c.owner(cur, fn, ctx, false) // s.ctx: whoever holds s holds its cancel too
	}
	if c.ctxParam(fn, ctx.root) {
		// func startHeartbeat(ctx context.Context) { go ... <-ctx.Done() }:
		// the caller is told to cancel what it passes (obCancel), and
		// one that passes context.Background() is reported.
		return "the caller, who must cancel " + ctx.root.Name(), true
	}
	r := c.relation()
	k, ok := c.keyOf(ctx)
	if !ok {
		return "", false
	}
	for ck := range r.contexts(k) {
		for _, cancel := range r.pairs[ck] {
			if cancel.v == nil {
				return "the owner of the field " + cancel.field.field, true // ctx, rs.cancel = context.WithCancel(ctx)
			}
			if cancel.v.Pos() != 0 && !declaredIn(cancel.v, funcBody(fn)) {
				return "the owner of " + cancel.v.Name(), true
			}
			if c.handsOn(fn, cancel.v, cur) {
				return "whoever takes " + cancel.v.Name(), true
			}
		}
	}
	return "", false
}

// ctxParam reports whether v is a context parameter of fn (a
// context.Context, or an interface or type of its own that is one: a test
// framework's spec context) that fn never assigns (ctx, cancel :=
// context.WithCancel(ctx) makes it fn's). For a function literal, whose
// caller the pass does not follow, a parameter of the literal is its
// caller's (It("...", func(ctx SpecContext) { ... }), run and cancelled
// by the framework), and so is a parameter of the declaration around it
// that the literal captures (c.once.Do(func() { go watch(ctx) })).
func (c *checker) ctxParam(fn ast.Node, v *types.Var) bool {
	if lit, ok := fn.(*ast.FuncLit); ok {
		if !contextLike(v.Type()) || c.reassigns(lit.Body, v, true) {
			return false
		}
		if declaredIn(v, lit.Type.Params) {
			// Not a nursery task's context: a goroutine of the task is the
			// task's to join (start it with n.Go).
			return !c.taskLits()[lit]
		}
		fd := c.declOfParam(v)
		return fd != nil && within(lit, fd.Body) && c.ctxParam(fd, v)
	}
	fd, ok := fn.(*ast.FuncDecl)
	if !ok || !contextLike(v.Type()) || fd.Body == nil {
		return false
	}
	if c.reassigns(fd.Body, v, true) {
		return false
	}
	f, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	params := f.Type().(*types.Signature).Params()
	for i := 0; i < params.Len(); i++ {
		if params.At(i) == v {
			return true
		}
	}
	return false
}

// taskLits returns the function literals the package runs as nursery
// tasks (taskBodies' literals), found once.
func (c *checker) taskLits() map[*ast.FuncLit]bool {
	if c.tasks == nil {
		c.tasks = make(map[*ast.FuncLit]bool)
		for _, pc := range c.packageCalls() {
			call := pc.cur.Node().(*ast.CallExpr)
			if !isNurserySpawn(pc.fn) && !isNurseryRun(pc.fn) && !isFunc(pc.fn, nurseryPath, "Main") {
				continue
			}
			for _, a := range call.Args {
				if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
					c.tasks[lit] = true
				}
			}
		}
	}
	return c.tasks
}

// declOfParam returns the function declaration of the package that has v
// among its parameters, or nil.
func (c *checker) declOfParam(v *types.Var) *ast.FuncDecl {
	if c.paramDecls == nil {
		c.paramDecls = make(map[*types.Var]*ast.FuncDecl)
		for _, fd := range c.decls {
			if fd.Type.Params == nil {
				continue
			}
			for _, f := range fd.Type.Params.List {
				for _, id := range f.Names {
					if pv, ok := c.info.Defs[id].(*types.Var); ok {
						c.paramDecls[pv] = fd
					}
				}
			}
		}
	}
	return c.paramDecls[v]
}

// releasable reports whether something can release a. Only what the pass
// sees whole can be judged: a private field of a struct type of this
// package (privateField), an unexported package variable, or a local
// variable never handed to anything. For those, some code must release it
// (close or send on a channel, receive from it, cancel a context, stop a
// value, call Done on a WaitGroup) and the storage must never be given a
// value made elsewhere, which something else may release.
func (c *checker) releasable(a alt) bool {
	if a.kind == altDone {
		return c.cancellable(a.p)
	}
	if a.kind == altIO && c.condGate(a.p) {
		return true // for busy { cond.Wait() }: woken by a Broadcast the pass may not follow
	}
	return c.releasableBy(a, map[altKind][]effKind{
		altRecv: {effClose, effSend},
		altSend: {effRecv},
		altIO:   {effStop},
		altWait: {effDone},
	}[a.kind])
}

// stuckBlock reports whether nothing can release b: no alternative is
// releasable, or it ranges over a channel nothing closes with nothing in
// its body leaving the loop (sends keep it going; only a close ends it;
// if fn == nil { return } on a value sent is a way out).
func (c *checker) stuckBlock(b block) bool {
	if b.soft || len(b.alts) == 0 {
		return false
	}
	if rs, ok := b.node.(*ast.RangeStmt); ok && len(b.alts) == 1 && b.alts[0].kind == altRecv && isChan(c.typeOf(rs.X)) {
		if ex := c.loopExits(rs.Body); len(ex.cases) == 0 && !ex.free {
			return !c.releasableBy(b.alts[0], []effKind{effClose})
		}
	}
	if len(b.alts) == 1 && b.alts[0].kind == altRecv && b.alts[0].ranged {
		// The same range in a function the goroutine calls (go
		// t.internal(t.rec)): senders do not end it, only a close.
		return !c.releasableBy(b.alts[0], []effKind{effClose})
	}
	return !slices.ContainsFunc(b.alts, c.releasable)
}

// condGate reports whether the value at p is a struct that embeds a
// sync.Cond (a gate whose Wait is the Cond's) and some code of the
// package calls Broadcast or Signal on a value of that type (its leave
// method's g.Broadcast()): a wait on it ends, though the effect, on the
// gate a method of the embedding value reaches, is not one the pass
// follows to the field. A Cond nobody signals is still a wait nothing
// ends.
func (c *checker) condGate(p path) bool {
	t := c.pathType(p)
	if t == nil {
		return false
	}
	if pt, ok := types.Unalias(t).(*types.Pointer); ok {
		t = pt.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || !slices.ContainsFunc(structFields(st), func(f *types.Var) bool { return f.Embedded() && isNamed(f.Type(), "sync", "Cond") }) {
		return false
	}
	for cur := range c.preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || !isMethod(callee(c.info, call), "sync", "Cond", "Broadcast", "Signal") {
			continue
		}
		rt := c.typeOf(sel.X)
		if pt, ok := types.Unalias(rt).(*types.Pointer); ok {
			rt = pt.Elem()
		}
		if types.Identical(rt, t) {
			return true
		}
	}
	return false
}

// structFields returns the fields of st.
func structFields(st *types.Struct) []*types.Var {
	out := make([]*types.Var, st.NumFields())
	for i := range out {
		out[i] = st.Field(i)
	}
	return out
}

// releasableBy is releasable for an alternative that one of the effects
// need releases.
func (c *checker) releasableBy(a alt, need []effKind) bool {
	var got map[effKind]bool
	switch k, ok := c.keyOf(a.p); {
	case !ok:
		return true
	case k.field.owner != nil:
		if !c.privateField(k.field) {
			return true
		}
		ix := c.fieldIndex()
		if ix.aliased[k.field] {
			return true
		}
		if a.kind == altSend && c.roomForSends(k.field) {
			return true // a send into a buffer kept as storage (exitFd <- f; return)
		}
		got = ix.effects[k.field]
	default:
		r := c.varRelease(k.v)
		if r.open {
			return true
		}
		got = r.effects
	}
	own := c.selfEffects(c.pathType(a.p))
	return slices.ContainsFunc(need, func(e effKind) bool { return got[e] || own[e] })
}

// selfEffects returns, for a channel type of this package with methods
// (type sem chan struct{} with acquire and release), the kinds of effects
// those methods have on their receiver, in the goroutines they start too:
// a send on a field of that type is received by its own methods
// (c.readQueue.Go(m, f) releasing the slot in the goroutine it starts).
func (c *checker) selfEffects(t types.Type) map[effKind]bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() != c.pass.Pkg || n.NumMethods() == 0 || !isChan(n) {
		return nil
	}
	if got, ok := c.selfEffs[n]; ok {
		return got
	}
	got := make(map[effKind]bool)
	if c.selfEffs == nil {
		c.selfEffs = make(map[*types.Named]map[effKind]bool)
	}
	c.selfEffs[n] = got // in progress: a method's effects may ask again
	for i := range n.NumMethods() {
		m := n.Method(i)
		d := c.decls[m]
		if d == nil || d.Body == nil || d.Recv == nil || len(d.Recv.List) == 0 || len(d.Recv.List[0].Names) == 0 {
			continue
		}
		recv, _ := c.info.Defs[d.Recv.List[0].Names[0]].(*types.Var)
		if recv == nil {
			continue
		}
		c.walkEffects(d.Body, true, func(k effKind, p path) {
			if p.root == recv && p.fields == "" {
				got[k] = true
			}
		})
	}
	return got
}

// A varRelease is what releasableBy needs to know of a variable: whether
// anything outside the pass's sight may release it (open), and otherwise
// the kinds of effects the package has on it.
type varRelease struct {
	open    bool
	effects map[effKind]bool
}

// varRelease returns, once per variable, what releasableBy needs of a
// local or package variable v.
func (c *checker) varRelease(v *types.Var) varRelease {
	if r, ok := c.varReleases[v]; ok {
		return r
	}
	var r varRelease
	switch {
	case isGlobal(v):
		if v.Exported() || v.Pkg() != c.pass.Pkg {
			r.open = true
		} else {
			r.effects = c.varEffects(v, nil)
		}
	default:
		body := c.declBody(v)
		if body == nil || c.isParamVar(v) || !c.onlyMade(v, body) || c.passedOn(v, body) {
			r.open = true // a parameter, or a value from elsewhere, or given away
		} else {
			r.effects = c.varEffects(v, body)
		}
	}
	if c.varReleases == nil {
		c.varReleases = make(map[*types.Var]varRelease)
	}
	c.varReleases[v] = r
	return r
}

// privateField reports whether only this package can reach the field:
// unexported, or of an unexported type, or of a type declared in a test
// file, or in package main.
func (c *checker) privateField(k fieldKey) bool {
	if k.owner.Pkg() != c.pass.Pkg {
		return false
	}
	if tf := c.pass.Fset.File(k.owner.Pos()); c.pass.Pkg.Name() == "main" || tf != nil && c.tests[tf] {
		return true // no other package can reach it
	}
	if c.accessors()[k] {
		return false // given out by an exported method (l.Names())
	}
	return !ast.IsExported(k.field) || !k.owner.Exported()
}

// scopeBody returns the body of the innermost function of this package
// whose syntax declares v (as a local or a parameter).
func (c *checker) scopeBody(v *types.Var) *ast.BlockStmt {
	var body *ast.BlockStmt
	for _, f := range c.pass.Files {
		if !declaredIn(v, f) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || !(n.Pos() <= v.Pos() && v.Pos() < n.End()) {
				return false
			}
			if b := funcBody(n); b != nil {
				body = b
			}
			return true
		})
	}
	return body
}

// accessors returns the fields whose channel an exported function or
// method of the package returns (func (l *Lister) Names() <-chan string {
// return l.names }): other packages reach them through it.
func (c *checker) accessors() map[fieldKey]bool {
	if c.accessed != nil {
		return c.accessed
	}
	c.accessed = make(map[fieldKey]bool)
	// In the order of the source: a summary asked for while another is
	// in progress (recursion) sees it empty, so the order summaries are
	// first asked for must not change from run to run.
	for _, fn := range c.declsInOrder() {
		d := c.decls[fn]
		if !fn.Exported() || d.Body == nil {
			continue
		}
		res := fn.Type().(*types.Signature).Results()
		if res.Len() > 1 {
			// Events(ctx) (<-chan Event, error): the field each return
			// gives as a channel result.
			for i := range res.Len() {
				if isChan(res.At(i).Type()) {
					if k, ok := c.returnedField(d, i, res.Len()); ok {
						c.accessed[k] = true
					}
				}
			}
			continue
		}
		if res.Len() != 1 || !isChan(res.At(0).Type()) {
			continue // summary.returns is for a lone channel result only
		}
		if s := c.summaryOf(fn); s != nil && s.returns.valid() {
			if k, ok := c.keyOf(s.returns); ok && k.field.owner != nil {
				c.accessed[k.field] = true
			}
		}
	}
	return c.accessed
}

// returnedField returns the field that every return of d with n results
// gives as its i-th (return s.events, nil), nil aside (return nil, err),
// or false.
func (c *checker) returnedField(d *ast.FuncDecl, i, n int) (fieldKey, bool) {
	var field fieldKey
	ok := true
	ast.Inspect(d.Body, func(nd ast.Node) bool {
		switch nd := nd.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(nd.Results) != n {
				ok = false
				return false
			}
			e := nd.Results[i]
			if id, isID := ast.Unparen(e).(*ast.Ident); isID && c.info.Uses[id] == types.Universe.Lookup("nil") {
				return true
			}
			k, found := c.keyOf(pathOf(c.info, e))
			if !found || k.field.owner == nil || field.owner != nil && k.field != field {
				ok = false
				return false
			}
			field = k.field
		}
		return ok
	})
	return field, ok && field.owner != nil
}

// bodyAround returns the body of the function declaration of this
// package whose body declares v, or nil (a parameter, a package
// variable), without walking anything.
func (c *checker) bodyAround(v *types.Var) *ast.BlockStmt {
	if c.bodies == nil {
		// The bodies of the package's function declarations, by position:
		// they do not overlap, so the one around v is found by bisection.
		for _, d := range c.decls {
			if d.Body != nil {
				c.bodies = append(c.bodies, d.Body)
			}
		}
		slices.SortFunc(c.bodies, func(a, b *ast.BlockStmt) int { return cmp.Compare(a.Pos(), b.Pos()) })
	}
	i, _ := slices.BinarySearchFunc(c.bodies, v.Pos(), func(b *ast.BlockStmt, p token.Pos) int { return cmp.Compare(b.Pos(), p) })
	if i > 0 && declaredIn(v, c.bodies[i-1]) {
		return c.bodies[i-1]
	}
	return nil
}

// declBody returns the body of the function of this package that declares
// the local variable v.
func (c *checker) declBody(v *types.Var) *ast.BlockStmt {
	if b := c.bodyAround(v); b != nil {
		return b
	}
	if body, ok := c.litBodies[v]; ok {
		return body
	}
	var body *ast.BlockStmt
	for _, f := range c.pass.Files {
		if declaredIn(v, f) {
			ast.Inspect(f, func(n ast.Node) bool {
				if n == nil || !(n.Pos() <= v.Pos() && v.Pos() < n.End()) {
					return false // the literal is around v
				}
				if lit, ok := n.(*ast.FuncLit); ok && declaredIn(v, lit.Body) {
					body = lit.Body
				}
				return body == nil
			})
			break
		}
	}
	if c.litBodies == nil {
		c.litBodies = make(map[*types.Var]*ast.BlockStmt)
	}
	c.litBodies[v] = body
	return body
}

// isParamVar reports whether v is a parameter, result or receiver of a
// function declaration or literal.
func (c *checker) isParamVar(v *types.Var) bool {
	if c.params == nil {
		// Every parameter, result and receiver of the package's functions,
		// once: the question is asked of each variable a goroutine blocks on.
		c.params = make(map[*types.Var]bool)
		add := func(fl *ast.FieldList) {
			if fl == nil {
				return
			}
			for _, f := range fl.List {
				for _, name := range f.Names {
					if pv, ok := c.info.Defs[name].(*types.Var); ok {
						c.params[pv] = true
					}
				}
			}
		}
		for cur := range c.preorder((*ast.FuncType)(nil), (*ast.FuncDecl)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.FuncType:
				add(n.TypeParams)
				add(n.Params)
				add(n.Results)
			case *ast.FuncDecl:
				add(n.Recv)
			}
		}
	}
	return c.params[v]
}

// onlyMade reports whether the local v only ever holds what its function
// made: it is declared without a value (a WaitGroup), or assigned only
// make(...), new(T) or a composite literal.
func (c *checker) onlyMade(v *types.Var, body ast.Node) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		if r, isRange := n.(*ast.RangeStmt); isRange {
			for _, e := range []ast.Expr{r.Key, r.Value} {
				if e != nil && pathOf(c.info, e).root == v {
					ok = false
				}
			}
		}
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			if p := pathOf(c.info, l); p.root != v || p.fields != "" {
				continue
			}
			if len(lhs) != len(rhs) {
				ok = false
				continue
			}
			switch e := ast.Unparen(rhs[i]).(type) {
			case *ast.CompositeLit:
			case *ast.UnaryExpr:
				if _, lit := ast.Unparen(e.X).(*ast.CompositeLit); !lit {
					ok = false
				}
			case *ast.CallExpr:
				if !isBuiltinCall(c.info, e, "make") && !isBuiltinCall(c.info, e, "new") {
					ok = false
				}
			default:
				ok = false
			}
		}
		return ok
	})
	return ok
}

// passedOn reports whether the variable v is used in body as a value (given
// to a call, returned, stored, captured by a go statement's call), other
// than as a channel operand or the receiver of a method.
func (c *checker) passedOn(v *types.Var, body ast.Node) bool {
	found := false
	c.eachRef(body, func(r ref) {
		if r.path.root == v && r.path.fields == "" && (r.kind == useValue && !isCallee(r) && c.rangeOf(r.expr) == nil || r.kind == useGoArg) {
			found = true
		}
	})
	return found
}

// varEffects returns the kinds of effects on the variable v in body (or in
// the whole package for a package variable), goroutines included.
func (c *checker) varEffects(v *types.Var, body ast.Node) map[effKind]bool {
	got := make(map[effKind]bool)
	note := func(k effKind, p path) {
		if p.root == v && p.fields == "" {
			got[k] = true
		}
	}
	if body != nil {
		c.walkEffects(body, true, note)
		return got
	}
	for _, f := range c.pass.Files {
		c.walkEffects(f, true, note)
	}
	return got
}

// localCancel returns, for an alternative waiting on the Done of a local
// context of fn that a context.WithCancel (WithTimeout...) of fn made,
// the local it put the cancel function in; nil otherwise.
func (c *checker) localCancel(a alt, fn ast.Node) *types.Var {
	if a.kind != altDone || a.p.fields != "" || !declaredIn(a.p.root, funcBody(fn)) {
		return nil
	}
	cancels := c.cancelsOf(a.p.root, funcBody(fn))
	if len(cancels) != 1 {
		return nil
	}
	if v, ok := cancels[0].(*types.Var); ok && declaredIn(v, funcBody(fn)) {
		return v
	}
	return nil
}

// cancellable reports whether the context ctx can be cancelled: unless
// every cancel made with it is a private field of this package's that
// nothing ever calls.
func (c *checker) cancellable(ctx path) bool {
	r := c.relation()
	k, ok := c.keyOf(ctx)
	if !ok {
		return true
	}
	ix := c.fieldIndex()
	found := false
	for ck := range r.aliases(k) {
		for _, cancel := range r.pairs[ck] {
			found = true
			for fk := range r.aliases(cancel) {
				if fk.v != nil {
					return true // a variable: judged where it lives
				}
				if !c.privateField(fk.field) || ix.effects[fk.field][effCancel] {
					return true
				}
			}
		}
	}
	return !found
}

// A fieldUse is what the package does with the fields of its types.
type fieldUse struct {
	effects map[fieldKey]map[effKind]bool
	aliased map[fieldKey]bool // given a value from elsewhere, or stored in another field
}

// fieldIndex indexes, once, every effect on a field of a named type in the
// package, and the fields given a value the assigning function did not
// make (a parameter, a call's result), which something else may release.
func (c *checker) fieldIndex() *fieldUse {
	if c.fields != nil {
		return c.fields
	}
	ix := &fieldUse{effects: make(map[fieldKey]map[effKind]bool), aliased: make(map[fieldKey]bool)}
	c.fields = ix
	note := func(k effKind, p path) {
		ck, ok := c.keyOf(p)
		if !ok || ck.field.owner == nil {
			// stopChan := p.stopChan; <-stopChan: a receive from the field.
			if q, copied := c.copyOf(p); copied {
				ck, ok = c.keyOf(q)
			}
		}
		if ok && ck.field.owner != nil {
			if ix.effects[ck.field] == nil {
				ix.effects[ck.field] = make(map[effKind]bool)
			}
			ix.effects[ck.field][k] = true
		}
	}
	c.indexingFields = true
	for _, f := range c.pass.Files {
		c.walkEffects(f, true, note)
	}
	c.indexingFields = false
	// A field whose channel is stored in another field
	// (workerReq{inCh: p.sharedCh}) is received from, closed or sent on
	// through that one too: it is shared with what the pass does not
	// follow.
	storedIn := func(v ast.Expr) {
		if !isChan(c.typeOf(v)) {
			return
		}
		p := pathOf(c.info, v)
		if ck, ok := c.keyOf(p); ok && ck.field.owner != nil {
			ix.aliased[ck.field] = true
			return
		}
		if !p.valid() || p.fields != "" || isGlobal(p.root) {
			return
		}
		// workerCh := p.sharedCh; r := req{inCh: workerCh}: each field
		// the local is given.
		if body := c.declBody(p.root); body != nil {
			c.onlyAssigned(body, p.root, func(lhs, rhs []ast.Expr, i int) bool {
				if len(lhs) == len(rhs) {
					if ck, ok := c.keyOf(pathOf(c.info, rhs[i])); ok && ck.field.owner != nil {
						ix.aliased[ck.field] = true
					}
				}
				return true
			})
		}
	}
	for cur := range c.preorder((*ast.AssignStmt)(nil), (*ast.CompositeLit)(nil), (*ast.UnaryExpr)(nil)) {
		func(n ast.Node) {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if len(n.Lhs) == len(n.Rhs) && !c.freshExpr(n.Rhs[i]) {
						if ck, ok := c.keyOf(pathOf(c.info, l)); ok && ck.field.owner != nil {
							ix.aliased[ck.field] = true
							storedIn(n.Rhs[i])
						}
					}
				}
			case *ast.CompositeLit:
				c.literalFields(n, func(k fieldKey, v ast.Expr) {
					if !c.freshExpr(v) {
						ix.aliased[k] = true
						storedIn(v)
					}
				})
			case *ast.UnaryExpr:
				// &s.wg, &s.ch given away: anything may use it.
				if n.Op == token.AND {
					if ck, ok := c.keyOf(pathOf(c.info, n.X)); ok && ck.field.owner != nil {
						if _, isLit := n.X.(*ast.CompositeLit); !isLit {
							ix.aliased[ck.field] = true
						}
					}
				}
			}
		}(cur.Node())
	}
	return ix
}

// literalFields calls f for each field a struct literal sets, keyed or
// in order (&Writer{c}).
func (c *checker) literalFields(lit *ast.CompositeLit, f func(fieldKey, ast.Expr)) {
	n, ok := types.Unalias(derefType(c.typeOf(lit))).(*types.Named)
	if !ok {
		return
	}
	st, _ := n.Underlying().(*types.Struct)
	for i, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok {
				f(fieldKey{n.Origin().Obj(), key.Name}, kv.Value)
			}
		} else if st != nil && i < st.NumFields() {
			f(fieldKey{n.Origin().Obj(), st.Field(i).Name()}, el)
		}
	}
}

// freshExpr reports whether e makes a new value: make, new, a literal, a
// function literal, context.WithCancel and its kin, nil.
func (c *checker) freshExpr(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit, *ast.FuncLit, *ast.BasicLit:
		return true
	case *ast.UnaryExpr:
		return c.freshExpr(e.X)
	case *ast.Ident:
		return e.Name == "nil"
	case *ast.CallExpr:
		if isBuiltinCall(c.info, e, "make") || isBuiltinCall(c.info, e, "new") {
			return true
		}
		f := callee(c.info, e)
		return isContextDerive(f) || isFunc(f, "sync", "NewCond") || c.returnsLiteral(f)
	}
	return false
}

// returnsLiteral reports whether fn, a function of this package, returns
// a literal it makes at each of its returns (func (p *Pool) settings()
// Pool { return Pool{tasks: make(chan func())} }): a field given its
// result (&ErrPool{pool: p.settings()}) holds a value of its own.
func (c *checker) returnsLiteral(fn *types.Func) bool {
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return false
	}
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil || decl.Type.Results.NumFields() != 1 {
		return false
	}
	ok, any := true, false
	eachReturn(decl.Body, func(r *ast.ReturnStmt) bool {
		any = true
		ok = len(r.Results) == 1 && c.madeLiteral(r.Results[0])
		return ok
	})
	return ok && any
}

// ownedLocal reports whether v, a local of fn, only ever holds a value fn
// made itself: &T{...}, new(T), a struct literal, or the result of a
// function of this package that returns a value it made.
func (c *checker) ownedLocal(v *types.Var, fn ast.Node) bool {
	if owned, ok := c.owned[v]; ok {
		return owned
	}
	owned := false
	assigned := false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			if pathOf(c.info, l).root != v || pathOf(c.info, l).fields != "" {
				continue
			}
			assigned = true
			switch {
			case len(lhs) == len(rhs) && c.madeHere(rhs[i]):
			case len(rhs) == 1 && c.madeResult(rhs[0], i):
			default:
				owned = false
				return false
			}
			owned = true
		}
		return true
	})
	if !assigned {
		if _, isStruct := derefType(v.Type()).Underlying().(*types.Struct); isStruct {
			if _, ptr := types.Unalias(v.Type()).(*types.Pointer); !ptr {
				owned = true // var s server
			}
		}
	}
	c.owned[v] = owned
	return owned
}

// madeHere reports whether e makes a new struct value: &T{...}, new(T),
// T{...}, or a call of a function of this package whose every return
// returns such a value.
func (c *checker) madeHere(e ast.Expr) bool {
	if c.madeLiteral(e) {
		return true
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := callee(c.info, call)
	switch {
	case fn == nil:
		return false
	case fn.Pkg() == c.pass.Pkg:
		return c.constructs(fn)
	}
	s := c.calleeSummary(fn)
	return s != nil && s.fresh
}

// madeResult reports whether the i-th result of the call e is a value its
// callee made (s, st := NewStoreAndState()).
func (c *checker) madeResult(e ast.Expr, i int) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := callee(c.info, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return i == 0 && c.madeHere(e)
	}
	return c.constructsResult(fn, i)
}

// constructs reports whether fn, a function of this package, returns as
// its first result a value it made itself (and kept in no other place it
// can see).
func (c *checker) constructs(fn *types.Func) bool { return c.constructsResult(fn, 0) }

// constructsResult is constructs for the i-th result.
func (c *checker) constructsResult(fn *types.Func, index int) bool {
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil || decl.Type.Results == nil {
		return false
	}
	ok, any := true, false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) <= index {
				ok = false
				return false
			}
			r := ast.Unparen(n.Results[index])
			any = true
			if id, isID := r.(*ast.Ident); isID {
				if v, isVar := c.info.Uses[id].(*types.Var); isVar && declaredIn(v, decl.Body) {
					if id.Name == "nil" {
						return true
					}
					ok = ok && c.ownedLocalNoRecurse(v, decl) && !c.keptElsewhere(v, decl)
					return true
				}
				if id.Name == "nil" {
					return true // the error path
				}
			}
			ok = ok && c.madeLiteral(r)
		}
		return ok
	})
	return ok && any
}

// keptElsewhere reports whether decl lets the value in its local v go
// anywhere but to its caller: stores it, passes it to a call, sends it,
// starts a goroutine with it (a registry that keeps what it makes).
func (c *checker) keptElsewhere(v *types.Var, decl *ast.FuncDecl) bool {
	return c.keptIn(v, decl, 0)
}

func (c *checker) keptIn(v *types.Var, decl *ast.FuncDecl, depth int) bool {
	kept := false
	ast.PreorderStack(decl.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.ReturnStmt); ok || kept {
			return false
		}
		if _, ok := n.(*ast.GoStmt); ok {
			return false // the goroutine it starts is its own business
		}
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		p := pathOf(c.info, e)
		if !p.valid() {
			return true
		}
		if p.root != v || p.fields != "" {
			return false // a path: a field of v is not v
		}
		r := ref{path: p, expr: e}
		classify(c.info, &r, e, stack)
		if sel, ok := r.parent.(*ast.SelectorExpr); ok {
			if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
				return false // c.keepalive: a method value runs on it, it does not keep it
			}
		}
		switch {
		case r.kind == useGoArg:
			kept = true
		case r.kind == useValue && !isCallee(r):
			kept = !c.passedToKeeper(r, depth)
		}
		return false
	})
	return kept
}

// passedToKeeper reports whether r is not an argument of a call of a
// function of this package that keeps nothing of that parameter
// (startJanitor(c) starting c's janitor keeps c only in its goroutine).
func (c *checker) passedToKeeper(r ref, depth int) bool {
	call, ok := r.parent.(*ast.CallExpr)
	if !ok || depth > 2 {
		return false
	}
	f := callee(c.info, call)
	if f == nil || f.Pkg() != c.pass.Pkg {
		return false
	}
	d := c.decls[f.Origin()]
	i := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return a == r.expr })
	sig := f.Type().(*types.Signature)
	if d == nil || d.Body == nil || i < 0 || i >= sig.Params().Len() || sig.Variadic() {
		return false
	}
	return !c.keptIn(sig.Params().At(i), d, depth+1)
}

// madeLiteral is madeHere without following calls.
func (c *checker) madeLiteral(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		_, ok := ast.Unparen(e.X).(*ast.CompositeLit)
		return ok
	case *ast.CallExpr:
		if tv, ok := c.info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return c.madeLiteral(e.Args[0]) // Status(&local{...}): a conversion
		}
		return isBuiltinCall(c.info, e, "new")
	}
	return false
}

// ownedLocalNoRecurse reports whether v, a local of decl, is only ever
// assigned a literal or new(T).
func (c *checker) ownedLocalNoRecurse(v *types.Var, decl *ast.FuncDecl) bool {
	ok := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			if p := pathOf(c.info, l); p.root == v && p.fields == "" {
				if len(lhs) != len(rhs) || !c.madeLiteral(rhs[i]) {
					ok = false
					return false
				}
				ok = true
			}
		}
		return true
	})
	return ok
}

// fieldAlias returns, for a path t.in into a value the function made
// with a struct literal that gave the field a variable of the function's
// (t := &tp{in: in}), that variable: handing it on hands the field on.
func (c *checker) fieldAlias(p path, fn ast.Node) *types.Var {
	if p.fields == "" || strings.Count(p.fields, ".") != 1 {
		return nil
	}
	field := strings.TrimPrefix(p.fields, ".")
	var alias *types.Var
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			if pathOf(c.info, l).root != p.root || pathOf(c.info, l).fields != "" {
				continue
			}
			var r ast.Expr
			switch {
			case len(lhs) == len(rhs):
				r = ast.Unparen(rhs[i])
			case i == 0 && len(rhs) == 1:
				r = ast.Unparen(rhs[0]) // c, err := NewClient(conn)
				if _, isCall := r.(*ast.CallExpr); !isCall {
					continue
				}
			default:
				continue
			}
			if u, ok := r.(*ast.UnaryExpr); ok && u.Op == token.AND {
				r = ast.Unparen(u.X)
			}
			if call, ok := r.(*ast.CallExpr); ok {
				// q := newQueue(stop), which returns &queue{stop: stop}.
				if k, sub := c.ctorFieldSource(callee(c.info, call), field); k >= 0 && k < len(call.Args) {
					arg := call.Args[k]
					if sub != "" {
						// NewClient(&Config{Conn: conn}), which keeps cfg.Conn.
						arg = literalField(arg, sub[1:])
					}
					if inner, wraps := c.wrapCall(arg); wraps {
						arg = inner // Conn: NewSTUNConn(conn): closing conn ends the wrapper's reads
					}
					if v := pathOf(c.info, arg); arg != nil && v.valid() && v.fields == "" && declaredIn(v.root, funcBody(fn)) {
						alias = v.root
					}
				}
				continue
			}
			if value := literalField(r, field); value != nil {
				if v := pathOf(c.info, value); v.valid() && v.fields == "" && declaredIn(v.root, funcBody(fn)) {
					alias = v.root
				}
			}
		}
		return alias == nil
	})
	return alias
}

// literalOf returns e as a composite literal, also through its address
// (&T{...}), or nil.
func literalOf(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// literalField returns the value a struct literal e (or its address)
// gives the field name, or nil.
func literalField(e ast.Expr, name string) ast.Expr {
	lit := literalOf(e)
	if lit == nil {
		return nil
	}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == name {
				return kv.Value
			}
		}
	}
	return nil
}

// ctorFieldParam returns, for a function of this package whose every
// return gives a struct literal (or its address) with field set to its
// parameter k (func newQueue(stop <-chan struct{}) *queue { return
// &queue{stop: stop} }), k; -1 otherwise.
func (c *checker) ctorFieldParam(fn *types.Func, field string) int {
	if k, sub := c.ctorFieldSource(fn, field); sub == "" {
		return k
	}
	return -1
}

// ctorFieldSource is ctorFieldParam that also accepts a field of the
// parameter (func NewClient(cfg *Config) *Client { return
// &Client{conn: cfg.Conn} }): the parameter's index and the fields below
// it (".Conn"), "" for the parameter itself.
func (c *checker) ctorFieldSource(fn *types.Func, field string) (int, string) {
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return -1, ""
	}
	key := ctorField{fn.Origin(), field}
	if src, ok := c.ctorFields[key]; ok {
		return src.param, src.fields
	}
	k, sub := c.readCtorFieldParam(fn.Origin(), field)
	if c.ctorFields == nil {
		c.ctorFields = make(map[ctorField]ctorSource)
	}
	c.ctorFields[key] = ctorSource{k, sub}
	return k, sub
}

// A ctorSource is where a constructor takes a field's value from: its
// parameter param, or the fields below it.
type ctorSource struct {
	param  int
	fields string
}

// ctorField keys ctorFieldParam's memory.
type ctorField struct {
	fn    *types.Func
	field string
}

// readCtorFieldParam is ctorFieldParam without the memory.
func (c *checker) readCtorFieldParam(fn *types.Func, field string) (int, string) {
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil {
		return -1, ""
	}
	sig := fn.Type().(*types.Signature)
	k, sub, seen := -1, "", false
	ok := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit || !ok {
			return false
		}
		ret, isRet := n.(*ast.ReturnStmt)
		if !isRet {
			return true
		}
		if len(ret.Results) == 0 {
			ok = false
			return false
		}
		r := ast.Unparen(ret.Results[0])
		if len(ret.Results) > 1 && isNilIdent(r) {
			return false // return nil, err: nothing made
		}
		seen = true
		if len(ret.Results) > 2 {
			ok = false
			return false
		}
		if id, isID := r.(*ast.Ident); isID {
			// client := &Client{conn: cfg.Conn}; ...; return client, nil
			r = c.madeOnceAs(decl.Body, id, field)
		}
		if r == nil {
			ok = false
			return false
		}
		if u, isAddr := r.(*ast.UnaryExpr); isAddr && u.Op == token.AND {
			r = ast.Unparen(u.X)
		}
		lit, isLit := r.(*ast.CompositeLit)
		if !isLit {
			ok = false
			return false
		}
		found, fields := -1, ""
		st, _ := derefType(c.typeOf(lit)).Underlying().(*types.Struct)
		for i, el := range lit.Elts {
			var value ast.Expr
			switch el := el.(type) {
			case *ast.KeyValueExpr:
				if key, isID := el.Key.(*ast.Ident); isID && key.Name == field {
					value = el.Value
				}
			default:
				if st != nil && i < st.NumFields() && st.Field(i).Name() == field {
					value = el // &Writer{c}: the fields in order
				}
			}
			if v := pathOf(c.info, value); value != nil && v.valid() && strings.Count(v.fields, ".") <= 1 {
				for i := range sig.Params().Len() {
					if sig.Params().At(i) == v.root {
						found, fields = i, v.fields
					}
				}
			}
		}
		if found < 0 || k >= 0 && (found != k || fields != sub) {
			ok = false
		}
		k, sub = found, fields
		return false
	})
	if !ok || !seen {
		return -1, ""
	}
	return k, sub
}

// madeOnceAs returns the struct literal (or its address) that the local
// id names is assigned, once, in body, when body never assigns its field
// after; or nil.
func (c *checker) madeOnceAs(body *ast.BlockStmt, id *ast.Ident, field string) ast.Expr {
	v, _ := c.info.Uses[id].(*types.Var)
	return c.madeOnce(body, v, field)
}

// madeOnce is madeOnceAs for the variable v.
func (c *checker) madeOnce(body *ast.BlockStmt, v *types.Var, field string) ast.Expr {
	if v == nil || !declaredIn(v, body) {
		return nil
	}
	var made ast.Expr
	count := 0
	c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		count++
		if len(lhs) == len(rhs) {
			made = rhs[i]
		}
		return count == 1 && made != nil
	})
	if count != 1 || made == nil || c.assignsField(body, v, field) {
		return nil
	}
	return made
}

// holderOf returns the local variable of fn that the expression e is put
// in as a field of a struct literal (b := &Broker{s: s}: b), or nil.
func (c *checker) holderOf(e ast.Expr, fn ast.Node) *types.Var {
	cur, ok := c.cursorOf(e)
	if !ok {
		return nil
	}
	p := cur.Parent()
	if _, ok := p.Node().(*ast.KeyValueExpr); ok {
		p = p.Parent()
	}
	if _, ok := p.Node().(*ast.CompositeLit); !ok {
		return nil
	}
	p = p.Parent()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		p = p.Parent()
	}
	lhs, rhs := assignment(p.Node())
	for i, r := range rhs {
		if i < len(lhs) && len(lhs) == len(rhs) && within(e, r) {
			if v := pathOf(c.info, lhs[i]); v.valid() && v.fields == "" && declaredIn(v.root, funcBody(fn)) {
				return v.root
			}
		}
	}
	return nil
}

// wrappedIn returns, for the argument i of a call of a function of this
// package that does nothing with that parameter but store it in the
// struct it returns (m, err := NewMgr(c), NewMgr returning &Mgr{c: c}),
// the local of fn the call's result is assigned to, and the field that
// holds the argument there: the argument is not handed on to the call
// but to that local, which the function may still drop.
func (c *checker) wrappedIn(call *ast.CallExpr, i int, fn ast.Node) (*types.Var, string) {
	f := callee(c.info, call)
	if f == nil || f.Pkg() != c.pass.Pkg {
		return nil, ""
	}
	fields := c.paramFields(f, i)
	if len(fields) != 1 {
		return nil, ""
	}
	res := f.Type().(*types.Signature).Results()
	k := -1
	for j := range res.Len() {
		if named, ok := types.Unalias(derefType(res.At(j).Type())).(*types.Named); ok && named.Origin().Obj() == fields[0].owner {
			k = j
		}
	}
	cur, ok := c.cursorOf(call)
	if k < 0 || !ok {
		return nil, ""
	}
	lhs, rhs := assignment(cur.Parent().Node())
	if len(rhs) != 1 || ast.Unparen(rhs[0]) != call || len(lhs) != res.Len() {
		return nil, ""
	}
	if h := pathOf(c.info, lhs[k]); h.valid() && h.fields == "" && (fn == nil && h.root.Parent() != c.pass.Pkg.Scope() || fn != nil && declaredIn(h.root, funcBody(fn))) {
		return h.root, fields[0].field
	}
	return nil, ""
}

// wrapperPaths returns the paths to v inside the locals of fn that calls
// wrap it in (m.c for m, err := NewMgr(c)).
func (c *checker) wrapperPaths(v *types.Var, fn ast.Node) []path {
	var out []path
	cur, ok := c.cursorOf(funcBody(fn))
	if !ok {
		return nil
	}
	for cc := range cur.Preorder((*ast.CallExpr)(nil)) {
		call := cc.Node().(*ast.CallExpr)
		for i, a := range call.Args {
			if c.info.Uses[identOf(a)] != v {
				continue
			}
			if h, field := c.wrappedIn(call, i, fn); h != nil {
				out = append(out, path{root: h, fields: "." + field})
			}
		}
	}
	return out
}

// heldBy returns a local of fn that holds v in a field (b := &Broker{s:
// v}) and that n hands on, or nil.
func (c *checker) heldBy(n ast.Node, v *types.Var, fn ast.Node, g ast.Node) *types.Var {
	for _, h := range c.holdersOf(v, fn) {
		if c.handsOnAt(n, h, g, false) {
			return h
		}
	}
	return nil
}

// holdersOf returns the locals of fn that hold v in a field of a
// composite literal they are assigned (b := &Broker{s: v}), remembered:
// heldBy asks at every node of a path search.
func (c *checker) holdersOf(v *types.Var, fn ast.Node) []*types.Var {
	if hs, ok := c.holders[fn]; ok {
		return hs[v]
	}
	// One pass over the function's composite literals finds the holders
	// of every variable: the question is asked of many in one function.
	hs := make(map[*types.Var][]*types.Var)
	note := func(e ast.Expr) {
		id, ok := e.(*ast.Ident)
		if !ok {
			return
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok {
			return
		}
		if h := c.holderOf(id, fn); h != nil && h != v && !slices.Contains(hs[v], h) {
			hs[v] = append(hs[v], h)
		}
	}
	visit := func(n ast.Node) {
		if call, ok := n.(*ast.CallExpr); ok {
			// m, err := NewMgr(c), which returns &Mgr{c: c}: m holds c.
			// Not a channel: whoever m goes to may never close it
			// (keptUnclosed).
			for i, a := range call.Args {
				if v, ok := c.info.Uses[identOf(a)].(*types.Var); ok && !isChan(v.Type()) {
					if h, _ := c.wrappedIn(call, i, fn); h != nil && h != v && !slices.Contains(hs[v], h) {
						hs[v] = append(hs[v], h)
					}
				}
			}
			return
		}
		for _, el := range n.(*ast.CompositeLit).Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			note(el)
		}
	}
	if body := funcBody(fn); body != nil {
		if cur, ok := c.cursorAt(body); ok {
			for lit := range cur.Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
				visit(lit.Node())
			}
		} else {
			ast.Inspect(body, func(n ast.Node) bool {
				switch n.(type) {
				case *ast.CompositeLit, *ast.CallExpr:
					visit(n)
				}
				return true
			})
		}
	}
	if c.holders == nil {
		c.holders = make(map[ast.Node]map[*types.Var][]*types.Var)
	}
	c.holders[fn] = hs
	return hs[v]
}

// returnsOrStores reports whether n returns the value in v or stores it
// where it outlives the function (a field, a global, an element): a pipe's
// reader given over for good, not lent to a call that reads it
// (CopyFrom(ctx, r, sql)), which leaves the writer to its spawner.
func (c *checker) returnsOrStores(n ast.Node, v *types.Var) bool {
	// v itself, or inside the literals that carry it (&wrapped{ReadCloser: pr}).
	var is func(e ast.Expr) bool
	is = func(e ast.Expr) bool {
		switch x := unwrapValue(e).(type) {
		case *ast.UnaryExpr:
			return x.Op == token.AND && is(x.X)
		case *ast.CompositeLit:
			for _, el := range x.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				if is(el) {
					return true
				}
			}
			return false
		}
		p := pathOf(c.info, unwrapValue(e))
		return p.root == v && p.fields == ""
	}
	switch n := n.(type) {
	case *ast.ReturnStmt:
		return slices.ContainsFunc(n.Results, is)
	case *ast.AssignStmt:
		for i, r := range n.Rhs {
			if i < len(n.Lhs) && len(n.Lhs) == len(n.Rhs) && is(r) {
				if p := pathOf(c.info, placeBase(n.Lhs[i], false)); p.valid() && (p.fields != "" || isGlobal(p.root)) {
					return true
				}
				if _, ok := ast.Unparen(n.Lhs[i]).(*ast.IndexExpr); ok {
					return true
				}
			}
		}
	}
	return false
}

// handsOnAt reports whether n lets the value in v go (see handsOn),
// outside the go statement g. For a goroutine that sends on v (sends), a
// callee that can only send on it takes nothing (sendOnlyArg).
func (c *checker) handsOnAt(n ast.Node, v *types.Var, g ast.Node, sends bool) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if gs, ok := m.(*ast.GoStmt); ok && m != g && !found {
			found = c.closesOnExit(gs, v)
		}
		return !found
	})
	c.eachRef(n, func(r ref) {
		if found || r.path.root != v || r.path.fields != "" || within(r.expr, g) {
			return
		}
		switch r.kind {
		case useValue:
			found = !isCallee(r) && c.rangeOf(r.expr) == nil && !c.lentTo(r) && !(r.call != nil && c.recvsMaybe(r)) && !(sends && c.sendOnlyArg(r))
		case useGoArg:
			found = !(sends && (c.sendOnlyArg(r) || c.undrainedArg(r)))
		case useRuntimeArg:
			found = true
		}
	})
	return found
}

// undrainedArg reports whether r, a channel given to the function a go
// statement runs, is one that function only receives from, in a loop it
// may leave while more can come (for { select { case <-complete: ...;
// case <-ctx.Done(): return } }): a goroutine that sends on it is not
// taken care of by it.
func (c *checker) undrainedArg(r ref) bool {
	to := callee(c.info, r.call)
	i := slices.Index(r.call.Args, r.expr)
	if to == nil || to.Pkg() != c.pass.Pkg || i < 0 {
		return false
	}
	decl := c.decls[to.Origin()]
	sig, ok := to.Origin().Type().(*types.Signature)
	if decl == nil || decl.Body == nil || !ok || i >= sig.Params().Len() || sig.Variadic() && i == sig.Params().Len()-1 {
		return false
	}
	param := sig.Params().At(i)
	recvs, other := false, false
	ast.PreorderStack(decl.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == param {
			switch p := stack[len(stack)-1].(type) {
			case *ast.UnaryExpr:
				recvs = recvs || p.Op == token.ARROW
				other = other || p.Op != token.ARROW
			case *ast.RangeStmt:
				recvs = true
			default:
				other = true // passed on, stored, closed, sent on
			}
		}
		return !other
	})
	if !recvs || other {
		return false
	}
	if cur, ok := c.cursorOf(r.call); ok {
		if fn := enclosingFunc(cur); fn.Valid() && c.anyBuffer(r.path, fn.Node()) {
			return false // a buffer may hold what comes after it left
		}
	}
	return !c.drains(decl.Body, param)
}

// keptUnclosed reports whether n hands the channel v on only to functions
// of the package that keep it in a private field nothing in the package
// closes (r.Register(NewObserver(ch, nil)), the observer keeping ch in
// o.ch, which the registry only sends on): a range over v never ends.
func (c *checker) keptUnclosed(n ast.Node, v *types.Var) bool {
	handed, kept := false, true
	c.eachRef(n, func(r ref) {
		if !kept || r.path.root != v || r.path.fields != "" || r.kind != useValue || isCallee(r) {
			return
		}
		handed = true
		if r.call == nil {
			kept = false // returned, stored, sent: someone else's now
			return
		}
		f := callee(c.info, r.call)
		i := slices.Index(r.call.Args, r.expr)
		if f == nil || i < 0 || f.Pkg() != c.pass.Pkg {
			kept = false
			return
		}
		ix := c.fieldIndex()
		fields := c.paramFields(f, i)
		kept = len(fields) > 0 && !slices.ContainsFunc(fields, func(k fieldKey) bool {
			return !c.privateField(k) || ix.effects[k][effClose]
		})
	})
	return handed && kept
}

// paramFields returns the struct fields that fn stores its parameter i
// in (return &Observer{ch: ch}, o.ch = ch), when it does nothing else
// with it; nil otherwise.
func (c *checker) paramFields(fn *types.Func, i int) []fieldKey {
	decl := c.decls[fn.Origin()]
	sig := fn.Type().(*types.Signature)
	if decl == nil || decl.Body == nil || i >= sig.Params().Len() || sig.Variadic() && i == sig.Params().Len()-1 {
		return nil
	}
	param := sig.Params().At(i)
	var out []fieldKey
	other := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			named, ok := derefType(c.typeOf(n)).(*types.Named)
			for _, el := range n.Elts {
				kv, isKV := el.(*ast.KeyValueExpr)
				if !isKV {
					continue
				}
				key, isID := kv.Key.(*ast.Ident)
				if id, isVal := ast.Unparen(kv.Value).(*ast.Ident); isVal && isID && c.info.Uses[id] == param {
					if !ok {
						other = true
						return false
					}
					out = append(out, fieldKey{named.Obj(), key.Name})
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return true
			}
			for k, r := range n.Rhs {
				if id, isVal := ast.Unparen(r).(*ast.Ident); isVal && c.info.Uses[id] == param {
					key, ok := c.keyOf(pathOf(c.info, n.Lhs[k]))
					if !ok || key.field.owner == nil {
						other = true
						return false
					}
					out = append(out, key.field)
				}
			}
		}
		return true
	})
	// Every use of the parameter must be one of those stores.
	uses := 0
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == param {
			uses++
		}
		return true
	})
	if other || uses != len(out) {
		return nil
	}
	return out
}

// sendOnlyArg reports whether r is a channel given to a parameter that
// can only send on it (out chan<- T): the callee cannot receive what a
// goroutine sends there, so the join of a goroutine blocked on a send is
// not handed on with it (go fetch("a", out, errc) beside go fetch("b",
// out, errc)). It may close the channel, which ends a receiver: handsOnAt
// asks it only for a goroutine that sends.
func (c *checker) sendOnlyArg(r ref) bool {
	if r.call == nil {
		return false
	}
	i := slices.Index(r.call.Args, r.expr)
	tv, ok := c.info.Types[r.call.Fun]
	if i < 0 || !ok {
		return false
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() == 0 {
		return false
	}
	var t types.Type
	switch {
	case sig.Variadic() && i >= sig.Params().Len()-1:
		return false
	case i < sig.Params().Len():
		t = sig.Params().At(i).Type()
	default:
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	return ok && ch.Dir() == types.SendOnly
}

// closesOnExit reports whether the goroutine g starts is a literal that
// stops the value v as it ends (go func() { defer ch.Close(); io.Copy(ch,
// r) }()): v is its to close, handed on to it.
func (c *checker) closesOnExit(g *ast.GoStmt, v *types.Var) bool {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok {
		return false
	}
	return slices.ContainsFunc(lit.Body.List, func(s ast.Stmt) bool {
		d, ok := s.(*ast.DeferStmt)
		if !ok {
			return false
		}
		if isBuiltinCall(c.info, d.Call, "close") && len(d.Call.Args) == 1 {
			p := pathOf(c.info, d.Call.Args[0])
			return p.root == v && p.fields == ""
		}
		sel, ok := ast.Unparen(d.Call.Fun).(*ast.SelectorExpr)
		if !ok || !closerNames[sel.Sel.Name] || sel.Sel.Name == "Wait" {
			return false
		}
		p := pathOf(c.info, sel.X)
		return p.root == v && p.fields == ""
	})
}

// lentTo reports whether the reference r is an argument of a call of a
// function that only borrows it (borrowOf): it calls its methods and
// reads its fields, and never lets the value itself go (no passing on,
// storing, returning, capturing in a go statement's arguments), nor stops
// it. runWrite(w, t) that only calls w.messages.Add leaves w with its
// owner; so does a function of another package that its facts say
// borrows the value (enginetest.Check(t, e)).
func (c *checker) lentTo(r ref) bool {
	if r.call == nil || isChan(c.typeOf(r.expr)) {
		return false // a channel given to a helper is drained or closed there
	}
	if c.formatArg(r) {
		return true // log.Printf("closing %v", conn): printed, not taken
	}
	_, ok := c.borrowAt(r)
	return ok
}

// borrowAt returns, for a reference r that is an argument of a call,
// what borrowOf says of the parameter it is given to.
func (c *checker) borrowAt(r ref) ([]string, bool) {
	i := slices.Index(r.call.Args, r.expr)
	f := callee(c.info, r.call)
	if i < 0 || f == nil {
		return nil, false
	}
	return c.borrowOf(f, i)
}

// borrowOf reports whether fn only borrows its parameter i: it calls the
// value's methods, reads its fields, or lends it in turn to a function
// that borrows it, and neither stops it nor lets it go. It also returns
// the names of the methods called on the value, there and in the
// functions it is lent to (a call of one owed on it discharges the debt:
// callsOwed). A function of another package answers by its facts
// (ownFact.Borrows); a variadic parameter is never borrowed.
func (c *checker) borrowOf(fn *types.Func, i int) ([]string, bool) {
	fn = fn.Origin()
	sig := fn.Type().(*types.Signature)
	if i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 {
		return nil, false
	}
	if fn.Pkg() != c.pass.Pkg {
		if s := c.calleeSummary(fn); s != nil {
			for _, b := range s.borrows {
				if b.Param == i {
					return b.Methods, true
				}
			}
		}
		return nil, false
	}
	decl := c.decls[fn]
	if decl == nil || decl.Body == nil {
		return nil, false
	}
	key := fnIndex{fn, i}
	if b, ok := c.lent[key]; ok {
		return b.methods, b.ok
	}
	c.lent[key] = borrowing{} // in progress: a cycle borrows nothing
	methods, ok := c.borrows(fn, decl, i)
	c.lent[key] = borrowing{methods, ok}
	return methods, ok
}

// borrowedParams returns, for the fact of fn, the parameters borrowOf
// says it only borrows among those whose type has a stop method (Close,
// Stop...): the values a caller may owe a stop on.
func (c *checker) borrowedParams(fn *types.Func) []factBorrow {
	var out []factBorrow
	params := fn.Type().(*types.Signature).Params()
	for i := range params.Len() {
		t := params.At(i).Type()
		if isChan(t) || !c.hasStopMethod(t) {
			continue
		}
		if methods, ok := c.borrowOf(fn, i); ok {
			out = append(out, factBorrow{Param: i, Methods: methods})
		}
	}
	return out
}

// hasStopMethod reports whether values of type t have a method of
// closerNames or closeForms.
func (c *checker) hasStopMethod(t types.Type) bool {
	ms := c.methodSet(t)
	for i := range ms.Len() {
		if n := ms.At(i).Obj().Name(); closerNames[n] || closeForms[n] {
			return true
		}
	}
	return false
}

// escapingLits returns the function literals in body that may run after
// the function returns: all but those called where they are written
// (func() { ... }()), run as a subtest (t.Run(name, func(t *testing.T)
// { ... })) or as a nursery's body, or assigned to a local that is only
// ever called (check := func() { ... }; check()).
func (c *checker) escapingLits(body *ast.BlockStmt) []*ast.FuncLit {
	var out []*ast.FuncLit
	curs := c.funcCursors()
	ast.Inspect(body, func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok {
			return true
		}
		cur, ok := curs[lit]
		if !ok {
			out = append(out, lit)
			return true
		}
		switch par := cur.Parent().Node().(type) {
		case *ast.CallExpr:
			if _, async := cur.Parent().Parent().Node().(*ast.GoStmt); async {
				break
			}
			if ast.Unparen(par.Fun) == lit || isSubtestRun(callee(c.info, par)) || isNurseryRun(callee(c.info, par)) {
				return true
			}
		case *ast.AssignStmt:
			if len(par.Lhs) == 1 && len(par.Rhs) == 1 && par.Tok == token.DEFINE {
				if v, ok := c.info.Defs[identOf(par.Lhs[0])].(*types.Var); ok && c.onlyCalled(body, v, par.Lhs[0]) {
					return true
				}
			}
		}
		out = append(out, lit)
		return true
	})
	return out
}

// onlyCalled reports whether every use of v in body but its definition
// def calls it.
func (c *checker) onlyCalled(body ast.Node, v *types.Var, def ast.Expr) bool {
	only := true
	c.eachRef(body, func(r ref) {
		if only && r.path.root == v && r.expr != def && !isCallee(r) {
			only = false
		}
	})
	return only
}

// A borrowing is borrowOf's answer.
type borrowing struct {
	methods []string
	ok      bool
}

// borrows is borrowOf for a function of this package.
func (c *checker) borrows(f *types.Func, decl *ast.FuncDecl, i int) ([]string, bool) {
	p := f.Type().(*types.Signature).Params().At(i)
	if sum := c.summaryOf(f); sum == nil || slices.ContainsFunc(sum.effects, func(e effect) bool {
		return e.p.root == p && (e.kind == effStop || e.kind == effClose || e.kind == effCancel)
	}) {
		return nil, false // it stops what it is given: the stop goes with it
	}
	var methods []string
	add := func(names ...string) {
		for _, n := range names {
			if !slices.Contains(methods, n) {
				methods = append(methods, n)
			}
		}
	}
	borrowed := true
	escaping := c.escapingLits(decl.Body)
	c.eachRef(decl.Body, func(pr ref) {
		if !borrowed || pr.path.root != p || pr.path.fields != "" {
			return
		}
		switch pr.kind {
		case useMethod:
			if pr.method != nil {
				add(pr.method.Name())
			}
		case useValue:
			if isCallee(pr) || pr.call != nil && c.formatArg(pr) {
				return
			}
			if pr.call == nil || isChan(p.Type()) {
				borrowed = false
				return
			}
			if slices.ContainsFunc(escaping, func(lit *ast.FuncLit) bool { return within(pr.expr, lit) }) {
				// Lent from a function that may run after the call
				// (n.Go(func() { serve(ctx, c) })): it goes with it. Its
				// methods called there are still only calls.
				borrowed = false
				return
			}
			ms, ok := c.borrowAt(pr)
			borrowed = ok
			add(ms...)
		case useGoArg, useRuntimeArg, useAssigned:
			borrowed = false
		}
	})
	slices.Sort(methods)
	return methods, borrowed
}

// formatArg reports whether r is one of the arguments a call takes as a
// final ...any (log.Printf, l.Debugln, fmt.Errorf, slog's attributes):
// values to print or attach, which no such function keeps to stop.
func (c *checker) formatArg(r ref) bool {
	i := slices.Index(r.call.Args, r.expr)
	tv, ok := c.info.Types[r.call.Fun]
	if i < 0 || !ok || r.call.Ellipsis.IsValid() {
		return false
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	if !ok || !sig.Variadic() || i < sig.Params().Len()-1 {
		return false
	}
	last := sig.Params().At(sig.Params().Len() - 1).Type().(*types.Slice).Elem()
	iface, ok := last.Underlying().(*types.Interface)
	return ok && iface.Empty()
}

// argParam returns, for a reference r that is an argument of a call of a
// function of this package with a body, that function and the index of
// the (not variadic) parameter r is given to, and its declaration.
func (c *checker) argParam(r ref) (fnIndex, *ast.FuncDecl, bool) {
	i := slices.Index(r.call.Args, r.expr)
	f := callee(c.info, r.call)
	if i < 0 || f == nil || f.Pkg() != c.pass.Pkg {
		return fnIndex{}, nil, false
	}
	decl := c.decls[f.Origin()]
	sig := f.Origin().Type().(*types.Signature)
	if decl == nil || decl.Body == nil || i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 {
		return fnIndex{}, nil, false
	}
	return fnIndex{f.Origin(), i}, decl, true
}

// handsOn reports whether fn lets the value in v go: returns it, stores
// it in a field, global, map or slice, sends it, passes it to a call (not
// as the receiver of a method, nor to the twine runtime).
func (c *checker) handsOn(fn ast.Node, v *types.Var, cur inspector.Cursor) bool {
	found := false
	g := cur.Node()
	c.eachRef(funcBody(fn), func(r ref) {
		if found || r.path.root != v || r.path.fields != "" || within(r.expr, g) {
			return // the goroutine's own use of it is not handing it on
		}
		if r.kind == useValue && !isCallee(r) && c.rangeOf(r.expr) == nil {
			found = true
		}
	})
	return found
}

// explain describes the verdict on a go statement that is not reported.
func (c *checker) explain(j *goJoin) string {
	if j.how == "" {
		return "not reported"
	}
	return j.how
}

// deadBranch reports whether the statement at cur sits, within fn, in a
// branch of an if whose condition is a constant that rules it out:
// if runtime.GOOS == "windows" { go ... } in a build for linux.
func (c *checker) deadBranch(cur inspector.Cursor, fn ast.Node) bool {
	for p := cur; p.Node() != nil && p.Node() != fn; p = p.Parent() {
		ifs, ok := p.Parent().Node().(*ast.IfStmt)
		if !ok {
			continue
		}
		tv, ok := c.info.Types[ifs.Cond]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Bool {
			continue
		}
		v := constant.BoolVal(tv.Value)
		if p.Node() == ifs.Body && !v || p.Node() == ifs.Else && v {
			return true
		}
	}
	return false
}

// joinedAtHome reports whether the goroutine of j, whose every key is a
// channel parameter of its function that it sends on once, is joined by
// that function itself: it receives from the channel on every path on
// from the go statement, and hands it on nowhere after (go fetch(out),
// then a loop whose only return is the case that receives from out). The
// caller that passed the channel then owes nothing: the value is taken.
func (c *checker) joinedAtHome(j *goJoin, q flowQuery) bool {
	ft := funcType(j.fn)
	if ft == nil || ft.Params == nil {
		return false
	}
	for _, k := range j.keys {
		if k.kind != keyChan || k.multi || k.p.fields != "" || k.p.deref || !declaredIn(k.p.root, ft.Params) {
			return false
		}
	}
	saved := j.handoff
	leak, dead := q.end()
	handed := j.handoff != saved
	j.handoff = saved
	return leak == nil && dead == nil && !handed
}

// joinedLocally reports whether the goroutine of j, some of whose keys
// are the function's own (a channel it closes or sends on as it ends, a
// WaitGroup it is counted in) and some are not (a parameter it reads
// from), is joined through its own keys alone on every path on from g,
// without handing them on: then what it shares with the caller is not
// handed on with it, for it has ended before the function returns.
func (c *checker) joinedLocally(j *goJoin, g *ast.GoStmt, graph *cfg.CFG) bool {
	if graph == nil {
		return false
	}
	var own []joinKey
	for _, k := range j.keys {
		if (k.kind == keyWait || k.kind == keyChan) && c.localTo(k.p, j.fn) {
			own = append(own, k)
		}
	}
	if len(own) == 0 || len(own) == len(j.keys) {
		return false // nothing of the caller's, or nothing of its own
	}
	local := *j
	local.keys, local.handoff = own, nil
	q := c.joinQuery(&local, g, graph, false)
	q.isGoexit = c.goexit
	leak, dead := q.end()
	if leak == nil && dead == nil && c.locksBeforeBuffered(&local, g) {
		lq := c.joinQuery(&local, g, graph, true)
		lq.isGoexit = c.goexit
		leak = lq.leak()
	}
	return leak == nil && dead == nil && local.handoff == nil
}

// closedBlockless says how the goroutine of j, which waits on nothing
// (not even in code the pass cannot read) and only works on values with a
// stop method (go func() { if err := s.Serve(); err != nil { log.Fatal(err)
// } }(), a Serve that starts the server's loops and returns), is stopped:
// the function calls a stop method (Close, Shutdown, Stop...) of each on
// every path on from the go statement. "" when it does not.
func (c *checker) closedBlockless(j *goJoin, g *ast.GoStmt, graph *cfg.CFG) string {
	if graph == nil || j.opaque || len(j.blocks) > 0 || len(j.given) > 0 || len(j.keys) == 0 ||
		!c.waitsForNothing(c.goWalk(g, j.fn), g, j.fn, false) {
		return "" // for range sig, on a channel of its own, waits too
	}
	var hows []string
	for _, k := range j.keys {
		if k.kind != keyCloser && k.kind != keyOwner {
			return ""
		}
		var by string
		stops := func(n ast.Node) bool {
			found := false
			c.eachRefNoGo(n, func(r ref) { // a stop in another goroutine is not on the path
				if !found && r.kind == useMethod && r.path.equal(k.p) && closerNames[r.method.Name()] && r.method.Name() != "Wait" {
					found, by = true, k.name+"."+r.method.Name()+"()"
				}
			})
			return found
		}
		if !deferredBefore(c.info, funcBody(j.fn), g, stops) && (flowQuery{g: graph, from: g, used: stops}).leak() != nil {
			return ""
		}
		hows = append(hows, by)
	}
	return strings.Join(hows, ", ")
}

// leftToBuffer names the buffered channel of j's keys that a select after
// g receives from in one case while another case leaves without it: the
// goroutine is joined there only in that its send cannot block. "" when
// there is none.
func (c *checker) leftToBuffer(j *goJoin, g *ast.GoStmt) string {
	body := funcBody(j.fn)
	if body == nil {
		return ""
	}
	name := ""
	ast.Inspect(body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectStmt)
		if !ok || name != "" {
			return name == ""
		}
		if sel.Pos() < g.End() {
			return true
		}
		for _, k := range j.keys {
			if k.kind != keyChan || k.multi || !c.buffered(k.p, j.fn) {
				continue
			}
			takes, other := false, false
			for _, st := range sel.Body.List {
				cc := st.(*ast.CommClause)
				if u, ok := recvOperand(cc.Comm).(*ast.UnaryExpr); ok && pathOf(c.info, u.X).equal(k.p) {
					takes = true
				} else {
					other = true
				}
			}
			if takes && other {
				name = k.name
			}
		}
		return name == ""
	})
	return name
}

// roomForSends reports whether the channels made for field k have room
// for the one send the package writes on it, after which the sender
// leaves (a return later in the same block): a buffer used to keep a
// value (exitFd <- f; ...; return), sent once and never received.
func (c *checker) roomForSends(k fieldKey) bool {
	if n, ok := c.fieldCap(k); !ok || n == 0 {
		return false
	}
	var send *ast.SendStmt
	for _, r := range c.fieldRefs(k) {
		if r.kind != useSend {
			continue
		}
		s, ok := r.parent.(*ast.SendStmt)
		if !ok || send != nil {
			return false
		}
		send = s
	}
	if send == nil {
		return false
	}
	cur, ok := c.cursorOf(send)
	if !ok {
		return false
	}
	list, ok := cur.Parent().Node().(*ast.BlockStmt)
	if !ok {
		if cc, isCase := cur.Parent().Node().(*ast.CommClause); isCase {
			return slices.ContainsFunc(cc.Body, isReturn)
		}
		return false
	}
	i := slices.Index(list.List, ast.Stmt(send))
	if i == len(list.List)-1 {
		// The last statement of a function's body (go func() {
		// m.responses <- 42 }()): it returns after.
		switch cur.Parent().Parent().Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return true
		}
	}
	return i >= 0 && slices.ContainsFunc(list.List[i+1:], isReturn)
}

// roomForOwnSends reports whether the channel at p, field k of a value
// the spawner fn made itself (m := newMock()), has room for every send
// made on that value: every send on field k anywhere in the package is
// on a value the sending function made, so the sends on this one are
// fn's own, in no loop, and no more than the capacity (each test feeding
// its own mock's buffered reply channel once).
func (c *checker) roomForOwnSends(k fieldKey, p path, fn ast.Node) bool {
	n, ok := c.fieldCap(k)
	if !ok || n == 0 || p.fields != "."+k.field || !c.ownedLocal(p.root, fn) {
		return false
	}
	own := 0
	for _, r := range c.fieldRefs(k) {
		if r.kind != useSend {
			continue
		}
		cur, ok := c.cursorOf(r.expr)
		if !ok {
			return false
		}
		sender := inPlaceDecl(enclosingFunc(cur))
		for sender.Valid() {
			if _, lit := sender.Node().(*ast.FuncLit); !lit {
				break
			}
			sender = enclosingFunc(sender) // a goroutine's literal sends on its spawner's value
		}
		if !sender.Valid() || r.path.fields != "."+k.field || !c.ownedLocal(r.path.root, sender.Node()) {
			return false
		}
		if r.path.root == p.root {
			if inLoop(r.expr, funcBody(fn)) {
				return false
			}
			own++
		}
	}
	return own > 0 && own <= n
}

// roomForFreshSends reports whether the channel at p, field k, is made
// by fn just before it starts g (r.out = make(chan int, 2); go func() {
// ...; r.out <- v; r.out <- w }()) with room for every send made on field
// k anywhere in the package: all of them are the goroutine's own, in no
// loop, and no more than the capacity.
func (c *checker) roomForFreshSends(k fieldKey, p path, g *ast.GoStmt, fn ast.Node) bool {
	if p.fields != "."+k.field {
		return false
	}
	body, _ := c.goBody(g, fn)
	if body == nil {
		return false
	}
	n := -1
	ast.Inspect(funcBody(fn), func(m ast.Node) bool {
		if m == nil || m.Pos() >= g.Pos() {
			return false
		}
		as, ok := m.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if !pathOf(c.info, l).equal(p) {
				continue
			}
			n = -1
			if call, ok := ast.Unparen(as.Rhs[i]).(*ast.CallExpr); ok && isBuiltinCall(c.info, call, "make") && len(call.Args) == 2 {
				n = c.constInt(call.Args[1])
			}
		}
		return true
	})
	if n <= 0 {
		return false
	}
	for _, r := range c.fieldRefs(k) {
		if r.kind == useSend && !within(r.expr, body) {
			return false
		}
	}
	most := mostSends(body, func(s *ast.SendStmt) bool {
		q := pathOf(c.info, s.Chan)
		return q.fields == p.fields && q.root != nil && types.Identical(q.root.Type(), p.root.Type())
	})
	return most >= 0 && most <= n
}

// mostSends returns how many of the sends is picks out one run of n makes
// at most: the sends of a statement list add up, up to a return; of the
// branches of an if, a switch or a select, the most of any one counts.
// -1 when one of them is in a loop, or in a function literal: not
// counted.
func mostSends(n ast.Node, is func(*ast.SendStmt) bool) int {
	sum := func(list []ast.Stmt) int {
		total := 0
		for _, s := range list {
			k := mostSends(s, is)
			if k < 0 {
				return -1
			}
			total += k
			if _, ret := s.(*ast.ReturnStmt); ret {
				break
			}
		}
		return total
	}
	most := func(ns ...ast.Node) int {
		m := 0
		for _, x := range ns {
			if x == nil {
				continue
			}
			k := mostSends(x, is)
			if k < 0 {
				return -1
			}
			m = max(m, k)
		}
		return m
	}
	switch n := n.(type) {
	case *ast.BlockStmt:
		return sum(n.List)
	case *ast.CaseClause:
		return sum(n.Body)
	case *ast.CommClause:
		k := sum(n.Body)
		if s, ok := n.Comm.(*ast.SendStmt); ok && k >= 0 && is(s) {
			k++
		}
		return k
	case *ast.LabeledStmt:
		return mostSends(n.Stmt, is)
	case *ast.IfStmt:
		var els ast.Node
		if n.Else != nil {
			els = n.Else
		}
		return most(n.Body, els)
	case *ast.SwitchStmt:
		return most(n.Body)
	case *ast.TypeSwitchStmt:
		return most(n.Body)
	case *ast.SelectStmt:
		branches := make([]ast.Node, len(n.Body.List))
		for i, s := range n.Body.List {
			branches[i] = s
		}
		return most(branches...)
	case *ast.SendStmt:
		if is(n) {
			return 1
		}
		return 0
	}
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if s, ok := m.(*ast.SendStmt); ok && is(s) {
			found = true
		}
		return !found
	})
	if found {
		return -1 // in a loop, a literal, a defer
	}
	return 0
}

func isReturn(s ast.Stmt) bool {
	_, ok := s.(*ast.ReturnStmt)
	return ok
}

// tickerLoop returns, as a block nothing releases, a loop the goroutine of
// g runs over the channel of a time.Ticker or Timer with no way out (for
// range t.C, nothing in its body leaving it): the runtime never closes
// that channel, and Stop does not, so the goroutine never ends, whatever
// its owner stops. So does a loop with no condition and no way out (for
// { time.Sleep(d); sample() }). nil when it runs none.
func (c *checker) tickerLoop(g *ast.GoStmt, fn ast.Node) *block {
	body, _ := c.goBody(g, fn)
	if body == nil {
		return nil
	}
	for _, s := range body.List {
		if fs, ok := s.(*ast.ForStmt); ok && fs.Cond == nil {
			// for { time.Sleep(d); c.ticks++ }: nothing leaves it.
			if ex := c.loopExits(fs.Body); len(ex.cases) == 0 && !ex.free {
				return &block{node: fs}
			}
			continue
		}
		rs, ok := s.(*ast.RangeStmt)
		if !ok {
			continue
		}
		sel, ok := ast.Unparen(rs.X).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "C" {
			continue
		}
		if t := c.typeOf(sel.X); !isNamed(t, "time", "Ticker") && !isNamed(t, "time", "Timer") {
			continue
		}
		if ex := c.loopExits(rs.Body); len(ex.cases) == 0 && !ex.free {
			return &block{node: rs}
		}
	}
	return nil
}

// alwaysFailed reports whether e is a local of fn that only ever holds
// the error of a call documented to return one that is never nil: a
// server's ListenAndServe, Serve and their TLS forms, which return only
// when the server fails or is shut down (http.ErrServerClosed).
func (c *checker) alwaysFailed(e ast.Expr, fn ast.Node) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !isErrorType(v.Type()) || !declaredIn(v, funcBody(fn)) {
		return false
	}
	sets, failing := 0, true
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && pathOf(c.info, u.X).root == v {
				failing = false
			}
			return failing
		}
		for i, l := range as.Lhs {
			lid, ok := l.(*ast.Ident)
			if !ok || c.info.Defs[lid] != v && c.info.Uses[lid] != v {
				continue
			}
			sets++
			call, ok := ast.Unparen(as.Rhs[min(i, len(as.Rhs)-1)]).(*ast.CallExpr)
			failing = failing && ok && len(as.Rhs) == len(as.Lhs) && neverNilError(callee(c.info, call))
		}
		return failing
	})
	return failing && sets > 0
}

// neverNilError reports whether fn always returns a non-nil error.
func neverNilError(fn *types.Func) bool {
	return isFunc(fn, "net/http", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") ||
		isMethod(fn, "net/http", "Server", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS")
}

// rangeNeverEnds reports whether the range rs over a channel is never
// left because the channel was closed: a timer's or ticker's channel
// (time.Tick(d)), or one nothing in the package closes.
func (c *checker) rangeNeverEnds(rs *ast.RangeStmt) bool {
	if !isChan(c.typeOf(rs.X)) {
		return false
	}
	if c.bounded(rs.X) {
		return true
	}
	a, ok := c.recvAlt(rs.X)
	return ok && a.kind == altRecv && !c.releasableBy(a, []effKind{effClose})
}

// callNeverReturns reports whether n is a statement calling a function of
// the package that never returns (neverReturns), or of another package
// whose fact says so, or, outside tests, a receive from a channel made in
// place (<-make(chan struct{}), which nothing can send on or close).
func (c *checker) callNeverReturns(n ast.Node) bool {
	s, ok := n.(*ast.ExprStmt)
	if !ok {
		return false
	}
	if u, ok := ast.Unparen(s.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		// <-make(chan struct{}): a channel no one else holds, as select
		// {}: a program that parks for ever. Not in a test, where parking
		// for ever is the hang under test, not the process's life.
		mk, ok := ast.Unparen(u.X).(*ast.CallExpr)
		return ok && isBuiltinCall(c.info, mk, "make") && !c.tests[c.pass.Fset.File(s.Pos())]
	}
	call, ok := ast.Unparen(s.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	f := callee(c.info, call)
	switch {
	case f == nil || f.Pkg() == nil:
		return false
	case f.Pkg() == c.pass.Pkg:
		return c.neverReturns(f) || c.rangesGivenForever(f, call)
	}
	fact := new(ownFact)
	return c.pass.ImportObjectFact(f.Origin(), fact) && fact.Endless
}

// fatalEvent reports whether call sends a fatal or panic event of a
// structured logger: log.Fatal().Err(err).Msg("..."), whose Msg (or Msgf,
// Send, MsgFunc) exits the process or panics once the chain began with
// Fatal() or Panic() on a logger and builds an *Event.
func (c *checker) fatalEvent(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	switch sel.Sel.Name {
	case "Msg", "Msgf", "Send", "MsgFunc":
	default:
		return false
	}
	for e := ast.Unparen(sel.X); ; {
		inner, ok := e.(*ast.CallExpr)
		if !ok {
			return false
		}
		isel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if (isel.Sel.Name == "Fatal" || isel.Sel.Name == "Panic") && len(inner.Args) == 0 {
			named, ok := types.Unalias(derefType(c.typeOf(inner))).(*types.Named)
			return ok && named.Obj().Name() == "Event"
		}
		e = ast.Unparen(isel.X)
	}
}

// rangesGivenForever reports whether f, a function of the package, ends
// only when a channel parameter it ranges over is closed, and the call
// gives it one nothing closes (LogScaled's own ch, made and never closed,
// given to LogScaledOnCue, which ranges over it).
func (c *checker) rangesGivenForever(f *types.Func, call *ast.CallExpr) bool {
	d := c.decls[f.Origin()]
	if d == nil || d.Body == nil || call.Ellipsis.IsValid() || c.asking[f.Origin()] {
		return false // while it is asked: a recursive call returns
	}
	if c.asking == nil {
		c.asking = make(map[*types.Func]bool)
	}
	c.asking[f.Origin()] = true
	defer delete(c.asking, f.Origin())
	params := f.Type().(*types.Signature).Params()
	forever := func(rs *ast.RangeStmt) bool {
		if c.rangeNeverEnds(rs) {
			return true
		}
		id, ok := ast.Unparen(rs.X).(*ast.Ident)
		if !ok {
			return false
		}
		for i := range params.Len() {
			if params.At(i) == c.info.Uses[id] && i < len(call.Args) && !c.changedVars(d)[params.At(i)] {
				return !c.closesParam(d.Body, params.At(i)) && c.neverClosedLocal(call.Args[i], call)
			}
		}
		return false
	}
	return !c.returnsWith(d, forever)
}

// neverClosedLocal reports whether e, at call, is a channel local to the
// function around call that nothing closes: not that function, nor any
// function literal or function of the package it is given to.
func (c *checker) neverClosedLocal(e ast.Expr, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || !isChan(c.typeOf(e)) {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	cur, found := c.cursorOf(call)
	if !ok || !found {
		return false
	}
	fn := enclosingFunc(cur)
	if !fn.Valid() || !declaredIn(v, funcBody(fn.Node())) || !c.onlyMade(v, funcBody(fn.Node())) {
		return false
	}
	never := true
	ast.Inspect(funcBody(fn.Node()), func(n ast.Node) bool {
		cl, ok := n.(*ast.CallExpr)
		if !ok || !never {
			return never
		}
		for i, a := range cl.Args {
			if x, ok := ast.Unparen(a).(*ast.Ident); !ok || c.info.Uses[x] != v {
				continue
			}
			if isBuiltinCall(c.info, cl, "close") {
				never = false
				break
			}
			var body *ast.BlockStmt
			var ps *types.Tuple
			if lit, ok := ast.Unparen(cl.Fun).(*ast.FuncLit); ok {
				body = lit.Body
				if sig, ok := c.typeOf(lit).(*types.Signature); ok {
					ps = sig.Params()
				}
			} else if f := callee(c.info, cl); f != nil && c.decls[f.Origin()] != nil && c.decls[f.Origin()].Body != nil {
				body, ps = c.decls[f.Origin()].Body, f.Type().(*types.Signature).Params()
			}
			if body == nil || ps == nil || i >= ps.Len() || c.closesParam(body, ps.At(i)) {
				never = false // given where it may be closed
				break
			}
		}
		return never
	})
	return never
}

// closesParam reports whether body closes the channel parameter v.
func (c *checker) closesParam(body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if cl, ok := n.(*ast.CallExpr); ok && isBuiltinCall(c.info, cl, "close") && len(cl.Args) == 1 {
			if x, ok := ast.Unparen(cl.Args[0]).(*ast.Ident); ok && c.info.Uses[x] == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// neverReturns reports whether f, a function of the package, has no path
// from its entry to a return: it loops for ever, ranges over a channel
// nothing closes (report(d) ranging over time.Tick(d)), or ends each path
// in a call that never returns.
func (c *checker) neverReturns(f *types.Func) bool {
	f = f.Origin()
	if r, ok := c.noReturns[f]; ok {
		return r
	}
	if c.noReturns == nil {
		c.noReturns = make(map[*types.Func]bool)
	}
	c.noReturns[f] = false // while it is asked: a recursive call returns
	d := c.decls[f]
	if d == nil || d.Body == nil {
		return false
	}
	returns := c.returnsWith(d, c.rangeNeverEnds)
	c.noReturns[f] = !returns
	return !returns
}

// returnsWith reports whether the function d has a path from its entry to
// a return: not through a statement calling a function that never
// returns, a wait on nothing, or the end of a range that forever says
// never ends (a break inside it still leaves it).
func (c *checker) returnsWith(d *ast.FuncDecl, forever func(*ast.RangeStmt) bool) bool {
	graph := c.cfgOf(d)
	if graph == nil || len(graph.Blocks) == 0 {
		return true
	}
	return c.firstReturnBy(graph, c.callNeverReturns, forever, nil) != nil
}

// firstReturn is firstReturnBy for ranges nothing ends (rangeNeverEnds).
func (c *checker) firstReturn(graph *cfg.CFG, stop func(ast.Node) bool, succs func(*cfg.Block, []*cfg.Block) []*cfg.Block) *ast.ReturnStmt {
	return c.firstReturnBy(graph, stop, c.rangeNeverEnds, succs)
}

// firstReturnBy walks graph from its entry and returns a return reached
// on a path with no node stop accepts and no wait on nothing, or nil. A
// range forever says never ends is left only by a break or a return
// inside; succs, when set, may prune the successors of a block.
func (c *checker) firstReturnBy(graph *cfg.CFG, stop func(ast.Node) bool, forever func(*ast.RangeStmt) bool, succs func(*cfg.Block, []*cfg.Block) []*cfg.Block) *ast.ReturnStmt {
	seen := make(map[*cfg.Block]bool)
	stack := []*cfg.Block{graph.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] || slices.ContainsFunc(b.Nodes, stop) || foreverIn(b) {
			continue
		}
		seen[b] = true
		if ret := b.Return(); ret != nil {
			return ret
		}
		next := b.Succs
		if rs, ok := b.Stmt.(*ast.RangeStmt); ok && b.Kind == cfg.KindRangeLoop && forever(rs) {
			next = rangeBodyOnly(b) // a break still leaves it
		}
		if succs != nil {
			next = succs(b, next)
		}
		stack = append(stack, next...)
	}
	return nil
}

// neverFails reports whether f, which returns an error last, returns nil
// for it on every return: (*Session).Start() error { ...; return nil }.
// A caller's `if err := s.Start(); err != nil { return }` never takes
// its branch. Known by reading f in this package, by its fact otherwise.
func (c *checker) neverFails(f *types.Func) bool {
	f = f.Origin()
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Results().Len() == 0 || !isErrorType(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false
	}
	if f.Pkg() != c.pass.Pkg {
		s := c.calleeSummary(f)
		return s != nil && s.neverFails
	}
	if r, ok := c.noFails[f]; ok {
		return r
	}
	if c.noFails == nil {
		c.noFails = make(map[*types.Func]bool)
	}
	d := c.decls[f]
	if d == nil || d.Body == nil {
		return false
	}
	last := sig.Results().Len() - 1
	rets, ok := 0, true
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			rets++
			if len(n.Results) != sig.Results().Len() || !isNilIdent(n.Results[last]) {
				ok = false // a bare return, an error passed on, or one made
			}
		}
		return ok
	})
	c.noFails[f] = ok && rets > 0
	return c.noFails[f]
}

// refersTo reports whether n uses the variable v anywhere.
func refersTo(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// isNil reports whether e is the predeclared nil.
func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// reassigns reports whether n assigns the variable v itself (not a field
// of it: v = x, v++), or, with addr, takes its address.
func (c *checker) reassigns(n ast.Node, v *types.Var, addr bool) bool {
	return c.assignsVar(n, v, addr, true)
}

// assignsVar is reassigns, counting the statement that declares v (size,
// rounds := 2, 100) only with decl.
func (c *checker) assignsVar(n ast.Node, v *types.Var, addr, decl bool) bool {
	if n == nil {
		return false
	}
	assigned := false
	ast.Inspect(n, func(m ast.Node) bool {
		if s, ok := m.(*ast.IncDecStmt); ok {
			if p := pathOf(c.info, s.X); p.root == v && p.fields == "" {
				assigned = true
			}
		}
		lhs, _ := assignment(m)
		for _, l := range lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok && !decl && c.info.Defs[id] == v {
				continue // the declaration itself
			}
			if p := pathOf(c.info, l); p.root == v && p.fields == "" {
				assigned = true
			}
		}
		if u, ok := m.(*ast.UnaryExpr); addr && ok && u.Op == token.AND && pathOf(c.info, u.X).root == v {
			assigned = true
		}
		return !assigned
	})
	return assigned
}

// reboundArgs returns the local variables of fn given as arguments of the
// go statement g (go watch(j)) that b waits on and that fn assigns anew
// somewhere (j = start()): the goroutine holds the value they had at g.
func (c *checker) reboundArgs(g *ast.GoStmt, fn ast.Node, b block) []*types.Var {
	body := funcBody(fn)
	var out []*types.Var
	for _, a := range g.Call.Args {
		p := pathOf(c.info, a)
		if !p.valid() || p.fields != "" || isGlobal(p.root) || !declaredIn(p.root, body) || slices.Contains(out, p.root) {
			continue
		}
		if !slices.ContainsFunc(b.alts, func(x alt) bool { return x.p.root == p.root }) {
			continue
		}
		reassigned := false
		ast.Inspect(body, func(n ast.Node) bool {
			reassigned = reassigned || c.rebinds(n, []*types.Var{p.root})
			return !reassigned
		})
		if reassigned {
			out = append(out, p.root)
		}
	}
	return out
}

// rebinds reports whether n gives one of vs a new value: an assignment
// with =, not the declaration (a := in a loop makes a new variable each
// time round).
func (c *checker) rebinds(n ast.Node, vs []*types.Var) bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok || as.Tok == token.DEFINE {
		return false
	}
	return slices.ContainsFunc(as.Lhs, func(l ast.Expr) bool {
		p := pathOf(c.info, l)
		return p.fields == "" && slices.Contains(vs, p.root)
	})
}

// reboundFirst returns the assignment at which, from g, a path gives one
// of vs a new value before used releases it, if one does: a stop deferred
// before g, which runs on the variable's last value, does not release the
// value g was given.
func (c *checker) reboundFirst(graph *cfg.CFG, g ast.Node, used func(ast.Node) bool, vs []*types.Var) ast.Node {
	if len(vs) == 0 || graph == nil {
		return nil
	}
	q := flowQuery{g: graph, from: g, killed: func(n ast.Node) bool { return c.rebinds(n, vs) },
		used: func(n ast.Node) bool {
			_, ret := n.(*ast.ReturnStmt)
			return ret || used(n) // at a return the deferred stop runs on the value g has
		}}
	if n := q.search(false); n != nil && c.rebinds(n, vs) {
		return n
	}
	return nil
}

// isAssign reports whether n is an assignment (a path's end at a variable
// given a new value, reboundArgs).
func (c *checker) isAssign(n ast.Node) bool {
	_, ok := n.(*ast.AssignStmt)
	return ok
}
