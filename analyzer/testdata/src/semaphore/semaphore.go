// Package semaphore is a store whose flush loop takes a token of a disk
// semaphore its owner lends it, and gives it back: a wait for its peers,
// which no stop of the store need release.
package semaphore

import (
	"errors"
	"sync/atomic"
	"time"
)

var tickCount int

// A loop that takes a token of a semaphore and gives it back (d.acquire()
// is <-d.ch, d.release() is d.ch <- struct{}{}) waits for its peers' tokens
// as it would for a lock: a stop need not release that wait, only the
// loop's own. Nor a wait a timer ends (select { case <-quit: case
// <-time.After(d): }).

type ioSem struct {
	ch      chan struct{}
	waiters atomic.Int64
	waits   atomic.Uint64
}

func newIOSem(n int) *ioSem {
	d := &ioSem{ch: make(chan struct{}, n)}
	for range n {
		d.ch <- struct{}{}
	}
	return d
}

func (d *ioSem) acquire() {
	select {
	case <-d.ch:
		return
	default:
		d.waiters.Add(1)
		start := time.Now()
		<-d.ch
		d.waiters.Add(-1)
		d.countWait(uint64(time.Since(start)))
	}
}

func (d *ioSem) countWait(ns uint64) {
	for {
		cur := d.waits.Load()
		if ns <= cur || d.waits.CompareAndSwap(cur, ns) {
			return
		}
	}
}

func (d *ioSem) release() { d.ch <- struct{}{} }

type semOwner struct {
	quit chan struct{}
	dios *ioSem
}

type semStore struct {
	dios  *ioSem
	owner *semOwner
	qch   chan struct{}
	done  chan struct{}
}

func newSemStore(owner *semOwner) *semStore {
	fs := &semStore{dios: owner.dios, owner: owner, qch: make(chan struct{}), done: make(chan struct{})}
	go fs.flushLoop(fs.qch, fs.done) // want `goroutine running fs.flushLoop is handed on to the caller, but reopenUnstopped drops it`
	return fs
}

func (fs *semStore) flushLoop(qch, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if err := fs.write(); err != nil {
				return
			}
		case <-qch:
			return
		}
	}
}

func (fs *semStore) write() error {
	fs.dios.acquire()
	tickCount++
	fs.dios.release()
	select {
	case <-fs.owner.quit:
		return errors.New("owner quit")
	case <-time.After(time.Millisecond):
	}
	return nil
}

func (fs *semStore) stop(wait bool) {
	close(fs.qch)
	if wait {
		done := fs.done
		<-done
	}
}

func (fs *semStore) Stop() { fs.stop(true) }

func reopenStopped(owner *semOwner) {
	fs := newSemStore(owner)
	fs.stop(false)
	fs = newSemStore(owner)
	defer fs.Stop()
}

func reopenUnstopped(owner *semOwner) {
	fs := newSemStore(owner) // want `the result of newSemStore is not stopped before the assignment at line \d+ overwrites fs`
	fs.write()
	fs = newSemStore(owner)
	defer fs.Stop()
}
