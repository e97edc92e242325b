// Package misses holds leaky programs written the way they are shipped,
// one or more per rule, each with the report twine must make at the
// exact node. A leak twine cannot see without losing precision is kept
// here too, unannotated, and named in doc.go.
package misses

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// --- barego ---

var errTimeout = errors.New("timeout")

func get(url string) string { return url }

// The caller gives up after a second; the goroutine then blocks on its
// send for ever.
func fetchWithTimeout(url string) (string, error) {
	ch := make(chan string)
	go func() { // want `goroutine .*is not joined on every path: the return at line \d+ skips receiving from ch`
		ch <- get(url)
	}()
	select {
	case s := <-ch:
		return s, nil
	case <-time.After(time.Second):
		return "", errTimeout
	}
}

type registry struct{ mu sync.Mutex }

func (r *registry) flush() {}

// Stopping the ticker does not close its channel: the loop never ends.
func startMetrics(r *registry) *time.Ticker {
	t := time.NewTicker(time.Minute)
	go func() { // want `goroutine .*is never joined, so it can outlive startMetrics`
		for range t.C {
			r.flush()
		}
	}()
	return t
}

func waitForSignal() error { return nil }

// Nothing shuts the server down: it is cut off mid-request at exit.
func serveUntilSignal(addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h}
	go srv.ListenAndServe() // want `goroutine .*is never joined, so it can outlive serveUntilSignal`
	return waitForSignal()
}

// Shut down on the happy path only.
func serveOrFail(addr string, h http.Handler, ready func() error) error {
	srv := &http.Server{Addr: addr, Handler: h}
	go srv.ListenAndServe() // want `goroutine .*is not joined on every path: the return at line \d+ skips stopping srv`
	if err := ready(); err != nil {
		return err
	}
	return srv.Close()
}

type item struct{ id int }

func validate(it item) error {
	if it.id < 0 {
		return errNegative
	}
	return nil
}

var errNegative = errors.New("negative id")

func handle(it item) {}

// A validation error returns with the workers still blocked on jobs.
func process(items []item) error {
	var wg sync.WaitGroup
	jobs := make(chan item)
	for range 4 {
		wg.Add(1)
		go func() { // want `goroutine .*is not joined on every path: the return at line \d+ skips wg.Wait\(\)`
			defer wg.Done()
			for it := range jobs {
				handle(it)
			}
		}()
	}
	for _, it := range items {
		if err := validate(it); err != nil {
			return err
		}
		jobs <- it
	}
	close(jobs)
	wg.Wait()
	return nil
}

func audit(r *http.Request) {}

// Fire-and-forget from a handler: the audit outlives the request.
func handler(w http.ResponseWriter, r *http.Request) {
	go audit(r) // want `goroutine .*is never joined, so it can outlive handler`
	w.WriteHeader(http.StatusOK)
}

// The first error returns; the other goroutines block on errc for ever.
func firstError(urls []string) error {
	errc := make(chan error)
	for _, u := range urls {
		go func() { // want `goroutine .*is not joined on every path: the return at line \d+ skips receiving from errc`
			errc <- check(u)
		}()
	}
	for range urls {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func check(url string) error { return nil }

// Each goroutine has a slot: none blocks once the caller has returned.
func firstErrorBuffered(urls []string) error {
	errc := make(chan error, len(urls))
	for _, u := range urls {
		go func() { errc <- check(u) }()
	}
	for range urls {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Every result is received before the first error is returned.
func allErrors(urls []string) error {
	errc := make(chan error)
	for _, u := range urls {
		go func() { errc <- check(u) }()
	}
	var first error
	for range urls {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// A loop that counts its results leaves once it has all of them.
func collect(urls []string) []string {
	out := make(chan string)
	for _, u := range urls {
		go func() { out <- get(u) }()
	}
	var got []string
	for {
		got = append(got, <-out)
		if len(got) == len(urls) {
			return got
		}
	}
}

// One receive for many senders: the first answer is taken, the other
// senders block for ever.
func firstAnswer(urls []string) string {
	out := make(chan string)
	for _, u := range urls {
		go func() { // want `goroutine is not joined on every path: the return at line \d+ skips receiving from out once for each goroutine the loop starts`
			out <- get(u)
		}()
	}
	return <-out
}

// Two receives for two senders.
func both(a, b string) (string, string) {
	out := make(chan string)
	for _, u := range []string{a, b} {
		go func() { out <- get(u) }()
	}
	return <-out, <-out
}

// Groups whose Wait is skipped: g.Go and wg.Go are not go statements, but
// their goroutines are not joined either.
func fetchAllGroup(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return check(u) }) // want `goroutine started by g.Go is not joined on every path: the return at line \d+ skips g.Wait\(\)`
	}
	if len(urls) > 100 {
		return errors.New("too many")
	}
	return g.Wait()
}

func warmAll(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Go(func() { _ = get(k) }) // want `goroutine started by wg.Go is never joined, so it can outlive warmAll`
	}
}

func warmAllWaited(keys []string) {
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, k := range keys {
		wg.Go(func() { _ = get(k) })
	}
}

type server struct{ g errgroup.Group }

// The server's Close waits for its group.
func (s *server) start() {
	s.g.Go(func() error { return nil })
}

// The racers give up their sends once the function has returned and its
// deferred close(returned) ran (net's dialParallel).
func dialParallel(addrs []string, fallback <-chan struct{}) (string, error) {
	returned := make(chan struct{})
	defer close(returned)
	results := make(chan error)
	race := func(addr string) {
		err := check(addr)
		select {
		case results <- err:
		case <-returned:
		}
	}
	go race(addrs[0])
	for {
		select {
		case <-fallback:
			go race(addrs[1])
		case err := <-results:
			if err == nil {
				return addrs[0], nil
			}
			return "", err
		}
	}
}

// The same without the deferred close: the other racer blocks for ever.
func dialParallelLeaks(addrs []string, fallback <-chan struct{}) (string, error) {
	results := make(chan error)
	race := func(addr string) { results <- check(addr) }
	// Not reported (doc.go names the limit): the loop receives from results,
	// which joins one goroutine, though a second go statement sends too.
	go race(addrs[0])
	for {
		select {
		case <-fallback:
			go race(addrs[1]) // want `goroutine .*is not joined on every path: the return at line \d+ skips receiving from results once for each goroutine the loop starts`
		case err := <-results:
			if err != nil {
				return "", err
			}
			return addrs[0], nil
		}
	}
}
