// Package drainq has a queue whose goroutine serves its length in every
// turn of its loop and ends when a flag, read after each answer, is set:
// Stop sets it and drains the length channel until the loop closes it.
package drainq

import "sync/atomic"

// Queue buffers what it is given.
type Queue struct {
	in, out chan int
	length  chan int
	stop    atomic.Bool
}

// New starts the queue's goroutine: the caller's to Stop.
func New() *Queue {
	q := &Queue{in: make(chan int), out: make(chan int), length: make(chan int)}
	go q.loop()
	return q
}

// In is where values go in.
func (q *Queue) In() chan<- int { return q.in }

// Out is where they come out.
func (q *Queue) Out() <-chan int { return q.out }

// Len asks the loop: one answer, not its end.
func (q *Queue) Len() int { return <-q.length }

// Stop raises the flag, then takes every answer until the loop closes
// the channel as it ends.
func (q *Queue) Stop() {
	q.stop.Store(true)
	for range q.length {
	}
}

func (q *Queue) loop() {
	var buf []int
	var out chan int
	next := 0
	in := q.in
serve:
	for in != nil || out != nil {
		select {
		case v, ok := <-in:
			if !ok {
				in = nil
				break
			}
			buf = append(buf, v)
		case out <- next:
			buf = buf[1:]
		case q.length <- len(buf):
			if q.stop.Load() {
				break serve
			}
		}
		out = nil
		if len(buf) > 0 {
			out, next = q.out, buf[0]
		}
	}
	close(q.out)
	close(q.length)
}
