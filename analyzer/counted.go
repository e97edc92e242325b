package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
)

// Counted sends and receives: a goroutine that sends a known number of
// values (for range 3 { ch <- measure() }) is joined by the receive that
// takes the last of them, as a range to the close would be: a loop that
// receives as many times and cannot be left early (for range 3 { total +=
// <-ch }), or the last of as many receives in a row (r1 := <-ch; r2 :=
// <-ch; r3 := <-ch).

// countedSends returns how many values, at most, the goroutine body sends
// on ch (in the spawner's terms, through bind): each send counts once, times the trip count of every loop around
// it, which must be a constant (for range 3, for i := 0; i < 3; i++). 0
// when a send is in any other loop, or none is in a loop.
func (c *checker) countedSends(body *ast.BlockStmt, bind func(path) (path, bool), ch path) int {
	total, ok, looped := 0, true, false
	// A send followed by a return (errCh <- err; return) runs once,
	// whatever loop it is in.
	once := c.sendsThenReturn(body)
	breaks := sendsThenBreak(body)
	// The outermost loops of the body the sends are in, or nil for a
	// send in no loop.
	outer := make(map[ast.Node]bool)
	c.eachSendOn(body, bind, ch, func(n *ast.SendStmt, loops []ast.Node) bool {
		if len(loops) == 0 {
			outer[nil] = true
		} else {
			outer[loops[0]] = true
		}
		return true
	})
	c.eachSendOn(body, bind, ch, func(n *ast.SendStmt, loops []ast.Node) bool {
		if once[n] {
			total++
			return true
		}
		if l := breaks[n]; l != nil && len(loops) == 1 && loops[0] == l && len(outer) == 1 {
			// errc <- err; break, out of the body's outermost loop, with
			// no send outside it: once, like a send a return follows.
			total++
			return true
		}
		times := 1
		looped = looped || len(loops) > 0
		around := loops
		if l := breaks[n]; l != nil && len(loops) > 0 && loops[len(loops)-1] == l {
			// done <- v; break: once for each run of its loop.
			around = loops[:len(loops)-1]
		}
		for _, l := range around {
			k := c.tripCount(l)
			if k <= 0 || times > (1<<20)/k {
				ok = false // not counted, or too many to count on
				return false
			}
			times *= k
		}
		total += times
		return true
	})
	if !ok || !looped {
		return 0 // sends in branches, not a loop: one of them is the last
	}
	return total
}

// eachSendOn calls f with each send of body on ch (in the spawner's
// terms, through bind), outside function literals and go statements, and
// the loops of body around it, until f returns false.
func (c *checker) eachSendOn(body *ast.BlockStmt, bind func(path) (path, bool), ch path, f func(send *ast.SendStmt, loops []ast.Node) bool) {
	more := true
	var loops []ast.Node
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if !more {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n)
			ast.Inspect(loopBody(n), visit)
			loops = loops[:len(loops)-1]
			return false
		case *ast.SendStmt:
			if p, bound := bind(pathOf(c.info, n.Chan)); bound && p.equal(ch) {
				more = f(n, loops)
			}
		}
		return more
	}
	ast.Inspect(body, visit)
}

// symbolicSends returns, when every send of body on ch (in the spawner's
// terms, through bind) is a statement of the body of one loop, not under
// a condition, and that loop runs as many times as a variable of fn says
// that nothing assigns (for i := 0; i < n; i++, for range n), that
// variable: the goroutine sends at most n values. Nil otherwise.
func (c *checker) symbolicSends(body *ast.BlockStmt, bind func(path) (path, bool), ch path, fn ast.Node) *types.Var {
	var loop ast.Node
	ok, found := true, false
	c.eachSendOn(body, bind, ch, func(n *ast.SendStmt, loops []ast.Node) bool {
		if found || len(loops) != 1 || !c.onceEachRun(loops[0], n) {
			ok = false // two sends, one outside a loop, or in nested loops
			return false
		}
		found, loop = true, loops[0]
		return true
	})
	if !ok || !found {
		return nil
	}
	v := c.tripBound(loop)
	if v == nil {
		return nil
	}
	if p, bound := bind(path{root: v}); bound && p.fields == "" {
		v = p.root // go produce(ch, n): the spawner's n
	} else {
		return nil
	}
	if c.assignsVar(funcBody(fn), v, true, false) {
		return nil
	}
	return v
}

// onceEachRun reports whether stmt is a statement of the body of loop
// itself, not under a condition: it runs once on each run of the body
// that reaches it.
func (c *checker) onceEachRun(loop ast.Node, stmt ast.Node) bool {
	return slices.Contains(loopBody(loop).List, stmt.(ast.Stmt))
}

// tripBound returns the variable a loop runs as many times as (for i :=
// 0; i < n; i++ with i assigned nowhere in its body, for range n, for i :=
// range n), a local or a parameter; nil otherwise.
func (c *checker) tripBound(loop ast.Node) *types.Var {
	var bound ast.Expr
	switch l := loop.(type) {
	case *ast.RangeStmt:
		if l.Value != nil {
			return nil
		}
		if b, ok := types.Unalias(c.typeOf(l.X)).Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
			return nil
		}
		bound = l.X
	case *ast.ForStmt:
		init, ok := l.Init.(*ast.AssignStmt)
		if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 || c.constInt(init.Rhs[0]) != 0 {
			return nil
		}
		i := pathOf(c.info, init.Lhs[0])
		cond, ok := l.Cond.(*ast.BinaryExpr)
		if !ok || cond.Op != token.LSS || !i.valid() || !pathOf(c.info, cond.X).equal(i) {
			return nil
		}
		post, ok := l.Post.(*ast.IncDecStmt)
		if !ok || post.Tok != token.INC || !pathOf(c.info, post.X).equal(i) || c.reassigns(l.Body, i.root, true) {
			return nil
		}
		bound = cond.Y
	default:
		return nil
	}
	id, ok := ast.Unparen(bound).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || v.IsField() || isGlobal(v) {
		return nil
	}
	return v
}

// sendsThenReturn returns the sends of body followed by a return
// (errCh <- err; return, or errCh <- err; wg.Done(); return), and the
// sends that end the body: its last statement, or the last of a branch of
// the if or switch that is (if ok { errC <- nil } else { errC <- err }).
// After one of them the goroutine sends nothing more.
func (c *checker) sendsThenReturn(body *ast.BlockStmt) map[ast.Node]bool {
	return c.finalStmts(body, func(s ast.Stmt) bool {
		_, ok := s.(*ast.SendStmt)
		return ok
	})
}

// finalStmts returns the statements of body that is accepts and after
// which the body does nothing that can block or loop: followed by a
// return, or ending the body, or the last branch of the if or switch that
// ends it.
func (c *checker) finalStmts(body *ast.BlockStmt, is func(ast.Stmt) bool) map[ast.Node]bool {
	once := make(map[ast.Node]bool)
	var tail func(list []ast.Stmt)
	tail = func(list []ast.Stmt) {
		j := len(list) - 1
		for j >= 0 && c.quietStmt(list[j]) {
			j--
		}
		if j < 0 {
			return
		}
		if is(list[j]) {
			once[list[j]] = true
			return
		}
		switch s := list[j].(type) {
		case *ast.BlockStmt:
			tail(s.List)
		case *ast.IfStmt:
			tail(s.Body.List)
			if s.Else != nil {
				tail([]ast.Stmt{s.Else})
			}
		case *ast.SwitchStmt:
			for _, cc := range s.Body.List {
				tail(cc.(*ast.CaseClause).Body)
			}
		case *ast.TypeSwitchStmt:
			for _, cc := range s.Body.List {
				tail(cc.(*ast.CaseClause).Body)
			}
		}
	}
	tail(body.List)
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		list := stmtList(n)
		for i, st := range list {
			if !c.returnsNext(list, i) {
				continue
			}
			if is(st) {
				once[st] = true
			}
			if _, isIf := st.(*ast.IfStmt); isIf {
				// if ctx.Err() != nil { errCh <- nil } else { errCh <-
				// err }; return: the last of each branch, then the return.
				tail([]ast.Stmt{st})
			}
		}
		return true
	})
	return once
}

// returnsNext reports whether the statement after list[i] is a return,
// past statements that cannot block or loop (errCh <- err; wg.Done();
// return).
func (c *checker) returnsNext(list []ast.Stmt, i int) bool {
	j := i + 1
	for j < len(list) && c.quietStmt(list[j]) {
		j++
	}
	return j < len(list) && isReturn(list[j])
}

// quietStmt reports whether s is a call that neither blocks nor loops: a
// WaitGroup's Done, a mutex's Unlock, a close.
func (c *checker) quietStmt(s ast.Stmt) bool {
	call := exprCall(s)
	if call == nil {
		return false
	}
	if isBuiltinCall(c.info, call, "close") {
		return true
	}
	fn := callee(c.info, call)
	return isMethod(fn, "sync", "WaitGroup", "Done") || isMethod(fn, "sync", "Mutex", "Unlock") ||
		isMethod(fn, "sync", "RWMutex", "Unlock") || isMethod(fn, "sync", "RWMutex", "RUnlock")
}

// stmtList returns the statements a block, or a case of a switch or
// select, holds; nil for any other node.
func stmtList(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}

// sendsThenBreak returns the sends of body followed by a break that
// leaves the loop around them (out <- v; break, in an if of a for or
// range, not of a switch or select), with that loop: the send runs once
// for each run of the loop.
func sendsThenBreak(body *ast.BlockStmt) map[ast.Node]ast.Node {
	out := make(map[ast.Node]ast.Node)
	var visit func(n ast.Node, breakable ast.Node)
	visit = func(n ast.Node, breakable ast.Node) {
		ast.Inspect(n, func(m ast.Node) bool {
			if m == n {
				return true
			}
			switch m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				visit(m, m)
				return false
			}
			list := stmtList(m)
			for i, st := range list {
				if _, isSend := st.(*ast.SendStmt); !isSend || i+1 >= len(list) {
					continue
				}
				br, ok := list[i+1].(*ast.BranchStmt)
				if !ok || br.Tok != token.BREAK || br.Label != nil {
					continue
				}
				switch breakable.(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					out[st] = breakable
				}
			}
			return true
		})
	}
	visit(body, nil)
	return out
}

// sendsOnAPath returns how many values, at most, one run of the goroutine
// body sends on ch (in the spawner's terms, through bind), none of its
// sends being in a loop: every send that more may follow, and one of those
// after which it sends nothing more (errCh <- err; return in two branches,
// then out <- v last: one value). sites is how many sends it found.
func (c *checker) sendsOnAPath(body *ast.BlockStmt, bind func(path) (path, bool), ch path) (most, sites int) {
	once := c.sendsThenReturn(body)
	last, panicked, always := 0, 0, 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.DeferStmt:
			// defer func() { if v := recover(); v != nil { done <- err } }():
			// it sends only when the body panicked, before its own send.
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				onPanic, every := c.deferredSends(lit.Body, bind, ch)
				sites += onPanic + every
				panicked, always = max(panicked, onPanic), always+every
			}
			return false
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.SendStmt:
			if p, ok := bind(pathOf(c.info, n.Chan)); ok && p.equal(ch) {
				sites++
				if once[n] {
					last = 1
				} else {
					most++
				}
			}
		}
		return true
	})
	if most > 0 {
		return most + last + panicked + always, sites // it may panic after sending
	}
	return max(last, panicked) + always, sites
}

// deferredSends counts the sends on ch in body, a deferred function: those
// in the branch it takes when it recovers a panic (if v := recover(); v
// != nil { ch <- err }), and the others, which it makes on every exit.
func (c *checker) deferredSends(body *ast.BlockStmt, bind func(path) (path, bool), ch path) (onPanic, every int) {
	var walk func(n ast.Node, recovered bool)
	walk = func(n ast.Node, recovered bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit, *ast.GoStmt:
				return false
			case *ast.IfStmt:
				if !recovered && c.recoverTest(m) {
					if m.Init != nil {
						walk(m.Init, false)
					}
					walk(m.Body, true)
					if m.Else != nil {
						walk(m.Else, false)
					}
					return false
				}
			case *ast.SendStmt:
				if p, ok := bind(pathOf(c.info, m.Chan)); ok && p.equal(ch) {
					if recovered {
						onPanic++
					} else {
						every++
					}
				}
			}
			return true
		})
	}
	walk(body, false)
	return onPanic, every
}

// recoverTest reports whether the if statement tests that recover()
// returned a panic: if v := recover(); v != nil, or if recover() != nil.
func (c *checker) recoverTest(is *ast.IfStmt) bool {
	cond, ok := is.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ || !isNil(c.info, cond.Y) {
		return false
	}
	if call, ok := ast.Unparen(cond.X).(*ast.CallExpr); ok {
		return isBuiltinCall(c.info, call, "recover")
	}
	id, ok := ast.Unparen(cond.X).(*ast.Ident)
	as, isAssign := is.Init.(*ast.AssignStmt)
	if !ok || !isAssign || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return false
	}
	lhs, ok := as.Lhs[0].(*ast.Ident)
	call, isCall := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	return ok && isCall && lhs.Name == id.Name && isBuiltinCall(c.info, call, "recover")
}

func loopBody(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body
	case *ast.RangeStmt:
		return n.Body
	}
	return nil
}

// tripCount returns how many times the loop runs at most when that is a
// constant: for range N, for range over a slice or array literal of N
// elements, or for i := 0; i < N; i++ (<= N: N+1) with i not assigned in
// the body. 0 when not known.
func (c *checker) tripCount(loop ast.Node) int {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		if lit, ok := ast.Unparen(l.X).(*ast.CompositeLit); ok {
			return literalLen(lit, c.typeOf(lit))
		}
		if l.Value != nil {
			return 0
		}
		if b, ok := types.Unalias(c.typeOf(l.X)).Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
			return 0
		}
		return c.constInt(l.X)
	case *ast.ForStmt:
		init, ok := l.Init.(*ast.AssignStmt)
		if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 || c.constInt(init.Rhs[0]) != 0 {
			return 0
		}
		i := pathOf(c.info, init.Lhs[0])
		cond, ok := l.Cond.(*ast.BinaryExpr)
		if !ok || !i.valid() || !pathOf(c.info, cond.X).equal(i) {
			return 0
		}
		post, ok := l.Post.(*ast.IncDecStmt)
		if !ok || post.Tok != token.INC || !pathOf(c.info, post.X).equal(i) {
			return 0
		}
		n := c.constInt(cond.Y)
		if n <= 0 {
			return 0
		}
		assigned := false
		ast.Inspect(l.Body, func(m ast.Node) bool {
			lhs, _ := assignment(m)
			for _, x := range lhs {
				assigned = assigned || pathOf(c.info, x).equal(i)
			}
			if s, ok := m.(*ast.IncDecStmt); ok && pathOf(c.info, s.X).equal(i) {
				assigned = true
			}
			return !assigned
		})
		switch {
		case assigned:
			return 0
		case cond.Op == token.LSS:
			return n
		case cond.Op == token.LEQ:
			return n + 1
		}
	}
	return 0
}

// literalLen returns the number of elements of a slice or array literal
// of type t whose elements are given in order (no indexes), or 0.
func literalLen(lit *ast.CompositeLit, t types.Type) int {
	if t == nil {
		return 0
	}
	switch types.Unalias(t).Underlying().(type) {
	case *types.Slice, *types.Array:
	default:
		return 0
	}
	for _, e := range lit.Elts {
		if _, ok := e.(*ast.KeyValueExpr); ok {
			return 0
		}
	}
	return len(lit.Elts)
}

// constInt returns the value of a constant integer expression, or -1.
func (c *checker) constInt(e ast.Expr) int {
	tv, ok := c.info.Types[e]
	if ok && tv.Value == nil {
		// total := uint32(numReqs * numRoutines): a local only ever
		// given one constant.
		return c.constLocal(e)
	}
	if !ok || tv.Value.Kind() != constant.Int {
		return -1
	}
	v, exact := constant.Int64Val(tv.Value)
	if !exact || v < 0 || v > math.MaxInt32 {
		return -1
	}
	return int(v)
}

// constLocal returns the value of a local variable that its function
// assigns once, a constant, and never changes otherwise (no ++, no
// address taken); -1 otherwise.
func (c *checker) constLocal(e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return -1
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || isGlobal(v) || c.isParamVar(v) {
		return -1
	}
	body := c.bodyAround(v)
	if body == nil || c.assignsVar(body, v, true, false) {
		return -1
	}
	val, count := -1, 0
	if !c.onlyAssigned(body, v, func(lhs, rhs []ast.Expr, i int) bool {
		count++
		if len(rhs) != len(lhs) {
			return false
		}
		if tv, ok := c.info.Types[rhs[i]]; !ok || tv.Value == nil {
			return false
		}
		val = c.constInt(rhs[i])
		return val >= 0
	}) || count != 1 {
		return -1
	}
	return val
}

// countedDrain reports whether the receive r from the channel of k takes
// the last of the k.sends values the goroutine sends: it is a statement of
// its own (<-ch, v := <-ch, total += <-ch) in a loop that runs at least
// that many times and cannot be left early, or the k.sends-th such
// receive in a row in one block, after the go statement g.
func (c *checker) countedDrain(r ref, k joinKey, g *ast.GoStmt) bool {
	if k.sends <= 0 && k.sendsBy == nil || r.kind != useRecv {
		return false
	}
	cur, ok := c.cursorOf(r.expr)
	if !ok {
		return false
	}
	stmt, ok := recvStmt(cur)
	if !ok {
		return false
	}
	parent := stmt.Parent()
	switch l := parent.Parent().Node().(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		if parent.Node() != loopBody(l) {
			return false
		}
		if k.sendsBy != nil {
			if c.tripBound(l) != k.sendsBy || !c.onceEachRun(l, stmt.Node()) {
				return false // for i := 0; i < n; i++ { <-ch }, as many times as it sends
			}
		} else if n := c.tripCount(l); n < k.sends {
			return false
		}
		ex := c.loopExits(loopBody(l))
		if ex.free || len(ex.cases) > 0 || l.Pos() < g.End() && within(g, l) {
			return false // it can be left early, or starts the goroutine too
		}
		return true
	}
	block, ok := parent.Node().(*ast.BlockStmt)
	if !ok || k.sends <= 0 {
		return false
	}
	count := 0
	for _, s := range block.List {
		if s.Pos() < g.End() {
			continue
		}
		if s.Pos() > stmt.Node().Pos() {
			break
		}
		if c.recvOf(s, k.p) {
			count++
		} else if _, isRet := s.(*ast.ReturnStmt); isRet {
			count = 0
		}
	}
	room := 0
	if fn := enclosingFunc(cur); fn.Valid() {
		if n, ok := c.constCap(k.p, fn.Node()); ok {
			if body, bind := c.goBody(g, fn.Node()); body != nil && c.sendsEnd(body, bind, k.p) {
				room = n // a buffer takes that many of its last sends
			}
		}
	}
	return count > 0 && count+room >= k.sends
}

// sendsEnd reports whether every send of body on ch (in the spawner's
// terms, through bind) ends the goroutine's work: it is followed by a
// return, or is the body's last statement, or is followed by a break out
// of a loop of the body after which come only such last sends (done <- v;
// break in the loop, then done <- v at the end). A receive of one of them
// leaves only sends a buffer takes.
func (c *checker) sendsEnd(body *ast.BlockStmt, bind func(path) (path, bool), ch path) bool {
	once := c.sendsThenReturn(body)
	breaks := sendsThenBreak(body)
	tail := func(l ast.Node) bool {
		i := slices.IndexFunc(body.List, func(s ast.Stmt) bool { return s == l })
		if i < 0 {
			return false
		}
		for _, s := range body.List[i+1:] {
			if !once[s] {
				return false
			}
		}
		return true
	}
	ok, any := true, false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.SendStmt:
			if p, bound := bind(pathOf(c.info, n.Chan)); !bound || !p.equal(ch) {
				return true
			}
			any = true
			if l := breaks[n]; !once[n] && (l == nil || !tail(l)) {
				ok = false
			}
		}
		return ok
	})
	return ok && any
}

// recvStmt returns the statement that the receive at cur is the whole of,
// or an operand of the arithmetic that is: <-ch, v := <-ch, v, ok :=
// <-ch, total += <-ch, sum += w * <-ch.
func recvStmt(cur inspector.Cursor) (inspector.Cursor, bool) {
	p := cur.Parent()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		cur, p = p, p.Parent()
	}
	// sum += w * <-ch: an operand of arithmetic, which is always
	// evaluated (not of && or ||, which may skip it).
	for {
		switch b := p.Node().(type) {
		case *ast.ParenExpr:
		case *ast.BinaryExpr:
			if b.Op == token.LAND || b.Op == token.LOR {
				return inspector.Cursor{}, false
			}
		case *ast.CallExpr:
			// check(<-acks, 2): an argument, evaluated before the call,
			// of a call that is the statement itself.
			if !slices.Contains(b.Args, cur.Node().(ast.Expr)) {
				return inspector.Cursor{}, false
			}
			if _, ok := p.Parent().Node().(*ast.ExprStmt); !ok {
				return inspector.Cursor{}, false
			}
		default:
			switch s := p.Node().(type) {
			case *ast.ExprStmt:
				return p, true
			case *ast.AssignStmt:
				if len(s.Rhs) == 1 && ast.Unparen(s.Rhs[0]) == cur.Node() {
					return p, true
				}
			}
			return inspector.Cursor{}, false
		}
		cur, p = p, p.Parent()
	}
}

// recvOf reports whether the statement s is a receive from ch and nothing
// else (see recvStmt).
func (c *checker) recvOf(s ast.Stmt, ch path) bool {
	u, ok := recvOperand(s).(*ast.UnaryExpr)
	if !ok {
		// check(<-acks, 2): the one receive among a call's arguments.
		if es, isExpr := s.(*ast.ExprStmt); isExpr {
			if call, isCall := ast.Unparen(es.X).(*ast.CallExpr); isCall {
				n := 0
				for _, a := range call.Args {
					if x, isRecv := ast.Unparen(a).(*ast.UnaryExpr); isRecv && x.Op == token.ARROW {
						u, n = x, n+1
					}
				}
				ok = n == 1
			}
		}
	}
	return ok && c.chanPath(u.X).equal(ch)
}

// inCountedLoop reports whether the block at n and the send s are in the
// same loop of body that runs a constant number of times: the block comes
// before the last of the counted sends.
func (c *checker) inCountedLoop(body *ast.BlockStmt, n, s ast.Node) bool {
	return anyLoop(body, func(l ast.Node) bool {
		lb := loopBody(l)
		return within(n, lb) && within(s, lb) && c.tripCount(l) > 0
	})
}
