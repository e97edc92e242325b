package placement

import "context"

// T is a type.
//
//twine:bundle
type T struct {
	// f is a field.
	//twine:bundle
	f int
}

//twine:bundle
var v = 1

//twine:bundle
const c = 2

var (
	//twine:bundle
	w = 3
)

//twine:bundle

func detached(ctx context.Context) error { return nil }

func body(ctx context.Context) error {
	//twine:bundle
	f := func(ctx context.Context) error { return nil }
	return f(ctx)
}
