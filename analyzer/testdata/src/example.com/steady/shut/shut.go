// Package shut is a shutdown signal of another package: its effects reach
// the broker's package as facts.
package shut

import "sync"

// Signal tells its owner's goroutines to stop, and its owner's caller
// when they have.
type Signal struct {
	hard     chan struct{}
	hardOnce sync.Once
	done     chan struct{}
	doneOnce sync.Once
}

func New() *Signal { return &Signal{hard: make(chan struct{}), done: make(chan struct{})} } // want New:`own\(fresh\)`

func (s *Signal) HardStop() { s.hardOnce.Do(func() { close(s.hard) }) } // want HardStop:`own\(close recv\.hard\)`

func (s *Signal) HardStopChan() <-chan struct{} { return s.hard } // want HardStopChan:`own\(returns recv\.hard\)`

func (s *Signal) Stopped() { s.doneOnce.Do(func() { close(s.done) }) } // want Stopped:`own\(close recv\.done\)`

func (s *Signal) StoppedChan() <-chan struct{} { return s.done } // want StoppedChan:`own\(returns recv\.done\)`
