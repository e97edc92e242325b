// Package clean has nothing for twinevet to report.
package clean

import "sync"

// Each runs f on every item and waits for all of them.
func Each(items []int, f func(int)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { f(it) })
	}
	wg.Wait()
}
