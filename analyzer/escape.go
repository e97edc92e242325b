package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// A bound is a value that must not outlive a block: a nursery's context (a
// task's ctx, n.Context() of a nursery.Run body) or the nursery of a Run
// body itself.
type bound struct {
	nursery  bool     // the *Nursery of a Run body; else a context
	boundary ast.Node // the function literal (or declaration) it must not outlive
	desc     string   // "the task's context ctx", "n.Context()", "the nursery n"
}

// outlives names what the value would outlive, for messages.
func (b *bound) outlives() string {
	if b.nursery {
		return "its nursery.Run block"
	}
	return "its nursery"
}

// escapes tracks the bound values of the package.
type escapes struct {
	c      *checker
	vars   map[*types.Var]*bound // variables holding (or containing) a bound value
	blocks map[*types.Var]*bound // nurseries whose context is bound: Run bodies' n
	done   map[ast.Node]bool     // sinks already reported
}

// checkEscapes reports nursery contexts (ctxescape) and Run nurseries
// (scopeleak) that are stored outside their block, returned from it, sent on
// a channel or captured by a goroutine that is not joined.
func (c *checker) checkEscapes() {
	if !c.importsNursery {
		return
	}
	e := &escapes{
		c:      c,
		vars:   make(map[*types.Var]*bound),
		blocks: make(map[*types.Var]*bound),
		done:   make(map[ast.Node]bool),
	}
	var boundaries []ast.Node
	param := func(ft *ast.FuncType, i int) *types.Var {
		if ft.Params == nil {
			return nil
		}
		k := 0
		for _, f := range ft.Params.List {
			for _, id := range f.Names {
				if k == i {
					if id.Name == "_" {
						return nil
					}
					v, _ := c.info.Defs[id].(*types.Var)
					return v
				}
				k++
			}
		}
		return nil
	}
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		fn := callee(c.info, call)
		switch {
		case isNurserySpawn(fn) && len(call.Args) > 0:
			var task ast.Node // the function run as the task
			var ft *ast.FuncType
			switch a := ast.Unparen(call.Args[0]).(type) {
			case *ast.FuncLit:
				task, ft = a, a.Type
			default:
				// n.Go(s.run), n.Go(worker): a function of this package.
				if id := baseIdent(a); id != nil {
					if f, ok := c.info.Uses[id].(*types.Func); ok {
						if d := c.decls[f.Origin()]; d != nil && d.Body != nil && !slices.Contains(boundaries, ast.Node(d)) {
							task, ft = d, d.Type
						}
					}
				}
			}
			if task == nil {
				continue
			}
			if v := param(ft, 0); v != nil && isContextType(v.Type()) {
				e.vars[v] = &bound{boundary: task, desc: "the task's context " + v.Name()}
				boundaries = append(boundaries, task)
			}
		case isNurseryNew(fn):
			// A nursery this function makes and closes: its context must
			// not outlive the function.
			if v, f := c.closedLocally(cur, call); v != nil {
				e.blocks[v] = &bound{boundary: f, desc: "the nursery " + v.Name()}
				if !slices.Contains(boundaries, f) {
					boundaries = append(boundaries, f)
				}
			}
		case isNurseryRun(fn):
			i := 1
			if isFunc(fn, nurseryPath, "Main") {
				i = 0
			}
			if i >= len(call.Args) {
				continue
			}
			if lit, ok := ast.Unparen(call.Args[i]).(*ast.FuncLit); ok {
				if v := param(lit.Type, 0); v != nil && isNurseryPtr(v.Type()) {
					b := &bound{nursery: true, boundary: lit, desc: "the nursery " + v.Name()}
					e.vars[v] = b
					e.blocks[v] = b
					boundaries = append(boundaries, lit)
				}
			}
		}
	}
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && hasDirective(fd.Doc, "//twine:bundle") {
				if v := param(fd.Type, 0); v != nil && isContextType(v.Type()) {
					e.vars[v] = &bound{boundary: fd, desc: "the task's context " + v.Name()}
					boundaries = append(boundaries, fd)
				}
			}
		}
	}
	if len(boundaries) == 0 {
		return
	}
	e.propagate(boundaries)
	for _, b := range boundaries {
		e.sinks(b)
	}
}

// value returns the bound value that e evaluates to or contains.
func (e *escapes) value(x ast.Expr) *bound {
	c := e.c
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		if v, ok := c.info.Uses[x].(*types.Var); ok {
			return e.vars[v]
		}
	case *ast.UnaryExpr:
		return e.value(x.X)
	case *ast.CallExpr:
		fn := callee(c.info, x)
		switch {
		case isMethod(fn, nurseryPath, "Nursery", "Context"):
			if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
				if p := pathOf(c.info, sel.X); p.valid() && p.fields == "" {
					if b := e.blocks[p.root]; b != nil {
						return &bound{boundary: b.boundary, desc: "the nursery context " + c.text(x)}
					}
				}
			}
		case isContextDerive(fn) && len(x.Args) > 0:
			if b := e.value(x.Args[0]); b != nil && !b.nursery {
				return b
			}
		case isBuiltinCall(c.info, x, "append"):
			for _, a := range x.Args {
				if b := e.value(a); b != nil {
					return b
				}
			}
		}
	case *ast.CompositeLit:
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if b := e.value(el); b != nil {
				return b
			}
		}
	case *ast.FuncLit:
		// A closure that captures a bound value carries it.
		var found *bound
		ast.Inspect(x.Body, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := c.info.Uses[id].(*types.Var); ok && e.vars[v] != nil && !declaredIn(v, x) {
					found = e.vars[v]
				}
			}
			return true
		})
		return found
	}
	return nil
}

// propagate follows bound values into the local variables of their
// boundaries: v := ctx, ctx2, cancel := context.WithTimeout(ctx, d),
// req.ctx = ctx (req then contains it).
func (e *escapes) propagate(boundaries []ast.Node) {
	for changed := true; changed; {
		changed = false
		for _, b := range boundaries {
			ast.Inspect(funcBody(b), func(n ast.Node) bool {
				lhs, rhs := assignment(n)
				for i, l := range lhs {
					var r ast.Expr
					switch {
					case len(rhs) == len(lhs):
						r = rhs[i]
					case len(rhs) == 1 && i == 0:
						r = rhs[0]
					default:
						continue
					}
					bv := e.value(r)
					if bv == nil {
						continue
					}
					p := pathOf(e.c.info, l)
					if !p.valid() || !declaredIn(p.root, funcBody(bv.boundary)) || e.vars[p.root] != nil {
						continue
					}
					e.vars[p.root] = bv
					changed = true
				}
				return true
			})
		}
	}
}

// assignment returns the two sides of an assignment or var declaration.
func assignment(n ast.Node) (lhs, rhs []ast.Expr) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Lhs, n.Rhs
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
		return lhs, n.Values
	}
	return nil, nil
}

// sinks reports where bound values leave the boundary fn.
func (e *escapes) sinks(fn ast.Node) {
	c := e.c
	body := funcBody(fn)
	fnCur, ok := c.cursorOf(fn)
	if !ok {
		return
	}
	for cur := range fnCur.Preorder((*ast.AssignStmt)(nil), (*ast.SendStmt)(nil), (*ast.ReturnStmt)(nil), (*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			// time.AfterFunc runs its function later, on a goroutine of its
			// own that nothing joins.
			if isFunc(callee(c.info, n), "time", "AfterFunc") && len(n.Args) == 2 {
				if bv := e.value(n.Args[1]); bv != nil {
					e.report(n.Args[1], bv, "is used by a time.AfterFunc callback, which runs on a goroutine of its own that nothing joins")
				}
			}
		case *ast.AssignStmt:
			lhs, rhs := assignment(n)
			for i, l := range lhs {
				var r ast.Expr
				switch {
				case len(rhs) == len(lhs):
					r = rhs[i]
				case len(rhs) == 1 && i == 0:
					r = rhs[0] // s.ctx, s.cancel = context.WithCancel(ctx)
				default:
					continue // v, err := f(ctx): results, not the value
				}
				bv := e.value(r)
				if bv == nil {
					continue
				}
				if where, ok := e.outside(l, bv); ok {
					e.report(r, bv, "is stored in "+where)
				}
			}
		case *ast.SendStmt:
			if bv := e.value(n.Value); bv != nil {
				if p := pathOf(c.info, n.Chan); !p.valid() || !declaredIn(p.root, funcBody(bv.boundary)) {
					e.report(n.Value, bv, "is sent on the channel "+c.text(n.Chan))
				}
			}
		case *ast.ReturnStmt:
			if f := enclosingFunc(cur); !f.Valid() || f.Node() != fn {
				continue // a nested function returns it within the block
			}
			for _, r := range n.Results {
				if bv := e.value(r); bv != nil && bv.boundary == fn {
					e.report(r, bv, "is returned")
				}
			}
		case *ast.GoStmt:
			e.goCapture(cur, n, body)
		}
	}
}

// outside reports whether storing into l takes a value out of its
// boundary, and describes where to.
func (e *escapes) outside(l ast.Expr, bv *bound) (string, bool) {
	c := e.c
	p := pathOf(c.info, l)
	if !p.valid() {
		// m[k] = v, s[i] = v, f().x = v: look at the container.
		switch l := ast.Unparen(l).(type) {
		case *ast.IndexExpr:
			p = pathOf(c.info, l.X)
		case *ast.SelectorExpr:
			p = pathOf(c.info, l.X)
		}
		if !p.valid() {
			return c.text(l), true
		}
	}
	if declaredIn(p.root, funcBody(bv.boundary)) {
		return "", false // a local, or a local struct: followed by propagate
	}
	switch {
	case isGlobal(p.root) && p.fields == "":
		return "the package variable " + c.text(l), true
	case p.fields != "" || isPointer(p.root.Type()):
		return c.text(l), true
	default:
		return c.text(l) + ", declared outside it", true
	}
}

// goCapture reports a bound value captured by a goroutine that is not
// joined: it may run after the block is gone.
func (e *escapes) goCapture(cur inspector.Cursor, g *ast.GoStmt, body *ast.BlockStmt) {
	c := e.c
	var at ast.Expr
	var bv *bound
	ast.Inspect(g.Call, func(n ast.Node) bool {
		if at != nil {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := c.info.Uses[id].(*types.Var); ok {
				if b := e.vars[v]; b != nil && !declaredIn(v, g) {
					at, bv = id, b
				}
			}
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if b := e.value(call); b != nil {
				if _, isFunc := ast.Unparen(call.Fun).(*ast.FuncLit); !isFunc {
					at, bv = call, b
				}
			}
		}
		return true
	})
	if at == nil || !within(g, bv.boundary) {
		return
	}
	if j := c.joinOf(cur); !j.bare {
		return
	}
	e.report(at, bv, "is used by a goroutine that is not joined")
}

// within reports whether n lies inside outer.
func within(n, outer ast.Node) bool {
	return outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

// report emits one diagnostic per sink.
func (e *escapes) report(at ast.Expr, bv *bound, what string) {
	if e.done[at] {
		return
	}
	e.done[at] = true
	if bv.nursery {
		e.c.report(ruleScopeleak, at, nil,
			"%s %s, so it can outlive %s: Run closes it when the body returns and later n.Go calls panic; pass it down calls only, or own a nursery with nursery.New and Close it",
			bv.desc, what, bv.outlives())
		return
	}
	e.c.report(ruleCtxescape, at, nil,
		"%s %s, so it can outlive %s, which cancels it when it ends: pass the context down calls only, %s",
		bv.desc, what, bv.outlives(), ctxInstead(what))
}

func ctxInstead(what string) string {
	switch {
	case what == "is used by a goroutine that is not joined":
		return "and start the goroutine with n.Go"
	case strings.HasPrefix(what, "is used by a time.AfterFunc callback"):
		return "and wait for the timer in a task (select on time.After and ctx.Done())"
	}
	return "and give a longer-lived owner a context of its own"
}

// closedLocally returns the local variable that keeps the nursery made by
// call, and the function declaring it, when that function closes (or waits
// for) the nursery and never hands it on.
func (c *checker) closedLocally(cur inspector.Cursor, call *ast.CallExpr) (*types.Var, ast.Node) {
	fnCur := enclosingFunc(cur)
	if !fnCur.Valid() {
		return nil, nil
	}
	fn := fnCur.Node()
	lhs, rhs := assignment(cur.Parent().Node())
	if len(lhs) != 1 || len(rhs) != 1 || ast.Unparen(rhs[0]) != call {
		return nil, nil
	}
	p := pathOf(c.info, lhs[0])
	if !p.valid() || p.fields != "" || !declaredIn(p.root, funcBody(fn)) {
		return nil, nil
	}
	closed, handed := false, false
	c.eachRef(funcBody(fn), func(r ref) {
		if r.path.root != p.root || r.path.fields != "" {
			return
		}
		switch r.kind {
		case useMethod:
			closed = closed || isMethod(r.method, nurseryPath, "Nursery", "Close", "Wait")
		case useValue, useGoArg:
			handed = true
		}
	})
	if !closed || handed {
		return nil, nil
	}
	return p.root, fn
}
