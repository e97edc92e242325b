package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// A registry is a value that keeps channels it was given in a slice or
// map field and closes them all when it is closed: a connection's
// NotifyClose(ch) appends ch to c.closes, and its Close ranges over
// c.closes closing each. A goroutine ranging over a channel registered so
// is stopped by the registry's Close, as by a close of the channel
// itself. The elements of a field are the path of the field with the
// pseudo-field elems.

// elems is the pseudo-field that stands for every element of a slice or
// map: c.closes.[] is each channel kept in c.closes.
const elems = ".[]"

// A registration says that a function stores from (a parameter's value)
// as an element of to (a path ending in elems).
type registration struct {
	from, to path
}

// elemPath returns the path of the elements of the slice or map e is an
// element of: e indexes it (c.subs[id]), or e is the variable a range
// over it binds (for _, l := range c.closes).
func (c *checker) elemPath(e ast.Expr) (path, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		if p := pathOf(c.info, e.X); p.valid() && isContainer(c.typeOf(e.X)) {
			p.fields += elems
			return p, true
		}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return path{}, false
		}
		if x, ok := c.rangedBy()[v]; ok {
			if p := pathOf(c.info, x); p.valid() {
				if p.fields == "" {
					// hooks := c.hooks; for _, f := range hooks: the
					// elements of c.hooks.
					c.localCopies()
					if q, ok := c.sliceCopies[p.root]; ok {
						p = q
					}
				}
				p.fields += elems
				return p, true
			}
		}
	}
	return path{}, false
}

// isContainer reports whether t is a slice, array or map.
func isContainer(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
		return true
	}
	return false
}

// rangedBy maps the variables that ranges over slices and maps bind to
// each element (the value, or the key of a map keyed by channels) to the
// expression ranged over.
func (c *checker) rangedBy() map[*types.Var]ast.Expr {
	if c.rangeVars != nil {
		return c.rangeVars
	}
	c.rangeVars = make(map[*types.Var]ast.Expr)
	for cur := range c.preorder((*ast.RangeStmt)(nil)) {
		rs := cur.Node().(*ast.RangeStmt)
		if !isContainer(c.typeOf(rs.X)) {
			continue
		}
		_, isMap := c.typeOf(rs.X).Underlying().(*types.Map)
		for i, e := range []ast.Expr{rs.Key, rs.Value} {
			if id, ok := e.(*ast.Ident); ok && (i == 1 || isMap) {
				if v, ok := c.info.Defs[id].(*types.Var); ok {
					c.rangeVars[v] = rs.X
				}
			}
		}
	}
	return c.rangeVars
}

// effectsAndRegistrations returns the effects of a function's body
// (effectsIn) and its registrations, those of the calls it makes mapped to
// its terms included, keeping those whose paths keep accepts: one walk.
func (c *checker) effectsAndRegistrations(body *ast.BlockStmt, keep func(path) bool) ([]effect, []registration) {
	var effects []effect
	var out []registration
	add := func(from, to path) {
		if from.valid() && to.valid() && keep(from) && keep(to) && !slices.Contains(out, registration{from, to}) {
			out = append(out, registration{from, to})
		}
	}
	seen := make(map[effect]bool)
	note := func(k effKind, p path) {
		if !keep(p) {
			// nc := s.nc; nc.Close(): an effect on the field itself.
			if q, copied := c.copyOf(p); copied {
				p = q
			}
		}
		// Once each: a function that calls the same callee twice, at
		// every level of a chain, would double its callees' effects.
		if e := (effect{k, p}); keep(p) && !seen[e] {
			seen[e] = true
			effects = append(effects, e)
		}
	}
	c.walk(body, false, note, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return
			}
			for i, lhs := range n.Lhs {
				rhs := n.Rhs[i]
				if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
					// c.subs[id] = ch
					if to, ok := c.elemPath(ix); ok {
						add(pathOf(c.info, rhs), to)
						if _, isMap := c.typeOf(ix.X).Underlying().(*types.Map); isMap && keyRegisters(c.typeOf(ix.Index)) {
							add(pathOf(c.info, ix.Index), to) // s.lns[ln] = struct{}{}: a set of listeners
						}
					}
					continue
				}
				// c.closes = append(c.closes, ch)
				call, ok := ast.Unparen(rhs).(*ast.CallExpr)
				if !ok || !isBuiltinCall(c.info, call, "append") || len(call.Args) < 2 || call.Ellipsis.IsValid() {
					continue
				}
				to := pathOf(c.info, lhs)
				if !to.valid() || !to.equal(pathOf(c.info, call.Args[0])) {
					continue
				}
				to.fields += elems
				for _, a := range call.Args[1:] {
					add(pathOf(c.info, a), to)
				}
			}
		case *ast.CallExpr:
			fn := typeutil.StaticCallee(c.info, n)
			if fn == nil {
				return
			}
			if s := c.calleeSummary(fn); s != nil {
				for _, r := range s.registers {
					from, ok1 := c.bindPath(fn, n, r.from)
					to, ok2 := c.bindPath(fn, n, r.to)
					if ok1 && ok2 {
						add(from, to)
					}
				}
			}
		}
	})
	return effects, out
}

// keyRegisters reports whether a map key of type t is a value a registry
// can stop or close (a channel, a pointer, an interface), not a name.
func keyRegisters(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Chan, *types.Pointer, *types.Interface:
		return true
	}
	return false
}

// registeredAs returns the element paths, in the terms of the function
// declaring it, that the local channel v is registered as: the calls that
// register it (c.NotifyClose(ch)), and those whose result is the channel
// they register (ch := c.NotifyClose(make(chan *Error))).
func (c *checker) registeredAs(v *types.Var) []path {
	if c.registered == nil {
		c.registered = make(map[*types.Var][]path)
		for _, pc := range c.packageCalls() {
			call, fn := pc.cur.Node().(*ast.CallExpr), pc.static()
			if fn == nil {
				continue
			}
			s := c.calleeSummary(fn)
			if s == nil || len(s.registers) == 0 {
				continue
			}
			for _, r := range s.registers {
				to, ok := c.bindPath(fn, call, r.to)
				if !ok {
					continue
				}
				if from, ok := c.bindPath(fn, call, r.from); ok && from.fields == "" {
					c.registered[from.root] = append(c.registered[from.root], to)
				}
				if s.returns.valid() && s.returns.equal(r.from) {
					if lhs := c.assignedPath(call, obligation{target: result(0)}); lhs.valid() && lhs.fields == "" {
						c.registered[lhs.root] = append(c.registered[lhs.root], to)
					}
				}
			}
		}
	}
	return c.registered[v]
}

// closesRegistered reports whether e closes every element of a registry
// that the channel at p is registered with.
func (c *checker) closesRegistered(e effect, p path) bool {
	return e.kind == effClose && c.inRegistry(e, p)
}

// inRegistry reports whether e acts on every element of a registry that
// the value at p is registered with (s.lns = append(s.lns, ln), then for
// _, ln := range s.lns { ln.Close() }).
func (c *checker) inRegistry(e effect, p path) bool {
	return strings.HasSuffix(e.p.fields, elems) && p.fields == "" &&
		slices.ContainsFunc(c.registeredAs(p.root), e.p.equal)
}

// encodeRegistrations and decodeRegistrations carry registrations in
// facts (ownfact.go).
func encodeRegistrations(rs []registration, enc func(path) (factPath, bool)) []factRegistration {
	var out []factRegistration
	for _, r := range rs {
		from, ok1 := enc(r.from)
		to, ok2 := enc(r.to)
		if ok1 && ok2 {
			out = append(out, factRegistration{From: from, To: to})
		}
	}
	return out
}

func decodeRegistrations(fs []factRegistration, dec func(factPath) (path, bool)) []registration {
	var out []registration
	for _, f := range fs {
		from, ok1 := dec(f.From)
		to, ok2 := dec(f.To)
		if ok1 && ok2 {
			out = append(out, registration{from, to})
		}
	}
	return out
}

// A factRegistration is a registration in a fact.
type factRegistration struct {
	From, To factPath
}

// A subscription is a channel a method of another value returns for the
// caller to read (ch := t.Subscribe(method), sub.Channel()): like a
// channel field of that value read directly (for v := range t.events), it
// is the value's storage, closed by whoever stops the value. A goroutine
// ranging over it is handed on with the value, when the function does not
// own the value itself.

// subscribed returns, for v, a local channel of fn whose only value is
// the first result of a method call (v := h.Subscribe(), calls, stop :=
// t.Subscribe(m)), the path that stands for the storage of the method's
// receiver it comes from: the receiver's path and the method's name.
func (c *checker) subscribed(fn ast.Node, v *types.Var) (path, bool) {
	body := funcBody(fn)
	if body == nil || !declaredIn(v, body) || !isChan(v.Type()) {
		return path{}, false
	}
	var out path
	ok := c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		if len(rhs) != 1 || i != 0 {
			return false
		}
		call, isCall := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !isCall {
			return false
		}
		sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !isSel {
			return false
		}
		if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
			return false
		}
		recv := pathOf(c.info, sel.X)
		if !recv.valid() {
			return false
		}
		if f := callee(c.info, call); f != nil {
			if s := c.calleeSummary(f); s != nil && s.returns.valid() && !s.returnsDone {
				// func (m *Conn) Subscribe() <-chan *Request { return
				// m.global }: a field of its receiver, which a method of
				// the receiver's type must close for the owner to end it.
				q, ok := c.bindPath(f, call, s.returns)
				if !ok || !c.methodCloses(f, s.returns) {
					return false
				}
				out = q
				return true
			}
		}
		recv.fields += "." + sel.Sel.Name + "()"
		out = recv
		return true
	})
	return out, ok && out.valid()
}

// methodCloses reports whether a method of the type of fn's receiver
// closes the field p of its receiver (p in fn's terms: rooted at fn's
// receiver).
func (c *checker) methodCloses(fn *types.Func, p path) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || p.root != sig.Recv() || p.fields == "" {
		return false
	}
	named, ok := types.Unalias(derefType(sig.Recv().Type())).(*types.Named)
	if !ok {
		return false
	}
	for m := range named.Origin().Methods() {
		s := c.calleeSummary(m)
		recv := m.Type().(*types.Signature).Recv()
		if s == nil || recv == nil {
			continue
		}
		for _, e := range s.effects {
			if e.kind == effClose && (e.p.root == recv || e.p.root.Pos() == recv.Pos() && e.p.root.Name() == recv.Name()) && e.p.fields == p.fields {
				return true
			}
		}
	}
	return false
}
