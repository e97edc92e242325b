package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// A lock left held: a function of the package that may return with a
// mutex it took still locked while its other paths release it (a
// function with no results, so not a tryLock that hands the lock to its
// caller), or that takes a mutex it already holds and never releases
// (s.mu.Lock(); if s.drain { s.mu.Lock() }). A goroutine that takes that
// mutex may wait for it for ever, even when it is joined: that join never
// completes, as with a channel nothing closes.

// lockLeft says where a mutex (a field of a named type, or a package
// variable) may be left held.
type lockLeft struct {
	fn  string    // the function that leaves it
	at  token.Pos // the return that leaves it held, or the second Lock
	why string    // "returns holding it", "locks it again"
}

// leftLocks returns, once per package, the mutexes some function may
// leave held, by key.
func (c *checker) leftLocks() map[cancelKey]*lockLeft {
	if c.lockLefts != nil {
		return c.lockLefts
	}
	c.lockLefts = make(map[cancelKey]*lockLeft)
	// The functions of each file in the order of the source, by the
	// inspector's events, which skip the subtrees that hold none.
	c.root.Inspect(funcNodes, func(cur inspector.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if c.isTestFunc(n) {
				return false // a test holds locks to stage a race on purpose
			}
			if n.Body != nil {
				c.lockStates(cur, n, n.Type, n.Body)
			}
		case *ast.FuncLit:
			c.lockStates(cur, n, n.Type, n.Body)
		}
		return true
	})
	return c.lockLefts
}

// funcNodes are the nodes of functions, declared and literal.
var funcNodes = []ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)}

// lockNodes are the nodes lockStates looks at first.
var lockNodes = []ast.Node{(*ast.FuncLit)(nil), (*ast.DeferStmt)(nil), (*ast.CallExpr)(nil)}

// mutexCall returns the key of the mutex a call locks or unlocks
// (s.mu.Lock(), mu.Unlock()), with lock true for Lock. Read locks are not
// followed.
func (c *checker) mutexCall(n ast.Node) (k cancelKey, lock, ok bool) {
	call, isCall := n.(*ast.CallExpr)
	if !isCall {
		return
	}
	fn := callee(c.info, call)
	if !isMethod(fn, "sync", "Mutex", "Lock", "Unlock") && !isMethod(fn, "sync", "RWMutex", "Lock", "Unlock") {
		return
	}
	sel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	p := pathOf(c.info, sel.X)
	if !p.valid() || p.fields == "" && !isGlobal(p.root) {
		return // a local mutex: its function's own business
	}
	k, ok = c.keyOf(p)
	return k, fn.Name() == "Lock", ok
}

// lockStates walks the paths of one function (at cur), tracking which
// mutexes it took are held, and records in c.lockLefts the ones it may
// leave held.
func (c *checker) lockStates(cur inspector.Cursor, fn ast.Node, ft *ast.FuncType, body *ast.BlockStmt) {
	var keys []cancelKey
	unlocked := make(map[cancelKey]bool)
	deferred := make(map[cancelKey]bool)
	// Only calls can be a mutex's (mutexCall): the inspector's events
	// skip the subtrees that hold none.
	inBody := func(f func(ast.Node) bool) {
		for b := range cur.Children() {
			if b.Node() == body {
				b.Inspect(lockNodes, func(k inspector.Cursor) bool { return f(k.Node()) })
			}
		}
	}
	inBody(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			// defer mu.Unlock(), defer func() { mu.Unlock() }()
			ast.Inspect(n.Call, func(m ast.Node) bool {
				if k, lock, ok := c.mutexCall(m); ok && !lock {
					deferred[k] = true
				}
				return true
			})
			return false
		}
		if k, lock, ok := c.mutexCall(n); ok {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
			unlocked[k] = unlocked[k] || !lock
		}
		return true
	})
	if len(keys) == 0 {
		return
	}
	// A call of the package that unlocks the mutex (handleErrAndUnlock)
	// may be where the lock goes: this function's paths say nothing.
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			// doErr := func(err error) { ...; mu.Unlock() }: a literal
			// of the function may release it for its paths.
			ast.Inspect(lit.Body, func(m ast.Node) bool {
				if k, lock, ok := c.mutexCall(m); ok && !lock {
					deferred[k] = true
				}
				return true
			})
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if f := callee(c.info, call); f != nil {
				for _, k := range c.unlocksThrough(f, 0) {
					deferred[k] = true
				}
			}
		}
		return true
	})
	keys = slices.DeleteFunc(keys, func(k cancelKey) bool { return deferred[k] || c.lockLefts[k] != nil })
	if len(keys) == 0 || len(keys) > 16 {
		return
	}
	graph := c.cfgOf(fn)
	if graph == nil || len(graph.Blocks) == 0 {
		return
	}
	name := c.funcName(fn)
	if _, ok := fn.(*ast.FuncLit); ok {
		name += " at " + c.shortPos(fn)
	}
	// Lock calls in a loop may take another value's mutex of the same
	// field each time round (for _, mb := range blks { mb.mu.Lock() }).
	inLoop := make(map[ast.Node]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			ast.Inspect(n, func(m ast.Node) bool {
				if _, ok := m.(*ast.CallExpr); ok {
					inLoop[m] = true
				}
				return true
			})
			return false
		}
		return true
	})
	bit := func(k cancelKey) uint32 { return 1 << slices.Index(keys, k) }
	noResults := ft.Results == nil || len(ft.Results.List) == 0
	q := flowQuery{g: graph, flag: c.stableFlag(fn)} // if useLock { Lock() } ... if useLock { Unlock() }
	type item struct {
		b             *cfg.Block
		held, touched uint32
		flags         string
	}
	seen := make(map[item]bool)
	var heldEnd, freeEnd, callerHeld uint32
	heldAt := make(map[cancelKey]token.Pos)
	stack := []item{{b: graph.Blocks[0]}}
	for len(stack) > 0 && len(seen) < 4096 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[it] {
			continue
		}
		seen[it] = true
		held, touched := it.held, it.touched
		for _, n := range it.b.Nodes {
			ast.Inspect(n, func(m ast.Node) bool {
				switch m.(type) {
				case *ast.FuncLit, *ast.DeferStmt, *ast.GoStmt:
					return false
				}
				k, lock, ok := c.mutexCall(m)
				if !ok || !slices.Contains(keys, k) {
					return true
				}
				switch {
				case !lock && touched&bit(k) == 0:
					callerHeld |= bit(k) // s.mu.Unlock() first: the caller's lock, lent
				case lock && held&bit(k) != 0 && !unlocked[k] && !inLoop[m]:
					// Taken again, by a function that never releases it.
					c.lockLefts[k] = &lockLeft{fn: name, at: m.Pos(), why: "locks it again while holding it, and never unlocks it"}
				}
				touched |= bit(k)
				if lock {
					held |= bit(k)
				} else {
					held &^= bit(k)
				}
				return true
			})
		}
		if len(it.b.Succs) == 0 {
			if it.b.Return() == nil && len(it.b.Nodes) > 0 {
				continue // panic, os.Exit, t.Fatal: not a return
			}
			if it.b.Kind == cfg.KindSelectAfterCase {
				continue // past the last case of a select with no default: no path goes on
			}
			heldEnd |= held
			freeEnd |= ^held
			for _, k := range keys {
				if held&bit(k) != 0 && heldAt[k] == token.NoPos {
					heldAt[k] = body.Rbrace
					if r := it.b.Return(); r != nil {
						heldAt[k] = r.Pos()
					}
				}
			}
			continue
		}
		for _, s := range q.flagSuccs(it.b, it.flags) {
			stack = append(stack, item{s.b, held, touched, s.flags})
		}
	}
	if !noResults {
		return // a lock handed to the caller with a result (tryLock)
	}
	for _, k := range keys {
		// Locked and unlocked here, taken first on every path, held at
		// some return and not at another.
		if unlocked[k] && callerHeld&bit(k) == 0 && heldEnd&freeEnd&bit(k) != 0 && c.lockLefts[k] == nil {
			c.lockLefts[k] = &lockLeft{fn: name, at: heldAt[k], why: "returns holding it, where its other paths unlock it"}
		}
	}
}

// unlocksThrough returns the mutexes f, a function of the package, or
// the functions it calls (two calls deep) unlock, remembered.
func (c *checker) unlocksThrough(f *types.Func, depth int) []cancelKey {
	f = f.Origin()
	if ks, ok := c.unlocks[f]; ok || depth > 2 {
		return ks
	}
	if c.unlocks == nil {
		c.unlocks = make(map[*types.Func][]cancelKey)
	}
	c.unlocks[f] = nil // a recursive call adds nothing
	d := c.decls[f]
	if d == nil || d.Body == nil {
		return nil
	}
	var out []cancelKey
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if k, lock, ok := c.mutexCall(n); ok && !lock {
			out = append(out, k)
		} else if call, ok := n.(*ast.CallExpr); ok {
			if g := callee(c.info, call); g != nil && g.Pkg() == c.pass.Pkg {
				out = append(out, c.unlocksThrough(g, depth+1)...)
			}
		}
		return true
	})
	c.unlocks[f] = out
	return out
}

// lockWaitLeft returns a mutex the goroutine of g takes (in what it runs,
// and in the functions of the package it calls, a few calls deep) that
// some function may leave held, with the call that takes it.
func (c *checker) lockWaitLeft(g *ast.GoStmt, fn ast.Node) (*lockLeft, *ast.CallExpr) {
	left := c.leftLocks()
	if len(left) == 0 {
		return nil, nil
	}
	var found *lockLeft
	var at *ast.CallExpr
	seen := make(map[*types.Func]bool)
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found != nil {
				return false
			}
			switch m.(type) {
			case *ast.GoStmt, *ast.DeferStmt:
				return false
			}
			call, ok := m.(*ast.CallExpr)
			if !ok {
				return true
			}
			if k, lock, ok := c.mutexCall(call); ok && lock && left[k] != nil {
				found, at = left[k], call
				return false
			}
			if f := callee(c.info, call); f != nil && depth < 3 && !seen[f] {
				seen[f] = true
				if d := c.decls[f.Origin()]; d != nil && d.Body != nil {
					walk(d.Body, depth+1)
				}
			}
			return true
		})
	}
	walk(c.goRuns(g, fn), 0)
	return found, at
}

// locksReleased reports whether every lock the goroutine of g may take,
// in what it runs and in the functions of the package that calls, three
// deep, is one of a mutex of the package (a field's, a global's) that no
// function leaves held (c.mu.Lock(); defer c.mu.Unlock() everywhere) and
// whose every holder in the package is a leaf (heldBriefly): it waits for
// one only while another holder runs its critical section. A lock taken
// further down, or in another package, is not known.
func (c *checker) locksReleased(g *ast.GoStmt, fn ast.Node) bool {
	left := c.leftLocks()
	ok, locks := true, 0
	seen := make(map[*types.Func]bool)
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		ast.Inspect(n, func(m ast.Node) bool {
			if !ok {
				return false
			}
			if _, isGo := m.(*ast.GoStmt); isGo {
				return false
			}
			call, isCall := m.(*ast.CallExpr)
			if !isCall {
				return true
			}
			f := callee(c.info, call)
			if k, lock, known := c.lockCall(call); lock {
				ok = known && left[k] == nil && c.heldBriefly(k)
				locks++
				return true
			}
			if f == nil {
				return true
			}
			if d := c.decls[f.Origin()]; d != nil && d.Body != nil && depth < 3 {
				if !seen[f] {
					seen[f] = true
					walk(d.Body, depth+1)
				}
				return true
			}
			if s := c.calleeSummary(f); s != nil && s.locks {
				ok = false
			}
			return true
		})
	}
	walk(c.goRuns(g, fn), 0)
	return ok && locks > 0
}

// lockCall is mutexCall with read locks: for a call that takes a lock
// (Lock, RLock, and Lock through any sync.Locker), lock is true, and known
// when it is a Mutex's or RWMutex's in a field or a global, k its key.
func (c *checker) lockCall(call *ast.CallExpr) (k cancelKey, lock, known bool) {
	f := callee(c.info, call)
	switch {
	case isMethod(f, "sync", "Mutex", "Lock") || isMethod(f, "sync", "RWMutex", "Lock", "RLock"):
		p := pathOf(c.info, ast.Unparen(call.Fun).(*ast.SelectorExpr).X)
		if !p.valid() || p.fields == "" && !isGlobal(p.root) {
			return k, true, false
		}
		k, known = c.keyOf(p)
		return k, true, known
	case f != nil && f.Name() == "Lock" && isLocker(f):
		return k, true, false // cond.L.Lock(), an RLocker(): which mutex is not known
	}
	return k, false, false
}

// condMutexes are the mutexes the sync.Conds the package makes lock: the
// keys of those given by address (sync.NewCond(&s.mu)), and all false when
// some Cond is given another Locker (a variable, a value that embeds a
// mutex). A fresh mutex (sync.NewCond(&sync.Mutex{})) is none of the
// package's. taken are the mutexes whose address the package takes
// elsewhere, which may end in a Cond another package makes.
type condMutexes struct {
	keys, taken []cancelKey
	all         bool
}

// condMutexesOf returns, once per package, the mutexes its Conds lock.
func (c *checker) condMutexesOf() *condMutexes {
	if c.condMus != nil {
		return c.condMus
	}
	m := &condMutexes{all: true}
	c.condMus = m
	given := make(map[ast.Expr]bool)
	for cur := range c.preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if f := callee(c.info, call); f == nil || f.Pkg() == nil || f.Pkg().Path() != "sync" || f.Name() != "NewCond" || len(call.Args) != 1 {
			continue
		}
		arg := ast.Unparen(call.Args[0])
		given[arg] = true
		switch a := arg.(type) {
		case *ast.UnaryExpr:
			if _, fresh := ast.Unparen(a.X).(*ast.CompositeLit); a.Op == token.AND && fresh {
				continue // &sync.Mutex{}
			}
			if k, ok := c.keyOf(pathOf(c.info, a.X)); a.Op == token.AND && ok && isMutexType(c.typeOf(a.X)) {
				m.keys = append(m.keys, k)
				continue
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(a.Fun).(*ast.Ident); ok && id.Name == "new" && len(a.Args) == 1 && isMutexType(c.typeOf(a.Args[0])) {
				continue // new(sync.Mutex)
			}
		}
		m.all = false
	}
	for cur := range c.preorder((*ast.UnaryExpr)(nil)) {
		u := cur.Node().(*ast.UnaryExpr)
		if u.Op != token.AND || given[u] || !isMutexType(c.typeOf(u.X)) {
			continue
		}
		if k, ok := c.keyOf(pathOf(c.info, u.X)); ok {
			m.taken = append(m.taken, k)
		} else {
			m.all = false
		}
	}
	return m
}

// isMutexType reports whether t is sync.Mutex or sync.RWMutex.
func isMutexType(t types.Type) bool {
	return isNamed(t, "sync", "Mutex") || isNamed(t, "sync", "RWMutex")
}

// condLockerNot reports whether call, a Lock through a sync.Locker, is
// cond.L.Lock() on a Cond that cannot lock the mutex k: every Cond of the
// package locks a mutex known to be another, and k's address goes nowhere
// else.
func (c *checker) condLockerNot(call *ast.CallExpr, k cancelKey) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	l, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok || l.Sel.Name != "L" {
		return false
	}
	t := c.typeOf(l.X)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if !isNamed(t, "sync", "Cond") {
		return false
	}
	m := c.condMutexesOf()
	return m.all && !slices.Contains(m.keys, k) && !slices.Contains(m.taken, k)
}

// isLocker reports whether f is the Lock method of an interface that
// sync.Locker is, or of sync.Locker itself.
func isLocker(f *types.Func) bool {
	sig, ok := f.Type().(*types.Signature)
	return ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) && sig.Params().Len() == 0 && sig.Results().Len() == 0
}

// heldBriefly reports whether every function of the package that locks
// the mutex k (and no lock of the package goes through a sync.Locker,
// which may be it) is a leaf: it waits on nothing else, takes no other
// lock and calls nothing that may (a second lock of k through a callee,
// another in the other order elsewhere, a channel it waits on while
// holding k could hold it for ever). Judged on the whole function, not
// only where it holds k.
func (c *checker) heldBriefly(k cancelKey) bool {
	if b, ok := c.briefLocks[k]; ok {
		return b
	}
	brief, any := true, false
	for cur := range c.preorder((*ast.CallExpr)(nil)) {
		lk, lock, known := c.lockCall(cur.Node().(*ast.CallExpr))
		if !lock {
			continue
		}
		if !known {
			if f := callee(c.info, cur.Node().(*ast.CallExpr)); f != nil && isLocker(f) && !c.condLockerNot(cur.Node().(*ast.CallExpr), k) {
				brief = false // a Locker may be this mutex
				break
			}
			continue
		}
		if lk != k {
			continue
		}
		any = true
		fnCur := enclosingFunc(cur)
		if !fnCur.Valid() || !c.leafBody(funcBody(fnCur.Node()), cur.Node()) {
			brief = false
			break
		}
	}
	if c.briefLocks == nil {
		c.briefLocks = make(map[cancelKey]bool)
	}
	c.briefLocks[k] = brief && any
	return brief && any
}

// leafBody reports whether body, which takes the lock at lock, waits on
// nothing and takes no other lock: no channel operation or select, no
// call of a function value or an interface's method, of a function whose
// summary waits, locks or cannot be read, or of the package's functions
// that lock (mayLock).
func (c *checker) leafBody(body *ast.BlockStmt, lock ast.Node) bool {
	leaf := true
	ast.Inspect(body, func(n ast.Node) bool {
		if !leaf {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.SendStmt, *ast.SelectStmt:
			leaf = false
		case *ast.UnaryExpr:
			leaf = n.Op != token.ARROW
		case *ast.RangeStmt:
			leaf = !isChan(c.typeOf(n.X))
		case *ast.CallExpr:
			if n == lock {
				return true
			}
			if _, lock, _ := c.lockCall(n); lock {
				leaf = false
				return false
			}
			if tv, ok := c.info.Types[n.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
				return true // a conversion, or a builtin: none waits (close(done) too)
			}
			f := callee(c.info, n)
			if f == nil {
				leaf = false // a function value
				return false
			}
			if isMethod(f, "sync", "Mutex", "Unlock") || isMethod(f, "sync", "RWMutex", "Unlock", "RUnlock") {
				return true
			}
			if isMethod(f, "context", "Context", "Err", "Deadline", "Value", "Done") {
				return true // a context's accessors do not wait (ctx.Err() under the lock)
			}
			if sig, ok := f.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
				leaf = false
				return false
			}
			if c.mayLock(f, 0) {
				leaf = false
				return false
			}
			if s := c.calleeSummary(f); s != nil && (s.waits || s.opaque || s.unread || len(s.blocks) > 0) {
				leaf = false
			}
		}
		return true
	})
	return leaf
}

// mayLock reports whether a call of f may take a lock: f's summary says
// so, or f is a function of the package whose body, three calls deep,
// locks a mutex.
func (c *checker) mayLock(f *types.Func, depth int) bool {
	if s := c.calleeSummary(f); s != nil && s.locks {
		return true
	}
	d := c.decls[f.Origin()]
	if d == nil || d.Body == nil || depth >= 3 {
		return false
	}
	found := false
	ast.Inspect(d.Body, func(m ast.Node) bool {
		if _, isGo := m.(*ast.GoStmt); isGo || found {
			return false
		}
		if call, isCall := m.(*ast.CallExpr); isCall {
			if _, lock, _ := c.lockCall(call); lock {
				found = true
			} else if g := callee(c.info, call); g != nil && g != f {
				found = c.mayLock(g, depth+1)
			}
		}
		return true
	})
	return found
}

// lockLeftDesc says why a goroutine may wait for a lock for ever.
func (c *checker) lockLeftDesc(l *lockLeft, at *ast.CallExpr) string {
	p := c.pass.Fset.Position(l.at)
	return fmt.Sprintf("it waits for %s (%s at %s), which %s may leave locked: it %s (%s:%d)",
		c.text(ast.Unparen(at.Fun).(*ast.SelectorExpr).X), c.text(at), c.shortPos(at),
		l.fn, l.why, filepath.Base(p.Filename), p.Line)
}

// goRuns returns what the goroutine of g runs, to walk: the body of its
// function literal (also one fn declares and g names), or its call.
func (c *checker) goRuns(g *ast.GoStmt, fn ast.Node) ast.Node {
	if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		return lit.Body
	}
	if lit := c.localFuncLit(g.Call.Fun, fn); lit != nil {
		return lit.Body
	}
	return g.Call
}
