// Package keeper has a broker with a goroutine of its own and a node
// that takes the broker over: the node's Shutdown closes what SetBroker
// gave it.
package keeper

// Broker expires entries in a goroutine until it is closed.
type Broker struct{ done chan struct{} }

// NewBroker starts the broker's goroutine: the caller's to close.
func NewBroker() *Broker {
	b := &Broker{done: make(chan struct{})}
	go b.expire()
	return b
}

func (b *Broker) expire() { <-b.done }

// Close stops the broker.
func (b *Broker) Close() { close(b.done) }

// Node runs with a broker it owns once it is given one.
type Node struct{ broker *Broker }

// SetBroker hands b over to n.
func (n *Node) SetBroker(b *Broker) { n.broker = b }

// Shutdown closes the node's broker.
func (n *Node) Shutdown() {
	if n.broker != nil {
		n.broker.Close()
	}
}
