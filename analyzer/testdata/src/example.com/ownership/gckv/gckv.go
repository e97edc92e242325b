// Package gckv is a store whose writer goroutine Close stops, and whose
// collection request waits for the writer's answer.
package gckv

import "errors"

type DB struct {
	work chan chan error
	quit chan struct{}
}

func Open() *DB {
	db := &DB{work: make(chan chan error), quit: make(chan struct{})}
	go db.writer()
	return db
}

func (db *DB) writer() {
	for {
		select {
		case reply := <-db.work:
			reply <- errors.New("gckv: nothing to collect")
		case <-db.quit:
			return
		}
	}
}

// Collect asks the writer for a collection.
func (db *DB) Collect() error {
	reply := make(chan error, 1)
	select {
	case db.work <- reply:
		return <-reply
	case <-db.quit:
		return errors.New("gckv: closed")
	}
}

func (db *DB) Close() { close(db.quit) }
