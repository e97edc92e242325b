package files

import "context"

//twine:bundle
func inTest(ctx context.Context) error { return nil }
