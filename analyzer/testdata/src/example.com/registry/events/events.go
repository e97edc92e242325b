// Package events is a bus that keeps the channels it is given and closes
// them all when it is closed: a goroutine ranging over one is stopped by
// the bus's Close.
package events

import "sync"

type Bus struct {
	mu     sync.Mutex
	subs   []chan string
	byName map[string]chan int
	closed bool
}

func New() *Bus { return &Bus{byName: make(map[string]chan int)} } // want New:`own\(fresh\)`

// Notify registers ch and returns it.
func (b *Bus) Notify(ch chan string) chan string { // want Notify:`own\(close param0; returns param0; keeps param0; registers param0 in recv\.subs\.\[\]\)`
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		close(ch)
		return ch
	}
	b.subs = append(b.subs, ch)
	return ch
}

// Watch registers ch under a name.
func (b *Bus) Watch(name string, ch chan int) { // want Watch:`own\(keeps param1; registers param1 in recv\.byName\.\[\]\)`
	b.mu.Lock()
	defer b.mu.Unlock()
	b.byName[name] = ch
}

// Close closes every registered channel.
func (b *Bus) Close() { // want Close:`own\(close recv\.subs\.\[\]; close recv\.byName\.\[\]\)`
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closeAll()
}

func (b *Bus) closeAll() {
	for _, ch := range b.subs {
		close(ch)
	}
	for _, ch := range b.byName {
		close(ch)
	}
	b.subs, b.closed = nil, true
}

// Flush closes nothing: it only forgets the subscribers.
func (b *Bus) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs = nil
}

func use(string) {}

// Within the package: a range over a channel the bus closes.
func logUntilClosed() {
	b := New()
	defer b.Close()
	ev := b.Notify(make(chan string))
	go func() {
		for e := range ev {
			use(e)
		}
	}()
}

// The bus is flushed, not closed: the range goes on.
func logFlushed() { // want logFlushed:`spawns\(go statement at \S+:79\)`
	b := New()
	defer b.Flush()
	ev := b.Notify(make(chan string))
	go func() { // want `goroutine is never joined, so it can outlive logFlushed`
		for e := range ev {
			use(e)
		}
	}()
}
