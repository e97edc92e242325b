package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// goFix returns the name of a nursery the goroutine of g can be handed to,
// and a fix that does so:
//
//	go f(x)            =>  { x := x; n.Go(func(context.Context) error { f(x); return nil }) }
//	go func() { ... }() =>  n.Go(func(context.Context) error { ...; return nil })
//
// The arguments are bound before n.Go, so they are evaluated where the go
// statement evaluated them; constants and variables that are never
// reassigned need no binding. No fix is offered when a nursery is not
// certainly open at g, when the context package cannot be named at g, or
// when the rewrite could change what the code means.
func (c *checker) goFix(cur inspector.Cursor, g *ast.GoStmt) (string, []analysis.SuggestedFix) {
	n := c.nurseryAt(cur, g)
	if n == "" {
		return "", nil
	}
	file := c.fileOf(g.Pos())
	if file == nil {
		return n, nil
	}
	ctxName, importEdit, ok := c.contextName(file, g.Pos())
	if !ok {
		return n, nil
	}
	ind := c.indent(g.Pos())
	task := n + ".Go(func(" + ctxName + ".Context) error {"

	var text string
	if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		text, ok = c.litTask(lit, g.Call, task, ind)
		if !ok {
			return n, nil
		}
	} else {
		text, ok = c.callTask(cur, g, task, ind)
		if !ok {
			return n, nil
		}
	}
	edits := []analysis.TextEdit{{Pos: g.Pos(), End: g.End(), NewText: []byte(text)}}
	if importEdit != nil {
		edits = append(edits, *importEdit)
	}
	return n, []analysis.SuggestedFix{{
		Message:   "start the goroutine with " + n + ".Go",
		TextEdits: edits,
	}}
}

// nurseryAt returns the name of a *nursery.Nursery variable that is open
// whenever g runs: a nursery declared (as a parameter or local) by the
// function around g, or the nursery of the task g runs in.
func (c *checker) nurseryAt(cur inspector.Cursor, g *ast.GoStmt) string {
	fnCur := enclosingFunc(cur)
	if !fnCur.Valid() {
		return ""
	}
	fn := fnCur.Node()
	ft := funcType(fn)
	scope := c.pass.Pkg.Scope().Innermost(g.Pos())
	fnScope := c.info.Scopes[ft]
	if scope == nil || fnScope == nil {
		return ""
	}
	for s := scope; s != nil && s != c.pass.Pkg.Scope(); s = s.Parent() {
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || name == "_" || !isNurseryPtr(v.Type()) || v.Pos() >= g.Pos() {
				continue
			}
			if _, obj := scope.LookupParent(name, g.Pos()); obj != v {
				continue
			}
			return name
		}
		if s == fnScope {
			break
		}
	}
	// g runs in a task: n.Go(func(ctx context.Context) error { go f() }).
	if lit, ok := fn.(*ast.FuncLit); ok {
		if call, ok := fnCur.Parent().Node().(*ast.CallExpr); ok && len(call.Args) > 0 && call.Args[0] == lit &&
			isNurserySpawn(callee(c.info, call)) {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
					if _, obj := scope.LookupParent(id.Name, g.Pos()); obj != nil && obj == c.info.Uses[id] {
						return id.Name
					}
				}
			}
		}
	}
	return ""
}

// fileOf returns the syntax tree of the file holding pos.
func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// contextName returns how the context package is named at pos in file, and
// an edit that imports it when the file does not.
func (c *checker) contextName(file *ast.File, pos token.Pos) (string, *analysis.TextEdit, bool) {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return "", nil, false
	}
	for _, imp := range file.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err != nil || p != "context" {
			continue
		}
		name := "context"
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "_" || name == "." {
			continue
		}
		if _, obj := scope.LookupParent(name, pos); obj != nil {
			if pn, ok := obj.(*types.PkgName); ok && pn.Imported().Path() == "context" {
				return name, nil, true
			}
		}
		return "", nil, false
	}
	if _, obj := scope.LookupParent("context", pos); obj != nil {
		return "", nil, false // something else is called context here
	}
	// Add the import: into a parenthesized import declaration if there is
	// one, else as a declaration of its own after the package clause.
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			break
		}
		if gd.Lparen.IsValid() {
			return "context", &analysis.TextEdit{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t\"context\"")}, true
		}
	}
	at := file.Name.End()
	return "context", &analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n\nimport \"context\"")}, true
}

// indent returns the leading blanks of the line holding pos.
func (c *checker) indent(pos token.Pos) string {
	tf := c.pass.Fset.File(pos)
	if tf == nil {
		return ""
	}
	s, ok := c.source(tf.LineStart(tf.Line(pos)), pos)
	if !ok || strings.TrimLeft(s, " \t") != "" {
		return ""
	}
	return s
}

// litTask rewrites `go func(params) { body }(args)` into a task.
func (c *checker) litTask(lit *ast.FuncLit, call *ast.CallExpr, task, ind string) (string, bool) {
	if lit.Type.Results != nil && len(lit.Type.Results.List) > 0 {
		return "", false // its results were discarded; a task returns error
	}
	body, ok := c.bodyWithReturnNil(lit.Body)
	if !ok {
		return "", false
	}
	tail := ""
	if !isTerminating(lit.Body) {
		tail = "\n" + ind + "\treturn nil"
	}
	params := lit.Type.Params.List
	if len(params) == 0 {
		return task + body + tail + "\n" + ind + "})", true
	}
	// Bind the arguments to the parameters first: var a, b T = x, y.
	if call.Ellipsis.IsValid() {
		return "", false
	}
	var b strings.Builder
	b.WriteString("{\n")
	arg := 0
	for _, field := range params {
		if _, ok := field.Type.(*ast.Ellipsis); ok || len(field.Names) == 0 {
			return "", false
		}
		typ, ok := c.source(field.Type.Pos(), field.Type.End())
		if !ok {
			return "", false
		}
		var names, values []string
		for _, id := range field.Names {
			if arg >= len(call.Args) {
				return "", false
			}
			v, ok := c.source(call.Args[arg].Pos(), call.Args[arg].End())
			if !ok {
				return "", false
			}
			name := id.Name
			if !c.usedIn(id, lit.Body) {
				name = "_" // a variable must be used; the argument is still evaluated
			}
			names = append(names, name)
			values = append(values, v)
			arg++
		}
		b.WriteString(ind + "\tvar " + strings.Join(names, ", ") + " " + typ + " = " + strings.Join(values, ", ") + "\n")
	}
	if arg != len(call.Args) {
		return "", false
	}
	b.WriteString(ind + "\t" + task + body + tail + "\n" + ind + "\t})\n" + ind + "}")
	return b.String(), true
}

// bodyWithReturnNil returns the source between the braces of body, with
// each bare return of the function (not of nested literals) made to return
// nil.
func (c *checker) bodyWithReturnNil(body *ast.BlockStmt) (string, bool) {
	var rets []*ast.ReturnStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				rets = append(rets, n)
			}
		}
		return true
	})
	var b strings.Builder
	pos := body.Lbrace + 1
	for _, r := range rets {
		s, ok := c.source(pos, r.End())
		if !ok {
			return "", false
		}
		b.WriteString(s + " nil")
		pos = r.End()
	}
	s, ok := c.source(pos, body.Rbrace)
	if !ok {
		return "", false
	}
	b.WriteString(strings.TrimRight(s, " \t\n"))
	return b.String(), true
}

// callTask rewrites `go f(args)` into a task, binding what must be
// evaluated now.
func (c *checker) callTask(cur inspector.Cursor, g *ast.GoStmt, task, ind string) (string, bool) {
	call := g.Call
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsBuiltin() {
		return "", false
	}
	scope := c.pass.Pkg.Scope().Innermost(g.Pos())
	if scope == nil {
		return "", false
	}
	stable := c.stableVars(cur, g)
	taken := make(map[string]bool)
	boundVars := make(map[types.Object]string)
	var names, values []string
	bind := func(e ast.Expr, base string) (string, bool) {
		var v types.Object
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			v = c.info.Uses[id]
			if name, ok := boundVars[v]; ok {
				return name, true // go f(x, x): bind x once
			}
		}
		src, ok := c.source(e.Pos(), e.End())
		if !ok {
			return "", false
		}
		name := base
		if id, ok := ast.Unparen(e).(*ast.Ident); !ok || id.Name != base {
			name = freshName(scope, g.Pos(), base, taken)
		}
		taken[name] = true
		if v != nil {
			boundVars[v] = name
		}
		names = append(names, name)
		values = append(values, src)
		return name, true
	}

	// The function value: a declared function needs no binding; a method
	// value binds its receiver, a func variable itself.
	fun := ast.Unparen(call.Fun)
	funText, ok := c.source(fun.Pos(), fun.End())
	if !ok {
		return "", false
	}
	switch f := fun.(type) {
	case *ast.Ident, *ast.IndexExpr, *ast.IndexListExpr:
		if _, isFunc := c.info.Uses[baseIdent(f)].(*types.Func); !isFunc && !c.stableExpr(f, stable) {
			if funText, ok = bind(f, "fn"); !ok {
				return "", false
			}
		}
	case *ast.SelectorExpr:
		sel, isSel := c.info.Selections[f]
		_, isFunc := c.info.Uses[f.Sel].(*types.Func)
		switch {
		case isSel && sel.Kind() == types.MethodVal && c.stableExpr(f.X, stable):
			// x.m with x never reassigned: x.m later is x.m now.
		case !isSel && isFunc:
			// pkg.F
		default:
			if funText, ok = bind(f, f.Sel.Name); !ok {
				return "", false
			}
		}
	default:
		if funText, ok = bind(f, "fn"); !ok {
			return "", false
		}
	}

	var args []string
	for _, a := range call.Args {
		tv := c.info.Types[a]
		if untypedBool(a) && !types.Identical(tv.Type, types.Typ[types.Bool]) {
			return "", false // bound with :=, an untyped bool would become bool
		}
		if tv.Value != nil || tv.IsNil() || c.stableExpr(a, stable) {
			s, ok := c.source(a.Pos(), a.End())
			if !ok {
				return "", false
			}
			args = append(args, s)
			continue
		}
		name, ok := bind(a, argBase(a))
		if !ok {
			return "", false
		}
		args = append(args, name)
	}
	ell := ""
	if call.Ellipsis.IsValid() {
		ell = "..."
	}
	stmt := funText + "(" + strings.Join(args, ", ") + ell + ")"
	if len(names) == 0 {
		return task + "\n" + ind + "\t" + stmt + "\n" + ind + "\treturn nil\n" + ind + "})", true
	}
	return "{\n" + ind + "\t" + strings.Join(names, ", ") + " := " + strings.Join(values, ", ") + "\n" +
		ind + "\t" + task + "\n" + ind + "\t\t" + stmt + "\n" + ind + "\t\treturn nil\n" + ind + "\t})\n" + ind + "}", true
}

// baseIdent returns the identifier of f or f[T].
func baseIdent(e ast.Expr) *ast.Ident {
	switch e := e.(type) {
	case *ast.Ident:
		return e
	case *ast.IndexExpr:
		return baseIdent(e.X)
	case *ast.IndexListExpr:
		return baseIdent(e.X)
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

// argBase is the name a bound argument is given: the variable's own name,
// or the selected field's.
func argBase(e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.IndexExpr:
		// conns[i] => conn
		if id, ok := ast.Unparen(e.X).(*ast.Ident); ok {
			if n := id.Name; len(n) > 2 && strings.HasSuffix(n, "s") && !strings.HasSuffix(n, "ss") {
				return n[:len(n)-1]
			}
		}
	}
	return "arg"
}

// freshName returns base, or base followed by a number, that names nothing
// visible at pos and is not taken.
func freshName(scope *types.Scope, pos token.Pos, base string, taken map[string]bool) string {
	for i := 0; ; i++ {
		name := base
		if i > 0 {
			name = base + strconv.Itoa(i)
		}
		if _, obj := scope.LookupParent(name, pos); obj == nil && !taken[name] && token.Lookup(name) == token.IDENT {
			return name
		}
	}
}

// stableExpr reports whether evaluating e later gives what evaluating it at
// the go statement gave: e names a variable in stable.
func (c *checker) stableExpr(e ast.Expr, stable map[*types.Var]bool) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	return ok && stable[v]
}

// stableVars returns the local variables of the declaration around cur that
// are never assigned after their declaration and whose address is never
// taken. Loop variables count only where each iteration has its own (Go
// 1.22 and later).
func (c *checker) stableVars(cur inspector.Cursor, g *ast.GoStmt) map[*types.Var]bool {
	var top ast.Node
	for d := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		top = d.Node()
	}
	if top == nil {
		return nil
	}
	perIteration := true
	if f := c.fileOf(g.Pos()); f != nil {
		v := c.info.FileVersions[f]
		if v == "" {
			v = c.pass.Pkg.GoVersion()
		}
		perIteration = v != "" && version.Compare(v, "go1.22") >= 0
	}
	stable := make(map[*types.Var]bool)
	unstable := make(map[*types.Var]bool)
	ast.Inspect(top, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, ok := c.info.Defs[n].(*types.Var); ok && !v.IsField() {
				stable[v] = true
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok {
					if v, ok := c.info.Uses[id].(*types.Var); ok {
						unstable[v] = true
					}
				}
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				if v, ok := c.info.Uses[id].(*types.Var); ok {
					unstable[v] = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if p := pathOf(c.info, n.X); p.valid() {
					unstable[p.root] = true
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok {
					if v, ok := c.info.Uses[id].(*types.Var); ok {
						unstable[v] = true
					} else if v, ok := c.info.Defs[id].(*types.Var); ok && !perIteration {
						unstable[v] = true
					}
				}
			}
		case *ast.ForStmt:
			if init, ok := n.Init.(*ast.AssignStmt); ok && !perIteration {
				for _, l := range init.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						if v, ok := c.info.Defs[id].(*types.Var); ok {
							unstable[v] = true
						}
					}
				}
			}
		}
		return true
	})
	for v := range unstable {
		delete(stable, v)
	}
	return stable
}

// isTerminating reports whether a statement list ends in a terminating
// statement (the Go spec's definition, for the cases that matter here), so
// that adding `return nil` after it would be unreachable.
func isTerminating(b *ast.BlockStmt) bool {
	if b == nil || len(b.List) == 0 {
		return false
	}
	return terminates(b.List[len(b.List)-1])
}

func terminates(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.GOTO
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	case *ast.BlockStmt:
		return isTerminating(s)
	case *ast.IfStmt:
		return s.Else != nil && isTerminating(s.Body) && terminates(s.Else)
	case *ast.ForStmt:
		return s.Cond == nil && !hasBreak(s.Body, nil)
	case *ast.LabeledStmt:
		if f, ok := s.Stmt.(*ast.ForStmt); ok {
			return f.Cond == nil && !hasBreak(f.Body, s.Label)
		}
		return terminates(s.Stmt)
	case *ast.SelectStmt:
		for _, cl := range s.Body.List {
			cc := cl.(*ast.CommClause)
			if len(cc.Body) == 0 || !terminates(cc.Body[len(cc.Body)-1]) || hasBreak(&ast.BlockStmt{List: cc.Body}, nil) {
				return false
			}
		}
		return true
	}
	return false
}

// hasBreak reports whether body has a break that leaves the enclosing loop:
// an unlabeled break outside nested loops, switches and selects, or a break
// to label.
func hasBreak(body *ast.BlockStmt, label *ast.Ident) bool {
	found := false
	var visit func(n ast.Node, nested bool)
	visit = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if m != n {
					visit(m, true)
					return false
				}
			case *ast.BranchStmt:
				if m.Tok == token.BREAK && (m.Label == nil && !nested || m.Label != nil && label != nil && m.Label.Name == label.Name) {
					found = true
				}
			}
			return true
		})
	}
	visit(body, false)
	return found
}

// untypedBool reports whether e is a comparison or logical expression, whose
// value is an untyped bool until it is assigned.
func untypedBool(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
			return true
		}
	case *ast.UnaryExpr:
		return e.Op == token.NOT
	}
	return false
}

// usedIn reports whether the variable declared by id is used in body.
func (c *checker) usedIn(id *ast.Ident, body ast.Node) bool {
	v := c.info.Defs[id]
	if v == nil {
		return false
	}
	used := false
	ast.Inspect(body, func(n ast.Node) bool {
		if x, ok := n.(*ast.Ident); ok && c.info.Uses[x] == v {
			used = true
		}
		return !used
	})
	return used
}
