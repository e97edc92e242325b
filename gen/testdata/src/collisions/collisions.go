// Package collisions has imports whose names collide, and names that would
// shadow the ones the generated code uses.
package collisions

import (
	"context"
	htmpl "html/template"
	"math/rand"
	randv2 "math/rand/v2"
	"text/template"
)

// sync is a package-level name the generated code would import.
var sync = 1

// draw uses both rand packages and both template packages.
//
//twine:bundle
func draw(ctx context.Context, src rand.Source, src2 randv2.Source, t *template.Template, h *htmpl.Template) (*htmpl.Template, error) {
	return h, nil
}

// shadows has parameters named like imports and locals.
//
//twine:bundle
func shadows(ctx context.Context, context int, time string, b bool, err error, i, r, n int, shadows float64) error {
	return nil
}
