package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/cfg"
)

// A flowQuery asks lostcancel's question of a function's control-flow graph:
// after the node from, does every path to a return pass a node that uses
// the resource? Paths that end in panic, os.Exit, log.Fatal or t.Fatal are
// not paths to a return (the ctrlflow pass removes them).
type flowQuery struct {
	g    *cfg.CFG
	from ast.Node // a block node, or an expression within one

	// used reports whether a node uses (joins, closes, hands on) the
	// resource. It is also asked about the body of each loop the search
	// reaches, so that a loop that receives from a channel counts even
	// though the CFG has an edge that skips the loop body.
	used func(n ast.Node) bool

	// isErr, if set, reports whether e is the error result that tells the
	// resource was not created (err from cmd.Start, c, err := NewConn()).
	// The branch of `e != nil` taken on error is not searched, nor that of
	// `e == errSentinel` or, with errTest, of errors.Is(e, ...).
	isErr func(e ast.Expr) bool
	// isMade, if set, reports whether e is the boolean result that tells
	// whether the call made the resource: where it is false, nothing was
	// made (err, pending := r.Invoke(req); if pending { ... }).
	isMade func(e ast.Expr) bool

	// nilDone, with isErr: the branch on which the error is nil is not
	// searched either: the call returned nil only once the resource was
	// released (a server's Serve after its Stop, nilstop.go).
	nilDone bool

	// isNil, if set, reports whether e is the resource itself, a pointer
	// or interface: the branch of `e == nil` (or of `e != nil` not taken)
	// holds nothing to use, and is not searched.
	isNil func(e ast.Expr) bool

	// flag, if set, names a condition whose value cannot change while the
	// function runs (a captured or parameter flag, tt.stop): two branches
	// on it are taken the same way on one path (if tt.stop { x.Close() }
	// ... if !tt.stop { x.Close() }).
	flag func(e ast.Expr) (string, bool)

	// preset holds flags known at q.from besides those of the tests
	// around it, in fromFlags' form: a flag the function set to a
	// constant just before (listening = true; go t.readLoop(conn)).
	preset string

	// known, if set, gives the value of a branch condition the function
	// cannot see change (err != nil, where err comes only from calls
	// that never fail): only that branch is searched.
	known func(cond ast.Expr) (val, ok bool)

	// errTest, if set, reports whether a call tests its first argument,
	// an error, for being a particular error (errors.Is, errors.As).
	errTest func(call *ast.CallExpr) bool

	// okTest, if set, reports whether a call asserts that its argument
	// err (given as the index) is nil and returns whether it is
	// (assert.NoError(t, err)): if !assert.NoError(t, err) { return } is
	// err != nil.
	okTest func(call *ast.CallExpr) int

	// caseUsed, if set, is asked about the case of a select whose body a
	// block begins. The CFG evaluates every case's communication before
	// the select branches, so used sees those in the block before it; a
	// query that needs to know which case was taken answers here.
	caseUsed func(cc *ast.CommClause) bool

	// isGoexit, for deadEnd, reports whether a call ends the goroutine
	// (t.Fatal) rather than the process (log.Fatal, panic).
	isGoexit func(call *ast.CallExpr) bool

	// rangeDone, if set, reports whether leaving a range statement
	// because its channel was closed uses the resource (it was drained).
	rangeDone func(rs *ast.RangeStmt) bool

	// seenClosed, if set, reports whether e is the ok of a comma-ok
	// receive (v, ok := <-ch) that, false, says the resource was released:
	// the branch where ok is false is not searched, as the end of a range
	// over ch is not (rangeDone).
	seenClosed func(e *ast.Ident) bool

	// neverDone, if set, reports whether a range statement's channel is
	// never closed: its loop is left only by a break or a return inside,
	// not by its end.
	neverDone func(rs *ast.RangeStmt) bool

	// killed, if set, reports whether a node loses the resource unused
	// (s = New() again, overwriting the variable that held it): a path
	// that reaches it before a use ends there, and search returns it.
	killed func(n ast.Node) bool
}

// leak returns a return statement reachable from q.from on a path with no
// use (possibly synthetic: the closing brace of the function), or nil when
// every path uses the resource.
func (q flowQuery) leak() *ast.ReturnStmt {
	ret, _ := q.search(false).(*ast.ReturnStmt)
	return ret
}

// end returns the first end reached from q.from on a path with no use: a
// return (possibly synthetic), or, with isGoexit set, a call that ends the
// goroutine (t.Fatal): a test that fails leaves what it did not join
// running as surely as one that returns.
func (q flowQuery) end() (*ast.ReturnStmt, ast.Node) {
	n := q.search(q.isGoexit != nil)
	if ret, ok := n.(*ast.ReturnStmt); ok {
		return ret, nil
	}
	return nil, n
}

// deadEnd is leak for a function that cannot return from q.from: it
// returns the call that ends a path with no use by ending the goroutine
// but not the process (t.Fatal, t.Skip, runtime.Goexit, as isGoexit
// reports), or nil when every such path uses the resource.
func (q flowQuery) deadEnd() ast.Node {
	return q.search(true)
}

// search walks the paths from q.from and returns the first end reached
// without a use: a return, or with deadEnds the last call of a block that
// has no successor.
func (q flowQuery) search(deadEnds bool) ast.Node {
	if q.g == nil {
		return nil
	}
	start, rest := q.locate()
	if start == nil {
		return nil
	}
	for _, n := range rest {
		if q.used(n) {
			return nil
		}
		if q.killed != nil && q.killed(n) {
			return n
		}
	}
	end := func(b *cfg.Block) ast.Node {
		if ret := b.Return(); ret != nil {
			return ret
		}
		if deadEnds && len(b.Succs) == 0 && len(b.Nodes) > 0 {
			last := b.Nodes[len(b.Nodes)-1]
			if s, ok := last.(*ast.ExprStmt); ok {
				last = s.X
			}
			if call, ok := last.(*ast.CallExpr); ok && q.isGoexit != nil && q.isGoexit(call) {
				return call
			}
		}
		return nil
	}
	if n := end(start); n != nil {
		return n
	}
	memo := make(map[*cfg.Block]bool)
	kills := make(map[*cfg.Block]ast.Node)
	blockUsed := func(b *cfg.Block) bool {
		u, ok := memo[b]
		if !ok {
			u = q.loopUsed(b)
			if cc, ok := b.Stmt.(*ast.CommClause); ok && b.Kind == cfg.KindSelectCaseBody && q.caseUsed != nil {
				u = u || q.caseUsed(cc)
			}
			if rs, ok := b.Stmt.(*ast.RangeStmt); ok && b.Kind == cfg.KindRangeDone && q.rangeDone != nil {
				u = u || q.rangeDone(rs)
			}
			for _, n := range b.Nodes {
				if u {
					break
				}
				u = q.used(n)
				if !u && q.killed != nil && q.killed(n) {
					kills[b] = n
					break
				}
			}
			memo[b] = u
		}
		return u
	}
	// The start block is searched again if a loop leads back to it: then
	// its nodes before from count too. A path carries the values of the
	// flags it branched on (see flag), at most a few.
	seen := make(map[flowItem]bool)
	stack := q.flagSuccs(start, q.fromFlags())
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[it] {
			continue
		}
		seen[it] = true
		if blockUsed(it.b) {
			continue
		}
		if n := kills[it.b]; n != nil {
			return n
		}
		if foreverIn(it.b) {
			continue // <-make(chan struct{}): the path goes nowhere
		}
		if n := end(it.b); n != nil {
			return n
		}
		if call := q.exitIn(it.b); call != nil {
			// require.FailNow(t, ...): the CFG goes on past a call that
			// ends the goroutine on every path that matters.
			if deadEnds {
				return call
			}
			continue
		}
		stack = append(stack, q.flagSuccs(it.b, it.flags)...)
	}
	return nil
}

// exitIn returns the call in b, a statement of its own, that ends the
// goroutine (isGoexit) though the CFG does not know it, or nil.
func (q flowQuery) exitIn(b *cfg.Block) *ast.CallExpr {
	if q.isGoexit == nil {
		return nil
	}
	for _, n := range b.Nodes {
		if s, ok := n.(*ast.ExprStmt); ok {
			if call, ok := s.X.(*ast.CallExpr); ok && q.isGoexit(call) {
				return call
			}
		}
	}
	return nil
}

// foreverIn reports whether b waits for ever as a statement of its own:
// a receive from a channel made there (<-make(chan struct{})), or an
// empty select.
func foreverIn(b *cfg.Block) bool {
	for _, n := range b.Nodes {
		switch n := n.(type) {
		case *ast.ExprStmt:
			if u, ok := ast.Unparen(n.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				if call, ok := ast.Unparen(u.X).(*ast.CallExpr); ok {
					if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "make" {
						return true
					}
				}
			}
		case *ast.SelectStmt:
			if len(n.Body.List) == 0 {
				return true
			}
		}
	}
	return false
}

// A flowItem is a block on a path, with the values of the flags the path
// branched on ("\x00name=1\x00other=0").
type flowItem struct {
	b     *cfg.Block
	flags string
}

// flagSuccs is succs as items of a path carrying flags: a branch on a
// flag (see flag) the path took before is followed only the same way; a
// branch on a new one records its value on each side (at most four).
func (q flowQuery) flagSuccs(b *cfg.Block, flags string) []flowItem {
	succs := q.succs(b)
	items := func(bs []*cfg.Block, f ...string) []flowItem {
		out := make([]flowItem, len(bs))
		for i, s := range bs {
			out[i] = flowItem{s, flags}
			if len(f) == len(bs) {
				out[i].flags = f[i]
			}
		}
		return out
	}
	if len(succs) != 2 || len(b.Nodes) == 0 {
		return items(succs)
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok {
		return items(succs)
	}
	if q.known != nil {
		if v, ok := q.known(cond); ok {
			if v {
				return items(succs[:1])
			}
			return items(succs[1:])
		}
	}
	if q.flag == nil {
		return items(succs)
	}
	name, neg, ok := q.flagOf(cond)
	if !ok {
		return items(succs)
	}
	on, off := 0, 1 // the successors taken when the flag is true, false
	if neg {
		on, off = 1, 0
	}
	switch {
	case strings.Contains(flags, "\x00"+name+"=1"):
		return items(succs[on : on+1])
	case strings.Contains(flags, "\x00"+name+"=0"):
		return items(succs[off : off+1])
	case strings.Count(flags, "\x00") >= 4:
		return items(succs)
	}
	f := make([]string, 2)
	f[on], f[off] = flags+"\x00"+name+"=1", flags+"\x00"+name+"=0"
	return items(succs, f...)
}

// flagOf returns the flag a branch condition tests, and whether it tests
// it negated (!want).
func (q flowQuery) flagOf(cond ast.Expr) (name string, neg, ok bool) {
	for {
		u, isNot := ast.Unparen(cond).(*ast.UnaryExpr)
		if !isNot || u.Op != token.NOT {
			break
		}
		neg, cond = !neg, u.X
	}
	name, ok = q.flag(ast.Unparen(cond))
	return name, neg, ok
}

// fromFlags returns the values of the flags that the if statements around
// q.from test: `if want { go ...; }` starts its paths with want true, and
// a later `if want { <-done }` is taken on them.
func (q flowQuery) fromFlags() string {
	if q.flag == nil || q.from == nil {
		return ""
	}
	flags := q.preset
	for _, b := range q.g.Blocks {
		is, ok := b.Stmt.(*ast.IfStmt)
		if !ok || is.Init != nil || b.Kind != cfg.KindIfThen && b.Kind != cfg.KindIfElse || strings.Count(flags, "\x00") >= 4 {
			continue
		}
		var branch ast.Node = is.Body
		if b.Kind == cfg.KindIfElse {
			branch = is.Else
		}
		if branch == nil || q.from.Pos() < branch.Pos() || branch.End() < q.from.End() {
			continue
		}
		name, neg, ok := q.flagOf(is.Cond)
		if !ok || strings.Contains(flags, "\x00"+name+"=") {
			continue
		}
		on := b.Kind == cfg.KindIfThen != neg
		if on {
			flags += "\x00" + name + "=1"
		} else {
			flags += "\x00" + name + "=0"
		}
	}
	return q.passedFlags(flags)
}

// passedFlags adds to flags the flags of tests that every path to q.from
// has passed one way only: for ... { if wantErr { return }; go ... }, the
// test dominates the go statement and its true branch never reaches it,
// so wantErr is false there, and on every later round.
func (q flowQuery) passedFlags(flags string) string {
	from, _ := q.locate()
	if from == nil || len(q.g.Blocks) == 0 {
		return flags
	}
	reaches := func(start *cfg.Block, avoid *cfg.Block) bool {
		seen := map[*cfg.Block]bool{avoid: true}
		stack := []*cfg.Block{start}
		for len(stack) > 0 {
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if b == from {
				return true
			}
			if seen[b] {
				continue
			}
			seen[b] = true
			stack = append(stack, b.Succs...)
		}
		return false
	}
	for _, b := range q.g.Blocks {
		if len(b.Succs) != 2 || len(b.Nodes) == 0 || b == from || strings.Count(flags, "\x00") >= 4 {
			continue
		}
		cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
		if !ok {
			continue
		}
		name, neg, ok := q.flagOf(cond)
		if !ok || strings.Contains(flags, "\x00"+name+"=") {
			continue
		}
		if reaches(q.g.Blocks[0], b) {
			continue // a path to it that does not test the flag
		}
		yes, no := reaches(b.Succs[0], b), reaches(b.Succs[1], b)
		if yes == no {
			continue
		}
		if yes != neg {
			flags += "\x00" + name + "=1"
		} else {
			flags += "\x00" + name + "=0"
		}
	}
	return flags
}

// locate finds the block holding q.from and the nodes after it.
func (q flowQuery) locate() (*cfg.Block, []ast.Node) {
	for _, b := range q.g.Blocks {
		for i, n := range b.Nodes {
			if n == q.from || (n.Pos() <= q.from.Pos() && q.from.End() <= n.End()) {
				return b, b.Nodes[i+1:]
			}
		}
	}
	return nil, nil
}

// loopUsed reports whether b is the head of a loop whose body uses the
// resource.
func (q flowQuery) loopUsed(b *cfg.Block) bool {
	switch b.Kind {
	case cfg.KindForLoop:
		if s, ok := b.Stmt.(*ast.ForStmt); ok {
			return q.used(s.Body)
		}
	case cfg.KindRangeLoop:
		if s, ok := b.Stmt.(*ast.RangeStmt); ok {
			return q.used(s.Body)
		}
	}
	return false
}

// succs returns the successors of b worth searching: the branch of a
// condition on which the resource was not made (its error result is set,
// or it is nil itself) is left out.
func (q flowQuery) succs(b *cfg.Block) []*cfg.Block {
	if rs, ok := b.Stmt.(*ast.RangeStmt); ok && b.Kind == cfg.KindRangeLoop && q.neverDone != nil && q.neverDone(rs) {
		return rangeBodyOnly(b)
	}
	if q.isErr == nil && q.isNil == nil && q.seenClosed == nil && q.isMade == nil || len(b.Succs) != 2 || len(b.Nodes) == 0 {
		return b.Succs
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok {
		return b.Succs
	}
	onTrue, onFalse := q.nothingOn(cond)
	switch {
	case onTrue && onFalse:
		return nil
	case onTrue && !onFalse:
		return b.Succs[1:]
	case onFalse && !onTrue:
		return b.Succs[:1]
	}
	return b.Succs
}

// nothingOn reports whether, when cond is true (onTrue) or false
// (onFalse), the resource was not made: its error result is set (err !=
// nil, err == errSentinel, errors.Is(err, x)) or it is nil itself. The
// CFG keeps a condition joined by || and && whole; each side counts.
func (q flowQuery) nothingOn(cond ast.Expr) (onTrue, onFalse bool) {
	isErr := func(e ast.Expr) bool { return q.isErr != nil && q.isErr(ast.Unparen(e)) }
	isNil := func(e ast.Expr) bool { return q.isNil != nil && q.isNil(ast.Unparen(e)) }
	switch e := ast.Unparen(cond).(type) {
	case *ast.Ident:
		if q.seenClosed != nil && q.seenClosed(e) {
			return false, true // v, ok := <-ch; if !ok: ch was closed
		}
		if q.isMade != nil && q.isMade(e) {
			return false, true // if pending { ... }: nothing was started otherwise
		}
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			t, f := q.nothingOn(e.X)
			return f, t
		}
	case *ast.CallExpr:
		if q.errTest != nil && len(e.Args) > 0 && q.errTest(e) && isErr(e.Args[0]) {
			return true, false // errors.Is(err, x): the true branch has an error
		}
		if q.okTest != nil {
			if i := q.okTest(e); i >= 0 && i < len(e.Args) && isErr(e.Args[i]) {
				return false, true // assert.NoError(t, err): the false branch has an error
			}
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LOR:
			xt, xf := q.nothingOn(e.X)
			yt, yf := q.nothingOn(e.Y)
			return xt && yt, xf || yf // false: both sides are
		case token.LAND:
			xt, xf := q.nothingOn(e.X)
			yt, yf := q.nothingOn(e.Y)
			return xt || yt, xf && yf // true: both sides are
		case token.EQL, token.NEQ:
			var other ast.Expr
			switch {
			case isNilIdent(e.Y):
				other = e.X
			case isNilIdent(e.X):
				other = e.Y
			default:
				if isErr(e.X) || isErr(e.Y) {
					if e.Op == token.NEQ {
						return false, true // err != errSentinel: the false branch has an error
					}
					return true, false // err == errSentinel: the true branch has an error
				}
				return false, false
			}
			if q.nilDone && isErr(other) {
				return true, true // either way: failed, or released
			}
			// err != nil and v == nil hold nothing when true.
			if isErr(other) == (e.Op == token.NEQ) && (isErr(other) || isNil(other)) {
				return true, false
			}
			if isErr(other) || isNil(other) {
				return false, true
			}
		}
	}
	return false, false
}

func isNilIdent(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// deferredBefore reports whether a defer statement that precedes from in
// one of its enclosing blocks (within the function body) uses the resource:
// such a defer runs on every return after from.
// A t.Cleanup(func() { ... }) registered before from counts like a defer.
func deferredBefore(info *types.Info, body *ast.BlockStmt, from ast.Node, used func(ast.Node) bool) bool {
	return precededBy(body, from, func(s ast.Stmt) bool {
		switch s := s.(type) {
		case *ast.DeferStmt:
			return used(s)
		case *ast.ExprStmt:
			if call, ok := s.X.(*ast.CallExpr); ok {
				if fn := callee(info, call); fn != nil && fn.Name() == "Cleanup" && fn.Pkg() != nil && fn.Pkg().Path() == "testing" {
					return used(s)
				}
			}
		}
		return false
	})
}

// precededBy reports whether a statement satisfying pred comes before from
// in from's block or in one of the blocks around it, within body: such a
// statement has run whenever from runs (goto aside).
func precededBy(body *ast.BlockStmt, from ast.Node, pred func(ast.Stmt) bool) bool {
	var visit func(list []ast.Stmt) bool
	visit = func(list []ast.Stmt) bool {
		for _, s := range list {
			if s.Pos() <= from.Pos() && from.End() <= s.End() {
				// from is inside s: descend into its blocks.
				for _, inner := range innerLists(s) {
					if visit(inner) {
						return true
					}
				}
				return false
			}
			if s.End() <= from.Pos() && pred(s) {
				return true
			}
		}
		return false
	}
	return body != nil && visit(body.List)
}

// innerLists returns the statement lists directly inside s.
func innerLists(s ast.Stmt) [][]ast.Stmt {
	switch s := s.(type) {
	case *ast.BlockStmt:
		return [][]ast.Stmt{s.List}
	case *ast.LabeledStmt:
		return [][]ast.Stmt{{s.Stmt}}
	case *ast.IfStmt:
		l := [][]ast.Stmt{s.Body.List}
		if s.Else != nil {
			l = append(l, []ast.Stmt{s.Else})
		}
		return l
	case *ast.ForStmt:
		return [][]ast.Stmt{s.Body.List}
	case *ast.RangeStmt:
		return [][]ast.Stmt{s.Body.List}
	case *ast.SwitchStmt:
		return clauseLists(s.Body)
	case *ast.TypeSwitchStmt:
		return clauseLists(s.Body)
	case *ast.SelectStmt:
		return clauseLists(s.Body)
	}
	return nil
}

func clauseLists(body *ast.BlockStmt) [][]ast.Stmt {
	var l [][]ast.Stmt
	for _, c := range body.List {
		switch c := c.(type) {
		case *ast.CaseClause:
			l = append(l, c.Body)
		case *ast.CommClause:
			l = append(l, c.Body)
		}
	}
	return l
}

// rangeBodyOnly returns the successors of a range loop's head but the
// block its end goes to (the channel closed): a break inside still
// reaches that block.
func rangeBodyOnly(b *cfg.Block) []*cfg.Block {
	var out []*cfg.Block
	for _, s := range b.Succs {
		if s.Kind != cfg.KindRangeDone {
			out = append(out, s)
		}
	}
	return out
}
