package ownership

import (
	"context"
	"sync"
)

// --- A channel handed to a sibling loop that may leave without draining it ---

type crawlQueue struct {
	pending int
	running func() bool
	load    func() (int, error)
}

func (q *crawlQueue) Run() error {
	reqs := make(chan int)
	complete, errc := make(chan struct{}), make(chan error, 1)
	for i := 0; i < 4; i++ {
		go crawlRunner(reqs, complete) // want `goroutine running crawlRunner can block for ever sending on complete: the goroutine that receives it \(sibdrain.go:22\) may leave at line 40 while more can come`
	}
	go q.loop(reqs, complete, errc)
	defer close(reqs)
	return <-errc
}

func crawlRunner(reqs <-chan int, complete chan<- struct{}) {
	for r := range reqs {
		_ = r
		complete <- struct{}{}
	}
}

func (q *crawlQueue) loop(reqs chan<- int, complete <-chan struct{}, errc chan<- error) {
	active := 0
	for {
		n, err := q.load()
		if err != nil {
			errc <- err
			break
		}
		if n == 0 && active == 0 || !q.running() {
			errc <- nil
			break
		}
		select {
		case reqs <- n:
			active++
		case <-complete:
			active--
		}
	}
}

// The loop leaves only when nothing is in flight: every send is taken.

func (q *crawlQueue) RunCounted() error {
	reqs := make(chan int)
	complete, errc := make(chan struct{}), make(chan error, 1)
	for i := 0; i < 4; i++ {
		go crawlRunner(reqs, complete)
	}
	go q.loopCounted(reqs, complete, errc)
	defer close(reqs)
	return <-errc
}

func (q *crawlQueue) loopCounted(reqs chan<- int, complete <-chan struct{}, errc chan<- error) {
	active := 0
	for {
		if q.pending == 0 && active == 0 {
			errc <- nil
			return
		}
		select {
		case reqs <- q.pending:
			q.pending--
			active++
		case <-complete:
			active--
		}
	}
}

// A loop that drains what is in flight before it leaves.

func (q *crawlQueue) RunDrained(ctx context.Context) error {
	reqs := make(chan int)
	complete, errc := make(chan struct{}), make(chan error, 1)
	for i := 0; i < 4; i++ {
		go crawlRunner(reqs, complete)
	}
	go q.loopDrained(ctx, reqs, complete, errc)
	defer close(reqs)
	return <-errc
}

func (q *crawlQueue) loopDrained(ctx context.Context, reqs chan<- int, complete <-chan struct{}, errc chan<- error) {
	active := 0
	defer func() {
		for ; active > 0; active-- {
			<-complete
		}
	}()
	for {
		if q.pending == 0 && active == 0 {
			errc <- nil
			return
		}
		select {
		case reqs <- q.pending:
			q.pending--
			active++
		case <-complete:
			active--
		case <-ctx.Done():
			errc <- ctx.Err()
			return
		}
	}
}

// A collector that leaves on the context while a worker may still send.

func gatherCtx(ctx context.Context, jobs []int) {
	results := make(chan int)
	for _, j := range jobs {
		go func() { results <- j * 2 }() // want `goroutine can block for ever sending on results: the goroutine that receives it \(sibdrain.go:130\) may leave at line 139`
	}
	go collectUntil(ctx, results)
}

func collectUntil(ctx context.Context, results <-chan int) {
	for {
		select {
		case r := <-results:
			_ = r
		case <-ctx.Done():
			return
		}
	}
}

// The workers' sends watch the context the collector leaves on.

func gatherWatched(ctx context.Context, jobs []int) {
	results := make(chan int)
	for _, j := range jobs {
		go func() {
			select {
			case results <- j * 2:
			case <-ctx.Done():
			}
		}()
	}
	go collectUntil(ctx, results)
}

// A collector that leaves when it has them all.

func gatherEach(jobs []int) {
	results := make(chan int)
	for _, j := range jobs {
		go func() { results <- j * 2 }()
	}
	go collectN(len(jobs), results)
}

func collectN(n int, results <-chan int) {
	got := 0
	for {
		<-results
		got++
		if got == n {
			return
		}
	}
}

// A listener that leaves in the case that takes done: the closer beside
// it has nothing more to give.
func sumUntilDone(vals []float64) float64 {
	var end sync.WaitGroup
	stream := make(chan float64, len(vals))
	result := make(chan float64)
	done := make(chan struct{})
	go sumStream(stream, result, done)
	go func() {
		end.Wait()
		close(done)
	}()
	end.Add(1)
	go func() {
		defer end.Done()
		for _, v := range vals {
			stream <- v
		}
	}()
	return <-result
}

func sumStream(vals, result chan float64, done chan struct{}) {
	var sum float64
outer:
	for {
		select {
		case <-done:
			close(vals)
			for v := range vals {
				sum += v
			}
			break outer
		case v := <-vals:
			sum += v
		}
	}
	result <- sum
}
