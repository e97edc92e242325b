// Package lintfix is the module the golangci-lint end-to-end test lints:
// one bare go statement to report and fix, one suppressed with a nolint
// comment, and a detached context that .golangci.yml allows.
package lintfix

import (
	"context"
	"sync/atomic"

	"github.com/twine-go/twine/runtime/nursery"
)

// Count counts the non-empty items in a nursery. The bare go statement
// lets it return before the counting is done.
func Count(ctx context.Context, items []string) (int64, error) {
	total := new(atomic.Int64)
	err := nursery.Run(ctx, func(n *nursery.Nursery) error {
		for _, it := range items {
			go count(total, it)
		}
		go count(total, "") //nolint:twine // the empty item is never counted
		return nil
	})
	return total.Load(), err
}

func count(total *atomic.Int64, item string) {
	if item != "" {
		total.Add(1)
	}
}

// Lookup ignores ctx: a ctxdetach report, which .golangci.yml turns off.
func Lookup(ctx context.Context, key string) error {
	return query(context.Background(), key)
}

func query(ctx context.Context, key string) error { return ctx.Err() }
