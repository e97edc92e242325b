package analyzer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// TestAsyncStop checks which goroutines are taken to be a stop of the
// value run asynchronously: one that only calls a stopping method, also
// to hand on its result (done <- c.Run(ctx)), and not one that calls
// something else.
func TestAsyncStop(t *testing.T) {
	const src = `package p

type C struct{}

func (c *C) Run() error   { return nil }
func (c *C) Close() error { return nil }
func other(c *C) error    { return nil }

func start(c *C) chan error {
	done := make(chan error, 1)
	go func() { done <- c.Run() }()
	go func() { _ = c.Close() }()
	go func() { done <- other(c) }()
	go func() { done <- c.Run(); done <- other(c) }()
	return done
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
	}
	if _, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	c := &checker{info: info}
	var got []bool
	ast.Inspect(f, func(n ast.Node) bool {
		if g, ok := n.(*ast.GoStmt); ok {
			got = append(got, c.asyncStop(g, []string{"Run", "Close"}))
		}
		return true
	})
	want := []bool{true, true, false, false}
	if len(got) != len(want) {
		t.Fatalf("got %d go statements, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("go statement %d: asyncStop = %v, want %v", i+1, got[i], want[i])
		}
	}
}
