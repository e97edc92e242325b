package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
)

// This file finds a send that its receivers can abandon: a goroutine that
// polls a stop signal between its sends but does not watch it at the send
// itself, over a channel whose every receiver leaves on that same signal.
//
//	go func() {                          // the sender
//		for {
//			select {
//			case <-p.quit:
//				return
//			default:
//				p.events <- next()   // not beside <-p.quit
//			}
//		}
//	}()
//	go func() {                          // the receiver
//		for {
//			select {
//			case e := <-p.events:
//				handle(e)
//			case <-p.quit:
//				return
//			}
//		}
//	}()
//
// Once quit closes, the receiver may take its quit case while the sender
// is in its send, or past its check of quit and on its way there: nothing
// receives again, and the sender waits for ever, holding whatever joins it
// (a WaitGroup's Wait, a done channel). The model otherwise takes any
// receive as the send's release; here the receive is there, but it can
// leave first. Sharing the signal is what makes it certain: a receiver that
// leaves on a signal of its own may be stopped only after the sender has
// ended.

// An abandon says why a goroutine's send is never received once its
// receivers have left.
type abandon struct {
	recv   ast.Node // a receive that leaves
	signal string   // the signal both watch, as the receiver writes it
	// via: for a goroutine that runs a function it is given (a worker
	// pool's RunWorker(f)), the call that gives it the one that sends.
	via *ast.CallExpr
}

// abandonedSend returns the block of the goroutine of g (a lone send on a
// channel field of this package) that its receivers abandon, and how.
func (c *checker) abandonedSend(g *ast.GoStmt, fn ast.Node, blocks []block) (*block, *abandon) {
	for i, b := range blocks {
		if b.soft || len(b.alts) != 1 || b.alts[0].kind != altSend {
			continue
		}
		a := b.alts[0]
		k, ok := c.keyOf(a.p)
		if !ok || k.field.owner == nil || !c.privateField(k.field) || c.fieldIndex().aliased[k.field] {
			continue
		}
		recvs, ok := c.fieldReceivers(k.field)
		if !ok || len(recvs) == 0 || slices.ContainsFunc(recvs, func(r receiver) bool { return len(r.signals) == 0 }) {
			continue // a receiver that stays
		}
		if n, known := c.fieldCap(k.field); (!known || n > 0) && !a.loop {
			continue // one send into a buffer may never block
		}
		watched := c.watchedSignals(g, fn, k, blocks)
		if len(watched) == 0 {
			continue
		}
		var ab *abandon
		body, _ := c.goBody(g, fn)
		for _, r := range recvs {
			if r.node.Pos() >= g.Pos() && r.node.End() <= g.End() || body != nil && r.node.Pos() >= body.Pos() && r.node.End() <= body.End() {
				// The sender receives too (in its literal, or in the
				// method it runs): a conversation, not a stream, or a
				// loop that sends to itself.
				ab = nil
				break
			}
			si := slices.IndexFunc(r.signals, func(s signal) bool { return watched[s.key] && !c.closedBySender(s.key, body) })
			if si < 0 {
				ab = nil
				break
			}
			if ab == nil {
				ab = &abandon{recv: r.node, signal: r.signals[si].text}
			}
		}
		if ab != nil {
			return &blocks[i], ab
		}
	}
	return nil, nil
}

// runnerAbandon is abandonedSend for a goroutine of fn that runs a
// function fn is given (func (s *Stopper) RunWorker(f func()) { go func()
// { defer s.done(); f() }() }): the function literals fn's callers in this
// package give it are what the goroutine runs, each judged in its
// caller's terms.
func (c *checker) runnerAbandon(g *ast.GoStmt, fn ast.Node) (*block, *abandon) {
	fd, ok := fn.(*ast.FuncDecl)
	if !ok {
		return nil, nil
	}
	f, _ := c.info.Defs[fd.Name].(*types.Func)
	if f == nil {
		return nil, nil
	}
	runs := c.calledParams(g, f)
	if len(runs) == 0 {
		return nil, nil
	}
	if c.callsTo == nil {
		// Every call of a function of the package, by callee, once.
		c.callsTo = make(map[*types.Func][]inspector.Cursor)
		for _, pc := range c.packageCalls() {
			if fn, cur := pc.fn, pc.cur; fn != nil && fn.Pkg() == c.pass.Pkg {
				c.callsTo[fn.Origin()] = append(c.callsTo[fn.Origin()], cur)
			}
		}
	}
	for _, cur := range c.callsTo[f.Origin()] {
		call := cur.Node().(*ast.CallExpr)
		caller := enclosingFunc(cur)
		if !caller.Valid() {
			continue
		}
		for _, i := range runs {
			if i >= len(call.Args) {
				continue
			}
			lit, _ := ast.Unparen(call.Args[i]).(*ast.FuncLit)
			if lit == nil {
				lit = c.localFuncLit(call.Args[i], caller.Node())
			}
			if lit == nil {
				continue
			}
			// The goroutine as if the caller started it: go func() {...}().
			sg := &ast.GoStmt{Go: lit.Pos(), Call: &ast.CallExpr{Fun: lit, Lparen: lit.End(), Rparen: lit.End()}}
			blocks, _ := c.goBlocks(sg, caller.Node())
			if b, ab := c.abandonedSend(sg, caller.Node(), blocks); b != nil {
				ab.via = call
				return b, ab
			}
		}
	}
	return nil, nil
}

// calledParams returns the indices of the parameters of f, function
// values, that the goroutine of g, started in f, calls.
func (c *checker) calledParams(g *ast.GoStmt, f *types.Func) []int {
	params := f.Type().(*types.Signature).Params()
	var runs []int
	ast.Inspect(g.Call, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				for i := range params.Len() {
					if params.At(i) == c.info.Uses[id] && !slices.Contains(runs, i) {
						runs = append(runs, i)
					}
				}
			}
		}
		return true
	})
	return runs
}

// givenWaitsHandedOn reports whether the goroutine of o, which sends its
// result into a channel with room for it (o.roomy) and may wait only in
// the function values it is given, waits, as the call at cur in fn gives
// them, only on what fn's own owner can release (the caller's connection,
// a field): dropping the result leaves it to end when that owner stops
// it, as a goroutine fn started on them would (errc := goErr(func() error
// { _, err := c.Write(b); return err }), then an early return).
func (c *checker) givenWaitsHandedOn(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, to *types.Func, o obligation) bool {
	if o.kind != obRecv || !o.roomy || o.goStmt == nil || to == nil {
		return false
	}
	decl := c.decls[to.Origin()]
	if decl == nil || decl.Body == nil || o.goStmt.Pos() < decl.Body.Pos() || o.goStmt.End() > decl.Body.End() {
		return false // handed on from further down: the call's arguments are not the goroutine's
	}
	gcur, ok := c.cursorOf(o.goStmt)
	if !ok {
		return false
	}
	if j := c.joinOf(gcur); len(j.blocks) > 0 {
		return false // it waits on more than what it is given
	}
	runs := c.calledParams(o.goStmt, to)
	if len(runs) == 0 {
		return false
	}
	for _, i := range runs {
		if i >= len(call.Args) || call.Ellipsis.IsValid() {
			return false
		}
		lit, _ := ast.Unparen(call.Args[i]).(*ast.FuncLit)
		if lit == nil {
			lit = c.localFuncLit(call.Args[i], fn)
		}
		if lit == nil {
			return false // a function the pass cannot read here
		}
		// What it runs, as if fn started it: go func() {...}().
		sg := &ast.GoStmt{Go: lit.Pos(), Call: &ast.CallExpr{Fun: lit, Lparen: lit.End(), Rparen: lit.End()}}
		blocks, opaque := c.goBlocks(sg, fn)
		if opaque {
			return false
		}
		for _, b := range blocks {
			if !slices.ContainsFunc(b.alts, func(a alt) bool {
				_, out := c.outside(cur, fn, a)
				return out && c.releasable(a)
			}) {
				return false
			}
		}
	}
	return true
}

// watchedSignals returns the keys of the channels and contexts the
// goroutine of g watches, other than the channel k: the alternatives of
// its blocks, and the receive cases of its selects that leave its loop
// (case <-stop: return), polled ones too (with a default case).
func (c *checker) watchedSignals(g *ast.GoStmt, fn ast.Node, k cancelKey, blocks []block) map[cancelKey]bool {
	watched := make(map[cancelKey]bool)
	add := func(p path) {
		if wk, ok := c.keyOf(p); ok && wk != k {
			watched[wk] = true
		}
	}
	for _, b := range blocks {
		for _, a := range b.alts {
			if a.kind == altRecv || a.kind == altDone {
				add(a.p)
			}
		}
	}
	var body *ast.BlockStmt
	bind := func(p path) (path, bool) { return p, true }
	if lit, _ := ast.Unparen(g.Call.Fun).(*ast.FuncLit); lit != nil {
		body = lit.Body
	} else if lit := c.localFuncLit(g.Call.Fun, fn); lit != nil {
		body = lit.Body
	} else if f := callee(c.info, g.Call); f != nil && f.Pkg() == c.pass.Pkg {
		if decl := c.decls[f.Origin()]; decl != nil {
			body = decl.Body
			bind = func(p path) (path, bool) { return c.bindPath(f, g.Call, p) }
		}
	}
	if body == nil {
		return watched
	}
	cur, ok := c.cursorOf(body)
	if !ok {
		return watched
	}
	for sc := range cur.Preorder((*ast.SelectStmt)(nil), (*ast.FuncLit)(nil)) {
		sel, ok := sc.Node().(*ast.SelectStmt)
		if !ok || enclosingFuncNode(sc) != enclosingFuncNode(cur) {
			continue
		}
		inLoop := enclosingLoop(sc) != nil
		for _, st := range sel.Body.List {
			cc := st.(*ast.CommClause)
			if cc.Comm == nil || inLoop && !leavesLoop(cc.Body) {
				continue
			}
			if e := commRecv(cc.Comm); e != nil {
				if p, ok := c.signalPath(e); ok {
					if p, ok := bind(p); ok {
						add(p)
					}
				}
			}
		}
	}
	return watched
}

// enclosingFuncNode returns the function literal or declaration around
// cur (cur itself when it is one).
func enclosingFuncNode(cur inspector.Cursor) ast.Node {
	for e := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		return e.Node()
	}
	return nil
}

// signalPath returns what a receive case waits on: the context of
// <-ctx.Done(), or the channel.
func (c *checker) signalPath(e ast.Expr) (path, bool) {
	if p, ok := c.doneOf(e); ok {
		return p, true
	}
	p := c.chanPath(e)
	return p, p.valid()
}

// A signal is a receive case on which a receiver leaves its loop.
type signal struct {
	key  cancelKey
	text string // "<-p.quit", "<-ctx.Done()"
}

// A receiver is one receive from a channel, with the signals on which it
// may leave without receiving again; none when it stays.
type receiver struct {
	node    ast.Node // the receive, or the call that receives through a parameter
	signals []signal
}

// fieldReceivers returns every receive from the channel field k in the
// package: direct ones, and those of the functions of the package it is
// passed to, through their parameter. It is false when the channel goes
// where the pass cannot follow it (stored, returned, closed, given to
// another package).
func (c *checker) fieldReceivers(k fieldKey) ([]receiver, bool) {
	if c.receivers == nil {
		c.receivers = make(map[fieldKey]*fieldRecvs)
	}
	if fr, ok := c.receivers[k]; ok {
		return fr.recvs, fr.ok
	}
	fr := &fieldRecvs{ok: true}
	c.receivers[k] = fr
	for _, r := range c.fieldRefs(k) {
		if !fr.ok {
			break
		}
		switch r.kind {
		case useSend, useAssigned, useDecl, useCompare:
		case useBuiltin:
			if r.call == nil || !isBuiltinCall(c.info, r.call, "len") && !isBuiltinCall(c.info, r.call, "cap") {
				fr.ok = false // closed: its senders would panic, another matter
			}
		case useRecv, useRange:
			rcv, ok := c.classifyRecv(r, nil)
			fr.ok = fr.ok && ok
			fr.recvs = append(fr.recvs, rcv)
		case useValue:
			rs, ok := c.paramReceivers(r)
			fr.ok = fr.ok && ok
			fr.recvs = append(fr.recvs, rs...)
		default:
			fr.ok = false
		}
	}
	return fr.recvs, fr.ok
}

// fieldRefs returns the references to the field k in the package, in
// source order: only the declarations that name it are walked.
func (c *checker) fieldRefs(k fieldKey) []ref {
	if refs, ok := c.fieldRefMemo[k]; ok {
		return refs
	}
	var decls []ast.Node
	for cur := range c.preorder((*ast.SelectorExpr)(nil)) {
		if cur.Node().(*ast.SelectorExpr).Sel.Name != k.field {
			continue
		}
		top := cur
		for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
			if _, isFile := p.Node().(*ast.File); isFile {
				break
			}
			top = p
		}
		if len(decls) == 0 || decls[len(decls)-1] != top.Node() {
			decls = append(decls, top.Node())
		}
	}
	var refs []ref
	for _, d := range decls {
		c.eachRef(d, func(r ref) {
			if r.path.fields == "" {
				return
			}
			if rk, ok := c.keyOf(r.path); ok && rk.field == k {
				refs = append(refs, r)
			}
		})
	}
	if c.fieldRefMemo == nil {
		c.fieldRefMemo = make(map[fieldKey][]ref)
	}
	c.fieldRefMemo[k] = refs
	return refs
}

// fieldRecvs is what fieldReceivers found for a field.
type fieldRecvs struct {
	recvs []receiver
	ok    bool
}

// paramReceivers returns the receives through the parameter that the
// argument r is given to, in a call of a function of this package, with
// their signals in the caller's terms; false for any other use of r.
func (c *checker) paramReceivers(r ref) ([]receiver, bool) {
	call := r.call
	if call == nil || !slices.Contains(call.Args, r.expr) {
		return nil, false
	}
	fn := callee(c.info, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return nil, false
	}
	decl := c.decls[fn.Origin()]
	sig := fn.Type().(*types.Signature)
	i := slices.Index(call.Args, r.expr)
	if decl == nil || decl.Body == nil || sig.Variadic() && i >= sig.Params().Len()-1 || i >= sig.Params().Len() {
		return nil, false
	}
	param := fn.Origin().Type().(*types.Signature).Params().At(i)
	var recvs []receiver
	ok := true
	c.eachRef(decl.Body, func(pr ref) {
		if !ok || pr.path.root != param {
			return
		}
		switch {
		case pr.path.fields != "":
		case pr.kind == useRecv || pr.kind == useRange:
			rcv, rok := c.classifyRecv(pr, func(p path) (path, bool) { return c.bindPath(fn, call, p) })
			ok = ok && rok
			rcv.node = call
			recvs = append(recvs, rcv)
		case pr.kind == useBuiltin && pr.call != nil && (isBuiltinCall(c.info, pr.call, "len") || isBuiltinCall(c.info, pr.call, "cap")):
		case pr.kind == useCompare, pr.kind == useDecl:
		default:
			ok = false // passed on, stored, sent on...
		}
	})
	return recvs, ok
}

// classifyRecv returns the receive r with the signals on which it may be
// left: the other receive cases of its select that leave its loop (or,
// outside a loop, any other receive case). bind, when set, puts a
// signal's path in a caller's terms.
func (c *checker) classifyRecv(r ref, bind func(path) (path, bool)) (receiver, bool) {
	rcv := receiver{node: r.parent}
	cur, ok := c.cursorOf(r.parent)
	if !ok {
		return rcv, false
	}
	stmt := cur.Parent()
	if _, isAssign := stmt.Node().(*ast.AssignStmt); !isAssign {
		if _, isExpr := stmt.Node().(*ast.ExprStmt); !isExpr {
			return rcv, true // range, or a receive inside an expression: it stays
		}
	}
	sel := c.selectOf(stmt.Node())
	if sel == nil {
		return rcv, true
	}
	loop := enclosingLoop(stmt)
	for _, st := range sel.Body.List {
		cc := st.(*ast.CommClause)
		if cc.Comm == nil || cc.Comm == stmt.Node() {
			continue
		}
		if loop != nil && !leavesLoop(cc.Body) {
			continue
		}
		e := commRecv(cc.Comm)
		if e == nil {
			continue
		}
		p, ok := c.signalPath(e)
		if !ok {
			continue
		}
		if bind != nil {
			p, ok = bind(p)
			if !ok {
				continue
			}
		}
		if k, ok := c.keyOf(p); ok {
			rcv.signals = append(rcv.signals, signal{key: k, text: "<-" + c.text(e)})
		}
	}
	return rcv, true
}

// commRecv returns the channel expression a select case receives from, or
// nil for a send.
func commRecv(s ast.Stmt) ast.Expr {
	if u, ok := recvOperand(s).(*ast.UnaryExpr); ok {
		return u.X
	}
	return nil
}

// enclosingLoop returns the innermost for or range statement around cur in
// its function, or nil.
func enclosingLoop(cur inspector.Cursor) ast.Node {
	for e := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch e.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return e.Node()
		}
		return nil
	}
	return nil
}

// leavesLoop reports whether a select case's statements leave the loop
// around the select: a return, a labelled break or a goto, outside
// function literals.
func leavesLoop(body []ast.Stmt) bool {
	found := false
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				found = true
			case *ast.BranchStmt:
				found = found || n.Tok == token.GOTO || n.Tok == token.BREAK && n.Label != nil
			}
			return !found
		})
	}
	return found
}

// fieldCap returns the capacity every channel stored in the field k is
// made with, when they are all made here with one constant capacity. The
// package's assignments to fields are read once, for every field.
func (c *checker) fieldCap(k fieldKey) (int, bool) {
	if c.fieldCaps == nil {
		c.fieldCaps = c.readFieldCaps()
	}
	fc, ok := c.fieldCaps[k]
	return fc.n, ok && fc.known && fc.n >= 0
}

// A chanCap is what fieldCap knows of one field.
type chanCap struct {
	n     int // the capacity of the channels made for it; -1 before the first
	known bool
}

// readFieldCaps reads the capacity of the channels stored in each field.
func (c *checker) readFieldCaps() map[fieldKey]chanCap {
	caps := make(map[fieldKey]chanCap)
	note := func(k fieldKey, v ast.Expr) {
		fc, seen := caps[k]
		if !seen {
			fc = chanCap{n: -1, known: true}
		}
		call, ok := ast.Unparen(v).(*ast.CallExpr)
		m := int64(0)
		switch {
		case !ok || !isBuiltinCall(c.info, call, "make"):
			fc.known = false
		case len(call.Args) == 2:
			if k := c.constInt(call.Args[1]); k < 0 {
				fc.known = false
			} else {
				m = int64(k)
			}
		}
		if fc.known {
			if fc.n >= 0 && int(m) != fc.n {
				fc.known = false
			}
			fc.n = int(m)
		}
		caps[k] = fc
	}
	for cur := range c.preorder((*ast.AssignStmt)(nil), (*ast.CompositeLit)(nil)) {
		switch s := cur.Node().(type) {
		case *ast.AssignStmt:
			if len(s.Lhs) != len(s.Rhs) {
				continue
			}
			for i, l := range s.Lhs {
				if _, isSel := ast.Unparen(l).(*ast.SelectorExpr); !isSel {
					continue // a field is written through a selector
				}
				if lk, ok := c.keyOf(pathOf(c.info, l)); ok && lk.field.owner != nil {
					note(lk.field, s.Rhs[i])
				}
			}
		case *ast.CompositeLit:
			c.literalFields(s, note)
		}
	}
	return caps
}

// closedBySender reports whether the channel field of key k is closed
// only by the goroutine that runs body: every close of it in the package
// is in body, or in a function of the package called only from there,
// directly or through such functions (an event loop that closes the stop
// its dispatcher leaves on, in the close request it handles, and returns).
// Receivers that leave on it leave only after the sender's own close, so
// they cannot strand a send it is blocked in.
func (c *checker) closedBySender(k cancelKey, body *ast.BlockStmt) bool {
	if body == nil || k.field.owner == nil || !c.privateField(k.field) || c.fieldIndex().aliased[k.field] {
		return false
	}
	closes := 0
	for _, r := range c.fieldRefs(k.field) {
		if r.kind != useBuiltin || r.call == nil || !isBuiltinCall(c.info, r.call, "close") {
			continue
		}
		cur, ok := c.cursorOf(r.call)
		if !ok || !c.onlyRunBy(cur, body, 3) {
			return false
		}
		closes++
	}
	return closes > 0
}

// onlyRunBy reports whether the code at cur runs only inside body: it is
// in body, or in a function declaration of the package whose every use is
// a call that runs only inside body, within depth calls.
func (c *checker) onlyRunBy(cur inspector.Cursor, body *ast.BlockStmt, depth int) bool {
	n := cur.Node()
	if n.Pos() >= body.Pos() && n.End() <= body.End() {
		// In body itself, not in a goroutine or a literal within it.
		for e := range cur.Enclosing((*ast.GoStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			return funcBody(e.Node()) == body
		}
		return false
	}
	if depth == 0 {
		return false
	}
	encl := enclosingFunc(cur)
	fd, ok := encl.Node().(*ast.FuncDecl)
	if !ok {
		return false // a literal: run wherever it goes
	}
	fn, _ := c.info.Defs[fd.Name].(*types.Func)
	if fn == nil || fn.Exported() {
		return false // another package may call it
	}
	uses := c.usesOf(fn)
	if len(uses) == 0 {
		return false // called from elsewhere, or not at all
	}
	for _, u := range uses {
		call, ok := u.Parent().Node().(*ast.CallExpr)
		if sel, isSel := u.Parent().Node().(*ast.SelectorExpr); isSel && sel.Sel == u.Node() {
			call, ok = u.Parent().Parent().Node().(*ast.CallExpr)
			if ok && call.Fun != sel {
				ok = false
			}
		} else if ok && call.Fun != u.Node() {
			ok = false
		}
		if !ok || !c.onlyRunBy(u, body, depth-1) {
			return false // a method value, or a call from elsewhere
		}
	}
	return true
}
