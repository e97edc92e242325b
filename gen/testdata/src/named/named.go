// Package named overrides bundle names with name=.
package named

import "context"

// work is done by a pool.
//
//twine:bundle name=pool limit=3
func work(ctx context.Context, job int) error { return nil }

// Crawl is done by an exported Crawler, though crawl is not exported.
//
//twine:bundle name=Crawler supervise
func crawl(ctx context.Context, url string) error { return nil }

// Export keeps its default name.
//
// More documentation.
//
//twine:bundle limit=1
func Export(ctx context.Context) error { return nil }
