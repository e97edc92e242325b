// Package vetfix is the module the go vet and go fix end-to-end tests run
// twinevet on. SumSquares starts its work with a bare go statement inside
// a nursery, so it returns before the work is done; the suggested fix
// starts it with n.Go instead, and its test passes only once fixed.
package vetfix

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

// SumSquares adds up the squares of xs, one task per number.
func SumSquares(ctx context.Context, xs []int) (int64, error) {
	total := new(atomic.Int64)
	err := nursery.Run(ctx, func(n *nursery.Nursery) error {
		for _, x := range xs {
			go square(total, x)
		}
		return nil
	})
	return total.Load(), err
}

// square adds x² to total, x milliseconds from now.
func square(total *atomic.Int64, x int) {
	time.Sleep(time.Duration(x) * time.Millisecond)
	total.Add(int64(x * x))
}
