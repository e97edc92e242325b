// Package closer returns values whose goroutine a function returned
// beside them stops: a cleanup, a cancel, a method value.
package closer

import "errors"

type Ticker struct {
	quit chan struct{}
	C    chan int
}

func (t *Ticker) run() {
	for n := 0; ; n++ {
		select {
		case <-t.quit:
			return
		case t.C <- n:
		}
	}
}

func (t *Ticker) Stop() { close(t.quit) }

func start() *Ticker {
	t := &Ticker{quit: make(chan struct{}), C: make(chan int)}
	go t.run()
	return t
}

// New returns a ticker and the cleanup that stops it.
func New() (*Ticker, func()) {
	t := start()
	return t, func() { t.Stop() }
}

// NewStop returns the ticker and its Stop as a method value.
func NewStop() (*Ticker, func()) {
	t := start()
	return t, t.Stop
}

// NewOrFail returns nothing running on its error.
func NewOrFail(ok bool) (*Ticker, func(), error) {
	if !ok {
		return nil, nil, errors.New("closer: not ok")
	}
	t := start()
	stop := func() { close(t.quit) }
	return t, stop, nil
}

// NewNoop returns a function that does not stop the ticker.
func NewNoop() (*Ticker, func()) {
	t := start()
	return t, func() {}
}
