// Package lib is a library of the kind tasks call: a metrics client that
// starts a flusher, a connection with a keepalive, a cache with a janitor.
package lib

import (
	"sync"
	"time"
)

type Metrics struct {
	mu  sync.Mutex
	buf []string
}

func (m *Metrics) flush() {}

// NewMetrics starts a flusher that nothing stops.
func NewMetrics() *Metrics { // want NewMetrics:`spawns\(go statement at example.com/misses/lib/lib.go:\d+\)` NewMetrics:`own\(fresh; starts\)`
	m := &Metrics{}
	go func() { // want `goroutine .*is never joined, so it can outlive NewMetrics`
		for range time.Tick(time.Second) {
			m.flush()
		}
	}()
	return m
}

type Conn struct{ quit chan struct{} }

func (c *Conn) keepalive() {
	for {
		select {
		case <-c.quit:
			return
		case <-time.After(time.Second):
		}
	}
}

// Dial starts a keepalive that Close signals but nothing waits for.
func Dial(addr string) *Conn { // want Dial:`spawns\(go statement at example.com/misses/lib/lib.go:\d+\)` Dial:`own\(fresh; starts\)`
	c := &Conn{quit: make(chan struct{})}
	go c.keepalive() // want `goroutine running c.keepalive blocks for ever: it waits on c.quit`
	return c
}

type Cache struct{ items map[string]string }

func (c *Cache) janitor() {}

// startJanitor is what New calls.
func startJanitor(c *Cache) { // want startJanitor:`spawns\(go statement at example.com/misses/lib/lib.go:\d+\)`
	go c.janitor() // want `goroutine .*is never joined, so it can outlive startJanitor`
}

// NewCache spawns through startJanitor.
func NewCache() *Cache { // want NewCache:`spawns\(via startJanitor, go statement at example.com/misses/lib/lib.go:\d+\)` NewCache:`own\(fresh\)`
	c := &Cache{items: map[string]string{}}
	startJanitor(c)
	return c
}
