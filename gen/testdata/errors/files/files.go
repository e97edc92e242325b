package files

import "context"

//twine:bundle
func ok(ctx context.Context) error { return nil }
