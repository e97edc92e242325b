// Package steady holds a shape whose verdict must not change from run to
// run: a broker's loop leaves at any of three cases of two selects, on
// the channel its caller gives and on a signal of another package's
// making, which the broker holds but did not make (it may be shared).
// Nothing is owed that the broker alone can discharge, whichever case the
// pass meets first (the old walk, taking the cases in a map's order, told
// the caller to stop the signal in some runs).
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

func (b *broker) Consume(in <-chan int) error { // want Consume:`own\(starts; keeps param0\)`
	if b.in != nil {
		return errors.New("already started")
	}
	b.in = in
	go b.loop()
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

// feed stops the broker at its end, not on its early returns; what the
// loop waits on may be closed by others too, so nothing is owed and
// nothing reported.
func feed(vals []int) bool {
	in := make(chan int)
	b := newBroker(1)
	if err := b.Consume(in); err != nil {
		return false
	}
	in <- vals[0]
	if <-b.Out(0) != vals[0] {
		return false
	}
	b.CloseNow()
	return true
}
