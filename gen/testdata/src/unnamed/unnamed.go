// Package unnamed annotates functions with unnamed and blank parameters.
package unnamed

import "context"

//twine:bundle
func noNames(context.Context, int, string) error { return nil }

//twine:bundle
func blanks(_ context.Context, _ int, arg1 string, _ []byte) error { return nil }

//twine:bundle
func onlyCtx(ctx context.Context) (int, error) { return 0, nil }
