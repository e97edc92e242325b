//go:build twinegen_never

package files

import "context"

//twine:bundle
func excluded(ctx context.Context) error { return nil }
