// Package lender has an engine with a goroutine of its own, and helpers
// that only use an engine they are given, close it, or keep it: its
// facts tell a caller in another package which of them leave the engine
// to the caller.
package lender

import "testing"

// Engine serves until it is closed.
type Engine interface {
	Addr() string
	Close() error
}

type engine struct{ done chan struct{} }

func (e *engine) Addr() string { return "" }

func (e *engine) Close() error { close(e.done); return nil } // want Close:`own\(close recv.done; fresh; never fails\)`

func (e *engine) serve() { <-e.done }

// New starts an engine: the caller's to close.
func New() Engine { // want New:`owes stop Close result0 for example.com/ownership/lender/lender.go:26`
	e := &engine{done: make(chan struct{})}
	go e.serve()
	return e
}

// Check only reads e.
func Check(e Engine) bool { // want Check:`own\(borrows param0 calling Addr\)`
	return e.Addr() != ""
}

// Query lends e to Check, from a closure too: it borrows e as well.
func Query(e Engine, queries []string) int { // want Query:`own\(borrows param0 calling Addr\)`
	n := 0
	for _, q := range queries {
		func() {
			if q != "" && Check(e) {
				n++
			}
		}()
	}
	return n
}

// Finish closes e.
func Finish(e Engine) { _ = e.Close() } // want Finish:`stop param0`

// Pass gives e to Finish, which closes it.
func Pass(e Engine) { Finish(e) } // want Pass:`stop param0`

// Shut calls e's Close through a helper of its own that only borrows it
// by its effects but calls the owed method.
func Shut(e Engine) { closeEngine(e) } // want Shut:`stop param0`

func closeEngine(e Engine) {
	if e != nil {
		_ = e.Close()
	}
}

// A Pool keeps the engines it is given.
type Pool struct{ engines []Engine }

// Add keeps e in p.
func (p *Pool) Add(e Engine) { p.engines = append(p.engines, e) } // want Add:`keeps param0`

// Plan checks e in a subtest, through a local closure it only calls: it
// borrows e.
func Plan(t *testing.T, e Engine) { // want Plan:`own\(borrows param1 calling Addr\)`
	check := func(t *testing.T) {
		if !Check(e) {
			t.Error("no addr")
		}
	}
	t.Run("addr", func(t *testing.T) { check(t) })
}

// Later returns a closure that uses e after the call: e goes with it.
func Later(e Engine) func() bool {
	return func() bool { return Check(e) }
}

// Async checks e in a goroutine of its own: e goes with it.
func Async(e Engine, done chan<- bool) { // want Async:`own\(starts; owes recv param1 for example.com/ownership/lender/lender.go:88\)`
	go func() { done <- Check(e) }()
}

// Poke calls e's methods in a goroutine of its own: that uses e, it does
// not take it over.
func Poke(e Engine) { // want Poke:`own\(starts; borrows param0 calling Addr\)`
	go func() { _ = e.Addr() }()
}
