package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"iter"
	"maps"
	"slices"
	"strings"
)

// A goroutine can be off by an option: handleSignals returns early when
// the server's options say NoSigs, before its go statement, and a test
// that builds the server from options with NoSigs: true starts no signal
// goroutine at all, so it owes nothing for it. A gate says which boolean
// field of a value the caller passes decides whether the goroutine is
// started; a caller whose value is known, from a literal, to hold the
// other value is not given the obligation.

// A gate: the goroutine is started only when the boolean at fields below
// target (as an obligation's: -1 the receiver, i >= 0 parameter i)
// equals on.
type gate struct {
	target int
	fields string
	on     bool
	// enablers, for a gate by functional options: target is the variadic
	// parameter of options, and the goroutine starts only when one of
	// them is made by one of these functions of the callee's package
	// (optionGate).
	enablers []string
	// disablers, for a gate by functional options whose field is on by
	// default: the functions making an option that sets it from their
	// boolean parameter (SetSniff(enabled bool)); a caller passing one
	// with the constant false, and none after with anything else, keeps
	// the goroutine from starting.
	disablers []string
	// doneNil: target is a context parameter, and the goroutine starts
	// only when its Done() is not nil (if parent.Done() == nil { return }
	// before it): never for context.Background() or TODO().
	doneNil bool
	// valueNil: target is a context parameter, and the goroutine starts
	// only when the context carries a value the function reads (c :=
	// FromContext(ctx); if c == nil { return ErrInvalidContext } before
	// it): never for context.Background() or TODO() (ctxvalue.go).
	valueNil bool
	// op and bound, for a gate on a number: the goroutine starts only when
	// (field op bound) equals on (if cfg.CleanWindow > 0 { go ... }).
	op    token.Token
	bound int64
	// nonNil: target is a parameter (fields ""), and the goroutine starts
	// only when it is not nil equals on (if policy != nil { go r.run()
	// }): a caller passing nil starts nothing.
	nonNil bool
	// anyOf, for a gate by a disjunction (if opts.OnEvent != nil ||
	// opts.Async { go ... }): the goroutine starts when one of these
	// single gates passes; a caller that fails all of them starts
	// nothing. The other fields are then unused.
	anyOf []*gate
	// also: a further gate the goroutine must pass too (an early return
	// before the if around it); a caller that fails either starts nothing.
	also *gate
}

// maxGates bounds the gates kept for one go statement.
const maxGates = 3

// chainGates links gates into one conjunction, in order; nil for none.
func chainGates(gs []*gate) *gate {
	var head *gate
	for i := len(gs) - 1; i >= 0; i-- {
		g := *gs[i]
		g.also = head
		head = &g
	}
	return head
}

// list returns the gates of the conjunction g, in order.
func (g *gate) list() []*gate {
	var gs []*gate
	for ; g != nil; g = g.also {
		gs = append(gs, g)
	}
	return gs
}

// gateOf returns the gate of the go statement g in fd (or of the call g
// that hands fd a goroutine), if a condition on a boolean field of its
// receiver's or a parameter's value decides whether it runs: an early
// return before it (if opts.NoSigs { return }), or an if statement around
// it.
func (c *checker) gateOf(fd *ast.FuncDecl, fn *types.Func, g ast.Node) *gate {
	var found []*gate
	var try func(cond ast.Expr, on bool)
	try = func(cond ast.Expr, on bool) {
		if len(found) >= maxGates {
			return
		}
		if u, ok := ast.Unparen(cond).(*ast.UnaryExpr); ok && u.Op == token.NOT {
			cond, on = u.X, !on
		}
		// if a && b { go ... }, or if a || b { return } before it: it
		// starts only when each part passes, a gate of its own.
		if b, ok := ast.Unparen(cond).(*ast.BinaryExpr); ok && (b.Op == token.LAND && on || b.Op == token.LOR && !on) {
			try(b.X, on)
			try(b.Y, on)
			return
		}
		// if a || b { go ... }, or if a && b { return } before it: it
		// starts when one part passes, a gate only when every part is.
		if b, ok := ast.Unparen(cond).(*ast.BinaryExpr); ok && (b.Op == token.LOR && on || b.Op == token.LAND && !on) {
			var parts []*gate
			for _, part := range disjuncts(b, b.Op) {
				g := c.singleGate(fd, fn, part, on)
				if g == nil {
					return // a part the caller does not decide may start it
				}
				parts = append(parts, g)
			}
			found = append(found, &gate{anyOf: parts})
			return
		}
		if g := c.singleGate(fd, fn, cond, on); g != nil {
			found = append(found, g)
		}
	}
	// if cond { go ... } else { ... }: the conditions around it, then the
	// checks an early return makes before it (if opts.MaxSize <= 1 {
	// return immediate }); each must pass for the goroutine to start.
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if len(found) >= maxGates || n == nil || n.Pos() > g.Pos() || n.End() < g.End() {
			return false
		}
		if is, ok := n.(*ast.IfStmt); ok && is.Init == nil {
			switch {
			case within(g, is.Body):
				try(is.Cond, true)
			case is.Else != nil && within(g, is.Else):
				try(is.Cond, false)
			}
		}
		_, lit := n.(*ast.FuncLit)
		return !lit
	})
	// if cond { return } before it, in its block or one around it.
	precededBy(fd.Body, g, func(s ast.Stmt) bool {
		if is, ok := s.(*ast.IfStmt); ok && is.Init == nil && is.Else == nil && endsInReturn(is.Body) {
			if p, ok := c.doneNilOf(is.Cond); ok && len(found) < maxGates {
				if o, ok := c.lift(fd, fn, p, obStop); ok && !o.isResult() && o.fields == "" {
					found = append(found, &gate{target: o.target, doneNil: true})
					return false
				}
			}
			try(is.Cond, false)
		}
		return len(found) >= maxGates
	})
	return chainGates(found)
}

// disjuncts returns the operands of the chain of op (|| or &&) b heads:
// a || b || c gives a, b and c.
func disjuncts(b *ast.BinaryExpr, op token.Token) []ast.Expr {
	var out []ast.Expr
	for _, x := range []ast.Expr{b.X, b.Y} {
		if inner, ok := ast.Unparen(x).(*ast.BinaryExpr); ok && inner.Op == op {
			out = append(out, disjuncts(inner, op)...)
		} else {
			out = append(out, x)
		}
	}
	return out
}

// singleGate returns the gate of one condition, with no && or || of its
// own, on which the goroutine starts when cond equals on; nil when
// fn's callers do not decide it.
func (c *checker) singleGate(fd *ast.FuncDecl, fn *types.Func, cond ast.Expr, on bool) *gate {
	if u, ok := ast.Unparen(cond).(*ast.UnaryExpr); ok && u.Op == token.NOT {
		cond, on = u.X, !on
	}
	if p, eq, ok := c.doneNilTest(cond); ok {
		// if ctx.Done() != nil { go watch(ctx) }: never for a context
		// that cannot be cancelled.
		if eq == on {
			return nil // it starts only for such a context
		}
		if o, ok := c.lift(fd, fn, p, obStop); ok && !o.isResult() && o.fields == "" {
			return &gate{target: o.target, doneNil: true}
		}
		return nil
	}
	if p, nonNil, ok := c.nilParamTest(cond); ok {
		if o, ok := c.lift(fd, fn, p, obStop); ok && !o.isResult() && o.fields == "" {
			return &gate{target: o.target, nonNil: true, on: nonNil == on}
		}
		return nil
	}
	if p, whenNone, ok := c.ctxValueTest(fd, cond, 0); ok {
		// if c == nil { return } with c := FromContext(ctx).
		if whenNone == on {
			return nil // it starts for a context without the value
		}
		if o, ok := c.lift(fd, fn, p, obStop); ok && !o.isResult() && o.fields == "" {
			return &gate{target: o.target, valueNil: true}
		}
		return nil
	}
	if p, nonNil, ok := c.nilFieldTest(cond); ok {
		// if p.onEvent != nil { ... }, p.onEvent set from opt.OnEvent.
		from, sure := c.fieldSource(fd, fn, p, cond.Pos())
		if !sure && nonNil != on {
			return nil // the field may keep its zero value, which starts it
		}
		if o, ok := c.lift(fd, fn, from, obStop); ok && !o.isResult() && o.fields != "" {
			return &gate{target: o.target, fields: o.fields, nonNil: true, on: nonNil == on}
		}
		return nil
	}
	var op token.Token
	var bound int64
	p, ok := c.boolField(cond)
	if !ok {
		p, op, bound, ok = c.numCompare(cond)
	}
	if !ok {
		return nil
	}
	from, sure := c.fieldSource(fd, fn, p, cond.Pos())
	if !sure && (op != 0 || !on) {
		return nil // only a false field that stays false keeps it off
	}
	if o, ok := c.lift(fd, fn, from, obStop); ok && !o.isResult() {
		return &gate{target: o.target, fields: o.fields, on: on, op: op, bound: bound}
	}
	return nil
}

// nilFieldTest returns the field cond compares with nil (s.onEvent !=
// nil: nonNil; opts.Hook == nil: not): a field of a pointer, function,
// interface, map, slice or channel type.
func (c *checker) nilFieldTest(cond ast.Expr) (path, bool, bool) {
	x, neq, ok := c.nilCompared(cond)
	if !ok {
		return path{}, false, false
	}
	sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
	if !ok || !nilTestable(c.typeOf(sel)) {
		return path{}, false, false
	}
	p := pathOf(c.info, sel)
	if !p.valid() || p.fields == "" {
		return path{}, false, false
	}
	return p, neq, true
}

// nilCompared returns the operand cond compares with nil (x == nil, nil
// != x), and whether it tests for not nil.
func (c *checker) nilCompared(cond ast.Expr) (ast.Expr, bool, bool) {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.EQL && b.Op != token.NEQ {
		return nil, false, false
	}
	x, y := b.X, b.Y
	if tv, ok := c.info.Types[x]; ok && tv.IsNil() {
		x, y = y, x
	}
	if tv, ok := c.info.Types[y]; !ok || !tv.IsNil() {
		return nil, false, false
	}
	return x, b.Op == token.NEQ, true
}

// fieldSource is fieldFromParam, and also follows a field of a local (or
// a named result) that fd makes from a literal leaving the field unset and
// then sets by assignment from a parameter's field (p.onEvent =
// opt.OnEvent), when that is the only value fd gives it. sure is false
// when the assignment may not have run by at (it is in a branch, or comes
// after): the field may then still hold its zero value.
func (c *checker) fieldSource(fd *ast.FuncDecl, fn *types.Func, p path, at token.Pos) (path, bool) {
	if q := c.fieldFromParam(fd, fn, p); !q.equal(p) || !p.valid() || p.fields == "" {
		return q, true
	}
	if !declaredIn(p.root, fd.Body) && (fd.Type.Results == nil || !declaredIn(p.root, fd.Type.Results)) {
		return p, true
	}
	first, rest, _ := strings.Cut(p.fields[1:], ".")
	sig := fn.Type().(*types.Signature)
	var from path
	sure, other := false, false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if _, lit := n.(*ast.FuncLit); lit || other {
			return false
		}
		if !ok {
			return true
		}
		for i, l := range as.Lhs {
			lp := pathOf(c.info, l)
			if lp.root != p.root || lp.fields != "" && !strings.HasPrefix(lp.fields+".", "."+first+".") {
				continue // p.info, err = r.AsMap(): another field
			}
			switch {
			case len(as.Lhs) != len(as.Rhs):
				other = true
			case lp.fields == "":
				// p = &pipe{conn: conn}: a literal that leaves it unset.
				if !c.leavesUnset(as.Rhs[i], first) {
					other = true
				}
			case lp.fields == "."+first && !from.valid():
				q := pathOf(c.info, as.Rhs[i])
				if !q.valid() || paramIndex(sig, q.root) < 0 || c.assignedIn(fd.Body, q.root) {
					other = true
				}
				from = q
				sure = slices.Contains(fd.Body.List, ast.Stmt(as)) && as.End() <= at
			case strings.HasPrefix(lp.fields+".", "."+first+"."):
				other = true // set twice, or its own fields set
			}
		}
		return !other
	})
	if other || !from.valid() {
		return p, true
	}
	if rest != "" {
		from.fields += "." + rest
	}
	return from, sure
}

// leavesUnset reports whether e is a composite literal, or its address,
// that sets fields by name and not the field named name.
func (c *checker) leavesUnset(e ast.Expr, name string) bool {
	cl := literalOf(e)
	if cl == nil {
		return false
	}
	for _, el := range cl.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return false
		}
		if key, ok := kv.Key.(*ast.Ident); !ok || key.Name == name {
			return false
		}
	}
	return true
}

// nilTestable reports whether a value of t can be compared with nil.
func nilTestable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Chan, *types.Signature, *types.Map, *types.Slice:
		return true
	}
	return false
}

// nilParamTest returns the parameter cond compares with nil (policy !=
// nil: nonNil; policy == nil: not), when nothing assigns it: a pointer,
// interface, map, slice, channel or function parameter.
func (c *checker) nilParamTest(cond ast.Expr) (path, bool, bool) {
	x, neq, ok := c.nilCompared(cond)
	if !ok {
		return path{}, false, false
	}
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return path{}, false, false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !c.isParamVar(v) || !nillable(v.Type()) {
		return path{}, false, false
	}
	cur, ok := c.cursorOf(id)
	if !ok {
		return path{}, false, false
	}
	for f := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		if body := funcBody(f.Node()); body == nil || c.assignedIn(body, v) {
			return path{}, false, false
		}
		return path{root: v}, neq, true
	}
	return path{}, false, false
}

// doneNilOf returns the context whose Done() cond tests for nil
// (parent.Done() == nil).
func (c *checker) doneNilOf(cond ast.Expr) (path, bool) {
	p, eq, ok := c.doneNilTest(cond)
	return p, ok && eq
}

// doneNilTest returns the context whose Done() cond compares with nil,
// and whether it tests for equality (ctx.Done() == nil) or not (!= nil).
func (c *checker) doneNilTest(cond ast.Expr) (path, bool, bool) {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.EQL && b.Op != token.NEQ {
		return path{}, false, false
	}
	if tv, ok := c.info.Types[b.Y]; !ok || !tv.IsNil() {
		return path{}, false, false
	}
	call, ok := ast.Unparen(b.X).(*ast.CallExpr)
	if !ok {
		return path{}, false, false
	}
	p, ok := c.doneOf(call)
	return p, b.Op == token.EQL, ok && p.fields == ""
}

// endsInReturn reports whether a block's last statement is a return.
func endsInReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}

// boolField returns the path of a boolean field that e reads: opts.NoSigs,
// s.opts.NoSigs, or s.getOpts().NoSigs through a method of the package
// that returns a field of its receiver.
func (c *checker) boolField(e ast.Expr) (path, bool) {
	return c.basicField(e, types.IsBoolean)
}

// numCompare returns, for cond comparing an integer field with a
// constant (cfg.CleanWindow > 0, opts.Workers != 0), the field's path, the
// comparison and the constant.
func (c *checker) numCompare(cond ast.Expr) (path, token.Token, int64, bool) {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return path{}, 0, 0, false
	}
	switch b.Op {
	case token.GTR, token.GEQ, token.LSS, token.LEQ, token.EQL, token.NEQ:
	default:
		return path{}, 0, 0, false
	}
	tv, ok := c.info.Types[b.Y]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return path{}, 0, 0, false
	}
	bound, exact := constant.Int64Val(tv.Value)
	if !exact {
		return path{}, 0, 0, false
	}
	p, ok := c.basicField(b.X, types.IsInteger)
	return p, b.Op, bound, ok
}

// basicField returns the path of a field of a basic type with the info
// bits of is that e reads: opts.NoSigs, s.opts.NoSigs, or
// s.getOpts().NoSigs through a method of the package that returns a field
// of its receiver.
func (c *checker) basicField(e ast.Expr, is types.BasicInfo) (path, bool) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		// if period > 0 { go r.loop(period) }: a parameter itself, when
		// nothing assigns it (period = def before would decide instead).
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || !c.isParamVar(v) {
			return path{}, false
		}
		if b, ok := v.Type().Underlying().(*types.Basic); !ok || b.Info()&is == 0 {
			return path{}, false
		}
		cur, ok := c.cursorOf(id)
		if !ok {
			return path{}, false
		}
		for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			var ft *ast.FuncType
			switch f := f.Node().(type) {
			case *ast.FuncDecl:
				ft = f.Type
			case *ast.FuncLit:
				ft = f.Type
			}
			if !(ft.Pos() <= v.Pos() && v.Pos() < ft.End()) {
				continue // a parameter of a function around this one
			}
			if body := funcBody(f.Node()); body == nil || c.assignedIn(body, v) {
				return path{}, false
			}
			return path{root: v}, true
		}
		return path{}, false
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return path{}, false
	}
	if b, ok := c.typeOf(sel).Underlying().(*types.Basic); !ok || b.Info()&is == 0 {
		return path{}, false
	}
	if p := pathOf(c.info, sel); p.valid() && p.fields != "" {
		return p, true
	}
	call, ok := ast.Unparen(sel.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return path{}, false
	}
	m, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return path{}, false
	}
	fn := callee(c.info, call)
	if fn == nil {
		return path{}, false
	}
	field, ok := c.returnsField(fn)
	if !ok {
		return path{}, false
	}
	p := pathOf(c.info, m.X)
	if !p.valid() {
		return path{}, false
	}
	p.fields += field + "." + sel.Sel.Name
	return p, true
}

// returnsField returns the field of its receiver that fn, a method of
// this package, returns on every path, directly or through a local that
// only ever holds it (opts := s.opts; return opts).
func (c *checker) returnsField(fn *types.Func) (string, bool) {
	decl := c.decls[fn.Origin()]
	if decl == nil || decl.Body == nil || decl.Recv == nil || decl.Type.Results.NumFields() != 1 {
		return "", false
	}
	recv := fn.Type().(*types.Signature).Recv()
	field := ""
	ok := true
	fieldOf := func(e ast.Expr) string {
		p := pathOf(c.info, e)
		if p.root == recv && p.fields != "" && !strings.Contains(p.fields[1:], ".") {
			return p.fields
		}
		return ""
	}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				ok = false
				return false
			}
			f := fieldOf(n.Results[0])
			if f == "" {
				// A local that only ever holds the field.
				if id, isID := ast.Unparen(n.Results[0]).(*ast.Ident); isID {
					if v, isVar := c.info.Uses[id].(*types.Var); isVar {
						f = c.onlyHolds(decl.Body, v, fieldOf)
					}
				}
			}
			if f == "" || field != "" && f != field {
				ok = false
			}
			field = f
		}
		return ok
	})
	return field, ok && field != ""
}

// onlyHolds returns what fieldOf says of every value assigned to the
// local v in body, when that is one and the same field; "" otherwise.
func (c *checker) onlyHolds(body *ast.BlockStmt, v *types.Var, fieldOf func(ast.Expr) string) string {
	field := ""
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign || !ok {
			return ok
		}
		for i, l := range as.Lhs {
			id, isID := l.(*ast.Ident)
			if !isID || c.info.ObjectOf(id) != v {
				continue
			}
			if len(as.Lhs) != len(as.Rhs) {
				ok = false
				return false
			}
			f := fieldOf(as.Rhs[i])
			if f == "" || field != "" && f != field {
				ok = false
				return false
			}
			field = f
		}
		return true
	})
	if !ok {
		return ""
	}
	return field
}

// fieldFromParam rewrites p, a path below a local of fd, as a path below
// the parameter whose value fd gave that field where it made the local
// (s := &Server{opts: opts}: s.opts.NoSigs is opts.NoSigs).
func (c *checker) fieldFromParam(fd *ast.FuncDecl, fn *types.Func, p path) path {
	if !p.valid() || p.fields == "" || !declaredIn(p.root, fd.Body) {
		return p
	}
	first, rest, _ := strings.Cut(p.fields[1:], ".")
	sig := fn.Type().(*types.Signature)
	var from path
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || from.valid() || len(as.Lhs) != len(as.Rhs) {
			return !from.valid()
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); !ok || c.info.ObjectOf(id) != p.root {
				continue
			}
			lit, ok := ast.Unparen(as.Rhs[i]).(*ast.UnaryExpr)
			var cl *ast.CompositeLit
			if ok && lit.Op == token.AND {
				cl, _ = lit.X.(*ast.CompositeLit)
			} else {
				cl, _ = ast.Unparen(as.Rhs[i]).(*ast.CompositeLit)
			}
			if cl == nil {
				continue
			}
			for _, el := range cl.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if key, ok := kv.Key.(*ast.Ident); ok && key.Name == first {
					if q := pathOf(c.info, kv.Value); q.valid() && paramIndex(sig, q.root) >= 0 {
						from = q
					}
				}
			}
		}
		return !from.valid()
	})
	if !from.valid() {
		return p
	}
	if rest != "" {
		from.fields += "." + rest
	}
	return from
}

// liftGate maps the gate of an obligation of to, called by fn at call,
// to fn's callers; nil when the gate is on something fn decides itself.
func (c *checker) liftGate(fd *ast.FuncDecl, fn *types.Func, call *ast.CallExpr, to *types.Func, g *gate) *gate {
	var lifted []*gate
	for _, g := range g.list() {
		if l := c.liftOneGate(fd, fn, call, to, g); l != nil {
			lifted = append(lifted, l)
		}
	}
	return chainGates(lifted)
}

// liftOneGate lifts one gate of a conjunction; a gate fn's callers do not
// decide is dropped, which leaves them fewer ways to be let off.
func (c *checker) liftOneGate(fd *ast.FuncDecl, fn *types.Func, call *ast.CallExpr, to *types.Func, g *gate) *gate {
	if g.anyOf != nil {
		// A disjunction is the callers' to decide only if every part is.
		var parts []*gate
		for _, alt := range g.anyOf {
			l := c.liftOneGate(fd, fn, call, to, alt)
			if l == nil {
				return nil
			}
			parts = append(parts, l)
		}
		return &gate{anyOf: parts}
	}
	if g.enablers != nil || g.disablers != nil {
		// DialContext(ctx, options...) in NewClient(options ...Option):
		// the options are the caller's.
		if !call.Ellipsis.IsValid() || len(call.Args) != g.target+1 {
			return nil
		}
		p := pathOf(c.info, call.Args[g.target])
		sig := fn.Type().(*types.Signature)
		if i := paramIndex(sig, p.root); p.fields != "" || !sig.Variadic() || i != sig.Params().Len()-1 {
			return nil
		}
		return &gate{target: sig.Params().Len() - 1, on: g.on, enablers: g.enablers, disablers: g.disablers}
	}
	p := c.targetPath(call, to, g.target)
	if !p.valid() {
		return nil
	}
	p.fields += g.fields
	p = c.fieldFromParam(fd, fn, p)
	o, ok := c.lift(fd, fn, p, obStop)
	if !ok || o.isResult() {
		return nil
	}
	return &gate{target: o.target, fields: o.fields, on: g.on, enablers: g.enablers, disablers: g.disablers, doneNil: g.doneNil, valueNil: g.valueNil, nonNil: g.nonNil, op: g.op, bound: g.bound}
}

// gateOff reports whether, at call, the caller's value makes the gate g
// keep the goroutine from starting: the argument's field is known, from
// a literal, to hold the other value.
func (c *checker) gateOff(call *ast.CallExpr, to *types.Func, g *gate, fn ast.Node) bool {
	if g == nil {
		return false
	}
	for _, g := range g.list() {
		if c.oneGateOff(call, to, g, fn) {
			return true
		}
	}
	return c.rowsOff(call, to, g, fn)
}

// oneGateOff reports whether the caller's value fails the one gate g.
func (c *checker) oneGateOff(call *ast.CallExpr, to *types.Func, g *gate, fn ast.Node) bool {
	if g.enablers != nil {
		return c.optionsOff(call, to, g)
	}
	if g.disablers != nil {
		return c.optionsDisable(call, to, g)
	}
	if g.anyOf != nil {
		// setup(Options{}) with if opt.OnEvent != nil || opt.Async {
		// c.background() }: every part fails.
		for _, alt := range g.anyOf {
			if !c.oneGateOff(call, to, alt, fn) {
				return false
			}
		}
		return true
	}
	if g.nonNil {
		// newDlqRouter(client, nil, ...) with if policy != nil { go r.run() }.
		e := c.obligationExpr(call, to, obligation{target: g.target})
		if e == nil {
			return false
		}
		if g.fields != "" {
			// New(&Options{}) with if opt.OnEvent != nil { go ... }.
			isNil, known := c.nilAt(e, g.fields, funcBody(fn), 0)
			return known && isNil == g.on
		}
		tv, ok := c.info.Types[ast.Unparen(e)]
		return ok && tv.IsNil() && g.on
	}
	if g.doneNil || g.valueNil {
		// propagate(context.Background(), child): Background's Done is
		// nil, and it carries no value.
		e := c.obligationExpr(call, to, obligation{target: g.target})
		ce, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && isFunc(callee(c.info, ce), "context", "Background", "TODO")
	}
	e := c.obligationExpr(call, to, obligation{target: g.target})
	if e == nil {
		return false
	}
	return c.constOff(e, g.fields, funcBody(fn), call.Pos(), g)
}

// rowsOff reports whether every row of the table a loop ranges over fails
// one of the gates of g (for _, opt := range []Options{{MaxSize: 1},
// {MaxSize: 9}} { New(&opt) }, with MaxSize <= 1 and MaxTime > 0 to pass).
func (c *checker) rowsOff(call *ast.CallExpr, to *types.Func, g *gate, fn ast.Node) bool {
	type field struct {
		g      *gate
		fields string
	}
	var row *types.Var
	var fields []field
	for _, g := range g.list() {
		if g.enablers != nil || g.disablers != nil || g.doneNil || g.valueNil || g.fields == "" {
			continue
		}
		e := c.obligationExpr(call, to, obligation{target: g.target})
		if e == nil {
			continue
		}
		p := pathOf(c.info, e)
		if !p.valid() || (row != nil && p.root != row) {
			continue
		}
		row = p.root
		fields = append(fields, field{g, p.fields + g.fields})
	}
	if row == nil {
		return false
	}
	var rows []ast.Expr
	var body *ast.BlockStmt
	for _, f := range fields {
		r, b := c.rangeRows(path{root: row}, f.fields, fn)
		if r == nil {
			return false
		}
		rows, body = r, b
	}
	for _, r := range rows {
		if !slices.ContainsFunc(fields, func(f field) bool { return c.constOff(r, f.fields, body, token.NoPos, f.g) }) {
			return false
		}
	}
	return true
}

// nilAt reports whether the field at fields below e, of a type that can
// be nil, is known to be nil (known) and whether it is: e is a composite
// literal (or its address) that sets it or leaves it unset, or a local
// given such a literal once whose field body never assigns, or a package
// variable whose initializer is one.
func (c *checker) nilAt(e ast.Expr, fields string, body *ast.BlockStmt, depth int) (isNil, known bool) {
	if depth > 3 || fields == "" {
		return false, false
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	first, rest, _ := strings.Cut(fields[1:], ".")
	switch e := e.(type) {
	case *ast.CompositeLit:
		st, ok := c.typeOf(e).Underlying().(*types.Struct)
		if !ok {
			return false, false
		}
		for i, el := range e.Elts {
			var value ast.Expr
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok && key.Name == first {
					value = kv.Value
				}
			} else if i < st.NumFields() && st.Field(i).Name() == first {
				value = el
			}
			if value == nil {
				continue
			}
			if rest != "" {
				return c.nilAt(value, "."+rest, body, depth+1)
			}
			return nilness(c.info, value)
		}
		// Not set: the zero value, nil for the field or for what holds it.
		for name := first; ; {
			var f *types.Var
			for g := range st.Fields() {
				if g.Name() == name {
					f = g
				}
			}
			if f == nil {
				return false, false
			}
			if rest == "" {
				return true, nilTestable(f.Type())
			}
			inner, ok := types.Unalias(f.Type()).Underlying().(*types.Struct)
			if !ok {
				return false, false
			}
			st = inner
			name, rest, _ = strings.Cut(rest, ".")
		}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return false, false
		}
		if isGlobal(v) {
			if init := c.globalInit(v); init != nil && !c.assignsField(nil, v, first) {
				return c.nilAt(init, fields, nil, depth+1)
			}
			return false, false
		}
		if body == nil || !declaredIn(v, body) || c.assignsField(body, v, first) {
			return false, false
		}
		if init := c.onlyInit(body, v); init != nil {
			return c.nilAt(init, fields, body, depth+1)
		}
	}
	return false, false
}

// nilness reports whether e is known to be nil or known not to be: the
// nil literal, or a function literal, the address of something, a
// composite literal or a make.
func nilness(info *types.Info, e ast.Expr) (isNil, known bool) {
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.IsNil() {
		return true, true
	}
	switch e := e.(type) {
	case *ast.FuncLit, *ast.CompositeLit:
		return false, true
	case *ast.UnaryExpr:
		return false, e.Op == token.AND
	case *ast.CallExpr:
		return false, isBuiltinCall(info, e, "make") || isBuiltinCall(info, e, "new")
	}
	return false, false
}

// constOff reports whether the constant e's fields are known to hold
// fails the gate g.
func (c *checker) constOff(e ast.Expr, fields string, body *ast.BlockStmt, at token.Pos, g *gate) bool {
	v, ok := c.constAt(e, fields, body, 0, at)
	if fields == "" {
		// Open(0): the argument itself.
		tv, known := c.info.Types[ast.Unparen(e)]
		v, ok = tv.Value, known && tv.Value != nil
	}
	if !ok {
		return false
	}
	if g.op != 0 {
		if v.Kind() != constant.Int {
			return false
		}
		return constant.Compare(v, g.op, constant.MakeInt64(g.bound)) != g.on
	}
	return v.Kind() == constant.Bool && constant.BoolVal(v) != g.on
}

// constAt returns the constant a boolean or integer field (fields below
// e) is known to hold: e is a composite literal (or its address) that sets
// it, or leaves it at its zero value, a package variable whose initializer
// does, a call of a function of the package that returns such a literal,
// or a local initialised from one of those and whose field body never
// assigns.
func (c *checker) constAt(e ast.Expr, fields string, body *ast.BlockStmt, depth int, at token.Pos) (constant.Value, bool) {
	if depth > 3 || fields == "" {
		return nil, false
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	first, rest, _ := strings.Cut(fields[1:], ".")
	switch e := e.(type) {
	case *ast.CompositeLit:
		st, _ := c.typeOf(e).Underlying().(*types.Struct)
		for i, el := range e.Elts {
			var value ast.Expr
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok && key.Name == first {
					value = kv.Value
				}
			} else if st != nil && i < st.NumFields() && st.Field(i).Name() == first {
				value = el // {"zero", Options{}}: by position
			}
			if value == nil {
				continue
			}
			if rest != "" {
				return c.constAt(value, "."+rest, body, depth+1, at)
			}
			if tv, ok := c.info.Types[value]; ok && tv.Value != nil && (tv.Value.Kind() == constant.Bool || tv.Value.Kind() == constant.Int) {
				return tv.Value, true
			}
			return nil, false
		}
		if st != nil {
			return zeroAt(st, first, rest) // not set: the zero value, also of a field of a struct field (o.Cluster.Interval)
		}
	case *ast.CallExpr:
		fn := callee(c.info, e)
		if fn == nil || fn.Pkg() != c.pass.Pkg {
			return nil, false
		}
		decl := c.decls[fn.Origin()]
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && decl != nil && c.returnsOwnCopy(decl, first) {
			return c.constAt(sel.X, fields, body, depth+1, at) // Config{...}.OnRemoveFilterSet(Deleted)
		}
		if decl == nil || decl.Body == nil || len(decl.Body.List) != 1 {
			return nil, false
		}
		ret, ok := decl.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return nil, false
		}
		if v, ok := c.argAt(e, fn, ret.Results[0], first); ok && rest == "" {
			return v, true // New(0) returning &B{timeout: timeout}
		}
		if len(e.Args) != 0 {
			return nil, false
		}
		return c.constAt(ret.Results[0], fields, decl.Body, depth+1, token.NoPos)
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return nil, false
		}
		if isGlobal(v) {
			init := c.globalInit(v)
			if init == nil || c.assignsField(nil, v, first) {
				return nil, false
			}
			return c.constAt(init, fields, nil, depth+1, token.NoPos)
		}
		if body != nil && (declaredIn(v, body) || c.isParamVar(v)) && rest == "" && c.assignsField(body, v, first) {
			// opt.CleanWindow = 0 before the call, also on a value the
			// caller was given (conf.skipStartup = true; NewRaft(conf)).
			return c.fieldSetTo(body, v, first, at)
		}
		if body == nil || !declaredIn(v, body) || c.assignsField(body, v, first) {
			return nil, false
		}
		init := c.onlyInit(body, v)
		if init == nil {
			return nil, false
		}
		return c.constAt(init, fields, body, depth+1, at)
	}
	return nil, false
}

// onlyInit returns the value the local v is given, when body gives it one
// value once (a declaration or an assignment) and never assigns it again.
func (c *checker) onlyInit(body *ast.BlockStmt, v *types.Var) ast.Expr {
	var init ast.Expr
	count := 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && c.info.ObjectOf(id) == v {
					count++
					if len(n.Lhs) == len(n.Rhs) {
						init = n.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if c.info.ObjectOf(id) == v {
					count++
					if i < len(n.Values) {
						init = n.Values[i]
					}
				}
			}
		}
		return true
	})
	if count != 1 {
		return nil
	}
	return init
}

// rangeRows returns the rows a table-driven loop gives the variable at the
// root of p, when it is the value of a range over a slice, array or map
// literal, directly or through a local given that literal once (for _, opt
// := range []Options{...}), and the loop's body never assigns it or the
// fields below it; with the body that declares the literal.
func (c *checker) rangeRows(p path, fields string, fn ast.Node) ([]ast.Expr, *ast.BlockStmt) {
	v := p.root
	if v == nil || isGlobal(v) {
		return nil, nil
	}
	body := c.declaringBody(v, fn)
	if body == nil {
		return nil, nil
	}
	var loop *ast.RangeStmt
	ast.Inspect(body, func(n ast.Node) bool {
		if r, ok := n.(*ast.RangeStmt); ok && r.Tok == token.DEFINE {
			if id, ok := r.Value.(*ast.Ident); ok && c.info.Defs[id] == v {
				loop = r
			}
		}
		return loop == nil
	})
	if loop == nil {
		return nil, nil
	}
	if c.reassigns(loop.Body, v, false) {
		return nil, nil
	}
	names := strings.Split(fields[1:], ".")
	for _, name := range names {
		if c.assignsField(loop.Body, v, name) {
			return nil, nil
		}
	}
	table := ast.Unparen(loop.X)
	if id, ok := table.(*ast.Ident); ok {
		t, ok := c.info.Uses[id].(*types.Var)
		if !ok || isGlobal(t) || !declaredIn(t, body) {
			return nil, nil
		}
		for _, name := range names {
			if c.assignsField(body, t, name) {
				return nil, nil
			}
		}
		table = c.onlyInit(body, t)
	}
	lit, ok := table.(*ast.CompositeLit)
	if !ok || len(lit.Elts) == 0 {
		return nil, nil
	}
	var rows []ast.Expr
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		rows = append(rows, el)
	}
	return rows, body
}

// returnsOwnCopy reports whether decl is a method with a value receiver
// that returns its receiver, its copy of the caller's value, and never
// sets the field name in it (func (c Config) WithFilter(...) Config {
// c.filter = f; return c }): the result holds the caller's value there.
func (c *checker) returnsOwnCopy(decl *ast.FuncDecl, name string) bool {
	if decl.Body == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return false
	}
	r, ok := c.info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	if !ok || isPointer(r.Type()) || c.assignsField(decl.Body, r, name) {
		return false
	}
	rets, own := 0, true
	eachReturn(decl.Body, func(ret *ast.ReturnStmt) bool {
		rets++
		id, ok := ast.Unparen(firstResult(ret)).(*ast.Ident)
		own = len(ret.Results) == 1 && ok && c.info.Uses[id] == r
		return own
	})
	reassigned := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		lhs, _ := assignment(n)
		for _, l := range lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok && c.info.ObjectOf(id) == r {
				reassigned = true
			}
		}
		return !reassigned
	})
	return own && rets > 0 && !reassigned
}

// firstResult returns the first result of ret, or nil.
func firstResult(ret *ast.ReturnStmt) ast.Expr {
	if len(ret.Results) == 0 {
		return nil
	}
	return ret.Results[0]
}

// fieldSetTo returns the constant the local v's field name holds at at:
// every assignment to it in body is a constant one, a statement of the
// body itself before at, and they give the same value
// (opt := DefaultConfig(); opt.CleanWindow = 0; New(ctx, opt)).
func (c *checker) fieldSetTo(body *ast.BlockStmt, v *types.Var, name string, at token.Pos) (constant.Value, bool) {
	if at == token.NoPos {
		return nil, false
	}
	var val constant.Value
	ok := true
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		as, isAssign := n.(*ast.AssignStmt)
		if !ok || !isAssign {
			return ok
		}
		for i, l := range as.Lhs {
			sel, isSel := ast.Unparen(l).(*ast.SelectorExpr)
			if !isSel || sel.Sel.Name != name || pathOf(c.info, sel.X).root != v {
				continue
			}
			// A statement of the body itself: not under a branch or a
			// loop, so it has run whenever at runs after it.
			top := len(stack) > 0 && stack[len(stack)-1] == body
			tv, known := c.info.Types[as.Rhs[min(i, len(as.Rhs)-1)]]
			if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) || !top || as.Pos() > at || !known || tv.Value == nil ||
				val != nil && !constant.Compare(val, token.EQL, tv.Value) {
				ok = false
				return false
			}
			val = tv.Value
		}
		return true
	})
	if !ok || val == nil || val.Kind() != constant.Int && val.Kind() != constant.Bool {
		return nil, false
	}
	return val, true
}

// zeroOf returns the zero value of the boolean or integer field name of
// st.
// zeroAt is zeroOf for the field rest below the field name of st, a
// struct held by value: unset, all of it is zero.
func zeroAt(st *types.Struct, name, rest string) (constant.Value, bool) {
	for rest != "" {
		var inner *types.Struct
		for f := range st.Fields() {
			if f.Name() == name {
				inner, _ = types.Unalias(f.Type()).Underlying().(*types.Struct)
			}
		}
		if inner == nil {
			return nil, false
		}
		st = inner
		name, rest, _ = strings.Cut(rest, ".")
	}
	return zeroOf(st, name)
}

func zeroOf(st *types.Struct, name string) (constant.Value, bool) {
	for f := range st.Fields() {
		if f.Name() != name {
			continue
		}
		if b, ok := f.Type().Underlying().(*types.Basic); ok {
			switch {
			case b.Info()&types.IsBoolean != 0:
				return constant.MakeBool(false), true
			case b.Info()&types.IsInteger != 0:
				return constant.MakeInt64(0), true
			}
		}
	}
	return nil, false
}

// globalInit returns the initializer of the package variable v, when it
// has one of its own.
func (c *checker) globalInit(v *types.Var) ast.Expr {
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if c.info.Defs[id] == v && len(vs.Values) == len(vs.Names) {
						return vs.Values[i]
					}
				}
			}
		}
	}
	return nil
}

// assignsField reports whether body (every file of the package, when
// nil) assigns to field name of v, or takes v's address other than to
// pass it as a call's argument.
func (c *checker) assignsField(body ast.Node, v *types.Var, name string) bool {
	// Remembered: every call of a constructor in a package of thousands
	// of tests asks it of the same options variable.
	key := assignKey{body, v, name}
	if b, ok := c.assigned[key]; ok {
		return b
	}
	b := c.findAssignsField(body, v, name)
	c.assigned[key] = b
	return b
}

// An assignKey is a question to assignsField.
type assignKey struct {
	body ast.Node
	v    *types.Var
	name string
}

func (c *checker) findAssignsField(body ast.Node, v *types.Var, name string) bool {
	for _, a := range c.assigns().fields[v] {
		if a.name == name && (body == nil || within(a.n, body)) {
			return true
		}
	}
	return false
}

// A goroutine can also be off by a functional option: NewServer(opt
// ...ServerOption) applies each option to its options and starts its
// workers only when opts.numWorkers > 0, a field that only the option
// NumWorkers(n) sets. A caller whose options are all made by the
// package's other option functions starts none, and owes nothing.

// optionGate returns the gate of n, in fd: n is under a condition that a
// field of fd's options is set (x.f > 0, x.f != 0, x.f != nil, len(x.f)
// > 0, or a boolean x.f), fd takes its options as a variadic parameter,
// and only functions of the package that return an option set the field.
func (c *checker) optionGate(fd *ast.FuncDecl, fn *types.Func, n ast.Node) *gate {
	sig := fn.Type().(*types.Signature)
	if !sig.Variadic() {
		return nil
	}
	last := sig.Params().Len() - 1
	opt := sig.Params().At(last).Type().(*types.Slice).Elem()
	var found *gate
	ast.Inspect(fd.Body, func(m ast.Node) bool {
		if found != nil || m == nil || m.Pos() > n.Pos() || m.End() < n.End() {
			return false
		}
		if is, ok := m.(*ast.IfStmt); ok && is.Init == nil && within(n, is.Body) {
			if f := c.setField(is.Cond); f != nil {
				if en := c.optionEnablers(f, opt); en != nil {
					found = &gate{target: last, on: true, enablers: en}
				} else if dis := c.optionDisablers(f, opt); dis != nil {
					found = &gate{target: last, on: true, disablers: dis}
				}
			}
		}
		_, lit := m.(*ast.FuncLit)
		return !lit
	})
	return found
}

// setField returns the field a condition tests is set: x.f > 0, x.f !=
// 0, x.f != nil, len(x.f) > 0, or a boolean x.f; nil otherwise.
func (c *checker) setField(cond ast.Expr) *types.Var {
	cond = ast.Unparen(cond)
	if b, ok := cond.(*ast.BinaryExpr); ok {
		tv, ok := c.info.Types[b.Y]
		zero := ok && (tv.IsNil() || tv.Value != nil && tv.Value.Kind() == constant.Int && constant.Sign(tv.Value) == 0)
		if !zero || b.Op != token.GTR && b.Op != token.NEQ {
			return nil
		}
		x := ast.Unparen(b.X)
		if call, ok := x.(*ast.CallExpr); ok && len(call.Args) == 1 {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && c.info.Uses[id] == types.Universe.Lookup("len") {
				x = call.Args[0]
			}
		}
		return fieldVarOf(c.info, x)
	}
	if t, ok := c.typeOf(cond).Underlying().(*types.Basic); ok && t.Kind() == types.Bool {
		return fieldVarOf(c.info, cond)
	}
	return nil
}

// optionEnablers returns the names of the functions of the package that
// make an option of type opt setting the field f: every assignment to f
// is in a function literal inside a function that returns opt (also
// through a helper: newFuncOption(func(o *options) { o.f = n })), and
// none elsewhere (no literal sets it, its address is not taken), plus
// the functions that call those. Nil when f is set some other way.
func (c *checker) optionEnablers(f *types.Var, opt types.Type) []string {
	return c.optionMakers(&c.enablers, f, opt, c.findEnablers)
}

// optionMakers answers optionEnablers and optionDisablers once for each
// field and option type, with find.
func (c *checker) optionMakers(memo *map[enablerKey][]string, f *types.Var, opt types.Type, find func(*types.Var, types.Type) []string) []string {
	if f.Pkg() != c.pass.Pkg {
		return nil
	}
	key := enablerKey{f, opt}
	if names, ok := (*memo)[key]; ok {
		return names
	}
	if *memo == nil {
		*memo = make(map[enablerKey][]string)
	}
	names := find(f, opt)
	(*memo)[key] = names
	return names
}

// An enablerKey is a question to optionEnablers.
type enablerKey struct {
	field *types.Var
	opt   types.Type
}

// findEnablers is optionEnablers, not remembered.
func (c *checker) findEnablers(f *types.Var, opt types.Type) []string {
	set := map[string]bool{}
	ok := true
	for fd, returnsOpt := range c.optionFuncs(opt) {
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if !ok {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				ast.Inspect(n.Body, func(m ast.Node) bool {
					if c.setsField(m, f) {
						if !returnsOpt {
							ok = false
						}
						set[fd.Name.Name] = true
					}
					return ok
				})
				return false
			default:
				if c.setsField(n, f) {
					ok = false
				}
			}
			return ok
		})
	}
	if !ok || len(set) == 0 {
		return nil
	}
	// A function that calls an enabler enables too.
	for changed := true; changed; {
		changed = false
		for fn, fd := range c.decls {
			if set[fn.Name()] || fd.Body == nil || fd.Recv != nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if call, isCall := n.(*ast.CallExpr); isCall {
					if to := callee(c.info, call); to != nil && to.Pkg() == c.pass.Pkg && set[to.Name()] {
						set[fn.Name()], changed = true, true
					}
				}
				return !set[fn.Name()]
			})
		}
	}
	names := slices.Sorted(maps.Keys(set))
	return names
}

// setsField reports whether n assigns to the field f, takes its address,
// or sets it in a composite literal to anything but a zero constant.
func (c *checker) setsField(n ast.Node, f *types.Var) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Tok != token.DEFINE && slices.ContainsFunc(n.Lhs, func(l ast.Expr) bool { return fieldVarOf(c.info, l) == f })
	case *ast.IncDecStmt:
		return fieldVarOf(c.info, n.X) == f
	case *ast.UnaryExpr:
		return n.Op == token.AND && fieldVarOf(c.info, n.X) == f
	case *ast.KeyValueExpr:
		if id, ok := n.Key.(*ast.Ident); ok && c.info.Uses[id] == f {
			tv, ok := c.info.Types[n.Value]
			return !ok || !(tv.IsNil() || tv.Value != nil && (tv.Value.Kind() == constant.Int && constant.Sign(tv.Value) == 0 || tv.Value.Kind() == constant.Bool && !constant.BoolVal(tv.Value)))
		}
	}
	return false
}

// optionsOff reports whether the options call passes to the gate g's
// variadic parameter are all made, in place, by functions of the
// callee's package that are not among g.enablers.
func (c *checker) optionsOff(call *ast.CallExpr, to *types.Func, g *gate) bool {
	if call.Ellipsis.IsValid() || len(call.Args) < g.target {
		return false
	}
	for _, a := range call.Args[g.target:] {
		ac, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok {
			return false
		}
		f := callee(c.info, ac)
		if f == nil || f.Pkg() != to.Pkg() || slices.Contains(g.enablers, f.Name()) {
			return false
		}
	}
	return true
}

// argAt returns the constant the call of fn gives, as an argument, to the
// field name of the struct literal lit that fn returns (New(0) for func
// New(timeout int) *B { return &B{timeout: timeout} }).
func (c *checker) argAt(call *ast.CallExpr, fn *types.Func, lit ast.Expr, name string) (constant.Value, bool) {
	lit = ast.Unparen(lit)
	if u, ok := lit.(*ast.UnaryExpr); ok && u.Op == token.AND {
		lit = ast.Unparen(u.X)
	}
	cl, ok := lit.(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	sig := fn.Type().(*types.Signature)
	for _, el := range cl.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); !ok || key.Name != name {
			continue
		}
		id, ok := ast.Unparen(kv.Value).(*ast.Ident)
		if !ok {
			return nil, false
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok {
			return nil, false
		}
		i := paramIndex(sig, v)
		if i < 0 || i >= len(call.Args) || sig.Variadic() && i == sig.Params().Len()-1 {
			return nil, false
		}
		tv, ok := c.info.Types[call.Args[i]]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Bool && tv.Value.Kind() != constant.Int {
			return nil, false
		}
		return tv.Value, true
	}
	return nil, false
}

// optionDisablers returns the names of the functions of the package that
// make an option of type opt setting the boolean field f from their own
// boolean parameter (func SetSniff(enabled bool) Option { return func(c
// *Client) error { c.sniff = enabled; return nil } }), when every other
// assignment to f is a struct literal's default. Nil otherwise.
func (c *checker) optionDisablers(f *types.Var, opt types.Type) []string {
	return c.optionMakers(&c.disablers, f, opt, c.findDisablers)
}

// findDisablers is optionDisablers, not remembered.
func (c *checker) findDisablers(f *types.Var, opt types.Type) []string {
	if b, ok := f.Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
		return nil
	}
	set := map[string]bool{}
	ok := true
	for fd, returnsOpt := range c.optionFuncs(opt) {
		fn, _ := c.info.Defs[fd.Name].(*types.Func)
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			as, isAssign := n.(*ast.AssignStmt)
			if !ok || !isAssign || as.Tok == token.DEFINE {
				return ok
			}
			for i, l := range as.Lhs {
				if fieldVarOf(c.info, l) != f {
					continue
				}
				// c.sniff = enabled, enabled a parameter of an
				// option maker, in the literal it returns.
				v, _ := c.info.Uses[identOf(at(as.Rhs, i, len(as.Lhs)))].(*types.Var)
				if !returnsOpt || fn == nil || len(as.Lhs) != len(as.Rhs) || v == nil || paramIndex(fn.Type().(*types.Signature), v) < 0 {
					ok = false
					return false
				}
				set[fd.Name.Name] = true
			}
			return true
		})
	}
	if !ok || len(set) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(set))
}

// optionsDisable reports whether the options call passes to the gate g's
// variadic parameter turn its field off: the last one made by one of g's
// disablers is given the constant false.
func (c *checker) optionsDisable(call *ast.CallExpr, to *types.Func, g *gate) bool {
	if call.Ellipsis.IsValid() || len(call.Args) < g.target {
		return false
	}
	off := false
	for _, a := range call.Args[g.target:] {
		ac, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok {
			continue
		}
		f := callee(c.info, ac)
		if f == nil || f.Pkg() != to.Pkg() || !slices.Contains(g.disablers, f.Name()) || len(ac.Args) != 1 {
			continue
		}
		tv, ok := c.info.Types[ac.Args[0]]
		off = ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && !constant.BoolVal(tv.Value)
	}
	return off
}

// optionFuncs yields the functions with a body declared in the package,
// each with whether it returns one value, of type opt (an option maker).
func (c *checker) optionFuncs(opt types.Type) iter.Seq2[*ast.FuncDecl, bool] {
	return func(yield func(*ast.FuncDecl, bool) bool) {
		for _, file := range c.pass.Files {
			for _, d := range file.Decls {
				fd, isFunc := d.(*ast.FuncDecl)
				if !isFunc || fd.Body == nil {
					continue
				}
				if !yield(fd, fd.Type.Results.NumFields() == 1 && types.Identical(c.typeOf(fd.Type.Results.List[0].Type), opt)) {
					return
				}
			}
		}
	}
}
