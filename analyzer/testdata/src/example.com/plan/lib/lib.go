// Package lib runs a handler until stopped, polling its stop channel
// between calls.
package lib

import "sync"

type Plan struct {
	Handler  func(int)
	stopCh   chan struct{}
	stopOnce sync.Once
}

func New() *Plan { return &Plan{stopCh: make(chan struct{})} } // want New:`own\(fresh\)`

func (p *Plan) Run() error { // want Run:`own\(recv recv\.stopCh; cancel recv\.Handler; fresh; opaque; never fails\)`
	for i := 0; !p.shouldStop(); i++ {
		if p.Handler != nil {
			p.Handler(i)
		}
	}
	return nil
}

func (p *Plan) Stop() { p.stopOnce.Do(func() { close(p.stopCh) }) } // want Stop:`own\(close recv\.stopCh\)`

func (p *Plan) shouldStop() bool {
	select {
	case <-p.stopCh:
		return true
	default:
		return false
	}
}
