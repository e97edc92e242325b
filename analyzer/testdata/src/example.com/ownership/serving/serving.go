// Package serving is a server whose Serve blocks until it is stopped:
// it returns a nil error only after Stop (when its listener fails because
// Stop closed it, or while it waits to retry), and an error otherwise.
package serving

import (
	"errors"
	"net"
	"sync"
	"time"
)

var ErrStopped = errors.New("serving: server stopped")

type Server struct {
	mu    sync.Mutex
	lis   map[net.Listener]bool
	conns map[net.Conn]bool
	wg    sync.WaitGroup
	quit  *event
	once  sync.Once
}

// event is closed once, and says so.
type event struct {
	c    chan struct{}
	once sync.Once
}

func newEvent() *event { return &event{c: make(chan struct{})} }

func (e *event) Fire()                 { e.once.Do(func() { close(e.c) }) }
func (e *event) Done() <-chan struct{} { return e.c }
func (e *event) Fired() bool {
	select {
	case <-e.c:
		return true
	default:
		return false
	}
}

func New() *Server {
	return &Server{lis: map[net.Listener]bool{}, conns: map[net.Conn]bool{}, quit: newEvent()}
}

// Serve serves connections from l until the server is stopped.
func (s *Server) Serve(l net.Listener) error {
	s.mu.Lock()
	if s.lis == nil {
		s.mu.Unlock()
		return ErrStopped
	}
	s.lis[l] = true
	s.mu.Unlock()
	for {
		c, err := l.Accept()
		if err != nil {
			if ne, ok := err.(interface{ Temporary() bool }); ok && ne.Temporary() {
				select {
				case <-time.After(10 * time.Millisecond):
					continue
				case <-s.quit.Done():
					return nil
				}
			}
			if s.quit.Fired() {
				return nil
			}
			return err
		}
		s.mu.Lock()
		s.conns[c] = true
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.handle(c)
		}()
	}
}

func (s *Server) handle(c net.Conn) {
	buf := make([]byte, 512)
	for {
		if _, err := c.Read(buf); err != nil {
			return
		}
	}
}

// Stop closes the listeners and connections and waits for the handlers.
func (s *Server) Stop() {
	s.once.Do(func() {
		s.quit.Fire()
		s.mu.Lock()
		for l := range s.lis {
			l.Close()
		}
		for c := range s.conns {
			c.Close()
		}
		s.lis = nil
		s.mu.Unlock()
		s.wg.Wait()
	})
}

// Loose is a server whose Serve also returns nil when its listener is
// closed by anyone: a nil error does not say it was stopped.
type Loose struct {
	mu    sync.Mutex
	conns map[net.Conn]bool
	wg    sync.WaitGroup
	quit  chan struct{}
}

func NewLoose() *Loose { return &Loose{conns: map[net.Conn]bool{}, quit: make(chan struct{})} }

func (s *Loose) Serve(l net.Listener) error {
	for {
		c, err := l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		s.mu.Lock()
		s.conns[c] = true
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			select {
			case <-s.quit:
			}
			c.Close()
		}()
	}
}

func (s *Loose) Stop() {
	close(s.quit)
	s.wg.Wait()
}
