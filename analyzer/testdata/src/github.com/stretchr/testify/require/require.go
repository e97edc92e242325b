// Package require is a stand-in for testify's require: the shape of its
// FailNow, which ends the test through an interface and has a return path
// the CFG cannot rule out.
package require

// TestingT is what the assertions are given in place of *testing.T.
type TestingT interface {
	Errorf(format string, args ...any)
	FailNow()
}

// FailNow fails the test and ends it.
func FailNow(t TestingT, failureMessage string, msgAndArgs ...any) {
	if report(t, failureMessage, msgAndArgs...) {
		return
	}
	t.FailNow()
}

func report(t TestingT, msg string, args ...any) bool {
	t.Errorf("%s %v", msg, args)
	return false
}

// NotNil fails the test and ends it when object is nil.
func NotNil(t TestingT, object any, msgAndArgs ...any) {
	if object == nil {
		FailNow(t, "expected a value", msgAndArgs...)
	}
}

// Nil fails the test and ends it when object is not nil.
func Nil(t TestingT, object any, msgAndArgs ...any) {
	if object != nil {
		FailNow(t, "expected nil", msgAndArgs...)
	}
}

// Error fails the test and ends it when err is nil.
func Error(t TestingT, err error, msgAndArgs ...any) {
	if err == nil {
		FailNow(t, "expected an error", msgAndArgs...)
	}
}

// NoError fails the test and ends it when err is not nil.
func NoError(t TestingT, err error, msgAndArgs ...any) {
	if err != nil {
		FailNow(t, "unexpected error", msgAndArgs...)
	}
}
