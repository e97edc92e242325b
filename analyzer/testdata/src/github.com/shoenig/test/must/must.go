// Package must is a stand-in for github.com/shoenig/test/must: its
// assertions end the test through T's FailNow.
package must

// T is the part of *testing.T the assertions use.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	FailNow()
}

// Unreachable fails the test: the code path must not run.
func Unreachable(t T) {
	t.Helper()
	t.Errorf("expected not to be reached")
	t.FailNow()
}
