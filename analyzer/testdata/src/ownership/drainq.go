package ownership

import (
	"context"

	"example.com/ownership/drainq"
)

// --- A queue of another package stopped through a drain, inside an owner of this one ---

type drainSender struct {
	ctx     context.Context
	cancel  context.CancelFunc
	closed  chan struct{}
	changes *drainq.Queue
}

func newDrainSender() drainSender {
	ctx, cancel := context.WithCancel(context.Background())
	return drainSender{ctx: ctx, cancel: cancel, closed: make(chan struct{}), changes: drainq.New()}
}

func (s *drainSender) run() {
	out := s.changes.Out()
	for {
		select {
		case <-out:
		case <-s.ctx.Done():
			close(s.closed)
			return
		}
	}
}

func (s *drainSender) add(v int) { s.changes.In() <- v }

// Shutdown ends run, then the queue, whose Stop drains its length
// channel until the loop closes it.
func (s *drainSender) Shutdown() {
	s.cancel()
	<-s.closed
	s.changes.Stop()
}

func drainSenderStopped() {
	s := newDrainSender()
	defer s.Shutdown()
	go s.run()
	s.add(1)
}

func drainSenderDropped() {
	s := newDrainSender() // want `the result of newDrainSender \(its.changes\) is not stopped on every path: the end of the function at line 55 skips it, so the goroutine started at example.com/ownership/drainq/drainq.go:18 \(q.loop\) is never joined: call its Shutdown method on every path`
	s.add(1)
}

func drainQueueStopped() {
	q := drainq.New()
	defer q.Stop()
	q.In() <- 1
}

func drainQueueDropped() {
	q := drainq.New() // want `the result of drainq.New is not stopped on every path: the end of the function at line 66 skips it, so the goroutine started at example.com/ownership/drainq/drainq.go:18 \(q.loop\) is never joined: call one of its methods Len, Stop on every path`
	q.In() <- 1
}

// A session whose own loop shuts its sender down as it ends: the
// sender's stop is the loop's, and the session's Close ends the loop.
type drainSession struct {
	cancel context.CancelFunc
	sws    drainSender
}

func newDrainSession() *drainSession {
	ctx, cancel := context.WithCancel(context.Background())
	s := &drainSession{cancel: cancel}
	s.sws = newDrainSender()
	go s.loop(ctx)
	return s
}

func (s *drainSession) loop(ctx context.Context) {
	go s.sws.run()
	<-ctx.Done()
	s.sws.Shutdown()
}

func (s *drainSession) Close() { s.cancel() }

func drainSessionClosed() {
	s := newDrainSession()
	defer s.Close()
	s.sws.add(1)
}

// Started only on request: the sender's queue is stopped only when the
// loop runs.
func newDrainSessionIf(start bool) *drainSession {
	ctx, cancel := context.WithCancel(context.Background())
	s := &drainSession{cancel: cancel}
	s.sws = newDrainSender()
	if start {
		go s.loop(ctx)
	}
	return s
}

func drainSessionNotStarted() {
	s := newDrainSessionIf(false) // want `the result of newDrainSessionIf \(its.sws.changes\) is not stopped`
	defer s.Close()
	s.sws.add(1)
}
