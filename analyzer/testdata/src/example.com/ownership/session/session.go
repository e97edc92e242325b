// Package session has a Start that never fails and one that may, for the
// ownership tests: a caller's error branch after the first is dead code.
package session

import (
	"errors"
	"sync"
)

// Session is started once.
type Session struct {
	mu      sync.Mutex
	started bool
}

// Start records the start; its error is nil on every return.
func (s *Session) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started {
		return nil
	}
	s.started = true
	return nil
}

// Strict fails when the session was started before.
type Strict struct{ started bool }

// Start fails on a second start.
func (s *Strict) Start() error {
	if s.started {
		return errors.New("started twice")
	}
	s.started = true
	return nil
}
