package files

import "context"

//twine:bundle
func suffixed(ctx context.Context) error { return nil }
