package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// A worker pool: goroutines that take jobs from a channel of the
// function's own to its close (for j := range jobs) and send at most one
// result for each on another (results <- f(j)), fed a counted number of
// jobs, by the function or by a feeder goroutine it starts (for _, j :=
// range list { jobs <- j }), while the function takes as many results on
// every path (for range list { <-results }). Every result a worker sends
// is taken, and the close of jobs ends its range: it is released, though
// never joined. The feeder's sends are taken by the workers, which range
// over jobs to its end.

// A pool is what poolOf finds around a channel of jobs.
type pool struct {
	jobs, results path
	count         string        // what the jobs are counted by (tripKey)
	feeder        *ast.GoStmt   // the goroutine that sends the jobs, or nil: the function does
	feederCloses  bool          // the feeder closes jobs as its last act
	recvLoop      ast.Node      // the function's loop that takes the results
	workers       []*ast.GoStmt // the goroutines that range over jobs
}

// poolWorker returns the channels of jobs and results of the worker g,
// started in fn: its body ranges over a channel local to fn, and every
// send it makes on results is a statement of that range's body (no other
// loop around it, at most one on any path through the body), and results
// is local to fn too.
func (c *checker) poolWorker(g *ast.GoStmt, fn ast.Node) (jobs, results path, ok bool) {
	body, bind := c.goBody(g, fn)
	if body == nil {
		return path{}, path{}, false
	}
	fnBody := funcBody(fn)
	var rs *ast.RangeStmt
	for _, s := range body.List {
		if r, isRange := s.(*ast.RangeStmt); isRange && isChan(c.typeOf(r.X)) {
			if rs != nil {
				return path{}, path{}, false // two ranges: which feeds it?
			}
			rs = r
		}
	}
	if rs == nil {
		return path{}, path{}, false
	}
	jobs, bound := bind(pathOf(c.info, rs.X))
	if !bound || !c.poolChan(jobs, fnBody) {
		return path{}, path{}, false
	}
	ok = true
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		send, isSend := n.(*ast.SendStmt)
		if !isSend || !ok {
			return ok
		}
		p, bound := bind(pathOf(c.info, send.Chan))
		switch {
		case !bound || !c.poolChan(p, fnBody) || found && !p.equal(results):
			ok = false
		default:
			found, results = true, p
		}
		return ok
	})
	if !ok || !found {
		return path{}, path{}, false
	}
	var loops [][]ast.Node
	c.eachSendOn(body, bind, results, func(_ *ast.SendStmt, around []ast.Node) bool {
		loops = append(loops, slices.Clone(around))
		return true
	})
	if slices.ContainsFunc(loops, func(around []ast.Node) bool { return len(around) != 1 || around[0] != rs }) {
		return path{}, path{}, false // a send outside the range, or in a loop of its own
	}
	if most, _ := c.sendsOnAPath(rs.Body, bind, results); most > 1 {
		return path{}, path{}, false
	}
	return jobs, results, true
}

// poolChan reports whether p is a channel variable declared in body (made
// there: nobody else can send on it or close it).
func (c *checker) poolChan(p path, body *ast.BlockStmt) bool {
	return p.valid() && p.fields == "" && !isGlobal(p.root) && declaredIn(p.root, body) && isChan(p.root.Type())
}

// poolOf returns the pool of the worker g in fn, if the shape holds: the
// jobs come from one loop, of fn or of one feeder goroutine, sending once
// each time round, counted by the same thing as fn's loop that takes one
// result each time round; that loop comes after g in the same statement
// list as the statement holding g, on every path (no return between), and
// cannot be left early; jobs is closed by fn or, as its last act, by the
// feeder.
func (c *checker) poolOf(g *ast.GoStmt, fn ast.Node) (*pool, bool) {
	if pl, seen := c.pools[g]; seen {
		return pl, pl != nil
	}
	if c.pools == nil {
		c.pools = make(map[*ast.GoStmt]*pool)
	}
	pl, ok := c.findPool(g, fn)
	if !ok {
		pl = nil
	}
	c.pools[g] = pl
	return pl, ok
}

// findPool is poolOf's search.
func (c *checker) findPool(g *ast.GoStmt, fn ast.Node) (*pool, bool) {
	jobs, results, ok := c.poolWorker(g, fn)
	if !ok {
		return nil, false
	}
	pl := &pool{jobs: jobs, results: results}
	fnBody := funcBody(fn)
	// The workers: every go statement of fn whose goroutine ranges over
	// jobs; the feeder: the one literal that sends on it.
	sendLoops := 0
	var sendLoop ast.Node
	ok = true
	ast.Inspect(fnBody, func(n ast.Node) bool {
		if !ok {
			return false
		}
		other, isGo := n.(*ast.GoStmt)
		if !isGo {
			return true
		}
		if j, r, isWorker := c.poolWorker(other, fn); isWorker && j.equal(jobs) {
			if !r.equal(results) {
				ok = false
			}
			pl.workers = append(pl.workers, other)
			return false
		}
		if lit, isLit := ast.Unparen(other.Call.Fun).(*ast.FuncLit); isLit && c.sendsOn(lit.Body, jobs) {
			if pl.feeder != nil {
				ok = false // two feeders
			}
			pl.feeder = other
		}
		return false
	})
	if !ok {
		return nil, false
	}
	// The sends on jobs: one site, in one loop, once each time round.
	feedBody := fnBody
	if pl.feeder != nil {
		feedBody = ast.Unparen(pl.feeder.Call.Fun).(*ast.FuncLit).Body
		if c.sendsOutside(fnBody, pl.feeder, jobs) {
			return nil, false // the function sends too
		}
	}
	same := func(p path) (path, bool) { return p, true }
	c.eachSendOn(feedBody, same, jobs, func(send *ast.SendStmt, loops []ast.Node) bool {
		sendLoops++
		if len(loops) == 1 && c.onceEachRun(loops[0], send) {
			sendLoop = loops[0]
		}
		return true
	})
	if sendLoops != 1 || sendLoop == nil || !c.plainLoop(sendLoop) {
		return nil, false
	}
	pl.count = c.tripKey(sendLoop, fn)
	if pl.count == "" {
		return nil, false
	}
	// Closed: by fn, which stopped() checks on every path, or by the
	// feeder as its last act.
	if pl.feeder != nil {
		last := feedBody.List[len(feedBody.List)-1]
		pl.feederCloses = last == sendLoop && c.deferredClose(feedBody, jobs) || c.closeStmt(last, jobs) && c.stmtAfter(feedBody, sendLoop, last)
	}
	// The results: fn's loop, after the go statements, on every path.
	list, at := c.stmtListAround(fnBody, g)
	if list == nil {
		return nil, false
	}
	for i := at + 1; i < len(list); i++ {
		s := list[i]
		if c.returnsIn(s) {
			return nil, false // a way out before the results are taken
		}
		l, isLoop := s.(*ast.ForStmt)
		var loop ast.Node = l
		if !isLoop {
			r, isRange := s.(*ast.RangeStmt)
			if !isRange {
				continue
			}
			loop = r
		}
		body := loopBody(loop)
		if !slices.ContainsFunc(body.List, func(st ast.Stmt) bool { return c.recvOf(st, results) }) {
			if c.recvsOn(body, results) {
				return nil, false // a receive under a condition
			}
			continue
		}
		if !c.plainLoop(loop) || c.tripKey(loop, fn) != pl.count {
			return nil, false
		}
		pl.recvLoop = loop
		return pl, true
	}
	return nil, false
}

// poolReleased returns how the block b of the worker or feeder g of a
// pool is released, if it is: a worker's send on results by fn's loop
// that takes as many results as there are jobs, a worker's range over jobs
// by the feeder's close after its last send, a feeder's send on jobs by
// the workers, which range over jobs to its end.
func (c *checker) poolReleased(j *goJoin, g *ast.GoStmt, b block) (string, bool) {
	if len(b.alts) != 1 || b.inner || b.partial {
		return "", false
	}
	a := b.alts[0]
	pl, ok := c.poolOf(g, j.fn)
	if ok {
		switch {
		case a.kind == altSend && a.p.equal(pl.results):
			return fmt.Sprintf("its one result for each job taken by the loop at line %d, as many times as jobs are sent", c.lineOf(pl.recvLoop)), true
		case a.kind == altRecv && a.p.equal(pl.jobs) && pl.feederCloses:
			return fmt.Sprintf("the close of %s by the goroutine at line %d that sends the jobs", pl.jobs.root.Name(), c.lineOf(pl.feeder)), true
		}
		return "", false
	}
	// A feeder: its sends are taken by the pool's workers.
	if a.kind != altSend {
		return "", false
	}
	body := funcBody(j.fn)
	found := ""
	ast.Inspect(body, func(n ast.Node) bool {
		w, isGo := n.(*ast.GoStmt)
		if !isGo || found != "" {
			return found == ""
		}
		if pl, ok := c.poolOf(w, j.fn); ok && pl.feeder == g && a.p.equal(pl.jobs) && c.rangesToEnd(pl) {
			found = fmt.Sprintf("the workers started at line %d, which range over %s to its end", c.lineOf(w), pl.jobs.root.Name())
		}
		return false
	})
	return found, found != ""
}

// rangesToEnd reports whether every worker of pl ranges over its jobs
// with no way out of the range before the close.
func (c *checker) rangesToEnd(pl *pool) bool {
	for _, w := range pl.workers {
		body, _ := c.goBody(w, nil)
		if body == nil {
			return false
		}
		for _, s := range body.List {
			if rs, ok := s.(*ast.RangeStmt); ok && isChan(c.typeOf(rs.X)) && c.rangeCut(rs) {
				return false
			}
		}
	}
	return true
}

// tripKey names what the loop runs as many times as: a constant (for
// range 8, i < 8, i := 1; i <= 8), a variable nothing in fn assigns (for
// range n, i < n), or the length of a slice, array or map (for _, x :=
// range list, for range len(list), i < len(list)) whose variable fn does
// not assign after its declaration, with what a for loop's bounds add.
// "" when none of those.
func (c *checker) tripKey(loop ast.Node, fn ast.Node) string {
	var bound ast.Expr
	adj := 0 // added to the bound: i := 1; i <= n runs n times, i := 1; i < n one less
	switch l := loop.(type) {
	case *ast.RangeStmt:
		switch types.Unalias(c.typeOf(l.X)).Underlying().(type) {
		case *types.Slice, *types.Array, *types.Map:
			return c.lenKey(l.X, fn, 0)
		case *types.Basic:
			bound = l.X
		default:
			return ""
		}
	case *ast.ForStmt:
		init, ok := l.Init.(*ast.AssignStmt)
		if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
			return ""
		}
		from := c.constInt(init.Rhs[0])
		i := pathOf(c.info, init.Lhs[0])
		cond, ok := l.Cond.(*ast.BinaryExpr)
		if from < 0 || !ok || cond.Op != token.LSS && cond.Op != token.LEQ || !i.valid() || !pathOf(c.info, cond.X).equal(i) {
			return ""
		}
		post, ok := l.Post.(*ast.IncDecStmt)
		if !ok || post.Tok != token.INC || !pathOf(c.info, post.X).equal(i) || c.reassigns(l.Body, i.root, true) {
			return ""
		}
		bound, adj = cond.Y, -from
		if cond.Op == token.LEQ {
			adj++
		}
	default:
		return ""
	}
	if n := c.constInt(bound); n >= 0 {
		return fmt.Sprint("const ", max(n+adj, 0))
	}
	if call, ok := ast.Unparen(bound).(*ast.CallExpr); ok && isBuiltinCall(c.info, call, "len") && len(call.Args) == 1 {
		return c.lenKey(call.Args[0], fn, adj)
	}
	if id, ok := ast.Unparen(bound).(*ast.Ident); ok {
		if v, ok := c.info.Uses[id].(*types.Var); ok && !v.IsField() && !isGlobal(v) && !c.assignsVar(funcBody(fn), v, true, false) {
			return fmt.Sprintf("var %p %+d", v, adj)
		}
	}
	return ""
}

// lenKey is tripKey for the length of x, a variable (or a field of one)
// that fn does not assign after its declaration, plus adj.
func (c *checker) lenKey(x ast.Expr, fn ast.Node, adj int) string {
	p := pathOf(c.info, x)
	if !p.valid() || isGlobal(p.root) || c.assignsVar(funcBody(fn), p.root, true, false) {
		return ""
	}
	return fmt.Sprintf("len %p%s %+d", p.root, p.fields, adj)
}

// plainLoop reports whether the body of loop runs through on each turn:
// no return, break, continue or goto in it (outside function literals),
// and no call that ends the goroutine.
func (c *checker) plainLoop(loop ast.Node) bool {
	body := loopBody(loop)
	if ex := c.loopExits(body); ex.free || len(ex.cases) > 0 {
		return false
	}
	plain := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt, *ast.ReturnStmt:
			plain = false
		}
		return plain
	})
	return plain
}

// sendsOn reports whether body sends on ch, outside function literals.
func (c *checker) sendsOn(body *ast.BlockStmt, ch path) bool {
	found := false
	c.eachSendOn(body, func(p path) (path, bool) { return p, true }, ch, func(*ast.SendStmt, []ast.Node) bool {
		found = true
		return false
	})
	return found
}

// sendsOutside reports whether body sends on ch outside the go statement
// g (and outside other function literals).
func (c *checker) sendsOutside(body *ast.BlockStmt, g *ast.GoStmt, ch path) bool {
	found := false
	c.eachSendOn(body, func(p path) (path, bool) { return p, true }, ch, func(s *ast.SendStmt, _ []ast.Node) bool {
		found = !within(s, g)
		return !found
	})
	return found
}

// recvsOn reports whether n receives from ch anywhere (outside function
// literals).
func (c *checker) recvsOn(n ast.Node, ch path) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			if m.Op == token.ARROW && c.chanPath(m.X).equal(ch) {
				found = true
			}
		}
		return !found
	})
	return found
}

// closeStmt reports whether s is close(ch).
func (c *checker) closeStmt(s ast.Stmt, ch path) bool {
	call := stmtCall(s)
	return call != nil && isBuiltinCall(c.info, call, "close") && len(call.Args) == 1 && pathOf(c.info, call.Args[0]).equal(ch)
}

// deferredClose reports whether body's first statements defer close(ch).
func (c *checker) deferredClose(body *ast.BlockStmt, ch path) bool {
	for _, s := range body.List {
		if d, ok := s.(*ast.DeferStmt); ok && isBuiltinCall(c.info, d.Call, "close") && len(d.Call.Args) == 1 && pathOf(c.info, d.Call.Args[0]).equal(ch) {
			return true
		}
	}
	return false
}

// stmtAfter reports whether, in body's list, b comes right after a.
func (c *checker) stmtAfter(body *ast.BlockStmt, a, b ast.Node) bool {
	i := slices.IndexFunc(body.List, func(s ast.Stmt) bool { return s == a })
	return i >= 0 && i+1 < len(body.List) && body.List[i+1] == b
}

// stmtListAround returns the statement list of body and the index of its
// statement that holds n.
func (c *checker) stmtListAround(body *ast.BlockStmt, n ast.Node) ([]ast.Stmt, int) {
	i := slices.IndexFunc(body.List, func(s ast.Stmt) bool { return within(n, s) })
	if i < 0 {
		return nil, -1
	}
	return body.List, i
}

// lineOf returns the line of n.
func (c *checker) lineOf(n ast.Node) int { return c.pass.Fset.Position(n.Pos()).Line }

// returnsIn reports whether s may leave the function: a return, or a call
// that ends the goroutine (t.Fatal), outside function literals.
func (c *checker) returnsIn(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		case *ast.CallExpr:
			if c.goexit(n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// atomicJoin reports whether the goroutine of g, started once each time
// round a counted loop of fn, ends by adding one to a counter local to fn
// (atomic.AddInt64(&done, 1), done.Add(1)) that nothing else adds to,
// while fn, after that loop and with no return between, spins until the
// counter reaches the loop's count (for atomic.LoadInt64(&done) != n {
// runtime.Gosched() }): the spin ends only once every goroutine has made
// its last act, a join.
func (c *checker) atomicJoin(g *ast.GoStmt, fn ast.Node) (string, bool) {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	body := funcBody(fn)
	if !ok || body == nil || len(lit.Body.List) == 0 {
		return "", false
	}
	counter := c.counterAdd(lit.Body.List[len(lit.Body.List)-1])
	if counter == nil || !declaredIn(counter, body) || declaredIn(counter, lit) {
		return "", false
	}
	// The counter is added to only there.
	adds := 0
	ast.Inspect(body, func(n ast.Node) bool {
		if s, ok := n.(ast.Stmt); ok && c.counterAdd(s) == counter {
			adds++
		}
		return true
	})
	if adds != 1 {
		return "", false
	}
	cur, ok := c.cursorOf(g)
	if !ok {
		return "", false
	}
	spawn := enclosingLoop(cur)
	if spawn == nil || !c.onceEachRun(spawn, g) || !c.plainLoop(spawn) {
		return "", false
	}
	count := c.tripKey(spawn, fn)
	list, at := directList(body, spawn)
	if count == "" || list == nil {
		return "", false
	}
	for _, s := range list[at+1:] {
		if c.returnsIn(s) {
			return "", false
		}
		fs, ok := s.(*ast.ForStmt)
		if !ok || fs.Init != nil || fs.Post != nil {
			continue
		}
		cond, ok := ast.Unparen(fs.Cond).(*ast.BinaryExpr)
		if !ok || cond.Op != token.NEQ && cond.Op != token.LSS || c.counterLoad(cond.X) != counter || !c.plainLoop(fs) {
			continue
		}
		if c.boundKey(cond.Y, fn) != count {
			return "", false
		}
		return fmt.Sprintf("joined by the loop at line %d, which waits until %s counts every goroutine", c.lineOf(fs), counter.Name()), true
	}
	return "", false
}

// directList returns the statement list of body, or of a block in it,
// that holds s itself, and s's index there.
func directList(body *ast.BlockStmt, s ast.Node) ([]ast.Stmt, int) {
	var list []ast.Stmt
	at := -1
	ast.Inspect(body, func(n ast.Node) bool {
		if at >= 0 {
			return false
		}
		var l []ast.Stmt
		switch n := n.(type) {
		case *ast.BlockStmt:
			l = n.List
		case *ast.CaseClause:
			l = n.Body
		case *ast.CommClause:
			l = n.Body
		}
		if i := slices.IndexFunc(l, func(x ast.Stmt) bool { return x == s }); i >= 0 {
			list, at = l, i
		}
		return true
	})
	return list, at
}

// counterAdd returns the counter s adds one to: atomic.AddInt64(&v, 1)
// (or AddInt32, AddUint64, AddUint32), or v.Add(1) on a sync/atomic
// integer; nil otherwise.
func (c *checker) counterAdd(s ast.Stmt) *types.Var {
	call := stmtCall(s)
	if call == nil || len(call.Args) == 0 || c.constInt(call.Args[len(call.Args)-1]) != 1 {
		return nil
	}
	return c.atomicCounter(call, "Add", 2)
}

// counterLoad returns the counter e loads: atomic.LoadInt64(&v) (and its
// kin), or v.Load(); nil otherwise.
func (c *checker) counterLoad(e ast.Expr) *types.Var {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	return c.atomicCounter(call, "Load", 1)
}

// atomicCounter returns the local integer call operates on by op (Add,
// Load): sync/atomic's opInt64(&v, ...) and its kin, taking args
// arguments, or v.op(...) on an atomic.Int64 and its kin.
func (c *checker) atomicCounter(call *ast.CallExpr, op string, args int) *types.Var {
	fn := callee(c.info, call)
	var x ast.Expr
	switch {
	case isFunc(fn, "sync/atomic", op+"Int64", op+"Int32", op+"Uint64", op+"Uint32") && len(call.Args) == args:
		if u, ok := ast.Unparen(call.Args[0]).(*ast.UnaryExpr); ok && u.Op == token.AND {
			x = u.X
		}
	case slices.ContainsFunc([]string{"Int64", "Int32", "Uint64", "Uint32"}, func(t string) bool { return isMethod(fn, "sync/atomic", t, op) }):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			x = sel.X
		}
	}
	if p := pathOf(c.info, x); x != nil && p.valid() && p.fields == "" {
		return p.root
	}
	return nil
}

// boundKey is tripKey's name for a loop's bound e: a constant, a variable
// fn does not assign, or len of one (int64(n) converted, too).
func (c *checker) boundKey(e ast.Expr, fn ast.Node) string {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 1 {
		if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
			e = call.Args[0] // int64(n)
		}
	}
	if n := c.constInt(e); n >= 0 {
		return fmt.Sprint("const ", n)
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && isBuiltinCall(c.info, call, "len") && len(call.Args) == 1 {
		return c.lenKey(call.Args[0], fn, 0)
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := c.info.Uses[id].(*types.Var); ok && !v.IsField() && !isGlobal(v) && !c.assignsVar(funcBody(fn), v, true, false) {
			return fmt.Sprintf("var %p %+d", v, 0)
		}
	}
	return ""
}
