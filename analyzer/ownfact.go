package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"iter"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// ownFact carries a function's summary (block.go, effect.go) to the
// packages that import it, so that the ownership model sees through calls
// across packages: what the function blocks on and what it releases, in
// terms of its receiver and parameters.
type ownFact struct {
	Blocks  [][]factAlt // each block's alternatives; an empty one never ends
	Effects []factEffect
	Returns *factPath // the channel it returns, if any
	// ReturnsDone: Returns is a context whose Done it returns, cancelled
	// by ReturnsCancel when known.
	ReturnsDone   bool
	ReturnsCancel *factPath
	// CtxCancels: the contexts it returns whose cancel it keeps in a
	// field (see summary.ctxCancels).
	CtxCancels []factCtxCancel
	Owes       []factObligation
	// ArgStops: its goroutines that end when the caller stops an
	// argument (Target), with what they do as they end (exits.go).
	ArgStops []factObligation
	// Registers: the parameters it stores as elements of a slice or map
	// field of its receiver or another parameter (registry.go).
	Registers []factRegistration
	Fresh     bool // its first result is a value it made itself (a constructor)
	// ReturnsRecv: a method that returns its receiver on every return
	// (a fluent Start): what the receiver owes, its result owes.
	ReturnsRecv bool
	// Starts: one of its go statements starts a goroutine it does not
	// join before returning (handed on, or bare): see startsOutliving.
	Starts bool
	// Endless: it never returns (neverReturns): a caller's code after a
	// call of it never runs.
	Endless bool
	// NeverFails: its error result is nil on every return.
	NeverFails bool
	// CtxValues lists its context parameters that it reads only for their
	// values (a logger's), which context.Background() does not detach.
	CtxValues []int
	// CtxBounded lists its context parameters it gives a deadline of its
	// own when they have none, which context.Background() is bounded by.
	CtxBounded []int
	// CtxWraps lists its context parameters it returns with values added
	// only (context.WithValue(ctx, k, v)): given a root, it returns one.
	CtxWraps []int
	// Keeps lists the parameters it keeps where they outlive the call: in
	// its receiver's fields, a package variable (keptParams).
	Keeps []int
	// Borrows lists the parameters of a type with methods that it only
	// borrows, with the methods it calls on them (borrowOf): a caller that
	// gives it a value it owes a stop still owes it.
	Borrows []factBorrow
	// Calls lists the function-value parameters it calls (summary.calls):
	// a catcher's Try(f) runs f, and waits on whatever f waits on.
	Calls []int
	// Opaque: it is a method that calls a function value held in a field
	// of its receiver, which the pass cannot read (a handler its user
	// sets), and may wait on anything: a caller knows no more of it than
	// the function's own package does, and stops it through the receiver.
	// (A function calling a dialer its options hold is not marked: its
	// callers take it as code that does not wait.)
	Opaque bool
	// Procs lists the results by which it hands on a process it started
	// (an *exec.Cmd, or its *os.Process): its caller must wait for it.
	Procs []int
}

// A factBorrow is a parameter a function only borrows, and the names of
// the methods it calls on it (borrowOf).
type factBorrow struct {
	Param   int
	Methods []string
}

// A factCtxCancel is a ctxCancel.
type factCtxCancel struct {
	Result int
	Cancel factPath
	Parent int // -1: none
}

// A factObligation is an obligation (obligation.go) of the function's
// callers.
type factObligation struct {
	Target  int // -1 the receiver, i >= 0 parameter i, -2-i result i
	Fields  string
	Kind    uint8
	Needs   [][]factRelease
	Joins   []factRelease
	Methods []string
	ByName  bool   // Methods stop it by their names
	At      string // the go statement: "example.com/lib/lib.go:12"
	Runs    string // what it runs
	Exits   []factExit
	ArgEnds int  // 1+i: stopping argument i ends it
	Roomy   bool // the channel has room for every send
	// SendEnds: one value sent on the channel ends the goroutine (obClose)
	SendEnds bool
	Drain    bool      // it sends more than once: one receive does not take it all
	Gate     *factGate // the option that decides whether it starts
	// NilStopped: the method's nil error says its receiver was stopped
	NilStopped bool
	Closer     int // 1+j: calling result j stops it
	Twin       int // 1+j: result j is the same value
	// FailsClean: a non-nil error says nothing was handed on
	FailsClean bool
	Hooks      []factHook // registries whose functions stop it
	LastCall   int        // 1+i: its last act calls the function given as parameter i
	MadeFlag   int        // 1+i: its boolean result i says whether it started the goroutine
}

// A factHook is an obligation's hook: a registry below the target whose
// functions stop the value.
type factHook struct {
	Target int
	Fields string
}

// A factGate is a gate (gate.go).
type factGate struct {
	Target    int
	Fields    string
	On        bool
	Enablers  []string    // for a gate by functional options
	Disablers []string    // for a gate by functional options on by default
	DoneNil   bool        // for a gate on a context's Done() being nil
	ValueNil  bool        // for a gate on a context carrying a value
	NonNil    bool        // for a gate on a parameter being nil
	Op        int         // for a gate on a number: the comparison (a go/token.Token)
	Bound     int         // and the constant it compares with
	AnyOf     []*factGate // for a disjunction: single gates, one of which starts it
	Also      *factGate   // a further gate the goroutine must pass too
}

// A factExit is an exitEffect (exits.go).
type factExit struct {
	Target int
	Fields string
	Kind   uint8
}

// A factPath is a path rooted at the receiver (Root -1) or a parameter.
type factPath struct {
	Root   int
	Fields string
}

type factAlt struct {
	Kind   uint8
	Path   factPath
	Exits  bool
	Cancel *factPath
}

type factEffect struct {
	Kind uint8
	Path factPath
}

// A factRelease is a release (obligation.go).
type factRelease struct {
	Kinds  []uint8
	Fields string
	Prefix bool
}

func (*ownFact) AFact() {}

func (f *ownFact) String() string {
	var parts []string
	for _, b := range f.Blocks {
		var alts []string
		for _, a := range b {
			alts = append(alts, altNames[a.Kind]+" "+a.Path.String())
		}
		parts = append(parts, "blocks("+strings.Join(alts, " | ")+")")
	}
	for _, e := range f.Effects {
		parts = append(parts, effNames[e.Kind]+" "+e.Path.String())
	}
	if f.Returns != nil {
		ret := f.Returns.String()
		if f.ReturnsDone {
			ret += ".Done()"
		}
		parts = append(parts, "returns "+ret)
	}
	if f.Fresh {
		parts = append(parts, "fresh")
	}
	if f.Starts {
		parts = append(parts, "starts")
	}
	if f.Opaque {
		parts = append(parts, "opaque")
	}
	if f.NeverFails {
		parts = append(parts, "never fails")
	}
	for _, i := range f.CtxValues {
		parts = append(parts, fmt.Sprintf("values of param%d", i))
	}
	for _, i := range f.CtxBounded {
		parts = append(parts, fmt.Sprintf("deadline for param%d", i))
	}
	for _, i := range f.CtxWraps {
		parts = append(parts, fmt.Sprintf("values on param%d", i))
	}
	for _, i := range f.Keeps {
		parts = append(parts, fmt.Sprintf("keeps param%d", i))
	}
	for _, b := range f.Borrows {
		how := fmt.Sprintf("borrows param%d", b.Param)
		if len(b.Methods) > 0 {
			how += " calling " + strings.Join(b.Methods, "|")
		}
		parts = append(parts, how)
	}
	for _, o := range f.Owes {
		how := obNames[o.Kind]
		if o.Drain {
			how += " all"
		}
		if len(o.Methods) > 0 {
			how += " " + strings.Join(o.Methods, "|")
		}
		parts = append(parts, "owes "+how+" "+targetName(o.Target)+o.Fields+" for "+o.At+argEndsName(o.ArgEnds)+exitNames(o.Exits)+gateName(o.Gate))
	}
	for _, r := range f.Registers {
		parts = append(parts, "registers "+r.From.String()+" in "+r.To.String())
	}
	for _, o := range f.ArgStops {
		parts = append(parts, "ends with "+targetName(o.Target)+o.Fields+" for "+o.At+exitNames(o.Exits))
	}
	return "own(" + strings.Join(parts, "; ") + ")"
}

// targetName names an obligation's target: recv, param0, result0.
func targetName(t int) string {
	switch {
	case t == -1:
		return "recv"
	case t >= 0:
		return fmt.Sprintf("param%d", t)
	}
	return "result" + fmt.Sprint(-2-t)
}

// gateName says which option starts a goroutine, for String.
func gateName(g *factGate) string {
	if g == nil {
		return ""
	}
	if g.Also != nil {
		return oneGateName(g) + " and" + gateName(g.Also)
	}
	return oneGateName(g)
}

// oneGateName says which option starts a goroutine, for one gate.
func oneGateName(g *factGate) string {
	if g.AnyOf != nil {
		var parts []string
		for _, alt := range g.AnyOf {
			parts = append(parts, strings.TrimPrefix(oneGateName(alt), " if "))
		}
		return " if one of (" + strings.Join(parts, " or ") + ")"
	}
	if g.Enablers != nil {
		return fmt.Sprintf(" if %s holds an option of %s", targetName(g.Target), strings.Join(g.Enablers, ", "))
	}
	if g.Disablers != nil {
		return fmt.Sprintf(" unless %s turns it off with %s(false)", targetName(g.Target), strings.Join(g.Disablers, ", "))
	}
	if g.DoneNil {
		return fmt.Sprintf(" if %s can be done", targetName(g.Target))
	}
	if g.ValueNil {
		return fmt.Sprintf(" if %s carries a value", targetName(g.Target))
	}
	if g.NonNil {
		return fmt.Sprintf(" if (%s%s != nil) is %v", targetName(g.Target), g.Fields, g.On)
	}
	if g.Op != 0 {
		return fmt.Sprintf(" if (%s%s %s %d) is %v", targetName(g.Target), g.Fields, token.Token(g.Op), g.Bound, g.On)
	}
	return fmt.Sprintf(" if %s%s is %v", targetName(g.Target), g.Fields, g.On)
}

// argEndsName says which argument's stop ends a goroutine, for String.
func argEndsName(i int) string {
	if i == 0 {
		return ""
	}
	return fmt.Sprintf(" ends with param%d", i-1)
}

// exitNames lists exits for a fact's String: " exits close result0.done".
func exitNames(xs []factExit) string {
	var parts []string
	for _, x := range xs {
		parts = append(parts, effNames[x.Kind]+" "+targetName(x.Target)+x.Fields)
	}
	if len(parts) == 0 {
		return ""
	}
	return " exits " + strings.Join(parts, ", ")
}

func (p factPath) String() string {
	if p.Root < 0 {
		return "recv" + p.Fields
	}
	return fmt.Sprintf("param%d%s", p.Root, p.Fields)
}

var (
	obNames  = [...]string{obRecv: "recv", obWait: "wait", obStop: "stop", obClose: "close", obCancel: "cancel", obCallback: "callback"}
	altNames = [...]string{altRecv: "recv", altSend: "send", altDone: "done", altIO: "io", altWait: "wait"}
	effNames = [...]string{effClose: "close", effSend: "send", effRecv: "recv", effCancel: "cancel", effStop: "stop", effWait: "wait", effDone: "done", effDrain: "drain"}
)

// exportCallFacts exports, for a package the pass otherwise skips (no go
// statement, nothing of concurrency imported), the function-value
// parameters its exported functions call in their own bodies: a panic
// catcher's Try(f) runs f, and a goroutine of another package that calls
// it waits on whatever f waits on (summary.calls).
func (c *checker) exportCallFacts() {
	for fd, fn := range c.exportedFuncs() {
		params := fn.Type().(*types.Signature).Params()
		var calls []int
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
					for i := range params.Len() {
						if c.info.Uses[id] == params.At(i) && !slices.Contains(calls, i) {
							calls = append(calls, i)
						}
					}
				}
			}
			return true
		})
		if len(calls) > 0 {
			slices.Sort(calls)
			c.pass.ExportObjectFact(fn, &ownFact{Calls: calls})
		}
	}
}

// exportedFuncs yields the exported functions and methods declared with
// a body in the package, outside the standard library (whose facts the
// pass does not export).
func (c *checker) exportedFuncs() iter.Seq2[*ast.FuncDecl, *types.Func] {
	return func(yield func(*ast.FuncDecl, *types.Func) bool) {
		if c.std {
			return
		}
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil || !token.IsExported(fd.Name.Name) {
					continue
				}
				if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok && !yield(fd, fn) {
					return
				}
			}
		}
	}
}

// exportOwnFacts exports the summary of every exported function and
// method of the package that blocks, releases or returns a channel.
func (c *checker) exportOwnFacts() {
	for _, fn := range c.exportedFuncs() {
		if c.testEntry(fn) {
			continue
		}
		fact := c.toFact(fn, c.summaryOf(fn), c.obligations[fn], c.constructs(fn))
		vals, bounded, wraps := c.ctxParams(fn)
		keeps := c.keptParams(fn)
		borrows := c.borrowedParams(fn)
		endless := c.neverReturns(fn)
		fails := c.neverFails(fn)
		procs := c.startedResults(fn)
		if len(vals) > 0 || len(bounded) > 0 || len(wraps) > 0 || len(keeps) > 0 || len(borrows) > 0 || endless || fails || len(procs) > 0 {
			if fact == nil {
				fact = &ownFact{}
			}
			fact.CtxValues, fact.CtxBounded, fact.CtxWraps, fact.Keeps, fact.Endless = vals, bounded, wraps, keeps, endless
			fact.Borrows = borrows
			fact.NeverFails, fact.Procs = fails, procs
		}
		if fact != nil {
			c.pass.ExportObjectFact(fn, fact)
		}
	}
}

// testEntry reports whether fn is one of a test file's entry points
// (TestX(t *testing.T), BenchmarkX, FuzzX, ExampleX, TestMain), which the
// testing package calls and no other package does: a fact on it would
// never be read.
func (c *checker) testEntry(fn *types.Func) bool {
	if tf := c.pass.Fset.File(fn.Pos()); tf == nil || !c.tests[tf] {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() != nil || sig.Results().Len() != 0 {
		return false
	}
	name, params := fn.Name(), sig.Params()
	switch {
	case strings.HasPrefix(name, "Example"):
		return params.Len() == 0
	case strings.HasPrefix(name, "Test"), strings.HasPrefix(name, "Benchmark"), strings.HasPrefix(name, "Fuzz"):
		if params.Len() != 1 {
			return false
		}
		t := params.At(0).Type()
		return isNamed(t, "testing", "T") || isNamed(t, "testing", "B") || isNamed(t, "testing", "F") || isNamed(t, "testing", "M")
	}
	return false
}

// An ifaceCtxFact is the fact of an interface method every
// implementation of which in its package gives its context parameters
// Bounded a deadline of their own when they have none (ctxBounded): a
// call through the interface is bounded all the same.
type ifaceCtxFact struct {
	Bounded []int
}

func (*ifaceCtxFact) AFact() {}

func (f *ifaceCtxFact) String() string { return fmt.Sprintf("ctxbounded%v", f.Bounded) }

// exportIfaceFacts exports an ifaceCtxFact for the methods of the
// package's exported interfaces that bound their contexts in every
// implementation the package has.
func (c *checker) exportIfaceFacts() {
	if c.std {
		return
	}
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || !tn.Exported() {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for i := 0; i < iface.NumMethods(); i++ {
			m := iface.Method(i)
			if m.Pkg() != c.pass.Pkg {
				continue // embedded from another package
			}
			var bounded []int
			sig := m.Type().(*types.Signature)
			for j := 0; j < sig.Params().Len(); j++ {
				if isContextType(sig.Params().At(j).Type()) && c.ifaceBounded(m, j) {
					bounded = append(bounded, j)
				}
			}
			if len(bounded) > 0 {
				c.pass.ExportObjectFact(m, &ifaceCtxFact{Bounded: bounded})
			}
		}
	}
}

// ifaceBounded reports whether m, a method of an interface of this
// package, has implementations in the package, and each gives its i-th
// parameter, a context, a deadline when it has none.
func (c *checker) ifaceBounded(m *types.Func, i int) bool {
	recv := m.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	impls := c.implsOf(m)
	return len(impls) > 0 && !slices.ContainsFunc(impls, func(impl *types.Func) bool { return !c.ctxBounded(impl, i) })
}

// implsOf returns the methods of this package's named types (as pointers)
// that implement the interface method m, remembered: finalSignal asks it
// of every interface call in a goroutine's body.
func (c *checker) implsOf(m *types.Func) []*types.Func {
	if out, ok := c.impls[m]; ok {
		return out
	}
	if c.impls == nil {
		c.impls = make(map[*types.Func][]*types.Func)
	}
	out := c.implsOfScan(m)
	c.impls[m] = out
	return out
}

// implsOfScan is implsOf, not remembered.
func (c *checker) implsOfScan(m *types.Func) []*types.Func {
	recv := m.Type().(*types.Signature).Recv()
	if recv == nil {
		return nil
	}
	iface, ok := recv.Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	scope := c.pass.Pkg.Scope()
	var out []*types.Func
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		if _, ok := tn.Type().(*types.Named); !ok || tn.Type().(*types.Named).TypeParams().Len() > 0 {
			continue
		}
		t := types.Type(types.NewPointer(tn.Type()))
		if !types.Implements(t, iface) {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, m.Name())
		if impl, ok := obj.(*types.Func); ok && impl != m {
			out = append(out, impl)
		}
	}
	return out
}

// ctxParams returns the context parameters fn reads only for their
// values, those it gives a deadline of its own when they have none, and
// those it returns with values added only.
func (c *checker) ctxParams(fn *types.Func) (values, bounded, wraps []int) {
	sig := fn.Type().(*types.Signature)
	for i := 0; i < sig.Params().Len(); i++ {
		if !isContextType(sig.Params().At(i).Type()) {
			continue
		}
		if c.ctxValuesOnly(fn, i, 0) {
			values = append(values, i)
		}
		if c.ctxBounded(fn, i) {
			bounded = append(bounded, i)
		}
		if c.ctxWraps(fn, i, 0) {
			wraps = append(wraps, i)
		}
	}
	return values, bounded, wraps
}

// startsOutliving reports whether fn starts a goroutine that it does not
// join before returning: one of its own go statements is handed on (Start
// starting the reader it hands to its receiver) or bare and not
// documented as detached. Known by reading fn in this package, by its
// fact otherwise.
func (c *checker) startsOutliving(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		f := new(ownFact)
		return fn.Pkg() != nil && c.pass.ImportObjectFact(fn, f) && f.Starts
	}
	if b, ok := c.starts[fn]; ok {
		return b
	}
	if c.starts == nil {
		c.starts = make(map[*types.Func]bool)
	}
	c.starts[fn] = false // in progress
	decl := c.decls[fn]
	if decl == nil || decl.Body == nil {
		return false
	}
	found := false
	for _, cur := range c.goStmts {
		if found {
			break
		}
		if !within(cur.Node(), decl.Body) {
			continue
		}
		if fd, ok := enclosingFunc(cur).Node().(*ast.FuncDecl); !ok || fd != decl {
			continue
		}
		j := c.joinOf(cur)
		found = j.bare && !j.detached || j.handoff != nil
	}
	c.starts[fn] = found
	return found
}

// goStarts reports whether g runs a function that starts a goroutine
// outliving it (go r.Start()): the goroutine ends at once, but leaves
// that one running for whoever holds r to stop. Only the function g
// calls itself counts: a literal's calls are read as its statements.
func (c *checker) goStarts(g *ast.GoStmt) bool {
	if _, lit := ast.Unparen(g.Call.Fun).(*ast.FuncLit); lit {
		return false
	}
	to := typeutil.StaticCallee(c.info, g.Call)
	return to != nil && c.startsOutliving(to)
}

// toFact encodes a summary, or returns nil when there is nothing to say.
func (c *checker) toFact(fn *types.Func, s *summary, obs []obligation, fresh bool) *ownFact {
	if s == nil {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	enc := func(p path) (factPath, bool) {
		if !p.valid() {
			return factPath{}, false
		}
		if r := sig.Recv(); r != nil && p.root == r {
			return factPath{Root: -1, Fields: p.fields}, true
		}
		for i := 0; i < sig.Params().Len(); i++ {
			if sig.Params().At(i) == p.root {
				return factPath{Root: i, Fields: p.fields}, true
			}
		}
		return factPath{}, false // a package variable: not carried
	}
	f := &ownFact{Fresh: fresh}
	for _, b := range s.blocks {
		var alts []factAlt
		ok := true
		for _, a := range b.alts {
			fp, ok1 := enc(a.p)
			if !ok1 {
				// A package variable the caller cannot name: a block on it
				// is carried only when nothing in the package releases it,
				// without it (<-pauseCh, never closed: the block never
				// ends, unless by another of its alternatives).
				ok = ok && a.p.valid() && isGlobal(a.p.root) && !c.releasable(a)
				continue
			}
			fa := factAlt{Kind: uint8(a.kind), Path: fp, Exits: a.exits}
			if cp, ok := enc(a.cancel); ok {
				fa.Cancel = &cp
			}
			alts = append(alts, fa)
		}
		if ok {
			f.Blocks = append(f.Blocks, alts)
		}
	}
	for _, e := range s.effects {
		if fp, ok := enc(e.p); ok {
			f.Effects = append(f.Effects, factEffect{Kind: uint8(e.kind), Path: fp})
		}
	}
	if fp, ok := enc(s.returns); ok {
		f.Returns = &fp
		f.ReturnsDone = s.returnsDone
		if cp, ok := enc(s.returnsCancel); ok {
			f.ReturnsCancel = &cp
		}
	}
	for _, cc := range s.ctxCancels {
		if cp, ok := enc(cc.cancel); ok {
			f.CtxCancels = append(f.CtxCancels, factCtxCancel{Result: cc.result, Cancel: cp, Parent: cc.parent})
		}
	}
	for _, o := range obs {
		f.Owes = append(f.Owes, encodeObligation(o))
	}
	for _, o := range c.argStops[fn] {
		f.ArgStops = append(f.ArgStops, encodeObligation(o))
	}
	f.Registers = encodeRegistrations(s.registers, enc)
	f.Calls = slices.Clone(s.calls)
	f.Opaque = s.opaque && c.callsRecvFunc(fn)
	f.Starts = c.startsOutliving(fn)
	f.ReturnsRecv = len(f.Owes) > 0 && c.returnsReceiver(fn)
	if len(f.Blocks) == 0 && len(f.Effects) == 0 && f.Returns == nil && len(f.CtxCancels) == 0 && len(f.Calls) == 0 && len(f.Owes) == 0 && len(f.ArgStops) == 0 && len(f.Registers) == 0 && !f.Fresh && !f.Starts && !f.Opaque {
		return nil
	}
	return f
}

// callsRecvFunc reports whether the method fn calls a function value held
// in a field of its receiver (p.Handler(i)) that the pass cannot resolve
// to functions of the package (fieldFunc), itself or through another
// method it calls on the same receiver (Run calling p.runWithConfig).
func (c *checker) callsRecvFunc(fn *types.Func) bool {
	fn = fn.Origin()
	if r, ok := c.recvFuncs[fn]; ok {
		return r
	}
	if c.recvFuncs == nil {
		c.recvFuncs = make(map[*types.Func]bool)
	}
	c.recvFuncs[fn] = false // while in progress: a cycle adds nothing
	decl := c.decls[fn]
	recv := fn.Type().(*types.Signature).Recv()
	if decl == nil || decl.Body == nil || recv == nil {
		return false
	}
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || pathOf(c.info, sel.X).root != recv {
			return true
		}
		switch s, ok := c.info.Selections[sel]; {
		case !ok:
		case s.Kind() == types.FieldVal:
			found = len(c.fieldFunc(call)) == 0
		case s.Kind() == types.MethodVal:
			if m, ok := s.Obj().(*types.Func); ok && m.Pkg() == c.pass.Pkg && pathOf(c.info, sel.X).fields == "" {
				found = c.callsRecvFunc(m)
			}
		}
		return true
	})
	c.recvFuncs[fn] = found
	return found
}

// factSummary decodes the fact of an imported function. A function from
// another package waits on its arguments only as a whole: its blocks
// become one block whose alternatives are all of theirs, so that any one
// released counts (precision over recall for code the pass cannot read).
func (c *checker) factSummary(fn *types.Func, f *ownFact) *summary {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return nil
	}
	dec := func(fp factPath) (path, bool) {
		var root *types.Var
		switch {
		case fp.Root < 0:
			root = sig.Recv()
		case fp.Root < sig.Params().Len():
			root = sig.Params().At(fp.Root)
		}
		if root == nil {
			return path{}, false
		}
		return path{root: root, fields: fp.Fields, deref: fp.Fields != "" && isPointer(root.Type())}, true
	}
	s := &summary{fresh: f.Fresh, returnsRecv: f.ReturnsRecv, ctxValues: f.CtxValues, ctxBounded: f.CtxBounded, ctxWraps: f.CtxWraps, keeps: f.Keeps, borrows: f.Borrows, neverFails: f.NeverFails, procs: f.Procs}
	var union []alt
	for _, b := range f.Blocks {
		if len(b) == 0 {
			union = nil
			s.blocks = append(s.blocks, block{}) // never ends
			break
		}
		for _, fa := range b {
			if p, ok := dec(fa.Path); ok {
				a := alt{kind: altKind(fa.Kind), p: p, exits: fa.Exits}
				if fa.Cancel != nil {
					a.cancel, _ = dec(*fa.Cancel)
				}
				union = append(union, a)
			}
		}
	}
	if len(union) > 0 {
		s.blocks = append(s.blocks, block{alts: union})
	}
	for _, fe := range f.Effects {
		if p, ok := dec(fe.Path); ok {
			s.effects = append(s.effects, effect{kind: effKind(fe.Kind), p: p})
		}
	}
	if f.Returns != nil {
		s.returns, _ = dec(*f.Returns)
		s.returnsDone = f.ReturnsDone
		if f.ReturnsCancel != nil {
			s.returnsCancel, _ = dec(*f.ReturnsCancel)
		}
	}
	s.calls = slices.Clone(f.Calls)
	s.opaque = f.Opaque
	for _, cc := range f.CtxCancels {
		if p, ok := dec(cc.Cancel); ok {
			s.ctxCancels = append(s.ctxCancels, ctxCancel{result: cc.Result, cancel: p, parent: cc.Parent})
		}
	}
	for _, o := range f.Owes {
		s.obligations = append(s.obligations, decodeObligation(o))
	}
	for _, o := range f.ArgStops {
		s.argStops = append(s.argStops, decodeObligation(o))
	}
	s.registers = decodeRegistrations(f.Registers, dec)
	return s
}

func encodeObligation(o obligation) factObligation {
	fo := factObligation{Target: o.target, Fields: o.fields, Kind: uint8(o.kind), Methods: o.methods, ByName: o.byName, At: o.at, Runs: o.runs, ArgEnds: o.argEnds, Roomy: o.roomy, SendEnds: o.sendEnds, Drain: o.drain, NilStopped: o.nilStopped, Closer: o.closer, Twin: o.twin, FailsClean: o.failsClean, LastCall: o.lastCall, MadeFlag: o.madeFlag}
	for _, alts := range o.needs {
		fo.Needs = append(fo.Needs, encodeReleases(alts))
	}
	fo.Joins = encodeReleases(o.joins)
	for _, x := range o.exits {
		fo.Exits = append(fo.Exits, factExit{Target: x.target, Fields: x.fields, Kind: uint8(x.kind)})
	}
	fo.Gate = encodeGate(o.gate)
	for _, h := range o.hooks {
		fo.Hooks = append(fo.Hooks, factHook{Target: h.target, Fields: h.fields})
	}
	return fo
}

func decodeObligation(o factObligation) obligation {
	ob := obligation{target: o.Target, fields: o.Fields, kind: obKind(o.Kind), methods: o.Methods, byName: o.ByName, at: o.At, runs: o.Runs, argEnds: o.ArgEnds, roomy: o.Roomy, sendEnds: o.SendEnds, drain: o.Drain, nilStopped: o.NilStopped, closer: o.Closer, twin: o.Twin, failsClean: o.FailsClean, lastCall: o.LastCall, madeFlag: o.MadeFlag}
	for _, fa := range o.Needs {
		ob.needs = append(ob.needs, decodeReleases(fa))
	}
	ob.joins = decodeReleases(o.Joins)
	for _, x := range o.Exits {
		ob.exits = append(ob.exits, exitEffect{target: x.Target, fields: x.Fields, kind: effKind(x.Kind)})
	}
	ob.gate = decodeGate(o.Gate)
	for _, h := range o.Hooks {
		ob.hooks = append(ob.hooks, hook{target: h.Target, fields: h.Fields})
	}
	return ob
}

func encodeGate(g *gate) *factGate {
	if g == nil {
		return nil
	}
	var anyOf []*factGate
	for _, alt := range g.anyOf {
		anyOf = append(anyOf, encodeGate(alt))
	}
	return &factGate{Target: g.target, Fields: g.fields, On: g.on, Enablers: g.enablers, Disablers: g.disablers, DoneNil: g.doneNil, ValueNil: g.valueNil, NonNil: g.nonNil, Op: int(g.op), Bound: int(g.bound), AnyOf: anyOf, Also: encodeGate(g.also)}
}

func decodeGate(g *factGate) *gate {
	if g == nil {
		return nil
	}
	var anyOf []*gate
	for _, alt := range g.AnyOf {
		anyOf = append(anyOf, decodeGate(alt))
	}
	return &gate{target: g.Target, fields: g.Fields, on: g.On, enablers: g.Enablers, disablers: g.Disablers, doneNil: g.DoneNil, valueNil: g.ValueNil, nonNil: g.NonNil, op: token.Token(g.Op), bound: int64(g.Bound), anyOf: anyOf, also: decodeGate(g.Also)}
}

func encodeReleases(rs []release) []factRelease {
	var out []factRelease
	for _, r := range rs {
		var kinds []uint8
		for _, k := range r.kinds {
			kinds = append(kinds, uint8(k))
		}
		out = append(out, factRelease{Kinds: kinds, Fields: r.fields, Prefix: r.prefix})
	}
	return out
}

func decodeReleases(fs []factRelease) []release {
	var out []release
	for _, r := range fs {
		var kinds []effKind
		for _, k := range r.Kinds {
			kinds = append(kinds, effKind(k))
		}
		out = append(out, release{kinds: kinds, fields: r.Fields, prefix: r.Prefix})
	}
	return out
}
