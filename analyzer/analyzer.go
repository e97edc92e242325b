package analyzer

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/twine-go/twine/internal/vetunit"
)

//go:embed doc.go
var docSource string

// Analyzer is the twine pass. Its flags are -strict and one boolean per
// rule, named like the rule (-barego=false turns barego off). Every
// diagnostic carries the rule's name as its Category.
var Analyzer = &analysis.Analyzer{
	Name:      "twine",
	Doc:       extractDoc(docSource, "twine"),
	URL:       "https://pkg.go.dev/github.com/twine-go/twine/analyzer",
	Run:       run,
	Requires:  []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	FactTypes: []analysis.Fact{new(spawnsFact), new(scopeFact), new(ownFact), new(ifaceCtxFact)},
}

// The rules, in the order the documentation gives them.
const (
	ruleBarego    = "barego"
	ruleCtxescape = "ctxescape"
	ruleCtxdetach = "ctxdetach"
	ruleScopeleak = "scopeleak"
	ruleProcleak  = "procleak"
	ruleSpawns    = "spawns"

	// categoryDetached marks the diagnostic about a //twine:detached
	// directive without a reason; it has no flag.
	categoryDetached = "detached"

	// categoryExplain marks the notes -explain adds on go statements that
	// are not reported, saying why.
	categoryExplain = "explain"
)

// A Rule describes one check of the twine pass.
type Rule struct {
	Name    string // the diagnostics' Category and the flag that turns the rule off
	Summary string // one line: what the rule reports
}

var rules = []Rule{
	{ruleBarego, "a go statement whose goroutine is not joined before the spawning function returns"},
	{ruleCtxescape, "a nursery's context stored, returned, sent or captured so that it outlives the nursery"},
	{ruleCtxdetach, "context.Background, TODO or WithoutCancel where a context is already in scope"},
	{ruleScopeleak, "a nursery or scope owner not closed on every path, or a Run nursery escaping its block"},
	{ruleProcleak, "(*exec.Cmd).Start without Wait on every path"},
	{ruleSpawns, "a call, inside a nursery task, to a function that starts a goroutine outliving it"},
}

// Rules returns the rules of the pass, plus the "detached" category of the
// diagnostic about a //twine:detached directive without a reason, and the
// "explain" category of the notes the -explain flag adds.
func Rules() []Rule {
	r := append([]Rule(nil), rules...)
	return append(r,
		Rule{categoryDetached, "a //twine:detached directive without a reason"},
		Rule{categoryExplain, "with -explain: how a go statement that is not reported is joined, stopped or handed on"})
}

var (
	strict  bool
	explain bool
	enabled = make(map[string]*bool)
)

func init() {
	Analyzer.Flags.BoolVar(&strict, "strict", false,
		"barego: report every go statement outside the twine runtime, joined or not")
	Analyzer.Flags.BoolVar(&explain, "explain", false,
		"barego: also say, for each go statement it does not report, how its goroutine is joined, stopped or handed on")
	for _, r := range rules {
		on := new(bool)
		enabled[r.Name] = on
		Analyzer.Flags.BoolVar(on, r.Name, true, "report "+r.Name+": "+r.Summary)
	}
}

func on(rule string) bool {
	if rule == categoryExplain {
		return explain
	}
	return *enabled[rule]
}

// extractDoc returns the text under the "# Analyzer name" heading of the
// package doc comment in src, without the "name:" of its first line.
func extractDoc(src, name string) string {
	// The doc runs from the heading to the end of the comment, through the
	// sections that follow it.
	if _, body, ok := strings.Cut(lineCommentText(src), "\n# Analyzer "+name+"\n"); ok {
		body = strings.TrimSpace(body)
		if rest, ok := strings.CutPrefix(body, name+":"); ok {
			return strings.TrimSpace(rest)
		}
	}
	panic("analyzer: doc.go has no '# Analyzer " + name + "' section starting with '" + name + ": '")
}

// lineCommentText returns the text of the // comment that ends at the
// package clause of the Go file src, as (*ast.CommentGroup).Text would:
// without the comment markers and the one space after them, trailing
// spaces, blank lines at either end and repeated blank lines. Every vet
// tool process pays for its analyzers' docs as it starts; go/parser
// over doc.go cost twinevet most of a millisecond per package it checks.
func lineCommentText(src string) string {
	var lines []string
	for line := range strings.Lines(src) {
		line = strings.TrimRight(line, "\r\n")
		text, ok := strings.CutPrefix(line, "//")
		if !ok {
			if strings.HasPrefix(line, "package ") {
				break
			}
			lines = lines[:0] // not the comment that documents the package
			continue
		}
		text = strings.TrimPrefix(text, " ")
		if strings.HasPrefix(text, "go:") {
			continue // a directive
		}
		text = strings.TrimRight(text, " \t")
		if text == "" && (len(lines) == 0 || lines[len(lines)-1] == "") {
			continue
		}
		lines = append(lines, text)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// A checker holds the state of one run of the pass over one package.
type checker struct {
	pass       *analysis.Pass
	info       *types.Info
	root       inspector.Cursor
	byKind     map[reflect.Type][]inspector.Cursor // see preorder
	fieldsSet  map[*types.Var]bool                 // see setFields
	cfgs       *ctrlflow.CFGs
	generated  map[*token.File]bool
	tests      map[*token.File]bool
	detached   map[*token.File]map[int]*directive
	decls      map[*types.Func]*ast.FuncDecl
	ctorFields map[ctorField]ctorSource                        // ctorFieldSource's answers
	lockLefts  map[cancelKey]*lockLeft                         // leftLocks' answer
	briefLocks map[cancelKey]bool                              // heldBriefly's answers
	condMus    *condMutexes                                    // the mutexes the package's sync.Conds lock (condMutexesOf)
	noReturns  map[*types.Func]bool                            // neverReturns' answers
	impls      map[*types.Func][]*types.Func                   // implsOf's answers
	noFails    map[*types.Func]bool                            // neverFails' answers
	ifInits    map[*ast.BlockStmt]map[ast.Expr]*ast.AssignStmt // ifInitOf's, by function body
	asking     map[*types.Func]bool                            // rangesGivenForever's questions under way
	unlocks    map[*types.Func][]cancelKey                     // unlocksThrough's answers
	std        bool
	src        map[string][]byte

	goStmts []inspector.Cursor // every go statement
	// goStmtsIn: the go statements of each function (declaration or
	// literal) that are its own, not of a literal in it (siblingAlts).
	goStmtsIn map[ast.Node][]*ast.GoStmt
	// joined: joinedStmts' answer for each node asked, which every join
	// query asks of every node it reaches.
	joined map[ast.Node][]ast.Stmt
	calls  []inspector.Cursor // every call of interest (see collectCalls)
	joins  map[*ast.GoStmt]*goJoin

	importsNursery bool
	importedSpawns bool
	importedScopes bool
	spawns         map[*types.Func]*spawnsFact        // this package's
	scopes         map[*types.Func]*scopeFact         // this package's
	fieldCalls     map[fieldKey][]string              // see closesField
	fieldValues    map[fieldKey]bool                  // see fieldGivenOn
	comms          map[ast.Node]*ast.SelectStmt       // see selectOf
	closers        map[types.Type]typeStops           // see stopsOf
	receivers      map[fieldKey]*fieldRecvs           // see fieldReceivers
	fieldCaps      map[fieldKey]chanCap               // see fieldCap
	callsTo        map[*types.Func][]inspector.Cursor // see runnerAbandon
	cleanups       map[fnIndex]bool                   // see cleansUpResult
	lent           map[fnIndex]borrowing              // see borrowOf
	mayRecv        map[fnIndex]bool                   // see recvsMaybe

	// The ownership model (own.go).
	summaries      map[*types.Func]*summary                 // this package's functions
	imported       map[*types.Func]*summary                 // other packages' functions, from facts
	kept           map[*types.Func][]int                    // see keptParams
	keptRes        map[*ast.FuncDecl]map[int]bool           // see keptResult
	methodVals     map[*types.Var][]*ast.SelectorExpr       // see methodValuesOf
	exits          map[*ast.BlockStmt]*loopExit             // how each loop can be left
	cancelRel      *cancelRelation                          // which cancel functions cancel which contexts
	nodeEffects    map[ast.Node][]effect                    // effects of the spawners' statements
	owned          map[*types.Var]bool                      // locals holding a value the function made itself
	fields         *fieldUse                                // what the package does with its types' fields
	ranges         map[ast.Expr]*ast.RangeStmt              // range statements over channels, by operand
	obligations    map[*types.Func][]obligation             // what callers of this package's functions must do
	argStops       map[*types.Func][]obligation             // their goroutines that end when an argument is stopped (exits.go)
	rangeVars      map[*types.Var]ast.Expr                  // the variables ranges over slices and maps bind (registry.go)
	registered     map[*types.Var][]path                    // local channels registered with a registry (registry.go)
	synctest       uint8                                    // 0 not known, 1 a file imports testing/synctest, 2 none does
	indexingFields bool                                     // fieldIndex is walking the package (callEffects)
	inLit          map[*ast.FuncLit][]effect                // the effects of literals held in locals that are called (litEffects)
	cleanupFx      map[*types.Var][]effect                  // returnedCleanupEffects' answers (cleanup.go)
	quietLits      map[*ast.FuncLit]bool                    // whether a literal a function returns never waits (quietResult)
	growers        map[ast.Node][]grower                    // growersIn's answers
	funcLits       map[funcLitKey]*ast.FuncLit              // onlyFuncLit's answers
	assigned       map[assignKey]bool                       // assignsField's answers (gate.go)
	assignIx       *assignIndex                             // see assigns (nodes.go)
	procResults    map[*types.Func][]int                    // startedResults' answers (procleak.go)
	cancelFields   map[*types.Var]bool                      // see cancelField
	resultFuncs    []ast.Node                               // see funcResultFuncs
	paramDecls     map[*types.Var]*ast.FuncDecl             // see declOfParam
	tasks          map[*ast.FuncLit]bool                    // see taskLits
	bubbled        map[*types.Func]bool                     // test helpers only ever called in synctest bubbles
	pools          map[*ast.GoStmt]*pool                    // poolOf's answers, nil for a go statement that is no pool's worker
	funcUses       map[*types.Func][]inspector.Cursor       // the identifiers that use each function, see usesOf
	consumed       map[fieldKey]bool                        // channel fields a goroutine of the package receives from
	fieldFuncs     map[*types.Var][]*types.Func             // see fieldFunc
	recvFuncs      map[*types.Func]bool                     // callsRecvFunc's answers
	replies        map[[2]*types.Var]bool                   // repliedTo's answers
	groupUses      map[*types.Var]bool                      // neverWaited: WaitGroup fields used other than by Add, Done, Go
	enablers       map[enablerKey][]string                  // optionEnablers' answers (gate.go)
	disablers      map[enablerKey][]string                  // optionDisablers' answers (gate.go)
	accessed       map[fieldKey]bool                        // channel fields exported functions return
	ctxBoundedMemo map[ctxParam]bool                        // see ctxBounded; false while in progress
	starts         map[*types.Func]bool                     // see startsOutliving; false while in progress
	keys           map[keyedPath]keyed                      // see keyOf
	timerVars      map[*types.Var]bool                      // see timerVar
	wrapped        map[fieldKey]string                      // see wraps
	bodies         []*ast.BlockStmt                         // see declBody
	localWraps     map[*types.Var]path                      // see localWrap
	copies         map[*types.Var]path                      // see localCopies
	callCopies     map[*types.Var]*ast.CallExpr             // see localCopies
	sliceCopies    map[*types.Var]path                      // see localCopies
	wholeUses      map[*types.Var]bool                      // see passedWhole
	pipes          map[*types.Var]*types.Var                // see pipePartner
	holders        map[ast.Node]map[*types.Var][]*types.Var // see holdersOf

	// The references walkRefs finds in each node it is asked about (see
	// refsOf). They depend on the node's syntax and types.Info alone, and
	// the rules ask about the same few nodes over and over: a spawner's
	// body once for each of its go statements, each statement of it once
	// for each flow query that passes it.
	refs map[refsKey][]ref

	// The static calls each function declaration makes itself (see
	// staticCalls): the spawn facts and the obligations both follow them
	// from every function of the package, and they depend on the syntax
	// and types.Info alone.
	ownCalls map[*ast.FuncDecl][]staticCall

	// The variables each function changes (see changedVars), for
	// stableFlag, asked once for every call that hands the function an
	// obligation: they depend on the body's syntax and types.Info alone.
	changed map[ast.Node]map[*types.Var]bool

	// The stores of each spawner (see storesOf), for storedBefore, asked
	// for each block of each of its goroutines: they depend on the body's
	// syntax and types.Info alone.
	stores map[ast.Node][]store

	// The method sets of the types the rules ask about (see methodSet),
	// computed once each: a type's methods do not change.
	msets typeutil.MethodSetCache

	// The variables each function declaration returns (see returnedVars),
	// for returnedAs, asked for each obligation lifted at each call the
	// function makes: they depend on the body's syntax and types.Info alone.
	returned map[*ast.FuncDecl][]returnedVar

	// Where each node the rules look for is in the package's tree (see
	// cursorAt and cursorOf). Finding one by position scans the siblings
	// on the way down, thousands of statements in a large test function,
	// and the same calls and bodies are looked for again and again.
	cursors map[cursorKey]foundCursor

	// The cursors of the package's functions and their bodies (see
	// funcCursors): cursorAt's search by position scans the siblings on
	// the way down, the declarations of a file before the one it looks
	// for, for every body it is asked about.
	funcCurs map[ast.Node]inspector.Cursor

	// declBody's answers for the variables no function declaration's body
	// declares (parameters, package variables, the locals of package-level
	// function literals): each is a search of a file, asked again at every
	// call of a function-typed parameter.
	litBodies map[*types.Var]*ast.BlockStmt

	// Every call of the package with its callee (see packageCalls): four
	// rules go through all of them, and each lookup in types.Info, an
	// enormous map in a large package, is a cache miss.
	allCalls []packageCall

	// The package's calls of WaitGroup.Done (see waitGroupDones).
	dones []doneCall

	// releasableBy's answers for locals and package variables (see
	// varRelease), and the parameters of the package's functions (see
	// isParamVar): each is a walk of a body, a file or the package, asked
	// for every blocking point of every goroutine that names the variable.
	varReleases map[*types.Var]varRelease
	params      map[*types.Var]bool

	// fieldRefs' answers: each is a walk of every declaration naming the
	// field, asked for each send on it that a goroutine blocks on.
	fieldRefMemo map[fieldKey][]ref

	// selfEffects' answers: what a channel type's methods do to their
	// receiver.
	selfEffs map[*types.Named]map[effKind]bool

	// polled: the flags some loop of the package polls (flag.go), found
	// at the first set of a candidate.
	polled map[*types.Var]bool

	// offers: offeredFields' answer.
	offers map[fieldKey]bool

	// fieldKeyOf's answers by the root's named type and the fields (see
	// typedFieldKeyOf): keys remembers them by root variable, and each
	// method has a receiver variable of its own.
	typedKeys map[typedPath]keyed
}

// ctxParam names a function's context parameter.
type ctxParam struct {
	fn *types.Func
	i  int
}

func run(pass *analysis.Pass) (any, error) {
	if inRuntime(pass.Pkg.Path()) {
		return nil, nil // the runtime's own goroutines are the structure
	}
	c := &checker{
		pass:      pass,
		info:      pass.TypesInfo,
		root:      pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root(),
		cfgs:      pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		generated: make(map[*token.File]bool),
		tests:     make(map[*token.File]bool),
		decls:     make(map[*types.Func]*ast.FuncDecl),
		std:       isStd(pass.Pkg.Path(), pass.Module != nil && pass.Module.Path != ""),
		joins:     make(map[*ast.GoStmt]*goJoin),
		spawns:    make(map[*types.Func]*spawnsFact),
		scopes:    make(map[*types.Func]*scopeFact),

		summaries:   make(map[*types.Func]*summary),
		imported:    make(map[*types.Func]*summary),
		kept:        make(map[*types.Func][]int),
		exits:       make(map[*ast.BlockStmt]*loopExit),
		nodeEffects: make(map[ast.Node][]effect),
		owned:       make(map[*types.Var]bool),
		obligations: make(map[*types.Func][]obligation),
		argStops:    make(map[*types.Func][]obligation),
		inLit:       make(map[*ast.FuncLit][]effect),
		quietLits:   make(map[*ast.FuncLit]bool),
		growers:     make(map[ast.Node][]grower),
		cleanups:    make(map[fnIndex]bool),
		lent:        make(map[fnIndex]borrowing),
		mayRecv:     make(map[fnIndex]bool),
		funcLits:    make(map[funcLitKey]*ast.FuncLit),
		assigned:    make(map[assignKey]bool),
		bubbled:     make(map[*types.Func]bool),
	}
	if !c.prepare() {
		c.exportCallFacts()
		return nil, nil
	}
	c.readDirectives()

	// Facts first: the rules below read this package's facts too.
	c.exportScopeFacts()
	if on(ruleSpawns) {
		c.exportSpawnFacts()
	}
	c.computeObligations()
	c.exportOwnFacts()
	c.exportIfaceFacts()
	if vetunit.FactsOnly {
		return nil, nil // a dependency's run: its reports would be dropped
	}
	c.collectCalls()

	if on(ruleBarego) {
		c.checkObligations()
		c.checkBarego()
		c.checkGroupGo()
	}
	if on(ruleCtxescape) || on(ruleScopeleak) {
		c.checkEscapes()
	}
	if on(ruleCtxdetach) {
		c.checkCtxdetach()
	}
	if on(ruleScopeleak) {
		c.checkScopeleak()
	}
	if on(ruleProcleak) {
		c.checkProcleak()
	}
	if on(ruleSpawns) {
		c.checkSpawns()
	}
	return nil, nil
}

// prepare indexes the package for the rules, and reports whether there is
// anything to check at all: most packages have no go statement and import
// neither the nursery, context, os/exec, sync nor errgroup, nor call a
// function with a fact.
func (c *checker) prepare() bool {
	imports := make(map[string]bool)
	for _, p := range c.pass.Pkg.Imports() {
		imports[p.Path()] = true
	}
	owes := false // a function of another package owes its callers a stop
	for _, f := range c.pass.AllObjectFacts() {
		switch f.Fact.(type) {
		case *spawnsFact:
			c.importedSpawns = true
		case *scopeFact:
			c.importedScopes = true
		case *ownFact:
			owes = owes || len(f.Fact.(*ownFact).Owes) > 0
		}
	}
	for cur := range c.preorder((*ast.GoStmt)(nil)) {
		c.goStmts = append(c.goStmts, cur)
	}
	c.importsNursery = imports[nurseryPath]
	if len(c.goStmts) == 0 && !c.importedSpawns && !c.importedScopes && !c.importsNursery && !owes &&
		!imports["context"] && !imports["os/exec"] && !imports["sync"] && !imports[errgroupPath] {
		return false
	}
	for _, f := range c.pass.Files {
		tf := c.pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		c.generated[tf] = ast.IsGenerated(f)
		c.tests[tf] = strings.HasSuffix(tf.Name(), "_test.go")
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok {
					c.decls[fn] = fd
				}
			}
		}
	}
	return true
}

// collectCalls gathers the calls the rules look at: calls into the
// nursery, context, os/exec and os/signal packages, the Go methods of
// sync.WaitGroup and errgroup.Group, and calls of functions with a scope
// fact.
func (c *checker) collectCalls() {
	for _, pc := range c.packageCalls() {
		cur, fn := pc.cur, pc.fn
		if fn == nil || fn.Pkg() == nil {
			continue
		}
		switch fn.Pkg().Path() {
		case nurseryPath, "context", "os/exec", "os/signal":
		case "sync", errgroupPath:
			if !isGroupGo(fn) {
				continue
			}
		default:
			if c.scopeFactOf(fn) == nil {
				continue
			}
		}
		c.calls = append(c.calls, cur)
	}
}

// A packageCall is a call of the package, and its callee (callee).
type packageCall struct {
	cur inspector.Cursor
	fn  *types.Func
}

// static returns the call's callee as typeutil.StaticCallee does: none
// for an interface method.
func (pc packageCall) static() *types.Func {
	if pc.fn == nil {
		return nil
	}
	if recv := pc.fn.Type().(*types.Signature).Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return nil
	}
	return pc.fn
}

// packageCalls returns every call of the package, in the order of
// Preorder, with its callee, looked up the first time only (see
// checker.allCalls).
func (c *checker) packageCalls() []packageCall {
	if c.allCalls == nil {
		c.allCalls = []packageCall{}
		for cur := range c.preorder((*ast.CallExpr)(nil)) {
			c.allCalls = append(c.allCalls, packageCall{cur, callee(c.info, cur.Node().(*ast.CallExpr))})
		}
	}
	return c.allCalls
}

// enclosingFunc returns the innermost function (declaration or literal)
// around cur, or an invalid cursor at package level.
func enclosingFunc(cur inspector.Cursor) inspector.Cursor {
	for e := range cur.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return e
	}
	return inspector.Cursor{}
}

// cfgOf returns the control-flow graph of a function, or nil.
func (c *checker) cfgOf(fn ast.Node) *cfg.CFG {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if fn.Body == nil {
			return nil
		}
		if _, ok := c.info.Defs[fn.Name].(*types.Func); !ok {
			return nil
		}
		return c.cfgs.FuncDecl(fn)
	case *ast.FuncLit:
		return c.cfgs.FuncLit(fn)
	}
	return nil
}

// funcName describes a function for a message: "serve", "(*Server).Start",
// or "the function literal".
func (c *checker) funcName(fn ast.Node) string {
	if d, ok := fn.(*ast.FuncDecl); ok {
		if f, ok := c.info.Defs[d.Name].(*types.Func); ok {
			if sig, ok := f.Type().(*types.Signature); ok && sig.Recv() != nil {
				return shortFuncName(f)
			}
		}
		return d.Name.Name
	}
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		for _, a := range call.Args {
			if ast.Unparen(a) != fn {
				continue
			}
			switch f := callee(c.info, call); {
			case isNurseryRun(f):
				return "the " + f.Name() + " body"
			case isNurserySpawn(f):
				return "the task"
			}
		}
	}
	return "the function literal"
}

// shortFuncName is f's name with its receiver type, without package paths:
// "(*Server).Start".
func shortFuncName(f *types.Func) string {
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return f.Name()
	}
	t := sig.Recv().Type()
	ptr := ""
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		ptr, t = "*", p.Elem()
	}
	name := types.TypeString(t, func(*types.Package) string { return "" })
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	return "(" + ptr + name + ")." + f.Name()
}

// qualifiedName is f as a user reads it at a call site in package from:
// "lib.Start", "(*lib.Server).Start", or without the package when local.
func qualifiedName(f *types.Func, from *types.Package) string {
	q := func(p *types.Package) string {
		if p == from {
			return ""
		}
		return p.Name()
	}
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		if f.Pkg() == nil || f.Pkg() == from {
			return f.Name()
		}
		return f.Pkg().Name() + "." + f.Name()
	}
	t := sig.Recv().Type()
	ptr := ""
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		ptr, t = "*", p.Elem()
	}
	name := types.TypeString(t, q)
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	return "(" + ptr + name + ")." + f.Name()
}

// text returns the source text of a node, as written, or its printed form
// when the file cannot be read.
func (c *checker) text(n ast.Node) string {
	if e, ok := n.(ast.Expr); ok {
		if s, ok := c.source(n.Pos(), n.End()); ok && !strings.Contains(s, "\n") {
			return s
		}
		return types.ExprString(e)
	}
	s, _ := c.source(n.Pos(), n.End())
	return s
}

// source returns the bytes of the file between two positions.
func (c *checker) source(pos, end token.Pos) (string, bool) {
	tf := c.pass.Fset.File(pos)
	if tf == nil || !end.IsValid() || int(end) > tf.Base()+tf.Size() || end < pos {
		return "", false
	}
	if c.src == nil {
		c.src = make(map[string][]byte)
	}
	data, ok := c.src[tf.Name()]
	if !ok {
		var err error
		data, err = c.pass.ReadFile(tf.Name())
		if err != nil || len(data) != tf.Size() {
			data = nil
		}
		c.src[tf.Name()] = data
	}
	if data == nil {
		return "", false
	}
	return string(data[tf.Offset(pos):tf.Offset(end)]), true
}

// report emits a diagnostic unless it falls in a generated file or is
// documented with //twine:detached.
func (c *checker) report(rule string, rng analysis.Range, fixes []analysis.SuggestedFix, format string, args ...any) {
	if !on(rule) {
		return // computed for another rule (ctxescape and scopeleak share a walk)
	}
	pos := rng.Pos()
	tf := c.pass.Fset.File(pos)
	if tf == nil || c.generated[tf] {
		return
	}
	if c.suppressed(tf, pos) {
		return
	}
	c.pass.Report(analysis.Diagnostic{
		Pos:            pos,
		End:            rng.End(),
		Category:       rule,
		Message:        fmt.Sprintf(format, args...),
		SuggestedFixes: fixes,
	})
}

// returnDesc describes where a leaking path ends, for messages: "the return
// at line 12" or "the end of the function at line 20".
func (c *checker) returnDesc(ret *ast.ReturnStmt, fn ast.Node) string {
	line := c.pass.Fset.Position(ret.Pos()).Line
	if body := funcBody(fn); body != nil && ret.Pos() == body.Rbrace {
		return fmt.Sprintf("the end of the function at line %d", line)
	}
	return fmt.Sprintf("the return at line %d", line)
}

// typeOf is TypesInfo.TypeOf that tolerates nil.
func (c *checker) typeOf(e ast.Expr) types.Type {
	if e == nil {
		return nil
	}
	return c.info.TypeOf(e)
}

// isTestFunc reports whether fd is a test, benchmark, fuzz target or
// example in a _test.go file; or a test method there: a method named like
// a test that takes a lone *testing.T or nothing, and returns nothing,
// which suite runners (grpc's grpctest.RunSubTests, testify's suite.Run)
// find by reflection and run as subtests.
func (c *checker) isTestFunc(fd *ast.FuncDecl) bool {
	if !c.tests[c.pass.Fset.File(fd.Pos())] {
		return false
	}
	if fd.Recv != nil {
		return testName(fd.Name.Name, "Test") && c.testMethodSig(fd)
	}
	for _, prefix := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if testName(fd.Name.Name, prefix) {
			return true
		}
	}
	return false
}

// testName reports whether name is prefix followed by nothing or by a
// character that is not a lower-case letter, as go test requires.
func testName(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	return ok && (rest == "" || !(rest[0] >= 'a' && rest[0] <= 'z'))
}

// testMethodSig reports whether the method fd takes a lone *testing.T, or
// nothing, and returns nothing.
func (c *checker) testMethodSig(fd *ast.FuncDecl) bool {
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if sig.Results().Len() != 0 || sig.Variadic() {
		return false
	}
	switch sig.Params().Len() {
	case 0:
		return true
	case 1:
		p, ok := types.Unalias(sig.Params().At(0).Type()).(*types.Pointer)
		return ok && isNamed(p.Elem(), "testing", "T")
	}
	return false
}

// cursorOf returns the cursor of n in the package. It goes by n's
// position first, which skips the subtrees that cannot hold n, so that
// finding one node costs the depth of the tree and not its size; a node
// without a position in the source is searched for node by node.
// cursorAt is cursorOf by position only: no walk when that fails.
// Both remember their answers (see checker.cursors).
func (c *checker) cursorAt(n ast.Node) (inspector.Cursor, bool) {
	if f, ok := c.cursors[cursorKey{n, false}]; ok {
		return f.cur, f.ok
	}
	switch n.(type) {
	case *ast.FuncDecl, *ast.FuncLit, *ast.BlockStmt:
		if cur, ok := c.funcCursors()[n]; ok {
			return cur, true
		}
	}
	f := foundCursor{}
	if n.Pos().IsValid() && n.End().IsValid() {
		cur, ok := c.root.FindByPos(n.Pos(), n.End())
		for k := cur; ok && k.Node() != nil; k = k.Parent() {
			if k.Node() == n {
				f = foundCursor{k, true}
				break
			}
			if k.Node().Pos() < n.Pos() || k.Node().End() > n.End() {
				break
			}
		}
	}
	c.remember(cursorKey{n, false}, f)
	return f.cur, f.ok
}

func (c *checker) cursorOf(n ast.Node) (inspector.Cursor, bool) {
	if cur, ok := c.cursorAt(n); ok {
		return cur, true
	}
	// Not where its position says: search the whole package (a node
	// occurs once in it, so this finds what a search of the subtree at
	// its position would).
	if f, ok := c.cursors[cursorKey{n, true}]; ok {
		return f.cur, f.ok
	}
	cur, ok := c.root.FindNode(n)
	c.remember(cursorKey{n, true}, foundCursor{cur, ok})
	return cur, ok
}

// funcCursors returns the cursors of the package's functions, declared
// and literal, and of their bodies, found once by the inspector's events
// (see checker.funcCurs).
func (c *checker) funcCursors() map[ast.Node]inspector.Cursor {
	if c.funcCurs == nil {
		c.funcCurs = make(map[ast.Node]inspector.Cursor)
		for cur := range c.preorder(funcNodes...) {
			c.funcCurs[cur.Node()] = cur
			body := funcBody(cur.Node())
			for k := range cur.Children() {
				if k.Node() == body {
					c.funcCurs[body] = k
				}
			}
		}
	}
	return c.funcCurs
}

// A cursorKey asks for the cursor of a node, by position only (cursorAt)
// or, when that fails, by a search (cursorOf).
type cursorKey struct {
	n      ast.Node
	search bool
}

// A foundCursor is the answer to a cursorKey.
type foundCursor struct {
	cur inspector.Cursor
	ok  bool
}

func (c *checker) remember(k cursorKey, f foundCursor) {
	if c.cursors == nil {
		c.cursors = make(map[cursorKey]foundCursor)
	}
	c.cursors[k] = f
}
