package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
)

// A path names a variable or a field reached from one: wg, s.wg, c.conn.n.
// Two expressions with equal paths denote the same storage as long as none
// of the variables on the way is reassigned, which is what the rules assume.
type path struct {
	root   *types.Var
	fields string // ".f.g"; empty for the variable itself
	deref  bool   // some step goes through a pointer
}

func (p path) valid() bool { return p.root != nil }

func (p path) equal(q path) bool { return p.root == q.root && p.fields == q.fields }

// prefixOf reports whether p is q or a struct that contains q.
func (p path) prefixOf(q path) bool {
	return p.root == q.root && (p.fields == q.fields || strings.HasPrefix(q.fields, p.fields+"."))
}

// pathOf returns the path denoted by e (parentheses, & and * are looked
// through), or an invalid path.
func pathOf(info *types.Info, e ast.Expr) path {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj, used := info.Uses[e]
		v, _ := obj.(*types.Var)
		if !used {
			// Only an embedded field's name is in both maps, and its
			// definition is a field: a use that is no variable is no
			// path.
			v, _ = info.Defs[e].(*types.Var)
		}
		if v == nil || v.IsField() {
			return path{}
		}
		return path{root: v}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return pathOf(info, e.X)
		}
	case *ast.StarExpr:
		p := pathOf(info, e.X)
		p.deref = true
		return p
	case *ast.SelectorExpr:
		sel, ok := info.Selections[e]
		if !ok {
			// A qualified identifier: pkg.Var.
			if id, ok := e.X.(*ast.Ident); ok {
				if _, ok := info.Uses[id].(*types.PkgName); ok {
					return pathOf(info, e.Sel)
				}
			}
			return path{}
		}
		if sel.Kind() != types.FieldVal {
			return path{}
		}
		p := pathOf(info, e.X)
		if !p.valid() {
			return p
		}
		if sel.Indirect() {
			p.deref = true
		}
		// A promoted field is reached through the embedded fields on the
		// way: s.closing with Conn embedded is s.Conn.closing, the same
		// storage by either spelling.
		if len(sel.Index()) > 1 {
			p.fields += embeddedPath(sel.Recv(), sel.Index())
		}
		p.fields += "." + e.Sel.Name
		return p
	}
	return path{}
}

// A use classifies one occurrence of a path in the code.
type useKind int

const (
	useValue      useKind = iota // read as a value: passed, returned, stored, captured...
	useMethod                    // receiver of a method call (see method)
	useRecv                      // <-x
	useRange                     // for range x (x a channel)
	useSend                      // x <- v (the channel side)
	useBuiltin                   // close(x), len(x), cap(x), ...
	useGoArg                     // argument of the call in a go statement
	useCompare                   // x == y, x != y
	useAssigned                  // x = ..., the variable is overwritten
	useRuntimeArg                // argument of a call into the twine runtime (proc.Start(n, cmd))
	useDecl                      // the declaring identifier itself
	useBlank                     // assigned to _, which keeps nothing
)

// A ref is one occurrence of a path in the code.
type ref struct {
	path   path
	kind   useKind
	method *types.Func // for useMethod
	expr   ast.Expr
	call   *ast.CallExpr // for useMethod, useBuiltin, useValue arguments: the call
	parent ast.Node      // the node around expr
}

// eachRef calls f for every maximal path expression within n (including
// inside nested function literals), classifying how it is used.
func (c *checker) eachRef(n ast.Node, f func(r ref)) {
	for _, r := range c.refsOf(n, false) {
		f(r)
	}
}

// eachRefNoGo is eachRef, but skips go statements: what another goroutine
// does is not done here.
func (c *checker) eachRefNoGo(n ast.Node, f func(r ref)) {
	for _, r := range c.refsOf(n, true) {
		f(r)
	}
}

// refsKey names one walk of walkRefs: its node, and whether it skips go
// statements.
type refsKey struct {
	n      ast.Node
	skipGo bool
}

// refsOf returns what walkRefs finds in n, in its order, walking n only
// the first time it is asked (see checker.refs).
func (c *checker) refsOf(n ast.Node, skipGo bool) []ref {
	k := refsKey{n, skipGo}
	if rs, ok := c.refs[k]; ok {
		return rs
	}
	var rs []ref
	walkRefs(c.info, n, skipGo, func(r ref) { rs = append(rs, r) })
	if c.refs == nil {
		c.refs = make(map[refsKey][]ref)
	}
	c.refs[k] = rs
	return rs
}

func walkRefs(info *types.Info, n ast.Node, skipGo bool, f func(r ref)) {
	if n == nil {
		return
	}
	ast.PreorderStack(n, nil, func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.GoStmt); ok && skipGo {
			return false
		}
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		switch e.(type) {
		case *ast.Ident, *ast.SelectorExpr, *ast.StarExpr, *ast.UnaryExpr, *ast.ParenExpr:
		default:
			return true
		}
		p := pathOf(info, e)
		if !p.valid() {
			return true
		}
		r := ref{path: p, expr: e}
		classify(info, &r, e, stack)
		f(r)
		return false // its parts are the path's prefixes, already accounted for
	})
}

// classify sets r.kind from the parents of e (stack[len-1] is e's parent).
func classify(info *types.Info, r *ref, e ast.Expr, stack []ast.Node) {
	r.kind = useValue
	if id, ok := e.(*ast.Ident); ok && info.Defs[id] != nil {
		r.kind = useDecl
		return
	}
	if len(stack) == 0 {
		return
	}
	parent := stack[len(stack)-1]
	r.parent = parent
	switch p := parent.(type) {
	case *ast.SelectorExpr:
		// Only method selections reach here: field selections are part of
		// the maximal path.
		if len(stack) >= 2 {
			if call, ok := stack[len(stack)-2].(*ast.CallExpr); ok && call.Fun == p {
				if fn, ok := info.Uses[p.Sel].(*types.Func); ok {
					r.kind, r.method, r.call = useMethod, fn, call
					return
				}
			}
		}
	case *ast.UnaryExpr:
		if p.Op == token.ARROW {
			r.kind = useRecv
		}
	case *ast.SendStmt:
		if p.Chan == e {
			r.kind = useSend
		}
	case *ast.RangeStmt:
		if p.X == e && isChan(info.TypeOf(e)) {
			r.kind = useRange
		} else if p.Key == e || p.Value == e {
			if p.Tok == token.ASSIGN {
				r.kind = useAssigned
			}
		}
	case *ast.BinaryExpr:
		if p.Op == token.EQL || p.Op == token.NEQ {
			r.kind = useCompare
		}
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == e {
				r.kind = useAssigned
			}
		}
		for i, rhs := range p.Rhs {
			if rhs == e && len(p.Lhs) == len(p.Rhs) {
				if id, ok := p.Lhs[i].(*ast.Ident); ok && id.Name == "_" {
					r.kind = useBlank
				}
			}
		}
	case *ast.IncDecStmt:
		r.kind = useAssigned
	case *ast.CallExpr:
		if p.Fun == e {
			return // calling a func-typed variable
		}
		r.call = p
		if tv, ok := info.Types[p.Fun]; ok && tv.IsBuiltin() {
			if !isBuiltinCall(info, p, "append") {
				r.kind = useBuiltin // close, len, cap...; append stores its arguments
			}
			return
		}
		if len(stack) >= 2 {
			if g, ok := stack[len(stack)-2].(*ast.GoStmt); ok && g.Call == p {
				r.kind = useGoArg
				return
			}
		}
		if fn := callee(info, p); fn != nil && fn.Pkg() != nil && inRuntime(fn.Pkg().Path()) {
			r.kind = useRuntimeArg
		}
	}
}

// declaredIn reports whether v is declared inside the syntax node n.
func declaredIn(v *types.Var, n ast.Node) bool {
	return v != nil && n != nil && n.Pos() <= v.Pos() && v.Pos() < n.End()
}

// funcBody returns the body of a *ast.FuncDecl or *ast.FuncLit.
func funcBody(fn ast.Node) *ast.BlockStmt {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Body
	case *ast.FuncLit:
		return fn.Body
	}
	return nil
}

// funcType returns the type of a *ast.FuncDecl or *ast.FuncLit.
func funcType(fn ast.Node) *ast.FuncType {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Type
	case *ast.FuncLit:
		return fn.Type
	}
	return nil
}

// isGlobal reports whether v is a package-level variable.
func isGlobal(v *types.Var) bool {
	return v != nil && v.Parent() != nil && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// pathText is the source of a path expression without & and *: "wg" for
// &wg, "s.done" for (*s).done is not attempted.
func pathText(e ast.Expr) string {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				e = x.X
				continue
			}
		case *ast.StarExpr:
			e = x.X
			continue
		}
		return types.ExprString(ast.Unparen(e))
	}
}

// copyOf returns, for a path rooted at a local variable that only ever
// holds a copy of another path (ctx := p.ctx, quit := s.quit: declared
// with it, never assigned again, its address never taken), the same path
// rooted where the copy came from. Only references are followed
// (channels, contexts and other interfaces, pointers, maps): a struct
// copied by value is storage of its own.
func (c *checker) copyOf(p path) (path, bool) {
	if !p.valid() || isGlobal(p.root) {
		return path{}, false
	}
	src, ok := c.localCopies()[p.root]
	if !ok {
		call, isCall := c.callCopies[p.root]
		if !isCall {
			return path{}, false
		}
		// errs := s.Errs(), where Errs returns s.errs: a copy of it,
		// for a field of this package that something closes (a stream
		// nothing ends stays the caller's to drop).
		fn := callee(c.info, call)
		if fn == nil {
			return path{}, false
		}
		s := c.calleeSummary(fn)
		if s == nil || !s.returns.valid() || s.returnsDone {
			return path{}, false
		}
		if src, ok = c.bindPath(fn, call, s.returns); !ok || src.root == p.root {
			return path{}, false
		}
		if fn.Pkg() == c.pass.Pkg && !c.fieldClosed(s.returns) || fn.Pkg() != c.pass.Pkg && !c.closedByMethod(fn, src) {
			return path{}, false
		}
	}
	return path{root: src.root, fields: src.fields + p.fields, deref: src.deref || p.deref}, true
}

// closedByMethod reports whether src, the path below a call's receiver
// that fn, a method of another package, returns (w.StopChan() returning
// w.stop), is closed by one of the methods of that receiver's type, by
// their facts (w.Stop()).
func (c *checker) closedByMethod(fn *types.Func, src path) bool {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil || !src.valid() {
		return false
	}
	t := c.pathType(path{root: src.root, fields: parentPath(src).fields})
	if t == nil {
		return false
	}
	ms := c.methodSet(t)
	for i := 0; i < ms.Len(); i++ {
		m, ok := ms.At(i).Obj().(*types.Func)
		if !ok || !m.Exported() {
			continue
		}
		at := parentPath(src)
		if slices.ContainsFunc(c.methodEffectsOf(m, at), func(e effect) bool { return e.kind == effClose && e.p.equal(src) }) {
			return true
		}
	}
	return false
}

// localCopies finds, in one walk over the package, the locals copyOf
// follows and the paths they copy.
func (c *checker) localCopies() map[*types.Var]path {
	if c.copies != nil {
		return c.copies
	}
	c.copies = make(map[*types.Var]path)
	defs := make(map[*types.Var]ast.Expr)
	reassigned := make(map[*types.Var]bool)
	// var ch chan bool, then one ch = l.millCh (under if l.millCh != nil):
	// nil or the copy, and a nil channel is no other channel.
	unset := make(map[*types.Var]bool)
	assignedTo := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := c.info.Uses[id].(*types.Var); ok {
				reassigned[v] = true
			}
		}
	}
	for cur := range c.preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && len(n.Lhs) == len(n.Rhs) {
					if v, ok := c.info.Defs[id].(*types.Var); ok {
						defs[v] = n.Rhs[i]
						continue
					}
					if v, ok := c.info.Uses[id].(*types.Var); ok && n.Tok == token.ASSIGN && unset[v] {
						delete(unset, v)
						defs[v] = n.Rhs[i]
						continue
					}
				}
				assignedTo(l)
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, id := range n.Names {
					if v, ok := c.info.Defs[id].(*types.Var); ok {
						defs[v] = n.Values[i]
					}
				}
			} else if len(n.Values) == 0 {
				for _, id := range n.Names {
					if v, ok := c.info.Defs[id].(*types.Var); ok && isChan(v.Type()) {
						unset[v] = true
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				assignedTo(n.X)
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				assignedTo(n.Key)
				if n.Value != nil {
					assignedTo(n.Value)
				}
			}
		}
	}
	c.callCopies = make(map[*types.Var]*ast.CallExpr)
	c.sliceCopies = make(map[*types.Var]path)
	for v, e := range defs {
		if reassigned[v] || isGlobal(v) {
			continue
		}
		if _, ok := types.Unalias(v.Type()).Underlying().(*types.Slice); ok {
			// hooks := c.hooks: the same elements, while c.hooks is not
			// appended to (elemPath).
			if q := pathOf(c.info, e); q.valid() && q.root != v {
				c.sliceCopies[v] = q
			}
			continue
		}
		if !isReference(v.Type()) {
			continue
		}
		if q := pathOf(c.info, e); q.valid() && q.root != v {
			c.copies[v] = q
		} else if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && isChan(v.Type()) {
			c.callCopies[v] = call // resolved by copyOf, through the callee's summary
		}
	}
	return c.copies
}

// isReference reports whether a copy of a value of type t refers to the
// same thing as the original.
func isReference(t types.Type) bool {
	switch types.Unalias(t).Underlying().(type) {
	case *types.Chan, *types.Interface, *types.Pointer, *types.Map, *types.Signature:
		return true
	}
	return false
}

// onlyCallResults is onlyAssigned for a local every assignment of which
// takes a result of one call (st, err := c.Subscribe(ctx, req)): f is
// given the call and the index of the result, and may refuse it.
func (c *checker) onlyCallResults(body ast.Node, v *types.Var, f func(call *ast.CallExpr, i int) bool) bool {
	return c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		if len(rhs) != 1 {
			return false
		}
		call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		return ok && f(call, i)
	})
}

// onlyAssigned reports whether body assigns the variable v (itself, not a
// field of it) at least once and every assignment satisfies ok, given the
// statement's sides and v's index among the left ones. The walk stops at
// the first that does not.
func (c *checker) onlyAssigned(body ast.Node, v *types.Var, ok func(lhs, rhs []ast.Expr, i int) bool) bool {
	if v == nil {
		return false
	}
	seen := false
	for _, a := range c.assigns().whole[v] {
		if !within(a.n, body) {
			continue
		}
		seen = true
		if !ok(a.lhs, a.rhs, a.i) {
			return false
		}
	}
	return seen
}

// fieldClosed reports whether the package closes the channel field at the
// end of p somewhere (close(s.errs) in a Close).
func (c *checker) fieldClosed(p path) bool {
	k, ok := c.keyOf(p)
	if !ok || k.field.owner == nil {
		return false
	}
	for _, r := range c.fieldRefs(k.field) {
		if r.kind == useBuiltin && r.call != nil && isBuiltinCall(c.info, r.call, "close") {
			return true
		}
	}
	return false
}
