package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Import paths the pass knows about. Callees are matched by their
// types.Object (package path, receiver type and name), never by the
// identifier a file happens to use.
const (
	runtimePrefix = "github.com/twine-go/twine/runtime/"
	nurseryPath   = "github.com/twine-go/twine/runtime/nursery"
	procPath      = "github.com/twine-go/twine/runtime/proc"
	errgroupPath  = "golang.org/x/sync/errgroup"
)

// inRuntime reports whether path is one of twine's runtime packages, whose
// own internals the pass never reports on.
func inRuntime(path string) bool {
	return strings.HasPrefix(path, runtimePrefix) || path == strings.TrimSuffix(runtimePrefix, "/")
}

// callee returns the function or method a call statically refers to, or nil
// (calls of function values, conversions, builtins).
func callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// isFunc reports whether fn is the package-level function pkg.name (one of
// names).
func isFunc(fn *types.Func, pkg string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// isMethod reports whether fn is a method of pkg.typ (value or pointer
// receiver) named one of names.
func isMethod(fn *types.Func, pkg, typ string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	if !isNamed(sig.Recv().Type(), pkg, typ) {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// isNamed reports whether t, or the type t points to, is the named type
// pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Origin().Obj()
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == pkg && obj.Name() == name
}

// isNurseryPtr reports whether t is *nursery.Nursery.
func isNurseryPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && isNamed(p.Elem(), nurseryPath, "Nursery")
}

// isWaitGroup reports whether t is sync.WaitGroup or *sync.WaitGroup.
func isWaitGroup(t types.Type) bool { return isNamed(t, "sync", "WaitGroup") }

// isContextType reports whether t is exactly context.Context.
func isContextType(t types.Type) bool { return isNamed(t, "context", "Context") }

// contextLike reports whether t is a context.Context or a type of its own
// that is one, with the methods Done and Err (type sshContext struct {
// context.Context; ... }).
func contextLike(t types.Type) bool {
	if isContextType(t) {
		return true
	}
	if t == nil {
		return false
	}
	for _, name := range []string{"Done", "Err"} {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		if _, ok := obj.(*types.Func); !ok {
			return false
		}
	}
	return true
}

// isChan reports whether t is a channel type.
func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// isNurseryNew reports whether fn makes an owned nursery: nursery.New or
// nursery.Config.New.
func isNurseryNew(fn *types.Func) bool {
	return isFunc(fn, nurseryPath, "New") || isMethod(fn, nurseryPath, "Config", "New")
}

// isNurseryRun reports whether fn runs a body with a block-scoped nursery:
// nursery.Run, nursery.Config.Run, or nursery.Main.
func isNurseryRun(fn *types.Func) bool {
	return isFunc(fn, nurseryPath, "Run", "Main") || isMethod(fn, nurseryPath, "Config", "Run")
}

// isNurserySpawn reports whether fn is (*nursery.Nursery).Go or Start, whose
// first argument is a task.
func isNurserySpawn(fn *types.Func) bool {
	return isMethod(fn, nurseryPath, "Nursery", "Go", "Start")
}

// isContextDerive reports whether fn returns, as its first result, a
// context derived from (and cancelled with) its first argument.
func isContextDerive(fn *types.Func) bool {
	return isFunc(fn, "context", "WithCancel", "WithCancelCause", "WithTimeout",
		"WithTimeoutCause", "WithDeadline", "WithDeadlineCause", "WithValue") ||
		isFunc(fn, "os/signal", "NotifyContext") ||
		isFunc(fn, nurseryPath, "Stopping")
}

// isGoexit reports whether fn ends the calling goroutine but not the
// process: runtime.Goexit, testing's Fatal, Fatalf, FailNow, Skip, Skipf
// and SkipNow, the same methods of an interface with a FailNow that a
// test helper takes in their place (testify's TestingT), and testify's
// require.Fail and FailNow and shoenig/test's must.Unreachable, which fail
// the test unconditionally.
func isGoexit(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	testStop := func() bool {
		switch fn.Name() {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return true
		}
		return false
	}
	switch fn.Pkg().Path() {
	case "runtime":
		return fn.Name() == "Goexit"
	case "testing":
		return testStop()
	case "github.com/stretchr/testify/require":
		switch fn.Name() {
		case "Fail", "Failf", "FailNow", "FailNowf":
			return true
		}
	case "github.com/shoenig/test/must":
		return fn.Name() == "Unreachable"
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) && testStop() {
		// An interface that stands for *testing.T has FailNow; a logger's
		// Fatal, which exits the process, is not one of these.
		obj, _, _ := types.LookupFieldOrMethod(sig.Recv().Type(), false, fn.Pkg(), "FailNow")
		return obj != nil
	}
	return false
}

// isGroupGo reports whether fn starts a goroutine in a group that waits
// for it: (*sync.WaitGroup).Go or (*errgroup.Group).Go.
func isGroupGo(fn *types.Func) bool {
	return isMethod(fn, "sync", "WaitGroup", "Go") || isMethod(fn, errgroupPath, "Group", "Go")
}

// isSubtestRun reports whether fn runs its function argument as a subtest or
// fuzz target, or inside a synctest bubble: code there is still "the test".
func isSubtestRun(fn *types.Func) bool {
	return isMethod(fn, "testing", "T", "Run") || isMethod(fn, "testing", "B", "Run") ||
		isMethod(fn, "testing", "F", "Fuzz") || isSynctest(fn)
}

// isSynctest reports whether fn runs its function argument in a
// testing/synctest bubble, which waits for every goroutine started in it.
func isSynctest(fn *types.Func) bool {
	return isFunc(fn, "testing/synctest", "Test", "Run") || isFunc(fn, "internal/synctest", "Test", "Run")
}

// closerNames are the methods by which a value that a goroutine works on is
// conventionally stopped; calling one of them after the go statement ends the
// goroutine (a server's Shutdown makes its Serve return).
var closerNames = map[string]bool{
	"Close": true, "Shutdown": true, "Stop": true, "GracefulStop": true,
	"Wait": true, "Kill": true, "Cancel": true, "Terminate": true,
}

// closeForms are methods that close their receiver as Close does, with an
// error to report or without waiting for the peer (quic's and io.Pipe's
// CloseWithError, a websocket's CloseNow). A call of one releases what
// waits on the receiver, like a call of Close; unlike closerNames they do
// not make a value owe a stop: a type that has only these is closed as its
// users see fit.
var closeForms = map[string]bool{"CloseWithError": true, "CloseNow": true}

// hasOwnStop reports whether values of type t, declared in the package
// being checked, have no method of closerNames but an unexported form of
// one (stop, close, shutdown...): a package's own stop for its own types,
// such as a test server's.
func (c *checker) hasOwnStop(t types.Type) bool {
	return c.stopsOf(t).ownStop
}

// hasCloser reports whether values of type t have one of closerNames.
func (c *checker) hasCloser(t types.Type) bool {
	return c.stopsOf(t).closer
}

// typeStops is what the rules ask of a type's methods: whether it has one
// of closerNames (hasCloser; never a twine runtime type), and if not,
// whether it has a package's own unexported form of one (hasOwnStop).
// closeForm: it has one of closeForms.
type typeStops struct{ closer, ownStop, closeForm bool }

// stopsOf answers hasCloser and hasOwnStop for t from one method set,
// remembered per type: a method set costs a sort, and the rules ask about
// the same variables' types again and again (a goroutine's body, then each
// function it calls).
func (c *checker) stopsOf(t types.Type) typeStops {
	if t == nil {
		return typeStops{}
	}
	// Every *T written in the source is a type of its own, but T and *T
	// have one answer (methodSet looks at *T for both), unless T is an
	// interface: remember it under T.
	key := t
	if p, ok := types.Unalias(t).(*types.Pointer); ok && !types.IsInterface(p.Elem()) {
		key = p.Elem()
	}
	st, ok := c.closers[key]
	if !ok {
		if c.closers == nil {
			c.closers = make(map[types.Type]typeStops)
		}
		st = c.computeStops(t)
		c.closers[key] = st
	}
	return st
}

// computeStops is stopsOf without the memory.
func (c *checker) computeStops(t types.Type) typeStops {
	// A nursery waits for its tasks, not for the goroutines that use it;
	// sync's WaitGroup and Cond wait, they stop nothing.
	if n, ok := types.Unalias(derefType(t)).(*types.Named); ok && n.Obj().Pkg() != nil &&
		(inRuntime(n.Obj().Pkg().Path()) || n.Obj().Pkg().Path() == "sync") {
		return typeStops{}
	}
	var st typeStops
	ms := c.methodSet(t)
	for i := 0; i < ms.Len(); i++ {
		m := ms.At(i).Obj()
		name := m.Name()
		if closerNames[name] {
			return typeStops{closer: true}
		}
		st.closeForm = st.closeForm || closeForms[name]
		if m.Pkg() == c.pass.Pkg && !token.IsExported(name) && closerNames[strings.ToUpper(name[:1])+name[1:]] {
			st.ownStop = true
		}
	}
	return st
}

// methodSet returns the method set of t, or of *t when t is a named
// non-pointer, non-interface type (an addressable variable has both).
func (c *checker) methodSet(t types.Type) *types.MethodSet {
	if _, ok := t.Underlying().(*types.Interface); !ok {
		if _, ok := types.Unalias(t).(*types.Pointer); !ok {
			t = types.NewPointer(t)
		}
	}
	return c.msets.MethodSet(t)
}

// isStd reports whether the package at path belongs to the standard library:
// no module, and no dot in the first path element.
func isStd(path string, inModule bool) bool {
	if inModule {
		return false
	}
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// derefType returns what t points to, or t.
func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
