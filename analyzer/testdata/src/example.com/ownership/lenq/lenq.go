// Package lenq has a queue whose goroutine serves its length on a channel
// in every turn of its loop, and a gauge that offers its value once only.
package lenq

// Queue counts what it is given; Len asks its goroutine.
type Queue struct {
	in, length chan int
	quit       chan struct{}
}

// New starts the queue's goroutine: the caller's to close.
func New() *Queue {
	q := &Queue{in: make(chan int, 16), length: make(chan int), quit: make(chan struct{})}
	go q.serve()
	return q
}

func (q *Queue) serve() {
	defer close(q.length)
	n := 0
	for {
		select {
		case <-q.in:
			n++
		case q.length <- n:
		case <-q.quit:
			return
		}
	}
}

// Add queues v.
func (q *Queue) Add(v int) { q.in <- v }

// Len is answered by serve at its next turn, or by its close once serve
// has ended.
func (q *Queue) Len() int { return <-q.length }

// Close stops serve.
func (q *Queue) Close() { close(q.quit) }

// Gauge holds one value, then no more.
type Gauge struct{ value chan int }

// NewGauge makes a gauge with its one value.
func NewGauge() *Gauge {
	g := &Gauge{value: make(chan int, 1)}
	g.value <- 0
	return g
}

// Read waits for the value: a second Read waits for ever.
func (g *Gauge) Read() int { return <-g.value }

// Bare serves its length until it is closed, and then no more: a Len
// after its Close waits for ever.
type Bare struct {
	length chan int
	quit   chan struct{}
}

// NewBare starts the bare queue's goroutine.
func NewBare() *Bare {
	b := &Bare{length: make(chan int), quit: make(chan struct{})}
	go b.serve()
	return b
}

func (b *Bare) serve() {
	for {
		select {
		case b.length <- 0:
		case <-b.quit:
			return
		}
	}
}

// Len is answered while serve runs.
func (b *Bare) Len() int { return <-b.length }

// Close stops serve.
func (b *Bare) Close() { close(b.quit) }
