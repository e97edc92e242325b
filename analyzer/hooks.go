package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// A value can be stopped by another it registers its stop with: a service
// made on a connection gives the connection a function that stops the
// service (c.OnClose(func() { s.Stop() })), the connection keeps it
// (c.hooks = append(c.hooks, f)) and its Close runs every function it
// keeps (for _, f := range hooks { f() }). Closing the connection then
// stops the service: a caller that closes what it passed owes no stop of
// the value it was given. The registration is the registry's
// (registry.go); running a registry's functions is an effCancel on its
// elements (callEffects).

// A hook is a registry of an argument (target as an obligation's: -1 the
// receiver, i >= 0 parameter i) below which a function stopping the value
// is kept: the path fields, ending in elems.
type hook struct {
	target int
	fields string
}

// stopHooks returns the registries of fn's parameters and receiver with
// which fd registers a function that stops the value o is on.
func (c *checker) stopHooks(fd *ast.FuncDecl, fn *types.Func, o obligation) []hook {
	v := c.valueAt(fd, fn, o)
	if !v.valid() || fd.Body == nil || len(o.methods) == 0 {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	var out []hook
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		to := typeutil.StaticCallee(c.info, call)
		if to == nil {
			return true
		}
		s := c.calleeSummary(to)
		if s == nil {
			return true
		}
		for _, r := range s.registers {
			if !strings.HasSuffix(r.to.fields, elems) || r.from.fields != "" {
				continue
			}
			arg := c.argFor(to, call, r.from.root)
			if arg == nil || !c.stopsValue(fd, ast.Unparen(arg), v, o) {
				continue
			}
			q, ok := c.bindPath(to, call, r.to)
			if !ok {
				continue
			}
			h := hook{target: paramIndex(sig, q.root), fields: q.fields}
			if sig.Recv() != nil && q.root == sig.Recv() {
				h.target = -1
			}
			if h.target == -1 && sig.Recv() == nil || h.target < -1 || slices.Contains(out, h) {
				continue
			}
			out = append(out, h)
		}
		return true
	})
	return out
}

// argFor returns the argument of call that the parameter v of fn (the
// callee, whose parameters may come from a fact) takes; nil for the
// receiver or a variadic tail.
func (c *checker) argFor(fn *types.Func, call *ast.CallExpr, v *types.Var) ast.Expr {
	sig := fn.Type().(*types.Signature)
	for i := range sig.Params().Len() {
		if prm := sig.Params().At(i); prm == v || prm.Pos() == v.Pos() && prm.Name() == v.Name() {
			if sig.Variadic() && i == sig.Params().Len()-1 || i >= len(call.Args) {
				return nil
			}
			return call.Args[i]
		}
	}
	return nil
}

// runsHook reports whether n runs the functions kept in one of o's hooks
// of the arguments of call (c.Close() ranging over c.hooks).
func (c *checker) runsHook(n ast.Node, call *ast.CallExpr, to *types.Func, o obligation) bool {
	for _, h := range o.hooks {
		e := c.obligationExpr(call, to, obligation{target: h.target})
		if e == nil {
			continue
		}
		hp := pathOf(c.info, e)
		if !hp.valid() {
			continue
		}
		hp.fields += h.fields
		if slices.ContainsFunc(c.effectsAt(n), func(e effect) bool { return e.kind == effCancel && e.p.equal(hp) }) {
			return true
		}
	}
	return false
}
