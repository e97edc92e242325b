// Package ownershipplain imports nothing concurrent itself: only a
// package whose constructor hands its caller a goroutine to stop.
package ownershipplain

import "example.com/ownership/lru"

func Warm() error {
	c, err := lru.New() // want `the result of lru.New is not stopped on every path: the return at line \d+ skips it, so the goroutine started at example.com/ownership/lru/lru.go:\d+ \(c.evict\) is never joined: call its Close method`
	if err != nil {
		return err
	}
	c.Clear()
	return nil
}

func WarmAndClose() error {
	c, err := lru.New()
	if err != nil {
		return err
	}
	defer c.Close()
	c.Clear()
	return nil
}
