// Package variadic annotates variadic functions.
package variadic

import (
	"context"
	"io"
)

// copyAll copies to every writer.
//
//twine:bundle
func copyAll(ctx context.Context, r io.Reader, ws ...io.Writer) error { return nil }

// Join joins strings.
//
//twine:bundle limit=2
func Join(ctx context.Context, sep string, parts ...string) (string, error) { return "", nil }
