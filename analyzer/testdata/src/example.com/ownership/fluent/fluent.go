// Package fluent has a pump whose Start returns its receiver, for a
// chain: New().Start() owes what the new pump owes.
package fluent

// Pump sends numbers until it is closed.
type Pump struct {
	out  chan int
	quit chan struct{}
}

// New returns a pump that is not yet running.
func New() *Pump { return &Pump{out: make(chan int), quit: make(chan struct{})} }

// Start runs the pump and returns it.
func (p *Pump) Start() *Pump {
	go p.run() // want `goroutine running p.run is handed on to the caller`
	return p
}

func (p *Pump) run() {
	for i := 0; ; i++ {
		select {
		case p.out <- i:
		case <-p.quit:
			return
		}
	}
}

// Out is what the pump sends.
func (p *Pump) Out() <-chan int { return p.out }

// Close stops the pump.
func (p *Pump) Close() { close(p.quit) }
