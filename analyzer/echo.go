package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// An echo: a goroutine that relays what it is sent (for m := range in {
// out <- m }) waits in its send on out only until the spawner takes the
// reply. When every send of the spawner on in is followed at once by a
// receive from out, and nothing else uses either channel, each reply is
// taken before the spawner goes on: once the spawner has left, the relay
// waits only in its range over in, which a close of in ends. A ping-pong
// benchmark's echo server (chin <- nil; <-chout in the loop, defer
// close(chin)) is stopped by that close.

// dropEchoes leaves out the sends on a channel of fn that the goroutine
// of g makes as the echo of a receive, each answered by the spawner.
func (c *checker) dropEchoes(blocks []block, g *ast.GoStmt, fn ast.Node) []block {
	if g == nil {
		return blocks
	}
	return slices.DeleteFunc(blocks, func(b block) bool {
		if len(b.alts) != 1 || b.alts[0].kind != altSend {
			return false
		}
		return c.echoAnswered(g, fn, b.alts[0].p)
	})
}

// echoAnswered reports whether every send of the goroutine of g on out, a
// channel of fn's own, is the one send of an iteration of a range over
// another channel of fn's own, in, and fn answers each of its sends on in
// with a receive from out as the next statement, the two channels used by
// nothing else.
func (c *checker) echoAnswered(g *ast.GoStmt, fn ast.Node, out path) bool {
	if out.fields != "" || !c.localTo(out, fn) {
		return false
	}
	body, bind := c.goBody(g, fn)
	if body == nil {
		return false
	}
	var in path
	ok, sends := true, 0
	perRange := make(map[*ast.RangeStmt]int)
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.SendStmt:
			p, bound := bind(pathOf(c.info, n.Chan))
			if !bound || !p.equal(out) {
				return true
			}
			sends++
			r := echoRange(n, stack)
			if r != nil {
				perRange[r]++
			}
			if r == nil || perRange[r] > 1 {
				ok = false
				return false
			}
			from, bound := bind(c.chanPath(r.X))
			if !bound || from.fields != "" || from.equal(out) || !c.localTo(from, fn) || in.valid() && !in.equal(from) {
				ok = false
				return false
			}
			in = from
		}
		return true
	})
	if !ok || sends == 0 || !in.valid() {
		return false
	}
	return c.answersEach(fn, g, in.root, out.root)
}

// echoRange returns the range over a channel whose body sends s as one of
// its own statements, with no continue, goto or return before it. stack
// holds s's ancestors. (echoAnswered checks that it is the range's only
// send on its channel: one send for each value received.)
func echoRange(s *ast.SendStmt, stack []ast.Node) *ast.RangeStmt {
	if len(stack) < 2 {
		return nil
	}
	list, ok := stack[len(stack)-1].(*ast.BlockStmt)
	if !ok {
		return nil
	}
	r, ok := stack[len(stack)-2].(*ast.RangeStmt)
	if !ok || r.Body != list {
		return nil
	}
	for _, t := range list.List {
		if t == s {
			break
		}
		skips := false
		ast.Inspect(t, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BranchStmt:
				skips = skips || n.Tok == token.CONTINUE && n.Label == nil || n.Tok == token.GOTO
			case *ast.ReturnStmt:
				skips = true
			}
			return !skips
		})
		if skips {
			return nil
		}
	}
	return r
}

// answersEach reports whether, in fn outside the go statement g, in is
// only made, given to g, closed and sent on, each send a statement
// followed at once by a receive from out, and out is only made, given to
// g and received from.
func (c *checker) answersEach(fn ast.Node, g *ast.GoStmt, in, out *types.Var) bool {
	ok, answered := true, 0
	ast.PreorderStack(funcBody(fn), nil, func(n ast.Node, stack []ast.Node) bool {
		if !ok || n == g {
			return false
		}
		id, isIdent := n.(*ast.Ident)
		if !isIdent || len(stack) == 0 {
			return true
		}
		v := c.info.ObjectOf(id)
		if v != in && v != out {
			return true
		}
		parent := stack[len(stack)-1]
		switch p := parent.(type) {
		case *ast.AssignStmt, *ast.ValueSpec:
			ok = c.info.Defs[id] != nil // the make that declares it
		case *ast.SendStmt:
			ok = v == in && p.Chan == id && c.answeredAt(p, stack, out)
			answered++
		case *ast.CallExpr:
			ok = v == in && isBuiltinCall(c.info, p, "close")
		case *ast.UnaryExpr:
			ok = v == out && p.Op == token.ARROW
		default:
			ok = false
		}
		return ok
	})
	return ok && answered > 0
}

// answeredAt reports whether the send s, with ancestors stack (s last),
// is a statement of a list whose next statement receives from out.
func (c *checker) answeredAt(s *ast.SendStmt, stack []ast.Node, out *types.Var) bool {
	if len(stack) < 2 {
		return false
	}
	list := stmtList(stack[len(stack)-2])
	i := slices.Index(list, ast.Stmt(s))
	return i >= 0 && i+1 < len(list) && c.recvOf(list[i+1], path{root: out})
}
