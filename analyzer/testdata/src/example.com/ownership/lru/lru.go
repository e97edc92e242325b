// Package lru is a cache with an evictor goroutine, stopped by Close.
package lru

// Cache is the cache.
type Cache struct{ stop chan struct{} }

// New starts the evictor.
func New() (*Cache, error) {
	c := &Cache{stop: make(chan struct{})}
	go c.evict()
	return c, nil
}

func (c *Cache) evict() { <-c.stop }

// Close stops the evictor.
func (c *Cache) Close() { close(c.stop) }

// Clear empties the cache.
func (c *Cache) Clear() {}
