package ownership

import (
	"sync"
	"time"
)

// --- A Close that stops nothing the goroutine waits on ---

type mapClient struct {
	mu       sync.Mutex
	mappings []int
	closed   chan struct{}
}

// Close signals closed, which addMapping never looks at.
func (cl *mapClient) Close() { close(cl.closed) }

func (cl *mapClient) lock()   { cl.mu.Lock() }
func (cl *mapClient) unlock() { cl.mu.Unlock() }

func (cl *mapClient) addMapping(port int) {
	time.Sleep(time.Second)
	cl.lock()
	cl.mappings = append(cl.mappings, port)
	cl.unlock()
}

func (cl *mapClient) forward(ports []int) {
	for _, p := range ports {
		go cl.addMapping(p) // want `goroutine running cl.addMapping is never joined, so it can outlive \(\*mapClient\).forward`
	}
}

// renew waits for closed between its rounds: Close ends it.
func (cl *mapClient) renew(port int) {
	for {
		select {
		case <-cl.closed:
			return
		case <-time.After(time.Second):
		}
		cl.lock()
		cl.mappings = append(cl.mappings, port)
		cl.unlock()
	}
}

func (cl *mapClient) keepMapped(ports []int) {
	for _, p := range ports {
		go cl.renew(p)
	}
}

// renewQuietly looks at closed through a helper.
func (cl *mapClient) isClosed() bool {
	select {
	case <-cl.closed:
		return true
	default:
		return false
	}
}

func (cl *mapClient) renewQuietly(port int) {
	for !cl.isClosed() {
		time.Sleep(time.Second)
		cl.lock()
		cl.mappings = append(cl.mappings, port)
		cl.unlock()
	}
}

func (cl *mapClient) keepMappedQuietly(ports []int) {
	for _, p := range ports {
		go cl.renewQuietly(p)
	}
}

// The channel Close closes is kept in another field, which the loop
// selects on: Close ends it.
type caseBuffer struct {
	in    chan int
	cases []chan int
}

func newCaseBuffer() *caseBuffer {
	b := &caseBuffer{in: make(chan int)}
	b.cases = append(b.cases, b.in)
	go b.loop()
	return b
}

func (b *caseBuffer) Close() { close(b.in) }

func (b *caseBuffer) loop() {
	for {
		if _, ok := <-b.cases[0]; !ok {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func useCaseBuffer() {
	b := newCaseBuffer()
	defer b.Close()
	b.in <- 1
}

// Close asks the event loop, which sets the state the poller checks: a
// message may end what it does not name.
type pollProducer struct {
	mu      sync.Mutex
	closing bool
	cmds    chan chan struct{}
}

func newPollProducer() *pollProducer {
	p := &pollProducer{cmds: make(chan chan struct{})}
	go p.failTimedOut()
	go p.events()
	return p
}

func (p *pollProducer) isClosing() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closing
}

func (p *pollProducer) failTimedOut() {
	for range time.Tick(time.Second) {
		if p.isClosing() {
			return
		}
	}
}

func (p *pollProducer) events() {
	for done := range p.cmds {
		p.mu.Lock()
		p.closing = true
		p.mu.Unlock()
		close(done)
		return
	}
}

func (p *pollProducer) Close() {
	done := make(chan struct{})
	p.cmds <- done
	<-done
}

func usePollProducer() {
	p := newPollProducer()
	defer p.Close()
}
