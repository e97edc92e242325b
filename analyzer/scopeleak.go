package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// scopeFact marks a function that returns a fresh scope its caller must
// close: a *nursery.Nursery from New, a typed bundle from its constructor,
// or any value that owns such a nursery (libdill's heap bundle: a
// connection that owns its keepalive task).
type scopeFact struct {
	Type    string   // the result's type as its package writes it, for messages
	Closers []string // the methods that close it
}

func (*scopeFact) AFact() {}

func (f *scopeFact) String() string {
	return "scope(" + f.Type + ": " + strings.Join(f.Closers, ", ") + ")"
}

// scopeFactOf returns the fact of fn, from this package or an import.
func (c *checker) scopeFactOf(fn *types.Func) *scopeFact {
	if fn == nil {
		return nil
	}
	if f, ok := c.scopes[fn]; ok {
		return f
	}
	if fn.Pkg() == c.pass.Pkg || !c.importedScopes {
		return nil
	}
	f := new(scopeFact)
	if c.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// freshCall reports whether call makes a fresh scope, and the methods that
// close it.
func (c *checker) freshCall(call *ast.CallExpr) ([]string, bool) {
	fn := typeutil.StaticCallee(c.info, call)
	if isNurseryNew(fn) {
		return []string{"Close", "Wait"}, true
	}
	if f := c.scopeFactOf(fn); f != nil {
		return f.Closers, true
	}
	return nil, false
}

// exportScopeFacts finds the functions of the package that return a fresh
// scope without closing it: `return nursery.New(ctx)`, `return &Conn{n: n}`
// with n from New, `c.n = cfg.New(ctx); return c`. The result's type must
// have a method that closes the scope; that is what the caller is told to
// call. A function that also hands the scope elsewhere (a registry, a
// goroutine) is not a constructor: its caller is not the only owner.
func (c *checker) exportScopeFacts() {
	if !c.importsNursery && !c.importedScopes {
		return
	}
	var decls []*ast.FuncDecl
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Type.Results != nil {
				decls = append(decls, fd)
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fd := range decls {
			fn, ok := c.info.Defs[fd.Name].(*types.Func)
			if !ok || c.scopes[fn] != nil {
				continue
			}
			if f := c.ctorFact(fd, fn); f != nil {
				c.scopes[fn] = f
				changed = true
			}
		}
	}
	for _, fd := range decls {
		if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok && c.scopes[fn] != nil {
			c.pass.ExportObjectFact(fn, c.scopes[fn])
		}
	}
}

// ctorFact decides whether fd returns a fresh scope.
func (c *checker) ctorFact(fd *ast.FuncDecl, fn *types.Func) *scopeFact {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return nil
	}
	// Variables of the body holding a fresh scope, or a struct that does,
	// and the closers of what they hold.
	owners := make(map[*types.Var][]string)
	var fresh func(e ast.Expr) ([]string, bool)
	fresh = func(e ast.Expr) ([]string, bool) {
		switch e := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			return c.freshCall(e)
		case *ast.Ident:
			v, _ := c.info.Uses[e].(*types.Var)
			cl, ok := owners[v]
			return cl, ok
		case *ast.UnaryExpr:
			return fresh(e.X)
		case *ast.CompositeLit:
			for _, el := range e.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				if _, ok := fresh(el); ok {
					return nil, true // closers come from the struct's methods
				}
			}
		}
		return nil, false
	}
	for changed := true; changed; {
		changed = false
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			var lhs, rhs []ast.Expr
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				lhs, rhs = n.Lhs, n.Rhs
			case *ast.ValueSpec:
				for _, id := range n.Names {
					lhs = append(lhs, id)
				}
				rhs = n.Values
			default:
				return true
			}
			for i, l := range lhs {
				if i >= len(rhs) || len(rhs) == 1 && i > 0 {
					break
				}
				cl, ok := fresh(rhs[i])
				if !ok {
					continue
				}
				p := pathOf(c.info, l)
				if !p.valid() || !declaredIn(p.root, fd.Body) {
					continue
				}
				if p.fields != "" {
					cl = nil // a struct holding it: closers from its methods
				}
				if _, seen := owners[p.root]; !seen {
					owners[p.root] = cl
					changed = true
				}
			}
			return true
		})
	}

	// Find a return of a fresh scope.
	var result ast.Expr
	index := -1
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok || result != nil {
			return false
		}
		if ret, ok := n.(*ast.ReturnStmt); ok {
			for i, e := range ret.Results {
				if _, ok := fresh(e); ok {
					result, index = e, i
					return false
				}
			}
		}
		return true
	})
	if result == nil || index >= sig.Results().Len() {
		return nil
	}

	// The owners must not go anywhere but to the caller: not passed to a
	// call, sent, started with, or stored outside the function.
	shared := false
	c.eachRef(fd.Body, func(r ref) {
		if _, ok := owners[r.path.root]; !ok || r.path.fields != "" {
			return
		}
		switch r.kind {
		case useGoArg:
			shared = true
		case useValue:
			switch p := r.parent.(type) {
			case *ast.CallExpr, *ast.SendStmt:
				shared = true
			case *ast.AssignStmt:
				for i, rhs := range p.Rhs {
					if rhs == r.expr && i < len(p.Lhs) {
						lp := pathOf(c.info, p.Lhs[i])
						if !lp.valid() || !declaredIn(lp.root, fd.Body) {
							shared = true
						}
					}
				}
			}
		}
	})
	if shared {
		return nil
	}

	cl, _ := fresh(result)
	t := c.typeOf(result)
	if len(cl) == 0 {
		cl = c.closerMethods(t)
	}
	// The caller sees the declared result type: keep the closers it has.
	decl := sig.Results().At(index).Type()
	ms := c.methodSet(decl)
	var closers []string
	for _, name := range cl {
		for i := 0; i < ms.Len(); i++ {
			if ms.At(i).Obj().Name() == name {
				closers = append(closers, name)
			}
		}
	}
	if len(closers) == 0 {
		return nil
	}
	// Other packages can call only the exported closers.
	if exported := slices.DeleteFunc(slices.Clone(closers), func(s string) bool { return !token.IsExported(s) }); len(exported) > 0 {
		closers = exported
	}
	slices.Sort(closers)
	return &scopeFact{
		Type:    types.TypeString(decl, func(p *types.Package) string { return p.Name() }),
		Closers: slices.Compact(closers),
	}
}

// closerMethods returns the methods of t (a named type of this package, or
// a pointer to one) that close a nursery it holds: they call Close or Wait
// on a *nursery.Nursery field of the receiver, a closer of a field holding
// another owner, or another such method.
func (c *checker) closerMethods(t types.Type) []string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != c.pass.Pkg {
		return nil
	}
	closes := make(map[string]bool)
	for changed := true; changed; {
		changed = false
		for i := 0; i < named.NumMethods(); i++ {
			m := named.Method(i)
			if closes[m.Name()] {
				continue
			}
			decl := c.decls[m]
			if decl == nil || decl.Body == nil || decl.Recv == nil || len(decl.Recv.List) == 0 || len(decl.Recv.List[0].Names) == 0 {
				continue
			}
			recv, _ := c.info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
			found := false
			c.eachRef(decl.Body, func(r ref) {
				if found || r.kind != useMethod || r.path.root != recv {
					return
				}
				switch {
				case r.path.fields == "" && closes[r.method.Name()]:
					found = true
				case r.path.fields != "" && isMethod(r.method, nurseryPath, "Nursery", "Close", "Wait"):
					found = true
				}
			})
			if found {
				closes[m.Name()] = true
				changed = true
			}
		}
	}
	var names []string
	for name := range closes {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// checkScopeleak reports scopes from New (or a constructor) that are
// discarded, or kept in a local variable that is not closed, nor handed
// on, on every path.
func (c *checker) checkScopeleak() {
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		closers, ok := c.freshCall(call)
		if !ok || len(closers) == 0 {
			continue
		}
		c.checkFresh(cur, call, closers)
	}
}

// scopeDesc names what a fresh call makes, for messages.
func (c *checker) scopeDesc(call *ast.CallExpr) string {
	fn := typeutil.StaticCallee(c.info, call)
	if isNurseryNew(fn) {
		return "the nursery from " + c.text(call.Fun)
	}
	return "the " + c.scopeFactOf(fn).Type + " from " + c.text(call.Fun) + " (it owns a nursery)"
}

// checkFresh follows the scope made by call.
func (c *checker) checkFresh(cur inspector.Cursor, call *ast.CallExpr, closers []string) {
	closer := closers[0]
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		parent = parent.Parent()
	}
	fnCur := enclosingFunc(cur)
	if !fnCur.Valid() {
		return // a package-level variable: it lives as long as the program
	}
	fn := fnCur.Node()
	switch p := parent.Node().(type) {
	case *ast.ExprStmt:
		c.report(ruleScopeleak, call, nil,
			"%s is discarded, so nothing can close it and its tasks are never waited for: keep it and defer its %s()",
			c.scopeDesc(call), closer)
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[p]; ok && sel.Kind() == types.MethodVal && !slices.Contains(closers, p.Sel.Name) {
			c.report(ruleScopeleak, call, nil,
				"%s is used once and never closed, so its tasks are never waited for: keep it in a variable and defer its %s()",
				c.scopeDesc(call), closer)
		}
	case *ast.KeyValueExpr:
		if lit, ok := parent.Parent().Node().(*ast.CompositeLit); ok {
			if key, ok := p.Key.(*ast.Ident); ok && p.Value != nil {
				c.checkOwner(call, c.typeOf(lit), key.Name, closers)
			}
		}
	case *ast.AssignStmt, *ast.ValueSpec:
		var lhs []ast.Expr
		var rhs []ast.Expr
		if as, ok := p.(*ast.AssignStmt); ok {
			lhs, rhs = as.Lhs, as.Rhs
		} else {
			vs := p.(*ast.ValueSpec)
			for _, id := range vs.Names {
				lhs = append(lhs, id)
			}
			rhs = vs.Values
		}
		i := slices.Index(rhs, ast.Expr(call))
		if i < 0 {
			i = slices.IndexFunc(rhs, func(e ast.Expr) bool { return ast.Unparen(e) == call })
		}
		if i < 0 || i >= len(lhs) {
			return
		}
		l := ast.Unparen(lhs[i])
		if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
			c.report(ruleScopeleak, call, nil,
				"%s is assigned to _, so nothing can close it and its tasks are never waited for: keep it and defer its %s()",
				c.scopeDesc(call), closer)
			return
		}
		if sel, ok := l.(*ast.SelectorExpr); ok {
			if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.FieldVal {
				c.checkOwner(call, c.typeOf(sel.X), sel.Sel.Name, closers)
			}
			return
		}
		lp := pathOf(c.info, l)
		if !lp.valid() || lp.fields != "" || !declaredIn(lp.root, funcBody(fn)) {
			return // a global, an outer variable, a map or slice element: handed on
		}
		var errVar *types.Var
		if len(lhs) == 2 && len(rhs) == 1 {
			if sig, ok := c.typeOf(call.Fun).(*types.Signature); ok && sig.Results().Len() == 2 && isErrorType(sig.Results().At(1).Type()) {
				errVar = pathOf(c.info, lhs[1]).root
			}
		}
		c.checkLocalScope(fn, p.(ast.Node), call, lp.root, errVar, closers)
	}
}

func isErrorType(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// checkLocalScope follows a scope kept in the local variable v from stmt
// to every return.
func (c *checker) checkLocalScope(fn, stmt ast.Node, call *ast.CallExpr, v, errVar *types.Var, closers []string) {
	used := func(n ast.Node) bool {
		found := false
		c.eachRef(n, func(r ref) {
			if found || r.path.root != v || r.path.fields != "" {
				return
			}
			switch r.kind {
			case useMethod:
				found = slices.Contains(closers, r.method.Name())
			case useValue, useGoArg:
				found = true // returned, stored, passed on, captured: handed on
			}
		})
		return found
	}
	if deferredBefore(c.info, funcBody(fn), stmt, used) {
		return
	}
	q := flowQuery{g: c.cfgOf(fn), from: stmt, used: used}
	if errVar != nil {
		q.isErr = func(e ast.Expr) bool {
			id, ok := e.(*ast.Ident)
			return ok && c.info.Uses[id] == errVar
		}
	}
	ret := q.leak()
	if ret == nil {
		return
	}
	where := c.returnDesc(ret, fn)
	fix := "defer " + v.Name() + "." + closers[0] + "() right after creating it"
	if isNurseryNew(typeutil.StaticCallee(c.info, call)) {
		fix += ", or use nursery.Run for a nursery that lives in one block"
	}
	c.report(ruleScopeleak, call, nil,
		"%s is not closed on every path: %s leaves it open with its tasks running; %s",
		c.scopeDesc(call), where, fix)
}

// checkOwner checks a scope stored in field of a value of type owner: the
// owner must be able to close it. An owner type of this package that has
// no Close/Shutdown/Stop/Wait method, and whose field is never closed
// anywhere in the package, leaks the scope.
func (c *checker) checkOwner(call *ast.CallExpr, owner types.Type, field string, closers []string) {
	if owner == nil || c.hasCloser(owner) {
		return
	}
	t := owner
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != c.pass.Pkg {
		return // can't see all of its methods
	}
	if c.closesField(named, field, closers) {
		return
	}
	c.report(ruleScopeleak, call, nil,
		"%s is stored in %s.%s, but nothing closes it: give %s a Close method that calls %s.%s()",
		c.scopeDesc(call), named.Obj().Name(), field, named.Obj().Name(), field, closers[0])
}

// A fieldKey names a field of a named type.
type fieldKey struct {
	owner *types.TypeName
	field string
}

// closesField reports whether the package calls one of closers on the
// field of some value of type owner: x.field.Close().
func (c *checker) closesField(owner *types.Named, field string, closers []string) bool {
	if c.fieldCalls == nil {
		c.fieldCalls = make(map[fieldKey][]string)
		for cur := range c.preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			s, ok := c.info.Selections[inner]
			if !ok || s.Kind() != types.FieldVal {
				continue
			}
			t := s.Recv()
			if p, ok := types.Unalias(t).(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := types.Unalias(t).(*types.Named); ok {
				k := fieldKey{n.Origin().Obj(), inner.Sel.Name}
				c.fieldCalls[k] = append(c.fieldCalls[k], sel.Sel.Name)
			}
		}
	}
	for _, m := range c.fieldCalls[fieldKey{owner.Origin().Obj(), field}] {
		if slices.Contains(closers, m) {
			return true
		}
	}
	return false
}
