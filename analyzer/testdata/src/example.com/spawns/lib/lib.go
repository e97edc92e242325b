package lib

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func poll() {}

// StartPoller starts a goroutine and returns: it outlives the call.
func StartPoller() { // want StartPoller:`spawns\(go statement at example.com/spawns/lib/lib.go:15\)` StartPoller:`own\(starts\)`
	go poll() // want `goroutine .*is never joined`
}

// Start spawns through StartPoller.
func Start() { // want Start:`spawns\(via StartPoller, go statement at example.com/spawns/lib/lib.go:15\)`
	StartPoller()
}

type Client struct {
	wg   sync.WaitGroup
	quit chan struct{}
}

// Connect starts a goroutine owned by the client (counted in c.wg, waited
// for by Close): it spawns nothing that outlives the client.
func (c *Client) Connect() { // want Connect:`own\(starts; owes stop Close recv for example.com/spawns/lib/lib.go:\d+\)`
	c.wg.Add(1)
	go c.loop()
}

func (c *Client) loop() {
	defer c.wg.Done()
	<-c.quit
}

func (c *Client) Close() { // want Close:`own\(blocks\(wait recv.wg\); close recv.quit; wait recv.wg\)`
	close(c.quit)
	c.wg.Wait()
}

// Refresh spawns a goroutine nobody waits for.
func (c *Client) Refresh() { // want Refresh:`spawns\(go statement at example.com/spawns/lib/lib.go:47\)` Refresh:`own\(starts\)`
	go poll() // want `goroutine .*is never joined`
}

// Fetch joins what it starts.
func Fetch(urls []string) {
	var wg sync.WaitGroup
	for range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			poll()
		}()
	}
	wg.Wait()
}

// FetchAll uses errgroup: joined.
func FetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for range urls {
		g.Go(func() error { poll(); return nil })
	}
	return g.Wait()
}

// Ticker starts a detached goroutine, and says so.
func Ticker() {
	//twine:detached the ticker lives as long as the process
	go poll()
}

// Later uses the standard library's timer goroutine: not reported.
func Later() *time.Timer { return time.AfterFunc(time.Second, poll) }

// Deferred spawns when it returns.
func Deferred() { // want Deferred:`spawns\(via StartPoller`
	defer StartPoller()
}

// Recursive spawns through a cycle.
func Recursive(n int) { // want Recursive:`spawns\(via StartPoller`
	if n > 0 {
		Recursive(n - 1)
	}
	StartPoller()
}

// Literal does not spawn itself: the literal it builds does, when called.
func Literal() func() {
	return func() { StartPoller() }
}
