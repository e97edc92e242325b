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
