// Package spin has a worker that spins until a flag under its lock says
// stop: Start returns at once and leaves it running.
package spin

import "sync"

// Spinner counts in the background.
type Spinner struct {
	mu       sync.Mutex
	stopping bool
	n        int
}

// New returns a stopped Spinner.
func New() *Spinner { return &Spinner{} }

// Start starts the worker.
func (s *Spinner) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	go s.spin()
}

func (s *Spinner) spin() {
	for {
		s.mu.Lock()
		if s.stopping {
			s.mu.Unlock()
			return
		}
		s.n++
		s.mu.Unlock()
	}
}

// Stop tells the worker to stop.
func (s *Spinner) Stop() {
	s.mu.Lock()
	s.stopping = true
	s.mu.Unlock()
}

// Count is how far it got.
func (s *Spinner) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}
