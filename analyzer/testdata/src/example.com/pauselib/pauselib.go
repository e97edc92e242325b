// Package pauselib blocks its callers on channels of its own: one that
// nothing in the package ever closes, and one that Resume closes.
package pauselib

import "sync"

var (
	paused  = make(chan struct{})
	resumed = make(chan struct{})
	once    sync.Once
)

// Pause blocks for ever: nothing closes or sends on paused.
func Pause() { <-paused }

// Wait blocks until Resume.
func Wait() { <-resumed }

// Resume ends every Wait.
func Resume() { once.Do(func() { close(resumed) }) }
