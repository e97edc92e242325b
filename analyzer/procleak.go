package analyzer

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
)

// checkProcleak reports (*exec.Cmd).Start on a command that is not waited
// for on every path: the child is never reaped, and may outlive the
// function. A command that is handed on (returned, stored, passed to a
// function such as proc.Start or a helper that waits) is its new owner's
// business; so is a command that is not a local variable.
func (c *checker) checkProcleak() {
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		if !isMethod(callee(c.info, call), "os/exec", "Cmd", "Start") {
			continue
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		fnCur := enclosingFunc(cur)
		if !fnCur.Valid() {
			continue
		}
		fn := fnCur.Node()
		p := pathOf(c.info, sel.X)
		if !p.valid() {
			if _, isCall := ast.Unparen(sel.X).(*ast.CallExpr); isCall {
				c.report(ruleProcleak, call, nil,
					"process started by %s can never be waited for, so it is never reaped: keep the *exec.Cmd and call its Wait method, or use cmd.Run or proc.Run",
					c.text(call))
			}
			continue
		}
		if p.fields != "" || !declaredIn(p.root, funcBody(fn)) {
			continue // a field, a parameter, an outer variable: someone else waits
		}
		if c.startedBefore(fn, call, p) {
			continue // a second Start only fails ("already started")
		}
		if c.storedBefore(p.root, fn, call) {
			continue // p.cmd = cmd before cmd.Start(): whoever keeps it waits (p.Close)
		}
		c.checkStarted(cur, fn, call, p.root)
	}
	c.checkHandedProcs()
	c.checkKeptProcs()
}

// checkKeptProcs reports a process started and kept in an unexported
// field of a struct of the package (return &external{cmd: cmd} after
// cmd.Start(), or e.cmd.Start()) when nothing in the package waits for
// what that field holds: a Close that kills it leaves the child unreaped,
// a zombie, until the parent exits. Waiting is cmd.Wait(),
// cmd.Process.Wait() or Release(), Run, Output or CombinedOutput, or the
// field's value handed on (returned, passed, stored elsewhere).
func (c *checker) checkKeptProcs() {
	// The unexported *exec.Cmd fields of the package's named structs.
	fields := make(map[*types.Var]bool)
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for f := range st.Fields() {
				if !f.Exported() && isExecCmd(f.Type()) {
					fields[f] = true
				}
			}
		}
	}
	if len(fields) == 0 {
		return
	}
	waited := make(map[*types.Var]bool)
	isCmdField := func(v *types.Var) bool { return fields[v] }
	for cur := range c.preorder((*ast.SelectorExpr)(nil)) {
		sel := cur.Node().(*ast.SelectorExpr)
		s, ok := c.info.Selections[sel]
		if !ok || s.Kind() != types.FieldVal {
			continue
		}
		f, _ := s.Obj().(*types.Var)
		if !isCmdField(f) || waited[f] {
			continue
		}
		use := cur.Parent()
		if up, ok := use.Node().(*ast.SelectorExpr); ok && up.X == sel && up.Sel.Name == "Process" {
			use = use.Parent() // e.cmd.Process.Wait()
		}
		switch up := use.Node().(type) {
		case *ast.SelectorExpr:
			switch up.Sel.Name {
			case "Wait", "Release", "Run", "Output", "CombinedOutput":
				waited[f] = true
			}
		case *ast.AssignStmt:
			if !slices.Contains(up.Lhs, ast.Expr(sel)) {
				waited[f] = true // cmd := e.cmd: handed on
			}
		case *ast.BinaryExpr, *ast.IfStmt, *ast.StarExpr:
			// e.cmd != nil: read, not handed on
		default:
			waited[f] = true // returned, passed on, sent
		}
	}
	report := func(call *ast.CallExpr, f *types.Var, name string) {
		c.report(ruleProcleak, call, nil,
			"process started by %s.Start() is kept in the field %s, which nothing in the package waits for: killing it leaves the child unreaped (a zombie) until this process exits; call Wait on it after stopping it, or start it with proc.Start so a nursery owns it",
			name, f.Name())
	}
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		if !isMethod(callee(c.info, call), "os/exec", "Cmd", "Start") {
			continue
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		fnCur := enclosingFunc(cur)
		if !ok || !fnCur.Valid() {
			continue
		}
		if inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok {
			if s, ok := c.info.Selections[inner]; ok && s.Kind() == types.FieldVal {
				if f, _ := s.Obj().(*types.Var); isCmdField(f) && !waited[f] {
					report(call, f, c.text(sel.X)) // e.cmd.Start()
				}
			}
			continue
		}
		p := pathOf(c.info, sel.X)
		if !p.valid() || p.fields != "" || !declaredIn(p.root, funcBody(fnCur.Node())) {
			continue
		}
		// cmd.Start(), then &external{cmd: cmd} or e.cmd = cmd.
		var kept *types.Var
		ast.Inspect(funcBody(fnCur.Node()), func(n ast.Node) bool {
			if kept != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && c.isVar(p.root)(ast.Unparen(n.Value)) {
					if f, _ := c.info.Uses[id].(*types.Var); isCmdField(f) {
						kept = f
					}
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if i < len(n.Rhs) && len(n.Lhs) == len(n.Rhs) && c.isVar(p.root)(ast.Unparen(n.Rhs[i])) {
						if ls, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
							if s, ok := c.info.Selections[ls]; ok && s.Kind() == types.FieldVal {
								if f, _ := s.Obj().(*types.Var); isCmdField(f) {
									kept = f
								}
							}
						}
					}
				}
			}
			return true
		})
		if kept != nil && !waited[kept] {
			report(call, kept, p.root.Name())
		}
	}
}

// isExecCmd reports whether t is *exec.Cmd.
func isExecCmd(t types.Type) bool {
	pt, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(pt.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "os/exec" && n.Obj().Name() == "Cmd"
}

// checkStarted follows the started command cmd from its Start call to every
// return.
func (c *checker) checkStarted(cur inspector.Cursor, fn ast.Node, call *ast.CallExpr, cmd *types.Var) {
	// The statement holding the call, and the error it returns.
	var stmt ast.Node = call
	isErr := func(e ast.Expr) bool { return e == call }
	if as, ok := cur.Parent().Node().(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
		stmt = as
		if v := pathOf(c.info, as.Lhs[0]); v.valid() && v.fields == "" {
			isErr = c.isVar(v.root)
		}
	}
	used := c.waitsFor(cmd)
	// return cmd.Process, cmd.Start(): handed on in the statement that
	// starts it.
	if ret, ok := cur.Parent().Node().(*ast.ReturnStmt); ok && used(&ast.ReturnStmt{Results: slices.DeleteFunc(slices.Clone(ret.Results), func(e ast.Expr) bool { return e == call })}) {
		return
	}
	if where, left := c.unwaited(fn, stmt, isErr, cmd); left {
		name := cmd.Name()
		c.report(ruleProcleak, call, nil,
			"process started by %s.Start() is not waited for on every path: %s leaves the child unreaped and running; call %s.Wait(), or start it with proc.Start so a nursery owns it",
			name, where, name)
	}
}

// waitsFor returns whether a node waits for the process of cmd or hands
// it on: cmd.Wait(), cmd.Process.Wait() or Release(), or cmd (or its
// Process) returned, stored or passed on.
func (c *checker) waitsFor(cmd *types.Var) func(ast.Node) bool {
	return func(n ast.Node) bool {
		found := false
		c.eachRef(n, func(r ref) {
			if found || r.path.root != cmd {
				return
			}
			switch r.path.fields {
			case "":
				switch r.kind {
				case useMethod:
					found = r.method.Name() == "Wait" || r.method.Name() == "Release" // an *os.Process handed on
				case useValue, useGoArg, useRuntimeArg:
					found = true // returned, stored, passed on: handed on
				}
			case ".Process":
				switch r.kind {
				case useMethod:
					found = r.method.Name() == "Wait" || r.method.Name() == "Release"
				case useValue, useGoArg:
					found = true
				}
			}
		})
		return found
	}
}

// unwaited reports whether some path of fn from stmt, where the process
// held by cmd runs, returns without waiting for it or handing it on
// (waitsFor), and describes that return. Paths where isErr is not nil
// (the start failed) have nothing to wait for.
func (c *checker) unwaited(fn, stmt ast.Node, isErr func(ast.Expr) bool, cmd *types.Var) (string, bool) {
	used := c.waitsFor(cmd)
	if deferredBefore(c.info, funcBody(fn), stmt, used) {
		return "", false
	}
	ret := flowQuery{g: c.cfgOf(fn), from: stmt, used: used, isErr: isErr}.leak()
	if ret == nil {
		return "", false
	}
	return c.returnDesc(ret, fn), true
}

// isVar returns whether an expression is an identifier that uses v.
func (c *checker) isVar(v *types.Var) func(ast.Expr) bool {
	return func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && c.info.Uses[id] == v
	}
}

// A function that starts a process and returns it hands its wait on:
// func spawn(ctx) (*exec.Cmd, error) { cmd := exec.CommandContext(...);
// if err := cmd.Start(); err != nil { return nil, err }; return cmd, nil }.
// Its callers must wait for the result on every path, or hand it on in
// turn; a caller that drops it (_, or the call as a statement) leaves the
// child unreaped, and os/exec's goroutine watching the context with it.

// startedResults returns the results by which fn hands on a process it
// started: a local command (or named result) it calls Start on, returned
// (or its Process) as that result by a return after the Start, also a
// bare one. From a fact for a function
// of another package.
func (c *checker) startedResults(fn *types.Func) []int {
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		if s := c.calleeSummary(fn); s != nil {
			return s.procs
		}
		return nil
	}
	decl := c.decls[fn]
	if decl == nil || decl.Body == nil {
		return nil
	}
	if r, ok := c.procResults[fn]; ok {
		return r
	}
	if c.procResults == nil {
		c.procResults = make(map[*types.Func][]int)
	}
	var out []int
	var starts []ast.Node // the Start calls on locals, and their commands
	var cmds []*types.Var
	var namedResults []ast.Expr
	if decl.Type.Results != nil {
		for _, f := range decl.Type.Results.List {
			for _, id := range f.Names {
				namedResults = append(namedResults, id)
			}
		}
	}
	named := func(v *types.Var) bool { return decl.Type.Results != nil && declaredIn(v, decl.Type.Results) }
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if !isMethod(callee(c.info, n), "os/exec", "Cmd", "Start") {
				return true
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if p := pathOf(c.info, sel.X); p.valid() && p.fields == "" && (declaredIn(p.root, decl.Body) || named(p.root)) {
					starts, cmds = append(starts, n), append(cmds, p.root)
				}
			}
		case *ast.ReturnStmt:
			results := n.Results
			if len(results) == 0 {
				results = namedResults // a bare return of (..., cmd *exec.Cmd)
			}
			for i, r := range results {
				p := pathOf(c.info, r)
				if p.fields != "" && p.fields != ".Process" {
					continue
				}
				for k, cmd := range cmds {
					if p.root == cmd && starts[k].Pos() < n.Pos() && !slices.Contains(out, i) {
						out = append(out, i)
					}
				}
			}
		}
		return true
	})
	for _, cmd := range cmds {
		if !c.onlyReturned(decl.Body, cmd) {
			out = nil // it waits itself, or gives the command to code that may
		}
	}
	slices.Sort(out)
	c.procResults[fn] = out
	return out
}

// onlyReturned reports whether body uses the command cmd, or its Process,
// as a value only in return statements, and never waits for it or
// releases it: go cmd.Wait() before return cmd leaves the caller nothing
// to wait for (a second Wait fails).
func (c *checker) onlyReturned(body *ast.BlockStmt, cmd *types.Var) bool {
	ok := true
	c.eachRef(body, func(r ref) {
		if r.path.root != cmd || r.path.fields != "" && r.path.fields != ".Process" {
			return
		}
		switch r.kind {
		case useMethod:
			if n := r.method.Name(); n == "Wait" || n == "Release" {
				ok = false
			}
		case useValue, useGoArg, useRuntimeArg:
			if _, ret := r.parent.(*ast.ReturnStmt); !ret {
				ok = false
			}
		}
	})
	return ok
}

// checkHandedProcs reports the calls of functions that hand on a process
// they started (startedResults) whose caller drops it, or does not wait
// for it on every path.
func (c *checker) checkHandedProcs() {
	for _, pc := range c.packageCalls() {
		if pc.fn == nil || pc.fn.Pkg() == nil || pc.fn.Pkg().Path() == "os/exec" {
			continue
		}
		procs := c.startedResults(pc.fn)
		if len(procs) == 0 {
			continue
		}
		fnCur := enclosingFunc(pc.cur)
		if !fnCur.Valid() {
			continue
		}
		call := pc.cur.Node().(*ast.CallExpr)
		name := qualifiedName(pc.fn, c.pass.Pkg)
		var lhs []ast.Expr
		var stmt ast.Node
		switch p := pc.cur.Parent().Node().(type) {
		case *ast.ExprStmt:
			c.report(ruleProcleak, call, nil,
				"the process %s starts and returns is dropped, so it is never waited for and never reaped: keep it and call its Wait method on every path, or start it with proc.Start so a nursery owns it",
				name)
			continue
		case *ast.AssignStmt:
			if len(p.Rhs) != 1 {
				continue
			}
			lhs, stmt = p.Lhs, p
		case *ast.ValueSpec:
			if len(p.Values) != 1 {
				continue
			}
			for _, id := range p.Names {
				lhs = append(lhs, id)
			}
			stmt = p
		default:
			continue // returned, passed on: handed on again
		}
		// The error the call returns: where it is not nil, there is no
		// process.
		isErr := func(ast.Expr) bool { return false }
		if last := lhs[len(lhs)-1]; isErrorType(c.typeOf(last)) {
			if v := pathOf(c.info, last); v.valid() && v.fields == "" {
				isErr = c.isVar(v.root)
			}
		}
		for _, i := range procs {
			if i >= len(lhs) {
				continue
			}
			if id, ok := ast.Unparen(lhs[i]).(*ast.Ident); ok && id.Name == "_" {
				c.report(ruleProcleak, call, nil,
					"the process %s starts and returns (its result %d) is dropped, so it is never waited for and never reaped: keep it and call its Wait method on every path, or start it with proc.Start so a nursery owns it",
					name, i+1)
				continue
			}
			p := pathOf(c.info, lhs[i])
			if !p.valid() || p.fields != "" || !declaredIn(p.root, funcBody(fnCur.Node())) {
				continue // a field, a parameter, an outer variable: someone else waits
			}
			if where, left := c.unwaited(fnCur.Node(), stmt, isErr, p.root); left {
				c.report(ruleProcleak, call, nil,
					"the process %s starts and returns in %s is not waited for on every path: %s leaves the child unreaped; call %s.Wait(), or start it with proc.Start so a nursery owns it",
					name, p.root.Name(), where, p.root.Name())
			}
		}
	}
}

// startedBefore reports whether fn calls Start on the command p before call.
func (c *checker) startedBefore(fn ast.Node, call *ast.CallExpr, p path) bool {
	found := false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		if found || n == nil || n.Pos() >= call.Pos() {
			return false
		}
		if other, ok := n.(*ast.CallExpr); ok && isMethod(callee(c.info, other), "os/exec", "Cmd", "Start") {
			if sel, ok := ast.Unparen(other.Fun).(*ast.SelectorExpr); ok && pathOf(c.info, sel.X).equal(p) {
				found = true
			}
		}
		return true
	})
	return found
}
