package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// spawnsFact marks a function that starts a goroutine that outlives it,
// directly or through the functions it calls. It is exported so that the
// spawns rule sees through calls into other packages under go vet, which
// analyzes one package at a time.
type spawnsFact struct {
	At  string // the go statement: "example.com/lib/poll.go:12"
	Via string // the callee through which the function spawns; "" when directly
}

func (*spawnsFact) AFact() {}

func (f *spawnsFact) String() string {
	if f.Via == "" {
		return "spawns(go statement at " + f.At + ")"
	}
	return "spawns(via " + f.Via + ", go statement at " + f.At + ")"
}

// spawnsFactOf returns the fact of fn, from this package or an import.
func (c *checker) spawnsFactOf(fn *types.Func) *spawnsFact {
	if fn == nil {
		return nil
	}
	if f, ok := c.spawns[fn]; ok {
		return f
	}
	if fn.Pkg() == c.pass.Pkg {
		return nil
	}
	f := new(spawnsFact)
	if c.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// exportSpawnFacts computes which functions of the package start a
// goroutine that outlives them: a bare go statement in their own body (not
// one documented with //twine:detached), or a call, in their own body, of a
// function that does. The standard library is left out: its goroutines are
// its own business (net/http's per-connection goroutines, time.AfterFunc).
func (c *checker) exportSpawnFacts() {
	if c.std || len(c.goStmts) == 0 && !c.importedSpawns {
		return // nothing here can spawn
	}
	type edge struct {
		from, to *types.Func
	}
	var order []*types.Func
	var edges []edge
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := c.info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			order = append(order, fn)
			for _, sc := range c.staticCalls(fd) {
				if sc.to != fn {
					edges = append(edges, edge{fn, sc.to})
				}
			}
		}
	}
	for _, cur := range c.goStmts {
		fnCur := enclosingFunc(cur)
		fd, ok := fnCur.Node().(*ast.FuncDecl)
		if !ok {
			continue
		}
		fn, ok := c.info.Defs[fd.Name].(*types.Func)
		if !ok || c.spawns[fn] != nil {
			continue
		}
		if j := c.joinOf(cur); j.bare && !j.detached {
			c.spawns[fn] = &spawnsFact{At: c.factPos(cur.Node())}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, e := range edges {
			if c.spawns[e.from] != nil {
				continue
			}
			if f := c.spawnsFactOf(e.to); f != nil {
				c.spawns[e.from] = &spawnsFact{At: f.At, Via: qualifiedName(e.to, c.pass.Pkg)}
				changed = true
			}
		}
	}
	for _, fn := range order {
		if f := c.spawns[fn]; f != nil {
			c.pass.ExportObjectFact(fn, f)
		}
	}
}

// shortPos names a position for a message: file base name and line.
func (c *checker) shortPos(n ast.Node) string {
	p := c.pass.Fset.Position(n.Pos())
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// factPos names a position for a fact: package path and file base name,
// so that it reads the same wherever the module is checked out.
func (c *checker) factPos(n ast.Node) string {
	p := c.pass.Fset.Position(n.Pos())
	return fmt.Sprintf("%s/%s:%d", c.pass.Pkg.Path(), filepath.Base(p.Filename), p.Line)
}

// A staticCall is a call a function makes itself, and the function it
// calls (typeutil.StaticCallee).
type staticCall struct {
	call *ast.CallExpr
	to   *types.Func
}

// staticCalls returns the calls the body of fd makes itself (eachOwnCall)
// whose callee is static, in the order of the source. The first call
// finds them for every function declaration of the package at once (see
// checker.ownCalls).
func (c *checker) staticCalls(fd *ast.FuncDecl) []staticCall {
	if c.ownCalls == nil {
		c.ownCalls = make(map[*ast.FuncDecl][]staticCall)
		for cur := range c.preorder((*ast.FuncDecl)(nil)) {
			d := cur.Node().(*ast.FuncDecl)
			if d.Body == nil {
				continue
			}
			var cs []staticCall
			add := func(call *ast.CallExpr) {
				if to := typeutil.StaticCallee(c.info, call); to != nil {
					cs = append(cs, staticCall{call, to})
				}
			}
			for body := range cur.Children() {
				if body.Node() != d.Body {
					continue
				}
				// eachOwnCall, by the inspector's events, which skip
				// the subtrees that hold none of these nodes.
				body.Inspect(ownCallNodes, func(k inspector.Cursor) bool {
					switch n := k.Node().(type) {
					case *ast.FuncLit:
						return false
					case *ast.GoStmt:
						for _, a := range n.Call.Args {
							eachOwnCall(a, add)
						}
						return false
					case *ast.CallExpr:
						add(n)
					}
					return true
				})
			}
			c.ownCalls[d] = cs
		}
	}
	return c.ownCalls[fd]
}

// ownCallNodes are the nodes eachOwnCall looks at.
var ownCallNodes = []ast.Node{(*ast.FuncLit)(nil), (*ast.GoStmt)(nil), (*ast.CallExpr)(nil)}

// eachOwnCall calls f for every call made by the function whose body is
// body itself: not the calls of nested function literals, nor the call a go
// statement starts in a new goroutine (its arguments are evaluated here,
// though).
func eachOwnCall(body ast.Node, f func(*ast.CallExpr)) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.GoStmt:
			for _, a := range n.Call.Args {
				eachOwnCall(a, f)
			}
			return false
		case *ast.CallExpr:
			f(n)
		}
		return true
	})
}

// taskBodies returns the bodies that run as nursery tasks: the function
// literals passed to (*Nursery).Go and Start, the bodies of nursery.Run,
// Config.Run and Main, and functions annotated //twine:bundle.
func (c *checker) taskBodies() []*ast.BlockStmt {
	var bodies []*ast.BlockStmt
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		fn := callee(c.info, call)
		var arg ast.Expr
		switch {
		case isNurserySpawn(fn) && len(call.Args) > 0:
			arg = call.Args[0]
		case isFunc(fn, nurseryPath, "Main") && len(call.Args) > 0:
			arg = call.Args[0]
		case isNurseryRun(fn) && len(call.Args) > 1:
			arg = call.Args[1]
		}
		if lit, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
			bodies = append(bodies, lit.Body)
		}
	}
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && hasDirective(fd.Doc, "//twine:bundle") {
				bodies = append(bodies, fd.Body)
			}
		}
	}
	return bodies
}

// hasDirective reports whether the raw comment list has a directive.
func hasDirective(doc *ast.CommentGroup, name string) bool {
	if doc == nil {
		return false
	}
	for _, cm := range doc.List {
		if rest, ok := strings.CutPrefix(cm.Text, name); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return true
		}
	}
	return false
}

// checkSpawns reports calls, made by a nursery task itself, of functions
// that start a goroutine that outlives them: that goroutine escapes the
// nursery, which can neither wait for it nor cancel it.
func (c *checker) checkSpawns() {
	for _, body := range c.taskBodies() {
		eachOwnCall(body, func(call *ast.CallExpr) {
			to := typeutil.StaticCallee(c.info, call)
			f := c.spawnsFactOf(to)
			if f == nil {
				return
			}
			name := qualifiedName(to, c.pass.Pkg)
			how := "go statement at " + f.At
			if f.Via != "" {
				how = "through " + f.Via + ", " + how
			}
			c.report(ruleSpawns, call, nil,
				"call to %s starts a goroutine that outlives this task (%s), so the nursery cannot wait for it: make %s join its goroutine, or start that work with n.Go",
				name, how, name)
		})
	}
}
