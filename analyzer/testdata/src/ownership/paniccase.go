package ownership

import "errors"

// --- A loop whose select panics on a broken invariant still ends only by its stop ---

type assertWaiter struct {
	data int
	c    chan int
}

type assertQueue struct {
	n      int
	queue  []assertWaiter
	addC   chan assertWaiter
	closeC chan struct{}
	doneC  chan struct{}
}

func newAssertQueue() *assertQueue {
	q := &assertQueue{addC: make(chan assertWaiter), closeC: make(chan struct{}), doneC: make(chan struct{})}
	go q.run() // want `goroutine running q.run is handed on to the caller, but openAssertSession drops it at line 52`
	return q
}

func (q *assertQueue) run() {
	for {
		var w assertWaiter
		if len(q.queue) > 0 {
			w = q.queue[0]
		}
		select {
		case a := <-q.addC:
			q.queue = append(q.queue, a)
		case w.c <- w.data:
			q.queue = q.queue[1:]
			if q.n--; q.n < 0 {
				panic("assertQueue: more sent than queued")
			}
		case <-q.closeC:
			close(q.doneC)
			return
		}
	}
}

func (q *assertQueue) Close() { close(q.closeC); <-q.doneC }

type assertSession struct{ q *assertQueue }

func openAssertSession(bad bool) (*assertSession, error) {
	s := &assertSession{q: newAssertQueue()} // want `the result of newAssertQueue is not stopped on every path: the return at line 54 skips it`
	if bad {
		return nil, errors.New("bad config")
	}
	return s, nil
}
