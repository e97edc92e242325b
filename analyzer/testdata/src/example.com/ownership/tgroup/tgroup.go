// Package tgroup is a WaitGroup whose goroutines run their functions
// through another package's catcher.
package tgroup

import (
	"sync"

	"example.com/ownership/catcher"
)

// A Group waits for the functions it runs.
type Group struct {
	wg sync.WaitGroup
	pc catcher.Catcher
}

// New returns an empty group.
func New() *Group { return &Group{} }

// Go runs f in a goroutine of the group.
func (g *Group) Go(f func()) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		g.pc.Try(f)
	}()
}

// Wait waits for every function the group runs.
func (g *Group) Wait() { g.wg.Wait() }
