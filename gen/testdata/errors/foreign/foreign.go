package foreign

import "context"

//twine:bundle
func work(ctx context.Context) error { return nil }
