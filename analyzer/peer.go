package analyzer

import (
	"go/ast"
	"go/types"
)

// A test's fake server serves each connection it accepts on a goroutine
// of its own (go s.serve(c) after c, err := ln.Accept(), or on the server
// end of a net.Pipe whose other end it hands to the code under test).
// That goroutine waits only on I/O on its connection: it ends when the
// peer, the client under test, closes its end, which the test does. The
// other way round, a test's client that dials the server under test on a
// goroutine of its own (c, err := net.Dial("tcp", addr) inside it) and
// waits only on I/O on that connection ends when it hangs up or when the
// server, shut down, closes its end.

// servesPeer reports whether the goroutine of g, started in fn in a test
// file, waits on nothing but I/O on connections fn got from a listener's
// Accept or from net.Pipe, or that a literal dials itself, calls no
// function value the pass cannot read,
// and does not use the test (which must not be used once it has ended).
func (c *checker) servesPeer(g *ast.GoStmt, fn ast.Node) bool {
	if c.usesTest(g) {
		return false // t.Error after the test has completed panics
	}
	w := c.goWalk(g, fn)
	if w.unread || w.opaque || len(w.blocks) == 0 {
		return false
	}
	lit, _ := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	for _, b := range w.blocks {
		served := false
		for _, a := range b.alts {
			if lit != nil && a.kind == altIO && a.p.fields == "" && c.dialedConn(a.p.root, lit) {
				served = true
				continue
			}
			p, ok := a.p, true
			if lit != nil {
				p, ok = c.litArgPath(g, p)
			}
			if ok && a.kind == altIO && p.fields == "" && c.peerConn(p.root, fn) {
				served = true
			}
		}
		if !served {
			return false
		}
	}
	return true
}

// peerConn reports whether fn assigns the variable v only from a
// listener's Accept() or from net.Pipe().
func (c *checker) peerConn(v *types.Var, fn ast.Node) bool {
	body := funcBody(fn)
	if body == nil || !declaredIn(v, body) {
		return false
	}
	return c.onlyAssigned(body, v, func(_, rhs []ast.Expr, _ int) bool {
		call, ok := ast.Unparen(at(rhs, 0, 1)).(*ast.CallExpr)
		if !ok {
			return false
		}
		f := callee(c.info, call)
		return f != nil && (isFunc(f, "net", "Pipe") || f.Name() == "Accept" && f.Type().(*types.Signature).Recv() != nil)
	})
}

// dialedConn reports whether the literal lit declares v and assigns it only
// from a dial: net.Dial, net.DialTimeout, a net.Dialer's or tls.Dialer's
// Dial or DialContext, tls.Dial.
func (c *checker) dialedConn(v *types.Var, lit *ast.FuncLit) bool {
	if !declaredIn(v, lit.Body) {
		return false
	}
	return c.onlyAssigned(lit.Body, v, func(_, rhs []ast.Expr, _ int) bool {
		call, ok := ast.Unparen(at(rhs, 0, 1)).(*ast.CallExpr)
		if !ok {
			return false
		}
		f := callee(c.info, call)
		return isFunc(f, "net", "Dial", "DialTimeout") || isFunc(f, "crypto/tls", "Dial", "DialWithDialer") ||
			isMethod(f, "net", "Dialer", "Dial", "DialContext") || isMethod(f, "crypto/tls", "Dialer", "Dial", "DialContext")
	})
}
