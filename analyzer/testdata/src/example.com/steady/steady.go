// Package steady holds a shape whose report must not change from run to
// run: a broker's loop leaves at any of three cases of two selects, on
// the channel its caller gives and on a signal of another package's
// making. Its caller is told to call the broker's own stop, CloseNow,
// whichever case the pass meets first.
package steady

import (
	"context"
	"errors"

	"example.com/steady/shut"
)

type broker struct {
	in   <-chan int
	outs []chan int
	sig  *shut.Signal
}

func newBroker(n int) *broker {
	b := &broker{sig: shut.New()}
	for range n {
		b.outs = append(b.outs, make(chan int))
	}
	return b
}

func (b *broker) Consume(in <-chan int) error { // want Consume:`own\(starts; keeps param0; owes stop CloseNow recv for \S+:34 exits close recv\.outs\.\[\], close recv\.sig\.done if \(recv\.in != nil\) is false\)`
	if b.in != nil {
		return errors.New("already started")
	}
	b.in = in
	go b.loop() // want `goroutine running b.loop is handed on to the caller, but feed drops it at line 84: call its CloseNow method there on every path \(defer it\)`
	return nil
}

func (b *broker) loop() {
	defer func() {
		for _, c := range b.outs {
			close(c)
		}
		b.sig.Stopped()
	}()
	i := 0
	for {
		var v int
		var open bool
		select {
		case v, open = <-b.in:
			if !open {
				return
			}
		case <-b.sig.HardStopChan():
			return
		}
		select {
		case <-b.sig.HardStopChan():
			return
		case b.outs[i] <- v:
		}
		i = (i + 1) % len(b.outs)
	}
}

func (b *broker) CloseNow() { b.sig.HardStop() } // want CloseNow:`own\(close recv\.sig\.hard\)`

func (b *broker) WaitForClose(ctx context.Context) error { // want WaitForClose:`own\(blocks\(recv recv\.sig\.done \| done param0\); recv recv\.sig\.done\)`
	select {
	case <-b.sig.StoppedChan():
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (b *broker) Out(i int) <-chan int { return b.outs[i] }

// feed stops the broker at its end, but not when the first value is not
// taken.
func feed(vals []int) bool {
	in := make(chan int)
	b := newBroker(1)
	if err := b.Consume(in); err != nil { // want `the receiver of \(\*broker\).Consume is not stopped on every path: the return at line 89 skips it, so the goroutine started at example.com/steady/steady.go:34 \(b.loop\) is never joined: call its CloseNow method`
		return false
	}
	in <- vals[0]
	if <-b.Out(0) != vals[0] {
		return false
	}
	b.CloseNow()
	return true
}
