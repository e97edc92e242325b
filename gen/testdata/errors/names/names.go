package names

import "context"

// workBundle is declared by hand.
type workBundle struct{}

//twine:bundle
func work(ctx context.Context) error { return nil }

//twine:bundle name=pool
func a(ctx context.Context) error { return nil }

//twine:bundle name=pool
func b(ctx context.Context) error { return nil }

// S has a method whose bundle name collides with a function's.
type S struct{}

//twine:bundle
func (S) run(ctx context.Context) error { return nil }

//twine:bundle
func sRun(ctx context.Context) error { return nil }

// runPlainBundle is taken, so plain cannot have its bundle.
func runPlainBundle() {}

//twine:bundle
func plain(ctx context.Context) error { return nil }
