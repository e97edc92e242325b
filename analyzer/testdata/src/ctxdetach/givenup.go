package ctxdetach

import (
	"context"
	"sync"
	"time"
)

func fetchPart(ctx context.Context) error  { return ctx.Err() }
func recordPart(ctx context.Context) error { return ctx.Err() }

// The fetches' context is given up in the goroutine before the record:
// passing it would fail at once.
func augmentParts(n int) <-chan struct{} {
	fetchCtx, cancel := context.WithTimeout(context.Background(), time.Minute)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetchPart(fetchCtx)
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		wg.Wait()
		cancel()
		recordPart(context.TODO())
	}()
	return done
}

// Not given up before the record: it is in scope and alive.
func augmentPartsLive(n int) <-chan struct{} {
	fetchCtx, cancel := context.WithTimeout(context.Background(), time.Minute)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer cancel()
		fetchPart(fetchCtx)
		recordPart(context.TODO()) // want `call to context.TODO\(\) detaches this work from fetchCtx, which is in scope`
	}()
	return done
}
