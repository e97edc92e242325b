// Package user runs a plan of another package whose Run calls a handler
// held in an exported field: a wait the pass cannot read there, so not
// here either, and a deferred Stop stops it.
package user

import (
	"errors"
	"sync"

	plan "example.com/plan/lib"
)

var busy bool

func runPlan(seen chan int) error {
	p := plan.New()
	p.Handler = func(i int) { seen <- i }
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		p.Run()
	}()
	defer p.Stop()
	if busy {
		return errors.New("busy")
	}
	p.Stop()
	wg.Wait()
	return nil
}

func runPlanUnstopped(seen chan int) error { // want runPlanUnstopped:`spawns\(go statement at example.com/plan/user/user.go:\d+\)`
	p := plan.New()
	p.Handler = func(i int) { seen <- i }
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine is not joined on every path: the return at line \d+ skips wg.Wait\(\)`
		defer wg.Done()
		p.Run()
	}()
	if busy {
		return errors.New("busy")
	}
	p.Stop()
	wg.Wait()
	return nil
}
