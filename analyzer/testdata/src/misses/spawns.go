package misses

import (
	"context"

	"example.com/misses/lib"
	"github.com/twine-go/twine/runtime/nursery"
)

// --- spawns ---

// A task that builds its dependencies starts their goroutines behind the
// nursery's back: they outlive the task and the nursery cannot wait.
func serveRequests(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		m := lib.NewMetrics() // want `call to lib.NewMetrics starts a goroutine that outlives this task \(go statement at example.com/misses/lib/lib.go:\d+\), so the nursery cannot wait for it`
		_ = m
		n.Go(func(ctx context.Context) error {
			c := lib.Dial("db:5432") // want `call to lib.Dial starts a goroutine that outlives this task`
			_ = c
			cache := lib.NewCache() // want `call to lib.NewCache starts a goroutine that outlives this task \(through startJanitor, go statement at example.com/misses/lib/lib.go:\d+\)`
			_ = cache
			return nil
		})
		return nil
	})
}
