package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// This file finds a goroutine handed on to its caller that takes the
// caller's context and still waits, in some send, for nothing but a
// receiver. A lister that streams pages into the channel it returns,
// passing ctx to each fetch but not watching it where it sends, is
// stopped only by a caller that drains it to the end: one that stops
// reading when ctx is done, as a caller given a context does, leaves it
// blocked for ever on its send. Watching ctx is the stop it was given.

// unwatchedSend returns the block of the goroutine of j, handed on by its
// spawner, that sends and waits for nothing else, while the goroutine uses
// a context the spawner was given (ctx): a caller that leaves by ctx leaves
// it there. ctx is that parameter. nil when there is none.
func (c *checker) unwatchedSend(g *ast.GoStmt, j *goJoin) (*block, *types.Var) {
	ft := funcType(j.fn)
	if ft == nil || ft.Params == nil {
		return nil, nil
	}
	var ctx *types.Var
	for _, f := range ft.Params.List {
		for _, name := range f.Names {
			if v, ok := c.info.Defs[name].(*types.Var); ok && isContextType(v.Type()) && c.mentions(g, v) {
				ctx = v
			}
		}
	}
	if ctx == nil {
		return nil, nil
	}
	for i, b := range j.blocks {
		if b.inner || b.soft || b.given || b.partial || len(b.alts) == 0 {
			continue
		}
		if slices.ContainsFunc(b.alts, func(a alt) bool {
			return a.kind != altSend || !c.handedChan(a.p, j.fn) || !slices.ContainsFunc(j.keys, func(k joinKey) bool {
				return k.kind == keyChan && k.multi && k.p.equal(a.p) // a stream: more than one send
			})
		}) {
			continue
		}
		return &j.blocks[i], ctx
	}
	return nil, nil
}

// mentions reports whether the go statement g uses v (in its function's
// body or its arguments).
func (c *checker) mentions(g *ast.GoStmt, v *types.Var) bool {
	found := false
	ast.Inspect(g.Call, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// handedChan reports whether p, a channel a goroutine of fn sends on, is
// one fn makes and hands to its caller: a channel it returns, or a field
// of a value it makes and returns. (A channel it was given, or one of its
// receiver's, is its owner's protocol: drained by whoever made it.)
func (c *checker) handedChan(p path, fn ast.Node) bool {
	body := funcBody(fn)
	if body == nil || !p.valid() || !declaredIn(p.root, body) || strings.Count(p.fields, ".") > 1 {
		return false
	}
	return (p.fields == "" || c.ownedLocal(p.root, fn)) && c.returnsVar(body, p.root)
}

// returnsVar reports whether body returns the variable v itself.
func (c *checker) returnsVar(body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if ret, ok := n.(*ast.ReturnStmt); ok {
			for _, r := range ret.Results {
				if id, ok := ast.Unparen(r).(*ast.Ident); ok && c.info.Uses[id] == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
