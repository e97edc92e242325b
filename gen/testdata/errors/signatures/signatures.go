package signatures

import "context"

//twine:bundle
func noParams() error { return nil }

//twine:bundle
func ctxSecond(id int, ctx context.Context) error { return nil }

//twine:bundle
func noResult(ctx context.Context) {}

//twine:bundle
func errorFirst(ctx context.Context) (error, int) { return nil, 0 }

//twine:bundle
func three(ctx context.Context) (int, string, error) { return 0, "", nil }

//twine:bundle
func variadicCtx(ctxs ...context.Context) error { return nil }

// MyCtx is a different type, even though it has the same methods.
type MyCtx context.Context

//twine:bundle
func namedCtx(ctx MyCtx) error { return nil }

//twine:bundle
func _(ctx context.Context) error { return nil }

// fine is correct, but nothing is written when another annotation is wrong.
//
//twine:bundle
func fine(ctx context.Context) error { return nil }
