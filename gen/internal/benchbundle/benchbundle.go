// Package benchbundle holds the bundles whose cost BenchmarkBundleGo
// measures against the nursery they wrap. Its twine_bundles.go is generated
// and committed; gen's TestBenchBundleUpToDate keeps it in step with the
// generator.
package benchbundle

import "context"

//go:generate go run github.com/twine-go/twine/cmd/twinegen

// noop is a task that does nothing, so that only the cost of starting and
// joining it is measured.
//
//twine:bundle
func noop(ctx context.Context, i int) error { return nil }

// double is a task with a result, for the cost of keeping results in order.
//
//twine:bundle
func double(ctx context.Context, i int) (int, error) { return 2 * i, nil }
