package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"time"
)

// A stop ends a goroutine only where it waits on what the stop closes or
// cancels: defer ln.Close() ends an Accept, but a goroutine that accepted
// and then sleeps for a minute (to hang a handshake) runs that minute
// after the stop. A goroutine that is only stopped, never joined, and
// sleeps for long outside any loop is not stopped by it.

// minSleep is the shortest sleep that counts: shorter ones are yields.
const minSleep = 100 * time.Millisecond

// longSleep returns a call of time.Sleep, or a receive from
// time.After, of a constant duration of at least minSleep that the
// goroutine of g makes in its own body outside any loop, or nil.
func (c *checker) longSleep(g *ast.GoStmt, fn ast.Node) *ast.CallExpr {
	body, _ := c.goBody(g, fn)
	if body == nil {
		return nil
	}
	var found *ast.CallExpr
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SelectStmt:
			return false // a loop may check the stop between sleeps; a select may take it
		case *ast.CallExpr:
			fn := callee(c.info, n)
			if (isFunc(fn, "time", "Sleep") || isFunc(fn, "time", "After")) && len(n.Args) == 1 && c.atLeast(n.Args[0], minSleep) {
				found = n
			}
		}
		return found == nil
	})
	return found
}

// atLeast reports whether e is a constant duration of at least d.
func (c *checker) atLeast(e ast.Expr, d time.Duration) bool {
	tv, ok := c.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return false
	}
	if b, ok := tv.Type.Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
		return false
	}
	v, exact := constant.Int64Val(tv.Value)
	return exact && v >= int64(d)
}
