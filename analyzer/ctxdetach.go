package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// checkCtxdetach reports context.Background(), context.TODO() and
// context.WithoutCancel(x) where a context is already in scope: the work
// started with it no longer stops when the caller's context is cancelled.
//
// Not reported: in main and init (where root contexts come from); at a
// test's top level (the body of a Test, Benchmark, Fuzz or Example function
// or test method, and of the subtests, fuzz targets and synctest bubbles it
// runs directly); in a test file, a root given a deadline of its own at once,
// or a cancel the test calls itself (see boundedProbe);
// Background or TODO that gives a nil context its value (inside `if ctx ==
// nil`, or assigned to a context declared with `var ctx context.Context`);
// a comparison (ctx == context.Background()); and a detached context made
// after the context in scope is known to be done (after <-ctx.Done(), in a select case on it,
// under `if ctx.Err() != nil`, in a context.AfterFunc callback, after a
// call of the cancel function of every context in scope), which is
// how a graceful shutdown gets a context of its own.
func (c *checker) checkCtxdetach() {
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		fn := callee(c.info, call)
		without := isFunc(fn, "context", "WithoutCancel")
		if !without && !isFunc(fn, "context", "Background", "TODO") {
			continue
		}
		fnCur := enclosingFunc(cur)
		if !fnCur.Valid() || c.rootFunc(cur, fnCur) {
			continue
		}
		if b, ok := cur.Parent().Node().(*ast.BinaryExpr); ok && (b.Op == token.EQL || b.Op == token.NEQ) {
			continue // ctx == context.Background() compares, it does not detach
		}
		if c.valuesOnly(cur) || !without && c.latchOnly(cur, fnCur) {
			continue
		}
		if !without && c.boundedProbe(cur) || without && c.rebound(cur) {
			continue
		}
		// ctx := context.Background(), then another Background, here or
		// in a closure: a context that only ever holds a root is nothing
		// the work detaches from (one later given a derived context is
		// not only a root).
		cands := c.contextsInScope(cur, call.Pos())
		cands = slices.DeleteFunc(cands, func(v *types.Var) bool {
			return c.rootOnly(v) || !without && (c.rootYet(v, call.Pos()) || c.nextPhase(cur, v) || c.lifetimeRoot(cur, v))
		})
		var reqs []*types.Var
		if len(cands) == 0 && !without {
			reqs = c.requestsInScope(cur, call.Pos())
		}
		if len(cands) == 0 && len(reqs) == 0 {
			continue
		}
		if c.deferredCleanup(cur, cands) || !without && c.keptInField(cur) {
			continue
		}
		if !without && (c.defaults(cur, call, cands) || c.narrowRoots(cands, cur) && (c.outlivesScope(cur) || c.siblingPhase(cur)) || c.madeRoots(cands, cur) && c.givenToKept(cur)) {
			continue
		}
		if c.storedCallback(cur, cands) || !without && (c.helperRoots(fnCur, cands) || c.testRoots(cur, cands)) {
			continue
		}
		if c.afterDone(cur, call, fnCur) || c.cancelledBefore(call, fnCur, cands) || c.doneByCleanup(fnCur, cands) || !without && (c.relinked(cur, fnCur, cands) || c.cancelledAtOnce(cur)) {
			continue
		}
		name := c.text(call.Fun)
		if len(reqs) > 0 {
			if !c.outlivesHandler(fnCur) {
				c.reportRequest(call, name, reqs)
			}
			continue
		}
		if without {
			var fixes []analysis.SuggestedFix
			arg := "its argument"
			if len(call.Args) == 1 {
				arg = c.text(call.Args[0])
				if src, ok := c.source(call.Args[0].Pos(), call.Args[0].End()); ok {
					fixes = []analysis.SuggestedFix{{
						Message:   "keep " + arg,
						TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(src)}},
					}}
				}
			}
			c.report(ruleCtxdetach, call, fixes,
				"call to %s detaches this work from the cancellation of %s: keep %s, or document the detachment with //twine:detached <reason>",
				name, arg, arg)
			continue
		}
		best := cands[0]
		for _, v := range cands {
			if v.Name() == "ctx" {
				best = v
			}
		}
		var fixes []analysis.SuggestedFix
		if len(cands) == 1 || best.Name() == "ctx" {
			fixes = []analysis.SuggestedFix{{
				Message:   "use " + best.Name(),
				TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(best.Name())}},
			}}
		}
		if len(fixes) == 0 {
			var names []string
			for _, v := range cands {
				names = append(names, v.Name())
			}
			c.report(ruleCtxdetach, call, nil,
				"call to %s() detaches this work from the contexts in scope (%s): pass the one whose cancellation and deadline should reach the work, or document the detachment with //twine:detached <reason>",
				name, strings.Join(names, ", "))
			continue
		}
		c.report(ruleCtxdetach, call, fixes,
			"call to %s() detaches this work from %s, which is in scope: pass %s so its cancellation and deadline reach the work, or document the detachment with //twine:detached <reason>",
			name, best.Name(), best.Name())
	}
}

// reportRequest reports Background() or TODO() where no context variable
// is in scope but an *http.Request is: a handler's work should stop when
// the client goes away, and a client's when its caller cancels the
// request, as the request's context does.
func (c *checker) reportRequest(call *ast.CallExpr, name string, reqs []*types.Var) {
	r := reqs[0].Name()
	if len(reqs) > 1 {
		var names []string
		for _, v := range reqs {
			names = append(names, v.Name()+".Context()")
		}
		c.report(ruleCtxdetach, call, nil,
			"call to %s() detaches this work from the requests' contexts in scope (%s): pass the one whose cancellation should reach the work, or document the detachment with //twine:detached <reason>",
			name, strings.Join(names, ", "))
		return
	}
	fixes := []analysis.SuggestedFix{{
		Message:   "use " + r + ".Context()",
		TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(r + ".Context()")}},
	}}
	c.report(ruleCtxdetach, call, fixes,
		"call to %s() detaches this work from the request's context %s.Context(), which is in scope: pass %s.Context() so its cancellation and deadline reach the work, or document the detachment with //twine:detached <reason>",
		name, r, r)
}

// valuesOnly reports whether the call at cur is the context argument of a
// function that reads only the values of a context, never its
// cancellation: pprof.SetGoroutineLabels(context.Background()) clears the
// goroutine's profiler labels, and runtime/trace's Log and regions read
// the trace task. Nothing runs under such a context, so nothing detaches.
func (c *checker) valuesOnly(cur inspector.Cursor) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	if i := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return ast.Unparen(a) == cur.Node() }); i >= 0 {
		if fn := callee(c.info, call); fn != nil && c.ctxBounded(fn, i) {
			return true // the callee gives a context without a deadline one of its own
		}
	}
	if len(call.Args) == 0 || ast.Unparen(call.Args[0]) != cur.Node() {
		return false
	}
	fn := callee(c.info, call)
	if isFunc(fn, "runtime/pprof", "SetGoroutineLabels") ||
		isFunc(fn, "runtime/trace", "Log", "Logf", "StartRegion", "WithRegion") {
		return true
	}
	if fn == nil {
		return false
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "log/slog" {
		return true // a handler reads the context for its values (trace IDs)
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
		return loggingName(fn.Name()) // code the pass cannot read: a logger by its name
	}
	return c.ctxValuesOnly(fn, 0, 0)
}

// latchOnly reports whether the root at cur only makes a context that
// the function uses as a signal: finished, finish :=
// context.WithCancel(context.Background()), a goroutine's defer finish(),
// and a select on finished.Done(). The context is only ever asked for its
// Done or Err, never given to work: nothing runs under it, so nothing is
// detached. One with a deadline bounds the function's own wait on its
// Done, which is work, unless that wait is a loop's budget whose every
// round gives the work the caller's context (see retryBudget).
func (c *checker) latchOnly(cur, fnCur inspector.Cursor) bool {
	derive, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || len(derive.Args) == 0 || derive.Args[0] != cur.Node() {
		return false
	}
	deadline := isFunc(callee(c.info, derive), "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause")
	if !deadline && !isFunc(callee(c.info, derive), "context", "WithCancel", "WithCancelCause") {
		return false
	}
	as, ok := cur.Parent().Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != derive {
		return false
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.info.ObjectOf(id).(*types.Var)
	if !ok || !declaredIn(v, funcBody(fnCur.Node())) {
		return false
	}
	used := false
	for idc := range fnCur.Preorder((*ast.Ident)(nil)) {
		if c.info.Uses[idc.Node().(*ast.Ident)] != v {
			continue
		}
		sel, ok := idc.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != idc.Node() || sel.Sel.Name != "Done" && sel.Sel.Name != "Err" {
			return false
		}
		if call, ok := idc.Parent().Parent().Node().(*ast.CallExpr); !ok || call.Fun != sel {
			return false
		}
		used = true
		if deadline && !c.retryBudget(cur, idc) {
			return false
		}
	}
	return used
}

// retryBudget reports whether the use at use of a context made with a
// deadline from the root at root is a retry loop's budget: it is in a loop
// whose body also gives a context of the caller's (a context in scope at
// root, or a request's Context()) to a call. for { select { case
// <-budget.Done(): return errTimeout; default: err := l.Obtain(req.Context())
// ... } }: each attempt stops with the caller, the deadline only bounds how
// long the function keeps trying.
func (c *checker) retryBudget(root, use inspector.Cursor) bool {
	pos := root.Node().Pos()
	ctxs := c.contextsInScope(root, pos)
	reqs := c.requestsInScope(root, pos)
	if len(ctxs) == 0 && len(reqs) == 0 {
		return false
	}
	for loop := range use.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil)) {
		if _, ok := loop.Node().(*ast.FuncLit); ok {
			return false
		}
		found := false
		for k := range loop.Preorder((*ast.CallExpr)(nil)) {
			for _, a := range k.Node().(*ast.CallExpr).Args {
				if c.callerContext(a, ctxs, reqs) {
					found = true
				}
			}
		}
		return found
	}
	return false
}

// callerContext reports whether e is one of the contexts ctxs or the
// Context() of one of the requests reqs.
func (c *checker) callerContext(e ast.Expr, ctxs, reqs []*types.Var) bool {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		v, _ := c.info.Uses[id].(*types.Var)
		return v != nil && slices.Contains(ctxs, v)
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Context" {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := c.info.Uses[id].(*types.Var)
	return v != nil && slices.Contains(reqs, v)
}

// ctxBounded reports whether fn gives its i-th parameter, a context, a
// deadline of its own when it has none (if _, ok := ctx.Deadline(); !ok {
// ctx, cancel = context.WithTimeout(ctx, d) }): given Background, it is
// bounded all the same. Known by reading fn in this package, by its fact
// otherwise.
func (c *checker) ctxBounded(fn *types.Func, i int) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || i >= sig.Params().Len() || !isContextType(sig.Params().At(i).Type()) {
		return false
	}
	if recv := sig.Recv(); recv != nil && types.IsInterface(recv.Type()) {
		// Through an interface: bounded if every implementation is.
		if fn.Pkg() == c.pass.Pkg {
			return c.ifaceBounded(fn, i)
		}
		f := new(ifaceCtxFact)
		return fn.Pkg() != nil && c.pass.ImportObjectFact(fn, f) && slices.Contains(f.Bounded, i)
	}
	if fn.Pkg() != c.pass.Pkg {
		s := c.calleeSummary(fn)
		return s != nil && slices.Contains(s.ctxBounded, i)
	}
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil {
		return false
	}
	key := ctxParam{fn.Origin(), i}
	if b, ok := c.ctxBoundedMemo[key]; ok {
		return b // known, or in progress: functions handing ctx to each other
	}
	if c.ctxBoundedMemo == nil {
		c.ctxBoundedMemo = make(map[ctxParam]bool)
	}
	c.ctxBoundedMemo[key] = false
	v := sig.Params().At(i)
	isV := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.info.Uses[id] == v
	}
	// It asks for ctx's deadline and gives ctx one: both, on ctx itself
	// (asking to pass the deadline on to another context bounds nothing).
	asks, gives := false, false
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if found || !ok {
			return !found
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Deadline" && isV(sel.X) {
			asks = true
		}
		if isFunc(callee(c.info, call), "context", "WithTimeout", "WithDeadline") && len(call.Args) > 0 && isV(call.Args[0]) {
			gives = true
		}
		found = asks && gives
		// Handed to a function that does it (wrapContextWithoutDeadline(ctx)).
		for j, a := range call.Args {
			if id, ok := ast.Unparen(a).(*ast.Ident); ok && c.info.Uses[id] == v {
				if to := callee(c.info, call); to != nil && to != fn && to.Pkg() == c.pass.Pkg && c.ctxBounded(to, j) {
					found = true
				}
			}
		}
		return !found
	})
	c.ctxBoundedMemo[key] = found
	return found
}

// ctxWraps reports whether fn returns its i-th parameter, a context, with
// values added only: every return gives the parameter itself, or
// context.WithValue of it (directly, through a local, or through another
// such function). Given a root, fn returns a root. Known by reading fn in
// this package, by its fact otherwise.
func (c *checker) ctxWraps(fn *types.Func, i, depth int) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || depth > 3 || i >= sig.Params().Len() || !isContextType(sig.Params().At(i).Type()) ||
		sig.Results().Len() != 1 || !isContextType(sig.Results().At(0).Type()) {
		return false
	}
	if fn.Pkg() != c.pass.Pkg {
		s := c.calleeSummary(fn)
		return s != nil && slices.Contains(s.ctxWraps, i)
	}
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil {
		return false
	}
	v := sig.Params().At(i)
	var wraps func(e ast.Expr, d int) bool
	wraps = func(e ast.Expr, d int) bool {
		if d > 3 {
			return false
		}
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			w, ok := c.info.Uses[e].(*types.Var)
			if ok && w == v {
				// The parameter itself, unless the body gives it
				// another value (ctx, cancel := context.WithCancel(ctx)).
				assigned := false
				c.onlyAssigned(decl.Body, v, func([]ast.Expr, []ast.Expr, int) bool {
					assigned = true
					return false
				})
				return !assigned
			}
			return ok && declaredIn(w, decl.Body) && c.onlyAssigned(decl.Body, w, func(lhs, rhs []ast.Expr, k int) bool {
				return len(lhs) == len(rhs) && wraps(rhs[k], d+1)
			})
		case *ast.CallExpr:
			f := callee(c.info, e)
			if isFunc(f, "context", "WithValue") && len(e.Args) > 0 {
				return wraps(e.Args[0], d+1)
			}
			if f == nil || f.Origin() == fn.Origin() {
				return false
			}
			for j, a := range e.Args {
				if isContextType(c.typeOf(a)) && c.ctxWraps(f, j, depth+1) && wraps(a, d+1) {
					return true
				}
			}
		}
		return false
	}
	rets := 0
	all := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			rets++
			if len(n.Results) != 1 || !wraps(n.Results[0], 0) {
				all = false
			}
		}
		return all
	})
	return all && rets > 0
}

// loggingName reports whether name is a logging method's: Printf,
// Infof, Debug, Warnw, Errorf, Log...
func loggingName(name string) bool {
	for _, p := range []string{"Print", "Log", "Debug", "Info", "Warn", "Error", "Trace"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// ctxValuesOnly reports whether fn reads its i-th parameter, a context,
// only for its values: ctx.Value, or passing it on to a parameter that is
// read only for values; or not at all. Such a call does not detach work when given
// context.Background(). Known by reading fn in this package, by its fact
// otherwise.
func (c *checker) ctxValuesOnly(fn *types.Func, i, depth int) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || i >= sig.Params().Len() || !isContextType(sig.Params().At(i).Type()) || depth > 3 {
		return false
	}
	if fn.Pkg() != c.pass.Pkg {
		s := c.calleeSummary(fn)
		return s != nil && slices.Contains(s.ctxValues, i)
	}
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil {
		return false
	}
	v := sig.Params().At(i)
	only, read := true, false
	ast.PreorderStack(decl.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !only || !isID || c.info.Uses[id] != v {
			return only
		}
		read = true
		parent := stack[len(stack)-1]
		if sel, ok := parent.(*ast.SelectorExpr); ok && sel.X == id && sel.Sel.Name == "Value" {
			return false // ctx.Value(k)
		}
		if call, ok := parent.(*ast.CallExpr); ok {
			if j := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return a == ast.Expr(id) }); j >= 0 {
				if to := callee(c.info, call); to != nil && (c.ctxValuesOnly(to, j, depth+1) ||
					isFunc(to, "runtime/pprof", "SetGoroutineLabels") || to.Pkg() != nil && to.Pkg().Path() == "log/slog") {
					return false
				}
			}
		}
		only = false
		return false
	})
	// A context it never reads detaches nothing either, unless fn is a
	// stub (an empty body, or one return of constants and nils), whose
	// reads are not written yet.
	return only && (read || !c.stub(decl.Body))
}

// stub reports whether body is empty or only returns constants and nils.
func (c *checker) stub(body *ast.BlockStmt) bool {
	if len(body.List) == 0 {
		return true
	}
	ret, ok := body.List[0].(*ast.ReturnStmt)
	if !ok || len(body.List) > 1 {
		return false
	}
	return !slices.ContainsFunc(ret.Results, func(e ast.Expr) bool {
		return c.info.Types[e].Value == nil && !isNil(c.info, e)
	})
}

// boundedProbe reports whether the Background() or TODO() at cur, in a test
// file, gets a deadline of its own at once: the first argument of
// context.WithTimeout or WithDeadline (or their Cause forms). A test's
// short-lived probe (expect no update within 100ms) cannot hang the test,
// whatever context is in scope. So does the first argument of
// context.WithCancel whose cancel the test calls itself (see
// cancelCalled).
func (c *checker) boundedProbe(cur inspector.Cursor) bool {
	if !c.tests[c.pass.Fset.File(cur.Node().Pos())] {
		return false
	}
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || len(call.Args) == 0 || ast.Unparen(call.Args[0]) != cur.Node() {
		return false
	}
	fn := callee(c.info, call)
	if isFunc(fn, "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause") {
		return true
	}
	return isFunc(fn, "context", "WithCancel", "WithCancelCause") && c.cancelCalled(cur.Parent())
}

// rebound reports whether the context.WithoutCancel call at cur is at once
// given a bound of its own: it is the parent of a context.WithTimeout,
// WithDeadline or WithCancel (and their Cause forms), directly or through
// a local every later use of which is such a parent (ctx =
// context.WithoutCancel(ctx), then tctx, cancel := context.WithTimeout(ctx,
// d) for each attempt). The work is cut loose from the caller's
// cancellation on purpose, and held by a deadline or a cancel of the
// function's own instead: a cleanup that must finish, within its time,
// even when the caller gave up.
func (c *checker) rebound(cur inspector.Cursor) bool {
	derives := func(call *ast.CallExpr, arg ast.Expr) bool {
		return len(call.Args) > 0 && ast.Unparen(call.Args[0]) == arg &&
			isFunc(callee(c.info, call), "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause", "WithCancel", "WithCancelCause")
	}
	if call, ok := cur.Parent().Node().(*ast.CallExpr); ok && derives(call, cur.Node().(ast.Expr)) {
		return true
	}
	lhs, rhs := assignment(cur.Parent().Node())
	if len(lhs) != 1 || len(rhs) != 1 || ast.Unparen(rhs[0]) != cur.Node() {
		return false
	}
	id, ok := ast.Unparen(lhs[0]).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.info.ObjectOf(id).(*types.Var)
	fnCur := enclosingFunc(cur)
	if !ok || !fnCur.Valid() {
		return false
	}
	uses, bound := 0, true
	for idCur := range fnCur.Preorder((*ast.Ident)(nil)) {
		u := idCur.Node().(*ast.Ident)
		if u.Pos() < cur.Node().End() || c.info.Uses[u] != v {
			continue
		}
		uses++
		if call, ok := idCur.Parent().Node().(*ast.CallExpr); !ok || !derives(call, u) {
			bound = false
		}
	}
	return uses > 0 && bound
}

// cancelCalled reports whether the cancel function that the
// context.WithCancel call at cur returns is called in the function that
// makes it, not only deferred (cancel() before a call, or from a
// goroutine it starts): the test cancels the context itself, which is
// what it is testing. A cancel only deferred is cleanup: the work still
// does not stop with the context in scope.
func (c *checker) cancelCalled(cur inspector.Cursor) bool {
	lhs, rhs := assignment(cur.Parent().Node())
	if len(rhs) != 1 || ast.Unparen(rhs[0]) != cur.Node() || len(lhs) != 2 {
		return false
	}
	id, ok := ast.Unparen(lhs[1]).(*ast.Ident)
	if !ok {
		return false
	}
	v := c.info.ObjectOf(id)
	fnCur := enclosingFunc(cur)
	if v == nil || !fnCur.Valid() {
		return false
	}
	called := false
	ast.Inspect(funcBody(fnCur.Node()), func(n ast.Node) bool {
		if _, ok := n.(*ast.DeferStmt); ok {
			return false // defer cancel() is cleanup, not the test's subject
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if f, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && c.info.Uses[f] == v {
				called = true
			}
		}
		return !called
	})
	return called
}

// allRoots reports whether every context in cands is a local variable that
// only ever holds context.Background() or TODO() itself (or nil), apart
// from the assignment that the call at cur makes: there is no caller's
// cancellation to detach from. With `ctx := context.Background(); if d > 0
// { ctx, cancel = context.WithTimeout(context.Background(), d) }` the call
// gives a root a deadline, as WithTimeout(ctx, d) would.
func (c *checker) allRoots(cands []*types.Var, cur inspector.Cursor) bool {
	fnCur := enclosingFunc(cur)
	for _, v := range cands {
		body := c.declaringBody(v, fnCur.Node())
		if body == nil {
			return false // a parameter: a caller's context
		}
		root := true
		ast.Inspect(body, func(n ast.Node) bool {
			if !root || n == nil {
				return false
			}
			if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && pathOf(c.info, u.X).root == v {
				root = false // &ctx lets anything assign it
				return false
			}
			lhs, rhs := assignment(n)
			for i, l := range lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); !ok || c.info.ObjectOf(id) != v {
					continue
				}
				if within(cur.Node(), n) {
					continue // the assignment the call itself makes
				}
				if len(rhs) == 0 {
					continue // var ctx context.Context: nil until assigned
				}
				if len(rhs) != len(lhs) {
					root = false
					break
				}
				call, ok := ast.Unparen(rhs[i]).(*ast.CallExpr)
				if !ok || !isFunc(callee(c.info, call), "context", "Background", "TODO") && !c.localDeadline(call, lhs, cands, body) {
					root = false
				}
			}
			return root
		})
		if !root {
			return false
		}
	}
	return true
}

// narrowRoots reports whether every context in scope is a local the
// function made from context.Background() with a deadline or cancel of its
// own (startCtx, cancel := context.WithTimeout(context.Background(), d)),
// and otherwise only ever a root (ctx := context.Background() before):
// there is no caller's context to detach from, and passing the local one
// would impose a narrow purpose's deadline where it does not belong.
func (c *checker) narrowRoots(cands []*types.Var, cur inspector.Cursor) bool {
	fnCur := enclosingFunc(cur)
	for _, v := range cands {
		body := c.declaringBody(v, fnCur.Node())
		if body == nil {
			return false // a parameter: a caller's context
		}
		derived := false
		ok := true
		ast.Inspect(body, func(n ast.Node) bool {
			if u, isAddr := n.(*ast.UnaryExpr); isAddr && u.Op == token.AND && pathOf(c.info, u.X).root == v {
				ok = false
			}
			lhs, rhs := assignment(n)
			for i, l := range lhs {
				if id, isID := ast.Unparen(l).(*ast.Ident); !isID || c.info.ObjectOf(id) != v || len(rhs) == 0 {
					continue
				}
				if len(lhs) == len(rhs) && c.rootContext(rhs[i], body, 0) {
					continue // ctx := context.Background(), before it is derived
				}
				call, isCall := ast.Unparen(rhs[0]).(*ast.CallExpr)
				if i != 0 || len(rhs) != 1 || !isCall || !c.localDeadline(call, lhs, nil, body) {
					ok = false
				}
				derived = true
			}
			return ok
		})
		if !ok || !derived {
			return false
		}
	}
	return len(cands) > 0
}

// testRoots reports whether cur is in a test file and every context in
// scope is a local made there from a root, through any call that takes it
// first (ctx, cancel, err := locker.WithContext(context.Background(),
// name)), with no deadline on the way (boundRoot: a test's timeout bounds
// its work too): a test has no caller whose cancellation its work should
// carry, and the context it made is often the very one the work is meant
// to end.
func (c *checker) testRoots(cur inspector.Cursor, cands []*types.Var) bool {
	if !c.tests[c.pass.Fset.File(cur.Node().Pos())] {
		return false
	}
	fnCur := enclosingFunc(cur)
	if call, ok := fnCur.Parent().Node().(*ast.CallExpr); ok && isCleanup(c.info, call) {
		return false // a cleanup, run once the test is over: cleanups' own rules (doneByCleanup)
	}
	return c.localsMadeBy(cands, fnCur, func(e ast.Expr, _ *ast.BlockStmt) bool { return c.fromRoot(e, nil) && !c.boundRoot(e) })
}

// localsMadeBy reports whether every context in cands is a local of the
// function at fnCur (or one around it) that is only ever given a value
// made satisfies: the expression of a one-to-one assignment, or the one
// call of ctx, cancel := f(...) (and its kin with more results), given as
// made's argument with the body that declares the local.
func (c *checker) localsMadeBy(cands []*types.Var, fnCur inspector.Cursor, made func(e ast.Expr, body *ast.BlockStmt) bool) bool {
	for _, v := range cands {
		body := c.declaringBody(v, fnCur.Node())
		if body == nil || c.isParamVar(v) {
			return false // a parameter: a caller's context
		}
		if !c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
			switch {
			case len(rhs) == 0:
				return true
			case len(lhs) == len(rhs):
				return made(rhs[i], body)
			default:
				return i == 0 && len(rhs) == 1 && made(rhs[0], body)
			}
		}) {
			return false
		}
	}
	return len(cands) > 0
}

// boundRoot reports whether e, on its way to the root, derives a context
// with a deadline (a test's timeout, which its work should keep) or from a
// process signal (signal.NotifyContext).
func (c *checker) boundRoot(e ast.Expr) bool {
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		if fn := callee(c.info, call); isFunc(fn, "os/signal", "NotifyContext") || isFunc(fn, "context", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause") || c.clockDerive(call) && !isFunc(fn, "context", "WithCancel", "WithCancelCause") {
			return true
		}
		if len(call.Args) == 0 {
			return false
		}
		e = call.Args[0]
	}
}

// madeRoots reports whether every context in scope is a local the function
// made itself from a root, however it is cancelled (ctx, cancel :=
// context.WithCancel(context.Background()), cancel kept in the value it
// builds, or a ping's timeout): the function has no caller's context, and
// work it hands to a value it returns or keeps is the value's, not tied
// to a context of the function's.
func (c *checker) madeRoots(cands []*types.Var, cur inspector.Cursor) bool {
	return c.localsMadeBy(cands, enclosingFunc(cur), func(e ast.Expr, body *ast.BlockStmt) bool {
		if c.rootContext(e, body, 0) {
			return true
		}
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && len(call.Args) > 0 && c.rootContext(call.Args[0], body, 0) &&
			isFunc(callee(c.info, call), "context", "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause")
	})
}

// storedCallback reports whether cur is in a function literal that is kept
// to be run later (stored in a struct field, a slice or a map), while
// every context in scope belongs to the function that makes it: when the
// callback runs, that context may long be done.
func (c *checker) storedCallback(cur inspector.Cursor, cands []*types.Var) bool {
	for lit := range cur.Enclosing((*ast.FuncLit)(nil)) {
		at := lit
		if call, ok := lit.Parent().Node().(*ast.CallExpr); ok && isFunc(callee(c.info, call), "sync", "OnceFunc", "OnceValue", "OnceValues") {
			at = lit.Parent() // w.start = sync.OnceValue(func() error { ... })
		}
		kept := false
		switch p := at.Parent().Node().(type) {
		case *ast.KeyValueExpr:
			kept = p.Value == at.Node()
		case *ast.CompositeLit:
			kept = true
		case *ast.AssignStmt:
			for i, r := range p.Rhs {
				if r == at.Node() && i < len(p.Lhs) {
					_, isIndex := p.Lhs[i].(*ast.IndexExpr)
					kept = pathOf(c.info, p.Lhs[i]).fields != "" || isIndex
					if id, ok := p.Lhs[i].(*ast.Ident); ok && !kept {
						// onClose := func() { ... }; return &conn{onClose: onClose}
						kept = c.onlyKept(id, at, 0)
					}
				}
			}
		case *ast.CallExpr:
			kept = c.storedArg(p, at.Node().(ast.Expr)) // newConn(c, func() { ... })
		case *ast.ReturnStmt:
			// return p, func() error { c, cancel := context.WithTimeout(
			// context.Background(), d); defer cancel(); return p.Shutdown(c) }:
			// a shutdown handed back to run later, bounded by its own
			// deadline. (One that is not bounded stays reported: it may
			// be work the caller runs at once.)
			kept = c.siblingPhase(cur)
		}
		if !kept {
			continue
		}
		for _, v := range cands {
			if declaredIn(v, lit.Node()) {
				return false // a context of the callback's own
			}
		}
		return true
	}
	return false
}

// onlyKept reports whether the local that id declares, given the literal
// at lit, is only ever kept to run later: stored (a field of a composite
// literal, a field or an element), returned, given to a function of the
// package that stores it, or called only by other literals kept so
// (depth bounds that chain).
func (c *checker) onlyKept(id *ast.Ident, lit inspector.Cursor, depth int) bool {
	v, ok := c.info.Defs[id].(*types.Var)
	if !ok || depth > 2 {
		return false
	}
	fn := enclosingFunc(lit)
	if !fn.Valid() {
		return false
	}
	uses := 0
	for cur := range fn.Preorder((*ast.Ident)(nil)) {
		use := cur.Node().(*ast.Ident)
		if c.info.Uses[use] != v {
			continue
		}
		uses++
		switch p := cur.Parent().Node().(type) {
		case *ast.KeyValueExpr:
			if p.Value != ast.Expr(use) {
				return false
			}
		case *ast.CompositeLit, *ast.ReturnStmt:
		case *ast.AssignStmt:
			i := slices.Index(p.Rhs, ast.Expr(use))
			if i < 0 || i >= len(p.Lhs) {
				return false
			}
			if _, isIndex := p.Lhs[i].(*ast.IndexExpr); !isIndex && pathOf(c.info, p.Lhs[i]).fields == "" {
				return false
			}
		case *ast.CallExpr:
			if p.Fun == ast.Expr(use) {
				// recordClosed() in another literal, itself kept.
				outer := enclosingFunc(cur)
				if !outer.Valid() || outer == fn || !c.litKept(outer, depth+1) {
					return false
				}
			} else if !c.storedArg(p, use) {
				return false
			}
		default:
			return false
		}
	}
	return uses > 0
}

// litKept is storedCallback's test of one literal: kept in a field, an
// element or a composite literal, in a local only kept, or given to a
// function of the package that stores it.
func (c *checker) litKept(lit inspector.Cursor, depth int) bool {
	lf, ok := lit.Node().(*ast.FuncLit)
	if !ok {
		return false
	}
	switch p := lit.Parent().Node().(type) {
	case *ast.KeyValueExpr:
		return p.Value == ast.Expr(lf)
	case *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		return c.storedArg(p, lf)
	case *ast.AssignStmt:
		i := slices.Index(p.Rhs, ast.Expr(lf))
		if i < 0 || i >= len(p.Lhs) {
			return false
		}
		if _, isIndex := p.Lhs[i].(*ast.IndexExpr); isIndex || pathOf(c.info, p.Lhs[i]).fields != "" {
			return true
		}
		if id, ok := p.Lhs[i].(*ast.Ident); ok {
			return c.onlyKept(id, lit, depth)
		}
	}
	return false
}

// storedArg reports whether arg, an argument of call, goes to a parameter
// of a function of this package that only stores it (newConn(c,
// closeFunc) building &conn{closeFunc: closeFunc}).
func (c *checker) storedArg(call *ast.CallExpr, arg ast.Expr) bool {
	fn := callee(c.info, call)
	if fn == nil {
		return false
	}
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil {
		return false
	}
	i := slices.Index(call.Args, arg)
	sig := fn.Origin().Type().(*types.Signature)
	if i < 0 || i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 {
		return false
	}
	param := sig.Params().At(i)
	stored, other := false, false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if id, ok := ast.Unparen(n.Value).(*ast.Ident); ok && c.info.Uses[id] == param {
				stored = true
				return false
			}
		case *ast.AssignStmt:
			for k, r := range n.Rhs {
				if id, ok := ast.Unparen(r).(*ast.Ident); ok && c.info.Uses[id] == param && k < len(n.Lhs) && pathOf(c.info, n.Lhs[k]).fields != "" {
					stored = true
					return false
				}
			}
		case *ast.Ident:
			if c.info.Uses[n] == param {
				other = true
			}
		}
		return true
	})
	return stored && !other
}

// outlivesScope reports whether the context made at cur is for work that
// outlives the function's own flow: made in a deferred call or a go
// statement, or given to a value the function returns or keeps in a
// field, at once or through a local. (One kept in a field itself is
// keptInField's, asked first.)
func (c *checker) outlivesScope(cur inspector.Cursor) bool {
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.DeferStmt)(nil), (*ast.GoStmt)(nil)) {
		if _, ok := p.Node().(*ast.FuncDecl); ok {
			break
		}
		return true // a deferred call or a go statement
	}
	return c.givenToKept(cur)
}

// givenToKept reports whether the context made at cur is given to a value
// the function returns or keeps in a field, at once or through a local.
func (c *checker) givenToKept(cur inspector.Cursor) bool {
	// return NewStore(context.Background()), nil, or cfg.Transport, err =
	// NewTransport(context.Background()): the root is given to a value
	// the function returns or keeps in a field, which outlives the
	// function's own contexts.
	up := c.derivedFrom(cur)
	call, ok := up.Parent().Node().(*ast.CallExpr)
	if !ok || !slices.Contains(call.Args, ast.Expr(up.Node().(ast.Expr))) || !madeValue(c.typeOf(call)) {
		return false
	}
	switch p := up.Parent().Parent().Node().(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 {
			return false
		}
		if pathOf(c.info, p.Lhs[0]).fields != "" {
			return true
		}
		// extra := Open(context.Background()); ...; return &Client{extra:
		// extra}: the local is returned or kept in a field, whole or in
		// a literal.
		v := pathOf(c.info, p.Lhs[0]).root
		body := funcBody(enclosingFunc(cur).Node())
		return v != nil && body != nil && declaredIn(v, body) && c.localKept(body, v, p.End(), 2)
	}
	return false
}

// localKept reports whether the local v is returned or kept in a field
// after pos, whole, in a literal, appended to a field's slice, or in a
// literal given to another local that is (cl := &Client{extra: extra};
// return cl), depth locals deep.
func (c *checker) localKept(body *ast.BlockStmt, v *types.Var, pos token.Pos, depth int) bool {
	kept := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.AssignStmt:
			if n.Pos() <= pos {
				return true
			}
			if c.returnsOrStores(n, v) || c.appendedToField(n, v) {
				kept = true
			} else if as, ok := n.(*ast.AssignStmt); ok && depth > 0 && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
				w := pathOf(c.info, as.Lhs[0])
				if w.valid() && w.fields == "" && w.root != v && declaredIn(w.root, body) && c.inLiteral(as.Rhs[0], v) {
					kept = c.localKept(body, w.root, as.End(), depth-1)
				}
			}
		}
		return !kept
	})
	return kept
}

// inLiteral reports whether e is a composite literal (or its address) that
// holds v as one of its elements.
func (c *checker) inLiteral(e ast.Expr, v *types.Var) bool {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	return ok && slices.ContainsFunc(lit.Elts, func(el ast.Expr) bool {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		q := pathOf(c.info, el)
		return q.root == v && q.fields == ""
	})
}

// appendedToField reports whether n is e.pools = append(e.pools, ..., v,
// ...): v kept in a field's slice.
func (c *checker) appendedToField(n ast.Node, v *types.Var) bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || pathOf(c.info, as.Lhs[0]).fields == "" {
		return false
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	return ok && isBuiltinCall(c.info, call, "append") && slices.ContainsFunc(call.Args[min(1, len(call.Args)):], func(a ast.Expr) bool {
		q := pathOf(c.info, a)
		return q.root == v && q.fields == ""
	})
}

// madeValue reports whether a call's result of type t is a value the
// call makes (a pointer, a struct, an interface other than error), not
// an outcome (an error, a number).
func madeValue(t types.Type) bool {
	if tup, ok := t.(*types.Tuple); ok {
		if tup.Len() == 0 {
			return false
		}
		t = tup.At(0).Type()
	}
	if t == nil || types.Identical(t, types.Universe.Lookup("error").Type()) {
		return false
	}
	switch types.Unalias(t).Underlying().(type) {
	case *types.Pointer, *types.Struct, *types.Interface:
		return true
	}
	return false
}

// derivedFrom returns the outermost of the context.WithCancel calls and
// their kin that take the context made at cur as their parent, directly
// or through each other; cur itself if none does.
func (c *checker) derivedFrom(cur inspector.Cursor) inspector.Cursor {
	up := cur
	for {
		outer, ok := up.Parent().Node().(*ast.CallExpr)
		if !ok || len(outer.Args) == 0 || outer.Args[0] != up.Node() || !isContextDerive(callee(c.info, outer)) {
			return up
		}
		up = up.Parent()
	}
}

// cancelledAtOnce reports whether the root made at cur is given to a
// derive whose cancel the next statement calls (c1, cancel :=
// context.WithCancel(context.Background()); cancel()): a context made
// done on purpose, to hand a cancellation on, not work detached from
// anything.
func (c *checker) cancelledAtOnce(cur inspector.Cursor) bool {
	up := c.derivedFrom(cur)
	if up == cur {
		return false
	}
	as, ok := up.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) < 2 {
		return false
	}
	lid := identOf(as.Lhs[1])
	if lid == nil {
		return false
	}
	cancel, ok := c.info.ObjectOf(lid).(*types.Var)
	if !ok || cancel == nil {
		return false
	}
	list := stmtList(up.Parent().Parent().Node())
	i := slices.Index(list, ast.Stmt(as))
	if i < 0 || i+1 >= len(list) {
		return false
	}
	call := exprCall(list[i+1])
	if call == nil || len(call.Args) != 0 {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	return ok && c.info.Uses[id] == cancel
}

// keptInField reports whether the context made at cur, directly or
// through context.WithCancel and its kin, is kept in a field of a value
// (s.ctx, s.cancel = context.WithCancel(context.Background()), or
// &Conn{txCtx: context.Background()}): the lifetime or default context
// of a value that outlives the call that makes it, not work of the
// function's. A context the function was given for making it (a dial's)
// ends when that call does.
func (c *checker) keptInField(cur inspector.Cursor) bool {
	up := c.derivedFrom(cur)
	switch p := up.Parent().Node().(type) {
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if pathOf(c.info, l).fields != "" {
				return true
			}
		}
	case *ast.KeyValueExpr:
		_, lit := up.Parent().Parent().Node().(*ast.CompositeLit)
		return lit && p.Value == up.Node() && isContextType(c.typeOf(p.Value))
	}
	return false
}

// deferredCleanup reports whether the context made at cur is for a
// deferred call (defer s.Stop(context.Background()), or inside a deferred
// function literal): it runs as the function leaves, often because the
// caller's context is done, and a cleanup given that context would give
// up at once. A context the deferred code declares itself is its own.
func (c *checker) deferredCleanup(cur inspector.Cursor, cands []*types.Var) bool {
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.DeferStmt)(nil)) {
		switch n := p.Node().(type) {
		case *ast.FuncDecl:
			return false
		case *ast.DeferStmt:
			for _, v := range cands {
				if declaredIn(v, n) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// siblingPhase reports whether the root made at cur is given a deadline
// or cancel of the function's own (stopCtx, cancel :=
// context.WithTimeout(context.Background(), d)): beside contexts that are
// themselves such local phases (narrowRoots), it is the next phase's, not
// work detached from the first's.
func (c *checker) siblingPhase(cur inspector.Cursor) bool {
	outer, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || len(outer.Args) == 0 || outer.Args[0] != cur.Node() {
		return false
	}
	as, ok := cur.Parent().Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != outer {
		return false
	}
	fnCur := enclosingFunc(cur)
	return fnCur.Valid() && c.localDeadline(outer, as.Lhs, nil, funcBody(fnCur.Node()))
}

// localDeadline reports whether call, assigned to lhs, gives a root a
// deadline or a cancel of the function's own: context.WithTimeout(
// context.Background(), d) (or of another of the roots in cands), whose
// cancel function is only called (or deferred) in body, never handed to a
// goroutine, a closure or a field. Such a context is a local timeout (a
// start phase's), not a cancellation a caller gave.
func (c *checker) localDeadline(call *ast.CallExpr, lhs []ast.Expr, cands []*types.Var, body ast.Node) bool {
	if !isFunc(callee(c.info, call), "context", "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause") &&
		!c.clockDerive(call) || len(call.Args) == 0 || len(lhs) != 2 {
		return false
	}
	parent := ast.Unparen(call.Args[0])
	if inner, ok := parent.(*ast.CallExpr); ok {
		if !isFunc(callee(c.info, inner), "context", "Background", "TODO") {
			return false
		}
	} else if id, ok := parent.(*ast.Ident); !ok {
		return false
	} else if v, ok := c.info.Uses[id].(*types.Var); !ok || !slices.Contains(cands, v) {
		return false
	}
	cancel := pathOf(c.info, lhs[1])
	if !cancel.valid() || cancel.fields != "" {
		return false
	}
	local := true
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || c.info.Uses[id] != cancel.root || !local {
			return local
		}
		if as, ok := stack[len(stack)-1].(*ast.AssignStmt); ok && as.Tok == token.DEFINE && slices.Contains(as.Lhs, ast.Expr(id)) {
			return local // stopCtx, cancel := ...: a new phase's context, its cancel redeclared
		}
		deferred := false
		for _, s := range stack {
			switch s.(type) {
			case *ast.DeferStmt:
				deferred = true
			case *ast.FuncLit, *ast.GoStmt:
				local = local && deferred
			}
		}
		if call, ok := stack[len(stack)-1].(*ast.CallExpr); !ok || call.Fun != id {
			local = false // handed somewhere, not called
		}
		return local
	})
	return local
}

// clockDerive reports whether call is a clock's or a helper's version of
// context.WithTimeout or WithCancel (app.clock.WithTimeout(ctx, d),
// sig.SoftStopCtx(ctx)): it takes a context first and returns a context
// and its context.CancelFunc. Not signal.NotifyContext, whose cancellation
// is the process's, no phase of the function's.
func (c *checker) clockDerive(call *ast.CallExpr) bool {
	f := callee(c.info, call)
	if f == nil || isFunc(f, "os/signal", "NotifyContext") {
		return false // the process's signal: no phase of the function's
	}
	sig, ok := types.Unalias(c.typeOf(call.Fun)).(*types.Signature)
	if !ok || sig.Params().Len() == 0 || sig.Results().Len() != 2 || !isContextType(sig.Params().At(0).Type()) {
		return false
	}
	return isContextType(sig.Results().At(0).Type()) && isNamed(sig.Results().At(1).Type(), "context", "CancelFunc")
}

// rootFunc reports whether cur is where root contexts legitimately come
// from: directly in main or init, or at a test's top level.
func (c *checker) rootFunc(cur, fnCur inspector.Cursor) bool {
	if fd, ok := fnCur.Node().(*ast.FuncDecl); ok && fd.Recv == nil {
		if fd.Name.Name == "init" || fd.Name.Name == "main" && c.pass.Pkg.Name() == "main" {
			return true
		}
	}
	for f := range cur.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := f.Node().(type) {
		case *ast.FuncDecl:
			return c.isTestFunc(n)
		case *ast.FuncLit:
			call, ok := f.Parent().Node().(*ast.CallExpr)
			if !ok || !isSubtestRun(callee(c.info, call)) && !c.bubbles(call, n) {
				return false
			}
		}
	}
	return false
}

// helperRoots reports whether the Background() or TODO() at cur is in a
// function of a test file that is given a *testing.T (or B, F, TB) and no
// context, and every context in scope, cands, is a local of that function
// made from a root: a test's helper that makes its contexts from nothing,
// as the test itself does (a process context and an allocator context,
// each with its own cancel), detaches nothing.
func (c *checker) helperRoots(fnCur inspector.Cursor, cands []*types.Var) bool {
	fd, ok := fnCur.Node().(*ast.FuncDecl)
	if !ok || !c.testHelperRoot(fd) {
		return false
	}
	return !slices.ContainsFunc(cands, func(v *types.Var) bool {
		return !declaredIn(v, fd.Body) || !c.onlyAssigned(fd.Body, v, func(lhs, rhs []ast.Expr, i int) bool {
			if len(rhs) != 1 {
				return false
			}
			call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
			if !ok || len(call.Args) == 0 || !isContextType(c.typeOf(call.Args[0])) {
				return false
			}
			arg, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr)
			return ok && isFunc(callee(c.info, arg), "context", "Background", "TODO")
		})
	})
}

// testHelperRoot reports whether fd is a function of a test file that is
// given a *testing.T (or B, F, TB) and no context.
func (c *checker) testHelperRoot(fd *ast.FuncDecl) bool {
	if !c.tests[c.pass.Fset.File(fd.Pos())] {
		return false
	}
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	testing := false
	for p := range sig.Params().Variables() {
		if isContextType(p.Type()) {
			return false
		}
		testing = testing || isTestingType(p.Type())
	}
	return testing
}

// contextsInScope returns the variables that hold a context visible at
// pos, declared in the functions around it (innermost first): of type
// context.Context, or parameters of a struct type that embeds one (a
// framework's *sql.Context, the caller's, whose cancellation is the
// embedded context's; a local of such a type is often a second session
// the function sets up for itself). Named results are not among them:
// they hold what the function will return, not a context it was given.
func (c *checker) contextsInScope(cur inspector.Cursor, pos token.Pos) []*types.Var {
	return c.varsInScope(cur, pos, holdsContext, func(v *types.Var) bool {
		return isContextType(v.Type()) || c.isParamVar(v)
	})
}

// holdsContext reports whether t is context.Context, or a struct type, or
// a pointer to one, that embeds it.
func holdsContext(t types.Type) bool {
	if isContextType(t) {
		return true
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if f.Embedded() && isContextType(f.Type()) {
			return true
		}
	}
	return false
}

// rootOnly reports whether the local v only ever holds a root context
// (ctx := context.Background(); var ctx context.Context, then ctx =
// context.Background() in a test's BeforeEach), or a value context made
// from one (context.WithValue(context.Background(), k, v)), which nothing
// cancels.
func (c *checker) rootOnly(v *types.Var) bool {
	if isGlobal(v) {
		return false
	}
	body := c.bodyAround(v)
	if body == nil {
		return false
	}
	return c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		if len(rhs) == 0 {
			return true // var ctx context.Context: nil until assigned
		}
		if len(lhs) != len(rhs) {
			return false
		}
		call, ok := ast.Unparen(rhs[i]).(*ast.CallExpr)
		if ok && isFunc(callee(c.info, call), "context", "WithoutCancel") {
			return false // detached from a context that carries the caller's values: ctxdetach judges it
		}
		return c.rootContext(rhs[i], body, 0)
	})
}

// rootYet reports whether the local v holds only a root at pos: every
// assignment to it before pos gives it one (ctx := context.Background()),
// and those after it (ctx, cancel = context.WithTimeout(ctx, d)) cannot
// reach pos again, being outside every loop around pos.
func (c *checker) rootYet(v *types.Var, pos token.Pos) bool {
	if isGlobal(v) {
		return false
	}
	body := c.bodyAround(v)
	if body == nil {
		return false
	}
	var loops []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= pos && pos < n.End() {
				loops = append(loops, n)
			}
		}
		return true
	})
	before, ok := 0, true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if u, isAddr := n.(*ast.UnaryExpr); isAddr && u.Op == token.AND && pathOf(c.info, u.X).root == v {
			ok = false // &ctx: anything may assign it
			return false
		}
		lhs, rhs := assignment(n)
		for i, l := range lhs {
			if p := pathOf(c.info, l); p.root != v || p.fields != "" {
				continue
			}
			if n.Pos() <= pos && pos < n.End() {
				continue // the assignment the call itself makes
			}
			if n.Pos() >= pos {
				if slices.ContainsFunc(loops, func(loop ast.Node) bool { return within(n, loop) }) {
					ok = false // a later turn of the loop sees the new value
				}
				continue
			}
			before++
			if len(lhs) != len(rhs) || !c.rootContext(rhs[i], body, 0) {
				ok = false
			} else if call, isCall := ast.Unparen(rhs[i]).(*ast.CallExpr); isCall && isFunc(callee(c.info, call), "context", "WithoutCancel") {
				ok = false // the caller's values, which ctxdetach judges
			}
		}
		return ok
	})
	return ok && before > 0
}

// requestsInScope returns the parameters of type *http.Request of the
// functions around pos: a handler's request, or a client's (Do(req)),
// whose context carries its caller's cancellation. A request the function
// makes itself (http.NewRequest) has no caller, and a method of Request
// defines its context.
func (c *checker) requestsInScope(cur inspector.Cursor, pos token.Pos) []*types.Var {
	params := make(map[*types.Var]bool)
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if ft := funcType(f.Node()); ft != nil && ft.Params != nil {
			for _, field := range ft.Params.List {
				for _, id := range field.Names {
					if v, ok := c.info.Defs[id].(*types.Var); ok {
						params[v] = true
					}
				}
			}
		}
	}
	if c.shutdownArg(cur) {
		return nil
	}
	return c.varsInScope(cur, pos, func(t types.Type) bool {
		p, ok := types.Unalias(t).(*types.Pointer)
		return ok && isNamed(p.Elem(), "net/http", "Request")
	}, func(v *types.Var) bool { return params[v] })
}

// shutdownArg reports whether the call at cur is the context of a
// server's Shutdown: a handler that shuts its server down cannot pass its
// request's context, which the shutdown cancels.
func (c *checker) shutdownArg(cur inspector.Cursor) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	return ok && len(call.Args) > 0 && ast.Unparen(call.Args[0]) == cur.Node() &&
		isMethod(callee(c.info, call), "net/http", "Server", "Shutdown")
}

// varsInScope returns the variables whose type is accepted by want (and
// that keep accepts, if set), visible at pos and declared in the functions
// around it (innermost first), named results aside.
func (c *checker) varsInScope(cur inspector.Cursor, pos token.Pos, want func(types.Type) bool, keep func(*types.Var) bool) []*types.Var {
	results := make(map[types.Object]bool)
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if ft := funcType(f.Node()); ft != nil && ft.Results != nil {
			for _, field := range ft.Results.List {
				for _, id := range field.Names {
					results[c.info.Defs[id]] = true
				}
			}
		}
	}
	pkg := c.pass.Pkg.Scope()
	scope := pkg.Innermost(pos)
	var cands []*types.Var
	for s := scope; s != nil && s != pkg && s != types.Universe; s = s.Parent() {
		names := s.Names()
		slices.SortFunc(names, func(a, b string) int { return cmp.Compare(s.Lookup(a).Pos(), s.Lookup(b).Pos()) })
		for _, name := range names {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || name == "_" || v.Pos() >= pos || !want(v.Type()) || results[v] || keep != nil && !keep(v) {
				continue
			}
			if _, obj := scope.LookupParent(name, pos); obj != v {
				continue
			}
			cands = append(cands, v)
		}
	}
	return cands
}

// defaults reports whether call supplies a default for a nil context:
// `ctx = context.Background()`, or inside `if ctx == nil { ... }`; or gives
// a variable that held a root (ctx := context.Background()) a new root
// when every context in scope is such a root (see allRoots).
func (c *checker) defaults(cur inspector.Cursor, call *ast.CallExpr, cands []*types.Var) bool {
	isCand := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		for _, v := range cands {
			if c.info.Uses[id] == v {
				return true
			}
		}
		return false
	}
	// var ctx context.Context; ...; ctx = context.Background(), or ctx,
	// cancel = context.WithTimeout(context.Background(), d): the call
	// gives a declared-but-unset context its value. (Overwriting a
	// parameter is a detachment like any other.)
	unset := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok || !isCand(id) {
			return false
		}
		v := c.info.Uses[id]
		declared := false
		for f := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			ast.Inspect(f.Node(), func(n ast.Node) bool {
				if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Values) == 0 {
					for _, name := range vs.Names {
						if c.info.Defs[name] == v {
							declared = true
						}
					}
				}
				return !declared
			})
			break
		}
		return declared
	}
	up := cur
	for {
		parent := up.Parent()
		outer, ok := parent.Node().(*ast.CallExpr)
		if !ok || len(outer.Args) == 0 || outer.Args[0] != up.Node() || !isContextDerive(callee(c.info, outer)) {
			break
		}
		up = parent
	}
	if as, ok := up.Parent().Node().(*ast.AssignStmt); ok && as.Tok == token.ASSIGN {
		for _, l := range as.Lhs {
			if unset(l) || isCand(l) && c.allRoots(cands, cur) {
				return true
			}
		}
	}
	for f := range cur.Parent().Enclosing((*ast.IfStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		is, ok := f.Node().(*ast.IfStmt)
		if !ok {
			break
		}
		cond, ok := ast.Unparen(is.Cond).(*ast.BinaryExpr)
		if !ok {
			continue
		}
		var x ast.Expr
		switch {
		case isNilIdent(cond.Y):
			x = cond.X
		case isNilIdent(cond.X):
			x = cond.Y
		}
		if x == nil || !isCand(x) {
			continue
		}
		if cond.Op == token.EQL && within(call, is.Body) || cond.Op == token.NEQ && is.Else != nil && within(call, is.Else) {
			return true
		}
	}
	// if parent != nil { return parent } before it, in its block or one
	// around it: the call is on the path where parent is nil.
	for f := range cur.Parent().Enclosing((*ast.BlockStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		b, ok := f.Node().(*ast.BlockStmt)
		if !ok {
			break
		}
		for _, st := range b.List {
			if st.Pos() >= call.Pos() {
				break
			}
			is, ok := st.(*ast.IfStmt)
			if !ok || is.Else != nil || is.Init != nil || len(is.Body.List) == 0 {
				continue
			}
			cond, ok := ast.Unparen(is.Cond).(*ast.BinaryExpr)
			if !ok || cond.Op != token.NEQ {
				continue
			}
			x := cond.X
			if isNilIdent(cond.X) {
				x = cond.Y
			} else if !isNilIdent(cond.Y) {
				continue
			}
			if _, ret := is.Body.List[len(is.Body.List)-1].(*ast.ReturnStmt); ret && isCand(x) {
				return true
			}
		}
	}
	return false
}

// afterDone reports whether call runs once a context is known to be done:
// after `<-ctx.Done()` in the same block (or an enclosing one), in a select
// case receiving from ctx.Done(), under `if ctx.Err() != nil`, or in a
// context.AfterFunc callback; also inside a function literal made in such
// a place.
func (c *checker) afterDone(cur inspector.Cursor, call *ast.CallExpr, fnCur inspector.Cursor) bool {
	for f := range cur.Parent().Enclosing((*ast.CommClause)(nil), (*ast.IfStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := f.Node().(type) {
		case *ast.CommClause:
			if s, ok := n.Comm.(*ast.ExprStmt); ok && c.recvDone(s.X) {
				return true
			}
			if s, ok := n.Comm.(*ast.AssignStmt); ok && len(s.Rhs) == 1 && c.recvDone(s.Rhs[0]) {
				return true
			}
		case *ast.IfStmt:
			if c.errNotNil(n.Cond) && within(call, n.Body) {
				return true
			}
		case *ast.FuncLit:
			if parent, ok := f.Parent().Node().(*ast.CallExpr); ok && isFunc(callee(c.info, parent), "context", "AfterFunc") {
				return true
			}
			if c.doneBefore(n.Body, call) {
				return true
			}
			// A literal made where the context is done (go func() {
			// c.Close(context.Background()) }() in case <-ctx.Done():)
			// runs after that too: look further out.
		case *ast.FuncDecl:
			return c.doneBefore(n.Body, call)
		}
	}
	return false
}

// doneBefore reports whether `<-x.Done()` is a statement before call in its
// block or an enclosing one.
func (c *checker) doneBefore(body *ast.BlockStmt, call *ast.CallExpr) bool {
	return precededBy(body, call, func(s ast.Stmt) bool {
		switch s := s.(type) {
		case *ast.ExprStmt:
			return c.recvDone(s.X)
		case *ast.AssignStmt:
			return len(s.Rhs) == 1 && c.recvDone(s.Rhs[0])
		}
		return false
	})
}

// cancelledBefore reports whether every context in cands was made in the
// function with a cancel function that a statement before call, in its
// block or an enclosing one, calls: a poll's context given up before the
// work that follows it, which passing it would fail at once.
func (c *checker) cancelledBefore(call *ast.CallExpr, fnCur inspector.Cursor, cands []*types.Var) bool {
	body := funcBody(fnCur.Node())
	if body == nil || len(cands) == 0 {
		return false
	}
	givenUp := func(v *types.Var, body *ast.BlockStmt) bool {
		cancels := c.cancelsOf(v, body)
		if outer := c.declBody(v); len(cancels) == 0 && outer != nil && outer != body && within(body, outer) {
			// go func() { wg.Wait(); cancel(); record(context.TODO()) }():
			// the literal calls the cancel of its function's context.
			cancels = c.cancelsOf(v, outer)
		}
		return len(cancels) > 0 && precededBy(body, call, func(s ast.Stmt) bool {
			es, ok := s.(*ast.ExprStmt)
			if !ok {
				return false
			}
			cc, ok := ast.Unparen(es.X).(*ast.CallExpr)
			if !ok {
				return false
			}
			id, ok := ast.Unparen(cc.Fun).(*ast.Ident)
			// Given up, and not made anew since (ctx, cancel =
			// context.WithTimeout(...) again).
			return ok && slices.Contains(cancels, c.info.Uses[id]) && !c.remadeBetween(body, v, s.End(), call.Pos())
		})
	}
	for _, v := range cands {
		if givenUp(v, body) {
			continue
		}
		// Or in the function around the literal the call is in (go
		// func() { r.Receive(context.Background()) }() after cancel()).
		outer := enclosingFunc(fnCur)
		if !outer.Valid() || !declaredIn(v, outer.Node()) || !givenUp(v, funcBody(outer.Node())) {
			return false
		}
	}
	return true
}

// remadeBetween reports whether an assignment to v that ends between from
// and to (not the one to holds, ctx, cancel = WithTimeout(Background(),
// d)) gives v a new value.
func (c *checker) remadeBetween(body *ast.BlockStmt, v *types.Var, from, to token.Pos) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found || n == nil || n.End() < from || n.Pos() > to {
			return false
		}
		if as, ok := n.(*ast.AssignStmt); ok && as.Pos() >= from && as.End() <= to {
			found = slices.ContainsFunc(as.Lhs, func(l ast.Expr) bool {
				id, ok := l.(*ast.Ident)
				return ok && c.info.ObjectOf(id) == v
			})
		}
		return !found
	})
	return found
}

// outlivesHandler reports whether the function at fnCur is a literal run
// by a go statement (go func() { ... }()) that a handler starts on the
// connection it hijacked (w.(http.Hijacker).Hijack() before it), and does
// not wait for: the request is over, net/http cancels r.Context() when
// the handler returns, and the connection's work needs a context of its
// own. (Work a handler leaves running on the request's behalf still says
// why with //twine:detached.)
func (c *checker) outlivesHandler(fnCur inspector.Cursor) bool {
	call, ok := fnCur.Parent().Node().(*ast.CallExpr)
	if !ok || ast.Unparen(call.Fun) != fnCur.Node() {
		return false
	}
	goCur := fnCur.Parent().Parent()
	g, ok := goCur.Node().(*ast.GoStmt)
	if !ok {
		return false
	}
	handler := enclosingFunc(goCur)
	if !handler.Valid() {
		return false
	}
	hijacked := false
	ast.Inspect(funcBody(handler.Node()), func(n ast.Node) bool {
		if hc, ok := n.(*ast.CallExpr); ok && hc.End() < g.Pos() {
			if fn := callee(c.info, hc); fn != nil && fn.Name() == "Hijack" && fn.Pkg() != nil && fn.Pkg().Path() == "net/http" {
				hijacked = true
			}
		}
		return !hijacked
	})
	if !hijacked {
		return false
	}
	j := c.joinOf(goCur)
	if j.bare {
		return true
	}
	// Waited for, or the handler never returns: the request is live.
	for _, in := range []string{"joined ", "a deferred join", "the synctest bubble", " never returns", " ends only with the process", "never runs"} {
		if strings.Contains(j.how, in) {
			return false
		}
	}
	return true
}

// doneByCleanup reports whether the function at fnCur is a literal given
// to t.Cleanup, which runs once the test has returned, and every context
// in scope from outside it is done by then: the test's t.Context(), or one
// whose cancel the test defers (ctx, cancel := context.WithCancel(...);
// defer cancel()). A cleanup needs a context of its own.
func (c *checker) doneByCleanup(fnCur inspector.Cursor, cands []*types.Var) bool {
	lit, ok := fnCur.Node().(*ast.FuncLit)
	if !ok || len(cands) == 0 {
		return false
	}
	reg, ok := fnCur.Parent().Node().(*ast.CallExpr)
	if !ok || !isCleanup(c.info, reg) || len(reg.Args) != 1 || ast.Unparen(reg.Args[0]) != lit {
		return false
	}
	outer := enclosingFunc(fnCur.Parent())
	if !outer.Valid() {
		return false
	}
	body := funcBody(outer.Node())
	for _, v := range cands {
		if declaredIn(v, lit) || body == nil {
			return false
		}
		if c.testContext(v, body) {
			continue
		}
		cancels := c.cancelsOf(v, body)
		deferred := false
		ast.Inspect(body, func(n ast.Node) bool {
			if d, ok := n.(*ast.DeferStmt); ok {
				if id, ok := ast.Unparen(d.Call.Fun).(*ast.Ident); ok && len(d.Call.Args) == 0 && slices.Contains(cancels, c.info.Uses[id]) {
					deferred = true
				}
			}
			_, isLit := n.(*ast.FuncLit)
			return !deferred && !isLit
		})
		if !deferred {
			return false
		}
	}
	return true
}

// testContext reports whether the local v only ever holds a test's
// t.Context() in body.
func (c *checker) testContext(v *types.Var, body *ast.BlockStmt) bool {
	n := 0
	ok := true
	ast.Inspect(body, func(node ast.Node) bool {
		lhs, rhs := assignment(node)
		for i, l := range lhs {
			if id, isID := ast.Unparen(l).(*ast.Ident); isID && c.info.ObjectOf(id) == v {
				n++
				var fn *types.Func
				if len(lhs) == len(rhs) {
					if call, isCall := ast.Unparen(rhs[i]).(*ast.CallExpr); isCall {
						fn = callee(c.info, call)
					}
				}
				ok = ok && fn != nil && fn.Name() == "Context" && fn.Pkg() != nil && fn.Pkg().Path() == "testing"
			}
		}
		return ok
	})
	return ok && n > 0
}

// cancelsOf returns the cancel functions that the context.WithCancel (or
// WithTimeout, WithDeadline...) calls assigning ctx in body return with it,
// and those of helpers returning a context and its cancel (ctxPairAt).
func (c *checker) cancelsOf(ctx *types.Var, body *ast.BlockStmt) []types.Object {
	var out []types.Object
	ast.Inspect(body, func(n ast.Node) bool {
		lhs, rhs := assignment(n)
		if len(lhs) < 2 || len(rhs) != 1 {
			return true
		}
		call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !ok {
			return true
		}
		ci, ki, ok := c.ctxPairAt(call)
		if !ok || ki >= len(lhs) {
			return true
		}
		id0, ok0 := ast.Unparen(lhs[ci]).(*ast.Ident)
		id1, ok1 := ast.Unparen(lhs[ki]).(*ast.Ident)
		if ok1 && id1.Name == "_" && !isContextDerive(callee(c.info, call)) {
			// taskCtx, _ := chromedp.NewContext(allocCtx): a helper's
			// cancel let go of, its context ends with its parent.
			return true
		}
		if ok0 && ok1 && c.info.ObjectOf(id0) == ctx {
			if o := c.info.ObjectOf(id1); o != nil {
				out = append(out, o)
			}
		}
		return true
	})
	return out
}

// recvDone reports whether e is <-x.Done() for a context x.
func (c *checker) recvDone(e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	call, ok := ast.Unparen(u.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Done" && isContextType(c.typeOf(sel.X))
}

// errNotNil reports whether cond is `x.Err() != nil` for a context x.
func (c *checker) errNotNil(cond ast.Expr) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ || !isNilIdent(b.Y) {
		return false
	}
	call, ok := ast.Unparen(b.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Err" && isContextType(c.typeOf(sel.X))
}

// relinked reports whether the root made at cur is the parent of a
// context whose cancel a goroutine the function starts calls once one of
// cands is done (wctx, cancel := context.WithCancel(context.Background());
// go func() { <-ctx.Done(); cleanup(ctx); cancel() }()): the work still
// ends with ctx, only later, on purpose. The goroutine may be a group's
// (a.wg.Go(func() { ... })).
func (c *checker) relinked(cur, fnCur inspector.Cursor, cands []*types.Var) bool {
	derive, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || len(derive.Args) == 0 || derive.Args[0] != cur.Node() || !isContextDerive(callee(c.info, derive)) {
		return false
	}
	as, ok := cur.Parent().Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 || as.Rhs[0] != derive {
		return false
	}
	id, ok := as.Lhs[1].(*ast.Ident)
	if !ok {
		return false
	}
	cancel, ok := c.info.ObjectOf(id).(*types.Var)
	if !ok {
		return false
	}
	waitsDone := func(s ast.Stmt) bool {
		switch s := s.(type) {
		case *ast.ExprStmt:
			return c.recvDoneOf(s.X, cands)
		case *ast.SelectStmt:
			return slices.ContainsFunc(s.Body.List, func(cc ast.Stmt) bool {
				comm := cc.(*ast.CommClause).Comm
				if e, ok := comm.(*ast.ExprStmt); ok {
					return c.recvDoneOf(e.X, cands)
				}
				if a, ok := comm.(*ast.AssignStmt); ok && len(a.Rhs) == 1 {
					return c.recvDoneOf(a.Rhs[0], cands)
				}
				return false
			})
		}
		return false
	}
	cancels := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		fid, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && c.info.Uses[fid] == cancel
	}
	found := false
	var bridged []*types.Var
	ast.Inspect(funcBody(fnCur.Node()), func(n ast.Node) bool {
		if found {
			return false
		}
		// go func() { ... }(), or a group's Go(func() { ... }).
		var lit *ast.FuncLit
		switch n := n.(type) {
		case *ast.GoStmt:
			lit, _ = ast.Unparen(n.Call.Fun).(*ast.FuncLit)
		case *ast.CallExpr:
			if isGroupGo(callee(c.info, n)) && len(n.Args) > 0 {
				lit, _ = ast.Unparen(n.Args[len(n.Args)-1]).(*ast.FuncLit)
			}
			// context.AfterFunc(ctx, cancel), or with a function that
			// calls cancel: the runtime runs it once ctx is done.
			if isFunc(callee(c.info, n), "context", "AfterFunc") && len(n.Args) == 2 && slices.Contains(cands, pathOf(c.info, n.Args[0]).root) {
				ok := false
				switch f := ast.Unparen(n.Args[1]).(type) {
				case *ast.Ident:
					ok = c.info.Uses[f] == cancel
				case *ast.FuncLit:
					ok = slices.ContainsFunc(f.Body.List, func(s ast.Stmt) bool {
						e, ok := s.(*ast.ExprStmt)
						return ok && cancels(e.X)
					})
				}
				if ok {
					bridged = append(bridged, pathOf(c.info, n.Args[0]).root)
				}
				return true
			}
		}
		if lit == nil {
			return true
		}
		done, deferred := false, false
		for _, s := range lit.Body.List {
			switch s := s.(type) {
			case *ast.DeferStmt:
				deferred = deferred || cancels(s.Call)
			case *ast.ExprStmt:
				found = found || done && cancels(s.X)
			}
			done = done || waitsDone(s)
		}
		found = found || done && deferred
		return true
	})
	// Bridged by context.AfterFunc: from every context in scope.
	return found || len(bridged) > 0 && !slices.ContainsFunc(cands, func(v *types.Var) bool { return !slices.Contains(bridged, v) })
}

// recvDoneOf reports whether e receives from v.Done() for one of cands.
func (c *checker) recvDoneOf(e ast.Expr, cands []*types.Var) bool {
	if !c.recvDone(e) {
		return false
	}
	call := ast.Unparen(ast.Unparen(e).(*ast.UnaryExpr).X).(*ast.CallExpr)
	id, ok := ast.Unparen(ast.Unparen(call.Fun).(*ast.SelectorExpr).X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	return ok && slices.Contains(cands, v)
}

// nextPhase reports whether the root made at cur becomes the new value of
// v, a local that only ever holds contexts made from a root (ctx, cancel
// = context.WithDeadline(context.Background(), t), or ctx =
// clickhouse.Context(context.Background(), opts), after an earlier ctx of
// the same kind): the function works in phases, each with a context of
// its own, and v's old value is not one the work continues.
func (c *checker) nextPhase(cur inspector.Cursor, v *types.Var) bool {
	n := cur
	for {
		parent := n.Parent()
		call, ok := parent.Node().(*ast.CallExpr)
		if !ok || len(call.Args) == 0 || call.Args[0] != n.Node() {
			break
		}
		n = parent
	}
	as, ok := n.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != n.Node() || !slices.ContainsFunc(as.Lhs, func(l ast.Expr) bool {
		id, ok := ast.Unparen(l).(*ast.Ident)
		return ok && c.info.ObjectOf(id) == v
	}) {
		return false
	}
	body := c.bodyAround(v)
	if body == nil || isGlobal(v) || c.isParamVar(v) {
		return false
	}
	var cancels []*types.Var
	roots := c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		if len(rhs) == 0 {
			return true // var ctx context.Context
		}
		e := rhs[0]
		if len(lhs) == len(rhs) {
			e = rhs[i]
		} else if len(lhs) == 2 && i == 0 {
			if id, ok := ast.Unparen(lhs[1]).(*ast.Ident); ok {
				if cv, ok := c.info.ObjectOf(id).(*types.Var); ok {
					cancels = append(cancels, cv)
				}
			}
		}
		return c.fromRoot(e, v)
	})
	return roots && !c.cancelWired(body, cancels)
}

// lifetimeRoot reports whether v, a local, only holds a context made from
// a root with context.WithCancel (or WithCancelCause) whose cancel is only
// deferred (ctx, cancel := context.WithCancel(context.Background()); defer
// cancel()), or used only after cur (handed to a signal handler once the
// setup is done), and the root at cur is given to work done in place: a
// function with no context of its own making one for what outlives its
// calls (serve(ctx) at its end). v has no deadline and is cancelled only
// when the function returns, after the work at cur: giving that work
// context.Background() detaches it from nothing.
func (c *checker) lifetimeRoot(cur inspector.Cursor, v *types.Var) bool {
	body := c.bodyAround(v)
	if body == nil || isGlobal(v) || c.isParamVar(v) {
		return false
	}
	// The work is a call made in place: not in a goroutine or a function
	// literal, which may run after the cancel.
	inLoop := false
	for n := cur.Parent(); n.Valid() && n.Node() != body; n = n.Parent() {
		switch n.Node().(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			inLoop = true
		}
	}
	if call, ok := cur.Parent().Node().(*ast.CallExpr); !ok || isContextDerive(callee(c.info, call)) {
		return false // a context made from it, which may be kept
	}
	var cancels []*types.Var
	roots := c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		if len(lhs) != 2 || len(rhs) != 1 || i != 0 {
			return false
		}
		call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !ok || !isFunc(callee(c.info, call), "context", "WithCancel", "WithCancelCause") || len(call.Args) != 1 || !c.fromRoot(call.Args[0], nil) {
			return false
		}
		if id, ok := ast.Unparen(lhs[1]).(*ast.Ident); ok {
			if cv, ok := c.info.ObjectOf(id).(*types.Var); ok {
				cancels = append(cancels, cv)
				return true
			}
		}
		return false
	})
	if !roots || len(cancels) == 0 {
		return false
	}
	deferredOnly := true
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || !deferredOnly {
			return deferredOnly
		}
		cv, ok := c.info.Uses[id].(*types.Var)
		if !ok || !slices.Contains(cancels, cv) {
			return true
		}
		if len(stack) < 2 {
			deferredOnly = false
			return false
		}
		call, isCall := stack[len(stack)-1].(*ast.CallExpr)
		_, isDefer := stack[len(stack)-2].(*ast.DeferStmt)
		// Handed to a signal handler after the work (ctx, cancel :=
		// ...; defer cancel(); setup(context.Background()); ...;
		// go handleSignals(cancel)): at the work, nothing can cancel it
		// yet.
		later := !inLoop && id.Pos() > cur.Node().End()
		deferredOnly = isCall && call.Fun == id && isDefer || later
		return deferredOnly
	})
	return deferredOnly
}

// cancelWired reports whether one of cancels is called anywhere but
// directly, in a defer, or in a goroutine that does nothing but cancel
// (go func() { <-stop; cancel() }() wires the context to stop, which a
// context made anew would no longer follow).
func (c *checker) cancelWired(body *ast.BlockStmt, cancels []*types.Var) bool {
	wired := false
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || wired || len(stack) == 0 {
			return !wired
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || !slices.Contains(cancels, v) {
			return true
		}
		if as, ok := stack[len(stack)-1].(*ast.AssignStmt); ok && slices.Contains(as.Lhs, ast.Expr(id)) {
			return true // ctx, cancel = ...: given a new cancel
		}
		if call, ok := stack[len(stack)-1].(*ast.CallExpr); !ok || call.Fun != id {
			wired = true // handed somewhere
			return false
		}
		wired = !c.signalOnly(stack)
		return !wired
	})
	return wired
}

// signalOnly reports whether the call whose ancestors are stack runs in
// no function literal, or in one that is deferred or run by a goroutine
// that does nothing but cancel and close (go func() { cancel() }()).
func (c *checker) signalOnly(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		if _, ok := stack[i].(*ast.FuncLit); !ok {
			continue
		}
		if i < 2 {
			return false
		}
		switch s := stack[i-2].(type) {
		case *ast.DeferStmt:
			return true
		case *ast.GoStmt:
			return c.onlySignals(s)
		}
		return false
	}
	return true
}

// fromRoot reports whether e is context.Background() or TODO(), or v
// itself (ctx = clickhouse.Context(ctx, opts)), or a call whose first
// argument, a context, is one of those, through any number of calls.
func (c *checker) fromRoot(e ast.Expr, v *types.Var) bool {
	for {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			return c.info.Uses[id] == v
		}
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		if isFunc(callee(c.info, call), "context", "Background", "TODO") {
			return true
		}
		if len(call.Args) == 0 || !isContextType(c.typeOf(call.Args[0])) {
			return false
		}
		e = call.Args[0]
	}
}
