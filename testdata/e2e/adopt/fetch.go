// Package adopt is the code of a team that adopts twine from a checkout,
// as the end-to-end test does it: the test makes a fresh module of this
// directory with go mod init, then follows the README. Nothing here
// compiles before go generate has written twine_bundles.go.
package adopt

import (
	"context"
	"fmt"
	"time"
)

//go:generate go tool twinegen

// fetch gets one page.
//
//twine:bundle grace=2s limit=4
func fetch(ctx context.Context, url string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return len(url), nil
}

// Sizes fetches every page, at most four at a time.
func Sizes(ctx context.Context, urls []string) ([]int, error) {
	return runFetchBundle(ctx, func(b *fetchBundle) error {
		for _, u := range urls {
			b.Go(u)
		}
		return nil
	})
}

// Warm starts a goroutine nobody waits for: twine reports it.
func Warm(urls []string) {
	go Sizes(context.Background(), urls)
}

// Describe has a printf mistake: go vet's own suite reports it.
func Describe(d time.Duration) string {
	return fmt.Sprintf("took %d", d.String())
}
