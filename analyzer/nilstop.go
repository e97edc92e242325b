package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// This file recognises a serving method that returns a nil error only
// once its value has been stopped (grpc's Serve: "Serve returns a non-nil
// error unless Stop or GracefulStop is called"). The goroutines it starts
// are handed on with its receiver, and its caller owes a stop; but a
// caller that finds the error nil has been told the stop happened:
//
//	if err := srv.Serve(lis); err != nil {
//		log.Fatal(err)
//	} // here srv was stopped, by whoever called Stop
//
// A non-nil error is, as everywhere (flowQuery.isErr), a call that failed.

// nilOnlyStopped reports whether fn, a method with an error as its last
// result whose goroutine o hands on with its receiver, returns a nil error
// only where the receiver has been stopped: each return of nil sits in the
// case of a select that receives from what one of o's stopping methods
// closes or cancels (case <-s.quit.Done(): return nil), or in the body of
// an if whose condition reads it (if s.quit.HasFired() { return nil }).
// Every other return must give an error that cannot be nil: a sentinel
// variable, a new error, or err where err != nil was just tested.
func (c *checker) nilOnlyStopped(fd *ast.FuncDecl, fn *types.Func, o obligation) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || o.target != -1 || o.kind != obStop || o.fields != "" || len(o.methods) == 0 || fd.Body == nil {
		return false
	}
	res := sig.Results()
	if res.Len() == 0 || !isErrorType(res.At(res.Len()-1).Type()) {
		return false
	}
	recv := sig.Recv()
	marks := c.stopMarks(recv, o.methods)
	if len(marks) == 0 {
		return false
	}
	ok, nils := true, 0
	var stack []ast.Node
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if _, lit := n.(*ast.FuncLit); lit {
			return false // its returns are its own
		}
		stack = append(stack, n)
		ret, isRet := n.(*ast.ReturnStmt)
		if !isRet {
			return true
		}
		if len(ret.Results) != res.Len() {
			ok = false // named results: what they hold is not seen here
			return true
		}
		e := ast.Unparen(ret.Results[len(ret.Results)-1])
		switch {
		case isNilIdent(e):
			nils++
			ok = c.afterStop(stack, recv, marks)
		default:
			ok = c.nonNilError(e, stack)
		}
		return true
	})
	return ok && nils > 0
}

// stopMarks returns the fields of the receiver recv that the methods
// named close or cancel: what shows that the value was stopped.
func (c *checker) stopMarks(recv *types.Var, methods []string) []string {
	ms := c.methodSet(recv.Type())
	var marks []string
	for i := 0; i < ms.Len(); i++ {
		m, ok := ms.At(i).Obj().(*types.Func)
		if !ok || !slices.Contains(methods, m.Name()) {
			continue
		}
		at := path{root: recv, fields: embeddedPath(recv.Type(), ms.At(i).Index())}
		for _, e := range c.methodEffectsOf(m, at) {
			if (e.kind == effClose || e.kind == effCancel) && e.p.fields != "" {
				marks = append(marks, e.p.fields)
			}
		}
	}
	return marks
}

// afterStop reports whether the node at the top of stack is reached only
// once one of the receiver's fields in marks was closed or cancelled: it
// is in the case of a select receiving from such a field (or from its
// Done()), or in the body of an if whose condition reads such a field.
func (c *checker) afterStop(stack []ast.Node, recv *types.Var, marks []string) bool {
	for i := len(stack) - 2; i >= 0; i-- {
		switch s := stack[i].(type) {
		case *ast.CommClause:
			if s.Comm != nil && c.readsMark(s.Comm, recv, marks) {
				return true
			}
		case *ast.IfStmt:
			if s.Body == stack[i+1] && c.readsMark(s.Cond, recv, marks) {
				return true
			}
		}
	}
	return false
}

// readsMark reports whether n reads a field of recv that is, holds or is
// held in one of marks.
func (c *checker) readsMark(n ast.Node, recv *types.Var, marks []string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || found {
			return !found
		}
		p := pathOf(c.info, sel)
		if p.root != recv || p.fields == "" {
			return true
		}
		for _, m := range marks {
			if m == p.fields || strings.HasPrefix(m, p.fields+".") || strings.HasPrefix(p.fields, m+".") {
				found = true
			}
		}
		return !found
	})
	return found
}

// nonNilError reports whether e, an error returned at the top of stack,
// cannot be nil: a package-level variable (a sentinel), an error made
// there (errors.New, fmt.Errorf, &MyErr{}), or a variable tested
// non-nil by the if whose body returns it.
func (c *checker) nonNilError(e ast.Expr, stack []ast.Node) bool {
	switch e := e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		var obj types.Object
		if id, ok := e.(*ast.Ident); ok {
			obj = c.info.Uses[id]
		} else {
			obj = c.info.Uses[e.(*ast.SelectorExpr).Sel]
		}
		v, ok := obj.(*types.Var)
		if !ok {
			return false
		}
		if v.Parent() != nil && v.Parent() == v.Pkg().Scope() {
			return true // a sentinel
		}
		for i := len(stack) - 2; i >= 0; i-- {
			if s, ok := stack[i].(*ast.IfStmt); ok && s.Body == stack[i+1] && testsNonNil(c.info, s.Cond, v) {
				return true
			}
		}
	case *ast.CallExpr:
		return isFunc(callee(c.info, e), "errors", "New") || isFunc(callee(c.info, e), "fmt", "Errorf")
	case *ast.UnaryExpr:
		return e.Op == token.AND
	}
	return false
}

// testsNonNil reports whether cond is v != nil, alone or as a side of &&.
func testsNonNil(info *types.Info, cond ast.Expr, v *types.Var) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch b.Op {
	case token.LAND:
		return testsNonNil(info, b.X, v) || testsNonNil(info, b.Y, v)
	case token.NEQ:
		for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			if id, ok := ast.Unparen(pair[0]).(*ast.Ident); ok && info.Uses[id] == v && isNilIdent(pair[1]) {
				return true
			}
		}
	}
	return false
}

// closerResult returns 1+j when the obligation o, on a value fn returns as
// its result i, is also discharged by calling fn's result j: a function
// that stops the value (return s, func() { s.Stop() }, return s, s.Stop,
// a test helper's cleanup, a hand-made context's cancel), returned beside
// it on every return that returns the value. 0 when there is none.
func (c *checker) closerResult(fd *ast.FuncDecl, fn *types.Func, o obligation) int {
	return c.closerResultOr(fd, fn, o, path{})
}

// argCloserResult returns 1+j when fd, which hands on as its result i
// what call (of to) made, returns beside it as result j a function that
// stops the argument whose stop ends the goroutine (o.argEnds): w :=
// NewWire(a); return w, func() { a.Close() }, NewWire's reader reading a.
// 0 otherwise.
func (c *checker) argCloserResult(fd *ast.FuncDecl, fn *types.Func, call *ast.CallExpr, to *types.Func, o obligation, i int) int {
	if o.argEnds == 0 {
		return 0
	}
	e := c.obligationExpr(call, to, obligation{target: o.argEnds - 1})
	ap := pathOf(c.info, e)
	if e == nil || !ap.valid() || ap.fields != "" || !declaredIn(ap.root, fd.Body) {
		return 0
	}
	a := alt{kind: altIO, p: ap}
	switch t := c.typeOf(e); {
	case isContextType(t):
		a.kind = altDone
	case isChan(t):
		a.kind = altRecv
	}
	return c.releasingCloser(fd, fn, i, func(es []effect) bool {
		return slices.ContainsFunc(es, func(ef effect) bool { return c.releases(ef, a) })
	})
}

// releasingCloser returns 1+j when fd, fn's declaration, returns beside
// its result i, on every return that returns it, a function literal as
// result j whose effects release satisfies; 0 when there is none.
func (c *checker) releasingCloser(fd *ast.FuncDecl, fn *types.Func, i int, release func([]effect) bool) int {
	sig := fn.Type().(*types.Signature)
	for _, j := range closerSlots(sig, i) {
		stops, seen := true, false
		eachReturn(fd.Body, func(ret *ast.ReturnStmt) bool {
			if len(ret.Results) != sig.Results().Len() || isNilIdent(ast.Unparen(ret.Results[i])) {
				return true // an error's return, without the value
			}
			lit, ok := ast.Unparen(ret.Results[j]).(*ast.FuncLit)
			seen = true
			stops = ok && release(c.litEffects(lit))
			return stops
		})
		if stops && seen {
			return 1 + j
		}
	}
	return 0
}

// roomyCloser returns, for o, a receive owed on the channel at ch that fd
// returns as a result and that has room for every value the goroutine of
// j sends, 1+j when fd returns beside it a closer that releases every
// other block of the goroutine (p1, p2 := net.Pipe(); go func() { errc
// <- run(p1) }(); return func() { p2.Close() }, errc): the send cannot
// block, so what holds the goroutine is what the closer ends, and a
// caller that calls it owes no receive. 0 otherwise.
func (c *checker) roomyCloser(fd *ast.FuncDecl, fn *types.Func, o obligation, j *goJoin, ch path) int {
	if !o.roomy || !o.isResult() || j.opaque {
		return 0
	}
	var rest []block
	for _, b := range j.blocks {
		if !slices.ContainsFunc(b.alts, func(a alt) bool { return a.kind == altSend && a.p.equal(ch) }) {
			rest = append(rest, b)
		}
	}
	if len(rest) == 0 {
		return 0
	}
	return c.releasingCloser(fd, fn, o.resultIndex(), func(es []effect) bool {
		return !slices.ContainsFunc(rest, func(b block) bool {
			return !slices.ContainsFunc(b.alts, func(a alt) bool {
				return slices.ContainsFunc(es, func(ef effect) bool { return c.releases(ef, a) })
			})
		})
	})
}

// closerSlots returns the results of sig, other than result i, that are
// functions of no parameters: where a closer of result i may be returned.
func closerSlots(sig *types.Signature, i int) []int {
	var out []int
	for j := 0; j < sig.Results().Len(); j++ {
		if f, ok := sig.Results().At(j).Type().Underlying().(*types.Signature); ok && j != i && f.Params().Len() == 0 {
			out = append(out, j)
		}
	}
	return out
}

// closerResultOr is closerResult where a closer may also stop twin, a
// local of fd that holds the same value (s, closer := Open(); return s,
// func() { closer.Close() }).
func (c *checker) closerResultOr(fd *ast.FuncDecl, fn *types.Func, o obligation, twin path) int {
	sig, i, v := c.stoppedResult(fd, fn, o)
	if v == nil {
		return 0
	}
	vp := path{root: v, fields: o.fields, deref: true}
	for _, j := range closerSlots(sig, i) {
		stops, seen := true, false
		named := c.namedResults(fd)
		eachReturn(fd.Body, func(ret *ast.ReturnStmt) bool {
			if len(ret.Results) == 0 && j < len(named) && named[j] != nil {
				// A bare return: the closer is what the named result was
				// given, one of the literals assigned to it that stops the
				// value (shutdown = func() { s.Shutdown() } on the branch
				// that made s).
				seen = true
				stops = c.namedCloser(fd, named[j], vp, o)
				return stops
			}
			if len(ret.Results) != sig.Results().Len() || pathOf(c.info, ret.Results[i]).root != v {
				return true // an error's return, without the value
			}
			seen = true
			stops = c.stopsValue(fd, ast.Unparen(ret.Results[j]), vp, o) || twin.valid() && c.stopsValue(fd, ast.Unparen(ret.Results[j]), twin, o)
			return stops
		})
		if stops && seen {
			return 1 + j
		}
	}
	return 0
}

// twinResult returns, for an obligation o on a result of fd, 1+j when
// every return that returns its value also returns that value as result
// j (return r, r: the value as a Scope, and as the io.Closer that stops
// it); 0 otherwise.
func (c *checker) twinResult(fd *ast.FuncDecl, fn *types.Func, o obligation) int {
	sig, i, v := c.stoppedResult(fd, fn, o)
	if v == nil || o.fields != "" {
		return 0
	}
	for j := 0; j < sig.Results().Len(); j++ {
		if j == i {
			continue
		}
		twin, seen := true, false
		eachReturn(fd.Body, func(ret *ast.ReturnStmt) bool {
			if len(ret.Results) != sig.Results().Len() || pathOf(c.info, ret.Results[i]).root != v {
				return true // an error's return, without the value
			}
			seen = true
			p := pathOf(c.info, ret.Results[j])
			twin = p.root == v && p.fields == ""
			return twin
		})
		if twin && seen {
			return 1 + j
		}
	}
	return 0
}

// stopsValue reports whether the function value e, returned by fd, stops
// the value at vp as o asks when called: a literal whose body does it, a
// method value of one of o's methods, or a local assigned only such a
// literal.
func (c *checker) stopsValue(fd *ast.FuncDecl, e ast.Expr, vp path, o obligation) bool {
	switch e := e.(type) {
	case *ast.FuncLit:
		return c.discharges(e.Body, vp, o, nil)
	case *ast.SelectorExpr:
		sel, ok := c.info.Selections[e]
		return ok && sel.Kind() == types.MethodVal && pathOf(c.info, e.X).equal(vp) && slices.Contains(o.methods, e.Sel.Name)
	case *ast.Ident:
		// A local, or a named result, given a literal that stops it (on
		// the branch that made the value: shutdown = func() { s.Shutdown() }).
		v, ok := c.info.Uses[e].(*types.Var)
		return ok && c.namedCloser(fd, v, vp, o)
	}
	return false
}

// callsCloser reports whether n calls the function at cp, a closer
// result (closerResult), or hands it on (defer cleanup(),
// t.Cleanup(cleanup), return s, cancel).
func (c *checker) callsCloser(n ast.Node, cp path) bool {
	found := false
	c.eachRef(n, func(r ref) {
		found = found || r.path.equal(cp) && (r.kind == useValue || r.kind == useGoArg || r.kind == useRuntimeArg)
	})
	return found
}

// onlyLit returns the function literal that the local v, declared in
// body, is assigned, when it is assigned nothing else (stop := func() {
// ... }, notify := func() { ... }).
func (c *checker) onlyLit(body *ast.BlockStmt, v *types.Var) *ast.FuncLit {
	if v == nil || !declaredIn(v, body) {
		return nil
	}
	var lit *ast.FuncLit
	assigned := 0
	ast.Inspect(body, func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		for k, l := range lhs {
			if id, ok := l.(*ast.Ident); ok && (c.info.Defs[id] == v || c.info.Uses[id] == v) {
				assigned++
				if len(rhs) == len(lhs) {
					lit, _ = ast.Unparen(rhs[k]).(*ast.FuncLit)
				}
			}
		}
		return true
	})
	if assigned != 1 {
		return nil
	}
	return lit
}

// callsGiven reports whether the goroutine of g, started in fd, calls a
// function value it was given: an argument of the go call, or one its
// literal captures from fd (go func() { defer s.wg.Done(); f() }() in
// RunWorker(f), or passes on: g.pc.Try(f)), rather than callbacks its
// value holds in fields (h.onState(x)).
func (c *checker) callsGiven(g *ast.GoStmt, fd *ast.FuncDecl) bool {
	for _, a := range g.Call.Args {
		if t := c.typeOf(a); t != nil {
			if _, ok := t.Underlying().(*types.Signature); ok {
				return true
			}
		}
	}
	var body *ast.BlockStmt
	switch f := ast.Unparen(g.Call.Fun).(type) {
	case *ast.FuncLit:
		body = f.Body
	case *ast.Ident:
		v, ok := c.info.Uses[f].(*types.Var)
		if !ok {
			return false // a function of the package: what it calls is its own
		}
		lit := c.onlyLit(fd.Body, v)
		if lit == nil {
			return true // go f(): the function value itself
		}
		body = lit.Body
	}
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !found {
			if v, ok := c.info.Uses[id].(*types.Var); ok && !v.IsField() && !declaredIn(v, body) {
				_, fv := v.Type().Underlying().(*types.Signature)
				found = fv // f(), or catcher.Try(f)
			}
		}
		return !found
	})
	return found
}

// heldInResult returns, for the local value at p, the result of fd that
// holds it and the path below that result: fd returns a struct literal
// that sets a field to it (return &Manager{hub: h}), or a local made from
// only such a literal (m := &Manager{hub: h}; return m).
func (c *checker) heldInResult(fd *ast.FuncDecl, p path) (int, string, bool) {
	if !p.valid() || fd.Body == nil || !declaredIn(p.root, fd.Body) {
		return 0, "", false
	}
	fieldOf := func(e ast.Expr) string {
		e = ast.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		cl, ok := e.(*ast.CompositeLit)
		if !ok {
			return ""
		}
		for _, el := range cl.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			key, ok := kv.Key.(*ast.Ident)
			if ok && pathOf(c.info, kv.Value).equal(path{root: p.root}) {
				return "." + key.Name
			}
		}
		return ""
	}
	index, field := -1, ""
	eachReturn(fd.Body, func(ret *ast.ReturnStmt) bool {
		for i, e := range ret.Results {
			f := fieldOf(e)
			if f == "" {
				if id, ok := ast.Unparen(e).(*ast.Ident); ok {
					if v, ok := c.info.Uses[id].(*types.Var); ok && declaredIn(v, fd.Body) {
						f = c.onlyHolds(fd.Body, v, fieldOf)
					}
				}
			}
			if f != "" && (index < 0 || index == i && field == f) {
				index, field = i, f
			}
		}
		return true
	})
	if index < 0 || c.heldElsewhere(fd, p.root) {
		return 0, "", false
	}
	return index, field + p.fields, true
}

// prefixReleases returns needs with each release's fields below prefix.
func prefixReleases(needs [][]release, prefix string) [][]release {
	out := make([][]release, len(needs))
	for i, alts := range needs {
		for _, r := range alts {
			r.fields = prefix + r.fields
			out[i] = append(out[i], r)
		}
	}
	return out
}

// heldConcrete returns the type of the value fd returns as its result i
// where that holds p in a field (return &inProc{e: e}, or a local of
// that type that does), when every such return agrees: the concrete
// type behind an interface result. nil otherwise.
func (c *checker) heldConcrete(fd *ast.FuncDecl, p path, i int) types.Type {
	var t types.Type
	conflict := false
	eachReturn(fd.Body, func(ret *ast.ReturnStmt) bool {
		if i >= len(ret.Results) {
			return true
		}
		e := ast.Unparen(ret.Results[i])
		lit := e
		if u, ok := lit.(*ast.UnaryExpr); ok && u.Op == token.AND {
			lit = ast.Unparen(u.X)
		}
		holds := false
		switch l := lit.(type) {
		case *ast.CompositeLit:
			for _, el := range l.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok && pathOf(c.info, kv.Value).equal(path{root: p.root}) {
					holds = true
				}
			}
		case *ast.Ident:
			v, ok := c.info.Uses[l].(*types.Var)
			holds = ok && declaredIn(v, fd.Body) && !types.IsInterface(v.Type())
		}
		if !holds {
			return true
		}
		et := c.typeOf(e)
		if et == nil || t != nil && !types.Identical(t, et) {
			conflict = true
			return false
		}
		t = et
		return true
	})
	if conflict {
		return nil
	}
	return t
}

// releasingMethods returns the methods of the value fn returns as o's
// result whose effects release what o needs, or join it: the exported
// ones, when there are any.
func (c *checker) releasingMethods(fn *types.Func, o obligation) []string {
	res := fn.Type().(*types.Signature).Results().At(o.resultIndex())
	return c.releasingMethodsOf(res, res.Type(), o)
}

// ifaceReleasing is releasingMethods for a result fn declares as an
// interface and that holds, where it holds what o asks to stop, a value
// of the concrete type t (return &inProc{e: e} as a Server): the methods
// of t that release it, and that the interface has.
func (c *checker) ifaceReleasing(fn *types.Func, t types.Type, o obligation) []string {
	res := fn.Type().(*types.Signature).Results().At(o.resultIndex())
	iface, ok := res.Type().Underlying().(*types.Interface)
	if !ok || types.IsInterface(t) {
		return nil
	}
	return slices.DeleteFunc(c.releasingMethodsOf(res, t, o), func(m string) bool {
		obj, _, _ := types.LookupFieldOrMethod(iface, false, c.pass.Pkg, m)
		return obj == nil
	})
}

// releasingMethodsOf is releasingMethods for the methods of the type t,
// in terms of the result res.
func (c *checker) releasingMethodsOf(res *types.Var, t types.Type, o obligation) []string {
	v := path{root: res, deref: true}
	var names []string
	ms := c.methodSet(t)
	for i := 0; i < ms.Len(); i++ {
		m, ok := ms.At(i).Obj().(*types.Func)
		if !ok {
			continue
		}
		// A method promoted from an embedded field works on that field
		// (p.Release() is p.poolCommon.Release()).
		at := v
		at.fields += embeddedPath(t, ms.At(i).Index())
		es := c.methodEffectsOf(m, at)
		if c.releasesAll(es, v, o.needs) || slices.ContainsFunc(o.joins, func(r release) bool { return c.releasesAll(es, v, [][]release{{r}}) }) {
			names = append(names, m.Name())
		}
	}
	if exported := slices.DeleteFunc(slices.Clone(names), func(s string) bool { return !token.IsExported(s) }); len(exported) > 0 {
		names = exported
	}
	slices.Sort(names)
	return names
}

// holderCleaned reports whether fd, which returns the value holding what
// the obligation o (on its result, with needs in the holder's terms) asks
// to stop, registers the holder's stop itself after at (t.Cleanup(m.Stop)
// before return m): a fixture.
func (c *checker) holderCleaned(fd *ast.FuncDecl, fn *types.Func, at ast.Node, o obligation, needs [][]release) bool {
	rv := c.returnedVar(fd, o.resultIndex())
	if rv == nil {
		return false
	}
	whole := obligation{target: o.target, kind: obStop, needs: needs}
	whole.methods = c.releasingMethods(fn, whole)
	if len(whole.methods) == 0 {
		whole.methods = c.stopNames(path{root: rv, deref: true})
	}
	return c.dischargedLater(fd, at, path{root: rv, deref: true}, whole)
}

// embeddedPath returns the fields, ".a.b", through which the selection
// with index path index reaches a method promoted from embedded fields of
// t; "" for a method of t itself.
func embeddedPath(t types.Type, index []int) string {
	var out strings.Builder
	for _, i := range index[:len(index)-1] {
		st, ok := derefType(t).Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return ""
		}
		f := st.Field(i)
		out.WriteString("." + f.Name())
		t = f.Type()
	}
	return out.String()
}

// namedCloser reports whether one of the function values assigned to the
// variable r (a local or a named result of fd) stops the value at vp as o
// asks.
func (c *checker) namedCloser(fd *ast.FuncDecl, r *types.Var, vp path, o obligation) bool {
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found || len(as.Lhs) != len(as.Rhs) {
			return !found
		}
		for k, l := range as.Lhs {
			rhs := ast.Unparen(as.Rhs[k])
			switch rhs.(type) {
			case *ast.FuncLit, *ast.SelectorExpr: // not another variable: no cycle
			default:
				continue
			}
			if id, ok := l.(*ast.Ident); ok && c.info.ObjectOf(id) == r && c.stopsValue(fd, rhs, vp, o) {
				found = true
			}
		}
		return !found
	})
	return found
}

// closerCalled reports whether the caller of call calls, or hands on, on
// every path, the closer o names among call's results (s, _, stop :=
// start(); defer stop()), whatever it does with the value itself. Where
// the call also returns an error, the paths on which it failed owe
// nothing (_, stop, err := start(); if err != nil { return }).
func (c *checker) closerCalled(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, to *types.Func, o obligation) bool {
	cp := c.assignedPath(call, obligation{target: result(o.closer - 1)})
	if !cp.valid() || !c.localTo(cp, fn) {
		return false
	}
	used := func(n ast.Node) bool { return c.callsCloser(n, cp) }
	stmt := c.stmtOf(cur)
	if deferredBefore(c.info, funcBody(fn), stmt, used) {
		return true
	}
	q := flowQuery{g: c.cfgOf(fn), from: stmt, used: used}
	if errVar := c.errResult(call, to, stmt, false); errVar != nil {
		c.errPaths(&q, errVar, fn, stmt)
	}
	return q.leak() == nil
}

// failsClean reports whether fn, whose last result is an error, hands o
// on to its caller only when that error is nil: no return whose error is
// not the literal nil is reachable from from, the go statement or call
// that took o on, except by the branch on which the call's own error
// says it made nothing (h.db, err = Open(); if err != nil { return err }).
// A caller that finds the error not nil then owes nothing for o, as for
// the value a failed constructor returns (an Init that fails leaves
// nothing running). Only for what o leaves on the receiver or an
// argument: a result beside an error is such a value already.
func (c *checker) failsClean(fd *ast.FuncDecl, fn *types.Func, o obligation, from ast.Node, to *types.Func, stmt ast.Node, alone bool) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || o.isResult() || fd.Body == nil {
		return false
	}
	res := sig.Results()
	if res.Len() == 0 || !isErrorType(res.At(res.Len()-1).Type()) {
		return false
	}
	q := flowQuery{g: c.cfgOf(fd), from: from, used: func(n ast.Node) bool {
		ret, ok := n.(*ast.ReturnStmt)
		return ok && len(ret.Results) == res.Len() && isNilIdent(ast.Unparen(ret.Results[len(ret.Results)-1]))
	}}
	if call, ok := from.(*ast.CallExpr); ok && to != nil {
		if errVar := c.errResult(call, to, stmt, alone); errVar != nil {
			q.isErr = func(e ast.Expr) bool {
				id, ok := e.(*ast.Ident)
				return ok && c.info.Uses[id] == errVar
			}
		}
	}
	return q.g != nil && q.leak() == nil
}

// stoppedResult returns, for an obligation o to stop a result of fd, fn's
// signature, the result's index and the local fd returns there; a nil
// variable when o is not such an obligation or fd returns no local.
func (c *checker) stoppedResult(fd *ast.FuncDecl, fn *types.Func, o obligation) (*types.Signature, int, *types.Var) {
	if !o.isResult() || o.kind != obStop || fd.Body == nil {
		return nil, 0, nil
	}
	i := o.resultIndex()
	return fn.Type().(*types.Signature), i, c.returnedVar(fd, i)
}
