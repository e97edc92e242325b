package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
)

// This file recognises a stop by a flag. A goroutine that polls a flag of
// its owner's (for !p.closed.Load() { ...; time.Sleep(d) }, or if
// p.stopped { return } at the top of its loop) ends once the owner sets
// the flag (p.closed.Store(true) in Close): the set is its stop, as a
// close is of a goroutine that receives from a stop channel. In the model
// a flag is such a channel: the loop waits on it (a soft block: it may
// also end on its own), and setting it is a close (effClose), so that
// what a goroutine's owner must do, which methods stop it, and the facts
// that carry both are the channel's.
//
// A flag is a boolean field (or package variable), or a sync/atomic Bool,
// Int32, Int64, Uint32 or Uint64 field, or an integer field read with
// atomic.LoadInt32 and its kin. It is set by storing true, or a non-zero
// constant (= true, Store(true), atomic.StoreInt32(&p.f, 1), and
// CompareAndSwap to such a value). Only flags set this way, and polled for
// being set, count: a loop running while p.running holds is left alone.

// flagExits returns the alternatives by which a loop polling a flag is
// left: its condition (for !p.closed), and each if at the top of its body
// that tests a flag for being set and leaves the loop (if p.closed.Load()
// { return }).
func (c *checker) flagExits(cond ast.Expr, body *ast.BlockStmt) []alt {
	var out []alt
	add := func(p path) {
		out = append(out, alt{kind: altRecv, p: p, exits: true, loop: true})
	}
	if cond != nil {
		if p, ok := c.flagTest(cond, false); ok {
			add(p)
		}
	}
	for _, s := range body.List {
		is, ok := s.(*ast.IfStmt)
		if !ok || is.Init != nil || len(is.Body.List) == 0 {
			continue
		}
		last := is.Body.List[len(is.Body.List)-1]
		if br, ok := last.(*ast.BranchStmt); !leaves(last) && !(ok && br.Tok == token.BREAK && br.Label == nil) {
			continue
		}
		if p, ok := c.flagTest(is.Cond, true); ok {
			add(p)
		}
	}
	return out
}

// flagTest reports the flag e tests: for set, e holds once the flag is
// set (p.closed, p.closed.Load(), atomic.LoadInt32(&p.f) != 0, or either
// side of ||); otherwise e holds while it is unset (!p.closed, p.f.Load()
// == 0, or either side of &&).
func (c *checker) flagTest(e ast.Expr, set bool) (path, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return c.flagTest(e.X, !set)
		}
	case *ast.BinaryExpr:
		switch {
		case e.Op == token.LOR && set, e.Op == token.LAND && !set:
			if p, ok := c.flagTest(e.X, set); ok {
				return p, true
			}
			return c.flagTest(e.Y, set)
		case e.Op == token.EQL || e.Op == token.NEQ:
			x, k := e.X, e.Y
			if c.info.Types[x].Value != nil {
				x, k = k, x
			}
			v := c.info.Types[k].Value
			if v == nil {
				return path{}, false
			}
			// f != 0 and f == 1 hold once it is set, f == 0 while unset.
			zero := v.Kind() == constant.Bool && !constant.BoolVal(v) || v.Kind() == constant.Int && constant.Sign(v) == 0
			if v.Kind() != constant.Bool && v.Kind() != constant.Int {
				return path{}, false
			}
			holdsSet := (e.Op == token.NEQ) == zero
			if holdsSet != set {
				return path{}, false
			}
			return c.flagRead(x, v.Kind() == constant.Bool)
		}
	default:
		if !set {
			return path{}, false
		}
		return c.flagRead(e, true)
	}
	return path{}, false
}

// flagRead returns the flag e reads: a boolean field or package variable
// (boolean), or the value of an atomic flag (Load of a sync/atomic type,
// atomic.LoadInt32(&p.f)).
func (c *checker) flagRead(e ast.Expr, boolean bool) (path, bool) {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		fn := callee(c.info, call)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "sync/atomic" {
			return path{}, false
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Name() == "Load" && isAtomicFlag(c.typeOf(sel.X)) {
			return c.flagPath(sel.X)
		}
		if len(call.Args) == 1 && !boolean && isLoadFunc(fn.Name()) {
			if u, ok := ast.Unparen(call.Args[0]).(*ast.UnaryExpr); ok && u.Op == token.AND {
				return c.flagPath(u.X)
			}
		}
		return path{}, false
	}
	if t := c.typeOf(e); t == nil || !isBoolType(t) {
		return path{}, false
	}
	return c.flagPath(e)
}

// polledFlag reports whether e is the storage of a flag some loop of the
// package polls (a field, or a package variable): only setting such a flag
// stops anything, and a flag that only guards a second Close is not
// worth an effect in the facts.
func (c *checker) polledFlag(e ast.Expr) bool {
	if c.polled == nil {
		c.polled = make(map[*types.Var]bool)
		note := func(p path) {
			if v := c.flagVar(p); v != nil {
				c.polled[v] = true
			}
		}
		for cur := range c.preorder((*ast.ForStmt)(nil)) {
			fs := cur.Node().(*ast.ForStmt)
			for _, a := range c.flagExits(fs.Cond, fs.Body) {
				note(a.p)
			}
		}
	}
	v := c.flagVar(pathOf(c.info, e))
	return v != nil && c.polled[v]
}

// flagVar returns the variable a flag's path ends in: the last field, or
// a package variable.
func (c *checker) flagVar(p path) *types.Var {
	if p.fields == "" {
		return p.root
	}
	t := p.root.Type()
	if i := strings.LastIndex(p.fields, "."); i > 0 {
		t = c.pathType(path{root: p.root, fields: p.fields[:i]})
	}
	if t == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, p.fields[strings.LastIndex(p.fields, ".")+1:])
	v, _ := obj.(*types.Var)
	return v
}

// flagPath returns the path of the storage of a flag: a field, or a
// package variable; not a local, which no owner sets.
func (c *checker) flagPath(e ast.Expr) (path, bool) {
	p := pathOf(c.info, e)
	if !p.valid() || p.fields == "" && !isGlobal(p.root) {
		return path{}, false
	}
	return p, true
}

// flagSets calls add with effClose for a call that sets a flag:
// p.closed.Store(true), atomic.StoreInt32(&p.f, 1), CompareAndSwap(0, 1)
// and Swap to such a value.
func (c *checker) flagSets(call *ast.CallExpr, fn *types.Func, add func(effKind, path)) {
	if fn.Pkg() == nil || fn.Pkg().Path() != "sync/atomic" || len(call.Args) == 0 {
		return
	}
	value := call.Args[len(call.Args)-1]
	if !setsValue(c.info, value) {
		return
	}
	switch fn.Name() {
	case "Store", "Swap", "CompareAndSwap":
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isAtomicFlag(c.typeOf(sel.X)) {
			if p, ok := c.flagPath(sel.X); ok && c.polledFlag(sel.X) {
				add(effClose, p)
			}
		}
	case "StoreInt32", "StoreInt64", "StoreUint32", "StoreUint64", "SwapInt32", "SwapInt64", "SwapUint32", "SwapUint64",
		"CompareAndSwapInt32", "CompareAndSwapInt64", "CompareAndSwapUint32", "CompareAndSwapUint64":
		if u, ok := ast.Unparen(call.Args[0]).(*ast.UnaryExpr); ok && u.Op == token.AND {
			if p, ok := c.flagPath(u.X); ok && c.polledFlag(u.X) {
				add(effClose, p)
			}
		}
	}
}

// flagAssigns calls add with effClose for each boolean flag an assignment
// sets to true (p.closed = true).
func (c *checker) flagAssigns(as *ast.AssignStmt, add func(effKind, path)) {
	if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, l := range as.Lhs {
		v := c.info.Types[as.Rhs[i]].Value
		if v == nil || v.Kind() != constant.Bool || !constant.BoolVal(v) {
			continue
		}
		if p, ok := c.flagPath(l); ok && c.polledFlag(l) {
			add(effClose, p)
		}
	}
}

// setsValue reports whether e is true or a non-zero integer constant.
func setsValue(info *types.Info, e ast.Expr) bool {
	v := info.Types[e].Value
	switch {
	case v == nil:
		return false
	case v.Kind() == constant.Bool:
		return constant.BoolVal(v)
	case v.Kind() == constant.Int:
		return constant.Sign(v) != 0
	}
	return false
}

// isAtomicFlag reports whether t is (a pointer to) a sync/atomic type a
// flag is kept in.
func isAtomicFlag(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	for _, name := range []string{"Bool", "Int32", "Int64", "Uint32", "Uint64"} {
		if isNamed(t, "sync/atomic", name) {
			return true
		}
	}
	return false
}

func isLoadFunc(name string) bool {
	switch name {
	case "LoadInt32", "LoadInt64", "LoadUint32", "LoadUint64":
		return true
	}
	return false
}
