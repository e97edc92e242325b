package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// This file follows what a goroutine does once it is released. A reader
// that Open starts on the connection it was given ends when its caller
// closes that connection, and on its way out it runs the shutdown that
// closes what Open's other goroutines wait on. The caller that closes the
// connection has stopped them all, though it called none of the value's
// stopping methods: a stop recognised by its effect, through the
// goroutines it ends.

// An exitEffect is an effect a goroutine has once it is released and
// ends (its deferred closes, the shutdown it calls on its way out), on the
// value at target (as an obligation's: -1 the receiver, i >= 0 parameter
// i, result(i)) and fields below it.
type exitEffect struct {
	target int
	fields string
	kind   effKind
}

// argStopOf returns, for the goroutine g that fd starts and hands on to
// nobody, an argStop: a goroutine that ends when whoever passed parameter
// i stops it (argEndsOf), or every block of which waits on parameter i
// (a channel it receives from), and whose exits are worth telling fd's
// callers. ok is false otherwise.
func (c *checker) argStopOf(fd *ast.FuncDecl, fn *types.Func, g *ast.GoStmt, j *goJoin) (obligation, bool) {
	exits := c.exitsOf(fd, fn, g)
	if len(exits) == 0 {
		return obligation{}, false // ending it releases nothing of the caller's
	}
	o := obligation{kind: obStop, exits: exits, goStmt: g, at: c.factPos(g), runs: c.goCallee(g)}
	if i := c.argEndsOf(fn, g, j); i > 0 {
		o.target, o.argEnds = i-1, i
		return o, true
	}
	sig := fn.Type().(*types.Signature)
	param := -1
	for _, b := range j.blocks {
		if b.inner || slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altWait }) {
			continue
		}
		var alts []release
		for _, a := range b.alts {
			i := paramIndex(sig, a.p.root)
			if i < 0 || param >= 0 && i != param || a.kind != altRecv {
				continue
			}
			param = i
			alts = append(alts, release{kinds: []effKind{effClose}, fields: a.p.fields})
		}
		if len(alts) == 0 {
			return obligation{}, false
		}
		o.needs = append(o.needs, alts)
	}
	if len(o.needs) == 0 {
		return obligation{}, false
	}
	o.target = param
	return o, true
}

// argEndsOf returns 1+i when the goroutine of g, started by fn, reads or
// writes fn's parameter i, a value with a stop method: stopping it makes
// the goroutine's call fail, and a goroutine that does I/O on a
// connection ends when it fails (go c.reader(conn) in Open(conn), or
// go cc.read() reading cc.c, where cc := &conn{c: conn}). Or
// when parameter i is a context every block of the goroutine leaves when
// it is done (go func() { errc <- s.Serve(ctx) }(), the result buffered):
// cancelling it ends the goroutine. 0 when there is none.
func (c *checker) argEndsOf(fn *types.Func, g *ast.GoStmt, j *goJoin) int {
	sig := fn.Type().(*types.Signature)
	fd := c.decls[fn]
	for _, b := range j.blocks {
		for _, a := range b.alts {
			if a.kind != altIO {
				continue
			}
			if i := paramIndex(sig, a.p.root); i >= 0 {
				return i + 1
			}
			// cc := &conn{c: c}; go cc.read(): cc.c is the parameter c.
			if fd != nil && fd.Body != nil {
				if q := c.fieldFromParam(fd, fn, a.p); q.fields == "" {
					if i := paramIndex(sig, q.root); i >= 0 {
						return i + 1
					}
				}
			}
		}
	}
	if i := c.paramEnds(sig, j.blocks); i >= 0 {
		return i + 1
	}
	to := callee(c.info, g.Call)
	if to == nil {
		return 0
	}
	tsig := to.Type().(*types.Signature)
	for k, a := range g.Call.Args {
		p := pathOf(c.info, a)
		if !p.valid() || p.fields != "" || k >= tsig.Params().Len() {
			continue
		}
		if i := paramIndex(sig, p.root); i >= 0 && c.stoppable(p.root.Type()) && c.doesIO(tsig.Params().At(k).Type()) {
			return i + 1
		}
	}
	return 0
}

// derivedFromParam returns the context parameter of sig that the local
// context ctx derives from, so that it is done when that is; -1 if none.
func (c *checker) derivedFromParam(sig *types.Signature, ctx path) int {
	k, ok := c.keyOf(ctx)
	if !ok {
		return -1
	}
	from := c.relation().contexts(k)
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if isContextType(p.Type()) && from[cancelKey{v: p}] {
			return i
		}
	}
	return -1
}

// paramEnds returns the index of the parameter of sig that every one of
// blocks can leave when it is done: a context, or a channel it receives
// from until it is closed (for ev := range events). -1 when there is none.
// A block may be left by more than one (select { case v, ok := <-in:
// case <-ctx.Done(): }); the one every block can be left by counts, a
// context before a channel, else the first.
func (c *checker) paramEnds(sig *types.Signature, blocks []block) int {
	var common []int
	first := true
	for _, b := range blocks {
		if b.inner {
			continue
		}
		var ends []int
		for _, a := range b.alts {
			k := paramIndex(sig, a.p.root)
			if k < 0 && a.kind == altDone && a.p.fields == "" {
				k = c.derivedFromParam(sig, a.p) // ctx, ok, stopped := s.StartInit(ctx)
			}
			if (a.kind == altDone || a.kind == altRecv) && a.p.fields == "" && k >= 0 && !slices.Contains(ends, k) {
				ends = append(ends, k)
			}
		}
		if first {
			common, first = ends, false
		} else {
			common = slices.DeleteFunc(common, func(k int) bool { return !slices.Contains(ends, k) })
		}
		if len(common) == 0 {
			return -1
		}
	}
	if len(common) == 0 {
		return -1
	}
	for _, k := range common {
		if isContextType(sig.Params().At(k).Type()) {
			return k // a context first: cancelling it ends every wait at once
		}
	}
	return common[0]
}

// argStopped reports whether the caller fn stops, on every path on from
// call (or in a defer before it), the argument whose stop ends the
// goroutine of o (o.argEnds): it cancels the context it gave, or closes
// the connection. Whatever else o asks of it (the receive from a result
// channel with room for the result) is then not needed.
func (c *checker) argStopped(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, to *types.Func, o obligation) bool {
	if o.argEnds == 0 {
		return false
	}
	e := c.obligationExpr(call, to, obligation{target: o.argEnds - 1})
	if e == nil {
		return false
	}
	if body := funcBody(fn); body != nil && isContextType(c.typeOf(e)) && c.testBoundExpr(body, e, nil, 0) {
		return true // NewStore(t.Context()): the test's end cancels it
	}
	a := alt{kind: altIO, p: pathOf(c.info, e)}
	if !a.p.valid() || !c.localTo(a.p, fn) {
		return false
	}
	if a.p.fields == "" && c.tests[c.pass.Fset.File(call.Pos())] && c.peerConn(a.p.root, fn) {
		// In a test, a connection the test's server accepted: what reads
		// it ends when the client under test closes its end (servesPeer).
		return true
	}
	switch t := c.typeOf(e); {
	case isContextType(t):
		a.kind = altDone
	case isChan(t):
		a.kind = altRecv
	}
	// What the caller's calls started, and ends as it goes, counts too:
	// zk.Close() ends the goroutine Connect started, which closes the
	// event channel Connect returned.
	growers := c.growersIn(fn)
	used := func(n ast.Node) bool {
		if g, ok := n.(*ast.GoStmt); ok {
			return c.goDoes(g, fn, a) // go func() { cancel() }()
		}
		es := c.effectsAt(n)
		for range 2 {
			for _, g := range growers {
				es, _ = g(es)
			}
		}
		return slices.ContainsFunc(es, func(e effect) bool { return c.releases(e, a) })
	}
	stmt := c.stmtOf(cur)
	return deferredBefore(c.info, funcBody(fn), stmt, used) || (flowQuery{g: c.cfgOf(fn), from: stmt, used: used}).leak() == nil
}

// goDoes reports whether the goroutine of g, started by fn, releases a
// for certain: a literal that waits on nothing and releases it in a
// statement of its body (go func() { time.Sleep(d); cancel() }()).
func (c *checker) goDoes(g *ast.GoStmt, fn ast.Node, a alt) bool {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok {
		return false
	}
	if blocks, opaque := c.goBlocks(g, fn); opaque || len(blocks) > 0 {
		return false
	}
	return slices.ContainsFunc(lit.Body.List, func(s ast.Stmt) bool {
		switch s.(type) {
		case *ast.ExprStmt, *ast.DeferStmt:
			return slices.ContainsFunc(c.effectsAt(s), func(e effect) bool { return c.releases(e, a) })
		}
		return false
	})
}

// returnedPathAs returns the index of the result at which fd returns the
// path p (return c, c.events), or -1.
func (c *checker) returnedPathAs(fd *ast.FuncDecl, p path) int {
	index := -1
	eachReturn(fd.Body, func(ret *ast.ReturnStmt) bool {
		for i, e := range ret.Results {
			if pathOf(c.info, e).equal(p) && index < 0 {
				index = i
			}
		}
		return index < 0
	})
	return index
}

// growersIn returns the growers (exitGrowth) of the calls fn makes whose
// goroutines do something as they end, once per function.
func (c *checker) growersIn(fn ast.Node) []grower {
	if gs, ok := c.growers[fn]; ok {
		return gs
	}
	var gs []grower
	eachOwnCall(funcBody(fn), func(call *ast.CallExpr) {
		if to := callee(c.info, call); to != nil {
			if g := c.exitGrowth(call, to); g != nil {
				gs = append(gs, g)
			}
		}
	})
	c.growers[fn] = gs
	return gs
}

// doesIO reports whether values of type t have a method that reads or
// writes (an io.Reader, a net.Conn).
func (c *checker) doesIO(t types.Type) bool {
	ms := c.methodSet(t)
	for i := 0; i < ms.Len(); i++ {
		if name := ms.At(i).Obj().Name(); strings.HasPrefix(name, "Read") || strings.HasPrefix(name, "Write") {
			return true
		}
	}
	return false
}

// paramIndex returns the index of v among the parameters of sig, or -1.
func paramIndex(sig *types.Signature, v *types.Var) int {
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == v {
			return i
		}
	}
	return -1
}

// exitsOf returns what the goroutine of g, started by fd, does as it
// ends, in the terms of fd's callers: the effects of what it runs outside
// its loops, in its defers, and in the branches that return.
func (c *checker) exitsOf(fd *ast.FuncDecl, fn *types.Func, g *ast.GoStmt) []exitEffect {
	var es []effect
	if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		es = c.exitEffectsIn(lit.Body)
	} else if to := callee(c.info, g.Call); to != nil {
		decl := c.decls[to.Origin()]
		if decl == nil || decl.Body == nil {
			return nil
		}
		for _, e := range c.exitEffectsIn(decl.Body) {
			if p, ok := c.bindPath(to, g.Call, e.p); ok {
				es = append(es, effect{e.kind, p})
			}
		}
	}
	var out []exitEffect
	for _, e := range es {
		if e.kind != effClose && e.kind != effStop && e.kind != effCancel {
			continue // what releases a wait on it
		}
		add := func(x exitEffect) {
			if !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
		if l, ok := c.lift(fd, fn, e.p, obStop); ok {
			add(exitEffect{target: l.target, fields: l.fields, kind: e.kind})
		}
		// close(c.events), where fd returns c.events too (return c,
		// c.events), or c := &Conn{events: ec} and returns ec: the caller
		// knows it as that result.
		if e.p.fields != "" {
			if i := c.returnedPathAs(fd, e.p); i >= 0 {
				add(exitEffect{target: result(i), kind: e.kind})
			} else if alias := c.fieldAlias(e.p, fd); alias != nil {
				if i := c.returnedAs(fd, alias); i >= 0 {
					add(exitEffect{target: result(i), kind: e.kind})
				}
			}
		}
	}
	return out
}

// exitEffectsIn returns the effects of a goroutine's body that happen as
// it ends: those of its statements outside loops, of its defers, and of
// the blocks that end in a return (if err != nil { c.shutdown(); return }).
func (c *checker) exitEffectsIn(body *ast.BlockStmt) []effect {
	var out []effect
	note := func(k effKind, p path) {
		if p.valid() {
			out = append(out, effect{k, p})
		}
	}
	expr := func(loop bool, ns ...ast.Node) {
		for _, n := range ns {
			if !loop && n != nil {
				c.walkEffects(n, false, note)
			}
		}
	}
	var stmts func(list []ast.Stmt, loop bool)
	var stmt func(s ast.Stmt, loop bool)
	stmts = func(list []ast.Stmt, loop bool) {
		if n := len(list); n > 0 {
			if _, ok := list[n-1].(*ast.ReturnStmt); ok {
				loop = false // this block ends the goroutine
			}
		}
		for _, s := range list {
			stmt(s, loop)
		}
	}
	stmt = func(s ast.Stmt, loop bool) {
		switch s := s.(type) {
		case *ast.DeferStmt:
			c.walkEffects(s, false, note)
		case *ast.ForStmt:
			stmts(s.Body.List, true)
		case *ast.RangeStmt:
			stmts(s.Body.List, true)
		case *ast.BlockStmt:
			stmts(s.List, loop)
		case *ast.LabeledStmt:
			stmt(s.Stmt, loop)
		case *ast.IfStmt:
			expr(loop, s.Init, s.Cond)
			stmts(s.Body.List, loop)
			if s.Else != nil {
				stmt(s.Else, loop)
			}
		case *ast.SwitchStmt:
			expr(loop, s.Init, s.Tag)
			for _, cl := range s.Body.List {
				stmts(cl.(*ast.CaseClause).Body, loop)
			}
		case *ast.TypeSwitchStmt:
			for _, cl := range s.Body.List {
				stmts(cl.(*ast.CaseClause).Body, loop)
			}
		case *ast.SelectStmt:
			for _, cl := range s.Body.List {
				stmts(cl.(*ast.CommClause).Body, loop)
			}
		default:
			expr(loop, s)
		}
	}
	stmts(body.List, false)
	return out
}

// liftExits maps the exits of a goroutine of to, called by fn (declared
// by fd) at call, to fn's callers; those on values fn keeps to itself are
// dropped.
func (c *checker) liftExits(fd *ast.FuncDecl, fn *types.Func, call *ast.CallExpr, to *types.Func, exits []exitEffect) []exitEffect {
	var out []exitEffect
	for _, x := range exits {
		var l obligation
		if i, fields, ok := c.returnedInPlace(call, obligation{target: x.target}); ok {
			l = obligation{target: result(i), fields: fields + x.fields}
		} else {
			p := c.targetPath(call, to, x.target)
			if !p.valid() {
				continue
			}
			p.fields += x.fields
			if l, ok = c.lift(fd, fn, p, obStop); !ok {
				continue
			}
		}
		if strings.Count(l.fields, ".") > maxObligationDepth {
			continue
		}
		out = append(out, exitEffect{target: l.target, fields: l.fields, kind: x.kind})
	}
	return out
}

// targetPath returns the path, in the caller's terms, of what target
// (as an obligation's) denotes at call: the receiver, an argument, or
// the variable a result is assigned to.
func (c *checker) targetPath(call *ast.CallExpr, to *types.Func, target int) path {
	o := obligation{target: target}
	if e := c.obligationExpr(call, to, o); e != nil {
		return pathOf(c.info, e)
	}
	return c.assignedPath(call, o)
}

// liftArgStops hands the argStops of to on to fn, a function that passes
// its own parameter as the argument they end with (a Dial wrapping Open),
// and reports whether fn has new ones.
func (c *checker) liftArgStops(fd *ast.FuncDecl, fn *types.Func, call *ast.CallExpr, to *types.Func) (changed bool) {
	for _, a := range c.argStopsOf(to) {
		i, fields := c.liftedParam(fn, call, to, a.target)
		if i < 0 || a.argEnds > 0 && fields != "" {
			continue
		}
		lifted := a
		lifted.target = i
		if a.argEnds > 0 {
			lifted.argEnds = i + 1
		}
		lifted.needs = nil
		for _, alts := range a.needs {
			var rs []release
			for _, r := range alts {
				r.fields = fields + r.fields
				rs = append(rs, r)
			}
			lifted.needs = append(lifted.needs, rs)
		}
		lifted.exits = c.liftExits(fd, fn, call, to, a.exits)
		if len(lifted.exits) == 0 {
			continue
		}
		n := len(c.argStops[fn])
		c.argStops[fn] = appendObligation(c.argStops[fn], lifted)
		changed = changed || len(c.argStops[fn]) != n
	}
	return changed
}

// liftedParam returns the parameter of fn, and the fields below it, that
// fn passes at call as to's argument i; -1 when it passes something else.
func (c *checker) liftedParam(fn *types.Func, call *ast.CallExpr, to *types.Func, i int) (int, string) {
	if i < 0 {
		return -1, ""
	}
	p := c.targetPath(call, to, i)
	if !p.valid() {
		return -1, ""
	}
	return paramIndex(fn.Type().(*types.Signature), p.root), p.fields
}

// liftArgEnds maps an argEnds of to, called by fn at call, to fn's
// callers: fn passes its own parameter there, or it is fn's to stop.
func (c *checker) liftArgEnds(fn *types.Func, call *ast.CallExpr, to *types.Func, argEnds int) int {
	if argEnds == 0 {
		return 0
	}
	if i, fields := c.liftedParam(fn, call, to, argEnds-1); i >= 0 && fields == "" {
		return i + 1
	}
	return 0
}

// argStopsOf returns the argStops of fn, from this package or a fact.
func (c *checker) argStopsOf(fn *types.Func) []obligation {
	return c.ownedBy(fn, c.argStops, func(s *summary) []obligation { return s.argStops })
}

// A grower adds to a set of effects of a caller what the goroutines of
// the callee that they release do as they end, and says which of them
// (by their go statements) were released.
type grower func([]effect) ([]effect, []string)

// exitGrowth returns the grower of a call of to: closing the connection
// given to Open ends the reader, whose shutdown closes what the
// heartbeater waits on, to a fixpoint. nil when to's goroutines have no
// exits and none ends with an argument.
func (c *checker) exitGrowth(call *ast.CallExpr, to *types.Func) grower {
	var recs []obligation
	for _, o := range append(slices.Clip(c.argStopsOf(to)), c.obligationsOf(to)...) {
		if len(o.exits) > 0 && len(o.needs) > 0 || o.argEnds > 0 {
			recs = append(recs, o)
		}
	}
	if len(recs) == 0 {
		return nil
	}
	bases := make(map[int]path)
	base := func(target int) path {
		p, ok := bases[target]
		if !ok {
			p = c.targetPath(call, to, target)
			bases[target] = p
		}
		return p
	}
	return func(es []effect) ([]effect, []string) {
		var ended []string
		fired := make([]bool, len(recs))
		for changed := true; changed; {
			changed = false
			for i, r := range recs {
				if fired[i] || !c.ended(es, r, base) {
					continue
				}
				fired[i], changed = true, true
				ended = append(ended, r.at)
				for _, x := range r.exits {
					if b := base(x.target); b.valid() {
						b.fields += x.fields
						es = append(slices.Clip(es), effect{x.kind, b})
					}
				}
			}
		}
		return es, ended
	}
}

// ended reports whether the effects es end the goroutine r: they stop
// the argument it ends with, or release all its blocks.
func (c *checker) ended(es []effect, r obligation, base func(int) path) bool {
	if r.argEnds > 0 {
		arg := base(r.argEnds - 1)
		if arg.valid() && slices.ContainsFunc(es, func(e effect) bool {
			return (e.kind == effStop || e.kind == effClose) && e.p.equal(arg)
		}) {
			return true
		}
	}
	v := base(r.target)
	if !v.valid() || len(r.needs) == 0 {
		return false
	}
	v.fields += r.fields
	return c.releasesAll(es, v, r.needs)
}

// stoppedByGoroutine reports whether a goroutine started before from in
// body ends with effects that discharge o on p: a fake server that closes
// the connection it was serving once it is done, which ends the reader
// Open started on it.
func (c *checker) stoppedByGoroutine(body *ast.BlockStmt, from ast.Node, p path, o obligation, grow grower) bool {
	if o.kind != obStop {
		return false
	}
	return precededBy(body, from, func(s ast.Stmt) bool {
		g, ok := s.(*ast.GoStmt)
		if !ok {
			return false
		}
		lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
		if !ok {
			return false
		}
		es := c.exitEffectsIn(lit.Body)
		if grow != nil {
			var ended []string
			if es, ended = grow(es); slices.Contains(ended, o.at) {
				return true
			}
		}
		return c.releasesAll(es, p, o.needs)
	})
}
