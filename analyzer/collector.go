package analyzer

import (
	"go/ast"
	"go/types"
)

// A stop is not a join. A collector stopped by closing what it ranges
// over (go func() { for err := range errs { if first == nil { first = err
// } } }(); ...; close(errs); return first) is still running when the
// close returns: the function reads first before the collector's last
// write, races with it, and can lose the error. When a goroutine writes a
// variable of its spawner in a loop the stop ends, and the spawner reads
// that variable after the stop, the stop does not do: the goroutine must
// be joined (a done channel it closes as its last act) before the read.

// A lateRead is a read of a variable the goroutine writes, made after the
// statement that stops the goroutine.
type lateRead struct {
	v    *types.Var
	read *ast.Ident
	stop ast.Node
}

// readAfterStop returns the first read by the spawner of j, after a
// statement that stops the goroutine of g (j.stopBy), of a variable of
// the spawner's that the goroutine, a function literal, writes inside a
// loop of its own; nil when there is none, or the stop is deferred.
func (c *checker) readAfterStop(g *ast.GoStmt, j *goJoin) *lateRead {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	body := funcBody(j.fn)
	if !ok || body == nil || len(j.stopBy) == 0 {
		return nil
	}
	var stop ast.Node
	for _, a := range j.stopBy {
		if _, deferred := a.n.(*ast.DeferStmt); deferred || a.handed || !within(a.n, body) {
			return nil
		}
		if stop == nil || a.n.Pos() < stop.Pos() {
			stop = a.n
		}
	}
	// The spawner's variables the literal writes in a loop of its own.
	written := make(map[*types.Var]bool)
	var visit func(n ast.Node, loops int) bool
	visit = func(n ast.Node, loops int) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			ast.Inspect(loopBody(n), func(m ast.Node) bool {
				if m == nil {
					return false
				}
				return visit(m, loops+1)
			})
			return false
		case *ast.AssignStmt:
			if loops == 0 {
				return true
			}
			for _, l := range n.Lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok {
					continue
				}
				if v, ok := c.info.Uses[id].(*types.Var); ok && declaredIn(v, body) && !declaredIn(v, lit) {
					written[v] = true
				}
			}
		}
		return true
	}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		return visit(n, 0)
	})
	if len(written) == 0 {
		return nil
	}
	var late *lateRead
	ast.Inspect(body, func(n ast.Node) bool {
		if late != nil || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false // read elsewhere, later or not at all
		case *ast.AssignStmt:
			// The right side reads; a left side that is the variable
			// itself writes.
			for _, r := range n.Rhs {
				ast.Inspect(r, func(m ast.Node) bool { return c.lateIdent(m, stop, written, &late) })
			}
			for _, l := range n.Lhs {
				if _, plain := ast.Unparen(l).(*ast.Ident); !plain {
					ast.Inspect(l, func(m ast.Node) bool { return c.lateIdent(m, stop, written, &late) })
				}
			}
			return false
		}
		return c.lateIdent(n, stop, written, &late)
	})
	return late
}

// lateIdent records in late an identifier n that reads one of the written
// variables after stop; it returns whether to look further.
func (c *checker) lateIdent(n ast.Node, stop ast.Node, written map[*types.Var]bool, late **lateRead) bool {
	if *late != nil {
		return false
	}
	if _, lit := n.(*ast.FuncLit); lit {
		return false
	}
	id, ok := n.(*ast.Ident)
	if !ok || id.Pos() < stop.End() {
		return true
	}
	if v, ok := c.info.Uses[id].(*types.Var); ok && written[v] {
		*late = &lateRead{v: v, read: id, stop: stop}
	}
	return true
}

// A stop is not a join for a channel either. A goroutine stopped by
// cancelling its context (defer cancel()) that sends its result on a
// channel the spawner closes (defer close(errs)) may still be running
// when the close runs: its send then panics (send on closed channel),
// and takes the process down. A goroutine that is only stopped must be
// joined before the spawner closes what it sends on.

// A closedSend is a send of the goroutine on a channel of its spawner's
// that the spawner closes while the goroutine may still run.
type closedSend struct {
	ch    path
	send  *ast.SendStmt // in the goroutine's body
	close ast.Node      // the spawner's close(ch), or its defer
}

// sendAfterClose returns the first send of the goroutine of g on a
// channel local to its spawner that the spawner closes itself (close(ch),
// deferred or not, outside function literals and goroutines, on a path
// that also starts g); nil when there is none.
func (c *checker) sendAfterClose(g *ast.GoStmt, j *goJoin) *closedSend {
	body := funcBody(j.fn)
	gbody, bind := c.goBody(g, j.fn)
	if body == nil || gbody == nil {
		return nil
	}
	// A close after the goroutine was joined (wg.Wait(); close(errs)) is
	// made once its sends are.
	var joined func(ast.Node) bool
	if len(j.keys) > 0 {
		joined = c.joinQuery(j, g, c.cfgOf(j.fn), false).used
	}
	after := func(n ast.Node) bool {
		return joined != nil && precededBy(body, n, func(s ast.Stmt) bool { return s.Pos() > g.End() && joined(s) })
	}
	closes := make(map[*types.Var]ast.Node)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.DeferStmt:
			if v := c.closedLocal(n.Call, body); v != nil && closes[v] == nil && !exclusive(body, n, g) {
				closes[v] = n
			}
			return false
		case *ast.CallExpr:
			if v := c.closedLocal(n, body); v != nil && closes[v] == nil && !exclusive(body, n, g) && !after(n) {
				closes[v] = n // not close(done) in the else of the if that starts it, nor after wg.Wait()
			}
		}
		return true
	})
	if len(closes) == 0 {
		return nil
	}
	var found *closedSend
	ast.Inspect(gbody, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.SendStmt:
			if p, ok := bind(pathOf(c.info, n.Chan)); ok && p.fields == "" && closes[p.root] != nil {
				found = &closedSend{ch: p, send: n, close: closes[p.root]}
			}
		}
		return true
	})
	return found
}

// closedLocal returns the channel, a local of body with no fields, that
// call closes (close(errs)); nil otherwise.
func (c *checker) closedLocal(call *ast.CallExpr, body *ast.BlockStmt) *types.Var {
	if !isBuiltinCall(c.info, call, "close") || len(call.Args) != 1 {
		return nil
	}
	p := pathOf(c.info, call.Args[0])
	if !p.valid() || p.fields != "" || p.deref || !declaredIn(p.root, body) {
		return nil
	}
	return p.root
}
