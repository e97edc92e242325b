// Package wgonly imports sync and nothing else the pass looks for, and has
// no go statement: its wg.Go is still checked.
package wgonly

import "sync"

func warm(keys []string, get func(string)) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Go(func() { get(k) }) // want `goroutine started by wg.Go is never joined, so it can outlive warm`
	}
}
